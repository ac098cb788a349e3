"""monitor.service is the one place that decides how a shop syncs: a watched export-file shop
syncs the same way from the CLI as from the app (the newest exports in its folder; nothing
new is "unchanged", not a failure, and records no run)."""

from __future__ import annotations

import json

from shopwatch.cli import main
from shopwatch.monitor.service import UNCHANGED, sync_stored_shop
from shopwatch.store import queries
from shopwatch.timeutil import iso, now_utc

CSV = "宝贝ID,宝贝标题,价格,库存,状态\r\n600123400001,围巾,128.00,5,出售中\r\n"


def watched_shop(db, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "items.csv").write_bytes(CSV.encode("gbk"))
    return queries.add_shop(db, "f", "file", now=iso(now_utc()),
                            settings={"file": {"watch": str(folder)}})


def test_a_watched_folder_syncs_once_then_is_unchanged(db, tmp_path, profile):
    shop = watched_shop(db, tmp_path)
    first = sync_stored_shop(db, shop, profile=profile)
    assert first.status == "ok" and first.listings == 1
    runs = len(queries.recent_runs(db, shop.id, limit=10))
    again = sync_stored_shop(db, queries.get_shop_by_id(db, shop.id), profile=profile)
    assert again.status == UNCHANGED and again.run_id == 0
    assert len(queries.recent_runs(db, shop.id, limit=10)) == runs  # no run recorded


def test_the_cli_takes_the_same_route(db, tmp_path, profile, capsys):
    watched_shop(db, tmp_path)
    assert main(["--data-dir", str(profile), "sync", "--json", "--no-notify"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "ok"
    assert main(["--data-dir", str(profile), "sync", "--json", "--no-notify"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == UNCHANGED
