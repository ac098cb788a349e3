"""The demo TOP gateway over real HTTP on 127.0.0.1: protocol checks, paging rules, the
demo-only methods, admin endpoints and every fault switch."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
import requests

from shopwatch.connectors.top_sign import format_timestamp, sign
from shopwatch.demo.marketplace import Marketplace
from shopwatch.demo.server import DemoServer, Faults

FIELDS = "num_iid,title,price,num,modified,approve_status"


@pytest.fixture(scope="module")
def market() -> Marketplace:
    return Marketplace(seed=7)


@pytest.fixture(scope="module")
def server(market: Marketplace) -> Iterator[DemoServer]:
    with DemoServer(market) as srv:
        yield srv
    assert not srv.errors, srv.errors


@pytest.fixture(scope="module")
def http() -> Iterator[requests.Session]:
    with requests.Session() as s:
        yield s


@pytest.fixture(autouse=True)
def _fresh(server: DemoServer, market: Marketplace) -> Iterator[None]:
    server.clear_faults()
    if market.day:
        market.set_day(0)
    yield
    server.clear_faults()


def params_for(
    market: Marketplace,
    method: str,
    *,
    sign_method: str = "md5",
    timestamp: str | None = None,
    secret: str | None = None,
    **business: Any,
) -> dict[str, str]:
    params = {
        "method": method,
        "app_key": market.app_key,
        "session": market.session,
        "timestamp": timestamp or format_timestamp(datetime.now(timezone.utc)),
        "v": "2.0",
        "format": "json",
        "sign_method": sign_method,
        **{k: str(v) for k, v in business.items()},
    }
    params["sign"] = sign(params, secret or market.app_secret, sign_method)
    return params


def call(http: requests.Session, server: DemoServer, method: str, **kw: Any) -> dict[str, Any]:
    """POST every parameter in the form body; returns the decoded JSON."""
    r = http.post(server.endpoint, data=params_for(server.marketplace, method, **kw), timeout=5)
    assert r.status_code == 200, r.text
    return r.json()


def body(resp: dict[str, Any], method: str) -> dict[str, Any]:
    key = method.removeprefix("taobao.").replace(".", "_") + "_response"
    assert key in resp, resp
    assert resp[key]["request_id"]
    return resp[key]


def error(resp: dict[str, Any]) -> dict[str, Any]:
    assert "error_response" in resp, resp
    assert resp["error_response"]["request_id"]
    return resp["error_response"]


ONSALE = "taobao.items.onsale.get"
INVENTORY = "taobao.items.inventory.get"
ITEM = "taobao.item.seller.get"


# ---------------------------------------------------------------- protocol
def test_onsale_page_shape(http, server, market) -> None:
    out = body(call(http, server, ONSALE, fields="num_iid,title,price"), ONSALE)
    assert out["total_results"] == len(market.onsale_items())
    items = out["items"]["item"]
    assert len(items) == 40  # default page size
    assert all(set(i) == {"num_iid", "title", "price"} for i in items)
    assert isinstance(items[0]["num_iid"], int) and isinstance(items[0]["price"], str)
    # default order list_time:desc
    full = {i["num_iid"]: i for i in market.onsale_items()}
    times = [full[i["num_iid"]]["list_time"] for i in items]
    assert times == sorted(times, reverse=True)


@pytest.mark.parametrize("sign_method", ["md5", "hmac", "hmac-sha256"])
def test_signature_methods(http, server, sign_method) -> None:
    good = call(http, server, ONSALE, fields=FIELDS, page_size=1, sign_method=sign_method)
    assert body(good, ONSALE)["total_results"] > 0
    bad = call(http, server, ONSALE, fields=FIELDS, sign_method=sign_method, secret="0" * 32)
    assert error(bad)["code"] == 25


def test_signature_covers_every_parameter(http, server, market) -> None:
    params = params_for(market, ONSALE, fields=FIELDS, page_size=5)
    params["page_size"] = "6"  # tampered after signing
    assert error(http.post(server.endpoint, data=params).json())["code"] == 25
    params = params_for(market, ONSALE, fields=FIELDS)
    del params["sign"]
    assert error(http.post(server.endpoint, data=params).json())["code"] == 24
    params = params_for(market, ONSALE, fields=FIELDS)
    params["sign_method"] = "sha1"  # a method the gateway does not know
    assert error(http.post(server.endpoint, data=params).json())["code"] == 25


def test_timestamp_forms_and_skew(http, server) -> None:
    now = datetime.now(timezone.utc)
    epoch_ms = str(int(now.timestamp() * 1000))
    for ts in (format_timestamp(now), epoch_ms, format_timestamp(now - timedelta(minutes=9))):
        assert "error_response" not in call(http, server, ONSALE, fields=FIELDS, timestamp=ts)
    for ts in (
        format_timestamp(now - timedelta(minutes=11)),
        format_timestamp(now + timedelta(minutes=11)),
        str(int((now - timedelta(minutes=30)).timestamp() * 1000)),
        "yesterday",
    ):
        err = error(call(http, server, ONSALE, fields=FIELDS, timestamp=ts))
        assert err["code"] == 31 and err["msg"] == "Invalid timestamp", ts


def test_params_in_query_body_split_or_get(http, server, market) -> None:
    params = params_for(market, ONSALE, fields=FIELDS, page_size=3)
    system = {"method", "app_key", "session", "timestamp", "v", "format", "sign_method", "sign"}
    query = {k: v for k, v in params.items() if k in system}
    form = {k: v for k, v in params.items() if k not in system}
    answers = [
        http.post(server.endpoint, data=params),
        http.post(server.endpoint, params=params),
        http.post(server.endpoint, params=query, data=form),  # what the official SDKs do
        http.get(server.endpoint, params=params),
    ]
    pages = [body(r.json(), ONSALE)["items"]["item"] for r in answers]
    assert all(len(p) == 3 and p == pages[0] for p in pages)


def test_chinese_parameters_are_signed_as_utf8(http, server, market) -> None:
    word = "围巾"
    out = body(call(http, server, ONSALE, fields=FIELDS, q=word, page_size=200), ONSALE)
    expected = [i for i in market.onsale_items() if word in i["title"]]
    assert out["total_results"] == len(expected) > 0


def test_system_parameter_errors(http, server, market) -> None:
    assert error(call(http, server, ONSALE, fields=FIELDS, session="6100nope"))["sub_code"] == (
        "invalid-sessionkey"
    )
    assert error(call(http, server, "taobao.trades.sold.get"))["code"] == 22
    params = params_for(market, ONSALE, fields=FIELDS)
    params["app_key"] = "demo00000000"
    err = error(http.post(server.endpoint, data=params).json())
    assert (err["code"], err["msg"]) == (29, "Invalid app Key")
    for key, code in (
        ("method", 21),
        ("app_key", 28),
        ("timestamp", 30),
        ("v", 32),
        ("session", 26),
    ):
        params = params_for(market, ONSALE, fields=FIELDS)
        del params[key]
        params["sign"] = sign(params, market.app_secret)
        assert error(http.post(server.endpoint, data=params).json())["code"] == code, key
    params = params_for(market, ONSALE, fields=FIELDS)
    params["format"] = "xml"
    params["sign"] = sign(params, market.app_secret)
    assert error(http.post(server.endpoint, data=params).json())["code"] == 23
    assert error(call(http, server, ONSALE))["code"] == 40  # fields is required


# ---------------------------------------------------------------- paging rules
def test_page_size_limits_and_20000_rule(http, server) -> None:
    err = error(call(http, server, ONSALE, fields=FIELDS, page_size=201))
    assert (err["code"], err["sub_code"]) == (41, "isv.invalid-parameter:page_size")
    assert "items" in body(call(http, server, ONSALE, fields=FIELDS, page_size=200), ONSALE)
    err = error(call(http, server, ONSALE, fields=FIELDS, page_size=200, page_no=101))
    assert err == {
        **err,
        "code": 41,
        "msg": "Invalid Arguments",
        "sub_code": "isv.invalid-parameter:page_no",
        "sub_msg": "page_no * page_size must not exceed 20000",
    }
    # exactly 20,000 is still allowed (an empty page: no "items")
    out = body(call(http, server, ONSALE, fields=FIELDS, page_size=200, page_no=100), ONSALE)
    assert "items" not in out and out["total_results"] > 0
    err = error(call(http, server, INVENTORY, fields=FIELDS, page_size=1, page_no=102))
    assert err["sub_code"] == "isv.invalid-parameter:page_no"
    assert error(call(http, server, ONSALE, fields=FIELDS, order_by="title:up"))["code"] == 41


def test_full_read_in_modified_order_is_complete(http, server, market) -> None:
    seen: list[dict[str, Any]] = []
    page = 1
    while True:
        out = body(
            call(
                http,
                server,
                ONSALE,
                fields=FIELDS,
                page_size=37,
                page_no=page,
                order_by="modified:desc",
            ),
            ONSALE,
        )
        if "items" not in out:
            break
        seen.extend(out["items"]["item"])
        page += 1
    ids = [i["num_iid"] for i in seen]
    assert len(ids) == len(set(ids)) == out["total_results"] == len(market.onsale_items())
    keys = [(i["modified"], i["num_iid"]) for i in seen]
    assert keys == sorted(keys, reverse=True)


def test_modified_window(http, server, market) -> None:
    mods = sorted(i["modified"] for i in market.onsale_items())
    start, end = mods[50], mods[120]
    expected = sorted(
        (i["modified"], i["num_iid"])
        for i in market.onsale_items()
        if start <= i["modified"] <= end
    )
    out = body(
        call(
            http,
            server,
            ONSALE,
            fields=FIELDS,
            page_size=200,
            order_by="modified:asc",
            start_modified=start,
            end_modified=end,
        ),
        ONSALE,
    )
    got = [(i["modified"], i["num_iid"]) for i in out["items"]["item"]]
    assert got == expected and out["total_results"] == len(expected) == 71  # bounds inclusive
    err = error(call(http, server, ONSALE, fields=FIELDS, start_modified="2026/01/01"))
    assert err["sub_code"] == "isv.invalid-parameter:start_modified"


def test_inventory_banners(http, server, market) -> None:
    market.set_day(10)

    def ids(**kw: Any) -> set[int]:
        out = body(call(http, server, INVENTORY, fields=FIELDS, page_size=200, **kw), INVENTORY)
        return {i["num_iid"] for i in out.get("items", {}).get("item", [])}

    shelved = ids()  # default: for_shelved
    assert shelved == {i["num_iid"] for i in market.inventory_items("for_shelved")}
    assert ids(banner="violation_off_shelf") == market.violation_ids() != set()
    both = ids(banner="sold_out,violation_off_shelf")
    assert both == market.violation_ids() | {
        i["num_iid"] for i in market.inventory_items("sold_out")
    }
    assert ids(banner="off_shelf,for_shelved") == shelved  # overlapping banners: no duplicates
    assert error(call(http, server, INVENTORY, fields=FIELDS, banner="nope"))["code"] == 41


def test_item_lookup(http, server, market) -> None:
    market.set_day(10)
    live = market.onsale_items()[0]["num_iid"]
    out = body(
        call(http, server, ITEM, num_iid=live, fields="num_iid,title,approve_status,detail_url"),
        ITEM,
    )
    assert out["item"]["approve_status"] == "onsale" and str(live) in out["item"]["detail_url"]
    violated = next(iter(market.violation_ids()))
    out = body(call(http, server, ITEM, num_iid=violated, fields="approve_status,violation"), ITEM)
    assert out["item"] == {"num_iid": violated, "approve_status": "instock", "violation": True}
    for gone in (next(iter(market.deleted_ids())), 123):
        err = error(call(http, server, ITEM, num_iid=gone, fields="title"))
        assert (err["code"], err["msg"]) == (15, "Remote service error")
        assert err["sub_code"] == "isv.item-is-delete:invalid-numIid-or-iid"
        assert err["sub_msg"] == "该商品已被删除"
    assert error(call(http, server, ITEM, fields="title"))["code"] == 40


# ---------------------------------------------------------------- demo-only methods
def test_notices_method(http, server, market) -> None:
    method = "shopwatch.demo.notices.get"
    out = body(call(http, server, method), method)
    assert out == {"total_results": 0, "request_id": out["request_id"]}
    market.set_day(10)
    total = len(market.notices())
    got: list[dict[str, Any]] = []
    for page in (1, 2, 3):
        out = body(call(http, server, method, page_no=page, page_size=10), method)
        got.extend(out.get("notices", {}).get("notice", []))
    assert out["total_results"] == total == len(got)
    assert sorted(n["notice_id"] for n in got) == sorted(n["notice_id"] for n in market.notices())
    assert [n["issued_at"] for n in got] == sorted((n["issued_at"] for n in got), reverse=True)
    assert set(got[0]) == {
        "notice_id",
        "kind",
        "category",
        "severity",
        "points",
        "num_iid",
        "title",
        "content",
        "issued_at",
        "appeal_deadline",
        "status",
    }
    assert error(call(http, server, method, page_size=101))["code"] == 41


def test_metrics_method(http, server, market) -> None:
    method = "shopwatch.demo.metrics.get"
    market.set_day(2)
    out = body(call(http, server, method, start_date="2026-11-03", page_size=1000), method)
    expected = market.metrics(since=datetime(2026, 11, 3).date())
    assert out["total_results"] == len(expected) and out["metrics"]["metric"] == expected[:1000]
    assert body(call(http, server, method), method)["total_results"] == len(market.metrics())
    assert error(call(http, server, method, page_size=1001))["code"] == 41
    assert error(call(http, server, method, start_date="3 Nov"))["code"] == 41


# ---------------------------------------------------------------- faults
def test_error_on_page_fires_times_then_clears(http, server) -> None:
    server.set_faults(error_on_page=2, times=1)
    assert "error_response" not in call(http, server, ONSALE, fields=FIELDS, page_no=1)
    err = error(call(http, server, ONSALE, fields=FIELDS, page_no=2))
    assert (err["code"], err["sub_code"]) == (15, "isp.remote-service-error")
    assert "error_response" not in call(http, server, ONSALE, fields=FIELDS, page_no=2)
    assert server.faults == Faults()


def test_error_code_is_configurable_and_every_time_without_times(http, server) -> None:
    server.set_faults(
        error_on_page=1,
        error_code=41,
        error_msg="Invalid Arguments",
        error_sub_code="isv.invalid-parameter:fields",
        error_sub_msg="bad",
    )
    for _ in range(3):
        assert error(call(http, server, INVENTORY, fields=FIELDS))["sub_code"] == (
            "isv.invalid-parameter:fields"
        )
    # not a list method: item look-ups are untouched by page faults
    live = server.marketplace.onsale_items()[0]["num_iid"]
    assert "error_response" not in call(http, server, ITEM, num_iid=live, fields="title")


def test_fault_method_targets_one_method(http, server, market) -> None:
    live = market.onsale_items()[0]["num_iid"]
    server.set_faults(error_on_page=1, fault_method=ITEM, times=2)
    assert "error_response" not in call(http, server, ONSALE, fields=FIELDS)
    assert error(call(http, server, ITEM, num_iid=live, fields="title"))["code"] == 15
    assert error(call(http, server, ITEM, num_iid=live, fields="title"))["code"] == 15
    assert "error_response" not in call(http, server, ITEM, num_iid=live, fields="title")


def test_http_500(http, server, market) -> None:
    server.set_faults(http_500_on_page=1, times=1)
    r = http.post(server.endpoint, data=params_for(market, ONSALE, fields=FIELDS))
    assert r.status_code == 500 and r.headers["Content-Type"].startswith("text/html")
    assert call(http, server, ONSALE, fields=FIELDS)


def test_http_429_with_retry_after(http, server, market) -> None:
    server.set_faults(http_429_retry_after=3, times=1)
    r = http.post(server.endpoint, data=params_for(market, INVENTORY, fields=FIELDS))
    assert r.status_code == 429 and r.headers["Retry-After"] == "3"
    assert r.json()["error_response"]["code"] == 7
    assert "error_response" not in call(http, server, INVENTORY, fields=FIELDS)


def test_slow_page_and_client_timeout(http, server, market) -> None:
    server.set_faults(slow_page=2, slow_seconds=0.4)
    t0 = time.monotonic()
    call(http, server, ONSALE, fields=FIELDS, page_no=1)
    assert time.monotonic() - t0 < 0.3
    t0 = time.monotonic()
    assert call(http, server, ONSALE, fields=FIELDS, page_no=2)
    assert time.monotonic() - t0 >= 0.38
    with pytest.raises(requests.exceptions.ReadTimeout):
        requests.post(
            server.endpoint, data=params_for(market, ONSALE, fields=FIELDS, page_no=2), timeout=0.15
        )


def test_short_page_and_count_mismatch(http, server, market) -> None:
    server.set_faults(short_page=2, short_by=3)
    total = len(market.onsale_items())
    p1 = body(call(http, server, ONSALE, fields=FIELDS, page_size=50), ONSALE)
    p2 = body(call(http, server, ONSALE, fields=FIELDS, page_size=50, page_no=2), ONSALE)
    assert len(p1["items"]["item"]) == 50 and len(p2["items"]["item"]) == 47
    assert p2["total_results"] == total
    server.set_faults(count_mismatch=-2, times=2)
    for page in (1, 2):
        out = body(call(http, server, ONSALE, fields=FIELDS, page_no=page), ONSALE)
        assert out["total_results"] == total - 2
    assert body(call(http, server, ONSALE, fields=FIELDS), ONSALE)["total_results"] == total


def test_ban(http, server) -> None:
    server.set_faults(ban_seconds=0.4)
    err = error(call(http, server, ONSALE, fields=FIELDS))
    assert (err["code"], err["msg"]) == (7, "App Call Limited")
    assert err["sub_msg"] == "This ban will last for 1 more seconds"
    assert error(call(http, server, ITEM, num_iid=1, fields="title"))["code"] == 7  # any method
    time.sleep(0.45)
    assert "error_response" not in call(http, server, ONSALE, fields=FIELDS)
    server.set_faults(ban_seconds=60, times=1)  # a ban can also be cut short by times
    assert error(call(http, server, ONSALE, fields=FIELDS))["sub_msg"] == (
        "This ban will last for 60 more seconds"
    )
    assert "error_response" not in call(http, server, ONSALE, fields=FIELDS)


def test_expired_session(http, server, market) -> None:
    server.set_faults(expired_session=True)
    for method, extra in ((ONSALE, {}), (ITEM, {"num_iid": 1}), ("shopwatch.demo.notices.get", {})):
        err = error(call(http, server, method, fields=FIELDS, **extra))
        assert (err["code"], err["sub_code"]) == (27, "invalid-sessionkey")
    server.clear_faults()
    assert "error_response" not in call(http, server, ONSALE, fields=FIELDS)


def test_reset_mid_body(http, server, market) -> None:
    server.set_faults(reset_mid_body_page=1, times=1)
    with pytest.raises(requests.exceptions.RequestException):
        requests.post(server.endpoint, data=params_for(market, ONSALE, fields=FIELDS), timeout=5)
    assert "error_response" not in call(http, server, ONSALE, fields=FIELDS)


def test_invalid_json(http, server, market) -> None:
    server.set_faults(invalid_json_page=3, times=1)
    r = http.post(server.endpoint, data=params_for(market, ONSALE, fields=FIELDS, page_no=3))
    assert r.status_code == 200
    with pytest.raises(ValueError):
        r.json()
    assert body(call(http, server, ONSALE, fields=FIELDS, page_no=3), ONSALE)


def test_faults_can_be_mutated_in_place(http, server) -> None:
    server.faults.error_on_page = 1
    assert error(call(http, server, ONSALE, fields=FIELDS))["code"] == 15
    with pytest.raises(TypeError):
        server.set_faults(no_such_switch=True)


# ---------------------------------------------------------------- admin, counters, lifecycle
def test_admin_endpoints(http, server, market) -> None:
    base = server.endpoint.removesuffix("/router/rest")
    state = http.get(f"{base}/demo/state").json()
    assert state["day"] == 0 and state["today"] == "2026-11-02"
    assert sum(state["listings"].values()) == 300
    out = http.post(f"{base}/demo/advance", json={"days": 3}).json()
    assert out["day"] == 3 and market.day == 3
    assert {e["kind"] for e in out["events"]} >= {"deleted", "penalty", "seller_edit"}
    assert http.post(f"{base}/demo/advance").json()["day"] == 4
    assert http.post(f"{base}/demo/day", json={"day": 1}).json()["day"] == 1
    assert market.day == 1
    r = http.post(f"{base}/demo/faults", json={"error_on_page": 2, "times": 1})
    assert r.json()["faults"]["error_on_page"] == 2 and server.faults.times == 1
    assert http.post(f"{base}/demo/faults", json={}).json()["faults"] == vars(Faults())
    assert server.faults == Faults()
    assert http.post(f"{base}/demo/faults", json={"bogus": 1}).status_code == 400
    assert http.post(f"{base}/demo/day", json={}).status_code == 400
    assert http.get(f"{base}/demo/nothing").status_code == 404
    assert http.get(f"{base}/elsewhere").status_code == 404


def test_counters(http, server, market) -> None:
    server.reset_counts()
    call(http, server, ONSALE, fields=FIELDS)
    call(http, server, ONSALE, fields=FIELDS, page_no=2)
    call(http, server, INVENTORY, fields=FIELDS)
    http.get(server.endpoint.removesuffix("/router/rest") + "/demo/state")  # admin: not counted
    assert server.request_count == 3
    assert server.method_counts == {ONSALE: 2, INVENTORY: 1}


def test_concurrent_clients_while_the_day_advances(server, market) -> None:
    def worker(n: int) -> list[dict[str, Any]]:
        with requests.Session() as s:
            out = []
            for page in range(1, 8):
                method = (ONSALE, INVENTORY, "shopwatch.demo.notices.get")[(n + page) % 3]
                params = params_for(market, method, fields=FIELDS, page_no=page, page_size=20)
                out.append(s.post(server.endpoint, data=params, timeout=5).json())
            return out

    base = server.endpoint.removesuffix("/router/rest")
    with ThreadPoolExecutor(max_workers=6) as pool:
        futures = [pool.submit(worker, n) for n in range(6)]
        for _ in range(3):
            assert requests.post(f"{base}/demo/advance", timeout=5).status_code == 200
        answers = [a for f in futures for a in f.result()]
    assert len(answers) == 42 and all("error_response" not in a for a in answers)
    assert market.day == 3 and not server.errors


def test_lifecycle() -> None:
    with pytest.raises(ValueError):
        DemoServer(Marketplace(n_listings=5), host="0.0.0.0")
    srv = DemoServer(Marketplace(n_listings=5)).start()
    try:
        assert srv.port > 0 and srv.endpoint == f"http://127.0.0.1:{srv.port}/router/rest"
        with requests.Session() as s:  # a keep-alive connection left open must not block stop()
            assert s.get(srv.endpoint).status_code == 200
            t0 = time.monotonic()
            srv.stop()
            assert time.monotonic() - t0 < 2
    finally:
        srv.stop()
    srv.stop()  # idempotent
    m = Marketplace(n_listings=5)
    with DemoServer(m, faults=Faults(error_on_page=1, times=1)) as srv:
        params = params_for(m, ONSALE, fields=FIELDS)
        assert requests.post(srv.endpoint, data=params).json()["error_response"]["code"] == 15
        params = params_for(m, ONSALE, fields=FIELDS)
        assert requests.post(srv.endpoint, data=params).json()["items_onsale_get_response"][
            "total_results"
        ] == len(m.onsale_items())
