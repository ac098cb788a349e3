"""Two syncs of one shop at once: the app's scheduled sync and a `shopwatch sync` in a terminal,
one of them stalled in its item.seller.get look-ups. One writer per shop: the second is refused
while the first lives; a sync whose stalled lease was taken over never commits its older fetch;
no run is marked interrupted while its owner lives; nothing is alerted twice."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import sqlite_utils

from shopwatch.cli import main
from shopwatch.models import SyncResult
from shopwatch.monitor.lease import STALE_AFTER, process_label
from shopwatch.monitor.rules import load_rules
from shopwatch.monitor.service import sync_stored_shop
from shopwatch.store import queries
from shopwatch.store.db import open_db
from shopwatch.timeutil import iso, now_utc

from .support import DemoShop, marketplace_truth, mismatches, version_chain_problems

BUSY = "a sync of this shop is already running (started "


class Stall:
    """Holds the first item.seller.get look-up of one thread until released: the sync has
    fetched every page and stands in its look-up phase."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()
        self.thread: threading.Thread | None = None

    def wrap(self, lookup: Callable) -> Callable:
        def stalling(connector, listing_id):  # type: ignore[no-untyped-def]
            found = lookup(connector, listing_id)
            if threading.current_thread() is self.thread and not self.entered.is_set():
                self.entered.set()
                assert self.release.wait(60), "the test never released the stalled sync"
            return found
        return stalling


def in_thread(work: Callable[[], object], stall: Stall | None = None) -> tuple[threading.Thread,
                                                                              list]:
    box: list = []

    def run() -> None:
        box.append(work())

    thread = threading.Thread(target=run, daemon=True)
    if stall is not None:
        stall.thread = thread
    thread.start()
    return thread, box


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DemoShop]:
    shop = DemoShop.start(tmp_path, n_listings=300)
    # the service and the CLI build their own connector: secrets from the environment
    monkeypatch.setenv("SHOPWATCH_APP_SECRET", shop.market.app_secret)
    monkeypatch.setenv("SHOPWATCH_SESSION", shop.market.session)
    try:
        assert shop.sync().status == "ok"
        shop.market.advance(3)  # some listings vanish: the next sync has look-ups to make
        yield shop
    finally:
        shop.close()


@pytest.fixture
def stall(monkeypatch: pytest.MonkeyPatch) -> Stall:
    from shopwatch.connectors.taobao import TaobaoConnector

    stall = Stall()
    monkeypatch.setattr(TaobaoConnector, "lookup", stall.wrap(TaobaoConnector.lookup))
    return stall


def own_db(demo: DemoShop) -> sqlite_utils.Database:
    return open_db(demo.path)


def direct_sync(demo: DemoShop) -> SyncResult:
    """monitor.sync.sync_shop on a connection of the calling thread (as every worker does)."""
    db = own_db(demo)
    try:
        return demo.sync(demo.connector(), db=db)
    finally:
        db.close()


def via_service(demo: DemoShop) -> SyncResult:
    """The app's path (scheduler and Sync now): SyncJob -> monitor.service.sync_stored_shop."""
    db = own_db(demo)
    try:
        return sync_stored_shop(db, demo.shop, rules=load_rules("taobao"))
    finally:
        db.close()


def via_cli(demo: DemoShop) -> tuple[int, dict]:
    """`shopwatch sync --shop NAME --json`; the JSON result is read from the file it wrote."""
    out = demo.path.parent / f"cli-{threading.get_ident()}.json"
    with out.open("w", encoding="utf-8") as stream:
        import contextlib

        with contextlib.redirect_stdout(stream):
            code = main(["--data-dir", str(demo.path.parent), "sync", "--shop", demo.shop.name,
                         "--json", "--no-notify"])
    return code, json.loads(out.read_text(encoding="utf-8"))


def inverted_intervals(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT COUNT(*) FROM listing_versions WHERE valid_to_run IS NOT NULL"
                      " AND valid_to_run < valid_from_run").fetchone()[0]


def running_runs(db: sqlite_utils.Database, shop_id: int) -> list[int]:
    return [r.id for r in queries.recent_runs(db, shop_id, include_imports=True)
            if r.status == "running"]


def sound(db: sqlite_utils.Database, demo: DemoShop) -> None:
    """The store holds the newest state of the shop, each version chain intact."""
    assert mismatches(db, demo.shop.id, demo.market) == []
    assert version_chain_problems(db, demo.shop.id) == []
    assert inverted_intervals(db) == 0


@pytest.mark.parametrize("first,second", [("service", "cli"), ("cli", "service")])
def test_a_second_sync_is_refused_while_the_first_stalls_in_its_lookups(
    demo: DemoShop, stall: Stall, first: str, second: str
):
    """The app's sync stalled while `shopwatch sync` is typed, and the other way round."""
    paths = {"service": via_service, "cli": via_cli}
    thread, box = in_thread(lambda: paths[first](demo), stall)
    assert stall.entered.wait(60), "the first sync never reached its look-ups"
    running = running_runs(demo.db, demo.shop.id)
    assert len(running) == 1

    refused = paths[second](demo)
    if second == "cli":
        code, result = refused
        assert code == 3
        assert result["status"] == "busy" and result["run_id"] == 0
        assert result["error"].startswith(BUSY), result["error"]
        # this test's own process holds it
        assert f"by {process_label()}, process {os.getpid()})" in result["error"]
    else:
        assert refused.status == "busy" and refused.run_id == 0
        assert refused.error.startswith(BUSY)

    # the first run lives on: not interrupted, not counted as failing
    assert running_runs(demo.db, demo.shop.id) == running
    assert queries.failure_streak(demo.db, demo.shop.id) == []
    stall.release.set()
    thread.join(60)
    outcome = box[0]
    assert (outcome[0] if first == "cli" else outcome.status) in (0, "ok"), outcome
    assert queries.get_run(demo.db, running[0]).status == "ok"
    sound(demo.db, demo)
    kinds = [a.kind for a in queries.list_alerts(demo.db, shop_id=demo.shop.id,
                                                 include_acknowledged=True)]
    assert "sync_failing" not in kinds
    # and once the first has finished, the second goes through
    assert via_service(demo).status == "ok"
    assert queries.get_lease(demo.db, demo.shop.id) is None


def age_lease(db: sqlite_utils.Database, shop_id: int) -> None:
    """What a lease looks like after its sync has stalled past STALE_AFTER."""
    old = iso(now_utc() - STALE_AFTER - timedelta(minutes=1))
    db.execute("UPDATE sync_leases SET heartbeat_at = ? WHERE shop_id = ?", [old, shop_id])
    db.conn.commit()


def alerts_of_run(db: sqlite_utils.Database, run_id: int) -> list[str]:
    return [row[0] for row in db.execute("SELECT kind FROM alerts WHERE run_id = ?", [run_id])]


def test_an_older_fetch_never_commits_over_a_newer_sync_that_took_over_its_lease(
    demo: DemoShop, stall: Stall
):
    """Found 1: A fetches, stalls in its look-ups past the lease timeout; B takes over, sees
    the newer shop and commits; A wakes up. A must save nothing: no listing back to an old
    status, no new critical alert, no inverted version interval."""
    thread, box = in_thread(lambda: direct_sync(demo), stall)
    try:
        assert stall.entered.wait(60)
        [a_run] = running_runs(demo.db, demo.shop.id)
        seen_by_a = marketplace_truth(demo.market)
        demo.market.advance(2)  # the shop moves on while A stands still
        assert marketplace_truth(demo.market) != seen_by_a
        age_lease(demo.db, demo.shop.id)

        b = demo.sync()  # takes the abandoned lease over (the stall hook passes B through)
        assert b.status == "ok", b.error
        # A's lease expired, so A's owner counts as gone: its run was marked interrupted
        assert queries.get_run(demo.db, a_run).error_kind == "interrupted"
        before = {t: demo.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                  for t in ("listing_versions", "alerts")}
        state = {lid: (x.status, x.content_hash)
                 for lid, x in queries.load_listings(demo.db, demo.shop.id).items()}

        stall.release.set()
        thread.join(60)
        [a] = box
        assert a.status == "failed" and a.alerts == []
        run = queries.get_run(demo.db, a_run)
        assert (run.status, run.error_kind) == ("failed", "superseded")
        assert alerts_of_run(demo.db, a_run) == []
        assert {t: demo.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in before} == before
        assert {lid: (x.status, x.content_hash)
                for lid, x in queries.load_listings(demo.db, demo.shop.id).items()} == state
        sound(demo.db, demo)
        assert queries.failure_streak(demo.db, demo.shop.id) == []
    finally:
        stall.release.set()
        thread.join(60)


def test_a_sync_that_lost_its_lease_does_not_commit_before_the_one_that_took_it(
    demo: DemoShop, monkeypatch: pytest.MonkeyPatch
):
    """The other order: A stalls and its lease is taken over by B, which stalls in its own
    look-ups; A wakes first and reaches its commit first. A is refused; B commits the newer
    shop afterwards."""
    from shopwatch.connectors.taobao import TaobaoConnector

    stall_a, stall_b = Stall(), Stall()
    monkeypatch.setattr(TaobaoConnector, "lookup",
                        stall_b.wrap(stall_a.wrap(TaobaoConnector.lookup)))
    thread_a, box_a = in_thread(lambda: direct_sync(demo), stall_a)
    thread_b = None
    try:
        assert stall_a.entered.wait(60)
        [a_run] = running_runs(demo.db, demo.shop.id)
        demo.market.advance(2)
        age_lease(demo.db, demo.shop.id)
        thread_b, box_b = in_thread(lambda: direct_sync(demo), stall_b)
        assert stall_b.entered.wait(60)

        stall_a.release.set()
        thread_a.join(60)
        [a] = box_a
        assert a.status == "failed" and a.alerts == []
        assert queries.get_run(demo.db, a_run).error_kind == "superseded"
        assert alerts_of_run(demo.db, a_run) == []

        stall_b.release.set()
        thread_b.join(60)
        [b] = box_b
        assert b.status == "ok", b.error
        sound(demo.db, demo)
        assert queries.failure_streak(demo.db, demo.shop.id) == []
        assert "sync_failing" not in {a.kind for a in queries.list_alerts(
            demo.db, shop_id=demo.shop.id, include_acknowledged=True)}
    finally:
        stall_a.release.set()
        stall_b.release.set()
        thread_a.join(60)
        if thread_b is not None:
            thread_b.join(60)
