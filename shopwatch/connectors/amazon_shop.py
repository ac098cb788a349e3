"""An Amazon shop's stored settings (region, marketplace, seller id, LWA client id, hosts) and
the connector built from them with its secrets from the keychain or the environment."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from shopwatch.connectors.amazon import AmazonConnector
from shopwatch.connectors.amazon_client import REGION_ENDPOINTS, TOKEN_ENDPOINT
from shopwatch.credentials import (
    LWA_CLIENT_SECRET,
    LWA_REFRESH_TOKEN,
    CredentialError,
    get_secret,
)
from shopwatch.models import Shop

#: the key of a shop's settings that holds its Amazon set-up
SETTINGS_KEY = "amazon"
REGIONS = tuple(REGION_ENDPOINTS)


@dataclass(frozen=True, slots=True)
class AmazonSettings:
    region: str
    marketplace_id: str
    seller_id: str
    token_endpoint: str = TOKEN_ENDPOINT

    def as_settings(self) -> dict:
        return {SETTINGS_KEY: {"region": self.region, "marketplace_id": self.marketplace_id,
                               "seller_id": self.seller_id,
                               "token_endpoint": self.token_endpoint}}

    @classmethod
    def of(cls, shop: Shop) -> AmazonSettings | None:
        data = shop.settings.get(SETTINGS_KEY)
        if not isinstance(data, dict) or not data.get("marketplace_id") or not data.get(
                "seller_id"):
            return None
        return cls(str(data.get("region") or "na"), str(data["marketplace_id"]),
                   str(data["seller_id"]), str(data.get("token_endpoint") or TOKEN_ENDPOINT))


#: Amazon's account statuses (GET_V2_SELLER_PERFORMANCE_REPORT ``accountStatuses[].status``)
ACCOUNT_STATUSES = ("NORMAL", "AT_RISK", "DEACTIVATED")


def with_account_status(settings: dict, status: str, at: str) -> dict:
    """The shop's settings with the account status of its latest complete sync (the Overview
    shows it; a status other than NORMAL is also a notice)."""
    amazon = dict(settings.get(SETTINGS_KEY) or {})
    amazon.update(account_status=status, account_status_at=at)
    return {**settings, SETTINGS_KEY: amazon}


def account_status(shop: Shop) -> tuple[str, str] | None:
    """(status, when it was reported) from the shop's latest complete sync, if any."""
    data = shop.settings.get(SETTINGS_KEY)
    if not isinstance(data, dict) or not data.get("account_status"):
        return None
    return str(data["account_status"]), str(data.get("account_status_at") or "")


def amazon_connector(shop: Shop, *, note: Callable[[str], None] | None = None,
                     error: type[Exception] = ValueError) -> AmazonConnector:
    """The connector for a stored Amazon shop; ``error`` is raised (with a sentence saying what
    to fix) when the shop is not set up well enough to sync."""
    settings = AmazonSettings.of(shop)
    if settings is None or not shop.app_key:
        raise error(f"Shop '{shop.name}' has no marketplace, seller id or LWA client id; edit "
                    "it in Settings.")
    try:
        secret = get_secret(shop.name, LWA_CLIENT_SECRET)
        refresh = get_secret(shop.name, LWA_REFRESH_TOKEN)
    except CredentialError as exc:
        raise error(str(exc)) from exc
    if note:
        note(f"Using the LWA client secret from the {secret.source} and the refresh token from "
             f"the {refresh.source}.")
    endpoint = shop.endpoint or REGION_ENDPOINTS.get(settings.region, REGION_ENDPOINTS["na"])
    return AmazonConnector(endpoint, shop.app_key, secret.value, refresh.value,
                           seller_id=settings.seller_id, marketplace_id=settings.marketplace_id,
                           token_endpoint=settings.token_endpoint)
