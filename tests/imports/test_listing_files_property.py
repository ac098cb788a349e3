"""Whatever the layout and encoding of a listing file, what is read back is exactly what was
written: Hypothesis builds exports (data packages, seller-centre exports with title lines,
two-row headers) with awkward titles (tabs, line breaks, quotes, HTML, commas) in real bytes."""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shopwatch.imports.records import parse_file

from .listing_formats import package_row, tsv_cell, write_package

# Runs derandomized, as CI requires: the same examples on every run.
CI = settings(derandomize=True, max_examples=60, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
# Characters every encoding under test can write (GBK included), the awkward ones on purpose.
_ALPHABET = "真丝围巾羊毛大衣夏季新款【包邮】，。、abcXYZ019 \t\n\"<>/=,;|'&"
_counter = itertools.count()

titles = st.text(_ALPHABET, min_size=1, max_size=40).filter(
    lambda t: t.strip() == t and t and not t.startswith(("=", "'")))
listings = st.lists(st.tuples(st.integers(10**11, 10**12 - 1), titles,
                              st.integers(0, 99_999)),
                    min_size=1, max_size=12, unique_by=lambda x: x[0])
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "utf-16-le-bom", "utf-16-be-bom")


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-le-bom":
        return b"\xff\xfe" + text.encode("utf-16-le")
    if encoding == "utf-16-be-bom":
        return b"\xfe\xff" + text.encode("utf-16-be")
    return text.encode(encoding)


def _cell(value: str, delimiter: str) -> str:
    if any(ch in value for ch in (delimiter, '"', "\n", "\r")):
        return '"' + value.replace('"', '""') + '"'
    return value


def _export(folder: Path, items, encoding: str, delimiter: str, above: int, two_rows: bool
            ) -> Path:
    lines = [f"宝贝列表导出 第{n + 1}页" for n in range(above)]
    lines.append(delimiter.join(["宝贝ID", "宝贝标题", "价格", "库存"]))
    if two_rows:
        lines.append(delimiter.join(["num_iid", "title", "price", "num"]))
    for lid, title, cents in items:
        cells = [str(lid), title, f"{cents / 100:.2f}", str(cents % 50)]
        lines.append(delimiter.join(_cell(c, delimiter) for c in cells))
    path = folder / f"export-{next(_counter)}.csv"
    path.write_bytes(_encode("\r\n".join(lines) + "\r\n", encoding))
    return path


@CI
@given(items=listings, encoding=st.sampled_from(ENCODINGS),
       delimiter=st.sampled_from([",", "\t", ";"]), above=st.integers(0, 3),
       two_rows=st.booleans())
def test_a_seller_centre_export_reads_back_exactly(tmp_path, items, encoding, delimiter, above,
                                                   two_rows):
    parsed = parse_file(_export(tmp_path, items, encoding, delimiter, above, two_rows))
    assert parsed.table.header_line == above + 1
    assert parsed.table.header_rows == (2 if two_rows else 1)
    assert [(r.listing_id, r.title, r.price, r.quantity) for r in parsed.listings] == [
        (str(lid), title, f"{cents / 100:.2f}", cents % 50) for lid, title, cents in items]


@CI
@given(items=listings, encoding=st.sampled_from(["utf-16-le", "utf-16-be", "utf-8", "gb18030"]),
       drafts=st.integers(0, 3))
def test_a_data_package_reads_back_exactly(tmp_path, items, encoding, drafts):
    rows = [package_row(str(lid), title, price=f"{cents / 100:.2f}", num=str(cents % 50),
                        description=f"<p>{tsv_cell(title)}</p>\r\n<p>{title}</p>")
            for lid, title, cents in items]
    rows[len(rows) // 2:len(rows) // 2] = [package_row("0", f"草稿{n}") for n in range(drafts)]
    path = write_package(tmp_path / f"package-{next(_counter)}.csv", rows, encoding=encoding)
    parsed = parse_file(path)
    assert parsed.skipped == drafts
    assert [(r.listing_id, r.title, r.price, r.quantity) for r in parsed.listings] == [
        (str(lid), title, f"{cents / 100:.2f}", cents % 50) for lid, title, cents in items]
