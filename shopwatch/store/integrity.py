"""What is wrong with a profile's store, in a few kinds a person can act on: the file is
damaged, the disk is full, the profile is read-only, the profile path is a file.

SQLite reports all of these as ``sqlite3.DatabaseError`` (or Python as ``OSError``); telling
them apart matters because the right advice differs and wrong advice is dangerous (moving a
healthy file away because the disk was full). The store layer says the facts; the CLI and the
GUI word the advice (CLI messages name CLI commands, the GUI names its own buttons)."""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
import threading
import time
from pathlib import Path

CORRUPT = "corrupt"
DISK_FULL = "disk_full"
READ_ONLY = "read_only"
NOT_A_FOLDER = "not_a_folder"
OTHER = "other"

# primary result codes (the low byte of an extended code), from sqlite3.h
_SQLITE_PERM, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_CORRUPT = 3, 8, 10, 11
_SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 13, 14, 26

_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}


#: what a store operation raises for SQLite's errors (re-exported: SQL stays under store/)
DatabaseError = sqlite3.DatabaseError


class StoreError(Exception):
    """The database cannot be used. ``kind`` is one of the constants above; ``str()`` is a
    plain sentence without advice tied to one front end."""

    def __init__(self, message: str, *, kind: str = OTHER, path: Path | None = None,
                 detail: str = "") -> None:
        super().__init__(message)
        self.kind, self.path, self.detail = kind, path, detail


class StoreCorrupt(StoreError):
    """The file is damaged: nothing may be written to it until it is restored."""


def is_corruption(exc: BaseException) -> bool:
    if isinstance(exc, StoreCorrupt):
        return True
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    text = str(exc)
    return isinstance(exc, sqlite3.DatabaseError) and (
        "malformed" in text or "file is not a database" in text)


def classify(exc: BaseException, folder: Path | None = None) -> str:
    """The kind of problem behind a sqlite or OS error. Codes that do not say (CANTOPEN, most
    IOERRs) are decided by probing the folder: can a file be created there at all?"""
    if isinstance(exc, StoreError):
        return exc.kind
    if is_corruption(exc):
        return CORRUPT
    if isinstance(exc, OSError):
        if exc.errno in _FULL_ERRNOS:
            return DISK_FULL
        if exc.errno in _READ_ONLY_ERRNOS:
            return READ_ONLY
        if exc.errno in (errno.ENOTDIR, errno.EEXIST):
            return NOT_A_FOLDER
        return OTHER
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if code is not None else None
    if primary == _SQLITE_FULL or "database or disk is full" in str(exc):
        return DISK_FULL
    if primary == _SQLITE_READONLY or "readonly database" in str(exc):
        return READ_ONLY
    if primary in (_SQLITE_CANTOPEN, _SQLITE_IOERR, _SQLITE_PERM, None) and folder is not None:
        return probe_folder(folder)
    return OTHER


def probe_folder(folder: Path) -> str:
    """Whether ``folder`` takes a new file: OTHER when it does (so the cause lies elsewhere).
    Root ignores permission bits, so this asks the file system instead of ``os.access``."""
    if folder.exists() and not folder.is_dir():
        return NOT_A_FOLDER
    try:
        with tempfile.TemporaryFile(dir=folder) as probe:
            probe.write(b"\0" * 4096)
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as exc:
        if exc.errno in _FULL_ERRNOS:
            return DISK_FULL
        if exc.errno in _READ_ONLY_ERRNOS:
            return READ_ONLY
        if exc.errno == errno.ENOTDIR:
            return NOT_A_FOLDER
    return OTHER


def ensure_writable(path: Path) -> None:
    """Raise StoreError(READ_ONLY) when the database file or its folder cannot be written (an
    immutable file, a read-only mount, missing permissions). SQLite would open such a file
    read-only without a word and fail at the first write, half-way through a command; this
    asks the file system up front, writing nothing."""
    path = Path(path)
    try:
        if path.exists():
            with open(path, "r+b"):
                pass
        if path.parent.is_dir():
            with tempfile.TemporaryFile(dir=path.parent):
                pass
    except OSError as exc:
        if exc.errno in _READ_ONLY_ERRNOS:
            raise StoreError(message(READ_ONLY, path, str(exc)), kind=READ_ONLY, path=path,
                             detail=str(exc)) from exc
        if exc.errno in _FULL_ERRNOS:
            raise StoreError(message(DISK_FULL, path, str(exc)), kind=DISK_FULL, path=path,
                             detail=str(exc)) from exc


def message(kind: str, path: Path, detail: str) -> str:
    """The plain, front-end neutral sentence for a problem of ``kind`` with ``path``."""
    return {
        CORRUPT: f"The profile database {path} is damaged ({detail}). shopwatch did not "
                 "change it and will not write to it until it is restored from a backup.",
        DISK_FULL: f"The disk holding {path.parent} is full ({detail}). Nothing was changed; "
                   "the database itself is fine.",
        READ_ONLY: f"The profile {path.parent} is read-only ({detail}): shopwatch cannot save "
                   "anything there. Nothing was changed; the database itself is fine.",
        NOT_A_FOLDER: f"The profile path {path.parent} is a file, not a folder.",
    }.get(kind, f"The database {path} cannot be used ({detail}).")


def corrupt(path: Path, problems: list[str]) -> StoreCorrupt:
    detail = "; ".join(problems[:3])
    return StoreCorrupt(message(CORRUPT, Path(path), detail), kind=CORRUPT, path=Path(path),
                        detail=detail)


def store_error(exc: BaseException, path: Path) -> StoreError:
    """``exc`` (raised while using the database at ``path``) as a StoreError of the right kind."""
    if isinstance(exc, StoreError):
        return exc
    path = Path(path)
    kind = classify(exc, path.parent)
    cls = StoreCorrupt if kind == CORRUPT else StoreError
    return cls(message(kind, path, str(exc)), kind=kind, path=path, detail=str(exc))


def quick_check(conn: sqlite3.Connection, *, full: bool = False) -> list[str]:
    """Problems SQLite finds in the file (empty: healthy). ``quick_check`` reads every page
    and checks the b-trees' structure, but does not compare indexes with their tables;
    ``full`` runs ``integrity_check``, which does (used on fresh backups, where it is cheap
    next to having a bad one)."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = conn.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.DatabaseError as exc:
        if is_corruption(exc):
            return [str(exc)]
        raise
    found = [str(row[0]) for row in rows]
    if found == ["ok"]:
        return []
    # one line per finding, without SQLite's "*** in database main ***" banner
    lines = [line.strip() for text in found for line in text.splitlines()]
    return [line for line in lines if line and not line.startswith("***")]


class CheckAhead:
    """``quick_check`` of a profile's file, started on a thread of its own while the app is
    still loading (SQLite reads the whole file without holding Python's lock: on a 20 MB
    profile that is ~0.1 s the first paint no longer waits for). Read-only; the file is
    opened with ``mode=ro`` and closed before ``result`` returns."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._problems: list[str] | None = None
        self._thread: threading.Thread | None = None
        if self.path.is_file():  # a new profile has nothing to check
            self._thread = threading.Thread(target=self._check, name="shopwatch-quick-check",
                                            daemon=True)
            self._thread.start()

    def _check(self) -> None:
        try:
            conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                self._problems = quick_check(conn)
            finally:
                conn.close()
        except Exception:  # noqa: BLE001 - the opener checks again and reports the error
            self._problems = None

    def result(self, path: Path | str) -> list[str] | None:
        """The problems found in ``path`` (empty: healthy), or None when this check cannot
        stand for one made now (another file, not started, or it could not read)."""
        if self._thread is None or Path(path).resolve() != self.path.resolve():
            return None
        self._thread.join()
        return self._problems


def inspect_file(path: Path, *, full: bool = False) -> dict:
    """The integrity part of ``shopwatch check --json``: ``integrity`` is ok | damaged |
    missing | unreadable (then ``problem`` says why: disk_full, read_only, not_a_folder,
    other). Only reads."""
    path = Path(path)
    report: dict = {"database": str(path), "size": None, "integrity": "missing",
                    "check": "integrity_check" if full else "quick_check", "problems": [],
                    "seconds": 0.0, "problem": None}
    if not path.exists():
        return report
    report["size"] = path.stat().st_size
    started = time.perf_counter()
    try:
        conn = sqlite3.connect(str(path), timeout=15)
        try:
            found = quick_check(conn, full=full)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        problem = store_error(exc, path)
        if problem.kind != CORRUPT:
            report.update(integrity="unreadable", problem=problem.kind, problems=[str(exc)])
            return report
        found = [str(exc)]
    report["seconds"] = round(time.perf_counter() - started, 3)
    report["integrity"] = "damaged" if found else "ok"
    report["problems"] = found[:20]
    if found:
        report["problem"] = CORRUPT
    return report
