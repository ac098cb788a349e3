"""Correct a stored notice (kind, points, ledger, listings, appeal deadline) or remove it.

The dialog writes nothing itself (pages and dialogs leave writes to the controller): after
``exec()`` the caller applies ``correction`` with ``monitor.notice_edit.edit_notice``, or, when
``remove_requested`` is set, ``remove_notice`` (with ``with_appeals=True``: the seller confirmed
here, having been told how many appeals go with it). Times are shown and read in China time
(UTC+8), the time the platform's notices are written in."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shopwatch.imports.notice_text import OTHER
from shopwatch.imports.values import CHINA_TZ
from shopwatch.models import Notice
from shopwatch.monitor.rules import Rules
from shopwatch.timeutil import parse_iso
from shopwatch.ui import labels
from shopwatch.ui.widgets.cards import button, label

_SEPARATORS = re.compile(r"[\s,，、;；]+")


def _to_qdatetime(moment: datetime) -> QDateTime:
    china = moment.astimezone(CHINA_TZ)
    return QDateTime(QDate(china.year, china.month, china.day),
                     QTime(china.hour, china.minute, china.second))


def _from_qdatetime(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second(),
                    tzinfo=CHINA_TZ)


def listing_ids_from(text: str) -> list[str]:
    """The listing ids typed in the field: separated by commas (either width), 、 or spaces."""
    out: list[str] = []
    for part in _SEPARATORS.split(text.strip()):
        if part and part not in out:
            out.append(part)
    return out


class NoticeEditDialog(QDialog):
    """``correction``: the changed fields as ``edit_notice`` keyword arguments (None when
    cancelled or nothing changed); ``remove_requested``: the seller confirmed removal."""

    def __init__(self, notice: Notice, rules: Rules, *, appeals: int = 0,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notice = notice
        self.rules = rules
        self.appeals = appeals
        self.correction: dict[str, Any] | None = None
        self.remove_requested = False
        self.setWindowTitle(self.tr("Correct notice #%1").replace("%1", str(notice.id)))
        self.setMinimumWidth(560)

        column = QVBoxLayout(self)
        column.setContentsMargins(22, 20, 22, 16)
        column.setSpacing(12)
        column.addWidget(label(self.tr(
            "Correct what was read from the notice, or remove it if it was pasted by mistake. "
            "The alerts it raised and any notifications still waiting to be sent are "
            "withdrawn; alerts are raised again from the corrected facts."), "muted", wrap=True))

        text = QPlainTextEdit(notice.text)
        text.setReadOnly(True)
        text.setMaximumHeight(110)
        self.text = text
        column.addWidget(text)

        form = QFormLayout()
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(10)
        self.kind = QComboBox()
        kinds = [k.kind for k in rules.notice_kinds]
        for k in rules.notice_kinds:
            self.kind.addItem(labels.notice_kind(k.kind, k.label), k.kind)
        if OTHER not in kinds:
            self.kind.addItem(labels.notice_kind(OTHER), OTHER)
        if self.kind.findData(notice.kind) < 0:  # a kind this rule data does not name
            self.kind.addItem(labels.notice_kind(notice.kind), notice.kind)
        self.kind.setCurrentIndex(self.kind.findData(notice.kind))
        form.addRow(self.tr("Kind"), self.kind)

        self.points = QSpinBox()
        self.points.setRange(0, 1000)
        self.points.setValue(notice.points or 0)
        form.addRow(self.tr("Points"), self.points)

        self.category = QComboBox()
        for ledger in rules.thresholds:
            self.category.addItem(labels.ledger(ledger), ledger)
        if self.category.findData(notice.category) < 0:
            self.category.addItem(labels.ledger(notice.category), notice.category)
        self.category.setCurrentIndex(self.category.findData(notice.category))
        form.addRow(self.tr("Ledger"), self.category)

        self.listings = QLineEdit(", ".join(notice.listing_ids or
                                            ((notice.listing_id,) if notice.listing_id else ())))
        self.listings.setPlaceholderText(self.tr("Listing IDs, separated by commas"))
        form.addRow(self.tr("Listings"), self.listings)

        row = QHBoxLayout()
        self.deadline = QDateTimeEdit()
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd HH:mm")
        current = parse_iso(notice.appeal_deadline)
        start = current or parse_iso(notice.issued_at) or datetime.now(CHINA_TZ)
        self.deadline.setDateTime(_to_qdatetime(start))
        self.has_deadline = QCheckBox(self.tr("has a deadline"))
        self.has_deadline.setChecked(current is not None)
        self.deadline.setEnabled(current is not None)
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        row.addWidget(self.deadline, 1)
        row.addWidget(self.has_deadline)
        form.addRow(self.tr("Appeal by (UTC+8)"), row)
        column.addLayout(form)

        self.error = label("", "error", wrap=True)
        self.error.hide()
        column.addWidget(self.error)

        # removal is confirmed in place (no second window): what goes with it is said first
        self.confirm = QFrame()
        confirm_row = QHBoxLayout(self.confirm)
        confirm_row.setContentsMargins(0, 0, 0, 0)
        warning = (self.tr("Remove this notice and withdraw its alerts?") if not appeals else
                   self.tr("Remove this notice and withdraw its alerts? Its %n appeal(s) will "
                           "be deleted too.", "", appeals))
        self.confirm_text = label(warning, "error", wrap=True)
        confirm_row.addWidget(self.confirm_text, 1)
        self.confirm_button = button(self.tr("Remove"), "danger")
        self.confirm_button.clicked.connect(self._remove)
        self.keep_button = button(self.tr("Keep it"))
        self.keep_button.clicked.connect(self.confirm.hide)
        confirm_row.addWidget(self.confirm_button)
        confirm_row.addWidget(self.keep_button)
        self.confirm.hide()
        column.addWidget(self.confirm)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save"))
        self.save_button.setProperty("role", "primary")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.remove_button = buttons.addButton(self.tr("Remove notice…"),
                                               QDialogButtonBox.ButtonRole.DestructiveRole)
        self.remove_button.clicked.connect(self.confirm.show)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)

    def changes(self) -> dict[str, Any]:
        """The fields that differ from the stored notice, as ``edit_notice`` arguments."""
        n = self.notice
        out: dict[str, Any] = {}
        if self.kind.currentData() != n.kind:
            out["kind"] = self.kind.currentData()
        if self.points.value() != (n.points or 0):
            out["points"] = self.points.value()
        if self.category.currentData() != n.category:
            out["category"] = self.category.currentData()
        ids = listing_ids_from(self.listings.text())
        if tuple(ids) != tuple(n.listing_ids or ((n.listing_id,) if n.listing_id else ())):
            out["listing_ids"] = ids
        deadline = (_from_qdatetime(self.deadline.dateTime())
                    if self.has_deadline.isChecked() else None)
        stored = parse_iso(n.appeal_deadline)
        # compared to the minute the field shows (a stored 23:59:59 reads as 23:59)
        if (deadline is None) != (stored is None) or (
                deadline is not None and stored is not None
                and deadline.replace(second=0) != stored.astimezone(CHINA_TZ).replace(second=0)):
            out["deadline"] = deadline
        return out

    def save(self) -> None:
        if any(len(i) > 64 for i in listing_ids_from(self.listings.text())):
            self.error.setText(self.tr("A listing ID is at most 64 characters."))
            self.error.show()
            return
        changes = self.changes()
        self.correction = changes or None
        self.accept()

    def _remove(self) -> None:
        self.remove_requested = True
        self.correction = None
        self.accept()


__all__ = ["NoticeEditDialog", "listing_ids_from"]
