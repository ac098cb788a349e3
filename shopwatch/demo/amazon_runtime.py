"""The demo Amazon seller account as a shop of the profile: its simulated calendar (seed, size,
first day, the day reached) is kept in the shop's settings, and each sync replays the account
to its next day and serves it from a loopback SP-API server for that sync alone — so the demo
keeps going from the desktop app's scheduler or ``shopwatch sync`` like any shop, after
``shopwatch demo --platform amazon`` or the app's "Try the Amazon demo" made it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from types import TracebackType

from shopwatch.models import Shop

#: the key of the shop's settings that marks it as the demo account
DEMO_KEY = "amazon_demo"
AMAZON_DEMO_SHOP = "amazon-demo"
DEFAULT_LISTINGS = 120
PLACEHOLDER_HOST = "http://127.0.0.1"


@dataclass(frozen=True, slots=True)
class AmazonDemoConfig:
    seed: int = 7
    n_listings: int = DEFAULT_LISTINGS
    start_date: date = date(2026, 1, 1)
    day: int = 0

    def settings(self) -> dict:
        return {DEMO_KEY: {"seed": self.seed, "n_listings": self.n_listings,
                           "start_date": self.start_date.isoformat(), "day": self.day}}

    @classmethod
    def of(cls, shop: Shop) -> AmazonDemoConfig | None:
        data = shop.settings.get(DEMO_KEY)
        if shop.platform != "amazon" or not isinstance(data, dict):
            return None
        try:
            return cls(int(data.get("seed", 7)), int(data.get("n_listings", DEFAULT_LISTINGS)),
                       date.fromisoformat(str(data["start_date"])), int(data.get("day", 0)))
        except (KeyError, TypeError, ValueError):
            return None

    @classmethod
    def ending_today(cls, days: int, *, seed: int = 7,
                     n_listings: int = DEFAULT_LISTINGS) -> AmazonDemoConfig:
        """A calendar whose day ``days`` is today (the demo's week ends now)."""
        return cls(seed, n_listings, date.today() - timedelta(days=days), 0)


def demo_connector(server):
    """The real SP-API connector pointed at a demo server (``AmazonDemoServer``)."""
    from shopwatch.connectors.amazon import AmazonConnector

    c = server.credentials()
    # the demo's report is ready at the second poll: poll fast (a real shop polls slower)
    return AmazonConnector(c["endpoint"], c["client_id"], c["client_secret"],
                           c["refresh_token"], seller_id=c["seller_id"],
                           marketplace_id=c["marketplace_id"],
                           token_endpoint=c["token_endpoint"], poll_interval=0.05,
                           timeout=10.0, backoff=0.2)


class EmbeddedAmazonDemo:
    """The account replayed to ``config.day``, served on 127.0.0.1 while in use."""

    def __init__(self, config: AmazonDemoConfig) -> None:
        from shopwatch.demo.amazon_market import AmazonMarket
        from shopwatch.demo.amazon_server import AmazonDemoServer

        self.config = config
        self.market = AmazonMarket(seed=config.seed, n_listings=config.n_listings,
                                   start_date=config.start_date)
        self.market.set_day(config.day)
        self.server = AmazonDemoServer(self.market)

    def __enter__(self) -> EmbeddedAmazonDemo:
        self.server.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.server.stop()

    def connector(self):
        return demo_connector(self.server)

    def shop_fields(self) -> dict:
        """What the stored shop holds. Its hosts are placeholders: every sync serves the
        account anew on a port of its own."""
        from shopwatch.connectors.amazon_shop import AmazonSettings

        m = self.market
        return {"endpoint": PLACEHOLDER_HOST, "app_key": m.client_id,
                "settings": {**AmazonSettings("na", m.marketplace_id, m.seller_id,
                                              PLACEHOLDER_HOST + "/auth/o2/token").as_settings(),
                             **self.config.settings()}}
