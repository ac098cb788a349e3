"""Reads the listing timeline and the exhibit bundle need beyond the other modules'."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shopwatch.models import Alert
from shopwatch.store.queries.alerts import ALERT_COLUMNS, _alert

if TYPE_CHECKING:
    import sqlite_utils


def alerts_for_listing(db: sqlite_utils.Database, shop_id: int, listing_id: str) -> list[Alert]:
    rows = db.execute(
        f"SELECT {', '.join(ALERT_COLUMNS)} FROM alerts WHERE shop_id = ? AND listing_id = ?"
        " ORDER BY id", [shop_id, listing_id]).fetchall()
    return [_alert(row) for row in rows]


def run_times(db: sqlite_utils.Database, shop_id: int) -> dict[int, str]:
    return {r[0]: r[1] for r in db.execute(
        "SELECT id, started_at FROM sync_runs WHERE shop_id = ?", [shop_id])}


def shops_with_listing(db: sqlite_utils.Database, listing_id: str) -> list[int]:
    return [r[0] for r in db.execute(
        "SELECT shop_id FROM listings WHERE listing_id = ? ORDER BY shop_id", [listing_id])]
