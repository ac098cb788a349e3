"""A damaged profile database is noticed by every command before anything writes to it, is
explained in plain words with exit code 3, and can be restored from a verified backup while
the damaged file is kept aside.

The damage is real: 4 KB of (seeded) random bytes over one page of each b-tree of the schema
— every table and every index, autoindexes included — found with SQLite's ``dbstat`` table
in a profile the demo filled."""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from shopwatch import cli
from shopwatch.config import demo_profile_dir
from shopwatch.store import backups
from shopwatch.store.db import open_db

PAGE = 4096


def _btree_names() -> list[str]:
    """Every table and index the schema creates (rootpage > 0), read from a fresh profile."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "schema.db")
        names = sorted(name for (name,) in db.execute(
            "SELECT name FROM sqlite_schema WHERE rootpage > 0"))
        db.close()
    return names


BTREES = _btree_names()

#: commands that read, and commands that write; all must refuse a damaged file
COMMANDS = [
    ["listings"], ["alerts", "--all"], ["notices"], ["appeal", "list"], ["evidence", "1"],
    ["sync"], ["ack", "--all"], ["notices", "add", "--shop", "demo", "--text", "虚假交易 扣12分"],
    ["draft", "1", "--lang", "zh_CN"], ["shop", "list"],
]


@pytest.fixture(scope="module")
def demo_profile(tmp_path_factory) -> Path:
    """A profile with ten demo days of listings, versions, metrics, notices and alerts, and
    one verified backup of it."""
    folder = tmp_path_factory.mktemp("demo-profile")
    assert cli.main(["--data-dir", str(folder), "demo"]) == 0
    demo = demo_profile_dir(folder)  # the demo keeps to a profile of its own
    assert cli.main(["--data-dir", str(demo), "backup"]) == 0
    return demo


@pytest.fixture
def profile(demo_profile: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "profile"
    shutil.copytree(demo_profile, folder)
    return folder


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pages_of(db_file: Path, name: str) -> list[int]:
    conn = sqlite3.connect(db_file)
    try:
        rows = conn.execute("SELECT pageno, pagetype FROM dbstat WHERE name = ? ORDER BY pageno",
                            [name]).fetchall()
    finally:
        conn.close()
    # a leaf holds the rows (or index keys) themselves; a b-tree of one page has only its root
    leaves = [p for p, kind in rows if kind == "leaf"]
    return leaves or [p for p, _ in rows]


def damage(db_file: Path, name: str) -> int:
    pages = pages_of(db_file, name)
    assert pages, f"{name} has no page"
    page = pages[len(pages) // 2]
    noise = random.Random(f"{name}:{page}").randbytes(PAGE)
    with open(db_file, "r+b") as f:
        f.seek((page - 1) * PAGE)
        f.write(noise)
    return page


def run(profile: Path, *args: str) -> int:
    return cli.main(["--data-dir", str(profile), *args])


def test_the_schema_has_the_btrees_this_suite_damages():
    # the autoindexes of UNIQUE / composite primary keys are b-trees of their own
    assert {"listings", "listing_versions", "sqlite_autoindex_listings_1",
            "metric_days", "idx_versions_listing"} <= set(BTREES)


@pytest.mark.parametrize("btree", BTREES)
def test_damage_in_any_btree_is_refused_by_every_command_and_restore_keeps_it_aside(
        profile: Path, btree: str, capsys):
    db_file = profile / "shopwatch.db"
    with sqlite3.connect(db_file) as conn:
        listings_before = conn.execute("SELECT count(*) FROM listings").fetchone()[0]
    conn.close()
    damage(db_file, btree)
    damaged = sha(db_file)
    capsys.readouterr()

    for command in COMMANDS:
        code = run(profile, *command)
        out, err = capsys.readouterr()
        assert code == 3, (command, out, err)
        assert "is damaged" in err and "shopwatch restore" in err, (command, err)
        assert "Traceback" not in err and "disk space" not in err
        assert sha(db_file) == damaged, f"{command} changed the damaged file"

    assert run(profile, "check", "--json") == 3
    assert '"integrity": "damaged"' in capsys.readouterr().out
    assert sha(db_file) == damaged

    assert run(profile, "restore") == 0
    out = capsys.readouterr().out
    kept = backups.kept_aside(db_file)
    assert len(kept) == 1 and sha(kept[0]) == damaged and kept[0].name in out
    assert run(profile, "check") == 0
    with sqlite3.connect(db_file) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM listings").fetchone()[0] == listings_before
    conn.close()
    assert run(profile, "listings") == 0


def test_damage_found_mid_command_is_the_corruption_message_not_a_traceback(
        profile: Path, capsys, monkeypatch):
    """Damage that appears after the open-time check (or that quick_check cannot see) meets
    the command as 'database disk image is malformed' while it reads."""
    db_file = profile / "shopwatch.db"
    damage(db_file, "listings")
    monkeypatch.setattr("shopwatch.store.db.quick_check", lambda conn, full=False: [])
    monkeypatch.setattr("shopwatch.store.db._daily_backup", lambda db, path: None)
    capsys.readouterr()
    assert run(profile, "listings") == 3
    err = capsys.readouterr().err
    assert "is damaged" in err and "malformed" in err and "shopwatch restore" in err
    assert "Traceback" not in err and "disk space" not in err


def test_a_sync_that_meets_damage_records_nothing_in_it_and_says_so(
        profile: Path, capsys, monkeypatch):
    """Past the open-time check, the sync meets the damaged listings page: it fails with the
    damage sentence (not disk-space advice) and does not write its failure into the file."""
    db_file = profile / "shopwatch.db"
    damage(db_file, "listings")
    monkeypatch.setattr("shopwatch.store.db.quick_check", lambda conn, full=False: [])
    monkeypatch.setattr("shopwatch.store.db._daily_backup", lambda db, path: None)
    capsys.readouterr()
    assert run(profile, "sync", "--no-notify") == 3
    out, err = capsys.readouterr()
    assert "database is damaged" in out + err and "disk space" not in out + err
    assert "shopwatch restore" in err
    conn = sqlite3.connect(db_file)
    try:
        failed = conn.execute("SELECT count(*) FROM sync_runs WHERE status = 'failed'"
                              " AND error LIKE '%damaged%'").fetchone()[0]
    finally:
        conn.close()
    assert failed == 0


def test_check_json_reports_integrity_backups_and_free_space(profile: Path, capsys):
    import json

    capsys.readouterr()
    assert run(profile, "check", "--json") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["integrity"] == "ok" and report["problems"] == []
    assert report["free_space"]["free_bytes"] > 0
    assert report["backups"]  # the daily copy and the one 'shopwatch backup' wrote
    for made in report["backups"]:
        assert made["verified"] is True and made["size"] > 0 and made["created_at"]


def test_restore_refuses_a_healthy_database_without_force(profile: Path, capsys):
    db_file = profile / "shopwatch.db"
    before = sha(db_file)
    assert run(profile, "restore") == 2
    assert "healthy" in capsys.readouterr().err
    assert sha(db_file) == before and backups.kept_aside(db_file) == []
    assert run(profile, "restore", "--force") == 0
    [kept] = backups.kept_aside(db_file)
    assert ".replaced-" in kept.name and sha(kept) == before


def test_restore_skips_a_damaged_backup_for_an_older_good_one(profile: Path, capsys):
    db_file = profile / "shopwatch.db"
    good = backups.list_backups(db_file)[0]
    newer = good.path.with_name("shopwatch-daily-29990101T000000.db")
    shutil.copyfile(good.path, newer)
    damage(newer, "listings")
    damage(db_file, "listings")
    assert run(profile, "restore") == 0
    assert good.path.name in capsys.readouterr().out
    assert run(profile, "check") == 0


def test_without_any_backup_the_message_says_so_and_points_at_no_folder(profile: Path,
                                                                         capsys):
    db_file = profile / "shopwatch.db"
    shutil.rmtree(profile / "backups")
    damage(db_file, "alerts")
    damaged = sha(db_file)
    capsys.readouterr()
    assert run(profile, "listings") == 3
    err = capsys.readouterr().err
    assert "no backup" in err and "'backups'" not in err and "move the file" not in err
    assert run(profile, "restore") == 1
    assert "no usable backup" in capsys.readouterr().err
    assert sha(db_file) == damaged and not (profile / "backups").exists()
