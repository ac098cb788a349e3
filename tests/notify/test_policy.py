"""The pure decisions: who gets what, when. Every local-time rule is checked in explicit time
zones (fixed offsets and DST zones), never the machine's."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shopwatch.models import ALERT_KINDS, Alert
from shopwatch.notify import policy
from shopwatch.notify.policy import DIGEST, IMMEDIATE, Item
from shopwatch.notify.prefs import (
    DEFAULT_IMMEDIATE_KINDS,
    ChannelConfig,
    KindMute,
    ListingMute,
    NotifyPrefs,
    QuietHours,
)

CST = timezone(timedelta(hours=8))
NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 24, 2, 0, tzinfo=timezone.utc)  # 10:00 in UTC+8


def alert(i: int = 1, kind: str = "deleted", severity: str = "critical", listing: str | None = "L1",
          **details) -> Alert:
    return Alert(id=i, shop_id=1, kind=kind, severity=severity, dedup_key=f"k{i}", message="m",
                 created_at="2026-11-24T02:00:00+00:00", listing_id=listing, details=details)


def ch(**kw) -> ChannelConfig:
    return ChannelConfig(id=kw.pop("id", "c"), name="c", **kw)


# --- routing -----------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ALERT_KINDS)
def test_the_issues_severe_kinds_go_at_once_and_the_rest_wait_for_the_digest(kind):
    details = {"window": 24} if kind == "appeal_deadline" else {}
    decision = policy.route(alert(kind=kind, **details), "s", ch(), NotifyPrefs(), NOW)
    expected = (None if kind in policy.OWN_ACTION_KINDS else
                IMMEDIATE if kind in DEFAULT_IMMEDIATE_KINDS else DIGEST)
    assert decision.mode == expected


@pytest.mark.parametrize("mode", ["both", "digest", "immediate"])
def test_the_sellers_own_changes_reach_no_channel_unless_it_names_them(mode):
    took_off = alert(kind="seller_off_shelf", severity="info", by="seller")
    edited = alert(kind="changed_by_platform", severity="info", by="seller")
    for a in (took_off, edited):
        decision = policy.route(a, "s", ch(mode=mode), NotifyPrefs(), NOW)
        assert decision.mode is None and "your own change" in decision.reason
    named = policy.route(took_off, "s", ch(mode="digest", kinds=["seller_off_shelf"]),
                         NotifyPrefs(), NOW)
    assert named.mode == DIGEST
    # what the platform did is never held back as the seller's own
    platform = alert(kind="seller_off_shelf", severity="warning", by="platform")
    assert policy.route(platform, "s", ch(mode="digest"), NotifyPrefs(), NOW).mode == DIGEST
    changed = alert(kind="changed_by_platform", severity="warning", by="platform")
    assert policy.route(changed, "s", ch(mode="digest"), NotifyPrefs(), NOW).mode == DIGEST


@pytest.mark.parametrize(("window", "hours_left", "severity", "urgent"), [
    (72, 70.0, "warning", False),  # the 72 h warning is digest material
    (24, 23.0, "critical", True),
    (None, 20.0, "warning", True),  # no window recorded: hours left decide
    (None, 50.0, "critical", False),
    (None, None, "critical", True),  # nothing recorded: severity decides
    (None, None, "warning", False),
])
def test_a_deadline_is_urgent_only_inside_the_last_24_hours(window, hours_left, severity, urgent):
    details = {k: v for k, v in (("window", window), ("hours_left", hours_left)) if v is not None}
    a = alert(kind="appeal_deadline", severity=severity, **details)
    assert policy.is_urgent(a, NotifyPrefs()) is urgent


def test_the_urgent_deadline_window_is_a_setting():
    a = alert(kind="appeal_deadline", severity="warning", window=72)
    assert policy.is_urgent(a, NotifyPrefs(urgent_deadline_hours=72))


@pytest.mark.parametrize(("mode", "urgent_alert", "expected"), [
    ("both", True, IMMEDIATE), ("both", False, DIGEST),
    ("immediate", True, IMMEDIATE), ("immediate", False, None),
    ("digest", True, DIGEST), ("digest", False, DIGEST),
])
def test_channel_mode_decides_between_now_digest_and_never(mode, urgent_alert, expected):
    a = alert(kind="deleted" if urgent_alert else "changed_by_platform",
              severity="critical" if urgent_alert else "info")
    assert policy.route(a, "s", ch(mode=mode), NotifyPrefs(), NOW).mode == expected


def test_a_channel_gets_only_its_kinds_severities_and_shops():
    a = alert(kind="deleted", severity="critical")
    assert policy.route(a, "s", ch(kinds=["deleted"]), NotifyPrefs(), NOW).mode == IMMEDIATE
    only_penalties = policy.route(a, "s", ch(kinds=["new_penalty"]), NotifyPrefs(), NOW)
    assert only_penalties.mode is None and "deleted" in only_penalties.reason
    assert policy.route(a, "s", ch(severities=["warning", "info"]), NotifyPrefs(),
                        NOW).mode is None
    assert policy.route(a, "shop A", ch(shops=["shop B"]), NotifyPrefs(), NOW).mode is None
    assert policy.route(a, "shop B", ch(shops=["shop B"]), NotifyPrefs(), NOW).mode == IMMEDIATE


def test_a_disabled_channel_or_notifications_off_get_nothing():
    a = alert()
    assert policy.route(a, "s", ch(enabled=False), NotifyPrefs(), NOW).mode is None
    assert policy.route(a, "s", ch(), NotifyPrefs(enabled=False), NOW).mode is None


def test_muting_a_kind_or_a_listing_silences_it_everywhere_until_the_mute_ends():
    later = (NOW + timedelta(hours=1)).isoformat()
    earlier = (NOW - timedelta(hours=1)).isoformat()
    a = alert(kind="deleted", listing="L1")
    muted_kind = NotifyPrefs(muted_kinds=[KindMute("deleted", later)])
    assert policy.route(a, "s", ch(), muted_kind, NOW).reason == "muted: deleted"
    expired = NotifyPrefs(muted_kinds=[KindMute("deleted", earlier)])
    assert policy.route(a, "s", ch(), expired, NOW).mode == IMMEDIATE
    forever = NotifyPrefs(muted_listings=[ListingMute("s", "L1")])
    assert policy.route(a, "s", ch(), forever, NOW).mode is None
    # the same listing id in another shop is another listing
    assert policy.route(a, "other shop", ch(), forever, NOW).mode == IMMEDIATE
    assert policy.route(alert(listing="L2"), "s", ch(), forever, NOW).mode == IMMEDIATE


def test_a_listing_mute_does_not_hide_shop_wide_alerts():
    a = alert(kind="mass_disappearance", listing=None)
    p = NotifyPrefs(muted_listings=[ListingMute("s", "L1")])
    assert policy.route(a, "s", ch(), p, NOW).mode == IMMEDIATE


# --- quiet hours -------------------------------------------------------------------------

def at(hour: int, minute: int = 0, tz=CST, day: int = 24) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=tz).astimezone(timezone.utc)


OVERNIGHT = QuietHours(enabled=True, start="22:00", end="08:00")
DAYTIME = QuietHours(enabled=True, start="12:00", end="14:00")


@pytest.mark.parametrize(("hour", "minute", "quiet"), [
    (21, 59, False), (22, 0, True), (23, 30, True), (0, 0, True), (7, 59, True), (8, 0, False),
    (12, 0, False),
])
def test_quiet_hours_spanning_midnight(hour, minute, quiet):
    assert policy.in_quiet_hours(at(hour, minute), CST, OVERNIGHT) is quiet


@pytest.mark.parametrize(("hour", "minute", "quiet"), [
    (11, 59, False), (12, 0, True), (13, 59, True), (14, 0, False),
])
def test_quiet_hours_within_one_day(hour, minute, quiet):
    assert policy.in_quiet_hours(at(hour, minute), CST, DAYTIME) is quiet


def test_quiet_hours_follow_the_sellers_zone_not_utc():
    # 23:00 in UTC+8 is 15:00 UTC: quiet for the seller even though UTC says afternoon
    moment = at(23)
    assert policy.in_quiet_hours(moment, CST, OVERNIGHT)
    assert not policy.in_quiet_hours(moment, timezone.utc, OVERNIGHT)


def test_disabled_or_empty_quiet_hours_are_never_quiet():
    assert not policy.in_quiet_hours(at(23), CST, QuietHours(enabled=False))
    assert not policy.in_quiet_hours(at(23), CST, QuietHours(True, "23:00", "23:00"))


def test_quiet_hours_end_at_the_next_end_time():
    assert policy.quiet_ends_at(at(23), CST, OVERNIGHT) == at(8, day=25)
    assert policy.quiet_ends_at(at(3), CST, OVERNIGHT) == at(8)
    assert policy.quiet_ends_at(at(9), CST, OVERNIGHT) is None


def test_quiet_hours_across_a_dst_change_keep_wall_clock_times():
    # New York falls back on 2026-11-01 at 02:00: that night is 25 hours long
    ends = policy.quiet_ends_at(datetime(2026, 10, 31, 23, 0, tzinfo=NY), NY, OVERNIGHT)
    assert ends == datetime(2026, 11, 1, 8, 0, tzinfo=NY)
    assert ends.astimezone(NY).hour == 8
    # and springs forward on 2026-03-08
    ends = policy.quiet_ends_at(datetime(2026, 3, 7, 23, 0, tzinfo=NY), NY, OVERNIGHT)
    assert ends.astimezone(NY).replace(tzinfo=None) == datetime(2026, 3, 8, 8, 0)


@given(st.integers(0, 23), st.integers(0, 59), st.integers(0, 23), st.integers(0, 59),
       st.integers(0, 24 * 60 - 1))
def test_quiet_end_always_lies_ahead_and_outside_the_window(sh, sm, eh, em, minute_of_day):
    quiet = QuietHours(True, f"{sh:02d}:{sm:02d}", f"{eh:02d}:{em:02d}")
    now = at(0) + timedelta(minutes=minute_of_day)
    ends = policy.quiet_ends_at(now, CST, quiet)
    if policy.in_quiet_hours(now, CST, quiet):
        assert ends is not None and now < ends <= now + timedelta(days=1)
        assert not policy.in_quiet_hours(ends, CST, quiet)
    else:
        assert ends is None


# --- digest timing -----------------------------------------------------------------------

def test_the_digest_slot_is_the_latest_digest_time_passed():
    assert policy.digest_slot(at(10), CST, "09:00") == at(9)
    assert policy.digest_slot(at(8, 59), CST, "09:00") == at(9, day=23)
    assert policy.digest_slot(at(9), CST, "09:00") == at(9)
    assert policy.next_digest_at(at(9), CST, "09:00") == at(9, day=25)
    assert policy.next_digest_at(at(8), CST, "09:00") == at(9)


def test_a_digest_is_due_once_a_day_at_its_time():
    last = at(9, 0, day=23)
    assert not policy.digest_due(at(8, 59), CST, "09:00", last)
    assert policy.digest_due(at(9), CST, "09:00", last)
    sent = at(9, 1)
    assert not policy.digest_due(at(20), CST, "09:00", sent)
    assert not policy.digest_due(at(8, 59, day=25), CST, "09:00", sent)
    assert policy.digest_due(at(9, day=25), CST, "09:00", sent)


def test_a_missed_digest_goes_out_at_the_first_chance_but_only_once():
    sent = at(9, day=20)  # the computer was off for days
    assert policy.digest_due(at(15), CST, "09:00", sent)
    assert not policy.digest_due(at(16), CST, "09:00", at(15))


def test_a_channel_seen_for_the_first_time_waits_for_the_next_digest_time():
    assert not policy.digest_due(at(15), CST, "09:00", None)


def test_a_late_evening_digest_time_uses_the_sellers_date():
    # 23:30 in UTC+8 is 15:30 UTC of the same day; the slot must not jump a day
    assert policy.digest_slot(at(23, 45), CST, "23:30") == at(23, 30)
    assert policy.digest_slot(at(0, 15, day=25), CST, "23:30") == at(23, 30)


def test_the_digest_keeps_its_wall_clock_time_across_dst():
    before = datetime(2026, 3, 7, 12, 0, tzinfo=NY)
    after = policy.next_digest_at(before + timedelta(hours=20), NY, "09:00")
    assert after.astimezone(NY).replace(tzinfo=None) == datetime(2026, 3, 8, 9, 0)
    # a digest time inside the skipped hour still happens that day, just after the jump
    skipped = policy.next_digest_at(datetime(2026, 3, 8, 0, 0, tzinfo=NY), NY, "02:30")
    assert skipped.astimezone(NY).replace(tzinfo=None) == datetime(2026, 3, 8, 3, 30)


# --- grouping ----------------------------------------------------------------------------

def items(*specs) -> list[Item]:
    out = []
    for n, (kind, shop, severity) in enumerate(specs, start=1):
        out.append(Item(n, alert(n, kind=kind, severity=severity, listing=f"L{n}"), shop))
    return out


def test_a_few_alerts_go_one_message_each_most_severe_first():
    plan = policy.plan_immediate(items(("deleted", "s", "warning"), ("new_penalty", "s",
                                                                      "critical")),
                                 group_threshold=3, max_messages=4)
    assert [(b.kind, [i.key for i in b.items]) for b in plan] == [("alert", [2]),
                                                                   ("alert", [1])]


def test_many_of_one_kind_in_one_shop_become_one_message():
    twelve = items(*[("deleted", "s", "critical")] * 12)
    plan = policy.plan_immediate(twelve, group_threshold=3, max_messages=4)
    assert len(plan) == 1 and plan[0].kind == "group" and len(plan[0].items) == 12


def test_groups_are_per_shop_and_kind():
    mixed = items(*[("deleted", "A", "critical")] * 3, *[("deleted", "B", "critical")] * 2,
                  *[("violation_off_shelf", "A", "critical")] * 3)
    plan = policy.plan_immediate(mixed, group_threshold=3, max_messages=10)
    shapes = sorted((b.kind, b.items[0].shop, b.items[0].alert.kind, len(b.items)) for b in plan)
    assert shapes == [("alert", "B", "deleted", 1), ("alert", "B", "deleted", 1),
                      ("group", "A", "deleted", 3), ("group", "A", "violation_off_shelf", 3)]


def test_too_many_messages_at_once_become_one_summary():
    mixed = items(*[(kind, "s", "critical") for kind in DEFAULT_IMMEDIATE_KINDS])
    plan = policy.plan_immediate(mixed, group_threshold=3, max_messages=4)
    assert [b.kind for b in plan] == ["summary"]
    assert len(plan[0].items) == len(DEFAULT_IMMEDIATE_KINDS)


def test_nothing_to_send_plans_nothing():
    assert policy.plan_immediate([], group_threshold=3, max_messages=4) == []
    assert policy.plan_digest([]) is None


@given(st.lists(st.tuples(st.sampled_from(ALERT_KINDS), st.sampled_from(["A", "B", "C"]),
                          st.sampled_from(["info", "warning", "critical"])), max_size=40),
       st.integers(2, 6), st.integers(1, 8))
def test_grouping_never_loses_or_repeats_an_alert(specs, threshold, max_messages):
    given_items = items(*specs)
    plan = policy.plan_immediate(given_items, group_threshold=threshold,
                                 max_messages=max_messages)
    keys = [item.key for batch in plan for item in batch.items]
    assert sorted(keys) == [item.key for item in given_items]
    assert len(plan) <= max(max_messages, 1) or len(plan) == 1
    for batch in plan:
        if batch.kind == "group":
            assert len({(i.shop, i.alert.kind) for i in batch.items}) == 1
            assert len(batch.items) >= threshold


def test_a_batch_takes_the_severity_of_its_worst_alert():
    batch = policy.Batch("summary", tuple(items(("deleted", "s", "info"),
                                                ("deleted", "s", "critical"))))
    assert batch.severity == "critical"


# --- retries -----------------------------------------------------------------------------

def test_retries_back_off_from_a_minute_to_hours():
    delays = [policy.retry_delay(n) for n in range(1, 12)]
    assert delays[0] == timedelta(minutes=1)
    assert all(a <= b for a, b in zip(delays, delays[1:], strict=False))
    assert delays[-1] == timedelta(hours=6)
    assert sum(delays[:9], timedelta()) > timedelta(hours=12)  # spread over most of a day


def test_giving_up_after_the_last_attempt():
    assert not policy.should_give_up(9, 10)
    assert policy.should_give_up(10, 10)
