"""The evidence ledger's tables: per-run chain hashes, each run's changes, and the raw records
they name, stored once per content in compressed packs (see migrations 0010_ledger and
0012_ledger_packs, store/ledger_pack.py for the layout, monitor/ledger.py for the hashes).
Callers see record hashes as hex digests and records as their canonical text."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from typing import TYPE_CHECKING

from shopwatch.store.ledger_pack import (
    BULK_LEVEL,
    PACK_RECORDS,
    Unreadable,
    hash_key,
    hash_text,
    pack,
    single,
    unpack,
)
from shopwatch.store.queries._base import _rows

if TYPE_CHECKING:
    import sqlite_utils


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
    for run_id, lid, stored, status in db.execute(sql, params):
        yield run_id, lid, hash_text(stored), status


def ledger_heads(db: sqlite_utils.Database, shop_id: int, listing_ids: Sequence[str]
                 ) -> dict[str, tuple[str | None, str]]:
    """Each named listing's latest ledger entry: listing_id -> (record_hash, status)."""
    heads: dict[str, tuple[str | None, str]] = {}
    for start in range(0, len(listing_ids), 500):  # SQLite's host-parameter limit
        part = list(listing_ids[start:start + 500])
        marks = ",".join("?" * len(part))
        for lid, stored, status in db.execute(
                "SELECT e.listing_id, e.record_hash, e.status FROM ledger_entries e"
                " JOIN ledger_runs r ON r.run_id = e.run_id"
                f" WHERE r.shop_id = ? AND e.listing_id IN ({marks}) ORDER BY e.run_id",
                [shop_id, *part]):
            heads[lid] = (hash_text(stored), status)  # later runs overwrite earlier ones
    return heads


def known_record_hashes(db: sqlite_utils.Database, hashes: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(hashes), 500):
        part = [hash_key(h) for h in hashes[start:start + 500]]
        marks = ",".join("?" * len(part))
        found.update(hash_text(r[0]) for r in db.execute(
            f"SELECT hash FROM ledger_records WHERE hash IN ({marks})", part))
    return found


def known_record_keys(db: sqlite_utils.Database, keys: Collection[bytes]) -> set[bytes]:
    """Which of these record digests (32 bytes each) are stored already. Looked up in key order
    (neighbouring pages of the index); an empty table answers without a look-up."""
    if not keys or db.execute("SELECT 1 FROM ledger_records LIMIT 1").fetchone() is None:
        return set()
    wanted = sorted(keys)
    found: set[bytes] = set()
    for start in range(0, len(wanted), 500):
        part = wanted[start:start + 500]
        found.update(r[0] for r in db.execute(
            f"SELECT hash FROM ledger_records WHERE hash IN ({','.join('?' * len(part))})", part))
    return found


class PackedAhead:
    """New records' packs compressed (at ``BULK_LEVEL``) on a helper thread before the run's
    transaction gets to them: a first sync starts them as soon as its fetch is complete.
    Handed to ``store_ledger_records``, they are used if they are the packs of exactly the
    texts it stores, else made again. The thread ends by itself when it is done."""

    def __init__(self, texts: Sequence[bytes]) -> None:
        self.texts = list(texts)
        parts = [self.texts[start:start + PACK_RECORDS]
                 for start in range(0, len(self.texts), PACK_RECORDS)]
        pool = ThreadPoolExecutor(1, thread_name_prefix="ledger-packs")
        self._bodies = pool.submit(lambda: [pack(part, BULK_LEVEL) for part in parts])
        pool.shutdown(wait=False)

    def bodies(self) -> list[bytes]:
        """The packs, once compressed (the compression's error, if it failed)."""
        return self._bodies.result()

    def close(self) -> None:
        """Wait for the helper thread (its packs unused, whatever became of them)."""
        wait([self._bodies])


def store_ledger_records(
    db: sqlite_utils.Database, texts: Sequence[tuple[str | bytes, bytes]], *,
    meanwhile: Callable[[], None] | None = None, ahead: PackedAhead | None = None,
) -> None:
    """Store new records (hash: hex digest or its 32 bytes; canonical text), in the order
    given, ``PACK_RECORDS`` to a pack; call inside the run's transaction, with hashes not
    stored yet. The packs take the ids SQLite would give them (the write lock is held) and are
    compressed on a helper thread while the record rows go in, in key order (their
    ``WITHOUT ROWID`` table's), and while ``meanwhile`` runs (more of the run's writes): zlib
    lets go of the GIL, so on a second core the compression costs no time. ``ahead``: packs
    compressed already, used if they hold exactly these texts in this order."""
    if not texts:
        if meanwhile is not None:
            meanwhile()
        return
    try:
        _store_packed(db, texts, meanwhile, ahead)
    finally:
        if ahead is not None:  # its helper is gone when the run's writes are, even failed
            ahead.close()


def _store_packed(
    db: sqlite_utils.Database, texts: Sequence[tuple[str | bytes, bytes]],
    meanwhile: Callable[[], None] | None, ahead: PackedAhead | None,
) -> None:
    first = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM ledger_packs").fetchone()[0]
    with ThreadPoolExecutor(1, thread_name_prefix="ledger-packs") as pool:
        if ahead is not None and ahead.texts == [text for _, text in texts]:
            bodies = ahead.bodies
        else:
            parts = [[text for _, text in texts[start:start + PACK_RECORDS]]
                     for start in range(0, len(texts), PACK_RECORDS)]
            bodies = pool.submit(lambda: [pack(part) for part in parts]).result
        rows = [(hash_key(h), first + index // PACK_RECORDS, index % PACK_RECORDS)
                for index, (h, _) in enumerate(texts)]
        if all(type(row[0]) is bytes for row in rows):  # (a text key sorts apart; never ours)
            rows.sort()
        db.conn.executemany("INSERT INTO ledger_records (hash, pack, part) VALUES (?, ?, ?)",
                            rows)
        if meanwhile is not None:
            meanwhile()
        db.conn.executemany("INSERT INTO ledger_packs (id, body) VALUES (?, ?)",
                            enumerate(bodies(), start=first))


class RecordTexts:
    """Reads records by hash, keeping the last few packs decoded (a run's records share packs,
    so ``verify`` reading them in order decodes each pack once)."""

    def __init__(self, db: sqlite_utils.Database, keep: int = 8, *, whole: bool = False) -> None:
        self.db = db
        self.keep = keep
        self._packs: OrderedDict[int, list[bytes] | Unreadable] = OrderedDict()
        # ``whole``: where every record is, read in one pass (verify reads them all; a look-up
        # per record would cost more than the hashing)
        self._where: dict[bytes | str, tuple] | None = None
        if whole:
            self._where = {h: (p, part, body) for h, p, part, body in db.execute(
                "SELECT hash, pack, part, body FROM ledger_records")}

    def text(self, record_hash: str) -> bytes | None:
        """The record's canonical text, None if no such record is stored; ``Unreadable`` if it
        is stored but does not decode."""
        if self._where is not None:
            row = self._where.get(hash_key(record_hash))  # type: ignore[arg-type]
        else:
            row = self.db.execute("SELECT pack, part, body FROM ledger_records WHERE hash = ?",
                                  [hash_key(record_hash)]).fetchone()
        if row is None:
            return None
        pack_id, part, body = row
        if pack_id is None:
            if not isinstance(body, bytes):
                raise Unreadable("a record stored without a body")
            return single(body)
        texts = self._pack(pack_id)
        if isinstance(texts, Unreadable):
            raise texts
        if not isinstance(part, int) or not 0 <= part < len(texts):
            raise Unreadable(f"pack {pack_id} has no record {part}")
        return texts[part]

    def _pack(self, pack_id: int) -> list[bytes] | Unreadable:
        if pack_id in self._packs:
            self._packs.move_to_end(pack_id)
            return self._packs[pack_id]
        row = self.db.execute("SELECT body FROM ledger_packs WHERE id = ?", [pack_id]).fetchone()
        try:
            if row is None or not isinstance(row[0], bytes):
                raise Unreadable(f"pack {pack_id} is missing")
            texts: list[bytes] | Unreadable = unpack(row[0])
        except Unreadable as exc:
            texts = exc
        self._packs[pack_id] = texts
        if len(self._packs) > self.keep:
            self._packs.popitem(last=False)
        return texts


def ledger_record_text(db: sqlite_utils.Database, record_hash: str) -> bytes | None:
    """One record's canonical text (None if not stored; ``Unreadable`` if it does not decode)."""
    return RecordTexts(db, keep=1).text(record_hash)


def insert_ledger_run(
    db: sqlite_utils.Database, *, run_id: int, shop_id: int, recorded_at: str, seen: int,
    prev_hash: str | None, run_hash: str,
    entries: Sequence[tuple[str, str | bytes | None, str]],
) -> None:
    """One run and its entries (listing_id, record hash as hex or its 32 bytes, status),
    best given in listing order (the entries table's key)."""
    db.execute(
        "INSERT INTO ledger_runs (run_id, shop_id, recorded_at, seen, prev_hash, run_hash)"
        " VALUES (?, ?, ?, ?, ?, ?)", [run_id, shop_id, recorded_at, seen, prev_hash, run_hash])
    db.conn.executemany(
        "INSERT INTO ledger_entries (run_id, listing_id, record_hash, status) VALUES (?, ?, ?, ?)",
        [(run_id, lid, hash_key(h), status) for lid, h, status in entries])


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
