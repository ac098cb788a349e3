"""The one way work crosses threads in the desktop app: ``JobRunner``.

A job (sync a shop, prepare the demo, test a connection) is a plain object with
``run(progress, cancelled)``. The runner executes jobs one at a time on its own QThread and
reports back only through Qt signals, which Qt delivers in the GUI thread. Jobs that touch the
store open their *own* sqlite connection inside ``run`` (a connection belongs to the thread
that opened it) and close it before returning. Nothing in a job touches a widget."""

from __future__ import annotations

import atexit
import logging
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, QThread, Signal, Slot

from shopwatch.config import DetectionSettings
from shopwatch.models import Alert

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
CancelCheck = Callable[[], bool]


def guard_thread(owner: QObject, thread: QThread) -> None:
    """Qt aborts the whole process when a QThread is destroyed while running: what happens to
    a thread nobody shut down when its owner is deleted (an owner object dropped by a tool or
    a test) or when the interpreter exits. Stop it first, in both cases; a thread already shut
    down or deleted is left alone. ``destroyed`` fires before the owner's children go."""
    ref = weakref.ref(thread)

    def stop(*_args: object) -> None:
        target = ref()
        try:
            if target is not None and target.isRunning():
                target.quit()
                target.wait(5000)
        except RuntimeError:  # the C++ object is gone already
            pass

    owner.destroyed.connect(stop)
    atexit.register(stop)


class Job(Protocol):
    #: jobs with equal keys are not queued twice ("sync:3")
    key: str

    def run(self, progress: Progress, cancelled: CancelCheck) -> Any: ...


@dataclass(slots=True)
class JobError:
    """What a job that raised returns instead (the runner never lets an exception escape)."""

    message: str
    kind: str = "internal"


@dataclass(slots=True)
class SyncOutcome:
    shop_id: int
    shop_name: str
    #: ok | failed | cancelled | config | rules | unchanged (a watched folder with nothing
    #: newer: no run was recorded, nothing is wrong) | busy (another sync of the shop was
    #: running: no run was recorded)
    status: str
    error: str = ""  # the English detail, for the tooltip / log
    error_kind: str = ""  # auth | network | rate_limit | incomplete | source | store | config…
    listings: int = 0
    pages: int = 0
    changed: int = 0
    alerts: list[Alert] = field(default_factory=list)
    duration_s: float = 0.0

    @property
    def recorded(self) -> bool:
        """Whether the attempt left a run in the store (the scheduler plans from runs)."""
        return self.status in ("ok", "failed", "cancelled")


@dataclass(slots=True)
class SyncJob:
    """One sync of one stored shop through ``monitor.service`` (the CLI's path too), with the
    rule data the profile overrides; a shop fed by export files imports what is new in its
    watch folder instead (``monitor.file_import.sync_watched``)."""

    db_path: Path
    shop_id: int
    detection: DetectionSettings = field(default_factory=DetectionSettings)
    key: str = ""
    #: the profile folder whose ``rules/`` copy overrides the shipped rule data
    profile: Path | None = None

    def __post_init__(self) -> None:
        self.key = self.key or f"sync:{self.shop_id}"

    def run(self, progress: Progress, cancelled: CancelCheck) -> SyncOutcome:
        from shopwatch.connectors.files import WatchError
        from shopwatch.monitor.rules import RulesError, load_rules
        from shopwatch.monitor.service import ConfigError, sync_stored_shop
        from shopwatch.store import queries
        from shopwatch.store.db import open_db

        started = time.monotonic()
        # the app lives in the tray for days: its syncs keep the daily backup going
        db = open_db(self.db_path, backup=True)
        try:
            shop = queries.get_shop_by_id(db, self.shop_id)

            def unusable(status: str, exc: Exception) -> SyncOutcome:
                return SyncOutcome(self.shop_id, shop.name, status, str(exc), status,
                                   duration_s=time.monotonic() - started)

            try:
                rules = load_rules(shop.platform, self.profile)
            except RulesError as exc:
                return unusable("rules", exc)
            try:
                if shop.platform == "file":
                    return self._sync_watched(db, shop, rules, progress, cancelled, started)
                result = sync_stored_shop(db, shop, settings=self.detection, rules=rules,
                                          progress=progress, cancel=cancelled)
            except (ConfigError, WatchError) as exc:
                return unusable("config", exc)
            return self._outcome(db, shop.name, result, cancelled)
        finally:
            db.close()

    def _sync_watched(self, db, shop, rules, progress: Progress, cancelled: CancelCheck,
                      started: float) -> SyncOutcome:
        from shopwatch.monitor import file_import

        outcome = file_import.sync_watched(db, shop, profile=self.profile,
                                           settings=self.detection, rules=rules,
                                           progress=progress, cancel=cancelled)
        if outcome is None:
            return SyncOutcome(self.shop_id, shop.name, "unchanged",
                               duration_s=time.monotonic() - started)
        return self._outcome(db, shop.name, outcome.result, cancelled)

    def _outcome(self, db, shop_name: str, result, cancelled: CancelCheck) -> SyncOutcome:
        from shopwatch.store import queries

        # run_id 0: not even the run's start could be written (disk full), so no row exists
        run = queries.get_run(db, result.run_id) if result.run_id else None
        error_kind = ((run.error_kind if run else None) or result.error_kind
                      or ("store" if result.status != "ok" else ""))
        status = result.status
        if status != "ok" and (error_kind == "cancelled" or cancelled()):
            status = "cancelled"
        return SyncOutcome(
            self.shop_id, shop_name, status, result.error or "", error_kind or "",
            listings=result.listings, pages=(run.pages if run else 0) or 0, changed=result.changed,
            alerts=list(result.alerts), duration_s=result.duration_s)


@dataclass(slots=True)
class DemoSetupJob:
    """Create the demo shop and sync its first simulated week."""

    db_path: Path
    days: int
    detection: DetectionSettings = field(default_factory=DetectionSettings)
    key: str = "demo-setup"
    profile: Path | None = None

    def run(self, progress: Progress, cancelled: CancelCheck) -> SyncOutcome:
        from shopwatch.monitor.rules import RulesError, load_rules
        from shopwatch.store.db import open_db
        from shopwatch.ui.demo_setup import demo_shop, prepare_demo

        try:
            rules = load_rules("demo", self.profile)
        except RulesError as exc:
            return SyncOutcome(0, "demo", "rules", str(exc), "rules")
        db = open_db(self.db_path)
        try:
            results = prepare_demo(db, days=self.days, settings=self.detection, rules=rules,
                                   progress=progress, cancel=cancelled)
            shop = demo_shop(db)
            last = results[-1] if results else None
            return SyncOutcome(shop.id if shop else 0, shop.name if shop else "demo",
                               last.status if last else "cancelled",
                               error=(last.error or "") if last else "",
                               listings=last.listings if last else 0,
                               # only today's news: a week of history is not 300 notifications
                               alerts=list(last.alerts) if last else [])
        finally:
            db.close()


class _Worker(QObject):
    """Lives on the runner's thread; runs one job per ``run`` call."""

    progressed = Signal(object, int, int, str)
    done = Signal(object, object)

    @Slot(object, object)
    def run(self, job: Job, cancel: threading.Event) -> None:
        def progress(pages: int, items: int, message: str) -> None:
            self.progressed.emit(job, pages, items, message)

        try:
            result = job.run(progress, cancel.is_set)
        except Exception as exc:  # noqa: BLE001 - reported to the GUI, never lost
            log.exception("job %s failed", job.key)
            result = JobError(f"{type(exc).__name__}: {exc}")
        self.done.emit(job, result)


class JobRunner(QObject):
    """A serial queue of jobs on one background thread; every result comes back by signal."""

    started = Signal(object)  # job
    progress = Signal(object, int, int, str)  # job, pages, items, message
    finished = Signal(object, object)  # job, result (SyncOutcome, JobError, …)
    _submit = Signal(object, object)

    def __init__(self, name: str = "shopwatch-jobs", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self._thread.setObjectName(name)
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._thread.finished.connect(self._worker.deleteLater)
        self._submit.connect(self._worker.run)  # queued: the worker lives on the other thread
        self._worker.progressed.connect(self.progress)
        self._worker.done.connect(self._on_done)
        self._queue: deque[Job] = deque()
        self._current: Job | None = None
        self._cancel = threading.Event()
        self._thread.start()
        guard_thread(self, self._thread)

    @property
    def current(self) -> Job | None:
        return self._current

    @property
    def busy(self) -> bool:
        return self._current is not None

    def pending(self) -> list[Job]:
        return list(self._queue)

    def submit(self, job: Job) -> bool:
        """Queue ``job``; False when an equal job is already running or queued."""
        if (self._current is not None and self._current.key == job.key) or any(
                queued.key == job.key for queued in self._queue):
            return False
        self._queue.append(job)
        self._start_next()
        return True

    def cancel(self) -> None:
        """Ask the running job to stop at its next check (and drop queued ones)."""
        self._queue.clear()
        self._cancel.set()

    def shutdown(self, wait_ms: int = 10_000) -> bool:
        """Cancel and stop the thread; True when it ended within ``wait_ms``. A sync cut off
        here leaves the previous consistent state (its writes are one transaction)."""
        self.cancel()
        self._thread.quit()
        return self._thread.wait(wait_ms)

    def _start_next(self) -> None:
        if self._current is not None or not self._queue:
            return
        self._current = self._queue.popleft()
        self._cancel = threading.Event()
        self.started.emit(self._current)
        self._submit.emit(self._current, self._cancel)

    @Slot(object, object)
    def _on_done(self, job: Job, result: Any) -> None:
        self._current = None
        self.finished.emit(job, result)
        self._start_next()
