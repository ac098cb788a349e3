"""Listings, their version history and their daily traffic metrics (the sync hot path)."""


from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields as dataclass_fields
from typing import TYPE_CHECKING, Any

from shopwatch.models import (
    Listing,
    ListingVersion,
)
from shopwatch.store.queries._base import _rows

if TYPE_CHECKING:
    import sqlite_utils

LISTING_COLUMNS = (
    "shop_id", "listing_id", "title", "price", "currency", "quantity", "url", "category",
    "pic_url", "outer_id", "status", "search_status", "first_seen", "last_seen",
    "missing_since", "status_changed_at", "content_hash", "asin", "issues",
)


#: ``last_seen`` as read. A complete run records once, in ``listing_presence``, that it saw
#: every listing still present in the shop, instead of rewriting each row: a present listing
#: last written before that run was last seen by it. (A row written later, e.g. by a punishment
#: message's look-up, keeps its own stamp; a missing or deleted one keeps when it was last seen.)
LAST_SEEN_SQL = (
    "CASE WHEN listings.status IN ('missing', 'deleted') THEN listings.last_seen ELSE"
    " COALESCE((SELECT p.seen_at FROM listing_presence p WHERE p.shop_id = listings.shop_id"
    " AND p.run_id > COALESCE(listings.last_run_id, 0)), listings.last_seen) END")


def select_list(columns: Sequence[str]) -> str:
    """The SELECT list for listing ``columns`` (FROM listings, unaliased), last_seen as read."""
    return ", ".join(f"{LAST_SEEN_SQL} AS last_seen" if c == "last_seen" else c
                     for c in columns)


def _listing(row: Sequence[Any]) -> Listing:
    return Listing(**dict(zip(LISTING_COLUMNS, row, strict=True)))


#: Listing's own field order: the sync's hot path builds listings positionally, a quarter
#: faster at 100,000 rows than by name. Derived from the dataclass, so the two cannot drift.
_LISTING_FIELDS = tuple(f.name for f in dataclass_fields(Listing))


def load_listings(db: sqlite_utils.Database, shop_id: int) -> dict[str, Listing]:
    cur = db.execute(f"SELECT {select_list(_LISTING_FIELDS)} FROM listings WHERE shop_id = ?",
                     [shop_id])
    return {item.listing_id: item for item in (Listing(*row) for row in cur.fetchall())}


def list_listings(
    db: sqlite_utils.Database, *, shop_id: int | None = None, status: str | None = None,
    search: str | None = None, limit: int | None = None, offset: int = 0,
) -> list[Listing]:
    where, params = [], []
    if shop_id is not None:
        where.append("shop_id = ?")
        params.append(shop_id)
    if status:
        where.append("status = ?")
        params.append(status)
    if search:
        where.append("(title LIKE ? OR listing_id = ?)")
        params += [f"%{search}%", search]
    sql = f"SELECT {select_list(LISTING_COLUMNS)} FROM listings"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY shop_id, status_changed_at DESC, listing_id"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return [_listing(row) for row in db.execute(sql, params).fetchall()]


def get_listing(db: sqlite_utils.Database, shop_id: int, listing_id: str) -> Listing | None:
    cur = db.execute(
        f"SELECT {select_list(LISTING_COLUMNS)} FROM listings WHERE shop_id = ?"
        " AND listing_id = ?",
        [shop_id, listing_id],
    )
    row = cur.fetchone()
    return _listing(row) if row else None


def count_by_status(db: sqlite_utils.Database, shop_id: int | None = None) -> dict[str, int]:
    sql = "SELECT status, COUNT(*) FROM listings"
    params: list[Any] = []
    if shop_id is not None:
        sql += " WHERE shop_id = ?"
        params.append(shop_id)
    return dict(db.execute(sql + " GROUP BY status", params).fetchall())


def write_listings(
    db: sqlite_utils.Database, listings: Iterable[Listing], *, run_id: int, now: str,
    changed_hash: set[str],
) -> int:
    """Upsert listing rows; append a version for each id in ``changed_hash`` (closing the
    previous one). Raw executemany: this is the sync hot path. Call inside ``db.atomic()``."""
    listings = list(listings)
    rows = [tuple(getattr(item, c) for c in LISTING_COLUMNS) + (run_id,) for item in listings]
    cols = ", ".join(LISTING_COLUMNS) + ", last_run_id"
    marks = ", ".join("?" for _ in range(len(LISTING_COLUMNS) + 1))
    updates = ", ".join(f"{c} = excluded.{c}" for c in LISTING_COLUMNS[2:]) + (
        ", last_run_id = excluded.last_run_id"
    )
    db.conn.executemany(
        f"INSERT INTO listings ({cols}) VALUES ({marks}) "
        f"ON CONFLICT (shop_id, listing_id) DO UPDATE SET {updates}",
        rows,
    )
    versioned = [item for item in listings if item.listing_id in changed_hash]
    if not versioned:
        return 0
    shop_id = versioned[0].shop_id
    db.conn.executemany(
        "UPDATE listing_versions SET valid_to_run = ? WHERE shop_id = ? AND listing_id = ?"
        " AND valid_to_run IS NULL",
        [(run_id, shop_id, item.listing_id) for item in versioned],
    )
    db.conn.executemany(
        "INSERT INTO listing_versions (shop_id, listing_id, title, price, quantity, status,"
        " search_status, category, url, content_hash, valid_from_run, recorded_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (item.shop_id, item.listing_id, item.title, item.price, item.quantity, item.status,
             item.search_status, item.category, item.url, item.content_hash, run_id, now)
            for item in versioned
        ],
    )
    return len(versioned)


def touch_present_listings(db: sqlite_utils.Database, shop_id: int, *, run_id: int, now: str) -> None:
    """Record that run ``run_id`` saw every listing still present: one row for the shop, read
    as each present listing's last_seen (LAST_SEEN_SQL), instead of rewriting every row."""
    db.execute(
        "INSERT INTO listing_presence (shop_id, run_id, seen_at) VALUES (?, ?, ?)"
        " ON CONFLICT (shop_id) DO UPDATE SET run_id = excluded.run_id,"
        " seen_at = excluded.seen_at", [shop_id, run_id, now])


def listing_versions(
    db: sqlite_utils.Database, shop_id: int, listing_id: str
) -> list[ListingVersion]:
    rows = _rows(
        db,
        "SELECT id, shop_id, listing_id, title, status, search_status, price, quantity,"
        " valid_from_run, valid_to_run, recorded_at FROM listing_versions"
        " WHERE shop_id = ? AND listing_id = ? ORDER BY id",
        [shop_id, listing_id],
    )
    return [ListingVersion(**r) for r in rows]


def count_versions(db: sqlite_utils.Database, run_id: int | None = None) -> int:
    if run_id is None:
        return db.execute("SELECT COUNT(*) FROM listing_versions").fetchone()[0]
    return db.execute(
        "SELECT COUNT(*) FROM listing_versions WHERE valid_from_run = ?", [run_id]
    ).fetchone()[0]
