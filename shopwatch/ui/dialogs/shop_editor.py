"""Add or edit a Taobao shop: gateway, app key, signing method, and the two secrets (app
secret, session key), which go to the system keychain and never into the database.
"Test connection" asks the gateway for one page of listings on the worker thread."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from shopwatch.connectors.top_sign import SIGN_METHODS
from shopwatch.credentials import (
    APP_SECRET,
    ENV_NAMES,
    SESSION,
    CredentialError,
    get_secret,
    keychain_available,
    save_shop_secrets,
)
from shopwatch.models import Shop
from shopwatch.ui import labels, theme
from shopwatch.ui.widgets.cards import button, label
from shopwatch.ui.workers import JobError, JobRunner

if TYPE_CHECKING:
    from shopwatch.ui.writes import Writes

ENDPOINTS = (
    ("https://eco.taobao.com/router/rest", "production"),
    ("https://gw.api.tbsandbox.com/router/rest", "sandbox"),
)


@dataclass(slots=True)
class ConnectionTestJob:
    """Ask the gateway for one listing: proves the address, app key, signature and session."""

    endpoint: str
    app_key: str
    app_secret: str
    session: str
    sign_method: str
    key: str = "connection-test"

    def run(self, progress, cancelled) -> tuple[bool, str, str]:
        from shopwatch.connectors.base import ConnectorError
        from shopwatch.connectors.taobao import TaobaoConnector

        connector = TaobaoConnector(self.endpoint, self.app_key, self.app_secret, self.session,
                                    sign_method=self.sign_method, timeout=15.0, retries=1)
        try:
            reply = connector.call("taobao.items.onsale.get", fields="num_iid", page_no=1,
                                   page_size=1)
        except ConnectorError as exc:
            return False, exc.kind, str(exc)
        finally:
            connector.close()
        body = next(iter(reply.values()), {}) if isinstance(reply, dict) else {}
        total = body.get("total_results", 0) if isinstance(body, dict) else 0
        return True, "", str(total)


class ShopEditor(QDialog):
    def __init__(self, writes: Writes, shop: Shop | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.writes = writes
        self.shop = shop
        self.saved: Shop | None = None
        self.runner = JobRunner("shopwatch-connection-test", self)
        self.runner.finished.connect(self._on_tested)
        self.setWindowTitle(self.tr("Edit shop") if shop else self.tr("Connect a Taobao shop"))
        self.setMinimumWidth(520)

        column = QVBoxLayout(self)
        column.setContentsMargins(22, 20, 22, 16)
        column.setSpacing(12)
        intro = label(self.tr(
            "Enter the details of your app on the Taobao Open Platform (开放平台) and the "
            "session key you got when you authorised it for your shop."), "muted", wrap=True)
        column.addWidget(intro)
        form = QFormLayout()
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(10)
        self.name = QLineEdit(shop.name if shop else "")
        self.name.setPlaceholderText(self.tr("e.g. My Taobao shop"))
        form.addRow(self.tr("Shop name"), self.name)
        self.endpoint = QComboBox()
        self.endpoint.setEditable(True)
        for url, _kind in ENDPOINTS:
            self.endpoint.addItem(url)
        self.endpoint.setCurrentText(shop.endpoint if shop and shop.endpoint else ENDPOINTS[0][0])
        form.addRow(self.tr("Gateway"), self.endpoint)
        self.app_key = QLineEdit(shop.app_key if shop and shop.app_key else "")
        form.addRow(self.tr("App key"), self.app_key)
        self.sign = QComboBox()
        self.sign.addItems(list(SIGN_METHODS))
        self.sign.setCurrentText(shop.sign_method if shop else "md5")
        form.addRow(self.tr("Signing"), self.sign)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.session_key = QLineEdit()
        self.session_key.setEchoMode(QLineEdit.EchoMode.Password)
        keep = self.tr("Leave empty to keep the stored one") if shop else ""
        self.secret.setPlaceholderText(keep)
        self.session_key.setPlaceholderText(keep)
        form.addRow(self.tr("App secret"), self.secret)
        form.addRow(self.tr("Session key"), self.session_key)
        column.addLayout(form)

        if keychain_available():
            where = self.tr("The app secret and session key are stored in the system keychain.")
        else:
            where = self.tr(
                "No system keychain was found on this computer, so secrets cannot be saved. "
                "Set the environment variables %1 and %2 before starting shopwatch.") \
                .replace("%1", ENV_NAMES[APP_SECRET]).replace("%2", ENV_NAMES[SESSION])
        column.addWidget(label(where, "hint", wrap=True))

        self.test_button = button(self.tr("Test connection"), None, "plug")
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.test_result)
        self.error = label("", "error", wrap=True)
        self.error.hide()
        column.addWidget(self.error)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setProperty("role", "primary")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)

    # --- actions ------------------------------------------------------------------------------

    def _secrets(self) -> tuple[str, str]:
        secret, session = self.secret.text().strip(), self.session_key.text().strip()
        if self.shop is not None:
            try:
                secret = secret or get_secret(self.shop.name, APP_SECRET).value
                session = session or get_secret(self.shop.name, SESSION).value
            except CredentialError:
                pass
        return secret, session

    def test_connection(self) -> None:
        secret, session = self._secrets()
        if not (self.endpoint.currentText().strip() and self.app_key.text().strip()
                and secret and session):
            self._result(False, self.tr("Fill in the gateway, app key, app secret and session "
                                        "key first."))
            return
        self.test_button.setEnabled(False)
        self._result(None, self.tr("Connecting…"))
        self.runner.submit(ConnectionTestJob(self.endpoint.currentText().strip(),
                                             self.app_key.text().strip(), secret, session,
                                             self.sign.currentText()))

    def _on_tested(self, job, result) -> None:
        self.test_button.setEnabled(True)
        if isinstance(result, JobError):
            self._result(False, result.message)
            return
        ok, kind, detail = result
        if ok:
            self._result(True, self.tr("Connected. The shop has %1 listings on sale.")
                         .replace("%1", detail))
        else:
            self._result(False, labels.sync_error(kind) + "\n" + detail)

    def _result(self, ok: bool | None, text: str) -> None:
        theme.set_tone(self.test_result, {True: "ok", False: "critical"}.get(ok, "muted"))
        self.test_result.setText(text)

    def save(self) -> None:
        name = self.name.text().strip()
        endpoint = self.endpoint.currentText().strip()
        app_key = self.app_key.text().strip()
        problem = ""
        if not name:
            problem = self.tr("Give the shop a name.")
        elif not endpoint.startswith(("http://", "https://")):
            problem = self.tr("The gateway must be an http:// or https:// address.")
        elif not app_key:
            problem = self.tr("The app key is required.")
        else:
            other = self.writes.shop_named(name)
            if other is not None and (self.shop is None or other.id != self.shop.id):
                problem = self.tr("Another shop is already called “%1”.").replace("%1", name)
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        if self.shop is None:
            shop = self.writes.add_shop(name, "taobao", endpoint=endpoint,
                                    app_key=app_key, sign_method=self.sign.currentText())
        else:
            shop = self.writes.update_shop(self.shop.id, name=name, endpoint=endpoint,
                                       app_key=app_key, sign_method=self.sign.currentText())
        self.saved = shop
        secrets = {APP_SECRET: self.secret.text().strip(), SESSION: self.session_key.text().strip()}
        renamed_from = self.shop.name if self.shop and self.shop.name != name else None
        try:
            save_shop_secrets(shop.name, secrets, renamed_from=renamed_from)
        except CredentialError as exc:
            # The shop is saved; tell plainly why the secret is not, then let them close.
            self.error.setText(self.tr("The shop was saved, but its secrets were not: %1")
                               .replace("%1", str(exc)))
            self.error.show()
            self.secret.clear()
            self.session_key.clear()
            return
        self.accept()

    def done(self, result: int) -> None:
        self.runner.shutdown(2000)
        super().done(result)
