"""The evidence ledger's tables: content-addressed raw records, per-run chain hashes and each
run's changes (see migration 0007_ledger and monitor/ledger.py, which computes the hashes)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import sqlite_utils

from shopwatch.store.queries._base import _rows


def last_ledger_run(db: sqlite_utils.Database, shop_id: int) -> dict | None:
    rows = _rows(db, "SELECT * FROM ledger_runs WHERE shop_id = ? ORDER BY run_id DESC LIMIT 1",
                 [shop_id])
    return rows[0] if rows else None


def ledger_runs(db: sqlite_utils.Database, shop_id: int) -> list[dict]:
    return _rows(db, "SELECT * FROM ledger_runs WHERE shop_id = ? ORDER BY run_id", [shop_id])


def ledger_shop_ids(db: sqlite_utils.Database) -> list[int]:
    return [r["shop_id"] for r in _rows(db, "SELECT DISTINCT shop_id FROM ledger_runs")]


def ledger_entries(db: sqlite_utils.Database, shop_id: int, listing_id: str | None = None
                   ) -> Iterator[tuple[int, str, str | None, str]]:
    """(run_id, listing_id, record_hash, status) of a shop's runs, in run order."""
    sql = ("SELECT e.run_id, e.listing_id, e.record_hash, e.status FROM ledger_entries e"
           " JOIN ledger_runs r ON r.run_id = e.run_id WHERE r.shop_id = ?")
    params: list = [shop_id]
    if listing_id is not None:
        sql += " AND e.listing_id = ?"
        params.append(listing_id)
    sql += " ORDER BY e.run_id, e.listing_id"
    yield from db.execute(sql, params)


def ledger_heads(db: sqlite_utils.Database, shop_id: int, listing_ids: Sequence[str]
                 ) -> dict[str, tuple[str | None, str]]:
    """Each named listing's latest ledger entry: listing_id -> (record_hash, status)."""
    heads: dict[str, tuple[str | None, str]] = {}
    for start in range(0, len(listing_ids), 500):  # SQLite's host-parameter limit
        part = list(listing_ids[start:start + 500])
        marks = ",".join("?" * len(part))
        for lid, record_hash, status in db.execute(
                "SELECT e.listing_id, e.record_hash, e.status FROM ledger_entries e"
                " JOIN ledger_runs r ON r.run_id = e.run_id"
                f" WHERE r.shop_id = ? AND e.listing_id IN ({marks}) ORDER BY e.run_id",
                [shop_id, *part]):
            heads[lid] = (record_hash, status)  # later runs overwrite earlier ones
    return heads


def known_record_hashes(db: sqlite_utils.Database, hashes: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(hashes), 500):
        part = hashes[start:start + 500]
        marks = ",".join("?" * len(part))
        found.update(r[0] for r in db.execute(
            f"SELECT hash FROM ledger_records WHERE hash IN ({marks})", list(part)))
    return found


def insert_ledger_records(db: sqlite_utils.Database, records: Iterable[tuple[str, bytes]]) -> None:
    db.conn.executemany("INSERT OR IGNORE INTO ledger_records (hash, body) VALUES (?, ?)",
                        records)


def ledger_record(db: sqlite_utils.Database, record_hash: str) -> bytes | None:
    row = db.execute("SELECT body FROM ledger_records WHERE hash = ?", [record_hash]).fetchone()
    return row[0] if row else None


def insert_ledger_run(
    db: sqlite_utils.Database, *, run_id: int, shop_id: int, recorded_at: str, seen: int,
    prev_hash: str | None, run_hash: str, entries: Sequence[tuple[str, str | None, str]],
) -> None:
    db.execute(
        "INSERT INTO ledger_runs (run_id, shop_id, recorded_at, seen, prev_hash, run_hash)"
        " VALUES (?, ?, ?, ?, ?, ?)", [run_id, shop_id, recorded_at, seen, prev_hash, run_hash])
    db.conn.executemany(
        "INSERT INTO ledger_entries (run_id, listing_id, record_hash, status) VALUES (?, ?, ?, ?)",
        [(run_id, lid, h, status) for lid, h, status in entries])


def listing_statuses(db: sqlite_utils.Database, shop_id: int) -> dict[str, str]:
    """What the listings table holds now (verify compares it with the ledger's last view)."""
    return {r[0]: r[1] for r in db.execute(
        "SELECT listing_id, status FROM listings WHERE shop_id = ?", [shop_id])}


def save_ledger_check(db: sqlite_utils.Database, shop_id: int, *, checked_at: str, intact: bool,
                      runs: int, records: int, head: str | None, broken_run: int | None = None,
                      broken_what: str | None = None, message: str | None = None) -> None:
    """Record a shop's latest ledger check (replacing the one before)."""
    db.execute(
        "INSERT OR REPLACE INTO ledger_checks (shop_id, checked_at, intact, runs, records,"
        " head, broken_run, broken_what, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [shop_id, checked_at, int(intact), runs, records, head, broken_run, broken_what,
         message])


def ledger_check(db: sqlite_utils.Database, shop_id: int) -> dict | None:
    rows = _rows(db, "SELECT * FROM ledger_checks WHERE shop_id = ?", [shop_id])
    return rows[0] if rows else None
