"""Writers for the export files the tests import: real files in each encoding and layout a
seller centre produces, written to tmp_path."""

from __future__ import annotations

from collections.abc import Sequence
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
