"""The Amazon Selling Partner API connector: the whole catalogue from the listings report, the
status and issues of every SKU that has issues from Listings Items search, single-SKU look-ups,
and notices from enforced issues and the account health report.

A complete run is the report (every row whole) plus every page of the issue search (distinct
SKUs equal to ``numberOfResults``); anything less raises IncompleteSync, so sync never reads a
short fetch as listings gone. Search is not used to page the whole catalogue: Amazon points to
the report for that, and search at 20 a page and 5 a second would take 3 minutes per 20,000 SKUs.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import Any

from shopwatch.connectors.amazon_client import (
    REGION_ENDPOINTS,
    TOKEN_ENDPOINT,
    ItemNotFound,
    SpApiClient,
)
from shopwatch.connectors.amazon_records import (
    SKU_COL,
    Issue,
    apply_item,
    decode_document,
    health_notices,
    issue_notices,
    listing_from_report,
    parse_issues,
    parse_listings_report,
)
from shopwatch.connectors.base import (
    CAP_LISTINGS,
    CAP_LOOKUP,
    CAP_NOTICES,
    CAP_SEARCH_STATUS,
    CancelCheck,
    Cancelled,
    IncompleteSync,
    Progress,
    SourceError,
)
from shopwatch.models import ListingRecord, NoticeRecord

__all__ = ["REGION_ENDPOINTS", "TOKEN_ENDPOINT", "AmazonConnector"]

log = logging.getLogger(__name__)

LISTINGS_REPORT = "GET_MERCHANT_LISTINGS_ALL_DATA"
HEALTH_REPORT = "GET_V2_SELLER_PERFORMANCE_REPORT"
SEARCH_PAGE_SIZE = 20  # the model's maximum for searchListingsItems
ISSUE_SEVERITIES = ("ERROR", "WARNING")  # the values withIssueSeverity accepts

#: marketplace id -> (currency, storefront) for the common marketplaces; others fall back
MARKETPLACES = {
    "ATVPDKIKX0DER": ("USD", "https://www.amazon.com"),
    "A2EUQ1WTGCTBG2": ("CAD", "https://www.amazon.ca"),
    "A1AM78C64UM0Y8": ("MXN", "https://www.amazon.com.mx"),
    "A1F83G8C2ARO7P": ("GBP", "https://www.amazon.co.uk"),
    "A1PA6795UKMFR9": ("EUR", "https://www.amazon.de"),
    "A13V1IB3VIYZZH": ("EUR", "https://www.amazon.fr"),
    "APJ6JRA9NG5V4": ("EUR", "https://www.amazon.it"),
    "A1RKKUPIHCS9HS": ("EUR", "https://www.amazon.es"),
    "A1VC38T7YXB528": ("JPY", "https://www.amazon.co.jp"),
    "A39IBJ37TRP1C6": ("AUD", "https://www.amazon.com.au"),
}


class AmazonConnector:
    """Reads one seller's listings in one marketplace through SP-API."""

    capabilities = frozenset({CAP_LISTINGS, CAP_LOOKUP, CAP_NOTICES, CAP_SEARCH_STATUS})

    def __init__(
        self, endpoint: str, client_id: str, client_secret: str, refresh_token: str, *,
        seller_id: str, marketplace_id: str, token_endpoint: str = TOKEN_ENDPOINT,
        poll_interval: float = 15.0, max_report_wait: float = 1800.0,
        clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep,
        **options: Any,
    ) -> None:
        """``options``: SpApiClient's keyword options (timeout, retries, backoff, http…)."""
        self.client = SpApiClient(endpoint, client_id, client_secret, refresh_token,
                                  token_endpoint=token_endpoint, clock=clock, sleep=sleep,
                                  **options)
        self.seller_id = seller_id
        self.marketplace_id = marketplace_id
        self.poll_interval = poll_interval
        self.max_report_wait = max_report_wait
        self._clock = clock
        self._sleep = sleep
        self.currency, self.url_base = MARKETPLACES.get(marketplace_id,
                                                        ("USD", "https://www.amazon.com"))
        self._issue_items: dict[str, dict] | None = None
        #: SKU -> issues and ASIN from the last complete fetch (the CLI shows them)
        self.issues: dict[str, tuple[Issue, ...]] = {}
        self.account_status: str | None = None

    def __repr__(self) -> str:
        return (f"<AmazonConnector endpoint={self.client.endpoint!r} seller={self.seller_id!r} "
                f"marketplace={self.marketplace_id!r}>")

    def close(self) -> None:
        self.client.close()

    # ----------------------------------------------------------------- listings

    def fetch_listings(
        self, progress: Progress | None = None, cancel: CancelCheck | None = None
    ) -> tuple[list[ListingRecord], int]:
        """Every SKU of the seller in the marketplace, or raise. Returns (records, pages)."""
        def tell(pages: int, items: int, message: str) -> None:
            if progress is not None:
                progress(pages, items, message)

        text = self._report(LISTINGS_REPORT, cancel, lambda m: tell(0, 0, m))
        rows = parse_listings_report(text)
        records: dict[str, ListingRecord] = {}
        for row in rows:
            if row.get(SKU_COL):
                records[row[SKU_COL]] = listing_from_report(row, currency=self.currency,
                                                            url_base=self.url_base)
        tell(1, len(records), f"listings report: {len(records)} SKUs")
        items, pages = self._issue_search(cancel, lambda p, n: tell(1 + p, len(records),
                                                                    f"SKUs with issues: {n}"))
        for sku, item in items.items():
            records[sku] = apply_item(records.get(sku), item, self.marketplace_id,
                                      currency=self.currency, url_base=self.url_base)
        self._issue_items = items
        self.issues = {sku: parse_issues(item.get("issues")) for sku, item in items.items()}
        return list(records.values()), 1 + pages

    def _issue_search(
        self, cancel: CancelCheck | None, page_done: Callable[[int, int], None]
    ) -> tuple[dict[str, dict], int]:
        params: dict[str, Any] = {
            "marketplaceIds": self.marketplace_id, "includedData": "summaries,issues",
            "withIssueSeverity": ",".join(ISSUE_SEVERITIES), "pageSize": SEARCH_PAGE_SIZE,
            "sortBy": "sku", "sortOrder": "ASC",
        }
        path = f"/listings/2021-08-01/items/{SpApiClient.quote(self.seller_id)}"
        items: dict[str, dict] = {}
        total: int | None = None
        pages = 0
        token: str | None = None
        seen_tokens: set[str] = set()
        while True:
            self._check(cancel)
            answer = self.client.call("searchListingsItems", "GET", path,
                                      params={**params, "pageToken": token}, cancel=cancel)
            pages += 1
            count = answer.get("numberOfResults")
            if not isinstance(count, int) or isinstance(count, bool):
                raise IncompleteSync("Amazon did not say how many SKUs have issues; nothing is "
                                     "marked deleted.", hint="Sync again in a moment.")
            if total is None:
                total = count
            elif count != total:
                raise IncompleteSync(
                    f"The number of SKUs with issues changed from {total} to {count} during "
                    "the sync; nothing is marked deleted.", hint="Sync again in a moment.")
            page_items = answer.get("items")
            for item in page_items if isinstance(page_items, list) else []:
                if isinstance(item, dict) and isinstance(item.get("sku"), str):
                    items[item["sku"]] = item
            page_done(pages, len(items))
            pagination = answer.get("pagination")
            token = pagination.get("nextToken") if isinstance(pagination, dict) else None
            if not token:
                break
            if token in seen_tokens or pages > total // SEARCH_PAGE_SIZE + 1:
                # A token served twice (or more pages than the count allows) would loop forever.
                raise IncompleteSync("Amazon's issue search kept sending pages it had already "
                                     "sent; nothing is marked deleted.",
                                     hint="Sync again in a moment.")
            seen_tokens.add(token)
        if len(items) != total:
            raise IncompleteSync(
                f"Amazon reported {total} SKUs with issues but sent {len(items)}; nothing is "
                "marked deleted.", hint="Sync again in a moment.")
        return items, pages

    # ----------------------------------------------------------------- look-up

    def lookup(self, listing_id: str) -> ListingRecord | None:
        """One SKU via getListingsItem; None when Amazon answers 404 (it no longer exists)."""
        path = (f"/listings/2021-08-01/items/{SpApiClient.quote(self.seller_id)}/"
                f"{SpApiClient.quote(listing_id)}")
        try:
            item = self.client.call("getListingsItem", "GET", path, params={
                "marketplaceIds": self.marketplace_id, "includedData": "summaries,issues"},
                gone_ok=True)
        except ItemNotFound:
            return None
        if item.get("sku") != listing_id:
            raise SourceError(f"Amazon answered the look-up of SKU {listing_id} with another "
                              "item.", hint="Sync again later; nothing was changed.")
        self.issues[listing_id] = parse_issues(item.get("issues"))
        return apply_item(None, item, self.marketplace_id, currency=self.currency,
                          url_base=self.url_base)

    # ----------------------------------------------------------------- notices

    def fetch_notices(self, progress: Progress | None = None,
                      cancel: CancelCheck | None = None) -> list[NoticeRecord]:
        """Enforced issues of every SKU and the account health report, as notices."""
        if self._issue_items is None:
            self._issue_items, _ = self._issue_search(cancel, lambda p, n: None)
        # Amazon does not say when an issue was raised: sync dates it by its own clock.
        stamp = None
        notices: list[NoticeRecord] = []
        for sku, item in self._issue_items.items():
            notices += issue_notices(sku, item, issued_at=stamp)
        text = self._report(HEALTH_REPORT, cancel, lambda m: None)
        try:
            report = json.loads(text)
        except ValueError:
            raise IncompleteSync("Amazon's account health report could not be read (it may be "
                                 "cut short); nothing was changed.",
                                 hint="Sync again later.") from None
        self.account_status, health = health_notices(report, self.marketplace_id,
                                                     issued_at=stamp)
        return notices + health

    def fetch_metrics(self, since_day: str | None) -> list:
        return []

    # ----------------------------------------------------------------- reports

    def _report(self, report_type: str, cancel: CancelCheck | None,
                say: Callable[[str], None]) -> str:
        """createReport -> getReport (poll) -> getReportDocument -> download, decoded."""
        created = self.client.call(
            "createReport", "POST", "/reports/2021-06-30/reports",
            body={"reportType": report_type, "marketplaceIds": [self.marketplace_id]},
            cancel=cancel)
        report_id = created.get("reportId")
        if not isinstance(report_id, str) or not report_id:
            raise SourceError(f"Amazon accepted the {report_type} request without a report id.",
                              hint="Sync again later; nothing was changed.")
        started = self._clock()
        # Small reports are ready in seconds, big ones in minutes: poll at 0.5 s, doubling up
        # to poll_interval (getReport allows 2 a second, burst 15).
        wait = min(0.5, self.poll_interval)
        while True:
            self._check(cancel)
            report = self.client.call("getReport", "GET",
                                      f"/reports/2021-06-30/reports/{SpApiClient.quote(report_id)}",
                                      cancel=cancel)
            state = report.get("processingStatus")
            if state == "DONE":
                break
            if state in ("CANCELLED", "FATAL"):
                raise IncompleteSync(
                    f"Amazon could not produce the {report_type} report ({state}); nothing is "
                    "marked deleted.", hint="Sync again later.")
            if self._clock() - started > self.max_report_wait:
                raise IncompleteSync(
                    f"Amazon's {report_type} report was still {state} after "
                    f"{self.max_report_wait / 60:g} minutes; nothing is marked deleted.",
                    hint="Sync again later.")
            say(f"waiting for Amazon's {report_type} report ({state})")
            self._pause(wait, cancel)
            wait = min(wait * 2, self.poll_interval)
        document_id = report.get("reportDocumentId")
        if not isinstance(document_id, str) or not document_id:
            raise IncompleteSync(f"Amazon finished the {report_type} report without a document; "
                                 "nothing is marked deleted.", hint="Sync again later.")
        document = self.client.call(
            "getReportDocument", "GET",
            f"/reports/2021-06-30/documents/{SpApiClient.quote(document_id)}", cancel=cancel)
        url = document.get("url")
        if not isinstance(url, str) or not url:
            raise IncompleteSync(f"Amazon gave no download address for the {report_type} "
                                 "report; nothing is marked deleted.", hint="Sync again later.")
        raw = self.client.download(url, cancel=cancel)
        return decode_document(raw, document.get("compressionAlgorithm"))

    def _pause(self, seconds: float, cancel: CancelCheck | None) -> None:
        remaining = seconds
        while remaining > 0:
            self._check(cancel)
            step = min(remaining, 1.0)
            self._sleep(step)
            remaining -= step

    @staticmethod
    def _check(cancel: CancelCheck | None) -> None:
        if cancel is not None and cancel():
            raise Cancelled("Sync cancelled; nothing was changed.")
