"""From a read table to the records sync understands: listings, daily traffic, notices.

Strict where a mistake would mislead the seller (a missing or duplicated id, a row cut short,
a footer count that does not match), lenient where exports differ harmlessly (column order,
names, blank rows, Excel's number formats). The first problem found is raised with its file,
line and column; nothing is returned half-read."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from shopwatch.imports import amazon_suppressed
from shopwatch.imports.columns import (
    FIELDS,
    KINDS,
    LISTINGS,
    METRIC_VALUES,
    METRICS,
    NOTICES,
    REQUIRED,
    SUPPRESSED,
    ColumnMapping,
    detect_kind,
    match_fields,
    normalise_header,
)
from shopwatch.imports.errors import FileImportError
from shopwatch.imports.notice_text import DEFAULT_KINDS, OTHER, NoticeKind, classify
from shopwatch.imports.tables import DATA_PACKAGE, Row, Table, read_table
from shopwatch.imports.values import (
    CHINA_TZ,
    clean_cell,
    is_empty,
    parse_count,
    parse_day,
    parse_id,
    parse_moment,
    parse_points,
    parse_price,
    parse_status,
)
from shopwatch.models import (
    ACTIVE,
    CRITICAL,
    NOTICE_APPEALED,
    NOTICE_OPEN,
    NOTICE_REVOKED,
    NOTICE_UPHELD,
    SELLER_OFF_SHELF,
    SOLD_OUT,
    VIOLATION_OFF_SHELF,
    WARNING,
    ListingRecord,
    MetricRecord,
    NoticeRecord,
)
from shopwatch.timeutil import iso

#: a file without a status column: its name may say which tab of the seller centre it is
_STATUS_FROM_NAME = ((("违规",), VIOLATION_OFF_SHELF), (("仓库", "下架", "inventory", "instock",
                                                          "warehouse"), SELLER_OFF_SHELF),
                     (("售罄", "soldout", "sold_out"), SOLD_OUT))
_NOTICE_STATUS = {
    **dict.fromkeys(["生效", "生效中", "处罚中", "已处罚", "待申诉", "effective", "open",
                     "active"], NOTICE_OPEN),
    **dict.fromkeys(["申诉中", "审核中", "appealing", "appealed", "under appeal"],
                    NOTICE_APPEALED),
    **dict.fromkeys(["申诉成功", "已撤销", "撤销", "已撤回", "appeal_accepted", "revoked",
                     "cancelled", "accepted"], NOTICE_REVOKED),
    **dict.fromkeys(["申诉失败", "申诉驳回", "驳回", "维持", "appeal_rejected", "upheld",
                     "rejected"], NOTICE_UPHELD),
}


@dataclass(slots=True)
class ParsedFile:
    """One export, understood: how it was read and what it holds."""

    table: Table
    kind: str
    columns: dict[str, int]
    listings: list[ListingRecord] = field(default_factory=list)
    metrics: list[MetricRecord] = field(default_factory=list)
    notices: list[NoticeRecord] = field(default_factory=list)
    #: Amazon's Suppressed Listings report: the listings it names (an overlay, not a shop)
    suppressed: list[amazon_suppressed.SuppressedRow] = field(default_factory=list)
    #: where listing statuses came from: column | file name | default
    status_from: str = "column"
    #: records (listings/notices) or rows (metrics) read
    count: int = 0
    #: data rows deliberately not imported, and why (never silently: shown with the import)
    skipped: int = 0
    skipped_reason: str | None = None

    def describe(self) -> dict[str, Any]:
        """How the file was read, for the preview and the --json output."""
        t = self.table
        return {
            "path": str(t.path), "kind": self.kind, "format": t.fmt,
            "encoding": t.encoding_label or None, "delimiter": t.delimiter,
            "sheet": t.sheet, "header_line": t.header_line, "header_rows": t.header_rows,
            "layout": t.profile,
            "columns": {name: t.headers[i] if i < len(t.headers) else "" for name, i in
                        sorted(self.columns.items(), key=lambda kv: kv[1])},
            "unmapped": [h for i, h in enumerate(t.headers)
                         if h and i not in set(self.columns.values())],
            "rows": self.count, "status_from": self.status_from if self.kind == LISTINGS
            else None,
            "skipped_rows": self.skipped, "skipped_reason": self.skipped_reason,
        }


class _Reader:
    """Cell access for one row with errors that point at the cell."""

    def __init__(self, table: Table, columns: dict[str, int], strict_width: bool) -> None:
        self.table, self.columns, self.strict = table, columns, strict_width
        self.width = max(columns.values()) + 1 if columns else 0

    def check_width(self, row: Row) -> None:
        if len(row.cells) >= self.width:
            return
        if self.strict:
            missing = self.table.column_name(len(row.cells))
            raise FileImportError(
                f"the row has only {len(row.cells)} of {len(self.table.headers)} columns, "
                "so the file looks cut off or damaged.",
                path=self.table.path, line=row.line, column=missing,
                hint="Export the file again and import the new one.")

    def raw(self, row: Row, name: str) -> str:
        index = self.columns.get(name)
        if index is None or index >= len(row.cells):
            return ""
        return row.cells[index]

    def get(self, row: Row, name: str, parse: Callable[[str], Any]) -> Any:
        try:
            return parse(self.raw(row, name))
        except ValueError as exc:
            raise FileImportError(f"{exc}.", path=self.table.path, line=row.line,
                                  column=self.table.column_name(self.columns[name])) from None


def _columns(table: Table, kind: str, mapping: ColumnMapping | None) -> dict[str, int]:
    user = mapping.for_kind(kind) if mapping else {}
    columns = match_fields(table.names or table.headers, kind, user)
    for name, column in user.items():
        if name not in columns:
            raise FileImportError(
                f"the mapping names the column '{column}' for {name}, but the header "
                f"(line {table.header_line}) has no such column. Its columns are: "
                f"{', '.join(h for h in table.headers if h) or '(none)'}.", path=table.path,
                line=table.header_line)
    for name in REQUIRED[kind]:
        if name not in columns:
            examples = " / ".join(FIELDS[kind][name][:3])
            raise FileImportError(
                f"no {name} column ({examples} …) in the header on line {table.header_line}; "
                f"its columns are: {', '.join(h for h in table.headers if h) or '(none)'}.",
                path=table.path, line=table.header_line,
                hint=f"Name the column with --mapping (a file saying {name} = \"<your column>\").")
    if kind == METRICS and not any(v in columns for v in METRIC_VALUES):
        raise FileImportError(
            f"the traffic report has no visitors, page views or impressions column (访客数, "
            f"浏览量, 曝光量) in the header on line {table.header_line}.",
            path=table.path, line=table.header_line)
    if kind == NOTICES and not ({"kind", "text", "points"} & columns.keys()):
        raise FileImportError(
            f"the violation records have no type, points or description column (违规类型, 扣分, "
            f"描述) in the header on line {table.header_line}.", path=table.path,
            line=table.header_line)
    return columns


def _check_footer(table: Table, count: int) -> None:
    if table.footer_total is not None and table.footer_total != count:
        raise FileImportError(
            f"the file says it holds {table.footer_total} rows, but {count} were read: the "
            "export looks cut off.", path=table.path, line=table.footer_line,
            hint="Export the file again and import the new one.")


def _status_default(path: Path) -> tuple[str, str]:
    name = path.stem.lower()
    for words, status in _STATUS_FROM_NAME:
        if any(w in name for w in words):
            return status, "file name"
    return ACTIVE, "default"


#: a data package row whose 数字ID is empty or 0 is a listing prepared in the tool and never
#: published (public writers of the format put 0 there for new listings): not in the shop yet
_UNPUBLISHED_IDS = {"", "0"}
UNPUBLISHED = "never published (数字ID / num_id empty or 0)"
PLACEHOLDER_ID = "no listing id (a '-' placeholder, e.g. a summary row)"


def _listings(table: Table, columns: dict[str, int], mapping: ColumnMapping | None,
              reader: _Reader, parsed: ParsedFile) -> tuple[list[ListingRecord], str]:
    extra = mapping.status_values if mapping else {}
    if "status" in columns:
        default, status_from = ACTIVE, "column"
    else:
        default, status_from = _status_default(table.path)
    seen: dict[str, int] = {}
    out = []
    package = table.profile == DATA_PACKAGE
    # Amazon's All Listings Report: its asin1 column is the listing's ASIN (notices name ASINs)
    asin_column = "outer_id" in columns and normalise_header(
        table.headers[columns["outer_id"]]) == "asin1"
    for row in table.rows:
        reader.check_width(row)
        if package and clean_cell(reader.raw(row, "listing_id")) in _UNPUBLISHED_IDS:
            parsed.skipped += 1
            parsed.skipped_reason = UNPUBLISHED
            continue
        lid = reader.get(row, "listing_id", parse_id)
        if lid in seen:
            raise FileImportError(
                f"listing id {lid} appears twice (lines {seen[lid]} and {row.line}); an export "
                "lists each listing once, so the file is inconsistent.", path=table.path,
                line=row.line, column=table.column_name(columns["listing_id"]))
        seen[lid] = row.line
        title = clean_cell(reader.raw(row, "title"))
        if not title:
            raise FileImportError("the title is empty.", path=table.path, line=row.line,
                                  column=table.column_name(columns["title"]))
        status = reader.get(row, "status", lambda v: parse_status(v, extra)) or default

        def text(name: str, row: Row = row) -> str | None:
            value = clean_cell(reader.raw(row, name))
            return None if is_empty(value) else value

        out.append(ListingRecord(
            listing_id=lid, title=title, status=status,
            price=reader.get(row, "price", parse_price),
            quantity=reader.get(row, "quantity", parse_count),
            url=text("url"), category=text("category"), pic_url=text("pic_url"),
            outer_id=text("outer_id"), modified=text("modified"),
            asin=text("outer_id") if asin_column else None,
            raw=_raw_row(table, row)))
    return out, status_from


def _raw_row(table: Table, row: Row) -> dict[str, str]:
    """The row as the file has it, header -> cell (the evidence ledger keeps it); the line
    number is left out so a row that only moved in the file is the same record."""
    out: dict[str, str] = {}
    for index, cell in enumerate(row.cells):
        name = table.headers[index] if index < len(table.headers) else ""
        key = name or f"#{index + 1}"
        if key in out:
            key = f"{key} #{index + 1}"
        out[key] = cell
    return out


def _metrics(table: Table, columns: dict[str, int], reader: _Reader, parsed: ParsedFile
             ) -> list[MetricRecord]:
    seen: dict[tuple[str, str], int] = {}
    out = []
    for row in table.rows:
        reader.check_width(row)
        raw_id = reader.raw(row, "listing_id")
        if raw_id.strip() and is_empty(raw_id):
            # 生意参谋 reports write "-" where a row belongs to no listing; such a row has no
            # listing's traffic in it, but an empty id cell is still an error below.
            parsed.skipped += 1
            parsed.skipped_reason = PLACEHOLDER_ID
            continue
        lid = reader.get(row, "listing_id", parse_id)
        day = reader.get(row, "day", parse_day)
        key = (lid, day)
        if key in seen:
            raise FileImportError(
                f"listing {lid} has two rows for {day} (lines {seen[key]} and {row.line}).",
                path=table.path, line=row.line, column=table.column_name(columns["day"]))
        seen[key] = row.line
        values = {name: reader.get(row, name, parse_count) for name in METRIC_VALUES
                  if name in columns}
        if all(v is None for v in values.values()):
            continue  # a day the report has no numbers for is not a day of zero traffic
        out.append(MetricRecord(listing_id=lid, day=day, **values))
    return out


def _notice_status(value: str) -> str:
    key = clean_cell(value).lower()
    if not key:
        return NOTICE_OPEN
    for word, status in _NOTICE_STATUS.items():
        if word.lower() == key:
            return status
    raise ValueError(f"'{value}' is not a notice status shopwatch knows (生效中, 申诉中, "
                     "申诉成功, 申诉驳回)")


def _category(value: str) -> str | None:
    low = clean_cell(value).lower()
    if not low:
        return None
    if "严重" in low or "serious" in low or "severe" in low:
        return "serious"
    if "一般" in low or "general" in low:
        return "general"
    raise ValueError(f"'{value}' is neither 一般违规 (general) nor 严重违规 (serious)")


def _notices(table: Table, columns: dict[str, int], reader: _Reader,
             kinds: Sequence[NoticeKind], today: date) -> list[NoticeRecord]:
    out = []
    seen: dict[str, int] = {}
    by_kind = {k.kind: k for k in kinds}
    for row in table.rows:
        reader.check_width(row)
        described = " ".join(clean_cell(reader.raw(row, n)) for n in ("kind", "text"))
        points = reader.get(row, "points", parse_points)
        kind, _ = classify(described, kinds, points=points)
        if kind is None and clean_cell(reader.raw(row, "kind")).lower() in by_kind:
            kind = by_kind[clean_cell(reader.raw(row, "kind")).lower()]
        listing_id = (reader.get(row, "listing_id", parse_id)
                      if "listing_id" in columns and not is_empty(reader.raw(row, "listing_id"))
                      else None)
        issued = reader.get(row, "issued_at", lambda v: parse_moment(v, today=today))
        deadline = reader.get(row, "appeal_deadline",
                              lambda v: parse_moment(v, end_of_day=True, today=today))
        category = reader.get(row, "category", _category) or (kind.category if kind else "general")
        reference = clean_cell(reader.raw(row, "source_id"))
        whole = " | ".join(f"{h}: {clean_cell(c)}" for h, c in zip(table.headers, row.cells,
                                                                    strict=False) if c.strip())
        source_id = (f"csv:{reference}" if reference else
                     "row:" + hashlib.sha256(whole.encode("utf-8")).hexdigest()[:20])
        if source_id in seen:
            what = f"the record {reference}" if reference else "the same record"
            raise FileImportError(
                f"{what} appears twice (lines {seen[source_id]} and {row.line}).",
                path=table.path, line=row.line,
                column=table.column_name(columns["source_id"]) if reference else None)
        seen[source_id] = row.line
        name = kind.kind if kind else OTHER
        severity = CRITICAL if points >= 12 or (kind and kind.severity == CRITICAL) else WARNING
        listing_title = clean_cell(reader.raw(row, "title"))
        label = (kind.label if kind and kind.label else name.replace("_", " "))
        out.append(NoticeRecord(
            source_id=source_id, kind=name, severity=severity, points=points, category=category,
            listing_id=listing_id, issued_at=iso(issued) if issued else None,
            appeal_deadline=iso(deadline) if deadline else None,
            status=reader.get(row, "status", _notice_status),
            title=label + (f" · {listing_title}" if listing_title else ""),
            text=clean_cell(reader.raw(row, "text")) or whole))
    return out


def parse_table(table: Table, *, kind: str | None = None, mapping: ColumnMapping | None = None,
                kinds: Sequence[NoticeKind] = DEFAULT_KINDS, today: date | None = None
                ) -> ParsedFile:
    """Records from a read table. ``kind`` None: told from the header."""
    if kind is None:
        kind = detect_kind(table.names or table.headers, mapping)
        if kind is None:
            raise FileImportError(
                f"cannot tell whether this is a listings export, a traffic report or a list of "
                f"violation records from its header (line {table.header_line}).",
                path=table.path, line=table.header_line,
                hint="Say which with --kind listings|metrics|notices.")
    if kind == SUPPRESSED:
        rows, columns = amazon_suppressed.parse_rows(table)
        parsed = ParsedFile(table=table, kind=kind, columns=columns, suppressed=rows,
                            notices=amazon_suppressed.notices(rows), count=len(rows))
        _check_footer(table, len(table.rows))
        return parsed
    if kind not in KINDS:
        raise ValueError(f"unknown import kind {kind!r}")
    columns = _columns(table, kind, mapping)
    reader = _Reader(table, columns, strict_width=table.fmt in ("csv", "tsv"))
    parsed = ParsedFile(table=table, kind=kind, columns=columns)
    if kind == LISTINGS:
        parsed.listings, parsed.status_from = _listings(table, columns, mapping, reader, parsed)
        parsed.count = len(parsed.listings)
        if table.profile == DATA_PACKAGE and parsed.skipped and not parsed.listings:
            raise FileImportError(
                f"all {parsed.skipped} listings in this data package were never published "
                "(数字ID / num_id is empty or 0), so it says nothing about the shop's listings. "
                "Export the data package again after downloading the shop's listings into the "
                "tool (淘宝助理 / 千牛: 下载宝贝), or import the seller centre's listings export.",
                path=table.path, line=table.header_line)
    elif kind == METRICS:
        parsed.metrics = _metrics(table, columns, reader, parsed)
        parsed.count = len(parsed.metrics)
    else:
        today = today or datetime.now(CHINA_TZ).date()
        parsed.notices = _notices(table, columns, reader, kinds, today)
        parsed.count = len(parsed.notices)
    _check_footer(table, len(table.rows))
    return parsed


def parse_file(path: Path, *, kind: str | None = None, mapping: ColumnMapping | None = None,
               kinds: Sequence[NoticeKind] = DEFAULT_KINDS, today: date | None = None
               ) -> ParsedFile:
    """Read and understand one export. Raises FileImportError (file, line, column)."""
    return parse_table(read_table(Path(path), mapping), kind=kind, mapping=mapping, kinds=kinds,
                       today=today)

