"""Sync invariants with a scripted source: what a complete, failed or partial run may do."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from shopwatch.connectors.base import IncompleteSync, NetworkError, SourceError
from shopwatch.models import ListingRecord, MetricRecord, NoticeRecord
from shopwatch.monitor.sync import sync_shop
from shopwatch.store import queries

T0 = datetime(2026, 11, 10, 1, 0, tzinfo=timezone.utc)


class ScriptedSource:
    """Stands in for a marketplace: serves whatever the test puts in it, or fails."""

    def __init__(self, items: list[ListingRecord], *, lookup: bool = True) -> None:
        self.items = {i.listing_id: i for i in items}
        self.gone: set[str] = set()  # ids the platform says no longer exist
        self.fail_with: Exception | None = None
        self.lookup_calls: list[str] = []
        self.notices: list[NoticeRecord] = []
        self.metrics: list[MetricRecord] = []
        caps = {"listings", "notices", "metrics"} | ({"lookup"} if lookup else set())
        self.capabilities = frozenset(caps)

    def fetch_listings(self, progress=None, cancel=None):
        if self.fail_with:
            raise self.fail_with
        return list(self.items.values()), 1

    def lookup(self, listing_id: str):
        self.lookup_calls.append(listing_id)
        return None if listing_id in self.gone else self.items.get(listing_id)

    def fetch_notices(self):
        return list(self.notices)

    def fetch_metrics(self, since_day):
        return list(self.metrics)

    def close(self):
        pass

    def delete(self, *ids: str) -> None:
        for lid in ids:
            self.items.pop(lid)
            self.gone.add(lid)


def items(n: int) -> list[ListingRecord]:
    return [ListingRecord(str(1000 + i), f"商品 {i} item", price=f"{10 + i}.00", quantity=5)
            for i in range(n)]


@pytest.fixture
def shop(db):
    return queries.add_shop(db, "s", "taobao", now=T0.isoformat())


def snapshot(db, shop_id):
    return {lid: (x.status, x.title, x.price, x.content_hash)
            for lid, x in queries.load_listings(db, shop_id).items()}


def day(n: int) -> datetime:
    return T0 + timedelta(days=n)


def test_first_sync_stores_everything_and_raises_no_listing_alerts(db, shop):
    src = ScriptedSource(items(30))
    result = sync_shop(db, shop, src, now=day(0))
    assert result.status == "ok" and result.listings == 30
    assert result.alerts == []
    assert queries.count_by_status(db, shop.id) == {"active": 30}
    assert queries.count_versions(db) == 30


def test_resync_with_nothing_changed_writes_no_versions(db, shop):
    src = ScriptedSource(items(30))
    sync_shop(db, shop, src, now=day(0))
    result = sync_shop(db, shop, src, now=day(1))
    assert result.versions_written == 0 and result.changed == 0 and result.alerts == []
    assert queries.count_versions(db, result.run_id) == 0
    # last_seen still moves for every listing present
    assert {x.last_seen for x in queries.load_listings(db, shop.id).values()} == {day(1).isoformat()}


@pytest.mark.parametrize("error", [
    NetworkError("Taobao did not answer"),
    IncompleteSync("Taobao reported 30 items but sent 20"),
    SourceError("Remote service error", code=15, sub_code="isv.x"),
    RuntimeError("a bug in a parser"),
])
def test_failed_run_changes_nothing_and_is_recorded(db, shop, error):
    src = ScriptedSource(items(30))
    sync_shop(db, shop, src, now=day(0))
    before = snapshot(db, shop.id)
    src.delete(*[str(1000 + i) for i in range(25)])  # the shop really shrank…
    src.fail_with = error  # …but this run cannot prove it
    result = sync_shop(db, shop, src, now=day(1))
    assert result.status == "failed" and result.error
    assert snapshot(db, shop.id) == before
    assert not [a for a in queries.list_alerts(db, shop_id=shop.id) if a.kind == "deleted"]
    run = queries.get_run(db, result.run_id)
    assert run.status == "failed" and run.error == result.error and run.finished_at


def test_failed_run_never_looks_like_deletions_then_good_run_is_correct(db, shop):
    src = ScriptedSource(items(10))
    sync_shop(db, shop, src, now=day(0))
    src.fail_with = NetworkError("down")
    sync_shop(db, shop, src, now=day(1))
    src.fail_with = None
    src.delete("1003")
    result = sync_shop(db, shop, src, now=day(2))
    assert [(a.kind, a.listing_id) for a in result.alerts] == [("deleted", "1003")]
    assert queries.get_listing(db, shop.id, "1003").status == "deleted"


def test_missing_listing_is_resolved_by_lookup(db, shop):
    src = ScriptedSource(items(10))
    sync_shop(db, shop, src, now=day(0))
    src.delete("1001")
    moved = replace(src.items.pop("1002"), status="seller_off_shelf")
    src.lookup_table = moved
    # 1002 vanished from the lists but the look-up finds it in the warehouse
    original_lookup = src.lookup
    src.lookup = lambda lid: moved if lid == "1002" else original_lookup(lid)
    result = sync_shop(db, shop, src, now=day(1))
    assert queries.get_listing(db, shop.id, "1001").status == "deleted"
    assert queries.get_listing(db, shop.id, "1002").status == "seller_off_shelf"
    assert {a.kind for a in result.alerts} == {"deleted", "seller_off_shelf"}


def test_without_lookup_a_vanished_listing_is_missing_and_alerted_once(db, shop):
    src = ScriptedSource(items(10), lookup=False)
    sync_shop(db, shop, src, now=day(0))
    src.delete("1004")
    first = sync_shop(db, shop, src, now=day(1))
    second = sync_shop(db, shop, src, now=day(2))
    assert queries.get_listing(db, shop.id, "1004").status == "missing"
    assert [(a.kind, a.severity) for a in first.alerts] == [("deleted", "warning")]
    assert second.alerts == []


def test_deleted_listing_is_not_looked_up_again(db, shop):
    src = ScriptedSource(items(5))
    sync_shop(db, shop, src, now=day(0))
    src.delete("1000")
    sync_shop(db, shop, src, now=day(1))
    src.lookup_calls.clear()
    sync_shop(db, shop, src, now=day(2))
    assert src.lookup_calls == []


def test_mass_disappearance_is_loud_and_each_item_still_resolved(db, shop):
    src = ScriptedSource(items(20))
    sync_shop(db, shop, src, now=day(0))
    src.delete(*[str(1000 + i) for i in range(12)])
    result = sync_shop(db, shop, src, now=day(1))
    kinds = [a.kind for a in result.alerts]
    assert kinds.count("mass_disappearance") == 1
    assert kinds.count("deleted") == 12
    assert queries.count_by_status(db, shop.id) == {"active": 8, "deleted": 12}


def test_a_listing_that_comes_back_is_active_again(db, shop):
    src = ScriptedSource(items(3), lookup=False)
    sync_shop(db, shop, src, now=day(0))
    back = src.items.pop("1001")
    sync_shop(db, shop, src, now=day(1))
    src.items["1001"] = back
    sync_shop(db, shop, src, now=day(2))
    listing = queries.get_listing(db, shop.id, "1001")
    assert listing.status == "active" and listing.missing_since is None
    statuses = [v.status for v in queries.listing_versions(db, shop.id, "1001")]
    assert statuses == ["active", "missing", "active"]


def test_new_penalty_alerts_once_and_fills_a_missing_deadline_from_rules(db, shop):
    src = ScriptedSource(items(3))
    src.notices = [NoticeRecord("N1", "false_trading", points=12, listing_id="1001",
                                issued_at=day(0).isoformat(), text="虚假交易")]
    sync_shop(db, shop, src, now=day(0))
    second = sync_shop(db, shop, src, now=day(0) + timedelta(hours=1))
    notice = queries.list_notices(db, shop_id=shop.id)[0]
    assert notice.appeal_deadline == (day(0) + timedelta(days=3)).isoformat()
    alerts = queries.list_alerts(db, shop_id=shop.id)
    assert [a.kind for a in alerts].count("new_penalty") == 1
    assert [a.kind for a in alerts].count("points_threshold") == 1  # 12 reached
    assert not [a for a in second.alerts if a.kind == "new_penalty"]


def test_demotion_from_metrics_alerts_once(db, shop):
    src = ScriptedSource(items(2))
    start = (day(0) - timedelta(days=9)).date()

    def traffic(lid, values):
        return [MetricRecord(lid, (start + timedelta(days=i)).isoformat(), visits=v)
                for i, v in enumerate(values)]

    src.metrics = traffic("1000", [150] * 10) + traffic("1001", [5, 0, 9, 2, 7, 1, 0, 3, 8, 0])
    sync_shop(db, shop, src, now=day(0))
    src.metrics = traffic("1000", [150] * 10 + [20, 15]) + traffic("1001", [5] * 10 + [0, 0])
    result = sync_shop(db, shop, src, now=day(2))
    assert [(a.kind, a.listing_id) for a in result.alerts] == [("demoted", "1000")]
    assert queries.get_listing(db, shop.id, "1000").search_status == "suppressed"
    assert queries.get_listing(db, shop.id, "1001").search_status == "normal"
    again = sync_shop(db, shop, src, now=day(3))
    assert again.alerts == []


def test_sync_failing_after_three_failures(db, shop):
    src = ScriptedSource(items(3))
    sync_shop(db, shop, src, now=day(0))
    src.fail_with = NetworkError("down")
    results = [sync_shop(db, shop, src, now=day(1) + timedelta(hours=h)) for h in range(3)]
    assert [a.kind for a in results[1].alerts] == []
    assert [a.kind for a in results[2].alerts] == ["sync_failing"]


def test_interrupted_run_is_marked_failed_on_next_sync(db, shop):
    src = ScriptedSource(items(3))
    stale = queries.start_run(db, shop.id, day(0).isoformat())  # a process killed mid-sync
    sync_shop(db, shop, src, now=day(1))
    run = queries.get_run(db, stale)
    assert run.status == "failed" and run.error_kind == "interrupted"


def test_an_import_into_an_api_shop_is_not_its_last_sync_nor_ends_a_failure_streak(db, shop):
    src = ScriptedSource(items(3))
    sync_shop(db, shop, src, now=day(0))
    src.fail_with = NetworkError("down")
    for h in range(2):
        sync_shop(db, shop, src, now=day(1) + timedelta(hours=h))
    src.fail_with = None
    imported = sync_shop(db, shop, src, now=day(1) + timedelta(hours=3), origin="import")
    assert imported.status == "ok"
    last = queries.last_run(db, shop.id, status="ok")
    assert last is not None and last.id != imported.run_id and last.origin == "sync"
    assert queries.get_run(db, imported.run_id).origin == "import"
    src.fail_with = NetworkError("still down")
    third = sync_shop(db, shop, src, now=day(1) + timedelta(hours=4))
    assert [a.kind for a in third.alerts] == ["sync_failing"]


def test_daily_traffic_older_than_the_retention_is_pruned(db, shop):
    src = ScriptedSource(items(2))
    start = (day(0) - timedelta(days=200)).date()
    src.metrics = [MetricRecord("1000", (start + timedelta(days=i)).isoformat(), visits=50)
                   for i in range(201)]
    sync_shop(db, shop, src, now=day(0))
    kept = queries.metrics_history(db, shop.id, "2000-01-01")["1000"]
    assert len(kept) == 91  # metrics_keep_days (90) plus today
    assert kept[0].day == (day(0) - timedelta(days=90)).date().isoformat()
