"""What the seller does is committed before the call returns: a child process performs the
action on a long-lived connection (as the app holds one) and is SIGKILLed the moment the
call returns; a fresh connection then finds the row. Every connection runs WAL with
``synchronous=FULL``, so a commit that returned is also on the disk (a power cut cannot roll
it back; with NORMAL the last commits before a power cut may be lost)."""

from __future__ import annotations

import json
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from shopwatch import cli
from shopwatch.config import demo_profile_dir
from shopwatch.store.db import open_db

WORKER = Path(__file__).with_name("action_worker.py")


@pytest.fixture(scope="module")
def demo_profile(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("durable")
    assert cli.main(["--data-dir", str(folder), "demo"]) == 0
    return demo_profile_dir(folder)  # the demo keeps to a profile of its own


@pytest.fixture
def db_file(demo_profile: Path, tmp_path: Path) -> Path:
    target = tmp_path / "shopwatch.db"
    shutil.copyfile(demo_profile / "shopwatch.db", target)
    return target


def act_and_die(db_file: Path, action: str) -> dict:
    done = subprocess.run([sys.executable, str(WORKER), str(db_file), action],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == -signal.SIGKILL, done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("returned "))
    return json.loads(line.removeprefix("returned "))


def read(db_file: Path, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(db_file)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_every_connection_is_wal_with_full_sync(db_file: Path):
    db = open_db(db_file)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    finally:
        db.close()


def test_an_acknowledgement_survives_a_kill_right_after_the_call(db_file: Path):
    out = act_and_die(db_file, "ack")
    assert read(db_file, "SELECT acknowledged_at IS NOT NULL FROM alerts WHERE id = ?",
                [out["alert_id"]]) == [(1,)]


def test_a_pasted_notice_survives_a_kill_right_after_the_call(db_file: Path):
    out = act_and_die(db_file, "notice")
    assert out["ok"]
    assert read(db_file, "SELECT points FROM notices WHERE source_id = ?",
                [out["source_id"]]) == [(12,)]


def test_an_appeal_draft_and_its_evidence_survive_a_kill_right_after_the_call(db_file: Path):
    draft = act_and_die(db_file, "appeal")
    assert read(db_file, "SELECT body FROM appeals WHERE id = ?",
                [draft["appeal_id"]]) == [("申诉书 appeal",)]
    again = act_and_die(db_file, "evidence")
    assert again["appeal_id"] == draft["appeal_id"]
    [(body, evidence)] = read(db_file, "SELECT body, evidence FROM appeals WHERE id = ?",
                              [draft["appeal_id"]])
    assert body == "申诉书 evidence" and json.loads(evidence) == {"order_ids":
                                                                ["3344556677889900"]}
    act_and_die(db_file, "appeal_status")
    assert read(db_file, "SELECT status FROM appeals WHERE id = ?",
                [draft["appeal_id"]]) == [("submitted",)]
