"""One simulated year of daily syncs of a 10,000-listing shop in which 1 % of the listings
change every day (edits, moves to the warehouse and back, deletions, new listings) and reports
daily traffic for every listing on sale: how big the database grows with the default traffic
retention, and how long the Listings page takes to open afterwards.

The shop is simulated in process (a connector with listings, look-ups and traffic, as the demo
and traffic imports provide; the Taobao API has no traffic), so the traffic goes through the
real sync path: upsert, retention, demotion detection. The network is measured by the sync
benchmark."""

from __future__ import annotations

import json
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from benchmarks.harness import Figure, Skipped, folder_size_mb, timed
from shopwatch.config import DB_FILENAME, DetectionSettings
from shopwatch.models import ACTIVE, SELLER_OFF_SHELF, ListingRecord, MetricRecord
from shopwatch.monitor import ledger
from shopwatch.monitor.sync import sync_shop
from shopwatch.store import queries
from shopwatch.store.db import open_db
from shopwatch.timeutil import CHINA_TZ

LISTINGS = 10_000
DAYS = 365
CHANGE_SHARE = 0.01
T0 = datetime(2026, 1, 1, 1, 0, tzinfo=timezone.utc)
GOAL_MB = 50
#: issue 18: verifying a year's evidence ledger
VERIFY_GOAL_S = 5.0
LEDGER_TABLES = ("ledger_records", "ledger_packs", "ledger_runs", "ledger_entries")


def top_stamp(moment: datetime) -> str:
    """A moment as TOP writes ``modified``: ``yyyy-MM-dd HH:mm:ss`` in China time."""
    return moment.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M:%S")


class YearShop:
    """A seeded shop that changes ``share`` of its listings each day. The changes are the
    seller's, so each one moves the item's ``modified`` stamp, as TOP's does (the sync tells
    the seller's own edits apart by it and raises no alert for them)."""

    capabilities = frozenset({"listings", "lookup", "metrics"})

    def __init__(self, n: int, share: float, seed: int = 365) -> None:
        self.rng = random.Random(seed)
        self.today = T0.date()
        self.share = share
        self.next_id = 600_000_000_000
        self.stamp = top_stamp(T0 - timedelta(days=30))
        self.items: dict[str, ListingRecord] = {}
        for _ in range(n):
            self._add()

    def _add(self) -> None:
        i = self.next_id - 600_000_000_000
        lid = str(self.next_id)
        self.next_id += 1
        self.items[lid] = ListingRecord(
            lid, f"真丝围巾 春季新款 桑蚕丝 {i}", price=f"{19 + i % 900}.90", quantity=i % 300,
            url=f"https://item.taobao.com/item.htm?id={lid}", category=str(50_008_000 + i % 40),
            pic_url=f"https://img.alicdn.com/bao/{lid}.jpg", outer_id=f"SW{i:06d}",
            modified=self.stamp)

    def advance(self, at: datetime) -> None:
        """Edits 70 %, warehouse moves 10 %, deletions 10 %, new listings 10 % of the day's
        changes, made by the seller ``at``; the shop keeps its size."""
        self.stamp = top_stamp(at)
        ids = list(self.items)
        for lid in self.rng.sample(ids, int(len(ids) * self.share)):
            roll = self.rng.random()
            item = self.items.get(lid)
            if item is None:  # replaced by a new listing earlier today
                continue
            if roll < 0.7:
                self.items[lid] = ListingRecord(
                    lid, item.title, status=item.status, url=item.url, category=item.category,
                    price=f"{self.rng.randint(10, 999)}.00", quantity=self.rng.randint(0, 500),
                    pic_url=item.pic_url, outer_id=item.outer_id, modified=self.stamp)
            elif roll < 0.8:
                status = SELLER_OFF_SHELF if item.status == ACTIVE else ACTIVE
                self.items[lid] = ListingRecord(lid, item.title, status=status, price=item.price,
                                                quantity=item.quantity, url=item.url,
                                                category=item.category, pic_url=item.pic_url,
                                                outer_id=item.outer_id, modified=self.stamp)
            elif roll < 0.9:
                del self.items[lid]
                self._add()
            else:
                self._add()
                del self.items[self.rng.choice(list(self.items))]

    @staticmethod
    def _raw(item: ListingRecord) -> dict:
        # the item as a TOP list answer carries it: what the evidence ledger keeps
        return {"num_iid": int(item.listing_id), "title": item.title, "nick": "year",
                "price": item.price, "num": item.quantity, "cid": int(item.category or 0),
                "pic_url": item.pic_url, "outer_id": item.outer_id, "modified": item.modified,
                "approve_status": "onsale" if item.status == ACTIVE else "instock"}

    def fetch_listings(self, progress=None, cancel=None):  # type: ignore[no-untyped-def]
        records = [replace(r, raw=self._raw(r)) for r in self.items.values()]
        return records, -(-len(self.items) // 200)

    def lookup(self, listing_id: str) -> ListingRecord | None:
        item = self.items.get(listing_id)
        return None if item is None else replace(item, raw=self._raw(item))

    def fetch_metrics(self, since_day: str | None) -> list[MetricRecord]:
        """Traffic of every listing on sale from ``since_day`` (the sync asks from two days
        before the last day it has, so days overlap as with the demo) to today; a first sync
        gets the detection window. Each listing has its own steady level with ±10 % daily noise
        (no demotions: the year measures size, the demotion tests measure detection)."""
        first = (self.today - timedelta(days=34) if since_day is None
                 else datetime.fromisoformat(since_day).date())
        out = []
        on_sale = [lid for lid, item in self.items.items() if item.status == ACTIVE]
        day = first
        while day <= self.today:
            stamp, k = day.isoformat(), day.toordinal()
            for lid in on_sale:
                level = 5 + int(lid) % 60
                noise = 0.9 + (hash((int(lid), k)) & 0xFF) / 1275
                visits = int(level * noise)
                out.append(MetricRecord(lid, stamp, visits * 12 + int(lid) % 7, visits,
                                        visits + visits // 3))
            day += timedelta(days=1)
        return out

    def close(self) -> None:
        pass


def simulate_year(profile: Path, *, n: int, days: int, share: float) -> tuple[int, float, float]:
    """Returns (shop id, seconds for the whole year, the first sync's seconds)."""
    db = open_db(profile / DB_FILENAME)
    shop_row = queries.add_shop(db, "year", "taobao", now=T0.isoformat())
    source = YearShop(n, share)
    first_sync = 0.0

    def year() -> None:
        nonlocal first_sync
        for day in range(days):
            if day:  # the seller's changes of the day, six hours before its sync
                source.advance(T0 + timedelta(days=day, hours=-6))
            source.today = (T0 + timedelta(days=day)).date()
            seconds, result = timed(lambda: sync_shop(  # noqa: B023
                db, shop_row, source, now=T0 + timedelta(days=day)))  # noqa: B023
            assert result.status == "ok", result.error
            if day == 0:
                first_sync = seconds

    total = timed(year)[0]
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return shop_row.id, total, first_sync


def schema6_size_mb(profile: Path) -> float:
    """The baseline: the same profile with its traffic in the layout schema 6 wrote (text
    listing ids and days, a rowid table and its day index), copied compactly (VACUUM INTO), so
    the figure is the layout's, not fragmentation's."""
    with tempfile.TemporaryDirectory(prefix="sw-schema6-") as tmp:
        copy = Path(tmp) / DB_FILENAME
        conn = sqlite3.connect(str(profile / DB_FILENAME))
        conn.execute("VACUUM INTO ?", [str(copy)])
        conn.close()
        conn = sqlite3.connect(str(copy))
        with conn:
            conn.execute("ALTER TABLE metric_days RENAME TO compact_days")
            conn.execute("""CREATE TABLE old_metrics (shop_id INTEGER NOT NULL, listing_id TEXT
                NOT NULL, day TEXT NOT NULL, impressions INTEGER, visits INTEGER, page_views
                INTEGER, keyword_rank INTEGER, PRIMARY KEY (shop_id, listing_id, day))""")
            conn.execute("CREATE INDEX idx_old_metrics_day ON old_metrics(shop_id, day)")
            conn.execute("INSERT INTO old_metrics SELECT * FROM listing_metrics")
            conn.execute("DROP VIEW listing_metrics")
            conn.execute("DROP TABLE compact_days")
            conn.execute("DROP TABLE metric_listings")
        conn.execute("VACUUM")
        conn.close()
        return folder_size_mb(Path(tmp))


def table_sizes(db) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Bytes of pages per table, its indexes included (SQLite's dbstat); empty where SQLite
    was built without it."""
    try:
        rows = db.execute("SELECT s.tbl_name, SUM(d.pgsize) FROM dbstat d JOIN sqlite_schema s"
                          " ON s.name = d.name GROUP BY s.tbl_name").fetchall()
    except Exception:  # noqa: BLE001 - no dbstat in this SQLite
        return {}
    return {name: size for name, size in rows}


#: the groups of tables the size breakdown names (the rest is "other")
GROUPS = {
    "the evidence ledger": LEDGER_TABLES,
    "daily traffic": ("metric_days", "metric_listings"),
    "listings and their versions": ("listings", "listing_versions"),
    "alerts": ("alerts",),
}


def breakdown_figures(profile: Path, size_mb: float, days: int) -> list[Figure]:
    """Where the bytes are (per group of tables, indexes included), and how long
    ``shopwatch verify`` takes on the year's ledger, against reading the whole file once
    (``PRAGMA quick_check``, measured on the same file)."""
    db = open_db(profile / DB_FILENAME)
    out: list[Figure] = []
    try:
        sizes = table_sizes(db)
        records = db.execute("SELECT COUNT(*) FROM ledger_records").fetchone()[0]
        entries = db.execute("SELECT COUNT(*) FROM ledger_entries").fetchone()[0]
        packs = db.execute("SELECT COUNT(*) FROM ledger_packs").fetchone()[0]
        detail = ", ".join(f"{name} {size / 1e6:.2f}" for name, size
                           in sorted(sizes.items(), key=lambda kv: -kv[1]) if size >= 100_000)
        for label, tables in GROUPS.items():
            if not sizes:
                break
            note = (f"{records:,} distinct raw records in {packs:,} packs, {entries:,} run "
                    "entries" if tables is LEDGER_TABLES else "")
            out.append(Figure(f"  of which {label}",
                              sum(sizes.get(t, 0) for t in tables) / 1e6, "MB", size_mb,
                              "the whole database", note=note))
        if sizes:
            rest = sum(sizes.values()) - sum(sizes.get(t, 0) for ts in GROUPS.values()
                                             for t in ts)
            out.append(Figure("  of which the rest", rest / 1e6, "MB", size_mb,
                              "the whole database", note=f"per table, MB: {detail}"))
        seconds, verdicts = timed(lambda: ledger.verify(db))
        assert all(v.intact for v in verdicts)
        read_all = timed(lambda: db.execute("PRAGMA quick_check").fetchall())[0]
    finally:
        db.close()
    out.append(Figure(f"verify the ledger of {days} runs (shopwatch verify)", seconds, "s",
                      read_all, "reading the whole file once (quick_check)",
                      goal=VERIFY_GOAL_S, goal_on="value",
                      note=f"{records:,} records hashed, {days} chain links"))
    return out


def open_listings_page(profile: Path, shop_id: int) -> dict | str:
    """The desktop app's own Listings page benchmark, run on this profile in a child process
    (so Qt's memory is its own). Returns its figures, or why it could not run."""
    code = ("import json, sys\nfrom pathlib import Path\n"
            "from shopwatch.ui.benchmark import bench_listings\n"
            "print(json.dumps(bench_listings(Path(sys.argv[1]), int(sys.argv[2]))))\n")
    done = subprocess.run([sys.executable, "-c", code, str(profile), str(shop_id)],
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        return done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"
    return json.loads(done.stdout.strip().splitlines()[-1])


def first_screen(profile: Path, shop_id: int, repeat: int = 3) -> float:
    """Without the GUI: the queries the Listings page runs to show its first screen."""
    db = open_db(profile / DB_FILENAME)

    def query() -> None:
        keys = queries.listing_keys(db, shop_id)
        queries.listings_by_keys(db, keys[:100])

    seconds = statistics.median(timed(query)[0] for _ in range(repeat))
    db.close()
    return seconds


def run(n: int = LISTINGS, days: int = DAYS, share: float = CHANGE_SHARE
        ) -> list[Figure | Skipped]:
    out: list[Figure | Skipped] = []
    with tempfile.TemporaryDirectory(prefix="sw-year-") as tmp, \
            tempfile.TemporaryDirectory(prefix="sw-day1-") as fresh_tmp:
        profile, fresh = Path(tmp), Path(fresh_tmp)
        shop_id, total, first = simulate_year(profile, n=n, days=days, share=share)
        fresh_id, _, _ = simulate_year(fresh, n=n, days=1, share=share)
        size = folder_size_mb(profile)
        db = open_db(profile / DB_FILENAME)
        versions = queries.count_versions(db)
        traffic = db.execute("SELECT COUNT(*) FROM metric_days").fetchone()[0]
        db.close()
        keep = DetectionSettings().metrics_keep_days
        out.append(Figure(f"database after {days} daily syncs of {n:,} listings, "
                          f"{share:.0%} daily change, daily traffic kept {keep} days", size,
                          "MB", schema6_size_mb(profile), "its traffic in schema 6's layout",
                          goal=GOAL_MB, goal_on="value",
                          note=f"{versions:,} listing versions, {traffic:,} traffic rows; "
                               f"{folder_size_mb(fresh):.1f} MB after the first sync; the "
                               f"year's {days} syncs took {total:.0f} s in all"))
        out += breakdown_figures(profile, size, days)
        out.append(Figure("  mean daily sync during the year", total / days, "s", first,
                          "the first sync"))
        out.append(Figure("Listings page queries, first screen, after a year",
                          first_screen(profile, shop_id), "s", first_screen(fresh, fresh_id),
                          "the same after the first sync"))
        page = open_listings_page(profile, shop_id)
        fresh_page = open_listings_page(fresh, fresh_id) if isinstance(page, dict) else page
        if isinstance(page, dict) and isinstance(fresh_page, dict):
            out.append(Figure("open the Listings page (desktop app) after a year",
                              page["populate_ms"], "ms", fresh_page["populate_ms"],
                              "the same after the first sync",
                              note=f"{page['listings']:,} rows; resident memory "
                                   f"{page['rss_mb']} MB"))
        else:
            out.append(Skipped("open the Listings page (desktop app) after a year",
                               f"the desktop app is not usable here: {page}"))
    return out
