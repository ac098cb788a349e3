"""Migration 0011_compact_metrics: an existing profile's daily traffic moves into the compact
tables with every value a detection rule reads (impressions, visits, page views, keyword rank,
zeros and gaps as they were), per listing and day."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from shopwatch.models import MetricRecord
from shopwatch.store import queries
from shopwatch.store.db import connect, open_db
from shopwatch.store.migrations import migrations


def _v6_profile(path: Path) -> list[tuple]:
    """A profile as schema 6 wrote it, with two shops' traffic; returns the rows written."""
    db = connect(path)
    migrations.apply(db, stop_before="0011_compact_metrics")
    db.execute("PRAGMA user_version = 6")
    rng = random.Random(7)
    rows = []
    with db.atomic():
        for shop in (1, 2):
            db.execute("INSERT INTO shops (id, name, platform, created_at) VALUES (?, ?, ?, ?)",
                       [shop, f"s{shop}", "taobao", "2026-01-01"])
            for listing in ("600000000001", "600000000002", "item-α", "9"):
                for day in range(1, 29):
                    if rng.random() < 0.15:
                        continue  # a gap: no row that day
                    values = [rng.choice([None, 0, rng.randint(1, 5000)]) for _ in range(4)]
                    rows.append((shop, listing, f"2026-02-{day:02d}", *values))
        db.conn.executemany("INSERT INTO listing_metrics VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    db.close()
    return rows


def _as_history(rows: list[tuple], shop: int, since: str) -> dict[str, list[MetricRecord]]:
    out: dict[str, list[MetricRecord]] = {}
    for row in sorted(r for r in rows if r[0] == shop and r[2] >= since):
        out.setdefault(row[1], []).append(MetricRecord(*row[1:]))
    return dict(sorted(out.items()))


def test_migration_keeps_every_metric_detection_reads(tmp_path: Path):
    path = tmp_path / "shopwatch.db"
    rows = _v6_profile(path)
    db = open_db(path)
    assert "listing_metrics" in db.view_names() and "listing_metrics" not in db.table_names()
    for shop in (1, 2):
        for since in ("2026-01-01", "2026-02-10"):
            assert queries.metrics_history(db, shop, since) == _as_history(rows, shop, since)
        assert queries.latest_metric_day(db, shop) == max(r[2] for r in rows if r[0] == shop)
        assert queries.listing_metric_series(db, shop, "item-α") == \
            _as_history(rows, shop, "2000-01-01")["item-α"]
    # the old shape is still readable, row for row
    assert sorted(db.execute("SELECT * FROM listing_metrics").fetchall()) == sorted(rows)
    db.close()


def test_compact_rows_round_trip_and_retention(tmp_path: Path):
    db = open_db(tmp_path / "p.db")
    shop = queries.add_shop(db, "s", "taobao", now="2026-01-01T00:00:00+00:00")
    with db.atomic():
        queries.upsert_metrics(db, shop.id, [MetricRecord("1", "2026-03-01", 10, 0, None, 4),
                                             MetricRecord("1", "2026-03-03", 12, 1, 2, None),
                                             MetricRecord("2", "2026-03-02", 0, 0, 0, 0)])
        queries.upsert_metrics(db, shop.id, [MetricRecord("1", "2026-03-03", 13, 1, 2, 9)])
    assert queries.metrics_history(db, shop.id, "2026-03-01") == {
        "1": [MetricRecord("1", "2026-03-01", 10, 0, None, 4),
              MetricRecord("1", "2026-03-03", 13, 1, 2, 9)],
        "2": [MetricRecord("2", "2026-03-02", 0, 0, 0, 0)]}
    assert queries.listing_metric_series(db, shop.id, "1", "2026-03-02") == [
        MetricRecord("1", "2026-03-03", 13, 1, 2, 9)]
    assert queries.listing_metric_series(db, shop.id, "missing") == []
    with db.atomic():
        assert queries.prune_metrics(db, shop.id, "2026-03-02") == 1
    assert queries.latest_metric_day(db, shop.id) == "2026-03-03"
    assert [r.day for r in queries.listing_metric_series(db, shop.id, "1")] == ["2026-03-03"]
    # a shop's traffic goes with the shop
    queries.delete_shop(db, shop.id)
    assert db.execute("SELECT COUNT(*) FROM metric_days").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM metric_listings").fetchone()[0] == 0
    db.close()


def test_a_wrong_day_is_refused_not_stored(tmp_path: Path):
    db = open_db(tmp_path / "p.db")
    shop = queries.add_shop(db, "s", "taobao", now="2026-01-01T00:00:00+00:00")
    try:
        queries.upsert_metrics(db, shop.id, [MetricRecord("1", "03/01/2026", 1)])
    except ValueError:
        pass
    else:
        raise AssertionError("a day that is not YYYY-MM-DD was accepted")
    conn = sqlite3.connect(str(tmp_path / "p.db"))
    assert conn.execute("SELECT COUNT(*) FROM metric_days").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM metric_listings").fetchone()[0] == 0
    conn.close()
    db.close()
