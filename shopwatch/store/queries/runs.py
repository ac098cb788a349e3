"""Sync runs: when each ran, how it ended, and the failure streak behind sync_failing."""


from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shopwatch.models import (
    SyncRun,
)
from shopwatch.store.queries._base import NotFound, _rows

if TYPE_CHECKING:
    import sqlite_utils


def _run(row: dict) -> SyncRun:
    return SyncRun(
        id=row["id"], shop_id=row["shop_id"], started_at=row["started_at"], status=row["status"],
        finished_at=row["finished_at"], listings=row["listings"], pages=row["pages"],
        changed=row["changed"], error=row["error"], error_kind=row["error_kind"],
        origin=row.get("origin", "sync"),
    )


def start_run(db: sqlite_utils.Database, shop_id: int, now: str, origin: str = "sync") -> int:
    # Committed on its own so a killed process leaves a visible 'running' row, later marked
    # interrupted, instead of no trace at all.
    with db.atomic():
        cur = db.execute(
            "INSERT INTO sync_runs (shop_id, started_at, status, origin)"
            " VALUES (?, ?, 'running', ?)",
            [shop_id, now, origin],
        )
    return cur.lastrowid


def finish_run(
    db: sqlite_utils.Database, run_id: int, *, now: str, status: str, listings: int | None = None,
    pages: int | None = None, changed: int | None = None, versions: int | None = None,
    error: str | None = None, error_kind: str | None = None,
) -> None:
    db.execute(
        "UPDATE sync_runs SET finished_at = ?, status = ?, listings = ?, pages = ?, changed = ?,"
        " versions = ?, error = ?, error_kind = ? WHERE id = ?",
        [now, status, listings, pages, changed, versions, error, error_kind, run_id],
    )


def mark_interrupted_runs(db: sqlite_utils.Database, shop_id: int, now: str) -> int:
    """Runs left 'running' by a killed process become failed runs."""
    with db.atomic():
        cur = db.execute(
            "UPDATE sync_runs SET status = 'failed', finished_at = ?, error_kind = 'interrupted',"
            " error = 'The sync was interrupted (the app closed or the computer stopped); "
            "nothing from it was saved.' WHERE shop_id = ? AND status = 'running'",
            [now, shop_id],
        )
    return cur.rowcount


def get_run(db: sqlite_utils.Database, run_id: int) -> SyncRun:
    rows = _rows(db, "SELECT * FROM sync_runs WHERE id = ?", [run_id])
    if not rows:
        raise NotFound(f"no sync run {run_id}")
    return _run(rows[0])


def recent_runs(
    db: sqlite_utils.Database, shop_id: int, limit: int = 20, *, include_imports: bool = False
) -> list[SyncRun]:
    """Newest first. Imports into a shop with its own source are left out unless asked for:
    they say nothing about whether the shop's source is being watched."""
    origin = "" if include_imports else " AND origin = 'sync'"
    rows = _rows(
        db, f"SELECT * FROM sync_runs WHERE shop_id = ?{origin} ORDER BY id DESC LIMIT ?",
        [shop_id, limit],
    )
    return [_run(r) for r in rows]


def last_run(
    db: sqlite_utils.Database, shop_id: int, status: str | None = None, *,
    include_imports: bool = False,
) -> SyncRun | None:
    sql = "SELECT * FROM sync_runs WHERE shop_id = ? AND status != 'running'"
    if not include_imports:
        sql += " AND origin = 'sync'"
    params: list[Any] = [shop_id]
    if status:
        sql += " AND status = ?"
        params.append(status)
    rows = _rows(db, sql + " ORDER BY id DESC LIMIT 1", params)
    return _run(rows[0]) if rows else None


def newer_ok_run(db: sqlite_utils.Database, shop_id: int, run_id: int) -> SyncRun | None:
    """A successful run of the shop that started after ``run_id`` (ids grow with start time):
    its fetch is newer than ``run_id``'s, which must then never be applied on top of it."""
    rows = _rows(db, "SELECT * FROM sync_runs WHERE shop_id = ? AND id > ? AND status = 'ok'"
                 " ORDER BY id DESC LIMIT 1", [shop_id, run_id])
    return _run(rows[0]) if rows else None


def failure_streak(db: sqlite_utils.Database, shop_id: int) -> list[SyncRun]:
    """The failed runs since the last successful one, oldest first. A run superseded by a newer
    sync of the shop is not a failure of the source and does not count."""
    rows = _rows(
        db,
        "SELECT * FROM sync_runs WHERE shop_id = ? AND status = 'failed' AND origin = 'sync'"
        " AND COALESCE(error_kind, '') != 'superseded'"
        " AND id > COALESCE((SELECT MAX(id) FROM sync_runs WHERE shop_id = ? AND status = 'ok'"
        " AND origin = 'sync'), 0) ORDER BY id",
        [shop_id, shop_id],
    )
    return [_run(r) for r in rows]
