"""Amazon's Suppressed Listings report (Seller Central → Inventory → Fix Your Products; the
Reports API's GET_MERCHANTS_LISTINGS_FYP_REPORT): one tab-separated row per suppressed listing,
columns Status, Reason, SKU, ASIN, Product name, Condition, Status Change Date, Issue
Description (docs/amazon.md).

It names only suppressed listings, so it is an overlay on the shop's listings, never a whole
shop: a listing it does not name keeps its state. Statuses map as the SP-API connector maps
enforcement actions (connectors/amazon_records.py): a suppressed listing is
``violation_off_shelf``, a search-suppressed one stays on sale with ``search_status =
suppressed``; Amazon's reason and description are kept as the listing's issue and as a notice."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timezone

from shopwatch.imports.columns import column_names, normalise_header
from shopwatch.imports.errors import FileImportError
from shopwatch.imports.tables import Row, Table
from shopwatch.imports.values import clean_cell, is_empty, parse_id, parse_moment
from shopwatch.models import (
    ACTIVE,
    CRITICAL,
    SEARCH_NORMAL,
    SEARCH_SUPPRESSED,
    VIOLATION_OFF_SHELF,
    WARNING,
    ListingRecord,
    NoticeRecord,
)
from shopwatch.timeutil import iso

#: field -> header names (normalised); the first four are the report's own, the rest the
#: hyphenated names older listing-defect reports used
COLUMNS: dict[str, tuple[str, ...]] = {
    "sku": ("sku", "sellersku"),
    "status": ("status",),
    "reason": ("reason", "statuschangereason", "alertname"),
    "asin": ("asin", "asin1"),
    "title": ("productname", "itemname", "title"),
    "condition": ("condition",),
    "changed": ("statuschangedate", "lastupdated"),
    "description": ("issuedescription", "explanation", "description"),
}
REQUIRED = ("sku", "status")

#: what the Status column says (normalised) -> only hidden from search? The report's values
#: are not published; these are the words Seller Central shows on Fix Your Products [U].
SEARCH_ONLY = frozenset({"searchsuppressed", "suppressedfromsearch", "hiddenfromsearch",
                         "search_suppressed", "searchsuppression"})
OFF_SALE = frozenset({"suppressed", "inactive", "listingsuppressed", "listing_suppressed",
                      "detailpageremoved", "removed", "deactivated", "blocked",
                      "catalogitemremoved", "catalog_item_removed", "inactivesuppressed",
                      "suppressedinactive"})
#: an issue this report produced, so a later report without the listing can lift it
SOURCE_MARK = "suppressed listings report"
_ISSUE_SOURCE = "source"


@dataclass(frozen=True, slots=True)
class SuppressedRow:
    """One suppressed listing as the report states it."""

    sku: str
    line: int
    search_only: bool
    status_text: str
    reason: str
    description: str = ""
    asin: str | None = None
    title: str | None = None
    changed_at: str | None = None  # ISO 8601, the day Amazon changed the status

    @property
    def action(self) -> str:
        return "SEARCH_SUPPRESSED" if self.search_only else "LISTING_SUPPRESSED"

    def issue(self) -> dict:
        """The listing's issue, in the connector's shape plus where it came from."""
        return {"code": self.reason or self.status_text, "severity":
                "WARNING" if self.search_only else "ERROR",
                "message": self.description or self.reason or self.status_text,
                "actions": [self.action], _ISSUE_SOURCE: SOURCE_MARK}


def _key(value: str) -> str:
    return re.sub(r"[\s\-]+", "", unicodedata.normalize("NFKC", value).lower())


def _columns(table: Table) -> dict[str, int]:
    names = [column_names(h) for h in (table.names or table.headers)]
    found: dict[str, int] = {}
    for field_name, aliases in COLUMNS.items():
        wanted = [normalise_header(a) for a in aliases]
        for alias in wanted:  # the report's own name first
            index = next((i for i, n in enumerate(names) if alias in n), None)
            if index is not None and index not in found.values():
                found[field_name] = index
                break
    for field_name in REQUIRED:
        if field_name not in found:
            raise FileImportError(
                f"this looks like Amazon's Suppressed Listings report, but it has no "
                f"{field_name.upper() if field_name == 'sku' else field_name.title()} column "
                f"in the header on line {table.header_line}; its columns are: "
                f"{', '.join(h for h in table.headers if h) or '(none)'}.",
                path=table.path, line=table.header_line,
                hint="Download the report again from Seller Central (Fix Your Products).")
    return found


def _status(value: str) -> bool:
    """True: hidden from search only; False: off sale. Raises ValueError."""
    key = _key(clean_cell(value))
    if key in SEARCH_ONLY:
        return True
    if key in OFF_SALE:
        return False
    raise ValueError(f"'{clean_cell(value)[:40]}' is not a status of the Suppressed Listings "
                     "report shopwatch knows (Inactive, Suppressed, Search Suppressed)")


def parse_rows(table: Table) -> tuple[list[SuppressedRow], dict[str, int]]:
    """Every row, checked: a row cut short, an empty or repeated SKU, or an unknown status
    raises FileImportError with its file, line and column; nothing is half-read."""
    columns = _columns(table)
    width = max(columns.values()) + 1
    strict = table.fmt in ("csv", "tsv", "text")
    out: list[SuppressedRow] = []
    seen: dict[str, int] = {}

    def cell(row: Row, name: str) -> str:
        index = columns.get(name)
        return clean_cell(row.cells[index]) if index is not None and index < len(row.cells) \
            else ""

    def fail(message: str, row: Row, name: str | None) -> FileImportError:
        column = table.column_name(columns[name]) if name else None
        return FileImportError(message, path=table.path, line=row.line, column=column)

    for row in table.rows:
        if strict and len(row.cells) < width:
            raise fail(f"the row has only {len(row.cells)} of {len(table.headers)} columns, so "
                       "the file looks cut off or damaged.", row, None)
        try:
            sku = parse_id(cell(row, "sku")) if not is_empty(cell(row, "sku")) else ""
        except ValueError as exc:
            raise fail(f"{exc}.", row, "sku") from None
        if not sku:
            raise fail("the SKU is empty.", row, "sku")
        if sku in seen:
            raise fail(f"SKU {sku} appears twice (lines {seen[sku]} and {row.line}); the report "
                       "lists each suppressed listing once, so the file is inconsistent.",
                       row, "sku")
        seen[sku] = row.line
        try:
            search_only = _status(cell(row, "status"))
            changed = (parse_moment(cell(row, "changed"), tz=timezone.utc)
                       if "changed" in columns else None)
        except ValueError as exc:
            name = "status" if "status" in str(exc) else "changed"
            raise fail(f"{exc}.", row, name) from None
        out.append(SuppressedRow(
            sku=sku, line=row.line, search_only=search_only, status_text=cell(row, "status"),
            reason=cell(row, "reason"), description=cell(row, "description"),
            asin=cell(row, "asin") or None, title=cell(row, "title") or None,
            changed_at=iso(changed) if changed else None))
    return out, columns


def _issues(record: ListingRecord) -> list[dict]:
    try:
        value = json.loads(record.issues or "[]")
    except ValueError:
        return []
    return [i for i in value if isinstance(i, dict)] if isinstance(value, list) else []


def _from_report(record: ListingRecord) -> bool:
    issues = _issues(record)
    return bool(issues) and all(i.get(_ISSUE_SOURCE) == SOURCE_MARK for i in issues)


def overlay(listings: Sequence[ListingRecord], rows: Sequence[SuppressedRow], *,
            reinstate: bool) -> list[ListingRecord]:
    """The shop's listings as the report corrects them. A SKU the listings do not hold is
    added (the report says it exists). With ``reinstate`` (the listings are the shop as stored,
    not a fresh listings export), a listing an earlier report suppressed that this one no longer
    names is live again."""
    by_sku = {r.sku: r for r in rows}
    out = []
    for record in listings:
        row = by_sku.pop(record.listing_id, None)
        if row is not None:
            out.append(apply_row(record, row))
        elif reinstate and _from_report(record):
            out.append(replace(record, status=ACTIVE, search_status=SEARCH_NORMAL, issues="[]"))
        else:
            out.append(record)
    for row in rows:  # suppressed listings the shop did not list yet, in the report's order
        if row.sku in by_sku:
            out.append(apply_row(ListingRecord(listing_id=row.sku, title=row.title or row.sku,
                                               status=ACTIVE), row))
    return out


def apply_row(record: ListingRecord, row: SuppressedRow) -> ListingRecord:
    status = VIOLATION_OFF_SHELF
    if row.search_only:
        # only hidden from search now: an off-sale state an earlier report made is over
        status = ACTIVE if (record.status == VIOLATION_OFF_SHELF and _from_report(record)) \
            else record.status
    return replace(record, status=status,
                   search_status=SEARCH_SUPPRESSED if row.search_only else SEARCH_NORMAL,
                   asin=record.asin or row.asin, outer_id=record.outer_id or row.asin,
                   issues=json.dumps([row.issue()], ensure_ascii=False))


def keep_suppressions(fresh: Sequence[ListingRecord], stored: Sequence[ListingRecord]
                      ) -> list[ListingRecord]:
    """A listings export (All Listings Report) knows nothing of suppression: a listing an
    earlier Suppressed Listings report took off sale, and that the export does not show as
    active, keeps that state and its reason instead of looking reinstated."""
    kept = {r.listing_id: r for r in stored if _from_report(r)}
    out = []
    for record in fresh:
        old = kept.get(record.listing_id)
        if old is None or record.status == ACTIVE and old.status == VIOLATION_OFF_SHELF:
            out.append(record)
        elif old.status == VIOLATION_OFF_SHELF:
            out.append(replace(record, status=VIOLATION_OFF_SHELF, issues=old.issues,
                               asin=record.asin or old.asin))
        else:  # search suppression: the export cannot say it ended
            out.append(replace(record, search_status=old.search_status, issues=old.issues,
                               asin=record.asin or old.asin))
    return out


def notices(rows: Sequence[SuppressedRow]) -> list[NoticeRecord]:
    """One notice per suppressed listing, stable across re-imports of the same state."""
    out = []
    for row in rows:
        notice_kind = "search_suppressed" if row.search_only else "listing_suppressed"
        reason = row.reason or row.status_text
        out.append(NoticeRecord(
            source_id=f"amazon-suppressed:{row.sku}:{row.action}:{reason}"[:200], kind=notice_kind,
            severity=WARNING if row.search_only else CRITICAL, category="listing",
            listing_id=row.sku, listing_ids=(row.sku,), issued_at=row.changed_at,
            # Amazon states no deadline for fixing a suppressed listing: none is invented
            rule_deadline=False,
            title=f"{row.action}: {reason}" + (f" · {row.title}" if row.title else ""),
            text=f"[{reason}] {row.description}".strip() + (
                f" (ASIN {row.asin})" if row.asin else "")))
    return out
