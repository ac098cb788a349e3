"""One writer per shop: the lease a sync holds from before its first request to its commit.

The policy lives here; the row lives in ``store/queries/leases.py``. A second sync of a shop
whose lease has a live owner is refused (``SyncBusy``), whichever started it: the app's
scheduler, the GUI's "Sync now", ``shopwatch sync`` or an import. A lease is taken over only
when its owner is provably gone: its process no longer exists on this computer, or it has not
moved its heartbeat for ``STALE_AFTER`` (a frozen process, another computer sharing the
profile). A sync whose lease was taken over never commits (``Superseded``)."""

from __future__ import annotations

import logging
import os
import re
import socket
import sys
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path

import sqlite_utils

from shopwatch.connectors.base import CancelCheck
from shopwatch.models import SyncLease
from shopwatch.store import queries
from shopwatch.store.db import take_write_lock
from shopwatch.timeutil import iso, now_utc, parse_iso

log = logging.getLogger(__name__)

#: a lease whose heartbeat is older than this is abandoned, even if its process still exists.
#: Generous: a live sync beats at every page, look-up and retry-wait second, and the longest
#: silence is one request's timeout.
STALE_AFTER = timedelta(minutes=10)
#: how often a running sync writes its heartbeat (seconds, at most)
BEAT_EVERY_S = 15.0


class SyncBusy(Exception):
    """Another live sync holds the shop's lease; this one did not start (no run recorded)."""

    def __init__(self, holder: SyncLease) -> None:
        self.holder = holder
        super().__init__(busy_message(holder))


class Superseded(Exception):
    """This sync lost its lease, or a sync that started after it saved first: its fetch is
    older than what the store holds and is never applied."""

    kind = "superseded"


def busy_message(holder: SyncLease, *, host: str | None = None) -> str:
    started = parse_iso(holder.started_at)
    at = started.astimezone().strftime("%H:%M") if started else "?"
    where = f"process {holder.pid}"
    if holder.host != (host or socket.gethostname()):
        where += f" on {holder.host}"
    return (f"a sync of this shop is already running (started {at} by {holder.owner}, {where}); "
            "nothing was changed. Try again when it has finished.")


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` exists on this computer (a zombie counts as gone)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    try:
        # Signal 0 checks existence only. (Never on Windows: os.kill terminates there.)
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it exists, as another user's process
        return True
    try:  # Linux: a killed process nobody has reaped yet still answers signal 0
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


def _windows_pid_alive(pid: int) -> bool:
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: it exists
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def owner_gone(
    lease: SyncLease, *, now: datetime, host: str, alive: Callable[[int], bool] = pid_alive
) -> bool:
    """Whether ``lease``'s owner is provably gone: its process is dead on this host, or its
    heartbeat is ``STALE_AFTER`` away from now (either way: a clock set back hours counts)."""
    if lease.host == host and not alive(lease.pid):
        return True
    beat = parse_iso(lease.heartbeat_at)
    return beat is None or abs(now - beat) > STALE_AFTER


def process_label(argv: Sequence[str] | None = None) -> str:
    """Who is syncing, in words for the refusal message: "shopwatch sync", "the shopwatch
    app", or the program's name."""
    argv = list(sys.argv if argv is None else argv)
    # either separator: a Windows path may be judged anywhere (and the other way round)
    parts = re.split(r"[\\/]+", argv[0] if argv and argv[0] else "python")
    stem = parts[-1].rsplit(".", 1)[0] if "." in parts[-1] else parts[-1]
    # ``python -m x`` runs x/__main__.py
    program = parts[-2] if stem == "__main__" and len(parts) > 1 else stem
    if program.lower() != "shopwatch":
        return program
    for command in ("sync", "import", "demo"):
        if command in argv[1:]:
            return f"shopwatch {command}"
    return "the shopwatch app"


class ShopLease:
    """A held lease. ``acquire`` it before a sync's first request; ``guard`` the sync's cancel
    check so every page and look-up moves the heartbeat; ``check_commit`` inside the run's
    write transaction; ``release`` at the end."""

    def __init__(self, db: sqlite_utils.Database, lease: SyncLease) -> None:
        self.db = db
        self.lease = lease
        self._beaten = time.monotonic()
        # the connection belongs to this thread: only it may write the heartbeat
        self._thread = threading.get_ident()

    @classmethod
    def acquire(
        cls, db: sqlite_utils.Database, shop_id: int, *, owner: str | None = None,
        now: datetime | None = None, alive: Callable[[int], bool] = pid_alive,
    ) -> ShopLease:
        """Take the shop's lease, or raise SyncBusy naming its live holder. May raise
        sqlite3.Error (the store cannot be written)."""
        now = now or now_utc()
        host = socket.gethostname()
        mine = SyncLease(shop_id=shop_id, token=uuid.uuid4().hex, pid=os.getpid(), host=host,
                         owner=owner or process_label(), started_at=iso(now),
                         heartbeat_at=iso(now))
        with db.atomic():
            # Read and write under the write lock: two syncs cannot both see it free.
            take_write_lock(db)
            held = queries.get_lease(db, shop_id)
            if held is not None:
                if not owner_gone(held, now=now, host=host, alive=alive):
                    raise SyncBusy(held)
                log.warning("taking over the sync lease of shop %s from %s (process %s on %s, "
                            "last heartbeat %s)", shop_id, held.owner, held.pid, held.host,
                            held.heartbeat_at)
            queries.put_lease(db, mine)
        return cls(db, mine)

    def beat(self, *, force: bool = False) -> None:
        """Move the heartbeat (at most every BEAT_EVERY_S); raise Superseded if the lease was
        taken over meanwhile, so the stale fetch stops at once."""
        if not force and time.monotonic() - self._beaten < BEAT_EVERY_S:
            return
        held = queries.beat_lease(self.db, self.lease.shop_id, self.lease.token, iso(now_utc()))
        if held is None:
            return  # the store is busy or full right now; the commit check still decides
        self._beaten = time.monotonic()
        if not held:
            raise Superseded(_TAKEN_OVER)

    def guard(self, cancel: CancelCheck | None) -> CancelCheck:
        """``cancel`` that also beats the heartbeat (the connectors call it at every page, and
        every second of a retry wait). Connectors call it from their worker threads too (pages
        requested a few at once): those only check for cancel, since the store's connection
        belongs to the sync's own thread, which beats between the pages it reads."""
        def check() -> bool:
            if threading.get_ident() == self._thread:
                self.beat()
            return bool(cancel is not None and cancel())
        return check

    def check_commit(self, run_id: int) -> None:
        """Inside the run's write transaction, after ``take_write_lock``: raise Superseded if
        the lease is no longer ours or a sync that started later has saved already."""
        lease = self.lease
        if not queries.holds_lease(self.db, lease.shop_id, lease.token):
            raise Superseded(_TAKEN_OVER)
        newer = queries.newer_ok_run(self.db, lease.shop_id, run_id)
        if newer is not None:
            raise Superseded(
                f"A newer sync of this shop (run {newer.id}) saved its results while this one "
                "was fetching; this older fetch was not applied and nothing was changed.")

    def release(self) -> None:
        """Give the lease back (left alone if someone took it over). Never raises: a lease that
        cannot be deleted (full disk) is taken over once this process ends or goes quiet."""
        try:
            queries.drop_lease(self.db, self.lease.shop_id, self.lease.token)
        except Exception:  # noqa: BLE001 - sqlite3.Error; this module runs no SQL itself
            log.warning("could not release the sync lease of shop %s", self.lease.shop_id,
                        exc_info=True)


_TAKEN_OVER = ("This sync stalled for so long that another sync of this shop took over; "
               "nothing from this one was saved.")
