"""What a two-pass sync reads and writes: lean listing rows to compare against (no full rows
for the listings that did not change), targeted full rows for those that did, plain INSERTs
for new listings, the source's modified stamps, and when the shop was last read in full."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from functools import partial
from operator import itemgetter
from typing import TYPE_CHECKING

from shopwatch.models import LeanListing, Listing
from shopwatch.store.queries.listings import _LISTING_FIELDS, select_list

if TYPE_CHECKING:
    import sqlite_utils

#: SQLite's default limit on host parameters is 999 on old builds: stay well under it
_CHUNK = 500

#: columns of a new listing's row, in the order ``insert_new_listings`` expects them
NEW_LISTING_COLUMNS = (
    "shop_id", "listing_id", "title", "price", "currency", "quantity", "url", "category",
    "pic_url", "outer_id", "status", "search_status", "first_seen", "last_seen",
    "status_changed_at", "content_hash", "source_modified", "last_run_id",
)
#: columns of a first version row, in the order ``insert_new_listings`` expects them
NEW_VERSION_COLUMNS = (
    "shop_id", "listing_id", "title", "price", "quantity", "status", "search_status",
    "category", "url", "content_hash", "valid_from_run", "recorded_at",
)


def load_lean_listings(db: sqlite_utils.Database, shop_id: int) -> dict[str, LeanListing]:
    """Per listing only what deciding "did it change?" needs: (status, source_modified).
    Built without a Python call per row (maps of C functions): this is every re-sync's
    first read, 20,000 rows and more."""
    rows = db.execute(
        "SELECT listing_id, status, source_modified FROM listings WHERE shop_id = ?",
        [shop_id]).fetchall()
    return dict(zip(map(_FIRST, rows), map(_LEAN, map(_REST, rows)), strict=True))


_FIRST = itemgetter(0)
_REST = itemgetter(1, 2)
#: LeanListing from a (status, source_modified) tuple, as LeanListing._make does, minus the
#: Python-level call
_LEAN = partial(tuple.__new__, LeanListing)


def load_compared(
    db: sqlite_utils.Database, shop_id: int, ids: Collection[str]
) -> dict[str, tuple[str, str | None]]:
    """(search_status, content_hash) of the given listings: what a re-read row is compared
    with. Few ids are looked up in chunks; many (a full read) in one pass over the shop."""
    if len(ids) > _SCAN_ABOVE:
        cur = db.execute("SELECT listing_id, search_status, content_hash FROM listings"
                         " WHERE shop_id = ?", [shop_id])
        return {row[0]: row[1:] for row in cur.fetchall() if row[0] in ids}
    wanted = list(ids)
    out: dict[str, tuple[str, str | None]] = {}
    for start in range(0, len(wanted), _CHUNK):
        part = wanted[start:start + _CHUNK]
        cur = db.execute(
            "SELECT listing_id, search_status, content_hash FROM listings WHERE shop_id = ?"
            f" AND listing_id IN ({', '.join('?' * len(part))})", [shop_id, *part])
        out.update((row[0], row[1:]) for row in cur.fetchall())
    return out


#: above this many ids, one pass over the shop's rows beats chunked IN look-ups
_SCAN_ABOVE = 4 * _CHUNK


def load_listings_by_id(
    db: sqlite_utils.Database, shop_id: int, ids: Iterable[str]
) -> dict[str, Listing]:
    """Full rows of the given listings (those that changed), in chunks."""
    wanted = list(ids)
    out: dict[str, Listing] = {}
    select = f"SELECT {select_list(_LISTING_FIELDS)} FROM listings WHERE shop_id = ?"
    for start in range(0, len(wanted), _CHUNK):
        part = wanted[start:start + _CHUNK]
        cur = db.execute(f"{select} AND listing_id IN ({', '.join('?' * len(part))})",
                         [shop_id, *part])
        for row in cur.fetchall():
            out[row[1]] = Listing(*row)
    return out


def insert_new_listings(
    db: sqlite_utils.Database, rows: Sequence[tuple], versions: Sequence[tuple]
) -> None:
    """Plain INSERTs of listings never stored before and their first versions (rows in
    NEW_LISTING_COLUMNS / NEW_VERSION_COLUMNS order). Raw executemany: the first sync's hot
    path. Call inside ``db.atomic()``; a listing that exists already is a bug and fails the
    run rather than being overwritten."""
    if rows:
        db.conn.executemany(
            f"INSERT INTO listings ({', '.join(NEW_LISTING_COLUMNS)}) VALUES"
            f" ({', '.join('?' * len(NEW_LISTING_COLUMNS))})", rows)
    if versions:
        db.conn.executemany(
            f"INSERT INTO listing_versions ({', '.join(NEW_VERSION_COLUMNS)}) VALUES"
            f" ({', '.join('?' * len(NEW_VERSION_COLUMNS))})", versions)


def set_source_modified(
    db: sqlite_utils.Database, shop_id: int, stamps: Iterable[tuple[str, str | None]]
) -> None:
    """Record the source's modified stamp of listings: (listing_id, stamp) pairs."""
    db.conn.executemany(
        "UPDATE listings SET source_modified = ? WHERE shop_id = ? AND listing_id = ?",
        [(stamp, shop_id, lid) for lid, stamp in stamps])


def mark_full_read(db: sqlite_utils.Database, run_id: int, full: bool) -> None:
    db.execute("UPDATE sync_runs SET full_read = ? WHERE id = ?", [1 if full else 0, run_id])


def last_full_read(db: sqlite_utils.Database, shop_id: int) -> str | None:
    """When the last successful sync that read every row in full started (None: never)."""
    return db.execute(
        "SELECT MAX(started_at) FROM sync_runs WHERE shop_id = ? AND status = 'ok'"
        " AND full_read = 1", [shop_id]).fetchone()[0]


def listing_titles(
    db: sqlite_utils.Database, shop_id: int, ids: Iterable[str]
) -> dict[str, str]:
    """Titles of the given listings (alerts about notices name the listing)."""
    wanted = [i for i in set(ids) if i]
    out: dict[str, str] = {}
    for start in range(0, len(wanted), _CHUNK):
        part = wanted[start:start + _CHUNK]
        cur = db.execute(
            "SELECT listing_id, title FROM listings WHERE shop_id = ? AND listing_id IN"
            f" ({', '.join('?' * len(part))})", [shop_id, *part])
        out.update(cur.fetchall())
    return out
