"""A full disk, a read-only profile and a profile path that is a file: each gets its own
accurate sentence and exit code 2, the healthy database is left exactly as it was, and no
message suggests moving it away or points at a backups folder.

All real: a tiny tmpfs filled to the last block (full disk), a read-only bind mount and an
immutable file (``chattr +i``: root ignores permission bits, not these). They need root and
mount rights (CI runs as root); elsewhere the tests that need them are skipped, saying why."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from shopwatch import cli
from shopwatch.store import backups

from .damaged_files import make_profile_db, sha

BAD_ADVICE = ("move the file", "'backups' folder", "damaged", "restore")


def make_profile(folder: Path, listings: int = 400) -> Path:
    """A small real profile: a shop and a few hundred listings (about 300 KB)."""
    folder.mkdir(parents=True, exist_ok=True)
    make_profile_db(folder / "shopwatch.db", listings)
    for side in ("-wal", "-shm"):
        assert not (folder / f"shopwatch.db{side}").exists()
    return folder


def run(profile: Path, *args: str) -> int:
    return cli.main(["--data-dir", str(profile), *args])


def sh(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, check=False)


def _mount(*args: str) -> None:
    done = sh("mount", *args)
    if done.returncode != 0:
        pytest.skip(f"needs root and mount rights ({done.stderr.strip()})")


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs of its own."""
    point = tmp_path / "disk"
    point.mkdir()
    _mount("-t", "tmpfs", "-o", "size=2m", "tmpfs", str(point))
    try:
        yield point
    finally:
        sh("umount", "-l", str(point))


def fill(disk: Path, leave: int = 0) -> Path:
    """Write a file until the disk is full, then give ``leave`` bytes back."""
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 4096)
        except OSError:
            pass
    if leave:
        os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


def assert_disk_full_message(err: str) -> None:
    assert "is full" in err and "intact" in err and "free some space" in err, err
    assert not any(bad in err for bad in BAD_ADVICE), err
    assert "Traceback" not in err


def test_full_disk_while_opening_a_profile_says_so_and_leaves_it_as_it_was(
        tiny_disk: Path, capsys):
    profile = make_profile(tiny_disk / "profile")
    before = sha(profile / "shopwatch.db")
    filler = fill(tiny_disk)
    capsys.readouterr()
    for command in (["listings"], ["alerts"], ["ack", "--all"], ["sync"]):
        assert run(profile, *command) == 2, command
        assert_disk_full_message(capsys.readouterr().err)
        assert sha(profile / "shopwatch.db") == before
    filler.unlink()  # room again: everything works, nothing was lost
    assert run(profile, "listings", "--json") == 0
    assert capsys.readouterr().out.count('"listing_id"') == 400


def test_full_disk_while_creating_a_profile_says_so(tiny_disk: Path, capsys):
    fill(tiny_disk)
    capsys.readouterr()
    assert run(tiny_disk / "new", "listings") == 2
    assert_disk_full_message(capsys.readouterr().err)


def test_no_room_for_the_daily_backup_does_not_stop_the_command(tiny_disk: Path, capsys):
    profile = make_profile(tiny_disk / "profile")
    size = (profile / "shopwatch.db").stat().st_size
    fill(tiny_disk, leave=size // 2)  # room to open, not to copy
    capsys.readouterr()
    assert run(profile, "listings", "--json") == 0
    assert capsys.readouterr().out.count('"listing_id"') == 400
    assert not list((profile / "backups").glob("*.partial"))
    assert backups.list_backups(profile / "shopwatch.db") == []


@pytest.fixture
def read_only_mount(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """(the profile seen through a read-only bind mount, the writable original)."""
    source = make_profile(tmp_path / "source")
    view = tmp_path / "view"
    view.mkdir()
    _mount("--bind", str(source), str(view))
    try:
        _mount("-o", "remount,bind,ro", str(view))
        yield view, source
    finally:
        sh("umount", "-l", str(view))


def assert_read_only_message(err: str) -> None:
    assert "read-only" in err and "intact" in err and "writable" in err, err
    assert not any(bad in err for bad in BAD_ADVICE), err
    assert "Traceback" not in err and "disk" not in err.split("(")[0]


def test_read_only_mount_is_named_as_such_for_every_command(read_only_mount, capsys):
    view, source = read_only_mount
    before = sha(source / "shopwatch.db")
    capsys.readouterr()
    for command in (["listings"], ["ack", "--all"], ["sync"],
                    ["notices", "add", "--shop", "mine", "--text", "虚假交易 扣12分"]):
        assert run(view, *command) == 2, command
        assert_read_only_message(capsys.readouterr().err)
    assert run(view, "check") == 2
    assert "read-only" in capsys.readouterr().out
    assert sha(source / "shopwatch.db") == before
    assert sorted(p.name for p in source.iterdir()) == ["shopwatch.db"]


@pytest.fixture
def immutable_profile(tmp_path: Path) -> Iterator[Path]:
    profile = make_profile(tmp_path / "profile")
    done = sh("chattr", "+i", str(profile / "shopwatch.db"))
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not available here ({done.stderr.strip()})")
    try:
        yield profile
    finally:
        sh("chattr", "-i", str(profile / "shopwatch.db"))


def test_an_immutable_database_file_is_read_only_not_damaged(immutable_profile: Path, capsys):
    """SQLite opens such a file read-only without a word; the open-time probe says it."""
    before = sha(immutable_profile / "shopwatch.db")
    capsys.readouterr()
    for command in (["listings"], ["ack", "--all"],
                    ["notices", "add", "--shop", "mine", "--text", "虚假交易 扣12分"]):
        assert run(immutable_profile, *command) == 2, command
        assert_read_only_message(capsys.readouterr().err)
    assert run(immutable_profile, "check", "--json") == 2
    out = capsys.readouterr().out
    assert '"integrity": "ok"' in out and '"writable": false' in out
    assert sha(immutable_profile / "shopwatch.db") == before


def test_a_profile_path_that_is_a_file_is_named_and_left_alone(tmp_path: Path, capsys):
    target = tmp_path / "notes.txt"
    target.write_text("my notes", encoding="utf-8")
    for data_dir in (target, target / "profile"):
        assert run(data_dir, "listings") == 2
        err = capsys.readouterr().err
        assert f"{target} is a file, not a folder" in err and "Traceback" not in err
        assert not any(bad in err for bad in BAD_ADVICE)
    assert target.read_text(encoding="utf-8") == "my notes"


def test_a_full_disk_elsewhere_names_that_file_not_the_profile(tiny_disk: Path, tmp_path,
                                                               capsys):
    """--output on a full disk: the message does not blame the profile's disk."""
    from shopwatch.commands.problems import from_exception

    fill(tiny_disk)
    target = tiny_disk / "letter.txt"
    try:
        target.write_bytes(b"x" * 65536)
    except OSError as exc:
        message, code = from_exception(exc, tmp_path / "profile" / "shopwatch.db")
    else:
        pytest.fail("the full disk took the write")
    assert code == 2 and "No space left" in message and "database are fine" in message
    assert "holding the profile" not in message
