"""The desktop app meets a damaged profile at start-up: a dialog offers the newest good
backup; taking it restores the file (the damaged one kept aside) and the app opens; declining
leaves the file untouched and the app exits 3. Other problems get the GUI's own sentence,
naming no CLI command."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from shopwatch.store import backups, queries
from shopwatch.store.db import open_db
from shopwatch.ui.app import StartupError, open_store
from shopwatch.ui.dialogs.damaged_profile import DamagedProfileDialog

from .damaged_files import damage_listings, make_profile_db, sha


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    folder = tmp_path / "profile"
    folder.mkdir()
    make_profile_db(folder / "shopwatch.db")
    return folder


def with_backup(profile: Path) -> Path:
    db = open_db(profile / "shopwatch.db", verify=True, backup=True)  # the daily copy
    db.close()
    [made] = backups.list_backups(profile / "shopwatch.db")
    return made.path


def test_taking_the_offered_backup_restores_and_the_app_opens(qtbot, profile, monkeypatch):
    backup = with_backup(profile)
    db_file = profile / "shopwatch.db"
    damage_listings(db_file)
    damaged = sha(db_file)
    shown: list[DamagedProfileDialog] = []

    def take_it(dialog: DamagedProfileDialog) -> int:
        shown.append(dialog)
        assert dialog.backup == backup and dialog.restore_button is not None
        dialog.restore_button.click()
        return dialog.result()

    monkeypatch.setattr(DamagedProfileDialog, "exec", take_it)
    db = open_store(profile)
    try:
        assert len(queries.load_listings(db, queries.list_shops(db)[0].id)) == 300
    finally:
        db.close()
    assert len(shown) == 1
    [kept] = backups.kept_aside(db_file)
    assert sha(kept) == damaged


def test_declining_leaves_the_file_untouched_and_exits_3(qtbot, profile, monkeypatch):
    with_backup(profile)
    db_file = profile / "shopwatch.db"
    damage_listings(db_file)
    damaged = sha(db_file)
    monkeypatch.setattr(DamagedProfileDialog, "exec",
                        lambda dialog: (dialog.quit_button.click(), dialog.result())[1])
    with pytest.raises(StartupError) as caught:
        open_store(profile)
    assert caught.value.code == 3
    assert sha(db_file) == damaged and backups.kept_aside(db_file) == []


def test_without_a_backup_the_dialog_offers_none_and_says_keep_the_file(qtbot, profile):
    db_file = profile / "shopwatch.db"
    damage_listings(db_file)
    with pytest.raises(Exception) as caught:
        open_db(db_file, verify=True)
    dialog = DamagedProfileDialog(db_file, caught.value)
    qtbot.addWidget(dialog)
    assert dialog.restore_button is None and dialog.backup is None
    assert "no backup" in dialog.offer.text() and str(db_file) in dialog.offer.text()
    assert "shopwatch restore" not in dialog.offer.text()


def test_a_read_only_profile_gets_the_gui_sentence(qtbot, profile):
    db_file = profile / "shopwatch.db"
    done = subprocess.run(["chattr", "+i", str(db_file)], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not available here ({done.stderr.strip()})")
    try:
        before = sha(db_file)
        with pytest.raises(StartupError) as caught:
            open_store(profile)
        text = str(caught.value)
        assert "read-only" in text and "Make the folder writable" in text
        assert "shopwatch restore" not in text and "--data-dir" not in text
        assert "damaged" not in text and "move" not in text
        assert sha(db_file) == before
    finally:
        subprocess.run(["chattr", "-i", str(db_file)], check=False)
    shutil.rmtree(profile)
