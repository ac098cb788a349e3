"""Is the shop in trouble? A pure verdict (no I/O) the Overview shows in one line: OK, needs
attention or at risk, with the few things to do now."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from shopwatch.models import Notice
from shopwatch.timeutil import parse_iso

OK = "ok"
ATTENTION = "attention"
AT_RISK = "at_risk"

#: an open appeal due within this is urgent
URGENT = timedelta(hours=24)
#: listing statuses the seller should look at
TO_CHECK = ("violation_off_shelf", "deleted", "missing")


@dataclass(frozen=True, slots=True)
class Verdict:
    level: str  # ok | attention | at_risk
    appeals_urgent: int  # open notices whose appeal deadline is within 24 h
    appeals_open: int  # open notices whose appeal deadline is still ahead
    overdue: int  # open notices whose deadline passed without an appeal
    penalties_in_force: tuple[tuple[str, int], ...]  # (ledger, threshold reached)
    listings_to_check: int  # taken down, deleted, missing or demoted


def verdict(notices: Iterable[Notice], counts: Mapping[str, int], demoted: int,
            totals: Mapping[str, int], thresholds: Mapping[str, tuple[int, ...]],
            *, now: datetime) -> Verdict:
    urgent = ahead = overdue = 0
    for notice in notices:
        moment = parse_iso(notice.appeal_deadline) if notice.appeal_deadline else None
        if notice.status != "open" or moment is None:
            continue
        if moment <= now:
            overdue += 1
        else:
            ahead += 1
            urgent += moment - now <= URGENT
    in_force = tuple((ledger, max(t for t in marks if t <= totals.get(ledger, 0)))
                     for ledger, marks in thresholds.items()
                     if any(t <= totals.get(ledger, 0) for t in marks))
    to_check = sum(counts.get(s, 0) for s in TO_CHECK) + demoted
    if urgent or in_force:
        level = AT_RISK
    elif ahead or overdue or to_check:
        level = ATTENTION
    else:
        level = OK
    return Verdict(level, urgent, ahead, overdue, in_force, to_check)
