"""Every detection rule, as pure functions."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from shopwatch.config import DetectionSettings
from shopwatch.models import Listing, MetricRecord, Notice, SyncRun
from shopwatch.monitor import detect
from shopwatch.monitor.rules import load_rules

NOW = datetime(2026, 11, 20, 1, 0, tzinfo=timezone.utc)
S = DetectionSettings()
RULES = load_rules("taobao")


def listing(lid="1", **kw) -> Listing:
    base = dict(shop_id=1, listing_id=lid, title="Wool coat 羊毛大衣", status="active",
                price="399.00", first_seen="2026-11-01T00:00:00+00:00",
                last_seen="2026-11-19T00:00:00+00:00", status_changed_at="2026-11-01T00:00:00+00:00",
                content_hash="a")
    base.update(kw)
    return Listing(**base)


def kinds(drafts):
    return [d.kind for d in drafts]


# --- listing transitions ------------------------------------------------------------------

@pytest.mark.parametrize(("new_status", "kind", "severity"), [
    ("deleted", "deleted", "critical"),
    ("missing", "deleted", "warning"),
    ("violation_off_shelf", "violation_off_shelf", "critical"),
    ("seller_off_shelf", "seller_off_shelf", "info"),
])
def test_status_transitions_alert(new_status, kind, severity):
    old = listing()
    new = replace(old, status=new_status, content_hash="b", missing_since=NOW.isoformat(),
                  status_changed_at=NOW.isoformat())
    drafts = detect.listing_alerts([(old, new)], first_run=False)
    assert kinds(drafts) == [kind]
    assert drafts[0].severity == severity
    assert drafts[0].listing_id == "1"


def test_missing_then_confirmed_deleted_is_one_condition():
    old = listing()
    missing = replace(old, status="missing", missing_since="T1", content_hash="b")
    deleted = replace(missing, status="deleted", content_hash="c")
    first = detect.listing_alerts([(old, missing)], first_run=False)
    second = detect.listing_alerts([(missing, deleted)], first_run=False)
    # the disappearance was already alerted; confirming it adds no second alert
    assert len(first) == 1 and second == []


def test_first_sync_reports_only_existing_violations():
    items = [listing("1"), listing("2", status="violation_off_shelf"), listing("3", status="seller_off_shelf")]
    drafts = detect.listing_alerts([(None, i) for i in items], first_run=True)
    assert kinds(drafts) == ["violation_off_shelf"]
    assert drafts[0].listing_id == "2"


def test_title_or_price_change_is_reported_with_both_values():
    old = listing()
    new = replace(old, price="199.00", title="Wool coat", content_hash="b")
    [draft] = detect.listing_alerts([(old, new)], first_run=False)
    assert draft.kind == "changed_by_platform"
    assert draft.details["changes"] == {"title": ["Wool coat 羊毛大衣", "Wool coat"],
                                        "price": ["399.00", "199.00"]}


def test_quantity_change_alone_is_not_an_alert():
    old = listing()
    assert detect.listing_alerts([(old, replace(old, quantity=3, content_hash="b"))],
                                 first_run=False) == []


def test_mass_disappearance_is_loud_but_small_losses_are_not():
    previous = {str(i): listing(str(i)) for i in range(20)}
    current = dict(previous)
    for i in range(8):
        current[str(i)] = replace(previous[str(i)], status="deleted")
    alert = detect.mass_disappearance(previous, current, run_id=9, settings=S)
    assert alert is not None and alert.kind == "mass_disappearance" and alert.severity == "critical"
    assert alert.details["gone"] == 8 and alert.dedup_key == "mass:9"
    current = dict(previous)
    current["0"] = replace(previous["0"], status="deleted")
    assert detect.mass_disappearance(previous, current, run_id=9, settings=S) is None


# --- demotion ------------------------------------------------------------------------------

def series(values, start=date(2026, 11, 1), field="visits"):
    return [MetricRecord("1", (start + timedelta(days=i)).isoformat(), **{field: v})
            for i, v in enumerate(values)]


def test_traffic_collapse_is_a_demotion():
    history = series([120, 130, 110, 125, 140, 118, 122, 20, 18])
    verdict = detect.demotion_verdict(history, currently_suppressed=False, settings=S)
    assert verdict.demoted and verdict.measure == "visits"
    assert verdict.baseline == 122 and verdict.drop > 0.8


def test_low_volume_noise_is_never_a_demotion():
    rng = random.Random(3)
    for _ in range(200):
        history = series([rng.randint(0, 12) for _ in range(14)])
        verdict = detect.demotion_verdict(history, currently_suppressed=False, settings=S)
        assert verdict is None or not verdict.demoted


def test_one_bad_day_is_not_a_demotion():
    history = series([120, 130, 110, 125, 140, 118, 122, 20, 115])
    assert not detect.demotion_verdict(history, currently_suppressed=False, settings=S).demoted


def test_ordinary_fluctuation_of_a_busy_listing_is_not_a_demotion():
    rng = random.Random(11)
    for _ in range(200):
        history = series([max(0, int(rng.gauss(200, 40))) for _ in range(14)])
        assert not detect.demotion_verdict(history, currently_suppressed=False, settings=S).demoted


def test_too_little_history_gives_no_verdict():
    assert detect.demotion_verdict(series([100, 5]), currently_suppressed=False, settings=S) is None


def test_suppressed_listing_stays_demoted_until_traffic_returns():
    collapsed = [120, 130, 110, 125, 140, 118, 122] + [20] * 9
    verdict = detect.demotion_verdict(series(collapsed), currently_suppressed=True, settings=S)
    # the depressed week is not taken as the new normal
    assert verdict is not None and verdict.demoted
    recovered = collapsed + [118, 125]
    assert not detect.demotion_verdict(series(recovered), currently_suppressed=True,
                                       settings=S).demoted


def test_impressions_are_used_when_visits_are_absent():
    history = series([3000, 3100, 2900, 3050, 2950, 3000, 3020, 300, 280], field="impressions")
    verdict = detect.demotion_verdict(history, currently_suppressed=False, settings=S)
    assert verdict.demoted and verdict.measure == "impressions"


def test_keyword_rank_drop_is_a_demotion():
    history = series([5, 4, 6, 5, 5, 4, 5, 48, 55], field="keyword_rank")
    verdict = detect.demotion_verdict(history, currently_suppressed=False, settings=S)
    assert verdict.demoted and verdict.measure == "keyword_rank"


# --- notices, points, deadlines ------------------------------------------------------------

def notice(nid=1, points=12, category="general", status="open", deadline=None, issued=None,
           kind="false_trading") -> Notice:
    return Notice(id=nid, shop_id=1, source_id=f"N{nid}", kind=kind, severity="warning",
                  points=points, category=category, listing_id="1",
                  issued_at=issued or (NOW - timedelta(hours=2)).isoformat(),
                  appeal_deadline=deadline, status=status, title="", text="")


def test_new_penalty_names_points_and_next_threshold():
    old = notice(1, points=10)
    new = notice(2, points=12)
    drafts = detect.penalty_alerts([new], [old, new], rules=RULES, now=NOW, settings=S)
    penalty = [d for d in drafts if d.kind == "new_penalty"]
    assert len(penalty) == 1
    assert penalty[0].severity == "critical" and penalty[0].notice_id == 2
    assert penalty[0].details["total"] == 22 and penalty[0].details["next_threshold"] == 24
    # 22 of 24: approaching; 12 was crossed
    keys = {d.dedup_key for d in drafts if d.kind == "points_threshold"}
    assert keys == {"points:general:2026:12:reached", "points:general:2026:24:near"}


def test_points_from_last_year_and_revoked_notices_do_not_count():
    last_year = notice(1, points=12, issued="2025-12-30T00:00:00+00:00")
    revoked = notice(2, points=12, status="revoked")
    current = notice(3, points=2)
    totals = detect.ledger_totals([last_year, revoked, current], rules=RULES, now=NOW)
    assert totals["general"] == 2


def test_ledgers_are_counted_separately():
    drafts = detect.penalty_alerts([], [notice(1, 6), notice(2, 6, category="serious")],
                                   rules=RULES, now=NOW, settings=S)
    assert not [d for d in drafts if d.details.get("reached")]


@pytest.mark.parametrize(("hours_left", "window"), [(80, None), (70, 72), (30, 72), (20, 24),
                                                     (-1, None)])
def test_appeal_deadline_warns_at_72_and_24_hours(hours_left, window):
    n = notice(deadline=(NOW + timedelta(hours=hours_left)).isoformat())
    drafts = detect.deadline_alerts([n], now=NOW, settings=S)
    if window is None:
        assert drafts == []
    else:
        assert [d.dedup_key for d in drafts] == [f"deadline:1:{window}"]


def test_appealed_notice_stops_deadline_warnings():
    n = notice(status="appealed", deadline=(NOW + timedelta(hours=5)).isoformat())
    assert detect.deadline_alerts([n], now=NOW, settings=S) == []


def run(i, status="failed"):
    return SyncRun(id=i, shop_id=1, started_at=f"2026-11-20T0{i}:00:00+00:00", status=status,
                   error="Taobao did not answer", error_kind="network")


def test_sync_failing_after_n_runs_and_repeats_daily():
    assert detect.sync_failing_alert([run(1), run(2)], now=NOW, settings=S) is None
    alert = detect.sync_failing_alert([run(1), run(2), run(3)], now=NOW, settings=S)
    assert alert.kind == "sync_failing" and "Taobao did not answer" in alert.message
    tomorrow = detect.sync_failing_alert([run(1), run(2), run(3), run(4)],
                                         now=NOW + timedelta(days=1), settings=S)
    assert tomorrow.dedup_key != alert.dedup_key
    same_day = detect.sync_failing_alert([run(1), run(2), run(3), run(4)], now=NOW, settings=S)
    assert same_day.dedup_key == alert.dedup_key
