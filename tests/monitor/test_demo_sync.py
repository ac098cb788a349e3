"""End to end through the real TOP client against the loopback demo marketplace: what the
seller is told matches what the simulated platform did, on the day it did it, once."""

from __future__ import annotations

import statistics
from collections import defaultdict
from datetime import date, timedelta

import pytest

from shopwatch.config import DetectionSettings
from shopwatch.demo.runtime import DemoConfig, EmbeddedDemo, reset_demo_shop
from shopwatch.monitor.sync import sync_shop
from shopwatch.store import queries

DAYS = 10


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    """Ten simulated days synced once each; returns (db, shop, demo, alerts by day)."""
    from shopwatch.store.db import open_db

    db = open_db(tmp_path_factory.mktemp("demo") / "shopwatch.db")
    config = DemoConfig(seed=7, start_date=date(2026, 11, 2))
    shop = reset_demo_shop(db, config)
    by_day: dict[int, list] = {}
    with EmbeddedDemo(config) as demo:
        for day in range(DAYS + 1):
            if day:
                demo.advance()
            connector = demo.connector()
            result = sync_shop(db, shop, connector, now=demo.sim_now())
            connector.close()
            assert result.status == "ok", result.error
            by_day[day] = result.alerts
        yield db, shop, demo, by_day
    db.close()


def _events(demo, kind):
    out = defaultdict(set)
    for e in demo.marketplace.events:
        if e.kind == kind:
            out[e.day].add(str(e.num_iid))
    return out


@pytest.mark.parametrize("kind", ["deleted", "violation_off_shelf"])
def test_platform_actions_alert_on_the_day_they_happen(demo_run, kind):
    _, _, demo, by_day = demo_run
    truth = _events(demo, kind)
    assert sum(len(v) for v in truth.values()) >= 5
    for day in range(DAYS + 1):
        alerted = {a.listing_id for a in by_day[day] if a.kind == kind}
        assert alerted == truth.get(day, set()), f"day {day}"


def test_each_condition_alerts_once(demo_run):
    db, shop, _, _ = demo_run
    alerts = queries.list_alerts(db, shop_id=shop.id, include_acknowledged=True)
    keys = [a.dedup_key for a in alerts]
    assert len(keys) == len(set(keys))
    per_listing = defaultdict(int)
    for a in alerts:
        if a.kind in ("deleted", "violation_off_shelf", "demoted"):
            per_listing[(a.kind, a.listing_id)] += 1
    assert set(per_listing.values()) == {1}


def test_deleted_listings_are_confirmed_by_lookup(demo_run):
    db, shop, demo, _ = demo_run
    deleted = {x.listing_id for x in queries.list_listings(db, shop_id=shop.id, status="deleted")}
    assert deleted == {str(i) for i in demo.marketplace.deleted_ids()}
    assert not queries.list_listings(db, shop_id=shop.id, status="missing")


def test_demotions_are_found_without_false_alarms(demo_run):
    _, _, demo, by_day = demo_run
    truth = {}
    for e in demo.marketplace.events:
        if e.kind == "demoted":
            truth[str(e.num_iid)] = e.day
    alerted = {a.listing_id: day for day, alerts in by_day.items() for a in alerts
               if a.kind == "demoted"}
    assert set(alerted) <= set(truth), "a listing was flagged that the platform never demoted"
    # every demotion of a listing with enough traffic to judge, old enough to show two low
    # days, is found within two days of happening
    visits = defaultdict(dict)
    for row in demo.marketplace.metrics(since=date(2026, 10, 1)):
        visits[str(row["num_iid"])][row["date"]] = row["visits"]
    start = demo.marketplace.start_date

    def baseline(lid, day):
        before = [visits[lid].get((start + timedelta(days=d)).isoformat())
                  for d in range(day - 7, day)]
        return statistics.median(v for v in before if v is not None)

    minimum = DetectionSettings().demote_min_baseline_visits
    due = {lid for lid, day in truth.items() if day <= DAYS - 1 and baseline(lid, day) >= minimum}
    assert len(due) >= 3
    assert due <= set(alerted)
    for lid, day in alerted.items():
        assert truth[lid] <= day <= truth[lid] + 2


def test_every_penalty_notice_alerts_once_with_its_deadline(demo_run):
    db, shop, demo, by_day = demo_run
    notices = queries.list_notices(db, shop_id=shop.id)
    assert len(notices) == len(demo.marketplace.notices())
    penalties = [a for alerts in by_day.values() for a in alerts if a.kind == "new_penalty"]
    assert sorted(a.notice_id for a in penalties) == sorted(n.id for n in notices)
    assert all(n.appeal_deadline for n in notices)


def test_points_threshold_fires_when_the_ledger_crosses(demo_run):
    _, _, _, by_day = demo_run
    reached = [a for alerts in by_day.values() for a in alerts
               if a.kind == "points_threshold" and a.details["reached"]]
    assert reached and all(a.details["total"] >= a.details["threshold"] for a in reached)
