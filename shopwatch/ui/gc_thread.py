"""Python's cyclic garbage collector, run only in the GUI thread.

Left automatic, a collection runs in whichever thread happens to allocate past the threshold:
a pool thread reading the store, APScheduler's worker, a sync. If the garbage it finds holds a
Qt object (a page in a reference cycle, a timer whose slot is a bound method of its owner),
that object's C++ destructor runs on the wrong thread, and Qt crashes later in the GUI thread's
event loop (the UI suite segfaulted that way, in ``processEvents``, about one run in five).
Automatic collection is therefore switched off and a timer in the GUI thread collects by the
same thresholds. Reference counting, which frees almost everything, is unaffected."""

from __future__ import annotations

import gc
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

#: how often the GUI thread looks at the collector's counts: often while something allocates
#: (a sync on a pool thread makes ~1M objects a second, and a young generation left to grow
#: for half a second costs a 100 ms collection), rarely when the app idles in the tray
BUSY_MS = 10
IDLE_MS = 500
#: while background work runs, collections wait unless this many container objects pile up
#: (a bound on the memory that cyclic garbage may hold meanwhile)
BUSY_CAP = 2_000_000


_collecting = False


def collecting() -> bool:
    """True while a collector runs the collections (automatic collection is off on purpose:
    ``shopwatch.cli`` leaves it off when it returns from the app)."""
    return _collecting


class GuiThreadCollector(QObject):
    """``busy()`` says background work is under way (a sync holding hundreds of thousands of
    live objects): collections then wait until the work is done (up to ``BUSY_CAP``)."""

    def __init__(self, parent: QObject, thresholds: tuple[int, int, int] | None = None,
                 busy: Callable[[], bool] | None = None) -> None:
        super().__init__(parent)
        self.thresholds = thresholds or gc.get_threshold()
        self.busy = busy or (lambda: False)
        global _collecting
        _collecting = True
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(IDLE_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> int | None:
        """Collect the oldest generation whose count passed its threshold; the generation
        collected, or None."""
        counts = gc.get_count()
        busy = counts[0] > self.thresholds[0] // 8
        wanted = BUSY_MS if busy else IDLE_MS
        if self._timer.interval() != wanted:
            self._timer.setInterval(wanted)
        if self.busy() and counts[0] < BUSY_CAP:
            # a sync on a pool thread holds hundreds of thousands of live objects: any
            # collection now walks them in the GUI thread (60–170 ms seen). Reference counting
            # frees nearly everything meanwhile; the cycles wait until the work is done.
            return None
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                return generation
        return None

    def stop(self) -> None:
        global _collecting
        _collecting = False
        self._timer.stop()
        gc.enable()


def collect_in_gui_thread(app: QObject, thresholds: tuple[int, int, int] | None = None,
                          busy: Callable[[], bool] | None = None) -> GuiThreadCollector:
    """Install the collector once per application (it is the app's child)."""
    existing = app.findChild(GuiThreadCollector)
    if existing is not None:
        if thresholds:
            existing.thresholds = thresholds
        if busy:
            existing.busy = busy
        return existing
    return GuiThreadCollector(app, thresholds, busy)
