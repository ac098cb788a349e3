"""One look and behaviour for every table: row selection, no grid, fixed row height (so a
100,000-row view never measures rows), left-aligned headers, and a two-line cell delegate for
"title over id" columns."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QRect, QSize, Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from shopwatch.ui import theme
from shopwatch.ui.models.roles import SUBTITLE_ROLE


def make_table(model: QAbstractItemModel, *, row_height: int = 38,
               multi: bool = False) -> QTableView:
    table = QTableView()
    # Sorting is enabled by the page after it set the indicator: enabling it first would
    # sort by column 0 at once.
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                           else QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    # a narrow window scrolls sideways rather than hiding columns past the edge
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    vertical = table.verticalHeader()
    vertical.hide()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(row_height)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setMinimumSectionSize(48)
    return table


def sort_by(table: QTableView, column: int, order: Qt.SortOrder) -> None:
    table.horizontalHeader().setSortIndicator(column, order)
    table.setSortingEnabled(True)


class TwoLineDelegate(QStyledItemDelegate):
    """The display text on top, the model's ``SUBTITLE_ROLE`` text small and grey below."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        subtitle = index.data(SUBTITLE_ROLE) or ""
        rect = option.rect.adjusted(8, 3, -8, -3)
        painter.save()
        font = QFont(option.font)
        painter.setFont(font)
        painter.setPen(theme.qcolor("ink"))
        metrics = painter.fontMetrics()
        top = QRect(rect.left(), rect.top(), rect.width(), rect.height() // 2 + 2)
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                         metrics.elidedText(title, Qt.TextElideMode.ElideRight, rect.width()))
        small = QFont(font)
        small.setPointSizeF(font.pointSizeF() * 0.85)
        painter.setFont(small)
        painter.setPen(theme.qcolor("faint"))
        bottom = QRect(rect.left(), rect.top() + rect.height() // 2 + 3, rect.width(),
                       rect.height() // 2 - 3)
        painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                         painter.fontMetrics().elidedText(subtitle, Qt.TextElideMode.ElideRight,
                                                          rect.width()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), max(hint.height(), 48))


class _ColumnKeeper(QObject):
    """Gives one column the room the others leave, but never less than ``minimum``."""

    def __init__(self, table: QTableView, column: int, minimum: int) -> None:
        super().__init__(table)
        self.table, self.column, self.minimum = table, column, minimum
        table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            model = self.table.model()
            others = sum(self.table.columnWidth(c) for c in range(model.columnCount())
                         if c != self.column and not self.table.isColumnHidden(c))
            self.table.setColumnWidth(
                self.column, max(self.minimum, self.table.viewport().width() - others))
        return False


def keep_readable(table: QTableView, column: int, minimum: int) -> None:
    """The key column of a table (a title, what happened, a deadline) takes the width left
    and keeps at least ``minimum`` px: a narrow window scrolls sideways instead of cutting it
    to a few letters (a stretched column would shrink to nothing)."""
    _ColumnKeeper(table, column, minimum)
