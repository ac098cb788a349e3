"""Syncs run on the job runner's thread against the real embedded demo marketplace: the GUI
thread keeps handling events, progress (pages fetched) arrives by signal, cancel leaves the
shop as it was, and a failing sync comes back as a plain message."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from shopwatch.credentials import APP_SECRET, SESSION, set_secret
from shopwatch.store import queries
from shopwatch.timeutil import iso, now_utc
from shopwatch.ui.workers import JobError, JobRunner, SyncJob, SyncOutcome


def demo_id(session) -> int:
    return next(s.id for s in session.shops if s.platform == "demo")


def test_a_demo_sync_runs_off_the_gui_thread_and_reports_pages(qtbot, session):
    runner = JobRunner()
    progress: list[tuple[int, int, str]] = []
    threads: set[object] = set()

    def on_progress(job, pages, items, message):
        # delivered by the GUI thread's event loop while the sync is still running
        assert QThread.currentThread() is qtbot_thread
        progress.append((pages, items, message))

    qtbot_thread = QThread.currentThread()
    runner.progress.connect(on_progress)
    runs_before = len(queries.recent_runs(session.db, demo_id(session), limit=100))

    class Spy(SyncJob):
        def run(self, progress, cancelled):
            threads.add(threading.get_ident())
            return SyncJob.run(self, progress, cancelled)

    job = Spy(session.db_path, demo_id(session))
    with qtbot.waitSignal(runner.finished, timeout=60_000) as blocker:
        assert runner.submit(job)
        assert runner.busy
        assert not runner.submit(Spy(session.db_path, demo_id(session)))  # no duplicate
    done_job, outcome = blocker.args
    assert done_job is job
    assert isinstance(outcome, SyncOutcome), outcome
    assert outcome.status == "ok" and outcome.listings > 0 and outcome.pages > 0
    assert progress and max(p for p, _, _ in progress) >= 1
    assert threading.get_ident() not in threads  # the sync did not run on this thread
    runs_after = queries.recent_runs(session.db, demo_id(session), limit=100)
    assert len(runs_after) == runs_before + 1 and runs_after[0].status == "ok"
    assert runner.shutdown(5000)


def test_cancel_stops_the_sync_and_changes_nothing(qtbot, session):
    runner = JobRunner()
    shop_id = demo_id(session)
    before = queries.count_by_status(session.db, shop_id)
    with qtbot.waitSignal(runner.finished, timeout=60_000) as blocker:
        runner.submit(SyncJob(session.db_path, shop_id))
        runner.cancel()  # before the first page: the worker sees it at its first check
    outcome = blocker.args[1]
    assert outcome.status == "cancelled"
    assert queries.count_by_status(session.db, shop_id) == before
    assert queries.last_run(session.db, shop_id).error_kind == "cancelled"
    assert runner.shutdown(5000)


def test_a_shop_without_secrets_reports_a_configuration_problem(qtbot, session,
                                                                 memory_keyring):
    shop = queries.add_shop(session.db, "real", "taobao", now=iso(now_utc()),
                            endpoint="http://127.0.0.1:9/router/rest", app_key="k")
    runner = JobRunner()
    with qtbot.waitSignal(runner.finished, timeout=30_000) as blocker:
        runner.submit(SyncJob(session.db_path, shop.id))
    outcome = blocker.args[1]
    assert outcome.status == "config" and "secret" in outcome.error
    assert runner.shutdown(5000)


def test_an_unreachable_platform_is_a_failed_sync_not_a_crash(qtbot, session, memory_keyring):
    shop = queries.add_shop(session.db, "real", "taobao", now=iso(now_utc()),
                            endpoint="http://127.0.0.1:9/router/rest", app_key="k")
    set_secret("real", APP_SECRET, "s")
    set_secret("real", SESSION, "t")
    runner = JobRunner()
    with qtbot.waitSignal(runner.finished, timeout=60_000) as blocker:
        runner.submit(SyncJob(session.db_path, shop.id))
    outcome = blocker.args[1]
    assert outcome.status == "failed" and outcome.error_kind == "network"
    assert runner.shutdown(5000)


def test_a_job_that_raises_comes_back_as_an_error_value(qtbot):
    class Broken:
        key = "broken"

        def run(self, progress, cancelled):
            raise RuntimeError("boom")

    runner = JobRunner()
    with qtbot.waitSignal(runner.finished, timeout=5000) as blocker:
        runner.submit(Broken())
    assert isinstance(blocker.args[1], JobError) and "boom" in blocker.args[1].message
    assert not runner.busy
    assert runner.shutdown(5000)
