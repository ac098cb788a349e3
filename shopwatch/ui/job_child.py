"""The child process that runs one of the app's long jobs (a sync, the demo set-up, an import)
outside the window's interpreter. No Qt here: the child imports only the job's own modules.

Why a process: a sync is Python from its first page to its commit. Run on a thread of the
window's process it shares the interpreter lock with the GUI thread, whose paints then run
about ten times slower (the window froze 100–500 ms at a time while a 20,000-listing shop
synced). In its own process it shares nothing but the database file, which was built for
that: the shop's lease makes it the one writer, and its single transaction leaves the last
committed state if it is killed.

The protocol, over the child's standard streams (pickles of our own objects between our own
two processes, never data from elsewhere):

- parent → child: one frame ``(job, log_level)``; then the byte ``c`` asks the job to stop at
  its next check. End of input (the app quit or was killed) asks the same.
- child → parent: frames ``("progress", done, items, message)``, ``("log", record_fields)``,
  then exactly one ``("result", value)`` or ``("error", summary, traceback)``.

A frame is a 4-byte big-endian length and a pickle. Anything a library prints goes to the
child's standard error, never into the frames."""

from __future__ import annotations

import logging
import logging.handlers
import os
import pickle
import struct
import sys
import threading
import traceback
from typing import IO, Any

#: what the parent sends to ask the job to stop
CANCEL = b"c"
_LENGTH = struct.Struct(">I")


def write_frame(stream: IO[bytes], value: Any) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def read_frame(stream: IO[bytes]) -> Any:
    """The next frame's value; EOFError when the stream ends (cleanly or mid-frame)."""
    head = _read_exactly(stream, _LENGTH.size)
    return pickle.loads(_read_exactly(stream, _LENGTH.unpack(head)[0]))


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    parts, left = [], size
    while left:
        chunk = stream.read(left)
        if not chunk:
            raise EOFError("the stream ended")
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


class _Frames:
    """The child's side of the pipe: frames written whole, from any thread."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.lock = threading.Lock()

    def send(self, *value: Any) -> None:
        with self.lock:
            write_frame(self.stream, value)


class _ForwardLogs(logging.handlers.QueueHandler):
    """Every record the job logs, to the parent, which logs it as its own. ``prepare`` (the
    standard library's) merges the arguments and the traceback into the message, so the
    record pickles."""

    def __init__(self, frames: _Frames) -> None:
        super().__init__(queue=None)  # type: ignore[arg-type]
        self.frames = frames

    def enqueue(self, record: logging.LogRecord) -> None:
        record.threadName = f"sync process {os.getpid()}: {record.threadName}"
        self.frames.send("log", dict(record.__dict__))


def _private_output() -> IO[bytes]:
    """The frames' stream: a private copy of standard output, which then points at standard
    error (a stray ``print`` in a library must not corrupt a frame). By descriptor: a
    windowed Windows executable may have no ``sys.stdout`` object over its pipes."""
    if sys.stdout is not None:
        sys.stdout.flush()
    frames = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return frames


def _watch_for_cancel(stream: IO[bytes], cancel: threading.Event) -> None:
    while True:
        try:
            byte = stream.read(1)
        except (OSError, ValueError):
            byte = b""
        if byte in (CANCEL, b""):  # asked, or the app is gone: stop at the next check
            cancel.set()
            return


#: how much lower the child's CPU priority is than the app's: the lowest (POSIX nice; Windows
#: starts it "below normal"). A seller's machine that is otherwise idle still gives it all
#: the CPU it wants; at nice 10 the window's paints still stretched to 55-75 ms while two
#: busy processes shared a two-core box, at 19 they stay at 24-39 ms (the UI benchmark)
NICE = 19


def _yield_to_the_window() -> None:
    """Background priority: on a two-core laptop the window's paints must not wait for the
    sync's parsing (a sync spends most of its time waiting for the platform anyway). In its
    own process this is safe: no lock is shared with the window."""
    if hasattr(os, "nice"):
        try:
            os.nice(NICE)
        except OSError:
            pass


def main() -> int:
    """Run the job the parent sends; 0 when its result (or its error) was sent back."""
    # who holds the shop's lease, in a busy message: "the shopwatch app"
    sys.argv[0] = "shopwatch"
    # unbuffered: the cancel watcher blocks in a read until the end, and a buffered reader's
    # lock held by a daemon thread aborts the interpreter's shutdown
    incoming = os.fdopen(os.dup(0), "rb", buffering=0)
    frames = _Frames(_private_output())
    try:
        job, level = read_frame(incoming)
    except (EOFError, pickle.UnpicklingError) as exc:
        os.write(2, f"shopwatch: no job to run ({exc})\n".encode())
        return 2
    _yield_to_the_window()
    root = logging.getLogger()
    root.handlers[:] = [_ForwardLogs(frames)]
    root.setLevel(level)
    cancel = threading.Event()
    threading.Thread(target=_watch_for_cancel, args=(incoming, cancel), daemon=True,
                     name="cancel-watch").start()

    def progress(done: int, items: int, message: str) -> None:
        frames.send("progress", done, items, message)

    try:
        result = job.run(progress, cancel.is_set)
    except Exception as exc:  # noqa: BLE001 - the parent reports it as the job's error
        frames.send("error", f"{type(exc).__name__}: {exc}", traceback.format_exc())
        return 0
    try:
        frames.send("result", result)
    except (pickle.PicklingError, TypeError, AttributeError) as exc:
        frames.send("error", f"the job's result could not be sent back: {exc}", "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
