"""The evidence ledger: raw TOP records kept once per content, a hash chain over the runs,
and ``shopwatch verify`` naming the first link that tampering broke."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from shopwatch.cli import main
from shopwatch.config import db_path
from shopwatch.demo.runtime import DemoConfig, EmbeddedDemo, reset_demo_shop
from shopwatch.monitor import ledger
from shopwatch.monitor.sync import sync_shop
from shopwatch.store import ledger_pack, queries
from shopwatch.store.db import open_db


def _verify(profile: Path, capsys) -> tuple[int, dict]:
    capsys.readouterr()
    code = main(["--data-dir", str(profile), "verify", "--json"])
    return code, json.loads(capsys.readouterr().out)


def _sql(profile: Path, sql: str, params=()) -> list:
    conn = sqlite3.connect(db_path(profile))
    try:
        rows = conn.execute(sql, params).fetchall()
        conn.commit()
        return rows
    finally:
        conn.close()


def _broken(report: dict) -> dict:
    assert report["intact"] is False
    (shop,) = report["shops"]
    return shop["broken"]


def test_an_untouched_ledger_verifies_and_keeps_the_raw_top_json(profile, capsys):
    code, report = _verify(profile, capsys)
    assert code == 0, report
    (shop,) = report["shops"]
    assert shop["intact"] and shop["runs"] == 9 and shop["head"]
    # every run is in the chain; the first has no predecessor
    runs = _sql(profile, "SELECT run_id, prev_hash, run_hash FROM ledger_runs ORDER BY run_id")
    assert runs[0][1] is None
    assert all(b[1] == a[2] for a, b in zip(runs, runs[1:], strict=False))
    # a record is the item as the TOP answer carried it (fields the normalised listing lacks)
    (pack_body,) = _sql(profile, "SELECT body FROM ledger_packs ORDER BY id LIMIT 1")[0]
    doc = json.loads(ledger_pack.unpack(pack_body)[0])
    assert set(doc) == {"raw", "via"} and "num_iid" in doc["raw"] and "title" in doc["raw"]
    # content-addressed: an unchanged listing is stored once, not once per run
    listings = _sql(profile, "SELECT COUNT(*) FROM listings")[0][0]
    records = _sql(profile, "SELECT COUNT(*) FROM ledger_records")[0][0]
    entries = _sql(profile, "SELECT COUNT(*) FROM ledger_entries")[0][0]
    assert listings <= records < 2 * listings
    assert entries < 2 * listings < 9 * listings


def test_a_rerun_with_nothing_changed_stores_no_record(tmp_path):
    db = open_db(tmp_path / "s.db")
    config = DemoConfig(seed=3, start_date=date(2026, 11, 2))
    shop = reset_demo_shop(db, config)
    with EmbeddedDemo(config) as demo:
        for _ in range(2):
            connector = demo.connector()
            assert sync_shop(db, shop, connector, now=demo.sim_now()).status == "ok"
            connector.close()
    records = db.execute("SELECT COUNT(*) FROM ledger_records").fetchone()[0]
    second = db.execute("SELECT COUNT(*) FROM ledger_entries WHERE run_id = "
                        "(SELECT MAX(run_id) FROM ledger_runs)").fetchone()[0]
    assert records == len(queries.load_listings(db, shop.id))
    assert second == 0
    assert all(v.intact for v in ledger.verify(db))


def test_a_failed_write_leaves_neither_the_run_nor_its_ledger(tmp_path, monkeypatch):
    db = open_db(tmp_path / "s.db")
    config = DemoConfig(seed=3, start_date=date(2026, 11, 2))
    shop = reset_demo_shop(db, config)

    def disk_full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(queries, "insert_alerts", disk_full)
    with EmbeddedDemo(config) as demo:
        connector = demo.connector()
        result = sync_shop(db, shop, connector, now=demo.sim_now())
        connector.close()
    assert result.status == "failed"
    for table in ("ledger_runs", "ledger_entries", "ledger_records", "listings"):
        assert db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table


def _middle_run(profile: Path) -> int:
    """A run in the middle of the chain that changed something."""
    rows = _sql(profile, "SELECT run_id FROM ledger_entries GROUP BY run_id ORDER BY run_id")
    return rows[len(rows) // 2][0]


def test_a_record_rewritten_is_found_at_the_run_that_first_stored_it(profile, capsys):
    run_id = _middle_run(profile)
    lid, h = _sql(profile, "SELECT listing_id, record_hash FROM ledger_entries WHERE run_id = ?"
                  " AND record_hash IS NOT NULL AND record_hash NOT IN (SELECT record_hash FROM"
                  " ledger_entries WHERE run_id < ? AND record_hash IS NOT NULL) LIMIT 1",
                  (run_id, run_id))[0]
    # the forger rewrites the record inside its pack, every other record of the pack intact
    pack_id, part, body = _sql(profile, "SELECT p.id, r.part, p.body FROM ledger_records r JOIN"
                               " ledger_packs p ON p.id = r.pack WHERE r.hash = ?", (h,))[0]
    texts = ledger_pack.unpack(body)
    doc = json.loads(texts[part])
    doc["raw"]["price"] = "1.00"
    texts[part] = ledger.canonical(doc)
    _sql(profile, "UPDATE ledger_packs SET body = ? WHERE id = ?", (ledger_pack.pack(texts),
                                                                    pack_id))
    code, report = _verify(profile, capsys)
    broken = _broken(report)
    assert code == 3
    assert (broken["run_id"], broken["what"], broken["listing_id"], broken["record_hash"]) == \
        (run_id, "record", lid, h.hex())


def test_a_record_removed_is_found_missing_at_the_run_that_first_stored_it(profile, capsys):
    run_id = _middle_run(profile)
    lid, h = _sql(profile, "SELECT listing_id, record_hash FROM ledger_entries WHERE run_id = ?"
                  " AND record_hash IS NOT NULL AND record_hash NOT IN (SELECT record_hash FROM"
                  " ledger_entries WHERE run_id < ? AND record_hash IS NOT NULL) LIMIT 1",
                  (run_id, run_id))[0]
    _sql(profile, "DELETE FROM ledger_records WHERE hash = ?", (h,))
    code, report = _verify(profile, capsys)
    broken = _broken(report)
    assert code == 3
    assert (broken["run_id"], broken["what"], broken["listing_id"], broken["record_hash"]) == \
        (run_id, "record", lid, h.hex())
    assert "missing" in broken["message"]


def test_a_damaged_pack_is_found_at_the_first_run_naming_one_of_its_records(profile, capsys):
    run_id = _middle_run(profile)
    (pack_id,) = _sql(profile, "SELECT r.pack FROM ledger_entries e JOIN ledger_records r ON"
                      " r.hash = e.record_hash WHERE e.run_id = ? AND r.hash NOT IN (SELECT"
                      " record_hash FROM ledger_entries WHERE run_id < ? AND record_hash IS NOT"
                      " NULL) LIMIT 1", (run_id, run_id))[0]
    first = _sql(profile, "SELECT MIN(e.run_id) FROM ledger_entries e JOIN ledger_records r ON"
                 " r.hash = e.record_hash WHERE r.pack = ?", (pack_id,))[0][0]
    assert first == run_id  # a pack holds the records its run stored first
    _sql(profile, "UPDATE ledger_packs SET body = substr(body, 1, length(body) - 8) WHERE id = ?",
         (pack_id,))
    code, report = _verify(profile, capsys)
    broken = _broken(report)
    assert code == 3
    assert (broken["run_id"], broken["what"]) == (run_id, "record")
    assert "not the one recorded" in broken["message"]


@pytest.mark.parametrize("change", [
    "UPDATE ledger_entries SET status = 'active' WHERE run_id = :run AND status != 'active'",
    "UPDATE ledger_entries SET record_hash = (SELECT MIN(hash) FROM ledger_records)"
    " WHERE run_id = :run AND listing_id = (SELECT MIN(listing_id) FROM ledger_entries"
    " WHERE run_id = :run) AND record_hash IS NOT (SELECT MIN(hash) FROM ledger_records)",
    "DELETE FROM ledger_entries WHERE run_id = :run AND listing_id = (SELECT MAX(listing_id)"
    " FROM ledger_entries WHERE run_id = :run)",
    "UPDATE ledger_runs SET recorded_at = '2026-01-01T00:00:00+00:00' WHERE run_id = :run",
    "UPDATE ledger_runs SET seen = seen + 1 WHERE run_id = :run",
], ids=["status", "record-hash", "entry-removed", "run-time", "run-count"])
def test_a_changed_run_is_found_at_that_run(profile, capsys, change):
    run_id = _middle_run(profile)
    if "SET status" in change:
        run_id = _sql(profile, "SELECT MIN(run_id) FROM ledger_entries WHERE run_id > "
                      "(SELECT MIN(run_id) FROM ledger_runs) AND status != 'active'")[0][0]
    conn = sqlite3.connect(db_path(profile))
    changed = conn.execute(change, {"run": run_id}).rowcount
    conn.commit()
    conn.close()
    assert changed >= 1
    code, report = _verify(profile, capsys)
    assert code == 3
    assert (_broken(report)["run_id"], _broken(report)["what"]) == (run_id, "run")


def test_a_run_removed_from_the_chain_is_found_at_the_next(profile, capsys):
    run_id = _middle_run(profile)
    conn = sqlite3.connect(db_path(profile))
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("DELETE FROM ledger_runs WHERE run_id = ?", (run_id,))
    conn.commit()
    conn.close()
    nxt = _sql(profile, "SELECT MIN(run_id) FROM ledger_runs WHERE run_id > ?", (run_id,))[0][0]
    code, report = _verify(profile, capsys)
    assert code == 3
    assert (_broken(report)["run_id"], _broken(report)["what"]) == (nxt, "chain")


def test_a_listing_status_rewritten_in_the_store_is_found(profile, capsys):
    lid = _sql(profile, "SELECT listing_id FROM listings WHERE status = 'deleted' LIMIT 1")[0][0]
    _sql(profile, "UPDATE listings SET status = 'seller_off_shelf' WHERE listing_id = ?", (lid,))
    last = _sql(profile, "SELECT MAX(run_id) FROM ledger_runs")[0][0]
    code, report = _verify(profile, capsys)
    broken = _broken(report)
    assert code == 3
    assert (broken["run_id"], broken["what"], broken["listing_id"]) == (last, "listing", lid)


def test_verify_in_words(profile, capsys):
    capsys.readouterr()
    assert main(["--data-dir", str(profile), "verify"]) == 0
    assert "intact" in capsys.readouterr().out
    _sql(profile, "UPDATE ledger_runs SET run_hash = 'x' WHERE run_id = (SELECT MAX(run_id)"
                  " FROM ledger_runs)")
    assert main(["--data-dir", str(profile), "verify"]) == 3
    assert "BROKEN at run" in capsys.readouterr().out
