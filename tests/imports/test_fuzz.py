"""Garbage never crashes the importer or writes a partial import: hypothesis feeds the
readers random bytes, mangled exports and random text; only FileImportError may come out, and
a failed import leaves the shop exactly as it was."""

from __future__ import annotations

import itertools
from datetime import datetime, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shopwatch.imports.errors import FileImportError
from shopwatch.imports.notice_text import parse_notice_text
from shopwatch.imports.records import parse_file
from shopwatch.imports.values import find_datetimes, parse_count, parse_day, parse_price
from shopwatch.monitor import file_import
from shopwatch.store import queries

FUZZ = settings(max_examples=settings.default.max_examples * 3 // 2, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
GOOD = ("导出\r\n宝贝ID,宝贝标题,价格,库存,状态\r\n"
        + "".join(f"6001234{i:05d},围巾{i},128.00,{i},出售中\r\n" for i in range(12))
        ).encode("gbk")
HEADER_WORDS = ["宝贝ID", "宝贝标题", "价格", "库存", "状态", "日期", "访客数", "商品ID", "违规类型",
                "扣分", "title", "num_iid", "出售中", "仓库中", "600123400001", "共 3 条", '"', ","]
_counter = itertools.count()


def _write(folder: Path, data: bytes, suffix: str = ".csv") -> Path:
    path = folder / f"fuzz-{next(_counter)}{suffix}"
    path.write_bytes(data)
    return path


def _parse(path: Path) -> None:
    try:
        parse_file(path)
    except FileImportError as exc:
        assert path.name in str(exc)


@FUZZ
@given(data=st.binary(max_size=2048))
def test_random_bytes(tmp_path, data):
    _parse(_write(tmp_path, data))


@FUZZ
@given(cut=st.integers(min_value=0, max_value=len(GOOD)), flips=st.lists(
    st.tuples(st.integers(min_value=0, max_value=len(GOOD) - 1), st.integers(0, 255)),
    max_size=6))
def test_mangled_gbk_exports(tmp_path, cut, flips):
    data = bytearray(GOOD[:cut])
    for position, value in flips:
        if position < len(data):
            data[position] = value
    _parse(_write(tmp_path, bytes(data)))


@FUZZ
@given(rows=st.lists(st.lists(st.one_of(st.sampled_from(HEADER_WORDS), st.text(max_size=12)),
                              max_size=7), max_size=12),
       delimiter=st.sampled_from([",", "\t", ";"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
def test_random_tables_in_every_encoding(tmp_path, rows, delimiter, encoding):
    text = "\n".join(delimiter.join(row) for row in rows)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    _parse(_write(tmp_path, data, ".txt"))


@FUZZ
@given(data=st.binary(max_size=600))
def test_random_bytes_in_an_xlsx_or_xls_name(tmp_path, data):
    for magic, suffix in ((b"PK\x03\x04", ".xlsx"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".xls")):
        _parse(_write(tmp_path, magic + data, suffix))


@FUZZ
@given(text=st.text(max_size=400))
def test_notice_text_never_raises_and_keeps_the_text(text):
    now = datetime(2026, 11, 23, tzinfo=timezone.utc)
    parsed = parse_notice_text(text, now=now)
    record = parsed.to_record()
    assert record.text == text.strip() and record.kind


@FUZZ
@given(value=st.text(max_size=30))
def test_cell_parsers_raise_only_value_errors(value):
    for parse in (parse_count, parse_day, parse_price):
        try:
            parse(value)
        except ValueError:
            pass
    find_datetimes(value)


@settings(max_examples=settings.default.max_examples * 2 // 5, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=len(GOOD) - 1),
       flips=st.lists(st.tuples(st.integers(0, len(GOOD) - 1), st.integers(0, 255)), max_size=4))
def test_a_failed_import_never_writes_a_partial_one(db, tmp_path, cut, flips):
    shop = queries.get_shop(db, "fuzz") or queries.add_shop(db, "fuzz", "file",
                                                            now="2026-11-01T00:00:00+00:00")
    good = _write(tmp_path, GOOD)
    assert file_import.import_files(db, shop, [good]).ok
    before = {lid: (i.status, i.title, i.last_seen) for lid, i in
              queries.load_listings(db, shop.id).items()}
    data = bytearray(GOOD[:cut])
    for position, value in flips:
        if position < len(data):
            data[position] = value
    outcome = file_import.import_files(db, shop, [_write(tmp_path, bytes(data))],
                                       confirm_drop=True)
    after = {lid: (i.status, i.title, i.last_seen) for lid, i in
             queries.load_listings(db, shop.id).items()}
    if not outcome.ok:
        assert after == before
        assert outcome.result.error
