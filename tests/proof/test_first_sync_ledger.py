"""A first sync's ledger through its fast path (records encoded while the pages arrive, the run
laid out a column at a time, packs compressed before the transaction needs them), through the
real TOP client against the loopback demo marketplace: it must write the very ledger the
first-generation path writes record by record, verify, and leave nothing when it fails."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from shopwatch.connectors.taobao import TaobaoConnector
from shopwatch.demo.marketplace import Marketplace
from shopwatch.demo.server import DemoServer
from shopwatch.monitor import ledger
from shopwatch.monitor.sync import sync_shop
from shopwatch.store import ledger_pack, queries
from shopwatch.store.db import open_db
from shopwatch.store.queries import ledger as ledger_queries

NOW = datetime.combine(date(2026, 11, 2), time(9), tzinfo=timezone(timedelta(hours=8)))
LEDGER_TABLES = ("ledger_runs", "ledger_entries", "ledger_records", "ledger_packs")


@pytest.fixture
def market() -> Iterator[tuple[Marketplace, DemoServer]]:
    # 700 listings: more than five packs, in six lists, some delisted for a violation
    m = Marketplace(seed=31, n_listings=700, start_date=date(2026, 11, 2))
    with DemoServer(m) as server:
        yield m, server
        assert not server.errors, server.errors


def _client(m: Marketplace, server: DemoServer) -> TaobaoConnector:
    return TaobaoConnector(server.endpoint, m.app_key, m.app_secret, m.session,
                           sign_method="hmac-sha256", page_size=50, retries=0, timeout=5)


class _FirstGeneration:
    """The same client through the first-generation interface only (every row in full,
    written through sync.apply, the ledger record by record): the reference."""

    def __init__(self, inner: TaobaoConnector) -> None:
        self._inner = inner
        self.capabilities = inner.capabilities

    def fetch_listings(self, progress: Any = None, cancel: Any = None) -> Any:
        return self._inner.fetch_listings(progress, cancel)

    def lookup(self, listing_id: str) -> Any:
        return self._inner.lookup(listing_id)


def _ledger(db: Any) -> tuple:
    return (db.execute("SELECT run_id, shop_id, recorded_at, seen, prev_hash, run_hash"
                       " FROM ledger_runs").fetchall(),
            db.execute("SELECT * FROM ledger_entries ORDER BY run_id, listing_id").fetchall(),
            db.execute("SELECT hash, pack, part FROM ledger_records ORDER BY hash").fetchall(),
            [ledger_pack.unpack(body) for (body,) in
             db.execute("SELECT body FROM ledger_packs ORDER BY id").fetchall()])


def _first_sync(path: Path, connector: Any, server: DemoServer) -> Any:
    db = open_db(path)
    shop = queries.add_shop(db, "shop", "taobao", now="2026-11-01T00:00:00+00:00",
                            endpoint=server.endpoint)
    result = sync_shop(db, shop, connector, now=NOW)
    assert result.status == "ok", result.error
    return db, shop


def test_the_fast_first_sync_writes_the_ledger_the_record_by_record_path_writes(
        market, tmp_path, monkeypatch):
    m, server = market
    packed: list[int] = []
    real_pack = ledger_queries.pack
    monkeypatch.setattr(ledger_queries, "pack",
                        lambda texts, *level: packed.append(len(texts)) or real_pack(texts, *level))
    with _client(m, server) as fast_client:
        fast, shop = _first_sync(tmp_path / "fast.db", fast_client, server)
    assert packed == [128] * 5 + [60]  # compressed once, ahead of the transaction
    with _client(m, server) as plain_client:
        plain, _ = _first_sync(tmp_path / "plain.db", _FirstGeneration(plain_client), server)
    written = _ledger(fast)
    assert written == _ledger(plain)
    assert len(written[1]) == 700 and len(written[3]) == 6  # 128 records a pack
    verdict = ledger.verify_shop(fast, shop.id)
    assert verdict.intact and verdict.records == 700, verdict.broken
    # every listing's record is its own raw TOP item, with the list it was read from
    for lid, h in fast.execute("SELECT listing_id, record_hash FROM ledger_entries"):
        record = ledger.read_record(fast, h.hex())
        assert str(record["raw"]["num_iid"]) == lid and record["via"].startswith("taobao.")


def test_a_first_sync_failing_while_its_packs_compress_leaves_nothing(
        market, tmp_path, monkeypatch):
    """The packs are compressed ahead, from the end of the fetch; the run's entries then fail
    to go in: no listing and no ledger row is left, and no helper thread either."""
    m, server = market
    packing = threading.Event()
    real_pack = ledger_queries.pack

    def slow_pack(texts, *level):
        packing.set()
        return real_pack(texts, *level)

    def disk_full(*args, **kwargs):
        assert packing.wait(5)
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(ledger_queries, "pack", slow_pack)
    monkeypatch.setattr(queries, "insert_ledger_run", disk_full)
    db = open_db(tmp_path / "s.db")
    shop = queries.add_shop(db, "shop", "taobao", now="2026-11-01T00:00:00+00:00",
                            endpoint=server.endpoint)
    with _client(m, server) as connector:
        result = sync_shop(db, shop, connector, now=NOW)
    assert result.status == "failed" and result.error_kind == "store"
    for table in (*LEDGER_TABLES, "listings", "listing_versions"):
        assert db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table
    assert not [t for t in threading.enumerate() if t.name.startswith("ledger-packs")]
    # and the next sync writes the whole first run, which verifies
    monkeypatch.undo()
    with _client(m, server) as connector:
        assert sync_shop(db, shop, connector, now=NOW).status == "ok"
    assert ledger.verify_shop(db, shop.id).intact


def test_packs_made_ahead_are_not_used_for_other_texts(tmp_path):
    """Packs compressed ahead are used only for exactly the texts they were made of: a record
    another shop stored already changes what the run stores, and its packs are made again."""
    db = open_db(tmp_path / "s.db")
    texts = [b'{"raw":{"n":%d}}' % n for n in range(300)]
    ahead = queries.PackedAhead(texts)
    stored = [(f"{n:064x}", t) for n, t in enumerate(texts) if n != 5]
    with db.atomic():
        queries.store_ledger_records(db, stored, ahead=ahead)
    packs = [ledger_pack.unpack(body) for (body,) in
             db.execute("SELECT body FROM ledger_packs ORDER BY id").fetchall()]
    assert [t for part in packs for t in part] == [t for _, t in stored]
    assert not [t for t in threading.enumerate() if t.name.startswith("ledger-packs")]


@pytest.mark.parametrize("damage", ["record rewritten", "record removed", "status changed",
                                    "pack cut short"])
def test_tampering_with_a_fast_first_syncs_ledger_is_found(market, tmp_path, damage):
    """A ledger written by the fast first sync (packs at the bulk level) is checked like any
    other: a rewritten or removed record, a changed entry or a damaged pack breaks run 1."""
    m, server = market
    with _client(m, server) as connector:
        db, shop = _first_sync(tmp_path / "s.db", connector, server)
    assert ledger.verify_shop(db, shop.id).intact
    pack_id, body = db.execute("SELECT id, body FROM ledger_packs ORDER BY id LIMIT 1 OFFSET 2"
                               ).fetchone()
    texts = ledger_pack.unpack(body)
    with db.atomic():
        if damage == "record rewritten":  # same length, one price changed, packed again
            texts[7] = texts[7].replace(b'"price":"', b'"price":"9', 1)[:len(texts[7])]
            db.execute("UPDATE ledger_packs SET body = ? WHERE id = ?",
                       [ledger_pack.pack(texts), pack_id])
        elif damage == "record removed":
            db.execute("DELETE FROM ledger_records WHERE pack = ? AND part = 7", [pack_id])
        elif damage == "status changed":
            db.execute("UPDATE ledger_entries SET status = 'active' WHERE listing_id ="
                       " (SELECT MIN(listing_id) FROM ledger_entries WHERE status != 'active')")
        else:
            db.execute("UPDATE ledger_packs SET body = ? WHERE id = ?", [body[:-9], pack_id])
    verdict = ledger.verify_shop(db, shop.id)
    assert not verdict.intact
    broken = verdict.broken
    assert broken.run_id == 1
    assert broken.what == ("run" if damage == "status changed" else "record"), broken.message
