"""Settings → "Phone & e-mail": remote notification channels (Apprise URLs kept in the
keychain), what each one gets, quiet hours, the daily digest, mutes, and the delivery log.

``NotifySettingsPage`` lays the page out and saves every change at once, like the rest of
Settings. Network work (test messages, "send now") runs through ``workers.run_task``; the page
never blocks. ``settings_tab(session)`` is the hook the Settings page calls; it shows the app's
``RemoteNotifier`` (``shopwatch.ui.notifier``, made by the controller at start-up)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
    QTime,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from shopwatch import alert_kinds
from shopwatch.config import Settings
from shopwatch.models import ALERT_KINDS, SEVERITIES
from shopwatch.notify import policy
from shopwatch.notify.channels import ChannelError, url_source
from shopwatch.notify.prefs import (
    LANGUAGES,
    MODE_BOTH,
    MODE_DIGEST,
    MODE_IMMEDIATE,
    SETTINGS_KEY,
    ChannelConfig,
    KindMute,
    ListingMute,
    NotifyPrefs,
    PrefsError,
    load_prefs,
    parse_clock,
    prefs_to_dict,
    read_prefs,
    write_prefs,
)
from shopwatch.timeutil import now_utc, parse_iso
from shopwatch.ui import i18n
from shopwatch.ui.notifier import RemoteNotifier
from shopwatch.ui.notify_store import NotifyStore
from shopwatch.ui.workers import run_task

log = logging.getLogger(__name__)

ROLE = Qt.ItemDataRole.UserRole


# Called by this name, with the context spelled out, so Qt's lupdate finds every string.
translate = QCoreApplication.translate


def kind_label(kind: str) -> str:
    """What a kind of alert means, from the one vocabulary (``shopwatch.alert_kinds``)."""
    return alert_kinds.words(kind, i18n.current_language()).description


def severity_label(severity: str) -> str:
    return {"critical": translate("NotifySettingsPage", "Urgent"), "warning": translate("NotifySettingsPage", "Warning"),
            "info": translate("NotifySettingsPage", "Information")}.get(severity, severity)


def mode_label(mode: str) -> str:
    return {MODE_BOTH: translate("NotifySettingsPage", "Urgent at once, the rest in the daily digest"),
            MODE_IMMEDIATE: translate("NotifySettingsPage", "Only urgent alerts, at once"),
            MODE_DIGEST: translate("NotifySettingsPage", "Everything in the daily digest")}.get(mode, mode)


def mode_short_label(mode: str) -> str:
    return {MODE_BOTH: translate("NotifySettingsPage", "Urgent now + digest"), MODE_IMMEDIATE: translate("NotifySettingsPage", "Urgent only"),
            MODE_DIGEST: translate("NotifySettingsPage", "Digest only")}.get(mode, mode)


def status_label(status: str) -> str:
    return {"pending": translate("NotifySettingsPage", "Waiting"), "sending": translate("NotifySettingsPage", "Sending"), "sent": translate("NotifySettingsPage", "Sent"),
            "failed": translate("NotifySettingsPage", "Failed"), "cancelled": translate("NotifySettingsPage", "Cancelled")}.get(status, status)


# --- the channel dialog ------------------------------------------------------------------

class ChannelDialog(QDialog):
    """Add or edit one channel. The address field stays empty when editing: leaving it empty
    keeps the stored address (it is never read back out of the keychain into a widget)."""

    def __init__(self, channel: ChannelConfig | None, shops: list[str], profile: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.editing = channel is not None
        self.channel = channel or ChannelConfig(id="", name="")
        self.setWindowTitle(self.tr("Edit channel") if self.editing else self.tr("Add a channel"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit(self.channel.name)
        self.name.setPlaceholderText(self.tr("e.g. My phone, Shop e-mail"))
        form.addRow(self.tr("Name"), self.name)
        self.url = QLineEdit()
        self.url.setEchoMode(QLineEdit.EchoMode.Password)
        self.url.setPlaceholderText(
            self.tr("Unchanged ({0})").replace("{0}", self.channel.display) if self.editing
            else "mailtos://user:app-password@smtp.qq.com?to=me@example.com")
        # Bound methods, not lambdas, for connections: a lambda capturing the dialog keeps
        # a reference PySide cannot break in time, and Qt then warns (or crashes) on delete.
        self.show_url = QCheckBox(self.tr("Show"))
        self.show_url.toggled.connect(self._show_url)
        row = QHBoxLayout()
        row.addWidget(self.url, 1)
        row.addWidget(self.show_url)
        form.addRow(self.tr("Address"), row)
        hint = QLabel(self.tr(
            "An Apprise URL: e-mail (mailto:// or mailtos://), DingTalk (dingtalk://), WeCom "
            "(wecombot://), Feishu/Lark (feishu://, lark://), Telegram (tgram://), Slack, "
            "webhooks (json://) and many more. It is kept in the system keychain."))
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        form.addRow("", hint)
        self.mode = QComboBox()
        for mode in (MODE_BOTH, MODE_IMMEDIATE, MODE_DIGEST):
            self.mode.addItem(mode_label(mode), mode)
        self.mode.setCurrentIndex(max(0, self.mode.findData(self.channel.mode)))
        form.addRow(self.tr("Sends"), self.mode)
        self.kinds = QListWidget()
        for kind in ALERT_KINDS:
            item = QListWidgetItem(kind_label(kind))
            item.setData(ROLE, kind)
            item.setCheckState(_checked(not self.channel.kinds or kind in self.channel.kinds))
            self.kinds.addItem(item)
        self.kinds.setMaximumHeight(150)
        form.addRow(self.tr("Alerts"), self.kinds)
        sev_row = QHBoxLayout()
        self.severities: dict[str, QCheckBox] = {}
        for severity in reversed(SEVERITIES):
            box = QCheckBox(severity_label(severity))
            box.setChecked(severity in self.channel.severities)
            self.severities[severity] = box
            sev_row.addWidget(box)
        sev_row.addStretch(1)
        form.addRow(self.tr("Severities"), sev_row)
        self.shops = QListWidget()
        for name in shops:
            item = QListWidgetItem(name)
            item.setCheckState(_checked(not self.channel.shops or name in self.channel.shops))
            self.shops.addItem(item)
        self.shops.setMaximumHeight(90)
        self.shops.setVisible(len(shops) > 1)
        if len(shops) > 1:
            form.addRow(self.tr("Shops"), self.shops)
        self.quiet = QCheckBox(self.tr("Hold messages during quiet hours"))
        self.quiet.setChecked(self.channel.quiet_hours)
        form.addRow("", self.quiet)
        self.enabled = QCheckBox(self.tr("Channel is on"))
        self.enabled.setChecked(self.channel.enabled)
        form.addRow("", self.enabled)
        self.language = QComboBox()
        self.language.addItem(self.tr("Same as the notifications"), "")
        for code, name in zip(LANGUAGES, ("English", "简体中文"), strict=True):
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(self.channel.language)))
        form.addRow(self.tr("Language"), self.language)
        layout.addLayout(form)
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.setProperty("role", "error")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.test_button = buttons.addButton(self.tr("Send test message"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.test_button.clicked.connect(self.send_test)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _show_url(self, on: bool) -> None:
        self.url.setEchoMode(QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password)

    def result_channel(self) -> tuple[ChannelConfig, str | None]:
        """The edited channel and the new address (None: keep the stored one)."""
        kinds = [self.kinds.item(i).data(ROLE) for i in range(self.kinds.count())
                 if self.kinds.item(i).checkState() == _checked(True)]
        shops = [self.shops.item(i).text() for i in range(self.shops.count())
                 if self.shops.item(i).checkState() == _checked(True)]
        channel = ChannelConfig(
            id=self.channel.id, name=self.name.text().strip(), display=self.channel.display,
            kinds=[] if len(kinds) == len(ALERT_KINDS) else kinds,
            severities=[s for s in SEVERITIES if self.severities[s].isChecked()],
            shops=[] if len(shops) == self.shops.count() else shops,
            mode=self.mode.currentData(), quiet_hours=self.quiet.isChecked(),
            enabled=self.enabled.isChecked(), language=self.language.currentData())
        url = self.url.text().strip() or None
        return channel, url

    def accept(self) -> None:
        channel, url = self.result_channel()
        if not channel.name:
            self.error.setText(self.tr("Give the channel a name."))
            return
        if not self.editing and not url:
            self.error.setText(self.tr("Enter the channel's address."))
            return
        if channel.severities == [] or (channel.kinds == [] and self._none_checked()):
            self.error.setText(self.tr("Choose at least one kind of alert and one severity."))
            return
        if url:
            from shopwatch.notify.channels import check_url

            try:
                check_url(url)
            except ChannelError:
                self.error.setText(self.tr(
                    "This address is not one Apprise knows. Check the service name before "
                    "'://' and the parts after it."))
                return
        super().accept()

    def _none_checked(self) -> bool:
        return all(self.kinds.item(i).checkState() != _checked(True)
                   for i in range(self.kinds.count()))

    def send_test(self) -> None:
        from shopwatch.notify.service import send_test

        channel, url = self.result_channel()
        if not url and not self.editing:
            self.error.setText(self.tr("Enter the channel's address first."))
            return
        self.test_button.setEnabled(False)
        self.error.setText(self.tr("Sending a test message…"))
        profile, name = self.profile, self.channel.id
        work = ((lambda: send_test(profile, url=url)) if url
                else (lambda: send_test(profile, channel=name)))
        run_task(work, self._tested, self._tested, owner=self)

    def _tested(self, result: object) -> None:
        self.test_button.setEnabled(True)
        self.error.setText(_test_text(result))

    def done(self, code: int) -> None:  # noqa: D401 - Qt's name
        super().done(code)


def _checked(on: bool) -> Qt.CheckState:
    return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked


def _test_text(result: object) -> str:
    if isinstance(result, Exception):
        return translate("NotifySettingsPage", "The test could not be sent: {0}").replace("{0}", str(result))
    lines = []
    for item in result:  # type: ignore[union-attr]
        if item.outcome.ok:
            lines.append(translate("NotifySettingsPage", "“{0}”: test message sent.").replace("{0}", item.label))
        else:
            lines.append(translate("NotifySettingsPage", "“{0}”: failed: {1}").replace("{0}", item.label)
                         .replace("{1}", item.outcome.error or ""))
    return "\n".join(lines) or translate("NotifySettingsPage", "No channel to test.")


# --- the page ----------------------------------------------------------------------------

class NotifySettingsPage(QWidget):
    """The settings for remote notifications. Standalone it reads and writes the profile's
    settings file; inside the app pass the session's ``settings`` and ``on_save`` so the
    page and the rest of Settings never overwrite each other's changes."""

    changed = Signal()

    def __init__(self, db_path: Path, profile: Path, parent: QWidget | None = None, *,
                 settings: Settings | None = None, on_save: Callable[[], None] | None = None,
                 store: NotifyStore | None = None,
                 notifier: RemoteNotifier | None = None) -> None:
        super().__init__(parent)
        self.db_path, self.profile = Path(db_path), Path(profile)
        self._settings, self._on_save = settings, on_save
        #: every read and write of the store goes through this (the page runs no SQL)
        self.store = store or NotifyStore(self.db_path)
        self.notifier = notifier
        self._loading = False
        self.prefs = self._load()

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        column = QVBoxLayout(body)
        column.setContentsMargins(22, 20, 22, 20)
        column.setSpacing(14)
        intro = QLabel(self.tr(
            "Get alerts on your phone or by e-mail when you are away from the computer: "
            "deletions, violation delistings, new penalties and deadlines at once, everything "
            "else in one daily digest. Messages are sent while shopwatch runs."))
        intro.setWordWrap(True)
        intro.setProperty("role", "muted")
        column.addWidget(intro)
        self.enabled = QCheckBox(self.tr("Send alerts to the channels below"))
        self.enabled.toggled.connect(self._commit)
        column.addWidget(self.enabled)
        column.addWidget(self._channels_box())
        column.addWidget(self._timing_box())
        column.addWidget(self._mutes_box())
        column.addWidget(self._log_box())
        column.addStretch(1)
        self.reload()

    # --- storage ------------------------------------------------------------------------

    def _load(self) -> NotifyPrefs:
        return load_prefs(self._settings) if self._settings is not None \
            else read_prefs(self.profile)

    def _save(self, prefs: NotifyPrefs) -> None:
        if self._settings is not None:
            self._settings.extra = {**self._settings.extra, SETTINGS_KEY: prefs_to_dict(prefs)}
            if self._on_save is not None:
                self._on_save()
        else:
            write_prefs(self.profile, prefs)
        self.prefs = prefs
        self.changed.emit()

    def _shop_names(self) -> list[str]:
        try:
            return self.store.shop_names()
        except Exception:  # noqa: BLE001 - the page still works without the store
            log.exception("cannot list shops")
            return []

    # --- channels -----------------------------------------------------------------------

    def _channels_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Channels"))
        layout = QVBoxLayout(box)
        self.channel_table = QTableWidget(0, 4)
        self.channel_table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Address"), self.tr("Sends"), self.tr("Status")])
        self.channel_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.channel_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.channel_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.channel_table.verticalHeader().setVisible(False)
        header = self.channel_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.channel_table.setMinimumHeight(130)
        self.channel_table.itemSelectionChanged.connect(self._update_buttons)
        self.channel_table.itemDoubleClicked.connect(self._double_clicked)
        layout.addWidget(self.channel_table)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add…"))
        self.add_button.clicked.connect(self.add_channel)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(self.edit_channel)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_channel)
        self.test_button = QPushButton(self.tr("Send test message"))
        self.test_button.clicked.connect(self.send_test)
        for widget in (self.add_button, self.edit_button, self.remove_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.test_button)
        layout.addLayout(row)
        self.test_result = QLabel("")
        self.test_result.setWordWrap(True)
        layout.addWidget(self.test_result)
        return box

    def _double_clicked(self, _item: QTableWidgetItem) -> None:
        self.edit_channel()

    def selected_channel(self) -> ChannelConfig | None:
        rows = self.channel_table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.channel_table.item(rows[0].row(), 0)
        return self.prefs.channel(item.data(ROLE)) if item else None

    def _update_buttons(self) -> None:
        chosen = self.selected_channel() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
        self.test_button.setEnabled(bool(self.prefs.channels))

    def _fill_channels(self) -> None:
        table = self.channel_table
        keep = self.selected_channel()
        table.setRowCount(0)
        for channel in self.prefs.channels:
            row = table.rowCount()
            table.insertRow(row)
            name = QTableWidgetItem(channel.name)
            name.setData(ROLE, channel.id)
            table.setItem(row, 0, name)
            table.setItem(row, 1, QTableWidgetItem(channel.display))
            sends = QTableWidgetItem(mode_short_label(channel.mode))
            sends.setToolTip(mode_label(channel.mode))
            table.setItem(row, 2, sends)
            problem = ""
            if not channel.enabled:
                status = self.tr("Off")
            elif url_source(channel.id) is None:
                status = self.tr("Address missing: add it again")
            else:
                status, problem = self._last_status(channel.id)
            cell = QTableWidgetItem(status)
            cell.setToolTip(problem or status)
            table.setItem(row, 3, cell)
            if keep is not None and keep.id == channel.id:
                table.selectRow(row)
        self._update_buttons()

    def _last_status(self, channel_id: str) -> tuple[str, str]:
        """(the latest message's status, its problem if any) for the channel list."""
        try:
            message = self.store.latest_message(channel_id)
        except Exception:  # noqa: BLE001 - the list still shows without the log
            return "", ""
        if message is None:
            return self.tr("Nothing sent yet"), ""
        if message.last_error and message.status != "sent":
            return status_label(message.status) + " · " + self.tr("problem"), message.last_error
        return status_label(message.status), ""

    def add_channel(self) -> None:
        dialog = ChannelDialog(None, self._shop_names(), self.profile, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._store_channel(*dialog.result_channel())

    def edit_channel(self) -> None:
        channel = self.selected_channel()
        if channel is None:
            return
        dialog = ChannelDialog(channel, self._shop_names(), self.profile, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._store_channel(*dialog.result_channel())

    def _store_channel(self, channel: ChannelConfig, url: str | None) -> bool:
        prefs = self._load()
        try:
            saved = self.store.prepare_channel(prefs, channel, url)
        except (ChannelError, PrefsError) as exc:
            QMessageBox.warning(self, self.tr("Channel not saved"), str(exc))
            return False
        self._save(prefs)
        if not saved.stored:
            QMessageBox.information(self, self.tr("No keychain"), self.tr(
                "This computer has no system keychain, so the address was not saved. Set the "
                "environment variable {0} to it before starting shopwatch.")
                .replace("{0}", _env_name(saved.channel.id)))
        self.reload()
        return True

    def remove_channel(self) -> None:
        from shopwatch.notify.service import drop_channel

        channel = self.selected_channel()
        if channel is None:
            return
        answer = QMessageBox.question(self, self.tr("Remove channel"), self.tr(
            "Remove “{0}”? Its address is deleted from the keychain.").replace(
            "{0}", channel.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        prefs = self._load()
        drop_channel(prefs, channel.id)
        self._save(prefs)
        self.reload()

    def send_test(self) -> None:
        """Test the selected channel (or all), on a worker thread."""
        from shopwatch.notify.service import send_test

        channel = self.selected_channel()
        self.test_button.setEnabled(False)
        self.test_result.setText(self.tr("Sending a test message…"))
        profile = self.profile
        ref = channel.id if channel else None
        run_task(lambda: send_test(profile, channel=ref), self._tested, self._tested, owner=self)

    def _tested(self, result: object) -> None:
        self.test_button.setEnabled(True)
        self.test_result.setText(_test_text(result))
        self._fill_channels()

    # --- timing -------------------------------------------------------------------------

    def _timing_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("When"))
        form = QFormLayout(box)
        quiet_row = QHBoxLayout()
        self.quiet_on = QCheckBox(self.tr("hold messages from"))
        self.quiet_start = QTimeEdit()
        self.quiet_end = QTimeEdit()
        for edit in (self.quiet_start, self.quiet_end):
            edit.setDisplayFormat("HH:mm")
            edit.timeChanged.connect(self._commit)
        self.quiet_on.toggled.connect(self._commit)
        quiet_row.addWidget(self.quiet_on)
        quiet_row.addWidget(self.quiet_start)
        quiet_row.addWidget(QLabel(self.tr("to")))
        quiet_row.addWidget(self.quiet_end)
        quiet_row.addStretch(1)
        form.addRow(self.tr("Quiet hours"), quiet_row)
        digest_row = QHBoxLayout()
        self.digest_time = QTimeEdit()
        self.digest_time.setDisplayFormat("HH:mm")
        self.digest_time.timeChanged.connect(self._commit)
        self.digest_empty = QCheckBox(self.tr("also on days without alerts"))
        self.digest_empty.toggled.connect(self._commit)
        digest_row.addWidget(self.digest_time)
        digest_row.addWidget(self.digest_empty)
        digest_row.addStretch(1)
        form.addRow(self.tr("Daily digest at"), digest_row)
        self.next_digest = QLabel("")
        self.next_digest.setProperty("role", "hint")
        form.addRow("", self.next_digest)
        self.language = QComboBox()
        self.language.addItem(self.tr("Same as the app"), "")
        for code, name in zip(LANGUAGES, ("English", "简体中文"), strict=True):
            self.language.addItem(name, code)
        self.language.currentIndexChanged.connect(self._commit)
        form.addRow(self.tr("Message language"), self.language)
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItem(self.tr("This computer's time zone"), "")
        for zone in ("Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore",
                     "UTC"):
            self.timezone.addItem(zone, zone)
        self.timezone.activated.connect(self._commit)
        self.timezone.lineEdit().editingFinished.connect(self._commit)
        form.addRow(self.tr("Time zone"), self.timezone)
        return box

    # --- mutes --------------------------------------------------------------------------

    def _mutes_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Muted"))
        layout = QVBoxLayout(box)
        hint = QLabel(self.tr("Muted alerts still show in shopwatch; they are just not sent to "
                              "your channels."))
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        layout.addWidget(hint)
        self.muted_kinds = QListWidget()
        for kind in ALERT_KINDS:
            item = QListWidgetItem(kind_label(kind))
            item.setData(ROLE, kind)
            item.setCheckState(_checked(False))
            self.muted_kinds.addItem(item)
        self.muted_kinds.setMaximumHeight(140)
        self.muted_kinds.itemChanged.connect(self._commit)
        layout.addWidget(QLabel(self.tr("Kinds of alert not to send:")))
        layout.addWidget(self.muted_kinds)
        layout.addWidget(QLabel(self.tr("Listings not to send alerts about:")))
        self.muted_listings = QListWidget()
        self.muted_listings.setMaximumHeight(100)
        layout.addWidget(self.muted_listings)
        row = QHBoxLayout()
        self.mute_listing_button = QPushButton(self.tr("Mute a listing…"))
        self.mute_listing_button.clicked.connect(self.mute_listing)
        self.unmute_button = QPushButton(self.tr("Unmute"))
        self.unmute_button.clicked.connect(self.unmute_listing)
        row.addWidget(self.mute_listing_button)
        row.addWidget(self.unmute_button)
        row.addStretch(1)
        layout.addLayout(row)
        return box

    def mute_listing(self, listing_id: str | None = None, shop: str | None = None) -> None:
        shops = self._shop_names()
        if listing_id is None:
            text, ok = QInputDialog.getText(self, self.tr("Mute a listing"),
                                            self.tr("Listing ID:"))
            if not ok or not text.strip():
                return
            listing_id = text.strip()
        if shop is None:
            if len(shops) > 1:
                shop, ok = QInputDialog.getItem(self, self.tr("Mute a listing"),
                                                self.tr("Shop:"), shops, 0, False)
                if not ok:
                    return
            else:
                shop = shops[0] if shops else ""
        title = ""
        try:
            title = self.store.listing_title(shop, listing_id)
        except Exception:  # noqa: BLE001 - the title is only for display
            pass
        prefs = self._load()
        prefs.muted_listings = [m for m in prefs.muted_listings
                                if not (m.shop == shop and m.listing_id == listing_id)]
        prefs.muted_listings.append(ListingMute(shop, listing_id, None, title))
        self._save(prefs)
        self.reload()

    def unmute_listing(self) -> None:
        item = self.muted_listings.currentItem()
        if item is None:
            return
        shop, listing_id = item.data(ROLE)
        prefs = self._load()
        prefs.muted_listings = [m for m in prefs.muted_listings
                                if not (m.shop == shop and m.listing_id == listing_id)]
        self._save(prefs)
        self.reload()

    # --- delivery log -------------------------------------------------------------------

    def _log_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Recent messages"))
        layout = QVBoxLayout(box)
        self.counts = QLabel("")
        self.counts.setWordWrap(True)
        layout.addWidget(self.counts)
        self.log_table = QTableWidget(0, 5)
        self.log_table.setHorizontalHeaderLabels([
            self.tr("Created"), self.tr("Channel"), self.tr("Message"), self.tr("Status"),
            self.tr("Problem")])
        self.log_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.log_table.verticalHeader().setVisible(False)
        log_header = self.log_table.horizontalHeader()
        log_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Titles can be long: give the message a fixed share and the problem the rest.
        log_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        log_header.resizeSection(2, 300)
        log_header.setStretchLastSection(True)
        self.log_table.setMinimumHeight(160)
        layout.addWidget(self.log_table)
        row = QHBoxLayout()
        self.send_button = QPushButton(self.tr("Send waiting messages now"))
        self.send_button.clicked.connect(self.send_now)
        self.retry_button = QPushButton(self.tr("Retry failed messages"))
        self.retry_button.clicked.connect(self.retry_failed)
        row.addWidget(self.send_button)
        row.addWidget(self.retry_button)
        row.addStretch(1)
        layout.addLayout(row)
        return box

    def _fill_log(self) -> None:
        try:
            messages, counts = self.store.log(30)
        except Exception:  # noqa: BLE001 - an old or locked database: show nothing
            log.exception("cannot read the notification log")
            messages, counts = [], {}
        names = {c.id: c.name for c in self.prefs.channels}
        tz = self.prefs.tzinfo()
        self.log_table.setRowCount(0)
        for message in messages:
            row = self.log_table.rowCount()
            self.log_table.insertRow(row)
            created = parse_iso(message.created_at)
            values = [created.astimezone(tz).strftime("%Y-%m-%d %H:%M") if created else "",
                      names.get(message.channel, message.channel), message.title,
                      status_label(message.status) + (f" ({message.attempts})"
                                                      if message.attempts > 1 else ""),
                      message.last_error or ""]
            for col, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setToolTip(value)
                self.log_table.setItem(row, col, cell)
        waiting = counts.get("pending", 0) + counts.get("sending", 0)
        parts = [self.tr("Waiting to be sent or retried: {0}").replace("{0}", str(waiting)),
                 self.tr("Alerts for the next digest: {0}").replace(
                     "{0}", str(counts.get("queued", 0)))]
        if counts.get("failed"):
            parts.append(self.tr("Could not be delivered: {0}").replace(
                "{0}", str(counts["failed"])))
        self.counts.setText(" · ".join(parts))
        self.retry_button.setEnabled(bool(counts.get("failed")))

    def send_now(self) -> None:
        from shopwatch.notify.service import run_pending

        self.send_button.setEnabled(False)
        self.counts.setText(self.tr("Sending…"))
        if self.notifier is not None and self.notifier.run_now(force=True, ignore_quiet=True):
            self.notifier.dispatched.connect(self._sent)
            return
        profile = self.profile
        run_task(lambda: run_pending(profile, ignore_quiet=True), self._sent, self._sent,
                 owner=self)

    def _sent(self, result: object) -> None:
        if self.notifier is not None:
            try:
                self.notifier.dispatched.disconnect(self._sent)
            except (RuntimeError, TypeError):
                pass
        self.send_button.setEnabled(True)
        self.reload()
        if isinstance(result, Exception):
            self.counts.setText(self.tr("Sending failed: {0}").replace("{0}", str(result)))

    def retry_failed(self) -> None:
        self.store.retry_failed()
        self.send_now()

    # --- load / save --------------------------------------------------------------------

    def reload(self) -> None:
        """Show the stored settings (after a change made here or elsewhere)."""
        self._loading = True
        try:
            prefs = self.prefs = self._load()
            self.enabled.setChecked(prefs.enabled)
            self._fill_channels()
            self.quiet_on.setChecked(prefs.quiet_hours.enabled)
            self.quiet_start.setTime(_qtime(prefs.quiet_hours.start))
            self.quiet_end.setTime(_qtime(prefs.quiet_hours.end))
            self.digest_time.setTime(_qtime(prefs.digest_time))
            self.digest_empty.setChecked(prefs.digest_when_empty)
            self.language.setCurrentIndex(max(0, self.language.findData(prefs.language)))
            index = self.timezone.findData(prefs.timezone)
            if index < 0:
                self.timezone.addItem(prefs.timezone, prefs.timezone)
                index = self.timezone.count() - 1
            self.timezone.setCurrentIndex(index)
            muted = {m.kind for m in prefs.muted_kinds if policy.mute_active(m.until, now_utc())}
            for i in range(self.muted_kinds.count()):
                item = self.muted_kinds.item(i)
                item.setCheckState(_checked(item.data(ROLE) in muted))
            self.muted_listings.clear()
            several_shops = len(self._shop_names()) > 1
            for mute in prefs.muted_listings:
                text = f"{mute.listing_id} · {mute.title}" if mute.title else mute.listing_id
                if several_shops:
                    text = f"{mute.shop}: {text}"
                item = QListWidgetItem(text)
                item.setData(ROLE, (mute.shop, mute.listing_id))
                self.muted_listings.addItem(item)
            self._update_controls()
            self._fill_log()
        finally:
            self._loading = False

    def _update_controls(self) -> None:
        on = self.enabled.isChecked()
        for widget in (self.quiet_start, self.quiet_end):
            widget.setEnabled(on and self.quiet_on.isChecked())
        prefs = self.prefs
        try:
            tz = prefs.tzinfo()
            at = policy.next_digest_at(now_utc(), tz, prefs.digest_time).astimezone(tz)
            self.next_digest.setText(self.tr("Next digest: {0}").replace(
                "{0}", at.strftime("%Y-%m-%d %H:%M")))
        except (PrefsError, ValueError):
            self.next_digest.setText("")

    def _commit(self, *_args: object) -> None:
        """Save the form's simple settings (channels and listing mutes save themselves)."""
        if self._loading:
            return
        prefs = self._load()
        prefs.enabled = self.enabled.isChecked()
        prefs.quiet_hours.enabled = self.quiet_on.isChecked()
        prefs.quiet_hours.start = self.quiet_start.time().toString("HH:mm")
        prefs.quiet_hours.end = self.quiet_end.time().toString("HH:mm")
        prefs.digest_time = self.digest_time.time().toString("HH:mm")
        prefs.digest_when_empty = self.digest_empty.isChecked()
        prefs.language = self.language.currentData() or ""
        text = self.timezone.currentText().strip()
        index = self.timezone.findText(text)
        prefs.timezone = (self.timezone.itemData(index) if index >= 0 else text) or ""
        chosen = {self.muted_kinds.item(i).data(ROLE) for i in range(self.muted_kinds.count())
                  if self.muted_kinds.item(i).checkState() == _checked(True)}
        kept = [m for m in prefs.muted_kinds if m.kind in chosen]
        prefs.muted_kinds = kept + [KindMute(k) for k in sorted(chosen)
                                    if k not in {m.kind for m in kept}]
        self._save(prefs)
        self._update_controls()

    @Slot(object)
    def on_dispatched(self, _result: object) -> None:
        if self.isVisible():
            self._fill_channels()
            self._fill_log()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.store.close()
        super().closeEvent(event)


def _qtime(text: str) -> QTime:
    try:
        clock = parse_clock(text)
    except PrefsError:
        return QTime(0, 0)
    return QTime(clock.hour, clock.minute)


def _env_name(channel_id: str) -> str:
    from shopwatch.notify.channels import env_name

    return env_name(channel_id)


def settings_tab(session: Any) -> tuple[str, QWidget]:
    """The Settings page's hook: this page as a tab, sharing the session's settings object
    and read connection, and a RemoteNotifier for the session if it has none yet."""
    notifier = session.findChild(RemoteNotifier)
    if notifier is None:  # outside the app (the controller makes one at start-up)
        notifier = RemoteNotifier(session.profile, parent=session)
        session.data_changed.connect(notifier.trigger)
        notifier.start()
    page = NotifySettingsPage(session.db_path, session.profile, settings=session.settings,
                              on_save=session.save_settings,
                              store=NotifyStore.for_session(session),
                              notifier=notifier)
    # A bound slot: Qt drops the connection when the page is deleted (a language switch
    # rebuilds every page, while the notifier lives on with the session).
    notifier.dispatched.connect(page.on_dispatched)
    return translate("NotifySettingsPage", "Phone & e-mail"), page


__all__ = ["ChannelDialog", "NotifySettingsPage", "RemoteNotifier", "kind_label",
           "settings_tab"]
