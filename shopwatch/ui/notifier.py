"""The app's remote notifier: sends queued phone / e-mail notifications while the app runs.

The controller creates it with the tray at start-up (a seller who never opens Settings still
gets remote alerts); the "Phone & e-mail" settings tab only shows and edits what it sends."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal, Slot

from shopwatch.ui.workers import run_task

log = logging.getLogger(__name__)

DISPATCH_INTERVAL_MS = 60_000
TRIGGER_DELAY_MS = 1_500


class RemoteNotifier(QObject):
    """Dispatches every minute (retries, quiet hours ending, the digest time) and shortly
    after data changes (a sync just raised alerts). One dispatch at a time, through
    ``run_task`` on a connection of its own (``notify.service.run_pending``)."""

    dispatched = Signal(object)  # DispatchReport, or the exception

    def __init__(self, profile: Path, parent: QObject | None = None,
                 interval_ms: int = DISPATCH_INTERVAL_MS) -> None:
        super().__init__(parent)
        self.profile = profile
        self.busy = False
        # its own one-thread pool: quitting waits for a dispatch in flight, and nothing else
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.run_now)
        self.soon = QTimer(self)
        self.soon.setSingleShot(True)
        self.soon.setInterval(TRIGGER_DELAY_MS)
        self.soon.timeout.connect(self.run_now)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.soon.stop()
        self._pool.waitForDone(30_000)

    @Slot()
    def trigger(self, *_args: object) -> None:
        """Dispatch shortly (several triggers in a row make one run)."""
        self.soon.start()

    def has_channels(self) -> bool:
        from shopwatch.notify.prefs import read_prefs  # the channels' settings, on first use

        prefs = read_prefs(self.profile)
        return prefs.enabled and any(c.enabled for c in prefs.channels)

    @Slot()
    def run_now(self, *, force: bool = False, ignore_quiet: bool = False) -> bool:
        """Start a dispatch unless one is running (or, unless ``force``, there is no channel
        to send to). ``ignore_quiet`` is for the seller's explicit "send now"."""
        if self.busy or (not force and not self.has_channels()):
            return False
        from shopwatch.notify.service import run_pending

        self.busy = True
        profile = self.profile
        run_task(lambda: run_pending(profile, ignore_quiet=ignore_quiet), self._finished,
                 self._finished, owner=self, pool=self._pool)
        return True

    def _finished(self, result: object) -> None:
        self.busy = False
        if isinstance(result, Exception):
            log.warning("sending notifications failed: %s", result)
        self.dispatched.emit(result)
