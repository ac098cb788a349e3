"""Shared machinery of the reliability suite: a demo shop served over loopback, a store, and
the two questions every test asks — "did anything change?" and "is the store right?"."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import sqlite_utils

from shopwatch.config import DetectionSettings
from shopwatch.connectors.taobao import DemoConnector, TaobaoConnector
from shopwatch.connectors.top_sign import GMT8
from shopwatch.demo import marketplace as mk
from shopwatch.demo.marketplace import Marketplace
from shopwatch.demo.server import DemoServer
from shopwatch.models import (
    ACTIVE,
    DELETED,
    SELLER_OFF_SHELF,
    SOLD_OUT,
    VIOLATION_OFF_SHELF,
    Shop,
    SyncResult,
)
from shopwatch.monitor.sync import sync_shop
from shopwatch.store import queries
from shopwatch.store.db import open_db

#: a fixed calendar, so every run of the suite sees the same shop
START = date(2026, 11, 2)
SHOP_NAME = "reliability"

#: the simulator's state words -> the store's listing statuses
STATUS_OF_STATE = {
    mk.ONSALE: ACTIVE,
    mk.REGULAR_SHELVED: SELLER_OFF_SHELF,
    mk.NEVER_ON_SHELF: SELLER_OFF_SHELF,
    mk.OFF_SHELF: SELLER_OFF_SHELF,
    mk.SOLD_OUT: SOLD_OUT,
    mk.VIOLATION_OFF_SHELF: VIOLATION_OFF_SHELF,
    mk.DELETED: DELETED,
}

#: alert kinds a run that proved nothing must never raise
LISTING_ALERT_KINDS = frozenset({
    "deleted", "violation_off_shelf", "seller_off_shelf", "demoted", "changed_by_platform",
    "mass_disappearance", "new_penalty", "points_threshold",
})

#: tables a failed run must leave exactly as they were
DATA_TABLES = ("listings", "listing_presence", "listing_versions", "listing_metrics", "notices",
               "appeals")


def sim_now(market: Marketplace) -> datetime:
    """The simulated moment of today's sync (09:00 GMT+8 on the marketplace's day)."""
    return datetime.combine(market.today, time(9), tzinfo=GMT8)


def marketplace_truth(market: Marketplace) -> dict[str, str]:
    """Every listing the simulator has ever had, by id, with the status the store should show
    once a complete sync has resolved it."""
    truth: dict[str, str] = {}
    for item in market.onsale_items():
        truth[str(item["num_iid"])] = ACTIVE
    for banner in (mk.REGULAR_SHELVED, mk.NEVER_ON_SHELF, mk.OFF_SHELF, mk.SOLD_OUT,
                   mk.VIOLATION_OFF_SHELF):
        for item in market.inventory_items(banner):
            truth[str(item["num_iid"])] = STATUS_OF_STATE[banner]
    for num_iid in market.deleted_ids():
        truth[str(num_iid)] = DELETED
    return truth


def table_digest(db: sqlite_utils.Database, table: str) -> str:
    """A digest of every row of ``table`` in a stable order (all columns)."""
    digest = hashlib.blake2b(digest_size=16)
    for row in db.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3").fetchall():
        digest.update(repr(row).encode("utf-8"))
    return digest.hexdigest()


def data_state(db: sqlite_utils.Database) -> dict[str, str]:
    """What a failed run must not touch: every data table, byte for byte."""
    return {table: table_digest(db, table) for table in DATA_TABLES}


def listing_state(db: sqlite_utils.Database, shop_id: int) -> dict[str, tuple[Any, ...]]:
    """The observable state of each listing, without the bookkeeping a run always moves
    (last_seen, last_run_id)."""
    return {
        lid: (x.status, x.search_status, x.content_hash, x.missing_since is None, x.title,
              x.price, x.quantity)
        for lid, x in queries.load_listings(db, shop_id).items()
    }


def alerts_by_kind(db: sqlite_utils.Database, shop_id: int) -> dict[str, int]:
    out: dict[str, int] = {}
    for alert in queries.list_alerts(db, shop_id=shop_id, include_acknowledged=True):
        out[alert.kind] = out.get(alert.kind, 0) + 1
    return out


def integrity(path: Path) -> str:
    """``PRAGMA integrity_check`` through a fresh connection (as the next start would see)."""
    conn = sqlite3.connect(str(path), timeout=15)
    try:
        return ";".join(row[0] for row in conn.execute("PRAGMA integrity_check").fetchall())
    finally:
        conn.close()


def version_chain_problems(db: sqlite_utils.Database, shop_id: int) -> list[str]:
    """Every listing must have exactly one open version, and it must match the listing."""
    problems = []
    open_versions: dict[str, list[str]] = {}
    for lid, content_hash in db.execute(
        "SELECT listing_id, content_hash FROM listing_versions"
        " WHERE shop_id = ? AND valid_to_run IS NULL", [shop_id]
    ).fetchall():
        open_versions.setdefault(lid, []).append(content_hash)
    for lid, item in queries.load_listings(db, shop_id).items():
        hashes = open_versions.get(lid, [])
        if hashes != [item.content_hash]:
            problems.append(f"{lid}: open versions {hashes}, listing hash {item.content_hash}")
    return problems


def mismatches(db: sqlite_utils.Database, shop_id: int, market: Marketplace) -> list[str]:
    """Where the store disagrees with the simulator after a complete sync (empty: correct).
    Listings the store never saw (created and deleted between two syncs) are not expected."""
    truth = marketplace_truth(market)
    stored = queries.load_listings(db, shop_id)
    problems = [f"{lid}: store says {item.status}, marketplace says {truth.get(lid)}"
                for lid, item in stored.items() if truth.get(lid, DELETED) != item.status]
    problems += [f"{lid}: {status} in the marketplace, absent from the store"
                 for lid, status in truth.items() if status != DELETED and lid not in stored]
    return problems


@dataclass
class DemoShop:
    """A simulated shop behind a loopback TOP server, and a profile database watching it."""

    market: Marketplace
    server: DemoServer
    db: sqlite_utils.Database
    path: Path
    shop: Shop
    connectors: list[TaobaoConnector] = field(default_factory=list)
    #: detection settings of every sync (None: the defaults)
    settings: DetectionSettings | None = None

    @classmethod
    def start(cls, folder: Path, *, n_listings: int = 300, seed: int = 11,
              campaign: bool = True) -> DemoShop:
        market = Marketplace(seed=seed, n_listings=n_listings, start_date=START,
                             campaign=campaign)
        server = DemoServer(market).start()
        path = folder / "shopwatch.db"
        db = open_db(path)
        shop = queries.add_shop(db, SHOP_NAME, "taobao", now="2026-11-01T00:00:00+00:00",
                                endpoint=server.endpoint, app_key=market.app_key,
                                sign_method="hmac-sha256")
        return cls(market, server, db, path, shop)

    def connector(self, **options: Any) -> DemoConnector:
        """The real TOP client against the demo server, with retries quick enough for tests."""
        m = self.market
        settings: dict[str, Any] = {"sign_method": "hmac-sha256", "timeout": 2.0, "retries": 2,
                                    "backoff": 0.01, "max_ban_wait": 3.0, "page_size": 100}
        settings.update(options)
        connector = DemoConnector(self.server.endpoint, m.app_key, m.app_secret, m.session,
                                  **settings)
        self.connectors.append(connector)
        return connector

    def sync(self, connector: TaobaoConnector | None = None, *,
             db: sqlite_utils.Database | None = None) -> SyncResult:
        return sync_shop(db or self.db, self.shop, connector or self.connector(),
                         now=sim_now(self.market), settings=self.settings)

    def close(self) -> None:
        for connector in self.connectors:
            connector.close()
        self.server.stop()
        self.db.close()


def iter_alert_kinds(result: SyncResult) -> Iterator[str]:
    return (alert.kind for alert in result.alerts)
