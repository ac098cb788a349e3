"""TaobaoConnector / DemoConnector against a fake TOP gateway over real HTTP on 127.0.0.1.

The gateway (fake_top.py) checks every signature and the platform's pagination limits; its
``problems`` list must stay empty (the fixture asserts it)."""

from __future__ import annotations

import json
import math
import socket
import traceback
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

import pytest
from werkzeug import Response

from shopwatch.connectors.base import (
    AuthError,
    Cancelled,
    Connector,
    ConnectorError,
    IncompleteSync,
    NetworkError,
    RateLimited,
    SourceError,
)
from shopwatch.connectors.taobao import (
    ENDPOINT_PRODUCTION,
    PAGE_WORKERS,
    DemoConnector,
    TaobaoConnector,
)
from shopwatch.connectors.top_client import response_key
from shopwatch.connectors.top_sign import TIMESTAMP_FORMAT
from shopwatch.models import (
    ACTIVE,
    SELLER_OFF_SHELF,
    SOLD_OUT,
    VIOLATION_OFF_SHELF,
    ListingRecord,
)

from .fake_top import (
    APP_KEY,
    BANNERS,
    ITEM_FIELDS,
    SECRET,
    SESSION,
    FakeGateway,
    error,
    now_gmt8,
    ok,
)

FIELDS = ",".join(sorted(ITEM_FIELDS))
ONSALE = "taobao.items.onsale.get"
INVENTORY = "taobao.items.inventory.get"


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def connect(gateway: FakeGateway, sleeps: list[float]) -> Iterator[Callable[..., TaobaoConnector]]:
    made: list[TaobaoConnector] = []

    def make(cls: type[TaobaoConnector] = TaobaoConnector, **kw: object) -> TaobaoConnector:
        opts: dict = {"backoff": 0.01, "sleep": sleeps.append, "timeout": 5.0}
        opts.update(kw)
        endpoint = opts.pop("endpoint", gateway.url)
        app_key = opts.pop("app_key", APP_KEY)
        secret = opts.pop("app_secret", SECRET)
        session = opts.pop("session", SESSION)
        conn = cls(endpoint, app_key, secret, session, **opts)
        made.append(conn)
        return conn

    yield make
    for conn in made:
        conn.close()


def assert_no_secrets(exc: ConnectorError, *secrets: str) -> None:
    secrets = secrets or (SECRET, SESSION)
    texts = [str(exc), repr(exc), exc.message, exc.hint,
             "".join(traceback.format_exception(exc))]
    if isinstance(exc, SourceError):
        texts += [exc.msg, exc.sub_code, exc.sub_msg]
    for text in texts:
        for secret in secrets:
            assert secret not in text


def onsale_calls(gateway: FakeGateway) -> list[dict[str, str]]:
    return gateway.calls_to(ONSALE)


# --------------------------------------------------------------------------- protocol


def test_response_key() -> None:
    assert response_key("taobao.items.onsale.get") == "items_onsale_get_response"
    assert response_key("shopwatch.demo.notices.get") == "shopwatch_demo_notices_get_response"
    assert ENDPOINT_PRODUCTION == "https://eco.taobao.com/router/rest"


def test_call_is_signed_and_returns_inner_dict(gateway: FakeGateway, connect) -> None:
    gateway.add("onsale", 3)
    conn = connect()
    # A Chinese business parameter checks the UTF-8 form body against the signature.
    inner = conn.call(ONSALE, fields=FIELDS, page_no=1, page_size=2,
                      q="真丝围巾", unused=None)
    assert inner["total_results"] == 3
    assert len(inner["items"]["item"]) == 2
    sent = gateway.calls[0]
    assert sent["q"] == "真丝围巾"
    assert "unused" not in sent
    assert sent["sign_method"] == "md5" and sent["v"] == "2.0" and sent["format"] == "json"
    datetime.strptime(sent["timestamp"], TIMESTAMP_FORMAT)


@pytest.mark.parametrize("method", ["md5", "hmac", "hmac-sha256"])
def test_every_sign_method_is_accepted(gateway: FakeGateway, connect, method: str) -> None:
    [item] = gateway.add("onsale", 1, title="羊毛大衣 Wool coat")
    record = connect(sign_method=method).lookup(str(item.num_iid))
    assert record is not None and record.title == "羊毛大衣 Wool coat"
    assert gateway.calls[0]["sign_method"] == method


def test_bad_arguments_are_refused_early() -> None:
    with pytest.raises(ValueError):
        TaobaoConnector("http://127.0.0.1:1/", APP_KEY, SECRET, SESSION, sign_method="sha1")
    with pytest.raises(ValueError):
        TaobaoConnector("http://127.0.0.1:1/", APP_KEY, SECRET, SESSION, page_size=201)
    conn = TaobaoConnector("http://127.0.0.1:1/", APP_KEY, SECRET, SESSION)
    with pytest.raises(ValueError):
        conn.call(ONSALE, session="x")  # a system parameter smuggled in as business
    assert SECRET not in repr(conn) and SESSION not in repr(conn)
    conn.close()


def test_capabilities() -> None:
    assert TaobaoConnector.capabilities == frozenset({"listings", "lookup"})
    assert DemoConnector.capabilities == frozenset({"listings", "lookup", "notices", "metrics"})
    demo = DemoConnector("http://127.0.0.1:1/", APP_KEY, SECRET, SESSION)
    assert isinstance(demo, Connector)
    demo.close()


# --------------------------------------------------------------------------- listings


def test_pagination_450_items_exact_pages(gateway: FakeGateway, connect) -> None:
    gateway.add("onsale", 450)
    records, pages = connect().fetch_listings()
    assert len(records) == 450
    assert len({r.listing_id for r in records}) == 450
    calls = onsale_calls(gateway)
    # pages after the first are requested a few at once: each exactly once, in any order
    assert sorted(c["page_no"] for c in calls) == ["1", "2", "3"]
    assert {c["page_size"] for c in calls} == {"200"}
    assert all("start_modified" not in c for c in calls)
    for banner in BANNERS:
        assert len(gateway.calls_to(INVENTORY, banner=banner)) == 1
    assert pages == 3 + len(BANNERS)
    assert len(gateway.calls) == pages


def test_listing_record_mapping(gateway: FakeGateway, connect) -> None:
    [item] = gateway.add("onsale", 1, first_id=600123456789, title="真丝围巾", price="59.90",
                         num=12, cid=162104)
    [record], _ = connect().fetch_listings()
    assert record == ListingRecord(
        listing_id="600123456789",
        title="真丝围巾",
        status=ACTIVE,
        price="59.90",
        currency="CNY",
        quantity=12,
        url="https://item.taobao.com/item.htm?id=600123456789",
        category="162104",
        pic_url="https://img.example/600123456789.jpg",
        outer_id="SKU-600123456789",
        modified=item.modified.strftime(TIMESTAMP_FORMAT),
    )


def test_inventory_banners_map_to_statuses(gateway: FakeGateway, connect) -> None:
    gateway.add("onsale", 3, first_id=100)
    expected = {
        "regular_shelved": SELLER_OFF_SHELF,
        "never_on_shelf": SELLER_OFF_SHELF,
        "off_shelf": SELLER_OFF_SHELF,
        "sold_out": SOLD_OUT,
        "violation_off_shelf": VIOLATION_OFF_SHELF,
    }
    ids = {}
    for n, banner in enumerate(expected):
        ids[banner] = {i.num_iid for i in gateway.add(banner, 2, first_id=1000 * (n + 1))}
    records, pages = connect().fetch_listings()
    by_id = {r.listing_id: r for r in records}
    assert len(by_id) == 3 + 2 * len(expected)
    for banner, status in expected.items():
        for num_iid in ids[banner]:
            assert by_id[str(num_iid)].status == status
    assert {by_id[str(i)].status for i in (100, 101, 102)} == {ACTIVE}
    assert pages == 6


def test_item_moved_during_sync_takes_status_of_later_list(gateway: FakeGateway, connect) -> None:
    gateway.add("onsale", 3, first_id=100)
    gateway.add("violation_off_shelf", 1, first_id=900)

    def delist_100_now(params: dict[str, str]) -> None:
        # Taobao delists item 100 after the on-sale list was read, just before we read the
        # violation list; until then this fault re-arms itself.
        if params.get("banner") == "violation_off_shelf":
            gateway.move(100, "violation_off_shelf")
        else:
            gateway.faults.insert(0, delist_100_now)

    gateway.faults.append(delist_100_now)
    records, _ = connect().fetch_listings()
    by_id = {r.listing_id: r for r in records}
    assert len(records) == 4  # counted once per list, returned once
    assert by_id["100"].status == VIOLATION_OFF_SHELF
    assert by_id["900"].status == VIOLATION_OFF_SHELF
    assert by_id["101"].status == ACTIVE


def test_short_page_is_incomplete(gateway: FakeGateway, connect) -> None:
    gateway.add("onsale", 450)
    gateway.drop_last_on.add(("onsale", 2))
    with pytest.raises(IncompleteSync) as info:
        connect().fetch_listings()
    text = str(info.value)
    assert "Taobao reported 450 items on sale but sent 449" in text
    assert "nothing is marked deleted" in text
    assert gateway.calls_to(INVENTORY) == []  # stopped at once


def test_count_mismatch_is_incomplete(gateway: FakeGateway, connect) -> None:
    gateway.add("onsale", 440)
    gateway.total_bias = 10
    with pytest.raises(IncompleteSync, match="reported 450 items on sale but sent 440"):
        connect().fetch_listings()


def test_inventory_count_mismatch_is_incomplete(gateway: FakeGateway, connect) -> None:
    gateway.add("onsale", 5)
    gateway.add("violation_off_shelf", 3)
    gateway.drop_last_on.add(("violation_off_shelf", 1))
    with pytest.raises(IncompleteSync, match="3 items delisted for a violation but sent 2"):
        connect().fetch_listings()


def test_total_changing_between_pages_is_incomplete(gateway: FakeGateway, connect) -> None:
    items = gateway.add("onsale", 450)

    def delete_one(params: dict[str, str]) -> None:
        gateway.delete(items[0].num_iid)  # items shift: one would slide past us

    gateway.faults += [lambda params: None, delete_one]
    with pytest.raises(IncompleteSync, match="changed from 450 to 449"):
        connect().fetch_listings()


def test_missing_total_results_is_incomplete(gateway: FakeGateway, connect) -> None:
    gateway.faults.append(lambda params: ok(ONSALE, {"items": {"item": []}}))
    with pytest.raises(IncompleteSync, match="did not say how many"):
        connect().fetch_listings()


def test_empty_shop_is_complete(gateway: FakeGateway, connect) -> None:
    records, pages = connect().fetch_listings()
    assert records == [] and pages == 1 + len(BANNERS)


def _window(call: dict[str, str]) -> tuple[datetime, datetime]:
    return (datetime.strptime(call["start_modified"], TIMESTAMP_FORMAT),
            datetime.strptime(call["end_modified"], TIMESTAMP_FORMAT))


def test_25000_items_are_read_in_modified_windows(gateway: FakeGateway, connect) -> None:
    base = datetime(2022, 1, 1)
    gateway.add("onsale", 25_000, modified=lambda n: base + timedelta(seconds=2500 * n))
    records, pages = connect().fetch_listings()

    assert len(records) == 25_000
    assert len({r.listing_id for r in records}) == 25_000
    assert {r.status for r in records} == {ACTIVE}
    # Every item was delivered exactly once by the windowed reads.
    windowed = {key: n for key, n in gateway.delivered.items() if key[1]}
    assert len(windowed) == 25_000 and set(windowed.values()) == {1}

    calls = onsale_calls(gateway)
    probes = [_window(c) for c in calls if c.get("page_size") == "1"]
    reads = [c for c in calls if "start_modified" in c and c["page_size"] == "200"]
    assert all(c["order_by"] == "modified:asc" for c in calls if "start_modified" in c)
    # The leaves of the split tree: probed windows that contain no other probed window.
    leaves = sorted(w for w in set(probes)
                    if not any(o != w and w[0] <= o[0] and o[1] <= w[1] for o in probes))
    assert leaves[0][0] == datetime(2003, 1, 1)
    for before, after in zip(leaves, leaves[1:], strict=False):
        assert after[0] == before[1] + timedelta(seconds=1)  # no gap, no overlap
    assert leaves[-1][1] >= now_gmt8() + timedelta(days=1) - timedelta(minutes=1)
    read_windows = {_window(c) for c in reads}
    assert read_windows <= set(leaves)
    assert len(read_windows) >= 2  # it really had to split
    per_window = {w: sum(1 for i in gateway.items.values() if w[0] <= i.modified <= w[1])
                  for w in read_windows}
    assert all(n <= 20_000 for n in per_window.values())
    assert pages == sum(math.ceil(n / 200) for n in per_window.values()) + len(BANNERS)


def test_too_many_items_in_one_second_is_incomplete(gateway: FakeGateway, connect) -> None:
    moment = datetime(2024, 3, 1, 12, 0, 0)
    gateway.add("onsale", 20_001, modified=lambda n: moment)
    with pytest.raises(IncompleteSync) as info:
        connect().fetch_listings()
    assert "same second (2024-03-01 12:00:00)" in str(info.value)
    assert "nothing is marked deleted" in str(info.value)


def test_inventory_windows_respect_page_101(gateway: FakeGateway, connect) -> None:
    # 1,100 items at 10 a page would need page 110: the inventory stops at 101.
    gateway.add("off_shelf", 1_100, modified=lambda n: datetime(2024, 1, 1) + timedelta(hours=n))
    records, _ = connect(page_size=10).fetch_listings()
    assert len(records) == 1_100
    assert {r.status for r in records} == {SELLER_OFF_SHELF}
    assert any("start_modified" in c for c in gateway.calls_to(INVENTORY, banner="off_shelf"))
    assert max(int(c["page_no"]) for c in gateway.calls_to(INVENTORY)) <= 101


def test_progress_is_reported_after_each_page(gateway: FakeGateway, connect) -> None:
    gateway.add("onsale", 450)
    gateway.add("sold_out", 1)
    seen: list[tuple[int, int, str]] = []
    _, pages = connect().fetch_listings(progress=lambda *a: seen.append(a))
    assert seen[:3] == [
        (1, 200, "Items on sale: page 1 of 3"),
        (2, 400, "Items on sale: page 2 of 3"),
        (3, 450, "Items on sale: page 3 of 3"),
    ]
    assert len(seen) == pages
    assert [s[0] for s in seen] == list(range(1, pages + 1))
    assert seen[-1][1] == 451
    assert ("Sold-out items: page 1 of 1") in {s[2] for s in seen}


def test_cancel_between_pages(gateway: FakeGateway, connect) -> None:
    """Once cancelled, no further page is requested: only those already on their way (at most
    PAGE_WORKERS beyond the pages handled) are answered."""
    gateway.add("onsale", 2000)  # 10 pages
    seen: list[tuple[int, int, str]] = []
    with pytest.raises(Cancelled):
        connect().fetch_listings(progress=lambda *a: seen.append(a),
                                 cancel=lambda: len(seen) >= 2)
    assert len(seen) == 2
    assert len(gateway.calls) <= 2 + PAGE_WORKERS < 10


# --------------------------------------------------------------------------- look-up


def test_lookup_found_on_sale_and_in_stock(gateway: FakeGateway, connect) -> None:
    [on] = gateway.add("onsale", 1, first_id=555)
    gateway.add("violation_off_shelf", 1, first_id=556)
    conn = connect()
    record = conn.lookup(str(on.num_iid))
    assert record is not None
    assert record.status == ACTIVE and record.listing_id == "555"
    assert record.url == "https://item.taobao.com/item.htm?id=555"
    assert conn.lookup("556").status == SELLER_OFF_SHELF  # type: ignore[union-attr]
    call = gateway.calls[0]
    assert call["method"] == "taobao.item.seller.get" and call["num_iid"] == "555"
    assert call["fields"] == ("num_iid,title,price,num,approve_status,cid,pic_url,outer_id,"
                              "modified,detail_url")


@pytest.mark.parametrize("sub_code", ["isv.item-not-exist", "isv.item-is-delete:invalid-numIid",
                                      "isv.ITEM_NOT_FOUND"])
def test_lookup_deleted_item_is_none(gateway: FakeGateway, connect, sub_code: str) -> None:
    gateway.faults.append(lambda p: error(15, "Remote service error", sub_code, "gone"))
    assert connect().lookup("777") is None
    assert len(gateway.calls) == 1


def test_lookup_other_error_raises(gateway: FakeGateway, connect) -> None:
    gateway.faults.append(lambda p: error(11, "Insufficient isv permissions",
                                          "isv.permission-api-package-limit", "no permission"))
    with pytest.raises(SourceError) as info:
        connect().lookup("777")
    assert info.value.code == 11
    assert "permission" in str(info.value)


def test_lookup_platform_error_is_retried(gateway: FakeGateway, connect, sleeps) -> None:
    gateway.add("onsale", 1, first_id=42)
    gateway.faults.append(lambda p: error(15, "Remote service error", "isp.top-remote-connection-timeout"))
    assert connect().lookup("42") is not None
    assert len(gateway.calls) == 2 and sleeps == [0.01]


# --------------------------------------------------------------------------- errors


def test_http_500_then_success(gateway: FakeGateway, connect, sleeps) -> None:
    gateway.add("onsale", 2)
    gateway.faults.append(lambda p: Response("Internal Server Error", status=500))
    inner = connect().call(ONSALE, fields=FIELDS, page_no=1, page_size=200)
    assert inner["total_results"] == 2
    assert sleeps == [0.01]


def test_backoff_doubles(gateway: FakeGateway, connect, sleeps) -> None:
    gateway.faults += [lambda p: Response("bad gateway", status=502)] * 3
    connect().call(ONSALE, fields=FIELDS)
    assert sleeps == [0.01, 0.02, 0.04]


def test_persistent_5xx_is_network_error(gateway: FakeGateway, connect, sleeps) -> None:
    gateway.faults += [lambda p: Response("bad gateway", status=502)] * 4
    with pytest.raises(NetworkError) as info:
        connect().call(ONSALE, fields=FIELDS)
    assert "HTTP 502" in str(info.value) and "tried 4 times" in str(info.value)
    assert len(gateway.calls) == 4
    assert_no_secrets(info.value)


def test_isp_error_is_retried(gateway: FakeGateway, connect, sleeps) -> None:
    gateway.faults.append(lambda p: error(15, "Remote service error", "isp.remote-service-error",
                                          "try later"))
    gateway.faults.append(lambda p: error(15, "Remote service error", "isp.remote-service-error",
                                          "try later"))
    connect().call(ONSALE, fields=FIELDS)
    assert len(gateway.calls) == 3 and sleeps == [0.01, 0.02]


def test_isp_error_exhausted_is_network_error(gateway: FakeGateway, connect) -> None:
    gateway.faults += [lambda p: error(15, "Remote service error", "isp.remote-service-error")] * 2
    with pytest.raises(NetworkError, match=r"isp\.remote-service-error.*tried 2 times"):
        connect(retries=1).call(ONSALE, fields=FIELDS)


def test_isv_error_is_source_error_not_retried(gateway: FakeGateway, connect, sleeps) -> None:
    gateway.faults.append(lambda p: error(15, "Remote service error",
                                          "isv.invalid-parameter:page_size",
                                          "page_size is invalid"))
    with pytest.raises(SourceError) as info:
        connect().call(ONSALE, fields=FIELDS)
    exc = info.value
    assert (exc.code, exc.msg, exc.sub_code, exc.sub_msg) == (
        15, "Remote service error", "isv.invalid-parameter:page_size", "page_size is invalid")
    assert "page_size is invalid" in str(exc) and "isv.invalid-parameter:page_size" in str(exc)
    assert len(gateway.calls) == 1 and sleeps == []


def test_short_ban_is_waited_out(gateway: FakeGateway, connect, sleeps) -> None:
    gateway.faults.append(lambda p: error(7, "App Call Limited",
                                          "accesscontrol.limited-by-app-access-count",
                                          "This ban will last for 1 more seconds"))
    connect().call(ONSALE, fields=FIELDS)
    assert sum(sleeps) >= 2 and sleeps == [2]
    assert len(gateway.calls) == 2


def test_ban_seconds_read_from_msg_too(gateway: FakeGateway, connect, sleeps) -> None:
    gateway.faults.append(lambda p: error(7, "App Call Limited, This ban will last for 5 more "
                                             "seconds"))
    connect().call(ONSALE, fields=FIELDS)
    assert sleeps == [6]


def test_long_ban_raises_rate_limited(gateway: FakeGateway, connect, sleeps) -> None:
    gateway.faults.append(lambda p: error(7, "App Call Limited",
                                          "accesscontrol.limited-by-app-access-count",
                                          "This ban will last for 3600 more seconds"))
    with pytest.raises(RateLimited) as info:
        connect().call(ONSALE, fields=FIELDS)
    assert info.value.retry_after == 3600
    assert "3600" in str(info.value)
    assert len(gateway.calls) == 1 and sleeps == []


def test_ban_wait_can_be_cancelled(gateway: FakeGateway, connect, sleeps) -> None:
    gateway.add("onsale", 1)
    gateway.faults.append(lambda p: error(7, "App Call Limited", "",
                                          "This ban will last for 30 more seconds"))
    with pytest.raises(Cancelled):
        connect().fetch_listings(cancel=lambda: len(sleeps) >= 2)
    assert sleeps == [1.0, 1.0]


def test_repeated_limit_without_seconds_ends_rate_limited(gateway: FakeGateway, connect) -> None:
    gateway.faults += [lambda p: error(7, "App Call Limited")] * 4
    with pytest.raises(RateLimited, match="tried 4 times"):
        connect().call(ONSALE, fields=FIELDS)


def test_http_429_honours_retry_after(gateway: FakeGateway, connect, sleeps) -> None:
    gateway.faults.append(lambda p: Response("slow down", status=429, headers={"Retry-After": "3"}))
    connect().call(ONSALE, fields=FIELDS)
    assert sleeps == [3.0]


def test_http_429_with_long_retry_after_is_rate_limited(gateway: FakeGateway, connect) -> None:
    gateway.faults.append(lambda p: Response("slow down", status=429,
                                             headers={"Retry-After": "600"}))
    with pytest.raises(RateLimited) as info:
        connect().call(ONSALE, fields=FIELDS)
    assert info.value.retry_after == 600
    assert len(gateway.calls) == 1


def test_expired_session_is_auth_error_not_retried(gateway: FakeGateway, connect, sleeps) -> None:
    stale = "6100stale-session-key-value"
    with pytest.raises(AuthError) as info:
        connect(session=stale).fetch_listings()
    assert "Re-authorise the shop in Settings" in str(info.value)
    assert len(gateway.calls) == 1 and sleeps == []
    assert_no_secrets(info.value, SECRET, stale)


def test_invalid_signature_is_auth_error(gateway: FakeGateway, connect) -> None:
    wrong = "not-the-right-secret-123"
    with pytest.raises(AuthError) as info:
        connect(app_secret=wrong).call(ONSALE, fields=FIELDS)
    assert "check the app key and app secret" in str(info.value).lower()
    assert len(gateway.calls) == 1
    assert_no_secrets(info.value, wrong, SESSION)
    gateway.problems.clear()  # the bad signature was the point


def test_invalid_app_key_is_auth_error(gateway: FakeGateway, connect) -> None:
    with pytest.raises(AuthError, match="app key"):
        connect(app_key="00000000").call(ONSALE, fields=FIELDS)
    assert len(gateway.calls) == 1


def test_timeout_is_retried_then_network_error(gateway: FakeGateway, connect, sleeps) -> None:
    def hang(params: dict[str, str]) -> None:
        gateway.release.wait(5)  # released when the test ends

    gateway.faults += [hang] * 4
    with pytest.raises(NetworkError) as info:
        connect(timeout=0.3).call(ONSALE, fields=FIELDS)
    assert str(info.value) == ("Taobao did not answer in 0.3 s (tried 4 times). Check your "
                               "connection; nothing was changed.")
    assert len(gateway.calls) == 4 and sleeps == [0.01, 0.02, 0.04]
    assert_no_secrets(info.value)


@pytest.mark.parametrize("body", ['{"items_onsale_get_response": {"total_res', "<html>oops</html>",
                                  ""])
def test_unreadable_answer_is_retried(gateway: FakeGateway, connect, sleeps, body: str) -> None:
    gateway.faults.append(lambda p: Response(body, content_type="application/json"))
    assert connect().call(ONSALE, fields=FIELDS)["total_results"] == 0
    assert len(gateway.calls) == 2


def test_unreadable_answer_exhausted_is_network_error(gateway: FakeGateway, connect) -> None:
    gateway.faults += [lambda p: Response('{"items_onsale_get_re', content_type="application/json")] * 4
    with pytest.raises(NetworkError, match="could not be read"):
        connect().call(ONSALE, fields=FIELDS)
    assert len(gateway.calls) == 4


def test_connection_refused_is_network_error(sleeps) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    conn = TaobaoConnector(f"http://127.0.0.1:{port}/router/rest", APP_KEY, SECRET, SESSION,
                           backoff=0.01, sleep=sleeps.append, timeout=2)
    with pytest.raises(NetworkError) as info:
        conn.fetch_listings()
    conn.close()
    assert f"Could not reach Taobao at 127.0.0.1:{port} (tried 4 times)" in str(info.value)
    assert sleeps == [0.01, 0.02, 0.04]
    assert_no_secrets(info.value)
    assert info.value.__cause__ is None and info.value.__context__ is None


def test_http_404_is_source_error(gateway: FakeGateway, connect) -> None:
    gateway.faults.append(lambda p: Response("not here", status=404))
    with pytest.raises(SourceError, match="HTTP 404"):
        connect().call(ONSALE, fields=FIELDS)
    assert len(gateway.calls) == 1


def test_unexpected_envelope_is_source_error(gateway: FakeGateway, connect) -> None:
    gateway.faults.append(lambda p: Response(json.dumps({"something_else": {}}),
                                             content_type="application/json"))
    with pytest.raises(SourceError, match="unexpected form"):
        connect().call(ONSALE, fields=FIELDS)


def test_secrets_echoed_by_the_server_are_scrubbed(gateway: FakeGateway, connect) -> None:
    gateway.faults.append(lambda p: error(15, f"bad session {SESSION}", "isv.invalid-parameter",
                                          f"secret={SECRET} session={SESSION}"))
    with pytest.raises(SourceError) as info:
        connect().call(ONSALE, fields=FIELDS)
    assert_no_secrets(info.value)
    assert "***" in info.value.sub_msg


@pytest.mark.parametrize("fault", [
    lambda p: Response("boom", status=503),
    lambda p: error(27, "Invalid session", "invalid-sessionkey"),
    lambda p: error(15, "x", "isp.busy"),
    lambda p: error(7, "App Call Limited", "", "This ban will last for 999 more seconds"),
    lambda p: Response("{", content_type="application/json"),
])
def test_no_error_ever_contains_secrets(gateway: FakeGateway, connect, fault) -> None:
    gateway.faults += [fault] * 4
    with pytest.raises(ConnectorError) as info:
        connect().fetch_listings()
    assert_no_secrets(info.value)


# --------------------------------------------------------------------------- demo extensions


def test_demo_notices_paginated_and_converted(gateway: FakeGateway, connect) -> None:
    for n in range(250):
        gateway.notices.append({
            "notice_id": f"N{n:04d}", "kind": "false_trading", "category": "serious",
            "severity": "critical", "points": 12, "num_iid": 600000 + n if n % 2 else None,
            "title": "虚假交易", "content": "您的商品涉嫌虚假交易", "issued_at": "2024-05-01 10:00:00",
            "appeal_deadline": "2024-05-04 23:59:59", "status": "open",
        })
    conn = connect(DemoConnector)
    notices = conn.fetch_notices()
    assert len(notices) == 250
    calls = gateway.calls_to("shopwatch.demo.notices.get")
    # pages after the first are requested a few at once: each exactly once, in any order
    assert sorted(c["page_no"] for c in calls) == ["1", "2", "3"]
    assert {c["page_size"] for c in calls} == {"100"}
    first, second = notices[0], notices[1]
    assert first.source_id == "N0000" and first.listing_id is None
    assert second.listing_id == "600001"
    assert first.issued_at == "2024-05-01T10:00:00+08:00"
    assert first.appeal_deadline == "2024-05-04T23:59:59+08:00"
    assert (first.kind, first.category, first.severity, first.points, first.status) == (
        "false_trading", "serious", "critical", 12, "open")
    assert first.title == "虚假交易" and first.text == "您的商品涉嫌虚假交易"


def test_demo_notices_count_mismatch_is_incomplete(gateway: FakeGateway, connect) -> None:
    gateway.notices.append({"notice_id": "N1", "kind": "counterfeit"})
    gateway.total_bias = 1
    with pytest.raises(IncompleteSync, match="reported 2 penalty notices but sent 1"):
        connect(DemoConnector).fetch_notices()


def test_demo_metrics(gateway: FakeGateway, connect) -> None:
    for n in range(2_500):
        day = (datetime(2024, 1, 1) + timedelta(days=n % 50)).strftime("%Y-%m-%d")
        gateway.metrics.append({"num_iid": 700000 + n // 50, "date": day, "impressions": n,
                                "visits": n // 2, "page_views": n // 3})
    conn = connect(DemoConnector)
    metrics = conn.fetch_metrics(None)
    assert len(metrics) == 2_500
    calls = gateway.calls_to("shopwatch.demo.metrics.get")
    assert len(calls) == 3 and {c["page_size"] for c in calls} == {"1000"}
    assert "start_date" not in calls[0]
    m = metrics[3]
    assert (m.listing_id, m.day, m.impressions, m.visits, m.page_views) == (
        "700000", "2024-01-04", 3, 1, 1)

    gateway.calls.clear()
    recent = conn.fetch_metrics("2024-02-10")
    assert recent and all(m.day >= "2024-02-10" for m in recent)
    assert gateway.calls[0]["start_date"] == "2024-02-10"
