"""Whatever a TOP gateway answers — well-formed, odd, or garbage — the connector returns records
or raises a ConnectorError, and a sync fed by it never raises, changes nothing when it fails,
and never stores something that breaks the next sync.

Three levels: the row mappers (``top_records``), the whole client over a scripted HTTP session
(statuses, headers, bodies drawn by hypothesis), and ``sync_shop`` on top of that client."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from requests.structures import CaseInsensitiveDict

from shopwatch.connectors.base import ConnectorError
from shopwatch.connectors.taobao import DemoConnector
from shopwatch.connectors.top_client import response_key
from shopwatch.connectors.top_records import (
    int_or_none,
    iso_gmt8,
    listing_record,
    metric_record,
    notice_record,
)
from shopwatch.models import ListingRecord, MetricRecord, NoticeRecord
from shopwatch.monitor.sync import sync_shop
from shopwatch.store import queries
from shopwatch.store.db import open_db

from .support import data_state, version_chain_problems

FUZZ = settings(max_examples=settings.default.max_examples * 2, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

# --- what a gateway could put in a JSON answer ---------------------------------------------

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12),
    st.sampled_from(["", "0", "-1", "1e400", "NaN", "Infinity", "12.50", "１２", "9" * 5000,
                     "\ud83d", "2026-11-23 10:00:00", "2026-13-45 99:99:99", "onsale", "instock"]),
)
json_values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.text(max_size=6), inner, max_size=3), max_leaves=8)
item_ids = st.one_of(st.integers(600_000_000_000, 600_000_000_040).map(str),
                     st.integers(600_000_000_000, 600_000_000_040), json_values)
items = st.fixed_dictionaries({}, optional={
    "num_iid": item_ids, "title": json_values | st.text(), "price": json_values,
    "num": json_values, "cid": json_values, "pic_url": json_values, "outer_id": json_values,
    "modified": json_values, "approve_status": st.sampled_from(["onsale", "instock"]) | json_values,
})
notices = st.fixed_dictionaries({}, optional={
    "notice_id": item_ids, "kind": json_values, "severity": json_values, "points": json_values,
    "category": json_values, "num_iid": item_ids, "issued_at": json_values,
    "appeal_deadline": json_values, "status": json_values, "title": json_values,
    "content": json_values | st.text(),
})
metrics = st.fixed_dictionaries({}, optional={
    "num_iid": item_ids, "date": st.sampled_from(["2026-11-20", "2026-11-21"]) | json_values,
    "impressions": json_values, "visits": json_values, "page_views": json_values,
})


@st.composite
def answers(draw: st.DrawFn) -> tuple[int, dict[str, str], Any]:
    """(HTTP status, headers, body) for one request; the body's envelope key is filled in
    from the request's method when the body is a dict holding ``"@inner"``."""
    status = draw(st.sampled_from([200] * 8 + [429, 500, 502, 404]))
    headers = draw(st.fixed_dictionaries({}, optional={
        "Retry-After": st.sampled_from(["0", "1", "5", "99999", "Wed, 21 Oct 2015 07:28:00 GMT",
                                        "soon", ""])}))
    rows = draw(st.sampled_from([items, notices, metrics]))
    container = draw(st.sampled_from([("items", "item"), ("notices", "notice"),
                                      ("metrics", "metric"), ("items", "item")]))
    inner: dict[str, Any] = {"total_results": draw(
        st.integers(-2, 60) | st.sampled_from([10**30, "7", "x", None]) | json_values)}
    page = draw(st.lists(rows, max_size=6) | rows | json_values)
    if draw(st.booleans()):
        inner[container[0]] = {container[1]: page}
    else:
        inner[container[0]] = page
    body = draw(st.one_of(
        st.just({"@inner": inner}),
        st.just({"@inner": inner}),
        st.fixed_dictionaries({"error_response": st.fixed_dictionaries({}, optional={
            "code": st.sampled_from([7, 11, 15, 25, 27, 50, "7", "x"]) | json_values,
            "msg": st.sampled_from(["App Call Limited", "This ban will last for 3 more seconds",
                                    "Remote service error"]) | json_values,
            "sub_code": st.sampled_from(["isp.remote-service-error", "isv.item-is-delete",
                                         "isv.invalid-parameter"]) | json_values,
            "sub_msg": json_values})}),
        json_values,
        st.binary(max_size=64),
    ))
    return status, headers, body


class ScriptedHttp:
    """Stands in for ``requests.Session``: answers from a script, then a final refusal, so
    every fetch ends however its pagination reacts."""

    def __init__(self, script: list[tuple[int, dict[str, str], Any]]) -> None:
        self.script = list(script)
        self.calls = 0

    def post(self, url: str, *, params: dict[str, str], **_: Any) -> requests.Response:
        self.calls += 1
        if self.script:
            status, headers, body = self.script.pop(0)
        else:
            status, headers, body = 200, {}, {"error_response": {
                "code": 50, "msg": "Remote service error", "sub_code": "isv.fuzz-script-ended"}}
        if isinstance(body, dict) and "@inner" in body:
            body = {response_key(params["method"]): body["@inner"]}
        response = requests.Response()
        response.status_code = status
        response.headers = CaseInsensitiveDict(headers)
        # Odd answers escape non-ASCII (where a lone surrogate survives as "\\ud83d"), even
        # ones send raw UTF-8, as gateways variously do.
        response._content = body if isinstance(body, bytes) else json.dumps(
            body, ensure_ascii=self.calls % 2 == 1).encode("utf-8", "surrogatepass")
        response.encoding = "utf-8"
        response.url = url
        return response

    def close(self) -> None:
        pass


SECRET, SESSION = "s3cr3t" * 5, "6100se55ion" * 4


def connector(script: list) -> DemoConnector:
    return DemoConnector("http://127.0.0.1:9/router/rest", "key", SECRET, SESSION,
                         http=ScriptedHttp(script), sleep=lambda s: None, retries=2,
                         max_ban_wait=5.0, page_size=20)  # type: ignore[arg-type]


# --- level 1: the row mappers ----------------------------------------------------------------

@FUZZ
@given(row=items, status=st.sampled_from(["active", "violation_off_shelf"]))
def test_item_rows_become_records_or_source_errors(row, status):
    try:
        record = listing_record(row, status)
    except ConnectorError:
        return
    assert isinstance(record, ListingRecord)
    assert_storable(record.title, record.price, record.quantity, record.outer_id, record.category)


@FUZZ
@given(row=notices)
def test_notice_rows_become_records_or_source_errors(row):
    try:
        record = notice_record(row)
    except ConnectorError:
        return
    assert isinstance(record, NoticeRecord)
    for moment in (record.issued_at, record.appeal_deadline):
        if moment is not None:
            datetime.fromisoformat(moment)
    assert_storable(record.title, record.text, record.kind, record.points)


@FUZZ
@given(row=metrics)
def test_metric_rows_become_records_or_source_errors(row):
    try:
        record = metric_record(row)
    except ConnectorError:
        return
    assert isinstance(record, MetricRecord)
    datetime.fromisoformat(record.day)  # the next sync reads the latest day back
    assert_storable(record.impressions, record.visits, record.page_views)


@FUZZ
@given(value=json_values)
def test_numbers_and_dates_parse_or_raise_source_errors(value):
    for parse in (int_or_none, iso_gmt8):
        try:
            parse(value)
        except ConnectorError:
            pass


def assert_storable(*values: object) -> None:
    """SQLite takes it: 64-bit integers, text that encodes as UTF-8."""
    for value in values:
        if isinstance(value, int):
            assert -(2**63) <= value < 2**63, value
        if isinstance(value, str):
            value.encode("utf-8")


@pytest.mark.parametrize("num", ["1e400", "Infinity", 1e400, 2**63, -(2**63) - 1, "9" * 5000])
def test_numbers_sqlite_cannot_store_are_source_errors(num):
    """Found by the fuzzing above: these escaped as OverflowError, or reached SQLite and failed
    the run as 'unexpected, please report'."""
    with pytest.raises(ConnectorError, match="whole number"):
        int_or_none(num)


def test_half_an_emoji_is_kept_readable_not_fatal():
    """Found by fuzzing: a title cut inside a surrogate pair failed every sync of the shop."""
    record = listing_record({"num_iid": "600000000001", "title": "羊毛大衣\ud83d"}, "active")
    assert record.title == "羊毛大衣?"
    assert notice_record({"notice_id": 1, "content": "\ud83d扣分"}).text == "?扣分"


def test_half_an_emoji_in_an_error_message_still_fails_the_run_cleanly(memory_db):
    """Found by fuzzing: an error_response whose sub_msg held a lone surrogate raised
    UnicodeEncodeError out of sync_shop while the failed run was being recorded."""
    shop = queries.add_shop(memory_db, "fuzz", "taobao", now="2026-01-01T00:00:00+00:00")
    with connector([(200, {}, {"error_response": {"code": 15, "sub_msg": "\ud83d拒绝"}})]) as c:
        result = sync_shop(memory_db, shop, c)
    assert result.status == "failed" and "?拒绝" in result.error
    assert queries.last_run(memory_db, shop.id).error == result.error


@pytest.mark.parametrize("day", [None, "", "yesterday", "2026-13-01", {"d": 1}])
def test_a_metric_day_that_is_not_a_day_is_a_source_error(day):
    """Found by fuzzing: a stored nonsense day became 'the latest metric day' and broke every
    later sync of the shop."""
    with pytest.raises(ConnectorError, match="unreadable day"):
        metric_record({"num_iid": "600000000001", "date": day, "visits": 3})


# --- level 2: the whole client --------------------------------------------------------------

@FUZZ
@given(script=st.lists(answers(), max_size=8))
def test_listing_fetch_returns_records_or_raises_connector_error(script):
    with connector(script) as client:
        try:
            records, pages = client.fetch_listings()
        except ConnectorError as exc:
            assert str(exc) and SECRET not in str(exc) and SESSION not in str(exc)
            return
    assert all(isinstance(r, ListingRecord) for r in records) and pages >= 1


@FUZZ
@given(script=st.lists(answers(), max_size=6), which=st.sampled_from(["lookup", "notices",
                                                                      "metrics"]))
def test_lookup_notices_and_metrics_return_or_raise_connector_error(script, which):
    with connector(script) as client:
        try:
            if which == "lookup":
                found = client.lookup("600000000001")
                assert found is None or isinstance(found, ListingRecord)
            elif which == "notices":
                assert all(isinstance(n, NoticeRecord) for n in client.fetch_notices())
            else:
                assert all(isinstance(m, MetricRecord) for m in client.fetch_metrics(None))
        except ConnectorError as exc:
            assert str(exc)


# --- level 3: a sync fed by it ------------------------------------------------------------------

T0 = datetime(2026, 11, 20, 1, 0, tzinfo=timezone.utc)


class GoodSource:
    """A well-behaved source for the sync after the fuzzed one."""

    capabilities = frozenset({"listings", "lookup", "notices", "metrics"})

    def __init__(self) -> None:
        self.items = [ListingRecord(str(600_000_000_000 + i), f"围巾 {i}", price="10.00",
                                    quantity=3) for i in range(20)]

    def fetch_listings(self, progress=None, cancel=None):  # type: ignore[no-untyped-def]
        return list(self.items), 1

    def lookup(self, listing_id: str) -> None:
        return None

    def fetch_notices(self) -> list[NoticeRecord]:
        return []

    def fetch_metrics(self, since_day: str | None) -> list[MetricRecord]:
        return [MetricRecord(r.listing_id, "2026-11-22", visits=30) for r in self.items]

    def close(self) -> None:
        pass


@pytest.fixture(scope="module")
def memory_db() -> Iterator[Any]:
    db = open_db(":memory:")
    yield db
    db.close()


@settings(max_examples=settings.default.max_examples * 6 // 5, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(script=st.lists(answers(), max_size=10))
def test_a_sync_fed_garbage_never_raises_and_never_poisons_the_next_one(memory_db, script):
    db = memory_db
    for shop in queries.list_shops(db):
        queries.delete_shop(db, shop.id)
    shop = queries.add_shop(db, "fuzz", "taobao", now=T0.isoformat())
    assert sync_shop(db, shop, GoodSource(), now=T0).status == "ok"
    before = data_state(db)

    result = sync_shop(db, shop, connector(script), now=T0 + timedelta(days=1))
    if result.status == "failed":
        assert data_state(db) == before
        assert result.error and "please report" not in result.error, result.error
    assert version_chain_problems(db, shop.id) == []

    after = sync_shop(db, shop, GoodSource(), now=T0 + timedelta(days=2))
    assert after.status == "ok", after.error


# --- level 3b: a well-formed shop whose fields are garbage ------------------------------------

def _unique_ids(rows: list[dict[str, Any]], key: str, start: int) -> list[dict[str, Any]]:
    return [{**row, key: str(start + n)} for n, row in enumerate(rows)]


odd_text = st.sampled_from(["羊毛大衣\ud83d", "\ud83d", "\x00", "'; DROP TABLE listings; --",
                            "a" * 5000, "\u202e翻转", "\U0001F600" * 3])
numbers = st.integers(0, 10**6) | st.sampled_from(["5", "12.0", "-3", 2**63, "1e400"]) | scalars
plausible_items = st.fixed_dictionaries({}, optional={
    "title": st.text(max_size=30) | odd_text, "price": st.sampled_from(["128.00", "0.01"]) | scalars,
    "num": numbers, "cid": numbers, "pic_url": st.text(max_size=20) | odd_text,
    "outer_id": st.text(max_size=10) | odd_text, "modified": scalars,
})
plausible_notices = st.fixed_dictionaries({}, optional={
    "kind": st.sampled_from(["false_trading", "counterfeit", "no-such-kind"]) | odd_text,
    "severity": st.sampled_from(["warning", "critical"]) | odd_text,
    "points": numbers, "category": st.sampled_from(["general", "serious", "other"]) | odd_text,
    "num_iid": st.sampled_from(["600000000000", "0", 0]) | scalars,
    "issued_at": st.sampled_from(["2026-11-20 10:00:00", "2026-11-20T10:00:00+08:00"]) | scalars,
    "appeal_deadline": st.sampled_from(["2026-11-23 10:00:00"]) | scalars,
    "status": st.sampled_from(["open", "appealed", "revoked"]) | odd_text,
    "title": st.text(max_size=20) | odd_text, "content": st.text(max_size=50) | odd_text,
})
plausible_metrics = st.fixed_dictionaries({}, optional={
    "impressions": numbers, "visits": numbers, "page_views": numbers,
})


@st.composite
def shaped_shops(draw: st.DrawFn) -> dict[str, list[dict[str, Any]]]:
    """Answers that pass every completeness check (pages and counts add up), with mostly
    plausible, sometimes odd field values, so that odd values travel all the way into the
    store."""
    onsale = _unique_ids(draw(st.lists(plausible_items, max_size=6)), "num_iid", 600_000_000_000)
    violation = _unique_ids(draw(st.lists(plausible_items, max_size=2)), "num_iid",
                            600_000_000_100)
    notice_rows = _unique_ids(draw(st.lists(plausible_notices, max_size=3)), "notice_id", 1)
    metric_rows = [{**row, "num_iid": str(600_000_000_000 + n), "date": draw(
        st.sampled_from(["2026-11-21", "2026-11-21 00:00:00"]) | scalars)}
        for n, row in enumerate(draw(st.lists(plausible_metrics, max_size=4)))]
    return {"onsale": onsale, "violation_off_shelf": violation, "notices": notice_rows,
            "metrics": metric_rows}


class ShapedHttp(ScriptedHttp):
    """A gateway that pages correctly over the drawn rows."""

    def __init__(self, shop: dict[str, list[dict[str, Any]]]) -> None:
        super().__init__([])
        self.shop = shop

    def post(self, url: str, *, params: dict[str, str], data: str = "", **_: Any
             ) -> requests.Response:
        from urllib.parse import parse_qs

        business = {k: v[-1] for k, v in parse_qs(data).items()}
        method = params["method"]
        if method == "taobao.item.seller.get":
            self.script = [(200, {}, {"error_response": {
                "code": 15, "msg": "Remote service error", "sub_code": "isv.item-is-delete"}})]
            return super().post(url, params=params)
        where, container = {
            "taobao.items.onsale.get": ("onsale", ("items", "item")),
            "shopwatch.demo.notices.get": ("notices", ("notices", "notice")),
            "shopwatch.demo.metrics.get": ("metrics", ("metrics", "metric")),
        }.get(method, (business.get("banner", ""), ("items", "item")))
        rows = self.shop.get(where, [])
        page_no = int(business.get("page_no", 1))
        size = int(business.get("page_size", 20))
        page = rows[(page_no - 1) * size: page_no * size]
        inner: dict[str, Any] = {"total_results": len(rows)}
        if page:
            inner[container[0]] = {container[1]: page}
        self.script = [(200, {}, {"@inner": inner})]
        return super().post(url, params=params)


@settings(max_examples=settings.default.max_examples * 3 // 2, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(shop_data=shaped_shops())
def test_garbage_fields_in_a_complete_answer_never_break_this_sync_or_the_next(
    memory_db, shop_data
):
    db = memory_db
    for shop in queries.list_shops(db):
        queries.delete_shop(db, shop.id)
    shop = queries.add_shop(db, "fuzz", "taobao", now=T0.isoformat())
    assert sync_shop(db, shop, GoodSource(), now=T0).status == "ok"
    before = data_state(db)
    client = DemoConnector("http://127.0.0.1:9/router/rest", "key", SECRET, SESSION,
                           http=ShapedHttp(shop_data), sleep=lambda s: None,  # type: ignore[arg-type]
                           page_size=20)
    result = sync_shop(db, shop, client, now=T0 + timedelta(days=1))
    if result.status == "failed":
        assert data_state(db) == before
        assert result.error and "please report" not in result.error, result.error
    assert version_chain_problems(db, shop.id) == []
    after = sync_shop(db, shop, GoodSource(), now=T0 + timedelta(days=2))
    assert after.status == "ok", after.error
