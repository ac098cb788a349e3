"""A listing's whole story in one ordered view (issue 18): every version, every status change
with the run and the source's own words, every notice, alert and traffic day, and the ledger
record each run kept. A read model: plain dataclasses, no I/O beyond the store."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timezone
from typing import Any

import sqlite_utils

from shopwatch.models import Listing
from shopwatch.monitor import ledger
from shopwatch.store import queries
from shopwatch.timeutil import CHINA_TZ, parse_iso

#: kinds of event, and their order among events at the same moment
EVENT_KINDS = ("version", "status", "record", "notice", "alert", "traffic")


@dataclass(slots=True)
class TimelineEvent:
    at: str  # ISO 8601 moment, or YYYY-MM-DD for a traffic day
    kind: str  # one of EVENT_KINDS
    summary: str
    run_id: int | None = None
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Timeline:
    listing: Listing
    events: list[TimelineEvent]

    def to_json(self) -> dict[str, Any]:
        return {"listing": asdict(self.listing), "events": [asdict(e) for e in self.events]}


_EARLIEST = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _moment(at: str) -> datetime:
    # Stamps come in several offsets (UTC runs, +08:00 notices); a traffic day is China's.
    if len(at) == 10:
        try:
            return datetime.combine(date.fromisoformat(at), time(), CHINA_TZ)
        except ValueError:
            return _EARLIEST
    try:
        moment = parse_iso(at)
    except ValueError:
        return _EARLIEST
    if moment is None:
        return _EARLIEST
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _source_words(db: sqlite_utils.Database, record_hash: str | None) -> str | None:
    if not record_hash:
        return None
    try:
        doc = ledger.read_record(db, record_hash)
    except ValueError:  # a damaged record: verify names it; the timeline shows the rest
        return None
    return None if doc is None else doc.get("via")


def listing_timeline(db: sqlite_utils.Database, shop_id: int, listing_id: str) -> Timeline | None:
    listing = queries.get_listing(db, shop_id, listing_id)
    if listing is None:
        return None
    runs = queries.run_times(db, shop_id)
    events: list[TimelineEvent] = []
    # what the ledger kept per run: the record hash and the status the run saw
    entries = {run_id: (h, status) for run_id, _lid, h, status
               in queries.ledger_entries(db, shop_id, listing_id)}
    last_hash = None
    for run_id, (h, _status) in entries.items():
        if h and h != last_hash:
            events.append(TimelineEvent(
                runs.get(run_id, ""), "record", f"source record {h[:12]}… kept", run_id,
                {"record_hash": h, "via": _source_words(db, h)}))
        last_hash = h or last_hash
    previous = None
    for v in queries.listing_versions(db, shop_id, listing_id):
        at = v.recorded_at
        stock = "-" if v.quantity is None else v.quantity
        events.append(TimelineEvent(
            at, "version", f"{v.title} · {v.price or '-'} · stock {stock}",
            v.valid_from_run, {"title": v.title, "price": v.price, "quantity": v.quantity,
                               "status": v.status, "search_status": v.search_status}))
        was = previous.status if previous else None
        if v.status != was:
            h = entries.get(v.valid_from_run, (None, None))[0]
            words = _source_words(db, h) if h else None
            summary = f"{was or 'first seen'} → {v.status}"
            if words:
                summary += f" ({words})"
            events.append(TimelineEvent(at, "status", summary, v.valid_from_run,
                                        {"from": was, "to": v.status, "source_words": words,
                                         "record_hash": h}))
        previous = v
    for n in queries.notices_for_listing(db, shop_id, listing_id):
        events.append(TimelineEvent(
            n.issued_at or n.created_at or "", "notice",
            f"{n.title or n.kind} ({n.points} points, {n.status})",
            None, {"notice_id": n.id, "source_id": n.source_id, "kind": n.kind,
                   "points": n.points, "appeal_deadline": n.appeal_deadline}))
    for a in queries.alerts_for_listing(db, shop_id, listing_id):
        events.append(TimelineEvent(a.created_at, "alert", a.message, a.run_id,
                                    {"alert_id": a.id, "kind": a.kind, "severity": a.severity}))
    for m in queries.listing_metric_series(db, shop_id, listing_id):
        events.append(TimelineEvent(
            m.day, "traffic", f"visits {m.visits if m.visits is not None else '-'}, "
            f"impressions {m.impressions if m.impressions is not None else '-'}", None,
            {"visits": m.visits, "impressions": m.impressions, "page_views": m.page_views}))
    events.sort(key=lambda e: (_moment(e.at), EVENT_KINDS.index(e.kind)))
    return Timeline(listing, events)
