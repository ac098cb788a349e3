"""The APScheduler glue: one job per shop planned by the pure policy, fired into the GUI thread,
re-planned after a clock jump (sleep), paused and resumed. No timing is measured: a plan in the
past fires at once, a plan in the future must not fire."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QThread

from shopwatch.monitor.schedule import SchedulePolicy, SyncHistory
from shopwatch.ui.scheduler import SyncScheduler

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


def make(qapp, histories: dict[int, SyncHistory], clock: Clock) -> SyncScheduler:
    scheduler = SyncScheduler(lambda shop_id: histories[shop_id], clock=clock,
                              policy=SchedulePolicy(interval=timedelta(minutes=30),
                                                    startup_delay=timedelta(0)))
    return scheduler


def test_each_shop_gets_one_job_planned_from_its_history(qapp, clock):
    histories = {1: SyncHistory(last_success=NOW - timedelta(minutes=10),
                                last_attempt=NOW - timedelta(minutes=10)),
                 2: SyncHistory(last_success=NOW - timedelta(days=3),
                                last_attempt=NOW - timedelta(days=3))}
    scheduler = make(qapp, histories, clock)
    # plan without starting APScheduler (its clock is the real one)
    assert scheduler.plan(1).at == NOW + timedelta(minutes=20)
    assert scheduler.plan(2).reason == "catch_up"
    assert scheduler.next_plan().at == NOW  # the soonest of all shops
    scheduler.shutdown()


def test_a_due_shop_fires_into_the_gui_thread(qtbot, qapp):
    # real clock: a shop that never synced is due now, so its job fires at once
    scheduler = SyncScheduler(lambda _id: SyncHistory(),
                              policy=SchedulePolicy(startup_delay=timedelta(0)))
    threads = []
    scheduler.due.connect(lambda _id: threads.append(QThread.currentThread()))
    with qtbot.waitSignal(scheduler.due, timeout=10_000) as blocker:
        scheduler.start([7])
    assert blocker.args == [7]
    assert threads == [QThread.currentThread()]
    scheduler.shutdown()


def test_jobs_are_coalesced_and_never_run_twice_at_once(qapp):
    scheduler = SyncScheduler(lambda _id: SyncHistory(last_success=NOW, last_attempt=NOW),
                              policy=SchedulePolicy())
    scheduler.start([1])
    job = scheduler._scheduler.get_job("sync-shop-1")
    assert job is not None
    assert job.misfire_grace_time is None and job.coalesce and job.max_instances == 1
    scheduler.plan(1)  # re-planning replaces, never adds
    assert len(scheduler._scheduler.get_jobs()) == 1
    scheduler.remove(1)
    assert scheduler._scheduler.get_jobs() == []
    scheduler.shutdown()


def test_a_wall_clock_jump_replans_for_catch_up(qtbot, qapp, clock):
    history = {1: SyncHistory(last_success=NOW - timedelta(minutes=5),
                              last_attempt=NOW - timedelta(minutes=5))}
    scheduler = make(qapp, history, clock)
    scheduler.plan(1)
    assert scheduler.plans[1].reason == "due"
    # the laptop slept for eight hours: the next heartbeat arrives late by the wall clock
    clock.now = NOW + timedelta(hours=8)
    with qtbot.waitSignal(scheduler.clock_jumped, timeout=1000):
        gap = scheduler.check_clock()
    assert gap is not None and gap > timedelta(hours=7)
    assert scheduler.plans[1].reason == "catch_up" and scheduler.plans[1].at == clock.now
    # an ordinary heartbeat a minute later changes nothing
    clock.now += timedelta(minutes=1)
    assert scheduler.check_clock() is None
    scheduler.shutdown()


def test_pause_and_resume(qtbot, qapp):
    scheduler = SyncScheduler(lambda _id: SyncHistory(),
                              policy=SchedulePolicy(startup_delay=timedelta(0)))
    fired = []
    scheduler.due.connect(fired.append)
    scheduler.pause()
    scheduler.start([3])
    qtbot.wait(300)  # a paused scheduler must not fire even a due job
    assert fired == []
    with qtbot.waitSignal(scheduler.due, timeout=10_000):
        scheduler.resume()
    assert fired[-1] == 3
    scheduler.shutdown()


def test_changing_the_interval_replans(qapp, clock):
    history = {1: SyncHistory(last_success=NOW, last_attempt=NOW)}
    scheduler = make(qapp, history, clock)
    scheduler.plan(1)
    scheduler.set_interval(120)
    assert scheduler.plans[1].at == NOW + timedelta(hours=2)
    scheduler.shutdown()
