"""Correcting a stored notice, or removing one that should never have been stored (a mis-paste,
text that was no notice at all). Used by ``shopwatch notices edit|remove`` and the GUI dialog.

Whatever the notice raised on its wrong facts is withdrawn with it, in the same transaction:
its alerts (new penalty, appeal deadline), the points-threshold alerts its points no longer
support, and every notification still queued or composed about them. After an edit the
corrected notice gets its new-penalty alert again, already marked as routed: the seller made
the change and needs no message about it; a threshold newly crossed is news and is sent."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlite_utils

from shopwatch.config import DetectionSettings
from shopwatch.imports.notice_text import OTHER
from shopwatch.models import CRITICAL, Alert, Notice
from shopwatch.monitor import detect
from shopwatch.monitor.rules import Rules
from shopwatch.store import queries
from shopwatch.store.db import take_write_lock
from shopwatch.timeutil import iso, now_utc


class NoticeEditError(ValueError):
    """A correction that cannot be made (unknown notice, kind or ledger; bad points); nothing
    was changed. The message is for the seller."""


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


#: "leave this field as it is" (None means "clear it" for the deadline)
UNSET: Any = _Unset()


@dataclass(slots=True)
class NoticeChange:
    """What an edit or a removal did."""

    before: Notice
    #: the notice as stored now; None once removed
    after: Notice | None
    #: ids of the alerts withdrawn (deleted) because they rested on the wrong facts
    withdrawn_alerts: list[int] = field(default_factory=list)
    #: outbox rows and composed messages stopped before they were sent
    stopped_notifications: int = 0
    #: alerts raised from the corrected facts
    raised: list[Alert] = field(default_factory=list)
    #: fields whose value changed
    changed: list[str] = field(default_factory=list)
    #: appeals deleted with a removed notice
    appeals_removed: int = 0


def _known_kinds(rules: Rules) -> set[str]:
    return {k.kind for k in rules.notice_kinds} | set(rules.appeal_window_days) | {OTHER}


def _stale_threshold_alerts(
    db: sqlite_utils.Database, shop_id: int, *, rules: Rules, now: datetime,
    settings: DetectionSettings,
) -> list[int]:
    """Open points-threshold alerts the ledgers no longer support once the notice changed:
    "reached 12" when the total is back under 12, "near 24" when it is no longer near."""
    totals = detect.ledger_totals(queries.list_notices(db, shop_id=shop_id), rules=rules,
                                  now=now)
    stale = []
    for alert in queries.list_alerts(db, shop_id=shop_id, kind="points_threshold"):
        ledger, threshold = alert.details.get("ledger"), alert.details.get("threshold")
        if ledger is None or threshold is None:
            continue
        total = totals.get(ledger, 0)
        if alert.details.get("reached"):
            if total < threshold:
                stale.append(alert.id)
        elif total >= threshold or threshold - total > settings.points_warn_within or total <= 0:
            stale.append(alert.id)
    return stale


def _withdraw(db: sqlite_utils.Database, alert_ids: Sequence[int], *, reason: str,
              now: str) -> int:
    stopped = queries.withdraw_notifications(db, alert_ids, reason=reason, now=now)
    queries.delete_alerts(db, alert_ids)
    return stopped


def edit_notice(
    db: sqlite_utils.Database, notice_id: int, *, kind: str = UNSET, points: int = UNSET,
    category: str = UNSET, listing_ids: Sequence[str] = UNSET,
    deadline: datetime | None = UNSET, issued_at: datetime = UNSET, rules: Rules,
    settings: DetectionSettings | None = None, now: datetime | None = None,
) -> NoticeChange:
    """Correct a stored notice. Only the fields given change (``deadline=None`` clears the
    deadline); the notice's alerts are withdrawn and raised again from the corrected facts.
    Raises NoticeEditError (nothing changed) for an unknown notice or a value out of range."""
    now = now or now_utc()
    settings = settings or DetectionSettings()
    changes: dict[str, Any] = {}
    if kind is not UNSET:
        if kind not in _known_kinds(rules):
            raise NoticeEditError(f"Unknown kind '{kind}'; one of: "
                                  f"{', '.join(sorted(_known_kinds(rules)))}.")
        changes["kind"] = kind
    if points is not UNSET:
        if not isinstance(points, int) or isinstance(points, bool) or not 0 <= points <= 1000:
            raise NoticeEditError("Points must be a whole number from 0 to 1000.")
        changes["points"] = points
    if category is not UNSET:
        if category not in rules.thresholds:
            raise NoticeEditError(f"Unknown ledger '{category}'; one of: "
                                  f"{', '.join(rules.thresholds)}.")
        changes["category"] = category
    if deadline is not UNSET:
        changes["appeal_deadline"] = iso(deadline) if deadline is not None else None
    if issued_at is not UNSET:
        changes["issued_at"] = iso(issued_at)
    ids: list[str] | None = None
    if listing_ids is not UNSET:
        ids = []
        for value in listing_ids:
            value = str(value).strip()
            if value and value not in ids:
                ids.append(value)
    stamp = iso(now)
    with db.atomic():
        take_write_lock(db)
        before = _stored(db, notice_id)
        new_kind = changes.get("kind", before.kind)
        new_points = changes.get("points", before.points)
        if "kind" in changes or "points" in changes:
            found = next((k for k in rules.notice_kinds if k.kind == new_kind), None)
            severity = found.severity if found else before.severity
            if new_points >= 12:
                severity = CRITICAL
            changes["severity"] = severity
        if "kind" in changes and changes["kind"] != before.kind:
            suffix = before.title.split(" · ", 1)[1] if " · " in before.title else ""
            label = rules.kind_label(new_kind)
            changes["title"] = label + (f" · {suffix}" if suffix else "")
        after = queries.update_notice(db, notice_id, changes, listing_ids=ids)
        changed = [name for name in ("kind", "points", "category", "listing_id", "listing_ids",
                                     "issued_at", "appeal_deadline")
                   if getattr(before, name) != getattr(after, name)]
        result = NoticeChange(before=before, after=after, changed=changed)
        if not changed:
            return result
        reason = f"notice #{notice_id} corrected by the seller"
        own = [a.id for a in queries.alerts_for_notice(db, notice_id)]
        result.stopped_notifications = _withdraw(db, own, reason=reason, now=stamp)
        stale = _stale_threshold_alerts(db, before.shop_id, rules=rules, now=now,
                                        settings=settings)
        result.stopped_notifications += _withdraw(db, stale, reason=reason, now=stamp)
        result.withdrawn_alerts = sorted(own + stale)

        titles = {}
        if after.listing_id:
            listing = queries.get_listing(db, before.shop_id, after.listing_id)
            if listing is not None:
                titles[after.listing_id] = listing.title
        drafts = detect.penalty_alerts([after], queries.list_notices(db, shop_id=before.shop_id),
                                       rules=rules, now=now, settings=settings, titles=titles)
        raised = queries.insert_alerts(db, before.shop_id, drafts, run_id=None, now=stamp)
        # the corrected new-penalty alert is for the app, not for the seller's phone
        queries.mark_alerts_seen(db, [a.id for a in raised if a.notice_id == notice_id], stamp)
        result.raised = raised
    return result


def _stored(db: sqlite_utils.Database, notice_id: int) -> Notice:
    try:
        return queries.get_notice(db, notice_id)
    except queries.NotFound:
        raise NoticeEditError(f"No notice #{notice_id}.") from None


def remove_notice(
    db: sqlite_utils.Database, notice_id: int, *, rules: Rules,
    settings: DetectionSettings | None = None, now: datetime | None = None,
    with_appeals: bool = False,
) -> NoticeChange:
    """Remove a stored notice and withdraw everything it raised. A notice with appeals is
    kept (NoticeEditError) unless ``with_appeals``: the seller's letters are not lost by
    accident."""
    now = now or now_utc()
    settings = settings or DetectionSettings()
    stamp = iso(now)
    with db.atomic():
        take_write_lock(db)
        before = _stored(db, notice_id)
        appeals = queries.list_appeals(db, notice_id=notice_id)
        if appeals and not with_appeals:
            raise NoticeEditError(
                f"Notice #{notice_id} has {len(appeals)} appeal(s); removing it deletes them "
                "too. Confirm to remove it with its appeals.")
        reason = f"notice #{notice_id} removed by the seller"
        own = [a.id for a in queries.alerts_for_notice(db, notice_id)]
        stopped = _withdraw(db, own, reason=reason, now=stamp)
        queries.delete_notice(db, notice_id)
        stale = _stale_threshold_alerts(db, before.shop_id, rules=rules, now=now,
                                        settings=settings)
        stopped += _withdraw(db, stale, reason=reason, now=stamp)
    return NoticeChange(before=before, after=None, withdrawn_alerts=sorted(own + stale),
                        stopped_notifications=stopped, changed=["removed"],
                        appeals_removed=len(appeals))


__all__ = ["UNSET", "NoticeChange", "NoticeEditError", "edit_notice", "remove_notice"]
