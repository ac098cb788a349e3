"""Running an import: export files, violation records or a pasted notice become one sync run
through ``sync.sync_shop``, so an import keeps every invariant of an API sync (complete or
nothing, one transaction, the same detection and alerts). The CLI and the app both call this.

A shop's file-import state lives in ``Shop.settings["file"]``: the watch folder, the column
mapping saved from the last import that used one, the size of the last listings export (for the
drop guard) and the newest export already imported (so a watched folder only re-syncs when a
newer export appears)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from shopwatch.config import DetectionSettings
from shopwatch.connectors.base import CancelCheck, Progress
from shopwatch.connectors.files import (
    SETTINGS_KEY,
    FileConnector,
    ImportFile,
    file_settings,
    find_exports,
    newest_by_kind,
    saved_mapping,
)
from shopwatch.imports.amazon_notice import link_to_skus
from shopwatch.imports.columns import LISTINGS, ColumnMapping
from shopwatch.imports.notice_text import ParsedNotice, parse_notice_text
from shopwatch.imports.records import ParsedFile, parse_file
from shopwatch.imports.values import CHINA_TZ
from shopwatch.models import SOURCE_STATUSES, Listing, ListingRecord, NoticeRecord, Shop, SyncResult
from shopwatch.monitor.rules import Rules, load_rules
from shopwatch.monitor.sync import sync_shop
from shopwatch.store import queries
from shopwatch.timeutil import iso, now_utc


@dataclass(slots=True)
class ImportOutcome:
    """What one import did: the sync result, and how each file was read."""

    result: SyncResult
    shop: Shop
    files: list[dict[str, Any]] = field(default_factory=list)
    listings: int = 0
    metrics: int = 0
    notices: int = 0
    error_kind: str | None = None
    #: listings with traffic in a report that the shop does not list (yet): their demotion
    #: cannot be judged until a listings export (or a sync) brings them
    unknown_listings: int = 0

    @property
    def ok(self) -> bool:
        return self.result.status == "ok"


def _record(item: Listing) -> ListingRecord:
    # search_status stays None: it is not something this source states, so sync keeps the
    # stored one and may still judge demotion from traffic.
    return ListingRecord(
        listing_id=item.listing_id, title=item.title, status=item.status, price=item.price,
        currency=item.currency, quantity=item.quantity, url=item.url, category=item.category,
        pic_url=item.pic_url, outer_id=item.outer_id,
        # Amazon listings: their ASIN and issues (a suppression's reason) stay as they were
        asin=item.asin, issues=item.issues)


def current_listings(db: sqlite_utils.Database, shop: Shop) -> list[ListingRecord]:
    """The listings the shop has now, as a source would report them: what an import that
    brings no listings export re-serves, so that nothing about them changes."""
    return [_record(item) for item in queries.load_listings(db, shop.id).values()
            if item.status in SOURCE_STATUSES]


def _today(now: datetime):
    return now.astimezone(CHINA_TZ).date()


def _rules(shop: Shop, rules: Rules | None, profile: Path | None) -> Rules:
    return rules or load_rules(shop.platform, profile)


def _save_state(db: sqlite_utils.Database, shop: Shop, outcome: ImportOutcome,
                connector: FileConnector, mapping: ColumnMapping | None,
                paths: Sequence[Path], now: datetime) -> Shop:
    if not paths:
        return shop  # pasted notices: nothing about files to remember
    state = file_settings(shop)
    if mapping is not None:
        base = saved_mapping(state) or ColumnMapping()
        state["mapping"] = base.merged(mapping).to_json()
    if any(p.kind == LISTINGS for p in connector.parsed):
        state["listing_rows"] = outcome.listings
    mtimes = []
    for path in paths:
        try:
            mtimes.append(path.stat().st_mtime)
        except OSError:
            continue
    if mtimes:
        state["seen_mtime"] = max(mtimes + [state.get("seen_mtime") or 0.0])
    state.pop("failed_mtime", None)
    state["last_import"] = {"at": iso(now), "files": [str(p) for p in paths],
                            "run_id": outcome.result.run_id}
    return queries.update_shop(db, shop.id, settings={**shop.settings, SETTINGS_KEY: state})


def _run(
    db: sqlite_utils.Database, shop: Shop, connector: FileConnector, *, paths: Sequence[Path],
    mapping: ColumnMapping | None, now: datetime, settings: DetectionSettings | None,
    rules: Rules, progress: Progress | None, cancel: CancelCheck | None,
) -> ImportOutcome:
    # Into a shop with its own source (Taobao API, demo) an import is not that shop's sync.
    origin = "sync" if shop.platform == "file" else "import"
    result = sync_shop(db, shop, connector, now=now, settings=settings, rules=rules,
                       progress=progress, cancel=cancel, origin=origin)
    outcome = ImportOutcome(result=result, shop=shop,
                            files=[p.describe() for p in connector.parsed])
    if result.status == "ok":
        outcome.listings = result.listings
        metrics = connector.fetch_metrics(None)
        outcome.metrics = len(metrics)
        listed = {r.listing_id for r in connector.fetch_listings()[0]}
        outcome.unknown_listings = len({m.listing_id for m in metrics} - listed)
        outcome.notices = len(connector.fetch_notices())
        outcome.shop = _save_state(db, shop, outcome, connector, mapping, paths, now)
    elif result.run_id:
        outcome.error_kind = queries.get_run(db, result.run_id).error_kind
    else:
        # no run was recorded: another sync of the shop holds its lease, or the store could
        # not even record the start (it refused the write)
        run = queries.get_run(db, result.run_id) if result.run_id else None
        outcome.error_kind = run.error_kind if run is not None else (result.error_kind
                                                                    or "store")
    return outcome


def import_files(
    db: sqlite_utils.Database, shop: Shop, paths: Sequence[Path | str], *,
    kind: str | None = None, mapping: ColumnMapping | None = None, confirm_drop: bool = False,
    profile: Path | None = None, now: datetime | None = None,
    settings: DetectionSettings | None = None, rules: Rules | None = None,
    progress: Progress | None = None, cancel: CancelCheck | None = None,
) -> ImportOutcome:
    """Import export files (one or more, e.g. the on-sale and the warehouse tab) as one run.
    ``mapping`` is merged over the shop's saved one and saved when the import succeeds.
    Never raises for a bad file: the outcome's result says, as for a sync."""
    now = now or now_utc()
    rules = _rules(shop, rules, profile)
    paths = [Path(p) for p in paths]
    effective = (saved_mapping(file_settings(shop)) or ColumnMapping()).merged(mapping)
    present = current_listings(db, shop)
    connector = FileConnector(
        [ImportFile(p, kind) for p in paths], mapping=effective, kinds=rules.notice_kinds,
        carry_over=present, previous_count=len(present), confirm_drop=confirm_drop,
        today=_today(now))
    return _run(db, shop, connector, paths=paths, mapping=mapping, now=now, settings=settings,
                rules=rules, progress=progress, cancel=cancel)


def preview_files(
    paths: Sequence[Path | str], *, shop: Shop | None = None, kind: str | None = None,
    mapping: ColumnMapping | None = None, rules: Rules | None = None,
    now: datetime | None = None,
) -> list[ParsedFile]:
    """Read files without storing anything (a dry run, the import dialog's preview).
    Raises FileImportError."""
    now = now or now_utc()
    saved = saved_mapping(file_settings(shop)) if shop else None
    effective = (saved or ColumnMapping()).merged(mapping)
    kinds = (rules or load_rules(shop.platform if shop else "taobao")).notice_kinds
    return [parse_file(Path(p), kind=kind, mapping=effective, kinds=kinds, today=_today(now))
            for p in paths]


def listing_changes(db: sqlite_utils.Database, shop: Shop, records: Sequence[ListingRecord]
                    ) -> dict[str, int]:
    """What importing ``records`` as the whole shop would change (for a dry run)."""
    stored = queries.load_listings(db, shop.id)
    present = {lid for lid, item in stored.items() if item.status in SOURCE_STATUSES}
    ids = {r.listing_id for r in records}
    changed = sum(1 for r in records if r.listing_id in stored
                  and stored[r.listing_id].status != r.status)
    return {"new": len(ids - stored.keys()), "gone": len(present - ids),
            "status_changed": changed, "unchanged_ids": len(ids & present)}


# --- notices -----------------------------------------------------------------------------

def understand_notice(text: str, *, shop: Shop | None = None, rules: Rules | None = None,
                      profile: Path | None = None, now: datetime | None = None) -> ParsedNotice:
    rules = rules or load_rules(shop.platform if shop else "taobao", profile)
    return parse_notice_text(text, kinds=rules.notice_kinds, now=now or now_utc())


def _linked(record: NoticeRecord, asin_to_sku: dict[str, str]) -> NoticeRecord:
    ids = link_to_skus(list(record.listing_ids or ([record.listing_id] if record.listing_id
                                                   else [])), asin_to_sku)
    return replace(record, listing_ids=tuple(ids), listing_id=ids[0] if ids else None)


def add_notices(
    db: sqlite_utils.Database, shop: Shop, records: Sequence[NoticeRecord], *,
    profile: Path | None = None, now: datetime | None = None,
    settings: DetectionSettings | None = None, rules: Rules | None = None,
) -> ImportOutcome:
    """Store notices the user confirmed, as a run that re-serves the listings unchanged: the
    same penalty, points-threshold and deadline alerts as notices from an API."""
    now = now or now_utc()
    rules = _rules(shop, rules, profile)
    present = current_listings(db, shop)
    # An Amazon message names ASINs; the shop's listings are SKUs: link each to its SKU
    asin_to_sku = {r.asin: r.listing_id for r in present if r.asin}
    if asin_to_sku:
        records = [_linked(r, asin_to_sku) for r in records]
    connector = FileConnector(kinds=rules.notice_kinds, carry_over=present,
                              notices=records, today=_today(now))
    return _run(db, shop, connector, paths=[], mapping=None, now=now, settings=settings,
                rules=rules, progress=None, cancel=None)


# --- a watched folder --------------------------------------------------------------------

def pending_exports(shop: Shop) -> dict[str, Path]:
    """The newest export of each kind in the shop's watch folder that is newer than anything
    imported (or failed) before; empty when there is nothing new. Raises WatchError."""
    state = file_settings(shop)
    if not state.get("watch"):
        return {}
    newer_than = max(state.get("seen_mtime") or 0.0, state.get("failed_mtime") or 0.0) or None
    return newest_by_kind(Path(state["watch"]), saved_mapping(state), newer_than=newer_than)


def sync_watched(
    db: sqlite_utils.Database, shop: Shop, *, confirm_drop: bool = False,
    profile: Path | None = None, now: datetime | None = None,
    settings: DetectionSettings | None = None, rules: Rules | None = None,
    progress: Progress | None = None, cancel: CancelCheck | None = None,
) -> ImportOutcome | None:
    """Import what is new in the watch folder; None when nothing newer has appeared. A failed
    file is not retried until a newer export appears (or the user imports it by hand)."""
    pending = pending_exports(shop)
    if not pending:
        return None
    paths = list(pending.values())
    outcome = import_files(db, shop, paths, confirm_drop=confirm_drop, profile=profile, now=now,
                           settings=settings, rules=rules, progress=progress, cancel=cancel)
    if not outcome.ok:
        state = file_settings(outcome.shop)
        stamps = [p.stat().st_mtime for p in paths if p.exists()]
        if stamps:
            state["failed_mtime"] = max(stamps)
            outcome.shop = queries.update_shop(
                db, shop.id, settings={**outcome.shop.settings, SETTINGS_KEY: state})
    return outcome


__all__ = [
    "ImportOutcome", "add_notices", "current_listings", "find_exports", "import_files",
    "listing_changes", "pending_exports", "preview_files", "sync_watched", "understand_notice",
]
