"""Writing 100,000 listings into the store the way a first sync does (listing rows plus their
first versions, one transaction), against raw ``sqlite3.executemany`` of exactly the same rows
into the same tables in one transaction; and detection over 100,000 listings."""

from __future__ import annotations

import random
import statistics
import tempfile
from dataclasses import replace
from pathlib import Path

from benchmarks.harness import Figure, timed
from shopwatch.config import DetectionSettings
from shopwatch.models import (
    ACTIVE,
    DELETED,
    SEARCH_NORMAL,
    SELLER_OFF_SHELF,
    VIOLATION_OFF_SHELF,
    Listing,
    MetricRecord,
)
from shopwatch.monitor import detect
from shopwatch.monitor.sync import content_hash
from shopwatch.store import queries
from shopwatch.store.db import open_db

LISTINGS = 100_000
NOW = "2026-11-20T01:00:00+00:00"
WORDS = ("真丝", "羊毛", "纯棉", "亚麻", "Silk", "Wool", "Cotton", "Linen")
ITEMS = ("围巾 春季新款", "衬衫 宽松", "大衣 冬季经典", "scarf", "shirt", "coat", "dress", "socks")


def listings(n: int, shop_id: int = 1) -> list[Listing]:
    """A shop as the store holds it after a first sync."""
    out = []
    for i in range(n):
        lid = str(600_000_000_000 + i)
        item = Listing(
            shop_id=shop_id, listing_id=lid, title=f"{WORDS[i % 8]}{ITEMS[(i // 8) % 8]} {i}",
            status=ACTIVE if i % 10 else SELLER_OFF_SHELF, search_status=SEARCH_NORMAL,
            price=f"{19 + (i * 37) % 900}.90", quantity=i % 300,
            url=f"https://item.taobao.com/item.htm?id={lid}", category=str(50_000_000 + i % 40),
            pic_url=f"https://img.alicdn.com/bao/{lid}.jpg", outer_id=f"SW{i:06d}",
            first_seen=NOW, last_seen=NOW, status_changed_at=NOW)
        item.content_hash = content_hash(item)
        out.append(item)
    return out


def _fresh(folder: Path, name: str):  # type: ignore[no-untyped-def]
    db = open_db(folder / name)
    shop = queries.add_shop(db, "bench", "taobao", now=NOW)
    run_id = queries.start_run(db, shop.id, NOW)
    return db, run_id


def store_write(folder: Path, rows: list[Listing], name: str, versions: bool) -> float:
    db, run_id = _fresh(folder, name)
    changed = {r.listing_id for r in rows} if versions else set()

    def write() -> None:
        with db.atomic():
            queries.write_listings(db, rows, run_id=run_id, now=NOW, changed_hash=changed)

    seconds = timed(write)[0]
    db.close()
    return seconds


def raw_write(folder: Path, rows: list[Listing], name: str, versions: bool) -> float:
    """The same rows, the same tables, plain INSERTs through the sqlite3 module."""
    db, run_id = _fresh(folder, name)
    conn = db.conn
    cols = (*queries.LISTING_COLUMNS, "last_run_id")
    listing_rows = [tuple(getattr(r, c) for c in queries.LISTING_COLUMNS) + (run_id,)
                    for r in rows]
    version_rows = [(r.shop_id, r.listing_id, r.title, r.price, r.quantity, r.status,
                     r.search_status, r.category, r.url, r.content_hash, run_id, NOW)
                    for r in rows]

    def write() -> None:
        conn.execute("BEGIN")
        conn.executemany(f"INSERT INTO listings ({', '.join(cols)}) VALUES "
                         f"({', '.join('?' for _ in cols)})", listing_rows)
        if versions:
            conn.executemany(
                "INSERT INTO listing_versions (shop_id, listing_id, title, price, quantity,"
                " status, search_status, category, url, content_hash, valid_from_run,"
                " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", version_rows)
        conn.execute("COMMIT")

    seconds = timed(write)[0]
    db.close()
    return seconds


def run_store(repeat: int = 3, n: int = LISTINGS) -> list[Figure]:
    rows = listings(n)
    with_versions, raw_versions, only, raw_only = [], [], [], []
    with tempfile.TemporaryDirectory(prefix="sw-bench-") as tmp:
        folder = Path(tmp)
        for k in range(repeat):  # interleaved, so drift hits both sides alike
            with_versions.append(store_write(folder, rows, f"s{k}.db", True))
            raw_versions.append(raw_write(folder, rows, f"r{k}.db", True))
            only.append(store_write(folder, rows, f"so{k}.db", False))
            raw_only.append(raw_write(folder, rows, f"ro{k}.db", False))
    med = statistics.median
    return [
        Figure(f"write {n:,} listings + first versions (store)", med(with_versions), "s",
               med(raw_versions), "raw executemany, same rows, one transaction", goal=1.5),
        Figure(f"write {n:,} listings, no versions (store upsert)", med(only), "s",
               med(raw_only), "raw executemany INSERT", goal=1.5),
    ]


# --- detection -------------------------------------------------------------------------------

def changed_shop(previous: list[Listing], share: float, seed: int = 1) -> list[Listing]:
    """The next day's shop: ``share`` of the listings deleted, delisted, edited."""
    rng = random.Random(seed)
    current = [replace(item) for item in previous]
    for i in rng.sample(range(len(current)), int(len(current) * share)):
        item = current[i]
        roll = rng.random()
        if roll < 0.3:
            current[i] = replace(item, status=DELETED, missing_since=NOW, status_changed_at=NOW)
        elif roll < 0.5:
            current[i] = replace(item, status=VIOLATION_OFF_SHELF, status_changed_at=NOW)
        else:
            current[i] = replace(item, title=item.title + " 新款", price="9.90")
        current[i].content_hash = content_hash(current[i])
    return current


def run_detect(repeat: int = 3, n: int = LISTINGS) -> list[Figure]:
    settings = DetectionSettings()
    previous = listings(n)
    current = changed_shop(previous, 0.01)
    before = {x.listing_id: x for x in previous}
    after = {x.listing_id: x for x in current}
    pairs = [(before[lid], after[lid]) for lid in after]
    history_days = settings.demote_baseline_days + settings.demote_recent_days + 1
    histories = [[MetricRecord(x.listing_id, f"2026-11-{d + 1:02d}", impressions=900,
                               visits=60 if d < history_days - 2 else 12)
                  for d in range(history_days)] for x in previous]

    def status_and_content() -> None:
        detect.listing_alerts(pairs, first_run=False)
        detect.mass_disappearance(before, after, run_id=2, settings=settings)

    def demotion() -> None:
        for series in histories:
            detect.demotion_verdict(series, currently_suppressed=False, settings=settings)

    with tempfile.TemporaryDirectory(prefix="sw-bench-") as tmp:
        db, _ = _fresh(Path(tmp), "detect.db")
        with db.atomic():
            queries.write_listings(db, previous, run_id=1, now=NOW, changed_hash=set())
        load = statistics.median(timed(lambda: queries.load_listings(db, 1))[0]
                                 for _ in range(repeat))
        db.close()
    t_rules = statistics.median(timed(status_and_content)[0] for _ in range(repeat))
    t_demotion = statistics.median(timed(demotion)[0] for _ in range(repeat))
    alerts = len(detect.listing_alerts(pairs, first_run=False))
    return [
        Figure(f"detection: status/content rules over {n:,} listings (1 % changed)", t_rules,
               "s", load, "loading those listings from the store",
               note=f"{alerts:,} alert drafts, every pair compared (sync compares only the "
                    "changed ones)"),
        Figure(f"detection: demotion verdicts for {n:,} listings ({history_days} days each)",
               t_demotion, "s", load, "loading those listings from the store"),
    ]
