"""The first-run welcome: try the demo shop, or connect a real Taobao shop: with an Open
Platform key, or without one by importing the seller centre's export files."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from shopwatch.ui import resources, theme
from shopwatch.ui.widgets.cards import button, label

DEMO = "demo"
CONNECT = "connect"
FILE = "file"
CONNECT_AMAZON = "connect-amazon"
DEMO_AMAZON = "demo-amazon"


class _Choice(QFrame):
    """A big clickable card: icon, title, explanation."""

    clicked = Signal()

    def __init__(self, icon: str, title: str, text: str) -> None:
        super().__init__()
        self.setProperty("role", "card")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumSize(300, 200)  # wrapped text needs the room; dialogs do not ask
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(18, 18, 18, 18)
        self.body.setSpacing(8)
        picture = QLabel()
        picture.setPixmap(resources.pixmap(icon, 30, theme.color("accent")))
        self.body.addWidget(picture)
        self.body.addWidget(label(title, "section"))
        explanation = label(text, "muted", wrap=True)
        explanation.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.body.addWidget(explanation, 1)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()


class WelcomeDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice: str | None = None
        self.setWindowTitle(self.tr("Welcome to shopwatch"))
        self.setWindowIcon(resources.app_icon())
        self.setMinimumWidth(680)
        column = QVBoxLayout(self)
        column.setContentsMargins(28, 24, 28, 20)
        column.setSpacing(14)
        head = QHBoxLayout()
        logo = QLabel()
        logo.setPixmap(resources.app_icon().pixmap(48, 48))
        head.addWidget(logo)
        titles = QVBoxLayout()
        title = QLabel(self.tr("Welcome to shopwatch"))
        title.setObjectName("PageTitle")
        titles.addWidget(title)
        titles.addWidget(label(self.tr(
            "shopwatch watches your shop and tells you at once when the platform deletes or "
            "delists a listing, when search traffic collapses, when penalty points come in and "
            "before an appeal deadline passes."), "muted", wrap=True))
        head.addLayout(titles, 1)
        column.addLayout(head)

        choices = QHBoxLayout()
        choices.setSpacing(14)
        self.demo_choice = _Choice("demo", self.tr("Try the demo shop"), self.tr(
            "A simulated shop on this computer, with a week of history: deletions, violation "
            "delistings, demotions and penalties, as they would appear for your shop. Nothing "
            "is sent anywhere."))
        self.demo_choice.clicked.connect(lambda: self._choose(DEMO))
        self.amazon_demo_button = button(self.tr("Or try the demo Amazon seller account"),
                                         "link")
        self.amazon_demo_button.setToolTip(self.tr(
            "A simulated Amazon account served on this computer through the real Selling "
            "Partner API: suppressed listings, an IP complaint, account health at risk."))
        self.amazon_demo_button.clicked.connect(lambda: self._choose(DEMO_AMAZON))
        self.demo_choice.body.addWidget(self.amazon_demo_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.connect_choice = _Choice("plug", self.tr("Connect my Taobao shop"), self.tr(
            "Use your Taobao Open Platform app key and session key. They are stored in the "
            "system keychain; shopwatch only reads your listings and notices."))
        self.connect_choice.clicked.connect(lambda: self._choose(CONNECT))
        # Most small sellers have no Open Platform app: the export files are their way in.
        self.file_button = button(self.tr("I have no API key: import an export file"), "link")
        self.file_button.setToolTip(self.tr(
            "Export your listings from the seller centre (CSV or Excel) and import them; "
            "shopwatch compares each new export with the last one."))
        self.file_button.clicked.connect(lambda: self._choose(FILE))
        self.connect_choice.body.addWidget(self.file_button, 0, Qt.AlignmentFlag.AlignLeft)
        # Amazon sellers (many of them Chinese sellers) connect through SP-API
        self.amazon_button = button(self.tr("Connect my Amazon account"), "link")
        self.amazon_button.setToolTip(self.tr(
            "Use your Selling Partner API app: listings, their issues and your account health "
            "are read; suppressions, removals and policy warnings become alerts."))
        self.amazon_button.clicked.connect(lambda: self._choose(CONNECT_AMAZON))
        self.connect_choice.body.addWidget(self.amazon_button, 0, Qt.AlignmentFlag.AlignLeft)
        choices.addWidget(self.demo_choice)
        choices.addWidget(self.connect_choice)
        column.addLayout(choices)

        buttons = QHBoxLayout()
        later = button(self.tr("Later"), "link")
        later.clicked.connect(self.reject)
        buttons.addWidget(later)
        buttons.addStretch(1)
        self.demo_button = button(self.tr("Try the demo shop"), "primary", "demo")
        self.demo_button.clicked.connect(lambda: self._choose(DEMO))
        self.connect_button = button(self.tr("Connect my Taobao shop"), None, "plug")
        self.connect_button.clicked.connect(lambda: self._choose(CONNECT))
        buttons.addWidget(self.connect_button)
        buttons.addWidget(self.demo_button)
        column.addLayout(buttons)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()
