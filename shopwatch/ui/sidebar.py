"""The dark sidebar: brand, shop picker, page navigation with an unread badge on Alerts."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

import shopwatch
from shopwatch.models import Shop
from shopwatch.ui import labels, resources, theme

COUNT_ROLE = Qt.ItemDataRole.UserRole + 10
KEY_ROLE = Qt.ItemDataRole.UserRole + 11


class _NavDelegate(QStyledItemDelegate):
    """Paints the item as usual, plus a count pill at the right edge when it has one."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        count = index.data(COUNT_ROLE) or 0
        if not count:
            return
        text = "99+" if count > 99 else str(count)
        font = QFont(option.font)
        font.setPointSizeF(font.pointSizeF() * 0.85)
        font.setBold(True)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(font)
        width = painter.fontMetrics().horizontalAdvance(text) + 12
        rect = QRectF(option.rect.right() - width - 10, option.rect.center().y() - 9, width, 18)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.qcolor("count_badge"))
        painter.drawRoundedRect(rect, 9, 9)
        painter.setPen(theme.qcolor("on_primary"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), max(hint.height(), 38))


class Sidebar(QFrame):
    page_selected = Signal(str)
    shop_selected = Signal(int)

    def __init__(self, pages: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        """``pages``: (key, icon name) in display order; titles come from ``set_titles``."""
        super().__init__(parent)
        self.setObjectName("Sidebar")
        self.setFixedWidth(224)
        column = QVBoxLayout(self)
        column.setContentsMargins(14, 18, 14, 14)
        column.setSpacing(10)

        brand = QHBoxLayout()
        brand.setSpacing(10)
        logo = QLabel()
        logo.setPixmap(resources.app_icon().pixmap(34, 34))
        brand.addWidget(logo)
        names = QVBoxLayout()
        names.setSpacing(0)
        title = QLabel("shopwatch")
        title.setObjectName("Brand")
        self.tagline = QLabel()
        self.tagline.setObjectName("BrandTag")
        names.addWidget(title)
        names.addWidget(self.tagline)
        brand.addLayout(names, 1)
        column.addLayout(brand)
        column.addSpacing(6)

        self.shop_caption = QLabel()
        self.shop_caption.setObjectName("BrandTag")
        column.addWidget(self.shop_caption)
        self.shop_picker = QComboBox()
        self.shop_picker.setObjectName("ShopPicker")
        self.shop_picker.activated.connect(
            lambda i: self.shop_selected.emit(int(self.shop_picker.itemData(i))))
        column.addWidget(self.shop_picker)
        column.addSpacing(8)

        self.nav = QListWidget()
        self.nav.setObjectName("Nav")
        self.nav.setItemDelegate(_NavDelegate(self.nav))
        self.nav.setIconSize(QSize(18, 18))
        self.nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.nav.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for key, icon_name in pages:
            item = QListWidgetItem(resources.icon(icon_name, "sidebar_ink", active="sidebar_strong",
                                                  size=18), key)
            item.setData(KEY_ROLE, key)
            self.nav.addItem(item)
        self.nav.currentItemChanged.connect(
            lambda cur, _prev: cur is not None and self.page_selected.emit(cur.data(KEY_ROLE)))
        column.addWidget(self.nav, 1)

        self.foot = QLabel("shopwatch")
        self.foot.setObjectName("SidebarFoot")
        column.addWidget(self.foot)
        if "__version__" in vars(shopwatch):  # known already: no importlib.metadata to wait for
            self.show_version()

    def show_version(self) -> None:
        """The footer's version: read from the installed metadata (~20 ms of imports), so the
        app asks for it after the first paint."""
        self.foot.setText(f"shopwatch {shopwatch.__version__}")

    def set_titles(self, titles: dict[str, str], tagline: str, shop_caption: str) -> None:
        for i in range(self.nav.count()):
            item = self.nav.item(i)
            item.setText(titles.get(item.data(KEY_ROLE), item.data(KEY_ROLE)))
        self.tagline.setText(tagline)
        self.shop_caption.setText(shop_caption)

    def set_shops(self, shops: list[Shop], current: int | None) -> None:
        self.shop_picker.blockSignals(True)
        self.shop_picker.clear()
        for shop in shops:
            text = labels.shop_name(shop.name, shop.platform)
            self.shop_picker.addItem(resources.icon("shop", "sidebar_strong", size=16), text, shop.id)
            if shop.id == current:
                self.shop_picker.setCurrentIndex(self.shop_picker.count() - 1)
        self.shop_picker.setEnabled(len(shops) > 1)
        self.shop_picker.setVisible(bool(shops))
        self.shop_caption.setVisible(bool(shops))
        self.shop_picker.blockSignals(False)

    def select(self, key: str) -> None:
        for i in range(self.nav.count()):
            if self.nav.item(i).data(KEY_ROLE) == key:
                self.nav.setCurrentRow(i)
                return

    def set_count(self, key: str, count: int) -> None:
        for i in range(self.nav.count()):
            item = self.nav.item(i)
            if item.data(KEY_ROLE) == key:
                item.setData(COUNT_ROLE, count)
