"""Reading an export file into a header and rows, whatever its shape.

Formats are told by content, not by name (seller-centre ".xls" files are often tab-separated
text or an HTML table): XLSX (openpyxl), legacy XLS (xlrd), HTML tables, and delimited text —
comma, tab or semicolon — in UTF-8 (with or without BOM), UTF-16 LE/BE (BOM or not) or
GBK/GB18030. Which rows are the header is scored (``header.choose_header``): title and version
lines above it, a second header row (the 淘宝助理 data package's English keys over Chinese names),
blank rows and a "共 N 条" footer below are understood."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from html.parser import HTMLParser
from pathlib import Path

from shopwatch.imports.columns import ColumnMapping, is_data_package
from shopwatch.imports.errors import FileImportError
from shopwatch.imports.header import HEADER_SEARCH_ROWS, choose_header

#: ``Table.profile`` of a 淘宝助理 / 千牛 data package (宝贝数据包)
DATA_PACKAGE = "taobao_data_package"
#: rows read to choose a delimiter or a sheet: the header's search window and what follows it
_SAMPLE_ROWS = HEADER_SEARCH_ROWS + 12
#: larger files are refused before reading (an export of 50,000 rows is a few MB)
MAX_FILE_BYTES = 512 * 1024 * 1024
_DELIMITERS = (",", "\t", ";", "|")
_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FOOTER = re.compile(r"^(?:合计|总计|共计?|总数|total|count)\s*[:：]?\s*(\d+)?", re.I)
_FOOTER_COUNT = re.compile(r"(?:共|total[:：]?|合计[:：]?|总计[:：]?)\s*(\d+)\s*(?:条|个|件|行|items?|rows?|listings?)?",
                           re.I)

ENCODING_LABELS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16": "UTF-16 with BOM",
                   "utf-16-le": "UTF-16 LE", "utf-16-be": "UTF-16 BE", "gb18030": "GBK/GB18030"}


@dataclass(frozen=True, slots=True)
class Row:
    line: int  # where the user finds it: line of a text file, row number of a sheet
    cells: tuple[str, ...]

    def is_blank(self) -> bool:
        return not any(c.strip() for c in self.cells)


@dataclass(slots=True)
class Table:
    path: Path
    fmt: str  # csv | tsv | text | xlsx | xls | html
    header_line: int
    #: one label per column, as the user reads it ("num_id / 数字ID" for a two-row header)
    headers: list[str]
    rows: list[Row]
    #: per column, every name it goes by (what columns.match_fields matches)
    names: list[tuple[str, ...]] = field(default_factory=list)
    header_rows: int = 1
    #: a known layout with rules of its own (DATA_PACKAGE), or None
    profile: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    #: the row count a footer line states ("共 300 条"), when there is one
    footer_total: int | None = None
    footer_line: int | None = None
    above_header: list[str] = field(default_factory=list)

    @property
    def encoding_label(self) -> str:
        return ENCODING_LABELS.get(self.encoding or "", self.encoding or "")

    def column_name(self, index: int) -> str:
        """The header text, plus the spreadsheet letter where there is one."""
        name = self.headers[index] if index < len(self.headers) else ""
        letter = column_letter(index)
        return f"{name} ({letter})" if name else letter


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --- text --------------------------------------------------------------------------------

def _line_of(data: bytes, offset: int, newline: bytes = b"\n") -> int:
    return data.count(newline, 0, offset) + 1


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """(text, codec). BOMs decide; then UTF-8, then GB18030 (a superset of GBK); UTF-16
    without a BOM is recognised by its zero bytes."""
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            return data[3:].decode("utf-8"), "utf-8-sig"
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16"), "utf-16"
    except UnicodeDecodeError as exc:
        raise FileImportError(
            "the file starts with a Unicode byte-order mark but is not valid Unicode after it "
            "(damaged or cut off).", path=path, line=_line_of(data, exc.start)) from None
    sample = data[:4096]
    if len(sample) >= 4:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        half = len(sample) / 2
        for codec, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
            if zeros > half * 0.3 and other < half * 0.05:
                try:
                    return data.decode(codec), codec
                except UnicodeDecodeError:
                    break
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise FileImportError(
                "the text is neither UTF-8 nor GBK/GB18030 (the first unreadable byte is here). "
                "Save the export again as CSV (UTF-8) or as an Excel workbook.",
                path=path, line=_line_of(data, utf8_error.start)) from None


def _csv_rows(text: str, delimiter: str, path: Path, limit: int | None = None) -> list[Row]:
    """Rows of delimited text. With ``limit`` (a sample of the beginning, which may end inside
    a quoted cell such as a long HTML description) the rows before a problem are returned."""
    rows: list[Row] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    try:
        for cells in reader:
            rows.append(Row(start, tuple(cells)))
            start = reader.line_num + 1
            if limit is not None and len(rows) >= limit:
                break
    except csv.Error as exc:
        if limit is not None:
            return rows
        raise FileImportError(
            f"the text is not well-formed ({exc}); a quote may be unclosed, or the file was cut "
            "off while it was being saved.", path=path, line=start) from None
    return rows


def _read_text(data: bytes, path: Path, mapping: ColumnMapping | None, *, sample: bool = False
               ) -> tuple[list[Row], dict]:
    """Rows of a text export; ``sample``: only the beginning is wanted (it may end inside a
    quoted cell)."""
    text, codec = decode(data, path)
    if "\x00" in text:
        raise FileImportError("the file holds binary data, not text: it is not a CSV or Excel "
                              "export.", path=path)
    head = text[:65536]
    # An HTML table saved with an .xls name starts with markup; a text export may hold HTML in
    # its cells (the data package's descriptions) and is not one.
    if head.lstrip().startswith("<") and re.search(r"<\s*(table|html)\b", head[:4096], re.I):
        return _read_html(text, path), {"fmt": "html", "encoding": codec}
    best: tuple[float, int, str] | None = None
    for delimiter in _DELIMITERS:
        if delimiter not in head:
            continue
        first = _csv_rows(head, delimiter, path, _SAMPLE_ROWS)
        score = _header_score(first, mapping)
        width = max((len(r.cells) for r in first), default=0)
        if best is None or (score, width) > best[:2]:
            best = (score, width, delimiter)
    delimiter = best[2] if best else ","
    fmt = "tsv" if delimiter == "\t" else "csv"
    rows = _csv_rows(text, delimiter, path, _SAMPLE_ROWS if sample else None)
    return rows, {"fmt": fmt, "encoding": codec, "delimiter": delimiter}


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            if not self.rows:
                self.rows.append([])
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _read_html(text: str, path: Path) -> list[Row]:
    parser = _TableParser()
    try:
        parser.feed(text)
        parser.close()
    except Exception as exc:  # noqa: BLE001 - html.parser on hostile input: report, never crash
        raise FileImportError(f"the HTML table cannot be read ({exc}).", path=path) from None
    # An HTML table has no meaningful text lines: number rows as a spreadsheet would.
    return [Row(i, tuple(cells)) for i, cells in enumerate(parser.rows, start=1)]


# --- spreadsheets ------------------------------------------------------------------------

def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)  # shortest text that reads back as the same number
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def _sheet_rows(values: Iterator[tuple]) -> list[Row]:
    return [Row(n, tuple(_cell_text(v) for v in cells)) for n, cells in enumerate(values, start=1)]


def _header_score(rows: list[Row], mapping: ColumnMapping | None) -> float:
    choice = choose_header([r.cells for r in rows[:_SAMPLE_ROWS]], mapping)
    return choice.score if choice else float("-inf")


def _best_sheet(sheets: list[tuple[str, list[Row]]], mapping: ColumnMapping | None
                ) -> tuple[str, list[Row]]:
    return max(sheets, key=lambda s: _header_score(s[1], mapping)) if sheets else ("", [])


def _read_xlsx(path: Path, mapping: ColumnMapping | None) -> tuple[list[Row], dict]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise FileImportError(f"the Excel workbook cannot be opened ({type(exc).__name__}); it "
                              "may be damaged or cut off. Export it again.", path=path) from None
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types on a damaged file
        raise FileImportError(f"the Excel workbook cannot be read ({type(exc).__name__}: {exc}).",
                              path=path) from None
    try:
        sheets = []
        for sheet in book.worksheets:
            # Some exporters write a wrong <dimension>; without this, read-only mode trusts it.
            sheet.reset_dimensions()
            sheets.append((sheet.title, _sheet_rows(sheet.iter_rows(values_only=True))))
    except Exception as exc:  # noqa: BLE001 - a truncated sheet fails deep inside openpyxl
        raise FileImportError(f"the Excel workbook is damaged or cut off ({type(exc).__name__}). "
                              "Export it again.", path=path) from None
    finally:
        book.close()
    name, rows = _best_sheet(sheets, mapping)
    return rows, {"fmt": "xlsx", "sheet": name}


def _read_xls(data: bytes, path: Path, mapping: ColumnMapping | None) -> tuple[list[Row], dict]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except Exception as exc:  # noqa: BLE001 - xlrd raises assorted errors on damaged files
        raise FileImportError(f"the legacy Excel (.xls) file cannot be read ({exc}). Save it as "
                              ".xlsx or CSV and import that.", path=path) from None
    try:
        sheets = []
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            rows = []
            for r in range(sheet.nrows):
                cells = []
                for c in range(sheet.ncols):
                    cell = sheet.cell(r, c)
                    value = cell.value
                    if cell.ctype == xlrd.XL_CELL_DATE:
                        try:
                            value = xlrd.xldate.xldate_as_datetime(value, book.datemode)
                        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                            pass
                    cells.append(_cell_text(value))
                rows.append(Row(r + 1, tuple(cells)))
            sheets.append((sheet.name, rows))
            book.unload_sheet(index)
    except Exception as exc:  # noqa: BLE001 - see above
        raise FileImportError(f"the legacy Excel (.xls) file is damaged ({exc}).",
                              path=path) from None
    finally:
        book.release_resources()
    name, rows = _best_sheet(sheets, mapping)
    return rows, {"fmt": "xls", "sheet": name}


# --- header and footer -------------------------------------------------------------------

def read_rows(path: Path, mapping: ColumnMapping | None = None) -> tuple[list[Row], dict]:
    """Every row of the file's best sheet, and how it was read (fmt, encoding, delimiter…)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FileImportError(f"the file is {size // (1024 * 1024)} MB; exports larger than "
                                  f"{MAX_FILE_BYTES // (1024 * 1024)} MB are not supported.",
                                  path=path)
        with path.open("rb") as handle:
            magic = handle.read(8)
            if magic.startswith(_XLSX_MAGIC):
                return _read_xlsx(path, mapping)
            handle.seek(0)
            data = handle.read()
    except FileImportError:
        raise
    except IsADirectoryError:
        raise FileImportError("this is a folder, not an export file.", path=path) from None
    except OSError as exc:
        raise FileImportError(f"the file cannot be opened ({exc.strerror or exc}).",
                              path=path) from None
    if not data.strip():
        raise FileImportError("the file is empty.", path=path)
    if data.startswith(_XLS_MAGIC):
        return _read_xls(data, path, mapping)
    return _read_text(data, path, mapping)


def _footer_total(row: Row) -> int | None:
    filled = [c.strip() for c in row.cells if c.strip()]
    if not filled or len(filled) > 3 or not _FOOTER.match(filled[0]):
        return None
    match = _FOOTER_COUNT.search(" ".join(filled))
    return int(match.group(1)) if match else -1


def read_table(path: Path, mapping: ColumnMapping | None = None) -> Table:
    """The file as a header and data rows. Raises FileImportError naming file and line."""
    path = Path(path)
    rows, how = read_rows(path, mapping)
    choice = choose_header([r.cells for r in rows], mapping)
    if choice is None:
        raise FileImportError(
            f"no header row found in the first {HEADER_SEARCH_ROWS} lines: expected column names "
            "such as 宝贝ID / 商品ID / num_iid / 数字ID and 宝贝标题 / 宝贝名称 / title, or 统计日期 "
            "and 访客数 for a traffic report.",
            path=path, hint="If your export names its columns differently, import it with "
            "--mapping (see 'shopwatch import --help').")
    header_index = choice.start
    header_row = rows[header_index]
    headers = choice.display()
    names = choice.match_names()
    data = [r for r in rows[choice.end:] if not r.is_blank()]
    footer_total = footer_line = None
    if data:
        total = _footer_total(data[-1])
        if total is not None:
            footer_line = data[-1].line
            footer_total = None if total < 0 else total
            data.pop()
    above = [" ".join(c for c in r.cells if c.strip()) for r in rows[:header_index]
             if not r.is_blank()]
    return Table(path=path, header_line=header_row.line, headers=headers, rows=data,
                 names=names, header_rows=choice.depth,
                 profile=DATA_PACKAGE if is_data_package(names) else None,
                 footer_total=footer_total, footer_line=footer_line, above_header=above,
                 fmt=how["fmt"], encoding=how.get("encoding"), delimiter=how.get("delimiter"),
                 sheet=how.get("sheet"))


def peek_headers(path: Path, mapping: ColumnMapping | None = None
                 ) -> list[tuple[str, ...]] | None:
    """The header of a file (each column's names), reading only its beginning (to sort a
    folder of exports by kind cheaply). None when the file is not a readable export."""
    try:
        with Path(path).open("rb") as handle:
            head = handle.read(65536)
        if head.startswith(_XLSX_MAGIC):
            import openpyxl

            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            try:
                sheets = []
                for sheet in book.worksheets:
                    sheet.reset_dimensions()
                    values = sheet.iter_rows(values_only=True, max_row=_SAMPLE_ROWS)
                    sheets.append((sheet.title, _sheet_rows(values)))
            finally:
                book.close()
            rows = _best_sheet(sheets, mapping)[1]
        elif head.startswith(_XLS_MAGIC):
            rows = read_rows(Path(path), mapping)[0][:_SAMPLE_ROWS]
        else:
            rows = _read_text(_whole_lines(head), Path(path), mapping, sample=True
                              )[0][:_SAMPLE_ROWS]
    except Exception:  # noqa: BLE001 - any unreadable file is simply not an export
        return None
    choice = choose_header([r.cells for r in rows], mapping)
    return choice.match_names() if choice else None


def _whole_lines(head: bytes) -> bytes:
    """The beginning of a text file cut after its last complete line, so that no multi-byte
    character (UTF-8, GBK, UTF-16) is split."""
    half = max(1, len(head) // 2)
    if head.startswith(b"\xff\xfe") or head[1::2].count(0) > half * 0.3:
        newline = b"\n\x00"
    elif head.startswith(b"\xfe\xff") or head[0::2].count(0) > half * 0.3:
        newline = b"\x00\n"
    else:
        newline = b"\n"
    end = head.rfind(newline)
    return head[: end + len(newline)] if end >= 0 else head
