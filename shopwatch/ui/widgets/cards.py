"""Building blocks every page uses: page header, card frame, metric card, empty state,
and a dismissible banner. Look comes from ``theme``'s style sheet via ``role`` properties."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from shopwatch.ui import resources, theme


def styled(widget: QWidget, role: str) -> QWidget:
    widget.setProperty("role", role)
    return widget


def label(text: str = "", role: str | None = None, *, wrap: bool = False) -> QLabel:
    result = QLabel(text)
    if role:
        result.setProperty("role", role)
    result.setWordWrap(wrap)
    return result


def button(text: str, role: str | None = None, icon: str | None = None) -> QPushButton:
    result = QPushButton(text)
    if role:
        result.setProperty("role", role)
    if icon:
        ink = "on_primary" if role == "primary" else "ink"
        result.setIcon(resources.icon(icon, ink, size=16))
    result.setCursor(Qt.CursorShape.PointingHandCursor)
    return result


class Card(QFrame):
    """A white rounded panel with an optional small caption on top."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(16, 14, 16, 14)
        self.body.setSpacing(8)
        self.title = label(title.upper() if title.isascii() else title, "cardTitle")
        self.title.setVisible(bool(title))
        self.body.addWidget(self.title)

    def set_title(self, title: str) -> None:
        self.title.setText(title.upper() if title.isascii() else title)
        self.title.setVisible(bool(title))


class Dot(QWidget):
    """A small filled circle: the colour key of a metric or a legend entry. ``color`` is a
    theme role (``"critical"``), looked up at paint time."""

    def __init__(self, color: str, size: int = 10, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.color = color
        self.setFixedSize(size, size)

    def set_color(self, color: str) -> None:
        self.color = color
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.qcolor(self.color))
        painter.drawEllipse(self.rect())


class MetricCard(Card):
    """A big number with its name and a one-line caption; clickable to open a filtered page."""

    clicked = Signal()

    def __init__(self, title: str, color: str, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(Dot(color))
        self.name = label(title, "cardTitle")
        head.addWidget(self.name)
        head.addStretch(1)
        self.body.addLayout(head)
        self.value = label("—", "metric")
        self.body.addWidget(self.value)
        self.caption = label("", "hint", wrap=True)
        self.body.addWidget(self.caption)
        self.body.addStretch(1)  # keep the number at the top when a neighbour is taller
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # Preferred height: the cards of a row stretch to the tallest one.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_value(self, value: str, caption: str = "") -> None:
        self.value.setText(value)
        self.caption.setText(caption)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class PageHeader(QWidget):
    """The title and one-line subtitle on top of every page, with room for actions."""

    def __init__(self, title: str, subtitle: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 4)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        self.title = QLabel(title)
        self.title.setObjectName("PageTitle")
        self.subtitle = QLabel(subtitle)
        self.subtitle.setObjectName("PageSubtitle")
        self.subtitle.setVisible(bool(subtitle))
        texts.addWidget(self.title)
        texts.addWidget(self.subtitle)
        row.addLayout(texts, 1)
        self.actions = QHBoxLayout()
        self.actions.setSpacing(8)
        row.addLayout(self.actions)

    def set_subtitle(self, text: str) -> None:
        self.subtitle.setText(text)
        self.subtitle.setVisible(bool(text))


class EmptyState(QWidget):
    """What a page shows when there is nothing yet: an icon, a sentence, what to do."""

    def __init__(self, icon: str, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.addStretch(1)
        picture = QLabel()
        picture.setPixmap(resources.pixmap(icon, 48, theme.color("empty_icon")))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(picture)
        self.title = label(title, "section")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.title)
        self.text = label(text, "muted", wrap=True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # A box layout asks a wrapped label its height for the *layout's* width, not the
        # label's own, and cuts lines off: fix the width and reserve the wrapped height.
        self.text.setFixedWidth(480)
        self.text.setMinimumHeight(max(0, self.text.heightForWidth(480)))  # -1: no text yet
        column.addWidget(self.text, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addSpacing(10)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.buttons.addStretch(1)
        column.addLayout(self.buttons)
        column.addStretch(2)

    def add_button(self, widget: QPushButton) -> QPushButton:
        self.buttons.insertWidget(self.buttons.count() - 1, widget)
        return widget


class Banner(QFrame):
    """A dismissible message strip on top of the pages (notifications without a tray, sync
    errors). ``activated`` fires on its action button."""

    activated = Signal()
    dismissed = Signal()

    def __init__(self, object_name: str = "Banner", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 8, 8)
        row.setSpacing(10)
        self.icon = QLabel()
        row.addWidget(self.icon)
        texts = QVBoxLayout()
        texts.setSpacing(0)
        self.heading = label("", "section")
        self.text = label("", None, wrap=True)
        texts.addWidget(self.heading)
        texts.addWidget(self.text)
        row.addLayout(texts, 1)
        self.action = button("", "link")
        self.action.clicked.connect(self.activated.emit)
        row.addWidget(self.action)
        close = QPushButton()
        close.setProperty("role", "link")
        close.setIcon(resources.icon("close", "muted", size=14))
        close.setCursor(Qt.CursorShape.PointingHandCursor)
        close.clicked.connect(self._dismiss)
        self.close_button = close
        row.addWidget(close)
        self.hide()

    def show_message(self, heading: str, text: str, *, action: str = "",
                     severity: str = "warning") -> None:
        color = severity if severity in ("critical", "info") else "warning"
        self.icon.setPixmap(resources.pixmap("warning" if severity != "info" else "alerts",
                                             20, theme.color(color)))
        self.setProperty("severity", severity)
        self.style().unpolish(self)
        self.style().polish(self)
        self.heading.setText(heading)
        self.heading.setVisible(bool(heading))
        self.text.setText(text)
        self.action.setText(action)
        self.action.setVisible(bool(action))
        self.show()

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()


class ElidedLabel(QLabel):
    """One line of text that ends in "…" instead of widening the layout; full text as tooltip."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self.full_text = text
        self.setToolTip(text)
        super().setText(text)
        self._elide()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        elided = self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight,
                                               max(self.width(), 20))
        if elided != super().text():
            super().setText(elided)
