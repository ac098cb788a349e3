"""The Overview's verdict: at risk when a node penalty is in force or an appeal is due within
24 hours, needs attention with anything open, OK only when nothing is."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from shopwatch.models import Notice
from shopwatch.monitor.health import AT_RISK, ATTENTION, OK, verdict

NOW = datetime(2026, 12, 3, 10, 0, tzinfo=timezone.utc)
THRESHOLDS = {"general": (12, 24, 36, 48), "serious": (12, 24, 36, 48)}


def notice(nid: int, hours: float | None, status: str = "open") -> Notice:
    deadline = (NOW + timedelta(hours=hours)).isoformat() if hours is not None else None
    return Notice(id=nid, shop_id=1, source_id=f"N{nid}", kind="false_trading",
                  severity="warning", points=2, category="general", issued_at=NOW.isoformat(),
                  appeal_deadline=deadline, listing_id=None, status=status, text="",
                  title="", created_at=NOW.isoformat())


def test_a_quiet_shop_is_ok():
    v = verdict([notice(1, 10, "appealed")], {"active": 300}, 0, {"general": 2},
                THRESHOLDS, now=NOW)
    assert v.level == OK and v.listings_to_check == 0


def test_open_appeals_or_taken_down_listings_need_attention():
    assert verdict([notice(1, 60)], {"active": 3}, 0, {}, THRESHOLDS, now=NOW).level \
        == ATTENTION
    v = verdict([], {"violation_off_shelf": 2, "deleted": 1}, 4, {}, THRESHOLDS, now=NOW)
    assert v.level == ATTENTION and v.listings_to_check == 7
    v = verdict([notice(1, -5)], {}, 0, {}, THRESHOLDS, now=NOW)
    assert v.level == ATTENTION and v.overdue == 1 and v.appeals_open == 0


def test_an_appeal_due_within_a_day_or_a_node_penalty_is_at_risk():
    v = verdict([notice(1, 23), notice(2, 30)], {}, 0, {}, THRESHOLDS, now=NOW)
    assert v.level == AT_RISK and v.appeals_urgent == 1 and v.appeals_open == 2
    v = verdict([], {}, 0, {"serious": 25}, THRESHOLDS, now=NOW)
    assert v.level == AT_RISK and v.penalties_in_force == (("serious", 24),)
