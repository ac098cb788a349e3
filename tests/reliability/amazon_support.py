"""A simulated Amazon seller account behind the loopback SP-API server, and a profile database
watching it through the real connector (shared by the Amazon connector and fault-matrix tests)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from shopwatch.connectors.amazon import AmazonConnector
from shopwatch.connectors.amazon_shop import AmazonSettings
from shopwatch.demo.amazon_market import AmazonMarket
from shopwatch.demo.amazon_server import AmazonDemoServer
from shopwatch.models import (
    ACTIVE,
    DELETED,
    SELLER_OFF_SHELF,
    VIOLATION_OFF_SHELF,
    Shop,
    SyncResult,
)
from shopwatch.monitor.sync import sync_shop
from shopwatch.store import queries
from shopwatch.store.db import open_db
from shopwatch.timeutil import iso, now_utc


def expected_status(statuses: list[str], issues) -> str:
    applied = {a for i in issues for a in i.actions
               if i.exemption not in ("EXEMPT", "EXEMPT_UNTIL_EXPIRY_DATE")}
    if applied & {"LISTING_SUPPRESSED", "CATALOG_ITEM_REMOVED"}:
        return VIOLATION_OFF_SHELF
    return ACTIVE if "BUYABLE" in statuses else SELLER_OFF_SHELF


@dataclass
class AmazonShop:
    market: AmazonMarket
    server: AmazonDemoServer
    db: sqlite_utils.Database
    shop: Shop
    path: Path

    @classmethod
    def start(cls, tmp_path: Path, *, seed: int = 7, n_listings: int = 60) -> AmazonShop:
        market = AmazonMarket(seed=seed, n_listings=n_listings)
        server = AmazonDemoServer(market).start()
        path = tmp_path / "shopwatch.db"
        db = open_db(path)
        settings = AmazonSettings("na", market.marketplace_id, market.seller_id,
                                  server.token_endpoint).as_settings()
        shop = queries.add_shop(db, "amazon", "amazon", now=iso(now_utc()),
                                endpoint=server.endpoint, app_key=market.client_id,
                                settings=settings)
        return cls(market, server, db, shop, path)

    def connector(self, **kw) -> AmazonConnector:
        c = self.server.credentials()
        options = {"timeout": 5.0, "backoff": 0.02, "poll_interval": 0.0, **kw}
        return AmazonConnector(c["endpoint"], c["client_id"], c["client_secret"],
                               c["refresh_token"], seller_id=c["seller_id"],
                               marketplace_id=c["marketplace_id"],
                               token_endpoint=c["token_endpoint"], **options)

    def sync(self, connector: AmazonConnector | None = None) -> SyncResult:
        con = connector or self.connector()
        try:
            return sync_shop(self.db, self.shop, con, now=self.market.now())
        finally:
            con.close()

    def mismatches(self) -> list[str]:
        """Where the store disagrees with the simulated account (empty: correct)."""
        listings, _ = self.market.state()
        out = []
        for item in queries.load_listings(self.db, self.shop.id).values():
            sim = listings.get(item.listing_id)
            want = DELETED if sim is None else expected_status(sim.statuses, sim.issues)
            if item.status != want:
                out.append(f"{item.listing_id}: stored {item.status}, expected {want}")
            if sim is not None:
                applied = {a for i in sim.issues for a in i.actions
                           if i.exemption not in ("EXEMPT", "EXEMPT_UNTIL_EXPIRY_DATE")}
                search = "suppressed" if "SEARCH_SUPPRESSED" in applied else "normal"
                if item.search_status != search:
                    out.append(f"{item.listing_id}: search {item.search_status}, "
                               f"expected {search}")
        return out

    def close(self) -> None:
        self.server.stop()
        self.db.close()
