"""The Alerts table and its filter (kind, severity, free text).

A shop has at most a few thousand alerts, so rows are loaded whole and filtered by a
``QSortFilterProxyModel``; each row's translated text is rendered once when rows are set."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from shopwatch.models import Alert
from shopwatch.ui import alert_text, fmt, labels, theme
from shopwatch.ui.models.roles import BADGE_COLOR_ROLE, OBJECT_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex
COLUMN_KEYS = ("severity", "when", "kind", "text", "acknowledged")
SEVERITY_RANK = {"critical": 0, "warning": 1, "info": 2}


class AlertsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.alerts: list[Alert] = []
        self._texts: list[str | None] = []

    def set_alerts(self, alerts: Iterable[Alert]) -> None:
        self.beginResetModel()
        self.alerts = list(alerts)
        # worded when first shown or searched: a sync's thousand alerts are not all on screen
        self._texts: list[str | None] = [None] * len(self.alerts)
        self.endResetModel()

    def alert(self, row: int) -> Alert | None:
        return self.alerts[row] if 0 <= row < len(self.alerts) else None

    def text(self, row: int) -> str:
        if not 0 <= row < len(self._texts):
            return ""
        text = self._texts[row]
        if text is None:
            text = self._texts[row] = alert_text.alert_text(self.alerts[row])
        return text

    def row_of(self, alert_id: int) -> int:
        return next((i for i, a in enumerate(self.alerts) if a.id == alert_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.alerts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMN_KEYS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (self.tr("Severity"), self.tr("When"), self.tr("Type"), self.tr("What happened"),
                 self.tr("Acknowledged"))
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        alert = self.alert(index.row()) if index.isValid() else None
        if alert is None:
            return None
        key = COLUMN_KEYS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "severity":
                return labels.severity(alert.severity)
            if key == "when":
                return fmt.datetime_text(alert.created_at)
            if key == "kind":
                return labels.alert_kind(alert.kind)
            if key == "text":
                return self.text(index.row())
            return fmt.datetime_text(alert.acknowledged_at) if alert.acknowledged_at else ""
        if role == OBJECT_ROLE:
            return alert
        if role == BADGE_COLOR_ROLE and key == "severity":
            return labels.SEVERITY_COLORS.get(alert.severity, "neutral")
        if role == Qt.ItemDataRole.ForegroundRole and (alert.acknowledged_at or key == "when"):
            return theme.qcolor("faint")
        if role == Qt.ItemDataRole.ToolTipRole and key == "text":
            return self.text(index.row())
        if role == SORT_ROLE:
            if key == "severity":
                return SEVERITY_RANK.get(alert.severity, 3) * 10**9 - alert.id
            if key == "when":
                return alert.id  # ids grow with time and never tie
            if key == "kind":
                return labels.alert_kind(alert.kind)
            if key == "text":
                return self.text(index.row())
            return alert.acknowledged_at or ""
        return None


class AlertFilter(QSortFilterProxyModel):
    """Kind, severity and text filter over an AlertsModel; sorts by the raw values."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.kind: str | None = None
        self.severity: str | None = None
        self.needle = ""
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_criteria(self, *, kind: str | None = None, severity: str | None = None,
                     text: str = "") -> None:
        # begin/endFilterChange is Qt 6.9+; older Qt (pyproject allows 6.6) has the invalidate
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self.kind, self.severity, self.needle = kind, severity, text.strip().casefold()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.kind, self.severity, self.needle = kind, severity, text.strip().casefold()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        if not isinstance(model, AlertsModel):
            return True
        alert = model.alert(source_row)
        if alert is None:
            return False
        if self.kind and alert.kind != self.kind:
            return False
        if self.severity and alert.severity != self.severity:
            return False
        if self.needle:
            haystack = f"{model.text(source_row)} {alert.listing_id or ''}".casefold()
            return self.needle in haystack
        return True

    def alert_at(self, proxy_row: int) -> Alert | None:
        source = self.mapToSource(self.index(proxy_row, 0))
        model = self.sourceModel()
        return model.alert(source.row()) if isinstance(model, AlertsModel) else None
