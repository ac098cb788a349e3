"""The embedded demo shop: the simulated marketplace served on 127.0.0.1 for the duration of a
sync, driven through the real TOP client. The demo shop's seed, start date and simulated day
live in its shop settings, so each sync of it advances the simulation by one day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from types import TracebackType

import sqlite_utils

from shopwatch.connectors.top_sign import GMT8
from shopwatch.models import Shop
from shopwatch.store import queries
from shopwatch.timeutil import iso, now_utc

DEMO_SHOP = "demo"
DEFAULT_SEED = 7
DEFAULT_LISTINGS = 300
#: the simulated shop syncs at this local (GMT+8) time each simulated day
SYNC_HOUR = 9


@dataclass(frozen=True, slots=True)
class DemoConfig:
    seed: int = DEFAULT_SEED
    start_date: date | None = None
    n_listings: int = DEFAULT_LISTINGS
    day: int = 0

    def settings(self) -> dict:
        from shopwatch.demo.marketplace import shop_nick

        # display_name: what the demo's letters are signed with (appeals.context reads it)
        return {"seed": self.seed, "start_date": self.start_date.isoformat() if self.start_date
                else None, "n_listings": self.n_listings, "day": self.day,
                "display_name": shop_nick(self.seed)}

    @classmethod
    def from_settings(cls, data: dict) -> DemoConfig:
        start = data.get("start_date")
        return cls(seed=int(data.get("seed", DEFAULT_SEED)),
                   start_date=date.fromisoformat(start) if start else None,
                   n_listings=int(data.get("n_listings", DEFAULT_LISTINGS)),
                   day=int(data.get("day", 0)))


class EmbeddedDemo:
    """Marketplace + loopback server, started on enter and stopped on exit."""

    def __init__(self, config: DemoConfig) -> None:
        from shopwatch.demo.marketplace import Marketplace
        from shopwatch.demo.server import DemoServer

        start = config.start_date or (date.today() - timedelta(days=10))
        self.config = DemoConfig(config.seed, start, config.n_listings, config.day)
        self.marketplace = Marketplace(seed=config.seed, n_listings=config.n_listings,
                                       start_date=start)
        if config.day:
            self.marketplace.set_day(config.day)
        self.server = DemoServer(self.marketplace)

    @classmethod
    def from_shop(cls, shop: Shop) -> EmbeddedDemo:
        return cls(DemoConfig.from_settings(shop.settings))

    def __enter__(self) -> EmbeddedDemo:
        self.server.start()
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.server.stop()

    @property
    def day(self) -> int:
        return self.marketplace.day

    def advance(self) -> None:
        self.marketplace.advance()

    def sim_now(self) -> datetime:
        """The simulated moment of today's sync (the demo has its own calendar)."""
        return datetime.combine(self.marketplace.today, time(SYNC_HOUR), tzinfo=GMT8)

    def connector(self):  # -> DemoConnector (imported lazily: requests is not needed to plan)
        from shopwatch.connectors.taobao import DemoConnector

        m = self.marketplace
        return DemoConnector(self.server.endpoint, m.app_key, m.app_secret, m.session,
                             sign_method="hmac-sha256", timeout=10.0, backoff=0.2)

    def credentials(self) -> dict[str, str]:
        m = self.marketplace
        return {"endpoint": self.server.endpoint, "app_key": m.app_key,
                "app_secret": m.app_secret, "session": m.session}


def demo_shop_in(db: sqlite_utils.Database) -> Shop | None:
    shop = queries.get_shop(db, DEMO_SHOP)
    return shop if shop is not None and shop.platform == "demo" else None


def new_demo_shop(db: sqlite_utils.Database, config: DemoConfig) -> Shop:
    """A demo shop starting at ``config``'s day 0. Nothing is deleted: a demo shop that never
    synced is started over in place (it has no history yet); one with history is refused."""
    existing = demo_shop_in(db)
    if existing is None:
        return queries.add_shop(db, DEMO_SHOP, "demo", now=iso(now_utc()),
                                endpoint="embedded", settings=config.settings())
    if queries.last_run(db, existing.id, status="ok") is not None:
        raise ValueError("the demo shop already has a history")
    queries.update_shop(db, existing.id, settings={**existing.settings, **config.settings()})
    return queries.get_shop_by_id(db, existing.id)


def reset_demo_shop(db: sqlite_utils.Database, config: DemoConfig) -> Shop:
    """A fresh demo shop (its old history removed), so a demo run is reproducible."""
    existing = queries.get_shop(db, DEMO_SHOP)
    if existing is not None:
        queries.delete_shop(db, existing.id)
    return queries.add_shop(db, DEMO_SHOP, "demo", now=iso(now_utc()),
                            endpoint="embedded", settings=config.settings())
