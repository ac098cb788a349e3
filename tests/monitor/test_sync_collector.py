"""A sync pauses Python's cyclic collector only on the main thread, and leaves it as it found
it; on a pool thread (the desktop app, whose GUI thread runs the collector) it never touches
it."""

from __future__ import annotations

import gc
import threading
from datetime import datetime, timezone

import pytest

from shopwatch.models import ListingRecord
from shopwatch.monitor.sync import sync_shop
from shopwatch.store import queries

NOW = datetime(2026, 11, 10, 1, 0, tzinfo=timezone.utc)


class Source:
    """Two listings; remembers whether the collector ran automatically while it was read."""

    capabilities = frozenset({"listings"})

    def __init__(self) -> None:
        self.collector_on: list[bool] = []

    def fetch_listings(self, progress=None, cancel=None):  # type: ignore[no-untyped-def]
        self.collector_on.append(gc.isenabled())
        return [ListingRecord("1", "商品 1"), ListingRecord("2", "商品 2")], 1


@pytest.fixture
def shop(db):  # type: ignore[no-untyped-def]
    return queries.add_shop(db, "s", "taobao", now=NOW.isoformat())


@pytest.fixture(autouse=True)
def collector_restored():  # type: ignore[no-untyped-def]
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


@pytest.mark.parametrize("enabled", [True, False])
def test_a_sync_on_the_main_thread_pauses_the_collector_and_leaves_it_as_found(
        db, shop, enabled):  # type: ignore[no-untyped-def]
    (gc.enable if enabled else gc.disable)()
    source = Source()
    assert sync_shop(db, shop, source, now=NOW).status == "ok"
    assert source.collector_on == [False]
    assert gc.isenabled() is enabled


def test_a_sync_on_a_pool_thread_never_touches_the_collector(tmp_path):  # type: ignore[no-untyped-def]
    from shopwatch.store.db import open_db

    gc.enable()
    source = Source()
    results = []

    def run() -> None:  # a thread of its own opens its own connection
        db = open_db(tmp_path / "t.db")
        shop = queries.add_shop(db, "s", "taobao", now=NOW.isoformat())
        results.append(sync_shop(db, shop, source, now=NOW).status)
        db.close()

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    assert results == ["ok"] and source.collector_on == [True] and gc.isenabled()
