"""Which rows of a sheet are its header, decided by scoring every candidate, not by position.

Exports put titles, version lines ("version 1.00"), merged group cells and blank rows above
their column names, and the 淘宝助理 data package has two header rows (English field keys,
then Chinese names). Every row among the first ``HEADER_SEARCH_ROWS`` — alone, or with the row
below it as a two-row header — is scored on:

- how many distinct known fields its names give (either language, any header row);
- whether its cells look like names: text, not numbers or dates, and no name repeated;
- what follows it: data rows about as wide as the header, whose id column holds ids (a row
  whose id cell is itself a column name means the header goes on one row further).

The best score wins; on a tie the single row, then the earlier one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from shopwatch.imports.columns import (
    KINDS,
    ColumnMapping,
    column_names,
    header_score,
    match_fields,
    normalise_header,
)

#: the header must start among this many first rows
HEADER_SEARCH_ROWS = 30
#: a header names at least this many known fields
MIN_FIELDS = 2
#: data rows looked at to judge what follows a candidate
_FOLLOWING = 5
_VALUE = re.compile(r"^(?:[+\-−]?[¥$]?\d[\d,]*(?:\.\d+)?%?|\d{4}[-/.年]\d{1,2}(?:[-/.月]\d{1,2}日?)?"
                    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?)$")
_ID_LIKE = re.compile(r"^(?:=?\"?'?)[A-Za-z0-9_\-]{4,64}\"?$")


@dataclass(frozen=True, slots=True)
class HeaderChoice:
    """The header found: where it starts, how many rows it has and what each column is called."""

    start: int  # index of the first header row in the rows scored
    depth: int  # 1, or 2 for a two-row header
    names: tuple[tuple[str, ...], ...]  # per column, every name it has (one per header row)
    fields: int
    score: float

    @property
    def end(self) -> int:
        """Index of the first row after the header."""
        return self.start + self.depth

    def display(self) -> list[str]:
        """One label per column: its names joined, as the user reads them in the file."""
        return [" / ".join(n) for n in self.names]

    def match_names(self) -> list[tuple[str, ...]]:
        """Per column, the names a mapping or an alias may use (the joined label included, so a
        mapping saved from the label matches again)."""
        return _with_label(self.names)


def _with_label(names: Sequence[tuple[str, ...]]) -> list[tuple[str, ...]]:
    return [n + (" / ".join(n),) if len(n) > 1 else n for n in names]


class _Cells:
    """Rows as stripped cell tuples, indexed like the rows they came from."""

    def __init__(self, rows: Sequence[Sequence[str]]) -> None:
        self.rows = [tuple(c.strip() for c in r) for r in rows]

    def filled(self, i: int) -> list[str]:
        return [c for c in self.rows[i] if c]


def _is_value(cell: str) -> bool:
    return bool(_VALUE.match(cell.replace(" ", "")))


def _names(rows: list[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    width = max((len(r) for r in rows), default=0)
    columns = []
    for c in range(width):
        names: list[str] = []
        for r in rows:
            value = r[c] if c < len(r) else ""
            if value and value not in names:
                names.append(value)
        columns.append(tuple(names))
    while columns and not columns[-1]:
        columns.pop()
    return tuple(columns)


def _looks_like_names(cells: list[str]) -> float:
    """Penalty for a header row whose cells read like data: numbers, dates, repeats."""
    values = sum(1 for c in cells if _is_value(c))
    distinct = {normalise_header(c) for c in cells}
    return 2.0 * values + 1.0 * (len(cells) - len(distinct))


def _id_column(names: Sequence[tuple[str, ...]], mapping: ColumnMapping | None) -> int | None:
    for kind in KINDS:
        found = match_fields(names, kind, mapping.for_kind(kind) if mapping else None)
        if "listing_id" in found:
            return found["listing_id"]
    return None


def _following(cells: _Cells, end: int, names: Sequence[tuple[str, ...]],
               mapping: ColumnMapping | None) -> float:
    """What the rows after a candidate say about it, from -3 to +5."""
    after = [i for i in range(end, len(cells.rows)) if cells.filled(i)][:_FOLLOWING]
    if not after:
        return 0.0
    # A data row is about as wide as the header (exports leave many of its cells empty).
    width = len(names)
    wide = sum(1 for i in after if len(cells.filled(i)) >= MIN_FIELDS
               and len(cells.rows[i]) * 2 >= width) / len(after)
    score = 2.0 * wide
    column = _id_column(names, mapping)
    if column is not None:
        ids = [cells.rows[i][column] if column < len(cells.rows[i]) else "" for i in after]
        if column_names(ids[0]) and _id_column([(ids[0],)], mapping) == 0:
            return -3.0  # the next row names the id column too: it is part of the header
        score += 3.0 * sum(1 for v in ids if _ID_LIKE.match(v)) / len(ids)
    return score


def _candidate(cells: _Cells, start: int, depth: int, mapping: ColumnMapping | None
               ) -> HeaderChoice | None:
    rows = cells.rows[start:start + depth]
    if len(rows) < depth:
        return None
    filled = [cells.filled(i) for i in range(start, start + depth)]
    if any(len(f) < MIN_FIELDS for f in filled):
        return None
    names = _names(rows)
    fields = header_score(_with_label(names), mapping)
    if fields < MIN_FIELDS:
        return None
    score = 3.0 * fields - sum(_looks_like_names(f) for f in filled)
    if depth > 1:
        # A second header row must add fields (group cells over sub-columns) or name fields of
        # its own (a row of English keys over a row of Chinese names); else it is data.
        alone = [header_score(r, mapping) for r in rows]
        both = all(_names_fields(cells, i, mapping) for i in range(start, start + depth))
        if fields <= max(alone) and not both:
            return None
        if both:
            score += 3.0  # each row names the columns on its own: together they are the header
    score += _following(cells, start + depth, _with_label(names), mapping)
    if depth == 1 and start > 0 and _names_fields(cells, start - 1, mapping) and \
            len(cells.filled(start - 1)) * 2 >= len(filled[0]):
        score -= 3.0  # the row above names columns too: the header starts there
    return HeaderChoice(start=start, depth=depth, names=names, fields=fields, score=score)


def _names_fields(cells: _Cells, index: int, mapping: ColumnMapping | None) -> bool:
    """Whether a row on its own reads as a row of column names."""
    filled = cells.filled(index)
    return (len(filled) >= MIN_FIELDS and header_score(cells.rows[index], mapping) >= MIN_FIELDS
            and _looks_like_names(filled) == 0)


def choose_header(rows: Sequence[Sequence[str]], mapping: ColumnMapping | None = None,
                  search: int = HEADER_SEARCH_ROWS) -> HeaderChoice | None:
    """The best-scoring header among the first ``search`` rows, or None when no row names
    at least MIN_FIELDS known columns."""
    cells = _Cells(rows[: search + 1 + _FOLLOWING * 2])
    best: HeaderChoice | None = None
    for start in range(min(search, len(cells.rows))):
        for depth in (1, 2):
            choice = _candidate(cells, start, depth, mapping)
            if choice is not None and (best is None or choice.score > best.score):
                best = choice
    return best
