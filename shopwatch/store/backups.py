"""Backups of the profile database, and putting one back.

A backup is an online copy (SQLite's backup API: a consistent snapshot while the app runs)
written under a temporary name, checked with ``integrity_check`` and only then given its
final name and recorded in ``backups/verified.json``: a file in ``backups/`` that is not in
the record was never verified (a copy made by an older shopwatch, or put there by hand).
A daily copy is kept on a rotation of seven; copies made before a schema migration are kept.

Restoring never deletes anything: the damaged file (with its ``-wal``/``-shm``) is renamed
aside with a time stamp, and the backup is copied, not moved, into place."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from shopwatch.store.integrity import StoreError, corrupt, quick_check, store_error

FOLDER = "backups"
MANIFEST = "verified.json"
KEEP_DAILY = 7
DAILY = timedelta(hours=24)
IN_USE = "in_use"
NO_BACKUP = "no_backup"
#: the infix of rotated daily copies (migration copies are ``<stem>-v<N>-<stamp>.db``)
_DAILY_INFIX = "-daily-"
_STAMP = "%Y%m%dT%H%M%S"


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    created_at: datetime  # UTC
    size: int
    verified: bool  # passed integrity_check when written (and unchanged in size since)

    def as_json(self) -> dict:
        return {"file": self.path.name, "path": str(self.path),
                "created_at": self.created_at.isoformat(timespec="seconds"),
                "size": self.size, "verified": self.verified}


@dataclass(frozen=True, slots=True)
class Restored:
    backup: Path
    damaged_kept_as: Path | None  # None when there was no database file to keep


def folder_of(db_path: Path) -> Path:
    return Path(db_path).parent / FOLDER


def _stamp(now: datetime) -> str:
    return now.astimezone(timezone.utc).strftime(_STAMP)


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def _read_manifest(folder: Path) -> dict[str, dict]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_manifest(folder: Path, data: dict[str, dict]) -> None:
    tmp = folder / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, folder / MANIFEST)


def write_backup(conn: sqlite3.Connection, db_path: Path, name: str,
                 *, now: datetime | None = None) -> Path:
    """Copy the database behind ``conn`` to ``backups/<name>``, verified. Raises StoreCorrupt
    when the copy fails its check (the source is damaged), StoreError (disk full, read-only)
    when it cannot be written; a half-written copy never keeps a backup's name."""
    now = now or datetime.now(timezone.utc)
    folder = folder_of(db_path)
    target = folder / name
    partial = target.with_name(target.name + ".partial")
    try:
        folder.mkdir(exist_ok=True)
        for stale in folder.glob("*.db.partial"):  # left by a crash mid-copy (an hour ago:
            if time.time() - stale.stat().st_mtime > 3600:  # not another process's copy)
                stale.unlink(missing_ok=True)
        dest = sqlite3.connect(str(partial))
        try:
            conn.backup(dest)
            # a standalone file (no -wal beside it): a copy is read and copied, never shared
            dest.execute("PRAGMA journal_mode = DELETE")
            problems = quick_check(dest, full=True)
        finally:
            dest.close()
        if problems:
            partial.unlink(missing_ok=True)
            raise corrupt(Path(db_path), problems)
        _fsync_file(partial)
        os.replace(partial, target)
        _fsync_dir(folder)
        manifest = _read_manifest(folder)
        manifest[target.name] = {"verified_at": now.isoformat(timespec="seconds"),
                                 "size": target.stat().st_size, "check": "integrity_check"}
        _write_manifest(folder, manifest)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise store_error(exc, partial) from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def _created_at(path: Path) -> datetime:
    stamp = path.stem.rsplit("-", 1)[-1]
    try:
        return datetime.strptime(stamp, _STAMP).replace(tzinfo=timezone.utc)
    except ValueError:
        return datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)


def list_backups(db_path: Path) -> list[BackupInfo]:
    """Every backup of the profile, newest first."""
    folder = folder_of(db_path)
    if not folder.is_dir():
        return []
    manifest = _read_manifest(folder)
    found = []
    for path in folder.glob("*.db"):
        size = path.stat().st_size
        entry = manifest.get(path.name) or {}
        found.append(BackupInfo(path, _created_at(path), size,
                                verified=entry.get("size") == size))
    return sorted(found, key=lambda b: (b.created_at, b.path.name), reverse=True)


def backup_if_due(conn: sqlite3.Connection, db_path: Path, *,
                  now: datetime | None = None) -> Path | None:
    """The daily copy: written when the newest verified daily copy is a day old (or none
    exists), then the rotation is trimmed to the newest seven."""
    now = now or datetime.now(timezone.utc)
    daily = [b for b in list_backups(db_path) if _DAILY_INFIX in b.path.name]
    if any(b.verified and now - b.created_at < DAILY for b in daily):
        return None
    made = write_backup(conn, db_path, f"{Path(db_path).stem}{_DAILY_INFIX}{_stamp(now)}.db",
                        now=now)
    daily = [b for b in list_backups(db_path) if _DAILY_INFIX in b.path.name]
    folder = folder_of(db_path)
    manifest = _read_manifest(folder)
    for old in daily[KEEP_DAILY:]:
        old.path.unlink(missing_ok=True)
        manifest.pop(old.path.name, None)
    _write_manifest(folder, manifest)
    return made


def check_backup(path: Path) -> list[str]:
    """integrity_check of a backup file without writing to it (or creating files beside it)."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?immutable=1", uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        return quick_check(conn, full=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    finally:
        conn.close()


def ensure_not_in_use(db_path: Path) -> None:
    """Raise StoreError(kind=IN_USE) when another connection (the app, a running sync) has the
    database open: replacing it under them would split their writes from the file."""
    if not Path(db_path).exists():
        return
    conn = sqlite3.connect(str(db_path), timeout=0.2)
    try:
        # In WAL mode every open connection holds a shared lock; an exclusive-mode
        # transaction is granted only when there is none.
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.rollback()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreError(f"The database {db_path} is in use (by the app or a running "
                             "sync).", kind=IN_USE, path=Path(db_path)) from exc
    except sqlite3.DatabaseError:
        pass  # too damaged to lock at all: nothing can be using it either
    finally:
        conn.close()


def choose_backup(db_path: Path, name: str | None = None) -> Path:
    """The backup to restore: ``name`` (a file in backups/ or a path), or the newest one that
    passes integrity_check now. Raises StoreError(kind=NO_BACKUP) when there is none."""
    if name:
        candidate = Path(name)
        if not candidate.exists():
            candidate = folder_of(db_path) / name
        if not candidate.is_file():
            raise StoreError(f"No backup '{name}' (looked in {folder_of(db_path)}).",
                             kind=NO_BACKUP, path=Path(db_path))
        problems = check_backup(candidate)
        if problems:
            raise StoreError(f"The backup {candidate} is damaged too ({problems[0]}).",
                             kind=NO_BACKUP, path=Path(db_path))
        return candidate
    for info in list_backups(db_path):
        if not check_backup(info.path):
            return info.path
    raise StoreError(f"There is no usable backup of {db_path}.", kind=NO_BACKUP,
                     path=Path(db_path))


def restore(db_path: Path, backup: Path, *, now: datetime | None = None,
            label: str = "damaged") -> Restored:
    """Put ``backup`` in place of the database. The current file, if any, is renamed to
    ``<name>.<label>-<stamp>`` (its -wal/-shm beside it) and never deleted; ``label`` is
    "replaced" when a healthy file is replaced on request."""
    db_path = Path(db_path)
    now = now or datetime.now(timezone.utc)
    ensure_not_in_use(db_path)
    incoming = db_path.with_name(db_path.name + ".restoring")
    try:
        # Copied first: when the disk cannot take the copy, nothing has been moved yet.
        shutil.copyfile(backup, incoming)
        _fsync_file(incoming)
        kept = None
        if db_path.exists():
            kept = db_path.with_name(f"{db_path.name}.{label}-{_stamp(now)}")
            for suffix in ("-wal", "-shm"):
                side = db_path.with_name(db_path.name + suffix)
                if side.exists():
                    os.replace(side, kept.with_name(kept.name + suffix))
            os.replace(db_path, kept)
        os.replace(incoming, db_path)
        _fsync_dir(db_path.parent)
    except OSError as exc:
        incoming.unlink(missing_ok=True)
        raise store_error(exc, db_path) from exc
    return Restored(backup=backup, damaged_kept_as=kept)


def kept_aside(db_path: Path) -> list[Path]:
    """Files kept aside by earlier restores (damaged, or replaced on request), newest first."""
    db_path = Path(db_path)
    found = [p for label in ("damaged", "replaced")
             for p in db_path.parent.glob(f"{db_path.name}.{label}-*")
             if not p.name.endswith(("-wal", "-shm"))]
    return sorted(found, key=lambda p: p.name.rsplit("-", 1)[-1], reverse=True)
