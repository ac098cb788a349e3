"""The evidence ledger's fast write path (a first sync's 20,000 records) against the plain
recipe it replaced: canonical JSON by ``json.dumps``, SHA-256 hex digests, records packed in
listing order, one entry per listing whose record or status moved, the chain over them. The
fast path (one C encoder for every record, digests kept as bytes, new listings named by their
source rows, packs compressed on a helper thread) must write exactly what the recipe says."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
from collections import namedtuple

from hypothesis import given
from hypothesis import strategies as st

from shopwatch.models import ListingRecord
from shopwatch.monitor import ledger
from shopwatch.store import ledger_pack, queries
from shopwatch.store.db import open_db

NOW = "2026-11-01T00:00:00+00:00"

# JSON as sources send it, and then some: lone surrogates (a title cut inside an emoji),
# non-ASCII text, floats at their edges, deep nesting
_text = st.text(st.characters() | st.sampled_from(["\ud800", "\udfff", "真", "\x00"]), max_size=12)
_scalars = (st.none() | st.booleans() | st.integers(-(2**70), 2**70)
            | st.floats(allow_nan=True, allow_infinity=True) | _text)
_json = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(_text, inner, max_size=4), max_leaves=12)


def _plain(value: object) -> bytes:
    """The recipe as the ledger's documentation states it."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True,
                      default=str).encode("ascii")


@given(st.dictionaries(_text, _json, max_size=6), st.none() | _text)
def test_a_record_document_is_the_canonical_json_of_the_recipe(raw, via):
    document = {"raw": raw, "via": via} if via else {"raw": raw}
    assert ledger.document_text(document) == _plain(document) == ledger.canonical(document)


def test_the_fast_encoder_and_its_fallback_agree(monkeypatch):
    document = {"raw": {"title": "真丝\ud83d", "price": "1.5", "num": 2**65, "x": math.inf},
                "via": "taobao.items.onsale.get"}
    fast = ledger.document_text(document)
    monkeypatch.setattr(ledger, "_C_DOCUMENT", None)
    assert ledger.document_text(document) == fast == _plain(document)


# ---------------------------------------------------------------- whole runs, against a model

Item = namedtuple("Item", "status")

_lids = st.sampled_from([f"6{n:011d}" for n in range(12)])
_status = st.sampled_from(["active", "seller_off_shelf", "violation_off_shelf", "deleted"])
_raw = st.none() | st.fixed_dictionaries(
    {"num_iid": st.integers(1, 5), "title": st.sampled_from(["真丝", "x\ud800", "a"]),
     "price": st.sampled_from(["1.00", "2.50"])})
_via = st.sampled_from([None, "taobao.items.onsale.get",
                        "taobao.items.inventory.get banner=off_shelf"])


@st.composite
def _listing(draw):
    raw = draw(_raw)
    title = draw(st.sampled_from(["真丝", "b"]))
    return draw(_status), ListingRecord(listing_id="", title=title, raw=raw,
                                        via=draw(_via) if raw is not None else None)


_run = st.dictionaries(_lids, st.tuples(_listing(), st.booleans(), st.booleans()),
                       max_size=10)


def _values(record: ListingRecord, lid: str, status: str) -> tuple:
    record = dataclasses.replace(record, listing_id=lid, status=status)
    return tuple(getattr(record, f.name) for f in dataclasses.fields(record))


class _Model:
    """What the ledger must hold, computed the plain way."""

    def __init__(self) -> None:
        self.view: dict[str, tuple[str | None, str]] = {}
        self.stored: set[str] = set()
        self.packs: list[list[bytes]] = []
        self.where: dict[str, tuple[int, int]] = {}
        self.prev: str | None = None
        self.entries: dict[int, list[tuple[str, str | None, str]]] = {}
        self.runs: list[tuple[int, str | None, str, int]] = []

    def run(self, run_id: int, listings: dict[str, tuple[str, ListingRecord | None]],
            changed: set[str], seen: int) -> None:
        entries, bodies = [], {}
        for lid, (status, record) in sorted(listings.items()):
            old_hash, old_status = self.view.get(lid, (None, None))
            new_hash = old_hash
            if record is not None and (record.raw is not None or old_hash is None
                                       or lid in changed):
                text = _plain(ledger.record_document(record))
                new_hash = hashlib.sha256(text).hexdigest()
                if new_hash != old_hash and new_hash not in self.stored:
                    bodies.setdefault(new_hash, (lid, text))
            if (new_hash, status) != (old_hash, old_status):
                entries.append((lid, new_hash, status))
                self.view[lid] = (new_hash, status)
        fresh = sorted((lid, h, text) for h, (lid, text) in bodies.items())
        for start in range(0, len(fresh), ledger_pack.PACK_RECORDS):
            part = fresh[start:start + ledger_pack.PACK_RECORDS]
            self.packs.append([text for _, _, text in part])
            for index, (_, h, _) in enumerate(part):
                self.where[h] = (len(self.packs), index)
                self.stored.add(h)
        link = ledger.run_hash(self.prev, run_id=run_id, shop_id=1, recorded_at=NOW,
                               seen=seen, entries=entries)
        self.entries[run_id] = entries
        self.runs.append((run_id, self.prev, link, seen))
        self.prev = link


@given(st.lists(_run, min_size=1, max_size=3))
def test_runs_write_what_the_plain_recipe_says(runs):
    db = open_db(":memory:")
    shop = queries.add_shop(db, "s", "taobao", now=NOW)
    model = _Model()
    for spec in runs:
        run_id = queries.start_run(db, shop.id, NOW)
        current, records, new, changed, listings = {}, {}, [], set(), {}
        for lid, ((status, record), as_row, is_changed) in spec.items():
            record = dataclasses.replace(record, listing_id=lid, status=status)
            if is_changed:
                changed.add(lid)
            if as_row and lid not in model.view:  # a listing new to the shop, as a source row
                new.append(_values(record, lid, status))
                changed.add(lid)
            else:
                current[lid] = Item(status)
                records[lid] = record
            listings[lid] = (status, record)
        seen = len(spec) + 3
        with db.atomic():
            link = ledger.record_run(db, shop.id, run_id, NOW, current, records, changed,
                                     seen=seen, new=new)
        model.run(run_id, listings, changed, seen)
        assert link == model.prev
    assert [tuple(r[k] for k in ("run_id", "prev_hash", "run_hash", "seen"))
            for r in queries.ledger_runs(db, shop.id)] == model.runs
    stored_entries: dict[int, list] = {}
    for run_id, lid, h, status in queries.ledger_entries(db, shop.id):
        stored_entries.setdefault(run_id, []).append((lid, h, status))
    assert stored_entries == {k: v for k, v in model.entries.items() if v}
    packs = [ledger_pack.unpack(body) for (body,) in
             db.execute("SELECT body FROM ledger_packs ORDER BY id").fetchall()]
    assert packs == model.packs
    where = {ledger_pack.hash_text(h): (p, part) for h, p, part in
             db.execute("SELECT hash, pack, part FROM ledger_records").fetchall()}
    assert where == model.where


def test_a_failure_while_the_packs_compress_leaves_nothing_and_no_thread(tmp_path, monkeypatch):
    """The run's entries fail to go in while its packs compress on the helper thread: the run
    fails whole (no listing, no ledger row), and the helper is gone when the sync returns."""
    import sqlite3
    import threading
    from datetime import date

    from shopwatch.demo.runtime import DemoConfig, EmbeddedDemo, reset_demo_shop
    from shopwatch.monitor.sync import sync_shop
    from shopwatch.store.queries import ledger as ledger_queries

    db = open_db(tmp_path / "s.db")
    config = DemoConfig(seed=3, start_date=date(2026, 11, 2))
    shop = reset_demo_shop(db, config)
    packing = threading.Event()
    real_pack = ledger_pack.pack

    def slow_pack(texts):
        packing.set()
        return real_pack(texts)

    def disk_full(*args, **kwargs):
        assert packing.wait(5)  # the packs were on their way when this failed
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(ledger_queries, "pack", slow_pack)
    monkeypatch.setattr(queries, "insert_ledger_run", disk_full)
    with EmbeddedDemo(config) as demo:
        connector = demo.connector()
        result = sync_shop(db, shop, connector, now=demo.sim_now())
        connector.close()
    assert result.status == "failed" and result.error_kind == "store"
    for table in ("ledger_runs", "ledger_entries", "ledger_records", "ledger_packs",
                  "listings"):
        assert db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table
    assert not [t for t in threading.enumerate() if t.name.startswith("ledger-packs")]


def _dump(db) -> tuple:
    """Everything the ledger holds, packs decoded."""
    return (db.execute("SELECT run_id, prev_hash, run_hash, seen FROM ledger_runs").fetchall(),
            db.execute("SELECT * FROM ledger_entries ORDER BY run_id, listing_id").fetchall(),
            db.execute("SELECT hash, pack, part FROM ledger_records ORDER BY hash").fetchall(),
            [ledger_pack.unpack(body) for (body,) in
             db.execute("SELECT body FROM ledger_packs ORDER BY id").fetchall()])


_first_rows = st.dictionaries(
    _lids, st.tuples(_listing(), st.sampled_from(["prepared", "other rows"])),
    min_size=1, max_size=10)


@given(_first_rows)
def test_a_first_runs_records_prepared_ahead_store_what_the_recipe_stores(spec):
    """A first run's records prepared when its fetch completed (``ledger.FirstRecords``: laid
    out, packs compressed ahead) write exactly what the general steps write without them; ones
    prepared from other rows (an item read again after) are not used, and still the run
    stores what the recipe says."""
    dumps, links = [], []
    for mode in ("plain", "prepared"):
        db = open_db(":memory:")
        shop = queries.add_shop(db, "s", "taobao", now=NOW)
        run_id = queries.start_run(db, shop.id, NOW)
        new, stale = [], []
        for lid, ((status, record), fate) in spec.items():
            new.append(_values(record, lid, status))
            if fate == "other rows":  # as an earlier list had it
                stale.append(_values(dataclasses.replace(record, title="earlier list"), lid,
                                     "seller_off_shelf"))
            else:
                stale.append(new[-1])
        prepared = None
        if mode == "prepared":
            prepared = ledger.FirstRecords(stale if stale != new else list(new))
        done: list[str] = []
        try:
            with db.atomic():
                link = ledger.record_run(db, shop.id, run_id, NOW, {}, {}, set(),
                                         seen=len(new), new=new, prepared=prepared,
                                         meanwhile=lambda: done.append("written"))  # noqa: B023
        finally:
            if prepared is not None:
                prepared.close()
        assert done == ["written"]  # the caller's own writes ran, once
        links.append(link)
        dumps.append(_dump(db))
    assert dumps[0] == dumps[1] and links[0] == links[1]
    # the general steps agree with the recipe's model
    model = _Model()
    model.run(1, {lid: (status, dataclasses.replace(record, listing_id=lid, status=status))
                  for lid, ((status, record), _) in spec.items()}, set(spec), len(spec))
    assert links[0] == model.prev
