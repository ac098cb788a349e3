"""Writers for the export files the tests import: real files in each encoding and layout a
seller centre produces, written to tmp_path."""

from __future__ import annotations

import struct
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

Rows = Sequence[Sequence[object]]


class Exports:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def text(self, name: str, rows: Rows, *, encoding: str = "utf-8", delimiter: str = ",",
             newline: str = "\r\n", bom: bool = False) -> Path:
        """A delimited text export; cells are quoted only when they must be."""
        lines = []
        for row in rows:
            cells = []
            for cell in row:
                value = "" if cell is None else str(cell)
                if any(ch in value for ch in (delimiter, '"', "\n")):
                    value = '"' + value.replace('"', '""') + '"'
                cells.append(value)
            lines.append(delimiter.join(cells))
        data = (newline.join(lines) + newline).encode(encoding)
        if bom and encoding == "utf-8":
            data = b"\xef\xbb\xbf" + data
        path = self.folder / name
        path.write_bytes(data)
        return path

    def xlsx(self, name: str, rows: Rows, *, sheets: dict[str, Rows] | None = None) -> Path:
        book = openpyxl.Workbook()
        first = book.active
        first.title = "宝贝列表"
        for row in rows:
            first.append(list(row))
        for title, extra in (sheets or {}).items():
            sheet = book.create_sheet(title, 0)  # put it first, as some exports do
            for row in extra:
                sheet.append(list(row))
        path = self.folder / name
        book.save(path)
        return path


    def xls(self, name: str, rows: Rows, *, sheet: str = "Sheet1") -> Path:
        """A legacy Excel 97-2003 workbook (BIFF8 in an OLE2 compound file), written here
        because no maintained library writes the format any more."""
        path = self.folder / name
        path.write_bytes(_compound_file(_biff8(rows, sheet)))
        return path


# --- a minimal BIFF8 writer: enough records for a reader to find one sheet of cells --------

def _record(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _bof(substream: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, substream, 0x0DBB, 0x07CC, 0, 6))


def _xf(format_key: int) -> bytes:
    # font 0, the given number format, a cell XF whose parent is style XF 0
    return _record(0x00E0, struct.pack("<HHHBBBBIiH", 0, format_key, 0x0000, 0x20, 0, 0, 0,
                                       0, 0, 0x20C0))


def _cell(row: int, col: int, value: object) -> bytes:
    if isinstance(value, (datetime, date)):
        moment = value if isinstance(value, datetime) else datetime(value.year, value.month,
                                                                    value.day)
        serial = (moment - datetime(1899, 12, 30)).total_seconds() / 86400
        return _record(0x0203, struct.pack("<HHHd", row, col, 1, serial))  # XF 1: a date
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _record(0x0203, struct.pack("<HHHd", row, col, 0, float(value)))
    text = "" if value is None else str(value)
    return _record(0x0204, struct.pack("<HHHHB", row, col, 0, len(text), 1)
                   + text.encode("utf-16-le"))


def _biff8(rows: Rows, sheet: str) -> bytes:
    cells = b"".join(_cell(r, c, v) for r, row in enumerate(rows) for c, v in enumerate(row)
                     if v is not None)
    width = max((len(r) for r in rows), default=0)
    worksheet = (_bof(0x0010) + _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0))
                 + cells + _record(0x000A))
    name = sheet.encode("latin-1")

    def globals_(offset: int) -> bytes:
        return (_bof(0x0005) + _record(0x0042, struct.pack("<H", 1200)) + _xf(0) + _xf(14)
                + _record(0x0085, struct.pack("<IBBBB", offset, 0, 0, len(name), 0) + name)
                + _record(0x000A))

    head = globals_(0)
    return globals_(len(head)) + worksheet


def _compound_file(stream: bytes) -> bytes:
    """One stream named Workbook in a version-3 compound file: header, one FAT sector, one
    directory sector, then the stream (padded past the 4 KiB mini-stream cut-off)."""
    sector = 512
    stream = stream + b"\x00" * (max(4096, -(-len(stream) // sector) * sector) - len(stream))
    n = len(stream) // sector
    assert n <= 126, "one FAT sector is enough for the tests' workbooks"
    free, end, fat_mark, none = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    fat = [fat_mark, end] + [3 + i for i in range(n - 1)] + [end]
    fat += [free] * (128 - len(fat))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<I", free) * 108)

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        raw = (name + "\x00").encode("utf-16-le") if name else b""
        return (raw.ljust(64, b"\x00") + struct.pack("<HBB", len(raw), kind, 1 if kind else 0)
                + struct.pack("<III", none, none, child) + b"\x00" * 16 + b"\x00" * 4
                + b"\x00" * 16 + struct.pack("<II", start, size) + b"\x00" * 4)

    directory = (entry("Root Entry", 5, 1, end, 0) + entry("Workbook", 2, none, 2, len(stream))
                 + entry("", 0, none, 0, 0) * 2)
    return header + struct.pack("<128I", *fat) + directory + stream


@pytest.fixture
def exports(tmp_path: Path) -> Exports:
    folder = tmp_path / "exports"
    folder.mkdir()
    return Exports(folder)


HEADER_ZH = ["宝贝ID", "宝贝标题", "价格", "库存", "状态"]
HEADER_EN = ["num_iid", "title", "price", "num", "status"]


def listing_rows(n: int, *, start: int = 0, status: str = "出售中") -> list[list[object]]:
    return [[f"6001234{i:05d}", f"真丝围巾 {i}号", "128.00", 10 + i % 7, status]
            for i in range(start, start + n)]
