"""Work-arounds for defects of the Qt binding that a long-running app must survive.

PySide6 6.12 on Python 3.11 drops one reference to ``True`` on every ``Signal.emit()`` made
from Python (the call hands back ``True`` without owning a reference to it). Python 3.12 made
the booleans immortal; before that, ``True`` is freed when its count reaches zero and the
interpreter aborts ("bool_dealloc: deallocating True or False"): after some thousands of
emits, i.e. after days of syncing in the tray. ``guard_bool_refcounts`` measures whether the
installed binding does this and, only then, holds a reserve of references to the booleans
and tops it up, so the dropped ones never bring a count to zero."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)

#: references a count is kept above (8 bytes of reserve each)
FLOOR = 200_000
TOP_UP_MS = 30_000

# Process-wide by nature: the booleans are singletons of the interpreter.
_reserve: dict[bool, list[bool]] = {True: [], False: []}
_state = {"checked": False, "leaking": False}


def _keep_forever(obj: object) -> None:
    """Never free ``obj``, not even when the interpreter shuts down: the references it holds
    stand in for the ones the binding dropped, and handing them back would free ``True``."""
    import ctypes  # only for a binding that drops references (not on every start-up's way)

    ctypes.pythonapi.Py_IncRef(ctypes.py_object(obj))


class _Probe(QObject):
    ping = Signal()


def emit_drops_references(samples: int = 16) -> bool:
    """Whether ``Signal.emit()`` loses references to a boolean in this process."""
    if sys.version_info >= (3, 12):
        return False  # immortal booleans: nothing can be lost
    probe = _Probe()
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(samples):
        probe.ping.emit()
    after = sys.getrefcount(True), sys.getrefcount(False)
    return any(b - a >= samples // 2 for b, a in zip(before, after, strict=True))


def top_up() -> int:
    """Raise each boolean's count back above ``FLOOR``; returns the references added."""
    added = 0
    for value in (True, False):
        missing = FLOOR - sys.getrefcount(value)
        if missing > 0:
            _reserve[value].extend([value] * missing)
            added += missing
    return added


def guard_bool_refcounts(parent: QObject | None = None) -> bool:
    """Protect the process if its binding drops boolean references (measured once); with a
    ``parent`` (the application) the reserve is also topped up every ``TOP_UP_MS``. Returns
    whether the defect is present."""
    if not _state["checked"]:
        _state["checked"] = True
        _state["leaking"] = emit_drops_references()
        if _state["leaking"]:
            for held in _reserve.values():
                _keep_forever(held)
            log.info("this Qt binding drops a reference to True on every signal emit; "
                     "holding a reserve so the app never aborts")
    if not _state["leaking"]:
        return False
    top_up()
    if parent is not None and parent.findChild(QTimer, "shopwatch-bool-reserve") is None:
        timer = QTimer(parent)
        timer.setObjectName("shopwatch-bool-reserve")
        timer.setInterval(TOP_UP_MS)
        timer.timeout.connect(top_up)
        timer.start()
    return True
