"""Two-pass sync through the real TOP client against the loopback demo gateway: lean lists
first, full rows (taobao.items.seller.list.get) only for what changed, and a store that ends up
exactly where a sync reading every row in full would have put it."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from shopwatch.config import DetectionSettings
from shopwatch.connectors.base import CancelCheck, Progress
from shopwatch.connectors.taobao import ROWS_PER_CALL, TaobaoConnector
from shopwatch.demo.marketplace import Marketplace
from shopwatch.demo.server import DemoServer
from shopwatch.models import ListingRecord
from shopwatch.monitor.sync import sync_shop
from shopwatch.store import queries
from shopwatch.store.db import open_db

from .support import (
    START,
    listing_state,
    mismatches,
    sim_now,
    version_chain_problems,
)

ROWS = "taobao.items.seller.list.get"
#: the periodic full read never comes due within these tests unless a test wants it
NEVER = DetectionSettings(full_read_hours=24 * 30)


class FullReadOnly:
    """The same client seen through the first-generation interface only (no lean lists): the
    reference a two-pass sync must agree with."""

    def __init__(self, inner: TaobaoConnector) -> None:
        self._inner = inner
        self.capabilities = inner.capabilities

    def fetch_listings(
        self, progress: Progress | None = None, cancel: CancelCheck | None = None
    ) -> tuple[list[ListingRecord], int]:
        return self._inner.fetch_listings(progress, cancel)

    def lookup(self, listing_id: str) -> ListingRecord | None:
        return self._inner.lookup(listing_id)


@pytest.fixture
def market() -> Iterator[tuple[Marketplace, DemoServer]]:
    m = Marketplace(seed=23, n_listings=400, start_date=START)
    with DemoServer(m) as server:
        yield m, server
        assert not server.errors, server.errors


def client(m: Marketplace, server: DemoServer) -> TaobaoConnector:
    return TaobaoConnector(server.endpoint, m.app_key, m.app_secret, m.session,
                           sign_method="hmac-sha256", page_size=50, retries=0, timeout=5)


def new_shop(path: Path, server: DemoServer) -> Any:
    db = open_db(path)
    return db, queries.add_shop(db, "shop", "taobao", now="2026-11-01T00:00:00+00:00",
                                endpoint=server.endpoint)


def alert_keys(db: Any, shop_id: int) -> set[tuple[str, str | None, str]]:
    return {(a.kind, a.listing_id, a.dedup_key)
            for a in queries.list_alerts(db, shop_id=shop_id, include_acknowledged=True)}


def version_counts(db: Any, shop_id: int) -> dict[str, int]:
    return dict(db.execute("SELECT listing_id, COUNT(*) FROM listing_versions WHERE shop_id = ?"
                           " GROUP BY listing_id", [shop_id]).fetchall())


def test_first_sync_reads_lists_in_full_and_stores_each_items_modified_stamp(market, tmp_path):
    m, server = market
    db, shop = new_shop(tmp_path / "a.db", server)
    with client(m, server) as conn:
        result = sync_shop(db, shop, conn, now=sim_now(m), settings=NEVER)
    assert result.status == "ok", result.error
    assert ROWS not in server.method_counts
    stamps = dict(db.execute("SELECT listing_id, source_modified FROM listings").fetchall())
    truth = {str(it["num_iid"]): it["modified"] for it in m.onsale_items()}
    for banner in ("regular_shelved", "never_on_shelf", "off_shelf", "sold_out",
                   "violation_off_shelf"):
        truth |= {str(it["num_iid"]): it["modified"] for it in m.inventory_items(banner)}
    assert stamps == truth
    assert db.execute("SELECT full_read FROM sync_runs WHERE id = ?",
                      [result.run_id]).fetchone()[0] == 1


def test_resync_fetches_full_rows_only_for_items_whose_stamp_or_list_moved(market, tmp_path):
    m, server = market
    db, shop = new_shop(tmp_path / "a.db", server)
    with client(m, server) as conn:
        assert sync_shop(db, shop, conn, now=sim_now(m), settings=NEVER).status == "ok"
        unchanged = sync_shop(db, shop, conn, now=sim_now(m) + timedelta(hours=1),
                              settings=NEVER)
        assert unchanged.status == "ok" and unchanged.versions_written == 0
        assert ROWS not in server.method_counts  # nothing changed: no full row asked for
        before = {str(it["num_iid"]): it["modified"] for it in m.onsale_items()}
        edited = m.edit_share(0.05)
        assert edited
        server.reset_counts()
        result = sync_shop(db, shop, conn, now=sim_now(m) + timedelta(hours=2), settings=NEVER)
    assert result.status == "ok", result.error
    assert result.versions_written == len(edited)
    assert server.method_counts[ROWS] == math.ceil(len(edited) / ROWS_PER_CALL)
    stored = queries.load_listings(db, shop.id)
    for num_iid in edited:
        item = m.item(num_iid)
        assert stored[str(num_iid)].price == item["price"] != None  # noqa: E711
        assert item["modified"] != before[str(num_iid)]
    assert version_chain_problems(db, shop.id) == []
    assert db.execute("SELECT full_read FROM sync_runs WHERE id = ?",
                      [result.run_id]).fetchone()[0] == 0


def test_two_pass_sync_agrees_with_a_full_read_every_day_of_a_campaign(market, tmp_path):
    """Day by day through the platform's campaign (deletions, violation delistings, seller
    edits, new listings): the two-pass store, a store read in full every time and one written
    by the first-generation path hold the same listings, versions and alerts."""
    m, server = market
    two, two_shop = new_shop(tmp_path / "two.db", server)
    full, full_shop = new_shop(tmp_path / "full.db", server)
    legacy, legacy_shop = new_shop(tmp_path / "legacy.db", server)
    every_time = DetectionSettings(full_read_hours=1)
    rows_calls = 0
    with client(m, server) as conn:
        for day in range(12):
            if day:
                m.advance()
            now = sim_now(m)
            server.reset_counts()
            a = sync_shop(two, two_shop, conn, now=now, settings=NEVER)
            rows_calls += server.method_counts.get(ROWS, 0)
            b = sync_shop(full, full_shop, conn, now=now, settings=every_time)
            c = sync_shop(legacy, legacy_shop, FullReadOnly(conn), now=now)
            assert (a.status, b.status, c.status) == ("ok", "ok", "ok"), (a, b, c)
            assert a.listings == b.listings == c.listings
            assert mismatches(two, two_shop.id, m) == []
            assert listing_state(two, two_shop.id) == listing_state(legacy, legacy_shop.id)
            assert listing_state(full, full_shop.id) == listing_state(legacy, legacy_shop.id)
            assert alert_keys(two, two_shop.id) == alert_keys(legacy, legacy_shop.id)
            assert alert_keys(full, full_shop.id) == alert_keys(legacy, legacy_shop.id)
            assert version_counts(two, two_shop.id) == version_counts(legacy, legacy_shop.id)
            assert version_chain_problems(two, two_shop.id) == []
    assert rows_calls > 0  # the second pass really ran
    kinds = {k for k, _, _ in alert_keys(two, two_shop.id)}
    # the demo's price and title changes are the seller's own edits: no alert (issue 13)
    assert {"deleted", "violation_off_shelf"} <= kinds


def test_a_change_that_keeps_the_modified_stamp_waits_for_the_periodic_full_read(
        market, tmp_path):
    m, server = market
    db, shop = new_shop(tmp_path / "a.db", server)
    daily = DetectionSettings(full_read_hours=24)
    lid = str(m.onsale_items()[0]["num_iid"])
    start = sim_now(m)
    with client(m, server) as conn:
        assert sync_shop(db, shop, conn, now=start, settings=daily).status == "ok"
        with m.lock:  # a platform-side edit that leaves `modified` alone
            m._listings[int(lid)].title = "平台修改的标题"
            m._revision += 1
        soon = sync_shop(db, shop, conn, now=start + timedelta(hours=1), settings=daily)
        assert soon.status == "ok"
        assert queries.get_listing(db, shop.id, lid).title != "平台修改的标题"
        later = sync_shop(db, shop, conn, now=start + timedelta(hours=25), settings=daily)
    assert later.status == "ok"
    assert queries.get_listing(db, shop.id, lid).title == "平台修改的标题"
    assert any(a.kind == "changed_by_platform" and a.listing_id == lid for a in later.alerts)


def listing_rows(db: Any, shop_id: int) -> list[tuple]:
    return db.execute("SELECT * FROM listings WHERE shop_id = ? ORDER BY listing_id",
                      [shop_id]).fetchall()


def test_a_resync_in_which_nothing_changed_rewrites_no_listing_row(market, tmp_path):
    """Nothing changed: not one listing row is written, yet every present listing reads as
    seen by this run (the shop's presence record), in every read the app makes."""
    m, server = market
    db, shop = new_shop(tmp_path / "a.db", server)
    first, again = sim_now(m), sim_now(m) + timedelta(hours=1)
    with client(m, server) as conn:
        assert sync_shop(db, shop, conn, now=first, settings=NEVER).status == "ok"
        before = listing_rows(db, shop.id)
        result = sync_shop(db, shop, conn, now=again, settings=NEVER)
    assert result.status == "ok" and result.versions_written == 0
    assert listing_rows(db, shop.id) == before
    stamp = again.isoformat(timespec="seconds")
    stored = queries.load_listings(db, shop.id)
    assert {x.last_seen for x in stored.values()} == {stamp}
    lid = next(iter(stored))
    assert queries.get_listing(db, shop.id, lid).last_seen == stamp
    assert {x.last_seen for x in queries.list_listings(db, shop_id=shop.id)} == {stamp}
    keys = queries.listing_keys(db, shop.id, order_by="last_seen")
    assert {x.last_seen for x in queries.listings_by_keys(db, keys).values()} == {stamp}


def test_a_listing_that_disappears_keeps_when_it_was_last_seen(market, tmp_path):
    m, server = market
    db, shop = new_shop(tmp_path / "a.db", server)
    with client(m, server) as conn:
        assert sync_shop(db, shop, conn, now=sim_now(m), settings=NEVER).status == "ok"
        seen_at = sim_now(m) + timedelta(hours=1)
        assert sync_shop(db, shop, conn, now=seen_at, settings=NEVER).status == "ok"
        m.advance(3)  # the campaign deletes listings
        later = sim_now(m)
        result = sync_shop(db, shop, conn, now=later, settings=NEVER)
    assert result.status == "ok", result.error
    stored = queries.load_listings(db, shop.id)
    gone = {lid for lid, x in stored.items() if x.status in ("deleted", "missing")}
    assert gone, "the campaign deleted nothing"
    for lid, item in stored.items():
        expected = seen_at if lid in gone else later
        assert item.last_seen == expected.isoformat(timespec="seconds"), (lid, item.status)
