"""The main window: sidebar, the pages, banners on top, the sync bar at the bottom.

It lays out and navigates; deciding *when* to sync, what to notify and how to switch
languages is the controller's job (``shopwatch.ui.controller``). Pages are rebuilt on a
language switch, so their signals are re-emitted here under stable names."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, QTimer, Signal, SignalInstance
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from shopwatch.ui import resources
from shopwatch.ui.session import Session
from shopwatch.ui.sidebar import Sidebar
from shopwatch.ui.syncbar import SyncBar
from shopwatch.ui.tray import Notification
from shopwatch.ui.widgets.cards import Banner

log = logging.getLogger(__name__)

PAGES = (("overview", "overview"), ("listings", "listings"), ("alerts", "alerts"),
         ("notices", "notices"), ("appeals", "appeals"), ("settings", "settings"))
PAGE_KEYS = tuple(key for key, _ in PAGES)

#: each page's module: imported when the page is first built (start-up imports only the page
#: it shows; the rest are warmed one per idle turn after the first paint, ``warm_modules``)
PAGE_MODULES = {"overview": "shopwatch.ui.pages.overview",
                "listings": "shopwatch.ui.pages.listings",
                "alerts": "shopwatch.ui.pages.alerts",
                "notices": "shopwatch.ui.pages.notices",
                "appeals": "shopwatch.ui.pages.placeholder",
                "settings": "shopwatch.ui.pages.settings"}


def page_module(key: str):
    return importlib.import_module(PAGE_MODULES[key])


class _Pages(dict):
    """The pages built so far; asking for one that is not built yet builds it."""

    def __init__(self, factory: Callable[[str], QWidget]) -> None:
        super().__init__()
        self.factory = factory

    def __missing__(self, key: str) -> QWidget:
        page = self.factory(key)
        self[key] = page
        return page


class MainWindow(QMainWindow):
    sync_requested = Signal()
    cancel_requested = Signal()
    demo_requested = Signal()
    connect_requested = Signal()
    language_changed = Signal(str)
    interval_changed = Signal(int)
    shops_edited = Signal()
    quit_requested = Signal()
    hidden_to_tray = Signal()
    file_shop_requested = Signal()  # add a shop fed by export files
    import_requested = Signal(int)  # import an export file into this shop
    paste_notice_requested = Signal(int)  # paste a notice into this shop
    first_painted = Signal()  # once, after the window's first paint has been handled

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.close_to_tray: Callable[[], bool] = lambda: False
        self.pages: dict[str, QWidget] = _Pages(self._create_page)
        self._appeals_broken = False
        self.current = "overview"
        self._dirty: set[str] = set()
        self.setWindowIcon(resources.app_icon())
        self.resize(QSize(1280, 800))
        self.setMinimumSize(QSize(980, 640))
        self._fitted = False
        self._paint_watch: _PaintWatch | None = _PaintWatch(self)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.sidebar = Sidebar(list(PAGES))
        self.sidebar.page_selected.connect(self.show_page)
        self.sidebar.shop_selected.connect(session.select_shop)
        row.addWidget(self.sidebar)
        content = QVBoxLayout()
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(0)
        banners = QVBoxLayout()
        banners.setContentsMargins(20, 10, 20, 0)
        banners.setSpacing(6)
        self.error_banner = Banner("ErrorBanner")
        self.note_banner = Banner("Banner")
        banners.addWidget(self.error_banner)
        banners.addWidget(self.note_banner)
        self._banner_box = QWidget()
        self._banner_box.setLayout(banners)
        self._banner_box.hide()
        for banner in (self.error_banner, self.note_banner):
            banner.dismissed.connect(self._update_banner_box)
        content.addWidget(self._banner_box)
        self.stack = QStackedWidget()
        content.addWidget(self.stack, 1)
        row.addLayout(content, 1)
        self.setCentralWidget(central)

        self.syncbar = SyncBar()
        self.syncbar.sync_clicked.connect(self.sync_requested.emit)
        self.syncbar.cancel_clicked.connect(self.cancel_requested.emit)
        self.statusBar().addWidget(self.syncbar, 1)
        self.statusBar().setSizeGripEnabled(False)

        self.note_banner.activated.connect(self._open_noted_alerts)
        self._noted: Notification | None = None
        session.shops_changed.connect(self._on_shops_changed)
        session.shop_selected.connect(self._on_data_changed)
        session.data_changed.connect(self._on_data_changed)
        self.build_pages()
        self._shortcuts()

    def _shortcuts(self) -> None:
        """Ctrl+1…6 pages, Ctrl+F the current page's search, F5 sync now (Space acknowledges
        on the Alerts page itself)."""
        for number, key in enumerate(PAGE_KEYS, start=1):
            QShortcut(QKeySequence(f"Ctrl+{number}"), self,
                      activated=lambda k=key: self.show_page(k))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, activated=self.focus_search)
        QShortcut(QKeySequence("F5"), self, activated=self._sync_now)

    def _sync_now(self) -> None:
        self.sync_requested.emit()

    def focus_search(self) -> None:
        search = getattr(self.pages[self.current], "search", None)
        if search is not None:
            search.setFocus()
            search.selectAll()

    # --- pages ------------------------------------------------------------------------------

    def build_pages(self) -> None:
        """(Re)start the pages in the current language, keeping the page shown. A page is
        built the first time it is shown (or asked for), so start-up builds one, not six."""
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages = _Pages(self._create_page)
        self.retranslate()
        self._dirty = set(PAGE_KEYS)
        self.show_page(self.current)

    def _create_page(self, key: str) -> QWidget:
        s = self.session
        page: QWidget
        if key == "overview":
            page = page_module(key).OverviewPage(s)
            page.open_listings.connect(self.open_listings)
            page.open_alert.connect(self.open_alert)
            page.open_alerts.connect(lambda: self.show_page("alerts"))
            page.open_notices.connect(lambda: self.show_page("notices"))
            page.try_demo.connect(self.demo_requested.emit)
            page.connect_shop.connect(self.connect_requested.emit)
            page.add_file_shop.connect(self.file_shop_requested.emit)
        elif key == "listings":
            page = page_module(key).ListingsPage(s)
            page.import_requested.connect(lambda: self._for_current_shop(self.import_requested))
        elif key in ("alerts", "notices"):
            module = page_module(key)
            page = (module.AlertsPage if key == "alerts" else module.NoticesPage)(
                s, appeals_available=self._appeals_available)
            page.open_listing.connect(self.open_listing)
            page.draft_appeal.connect(self.draft_appeal)
            if key == "notices":
                page.paste_requested.connect(
                    lambda: self._for_current_shop(self.paste_notice_requested))
        elif key == "appeals":
            page = self._make_appeals_page()
        elif key == "settings":
            page = page_module(key).SettingsPage(s)
            page.language_changed.connect(self.language_changed.emit)
            page.interval_changed.connect(self.interval_changed.emit)
            page.shops_edited.connect(self.shops_edited.emit)
            page.demo_requested.connect(self.demo_requested.emit)
            page.file_shop_requested.connect(self.file_shop_requested.emit)
            page.import_requested.connect(self.import_requested.emit)
        else:
            raise KeyError(key)
        self.stack.addWidget(page)
        return page

    def _for_current_shop(self, signal: SignalInstance) -> None:
        if self.session.shop_id is not None:
            signal.emit(self.session.shop_id)

    def _make_appeals_page(self) -> QWidget:
        placeholder = page_module("appeals")
        page_class = placeholder.load_appeals_page()
        if page_class is not None:
            try:
                return placeholder.AppealsFrame(
                    page_class(self.session.appeal_desk(), self.session.profile))
            except Exception:  # noqa: BLE001 - a broken editor must not take the app down
                log.exception("the appeal editor could not be opened")
        self._appeals_broken = True
        return placeholder.AppealsPlaceholder()

    def _appeals_available(self) -> bool:
        return not self._appeals_broken and page_module("appeals").appeals_installed()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("shopwatch"))
        titles = {"overview": self.tr("Overview"), "listings": self.tr("Listings"),
                  "alerts": self.tr("Alerts"), "notices": self.tr("Notices & points"),
                  "appeals": self.tr("Appeals"), "settings": self.tr("Settings")}
        self.sidebar.set_titles(titles, self.tr("Shop monitor"), self.tr("SHOP"))
        self._on_shops_changed()
        self.syncbar.retranslate()

    def show_page(self, key: str) -> None:
        if key not in PAGE_KEYS:
            return
        self.current = key
        self.sidebar.select(key)
        page = self.pages[key]
        if self.stack.currentWidget() is not page:
            self.stack.setCurrentWidget(page)
        if key in self._dirty:
            self._dirty.discard(key)
            self._refresh(key)

    def _refresh(self, key: str) -> None:
        refresh = getattr(self.pages[key], "refresh", None)
        if refresh is None:
            return
        try:
            refresh()
        except Exception:  # noqa: BLE001 - one page failing to read must not close the app
            log.exception("page %s could not refresh", key)

    def _on_data_changed(self, what: str = "all") -> None:
        """Refresh every built page that shows ``what`` (their reads run off the GUI thread);
        pages not built yet read fresh data when they are."""
        for key, page in list(self.pages.items()):
            shows = getattr(page, "shows", frozenset({"all"}))
            if what == "all" or what in shows or "all" in shows:
                self._refresh(key)
                self._dirty.discard(key)

    def _on_shops_changed(self) -> None:
        self.sidebar.set_shops(self.session.shops, self.session.shop_id)
        self._on_data_changed()

    # --- navigation used by pages, tray and notifications ------------------------------------

    def open_listings(self, filter_key: str = "all") -> None:
        self.show_page("listings")
        self.pages["listings"].set_status_filter(filter_key)

    def open_listing(self, listing_id: str) -> None:
        self.show_page("listings")
        self.pages["listings"].open_listing(listing_id)

    def open_alert(self, alert_id: int) -> None:
        self.show_page("alerts")
        self.pages["alerts"].select_alert(alert_id)

    def open_alerts(self, alert_ids: tuple[int, ...] = (), kind: str | None = None) -> None:
        self.show_page("alerts")
        if len(alert_ids) == 1:
            self.pages["alerts"].select_alert(alert_ids[0])
        elif kind:
            self.pages["alerts"].set_kind_filter(kind)

    def draft_appeal(self, notice_id: int) -> None:
        page = self.pages["appeals"]
        self.show_page("appeals")
        opener = getattr(page, "open_notice", None)
        if opener is not None:
            opener(notice_id)

    # --- banners ----------------------------------------------------------------------------

    def show_notification(self, note: Notification) -> None:
        """Where there is no system tray, new alerts are announced inside the window."""
        self._noted = note
        self.note_banner.show_message(note.title, note.body, action=self.tr("Show"),
                                      severity=note.severity)
        self._update_banner_box()

    def show_error(self, heading: str, text: str, action: str = "") -> None:
        self.error_banner.show_message(heading, text, action=action, severity="critical")
        self._update_banner_box()

    def clear_error(self) -> None:
        self.error_banner.hide()
        self._update_banner_box()

    def _open_noted_alerts(self) -> None:
        if self._noted is not None:
            self.open_alerts(self._noted.alert_ids, self._noted.kind)
        self.note_banner.hide()
        self._update_banner_box()

    def _update_banner_box(self) -> None:
        self._banner_box.setVisible(self.error_banner.isVisibleTo(self._banner_box)
                                    or self.note_banner.isVisibleTo(self._banner_box))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """The first time it shows, the window fits the screen it opens on: on a 1024×700
        laptop the default 1280×800 would hang off the edges (bottom buttons and the sync bar
        out of reach)."""
        if not self._fitted:
            self._fitted = True
            screen = self.screen()
            # offscreen (tests, screenshots) has no real screen to fit: sizes are set there
            if screen is not None and QGuiApplication.platformName() != "offscreen":
                room = screen.availableGeometry()
                width = min(self.width(), room.width())
                height = min(self.height(), room.height())
                if (width, height) != (self.width(), self.height()):
                    self.setMinimumSize(QSize(min(980, width), min(640, height)))
                    self.resize(width, height)
                    self.move(room.topLeft())
        super().showEvent(event)

    def bring_to_front(self) -> None:
        self.show()
        self.setWindowState(self.windowState() & ~self.windowState().WindowMinimized)
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.close_to_tray():
            event.ignore()
            self.hide()
            self.hidden_to_tray.emit()
            return
        event.accept()
        self.quit_requested.emit()


class _PaintWatch(QObject):
    """Emits the window's ``first_painted`` once its first paint has been handled (queued, so
    whatever is connected runs after the frame is on screen, not inside the paint)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and watched is self.window:
            watched.removeEventFilter(self)
            self.window._paint_watch = None
            QTimer.singleShot(0, self.window.first_painted.emit)
            self.deleteLater()
        return False
