"""One sync run of one shop: fetch everything, verify it is complete, write it atomically,
detect what changed.

The invariants (DESIGN.md): only a complete fetch may mark listings missing; a failed run
changes no listing and records why; all writes of a run are one transaction, so killing the
process at any moment leaves the previous consistent state."""

from __future__ import annotations

import gc
import hashlib
import logging
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import sqlite_utils

from shopwatch.config import DetectionSettings
from shopwatch.connectors.base import (
    CAP_LOOKUP,
    CAP_METRICS,
    CAP_NOTICES,
    AuthError,
    CancelCheck,
    Cancelled,
    Connector,
    ConnectorError,
    Progress,
    RateLimited,
)
from shopwatch.models import (
    ACTIVE,
    DELETED,
    MISSING,
    SEARCH_NORMAL,
    SEARCH_SUPPRESSED,
    Alert,
    AlertDraft,
    Listing,
    ListingRecord,
    MetricRecord,
    Notice,
    NoticeRecord,
    Shop,
    SyncResult,
)
from shopwatch.monitor import detect, ledger
from shopwatch.monitor.lease import ShopLease, Superseded, SyncBusy
from shopwatch.monitor.rules import Rules, load_rules
from shopwatch.store import queries
from shopwatch.store.db import take_write_lock
from shopwatch.store.integrity import CORRUPT, DISK_FULL, READ_ONLY, classify
from shopwatch.timeutil import iso, now_utc, parse_iso

log = logging.getLogger(__name__)

#: days of metric history read to judge demotion (baseline + recovery reference)
METRIC_HISTORY_DAYS = 35


@dataclass(slots=True)
class Fetched:
    """What the network part of a run produced; nothing is written until all of it is here."""

    listings: dict[str, ListingRecord]
    pages: int
    lookups: dict[str, ListingRecord | None]
    notices: list[NoticeRecord] | None
    metrics: list[MetricRecord] | None


def values_hash(parts: tuple) -> str:
    """The content hash of a listing given as its hashed values, in ``content_hash``'s order
    (title, price, currency, quantity, url, category, pic_url, outer_id, status,
    search_status): the two-pass hot path hashes source rows without building a Listing."""
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def content_hash(item: Listing) -> str:
    return values_hash((item.title, item.price, item.currency, item.quantity, item.url,
                        item.category, item.pic_url, item.outer_id, item.status,
                        item.search_status))


def fetch(
    connector: Connector, previous: dict[str, Listing], *, settings: DetectionSettings,
    since_day: str | None, progress: Progress | None = None, cancel: CancelCheck | None = None,
) -> Fetched:
    records, pages = connector.fetch_listings(progress=progress, cancel=cancel)
    listings: dict[str, ListingRecord] = {}
    for record in records:
        listings[record.listing_id] = record
    caps = connector.capabilities
    unresolved = [lid for lid, item in previous.items()
                  if lid not in listings and item.status != DELETED]
    lookups = look_up_missing(connector, unresolved, settings=settings, pages=pages,
                              present=len(listings), progress=progress, cancel=cancel)
    notices = connector.fetch_notices() if CAP_NOTICES in caps else None
    metrics = connector.fetch_metrics(since_day) if CAP_METRICS in caps else None
    return Fetched(listings, pages, lookups, notices, metrics)


def look_up_missing(
    connector: Connector, unresolved: list[str], *, settings: DetectionSettings, pages: int,
    present: int, progress: Progress | None = None, cancel: CancelCheck | None = None,
) -> dict[str, ListingRecord | None]:
    """Resolve listings absent from a complete read one by one (deleted, or elsewhere)."""
    lookups: dict[str, ListingRecord | None] = {}
    if CAP_LOOKUP not in connector.capabilities:
        return lookups
    for n, lid in enumerate(unresolved[: settings.max_lookups_per_run], start=1):
        if cancel and cancel():
            raise Cancelled("The sync was cancelled; nothing was changed.")
        try:
            lookups[lid] = connector.lookup(lid)
        except (AuthError, RateLimited, Cancelled):
            raise
        except ConnectorError as exc:
            # One failed look-up leaves that item 'missing'; it is retried next run.
            log.info("look-up of %s failed: %s", lid, exc)
        if progress:
            progress(pages, present, f"checked {n} of {len(unresolved)} missing listings")
    return lookups


def _present(old: Listing | None, rec: ListingRecord, shop_id: int, now: str) -> Listing:
    status_same = old is not None and old.status == rec.status
    return Listing(
        shop_id=shop_id, listing_id=rec.listing_id, title=rec.title, status=rec.status,
        search_status=rec.search_status or (old.search_status if old else SEARCH_NORMAL),
        price=rec.price, currency=rec.currency, quantity=rec.quantity, url=rec.url,
        category=rec.category, pic_url=rec.pic_url, outer_id=rec.outer_id,
        first_seen=old.first_seen if old else now, last_seen=now, missing_since=None,
        status_changed_at=old.status_changed_at if status_same else now,
        asin=rec.asin, issues=rec.issues,
    )


def _gone(old: Listing, status: str, now: str) -> Listing:
    return replace(
        old, status=status, missing_since=old.missing_since or now,
        status_changed_at=old.status_changed_at if old.status == status else now,
    )


def _apply_demotion(
    current: dict[str, Listing], history: dict[str, list[MetricRecord]], explicit: set[str],
    settings: DetectionSettings,
) -> dict[str, detect.DemotionVerdict]:
    verdicts = {}
    for lid, series in history.items():
        item = current.get(lid)
        if item is None or item.status != ACTIVE or lid in explicit:
            continue
        verdict = detect.demotion_verdict(
            series, currently_suppressed=item.search_status == SEARCH_SUPPRESSED,
            settings=settings)
        if verdict is None:
            continue
        verdicts[lid] = verdict
        item.search_status = SEARCH_SUPPRESSED if verdict.demoted else SEARCH_NORMAL
    return verdicts


def _demotion_drafts(
    current: dict[str, Listing], previous: dict[str, Listing],
    verdicts: dict[str, detect.DemotionVerdict], now: str,
) -> list[AlertDraft]:
    drafts = []
    for lid, item in current.items():
        old = previous.get(lid)
        was = old.search_status if old else SEARCH_NORMAL
        if item.search_status == SEARCH_SUPPRESSED and was != SEARCH_SUPPRESSED:
            verdict = verdicts.get(lid)
            message = (detect.demotion_message(item.title, verdict) if verdict else
                       f"'{item.title}' is suppressed in search according to the platform.")
            details = {"title": item.title}
            reason = detect.search_suppression_reason(item.issues)
            if reason:  # the platform said why (Amazon's SEARCH_SUPPRESSED issues)
                message += f" Reason: {reason}"
                details["reason"] = reason
            if verdict:
                details |= {"measure": verdict.measure, "baseline": round(verdict.baseline, 1),
                            "recent": round(verdict.recent, 1), "drop": round(verdict.drop, 3)}
            drafts.append(AlertDraft("demoted", "warning", f"demoted:{lid}:{now}", message,
                                     listing_id=lid, details=details))
    return drafts


def _stored_state(item: Listing) -> tuple:
    # everything but last_seen, which the bulk UPDATE below moves for unchanged listings
    return (item.content_hash, item.status, item.search_status, item.first_seen,
            item.missing_since, item.status_changed_at, item.asin, item.issues)


def _with_deadline(record: NoticeRecord, rules: Rules, now: datetime) -> NoticeRecord:
    if record.appeal_deadline or not record.rule_deadline:
        return record
    issued = parse_iso(record.issued_at) or now
    return replace(record, appeal_deadline=iso(rules.appeal_deadline(record.kind, issued)))


def apply(
    db: sqlite_utils.Database, shop: Shop, run_id: int, previous: dict[str, Listing],
    fetched: Fetched, *, now: datetime, settings: DetectionSettings, rules: Rules,
    first_run: bool, last_ok_at: datetime | None = None,
) -> tuple[list[Alert], int, int]:
    """Write one complete fetch and its alerts. Call inside ``db.atomic()``.
    ``last_ok_at``: when the last good run started (tells the seller's own edits apart).
    Returns (alerts raised, listings changed, versions written)."""
    stamp = iso(now)
    current: dict[str, Listing] = {}
    for lid, rec in fetched.listings.items():
        current[lid] = _present(previous.get(lid), rec, shop.id, stamp)
    for lid, old in previous.items():
        if lid in current:
            continue
        if old.status == DELETED:
            current[lid] = old
        elif lid in fetched.lookups:
            found = fetched.lookups[lid]
            current[lid] = (_gone(old, DELETED, stamp) if found is None
                            else _present(old, found, shop.id, stamp))
        else:
            current[lid] = _gone(old, MISSING, stamp)

    verdicts: dict[str, detect.DemotionVerdict] = {}
    if fetched.metrics is not None:
        queries.upsert_metrics(db, shop.id, fetched.metrics)
        keep_from = now - timedelta(days=max(settings.metrics_keep_days, METRIC_HISTORY_DAYS))
        queries.prune_metrics(db, shop.id, keep_from.date().isoformat())
        since = (now - timedelta(days=METRIC_HISTORY_DAYS)).date().isoformat()
        explicit = {lid for lid, r in fetched.listings.items() if r.search_status}
        verdicts = _apply_demotion(current, queries.metrics_history(db, shop.id, since),
                                   explicit, settings)

    changed_hash: set[str] = set()
    to_write: list[Listing] = []
    for lid, item in current.items():
        item.content_hash = content_hash(item)
        old = previous.get(lid)
        if old is None or old.content_hash != item.content_hash:
            changed_hash.add(lid)
        if old is None or _stored_state(old) != _stored_state(item):
            to_write.append(item)
    # Unchanged present listings only need last_seen moved: one statement, not one per row.
    queries.touch_present_listings(db, shop.id, run_id=run_id, now=stamp)
    versions = queries.write_listings(db, to_write, run_id=run_id, now=stamp,
                                      changed_hash=changed_hash)
    # The evidence ledger is written in this same transaction: the run and its proof, or neither.
    ledger.record_run(db, shop.id, run_id, stamp, current,
                      {**fetched.listings, **{k: r for k, r in fetched.lookups.items() if r}},
                      changed_hash)

    records = [*fetched.listings.values(), *(r for r in fetched.lookups.values() if r)]
    drafts = detect.listing_alerts(
        ((previous.get(lid), current[lid]) for lid in changed_hash), first_run=first_run,
        edited=detect.edited_since(records, last_ok_at))
    drafts = [d for d in drafts if d.kind != "demoted"]
    if not first_run:
        drafts += _demotion_drafts(current, previous, verdicts, stamp)
        mass = detect.mass_disappearance(previous, current, run_id=run_id, settings=settings)
        if mass:
            drafts.insert(0, mass)

    titles = {lid: item.title for lid, item in current.items()}
    raised = notice_alerts(db, shop, run_id, fetched.notices, drafts, titles=titles, now=now,
                           settings=settings, rules=rules)
    return raised, len(changed_hash), versions


def notice_alerts(
    db: sqlite_utils.Database, shop: Shop, run_id: int, notices: list[NoticeRecord] | None,
    drafts: list[AlertDraft], *, titles: dict[str, str] | None, now: datetime,
    settings: DetectionSettings, rules: Rules,
) -> list[Alert]:
    """Store the fetched notices, add their penalty and deadline alerts to ``drafts`` and
    insert every alert of the run. ``titles`` None: look up the titles the notices name."""
    stamp = iso(now)
    new_notices: list[Notice] = []
    if notices is not None:
        records = [_with_deadline(r, rules, now) for r in notices]
        new_notices = queries.upsert_notices(db, shop.id, records, now=stamp)
    all_notices = queries.list_notices(db, shop_id=shop.id)
    if titles is None:
        titles = queries.listing_titles(db, shop.id, (n.listing_id or "" for n in all_notices))
    if notices is not None:
        drafts += detect.penalty_alerts(new_notices, all_notices, rules=rules, now=now,
                                        settings=settings, titles=titles)
    drafts += detect.deadline_alerts(all_notices, now=now, settings=settings, titles=titles,
                                     skip_ids=frozenset(n.id for n in new_notices))
    return queries.insert_alerts(db, shop.id, drafts, run_id=run_id, now=stamp)


def check_deadlines(
    db: sqlite_utils.Database, shop: Shop, *, now: datetime | None = None,
    settings: DetectionSettings | None = None,
) -> list[Alert]:
    """Deadline warnings do not wait for a successful sync (or any sync at all)."""
    now = now or now_utc()
    drafts = detect.deadline_alerts(queries.list_notices(db, shop_id=shop.id), now=now,
                                    settings=settings or DetectionSettings())
    with db.atomic():
        return queries.insert_alerts(db, shop.id, drafts, run_id=None, now=iso(now))


def _finished(now: datetime, started: float) -> str:
    # ``now`` may be a simulated clock (the demo); the run's length is always real.
    return iso(now + timedelta(seconds=time.monotonic() - started))


def _describe_failure(exc: BaseException) -> tuple[str, str]:
    """(a sentence for the user, the error_kind recorded with the run)."""
    if isinstance(exc, ConnectorError):
        return str(exc), exc.kind
    if isinstance(exc, Superseded):
        return str(exc), Superseded.kind
    if isinstance(exc, sqlite3.Error):
        kind = classify(exc)
        if kind == CORRUPT:
            return (f"The profile database is damaged ({exc}). Nothing was saved, and nothing "
                    "will be written to it until it is restored from a backup.", "corrupt")
        if kind == DISK_FULL:
            return (f"The disk is full ({exc}). Nothing was changed; free some space, then "
                    "sync again.", "store")
        if kind == READ_ONLY:
            return (f"The profile is read-only ({exc}). Nothing was changed; make it "
                    "writable, then sync again.", "store")
        return (f"The sync could not be saved ({exc}). Nothing was changed.", "store")
    return (f"Unexpected error while syncing ({type(exc).__name__}: {exc}). "
            "Nothing was changed; please report this.", "internal")


def _fail(
    db: sqlite_utils.Database, shop: Shop, run_id: int, exc: BaseException, *, now: datetime,
    settings: DetectionSettings, started: float,
) -> SyncResult:
    message, kind = _describe_failure(exc)
    stamp = iso(now)
    raised: list[Alert] = []
    if kind == "corrupt":  # never write into a damaged file, not even the failure record
        return SyncResult(run_id=run_id, shop=shop.name, status="failed", listings=0,
                          error=message, duration_s=time.monotonic() - started,
                          error_kind=kind)
    try:
        with db.atomic():
            queries.finish_run(db, run_id, now=_finished(now, started), status="failed",
                               error=message,
                               error_kind=kind)
            if kind == Superseded.kind:
                # a newer sync saved the shop's state: nothing failed, nothing to alert
                return SyncResult(run_id=run_id, shop=shop.name, status="failed", listings=0,
                                  error=message, duration_s=time.monotonic() - started)
            alert = detect.sync_failing_alert(queries.failure_streak(db, shop.id), now=now,
                                              settings=settings)
            drafts = [alert] if alert else []
            drafts += detect.deadline_alerts(queries.list_notices(db, shop_id=shop.id), now=now,
                                             settings=settings)
            raised = queries.insert_alerts(db, shop.id, drafts, run_id=run_id, now=stamp)
    except sqlite3.Error:
        # Even the failure record cannot be written (disk full); the run stays 'running' and is
        # marked interrupted on the next open.
        log.exception("could not record the failed sync run %s", run_id)
    return SyncResult(run_id=run_id, shop=shop.name, status="failed", listings=0, error=message,
                      alerts=raised, duration_s=time.monotonic() - started, error_kind=kind)


def sync_shop(
    db: sqlite_utils.Database, shop: Shop, connector: Connector, *,
    now: datetime | None = None, settings: DetectionSettings | None = None,
    rules: Rules | None = None, progress: Progress | None = None,
    cancel: CancelCheck | None = None, origin: str = "sync",
) -> SyncResult:
    """Run one sync. Never raises for source, network or storage failures: the result says.
    ``origin="import"``: notices or traffic imported into a shop that has its own source.
    Holds the shop's lease throughout; while another live sync of the shop holds it, returns
    status "busy" at once, with nothing fetched or recorded."""
    started = time.monotonic()
    try:
        lease = ShopLease.acquire(db, shop.id)
    except SyncBusy as busy:
        return SyncResult(run_id=0, shop=shop.name, status="busy", listings=0, error=str(busy),
                          error_kind="busy", duration_s=time.monotonic() - started)
    except sqlite3.Error as exc:
        log.warning("could not take the sync lease of shop %s: %s", shop.id, exc)
        return SyncResult(run_id=0, shop=shop.name, status="failed", listings=0,
                          error=_describe_failure(exc)[0],
                          duration_s=time.monotonic() - started)
    try:
        with _collector_paused():
            return _sync_leased(db, shop, connector, lease, started=started, now=now,
                                settings=settings, rules=rules, progress=progress,
                                cancel=cancel, origin=origin)
    finally:
        lease.release()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused for one run: a sync builds tens of thousands
    of small acyclic objects (parsed pages, per-listing tuples), and each batch of them set off
    another collection that walked every object alive (a fifth of a no-change re-sync's time).
    Only for a sync on the main thread (the command line, the headless demo): the desktop app
    syncs on pool threads and runs the collector from its GUI thread itself, and a pool
    thread must never switch it back on. Left as it was found."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _sync_leased(
    db: sqlite_utils.Database, shop: Shop, connector: Connector, lease: ShopLease, *,
    started: float, now: datetime | None, settings: DetectionSettings | None,
    rules: Rules | None, progress: Progress | None, cancel: CancelCheck | None, origin: str,
) -> SyncResult:
    now = now or now_utc()
    settings = settings or DetectionSettings()
    rules = rules or load_rules(shop.platform if shop.platform != "demo" else "taobao")
    try:
        # Holding the lease, any run still 'running' belongs to an owner that is gone.
        queries.mark_interrupted_runs(db, shop.id, iso(now))
        run_id = queries.start_run(db, shop.id, iso(now), origin)
    except sqlite3.Error as exc:
        # Not even the start of the run can be written (disk full): nothing was fetched or
        # changed, and there is no run row to record it in (run_id 0).
        log.warning("could not start a sync run of shop %s: %s", shop.id, exc)
        return SyncResult(run_id=0, shop=shop.name, status="failed", listings=0,
                          error=_describe_failure(exc)[0], error_kind=_describe_failure(exc)[1],
                          duration_s=time.monotonic() - started)
    # Two-pass (lean lists, then full rows of what changed) where the connector can; the
    # reading and writing of that live in incremental.py.
    from shopwatch.monitor import incremental  # imports this module: loaded on first use

    two_pass = incremental.supports(connector)
    load_previous = queries.load_lean_listings if two_pass else queries.load_listings
    try:
        previous = load_previous(db, shop.id)
        last_ok = queries.last_run(db, shop.id, status="ok", include_imports=True)
        first_run = last_ok is None
        latest = queries.latest_metric_day(db, shop.id)
        since_day = ((datetime.fromisoformat(latest) - timedelta(days=2)).date().isoformat()
                     if latest else None)
        if two_pass:
            fetched = incremental.fetch(
                connector, previous, full=incremental.full_read_due(db, shop.id, now, settings),
                settings=settings, since_day=since_day, progress=progress,
                cancel=lease.guard(cancel))
        else:
            fetched = fetch(connector, previous, settings=settings, since_day=since_day,
                            progress=progress, cancel=lease.guard(cancel))
    except Exception as exc:  # noqa: BLE001 - every failure becomes a recorded failed run
        return _fail(db, shop, run_id, exc, now=now, settings=settings, started=started)
    try:
        with db.atomic():
            # Another sync of this shop (`shopwatch sync` beside the app) may have saved its
            # run while this one fetched: compare against what is stored now, or each of that
            # run's changes would be versioned and alerted a second time.
            take_write_lock(db)
            # Never apply a fetch older than what is stored (a sync that took over our stale
            # lease, or started after us, has saved): refused, recorded as superseded.
            lease.check_commit(run_id)
            latest_ok = queries.last_run(db, shop.id, status="ok", include_imports=True)
            if (latest_ok and latest_ok.id) != (last_ok and last_ok.id):
                previous = load_previous(db, shop.id)
                first_run = latest_ok is None
            raised, changed, versions = (incremental.apply if two_pass else apply)(
                db, shop, run_id, previous, fetched, now=now, settings=settings, rules=rules,
                first_run=first_run,
                last_ok_at=parse_iso(latest_ok.started_at) if latest_ok else None)
            _learn_nick(db, shop.id, getattr(connector, "seller_nick", None))
            queries.finish_run(db, run_id, now=_finished(now, started), status="ok",
                               listings=len(fetched.listings), pages=fetched.pages,
                               changed=changed, versions=versions)
    except Exception as exc:  # noqa: BLE001 - rolled back as a whole; record and report
        return _fail(db, shop, run_id, exc, now=now, settings=settings, started=started)
    finally:
        prepared = getattr(fetched, "prepared", None)
        if prepared is not None:  # its helper thread, if the run never got to its packs
            prepared.close()
    return SyncResult(run_id=run_id, shop=shop.name, status="ok", listings=len(fetched.listings),
                      alerts=raised, changed=changed, versions_written=versions,
                      duration_s=time.monotonic() - started)


def _learn_nick(db: sqlite_utils.Database, shop_id: int, nick: str | None) -> None:
    """Keep the seller's nick the shop's own items named (``settings["nick"]``): punishment
    messages name their seller by it. Inside the run's transaction, on fresh settings."""
    if not nick:
        return
    stored = queries.get_shop_by_id(db, shop_id)
    if stored.settings.get("nick") != nick:
        queries.update_shop(db, shop_id, settings={**stored.settings, "nick": nick})


def sort_alerts(alerts: Sequence[Alert]) -> list[Alert]:
    order = {"critical": 0, "warning": 1, "info": 2}
    return sorted(alerts, key=lambda a: (order.get(a.severity, 3), a.id))
