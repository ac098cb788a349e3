"""Read queries shaped for the desktop app: listing keys first (cheap, so 100,000 rows
filter and sort in SQL), rows fetched for what is on screen, per-day counts for charts."""


from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlite_utils

from shopwatch.models import (
    Listing,
    Notice,
)
from shopwatch.store.queries._base import _chunks
from shopwatch.store.queries.listings import LAST_SEEN_SQL, LISTING_COLUMNS, select_list
from shopwatch.store.queries.notices import NOTICE_COLUMNS, NOTICE_SELECT, _notice
from shopwatch.timeutil import parse_iso

#: sortable listing columns the Listings table offers -> SQL expression
LISTING_SORT_KEYS = {
    "title": "title COLLATE NOCASE",
    "listing_id": "listing_id",
    "price": "CAST(price AS REAL)",
    "quantity": "quantity",
    "status": "status",
    "search_status": "search_status",
    "status_changed_at": "status_changed_at",
    "last_seen": LAST_SEEN_SQL,
    "first_seen": "first_seen",
}


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def listing_keys(
    db: sqlite_utils.Database, shop_id: int, *, statuses: Sequence[str] | None = None,
    search: str | None = None, search_status: str | None = None,
    order_by: str = "status_changed_at", descending: bool = True,
) -> list[int]:
    """Row keys (SQLite rowids) of the shop's listings matching the filter, in display order.
    The GUI holds only these ints and fetches rows for what is on screen."""
    where, params = ["shop_id = ?"], [shop_id]
    if statuses:
        where.append(f"status IN ({', '.join('?' for _ in statuses)})")
        params += list(statuses)
    if search_status:
        where.append("search_status = ?")
        params.append(search_status)
    if search and search.strip():
        term = search.strip()
        where.append("(title LIKE ? ESCAPE '\\' OR listing_id LIKE ? ESCAPE '\\'"
                     " OR outer_id LIKE ? ESCAPE '\\')")
        params += [_like(term), _like(term), _like(term)]
    key = LISTING_SORT_KEYS.get(order_by, LISTING_SORT_KEYS["status_changed_at"])
    direction = "DESC" if descending else "ASC"
    sql = (f"SELECT rowid FROM listings WHERE {' AND '.join(where)}"
           f" ORDER BY {key} {direction}, rowid {direction}")
    return [row[0] for row in db.execute(sql, params).fetchall()]


def listing_key(db: sqlite_utils.Database, shop_id: int, listing_id: str) -> int | None:
    """The row key of one listing (a primary-key look-up)."""
    row = db.execute("SELECT rowid FROM listings WHERE shop_id = ? AND listing_id = ?",
                     [shop_id, listing_id]).fetchone()
    return row[0] if row else None


def listings_by_keys(db: sqlite_utils.Database, keys: Sequence[int]) -> dict[int, Listing]:
    """Listings by rowid (unknown keys are simply absent: a sync may have removed a shop)."""
    out: dict[int, Listing] = {}
    cols = select_list(LISTING_COLUMNS)
    for chunk in _chunks(keys):
        marks = ", ".join("?" for _ in chunk)
        for row in db.execute(
            f"SELECT rowid, {cols} FROM listings WHERE rowid IN ({marks})", list(chunk)
        ).fetchall():
            # by name: the dataclass field order differs from LISTING_COLUMNS
            out[row[0]] = Listing(**dict(zip(LISTING_COLUMNS, row[1:], strict=True)))
    return out


def notices_for_listing(db: sqlite_utils.Database, shop_id: int, listing_id: str) -> list[Notice]:
    rows = db.execute(
        # every notice naming the listing, not only those naming it first
        f"SELECT {NOTICE_SELECT} FROM notices WHERE shop_id = ? AND (listing_id = ? OR id IN"
        " (SELECT notice_id FROM notice_listings WHERE shop_id = ? AND listing_id = ?))"
        " ORDER BY issued_at DESC, id DESC", [shop_id, listing_id, shop_id, listing_id],
    ).fetchall()
    return [_notice(row) for row in rows]


def count_open_alerts(
    db: sqlite_utils.Database, *, shop_id: int | None = None,
    severities: Sequence[str] | None = None,
) -> int:
    sql, params = "SELECT COUNT(*) FROM alerts WHERE acknowledged_at IS NULL", []
    if shop_id is not None:
        sql += " AND shop_id = ?"
        params.append(shop_id)
    if severities:
        sql += f" AND severity IN ({', '.join('?' for _ in severities)})"
        params += list(severities)
    return db.execute(sql, params).fetchone()[0]


def alerts_per_day(
    db: sqlite_utils.Database, shop_id: int, since_day: str, *,
    severities: Sequence[str] | None = None,
) -> dict[str, int]:
    """Alerts raised per calendar day (the day of the stored timestamp), from ``since_day``."""
    sql = ("SELECT substr(created_at, 1, 10) AS day, COUNT(*) FROM alerts"
           " WHERE shop_id = ? AND substr(created_at, 1, 10) >= ?")
    params: list[Any] = [shop_id, since_day]
    if severities:
        sql += f" AND severity IN ({', '.join('?' for _ in severities)})"
        params += list(severities)
    return dict(db.execute(sql + " GROUP BY day ORDER BY day", params).fetchall())


def active_listings_per_day(
    db: sqlite_utils.Database, shop_id: int, since_day: str
) -> dict[str, int]:
    """Active listings after the last successful sync of each day, rebuilt from the version
    history (a version is valid from its run up to, not including, the run that replaced it)."""
    runs = db.execute(
        "SELECT substr(finished_at, 1, 10) AS day, MAX(id) FROM sync_runs"
        " WHERE shop_id = ? AND status = 'ok' AND finished_at IS NOT NULL"
        " AND substr(finished_at, 1, 10) >= ? GROUP BY day ORDER BY day",
        [shop_id, since_day],
    ).fetchall()
    if not runs:
        return {}
    spans = db.execute(
        "SELECT valid_from_run, valid_to_run FROM listing_versions"
        " WHERE shop_id = ? AND status = 'active'", [shop_id],
    ).fetchall()
    starts = sorted(s for s, _ in spans)
    ends = sorted(e for _, e in spans if e is not None)
    return {day: bisect_right(starts, run_id) - bisect_right(ends, run_id)
            for day, run_id in runs}


def upcoming_deadlines(
    db: sqlite_utils.Database, shop_id: int, after: datetime, limit: int = 10
) -> list[Notice]:
    """Open notices whose appeal deadline is still ahead, soonest first. Compared as moments,
    not text: stored stamps carry different UTC offsets (+08:00 from the platform)."""
    rows = db.execute(
        f"SELECT {NOTICE_SELECT} FROM notices WHERE shop_id = ? AND status = 'open'"
        " AND appeal_deadline IS NOT NULL", [shop_id],
    ).fetchall()
    ahead = [(moment, _notice(row)) for row in rows
             if (moment := parse_iso(row[NOTICE_COLUMNS.index("appeal_deadline")])) and moment > after]
    ahead.sort(key=lambda pair: pair[0])
    return [notice for _, notice in ahead[:limit]]
