"""The store's connection answers plain reads itself and becomes sqlite-utils' Database for
anything else (shopwatch.store.db.Database): what each read returns and each write does is
what sqlite-utils' own Database returns and does, checked against it on the same files."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils
from sqlite_utils import Migrations

from shopwatch.store import migrations as mig
from shopwatch.store import queries
from shopwatch.store.db import Database, connect, open_db

ROOT = Path(__file__).resolve().parents[2]
STAMP = "2026-11-01T00:00:00+00:00"


def profile(tmp_path: Path) -> Path:
    path = tmp_path / "shopwatch.db"
    db = open_db(path)
    for name in ("店铺", "second"):
        queries.add_shop(db, name, "taobao", now=STAMP)
    db.close()
    return path


def test_reads_of_an_up_to_date_profile_do_not_load_sqlite_utils(tmp_path: Path):
    path = profile(tmp_path)
    code = (
        "import sys\n"
        "from shopwatch.store import queries\n"
        "from shopwatch.store.db import open_db\n"
        "db = open_db(sys.argv[1], verify=True)\n"
        "shops = queries.list_shops(db)\n"
        "queries.count_open_alerts(db, severities=('critical', 'warning'))\n"
        "loaded = 'sqlite_utils' in sys.modules\n"
        "queries.add_shop(db, 'third', 'taobao', now='2026-11-02T00:00:00+00:00')\n"
        "import sqlite_utils\n"
        "print(len(shops), loaded, isinstance(db, sqlite_utils.Database))\n")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                          text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["2", "False", "True"]  # the write made it the real thing
    assert [s.name for s in queries.list_shops(open_db(path))] == ["second", "third", "店铺"]


@pytest.mark.parametrize("sql, params", [
    ("SELECT * FROM shops ORDER BY name", None),
    ("  select id, name FROM shops WHERE name = ?", ["店铺"]),
    ("SELECT a.id, b.id, a.name, b.name FROM shops a JOIN shops b ON a.id <> b.id", None),
    ("SELECT 1 AS x, 2 AS x_2, 3 AS x", ()),  # renamed around a name already taken
    ("PRAGMA table_info(shops)", None),
    ("WITH t AS (SELECT name FROM shops) SELECT * FROM t", None),
])
def test_reads_return_what_sqlite_utils_returns(tmp_path: Path, sql, params):
    path = profile(tmp_path)
    real = sqlite_utils.Database(sqlite3.connect(str(path)))
    lazy = connect(path)
    assert type(lazy) is Database
    assert list(lazy.query(sql, params)) == list(real.query(sql, params))
    assert lazy.execute(sql, params).fetchall() == real.execute(sql, params).fetchall()
    assert not lazy.conn.in_transaction


def test_a_write_commits_as_sqlite_utils_commits(tmp_path: Path):
    path = profile(tmp_path)
    db = connect(path)
    db.execute("UPDATE shops SET name = ? WHERE name = ?", ["renamed", "second"])
    assert isinstance(db, sqlite_utils.Database) and not db.conn.in_transaction
    other = sqlite3.connect(str(path))
    assert other.execute("SELECT COUNT(*) FROM shops WHERE name = 'renamed'").fetchone() == (1,)
    # a failed write inside atomic() rolls back, the lazy object's first use included
    db2 = connect(path)
    with pytest.raises(sqlite3.IntegrityError), db2.atomic():
        db2.execute("UPDATE shops SET name = 'x'")
        db2.execute("INSERT INTO shops (id, name) VALUES (1, 'dup')")
    assert other.execute("SELECT COUNT(*) FROM shops WHERE name = 'x'").fetchone() == (0,)
    assert connect(path)["shops"].count == 2  # a table object: sqlite-utils' own
    assert connect(path).execute("PRAGMA recursive_triggers").fetchone() == (1,)


def test_up_to_date_says_what_pending_says(tmp_path: Path):
    assert mig.MIGRATIONS_TABLE == Migrations.migrations_table
    cases = {"empty": None, "first only": "0002_notify_outbox", "all": ()}
    for label, stop in cases.items():
        path = tmp_path / f"{label}.db"
        real = sqlite_utils.Database(sqlite3.connect(str(path)))
        if stop is not None:
            mig.migrations.apply(real, stop_before=stop or None)
        expected = mig.migrations.pending(real) == []
        assert mig.migrations.up_to_date(connect(path)) is expected, label
        assert mig.migrations.up_to_date(real) is expected, label
    assert expected is True  # the last case is up to date


def test_a_profile_stopped_between_its_last_migration_and_the_version_is_settled(tmp_path):
    """A kill after the last migration committed and before ``user_version`` was written
    leaves nothing pending and the old version: the next open writes the version."""
    path = tmp_path / "shopwatch.db"
    open_db(path).close()
    raw = sqlite3.connect(str(path))
    raw.execute("PRAGMA user_version = 1")
    raw.close()
    db = open_db(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == mig.SCHEMA_VERSION
