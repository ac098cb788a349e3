"""An Amazon shop's account status as its latest complete sync read it, kept in the shop's
settings (light: the Overview reads it on the way to the first paint, without the connector)."""

from __future__ import annotations

from shopwatch.models import Shop

#: the key of a shop's settings that holds its Amazon set-up
SETTINGS_KEY = "amazon"
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
