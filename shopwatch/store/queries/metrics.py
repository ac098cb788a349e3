"""Daily traffic per listing (``metric_days`` keyed by ``metric_listings``, migration
0011_compact_metrics). Callers see ``MetricRecord`` with text ids and ``YYYY-MM-DD`` days; the
file holds small integers: a listing key per (shop, listing id) and days since 1970-01-01."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from shopwatch.models import MetricRecord
from shopwatch.store.queries._base import _chunks

if TYPE_CHECKING:
    import sqlite_utils

_EPOCH = date(1970, 1, 1).toordinal()


@lru_cache(maxsize=4096)
def day_number(day: str) -> int:
    """``YYYY-MM-DD`` → days since 1970-01-01 (a ValueError for anything else)."""
    return date.fromisoformat(day).toordinal() - _EPOCH


@lru_cache(maxsize=4096)
def day_text(number: int) -> str:
    return date.fromordinal(number + _EPOCH).isoformat()


def _keys(db: sqlite_utils.Database, shop_id: int, listing_ids: set[str]) -> dict[str, int]:
    """The integer key of each listing id, created where missing."""
    db.conn.executemany(
        "INSERT OR IGNORE INTO metric_listings (shop_id, listing_id) VALUES (?, ?)",
        [(shop_id, lid) for lid in sorted(listing_ids)],
    )
    out: dict[str, int] = {}
    for chunk in _chunks(sorted(listing_ids)):
        marks = ", ".join("?" for _ in chunk)
        out.update(db.execute(
            f"SELECT listing_id, key FROM metric_listings WHERE shop_id = ?"
            f" AND listing_id IN ({marks})", [shop_id, *chunk]).fetchall())
    return out


def prune_metrics(db: sqlite_utils.Database, shop_id: int, before_day: str) -> int:
    """Drop the shop's daily traffic rows older than ``before_day`` (retention)."""
    return db.execute("DELETE FROM metric_days WHERE shop_id = ? AND day < ?",
                      [shop_id, day_number(before_day)]).rowcount


def upsert_metrics(db: sqlite_utils.Database, shop_id: int, records: Iterable[MetricRecord]) -> int:
    records = list(records)
    days = [day_number(r.day) for r in records]  # a bad day fails before anything is written
    keys = _keys(db, shop_id, {r.listing_id for r in records})
    rows = [
        (shop_id, day, keys[r.listing_id], r.impressions, r.visits, r.page_views, r.keyword_rank)
        for r, day in zip(records, days, strict=True)
    ]
    db.conn.executemany(
        "INSERT INTO metric_days (shop_id, day, key, impressions, visits, page_views,"
        " keyword_rank) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (shop_id, day, key)"
        " DO UPDATE SET impressions = excluded.impressions, visits = excluded.visits,"
        " page_views = excluded.page_views, keyword_rank = excluded.keyword_rank",
        rows,
    )
    return len(rows)


def metrics_history(
    db: sqlite_utils.Database, shop_id: int, since_day: str
) -> dict[str, list[MetricRecord]]:
    """Per listing (in listing id order), its metric rows from ``since_day`` on, oldest first."""
    names = dict(db.execute("SELECT key, listing_id FROM metric_listings WHERE shop_id = ?",
                            [shop_id]).fetchall())
    by_key: dict[int, list[MetricRecord]] = {}
    cur = db.execute(
        "SELECT key, day, impressions, visits, page_views, keyword_rank"
        " FROM metric_days WHERE shop_id = ? AND day >= ? ORDER BY day",
        [shop_id, day_number(since_day)],
    )
    for key, day, *values in cur.fetchall():
        by_key.setdefault(key, []).append(MetricRecord(names[key], day_text(day), *values))
    return {names[key]: rows for key, rows in sorted(by_key.items(), key=lambda kv: names[kv[0]])}


def latest_metric_day(db: sqlite_utils.Database, shop_id: int) -> str | None:
    day = db.execute("SELECT MAX(day) FROM metric_days WHERE shop_id = ?", [shop_id]).fetchone()[0]
    return None if day is None else day_text(day)


def listing_metric_series(
    db: sqlite_utils.Database, shop_id: int, listing_id: str, since_day: str | None = None
) -> list[MetricRecord]:
    """One listing's rows, oldest first: a point look-up per day of the shop's range (the
    table is ordered by day, so a scan for one listing would read every listing's rows)."""
    row = db.execute("SELECT key FROM metric_listings WHERE shop_id = ? AND listing_id = ?",
                     [shop_id, listing_id]).fetchone()
    if row is None:
        return []
    lo, hi = db.execute("SELECT MIN(day), MAX(day) FROM metric_days WHERE shop_id = ?",
                        [shop_id]).fetchone()
    if lo is None:
        return []
    if since_day:
        lo = max(lo, day_number(since_day))
    params: list[Any] = [lo, hi, shop_id, row[0]]
    rows = db.execute(
        "WITH RECURSIVE d(n) AS (SELECT ? UNION ALL SELECT n + 1 FROM d WHERE n < ?)"
        " SELECT m.day, m.impressions, m.visits, m.page_views, m.keyword_rank FROM d"
        " JOIN metric_days m ON m.shop_id = ? AND m.day = d.n AND m.key = ? ORDER BY m.day",
        params,
    ).fetchall()
    return [MetricRecord(listing_id, day_text(day), *values) for day, *values in rows]
