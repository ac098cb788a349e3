"""Opening, migrating and refusing databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from shopwatch.store import queries
from shopwatch.store.db import StoreError, open_db
from shopwatch.store.migrations import SCHEMA_VERSION, SchemaTooNew, migrations

TABLES = {"shops", "sync_runs", "listings", "listing_versions", "metric_days", "metric_listings",
          "notices", "alerts", "appeals"}


def test_empty_file_is_migrated_to_every_table(tmp_path: Path):
    db = open_db(tmp_path / "new.db")
    assert TABLES <= set(db.table_names())
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    # nothing to back up in a new file
    assert not (tmp_path / "backups").exists()


def test_schema_version_counts_every_migration():
    assert SCHEMA_VERSION == len(migrations.pending(sqlite_memory()))


def sqlite_memory():
    import sqlite_utils

    return sqlite_utils.Database(memory=True)


def test_reopen_keeps_data_and_makes_no_backup(tmp_path: Path):
    path = tmp_path / "p.db"
    db = open_db(path)
    queries.add_shop(db, "店铺", "taobao", now="2026-11-01T00:00:00+00:00")
    db.close()
    db = open_db(path)
    assert [s.name for s in queries.list_shops(db)] == ["店铺"]
    assert not (path.parent / "backups").exists()


def test_database_from_a_newer_version_is_refused_untouched(tmp_path: Path):
    path = tmp_path / "future.db"
    open_db(path).close()
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    raw.commit()
    raw.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNew, match="newer shopwatch"):
        open_db(path)
    assert path.read_bytes() == before


def test_older_schema_is_migrated_after_a_backup(tmp_path: Path):
    path = tmp_path / "old.db"
    # A database from "before shopwatch": some data but no migrations applied yet.
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE legacy_notes (id INTEGER PRIMARY KEY, body TEXT)")
    raw.execute("INSERT INTO legacy_notes (body) VALUES ('keep me')")
    raw.commit()
    raw.close()
    db = open_db(path)
    assert TABLES <= set(db.table_names())
    backups = list((tmp_path / "backups").glob("old-v0-*.db"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT body FROM legacy_notes").fetchall() == [("keep me",)]
    assert copy.execute("SELECT name FROM sqlite_master WHERE name = 'listings'").fetchall() == []


def test_garbage_file_gives_a_plain_error(tmp_path: Path):
    path = tmp_path / "broken.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="is damaged"):
        open_db(path)
    assert path.read_bytes() == b"this is not a database" * 100
