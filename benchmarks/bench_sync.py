"""Syncing a 20,000-listing shop from the loopback demo gateway (served by a separate process):
the first sync against the same-work minimum and against replaying its requests; re-syncs with
nothing and with 1 % changed against the first sync and against a minimal reference-style
full-fetch client (``benchmarks/reference.py``); peak memory of a re-sync in a fresh process."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.gateway import Gateway, RecordingSession
from benchmarks.harness import Figure, timed
from benchmarks.reference import reference_full_fetch, same_work_minimum
from shopwatch.monitor.sync import sync_shop
from shopwatch.store import queries
from shopwatch.store.db import open_db

LISTINGS = 20_000
#: an assumed round trip to the real gateway per page [U: not measured against Taobao]
WAN_LATENCY_MS = 30
NOW = "2026-11-01T00:00:00+00:00"


def _new_shop(gateway: Gateway, path: Path):  # type: ignore[no-untyped-def]
    db = open_db(path)
    shop = queries.add_shop(db, "bench", "taobao", now=NOW, endpoint=gateway.endpoint,
                            app_key=gateway.app_key)
    return db, shop


def _child_peak(gateway: Gateway, db_path: Path, shop_id: int, *extra: str) -> float:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.resync_child", str(db_path), str(shop_id),
         gateway.endpoint, gateway.app_key, gateway.app_secret, gateway.session, *extra],
        capture_output=True, text=True, check=True, timeout=300)
    answer = json.loads(out.stdout.strip().splitlines()[-1])
    assert answer["status"] in ("ok", "bare"), answer
    return float(answer["peak_mb"])


def run(repeat: int = 3, listings: int = LISTINGS) -> list[Figure]:
    first, minimum, replay, resync, changed, reference = [], [], [], [], [], []
    with_ledger: list[float] = []
    versions, changed_versions, requests_sent, lean_requests, peak, bare = [], [], 0, 0, 0.0, 0.0
    with Gateway(listings) as gateway, tempfile.TemporaryDirectory(prefix="sw-bench-") as tmp:
        folder = Path(tmp)
        with gateway.connector() as warm:  # the server sorts and caches its lists once
            warm.fetch_listings()
        reference_full_fetch(gateway, folder / "reference-warm.db")
        for attempt in range(repeat):
            db, shop = _new_shop(gateway, folder / f"sync{attempt}.db")
            recording = RecordingSession(gateway.endpoint)
            with gateway.connector(recording) as connector:
                seconds, result = timed(lambda: sync_shop(db, shop, connector))  # noqa: B023
            assert result.status == "ok" and result.listings == listings, result.error
            first.append(seconds)
            requests_sent = len(recording.sent)
            replay.append(timed(lambda: gateway.replay(recording.sent))[0])  # noqa: B023
            mdb, mshop = _new_shop(gateway, folder / f"minimum{attempt}.db")
            queries.start_run(mdb, mshop.id, NOW)
            mdb.close()
            minimum.append(timed(lambda: same_work_minimum(  # noqa: B023
                gateway, recording.sent, folder / f"minimum{attempt}.db"))[0])  # noqa: B023
            ldb, lshop = _new_shop(gateway, folder / f"ledger{attempt}.db")
            queries.start_run(ldb, lshop.id, NOW)
            ldb.close()
            with_ledger.append(timed(lambda: same_work_minimum(  # noqa: B023
                gateway, recording.sent, folder / f"ledger{attempt}.db",  # noqa: B023
                with_ledger=True))[0])
            reference_full_fetch(gateway, folder / f"reference{attempt}.db")  # its first run
            reference.append(timed(lambda: reference_full_fetch(  # noqa: B023
                gateway, folder / f"reference{attempt}.db"))[0])  # noqa: B023
            recording = RecordingSession(gateway.endpoint)
            with gateway.connector(recording) as connector:
                seconds, again = timed(lambda: sync_shop(db, shop, connector))  # noqa: B023
            assert again.status == "ok", again.error
            lean_requests = len(recording.sent)
            resync.append(seconds)
            versions.append(again.versions_written)
            gateway.edit(0.01)
            # The gateway re-sorts its lists after a change; that is the server's time, not
            # the client's: pay it before the clock starts, as the first sync's warm-up did.
            reference_full_fetch(gateway, folder / "reference-warm.db")
            with gateway.connector() as connector:
                seconds, edited = timed(lambda: sync_shop(db, shop, connector))  # noqa: B023
            assert edited.status == "ok", edited.error
            changed.append(seconds)
            changed_versions.append(edited.versions_written)
            db.close()
        peak = _child_peak(gateway, folder / f"sync{repeat - 1}.db", shop.id)
        bare = _child_peak(gateway, folder / f"sync{repeat - 1}.db", shop.id, "--bare")
    with Gateway(listings, latency_ms=WAN_LATENCY_MS) as gateway, \
            tempfile.TemporaryDirectory(prefix="sw-bench-") as tmp:
        with gateway.connector() as warm:
            warm.fetch_listings()
        db, shop = _new_shop(gateway, Path(tmp) / "wan.db")
        recording = RecordingSession(gateway.endpoint)
        with gateway.connector(recording) as connector:
            t_wan, result = timed(lambda: sync_shop(db, shop, connector))
        assert result.status == "ok", result.error
        t_wan_replay = timed(lambda: gateway.replay(recording.sent))[0]
        with gateway.connector() as connector:
            t_wan_resync, again = timed(lambda: sync_shop(db, shop, connector))
        assert again.status == "ok", again.error
        db.close()
    t_first, t_replay = statistics.median(first), statistics.median(replay)
    t_min, t_resync = statistics.median(minimum), statistics.median(resync)
    t_changed, t_ref = statistics.median(changed), statistics.median(reference)
    return [
        Figure(f"first sync of {listings:,} listings (into an empty store)", t_first, "s",
               t_min, "same-work minimum: raw requests + json + tuple/hash + executemany",
               goal=1.2),
        Figure("  the same against the minimum plus the evidence ledger's writes", t_first, "s",
               statistics.median(with_ledger),
               "same-work minimum + canonical JSON, SHA-256, records packed 128 to a zlib stream"
               " and rows per item (issue 18), one thread",
               note="informational: the ledger came after the goal above was set"),
        Figure("  the same against replaying its requests alone", t_first, "s", t_replay,
               f"same {requests_sent} requests with plain requests, discarded"),
        Figure(f"  the same with {WAN_LATENCY_MS} ms gateway latency per call (emulated)", t_wan,
               "s", t_wan_replay, "plain requests, same latency",
               note="emulated latency: informational, no goal counts here", emulated=True),
        Figure("re-sync with nothing changed: time", t_resync, "s", t_first, "the first sync",
               goal=0.35, note=f"{lean_requests} requests"),
        Figure("  the same against a reference full-fetch client", t_resync, "s", t_ref,
               "minimal client: full lists, 4 columns, no history", goal=0.6),
        Figure(f"  the same with {WAN_LATENCY_MS} ms latency per call (emulated)", t_wan_resync,
               "s", t_wan, "the first sync, same latency", note="informational", emulated=True),
        Figure("re-sync with nothing changed: versions written", max(versions), "rows",
               goal=0, goal_on="value"),
        Figure("re-sync with 1 % of listings changed: time", t_changed, "s", t_first,
               "the first sync", goal=0.45,
               note=f"versions written: {max(changed_versions)}"),
        Figure(f"peak memory of a {listings:,}-listing re-sync (fresh process, VmHWM)", peak,
               "MB", bare, "the same process importing the same modules, no sync",
               goal=75, goal_on="value"),
    ]
