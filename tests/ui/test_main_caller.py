"""``to_main``/``run_task`` callbacks run in the GUI thread in the order they were handed, a
time slice at a time: a burst of them (a sync's end hands a dozen page refreshes) leaves the
event loop free to paint and answer input between slices."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QTimer

from shopwatch.ui import workers
from shopwatch.ui.workers import to_main


def busy(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def test_a_burst_of_callbacks_runs_in_order_and_lets_the_event_loop_in_between(qtbot):
    ran: list[int] = []
    slice_ms = workers.SLICE_S * 1000
    count = 12
    ticks: list[int] = []  # how many callbacks had run at each tick of a 0 ms timer
    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(lambda: ticks.append(len(ran)))

    def hand_all() -> None:  # from another thread, as a finished task does
        for i in range(count):
            to_main(lambda i=i: (busy(slice_ms / 2000 * 1.5), ran.append(i)))

    to_main(lambda: None)  # the caller exists (made in the GUI thread)
    worker = threading.Thread(target=hand_all)
    worker.start()
    worker.join()
    timer.start()
    qtbot.waitUntil(lambda: len(ran) == count, timeout=5_000)
    timer.stop()
    assert ran == list(range(count))
    # each callback takes 0.75 of a slice: at most two run before the loop turns again
    between = [n for n in ticks if 0 < n < count]
    assert len(set(between)) >= 3  # all at once (the old drain) gives none


def test_a_callback_handed_from_inside_a_callback_runs_too(qtbot):
    ran: list[str] = []
    to_main(lambda: (ran.append("outer"), to_main(lambda: ran.append("inner"))))
    qtbot.waitUntil(lambda: ran == ["outer", "inner"], timeout=2_000)
