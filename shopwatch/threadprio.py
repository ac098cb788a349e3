"""Background work at a lower CPU priority than the window.

A sync parses, hashes and writes for seconds; on a two-core laptop it competes with the GUI
thread for a core, and every page the seller opens meanwhile paints slower. The operating
system's scheduler settles that if the sync's thread asks for less: Linux and macOS take a
per-thread nice value, Windows a thread priority. The call is best effort (a platform without
it, or a sandbox that refuses it, leaves the thread as it was) and one-way: an unprivileged
process may not raise a thread's priority again, so it is meant for a thread that ends with
its work (``run_in_background_thread``)."""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Linux/macOS nice increment for background threads (0 normal .. 19 lowest)
BACKGROUND_NICE = 10
#: Windows THREAD_PRIORITY_BELOW_NORMAL
_WIN_BELOW_NORMAL = -1
#: macOS: setpriority(PRIO_DARWIN_THREAD, 0, PRIO_DARWIN_BG) puts the calling thread in the
#: background band (lower CPU and I/O priority)
_PRIO_DARWIN_THREAD = 3
_PRIO_DARWIN_BG = 0x1000


def lower_current_thread() -> bool:
    """Lower the calling thread's CPU priority; True if the platform took it."""
    try:
        if sys.platform.startswith("linux"):
            tid = threading.get_native_id()
            os.setpriority(os.PRIO_PROCESS, tid, os.getpriority(os.PRIO_PROCESS, tid)
                           + BACKGROUND_NICE)
            return True
        if sys.platform == "win32":
            import ctypes

            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            return bool(kernel32.SetThreadPriority(kernel32.GetCurrentThread(),
                                                   _WIN_BELOW_NORMAL))
        if sys.platform == "darwin":
            import ctypes
            import ctypes.util

            libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
            return libc.setpriority(_PRIO_DARWIN_THREAD, 0, _PRIO_DARWIN_BG) == 0
    except (OSError, AttributeError, ValueError) as exc:
        log.debug("could not lower the thread's priority: %s", exc)
    return False


def run_in_background_thread(fn: Callable[[], T], name: str = "shopwatch-background") -> T:
    """``fn()`` in a new thread at background priority; blocks until it is done and returns
    its result or raises its exception. The thread ends with ``fn``, so the lowered priority
    never outlives the work (pool threads are reused, and could not be raised again)."""
    outcome: list = []

    def body() -> None:
        lower_current_thread()
        try:
            outcome.append((True, fn()))
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            outcome.append((False, exc))

    worker = threading.Thread(target=body, name=name, daemon=True)
    worker.start()
    worker.join()
    ok, value = outcome[0]
    if ok:
        return value
    raise value
