"""Settings: shops, syncing, detection thresholds, notifications, language and start-up.
Every change is saved at once (there is no "Apply" to forget).

Extension hook: later features add tabs without editing this page. Each module named in
``EXTRA_TAB_MODULES`` that can be imported and exposes ``settings_tab(session) ->
(title, QWidget)`` gets a tab, inserted after "Notifications" (issue 9's notification
channels: ``shopwatch.ui.pages.notify_settings``)."""

from __future__ import annotations

import importlib
import logging

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopwatch import autostart
from shopwatch.connectors.files import file_settings
from shopwatch.credentials import delete_secrets
from shopwatch.monitor.schedule import MAX_INTERVAL, MIN_INTERVAL
from shopwatch.store.queries import views
from shopwatch.ui import fmt, i18n, labels, resources, theme
from shopwatch.ui.dialogs.file_shop import FileShopDialog
from shopwatch.ui.dialogs.shop_editor import ShopEditor
from shopwatch.ui.pages.detection_settings import DetectionForm
from shopwatch.ui.session import Session
from shopwatch.ui.widgets.cards import PageHeader, button, label
from shopwatch.ui.workers import run_query

log = logging.getLogger(__name__)

EXTRA_TAB_MODULES = ("shopwatch.ui.pages.notify_settings",)


def extra_tabs(session: Session) -> list[tuple[str, QWidget]]:
    tabs = []
    for name in EXTRA_TAB_MODULES:
        try:
            module = importlib.import_module(name)
            factory = module.settings_tab
        except ModuleNotFoundError as exc:
            if exc.name != name:
                log.warning("settings tab %s needs a missing module: %s", name, exc.name)
            continue
        except Exception:  # noqa: BLE001 - one broken tab must not break Settings
            log.exception("settings tab %s could not be loaded", name)
            continue
        try:
            tabs.append(factory(session))
        except Exception:  # noqa: BLE001
            log.exception("settings tab %s could not be built", name)
    return tabs


class _ShopRow(QWidget):
    """One shop in the list: its name, and where it is synced from and when."""

    def __init__(self, name: str, detail: str) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 10, 12, 10)
        row.setSpacing(12)
        picture = QLabel()
        picture.setPixmap(resources.pixmap("shop", 24, theme.color("accent")))
        row.addWidget(picture)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(label(name, "section"))
        texts.addWidget(label(detail, "hint"))
        row.addLayout(texts, 1)


def _tab(widget_layout: QVBoxLayout) -> QWidget:
    holder = QWidget()
    holder.setLayout(widget_layout)
    widget_layout.setContentsMargins(22, 20, 22, 20)
    widget_layout.setSpacing(12)
    return holder


class SettingsPage(QWidget):
    language_changed = Signal(str)
    interval_changed = Signal(int)
    shops_edited = Signal()
    demo_requested = Signal()
    # add a shop fed by export files (the app then opens the import dialog for it)
    file_shop_requested = Signal()
    # import an export file into the shop with this id
    import_requested = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        page = QVBoxLayout(self)
        page.setContentsMargins(28, 22, 28, 16)
        page.setSpacing(12)
        page.addWidget(PageHeader(self.tr("Settings"),
                                  self.tr("Changes are saved as you make them.")))
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(False)
        page.addWidget(self.tabs, 1)
        self.tabs.addTab(self._shops_tab(), self.tr("Shops"))
        self.tabs.addTab(self._sync_tab(), self.tr("Syncing"))
        self.detection = DetectionForm(session)
        self.tabs.addTab(self.detection, self.tr("Detection"))
        self.tabs.addTab(self._notifications_tab(), self.tr("Notifications"))
        for title, widget in extra_tabs(session):
            self.tabs.addTab(widget, title.replace("&", "&&"))  # "&" would be a mnemonic
        self.tabs.addTab(self._general_tab(), self.tr("General"))

    # --- shops ------------------------------------------------------------------------------

    def _shops_tab(self) -> QWidget:
        column = QVBoxLayout()
        column.addWidget(label(self.tr("The shops shopwatch watches. Secrets are kept in the "
                                       "system keychain, never in shopwatch's files."),
                               "muted", wrap=True))
        self.shop_list = QListWidget()
        self.shop_list.setIconSize(QSize(20, 20))
        self.shop_list.itemSelectionChanged.connect(self._update_shop_buttons)
        self.shop_list.itemDoubleClicked.connect(lambda _item: self.edit_shop())
        column.addWidget(self.shop_list, 1)
        row = QHBoxLayout()
        self.add_button = button(self.tr("Connect a Taobao shop"), "primary", "plug")
        self.add_button.clicked.connect(self.add_shop)
        self.add_amazon_button = button(self.tr("Connect an Amazon account"), None, "plug")
        self.add_amazon_button.clicked.connect(self.add_amazon_shop)
        self.add_file_button = button(self.tr("Add a shop from export files"))
        self.add_file_button.setToolTip(self.tr("For a shop without an Open Platform API key: "
                                                "import the seller centre's export files."))
        self.add_file_button.clicked.connect(self.file_shop_requested.emit)
        self.edit_button = button(self.tr("Edit"))
        self.edit_button.clicked.connect(self.edit_shop)
        self.import_button = button(self.tr("Import file…"), None, "listings")
        self.import_button.setToolTip(self.tr(
            "Import a listings export, traffic report or violation records into this shop."))
        self.import_button.clicked.connect(self._import_into_selected)
        self.remove_button = button(self.tr("Remove"), "danger")
        self.remove_button.clicked.connect(self.remove_shop)
        self.demo_button = button(self.tr("Add the demo shop"), None, "demo")
        self.demo_button.clicked.connect(self.demo_requested.emit)
        # two rows: adding shops, then acting on the selected one (one row clips at 1024 px)
        for widget in (self.add_button, self.add_amazon_button, self.add_file_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.demo_button)
        column.addLayout(row)
        selected = QHBoxLayout()
        for widget in (self.edit_button, self.import_button, self.remove_button):
            selected.addWidget(widget)
        selected.addStretch(1)
        column.addLayout(selected)
        self.session.shops_changed.connect(self._fill_shops)
        self._fill_shops()
        return _tab(column)

    def _fill_shops(self) -> None:
        ids = [shop.id for shop in self.session.shops]
        run_query(self.session.db_path, lambda db: views.last_runs(db, ids), self._show_shops,
                  owner=self)

    def _show_shops(self, runs: dict) -> None:
        self.shop_list.clear()
        for shop in self.session.shops:
            last = runs.get(shop.id)
            if shop.platform == "demo":
                where = self.tr("Demo shop (simulated, on this computer)")
            elif shop.platform == "file":
                watch = file_settings(shop).get("watch")
                where = (self.tr("Export files · watching %1").replace("%1", str(watch))
                         if watch else self.tr("Export files · imported by hand"))
            elif shop.platform == "amazon":
                from shopwatch.connectors.amazon_account import SETTINGS_KEY

                market = (shop.settings.get(SETTINGS_KEY) or {}).get("marketplace_id", "")
                where = f"Amazon · {market}" if market else "Amazon"
            else:
                where = f"Taobao · {shop.endpoint}"
            when = (self.tr("last sync %1").replace("%1", fmt.datetime_text(last.finished_at))
                    if last else self.tr("never synced"))
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, shop.id)
            row = _ShopRow(labels.shop_name(shop.name, shop.platform), f"{where} · {when}")
            item.setSizeHint(row.sizeHint())
            self.shop_list.addItem(item)
            self.shop_list.setItemWidget(item, row)
        self.demo_button.setVisible(not any(s.platform == "demo" for s in self.session.shops))
        self._update_shop_buttons()

    def _selected_shop(self):
        item = self.shop_list.currentItem()
        if item is None:
            return None
        shop_id = item.data(Qt.ItemDataRole.UserRole)
        return self.session.find_shop(shop_id)

    def _update_shop_buttons(self) -> None:
        shop = self._selected_shop()
        self.edit_button.setEnabled(shop is not None
                                    and shop.platform in ("taobao", "file", "amazon"))
        self.import_button.setEnabled(shop is not None)
        self.remove_button.setEnabled(shop is not None)

    def _import_into_selected(self) -> None:
        shop = self._selected_shop()
        if shop is not None:
            self.import_requested.emit(shop.id)

    def add_shop(self) -> None:
        editor = ShopEditor(self.session.writes, None, self)
        if editor.exec() and editor.saved is not None:
            self.session.reload_shops(select=editor.saved.id)
            self.shops_edited.emit()

    def add_amazon_shop(self) -> None:
        from shopwatch.ui.dialogs.amazon_shop_editor import AmazonShopEditor

        editor = AmazonShopEditor(self.session.writes, None, self)
        if editor.exec() and editor.saved is not None:
            self.session.reload_shops(select=editor.saved.id)
            self.shops_edited.emit()

    def edit_shop(self) -> None:
        from shopwatch.ui.dialogs.amazon_shop_editor import AmazonShopEditor

        shop = self._selected_shop()
        if shop is None or shop.platform not in ("taobao", "file", "amazon"):
            return
        editor: ShopEditor | FileShopDialog | AmazonShopEditor = (
            ShopEditor(self.session.writes, shop, self) if shop.platform == "taobao"
            else AmazonShopEditor(self.session.writes, shop, self) if shop.platform == "amazon"
            else FileShopDialog(self.session.writes, shop, self))
        if editor.exec() and editor.saved is not None:
            self.session.reload_shops(select=editor.saved.id)
            self.shops_edited.emit()

    def remove_shop(self) -> None:
        shop = self._selected_shop()
        if shop is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Remove shop"),
            self.tr("Remove “%1” and all its history (listings, alerts, notices)? This cannot "
                    "be undone.").replace("%1", shop.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.session.writes.delete_shop(shop.id)
        delete_secrets(shop.name)
        self.shops_edited.emit()

    # --- syncing, notifications, general --------------------------------------------------------

    def _sync_tab(self) -> QWidget:
        column = QVBoxLayout()
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        self.interval = QSpinBox()
        self.interval.setRange(int(MIN_INTERVAL.total_seconds() // 60),
                               int(MAX_INTERVAL.total_seconds() // 60))
        self.interval.setSingleStep(5)
        self.interval.setSuffix(self.tr(" min"))
        self.interval.setValue(self.session.settings.sync_interval_minutes)
        self.interval.editingFinished.connect(self._save_interval)
        form.addRow(self.tr("Sync every"), self.interval)
        column.addLayout(form)
        column.addWidget(label(self.tr(
            "While shopwatch runs (also hidden in the tray) it syncs each shop at this interval. "
            "After the computer sleeps or shopwatch was closed, it catches up with one sync "
            "right away. A failed sync is retried sooner, backing off up to this interval."),
            "hint", wrap=True))
        column.addStretch(1)
        return _tab(column)

    def _save_interval(self) -> None:
        minutes = self.interval.value()
        if minutes != self.session.settings.sync_interval_minutes:
            self.session.settings.sync_interval_minutes = minutes
            self.session.save_settings()
            self.interval_changed.emit(minutes)

    def _notifications_tab(self) -> QWidget:
        column = QVBoxLayout()
        self.notify = QCheckBox(self.tr("Show a desktop notification for new important alerts"))
        self.notify.setChecked(self.session.settings.notifications)
        self.notify.toggled.connect(self._save_notify)
        column.addWidget(self.notify)
        column.addWidget(label(self.tr(
            "Deletions, violation delistings, suspected demotions, new penalties, point "
            "thresholds and appeal deadlines are important; platform edits and listings you "
            "moved yourself are not. When many arrive at once they are grouped into one "
            "notification. Without a system tray they are shown inside the window."),
            "hint", wrap=True))
        column.addStretch(1)
        return _tab(column)

    def _save_notify(self, on: bool) -> None:
        self.session.settings.notifications = on
        self.session.save_settings()

    def _general_tab(self) -> QWidget:
        column = QVBoxLayout()
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(12)
        self.language = QComboBox()
        system = i18n.NATIVE_NAMES[i18n.resolve_language("")]
        self.language.addItem(self.tr("System default (%1)").replace("%1", system), "")
        for code in i18n.SUPPORTED:
            self.language.addItem(i18n.NATIVE_NAMES[code], code)
        self.language.setCurrentIndex(max(0, self.language.findData(
            self.session.settings.language or "")))
        self.language.activated.connect(self._save_language)
        form.addRow(self.tr("Language"), self.language)
        self.tray = QCheckBox(self.tr("Keep running in the tray when the window is closed"))
        self.tray.setChecked(self.session.settings.close_to_tray)
        self.tray.toggled.connect(self._save_tray)
        form.addRow("", self.tray)
        self.login = QCheckBox(self.tr("Start shopwatch when I log in"))
        try:  # the installer may have added (or the user removed) the entry meanwhile
            enabled = autostart.is_enabled()
        except OSError:
            enabled = self.session.settings.start_at_login
        self.login.setChecked(enabled)
        self.login.toggled.connect(self._save_login)
        form.addRow("", self.login)
        column.addLayout(form)
        self.general_error = label("", "error", wrap=True)
        self.general_error.hide()
        column.addWidget(self.general_error)
        column.addSpacing(10)
        folder = QHBoxLayout()
        folder.addWidget(label(self.tr("Profile folder: %1").replace(
            "%1", str(self.session.profile)), "hint", wrap=True), 1)
        open_folder = button(self.tr("Open folder"))
        open_folder.clicked.connect(lambda: QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(self.session.profile))))
        folder.addWidget(open_folder)
        column.addLayout(folder)
        column.addStretch(1)
        return _tab(column)

    def _save_language(self, _index: int) -> None:
        code = self.language.currentData() or ""
        if code != self.session.settings.language:
            self.session.settings.language = code
            self.session.save_settings()
            self.language_changed.emit(code)

    def _save_tray(self, on: bool) -> None:
        self.session.settings.close_to_tray = on
        self.session.save_settings()

    def _save_login(self, on: bool) -> None:
        try:
            if on:
                autostart.enable(autostart.launch_command(
                    "--data-dir", str(self.session.profile), *autostart.TRAY_ARGS))
            else:
                autostart.disable()
        except OSError as exc:  # AutostartError says where and why
            self.general_error.setText(self.tr("Could not change the start-up setting: %1")
                                       .replace("%1", str(exc)))
            self.general_error.show()
            self.login.blockSignals(True)
            self.login.setChecked(not on)
            self.login.blockSignals(False)
            return
        self.general_error.hide()
        self.session.settings.start_at_login = on
        self.session.save_settings()

    def refresh(self) -> None:
        self._fill_shops()
