"""Detection rules: pure functions from before/after state to alert drafts. No I/O.

Every draft carries a dedup key naming the *condition*, so the store raises it once however
many runs see it. Messages are English sentences for logs and the CLI; the GUI renders its own
translated text from ``kind`` and ``details``."""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from shopwatch.config import DetectionSettings
from shopwatch.models import (
    ACTIVE,
    CRITICAL,
    DELETED,
    INFO,
    MISSING,
    NOTICE_OPEN,
    NOTICE_REVOKED,
    SEARCH_NORMAL,
    SEARCH_SUPPRESSED,
    SELLER_OFF_SHELF,
    SOLD_OUT,
    VIOLATION_OFF_SHELF,
    WARNING,
    AlertDraft,
    Listing,
    ListingRecord,
    MetricRecord,
    Notice,
    SyncRun,
)
from shopwatch.monitor.rules import Rules
from shopwatch.timeutil import china_day, parse_iso, parse_source_time

PRESENT = (ACTIVE, SELLER_OFF_SHELF, SOLD_OUT, VIOLATION_OFF_SHELF)
GONE = (MISSING, DELETED)


def _short(title: str, limit: int = 40) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


# --- listing status and content ----------------------------------------------------------

#: the source's clock and ours may differ by this much (the TOP gateway refuses more skew)
STAMP_SKEW = timedelta(minutes=10)

#: who made a listing change, as far as the source tells (``details["by"]`` of its alert)
BY_SELLER, BY_PLATFORM, BY_UNKNOWN = "seller", "platform", "unknown"


def edited_since(records: Iterable[ListingRecord], since: datetime | None) -> frozenset[str] | None:
    """Listings whose own modification stamp (TOP's ``modified``) moved since ``since``, the
    last good sync: the seller's edits through the seller centre or a listing tool stamp it.
    None when nothing can be told apart: no earlier sync, or a source without stamps (files)."""
    if since is None:
        return None
    stamps = [(r.listing_id, parse_source_time(r.modified)) for r in records]
    if not any(stamp for _, stamp in stamps):
        return None
    return frozenset(lid for lid, stamp in stamps if stamp and stamp >= since - STAMP_SKEW)


def _who(lid: str, edited: frozenset[str] | None, platform_acted: bool) -> str:
    if platform_acted:
        return BY_PLATFORM
    if edited is None:
        return BY_UNKNOWN
    return BY_SELLER if lid in edited else BY_PLATFORM


def listing_alerts(
    changes: Iterable[tuple[Listing | None, Listing]], *, first_run: bool,
    edited: frozenset[str] | None = None,
) -> list[AlertDraft]:
    """Alerts for status transitions and platform-visible content changes of listings.

    On a shop's first sync everything is new, so only listings already delisted for a
    violation are worth telling the seller about. ``edited`` (see ``edited_since``) tells the
    seller's own edits apart: a title, price or shelf change the seller made raises no alert
    (the listing's history keeps it); one without the seller's edit stamp, or together with a
    platform action, is reported as the platform's. Where the source cannot tell, the change
    is reported with the caveat that the platform may have made it."""
    drafts: list[AlertDraft] = []
    for old, new in changes:
        lid, title = new.listing_id, _short(new.title)
        details = {"title": new.title, "status": new.status}
        if old is None:
            if new.status == VIOLATION_OFF_SHELF:
                drafts.append(AlertDraft(
                    "violation_off_shelf", CRITICAL, f"violation:{lid}:{new.status_changed_at}",
                    f"'{title}' is delisted for a violation. Check the notice and appeal in time.",
                    listing_id=lid, details=details))
            continue
        platform_acted = (
            (new.status == VIOLATION_OFF_SHELF and old.status != VIOLATION_OFF_SHELF)
            or (new.search_status == SEARCH_SUPPRESSED and old.search_status != SEARCH_SUPPRESSED))
        if old.status != new.status:
            details["previous_status"] = old.status
            if new.status in GONE and old.status not in GONE:
                confirmed = new.status == DELETED
                drafts.append(AlertDraft(
                    "deleted", CRITICAL if confirmed else WARNING,
                    f"gone:{lid}:{new.missing_since}",
                    (f"'{title}' was deleted by the platform." if confirmed else
                     f"'{title}' disappeared from the shop; the platform has not confirmed why.")
                    + " Look for a penalty notice; you may be able to appeal.",
                    listing_id=lid, details={**details, "confirmed": confirmed}))
            elif new.status == VIOLATION_OFF_SHELF:
                drafts.append(AlertDraft(
                    "violation_off_shelf", CRITICAL, f"violation:{lid}:{new.status_changed_at}",
                    f"'{title}' was delisted for a violation. Check the notice and appeal in time.",
                    listing_id=lid, details=details))
            elif (new.status == SELLER_OFF_SHELF and old.status == ACTIVE
                  and (by := _who(lid, edited, False)) != BY_SELLER):
                drafts.append(AlertDraft(
                    "seller_off_shelf", WARNING if by == BY_PLATFORM else INFO,
                    f"off_shelf:{lid}:{new.status_changed_at}",
                    f"'{title}' was taken off the shelf (seller's warehouse)." + (
                        " No edit of yours is recorded for it: check for a platform notice."
                        if by == BY_PLATFORM else ""),
                    listing_id=lid, details={**details, "by": by}))
        if old.status not in GONE and new.status not in GONE:
            changed = {}
            if old.title != new.title:
                changed["title"] = [old.title, new.title]
            if (old.price or "") != (new.price or ""):
                changed["price"] = [old.price, new.price]
                if new.currency and new.currency != "CNY":  # an Amazon price is not in yuan
                    details = {**details, "currency": new.currency}
            by = _who(lid, edited, platform_acted)
            if changed and by != BY_SELLER:
                what = " and ".join(changed)
                drafts.append(AlertDraft(
                    "changed_by_platform", INFO if by == BY_UNKNOWN else WARNING,
                    f"changed:{lid}:{new.content_hash}",
                    f"'{title}': {what} changed. " + (
                        "If you did not change it, the platform may have." if by == BY_UNKNOWN
                        else "No edit of yours is recorded for it: the platform changed it."),
                    listing_id=lid, details={**details, "changes": changed, "by": by}))
        if old.search_status != SEARCH_SUPPRESSED and new.search_status == SEARCH_SUPPRESSED:
            drafts.append(AlertDraft(
                "demoted", WARNING, f"demoted:{lid}:{new.status_changed_at or ''}:{new.last_seen}",
                f"Search demotion suspected: '{title}'.",
                listing_id=lid, details=details))
    return drafts


def mass_disappearance(
    previous: dict[str, Listing], current: dict[str, Listing], *, run_id: int,
    settings: DetectionSettings,
) -> AlertDraft | None:
    """A large share of the shop gone in one run: loud, on top of each item's own alert."""
    before = [lid for lid, item in previous.items() if item.status in PRESENT]
    if not before:
        return None
    gone = [lid for lid in before if lid in current and current[lid].status in GONE]
    share = len(gone) / len(before)
    if len(gone) < settings.mass_disappearance_min_items or share < settings.mass_disappearance_share:
        return None
    return AlertDraft(
        "mass_disappearance", CRITICAL, f"mass:{run_id}",
        f"{len(gone)} of {len(before)} listings ({share:.0%}) disappeared at once. "
        "This may be a platform campaign; check every listing and your notices now.",
        details={"gone": len(gone), "before": len(before), "share": round(share, 3),
                 "listing_ids": gone[:200]},
    )


# --- demotion ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class DemotionVerdict:
    demoted: bool
    baseline: float
    recent: float
    measure: str  # visits | impressions | keyword_rank

    @property
    def drop(self) -> float:
        return 0.0 if not self.baseline else 1 - self.recent / self.baseline


def _series(history: Sequence[MetricRecord], field: str) -> list[float]:
    return [float(getattr(r, field)) for r in history if getattr(r, field) is not None]


def demotion_verdict(
    history: Sequence[MetricRecord], *, currently_suppressed: bool, settings: DetectionSettings
) -> DemotionVerdict | None:
    """Is this listing's search traffic collapsed against its own trailing baseline?

    Baseline: the median of the ``demote_baseline_days`` before the recent window (robust to a
    single spike). Listings below the minimum volume give no verdict, so day-to-day noise of a
    small listing never looks like a demotion. While suppressed, the listing recovers only when
    traffic returns near its best recent baseline, not merely near its own depressed level.
    Returns None when there is not enough data (keep the current state)."""
    history = sorted(history, key=lambda r: r.day)
    recent_n, base_n = settings.demote_recent_days, settings.demote_baseline_days
    for field, min_volume in (("visits", settings.demote_min_baseline_visits),
                              ("impressions", settings.demote_min_baseline_visits * 10)):
        values = _series(history, field)
        if len(values) < recent_n + max(3, base_n // 2):
            continue
        recent_values = values[-recent_n:]
        before = values[:-recent_n]
        baseline = statistics.median(before[-base_n:])
        recent = statistics.fmean(recent_values)
        if currently_suppressed:
            # best rolling baseline over the whole history we were given
            best = max(
                statistics.median(before[max(0, i - base_n):i])
                for i in range(min(len(before), base_n), len(before) + 1)
            )
            if best < min_volume:
                return None
            recovered = recent >= best * max(settings.demote_drop_ratio, 0.8)
            return DemotionVerdict(not recovered, best, recent, field)
        if baseline < min_volume:
            return None
        # every recent day must be low: one bad day is noise, not a demotion
        collapsed = max(recent_values) <= baseline * settings.demote_drop_ratio
        return DemotionVerdict(collapsed, baseline, recent, field)
    ranks = _series(history, "keyword_rank")
    if len(ranks) >= recent_n + 3:
        baseline = statistics.median(ranks[:-recent_n][-base_n:])
        recent = statistics.fmean(ranks[-recent_n:])
        worse = recent >= max(baseline * 2, baseline + 10)
        return DemotionVerdict(worse, baseline, recent, "keyword_rank")
    return None


def demotion_message(title: str, verdict: DemotionVerdict) -> str:
    if verdict.measure == "keyword_rank":
        return (f"Search demotion suspected: '{_short(title)}' keyword rank "
                f"{verdict.baseline:.0f} → {verdict.recent:.0f}.")
    return (f"Search demotion suspected: '{_short(title)}' {verdict.measure} "
            f"−{verdict.drop:.0%} vs {verdict.baseline:.0f}/day median.")


# --- notices, points, deadlines ----------------------------------------------------------

def ledger_totals(notices: Iterable[Notice], *, rules: Rules, now: datetime) -> dict[str, int]:
    """Points per ledger counted since the yearly reset; revoked notices do not count."""
    start = rules.ledger_year_start(now)
    totals: dict[str, int] = {name: 0 for name in rules.thresholds}
    for n in notices:
        issued = parse_iso(n.issued_at)
        if n.status == NOTICE_REVOKED or not n.points or (issued and issued < start):
            continue
        totals[n.category] = totals.get(n.category, 0) + n.points
    return totals


def _on_listing(n: Notice, titles: dict[str, str] | None) -> str:
    if not n.listing_id:
        return ""
    title = (titles or {}).get(n.listing_id)
    return f" on '{_short(title)}'" if title else f" on listing {n.listing_id}"


def _time_left(hours: float) -> str:
    if hours < 1:
        return f"{max(1, round(hours * 60))} min"
    return f"{hours:.0f} h"


def penalty_alerts(
    new_notices: Sequence[Notice], all_notices: Sequence[Notice], *, rules: Rules, now: datetime,
    settings: DetectionSettings, titles: dict[str, str] | None = None,
) -> list[AlertDraft]:
    """A new_penalty alert per new notice, and points_threshold alerts per ledger."""
    drafts: list[AlertDraft] = []
    totals = ledger_totals(all_notices, rules=rules, now=now)
    new_points: dict[str, int] = {}
    for n in new_notices:
        new_points[n.category] = new_points.get(n.category, 0) + (n.points or 0)
    for n in new_notices:
        total = totals.get(n.category, 0)
        nxt = next((t for t in rules.thresholds.get(n.category, ()) if t > total), None)
        points = f", −{n.points} points ({n.category} total {total}" + (
            f", next threshold {nxt})" if nxt else ")") if n.points else " (no points)"
        severity = CRITICAL if n.points >= 12 or n.severity == CRITICAL else WARNING
        drafts.append(AlertDraft(
            "new_penalty", severity, f"notice:{n.source_id}",
            f"New penalty{_on_listing(n, titles)}: {n.kind.replace('_', ' ')}{points}."
            + (f" Appeal by {n.appeal_deadline}." if n.appeal_deadline else ""),
            listing_id=n.listing_id, notice_id=n.id,
            details={"kind": n.kind, "points": n.points, "category": n.category,
                     "total": total, "next_threshold": nxt, "deadline": n.appeal_deadline}))
    year = rules.ledger_year_start(now).year
    for ledger, total in totals.items():
        thresholds = rules.thresholds.get(ledger, ())
        reached = [t for t in thresholds if t <= total]
        if reached:
            t = reached[-1]
            drafts.append(AlertDraft(
                "points_threshold", CRITICAL, f"points:{ledger}:{year}:{t}:reached",
                f"{ledger.capitalize()} violation points reached {total} (threshold {t}). "
                + rules.consequences.get(t, ""),
                details={"ledger": ledger, "total": total, "threshold": t, "reached": True,
                         "consequence": rules.consequences.get(t, "")}))
        nxt = next((t for t in thresholds if t > total), None)
        if nxt is not None and nxt - total <= settings.points_warn_within and total > 0:
            drafts.append(AlertDraft(
                "points_threshold", WARNING, f"points:{ledger}:{year}:{nxt}:near",
                f"{ledger.capitalize()} violation points at {total}: {nxt - total} more reach "
                f"{nxt}. " + rules.consequences.get(nxt, ""),
                details={"ledger": ledger, "total": total, "threshold": nxt, "reached": False,
                         "consequence": rules.consequences.get(nxt, "")}))
    return drafts


def deadline_alerts(
    notices: Iterable[Notice], *, now: datetime, settings: DetectionSettings,
    titles: dict[str, str] | None = None, skip_ids: frozenset[int] = frozenset(),
) -> list[AlertDraft]:
    """72 h / 24 h before an open notice's appeal deadline; an appealed notice stays quiet.
    ``skip_ids``: notices whose new_penalty alert (which names the deadline) is raised now."""
    drafts: list[AlertDraft] = []
    marks = sorted(settings.deadline_warn_hours)  # most urgent first
    for n in notices:
        deadline = parse_iso(n.appeal_deadline)
        if n.status != NOTICE_OPEN or deadline is None or n.id in skip_ids:
            continue
        hours_left = (deadline - now).total_seconds() / 3600
        if hours_left <= 0:
            continue
        mark = next((h for h in marks if hours_left <= h), None)
        if mark is None:
            continue
        drafts.append(AlertDraft(
            "appeal_deadline", CRITICAL if mark <= 24 else WARNING, f"deadline:{n.id}:{mark}",
            f"Appeal deadline in {_time_left(hours_left)} for the {n.kind.replace('_', ' ')} "
            f"notice{_on_listing(n, titles)} ({n.appeal_deadline}).",
            listing_id=n.listing_id, notice_id=n.id,
            details={"hours_left": round(hours_left, 1), "deadline": n.appeal_deadline,
                     "window": mark, "kind": n.kind}))
    return drafts


def sync_failing_alert(
    streak: Sequence[SyncRun], *, now: datetime, settings: DetectionSettings
) -> AlertDraft | None:
    """N failed runs in a row: once per streak and day, so it repeats daily until fixed."""
    if len(streak) < settings.sync_failing_runs:
        return None
    last = streak[-1]
    return AlertDraft(
        # the seller's calendar day, China time: not UTC's (in China it would turn over at
        # 08:00), and not this computer's zone (a zone change would alert the streak twice)
        "sync_failing", CRITICAL, f"sync_failing:{streak[0].id}:{china_day(now)}",
        f"The last {len(streak)} syncs failed; the shop is not being watched. "
        f"Latest error: {last.error or 'unknown'}",
        details={"failed_runs": len(streak), "since": streak[0].started_at,
                 "error_kind": last.error_kind})


__all__ = [
    "DemotionVerdict", "demotion_message", "edited_since", "demotion_verdict", "deadline_alerts",
    "ledger_totals", "listing_alerts", "mass_disappearance", "penalty_alerts",
    "sync_failing_alert", "SEARCH_NORMAL",
]


def search_suppression_reason(issues_json: str | None) -> str | None:
    """Why a listing is hidden from search, from its Amazon issues (JSON list of {code,
    severity, message, actions}); None when no issue says SEARCH_SUPPRESSED."""
    if not issues_json:
        return None
    try:
        issues = json.loads(issues_json)
    except ValueError:
        return None
    said = [f"[{i.get('code')}] {i.get('message')}" for i in issues
            if isinstance(i, dict) and "SEARCH_SUPPRESSED" in (i.get("actions") or [])]
    return "; ".join(said) or None
