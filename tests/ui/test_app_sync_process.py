"""The app runs a sync in a child process (``shopwatch.ui.job_process``), away from the
window's interpreter: the seller sees the same progress, result and alerts as before, and a
child that is killed mid-sync is a plain failed sync that changed nothing, after which the
next sync runs normally."""

from __future__ import annotations

import os
import signal
import subprocess

import pytest

from shopwatch.store import queries
from shopwatch.ui import job_process, labels
from shopwatch.ui.jobs import JobError


@pytest.fixture
def children(monkeypatch):
    """The processes the app started for its jobs."""
    started: list[subprocess.Popen] = []
    real = subprocess.Popen

    def spy(*args, **kwargs):
        proc = real(*args, **kwargs)
        started.append(proc)
        return proc

    monkeypatch.setattr(job_process.subprocess, "Popen", spy)
    return started


def ok_runs(session, shop_id: int) -> int:
    return sum(r.status == "ok" for r in queries.recent_runs(session.db, shop_id, limit=100))


def test_sync_now_runs_in_a_child_process_with_progress_and_alerts(qtbot, controller,
                                                                   children):
    session, bar = controller.session, controller.window.syncbar
    controller.window.show()
    shop_id = session.shop_id
    runs_before = ok_runs(session, shop_id)
    steps: list[str] = []
    controller.runner.progress.connect(lambda *_: steps.append(bar.activity.text()))
    with qtbot.waitSignal(controller.runner.finished, timeout=60_000) as done:
        assert controller.sync_current()
    outcome = done.args[1]
    assert outcome.status == "ok" and outcome.listings > 0
    assert len(children) == 1
    assert children[0].args[-2:] == ["-m", "shopwatch.ui.job_child"]
    assert children[0].returncode == 0  # reaped
    assert any("page" in s for s in steps), steps
    assert ok_runs(session, shop_id) == runs_before + 1
    # the day's news crossed the pipe as alerts the app announces and stores
    stored = {a.id for a in queries.list_alerts(session.db, shop_id=shop_id)}
    assert outcome.alerts and {a.id for a in outcome.alerts} <= stored
    assert bar.last.text().startswith("Last sync")


def test_a_sync_process_killed_midway_is_a_plain_failure_that_changed_nothing(
        qtbot, controller, children):
    session, window = controller.session, controller.window
    window.show()
    shop_id = session.shop_id
    before = queries.count_by_status(session.db, shop_id)
    runs_before = ok_runs(session, shop_id)

    def kill_on_first_page(job, pages, items, message):
        if children and children[-1].poll() is None:
            os.kill(children[-1].pid, signal.SIGKILL)

    controller.runner.progress.connect(kill_on_first_page)
    with qtbot.waitSignal(controller.runner.finished, timeout=60_000) as done:
        controller.sync_current()
    controller.runner.progress.disconnect(kill_on_first_page)
    error = done.args[1]
    assert isinstance(error, JobError) and error.kind == "died"
    assert "exit code -9" in error.message
    banner = window.error_banner
    assert banner.isVisible()
    shop = session.shop  # named as the sidebar names it (the demo shop is not "demo")
    assert banner.heading.text() == (
        f"The sync of “{labels.shop_name(shop.name, shop.platform)}” failed")
    assert "“demo”" not in banner.heading.text()
    assert banner.text.text() == labels.sync_error("interrupted")
    assert "exit code" in banner.toolTip()  # the detail, not in the sentence
    assert queries.count_by_status(session.db, shop_id) == before
    assert ok_runs(session, shop_id) == runs_before
    # backed off like a failure, not due again at once
    assert controller.scheduler.next_plan(shop_id).reason == "retry"

    # the dead child's lease is taken over: the next sync runs and commits
    with qtbot.waitSignal(controller.runner.finished, timeout=60_000) as again:
        controller.sync_current()
    assert again.args[1].status == "ok", again.args[1].error
    assert ok_runs(session, shop_id) == runs_before + 1
    assert not banner.isVisible()
