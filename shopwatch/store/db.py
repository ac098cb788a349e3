"""Opening the profile database: WAL, foreign keys, busy timeout, migrations.

A ``Database`` belongs to the thread that opened it; every worker opens its own."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    import sqlite_utils

__all__ = ["CheckAhead", "StoreCorrupt", "StoreError", "connect", "is_open", "open_db", "take_write_lock"]

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 15_000

#: statements that read and set no transaction going: ``Database.execute`` runs them
#: itself (sqlite3 begins a transaction implicitly only before INSERT, UPDATE, DELETE and
#: REPLACE)
_PLAIN_READS = ("SELECT", "PRAGMA")


class Database:
    """A profile connection that becomes sqlite-utils' ``Database`` when first asked for
    anything but a plain read.

    Importing sqlite-utils costs ~60 ms (click, dateutil, pluggy, its regular expressions):
    most of what the app's way to its first painted window spent beyond Qt, where every
    statement is a SELECT or a PRAGMA. For those, sqlite-utils' ``execute`` only calls the
    connection's (it commits or rolls back transactions such a statement never opens), so
    this does the same, and ``query`` reads a SELECT's rows into dicts as it does. Anything
    else (a write, ``atomic()``, a table object, repeated column names) turns the object into
    sqlite-utils' Database in place (``__class__`` and its ``__init__``), so whoever holds it
    holds the real thing from then on."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor:
        if sql.lstrip()[:6].upper() in _PLAIN_READS:
            return self.conn.execute(sql) if parameters is None else \
                self.conn.execute(sql, parameters)
        return self.become().execute(sql, parameters)

    def query(self, sql: str, params: Any = None) -> Iterator[dict]:
        """A SELECT's rows as dicts, as sqlite-utils' ``query`` gives them (which wraps the
        statement in a savepoint only to undo a statement that wrote: a SELECT does not)."""
        if sql.lstrip()[:6].upper() == "SELECT":
            cursor = self.conn.execute(sql) if params is None else self.conn.execute(sql, params)
            keys = [column[0] for column in cursor.description]
            if len(set(keys)) == len(keys):
                return (dict(zip(keys, row, strict=True)) for row in cursor)
            cursor.close()  # sqlite-utils renames repeated column names: it reads this one
        return self.become().query(sql, params)

    def close(self) -> None:
        self.conn.close()  # all sqlite-utils' close does

    def become(self) -> sqlite_utils.Database:
        """This connection as sqlite-utils' Database (the same object, from now on)."""
        import sqlite_utils

        self.__class__ = sqlite_utils.Database  # type: ignore[assignment]
        try:
            # as connect() made it before: no plugins (none is the app's, a plugin installed
            # beside it must not change its connections, finding them scans every package)
            sqlite_utils.Database.__init__(self, self.conn, execute_plugins=False)  # type: ignore[arg-type]
        except BaseException:
            self.__class__ = Database
            raise
        return self  # type: ignore[return-value]

    def __getattr__(self, name: str) -> Any:  # only for what this class does not define
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.become(), name)

    def __getitem__(self, table: str) -> Any:
        return self.become()[table]

    def __enter__(self) -> Any:
        return self.become().__enter__()

    def __exit__(self, *exc: object) -> None:
        self.become().__exit__(*exc)  # type: ignore[arg-type]


def connect(path: Path | str, *, verify: bool = False,
            checked: CheckAhead | None = None) -> sqlite_utils.Database:
    """A connection with our pragmas, without touching the schema. A file written by a newer
    shopwatch is refused before any pragma could change it; with ``verify``, so is a damaged
    file (``PRAGMA quick_check``, which only reads; ``checked``: one started earlier on
    another thread, used when it could read the file)."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=True)
    db = Database(conn)
    try:
        db.execute("PRAGMA recursive_triggers = on")  # what sqlite-utils' Database sets
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
        from shopwatch.store import backups

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
    from shopwatch.store import backups

    try:
        made = backups.backup_if_due(db.conn, path)
    except StoreCorrupt:
        raise  # integrity_check of the copy found what quick_check does not look for
    except StoreError as exc:
        log.warning("the daily backup was not written: %s", exc)
        return
    if made is not None:
        log.info("daily backup written: %s", made)
