"""An Amazon shop's stored settings (region, marketplace, seller id, LWA client id, hosts) and
the connector built from them with its secrets from the keychain or the environment."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from shopwatch.connectors.amazon import AmazonConnector
from shopwatch.connectors.amazon_account import (  # noqa: F401 - re-exported
    ACCOUNT_STATUSES,
    SETTINGS_KEY,
    account_status,
    with_account_status,
)
from shopwatch.connectors.amazon_client import REGION_ENDPOINTS, TOKEN_ENDPOINT
from shopwatch.credentials import (
    LWA_CLIENT_SECRET,
    LWA_REFRESH_TOKEN,
    CredentialError,
    get_secret,
)
from shopwatch.models import Shop

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
