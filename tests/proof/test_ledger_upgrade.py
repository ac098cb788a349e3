"""Migration 0012_ledger_packs: a profile whose ledger schema 10/11 wrote (one zlib body per
record, hex hashes) upgrades with every entry still verifiable, the same chain head, every
record's text byte for byte, and tampering done before the upgrade still found at its run."""

from __future__ import annotations

import json
import sqlite3
import zlib
from pathlib import Path

from shopwatch.cli import main
from shopwatch.config import db_path
from shopwatch.store import ledger_pack
from shopwatch.store.migrations import SCHEMA_VERSION


def _as_schema_11(profile: Path) -> None:
    """Rewrite a synced profile's ledger the way schema 11 stored it: ``ledger_records(hash TEXT,
    body = zlib.compress(text, 6))`` and hex ``record_hash`` entries, with the DDL of migration
    0010 and 0012 marked as not applied."""
    conn = sqlite3.connect(db_path(profile))
    with conn:
        texts = {}
        for key, pack_id, part in conn.execute("SELECT hash, pack, part FROM ledger_records"):
            body = conn.execute("SELECT body FROM ledger_packs WHERE id = ?",
                                (pack_id,)).fetchone()[0]
            texts[key.hex()] = ledger_pack.unpack(body)[part]
        entries = [(run, lid, h.hex() if h is not None else None, status) for run, lid, h, status
                   in conn.execute("SELECT * FROM ledger_entries")]
        conn.execute("DROP TABLE ledger_records")
        conn.execute("DROP TABLE ledger_entries")
        conn.execute("DROP TABLE ledger_packs")
        conn.execute("CREATE TABLE ledger_records (hash TEXT PRIMARY KEY, body BLOB NOT NULL)"
                     " WITHOUT ROWID")
        conn.execute("CREATE TABLE ledger_entries ("
                     " run_id INTEGER NOT NULL REFERENCES ledger_runs(run_id) ON DELETE CASCADE,"
                     " listing_id TEXT NOT NULL, record_hash TEXT, status TEXT NOT NULL,"
                     " PRIMARY KEY (run_id, listing_id)) WITHOUT ROWID")
        conn.executemany("INSERT INTO ledger_records VALUES (?, ?)",
                         [(h, zlib.compress(t, 6)) for h, t in texts.items()])
        conn.executemany("INSERT INTO ledger_entries VALUES (?, ?, ?, ?)", entries)
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0012_ledger_packs'")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.close()


def _verify(profile: Path, capsys) -> tuple[int, dict]:
    capsys.readouterr()
    code = main(["--data-dir", str(profile), "verify", "--json"])
    return code, json.loads(capsys.readouterr().out)


def _ledger_as_text(profile: Path) -> tuple[list, dict[str, bytes]]:
    """Every entry (hashes as hex) and every record's text, however they are stored."""
    conn = sqlite3.connect(db_path(profile))
    try:
        def hexed(value):
            return value.hex() if isinstance(value, bytes) else value

        entries = sorted((r, lid, hexed(h), s) for r, lid, h, s
                         in conn.execute("SELECT * FROM ledger_entries"))
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema")}
        if "ledger_packs" in tables:
            packs = {i: ledger_pack.unpack(b) for i, b in conn.execute("SELECT * FROM ledger_packs")}
            records = {hexed(h): packs[p][part] for h, p, part
                       in conn.execute("SELECT hash, pack, part FROM ledger_records")}
        else:
            records = {h: zlib.decompress(b) for h, b in conn.execute("SELECT * FROM ledger_records")}
        return entries, records
    finally:
        conn.close()


def test_an_old_ledger_upgrades_whole_and_still_verifies(profile, capsys):
    code, before = _verify(profile, capsys)
    assert code == 0
    entries, records = _ledger_as_text(profile)
    _as_schema_11(profile)
    assert _ledger_as_text(profile) == (entries, records)  # the old layout holds the same
    code, after = _verify(profile, capsys)  # opening the profile runs the migration
    assert code == 0, after
    assert after["shops"][0]["head"] == before["shops"][0]["head"]
    assert after["shops"][0]["runs"] == before["shops"][0]["runs"]
    assert _ledger_as_text(profile) == (entries, records)
    conn = sqlite3.connect(db_path(profile))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    # every record moved into a pack, every hash into 32 bytes
    assert conn.execute("SELECT COUNT(*) FROM ledger_records WHERE pack IS NULL OR"
                        " typeof(hash) != 'blob' OR length(hash) != 32").fetchone()[0] == 0
    conn.close()
    # the timeline still reads the source's words out of the upgraded records
    lid = entries[0][1]
    assert main(["--data-dir", str(profile), "history", lid, "--json"]) == 0
    assert any(e["kind"] == "record" for e in json.loads(capsys.readouterr().out)["events"])


def _middle_first_stored(profile: Path) -> tuple[int, str, str]:
    """(run, listing, hash) of a record first stored by a run in the middle of the chain."""
    entries, _ = _ledger_as_text(profile)
    runs = sorted({r for r, *_ in entries})
    run = runs[len(runs) // 2]
    earlier = {h for r, _, h, _ in entries if r < run}
    return next((r, lid, h) for r, lid, h, _ in entries
                if r == run and h is not None and h not in earlier)


def test_a_record_damaged_before_the_upgrade_is_still_found_at_its_run(profile, capsys):
    _as_schema_11(profile)
    run, lid, h = _middle_first_stored(profile)
    conn = sqlite3.connect(db_path(profile))
    with conn:
        conn.execute("UPDATE ledger_records SET body = X'00112233' WHERE hash = ?", (h,))
    conn.close()
    code, report = _verify(profile, capsys)
    assert code == 3
    broken = report["shops"][0]["broken"]
    assert (broken["run_id"], broken["what"], broken["listing_id"], broken["record_hash"]) == \
        (run, "record", lid, h)
    # the damaged body is kept as it was, not dropped or replaced
    conn = sqlite3.connect(db_path(profile))
    assert conn.execute("SELECT pack, body FROM ledger_records WHERE hash = ?",
                        (bytes.fromhex(h),)).fetchone() == (None, b"\x00\x11\x22\x33")
    conn.close()


def test_a_record_forged_before_the_upgrade_is_still_found_at_its_run(profile, capsys):
    _as_schema_11(profile)
    run, lid, h = _middle_first_stored(profile)
    conn = sqlite3.connect(db_path(profile))
    with conn:
        body = conn.execute("SELECT body FROM ledger_records WHERE hash = ?", (h,)).fetchone()[0]
        doc = json.loads(zlib.decompress(body))
        doc["raw"]["title"] = "forged"
        conn.execute("UPDATE ledger_records SET body = ? WHERE hash = ?",
                     (zlib.compress(json.dumps(doc).encode()), h))
        # and an entry's hash overwritten with something that is no digest at all
        conn.execute("UPDATE ledger_entries SET record_hash = 'not-a-hash' WHERE run_id ="
                     " (SELECT MAX(run_id) FROM ledger_entries) AND listing_id = (SELECT"
                     " MIN(listing_id) FROM ledger_entries WHERE run_id = (SELECT MAX(run_id)"
                     " FROM ledger_entries))")
    conn.close()
    code, report = _verify(profile, capsys)
    assert code == 3
    broken = report["shops"][0]["broken"]
    assert (broken["run_id"], broken["what"], broken["listing_id"]) == (run, "record", lid)
    conn = sqlite3.connect(db_path(profile))
    assert conn.execute("SELECT COUNT(*) FROM ledger_entries WHERE record_hash ="
                        " 'not-a-hash'").fetchone()[0] == 1
    conn.close()
