"""Connect (or edit) an Amazon seller account: the marketplace, the seller id and the Login
with Amazon app (client id, client secret, refresh token). The two secrets go to the system
keychain (environment variables where there is none), never into the database; the first sync
after saving says plainly if Amazon refuses them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from shopwatch.connectors.amazon_client import REGION_ENDPOINTS, TOKEN_ENDPOINT
from shopwatch.connectors.amazon_marketplaces import MARKETPLACES, by_id
from shopwatch.connectors.amazon_shop import AmazonSettings
from shopwatch.credentials import (
    ENV_NAMES,
    LWA_CLIENT_SECRET,
    LWA_REFRESH_TOKEN,
    CredentialError,
    keychain_available,
    save_shop_secrets,
)
from shopwatch.models import Shop
from shopwatch.ui.widgets.cards import label

if TYPE_CHECKING:
    from shopwatch.ui.writes import Writes


class AmazonShopEditor(QDialog):
    def __init__(self, writes: Writes, shop: Shop | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.writes = writes
        self.shop = shop
        self.saved: Shop | None = None
        settings = AmazonSettings.of(shop) if shop else None
        self.setWindowTitle(self.tr("Edit Amazon account") if shop
                            else self.tr("Connect my Amazon account"))
        self.setMinimumWidth(540)
        column = QVBoxLayout(self)
        column.setContentsMargins(22, 20, 22, 16)
        column.setSpacing(12)
        column.addWidget(label(self.tr(
            "shopwatch reads your listings, their issues and your account health through "
            "Amazon's Selling Partner API. Register a private app in Seller Central (Apps and "
            "Services → Develop Apps), authorise it for your account, and copy its Login with "
            "Amazon client id, client secret and refresh token here."), "muted", wrap=True))
        form = QFormLayout()
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(10)
        self.name = QLineEdit(shop.name if shop else "")
        self.name.setPlaceholderText(self.tr("e.g. My Amazon US store"))
        form.addRow(self.tr("Shop name"), self.name)
        self.marketplace = QComboBox()
        regions = {"na": self.tr("North America"), "eu": self.tr("Europe"),
                   "fe": self.tr("Far East")}
        for m in MARKETPLACES:
            self.marketplace.addItem(f"{m.country} ({m.code}) · {regions[m.region]}",
                                     m.marketplace_id)
        current = settings.marketplace_id if settings else MARKETPLACES[0].marketplace_id
        self.marketplace.setCurrentIndex(max(0, self.marketplace.findData(current)))
        form.addRow(self.tr("Marketplace"), self.marketplace)
        self.seller_id = QLineEdit(settings.seller_id if settings else "")
        self.seller_id.setPlaceholderText(self.tr("Merchant token, e.g. A1B2C3D4E5F6G7"))
        form.addRow(self.tr("Seller id"), self.seller_id)
        self.client_id = QLineEdit(shop.app_key if shop and shop.app_key else "")
        self.client_id.setPlaceholderText("amzn1.application-oa2-client.…")
        form.addRow(self.tr("LWA client id"), self.client_id)
        self.client_secret = QLineEdit()
        self.client_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.refresh_token = QLineEdit()
        self.refresh_token.setEchoMode(QLineEdit.EchoMode.Password)
        keep = self.tr("Leave empty to keep the stored one") if shop else ""
        self.client_secret.setPlaceholderText(keep)
        self.refresh_token.setPlaceholderText(keep or "Atzr|…")
        form.addRow(self.tr("LWA client secret"), self.client_secret)
        form.addRow(self.tr("Refresh token"), self.refresh_token)
        column.addLayout(form)
        if keychain_available():
            where = self.tr("The client secret and refresh token are stored in the system "
                            "keychain.")
        else:
            where = self.tr(
                "No system keychain was found on this computer, so secrets cannot be saved. "
                "Set the environment variables %1 and %2 before starting shopwatch.") \
                .replace("%1", ENV_NAMES[LWA_CLIENT_SECRET]) \
                .replace("%2", ENV_NAMES[LWA_REFRESH_TOKEN])
        column.addWidget(label(where, "hint", wrap=True))
        self.error = label("", "error", wrap=True)
        self.error.hide()
        column.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setProperty("role", "primary")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)

    def _problem(self, name: str) -> str:
        if not name:
            return self.tr("Give the shop a name.")
        if not self.seller_id.text().strip():
            return self.tr("The seller id is required (Seller Central → Settings → Account "
                           "Info → Merchant Token).")
        if not self.client_id.text().strip():
            return self.tr("The LWA client id is required.")
        if self.shop is None and not (self.client_secret.text().strip()
                                      and self.refresh_token.text().strip()):
            return self.tr("The client secret and the refresh token are both required.")
        other = self.writes.shop_named(name)
        if other is not None and (self.shop is None or other.id != self.shop.id):
            return self.tr("Another shop is already called “%1”.").replace("%1", name)
        return ""

    def save(self) -> None:
        name = self.name.text().strip()
        problem = self._problem(name)
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        market = by_id(self.marketplace.currentData()) or MARKETPLACES[0]
        old = AmazonSettings.of(self.shop) if self.shop else None
        settings = AmazonSettings(market.region, market.marketplace_id,
                                  self.seller_id.text().strip(),
                                  old.token_endpoint if old else TOKEN_ENDPOINT)
        fields = dict(endpoint=REGION_ENDPOINTS[market.region],
                      app_key=self.client_id.text().strip())
        if self.shop is None:
            shop = self.writes.add_shop(name, "amazon", settings=settings.as_settings(),
                                        **fields)
        else:
            # keep what the shop holds besides its set-up (the account status it last saw)
            kept = {**self.shop.settings, **settings.as_settings()}
            kept["amazon"] = {**self.shop.settings.get("amazon", {}),
                              **settings.as_settings()["amazon"]}
            shop = self.writes.update_shop(self.shop.id, name=name, settings=kept, **fields)
        self.saved = shop
        secrets = {LWA_CLIENT_SECRET: self.client_secret.text().strip(),
                   LWA_REFRESH_TOKEN: self.refresh_token.text().strip()}
        renamed_from = self.shop.name if self.shop and self.shop.name != name else None
        try:
            save_shop_secrets(shop.name, secrets, renamed_from=renamed_from)
        except CredentialError as exc:
            self.error.setText(self.tr("The shop was saved, but its secrets were not: %1")
                               .replace("%1", str(exc)))
            self.error.show()
            self.client_secret.clear()
            self.refresh_token.clear()
            return
        self.accept()
