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
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)

if TYPE_CHECKING:
    from shopwatch.ui.jobs import CancelCheck, Progress

#: the jobs the runner runs, re-exported from ``shopwatch.ui.jobs`` when first asked for
#: (their modules are not on the way to the first paint)
_JOBS = frozenset({"CancelCheck", "DemoSetupJob", "JobError", "Progress", "SyncJob",
                   "SyncOutcome"})


def __getattr__(name: str) -> Any:
    if name in _JOBS:
        from shopwatch.ui import jobs

        return getattr(jobs, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

log = logging.getLogger(__name__)

# --- the helper ------------------------------------------------------------------------------

#: the GUI thread runs handed callbacks for at most about this long in one go, then lets the
#: event loop paint and answer input before the rest (a sync's end hands a dozen page
#: refreshes at once; run back to back they blocked the window for 60–100 ms)
SLICE_S = 0.008


class _MainCaller(QObject):
    """Lives in the GUI thread; runs what other threads hand it, in order, a time slice at a
    time.

    Callables travel through a locked queue, not as signal arguments: a callable may hold the
    last reference to a widget (a page closed while its read was on the way), and that
    reference must be dropped in the GUI thread, or the widget is destroyed on a pool thread
    (a crash). The handing thread lets go of everything before it signals."""

    wake = Signal()

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName("shopwatch-main-caller")
        self.in_flight = 0
        self.lock = threading.Lock()
        self.pending: deque[Callable[[], Any]] = deque()
        self.woken = False  # a drain is on its way (the signal, or the next-turn timer)
        self.wake.connect(self._drain, Qt.ConnectionType.QueuedConnection)
        self._next_turn = QTimer(self)
        self._next_turn.setSingleShot(True)
        self._next_turn.setInterval(0)
        self._next_turn.timeout.connect(self._drain)

    def hand(self, box: list) -> None:
        """Queue ``box[0]`` for the GUI thread, emptying ``box`` under the lock (the caller
        keeps no reference)."""
        with self.lock:
            self.pending.append(box.pop())
            if self.woken:
                return
            self.woken = True
        try:
            self.wake.emit()
        except RuntimeError:  # the application is gone (exit): nobody is left to answer
            log.debug("a task finished after the application closed")

    @Slot()
    def _drain(self) -> None:
        deadline = time.perf_counter() + SLICE_S
        while True:
            with self.lock:
                if not self.pending:
                    self.woken = False
                    return
                fn = self.pending.popleft()
            try:
                fn()
            except Exception:  # noqa: BLE001 - a failing callback must not take the loop down
                log.exception("a GUI-thread callback failed")
            del fn
            if time.perf_counter() >= deadline:
                break
        # the rest on the event loop's next turn, after the paints and input waiting now
        self._next_turn.start()


def main_caller() -> QObject:
    """The GUI-thread object ``to_main`` posts to; made on first use, which must be in the GUI
    thread (the app and the scheduler call this at start-up)."""
    return _caller()


#: the GUI thread's caller, remembered so other threads never search the application's
#: children: QObject::findChild from a pool thread races the GUI thread adding and deleting
#: children of the app (a segfault seen in the UI suite when APScheduler fired a due sync)
_made: list[_MainCaller] = []
_made_lock = threading.Lock()


def _caller() -> _MainCaller:
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("run_task/to_main need a running QApplication")
    with _made_lock:
        if _made and shiboken6.isValid(_made[0]):  # a child of the app: gone with it
            return _made[0]
        if app.thread() is not _current_qthread():
            raise RuntimeError("the first run_task/to_main call must come from the GUI thread")
        caller = app.findChild(_MainCaller, "shopwatch-main-caller") or _MainCaller(app)
        _made[:] = [caller]
        return caller


def _current_qthread():
    from PySide6.QtCore import QThread

    return QThread.currentThread()


def to_main(fn: Callable[[], Any]) -> None:
    """Run ``fn`` in the GUI thread (soon, from the event loop), whatever thread asks."""
    box = [fn]
    del fn
    _caller().hand(box)


def _alive(owner: QObject | None) -> bool:
    return owner is None or shiboken6.isValid(owner)


def _bind(finish: Callable, handler: Any, value: Any) -> Callable[[], None]:
    return lambda: finish(handler, value)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], finish: Callable[[Callable, Any], None],
                 on_done: Callable[[Any], None] | None,
                 on_error: Callable[[BaseException], None], caller: _MainCaller) -> None:
        super().__init__()
        self.parts = [fn, finish, on_done, on_error]
        self.caller = caller

    def run(self) -> None:
        fn, finish, on_done, on_error = self.parts
        self.parts = []
        try:
            value, handler = fn(), on_done
        except Exception as exc:  # noqa: BLE001 - handed to on_error in the GUI thread
            value, handler = exc, on_error
        # everything this thread holds goes to the GUI thread in one box: the last reference
        # to a page (held by its callbacks) must not be dropped here
        box = [_bind(finish, handler, value)]
        del fn, on_done, on_error, handler, value, finish
        self.caller.hand(box)


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

    def finish(callback: Callable[[Any], None] | None, value: Any) -> None:
        caller.in_flight -= 1
        if callback is not None and _alive(owner):
            callback(value)

    task = _Task(fn, finish, on_done, on_error or _log_error, caller)
    (pool or QThreadPool.globalInstance()).start(task)


def tasks_in_flight() -> int:
    """How many tasks have not delivered their result yet (tests wait for 0)."""
    return _caller().in_flight


def wait_idle(timeout_ms: int = 10_000) -> bool:
    """Process events until every task has delivered (tests and shutdown); True when idle."""
    from PySide6.QtCore import QDeadlineTimer

    deadline = QDeadlineTimer(timeout_ms)
    caller = _caller()
    while True:
        # idle means nothing in flight *after* the events were handled: handling them may
        # start a task (a refresh, the next warm-up step)
        QCoreApplication.processEvents()
        if not caller.in_flight:
            return True
        if deadline.hasExpired():
            return False
        time.sleep(0.001)


# --- reads -----------------------------------------------------------------------------------

#: each reader thread's connection, by OS thread: a Qt pool thread is not a Python thread,
#: so it gets a fresh Python thread state (and an empty ``threading.local``) on every task —
#: keyed by thread id, the connection (and the filter index it holds) lives as long as the
#: thread, instead of being reopened for every read
_reads: dict[int, tuple[Path, Any]] = {}
_reads_lock = threading.Lock()


def _read_db(db_path: Path):
    """The calling pool thread's read connection to ``db_path`` (opened on first use; one
    profile at a time per thread)."""
    from shopwatch.store.db import open_db

    ident = threading.get_ident()
    with _reads_lock:
        current = _reads.get(ident)
    if current is not None and current[0] == db_path:
        return current[1]
    if current is not None:
        current[1].close()
    db = open_db(db_path, migrate_schema=False)
    with _reads_lock:
        _reads[ident] = (db_path, db)
    return db


def _named_pool(name: str, threads: int) -> QThreadPool:
    """The caller's pool ``name`` of ``threads`` long-lived threads (made on first use)."""
    caller = _caller()
    pool = caller.findChild(QThreadPool, name)
    if pool is None:
        pool = QThreadPool(caller)
        pool.setObjectName(name)
        pool.setMaxThreadCount(threads)
        pool.setExpiryTimeout(-1)
    return pool


def read_pool() -> QThreadPool:
    """Two long-lived reader threads (their connections stay open between reads)."""
    return _named_pool("shopwatch-reads", 2)


def key_pool() -> QThreadPool:
    """One long-lived thread for the Listings table's key queries: its connection keeps the
    filter index (``views.ListingKeyIndex``) warm between keystrokes."""
    return _named_pool("shopwatch-keys", 1)


def run_query(db_path: Path, fn: Callable[[Any], Any],
              on_done: Callable[[Any], None] | None = None,
              on_error: Callable[[BaseException], None] | None = None, *,
              owner: QObject | None = None, pool: QThreadPool | None = None) -> None:
    """``run_task`` for a read: ``fn(db)`` runs on a reader thread's own connection (the
    two general readers, or ``pool``'s)."""
    path = Path(db_path)
    run_task(lambda: fn(_read_db(path)), on_done, on_error, owner=owner,
             pool=pool or read_pool())


# --- the serial job queue ------------------------------------------------------------------------------------

class Job(Protocol):
    #: jobs with equal keys are not queued twice ("sync:3")
    key: str

    def run(self, progress: Progress, cancelled: CancelCheck) -> Any: ...


def _failed(job: Job, exc: Exception) -> Any:
    """The JobError a job that raised (here or in its process) comes back as."""
    from shopwatch.ui.job_process import ChildDied, JobFailed
    from shopwatch.ui.jobs import JobError

    if isinstance(exc, ChildDied):
        log.error("job %s: %s", job.key, exc)
        return JobError(str(exc), "died")
    if isinstance(exc, JobFailed):  # its traceback was logged as the child reported it
        return JobError(str(exc))
    log.exception("job %s failed", job.key)
    return JobError(f"{type(exc).__name__}: {exc}")


class JobRunner(QObject):
    """A serial queue of jobs run through ``run_task`` on a one-thread pool; every result and
    progress step comes back by signal in the GUI thread."""

    started = Signal(object)  # job
    progress = Signal(object, int, int, str)  # job, pages, items, message
    finished = Signal(object, object)  # job, result (SyncOutcome, JobError, …)

    def __init__(self, name: str = "shopwatch-jobs", parent: QObject | None = None, *,
                 processes: bool = False) -> None:
        super().__init__(parent)
        #: run the jobs that allow it (``in_child``) in a child process (``job_process``):
        #: the app's own runner does, so a sync never shares the window's interpreter
        self.processes = processes
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
        if self._pool.waitForDone(wait_ms):
            return True
        if self.processes and sys.modules.get("shopwatch.ui.job_process"):
            # a job process that did not stop when asked (a request hanging until its
            # timeout) is ended, so the app's exit does not wait for it
            from shopwatch.ui.job_process import end_running

            if end_running():
                self._pool.waitForDone(5_000)
        return False

    def _start_next(self) -> None:
        if self._current is not None or not self._queue:
            return
        job = self._current = self._queue.popleft()
        cancel = self._cancel = threading.Event()
        self.started.emit(job)

        def progress(pages: int, items: int, message: str) -> None:
            to_main(lambda: self._progressed(job, pages, items, message))

        in_child = self.processes and getattr(job, "in_child", False)

        def work() -> Any:
            try:
                if in_child:
                    from shopwatch.ui.job_process import run_in_child

                    return run_in_child(job, progress, cancel.is_set)
                return job.run(progress, cancel.is_set)
            except Exception as exc:  # noqa: BLE001 - reported to the GUI, never lost
                return _failed(job, exc)

        run_task(work, lambda result: self._done(job, result), owner=self, pool=self._pool)

    def _progressed(self, job: Job, pages: int, items: int, message: str) -> None:
        if shiboken6.isValid(self):
            self.progress.emit(job, pages, items, message)

    def _done(self, job: Job, result: Any) -> None:
        self._current = None
        self.finished.emit(job, result)
        self._start_next()
