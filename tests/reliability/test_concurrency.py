"""The desktop app reads (and now and then writes) while a sync writes: each thread has its own
connection, as in the app, and nobody ever sees "database is locked" or half a run."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlite_utils

from shopwatch.store import queries
from shopwatch.store.db import open_db
from shopwatch.timeutil import iso, now_utc

from .support import DemoShop, mismatches, version_chain_problems

#: one statement, so one snapshot: every listing has exactly one open version
TORN_READ = ("SELECT (SELECT COUNT(*) FROM listings),"
             " (SELECT COUNT(*) FROM listing_versions WHERE valid_to_run IS NULL)")


class Background(threading.Thread):
    """Runs ``step(db)`` in a loop on its own connection until stopped; keeps every error."""

    def __init__(self, path: Path, step: Callable[[sqlite_utils.Database], None]) -> None:
        super().__init__(daemon=True)
        self.path, self.step = path, step
        self.stop = threading.Event()
        self.errors: list[str] = []
        self.rounds = 0

    def run(self) -> None:
        db = open_db(self.path)
        try:
            while not self.stop.is_set():
                try:
                    self.step(db)
                except sqlite3.Error as exc:
                    self.errors.append(f"{type(exc).__name__}: {exc}")
                self.rounds += 1
        finally:
            db.close()


def gui_reads(shop_id: int, torn: list[tuple[int, int]]) -> Callable[[sqlite_utils.Database], None]:
    def step(db: sqlite_utils.Database) -> None:
        listings, open_versions = db.execute(TORN_READ).fetchone()
        if listings != open_versions:
            torn.append((listings, open_versions))
        queries.count_by_status(db, shop_id)
        queries.list_listings(db, shop_id=shop_id, limit=200)
        queries.list_alerts(db, shop_id=shop_id, limit=100)
        queries.list_notices(db, shop_id=shop_id)
        queries.recent_runs(db, shop_id)
        if hasattr(queries, "listing_keys"):
            queries.listing_keys(db, shop_id, search="silk")
    return step


def gui_writes(shop_id: int) -> Callable[[sqlite_utils.Database], None]:
    """What the seller does meanwhile: acknowledge an alert, mark a notice appealed."""
    def step(db: sqlite_utils.Database) -> None:
        alerts = queries.list_alerts(db, shop_id=shop_id, limit=1)
        if alerts:
            queries.acknowledge_alerts(db, [alerts[0].id], iso(now_utc()))
        notices = queries.list_notices(db, shop_id=shop_id, status="open")
        if notices:
            queries.set_notice_status(db, notices[0].id, "appealed")
        time.sleep(0.01)
    return step


def gui_opens(db: sqlite_utils.Database) -> None:
    """The app starting (a second window, the CLI) while a sync runs: open, read, close."""
    other = open_db(Path(db.conn.execute("PRAGMA database_list").fetchone()[2]))
    try:
        other.execute("SELECT COUNT(*) FROM listings").fetchone()
    finally:
        other.close()


@pytest.mark.slow
def test_readers_and_writers_never_see_locked_or_half_a_run_during_syncs(tmp_path: Path):
    demo = DemoShop.start(tmp_path, n_listings=3000)
    try:
        assert demo.sync().status == "ok"
        torn: list[tuple[int, int]] = []
        threads = [Background(demo.path, gui_reads(demo.shop.id, torn)),
                   Background(demo.path, gui_writes(demo.shop.id)),
                   Background(demo.path, gui_opens)]
        for t in threads:
            t.start()
        results = []
        for _ in range(6):
            demo.market.advance()
            results.append(demo.sync())
        for t in threads:
            t.stop.set()
        for t in threads:
            t.join(timeout=30)
        assert [r.status for r in results] == ["ok"] * 6, [r.error for r in results]
        assert [t.errors for t in threads] == [[], [], []]
        assert torn == []
        assert min(t.rounds for t in threads) > 10, [t.rounds for t in threads]
        assert mismatches(demo.db, demo.shop.id, demo.market) == []
        assert version_chain_problems(demo.db, demo.shop.id) == []
    finally:
        demo.close()


def repeated_versions(db: sqlite_utils.Database) -> list[str]:
    """A version row is written only when a listing's content changes: two consecutive
    versions of one listing with the same content are history written twice."""
    out, last = [], {}
    for lid, content_hash in db.execute(
        "SELECT listing_id, content_hash FROM listing_versions ORDER BY shop_id, listing_id, id"
    ).fetchall():
        if last.get(lid) == content_hash:
            out.append(lid)
        last[lid] = content_hash
    return out


def sync_at_once(demo: DemoShop, barrier: threading.Barrier, one_returned: threading.Event,
                 results: list, i: int) -> None:
    """One of two syncs of one shop started at the same moment, each on its own connection.
    Whichever gets into its fetch waits there until the other has returned, so the two
    overlap however the threads are scheduled."""
    connector = demo.connector()
    fetch = connector.fetch_listings

    def fetch_once_the_other_returned(*args, **kwargs):  # type: ignore[no-untyped-def]
        one_returned.wait(30)
        return fetch(*args, **kwargs)

    connector.fetch_listings = fetch_once_the_other_returned  # type: ignore[method-assign]
    db = open_db(demo.path)
    try:
        barrier.wait()
        results[i] = demo.sync(connector, db=db)
    finally:
        one_returned.set()
        db.close()


def test_two_syncs_of_one_shop_at_once_record_each_change_once(tmp_path: Path):
    """The app's scheduled sync and a `shopwatch sync` in a terminal can start together. One
    writer per shop: one of them runs, the other is refused at once (busy, no run recorded);
    every change is versioned and alerted once. (Overlaps with a stall:
    test_overlapping_syncs.py.)"""
    demo = DemoShop.start(tmp_path, n_listings=400)
    try:
        assert demo.sync().status == "ok"
        for _ in range(3):
            demo.market.advance(2)
            runs_before = len(queries.recent_runs(demo.db, demo.shop.id, limit=100))
            together, one_returned = threading.Barrier(2, timeout=30), threading.Event()
            results: list = [None, None]
            threads = [threading.Thread(target=sync_at_once,
                                        args=(demo, together, one_returned, results, i))
                       for i in range(2)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=60)
            assert sorted(r.status for r in results) == ["busy", "ok"], [r.error for r in results]
            assert len(queries.recent_runs(demo.db, demo.shop.id, limit=100)) == runs_before + 1
            assert repeated_versions(demo.db) == []
            assert mismatches(demo.db, demo.shop.id, demo.market) == []
            assert version_chain_problems(demo.db, demo.shop.id) == []
            keys = [a.dedup_key for a in queries.list_alerts(demo.db, shop_id=demo.shop.id,
                                                             include_acknowledged=True)]
            assert len([k for k in keys if k.startswith("mass:")]) <= 1
            assert queries.recent_runs(demo.db, demo.shop.id, limit=1)[0].status == "ok"
    finally:
        demo.close()
