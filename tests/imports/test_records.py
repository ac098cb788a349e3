"""Turning a read export into records: column names in Chinese and English, the user's
mapping, statuses, traffic reports and violation records; and refusing inconsistent files
with the file, line and column."""

from __future__ import annotations

from datetime import date

import pytest

from shopwatch.imports.columns import ColumnMapping, detect_kind
from shopwatch.imports.errors import FileImportError
from shopwatch.imports.records import parse_file

from .conftest import HEADER_EN, HEADER_ZH, listing_rows


@pytest.mark.parametrize("header", [
    HEADER_ZH,
    HEADER_EN,
    ["商品ID", "商品标题", "价格(元)", "数量", "商品状态"],
    ["Item ID", "Item Title", "Price", "Quantity", "Status"],
    ["*宝贝ID", "宝贝名称", "一口价", "总库存", "出售状态"],
])
def test_chinese_and_english_column_names(exports, header):
    parsed = parse_file(exports.text("items.csv", [header, *listing_rows(3)]))
    assert parsed.kind == "listings"
    assert set(parsed.columns) == {"listing_id", "title", "price", "quantity", "status"}
    assert parsed.listings[2].quantity == 12


@pytest.mark.parametrize(("word", "status"), [
    ("出售中", "active"), ("在售", "active"), ("onsale", "active"),
    ("仓库中", "seller_off_shelf"), ("已下架", "seller_off_shelf"), ("instock", "seller_off_shelf"),
    ("售罄", "sold_out"), ("Sold Out", "sold_out"),
    ("违规下架", "violation_off_shelf"), ("违规", "violation_off_shelf"),
])
def test_status_words(exports, word, status):
    rows = [HEADER_ZH, ["600123400001", "围巾", "1", "1", word]]
    assert parse_file(exports.text("items.csv", rows)).listings[0].status == status


def test_without_a_status_column_the_file_name_or_active_decides(exports):
    rows = [["宝贝ID", "宝贝标题"], ["600123400001", "围巾"]]
    on_sale = parse_file(exports.text("出售中的宝贝.csv", rows))
    warehouse = parse_file(exports.text("仓库中的宝贝.csv", rows))
    assert (on_sale.listings[0].status, on_sale.status_from) == ("active", "default")
    assert (warehouse.listings[0].status, warehouse.status_from) == ("seller_off_shelf",
                                                                     "file name")


def test_duplicate_ids_are_refused_naming_both_lines(exports):
    rows = [["导出"], HEADER_ZH, *listing_rows(3), listing_rows(1)[0]]
    with pytest.raises(FileImportError) as err:
        parse_file(exports.text("items.csv", rows))
    assert err.value.line == 6 and err.value.column == "宝贝ID (A)"
    assert "lines 3 and 6" in str(err.value) and "items.csv" in str(err.value)


def test_a_missing_id_column_lists_the_columns_there_are(exports):
    rows = [["宝贝标题", "价格"], ["围巾", "1"]]
    with pytest.raises(FileImportError) as err:
        parse_file(exports.text("items.csv", rows), kind="listings")
    message = str(err.value)
    assert "no listing_id column" in message and "宝贝标题, 价格" in message
    assert err.value.line == 1 and "--mapping" in message


def test_a_row_cut_short_is_a_truncated_file(exports):
    path = exports.folder / "items.csv"
    path.write_text("宝贝ID,宝贝标题,价格,库存,状态\n600123400001,围巾,1,1,出售中\n600123400002,大衣",
                    encoding="gbk")
    with pytest.raises(FileImportError) as err:
        parse_file(path)
    assert err.value.line == 3 and err.value.column == "价格 (C)"
    assert "cut off" in str(err.value)


def test_a_footer_count_that_does_not_match_means_a_cut_off_export(exports):
    ok = parse_file(exports.text("a.csv", [HEADER_ZH, *listing_rows(3), ["共 3 条"]]))
    assert len(ok.listings) == 3
    with pytest.raises(FileImportError) as err:
        parse_file(exports.text("b.csv", [HEADER_ZH, *listing_rows(3), ["合计:", "5 条"]]))
    assert err.value.line == 5 and "says it holds 5 rows" in str(err.value)


@pytest.mark.parametrize(("cell", "reason"), [
    ("6.00123E+11", "scientific notation"),
    ("", "the id is empty"),
    ("600 123", "not a listing id"),
])
def test_bad_ids_name_the_cell(exports, cell, reason):
    rows = [HEADER_ZH, listing_rows(1)[0], [cell, "围巾", "1", "1", "出售中"]]
    with pytest.raises(FileImportError, match=reason) as err:
        parse_file(exports.text("items.csv", rows))
    assert (err.value.line, err.value.column) == (3, "宝贝ID (A)")


@pytest.mark.parametrize(("column", "cell", "reason"), [
    ("价格 (C)", "cheap", "not a price"),
    ("库存 (D)", "-3", "not a count"),
    ("状态 (E)", "待审核?", "not a status"),
])
def test_bad_values_name_the_cell(exports, column, cell, reason):
    row = ["600123400001", "围巾", "1", "1", "出售中"]
    row["CDE".index(column.split("(")[1][0]) + 2] = cell
    with pytest.raises(FileImportError, match=reason) as err:
        parse_file(exports.text("items.csv", [HEADER_ZH, row]))
    assert err.value.column == column


def test_an_empty_title_is_refused(exports):
    with pytest.raises(FileImportError, match="title is empty"):
        parse_file(exports.text("items.csv", [HEADER_ZH, ["600123400001", " ", "1", "1", ""]]))


def test_a_user_mapping_names_unusual_columns_and_status_words(exports, tmp_path):
    mapping_file = tmp_path / "mapping.toml"
    mapping_file.write_text('[listings]\nlisting_id = "商品编码"\ntitle = "名称"\n'
                            'status = "上下架"\n[listings.status_values]\n"在架" = "active"\n'
                            '"下柜" = "seller_off_shelf"\n', encoding="utf-8")
    mapping = ColumnMapping.load(mapping_file)
    rows = [["商品编码", "名称", "上下架"], ["A-100", "围巾", "在架"], ["A-101", "大衣", "下柜"]]
    parsed = parse_file(exports.text("items.csv", rows), mapping=mapping)
    assert [(r.listing_id, r.status) for r in parsed.listings] == [
        ("A-100", "active"), ("A-101", "seller_off_shelf")]


def test_a_mapping_naming_a_column_that_is_not_there(exports):
    mapping = ColumnMapping.from_json({"listing_id": "商品编码"})
    rows = [["编码", "宝贝标题", "价格"], ["A-1", "围巾", "1"]]
    with pytest.raises(FileImportError, match="names the column '商品编码'"):
        parse_file(exports.text("items.csv", rows), kind="listings", mapping=mapping)


def test_a_saved_mapping_does_not_break_a_standard_export(exports):
    # the shop's saved mapping names a column this (standard) export lacks: aliases still work
    mapping = ColumnMapping.from_json({"listing_id": "商品编码"})
    parsed = parse_file(exports.text("items.csv", [HEADER_ZH, *listing_rows(1)]),
                        mapping=mapping)
    assert parsed.listings[0].listing_id == "600123400000"


@pytest.mark.parametrize("data", [
    {"listings": {"colour": "颜色"}},
    {"listing_id": 5},
    {"status_values": {"在架": "on"}},
])
def test_bad_mappings_are_refused(data):
    with pytest.raises(ValueError):
        ColumnMapping.from_json(data)


def test_a_traffic_report_with_chinese_headers(exports):
    rows = [["生意参谋 商品效果 2026-11-01 至 2026-11-02"],
            ["统计日期", "商品ID", "商品名称", "访客数", "浏览量", "曝光量"],
            ["2026-11-01", "600123400001", "围巾", "1,234", "2000", "1.5万"],
            ["2026/11/02", "600123400001", "围巾", "-", "", ""],
            ["20261102", "600123400002", "大衣", "5", "9", "80"]]
    parsed = parse_file(exports.text("report.csv", rows, encoding="gbk"))
    assert parsed.kind == "metrics"
    first, second = parsed.metrics  # the day with no numbers is not a day of zero traffic
    assert (first.day, first.visits, first.page_views, first.impressions) == (
        "2026-11-01", 1234, 2000, 15000)
    assert (second.listing_id, second.day) == ("600123400002", "2026-11-02")


def test_a_traffic_report_from_xlsx_with_date_cells(exports):
    from datetime import datetime

    rows = [["Date", "Item ID", "Visitors", "Page views"],
            [datetime(2026, 11, 1), 600123400001, 30, 45]]
    metric = parse_file(exports.xlsx("report.xlsx", rows)).metrics[0]
    assert (metric.day, metric.listing_id, metric.visits) == ("2026-11-01", "600123400001", 30)


def test_two_rows_for_the_same_listing_and_day_are_refused(exports):
    rows = [["日期", "商品ID", "访客数"], ["2026-11-01", "1001", "3"], ["2026-11-01", "1001", "4"]]
    with pytest.raises(FileImportError, match="two rows for 2026-11-01") as err:
        parse_file(exports.text("report.csv", rows))
    assert err.value.line == 3


def test_violation_records_in_chinese(exports):
    rows = [["处罚编号", "违规类型", "宝贝ID", "宝贝标题", "扣分", "违规类别", "处罚时间", "申诉截止时间",
             "状态"],
            ["P1", "虚假交易", "600123400001", "真丝围巾", "-12", "一般违规", "2026-11-20 10:00",
             "2026-11-23", "生效中"],
            ["P2", "出售假冒商品", "600123400002", "运动鞋", "24", "严重违规", "2026-11-21 09:00", "",
             "申诉中"],
            ["P3", "其他原因", "", "", "0", "", "2026-11-22", "", "申诉成功"]]
    parsed = parse_file(exports.text("violations.csv", rows), today=date(2026, 11, 23))
    assert parsed.kind == "notices"
    first, second, third = parsed.notices
    assert (first.source_id, first.kind, first.points, first.category, first.listing_id) == (
        "csv:P1", "false_trading", 12, "general", "600123400001")
    assert first.issued_at == "2026-11-20T10:00:00+08:00"
    assert first.appeal_deadline == "2026-11-23T23:59:59+08:00"  # a deadline day counts whole
    assert (second.kind, second.category, second.severity, second.status) == (
        "counterfeit", "serious", "critical", "appealed")
    assert (third.kind, third.status, third.listing_id) == ("other", "revoked", None)
    assert "其他原因" in third.text  # an unknown kind keeps its raw row


def test_violation_records_in_the_wechat_like_english_schema(exports):
    rows = [["order_id", "wording", "minus_score", "status", "time"],
            ["9001", "Selling counterfeit goods", "-6", "appeal_rejected", "2026-11-10 08:00"]]
    notice = parse_file(exports.text("penalties.csv", rows), kind="notices").notices[0]
    assert (notice.kind, notice.points, notice.status) == ("counterfeit", 6, "upheld")


def test_kind_detection():
    assert detect_kind(HEADER_ZH) == "listings"
    assert detect_kind(["日期", "商品ID", "访客数"]) == "metrics"
    assert detect_kind(["违规类型", "扣分", "处罚时间"]) == "notices"
    assert detect_kind(["宝贝ID", "价格"]) is None
