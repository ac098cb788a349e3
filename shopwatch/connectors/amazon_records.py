"""What SP-API's answers mean to shopwatch: the listings report's tab-separated rows, the
issues and enforcement actions of Listings Items, and the account health report, turned into
``ListingRecord`` and ``NoticeRecord``. Pure functions, no I/O.

Mapping (issue 17): an applied LISTING_SUPPRESSED or CATALOG_ITEM_REMOVED makes the listing
``violation_off_shelf``; an applied SEARCH_SUPPRESSED, or a summary without DISCOVERABLE, makes it
search-suppressed; every enforced issue is also a notice (its code and message kept), and an
EXEMPT_UNTIL_EXPIRY_DATE exemption's expiry is that notice's deadline, so the 72 h / 24 h
deadline warnings fire before the enforcement starts.
"""

from __future__ import annotations

import csv
import gzip
import json
import zlib
from dataclasses import dataclass

from shopwatch.connectors.base import IncompleteSync
from shopwatch.models import (
    ACTIVE,
    CRITICAL,
    INFO,
    SEARCH_NORMAL,
    SEARCH_SUPPRESSED,
    SELLER_OFF_SHELF,
    VIOLATION_OFF_SHELF,
    WARNING,
    ListingRecord,
    NoticeRecord,
)

OFF_SHELF_ACTIONS = frozenset({"LISTING_SUPPRESSED", "CATALOG_ITEM_REMOVED"})
SEARCH_ACTION = "SEARCH_SUPPRESSED"
EXEMPT_UNTIL = "EXEMPT_UNTIL_EXPIRY_DATE"
EXEMPT = "EXEMPT"

#: the listings report's columns shopwatch reads (the report has ~30; absent ones are None)
SKU_COL, NAME_COL, PRICE_COL, QTY_COL, ASIN_COL, STATUS_COL = (
    "seller-sku", "item-name", "price", "quantity", "asin1", "status")

#: account-health policy metrics (accountHealthReport-2020-11-18 schema) -> notice kind
POLICY_KINDS = {
    "listingPolicyViolations": "listing_policy",
    "receivedIntellectualPropertyComplaints": "ip_complaint",
    "suspectedIntellectualPropertyViolations": "ip_complaint",
    "productAuthenticityCustomerComplaints": "authenticity",
    "productConditionCustomerComplaints": "product_condition",
    "productSafetyCustomerComplaints": "product_safety",
    "foodAndProductSafetyIssues": "product_safety",
    "restrictedProductPolicyViolations": "restricted_product",
    "otherPolicyViolations": "other_policy",
}


@dataclass(frozen=True, slots=True)
class Issue:
    """One Listings Items issue, as the CLI's JSON shows it."""

    code: str
    severity: str
    message: str
    actions: tuple[str, ...] = ()
    exemption: str | None = None
    expiry: str | None = None
    categories: tuple[str, ...] = ()

    @property
    def applied(self) -> tuple[str, ...]:
        """Actions in force now (an exemption holds them off)."""
        return () if self.exemption in (EXEMPT, EXEMPT_UNTIL) else self.actions

    def as_json(self) -> dict:
        return {"code": self.code, "severity": self.severity, "message": self.message,
                "actions": list(self.actions)}


def decode_document(raw: bytes, compression: str | None) -> str:
    """A report document's text. A truncated or corrupt GZIP stream is IncompleteSync."""
    if compression:
        if compression.upper() != "GZIP":
            raise IncompleteSync(f"Amazon sent the report compressed as {compression}, which "
                                 "shopwatch cannot read; nothing was changed.")
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error):
            raise IncompleteSync("The listings report arrived cut short (its compressed data "
                                 "ends early); nothing is marked deleted.",
                                 hint="Sync again in a moment.") from None
    # Amazon writes these reports in the marketplace's encoding: UTF-8 in most, Windows-1252
    # (or Shift-JIS in Japan) in some; undecodable bytes must not lose a row.
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def parse_listings_report(text: str) -> list[dict[str, str]]:
    """Rows of GET_MERCHANT_LISTINGS_ALL_DATA by column name. A report whose last line is cut
    short (fewer cells than the header, or no final newline on a short row) raises
    IncompleteSync: the catalogue would otherwise silently lose its tail."""
    if not text.strip():
        raise IncompleteSync("Amazon's listings report was empty, not even a header; nothing is "
                             "marked deleted.", hint="Sync again in a moment.")
    lines = text.splitlines()
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = [h.strip().lower() for h in next(reader)]
    if SKU_COL not in header:
        raise IncompleteSync("Amazon's listings report has no seller-sku column; nothing is "
                             "marked deleted.", hint="Sync again; if it persists, report it.")
    rows = []
    for n, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) < len(header):
            raise IncompleteSync(
                f"Amazon's listings report is cut short at line {n} ({len(cells)} of "
                f"{len(header)} columns); nothing is marked deleted.",
                hint="Sync again in a moment.")
        rows.append(dict(zip(header, (c.strip() for c in cells), strict=False)))
    return rows


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text.encode("utf-8", "replace").decode("utf-8") or None


def _list(value: object) -> list:
    """A JSON array, or nothing: an odd answer must not stop the mapping."""
    return value if isinstance(value, list) else []


def parse_issues(raw: object) -> tuple[Issue, ...]:
    out = []
    for entry in _list(raw):
        if not isinstance(entry, dict):
            continue
        enforcements = entry.get("enforcements") if isinstance(entry.get("enforcements"),
                                                               dict) else {}
        actions = tuple(a.get("action") for a in _list(enforcements.get("actions"))
                        if isinstance(a, dict) and isinstance(a.get("action"), str))
        exemption = enforcements.get("exemption") if isinstance(enforcements.get("exemption"),
                                                                dict) else {}
        out.append(Issue(
            code=_text(entry.get("code")) or "", severity=_text(entry.get("severity")) or "INFO",
            message=_text(entry.get("message")) or "", actions=actions,
            exemption=_text(exemption.get("status")), expiry=_text(exemption.get("expiryDate")),
            categories=tuple(c for c in _list(entry.get("categories")) if isinstance(c, str))))
    return tuple(out)


def summary_for(item: dict, marketplace_id: str) -> dict:
    for summary in _list(item.get("summaries")):
        if isinstance(summary, dict) and summary.get("marketplaceId") == marketplace_id:
            return summary
    return {}


def listing_from_report(row: dict[str, str], *, currency: str, url_base: str) -> ListingRecord:
    asin = row.get(ASIN_COL) or None
    quantity = row.get(QTY_COL)
    status = ACTIVE if (row.get(STATUS_COL) or "").lower() == "active" else SELLER_OFF_SHELF
    return ListingRecord(
        listing_id=row[SKU_COL], title=row.get(NAME_COL) or row[SKU_COL], status=status,
        price=row.get(PRICE_COL) or None, currency=currency,
        quantity=int(quantity) if quantity and quantity.isdigit() else None,
        url=f"{url_base}/dp/{asin}" if asin else None, outer_id=asin,
        search_status=SEARCH_NORMAL, asin=asin, issues="[]")


def apply_item(base: ListingRecord | None, item: dict, marketplace_id: str, *,
               currency: str, url_base: str) -> ListingRecord:
    """A listing as its report row says, corrected by its Listings Items summary and issues."""
    from dataclasses import replace

    summary = summary_for(item, marketplace_id)
    issues = parse_issues(item.get("issues"))
    applied = {a for i in issues for a in i.applied}
    sku = str(item.get("sku"))
    asin = _text(summary.get("asin"))
    if base is None:
        base = ListingRecord(listing_id=sku, title=_text(summary.get("itemName")) or sku,
                             status=ACTIVE, currency=currency,
                             url=f"{url_base}/dp/{asin}" if asin else None, outer_id=asin)
    statuses = summary.get("status") if isinstance(summary.get("status"), list) else None
    status = base.status
    if statuses is not None and "BUYABLE" not in statuses and status == ACTIVE:
        status = SELLER_OFF_SHELF  # not buyable and no enforcement: inactive (e.g. no stock)
    if applied & OFF_SHELF_ACTIONS:
        status = VIOLATION_OFF_SHELF
    elif statuses is not None and "BUYABLE" in statuses:
        status = ACTIVE
    search = SEARCH_NORMAL
    if SEARCH_ACTION in applied or (status == ACTIVE and statuses is not None
                                    and "DISCOVERABLE" not in statuses):
        search = SEARCH_SUPPRESSED
    return replace(base, status=status, search_status=search,
                   outer_id=base.outer_id or asin, asin=base.asin or asin,
                   issues=issues_json(issues),
                   modified=_text(summary.get("lastUpdatedDate")) or base.modified)


def issues_json(issues: tuple[Issue, ...]) -> str:
    return json.dumps([i.as_json() for i in issues], ensure_ascii=False)


def issue_notices(sku: str, item: dict, *, issued_at: str | None) -> list[NoticeRecord]:
    """One notice per enforced issue of a SKU (an issue with no enforcement is not a notice)."""
    out = []
    for issue in parse_issues(item.get("issues")):
        if not issue.actions:
            continue
        said = issue.message.lower()
        if "intellectual property" in said or "trademark" in said or "copyright" in said:
            notice_kind = "ip_complaint"
        elif "authentic" in said or "counterfeit" in said:
            notice_kind = "authenticity"
        elif set(issue.actions) & OFF_SHELF_ACTIONS:
            notice_kind = ("catalog_item_removed" if "CATALOG_ITEM_REMOVED" in issue.actions
                    else "listing_suppressed")
        elif SEARCH_ACTION in issue.actions:
            notice_kind = "search_suppressed"
        else:
            notice_kind = "attribute_suppressed"
        severity = CRITICAL if issue.severity == "ERROR" and issue.applied else WARNING
        deadline = issue.expiry if issue.exemption == EXEMPT_UNTIL else None
        title = f"{', '.join(issue.actions)}: {issue.code}"
        if deadline:
            title += f" (exempt until {deadline})"
        out.append(NoticeRecord(
            source_id=f"amazon-issue:{sku}:{issue.code}", kind=notice_kind, severity=severity,
            category="listing", listing_id=sku, issued_at=issued_at,
            appeal_deadline=deadline, title=title,
            text=f"[{issue.code}] {issue.message}"))
    return out


def health_notices(report: object, marketplace_id: str, *,
                   issued_at: str | None) -> tuple[str | None, list[NoticeRecord]]:
    """(account status for the marketplace, notices). AT_RISK / DEACTIVATED is a notice; each
    policy with defects is a notice whose id changes with the count, so a new defect is new."""
    if not isinstance(report, dict) or not isinstance(report.get("accountStatuses"), list):
        raise IncompleteSync("Amazon's account health report has no account status; notices "
                             "were not read.", hint="Sync again later.")
    status = next((s.get("status") for s in report["accountStatuses"]
                   if isinstance(s, dict) and s.get("marketplaceId") == marketplace_id), None)
    notices: list[NoticeRecord] = []
    if status and status != "NORMAL":
        notices.append(NoticeRecord(
            source_id=f"amazon-health:{marketplace_id}:status:{status}", kind="account_health",
            severity=CRITICAL, category="account", issued_at=issued_at,
            title=f"Account status {status}",
            text=f"Amazon reports this seller account as {status} in marketplace "
                 f"{marketplace_id}."))
    for metrics in _list(report.get("performanceMetrics")):
        if not isinstance(metrics, dict) or metrics.get("marketplaceId") not in (
                None, marketplace_id):
            continue
        for key, kind in POLICY_KINDS.items():
            metric = metrics.get(key)
            if not isinstance(metric, dict):
                continue
            try:
                count = int(metric.get("defectsCount") or 0)
            except (TypeError, ValueError):
                continue
            if count <= 0:
                continue
            notices.append(NoticeRecord(
                source_id=f"amazon-health:{marketplace_id}:{key}:{count}", kind=kind,
                severity=CRITICAL if metric.get("status") == "BAD" else INFO,
                category="account", issued_at=issued_at,
                title=f"{key}: {count} defect{'s' if count != 1 else ''}",
                text=f"Account health: {count} {key} (status {metric.get('status')}, target "
                     f"{metric.get('targetCondition')} {metric.get('targetValue')})."))
    return status, notices
