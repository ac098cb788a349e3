"""Cyclic garbage is collected in the GUI thread by the collector's thresholds, and waits while
background work is under way (a collection would walk the work's live objects and stall the
window), up to a cap."""

from __future__ import annotations

from shopwatch.ui import gc_thread


def test_collections_wait_while_busy_up_to_a_cap(qapp, monkeypatch):
    counts = [(5, 5, 5)]
    collected: list[int] = []
    monkeypatch.setattr(gc_thread.gc, "get_count", lambda: counts[0])
    monkeypatch.setattr(gc_thread.gc, "collect", lambda g=2: collected.append(g) or 0)
    busy = [True]
    collector = gc_thread.GuiThreadCollector.__new__(gc_thread.GuiThreadCollector)
    gc_thread.GuiThreadCollector.__init__(collector, qapp, (1, 1, 1), busy=lambda: busy[0])
    try:
        assert collector.check() is None and collected == []  # everything waits while busy
        counts[0] = (gc_thread.BUSY_CAP + 1, 5, 5)
        assert collector.check() == 2 and collected == [2]  # unless garbage piles up
        counts[0] = (5, 5, 5)
        busy[0] = False
        assert collector.check() == 2 and collected == [2, 2]
        counts[0] = (0, 0, 0)
        assert collector.check() is None
        assert collector._timer.interval() == gc_thread.IDLE_MS
        counts[0] = (2, 0, 0)
        assert collector.check() == 0
        assert collector._timer.interval() == gc_thread.BUSY_MS  # objects pile up: look often
    finally:
        collector._timer.stop()
        collector.deleteLater()
        gc_thread.gc.disable()  # the suite's own collector keeps the automatic one off
