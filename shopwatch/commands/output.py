"""Human and JSON output for the CLI. Tables are aligned by display width, so Chinese titles
(two columns per character) line up."""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any, TextIO


def display_width(text: str) -> int:
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def clip(text: str, width: int) -> str:
    """Cut ``text`` to at most ``width`` display columns, marking the cut with '…'."""
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def table(
    rows: Sequence[Sequence[Any]], headers: Sequence[str], *, max_widths: dict[int, int] | None = None,
    out: TextIO | None = None,
) -> None:
    out = out or sys.stdout
    max_widths = max_widths or {}
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    cells = [[clip(v, max_widths.get(i, 10_000)) for i, v in enumerate(row)] for row in cells]
    widths = [display_width(h) for h in headers]
    for row in cells:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], display_width(value))
    line = "  ".join(pad(h, widths[i]) for i, h in enumerate(headers)).rstrip()
    print(line, file=out)
    print("  ".join("-" * w for w in widths), file=out)
    for row in cells:
        print("  ".join(pad(v, widths[i]) for i, v in enumerate(row)).rstrip(), file=out)


def emit_json(payload: Any, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    out.write(json.dumps(payload, ensure_ascii=False, indent=2))
    out.write("\n")
