"""A punishment message to its alert: the demo gateway (loopback) publishes the campaign's
messages; one poll consumes them, looks each listing up, commits and confirms. Timed from the
moment the messages are available to the moment the alerts are committed."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, time
from pathlib import Path

from benchmarks.harness import Figure, timed
from shopwatch.connectors.taobao import TaobaoConnector
from shopwatch.connectors.taobao_tmc import TmcClient
from shopwatch.connectors.top_sign import GMT8
from shopwatch.demo.marketplace import Marketplace
from shopwatch.demo.server import DemoServer
from shopwatch.monitor.sync import sync_shop
from shopwatch.monitor.tmc import watch_once
from shopwatch.store import queries
from shopwatch.store.db import open_db

LISTINGS = 2_000


def run(listings: int = LISTINGS) -> list[Figure]:
    market = Marketplace(seed=2026, n_listings=listings, start_date=date(2026, 11, 2))
    with DemoServer(market) as server, tempfile.TemporaryDirectory(prefix="sw-bench-") as tmp:
        db = open_db(Path(tmp) / "tmc.db")
        shop = queries.add_shop(db, "bench", "taobao", now="2026-11-01T00:00:00+00:00",
                                endpoint=server.endpoint)
        args = (server.endpoint, market.app_key, market.app_secret, market.session)
        with TaobaoConnector(*args, sign_method="hmac-sha256") as connector, \
                TmcClient(*args, sign_method="hmac-sha256") as tmc:
            now = datetime.combine(market.today, time(9), tzinfo=GMT8)
            assert sync_shop(db, shop, connector, now=now).status == "ok"
            watch_once(db, shop, connector, tmc, now=now)  # permits; day 0 has no punishment
            market.advance(3)  # the campaign's first sweep: its messages are available now
            now = datetime.combine(market.today, time(9), tzinfo=GMT8)
            seconds, result = timed(lambda: watch_once(db, shop, connector, tmc, now=now))
        db.close()
    alerts = [a for a in result.alerts if a.kind in ("deleted", "violation_off_shelf")]
    assert alerts, "the campaign published no punishment"
    return [
        Figure("punishment message to committed alert (one poll, loopback)", seconds, "s",
               goal=2.0, goal_on="value",
               note=f"{result.received} messages, {len(alerts)} listing alerts; the app polls "
                    "every minute, so add up to that wait"),
    ]
