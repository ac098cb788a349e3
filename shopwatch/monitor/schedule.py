"""When should a shop sync next? The pure scheduling policy (no Qt, no clock, no I/O).

The desktop app asks these functions and only then talks to APScheduler. Decisions are made
from the *recorded* history (last successful sync, last attempt, failures in a row), never from
"interval since the app started", so a laptop that slept, an app that was closed for a week or
a clock that jumped all lead to exactly one catch-up sync instead of silence or a burst."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

#: interval bounds the Settings page offers; anything stored outside them is clamped
MIN_INTERVAL = timedelta(minutes=5)
MAX_INTERVAL = timedelta(hours=24)
DEFAULT_INTERVAL = timedelta(minutes=30)


@dataclass(frozen=True, slots=True)
class SchedulePolicy:
    """How often to sync and how to back off after failures."""

    interval: timedelta = DEFAULT_INTERVAL
    #: first retry after a failed run; doubles per further failure, never beyond ``interval``
    retry_after_failure: timedelta = timedelta(minutes=5)
    #: a catch-up right at start-up waits this long so the window paints first
    startup_delay: timedelta = timedelta(seconds=5)
    #: recorded times up to this far in the future are treated as clock skew, not as "later"
    future_tolerance: timedelta = timedelta(minutes=2)

    @classmethod
    def from_minutes(cls, minutes: float) -> SchedulePolicy:
        return cls(interval=clamp_interval(timedelta(minutes=minutes)))


@dataclass(frozen=True, slots=True)
class SyncHistory:
    """What the store (or the running app) knows about one shop's syncs."""

    last_success: datetime | None = None
    last_attempt: datetime | None = None  # the latest finished run, ok or failed
    failures_in_a_row: int = 0


@dataclass(frozen=True, slots=True)
class Plan:
    """When to run, and why (the status bar says the reason in words)."""

    at: datetime
    reason: str  # first_sync | due | catch_up | retry | clock_skew

    def is_due(self, now: datetime) -> bool:
        return self.at <= now


def clamp_interval(interval: timedelta) -> timedelta:
    return max(MIN_INTERVAL, min(MAX_INTERVAL, interval))


def retry_delay(failures_in_a_row: int, policy: SchedulePolicy) -> timedelta:
    """5, 10, 20, 40 … minutes after consecutive failures, capped at the normal interval: a
    flaky network is retried soon, a broken session does not hammer the platform."""
    if failures_in_a_row <= 0:
        return policy.interval
    doubling = min(failures_in_a_row - 1, 16)  # 2**16 × 5 min is far past any interval
    delay = policy.retry_after_failure * (2 ** doubling)
    return min(delay, policy.interval)


def next_sync(history: SyncHistory, now: datetime, policy: SchedulePolicy,
              *, starting_up: bool = False) -> Plan:
    """The next moment to sync this shop.

    - Never synced: now (after the start-up delay when the app is just starting).
    - After failures: the last attempt plus the back-off delay.
    - Otherwise: the last success plus the interval.
    - Overdue (the app was closed, the machine slept): one catch-up run now, never one per
      missed interval; coalescing is this function's job, not APScheduler's.
    - A recorded time in the future (the clock went backwards, or the demo shop's simulated
      calendar ran ahead): it cannot be trusted, so plan one interval from now.
    """
    soon = now + policy.startup_delay if starting_up else now
    if history.last_success is None and history.last_attempt is None:
        return Plan(soon, "first_sync")

    latest = max(t for t in (history.last_success, history.last_attempt) if t is not None)
    if latest > now + policy.future_tolerance:
        return Plan(now + policy.interval, "clock_skew")

    failing = (history.failures_in_a_row > 0 and history.last_attempt is not None
               and (history.last_success is None or history.last_attempt >= history.last_success))
    if failing:
        assert history.last_attempt is not None
        at = history.last_attempt + retry_delay(history.failures_in_a_row, policy)
        reason = "retry"
    elif history.last_success is not None:
        at = history.last_success + policy.interval
        reason = "due"
    else:  # attempted, never succeeded, no failure recorded (an interrupted first run)
        return Plan(soon, "first_sync")

    if at <= now:
        return Plan(soon, "catch_up")
    return Plan(at, reason)


def clock_gap(previous_tick: datetime, now: datetime, tick: timedelta,
              tolerance: timedelta = timedelta(minutes=2)) -> timedelta | None:
    """How far the wall clock jumped past a heartbeat that should have come ``tick`` later.

    A timer cannot fire while the machine sleeps, so a heartbeat that arrives much later than
    planned by the wall clock means the machine slept (or the clock was changed): re-plan.
    A clock set *backwards* is a gap as well. Returns None for an ordinary tick."""
    elapsed = now - previous_tick
    if elapsed < timedelta(0):
        return elapsed
    late = elapsed - tick
    return late if late > tolerance else None


def history_from_runs(runs: list[tuple[str, datetime | None]]) -> SyncHistory:
    """Build a history from (status, finished_at) pairs, newest first (as the store lists
    them). Runs still 'running' are ignored: they say nothing about success yet."""
    last_success = last_attempt = None
    failures = 0
    for status, finished in runs:
        if status == "running" or finished is None:
            continue
        if last_attempt is None:
            last_attempt = finished
        if status == "ok":
            last_success = finished
            break
        failures += 1
    return SyncHistory(last_success=last_success, last_attempt=last_attempt,
                       failures_in_a_row=failures)
