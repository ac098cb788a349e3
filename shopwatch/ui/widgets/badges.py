"""Coloured status pills: a table delegate (colour from the model's ``BADGE_COLOR_ROLE``) and
a label for detail panes. Colours are theme roles (``"critical"``): the tint is the role's
colour at low opacity, the text its text shade, so a column of badges reads at a glance
without shouting, in the light and the dark scheme."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from shopwatch.ui import theme
from shopwatch.ui.models.roles import BADGE_COLOR_ROLE, SECOND_BADGE_ROLE

PAD_X = 8
PILL_HEIGHT = 20


def paint_pill(painter: QPainter, rect: QRectF, text: str, color: str | QColor, font) -> None:
    fill, ink = theme.badge_colors(color)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(font)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    painter.setPen(ink)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


class BadgeDelegate(QStyledItemDelegate):
    """Draws the cell's text as a pill when the model gives a badge colour."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        color = index.data(BADGE_COLOR_ROLE)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not color or not text:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        font = QApplication.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        font.setWeight(font.Weight.DemiBold)
        metrics = QFontMetrics(font)
        left = option.rect.left() + 6.0
        pills = [(text, color)]
        second = index.data(SECOND_BADGE_ROLE)
        if second:
            pills.append(second)
        for pill_text, pill_color in pills:
            width = metrics.horizontalAdvance(pill_text) + 2 * PAD_X
            width = min(width, option.rect.right() - 4 - left)
            if width < 2 * PAD_X:
                break
            rect = QRectF(left, option.rect.center().y() - PILL_HEIGHT / 2 + 1, width,
                          PILL_HEIGHT)
            paint_pill(painter, rect, metrics.elidedText(pill_text, Qt.TextElideMode.ElideRight,
                                                         int(width - 2 * PAD_X + 2)),
                       pill_color, font)
            left += width + 4

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        return QSize(hint.width() + 2 * PAD_X + 8, max(hint.height(), PILL_HEIGHT + 8))


class BadgeLabel(QLabel):
    """A single pill outside a table (detail panes, headers)."""

    def __init__(self, text: str = "", color: str = "neutral",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.color = color
        self.set_badge(text, color)
        # its own sheet holds colours: rebuild it when the scheme changes
        theme.signals().changed.connect(self._restyle)

    def set_badge(self, text: str, color: str) -> None:
        self.color = color
        self.setText(text)
        self.setVisible(bool(text))
        self._restyle()
        self.setForegroundRole(QPalette.ColorRole.WindowText)

    def _restyle(self, *_args) -> None:
        fill, ink = theme.badge_colors(self.color)
        self.setStyleSheet(
            f"QLabel {{ background: rgba({fill.red()}, {fill.green()}, {fill.blue()},"
            f" {fill.alpha()}); color: {ink.name()}; border-radius: 10px;"
            " padding: 2px 10px; font-weight: 600; }")
