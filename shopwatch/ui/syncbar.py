"""The status bar: last sync result, next sync time, and Sync now with progress and cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from shopwatch.ui import resources, theme
from shopwatch.ui.widgets.cards import Dot

#: theme roles of the last sync's dot
OK_COLOR, FAIL_COLOR, IDLE_COLOR = "ok", "critical", "faint"


class SyncBar(QWidget):
    sync_clicked = Signal()
    cancel_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 4, 8, 4)
        row.setSpacing(10)
        self.dot = Dot(IDLE_COLOR, 9)
        row.addWidget(self.dot)
        self.last = QLabel()
        self.last.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.last, 1)
        self.next = QLabel()
        row.addWidget(self.next)
        self.activity = QLabel()
        self.activity.hide()
        row.addWidget(self.activity)
        self.progress = QProgressBar()
        self.progress.setFixedWidth(140)
        self.progress.setFixedHeight(8)
        self.progress.setTextVisible(False)
        self.progress.hide()
        row.addWidget(self.progress)
        self.cancel = QPushButton()
        self.cancel.setIcon(resources.icon("stop", "ink", size=14))
        self.cancel.clicked.connect(self.cancel_clicked.emit)
        self.cancel.hide()
        row.addWidget(self.cancel)
        self.sync = QPushButton()
        self.sync.setProperty("role", "primary")
        self.sync.setIcon(resources.icon("sync", "on_primary", size=14))
        self.sync.setCursor(Qt.CursorShape.PointingHandCursor)
        self.sync.clicked.connect(self.sync_clicked.emit)
        row.addWidget(self.sync)
        self.retranslate()

    def retranslate(self) -> None:
        self.sync.setText(self.tr("Sync now"))
        self.cancel.setText(self.tr("Cancel"))
        self.cancel.setToolTip(self.tr("Stop this sync; nothing from it is saved"))

    def set_last(self, text: str, state: str, tooltip: str = "") -> None:
        """``state``: ok | failed | idle."""
        self.dot.set_color({"ok": OK_COLOR, "failed": FAIL_COLOR}.get(state, IDLE_COLOR))
        self.last.setText(text)
        self.last.setToolTip(tooltip)
        theme.set_tone(self.last, FAIL_COLOR if state == "failed" else None)

    def set_next(self, text: str) -> None:
        self.next.setText(text)

    def set_enabled(self, enabled: bool, reason: str = "") -> None:
        self.sync.setEnabled(enabled)
        self.sync.setToolTip(reason)

    def start(self, text: str) -> None:
        self.activity.setText(text)
        self.activity.show()
        self.progress.setRange(0, 0)  # busy until the first page arrives
        self.progress.show()
        self.cancel.show()
        self.cancel.setEnabled(True)
        self.sync.hide()

    def step(self, text: str, done: int | None = None, total: int | None = None) -> None:
        self.activity.setText(text)
        if done is not None and total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def cancelling(self, text: str) -> None:
        self.activity.setText(text)
        self.cancel.setEnabled(False)

    def stop(self) -> None:
        self.activity.hide()
        self.progress.hide()
        self.cancel.hide()
        self.sync.show()
