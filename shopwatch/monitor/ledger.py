"""The evidence ledger (issue 18): what each complete run saw, kept so it can be proved.

Every listing's record is the source's own (TOP item JSON, an imported row) when the connector
kept it, else shopwatch's normalised fields. It is stored once per distinct content, under the
SHA-256 of its canonical JSON (sorted keys, compact separators, ASCII-escaped UTF-8),
compressed with the other records its run stored (store/ledger_pack.py): an unchanged listing
costs nothing. A run stores only what changed in its view (listing -> record hash, status);
its hash chains the previous run's hash with those changes, so the
view of every run, and every record it names, is fixed by the last run's hash. ``verify``
recomputes it all and names the first link that does not hold."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import json.encoder as _json_c
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import sqlite_utils

from shopwatch.models import Listing, ListingRecord
from shopwatch.store import queries

CHAIN_VERSION = "shopwatch-ledger-v1"

#: listing id -> (record hash, status): the view of one run
View = dict[str, tuple[str | None, str]]


#: json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True, default=str)
#: builds this same encoder at every call; made once, a record costs a third less
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=True,
                              default=str)
#: The same encoder's C core, called straight (a third less again per record): what
#: ``_CANONICAL.encode`` runs for a dict, less its Python steps and its guard against
#: circular references, which parsed records (JSON, rows of a file) cannot have. None where
#: the interpreter has no C accelerator.
_C_DOCUMENT = (_json_c.c_make_encoder(None, str, _json_c.c_encode_basestring_ascii, None,
                                      ":", ",", True, False, True)
               if _json_c.c_make_encoder is not None
               and _json_c.c_encode_basestring_ascii is not None else None)


def canonical(value: Any) -> bytes:
    # ASCII-escaped JSON is UTF-8 too, and keeps what a source really sent, even half of a
    # surrogate pair (a title cut inside an emoji), which no UTF-8 encoder accepts.
    return _CANONICAL.encode(value).encode("ascii")


def document_text(document: dict[str, Any]) -> bytes:
    """``canonical`` of a record document (a dict of parsed values), on the fast path."""
    if _C_DOCUMENT is None:
        return canonical(document)
    return "".join(_C_DOCUMENT(document, 0)).encode("ascii")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def record_document(record: ListingRecord) -> dict[str, Any]:
    """What the ledger keeps of one record: the source's raw record, or, for a source that
    hands none over, the normalised fields (marked so, never passed off as the source's)."""
    if record.raw is not None:
        doc: dict[str, Any] = {"raw": record.raw}
    else:
        doc = {"normalised": {f.name: getattr(record, f.name) for f in dataclasses.fields(record)
                              if f.name not in ("raw", "via")}}
    if record.via:
        doc["via"] = record.via
    return doc


def read_record(db: sqlite_utils.Database, record_hash: str) -> dict[str, Any] | None:
    """A stored record as JSON; None if it is not stored, a ValueError if it does not decode."""
    text = queries.ledger_record_text(db, record_hash)
    return None if text is None else json.loads(text.decode("utf-8"))


def run_hash(prev_hash: str | None, *, run_id: int, shop_id: int, recorded_at: str, seen: int,
             entries: list[tuple[str, str | None, str]]) -> str:
    """The chain link: previous hash, the run itself, and its changes sorted by listing id."""
    lines = [CHAIN_VERSION, f"prev {prev_hash or '-'}",
             f"run {run_id} shop {shop_id} at {recorded_at} seen {seen}"]
    lines += [f"{lid}\t{h or '-'}\t{status}" for lid, h, status in sorted(entries)]
    return sha256("\n".join(lines).encode("utf-8"))


#: up to this many listings named by a run, their latest entries are looked up one chunk at a
#: time; beyond it one pass over the shop's entries is cheaper
HEADS_AT_MOST = 500


def replay(db: sqlite_utils.Database, shop_id: int, *, upto_run: int | None = None) -> View:
    view: View = {}
    for run_id, lid, h, status in queries.ledger_entries(db, shop_id):
        if upto_run is not None and run_id > upto_run:
            break
        view[lid] = (h, status)
    return view


_ABSENT: tuple[None, None] = (None, None)


class _Texts:
    """The records one run hashes: each text and digest made once, the digest kept as the
    32 bytes it is stored as (its hex only for the chain)."""

    __slots__ = ("bodies", "keys")

    def __init__(self) -> None:
        self.keys: dict[str, bytes] = {}  # hex digest -> digest
        self.bodies: dict[bytes, tuple[str, bytes]] = {}  # digest -> (first listing, text)

    def note(self, lid: str, document: dict[str, Any], old_hash: str | None) -> str:
        text = document_text(document)
        digest = hashlib.sha256(text).digest()
        hexed = digest.hex()
        self.keys[hexed] = digest
        if hexed != old_hash:
            # packed where its first listing in listing order is (the order verify reads)
            first = self.bodies.get(digest)
            if first is None or lid < first[0]:
                self.bodies[digest] = (lid, text)
        return hexed


class FirstRecords:
    """A first sync's records made as soon as its fetch is complete, before its write
    transaction starts: the run laid out (``_FirstRun``) and its packs compressing on a helper
    thread (``queries.PackedAhead``), so that inside the transaction only rows are left to
    write. ``record_run`` uses them only if they were made of the very rows it records."""

    __slots__ = ("_laid",)

    def __init__(self, rows: Sequence[tuple]) -> None:
        """``rows``: the run's new listings, as ``record_run``'s ``new`` will name them."""
        self._laid = _FirstRun(rows)
        self._laid.ahead = queries.PackedAhead(list(self._laid.first.values()))

    def laid_out(self, rows: Sequence[tuple]) -> _FirstRun | None:
        laid = self._laid
        return laid if laid.source == rows else None

    def close(self) -> None:
        """Wait for the helper thread (it ends by itself; this makes sure it has)."""
        if self._laid.ahead is not None:
            self._laid.ahead.close()


def row_document(values: tuple) -> dict[str, Any]:
    """``record_document`` of a record given as a tuple in ListingRecord's field order (raw at
    14, via at 15), without building the record when it carries the source's raw form."""
    raw, via = values[14], values[15]
    if raw is None:
        return record_document(ListingRecord(*values))
    return {"raw": raw, "via": via} if via else {"raw": raw}


def record_run(
    db: sqlite_utils.Database, shop_id: int, run_id: int, recorded_at: str,
    current: Mapping[str, Listing], records: Mapping[str, ListingRecord],
    changed: set[str], *, seen: int | None = None, new: Sequence[tuple] = (),
    prepared: FirstRecords | None = None, meanwhile: Callable[[], None] | None = None,
) -> str:
    """Add one complete run to the ledger; call inside the run's write transaction.
    ``current``: every listing after the run, or (two-pass sync, with ``seen`` the shop's
    listing count) only those whose content or status may have moved: the others keep their
    place in the ledger's view; ``records``: what the source sent this run; ``changed``:
    listings whose normalised content changed. ``new``: listings the shop never had, read in
    full this run, as tuples in ListingRecord's field order (their status and record both come
    from the tuple; none of them is in ``current``); ``prepared``: a first run's records
    made already, when its fetch completed. ``meanwhile``: more of the run's writes, made
    while the new records' packs are compressed on a helper thread. Returns the run's hash."""
    last = queries.last_ledger_run(db, shop_id)
    if not last and not current:  # the shop's first run, every listing new: a first sync
        return _record_first(db, shop_id, run_id, recorded_at, new,
                             len(new) if seen is None else seen, prepared, meanwhile)
    # A two-pass sync names only the few listings that moved: their latest entries are read
    # alone, not the shop's whole history; a full read names every listing: one replay.
    named = len(current) + len(new)
    if not last:
        view: View = {}
    elif named <= HEADS_AT_MOST:
        view = queries.ledger_heads(db, shop_id, [*current, *(values[0] for values in new)])
    else:
        view = replay(db, shop_id)
    entries: list[tuple[str, str | None, str]] = []
    texts = _Texts()
    for lid, item in current.items():
        old_hash, old_status = view.get(lid, _ABSENT)
        new_hash = old_hash
        record = records.get(lid)
        # A record without the source's raw form (a re-served import) is new evidence only
        # when its content changed; otherwise the raw record already kept still stands.
        if record is not None and (record.raw is not None or old_hash is None or lid in changed):
            new_hash = texts.note(lid, record_document(record), old_hash)
        if (new_hash, item.status) != (old_hash, old_status):
            entries.append((lid, new_hash, item.status))
    for values in new:
        lid, status = values[0], values[2]
        old_hash, old_status = view.get(lid, _ABSENT)
        new_hash = texts.note(lid, row_document(values), old_hash)
        if (new_hash, status) != (old_hash, old_status):
            entries.append((lid, new_hash, status))
    entries.sort()  # listing order: the chain's, and the entries table's key order
    prev = last["run_hash"] if last else None
    count = named if seen is None else seen
    link = run_hash(prev, run_id=run_id, shop_id=shop_id, recorded_at=recorded_at,
                    seen=count, entries=entries)
    keys = texts.keys

    def insert_run() -> None:
        if meanwhile is not None:
            meanwhile()
        queries.insert_ledger_run(
            db, run_id=run_id, shop_id=shop_id, recorded_at=recorded_at, seen=count,
            prev_hash=prev, run_hash=link,
            entries=[(lid, keys.get(h, h) if h else h, status) for lid, h, status in entries])

    fresh: list[tuple[str, bytes, bytes]] = []
    if texts.bodies:
        known = queries.known_record_keys(db, texts.bodies.keys())
        # packed in listing order, the order verify and a listing's look-ups read them in
        fresh = sorted((lid, digest, text) for digest, (lid, text) in texts.bodies.items()
                       if digest not in known)
    # the run and its entries go in while the new records' packs are being compressed
    queries.store_ledger_records(db, [(digest, text) for _, digest, text in fresh],
                                 meanwhile=insert_run)
    return link


_FIRST, _SECOND, _THIRD = itemgetter(0), itemgetter(1), itemgetter(2)


def _encode(values: tuple) -> tuple[bytes, bytes]:
    text = document_text(row_document(values))
    return text, hashlib.sha256(text).digest()


class _FirstRun:
    """A first run's records laid out: its listings in listing order (the chain's, the
    entries' and the packs' order), their records' texts and digests, and one text per digest
    in the order of the first listing naming it (equal digests are equal texts)."""

    __slots__ = ("ahead", "digests", "first", "lids", "source", "statuses")

    def __init__(self, new: Sequence[tuple]) -> None:
        self.source = new
        rows = sorted(new, key=_FIRST)
        pairs = list(map(_encode, rows))
        self.lids = list(map(_FIRST, rows))
        self.statuses = list(map(_THIRD, rows))
        self.digests = list(map(_SECOND, pairs))
        self.first = dict(zip(self.digests, map(_FIRST, pairs), strict=True))
        self.ahead: queries.PackedAhead | None = None


def _record_first(
    db: sqlite_utils.Database, shop_id: int, run_id: int, recorded_at: str,
    new: Sequence[tuple], seen: int, prepared: FirstRecords | None,
    meanwhile: Callable[[], None] | None,
) -> str:
    """``record_run`` of a shop's first run, every listing new (a first sync): with no view
    to compare with, every listing is an entry and every record is new to the shop, so the
    run is written a column at a time instead of a listing at a time. Writes what
    ``record_run``'s general steps write (a test holds them equal)."""
    laid = prepared.laid_out(new) if prepared is not None else None
    if laid is None:
        laid = _FirstRun(new)
    lids, digests, statuses = laid.lids, laid.digests, laid.statuses
    link = run_hash(None, run_id=run_id, shop_id=shop_id, recorded_at=recorded_at, seen=seen,
                    entries=list(zip(lids, map(bytes.hex, digests), statuses, strict=True)))
    # records another shop stored already are not stored again
    known = queries.known_record_keys(db, laid.first.keys())
    fresh = [(d, t) for d, t in laid.first.items() if d not in known] if known \
        else list(laid.first.items())

    def insert_run() -> None:
        if meanwhile is not None:
            meanwhile()
        queries.insert_ledger_run(db, run_id=run_id, shop_id=shop_id, recorded_at=recorded_at,
                                  seen=seen, prev_hash=None, run_hash=link,
                                  entries=list(zip(lids, digests, statuses, strict=True)))

    queries.store_ledger_records(db, fresh, meanwhile=insert_run, ahead=laid.ahead)
    return link


@dataclass(slots=True)
class Break:
    """The first link that does not hold."""

    shop_id: int
    run_id: int | None
    what: str  # run | record | chain | listing
    message: str
    listing_id: str | None = None
    record_hash: str | None = None


@dataclass(slots=True)
class ShopVerdict:
    shop_id: int
    runs: int
    records: int
    head: str | None  # the last run's hash: what a printed or sent copy can be compared with
    broken: Break | None = None

    @property
    def intact(self) -> bool:
        return self.broken is None


def verify_shop(db: sqlite_utils.Database, shop_id: int) -> ShopVerdict:
    runs = queries.ledger_runs(db, shop_id)
    entries_by_run: dict[int, list[tuple[str, str | None, str]]] = {}
    for run_id, lid, h, status in queries.ledger_entries(db, shop_id):
        entries_by_run.setdefault(run_id, []).append((lid, h, status))
    verdict = ShopVerdict(shop_id, len(runs), 0, runs[-1]["run_hash"] if runs else None)
    checked: set[str] = set()
    texts = queries.RecordTexts(db, whole=True)
    view: View = {}
    prev: str | None = None
    for run in runs:
        rid = run["run_id"]
        if run["prev_hash"] != prev:
            verdict.broken = Break(shop_id, rid, "chain",
                                   f"run {rid} does not follow the run before it: a run was "
                                   "removed, inserted or rewritten")
            return verdict
        entries = entries_by_run.pop(rid, [])
        link = run_hash(prev, run_id=rid, shop_id=shop_id, recorded_at=run["recorded_at"],
                        seen=run["seen"], entries=entries)
        if link != run["run_hash"]:
            verdict.broken = Break(shop_id, rid, "run",
                                   f"run {rid}: what it saw (listings, record hashes, statuses "
                                   "or the run itself) was changed after it was recorded")
            return verdict
        for lid, h, status in entries:
            view[lid] = (h, status)
            if h is None or h in checked:
                continue
            try:
                text = texts.text(h)
                state = "missing" if text is None else (
                    None if sha256(text) == h else "not the one recorded")
            except ValueError:  # stored, but its pack does not decode
                state = "not the one recorded"
            if state is not None:
                verdict.broken = Break(
                    shop_id, rid, "record",
                    f"run {rid}: the record of listing {lid} is {state} ({h[:12]}…)",
                    listing_id=lid, record_hash=h)
                return verdict
            checked.add(h)
        prev = link
    verdict.records = len(checked)
    if entries_by_run:
        stray = min(entries_by_run)
        verdict.broken = Break(shop_id, stray, "chain",
                               f"changes are stored for run {stray}, which is not in the chain")
        return verdict
    if runs:
        stored = queries.listing_statuses(db, shop_id)
        for lid in sorted(set(view) | set(stored)):
            want = view.get(lid, (None, None))[1]
            if stored.get(lid) != want:
                verdict.broken = Break(
                    shop_id, runs[-1]["run_id"], "listing",
                    f"listing {lid} is stored as {stored.get(lid) or 'absent'} but the last "
                    f"run recorded it as {want or 'absent'}", listing_id=lid)
                return verdict
    return verdict


def verify(db: sqlite_utils.Database, shop_ids: list[int] | None = None) -> list[ShopVerdict]:
    ids = shop_ids if shop_ids is not None else queries.ledger_shop_ids(db)
    return [verify_shop(db, sid) for sid in ids]
