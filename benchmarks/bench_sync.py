"""Syncing a 20,000-listing shop from the loopback demo gateway (served by a separate process),
against fetching exactly the same pages with plain requests and throwing them away; then a
re-sync in which nothing changed."""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

from benchmarks.gateway import Gateway, RecordingSession
from benchmarks.harness import Figure, timed
from shopwatch.monitor.sync import sync_shop
from shopwatch.store import queries
from shopwatch.store.db import open_db

LISTINGS = 20_000
#: an assumed round trip to the real gateway per page [U: not measured against Taobao]
WAN_LATENCY_MS = 30


def run(repeat: int = 3, listings: int = LISTINGS) -> list[Figure]:
    first, fetch_only, replay, resync, versions, pages = [], [], [], [], [], 0
    requests_sent = 0
    with Gateway(listings) as gateway, tempfile.TemporaryDirectory(prefix="sw-bench-") as tmp:
        with gateway.connector() as warm:  # the server sorts and caches its lists once
            warm.fetch_listings()
        for attempt in range(repeat):
            db = open_db(Path(tmp) / f"sync{attempt}.db")
            shop = queries.add_shop(db, "bench", "taobao", now="2026-11-01T00:00:00+00:00",
                                    endpoint=gateway.endpoint, app_key=gateway.app_key)
            recording = RecordingSession()
            with gateway.connector(recording) as connector:
                seconds, result = timed(lambda: sync_shop(db, shop, connector))  # noqa: B023
            assert result.status == "ok" and result.listings == listings, result.error
            first.append(seconds)
            requests_sent = len(recording.sent)
            replay.append(timed(lambda: gateway.replay(recording.sent))[0])  # noqa: B023
            with gateway.connector() as connector:
                seconds, (records, pages) = timed(connector.fetch_listings)
            fetch_only.append(seconds)
            with gateway.connector() as connector:
                seconds, again = timed(lambda: sync_shop(db, shop, connector))  # noqa: B023
            assert again.status == "ok", again.error
            resync.append(seconds)
            versions.append(again.versions_written)
            db.close()
    with Gateway(listings, latency_ms=WAN_LATENCY_MS) as gateway, \
            tempfile.TemporaryDirectory(prefix="sw-bench-") as tmp:
        with gateway.connector() as warm:
            warm.fetch_listings()
        db = open_db(Path(tmp) / "wan.db")
        shop = queries.add_shop(db, "bench", "taobao", now="2026-11-01T00:00:00+00:00",
                                endpoint=gateway.endpoint, app_key=gateway.app_key)
        recording = RecordingSession()
        with gateway.connector(recording) as connector:
            t_wan, result = timed(lambda: sync_shop(db, shop, connector))
        assert result.status == "ok", result.error
        t_wan_replay = timed(lambda: gateway.replay(recording.sent))[0]
        db.close()
    t_first, t_replay = statistics.median(first), statistics.median(replay)
    t_fetch, t_resync = statistics.median(fetch_only), statistics.median(resync)
    return [
        Figure(f"full sync of {listings:,} listings (first, into an empty store)", t_first, "s",
               t_replay, f"same {requests_sent} requests with plain requests, discarded",
               goal=1.3),
        Figure(f"  the same with {WAN_LATENCY_MS} ms gateway latency per page (emulated)", t_wan,
               "s", t_wan_replay, "plain requests, same latency", goal=1.3, emulated=True),
        Figure("  of which: connector fetch and parse (no store)", t_fetch, "s", t_replay,
               "plain requests", note=f"{pages} pages"),
        Figure("  of which: store and detect (sync minus fetch)", t_first - t_fetch, "s"),
        Figure("re-sync with nothing changed: versions written", max(versions), "rows",
               goal=0, goal_on="value"),
        Figure("re-sync with nothing changed: time", t_resync, "s", t_first, "the first sync",
               goal=0.5),
        Figure("  re-sync, store and detect part", t_resync - t_fetch, "s", t_first - t_fetch,
               "the first sync's store part"),
    ]
