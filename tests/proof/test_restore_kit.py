"""``shopwatch restore-kit``: the listings the platform deleted or delisted, written as a
淘宝助理 data package and read back by shopwatch's own importer into a fresh file shop, come
back with the fields they had."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from shopwatch.cli import main
from shopwatch.config import db_path

FIELDS = "listing_id, title, price, quantity, outer_id, category"


def _rows(profile: Path, where: str) -> dict[str, tuple]:
    conn = sqlite3.connect(db_path(profile))
    try:
        return {r[0]: r for r in conn.execute(f"SELECT {FIELDS} FROM listings WHERE {where}")}
    finally:
        conn.close()


def test_a_restore_kit_reimported_reproduces_the_removed_listings(profile, tmp_path, capsys):
    kit = tmp_path / "restore.csv"
    assert main(["--data-dir", str(profile), "restore-kit", "--shop", "demo",
                 "--output", str(kit)]) == 0
    removed = _rows(profile, "status IN ('deleted', 'violation_off_shelf')")
    assert removed and len(_rows(profile, "1")) > len(removed)
    raw = kit.read_bytes()
    assert raw.startswith(b"\xff\xfe")
    lines = raw[2:].decode("utf-16-le").split("\r\n")
    assert lines[0] == "version 1.00" and lines[1].startswith("title\tcid\t")
    assert lines[2].startswith("宝贝名称\t宝贝类目\t")

    fresh = tmp_path / "fresh"
    assert main(["--data-dir", str(fresh), "shop", "add", "back", "--platform", "file"]) == 0
    assert main(["--data-dir", str(fresh), "import", "--shop", "back", str(kit)]) == 0
    assert _rows(fresh, "1") == removed
    # the re-imported rows are in the fresh shop's ledger as the file's own rows
    capsys.readouterr()
    assert main(["--data-dir", str(fresh), "verify", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["intact"] is True


def test_since_and_nothing_to_restore(profile, tmp_path, capsys):
    kit = tmp_path / "k.csv"
    capsys.readouterr()
    assert main(["--data-dir", str(profile), "restore-kit", "--shop", "demo", "--since",
                 "2026-11-10", "--output", str(kit), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["listings"]
    everything = _rows(profile, "status IN ('deleted', 'violation_off_shelf')")
    assert 0 < len(listed) < len(everything)
    assert all(i["status_changed_at"] >= "2026-11-10" for i in listed)
    assert main(["--data-dir", str(profile), "restore-kit", "--shop", "demo", "--since",
                 "2099-01-01", "--output", str(tmp_path / "none.csv")]) == 1
    assert "nothing to restore" in capsys.readouterr().err
    assert not (tmp_path / "none.csv").exists()
    assert main(["--data-dir", str(profile), "restore-kit", "--shop", "demo", "--since",
                 "soon", "--output", str(kit)]) == 2
