"""The file connector: what it declares, what it serves, and what it refuses."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from shopwatch.connectors.base import CAP_LISTINGS, CAP_LOOKUP, CAP_METRICS, CAP_NOTICES, Connector
from shopwatch.connectors.files import (
    FileConnector,
    FileImportError,
    ImportFile,
    SuspiciousDrop,
    WatchError,
    find_exports,
    newest_by_kind,
)
from shopwatch.models import ListingRecord, NoticeRecord, Shop

HEADER = "宝贝ID,宝贝标题,价格,库存,状态\n"


def listings_csv(path: Path, n: int, *, start: int = 0, encoding: str = "gbk") -> Path:
    rows = "".join(f"6001234{i:05d},围巾{i},128.00,5,出售中\n" for i in range(start, start + n))
    path.write_bytes(("导出时间 2026-11-23\n" + HEADER + rows).encode(encoding))
    return path


def report_csv(path: Path) -> Path:
    path.write_text("统计日期,商品ID,访客数\n2026-11-01,600123400001,5\n", encoding="utf-8")
    return path


def test_it_is_a_connector_without_lookup(tmp_path):
    connector = FileConnector([ImportFile(listings_csv(tmp_path / "a.csv", 3))])
    assert isinstance(connector, Connector)
    assert connector.capabilities == {CAP_LISTINGS}
    assert CAP_LOOKUP not in connector.capabilities


def test_capabilities_follow_what_the_files_hold(tmp_path):
    report = report_csv(tmp_path / "r.csv")
    connector = FileConnector([ImportFile(report)], carry_over=[])
    assert connector.capabilities == {CAP_LISTINGS, CAP_METRICS}
    notice = NoticeRecord("text:1", "other")
    assert CAP_NOTICES in FileConnector(carry_over=[], notices=[notice]).capabilities


def test_reading_happens_inside_the_run(tmp_path):
    missing = tmp_path / "gone.csv"
    connector = FileConnector([ImportFile(missing, "listings")])  # constructing never reads
    with pytest.raises(FileImportError, match="gone.csv: the file cannot be opened"):
        connector.fetch_listings()


def test_an_import_without_listings_re_serves_the_current_ones(tmp_path):
    current = [ListingRecord("600123400001", "围巾", "seller_off_shelf")]
    connector = FileConnector([ImportFile(report_csv(tmp_path / "r.csv"))], carry_over=current)
    assert connector.fetch_listings() == (current, 1)
    assert [m.visits for m in connector.fetch_metrics(None)] == [5]


def test_on_sale_and_warehouse_files_are_merged_and_a_listing_in_both_is_refused(tmp_path):
    a = listings_csv(tmp_path / "a.csv", 3)
    b = listings_csv(tmp_path / "b.csv", 2, start=3)
    records, pages = FileConnector([ImportFile(a), ImportFile(b)]).fetch_listings()
    assert (len(records), pages) == (5, 2)
    c = listings_csv(tmp_path / "c.csv", 2, start=2)
    with pytest.raises(FileImportError, match="600123400002 is in a.csv and in c.csv"):
        FileConnector([ImportFile(a), ImportFile(c)]).fetch_listings()


@pytest.mark.parametrize(("previous", "rows", "refused"), [
    (100, 50, True), (100, 51, False), (8, 2, True), (6, 2, False), (4, 0, False),
    (None, 1, False),
])
def test_the_drop_guard(tmp_path, previous, rows, refused):
    path = listings_csv(tmp_path / "a.csv", rows)
    connector = FileConnector([ImportFile(path, "listings")], previous_count=previous)
    if refused:
        with pytest.raises(SuspiciousDrop) as err:
            connector.fetch_listings()
        assert (err.value.rows, err.value.previous, err.value.kind) == (rows, previous,
                                                                       "suspicious_drop")
        confirmed = FileConnector([ImportFile(path, "listings")], previous_count=previous,
                                  confirm_drop=True)
        assert len(confirmed.fetch_listings()[0]) == rows
    else:
        assert len(connector.fetch_listings()[0]) == rows


def test_a_cancelled_import_reads_nothing(tmp_path):
    from shopwatch.connectors.base import Cancelled

    connector = FileConnector([ImportFile(listings_csv(tmp_path / "a.csv", 3))])
    with pytest.raises(Cancelled):
        connector.fetch_listings(cancel=lambda: True)


def _stamp(path: Path, when: float) -> Path:
    os.utime(path, (when, when))
    return path


def test_the_newest_export_of_each_kind_in_a_watch_folder(tmp_path):
    _stamp(listings_csv(tmp_path / "old.csv", 2), 1000)
    newest = _stamp(listings_csv(tmp_path / "new.csv", 2), 3000)
    report = _stamp(report_csv(tmp_path / "traffic.csv"), 2000)
    (tmp_path / "notes.txt").write_text("not an export", encoding="utf-8")
    _stamp(tmp_path / "notes.txt", 4000)
    (tmp_path / "~$new.xlsx").write_bytes(b"lock")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    assert newest_by_kind(tmp_path) == {"listings": newest, "metrics": report}
    assert find_exports(tmp_path, newer_than=2500) == [tmp_path / "notes.txt", newest]


def test_a_watch_path_may_be_one_file_that_is_overwritten(tmp_path):
    only = listings_csv(tmp_path / "shop.csv", 2)
    assert find_exports(only) == [only]
    with pytest.raises(WatchError, match="does not exist"):
        find_exports(tmp_path / "nowhere")


def test_a_watched_shop_connector(tmp_path):
    listings_csv(tmp_path / "a.csv", 4)
    shop = Shop(1, "s", "file", settings={"file": {"watch": str(tmp_path), "listing_rows": 4}})
    records, _ = FileConnector.from_shop(shop).fetch_listings()
    assert len(records) == 4
    with pytest.raises(WatchError, match="no watch folder"):
        FileConnector.from_shop(Shop(2, "t", "file"))
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(WatchError, match="No listings export"):
        FileConnector.from_shop(Shop(3, "u", "file", settings={"file": {"watch": str(empty)}}))
