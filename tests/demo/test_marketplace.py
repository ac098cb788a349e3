"""The demo marketplace simulator: determinism, the day-0 shop, the false-trading campaign,
notices and traffic metrics."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from datetime import date, datetime, timedelta

import pytest

from shopwatch.connectors.top_sign import TIMESTAMP_FORMAT
from shopwatch.demo.marketplace import (
    EVENT_KINDS,
    HISTORY_DAYS,
    ONSALE,
    VIOLATION_OFF_SHELF,
    Marketplace,
)

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def day10() -> Marketplace:
    """Seed 7 after ten simulated days (shared: tests must not change its day)."""
    m = Marketplace(seed=7)
    m.set_day(10)
    return m


def snapshot(m: Marketplace) -> tuple:
    lists = [m.onsale_items()] + [
        m.inventory_items(b)
        for b in (
            "regular_shelved",
            "never_on_shelf",
            "off_shelf",
            "sold_out",
            "violation_off_shelf",
        )
    ]
    return (lists, [e.to_dict() for e in m.events], m.notices(), m.metrics())


def test_same_seed_same_shop_and_events(day10: Marketplace) -> None:
    other = Marketplace(seed=7)
    for _ in range(10):
        other.advance()
    assert snapshot(other) == snapshot(day10)
    assert (other.app_key, other.app_secret, other.session) == (
        day10.app_key,
        day10.app_secret,
        day10.session,
    )


def test_different_seed_differs() -> None:
    a, b = Marketplace(seed=7), Marketplace(seed=8)
    assert [i["num_iid"] for i in a.onsale_items()] != [i["num_iid"] for i in b.onsale_items()]
    assert a.app_secret != b.app_secret
    a.set_day(5)
    b.set_day(5)
    assert [e.to_dict() for e in a.events] != [e.to_dict() for e in b.events]


def test_set_day_replays_exactly(day10: Marketplace) -> None:
    m = Marketplace(seed=7)
    m.set_day(10)
    m.set_day(4)  # backwards: replays from scratch
    fresh = Marketplace(seed=7)
    fresh.set_day(4)
    assert snapshot(m) == snapshot(fresh)
    assert m.day == 4 and m.today == date(2026, 11, 6)
    events = m.advance(2)
    assert {e.day for e in events} == {5, 6}
    assert m.day == 6
    with pytest.raises(ValueError):
        m.set_day(-1)


def test_credentials_are_derived_from_the_seed() -> None:
    m = Marketplace(seed=7)
    assert re.fullmatch(r"demo\d{8}", m.app_key)
    assert re.fullmatch(r"[0-9a-f]{32}", m.app_secret)
    assert re.fullmatch(r"6100[0-9a-f]+", m.session)
    assert m.app_key == Marketplace(seed=7).app_key


def test_day0_catalogue() -> None:
    m = Marketplace(seed=7)
    counts = m.listing_counts()
    assert sum(counts.values()) == 300
    assert 0.82 <= counts[ONSALE] / 300 <= 0.94
    for banner in ("regular_shelved", "never_on_shelf", "off_shelf", "sold_out"):
        assert counts[banner] > 0, banner
    assert counts[VIOLATION_OFF_SHELF] == counts["deleted"] == 0
    items = m.onsale_items()
    titles = [i["title"] for i in items]
    chinese = sum(bool(CJK.search(t)) for t in titles)
    assert 0.5 < chinese / len(titles) < 0.95  # a mix of Chinese and English titles
    for it in items:
        assert it["num_iid"] > 600_000_000_000
        assert re.fullmatch(r"\d+\.\d\d", it["price"])
        assert it["approve_status"] == "onsale" and it["type"] == "fixed"
        assert it["pic_url"].startswith("http://127.0.0.1/")
        datetime.strptime(it["modified"], TIMESTAMP_FORMAT)
    inventory = m.inventory_items("for_shelved")
    assert {i["approve_status"] for i in inventory} == {"instock"}
    assert len(inventory) == sum(
        counts[b] for b in ("regular_shelved", "never_on_shelf", "off_shelf")
    )
    # modified spreads over the previous year, all before the start date
    mods = sorted(i["modified"] for i in items)
    first = datetime.strptime(mods[0], TIMESTAMP_FORMAT)
    last = datetime.strptime(mods[-1], TIMESTAMP_FORMAT)
    assert last < datetime(2026, 11, 2) and (last - first).days > 300
    with pytest.raises(ValueError):
        m.inventory_items("nonsense")


def test_big_shop_can_be_read_in_modified_windows() -> None:
    m = Marketplace(seed=3, n_listings=25_000)
    mods = sorted(i["modified"] for i in m.onsale_items())
    assert len(mods) > 20_000  # too big for one paged read
    # Distinct timestamps are spread out enough that windows of at most 20,000 exist.
    assert max(Counter(mods).values()) < 5
    assert mods[len(mods) // 2] != mods[0]


def test_campaign_by_day_10(day10: Marketplace) -> None:
    kinds = Counter(e.kind for e in day10.events)
    assert set(kinds) <= set(EVENT_KINDS)
    assert 10 <= kinds["deleted"] <= 25
    assert 8 <= kinds["violation_off_shelf"] <= 20
    assert 5 <= kinds["demoted"] <= 15
    assert 10 <= len(day10.notices()) <= 30
    assert kinds["seller_edit"] > 0 and kinds["seller_off_shelf"] > 0
    assert kinds["seller_on_shelf"] > 0 and kinds["new_listing"] > 0
    # nothing from the campaign before day 3
    campaign = {"deleted", "violation_off_shelf", "demoted", "penalty"}
    assert min(e.day for e in day10.events if e.kind in campaign) == 3
    # ground truth agrees with the lists
    onsale = {i["num_iid"] for i in day10.onsale_items()}
    everywhere = onsale | {
        i["num_iid"]
        for b in ("for_shelved", "sold_out", "violation_off_shelf")
        for i in day10.inventory_items(b)
    }
    assert day10.deleted_ids() == {e.num_iid for e in day10.events if e.kind == "deleted"}
    assert not day10.deleted_ids() & everywhere
    assert all(day10.item(i) is None for i in day10.deleted_ids())
    violation = {i["num_iid"] for i in day10.inventory_items("violation_off_shelf")}
    assert violation == day10.violation_ids()
    for num_iid in violation:
        item = day10.item(num_iid)
        assert item is not None and item["approve_status"] == "instock" and item["violation"]
    demoted = day10.demoted_ids()
    assert demoted and not demoted & (day10.deleted_ids() | day10.violation_ids())
    assert sum(1 for i in demoted if i in onsale) >= len(demoted) - 2  # they stay on sale


def test_no_campaign_when_disabled() -> None:
    m = Marketplace(seed=7, campaign=False)
    m.set_day(10)
    assert not m.deleted_ids() and not m.violation_ids() and not m.demoted_ids()
    assert m.notices() == []


def test_notices(day10: Marketplace) -> None:
    notices = day10.notices()
    assert len({n["notice_id"] for n in notices}) == len(notices)
    general = 0
    for n in notices:
        assert n["kind"] in {"false_trading", "counterfeit", "misdescription", "prohibited"}
        assert n["category"] in {"general", "serious"}
        assert n["severity"] in {"info", "warning", "critical"}
        assert n["status"] == "open"
        issued = datetime.strptime(n["issued_at"], TIMESTAMP_FORMAT)
        deadline = datetime.strptime(n["appeal_deadline"], TIMESTAMP_FORMAT)
        assert deadline - issued in (timedelta(days=3), timedelta(days=7))
        assert date(2026, 11, 5) <= issued.date() <= day10.today
        if n["num_iid"] is not None:
            assert str(n["num_iid"]) in n["content"] and "申诉" in n["content"]
        if n["category"] == "general":
            general += n["points"]
    assert Counter(n["kind"] for n in notices).most_common(1)[0][0] == "false_trading"
    assert general >= 12  # enough for a points-threshold alert within ten days
    penalties = [e for e in day10.events if e.kind == "penalty"]
    assert [e.detail["notice_id"] for e in penalties] == [n["notice_id"] for n in notices]
    # the event keeps a copy: mutating what a caller got changes nothing inside
    notices[0]["points"] = 999
    assert day10.notices()[0]["points"] != 999


def test_metrics_collapse_for_demoted_only(day10: Marketplace) -> None:
    rows = day10.metrics(since=date(2026, 1, 1))
    assert rows[0]["date"] == (day10.start_date - timedelta(days=HISTORY_DAYS)).isoformat()
    assert rows[-1]["date"] == day10.today.isoformat()
    assert rows == sorted(rows, key=lambda r: (r["date"], r["num_iid"]))
    visits: dict[int, dict[str, int]] = {}
    for r in rows:
        assert r["impressions"] >= r["visits"] and r["page_views"] >= r["visits"] >= 0
        visits.setdefault(r["num_iid"], {})[r["date"]] = r["visits"]
    demoted_on = {e.num_iid: e.day for e in day10.events if e.kind == "demoted"}
    onsale = {i["num_iid"] for i in day10.onsale_items()}
    for num_iid, day in demoted_on.items():
        if num_iid not in onsale:
            continue
        cut = (day10.start_date + timedelta(days=day)).isoformat()
        before = [v for d, v in visits[num_iid].items() if d < cut]
        after = [v for d, v in visits[num_iid].items() if d >= cut]
        assert statistics.mean(after) < 0.4 * statistics.mean(before), num_iid
    # everyone else keeps their level: the shop's total outside demotions barely moves
    steady = onsale - set(demoted_on)
    early = sum(v for i in steady for d, v in visits[i].items() if d < "2026-11-02")
    late = sum(v for i in steady for d, v in visits[i].items() if d > "2026-11-05")
    n_early = sum(1 for i in steady for d in visits[i] if d < "2026-11-02")
    n_late = sum(1 for i in steady for d in visits[i] if d > "2026-11-05")
    assert 0.8 < (late / n_late) / (early / n_early) < 1.25
    # a good share of low-volume listings
    medians = [statistics.median(v.values()) for v in visits.values()]
    assert sum(m < 10 for m in medians) / len(medians) > 0.25


def test_metrics_default_window_and_history() -> None:
    m = Marketplace(seed=7)
    rows = m.metrics()  # day 0: 14 days of history plus today
    dates = sorted({r["date"] for r in rows})
    assert dates[0] == "2026-10-19" and dates[-1] == "2026-11-02" and len(dates) == 15
    assert m.metrics(since=date(2026, 11, 2)) == [r for r in rows if r["date"] == "2026-11-02"]
    m.set_day(40)
    dates = sorted({r["date"] for r in m.metrics()})
    assert len(dates) == 30 and dates[-1] == m.today.isoformat()
    # history does not change when the simulation moves on
    again = Marketplace(seed=7)
    assert [
        r for r in m.metrics(date(2026, 10, 19)) if r["date"] <= "2026-11-02"
    ] == again.metrics()
