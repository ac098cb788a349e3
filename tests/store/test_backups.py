"""Verified backups on a daily rotation of seven, and restores that never delete anything."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from shopwatch.store import backups, queries
from shopwatch.store.db import open_db
from shopwatch.store.integrity import StoreCorrupt, StoreError

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    path = tmp_path / "shopwatch.db"
    db = open_db(path)
    queries.add_shop(db, "mine", "file", now="2026-11-01T00:00:00+00:00")
    db.close()
    return path


def test_one_verified_copy_a_day_and_only_the_newest_seven_are_kept(db_file: Path):
    db = open_db(db_file)
    migration_copy = db_file.parent / "backups" / "shopwatch-v3-20260101T000000.db"
    try:
        assert backups.backup_if_due(db.conn, db_file, now=T0) is not None
        assert backups.backup_if_due(db.conn, db_file, now=T0 + timedelta(hours=23)) is None
        shutil.copyfile(next((db_file.parent / "backups").glob("*.db")), migration_copy)
        for day in range(1, 10):
            assert backups.backup_if_due(db.conn, db_file, now=T0 + timedelta(days=day))
    finally:
        db.close()
    found = backups.list_backups(db_file)
    daily = [b for b in found if "-daily-" in b.path.name]
    assert len(daily) == 7 and all(b.verified for b in daily)
    assert daily[0].created_at == T0 + timedelta(days=9)
    assert daily[-1].created_at == T0 + timedelta(days=3)
    # a copy the rotation did not make is kept, and is not claimed as verified
    [other] = [b for b in found if b.path == migration_copy]
    assert other.verified is False


def test_a_copy_changed_after_its_check_is_no_longer_verified(db_file: Path):
    db = open_db(db_file)
    try:
        made = backups.write_backup(db.conn, db_file, "copy.db", now=T0)
    finally:
        db.close()
    with open(made, "ab") as f:
        f.write(b"\0" * 4096)
    [info] = backups.list_backups(db_file)
    assert info.verified is False


def test_a_damaged_database_yields_no_backup(db_file: Path):
    db = open_db(db_file)
    db.close()
    with open(db_file, "r+b") as f:  # the shops table's page
        conn = sqlite3.connect(db_file)
        [(page,)] = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'shops'")
        conn.close()
        f.seek((page - 1) * 4096)
        f.write(b"\xff" * 4096)
    source = sqlite3.connect(db_file)
    try:
        with pytest.raises(StoreCorrupt):
            backups.write_backup(source, db_file, "copy.db", now=T0)
    finally:
        source.close()
    assert list((db_file.parent / "backups").iterdir()) == []


def test_restore_refuses_while_the_database_is_open_elsewhere(db_file: Path):
    db = open_db(db_file)
    try:
        made = backups.write_backup(db.conn, db_file, "copy.db", now=T0)
        with pytest.raises(StoreError) as caught:
            backups.restore(db_file, made, now=T0)
        assert caught.value.kind == backups.IN_USE
    finally:
        db.close()
    assert backups.kept_aside(db_file) == []
    done = backups.restore(db_file, made, now=T0)
    assert done.damaged_kept_as is not None and done.damaged_kept_as.exists()
    assert made.exists()  # copied into place, not moved
