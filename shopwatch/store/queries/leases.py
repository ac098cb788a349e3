"""Sync leases: the row saying which sync currently writes a shop (policy: monitor/lease.py)."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from shopwatch.models import SyncLease
from shopwatch.store.queries._base import _rows

if TYPE_CHECKING:
    import sqlite_utils

_COLUMNS = "shop_id, token, pid, host, owner, started_at, heartbeat_at"


def get_lease(db: sqlite_utils.Database, shop_id: int) -> SyncLease | None:
    rows = _rows(db, f"SELECT {_COLUMNS} FROM sync_leases WHERE shop_id = ?", [shop_id])
    return SyncLease(**rows[0]) if rows else None


def put_lease(db: sqlite_utils.Database, lease: SyncLease) -> None:
    """Write ``lease`` over whatever the shop had. Call inside the transaction that read the old
    one under the write lock, so two syncs cannot both decide to take it."""
    db.execute(
        f"INSERT OR REPLACE INTO sync_leases ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [lease.shop_id, lease.token, lease.pid, lease.host, lease.owner, lease.started_at,
         lease.heartbeat_at],
    )


def beat_lease(db: sqlite_utils.Database, shop_id: int, token: str, now: str) -> bool | None:
    """Move the heartbeat. False: the lease is no longer ``token``'s (it was taken over);
    None: the store could not be written just now (busy, full disk): try again later."""
    try:
        with db.atomic():
            cur = db.execute(
                "UPDATE sync_leases SET heartbeat_at = ? WHERE shop_id = ? AND token = ?",
                [now, shop_id, token],
            )
    except sqlite3.OperationalError:
        return None
    return cur.rowcount == 1


def holds_lease(db: sqlite_utils.Database, shop_id: int, token: str) -> bool:
    return bool(_rows(db, "SELECT 1 AS held FROM sync_leases WHERE shop_id = ? AND token = ?",
                      [shop_id, token]))


def drop_lease(db: sqlite_utils.Database, shop_id: int, token: str) -> None:
    """Release ``token``'s lease; a lease someone else took over is left to them."""
    with db.atomic():
        db.execute("DELETE FROM sync_leases WHERE shop_id = ? AND token = ?", [shop_id, token])
