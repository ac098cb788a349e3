"""The app's side of ``job_child``: run one job in a child process and wait for it on the
calling (pool) thread, handing its progress on and passing cancellation in. No Qt here.

The waiting thread sleeps on a queue: the window's interpreter does almost nothing while a
shop syncs next door (unpickling a progress frame now and then)."""

from __future__ import annotations

import logging
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import IO, Any

from shopwatch.ui.job_child import CANCEL, read_frame, write_frame

log = logging.getLogger(__name__)

#: the argument the frozen app's entry script (packaging/launcher.py) answers by running a job
FROZEN_FLAG = "--run-job"
#: how much of the child's standard error is kept for the message when it dies
STDERR_TAIL = 4000
#: how often the waiting thread looks at the cancel flag (seconds)
POLL_S = 0.1


#: the children running now (the app ends them if they outlive its shutdown wait)
_running: set[subprocess.Popen] = set()
_running_lock = threading.Lock()


def end_running() -> int:
    """Kill every job process still running (the app is quitting and they did not stop when
    asked): a sync killed mid-way leaves the last committed state. How many were ended."""
    with _running_lock:
        procs = [proc for proc in _running if proc.poll() is None]
    for proc in procs:
        proc.kill()
    return len(procs)


class JobFailed(RuntimeError):
    """The job raised in its process; the message is ``Type: message`` as it was there."""


class ChildDied(RuntimeError):
    """The child ended without sending its job's result (killed, crashed, out of memory)."""


def child_command() -> list[str]:
    """How to start a job's process: the frozen app runs itself with ``--run-job``; from a
    source or wheel install, the interpreter runs ``shopwatch.ui.job_child``."""
    if getattr(sys, "frozen", False):
        return [sys.executable, FROZEN_FLAG]
    return [sys.executable, "-m", "shopwatch.ui.job_child"]


def run_in_child(job: Any, progress: Callable[[int, int, str], None],
                 cancelled: Callable[[], bool], *, command: list[str] | None = None) -> Any:
    """``job.run(progress, cancelled)`` in a child process: its result, or ``JobFailed`` with the
    exception it raised there; ``ChildDied`` if the child ended without
    either. Records it logs are logged here."""
    flags = 0
    if sys.platform == "win32":
        flags = (getattr(subprocess, "CREATE_NO_WINDOW", 0)
                 | getattr(subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0))
    proc = subprocess.Popen(command or child_command(), stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            creationflags=flags, env=_child_env())
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    with _running_lock:
        _running.add(proc)
    stderr_tail: list[bytes] = []
    frames: queue.Queue = queue.Queue()
    readers = [threading.Thread(target=_read_frames, args=(proc.stdout, frames), daemon=True,
                                name="job-frames"),
               threading.Thread(target=_keep_tail, args=(proc.stderr, stderr_tail),
                                daemon=True, name="job-stderr")]
    for reader in readers:
        reader.start()
    try:
        try:
            write_frame(proc.stdin, (job, logging.getLogger().getEffectiveLevel()))
        except BrokenPipeError:  # it died at once: _wait reports it with its last words
            pass
        return _wait(proc, frames, progress, cancelled, stderr_tail, readers)
    finally:
        _close(proc)
        with _running_lock:
            _running.discard(proc)


def _wait(proc: subprocess.Popen, frames: queue.Queue,
          progress: Callable[[int, int, str], None], cancelled: Callable[[], bool],
          stderr_tail: list[bytes], readers: list[threading.Thread]) -> Any:
    asked = False
    while True:
        try:
            frame = frames.get(timeout=POLL_S)
        except queue.Empty:
            if not asked and cancelled():
                _ask_to_stop(proc)
                asked = True
            continue
        if frame is None:  # the child's output ended before its result
            break
        kind = frame[0]
        if kind == "progress":
            progress(*frame[1:])
        elif kind == "log":
            record = logging.makeLogRecord(frame[1])
            logging.getLogger(record.name).handle(record)
        elif kind == "result":
            return frame[1]
        elif kind == "error":
            if frame[2]:
                log.error("the job's process reported an error:\n%s", frame[2])
            raise JobFailed(frame[1])
    code = proc.wait()
    for reader in readers:
        reader.join(timeout=2)
    tail = b"".join(stderr_tail).decode("utf-8", "replace").strip()
    if tail:
        log.error("the job's process ended (exit code %s); its last output:\n%s", code, tail)
    raise ChildDied(f"the job's process ended without finishing (exit code {code})")


def _ask_to_stop(proc: subprocess.Popen) -> None:
    try:
        proc.stdin.write(CANCEL)
        proc.stdin.flush()
    except (OSError, ValueError):  # it has ended already
        pass


def _read_frames(stream: IO[bytes], frames: queue.Queue) -> None:
    try:
        while True:
            frames.put(read_frame(stream))
    except Exception as exc:  # noqa: BLE001 - EOF, or a torn frame from a killed child
        if not isinstance(exc, EOFError):
            log.warning("the job's process sent an unreadable frame: %s", exc)
    frames.put(None)


def _keep_tail(stream: IO[bytes], tail: list[bytes]) -> None:
    size = 0
    for line in iter(stream.readline, b""):
        tail.append(line)
        size += len(line)
        while size > STDERR_TAIL and len(tail) > 1:
            size -= len(tail.pop(0))


def _close(proc: subprocess.Popen) -> None:
    """The child is done (or this thread is leaving): close its input, which also asks a
    still-running job to stop, and reap it."""
    try:
        proc.stdin.close()
    except OSError:
        pass
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        log.warning("the job's process did not stop; ending it")
        proc.kill()
        proc.wait()


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    # the child's only output is frames and, on errors, text the app logs: UTF-8 whatever the
    # machine's code page
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("PYTHONINSPECT", None)
    return env
