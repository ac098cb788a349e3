"""Amazon's marketplaces by SP-API region, as Amazon's developer documentation lists them
("Marketplace IDs", developer-docs.amazon.com/sp-api/docs/marketplace-ids): what the shop
editor offers, so a seller picks a country instead of typing an opaque id."""

from __future__ import annotations

from typing import NamedTuple


class Marketplace(NamedTuple):
    region: str  # na | eu | fe: the SP-API host that serves it
    code: str  # country code
    marketplace_id: str
    country: str  # English name (the editor translates the common ones)


MARKETPLACES: tuple[Marketplace, ...] = (
    Marketplace("na", "US", "ATVPDKIKX0DER", "United States"),
    Marketplace("na", "CA", "A2EUQ1WTGCTBG2", "Canada"),
    Marketplace("na", "MX", "A1AM78C64UM0Y8", "Mexico"),
    Marketplace("na", "BR", "A2Q3Y263D00KWC", "Brazil"),
    Marketplace("eu", "UK", "A1F83G8C2ARO7P", "United Kingdom"),
    Marketplace("eu", "DE", "A1PA6795UKMFR9", "Germany"),
    Marketplace("eu", "FR", "A13V1IB3VIYZZH", "France"),
    Marketplace("eu", "IT", "APJ6JRA9NG5V4", "Italy"),
    Marketplace("eu", "ES", "A1RKKUPIHCS9HS", "Spain"),
    Marketplace("eu", "NL", "A1805IZSGTT6HS", "Netherlands"),
    Marketplace("eu", "SE", "A2NODRKZP88ZB9", "Sweden"),
    Marketplace("eu", "PL", "A1C3SOZRARQ6R3", "Poland"),
    Marketplace("eu", "BE", "AMEN7PMS3EDWL", "Belgium"),
    Marketplace("eu", "IE", "A28R8C7NBKEWEA", "Ireland"),
    Marketplace("eu", "TR", "A33AVAJ2PDY3EV", "Turkey"),
    Marketplace("eu", "AE", "A2VIGQ35RCS4UG", "United Arab Emirates"),
    Marketplace("eu", "SA", "A17E79C6D8DWNP", "Saudi Arabia"),
    Marketplace("eu", "EG", "ARBP9OOSHTCHU", "Egypt"),
    Marketplace("eu", "IN", "A21TJRUUN4KGV", "India"),
    Marketplace("eu", "ZA", "AE08WJ6YKNBMC", "South Africa"),
    Marketplace("fe", "JP", "A1VC38T7YXB528", "Japan"),
    Marketplace("fe", "AU", "A39IBJ37TRP1C6", "Australia"),
    Marketplace("fe", "SG", "A19VAU5U5O7RUS", "Singapore"),
)


def by_id(marketplace_id: str) -> Marketplace | None:
    return next((m for m in MARKETPLACES if m.marketplace_id == marketplace_id), None)
