"""The penalty ledger table: one row per notice, with points and the appeal deadline."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from shopwatch.models import Notice
from shopwatch.timeutil import parse_iso
from shopwatch.ui import fmt, labels, theme
from shopwatch.ui.models.cells import OneCallPerCell
from shopwatch.ui.models.roles import BADGE_COLOR_ROLE, OBJECT_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex
COLUMN_KEYS = ("issued", "kind", "points", "ledger", "listing", "deadline", "status")
#: an open notice whose deadline is this close is painted red
URGENT_HOURS = 24


class NoticesModel(OneCallPerCell, QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.notices: list[Notice] = []
        self.now = datetime.now(timezone.utc)

    def set_notices(self, notices: Iterable[Notice], now: datetime | None = None) -> None:
        self.beginResetModel()
        self.notices = list(notices)
        self.now = now or datetime.now(timezone.utc)
        self.endResetModel()

    def notice(self, row: int) -> Notice | None:
        return self.notices[row] if 0 <= row < len(self.notices) else None

    def hours_left(self, notice: Notice) -> float | None:
        deadline = parse_iso(notice.appeal_deadline)
        if deadline is None:
            return None
        return (deadline - self.now).total_seconds() / 3600

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.notices)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMN_KEYS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and section == COLUMN_KEYS.index("points"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (self.tr("Issued"), self.tr("Violation"), self.tr("Points"), self.tr("Ledger"),
                 self.tr("Listing"), self.tr("Appeal by"), self.tr("Status"))
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        notice = self.notice(index.row()) if index.isValid() else None
        if notice is None:
            return None
        key = COLUMN_KEYS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(notice, key)
        if role == OBJECT_ROLE:
            return notice
        if role == BADGE_COLOR_ROLE and key == "status":
            if self.overdue(notice):
                return "critical"
            return labels.NOTICE_STATUS_COLORS.get(notice.status, "neutral")
        if role == Qt.ItemDataRole.ForegroundRole:
            left = self.hours_left(notice)
            if key == "deadline" and notice.status == "open" and left is not None \
                    and left <= URGENT_HOURS:
                return theme.text_color("critical")  # due within a day, or passed unappealed
            if key in ("issued", "listing") or (key == "deadline" and (left or 0) <= 0):
                return theme.qcolor("faint")
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "points":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return notice.text or notice.title or None
        if role == SORT_ROLE:
            raw = {"issued": notice.issued_at or "", "kind": labels.notice_kind(notice.kind),
                   "points": notice.points, "ledger": notice.category,
                   "listing": notice.listing_id or "", "deadline": notice.appeal_deadline or "",
                   "status": notice.status}
            return raw[key]
        return None

    def _display(self, notice: Notice, key: str) -> str:
        if key == "issued":
            return fmt.datetime_text(notice.issued_at)
        if key == "kind":
            return labels.notice_kind(notice.kind)
        if key == "points":
            return f"−{notice.points}" if notice.points else "0"
        if key == "ledger":
            return labels.ledger_column(notice.category)
        if key == "listing":
            return notice.listing_id or "—"
        if key == "deadline":
            if not notice.appeal_deadline:
                return "—"
            text = fmt.datetime_text(notice.appeal_deadline)
            left = self.hours_left(notice)
            if notice.status == "open" and left is not None and left > 0:
                text = fmt.with_relative(text, notice.appeal_deadline)
            return text
        if self.overdue(notice):
            return self.tr("Deadline passed")  # not an ordinary "Open": the penalty stands
        return labels.notice_status(notice.status)

    def overdue(self, notice: Notice) -> bool:
        """Open, and its appeal deadline has passed."""
        left = self.hours_left(notice)
        return notice.status == "open" and left is not None and left <= 0
