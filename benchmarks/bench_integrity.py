"""What durability and integrity cost on a 20,000-listing profile: a sync with
``synchronous=FULL`` against the same sync with NORMAL (alternated, same run), small user
commits (one per acknowledgement) both ways, and the open-time ``quick_check``, the full
``integrity_check`` and the verified daily backup against opening without a check."""

from __future__ import annotations

import statistics
import subprocess
import tempfile
from pathlib import Path

from benchmarks.gateway import Gateway
from benchmarks.harness import Figure, median_time, timed
from shopwatch.models import AlertDraft
from shopwatch.monitor.sync import sync_shop
from shopwatch.store import backups, queries
from shopwatch.store.db import open_db
from shopwatch.store.integrity import quick_check

LISTINGS = 20_000
ACKS = 200


def _filesystem(folder: Path) -> str:
    done = subprocess.run(["df", "--output=fstype", str(folder)], capture_output=True,
                          text=True, check=False)
    lines = done.stdout.split()
    return lines[-1] if done.returncode == 0 and len(lines) > 1 else "unknown"


def _synced(gateway: Gateway, path: Path, mode: str) -> tuple[float, float, object]:
    """(first sync s, re-sync s, db) with the connection's synchronous set to ``mode``."""
    db = open_db(path)
    db.execute(f"PRAGMA synchronous = {mode}")
    shop = queries.add_shop(db, "bench", "taobao", now="2026-11-01T00:00:00+00:00",
                            endpoint=gateway.endpoint, app_key=gateway.app_key)
    with gateway.connector() as connector:
        first, result = timed(lambda: sync_shop(db, shop, connector))
    assert result.status == "ok" and result.listings, result.error
    with gateway.connector() as connector:
        again, result = timed(lambda: sync_shop(db, shop, connector))
    assert result.status == "ok", result.error
    return first, again, db


def _acks(db, mode: str) -> float:
    """ACKS acknowledgements, one commit each (as a seller clicking through alerts)."""
    db.execute(f"PRAGMA synchronous = {mode}")
    shop = queries.list_shops(db)[0]
    with db.atomic():
        raised = queries.insert_alerts(
            db, shop.id, [AlertDraft("deleted", "critical", f"bench:{mode}:{n}", "gone")
                          for n in range(ACKS)], run_id=None, now="2026-12-01T00:00:00+00:00")
    seconds, _ = timed(lambda: [queries.acknowledge_alerts(db, [a.id], "2026-12-02")
                                for a in raised])
    return seconds / len(raised)


def run(repeat: int = 3, listings: int = LISTINGS) -> list[Figure]:
    full_first, normal_first, full_again, normal_again = [], [], [], []
    full_ack, normal_ack = [], []
    with Gateway(listings) as gateway, tempfile.TemporaryDirectory(prefix="sw-bench-") as tmp:
        folder = Path(tmp)
        fs = _filesystem(folder)
        with gateway.connector() as warm:
            warm.fetch_listings()
        for attempt in range(repeat):
            # alternate the order so neither mode always runs on a warmer machine
            for mode in (("FULL", "NORMAL") if attempt % 2 == 0 else ("NORMAL", "FULL")):
                first, again, db = _synced(gateway, folder / f"{mode}{attempt}.db", mode)
                ack = _acks(db, mode)
                db.close()
                (full_first if mode == "FULL" else normal_first).append(first)
                (full_again if mode == "FULL" else normal_again).append(again)
                (full_ack if mode == "FULL" else normal_ack).append(ack)
        profile = folder / "FULL0.db"
        size_mb = profile.stat().st_size / 1e6
        t_open_plain = median_time(lambda: open_db(profile, migrate_schema=False).close(),
                                   repeat)
        t_open_checked = median_time(
            lambda: open_db(profile, migrate_schema=False, verify=True).close(), repeat)
        db = open_db(profile)
        t_quick = median_time(lambda: quick_check(db.conn), repeat)
        t_integrity = median_time(lambda: quick_check(db.conn, full=True), repeat)
        t_backup = median_time(
            lambda: backups.write_backup(db.conn, profile, "bench-copy.db"), repeat)
        db.close()
    med = statistics.median
    note = f"{fs} file system, {size_mb:.0f} MB profile"
    return [
        Figure(f"sync of {listings:,} listings, synchronous=FULL (first, into an empty store)",
               med(full_first), "s", med(normal_first), "the same with NORMAL", note=fs),
        Figure("  re-sync with nothing changed, FULL", med(full_again), "s",
               med(normal_again), "NORMAL"),
        Figure("  one acknowledgement (its own commit), FULL", med(full_ack) * 1000, "ms",
               med(normal_ack) * 1000, "NORMAL"),
        Figure(f"open the {listings:,}-listing profile with quick_check", t_open_checked, "s",
               t_open_plain, "opening without the check", note=note),
        Figure("  quick_check alone", t_quick, "s"),
        Figure("  integrity_check (check --full)", t_integrity, "s", t_quick, "quick_check"),
        Figure("  verified backup (copy + integrity_check of the copy)", t_backup, "s",
               t_quick, "quick_check"),
    ]
