"""Reading export files in every encoding and layout sellers meet, and failing cleanly on the
rest: each failure names the file and, where there is one, the line and column."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from shopwatch.imports.errors import FileImportError
from shopwatch.imports.records import parse_file
from shopwatch.imports.tables import read_table

from .conftest import HEADER_EN, HEADER_ZH, listing_rows


def test_gbk_csv_with_a_title_line_above_the_header_and_blank_trailing_rows(exports):
    path = exports.text("出售中的宝贝.csv",
                        [["宝贝列表导出 2026-11-23 10:00"], [], HEADER_ZH, *listing_rows(5), [],
                         ["", "", "", "", ""]], encoding="gbk")
    table = read_table(path)
    assert table.encoding_label == "GBK/GB18030"
    assert table.header_line == 3
    assert table.headers == HEADER_ZH
    assert [r.line for r in table.rows] == [4, 5, 6, 7, 8]
    assert table.above_header == ["宝贝列表导出 2026-11-23 10:00"]
    parsed = parse_file(path)
    assert parsed.kind == "listings"
    assert parsed.listings[0].title == "真丝围巾 0号"


def test_utf8_with_bom(exports):
    path = exports.text("items.csv", [HEADER_EN, *listing_rows(3)], bom=True)
    table = read_table(path)
    assert table.encoding == "utf-8-sig"
    assert table.headers[0] == "num_iid"  # the BOM is not part of the first header


def test_utf16_tab_separated_as_excel_saves_unicode_text(exports):
    rows = [["商品信息导出"], HEADER_ZH, *listing_rows(4)]
    path = exports.text("items.txt", rows, encoding="utf-16", delimiter="\t")
    table = read_table(path)
    assert (table.encoding, table.fmt, table.delimiter) == ("utf-16", "tsv", "\t")
    assert len(table.rows) == 4
    assert parse_file(path).listings[3].listing_id == "600123400003"


def test_utf16_without_a_bom_is_recognised_by_its_zero_bytes(exports):
    path = exports.text("items.tsv", [HEADER_ZH, *listing_rows(2)], encoding="utf-16-le",
                        delimiter="\t")
    assert read_table(path).encoding == "utf-16-le"


def test_gb18030_characters_beyond_gbk(exports):
    rows = [HEADER_ZH, ["600123400001", "𠀀字围巾 (GB18030 four-byte)", "1", "1", "出售中"]]
    path = exports.text("items.csv", rows, encoding="gb18030")
    assert parse_file(path).listings[0].title.startswith("𠀀字")


def test_semicolon_csv_and_lf_newlines(exports):
    path = exports.text("items.csv", [HEADER_EN, *listing_rows(2)], delimiter=";", newline="\n")
    assert read_table(path).delimiter == ";"


def test_xlsx_with_an_info_sheet_before_the_data_and_a_title_row(exports):
    rows = [["宝贝导出", None, None], HEADER_ZH,
            [600123400001, "真丝围巾", 128.5, 3, "出售中"],
            [600123400002, "羊毛大衣", 899, 0, "售罄"]]
    path = exports.xlsx("items.xlsx", rows, sheets={"说明": [["导出说明"], ["本文件由卖家中心生成"]]})
    table = read_table(path)
    assert (table.fmt, table.sheet, table.header_line) == ("xlsx", "宝贝列表", 2)
    listings = parse_file(path).listings
    assert listings[0].listing_id == "600123400001"  # a numeric cell, not "600123400001.0"
    assert listings[0].price == "128.50"
    assert listings[1].status == "sold_out"


def test_html_table_saved_with_an_xls_name(exports):
    html = ("<html><body><table><tr><th>宝贝ID</th><th>宝贝标题</th><th>价格</th></tr>"
            "<tr><td>600123400001</td><td>真丝&amp;围巾</td><td>128.00</td></tr></table>"
            "</body></html>")
    path = exports.folder / "items.xls"
    path.write_text(html, encoding="gbk")
    parsed = parse_file(path)
    assert parsed.table.fmt == "html"
    assert parsed.listings[0].title == "真丝&围巾"


def test_excel_text_tricks_in_csv_cells(exports):
    rows = [HEADER_ZH, ['="600123400001"', "真丝围巾", "¥1,128.00", "1.2万", "在售"],
            ["'600123400002", "羊毛大衣", "99-128", "", "仓库中"]]
    listings = parse_file(exports.text("items.csv", rows)).listings
    assert [r.listing_id for r in listings] == ["600123400001", "600123400002"]
    assert listings[0].price == "1128.00" and listings[0].quantity == 12000
    assert listings[1].price == "99.00-128.00" and listings[1].quantity is None
    assert listings[1].status == "seller_off_shelf"


def test_a_file_without_a_recognisable_header_names_the_file(exports):
    path = exports.text("random.csv", [["a", "b", "c"], ["1", "2", "3"]])
    with pytest.raises(FileImportError) as err:
        read_table(path)
    assert "random.csv" in str(err.value) and "header" in str(err.value)


@pytest.mark.parametrize("content", [b"", b"   \r\n", b"\x00\x01\x02\x03" * 50])
def test_empty_or_binary_files_fail_cleanly(exports, content):
    path = exports.folder / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(FileImportError, match="bad.csv"):
        read_table(path)


def test_bytes_that_are_neither_utf8_nor_gbk_point_at_their_line(exports):
    path = exports.folder / "bad.csv"
    path.write_bytes("宝贝ID,宝贝标题\n1,a\n".encode() + b"2,\xff\xff\xff\n")
    with pytest.raises(FileImportError) as err:
        read_table(path)
    assert err.value.line == 3


def test_a_damaged_xlsx_fails_with_a_plain_message(exports):
    good = exports.xlsx("good.xlsx", [HEADER_ZH, *listing_rows(50)])
    cut = exports.folder / "cut.xlsx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(FileImportError, match="cut.xlsx.*(damaged|cut off)"):
        read_table(cut)


def test_an_xlsx_that_is_a_zip_of_something_else(exports):
    path = exports.folder / "fake.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(FileImportError, match="fake.xlsx"):
        read_table(path)


def test_a_damaged_legacy_xls_fails_cleanly(exports):
    path = exports.folder / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(FileImportError, match=r"old.xls: the legacy Excel \(.xls\) file"):
        read_table(path)


def test_a_folder_is_not_a_file(tmp_path: Path):
    with pytest.raises(FileImportError, match="folder"):
        read_table(tmp_path)


def test_an_unclosed_quote_is_reported_at_its_line(exports):
    path = exports.folder / "items.csv"
    path.write_text("宝贝ID,宝贝标题,价格\n600123400001,真丝围巾,1\n600123400002,\"羊毛大衣,2\n",
                    encoding="utf-8")
    with pytest.raises(FileImportError) as err:
        read_table(path)
    assert err.value.line == 3


def test_legacy_xls_listings(exports):
    rows = [["宝贝导出 2026-11-23"], HEADER_ZH,
            [600123400001, "真丝围巾", 128.5, 3, "出售中"],
            ["600123400002", "Wool coat", 99, 0, "违规下架"]]
    parsed = parse_file(exports.xls("items.xls", rows, sheet="Items"))
    assert (parsed.table.fmt, parsed.table.sheet, parsed.table.header_line) == ("xls", "Items", 2)
    first, second = parsed.listings
    assert (first.listing_id, first.price, first.quantity) == ("600123400001", "128.50", 3)
    assert second.status == "violation_off_shelf"


def test_legacy_xls_traffic_report_with_date_cells(exports):
    from datetime import date

    rows = [["统计日期", "商品ID", "访客数", "浏览量"],
            [date(2026, 11, 1), 600123400001, 30, 41],
            [date(2026, 11, 2), 600123400001, 28, 35]]
    metrics = parse_file(exports.xls("report.xls", rows)).metrics
    assert [(m.day, m.visits) for m in metrics] == [("2026-11-01", 30), ("2026-11-02", 28)]


def test_a_cut_off_legacy_xls_fails_cleanly(exports):
    good = exports.xls("good.xls", [HEADER_ZH, *listing_rows(100)])
    data = good.read_bytes()
    for size in (600, 1100, len(data) // 2, len(data) - 700):
        cut = exports.folder / f"cut{size}.xls"
        cut.write_bytes(data[:size])
        with pytest.raises(FileImportError, match=f"cut{size}.xls"):
            parse_file(cut)
