"""Who gets what, when: pure decisions for remote notifications. No I/O.

Routing (which channel gets an alert, at once or in the digest), mutes, quiet hours, the
digest's timing, grouping many alerts into few messages, and the retry back-off. Every time is
an aware datetime; local-time rules (quiet hours, digest time) take the seller's time zone as
an argument, so nothing here depends on the machine's zone."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from shopwatch.models import CRITICAL, INFO, WARNING, Alert
from shopwatch.notify.prefs import (
    MODE_BOTH,
    MODE_DIGEST,
    ChannelConfig,
    NotifyPrefs,
    QuietHours,
    parse_clock,
)
from shopwatch.timeutil import parse_iso

IMMEDIATE = "immediate"
DIGEST = "digest"

SEVERITY_RANK = {CRITICAL: 0, WARNING: 1, INFO: 2}

#: wait after the n-th failed attempt: quick at first (a blip), then spread over about a day
RETRY_DELAYS_S = (60, 300, 900, 1800, 3600, 7200, 14400, 21600)


# --- routing -----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Decision:
    """``mode`` is IMMEDIATE, DIGEST or None (not for this channel, and ``reason`` says why)."""

    mode: str | None
    reason: str = ""


def mute_active(until: str | None, now: datetime) -> bool:
    """A mute with no end, or whose end is still ahead."""
    end = parse_iso(until) if until else None
    return end is None or now < end


def mute_reason(alert: Alert, shop: str, prefs: NotifyPrefs, now: datetime) -> str | None:
    for mute in prefs.muted_kinds:
        if mute.kind == alert.kind and mute_active(mute.until, now):
            return f"muted: {alert.kind}"
    if alert.listing_id:
        for mute in prefs.muted_listings:
            if (mute.listing_id == alert.listing_id and mute.shop == shop
                    and mute_active(mute.until, now)):
                return f"muted: listing {alert.listing_id}"
    return None


def is_urgent(alert: Alert, prefs: NotifyPrefs) -> bool:
    """Sent at once rather than in the digest. A deadline is urgent only inside the last
    ``urgent_deadline_hours`` (the 72 h warning waits for the digest; the 24 h one does not)."""
    if alert.kind not in prefs.immediate_kinds:
        return False
    if alert.kind == "appeal_deadline":
        hours = alert.details.get("window", alert.details.get("hours_left"))
        if isinstance(hours, (int, float)) and not isinstance(hours, bool):
            return hours <= prefs.urgent_deadline_hours
        return alert.severity == CRITICAL
    return True


#: kinds that report what the seller did themselves
OWN_ACTION_KINDS = frozenset({"seller_off_shelf"})


def is_own_action(alert: Alert) -> bool:
    """An alert about the seller's own change: a listing they took off the shelf, or a change
    detection attributes to them (``details["by"] == "seller"``). The platform's actions,
    and changes nobody can attribute, are not."""
    by = alert.details.get("by") if isinstance(alert.details, dict) else None
    if by == "seller":
        return True
    return alert.kind in OWN_ACTION_KINDS and by != "platform"


def channel_takes(channel: ChannelConfig, alert: Alert, shop: str) -> str | None:
    """None if the channel's own filters let the alert through, else the reason."""
    if not channel.enabled:
        return "channel disabled"
    if channel.shops and shop not in channel.shops:
        return f"channel does not watch shop {shop}"
    if channel.kinds and alert.kind not in channel.kinds:
        return f"channel does not take {alert.kind}"
    if is_own_action(alert) and alert.kind not in channel.kinds:
        # telling sellers what they did themselves is noise: only when a channel asks by name
        return "your own change (name the kind on the channel to receive these)"
    if alert.severity not in channel.severities:
        return f"channel does not take {alert.severity} alerts"
    return None


def route(
    alert: Alert, shop: str, channel: ChannelConfig, prefs: NotifyPrefs, now: datetime
) -> Decision:
    if not prefs.enabled:
        return Decision(None, "notifications are off")
    reason = mute_reason(alert, shop, prefs, now) or channel_takes(channel, alert, shop)
    if reason:
        return Decision(None, reason)
    if channel.mode == MODE_DIGEST:
        return Decision(DIGEST)
    if is_urgent(alert, prefs):
        return Decision(IMMEDIATE)
    if channel.mode == MODE_BOTH:
        return Decision(DIGEST)
    return Decision(None, "channel takes urgent alerts only")


# --- local time: quiet hours and the digest ---------------------------------------------

def _at(day: date, clock: time, tz: tzinfo) -> datetime:
    """``clock`` on ``day`` in ``tz``, as UTC. Returning UTC matters: Python compares two
    datetimes sharing one tzinfo by wall time, which is wrong across a DST change. A wall time
    skipped by a DST jump (fold=0) maps to the instant just after the jump; a repeated one to
    its first occurrence."""
    return datetime.combine(day, clock, tzinfo=tz).astimezone(timezone.utc)


def in_quiet_hours(now: datetime, tz: tzinfo, quiet: QuietHours) -> bool:
    if not quiet.enabled:
        return False
    start, end = parse_clock(quiet.start), parse_clock(quiet.end)
    if start == end:  # an empty window, not a 24-hour one: nothing would ever be sent
        return False
    local = now.astimezone(tz).time().replace(tzinfo=None)
    if start < end:
        return start <= local < end
    return local >= start or local < end  # the window spans midnight


def quiet_ends_at(now: datetime, tz: tzinfo, quiet: QuietHours) -> datetime | None:
    """When the current quiet window ends (None if ``now`` is not in one)."""
    if not in_quiet_hours(now, tz, quiet):
        return None
    end = parse_clock(quiet.end)
    local = now.astimezone(tz)
    candidate = _at(local.date(), end, tz)
    if candidate <= now:
        candidate = _at(local.date() + timedelta(days=1), end, tz)
    return candidate


def digest_slot(now: datetime, tz: tzinfo, digest_time: str) -> datetime:
    """The latest scheduled digest moment at or before ``now``."""
    clock = parse_clock(digest_time)
    local = now.astimezone(tz)
    slot = _at(local.date(), clock, tz)
    if slot > now:
        slot = _at(local.date() - timedelta(days=1), clock, tz)
    return slot


def next_digest_at(now: datetime, tz: tzinfo, digest_time: str) -> datetime:
    """The first scheduled digest moment after ``now``."""
    clock = parse_clock(digest_time)
    local = now.astimezone(tz)
    slot = _at(local.date(), clock, tz)
    if slot <= now:
        slot = _at(local.date() + timedelta(days=1), clock, tz)
    return slot


def digest_due(now: datetime, tz: tzinfo, digest_time: str, last: datetime | None) -> bool:
    """A digest is due once per day at the digest time, or at the first chance after it when
    the app was not running then. ``last`` None (a channel seen for the first time) is not
    due: its first digest comes at the next digest time, not the moment it was added."""
    if last is None:
        return False
    return last < digest_slot(now, tz, digest_time)


# --- grouping ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Item:
    """An alert waiting for a channel; ``key`` is its outbox row."""

    key: int
    alert: Alert
    shop: str


@dataclass(frozen=True, slots=True)
class Batch:
    """What becomes one message: ``kind`` is alert | group | summary | digest."""

    kind: str
    items: tuple[Item, ...]

    @property
    def severity(self) -> str:
        return top_severity(item.alert.severity for item in self.items)


def top_severity(severities: Iterable[str]) -> str:
    ranked = sorted(severities, key=lambda s: SEVERITY_RANK.get(s, 9))
    return ranked[0] if ranked else INFO


def _order(items: Iterable[Item]) -> list[Item]:
    return sorted(items, key=lambda i: (SEVERITY_RANK.get(i.alert.severity, 9), i.alert.id))


def plan_immediate(
    items: Sequence[Item], *, group_threshold: int, max_messages: int
) -> list[Batch]:
    """Few, readable messages from what arrived at once: ``group_threshold`` or more alerts of
    one kind in one shop become one message ("12 listings deleted"); if that still leaves more
    than ``max_messages`` messages, everything goes in one summary. Most severe first."""
    if not items:
        return []
    buckets: dict[tuple[str, str], list[Item]] = {}
    for item in _order(items):
        buckets.setdefault((item.shop, item.alert.kind), []).append(item)
    batches: list[Batch] = []
    for bucket in buckets.values():
        if len(bucket) >= group_threshold:
            batches.append(Batch("group", tuple(bucket)))
        else:
            batches.extend(Batch("alert", (item,)) for item in bucket)
    if len(batches) > max_messages:
        return [Batch("summary", tuple(_order(items)))]
    return sorted(batches, key=lambda b: (SEVERITY_RANK.get(b.severity, 9),
                                          b.items[0].alert.id))


def plan_digest(items: Sequence[Item]) -> Batch | None:
    """All of a channel's digest items as one message (None when there are none)."""
    if not items:
        return None
    return Batch("digest", tuple(_order(items)))


# --- retries -----------------------------------------------------------------------------

def retry_delay(attempts_made: int) -> timedelta:
    """How long to wait after ``attempts_made`` failed attempts (1 -> one minute)."""
    index = min(max(attempts_made, 1), len(RETRY_DELAYS_S)) - 1
    return timedelta(seconds=RETRY_DELAYS_S[index])


def should_give_up(attempts_made: int, max_attempts: int) -> bool:
    return attempts_made >= max_attempts
