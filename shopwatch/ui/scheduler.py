"""Scheduled syncs: APScheduler 3's ``QtScheduler`` driven by the pure policy in
``shopwatch.monitor.schedule``.

One date-triggered job per shop, planned from the shop's *recorded* history and re-planned
after every sync, at start-up, when the interval changes, on resume, and when a heartbeat
notices the wall clock jumped (the machine slept, or the clock was changed). A job does not
sync: it hands ``due(shop_id)`` to the GUI thread with ``workers.to_main`` (the app's one
way across threads), where the controller hands the sync to the ``JobRunner``. Jobs are added and removed from the GUI thread only.

APScheduler (and the asyncio it imports, ~60 ms) loads when the scheduler starts, not when
this module does: the app plans at start-up (the sync bar shows the next sync) and starts the
scheduler just after the window's first paint (``AppController.after_first_paint``).
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from functools import cache, partial

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from shopwatch.monitor.schedule import (
    Plan,
    SchedulePolicy,
    SyncHistory,
    clock_gap,
    next_sync,
)
from shopwatch.ui.workers import main_caller, to_main

log = logging.getLogger(__name__)

HEARTBEAT = timedelta(minutes=1)


@cache
def _owned_timer_scheduler() -> type:
    """APScheduler's ``QtScheduler`` with one owned timer (the class is made on first use,
    with its import)."""
    from apscheduler.schedulers.qt import QtScheduler

    class _OwnedTimerQtScheduler(QtScheduler):
        """``QtScheduler`` remembers what ``QTimer.singleShot`` returned in order to stop it
        on the next wake-up, but PySide6's ``singleShot`` returns None: every wake-up (each
        add_job) would start one more timer chain. One owned single-shot timer instead."""

        def __init__(self, timer_parent: QObject, **options) -> None:
            super().__init__(**options)
            # a child of the GUI-thread scheduler object: its C++ side dies in the GUI
            # thread, whichever thread lets go of this Python object last
            self._owned_timer = QTimer(timer_parent)
            self._owned_timer.setSingleShot(True)
            self._owned_timer.timeout.connect(self._process_jobs)

        def _start_timer(self, wait_seconds: float | None) -> None:
            self._owned_timer.stop()
            if wait_seconds is not None:
                self._owned_timer.start(min(int(wait_seconds * 1000), 2_147_483_647))

        def _stop_timer(self) -> None:
            self._owned_timer.stop()

    return _OwnedTimerQtScheduler


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class SyncScheduler(QObject):
    """Plans and fires the periodic syncs of every shop."""

    due = Signal(int)  # shop id, in the GUI thread
    planned = Signal(int, object)  # shop id, Plan
    clock_jumped = Signal(object)  # timedelta

    def __init__(self, history: Callable[[int], SyncHistory], *,
                 policy: SchedulePolicy | None = None, clock: Callable[[], datetime] = _utc_now,
                 heartbeat: timedelta = HEARTBEAT, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._history = history
        self.policy = policy or SchedulePolicy()
        self._clock = clock
        self.plans: dict[int, Plan] = {}
        self.paused = False
        self._scheduler = None  # APScheduler's, made by start()
        #: what a job holds of this object: a weak reference (a job on APScheduler's pool
        #: thread must never hold the last reference to a Qt object)
        self._ref = weakref.ref(self)
        main_caller()  # made here, in the GUI thread, before a pool thread needs it
        self._tick = heartbeat
        self._last_tick = clock()
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(int(heartbeat.total_seconds() * 1000))
        self._heartbeat.timeout.connect(self.check_clock)

    # --- lifecycle --------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._scheduler is not None and self._scheduler.running

    def start(self, shop_ids: list[int]) -> None:
        """Start firing: every shop in ``shop_ids`` is (re)planned and gets its job."""
        if self._scheduler is None:
            from apscheduler.executors.pool import ThreadPoolExecutor

            self._scheduler = _owned_timer_scheduler()(
                self,
                timezone=timezone.utc,
                executors={"default": ThreadPoolExecutor(max_workers=1)},
                job_defaults={"misfire_grace_time": None, "coalesce": True,
                              "max_instances": 1},
            )
        self._scheduler.start(paused=self.paused)
        for shop_id in shop_ids:
            self.plan(shop_id, starting_up=True)
        self._last_tick = self._clock()
        self._heartbeat.start()

    def shutdown(self) -> None:
        self._heartbeat.stop()
        if self.running:
            # a job only hands a call to the GUI thread: waiting for one in flight is instant
            self._scheduler.shutdown(wait=True)

    # --- planning ---------------------------------------------------------------------------

    def plan(self, shop_id: int, *, starting_up: bool = False) -> Plan:
        """(Re)plan one shop from its recorded history; replaces its pending job."""
        plan = next_sync(self._history(shop_id), self._clock(), self.policy,
                         starting_up=starting_up)
        self.plans[shop_id] = plan
        if self.running:
            from apscheduler.triggers.date import DateTrigger

            self._scheduler.add_job(
                _fire, DateTrigger(run_date=plan.at, timezone=timezone.utc),
                args=[self._ref, shop_id], id=self._job_id(shop_id), replace_existing=True,
                name=f"sync shop {shop_id}")
        log.info("shop %s: next sync %s (%s)", shop_id, plan.at.isoformat(), plan.reason)
        self.planned.emit(shop_id, plan)
        return plan

    def replan_all(self) -> None:
        for shop_id in list(self.plans):
            self.plan(shop_id)

    def remove(self, shop_id: int) -> None:
        self.plans.pop(shop_id, None)
        if self.running and self._scheduler.get_job(self._job_id(shop_id)):
            self._scheduler.remove_job(self._job_id(shop_id))

    def set_interval(self, minutes: float) -> None:
        self.policy = SchedulePolicy.from_minutes(minutes)
        self.replan_all()

    def next_plan(self, shop_id: int | None = None) -> Plan | None:
        if shop_id is not None:
            return self.plans.get(shop_id)
        return min(self.plans.values(), key=lambda p: p.at, default=None)

    def pause(self) -> None:
        self.paused = True
        if self.running:
            self._scheduler.pause()

    def resume(self) -> None:
        """Resume and catch up at once on what was missed while paused."""
        self.paused = False
        if self.running:
            self._scheduler.resume()
        self.replan_all()

    def check_clock(self, now: datetime | None = None) -> timedelta | None:
        """Heartbeat: a late tick by the wall clock means sleep or a clock change: re-plan."""
        now = now or self._clock()
        gap = clock_gap(self._last_tick, now, self._tick)
        self._last_tick = now
        if gap is not None:
            log.info("wall clock jumped by %s; re-planning syncs", gap)
            self.replan_all()
            self.clock_jumped.emit(gap)
        return gap

    # --- internals ----------------------------------------------------------------------------

    @staticmethod
    def _job_id(shop_id: int) -> str:
        return f"sync-shop-{shop_id}"



def _fire(ref: weakref.ref[SyncScheduler], shop_id: int) -> None:
    # Runs on APScheduler's pool thread: only to_main may leave it, and it carries the weak
    # reference, not the scheduler object
    to_main(partial(_relay, ref, shop_id))


def _relay(ref: weakref.ref[SyncScheduler], shop_id: int) -> None:
    scheduler = ref()
    if scheduler is not None and shiboken6.isValid(scheduler):
        scheduler.due.emit(shop_id)
