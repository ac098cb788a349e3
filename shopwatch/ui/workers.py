"""The one way work crosses threads in the desktop app (in the spirit of Picard's
``util/thread.py``): ``run_task(fn, on_done, on_error)`` runs ``fn`` on a thread pool and hands
its result to ``on_done`` in the GUI thread; ``to_main(fn)`` gets any call back to the GUI
thread. ``run_query(db_path, fn, on_done)`` is ``run_task`` for reads: ``fn(db)`` gets the pool
thread's own read connection (a connection belongs to the thread that opened it).

``JobRunner`` is the app's serial queue of long jobs (syncs, the demo set-up, imports,
connection tests) on top of ``run_task``: one at a time, cancellable, progress by signal.
Nothing here touches a widget from a pool thread."""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from shopwatch.config import DetectionSettings
from shopwatch.models import Alert

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
CancelCheck = Callable[[], bool]


# --- the helper ------------------------------------------------------------------------------

class _MainCaller(QObject):
    """Lives in the GUI thread; runs what other threads hand it (Qt queues the signal)."""

    call = Signal(object)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName("shopwatch-main-caller")
        self.in_flight = 0
        self.call.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _run(self, fn: Callable[[], Any]) -> None:
        try:
            fn()
        except Exception:  # noqa: BLE001 - a failing callback must not take the loop down
            log.exception("a GUI-thread callback failed")


def _caller() -> _MainCaller:
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("run_task/to_main need a running QApplication")
    caller = app.findChild(_MainCaller, "shopwatch-main-caller")
    if caller is None:
        if QCoreApplication.instance().thread() is not _current_qthread():
            raise RuntimeError("the first run_task/to_main call must come from the GUI thread")
        caller = _MainCaller(app)
    return caller


def _current_qthread():
    from PySide6.QtCore import QThread

    return QThread.currentThread()


def to_main(fn: Callable[[], Any]) -> None:
    """Run ``fn`` in the GUI thread (soon, from the event loop), whatever thread asks."""
    _caller().call.emit(fn)


def _alive(owner: QObject | None) -> bool:
    return owner is None or shiboken6.isValid(owner)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], done: Callable[[Any], None],
                 error: Callable[[BaseException], None]) -> None:
        super().__init__()
        self.fn, self.done, self.error = fn, done, error

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # noqa: BLE001 - handed to on_error in the GUI thread
            self.error(exc)
        else:
            self.done(result)


def _log_error(exc: BaseException) -> None:
    log.error("background task failed", exc_info=exc)


def run_task(fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None, *,
             owner: QObject | None = None, pool: QThreadPool | None = None) -> None:
    """Run ``fn`` off the GUI thread; ``on_done(result)`` (or ``on_error(exception)``; by
    default the error is logged) runs in the GUI thread, unless ``owner`` has been deleted by
    then (a page closed while its read was on the way)."""
    caller = _caller()
    caller.in_flight += 1
    failed = on_error or _log_error

    def finish(callback: Callable[[Any], None] | None, value: Any) -> None:
        caller.in_flight -= 1
        if callback is not None and _alive(owner):
            callback(value)

    task = _Task(fn, lambda result: caller.call.emit(lambda: finish(on_done, result)),
                 lambda exc: caller.call.emit(lambda: finish(failed, exc)))
    (pool or QThreadPool.globalInstance()).start(task)


def tasks_in_flight() -> int:
    """How many tasks have not delivered their result yet (tests wait for 0)."""
    return _caller().in_flight


def wait_idle(timeout_ms: int = 10_000) -> bool:
    """Process events until every task has delivered (tests and shutdown); True when idle."""
    from PySide6.QtCore import QDeadlineTimer

    deadline = QDeadlineTimer(timeout_ms)
    caller = _caller()
    while caller.in_flight and not deadline.hasExpired():
        QCoreApplication.processEvents()
        time.sleep(0.001)
    QCoreApplication.processEvents()
    return caller.in_flight == 0


# --- reads -----------------------------------------------------------------------------------

_reads = threading.local()


def _read_db(db_path: Path):
    """The calling pool thread's read connection to ``db_path`` (opened on first use; one
    profile at a time per thread)."""
    from shopwatch.store.db import open_db

    current = getattr(_reads, "db", None)
    if current is not None and _reads.path == db_path:
        return current
    if current is not None:
        current.close()
    _reads.db, _reads.path = open_db(db_path, migrate_schema=False), db_path
    return _reads.db


def read_pool() -> QThreadPool:
    """Two long-lived reader threads (their connections stay open between reads)."""
    caller = _caller()
    pool = caller.findChild(QThreadPool, "shopwatch-reads")
    if pool is None:
        pool = QThreadPool(caller)
        pool.setObjectName("shopwatch-reads")
        pool.setMaxThreadCount(2)
        pool.setExpiryTimeout(-1)
    return pool


def run_query(db_path: Path, fn: Callable[[Any], Any],
              on_done: Callable[[Any], None] | None = None,
              on_error: Callable[[BaseException], None] | None = None, *,
              owner: QObject | None = None) -> None:
    """``run_task`` for a read: ``fn(db)`` runs on a reader thread's own connection."""
    path = Path(db_path)
    run_task(lambda: fn(_read_db(path)), on_done, on_error, owner=owner, pool=read_pool())


# --- jobs ------------------------------------------------------------------------------------

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
    #: newer: no run was recorded, nothing is wrong)
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
        db = open_db(self.db_path)
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
        error_kind = run.error_kind if run else ("store" if result.status != "ok" else "")
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



class JobRunner(QObject):
    """A serial queue of jobs run through ``run_task`` on a one-thread pool; every result and
    progress step comes back by signal in the GUI thread."""

    started = Signal(object)  # job
    progress = Signal(object, int, int, str)  # job, pages, items, message
    finished = Signal(object, object)  # job, result (SyncOutcome, JobError, …)

    def __init__(self, name: str = "shopwatch-jobs", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setObjectName(name)
        self._pool.setMaxThreadCount(1)
        self._queue: deque[Job] = deque()
        self._current: Job | None = None
        self._cancel = threading.Event()

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
        """Cancel and wait for the running job; True when it ended within ``wait_ms``. A sync
        cut off here leaves the previous consistent state (its writes are one transaction)."""
        self.cancel()
        return self._pool.waitForDone(wait_ms)

    def _start_next(self) -> None:
        if self._current is not None or not self._queue:
            return
        job = self._current = self._queue.popleft()
        cancel = self._cancel = threading.Event()
        self.started.emit(job)

        def progress(pages: int, items: int, message: str) -> None:
            to_main(lambda: self._progressed(job, pages, items, message))

        def work() -> Any:
            try:
                return job.run(progress, cancel.is_set)
            except Exception as exc:  # noqa: BLE001 - reported to the GUI, never lost
                log.exception("job %s failed", job.key)
                return JobError(f"{type(exc).__name__}: {exc}")

        run_task(work, lambda result: self._done(job, result), owner=self, pool=self._pool)

    def _progressed(self, job: Job, pages: int, items: int, message: str) -> None:
        if shiboken6.isValid(self):
            self.progress.emit(job, pages, items, message)

    def _done(self, job: Job, result: Any) -> None:
        self._current = None
        self.finished.emit(job, result)
        self._start_next()
