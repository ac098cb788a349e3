"""Two-pass sync of a connector that can read lean lists (DESIGN.md, second generation).

The connector's first pass proves the shop's lists complete with ids, modified stamps and list
membership only; its second pass brings full rows for what is new or changed. Here those are
compared with lean stored rows and written: new listings as plain INSERTs built straight from
the source's values, changed ones through the same rules as a full sync, unchanged ones by one
bulk statement. Every DESIGN.md invariant of ``sync.py`` holds: nothing here runs unless the
whole fetch succeeded, and all writes happen inside the run's one transaction.

A shop whose source also reports daily traffic (the demo) is written through the full-sync
rules with every listing in scope: demotion is judged from traffic for every listing on sale,
changed or not. Its fetch is still two-pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlite_utils

from shopwatch.config import DetectionSettings
from shopwatch.connectors.base import (
    CAP_METRICS,
    CAP_NOTICES,
    CancelCheck,
    Connector,
    Progress,
)
from shopwatch.models import (
    DELETED,
    MISSING,
    SEARCH_NORMAL,
    VIOLATION_OFF_SHELF,
    Alert,
    LeanListing,
    Listing,
    ListingDelta,
    ListingRecord,
    MetricRecord,
    NoticeRecord,
    Shop,
)
from shopwatch.monitor import detect, ledger
from shopwatch.monitor import sync as base
from shopwatch.monitor.rules import Rules
from shopwatch.store import queries
from shopwatch.timeutil import iso, parse_iso


@dataclass(slots=True)
class DeltaFetched:
    """What the network part of a two-pass run produced; nothing is written until all of it is
    here."""

    delta: ListingDelta
    lookups: dict[str, ListingRecord | None]
    notices: list[NoticeRecord] | None
    metrics: list[MetricRecord] | None
    #: a first sync's ledger records, made when its fetch completed
    prepared: ledger.FirstRecords | None = None

    @property
    def listings(self) -> dict[str, tuple[str, str | None]]:
        """Every listing the lists hold (the run's listing count)."""
        return self.delta.seen

    @property
    def pages(self) -> int:
        return self.delta.pages


def supports(connector: Connector) -> bool:
    """Can this connector read its lists lean and fetch full rows by id?"""
    return callable(getattr(connector, "fetch_listing_changes", None))


def full_read_due(
    db: sqlite_utils.Database, shop_id: int, now: datetime, settings: DetectionSettings
) -> bool:
    """Not every change moves an item's modified stamp: re-read every row in full when the last
    full read is older than ``settings.full_read_hours`` (or there never was one)."""
    last = parse_iso(queries.last_full_read(db, shop_id))
    return last is None or now - last >= timedelta(hours=settings.full_read_hours)


def fetch(
    connector: Connector, previous: dict[str, LeanListing], *, full: bool,
    settings: DetectionSettings, since_day: str | None, progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> DeltaFetched:
    # LeanListing is (status, source_modified): the connector's comparison key
    delta: ListingDelta = connector.fetch_listing_changes(  # type: ignore[attr-defined]
        previous, full=full, progress=progress, cancel=cancel)
    caps = connector.capabilities
    prepared = None
    if not previous and delta.rows and CAP_METRICS not in caps:
        # A first sync: every listing is new, and every record goes into the ledger. Complete,
        # the records are made now and their packs compress on a helper thread while the run's
        # transaction gets going (``apply`` names these rows as its new listings). A source
        # that reports traffic is written through the full-sync rules instead.
        prepared = ledger.FirstRecords(
            [values for values in delta.rows.values() if values[11] is None])
    try:
        unresolved = _gone(previous, delta.seen)
        lookups = base.look_up_missing(connector, unresolved, settings=settings,
                                       pages=delta.pages, present=len(delta.seen),
                                       progress=progress, cancel=cancel)
        notices = connector.fetch_notices() if CAP_NOTICES in caps else None
        metrics = connector.fetch_metrics(since_day) if CAP_METRICS in caps else None
    except BaseException:
        if prepared is not None:
            prepared.close()
        raise
    return DeltaFetched(delta, lookups, notices, metrics, prepared)


def _gone(previous: dict[str, LeanListing], seen: dict[str, tuple[str, str | None]]
          ) -> list[str]:
    """Stored listings (not already deleted) that the complete read no longer has, in stored
    order. One set difference: a re-sync usually finds none, without a step per listing."""
    absent = previous.keys() - seen.keys()
    if not absent:
        return []
    return [lid for lid in previous if lid in absent and previous[lid].status != DELETED]


def apply(
    db: sqlite_utils.Database, shop: Shop, run_id: int, previous: dict[str, LeanListing],
    fetched: DeltaFetched, *, now: datetime, settings: DetectionSettings, rules: Rules,
    first_run: bool, last_ok_at: datetime | None = None,
) -> tuple[list[Alert], int, int]:
    """Write one complete two-pass fetch and its alerts. Call inside ``db.atomic()``.
    ``last_ok_at``: when the last good run started (tells the seller's own edits apart).
    Returns (alerts raised, listings changed, versions written)."""
    delta = fetched.delta
    queries.mark_full_read(db, run_id, delta.full)
    if fetched.metrics is not None:
        return _apply_all(db, shop, run_id, fetched, now=now, settings=settings, rules=rules,
                          first_run=first_run, last_ok_at=last_ok_at)
    stamp = iso(now)
    shop_id = shop.id
    new_rows: list[tuple] = []
    new_versions: list[tuple] = []
    new_alerted: list[Listing] = []
    changed_ids: list[str] = []
    stamps: list[tuple[str, str | None]] = []
    # what re-read rows are compared with: their stored content hash and search status
    compared = queries.load_compared(db, shop_id, delta.rows.keys() & previous.keys())
    for lid, v in delta.rows.items():
        old = previous.get(lid)
        # v: listing_id, title, status, price, currency, quantity, url, category, pic_url,
        #    outer_id, modified, search_status (ListingRecord's order)
        explicit = v[11]
        if old is None and explicit is None:
            parts = (v[1], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[2], SEARCH_NORMAL)
            digest = base.values_hash(parts)
            new_rows.append((shop_id, lid, v[1], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[2],
                             SEARCH_NORMAL, stamp, stamp, stamp, digest, v[10], run_id))
            new_versions.append((shop_id, lid, v[1], v[3], v[5], v[2], SEARCH_NORMAL, v[7], v[6],
                                 digest, run_id, stamp))
            if v[2] == VIOLATION_OFF_SHELF:  # the one status alerted on a listing's first sight
                new_alerted.append(Listing(
                    shop_id=shop_id, listing_id=lid, title=v[1], status=v[2], price=v[3],
                    first_seen=stamp, last_seen=stamp, status_changed_at=stamp,
                    content_hash=digest))
            continue
        search_status, stored_hash = compared.get(lid, (None, None))
        if old is not None and v[2] == old.status and explicit in (None, search_status):
            parts = (v[1], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[2], search_status)
            if base.values_hash(parts) == stored_hash:
                if v[10] != old.source_modified:
                    stamps.append((lid, v[10]))
                continue  # the same content: last_seen moves with every present listing
        changed_ids.append(lid)
        stamps.append((lid, v[10]))

    gone_ids = _gone(previous, delta.seen)
    olds = queries.load_listings_by_id(db, shop_id, changed_ids + gone_ids)
    current: dict[str, Listing] = {}
    for lid in changed_ids:
        current[lid] = base._present(olds.get(lid), ListingRecord(*delta.rows[lid]), shop_id,
                                     stamp)
    for lid in gone_ids:
        old = olds[lid]
        if lid in fetched.lookups:
            found = fetched.lookups[lid]
            current[lid] = (base._gone(old, DELETED, stamp) if found is None
                            else base._present(old, found, shop_id, stamp))
            if found is not None:
                stamps.append((lid, found.modified))
        else:
            current[lid] = base._gone(old, MISSING, stamp)

    changed_hash: set[str] = set()
    to_write: list[Listing] = []
    for lid, item in current.items():
        item.content_hash = base.content_hash(item)
        old = olds.get(lid)
        if old is None or old.content_hash != item.content_hash:
            changed_hash.add(lid)
        if old is None or base._stored_state(old) != base._stored_state(item):
            to_write.append(item)
    written: list[int] = []

    def write_listings() -> None:
        # Unchanged present listings only need last_seen moved: one statement, not one per
        # row. New listings go in afterwards, already carrying this run's last_seen.
        queries.touch_present_listings(db, shop_id, run_id=run_id, now=stamp)
        queries.insert_new_listings(db, new_rows, new_versions)
        written.append(queries.write_listings(db, to_write, run_id=run_id, now=stamp,
                                              changed_hash=changed_hash))
        queries.set_source_modified(db, shop_id, stamps)

    # The evidence ledger, in this same transaction: what moved (changed, gone and new
    # listings); every other listing keeps its place in the ledger's view.
    # New listings are named by their source rows, not by an object each. The listings are
    # written while the ledger's new records are compressed (on a helper thread).
    records = {lid: ListingRecord(*delta.rows[lid]) for lid in current if lid in delta.rows}
    records.update((lid, r) for lid, r in fetched.lookups.items() if r)
    ledger.record_run(db, shop_id, run_id, stamp, current, records, changed_hash,
                      seen=len(previous.keys() | delta.seen.keys()),
                      new=[delta.rows[row[1]] for row in new_rows], prepared=fetched.prepared,
                      meanwhile=write_listings)
    versions = len(new_versions) + written[0]

    pairs = [(olds.get(lid), current[lid]) for lid in changed_hash]
    pairs += [(None, item) for item in new_alerted]
    # Only changed listings were read in full; their stamps tell the seller's edits apart.
    records = [ListingRecord(*delta.rows[lid]) for lid in changed_ids if lid in delta.rows]
    records += [r for r in fetched.lookups.values() if r]
    edited = detect.edited_since(records, last_ok_at)
    drafts = [d for d in detect.listing_alerts(pairs, first_run=first_run, edited=edited)
              if d.kind != "demoted"]
    if not first_run:
        drafts += base._demotion_drafts(current, olds, {}, stamp)
        # only listings the lists no longer hold can have disappeared (nothing to weigh when
        # there are none, as in most re-syncs)
        mass = detect.mass_disappearance(
            previous, current, run_id=run_id,  # type: ignore[arg-type]
            settings=settings) if gone_ids else None
        if mass:
            drafts.insert(0, mass)
    raised = base.notice_alerts(db, shop, run_id, fetched.notices, drafts, titles=None, now=now,
                                settings=settings, rules=rules)
    return raised, len(changed_hash) + len(new_rows), versions


def _apply_all(
    db: sqlite_utils.Database, shop: Shop, run_id: int, fetched: DeltaFetched, *,
    now: datetime, settings: DetectionSettings, rules: Rules, first_run: bool,
    last_ok_at: datetime | None = None,
) -> tuple[list[Alert], int, int]:
    """Traffic-reporting sources: every listing through the full-sync rules. Listings the
    first pass found unchanged keep their stored content."""
    previous = queries.load_listings(db, shop.id)
    delta = fetched.delta
    listings: dict[str, ListingRecord] = {}
    for lid, (status, modified) in delta.seen.items():
        values = delta.rows.get(lid)
        if values is not None:
            listings[lid] = ListingRecord(*values)
            continue
        old = previous[lid]  # not fetched in full: stored with this status and stamp
        listings[lid] = ListingRecord(
            listing_id=lid, title=old.title, status=status, price=old.price,
            currency=old.currency, quantity=old.quantity, url=old.url, category=old.category,
            pic_url=old.pic_url, outer_id=old.outer_id, modified=modified)
    full = base.Fetched(listings, delta.pages, fetched.lookups, fetched.notices,
                        fetched.metrics)
    result = base.apply(db, shop, run_id, previous, full, now=now, settings=settings,
                        rules=rules, first_run=first_run, last_ok_at=last_ok_at)
    stamps = [(lid, values[10]) for lid, values in delta.rows.items()]
    stamps += [(lid, found.modified) for lid, found in fetched.lookups.items()
               if found is not None]
    queries.set_source_modified(db, shop.id, stamps)
    return result
