"""The start-up integrity check run ahead on its own thread (``shopwatch gui`` starts it while
Qt loads): it finds the same damage the opener's own check finds, never writes, and a check
that could not read (or of another file) leaves the opener to check for itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from shopwatch.store.db import StoreCorrupt, open_db
from shopwatch.store.integrity import CheckAhead

from .damaged_files import damage_listings, make_profile_db, sha

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    (tmp_path / "profile").mkdir()
    return make_profile_db(tmp_path / "profile" / "shopwatch.db")


def test_a_healthy_file_checks_clean_and_opens(db_file):
    ahead = CheckAhead(db_file)
    db = open_db(db_file, verify=True, checked=ahead)
    db.close()
    assert ahead.result(db_file) == []


def test_damage_found_ahead_refuses_the_file_without_writing(db_file):
    damage_listings(db_file)
    before = sha(db_file)
    ahead = CheckAhead(db_file)
    assert ahead.result(db_file)  # SQLite's findings
    with pytest.raises(StoreCorrupt):
        open_db(db_file, verify=True, checked=ahead)
    assert sha(db_file) == before


def test_a_check_of_another_file_or_of_no_file_stands_for_nothing(db_file, tmp_path):
    missing = CheckAhead(tmp_path / "none.db")
    assert missing.result(tmp_path / "none.db") is None
    assert not (tmp_path / "none.db").exists()  # read-only: nothing created
    other = CheckAhead(db_file)
    assert other.result(tmp_path / "copy.db") is None
    # the opener then checks for itself: a damaged file is still refused
    damage_listings(db_file)
    with pytest.raises(StoreCorrupt):
        open_db(db_file, verify=True, checked=CheckAhead(tmp_path / "none.db"))


def test_the_gui_command_refuses_a_damaged_profile(db_file):
    """End to end: ``shopwatch gui`` with the check ahead exits 3 on damage (the dialog is
    not offered in screenshot mode) and leaves the file as it was."""
    damage_listings(db_file)
    before = sha(db_file)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SHOPWATCH_NO_TRAY": "1",
           "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "shopwatch", "--data-dir", str(db_file.parent),
                           "gui", "--screenshot", str(db_file.parent / "shot.png")],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 3, done.stderr
    assert "damaged" in done.stderr.lower() or "malformed" in done.stderr.lower(), done.stderr
    assert sha(db_file) == before
