"""The listing files sellers already have, built byte for byte from their public column lists:
the 淘宝助理 / 千牛 data package, 生意参谋 item reports, seller-centre workbooks with merged title
cells and two header rows. The header is found by scoring, whatever sits above it."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from shopwatch.imports.errors import FileImportError
from shopwatch.imports.records import UNPUBLISHED, parse_file
from shopwatch.imports.tables import DATA_PACKAGE, read_table
from shopwatch.monitor import file_import
from shopwatch.store import queries

from .listing_formats import (
    OLD_PACKAGE_NAMES,
    PACKAGE_KEYS,
    SYCM_ITEM_COLUMNS,
    package_row,
    write_package,
)
from .test_import_sync import T0, file_shop, state

DESCRIPTION = ('<p style="color:#333">\t真丝围巾，桑蚕丝 100%</p>\r\n<p><img src="https://img.alicdn'
               '.com/imgextra/i1/a.jpg" align="absmiddle"></p>\r\n<table><tr><td>尺寸</td>\t<td>'
               '"180×90"</td></tr></table>')


def _package_rows(n: int = 3, start: int = 0) -> list[list[str]]:
    return [package_row(f"6001234{i:05d}", f"真丝围巾 {i}号", price=f"{128 + i}.00", num=str(5 + i),
                        outer_id=f"SC-{i:03d}", description=DESCRIPTION)
            for i in range(start, start + n)]


def test_a_taobao_assistant_data_package_is_read(exports):
    """Regression: this file failed with "cannot tell … from its header" (and, with --kind
    listings, "no listing_id column"): the header was taken to be one row, the id is num_id."""
    rows = _package_rows(3)
    rows.insert(1, package_row("0", "新品草稿 未发布", description="<p>draft</p>"))
    path = write_package(exports.folder / "宝贝数据包.csv", rows)
    assert path.read_bytes()[:2] == b"\xff\xfe"
    parsed = parse_file(path)
    table = parsed.table
    assert (table.fmt, table.encoding, table.delimiter) == ("tsv", "utf-16", "\t")
    assert (table.header_line, table.header_rows, table.profile) == (2, 2, DATA_PACKAGE)
    assert table.above_header == ["version 1.00"]
    assert table.headers[PACKAGE_KEYS.index("num_id")] == "num_id / 数字ID"
    # the descriptions' quoted line breaks: each listing starts three lines after the last
    assert [r.line for r in table.rows] == [4, 7, 8, 11]
    assert parsed.kind == "listings"
    assert [r.listing_id for r in parsed.listings] == ["600123400000", "600123400001",
                                                       "600123400002"]
    first = parsed.listings[0]
    assert (first.title, first.price, first.quantity, first.outer_id, first.category) == (
        "真丝围巾 0号", "128.00", 5, "SC-000", "50010404")
    assert first.modified == "2026/11/20 10:31:05"
    # syncStatus (宝贝状态) and 放入仓库 are not the listing's status: nothing is guessed
    assert parsed.status_from == "default" and "status" not in parsed.columns
    described = parsed.describe()
    assert (described["skipped_rows"], described["skipped_reason"]) == (1, UNPUBLISHED)
    assert described["layout"] == DATA_PACKAGE and described["header_rows"] == 2


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-8", "gb18030"])
def test_the_data_package_in_every_encoding_with_a_byte_order_mark_or_none(exports, encoding):
    path = write_package(exports.folder / f"package-{encoding}.csv", _package_rows(4),
                         encoding=encoding)
    parsed = parse_file(path)
    assert [r.title for r in parsed.listings] == [f"真丝围巾 {i}号" for i in range(4)]
    assert parsed.table.header_rows == 2


def test_a_data_package_with_the_chinese_row_only_and_the_older_columns(exports):
    """An older package names a local 宝贝编号 beside the platform's 数字ID; the 数字ID is the
    listing id."""
    keys = ["title", "cid", "price", "num", "description", "auction_id", "num_id"]
    by_name = dict(zip(("宝贝名称", "宝贝类目", "宝贝价格", "宝贝数量", "宝贝描述", "宝贝编号", "数字ID"),
                       keys, strict=True))
    values = {"title": "羊毛大衣", "cid": "50000697", "price": "899.00", "num": "2",
              "description": "<p>羊毛\t大衣</p>\n<p>冬季</p>", "auction_id": "17", "num_id": "600123499999"}
    row = [values.get(by_name.get(name, ""), "") for name in OLD_PACKAGE_NAMES]
    path = write_package(exports.folder / "old.csv", [row], header=[OLD_PACKAGE_NAMES],
                         version=False)
    parsed = parse_file(path)
    assert parsed.table.header_rows == 1
    (listing,) = parsed.listings
    assert (listing.listing_id, listing.title, listing.price) == ("600123499999", "羊毛大衣", "899.00")


def test_a_data_package_of_unpublished_listings_only_is_refused_by_name(exports):
    rows = [package_row("0", "草稿一"), package_row("", "草稿二")]
    path = write_package(exports.folder / "drafts.csv", rows)
    with pytest.raises(FileImportError) as err:
        parse_file(path)
    message = str(err.value)
    assert message.startswith("drafts.csv, line 2: ") and "never published" in message


def test_a_data_package_cut_off_inside_a_description_names_the_file_and_line(exports):
    good = write_package(exports.folder / "good.csv", _package_rows(6))
    data = good.read_bytes()
    cut_at = data.rindex("桑蚕丝".encode("utf-16-le"))
    cut = exports.folder / "cut.csv"
    cut.write_bytes(data[:cut_at])
    with pytest.raises(FileImportError) as err:
        parse_file(cut)
    assert str(err.value).startswith("cut.csv, line 19: ") and "cut off" in str(err.value)


def test_a_failed_data_package_import_stores_nothing(db, exports):
    shop = file_shop(db)
    first = write_package(exports.folder / "one.csv", _package_rows(6))
    assert file_import.import_files(db, shop, [first], now=T0).ok
    before = state(db, shop)
    rows = _package_rows(6)
    rows[3] = rows[3][: PACKAGE_KEYS.index("num_id")]  # a row cut short before its id
    bad = write_package(exports.folder / "two.csv", rows)
    outcome = file_import.import_files(db, shop, [bad], now=T0)
    assert not outcome.ok
    run = queries.get_run(db, outcome.result.run_id)
    assert run.status == "failed" and "two.csv, line" in run.error
    assert state(db, shop) == before


def test_a_data_package_imports_as_one_sync_into_a_file_shop(db, exports):
    shop = file_shop(db)
    path = write_package(exports.folder / "宝贝数据包.csv", _package_rows(5))
    outcome = file_import.import_files(db, shop, [path], now=T0)
    assert outcome.ok and outcome.listings == 5
    stored = queries.load_listings(db, shop.id)
    assert stored["600123400004"].title == "真丝围巾 4号"
    assert stored["600123400004"].outer_id == "SC-004"


def _sycm_rows() -> list[list[object]]:
    def item(n: int, visitors: object, views: object) -> list[object]:
        values = {"统计日期": date(2026, 11, 1), "商品ID": 600123400000 + n,
                  "商品名称": f"真丝围巾 {n}号", "主商品ID": 600123400000 + n, "货号": f"SC-{n:03d}",
                  "商品状态": "当前在线", "商品访客数": visitors, "商品浏览量": views,
                  "平均停留时长": 12.5, "商品详情页跳出率": "62.10%", "支付金额": "-"}
        return [values.get(c, "-") for c in SYCM_ITEM_COLUMNS]
    return [item(1, 120, 300), item(2, 7, "1.2万"), [date(2026, 11, 1), "-", "汇总"] +
            ["-"] * (len(SYCM_ITEM_COLUMNS) - 3), item(3, "-", "-")]


def test_a_sycm_item_report_xls_with_four_rows_above_its_header(exports):
    rows = [["【生意参谋平台】商品_全部"], ["统计时间：2026-11-01 ~ 2026-11-01"],
            ["终端：所有终端", None, "类目：全部"], [], list(SYCM_ITEM_COLUMNS), *_sycm_rows()]
    parsed = parse_file(exports.xls("【生意参谋平台】商品_全部_2026-11-01_2026-11-01.xls", rows))
    assert (parsed.kind, parsed.table.header_line) == ("metrics", 5)
    assert [(m.listing_id, m.day, m.visits, m.page_views) for m in parsed.metrics] == [
        ("600123400001", "2026-11-01", 120, 300), ("600123400002", "2026-11-01", 7, 12000)]
    assert parsed.skipped == 1  # the '-' row; the row of '-' numbers has no traffic to store


def test_a_sycm_report_saved_as_gbk_csv(exports):
    rows = [["【生意参谋平台】商品_全部"], ["统计时间：2026-11-01 ~ 2026-11-01"], [], [],
            list(SYCM_ITEM_COLUMNS), *[[str(c) for c in r] for r in _sycm_rows()]]
    parsed = parse_file(exports.text("sycm.csv", rows, encoding="gbk"))
    assert parsed.table.encoding_label == "GBK/GB18030"
    assert [m.visits for m in parsed.metrics] == [120, 7]


def test_an_xlsx_with_a_merged_title_and_a_two_row_grouped_header(exports):
    """A 千牛 style workbook: a merged title over the table, a group row whose cells are merged
    over their sub-columns, and the id and title merged down across both header rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["出售中的宝贝 导出时间 2026-11-23 10:00"])
    sheet.merge_cells("A1:G1")
    sheet.append(["宝贝ID", "宝贝标题", "价格信息", None, "库存信息", None, "备注"])
    sheet.append([None, None, "一口价", "促销价", "总库存", "可售库存", None])
    for cells in ("A2:A3", "B2:B3", "C2:D2", "E2:F2", "G2:G3"):
        sheet.merge_cells(cells)
    sheet.append([600123400001, "真丝围巾", 128.5, 99, 30, 12, ""])
    sheet.append([600123400002, "羊毛大衣", 899, 799, 0, 0, "补货中"])
    path = exports.folder / "出售中的宝贝.xlsx"
    book.save(path)
    parsed = parse_file(path)
    table = parsed.table
    assert (table.header_line, table.header_rows) == (2, 2)
    assert table.headers[:4] == ["宝贝ID", "宝贝标题", "价格信息 / 一口价", "促销价"]
    assert table.above_header == ["出售中的宝贝 导出时间 2026-11-23 10:00"]
    first, second = parsed.listings
    assert (first.listing_id, first.title, first.price, first.quantity) == (
        "600123400001", "真丝围巾", "128.50", 30)
    assert second.quantity == 0


def test_the_header_is_the_best_scoring_row_not_the_first_that_names_columns(exports):
    """A key-value summary above the table names known columns too (状态, 价格) but holds
    numbers and is followed by no data: the real header below wins."""
    rows = [["状态", "出售中", "价格", "128.00"], ["库存", "1200", "数量", "3"], [],
            ["宝贝ID", "宝贝标题", "价格", "库存", "状态"],
            ["600123400001", "真丝围巾", "128.00", "3", "出售中"],
            ["600123400002", "羊毛大衣", "899.00", "0", "仓库中"]]
    table = read_table(exports.text("items.csv", rows))
    assert table.header_line == 4 and len(table.rows) == 2


def test_a_chinese_row_over_english_keys_is_one_header(exports):
    rows = [["宝贝ID", "宝贝标题", "价格"], ["num_iid", "title", "price"],
            ["600123400001", "真丝围巾", "128.00"]]
    table = read_table(exports.text("items.csv", rows, bom=True))
    assert (table.header_line, table.header_rows, len(table.rows)) == (1, 2, 1)
    assert table.headers == ["宝贝ID / num_iid", "宝贝标题 / title", "价格 / price"]


def test_a_mapping_saved_from_a_two_row_label_matches_again(exports):
    from shopwatch.imports.columns import ColumnMapping

    rows = [["货号", "宝贝标题", "价格"], ["sku_code", "title", "price"],
            ["600123400001", "真丝围巾", "128.00"]]
    path = exports.text("items.csv", rows)
    assert read_table(path).headers[0] == "货号 / sku_code"
    mapping = ColumnMapping({"listings": {"listing_id": "货号 / sku_code"}})
    parsed = parse_file(path, kind="listings", mapping=mapping)
    assert parsed.listings[0].listing_id == "600123400001"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_watched_folder_knows_a_data_package_from_its_first_64_kib(exports, encoding):
    """Sorting a folder reads only each file's beginning, which here ends inside a long quoted
    description; the package is still known as a listings export."""
    from shopwatch.connectors.files import newest_by_kind

    long = "<p>" + "桑蚕丝真丝围巾\t" * 5000 + "</p>\r\n<table><tr><td>尺寸</td></tr></table>"
    rows = [package_row(f"6001234{i:05d}", f"围巾{i}", description=long) for i in range(4)]
    path = write_package(exports.folder / "宝贝数据包.csv", rows, encoding=encoding)
    assert len(long.encode(encoding)) > 65536  # the first listing alone is longer
    assert newest_by_kind(exports.folder) == {"listings": path}
