"""Opening the profile database: WAL, foreign keys, busy timeout, migrations.

A ``Database`` belongs to the thread that opened it; every worker opens its own."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from shopwatch.store.migrations import SchemaTooNew, check_version, migrate

BUSY_TIMEOUT_MS = 15_000


class StoreError(Exception):
    """The database cannot be used; the message tells the user what to do."""


def connect(path: Path | str) -> sqlite_utils.Database:
    """A connection with our pragmas, without touching the schema. A file written by a newer
    shopwatch is refused before any pragma could change it."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=True)
    db = sqlite_utils.Database(conn)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    try:
        check_version(db)
    except SchemaTooNew:
        conn.close()
        raise
    db.execute("PRAGMA foreign_keys = ON")
    # WAL lets the GUI read while a sync writes; NORMAL is durable at each checkpoint in WAL.
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
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


def open_db(path: Path | str, *, migrate_schema: bool = True) -> sqlite_utils.Database:
    """Open (creating if needed) and bring the schema up to date, backing up first."""
    path = Path(path)
    try:
        db = connect(path)
        if migrate_schema:
            migrate(db, path)
    except SchemaTooNew:
        raise
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"The database {path} cannot be opened ({exc}). "
            "Restore a backup from the 'backups' folder beside it, or move the file away "
            "to start a fresh profile."
        ) from exc
    return db
