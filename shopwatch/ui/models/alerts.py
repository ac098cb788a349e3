"""The Alerts table and its filter (kind, severity, free text).

A shop has at most a few thousand alerts, so rows are loaded whole and filtered by a
``QSortFilterProxyModel``; each row's translated text is worded when first shown or searched.
The rows are sorted here, in one Python ``sorted`` with a key, not by the proxy: its C++ sort
calls ``data()`` twice per comparison, and a few thousand alerts cost ~100 ms of GUI thread
after every sync (worse while a sync holds the interpreter lock)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
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
from shopwatch.ui.models.cells import OneCallPerCell
from shopwatch.ui.models.roles import BADGE_COLOR_ROLE, OBJECT_ROLE

Index = QModelIndex | QPersistentModelIndex
COLUMN_KEYS = ("severity", "when", "kind", "text", "acknowledged")
SEVERITY_RANK = {"critical": 0, "warning": 1, "info": 2}


class AlertsModel(OneCallPerCell, QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.alerts: list[Alert] = []
        self._texts: list[str | None] = []
        self.sort_column = COLUMN_KEYS.index("when")
        self.sort_order = Qt.SortOrder.DescendingOrder

    def set_alerts(self, alerts: Iterable[Alert]) -> None:
        self.beginResetModel()
        self.alerts = list(alerts)
        # worded when first shown or searched: a sync's thousand alerts are not all on screen
        self._texts: list[str | None] = [None] * len(self.alerts)
        self._order_rows()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMN_KEYS):
            return
        self.sort_column, self.sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self.alerts[i.row()].id if 0 <= i.row() < len(self.alerts) else None
               for i in before]
        self._order_rows()
        rows = {a.id: row for row, a in enumerate(self.alerts)}
        self.changePersistentIndexList(
            before, [self.index(rows[alert_id], i.column()) if alert_id in rows
                     else QModelIndex() for i, alert_id in zip(before, ids, strict=True)])
        self.layoutChanged.emit()

    def _order_rows(self) -> None:
        key = COLUMN_KEYS[self.sort_column]
        if key == "text":  # words every alert: only when the seller sorts by it
            keyed = [(self.text(row), row) for row in range(len(self.alerts))]
        else:
            sort_key = _SORT_KEYS[key]
            keyed = [(sort_key(alert), row) for row, alert in enumerate(self.alerts)]
        keyed.sort(reverse=self.sort_order == Qt.SortOrder.DescendingOrder)
        self.alerts = [self.alerts[row] for _, row in keyed]
        self._texts = [self._texts[row] for _, row in keyed]

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
        return None


#: what each column sorts by (the text column by its worded text, in ``_order_rows``)
_SORT_KEYS: dict[str, Callable[[Alert], Any]] = {
    "severity": lambda a: SEVERITY_RANK.get(a.severity, 3) * 10**9 - a.id,
    "when": lambda a: a.id,  # ids grow with time and never tie
    "kind": lambda a: (labels.alert_kind(a.kind), a.id),
    "acknowledged": lambda a: (a.acknowledged_at or "", a.id),
}


class AlertFilter(QSortFilterProxyModel):
    """Kind, severity and text filter over an AlertsModel, which sorts its own rows (the
    proxy keeps their order)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.kind: str | None = None
        self.severity: str | None = None
        self.needle = ""
        self.setDynamicSortFilter(True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if isinstance(model, AlertsModel):
            model.sort(column, order)
        else:
            super().sort(column, order)

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
