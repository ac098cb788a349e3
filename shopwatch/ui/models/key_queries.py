"""Listing key queries off the GUI thread: a filter over 100,000 listings takes a tenth of a
second or more in SQLite, which must not freeze typing or scrolling.

One worker thread with its *own* read connection answers; every question is numbered and only
the newest one is answered at all (older ones still queued are skipped), so a burst of
keystrokes costs one query, not one per key."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from shopwatch.store import queries
from shopwatch.store.db import open_db
from shopwatch.ui.workers import guard_thread

log = logging.getLogger(__name__)


class _Worker(QObject):
    answered = Signal(int, object)  # generation, list of keys (or None after an error)

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = db_path
        self.latest = 0  # written by the GUI thread; an int store is atomic in CPython
        self._db = None

    @Slot(int, object)
    def run(self, generation: int, params: dict[str, Any]) -> None:
        if generation != self.latest:
            return  # a newer question is queued behind this one
        try:
            if self._db is None:
                self._db = open_db(self.db_path, migrate_schema=False)
            keys = queries.listing_keys(self._db, **params)
        except Exception:  # noqa: BLE001 - an unreadable store shows as an empty table
            log.exception("listing key query failed")
            keys = None
        self.answered.emit(generation, keys)

    @Slot()
    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


class KeyQueries(QObject):
    """Ask for listing keys; ``answered(generation, keys)`` comes back in the GUI thread."""

    answered = Signal(int, object)
    _ask = Signal(int, object)

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self._thread.setObjectName("shopwatch-key-queries")
        self._worker = _Worker(db_path)
        self._worker.moveToThread(self._thread)
        self._ask.connect(self._worker.run)
        self._worker.answered.connect(self._on_answer)
        self._thread.finished.connect(self._worker.close)
        self.generation = 0
        self.answered_generation = 0
        self._closed = False
        self._thread.start()
        guard_thread(self, self._thread)

    @property
    def pending(self) -> bool:
        return self.answered_generation < self.generation

    def ask(self, params: dict[str, Any]) -> int:
        self.generation += 1
        self._worker.latest = self.generation
        self._ask.emit(self.generation, params)
        return self.generation

    def shutdown(self, wait_ms: int = 5000) -> bool:
        self._closed = True
        self._thread.quit()
        return self._thread.wait(wait_ms)

    @Slot(int, object)
    def _on_answer(self, generation: int, keys: list[int] | None) -> None:
        self.answered_generation = max(self.answered_generation, generation)
        if self._closed:
            return  # an answer still queued when the session closed: its pages are gone
        self.answered.emit(generation, keys)
