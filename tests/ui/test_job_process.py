"""The app's long jobs run in a child process (``shopwatch.ui.job_process``): results,
progress, errors, logs and cancellation cross the pipe; a child that dies is a plain error and
never a hang; stray output in the child never corrupts the frames."""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest

from shopwatch.ui import job_child, job_process
from shopwatch.ui.job_process import ChildDied, JobFailed, child_command, run_in_child
from tests.ui.probe.jobs import ProbeJob

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _probe_importable(monkeypatch):
    """The child unpickles the probe jobs: it needs the repository root on its path."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]))


def run(mode: str, cancelled=lambda: False):
    steps: list[tuple] = []
    result = run_in_child(ProbeJob(mode), lambda *step: steps.append(step), cancelled)
    return result, steps


def test_the_job_runs_in_another_process_and_its_progress_comes_back_in_order():
    result, steps = run("pid")
    assert result["pid"] != os.getpid()
    # the shop's lease names the holder "the shopwatch app", not the module
    assert result["argv0"] == "shopwatch"
    # at background priority: the window's paints come first on a two-core laptop
    assert result["nice"] == min(os.nice(0) + job_child.NICE, 19)
    assert steps == [(1, 3, "step 1 第1步"), (2, 3, "step 2 第2步"), (3, 3, "step 3 第3步")]


def test_the_jobs_exception_comes_back_with_its_type_and_text(caplog):
    with pytest.raises(JobFailed) as raised:
        run("raise")
    assert str(raised.value) == "ValueError: the export's third column is empty（第三列为空）"
    # the child's traceback is in the app's log, for the report
    assert any("Traceback" in r.getMessage() and "probe" in r.getMessage()
               for r in caplog.records)


def test_what_a_library_prints_never_reaches_the_frames():
    result, _ = run("print")
    assert result == "clean"


def test_the_childs_log_records_are_logged_here(caplog):
    with caplog.at_level(logging.WARNING):
        result, _ = run("log")
    assert result == "logged"
    record = next(r for r in caplog.records if r.name == "shopwatch.probe")
    assert record.getMessage() == "a warning from the child: 店铺"
    assert record.levelno == logging.WARNING and "sync process" in record.threadName


def test_cancelling_reaches_the_child_and_its_result_comes_back():
    asked = time.monotonic() + 0.5
    started = time.monotonic()
    result, _ = run("wait", cancelled=lambda: time.monotonic() > asked)
    assert result == "cancelled"
    assert time.monotonic() - started < 10


def test_a_child_that_dies_is_an_error_with_its_last_words_logged(caplog):
    with pytest.raises(ChildDied) as raised:
        run("die")
    assert "exit code -9" in str(raised.value)
    assert any("last words before the end" in r.getMessage() for r in caplog.records)


def test_a_result_that_cannot_be_sent_back_is_an_error_not_a_hang():
    with pytest.raises(JobFailed, match="could not be sent back"):
        run("unpicklable")


def test_the_child_stops_its_job_when_the_app_goes_away():
    """The app quit or was killed: the child's input ends, and the job is asked to stop."""
    proc = subprocess.Popen(child_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    job_child.write_frame(proc.stdin, (ProbeJob("wait"), logging.WARNING))
    proc.stdin.close()
    try:
        assert proc.wait(timeout=30) == 0
        frames = []
        while True:
            try:
                frames.append(job_child.read_frame(proc.stdout))
            except EOFError:
                break
        assert frames[-1] == ("result", "cancelled")
    finally:
        proc.kill()
        proc.stdout.close()


def test_a_child_given_no_job_says_so():
    done = subprocess.run(child_command(), input=b"", capture_output=True, timeout=30)
    assert done.returncode == 2 and b"no job to run" in done.stderr


def test_frames_are_whole_pickles_with_a_length():
    import io

    stream = io.BytesIO()
    job_child.write_frame(stream, ("progress", 1, 2, "页"))
    data = stream.getvalue()
    assert int.from_bytes(data[:4], "big") == len(data) - 4
    assert pickle.loads(data[4:]) == ("progress", 1, 2, "页")
    stream.seek(0)
    assert job_child.read_frame(stream) == ("progress", 1, 2, "页")
    with pytest.raises(EOFError):
        job_child.read_frame(io.BytesIO(data[:-1]))  # a torn frame is an end, not garbage


def test_the_frozen_app_starts_itself_with_the_internal_flag(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert child_command() == [sys.executable, "--run-job"]
    launcher = (ROOT / "packaging" / "launcher.py").read_text(encoding="utf-8")
    assert '["--run-job"]' in launcher and "job_child" in launcher


def test_the_apps_exit_ends_a_job_process_that_does_not_stop(qtbot):
    from shopwatch.ui.jobs import JobError
    from shopwatch.ui.workers import JobRunner

    runner = JobRunner(processes=True)
    with qtbot.waitSignal(runner.progress, timeout=30_000):
        assert runner.submit(ProbeJob("stubborn"))
    started = time.monotonic()
    with qtbot.waitSignal(runner.finished, timeout=30_000) as done:
        assert runner.shutdown(300) is False  # it ignored the request to stop
    assert time.monotonic() - started < 10
    assert isinstance(done.args[1], JobError) and done.args[1].kind == "died"
    assert not job_process._running
