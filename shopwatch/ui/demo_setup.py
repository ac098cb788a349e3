"""The demo shop for the desktop app: a week of simulated history before the seller first
looks, so every page has something real to show. Plain Python (no Qt): it runs in a worker
thread from the welcome dialog and synchronously in screenshot mode."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import sqlite_utils

from shopwatch.config import DetectionSettings
from shopwatch.demo.runtime import DEMO_SHOP, DemoConfig, reset_demo_shop
from shopwatch.models import Shop, SyncResult
from shopwatch.monitor.rules import Rules
from shopwatch.monitor.service import sync_stored_shop
from shopwatch.store import queries

#: simulated days synced before the app opens (the campaign starts on day 3)
DEFAULT_DEMO_DAYS = 7


def demo_shop(db: sqlite_utils.Database) -> Shop | None:
    return queries.get_shop(db, DEMO_SHOP)


def demo_needs_setup(db: sqlite_utils.Database) -> bool:
    """True when there is no demo shop or it never synced successfully."""
    shop = demo_shop(db)
    return shop is None or queries.last_run(db, shop.id, status="ok") is None


def prepare_demo(
    db: sqlite_utils.Database, *, days: int = DEFAULT_DEMO_DAYS,
    settings: DetectionSettings | None = None, rules: Rules | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> list[SyncResult]:
    """A fresh demo shop whose simulated calendar ends today, synced once per day.

    The start date is anchored ``days`` ago so the dates the seller sees look current; each
    ``sync_stored_shop`` of the demo shop moves its simulation one day on."""
    config = DemoConfig(start_date=date.today() - timedelta(days=days))
    shop = reset_demo_shop(db, config)
    results: list[SyncResult] = []
    for day in range(days + 1):
        if cancel and cancel():
            break
        if progress:
            progress(day, days + 1, f"day {day}")
        shop = queries.get_shop_by_id(db, shop.id)  # each sync stores the day it reached
        results.append(sync_stored_shop(db, shop, settings=settings, rules=rules))
    if progress:
        progress(days + 1, days + 1, "done")
    return results
