"""Opening the profile database: WAL, foreign keys, busy timeout, migrations.

A ``Database`` belongs to the thread that opened it; every worker opens its own."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import sqlite_utils

from shopwatch.store import backups
from shopwatch.store.integrity import (
    CheckAhead,
    StoreCorrupt,
    StoreError,
    corrupt,
    ensure_writable,
    quick_check,
    store_error,
)
from shopwatch.store.migrations import SchemaTooNew, check_version, migrate

__all__ = ["CheckAhead", "StoreCorrupt", "StoreError", "connect", "is_open", "open_db", "take_write_lock"]

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 15_000


def connect(path: Path | str, *, verify: bool = False,
            checked: CheckAhead | None = None) -> sqlite_utils.Database:
    """A connection with our pragmas, without touching the schema. A file written by a newer
    shopwatch is refused before any pragma could change it; with ``verify``, so is a damaged
    file (``PRAGMA quick_check``, which only reads; ``checked``: one started earlier on
    another thread, used when it could read the file)."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=True)
    # no sqlite-utils plugins: none is the app's, a plugin installed beside it must not change
    # its connections, and finding them scans every installed package (~20 ms at start-up)
    db = sqlite_utils.Database(conn, execute_plugins=False)
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        check_version(db)
        if verify:
            problems = checked.result(path) if checked is not None else None
            if problems is None:
                problems = quick_check(conn)
            if problems:
                raise corrupt(Path(path), problems)
        db.execute("PRAGMA foreign_keys = ON")
        # WAL lets the GUI read while a sync writes. FULL syncs the WAL at every commit, so a
        # commit that returned survives a power cut (NORMAL may lose the last ones): a sync is
        # one commit and a user action one more, so this costs one fsync each.
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    return db


def is_open(db: sqlite_utils.Database) -> bool:
    """False once the connection was closed (late callbacks of a closed window ask this)."""
    try:
        db.conn.total_changes  # noqa: B018 - any use of a closed connection raises
    except sqlite3.ProgrammingError:
        return False
    return True


def take_write_lock(db: sqlite_utils.Database) -> None:
    """Inside ``db.atomic()``, before any read: take the write lock now (waiting up to the busy
    timeout), so the transaction's reads see every committed write and its own writes cannot
    fail with SQLITE_BUSY_SNAPSHOT."""
    db.execute("UPDATE sync_runs SET id = id WHERE 0")


def open_db(path: Path | str, *, migrate_schema: bool = True, verify: bool = False,
            backup: bool = False, checked: CheckAhead | None = None) -> sqlite_utils.Database:
    """Open (creating if needed) and bring the schema up to date, backing up first.

    ``verify``: quick-check the file first and raise StoreCorrupt, without writing a byte,
    when it is damaged (the app and the CLI do this when they open the profile; worker
    threads opening a second connection do not); ``checked``: that check, started ahead. ``backup``: then write the daily verified
    copy if one is due (a copy that cannot be written for lack of room is logged, not fatal).
    Every sqlite or OS failure comes out as a StoreError of the right kind."""
    path = Path(path)
    db = None
    try:
        if verify:
            ensure_writable(path)
        db = connect(path, verify=True, checked=checked) if verify else connect(path)
        if migrate_schema:
            _migrate(db, path)
        if backup:
            _daily_backup(db, path)
    except SchemaTooNew:
        raise
    except (sqlite3.DatabaseError, OSError, StoreError) as exc:
        if db is not None:
            db.close()
        raise store_error(exc, path) from exc
    return db


def _migrate(db: sqlite_utils.Database, path: Path) -> None:
    try:
        migrate(db, path)
    except sqlite3.DatabaseError as exc:
        problem = store_error(exc, path)
        if problem.kind != "other" or not backups.list_backups(path):
            raise
        # the upgrade's transaction rolled back: the file is as it was, and a copy exists
        raise StoreError(
            f"The database {path} cannot be opened: upgrading it to this version failed "
            f"({exc}). It was left as it was; the copy made before the upgrade is in "
            f"{backups.folder_of(path)}.", path=path, detail=str(exc)) from exc


def _daily_backup(db: sqlite_utils.Database, path: Path) -> None:
    if str(path) == ":memory:" or not db.table_names():
        return
    try:
        made = backups.backup_if_due(db.conn, path)
    except StoreCorrupt:
        raise  # integrity_check of the copy found what quick_check does not look for
    except StoreError as exc:
        log.warning("the daily backup was not written: %s", exc)
        return
    if made is not None:
        log.info("daily backup written: %s", made)
