"""The scheduling policy: when a shop syncs next, catch-up after sleep, back-off, clock jumps."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from shopwatch.monitor.schedule import (
    DEFAULT_INTERVAL,
    MAX_INTERVAL,
    MIN_INTERVAL,
    SchedulePolicy,
    SyncHistory,
    clamp_interval,
    clock_gap,
    history_from_runs,
    next_sync,
    retry_delay,
)

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)
POLICY = SchedulePolicy(interval=timedelta(minutes=30))
MIN = timedelta(minutes=1)


def ok_at(moment: datetime) -> SyncHistory:
    return SyncHistory(last_success=moment, last_attempt=moment)


# --- first sync and ordinary intervals ---------------------------------------------------

def test_a_shop_never_synced_syncs_now():
    plan = next_sync(SyncHistory(), NOW, POLICY)
    assert plan.at == NOW and plan.reason == "first_sync" and plan.is_due(NOW)


def test_a_first_sync_at_start_up_waits_for_the_window_to_paint():
    plan = next_sync(SyncHistory(), NOW, POLICY, starting_up=True)
    assert plan.at == NOW + POLICY.startup_delay and not plan.is_due(NOW)


def test_the_next_sync_is_one_interval_after_the_last_success():
    plan = next_sync(ok_at(NOW - 10 * MIN), NOW, POLICY)
    assert plan.at == NOW + 20 * MIN and plan.reason == "due"


def test_a_sync_exactly_one_interval_old_is_due_now():
    plan = next_sync(ok_at(NOW - 30 * MIN), NOW, POLICY)
    assert plan.is_due(NOW) and plan.reason == "catch_up"


def test_the_interval_setting_is_used():
    hourly = SchedulePolicy.from_minutes(60)
    assert next_sync(ok_at(NOW), NOW, hourly).at == NOW + timedelta(hours=1)


# --- catch-up after the app was closed or the machine slept -------------------------------

@pytest.mark.parametrize("missed", [timedelta(minutes=31), timedelta(hours=5), timedelta(days=9)])
def test_missed_syncs_collapse_into_one_catch_up_now(missed):
    plan = next_sync(ok_at(NOW - missed), NOW, POLICY)
    assert plan.at == NOW and plan.reason == "catch_up"


def test_a_catch_up_at_start_up_is_delayed_only_by_the_start_up_delay():
    plan = next_sync(ok_at(NOW - timedelta(days=2)), NOW, POLICY, starting_up=True)
    assert plan.at == NOW + POLICY.startup_delay and plan.reason == "catch_up"


def test_after_the_catch_up_succeeds_the_rhythm_restarts_from_it():
    # the catch-up ran at NOW: the next one is an interval later, not at the old grid
    plan = next_sync(ok_at(NOW), NOW + MIN, POLICY)
    assert plan.at == NOW + 30 * MIN


# --- failures and back-off ---------------------------------------------------------------

@pytest.mark.parametrize(("failures", "minutes"), [(1, 5), (2, 10), (3, 20), (4, 30), (40, 30)])
def test_retries_back_off_but_never_wait_longer_than_the_interval(failures, minutes):
    assert retry_delay(failures, POLICY) == timedelta(minutes=minutes)


def test_no_failure_means_the_normal_interval():
    assert retry_delay(0, POLICY) == POLICY.interval


def test_a_failed_sync_is_retried_soon():
    history = SyncHistory(last_success=NOW - timedelta(hours=1), last_attempt=NOW - MIN,
                          failures_in_a_row=1)
    plan = next_sync(history, NOW, POLICY)
    assert plan.at == NOW + 4 * MIN and plan.reason == "retry"


def test_a_shop_that_never_succeeded_retries_with_back_off():
    history = SyncHistory(last_attempt=NOW - MIN, failures_in_a_row=2)
    plan = next_sync(history, NOW, POLICY)
    assert plan.at == NOW + 9 * MIN and plan.reason == "retry"


def test_an_overdue_retry_runs_now():
    history = SyncHistory(last_success=None, last_attempt=NOW - timedelta(hours=3),
                          failures_in_a_row=5)
    assert next_sync(history, NOW, POLICY).reason == "catch_up"


def test_a_success_after_failures_returns_to_the_interval():
    history = SyncHistory(last_success=NOW, last_attempt=NOW, failures_in_a_row=0)
    assert next_sync(history, NOW, POLICY).at == NOW + POLICY.interval


def test_an_interrupted_first_run_without_a_failure_count_syncs_now():
    history = SyncHistory(last_success=None, last_attempt=NOW - MIN, failures_in_a_row=0)
    assert next_sync(history, NOW, POLICY).reason == "first_sync"


# --- clocks that cannot be trusted -------------------------------------------------------

def test_a_last_sync_in_the_future_plans_one_interval_from_now():
    # the clock was set back, or the demo shop's simulated calendar ran ahead
    plan = next_sync(ok_at(NOW + timedelta(days=3)), NOW, POLICY)
    assert plan.at == NOW + POLICY.interval and plan.reason == "clock_skew"


def test_small_clock_skew_is_tolerated():
    plan = next_sync(ok_at(NOW + MIN), NOW, POLICY)
    assert plan.reason == "due" and plan.at == NOW + 31 * MIN


def test_an_ordinary_heartbeat_is_not_a_gap():
    assert clock_gap(NOW, NOW + MIN, tick=MIN) is None
    assert clock_gap(NOW, NOW + 2 * MIN, tick=MIN) is None  # a busy event loop, not sleep


def test_a_heartbeat_hours_late_means_the_machine_slept():
    gap = clock_gap(NOW, NOW + timedelta(hours=8), tick=MIN)
    assert gap == timedelta(hours=8) - MIN


def test_a_clock_set_backwards_is_a_gap_too():
    gap = clock_gap(NOW, NOW - timedelta(hours=1), tick=MIN)
    assert gap is not None and gap < timedelta(0)


def test_the_tolerance_decides_what_counts_as_a_gap():
    assert clock_gap(NOW, NOW + 5 * MIN, tick=MIN, tolerance=10 * MIN) is None
    assert clock_gap(NOW, NOW + 15 * MIN, tick=MIN, tolerance=10 * MIN) == 14 * MIN


# --- interval bounds and history from stored runs ----------------------------------------

def test_intervals_are_clamped_to_what_the_settings_offer():
    assert clamp_interval(timedelta(seconds=10)) == MIN_INTERVAL
    assert clamp_interval(timedelta(days=7)) == MAX_INTERVAL
    assert clamp_interval(DEFAULT_INTERVAL) == DEFAULT_INTERVAL
    assert SchedulePolicy.from_minutes(0).interval == MIN_INTERVAL


def test_history_counts_failures_since_the_last_success():
    runs = [("failed", NOW), ("failed", NOW - MIN), ("ok", NOW - 2 * MIN), ("failed", NOW - 3 * MIN)]
    history = history_from_runs(runs)
    assert history.last_attempt == NOW
    assert history.last_success == NOW - 2 * MIN
    assert history.failures_in_a_row == 2


def test_history_ignores_a_run_still_in_progress():
    history = history_from_runs([("running", None), ("ok", NOW - MIN)])
    assert history == SyncHistory(last_success=NOW - MIN, last_attempt=NOW - MIN)


def test_history_of_a_shop_that_never_synced_is_empty():
    assert history_from_runs([]) == SyncHistory()
    assert next_sync(history_from_runs([]), NOW, POLICY).reason == "first_sync"


def test_history_of_only_failures():
    history = history_from_runs([("failed", NOW), ("failed", NOW - MIN)])
    assert history.last_success is None and history.failures_in_a_row == 2
