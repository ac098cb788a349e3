"""The demo shop's set-up: which shop it is, whether it still needs its first week, and a
fresh one whose simulated calendar ends today (``monitor.service.prepare_demo`` then syncs
that week). Plain Python, shared by the desktop app and the CLI."""

from __future__ import annotations

from datetime import date, timedelta

import sqlite_utils

from shopwatch.demo.runtime import DEMO_SHOP, DemoConfig, reset_demo_shop
from shopwatch.models import Shop
from shopwatch.store import queries

#: simulated days synced before the app opens (the campaign starts on day 3)
DEFAULT_DEMO_DAYS = 7


def demo_shop(db: sqlite_utils.Database) -> Shop | None:
    return queries.get_shop(db, DEMO_SHOP)


def demo_needs_setup(db: sqlite_utils.Database) -> bool:
    """True when there is no demo shop or it never synced successfully."""
    shop = demo_shop(db)
    return shop is None or queries.last_run(db, shop.id, status="ok") is None


def reset_for_today(db: sqlite_utils.Database, days: int = DEFAULT_DEMO_DAYS) -> Shop:
    """A fresh demo shop anchored ``days`` ago, so after ``days + 1`` syncs (day 0 to day
    ``days``) its simulated calendar reaches today and the dates the seller sees look current."""
    return reset_demo_shop(db, DemoConfig(start_date=date.today() - timedelta(days=days)))
