"""An import is one sync run with the API path's invariants: real files, real SQLite, the real
``sync_shop``. Bad files change nothing; a sequence of exports raises the alerts an API would;
a traffic report flags collapsed listings and not low-volume noise."""

from __future__ import annotations

import os
import random
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from shopwatch.connectors.base import CAP_LISTINGS
from shopwatch.connectors.factory import open_connector
from shopwatch.imports.notice_text import parse_notice_text
from shopwatch.models import ListingRecord
from shopwatch.monitor import file_import
from shopwatch.monitor.rules import load_rules
from shopwatch.monitor.service import sync_stored_shop
from shopwatch.monitor.sync import sync_shop
from shopwatch.store import queries

from .conftest import HEADER_ZH, listing_rows

T0 = datetime(2026, 11, 20, 2, 0, tzinfo=timezone.utc)
STATUS_WORD = {"active": "出售中", "seller_off_shelf": "仓库中", "sold_out": "售罄",
               "violation_off_shelf": "违规下架"}


def file_shop(db, name: str = "myshop", **settings):
    return queries.add_shop(db, name, "file", now="2026-11-01T00:00:00+00:00",
                            settings={"file": settings} if settings else {})


def state(db, shop):
    """Everything an import may change, to prove a failed one changed none of it."""
    listings = queries.load_listings(db, shop.id)
    return ({lid: (i.status, i.title, i.last_seen, i.content_hash) for lid, i in listings.items()},
            [a.id for a in queries.list_alerts(db, shop_id=shop.id, include_acknowledged=True)],
            queries.get_shop_by_id(db, shop.id).settings,
            queries.count_versions(db))


def test_an_import_is_one_recorded_sync_run(db, exports):
    shop = file_shop(db)
    path = exports.text("items.csv", [["导出"], HEADER_ZH, *listing_rows(20)], encoding="gbk")
    outcome = file_import.import_files(db, shop, [path], now=T0)
    assert outcome.ok and outcome.listings == 20
    run = queries.get_run(db, outcome.result.run_id)
    assert (run.status, run.listings) == ("ok", 20)
    assert queries.count_by_status(db, shop.id) == {"active": 20}
    assert outcome.files[0]["encoding"] == "GBK/GB18030"
    assert outcome.shop.settings["file"]["listing_rows"] == 20


@pytest.mark.parametrize("bad_rows", [
    [HEADER_ZH, *listing_rows(19), listing_rows(1)[0]],                  # a duplicate id
    [["宝贝标题", "价格"], ["围巾", "1"]],                                    # no id column
    [HEADER_ZH, *listing_rows(19), ["600123499999", "大衣", "1"]],          # a row cut short
    [HEADER_ZH, *listing_rows(19), ["共 25 条"]],                            # footer mismatch
])
def test_a_bad_file_fails_the_run_and_changes_nothing(db, exports, bad_rows):
    shop = file_shop(db)
    good = exports.text("good.csv", [HEADER_ZH, *listing_rows(20)])
    assert file_import.import_files(db, shop, [good], now=T0).ok
    before = state(db, shop)
    bad = exports.text("bad.csv", bad_rows)
    outcome = file_import.import_files(db, shop, [bad], kind="listings",
                                       now=T0 + timedelta(days=1))
    assert not outcome.ok and outcome.error_kind == "file"
    assert outcome.result.error.startswith("bad.csv")
    assert "line" in outcome.result.error
    assert state(db, shop) == before
    assert queries.get_run(db, outcome.result.run_id).status == "failed"


def test_a_far_smaller_export_needs_the_user_to_confirm(db, exports):
    shop = file_shop(db)
    file_import.import_files(db, shop, [exports.text("all.csv", [HEADER_ZH, *listing_rows(40)])],
                             now=T0)
    page = exports.text("page1.csv", [HEADER_ZH, *listing_rows(10)])
    before = state(db, shop)
    refused = file_import.import_files(db, shop, [page], now=T0 + timedelta(hours=1))
    assert refused.error_kind == "suspicious_drop"
    assert "10 listings, far fewer than the 40" in refused.result.error
    assert "--confirm-drop" in refused.result.error
    assert state(db, shop) == before
    confirmed = file_import.import_files(db, shop, [page], confirm_drop=True,
                                         now=T0 + timedelta(hours=2))
    assert confirmed.ok
    assert queries.count_by_status(db, shop.id) == {"active": 10, "missing": 30}
    kinds = [a.kind for a in confirmed.result.alerts]
    assert kinds.count("mass_disappearance") == 1 and kinds.count("deleted") == 30


def test_on_sale_and_warehouse_tabs_together_make_the_shop(db, exports):
    shop = file_shop(db)
    on_sale = exports.text("出售中的宝贝.csv", [["宝贝ID", "宝贝标题"],
                                          *[r[:2] for r in listing_rows(5)]])
    warehouse = exports.text("仓库中的宝贝.csv", [["宝贝ID", "宝贝标题"],
                                            *[r[:2] for r in listing_rows(3, start=5)]])
    assert file_import.import_files(db, shop, [on_sale, warehouse], now=T0).ok
    assert queries.count_by_status(db, shop.id) == {"active": 5, "seller_off_shelf": 3}


class ListConnector:
    """The API path's stand-in: a source that reports exactly these listings."""

    capabilities = frozenset({CAP_LISTINGS})

    def __init__(self, records: list[ListingRecord]) -> None:
        self.records = records

    def fetch_listings(self, progress=None, cancel=None):
        return list(self.records), 1

    def close(self) -> None:
        pass


def _days_of_a_shop() -> list[list[ListingRecord]]:
    base = [ListingRecord(f"6001234{i:05d}", f"围巾 {i}", "active", price="128.00", quantity=5)
            for i in range(30)]
    day1 = [r for r in base if r.listing_id not in ("600123400003", "600123400004")]
    day1 = [ListingRecord(r.listing_id, r.title, {"600123400005": "seller_off_shelf",
                                                  "600123400006": "violation_off_shelf",
                                                  "600123400007": "sold_out"}.get(r.listing_id,
                                                                                  r.status),
                          price="99.00" if r.listing_id == "600123400008" else r.price,
                          quantity=r.quantity) for r in day1]
    day2 = [r for r in day1 if r.listing_id != "600123400009"]
    return [base, day1, day2]


def test_a_sequence_of_exports_raises_the_alerts_the_api_path_would(db, exports):
    file_side, api_side = file_shop(db, "from-files"), file_shop(db, "from-api")
    for n, records in enumerate(_days_of_a_shop()):
        now = T0 + timedelta(days=n)
        rows = [HEADER_ZH, *[[r.listing_id, r.title, r.price, r.quantity, STATUS_WORD[r.status]]
                             for r in records]]
        path = exports.text(f"day{n}.csv", rows, encoding="gbk")
        by_file = file_import.import_files(db, file_side, [path], now=now)
        by_api = sync_shop(db, api_side, ListConnector(records), now=now)
        assert by_file.ok and by_api.status == "ok"

        def seen(alerts):
            return sorted((a.kind, a.listing_id or "", a.severity) for a in alerts)
        assert seen(by_file.result.alerts) == seen(by_api.alerts)
        assert queries.count_by_status(db, file_side.id) == queries.count_by_status(db, api_side.id)
    kinds = {a.kind for a in queries.list_alerts(db, shop_id=file_side.id)}
    assert {"deleted", "seller_off_shelf", "violation_off_shelf", "changed_by_platform"} <= kinds


# --- traffic -----------------------------------------------------------------------------

REPORT_END = date(2026, 11, 22)
AFTER_REPORT = datetime(2026, 11, 23, 2, 0, tzinfo=timezone.utc)
COLLAPSED = {"600123400000", "600123400001", "600123400002"}


def _traffic(lid: str, day: int, rng: random.Random) -> int:
    n = int(lid[-2:])
    last_days = day >= 27  # the last three days of a 30-day report
    if n < 3:      # collapses: ~120 visitors a day, then a tenth of that
        return rng.randint(6, 14) if last_days else rng.randint(100, 140)
    if n < 6:      # healthy and fluctuating by ±30 %
        return rng.randint(70, 130)
    if n == 6:     # one bad last day is noise, not a demotion
        return 20 if day == 29 else rng.randint(90, 110)
    return 0 if last_days else rng.randint(0, 9)  # low volume: noise, even when it hits zero


def traffic_report(exports, name: str, days: range, *, seed: int = 1, bump: int = 0) -> Path:
    rng = random.Random(seed)
    rows = [["生意参谋-商品效果", "", "", "", "", ""],
            ["统计日期", "商品ID", "商品名称", "访客数", "浏览量", "曝光量"]]
    for day in days:
        when = REPORT_END - timedelta(days=29 - day)
        for i in range(10):
            lid = f"6001234{i:05d}"
            visits = _traffic(lid, day, rng) + bump
            rows.append([when.isoformat(), lid, f"围巾 {i}号", visits, visits * 2, visits * 25])
    return exports.text(name, rows, encoding="gbk")


def test_a_traffic_report_flags_exactly_the_collapsed_listings(db, exports):
    shop = file_shop(db)
    listings = exports.text("items.csv", [HEADER_ZH, *listing_rows(10)])
    assert file_import.import_files(db, shop, [listings], now=AFTER_REPORT - timedelta(hours=2)).ok
    outcome = file_import.import_files(db, shop, [traffic_report(exports, "r.csv", range(30))],
                                       now=AFTER_REPORT)
    assert outcome.ok and outcome.metrics == 300 and outcome.unknown_listings == 0
    demoted = {a.listing_id for a in outcome.result.alerts if a.kind == "demoted"}
    assert demoted == COLLAPSED
    stored = queries.load_listings(db, shop.id)
    assert {lid for lid, i in stored.items() if i.search_status == "suppressed"} == COLLAPSED
    # the traffic import left every listing as it was otherwise
    assert {i.status for i in stored.values()} == {"active"}
    alert = next(a for a in outcome.result.alerts if a.kind == "demoted")
    assert alert.details["measure"] == "visits" and alert.details["drop"] > 0.8


def test_reimporting_an_overlapping_period_updates_and_never_duplicates(db, exports):
    shop = file_shop(db)
    file_import.import_files(db, shop, [exports.text("i.csv", [HEADER_ZH, *listing_rows(10)])],
                             now=AFTER_REPORT - timedelta(hours=2))
    first = traffic_report(exports, "a.csv", range(0, 20))
    second = traffic_report(exports, "b.csv", range(10, 30), bump=1000)
    assert file_import.import_files(db, shop, [first], now=AFTER_REPORT).ok
    assert file_import.import_files(db, shop, [second], now=AFTER_REPORT).ok
    history = queries.metrics_history(db, shop.id, "2000-01-01")
    assert {lid: len(rows) for lid, rows in history.items()} == {
        f"6001234{i:05d}": 30 for i in range(10)}
    day15 = (REPORT_END - timedelta(days=14)).isoformat()
    row = next(r for r in history["600123400005"] if r.day == day15)
    assert row.visits >= 1000  # the later report's number replaced the earlier one


def test_a_traffic_import_keeps_missing_listings_missing(db, exports):
    shop = file_shop(db)
    file_import.import_files(db, shop, [exports.text("a.csv", [HEADER_ZH, *listing_rows(10)])],
                             now=T0)
    file_import.import_files(db, shop, [exports.text("b.csv", [HEADER_ZH, *listing_rows(8)])],
                             now=T0 + timedelta(hours=1))
    versions = queries.count_versions(db)
    outcome = file_import.import_files(db, shop, [traffic_report(exports, "r.csv", range(30))],
                                       now=T0 + timedelta(hours=2))
    assert outcome.ok
    assert queries.count_by_status(db, shop.id) == {"active": 8, "missing": 2}
    # only the listings whose search status changed got a new version
    demoted = [a for a in outcome.result.alerts if a.kind == "demoted"]
    assert queries.count_versions(db) == versions + len(demoted) == versions + 3
    assert not [a for a in outcome.result.alerts if a.kind == "deleted"]


# --- notices -----------------------------------------------------------------------------

NOTICE = ("您的商品「真丝围巾」（ID: 600123400001）因涉嫌虚假交易被删除，扣除一般违规积分12分。"
          "如有异议请于2026-11-26 18:00前申诉。")


def test_a_pasted_notice_raises_the_penalty_alerts_an_api_notice_would(db, exports):
    shop = file_shop(db)
    file_import.import_files(db, shop, [exports.text("a.csv", [HEADER_ZH, *listing_rows(5)])],
                             now=T0)
    record = parse_notice_text(NOTICE, now=T0).to_record()
    outcome = file_import.add_notices(db, shop, [record], now=T0 + timedelta(minutes=5))
    assert outcome.ok and outcome.notices == 1
    kinds = sorted(a.kind for a in outcome.result.alerts)
    assert kinds == ["new_penalty", "points_threshold"]
    notice = queries.list_notices(db, shop_id=shop.id)[0]
    assert (notice.kind, notice.points, notice.listing_id, notice.appeal_deadline) == (
        "false_trading", 12, "600123400001", "2026-11-26T18:00:00+08:00")
    again = file_import.add_notices(db, shop, [record], now=T0 + timedelta(minutes=6))
    assert again.ok and not [a for a in again.result.alerts if a.kind == "new_penalty"]
    assert len(queries.list_notices(db, shop_id=shop.id)) == 1
    assert queries.count_by_status(db, shop.id) == {"active": 5}


def test_a_notice_without_a_deadline_gets_the_rule_window(db, profile):
    shop = file_shop(db)
    rules_dir = profile / "rules"
    rules_dir.mkdir()
    (rules_dir / "taobao.toml").write_text("[appeal_window_days]\nmisdescription = 5\n",
                                           encoding="utf-8")
    record = parse_notice_text("违规类型：描述不符，处罚时间 2026-11-18 10:00，扣3分。", now=T0).to_record()
    assert file_import.add_notices(db, shop, [record], now=T0, profile=profile).ok
    notice = queries.list_notices(db, shop_id=shop.id)[0]
    assert notice.appeal_deadline == "2026-11-23T10:00:00+08:00"  # the user's 5 days


def test_violation_records_import_as_notices(db, exports):
    shop = file_shop(db)
    rows = [["处罚编号", "违规类型", "宝贝ID", "扣分", "处罚时间"],
            ["P1", "虚假交易", "600123400001", "12", "2026-11-19 10:00"],
            ["P2", "描述不符", "600123400002", "3", "2026-11-19 11:00"]]
    outcome = file_import.import_files(db, shop, [exports.text("v.csv", rows)], now=T0)
    assert outcome.ok and outcome.notices == 2
    assert {n.source_id for n in queries.list_notices(db, shop_id=shop.id)} == {"csv:P1", "csv:P2"}


# --- a watched folder --------------------------------------------------------------------

def _touch(path: Path, when: float) -> None:
    os.utime(path, (when, when))


def test_a_watched_folder_syncs_only_when_a_newer_export_appears(db, exports):
    shop = file_shop(db, watch=str(exports.folder))
    first = exports.text("export-1.csv", [HEADER_ZH, *listing_rows(10)])
    _touch(first, 1_000_000)
    outcome = file_import.sync_watched(db, shop, now=T0)
    assert outcome is not None and outcome.ok
    shop = outcome.shop
    assert file_import.sync_watched(db, shop, now=T0 + timedelta(hours=1)) is None
    second = exports.text("export-2.csv", [HEADER_ZH, *listing_rows(9)])
    _touch(second, 2_000_000)
    outcome = file_import.sync_watched(db, shop, now=T0 + timedelta(hours=2))
    assert outcome is not None and outcome.ok
    assert queries.count_by_status(db, shop.id) == {"active": 9, "missing": 1}


def test_a_failed_watched_export_is_not_retried_until_a_newer_one(db, exports):
    shop = file_shop(db, watch=str(exports.folder))
    bad = exports.text("export-1.csv", [HEADER_ZH, *listing_rows(3), listing_rows(1)[0]])
    _touch(bad, 1_000_000)
    failed = file_import.sync_watched(db, shop, now=T0)
    assert failed is not None and not failed.ok
    assert file_import.sync_watched(db, failed.shop, now=T0 + timedelta(hours=1)) is None
    good = exports.text("export-2.csv", [HEADER_ZH, *listing_rows(3)])
    _touch(good, 2_000_000)
    assert file_import.sync_watched(db, failed.shop, now=T0 + timedelta(hours=2)).ok


def test_the_scheduled_sync_path_reads_the_newest_export_of_a_watched_shop(db, exports):
    shop = file_shop(db, watch=str(exports.folder))
    old = exports.text("old.csv", [HEADER_ZH, *listing_rows(4)])
    new = exports.xlsx("new.xlsx", [HEADER_ZH, *listing_rows(6)])
    _touch(old, 1_000_000)
    _touch(new, 2_000_000)
    result = sync_stored_shop(db, shop, rules=load_rules("file"))
    assert result.status == "ok" and result.listings == 6


def test_a_file_shop_without_a_watch_folder_is_a_configuration_error(db):
    from shopwatch.connectors.factory import ConfigError

    with pytest.raises(ConfigError, match="shopwatch import FILE --shop myshop"), \
            open_connector(file_shop(db)):
        pass


def test_traffic_for_listings_the_shop_does_not_have_is_kept_and_reported(db, exports):
    shop = file_shop(db)
    outcome = file_import.import_files(db, shop, [traffic_report(exports, "r.csv", range(30))],
                                       now=AFTER_REPORT)
    assert outcome.ok and outcome.unknown_listings == 10
    assert queries.load_listings(db, shop.id) == {}  # a report invents no listings
    assert len(queries.metrics_history(db, shop.id, "2000-01-01")) == 10
