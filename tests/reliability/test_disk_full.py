"""The disk filling up during a sync (simulated with ``PRAGMA max_page_count``, which makes
SQLite answer SQLITE_FULL exactly as a full disk does): the run fails with a plain message,
nothing stored is lost or half-written, and once there is room the next sync is right."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from shopwatch.store import queries
from shopwatch.store.db import open_db

from .support import DemoShop, data_state, integrity, mismatches, version_chain_problems


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[DemoShop]:
    demo = DemoShop.start(tmp_path)
    assert demo.sync().status == "ok"
    # new metrics, notices, deletions: the next run has more to write than the spare pages
    # hold (traffic is compact since 0011_compact_metrics, so three days no longer sufficed)
    demo.market.advance(8)
    yield demo
    demo.close()


def fill_disk(demo: DemoShop, spare_pages: int) -> None:
    pages = demo.db.execute("PRAGMA page_count").fetchone()[0]
    demo.db.execute(f"PRAGMA max_page_count = {pages + spare_pages}")


def recovers(demo: DemoShop) -> None:
    """Room again (a new connection has no page limit): the next sync is complete and right."""
    demo.db.close()
    demo.db = open_db(demo.path)
    result = demo.sync()
    assert result.status == "ok", result.error
    assert mismatches(demo.db, demo.shop.id, demo.market) == []
    assert version_chain_problems(demo.db, demo.shop.id) == []
    assert not [r for r in queries.recent_runs(demo.db, demo.shop.id, 50) if r.status == "running"]


@pytest.mark.parametrize("spare_pages", [0, 1, 3, 10])
def test_disk_full_during_a_sync_fails_cleanly_and_loses_nothing(shop: DemoShop, spare_pages):
    before = data_state(shop.db)
    fill_disk(shop, spare_pages)
    result = shop.sync()
    assert result.status == "failed"
    assert "disk" in (result.error or "") and "Nothing was changed" in (result.error or "")
    assert data_state(shop.db) == before
    assert integrity(shop.path) == "ok"
    run = queries.get_run(shop.db, result.run_id)
    # The failure is recorded when the record itself fits; otherwise the run is left
    # 'running' and marked interrupted by the next sync (checked in recovers()).
    assert (run.status, run.error_kind) in {("failed", "store"), ("running", None)}
    recovers(shop)


def test_disk_too_full_to_even_start_a_run_is_a_failed_result_not_a_crash(shop: DemoShop):
    """Failing runs add rows until not even a new run row fits; sync still returns."""
    before = data_state(shop.db)
    shop.server.set_faults(expired_session=True)  # quick failures, each writing a little
    fill_disk(shop, 0)
    for _ in range(200):
        result = shop.sync()
        assert result.status == "failed" and result.error
        if result.run_id == 0:
            break
    else:
        pytest.fail("the page limit was never reached")
    assert "disk" in (result.error or "")
    assert data_state(shop.db) == before
    assert integrity(shop.path) == "ok"
    shop.server.clear_faults()
    recovers(shop)
