"""Upgrading a seller's history: a profile written by an older shopwatch is backed up, then
migrated with every row kept, even if the upgrade fails, the disk fills or the process dies
half-way; a profile written by a newer shopwatch is refused with a plain message and left
exactly as it was. (tests/store/test_db.py covers the empty and pre-shopwatch files.)"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlite_utils
from sqlite_utils import Migrations

from shopwatch.cli import main
from shopwatch.demo.marketplace import Marketplace
from shopwatch.demo.server import DemoServer
from shopwatch.store import backups, queries
from shopwatch.store import db as store_db
from shopwatch.store import migrations as mig
from shopwatch.store.db import StoreError, connect, open_db

from .support import START, integrity, mismatches, sim_now

#: the tables of schema version 1, whose rows an upgrade must keep exactly
V1_TABLES = ("shops", "sync_runs", "listings", "listing_versions", "listing_metrics", "notices",
             "alerts", "appeals")
FIRST_LATER_MIGRATION = "0002_notify_outbox"


def make_v1_file(path: Path) -> sqlite_utils.Database:
    """A profile as the first release wrote it: only migration 0001 applied, user_version 1."""
    db = connect(path)
    mig.migrations.apply(db, stop_before=FIRST_LATER_MIGRATION)
    db.execute("PRAGMA user_version = 1")
    return db


def v1_columns() -> dict[str, str]:
    """Per table, the columns schema version 1 had (later migrations may add more)."""
    db = sqlite_utils.Database(memory=True)
    mig.migrations.apply(db, stop_before=FIRST_LATER_MIGRATION)
    return {table: ", ".join(row[1] for row in db.execute(f"PRAGMA table_info({table})"))
            for table in V1_TABLES}


def v1_digests(path: Path) -> dict[str, str]:
    """A digest of every row of the v1 tables, over the columns v1 had."""
    conn = sqlite3.connect(str(path))
    try:
        out = {}
        for table, columns in v1_columns().items():
            digest = hashlib.blake2b(digest_size=16)
            for row in conn.execute(f"SELECT {columns} FROM {table} ORDER BY 1, 2, 3"):
                digest.update(repr(row).encode("utf-8"))
            out[table] = digest.hexdigest()
        return out
    finally:
        conn.close()


def user_version(path: Path) -> int:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def as_v1_file(source: Path, path: Path) -> None:
    """Copy a profile's rows into a new file of schema version 1, keeping the columns that
    version had. Today's code cannot write a v1 file itself (it expects later columns), but the
    rows it wrote are what the first release wrote too."""
    db = make_v1_file(path)
    db.execute("ATTACH DATABASE ? AS src", [str(source)])
    with db.atomic():
        for table in V1_TABLES:
            columns = ", ".join(row[1] for row in db.execute(f"PRAGMA main.table_info({table})"))
            db.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM src.{table}")
    db.execute("DETACH DATABASE src")
    db.close()


def synced_v1_profile(folder: Path) -> tuple[Path, Marketplace, DemoServer, int]:
    """A v1 profile with a real history: a demo shop synced on day 0 and day 4."""
    from shopwatch.connectors.taobao import DemoConnector
    from shopwatch.monitor.sync import sync_shop

    market = Marketplace(seed=13, n_listings=200, start_date=START)
    server = DemoServer(market).start()
    current = folder / "made-today.db"
    db = open_db(current)
    shop = queries.add_shop(db, "old", "taobao", now="2026-11-01T00:00:00+00:00",
                            endpoint=server.endpoint, app_key=market.app_key)
    for days in (0, 4):
        market.advance(days)
        with DemoConnector(server.endpoint, market.app_key, market.app_secret, market.session,
                           backoff=0.01) as connector:
            result = sync_shop(db, shop, connector, now=sim_now(market))
            assert result.status == "ok", result.error
    db.close()
    path = folder / "shopwatch.db"
    as_v1_file(current, path)
    return path, market, server, shop.id


def bulk_alerts(path: Path, n: int) -> None:
    """Many alerts, so that upgrading (0003 marks each one seen) takes a while."""
    conn = sqlite3.connect(str(path))
    with conn:
        conn.execute("INSERT INTO shops (name, platform, created_at) VALUES ('bulk', 'taobao', 'x')")
        conn.executemany(
            "INSERT INTO alerts (shop_id, kind, severity, dedup_key, message, created_at)"
            " VALUES (1, 'deleted', 'critical', ?, 'a listing was deleted', '2026-11-02')",
            [(f"gone:{i}",) for i in range(n)])
    conn.close()


def test_v1_profile_with_history_is_backed_up_migrated_whole_and_keeps_syncing(tmp_path: Path):
    path, market, server, shop_id = synced_v1_profile(tmp_path)
    try:
        before = v1_digests(path)
        conn = sqlite3.connect(str(path))
        alerts = conn.execute("SELECT COUNT(*) FROM alerts").fetchone()[0]
        conn.close()
        db = open_db(path)
        assert db.execute("PRAGMA user_version").fetchone()[0] == mig.SCHEMA_VERSION
        backups = list((tmp_path / "backups").glob("shopwatch-v1-*.db"))
        assert len(backups) == 1
        assert user_version(backups[0]) == 1 and v1_digests(backups[0]) == before
        assert integrity(backups[0]) == "ok"
        assert v1_digests(path) == before, "the upgrade changed existing rows"
        # existing alerts are history for the notifier, not news to send again
        assert db.execute("SELECT COUNT(*) FROM notify_seen").fetchone()[0] == alerts > 0

        from shopwatch.connectors.taobao import DemoConnector
        from shopwatch.monitor.sync import sync_shop

        market.advance(2)
        shop = queries.get_shop_by_id(db, shop_id)
        with DemoConnector(server.endpoint, market.app_key, market.app_secret, market.session,
                           backoff=0.01) as connector:
            assert sync_shop(db, shop, connector, now=sim_now(market)).status == "ok"
        assert mismatches(db, shop_id, market) == []
        db.close()
        open_db(path).close()
        assert len(list((tmp_path / "backups").glob("*.db"))) == 1, \
            "an up-to-date file was backed up"
    finally:
        server.stop()


def with_extra_migration(monkeypatch: pytest.MonkeyPatch, fn) -> None:  # type: ignore[no-untyped-def]
    """The shipped migrations plus one more, as the next release would have."""
    extended = Migrations("shopwatch")
    for m in mig.migrations._migrations:
        extended(name=m.name, transactional=m.transactional)(m.fn)
    extended(name="0099_next_release")(fn)
    monkeypatch.setattr(mig, "migrations", extended)
    monkeypatch.setattr(mig, "SCHEMA_VERSION", mig.SCHEMA_VERSION + 1)


def test_an_upgrade_that_fails_half_way_leaves_the_profile_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "shopwatch.db"
    open_db(path).close()
    bulk_alerts(path, 50)

    def breaks_half_way(db: sqlite_utils.Database) -> None:
        db.execute("ALTER TABLE alerts ADD COLUMN channel TEXT")
        db.execute("UPDATE alerts SET message = 'rewritten'")
        db.execute("CREATE UNIQUE INDEX one_alert_per_kind ON alerts(kind)")  # duplicates: fails

    before, version = v1_digests(path), user_version(path)
    with_extra_migration(monkeypatch, breaks_half_way)
    with pytest.raises(StoreError, match="cannot be opened.*backups"):
        open_db(path)
    assert v1_digests(path) == before and user_version(path) == version
    columns = [row[1] for row in sqlite3.connect(str(path)).execute("PRAGMA table_info(alerts)")]
    assert "channel" not in columns
    assert len(list((tmp_path / "backups").glob("*.db"))) == 1
    monkeypatch.undo()
    open_db(path).close()  # the release without the broken step still opens it


def test_disk_full_during_an_upgrade_leaves_the_profile_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "shopwatch.db"
    make_v1_file(path).close()
    bulk_alerts(path, 20_000)  # 0003 writes a notify_seen row for each
    before = v1_digests(path)
    real_connect = store_db.connect

    def connect_on_a_full_disk(p):  # type: ignore[no-untyped-def]
        db = real_connect(p)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages + 5}")
        return db

    monkeypatch.setattr(store_db, "connect", connect_on_a_full_disk)
    with pytest.raises(StoreError, match="full"):
        open_db(path)
    assert v1_digests(path) == before
    assert integrity(path) == "ok"
    monkeypatch.undo()
    db = open_db(path)  # room again: the upgrade completes
    assert db.execute("SELECT COUNT(*) FROM notify_seen").fetchone()[0] == 20_000
    db.close()


class CrashesMidBackup:
    """Stands in for the database while ``backup()`` copies it: the copy stops after its
    first page, as when the process dies or the machine loses power."""

    def __init__(self, real: sqlite_utils.Database) -> None:
        self.real = real
        self.conn = self

    def execute(self, sql: str):  # type: ignore[no-untyped-def]
        return self.real.execute(sql)

    def backup(self, target: sqlite3.Connection) -> None:
        def power_cut(status: int, remaining: int, total: int) -> None:
            raise RuntimeError("power cut")

        self.real.conn.backup(target, pages=1, progress=power_cut)


def test_a_backup_torn_by_a_crash_never_passes_for_a_backup(tmp_path: Path):
    path = tmp_path / "shopwatch.db"
    make_v1_file(path).close()
    bulk_alerts(path, 5000)
    db = connect(path)
    with pytest.raises(RuntimeError, match="power cut"):
        mig.backup(CrashesMidBackup(db), path)  # type: ignore[arg-type]
    assert list((tmp_path / "backups").glob("*.db")) == []
    made = mig.backup(db, path)
    db.close()
    assert [p.name for p in (tmp_path / "backups").iterdir()
            if p.name != backups.MANIFEST] == [made.name]
    assert integrity(made) == "ok" and v1_digests(made) == v1_digests(path)


UPGRADER = """
import sys
from shopwatch.store.db import open_db
print("go", flush=True)
open_db(sys.argv[1]).close()
print("done", flush=True)
"""


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_killed_while_upgrading_the_next_start_finishes_the_upgrade(tmp_path: Path):
    rng = random.Random(8)
    template = tmp_path / "template.db"
    make_v1_file(template).close()
    bulk_alerts(template, 40_000)
    before = v1_digests(template)
    outcomes = []
    duration = None
    for attempt in range(10):
        folder = tmp_path / f"attempt{attempt}"
        folder.mkdir()
        path = folder / "shopwatch.db"
        path.write_bytes(template.read_bytes())
        proc = subprocess.Popen([sys.executable, "-c", UPGRADER, str(path)],
                                stdout=subprocess.PIPE, text=True, env=dict(os.environ))
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "go"
        if duration is None:  # the first upgrade runs to the end: it times the rest
            started = time.monotonic()
            assert proc.stdout.readline().strip() == "done"
            duration = time.monotonic() - started
            proc.wait(timeout=30)
        else:
            try:
                proc.wait(timeout=rng.uniform(0, duration))
            except subprocess.TimeoutExpired:
                pass
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
        proc.stdout.close()
        outcomes.append(user_version(path))
        assert integrity(path) == "ok", attempt
        assert v1_digests(path) == before, attempt
        db = open_db(path)
        assert db.execute("PRAGMA user_version").fetchone()[0] == mig.SCHEMA_VERSION
        assert db.execute("SELECT COUNT(*) FROM notify_seen").fetchone()[0] == 40_000
        assert [m.name for m in mig.migrations.pending(db)] == []
        db.close()
        assert v1_digests(path) == before, attempt
        # A backup is whole or absent: a copy torn by the kill must not pass for one.
        for copy in (folder / "backups").glob("*.db"):
            assert integrity(copy) == "ok" and v1_digests(copy) == before, (attempt, copy.name)
    assert 1 in outcomes, f"no kill landed before the upgrade finished: {outcomes}"


def test_profile_from_a_newer_shopwatch_is_refused_plainly_and_left_untouched(
    tmp_path: Path, capsys
):
    profile = tmp_path / "profile"
    profile.mkdir()
    path = profile / "shopwatch.db"
    open_db(path).close()
    conn = sqlite3.connect(str(path))
    conn.execute(f"PRAGMA user_version = {mig.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    listing = {p.name: p.read_bytes() for p in profile.iterdir()}

    code = main(["--data-dir", str(profile), "listings"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "newer shopwatch" in err and "update shopwatch" in err and "Traceback" not in err
    assert {p.name: p.read_bytes() for p in profile.iterdir()} == listing
    with pytest.raises(mig.SchemaTooNew):
        open_db(path, migrate_schema=False)
    assert {p.name: p.read_bytes() for p in profile.iterdir()} == listing
