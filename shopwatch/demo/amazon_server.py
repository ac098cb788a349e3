"""A loopback server speaking the parts of SP-API and Login with Amazon that shopwatch uses,
over an :class:`~shopwatch.demo.amazon_market.AmazonMarket`, with fault switches for tests.

Shapes follow Amazon's published models (listingsItems_2021-08-01, reports_2021-06-30,
accountHealthReport-2020-11-18): ``ItemSearchResults`` with ``numberOfResults`` and
``pagination.nextToken``, ``ErrorList`` bodies, 202 from createReport, IN_PROGRESS then DONE
from getReport, a presigned-style document URL (GZIP for the listings report) served apart from
the API, and an ``x-amzn-RateLimit-Limit`` header on every API answer. Only binds 127.0.0.1:
the ``/demo/`` admin endpoints have no authentication.
"""

from __future__ import annotations

import base64
import gzip
import json
import secrets
import threading
import time
import zlib
from dataclasses import asdict, dataclass, fields
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from shopwatch.demo.amazon_market import AmazonMarket

RATE_LIMITS = {"searchListingsItems": "5.0", "getListingsItem": "5.0", "createReport": "0.0167",
               "getReport": "2.0", "getReportDocument": "0.0167"}
REPORT_COLUMNS = (
    "item-name", "item-description", "listing-id", "seller-sku", "price", "quantity",
    "open-date", "image-url", "item-is-marketplace", "product-id-type", "zshop-shipping-fee",
    "item-note", "item-condition", "zshop-category1", "zshop-browse-path",
    "zshop-storefront-feature", "asin1", "asin2", "asin3", "will-ship-internationally",
    "expedited-shipping", "zshop-boldface", "product-id", "bid-for-featured-placement",
    "add-delete", "pending-quantity", "fulfillment-channel", "merchant-shipping-group", "status",
)


@dataclass(slots=True)
class AmazonFaults:
    """Fault switches; ``operation`` limits them to one SP-API operation (or "download" /
    "token"). ``times``: None fires every time; n fires n times, then all switches clear."""

    http_429: bool = False
    retry_after: int | None = None
    http_500: bool = False
    slow_seconds: float = 0.0  # sleep before answering (a client timeout below it = timeout)
    truncated_report: bool = False  # the listings document loses its second half
    expired_token: bool = False  # every access token is refused (403 Unauthorized)
    revoked_refresh_token: bool = False  # LWA answers 400 invalid_grant
    count_mismatch: int = 0  # numberOfResults is off by this much
    drop_from_page: int | None = None  # this search page loses its last item
    report_fatal: bool = False  # getReport answers FATAL
    operation: str | None = None
    times: int | None = None


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], owner: AmazonDemoServer) -> None:
        super().__init__(address, _Handler)
        self.owner = owner

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hung up mid-answer (timeout tests) is not worth a traceback


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def _dispatch(self, verb: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        status, headers, payload = self.server.owner.handle(verb, self.path, dict(self.headers),
                                                            body)
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def _json(status: int, payload: Any, **headers: str) -> tuple[int, dict, bytes]:
    return status, {"Content-Type": "application/json", **headers}, json.dumps(payload).encode()


def _errors(status: int, code: str, message: str, details: str = "", **headers: str):
    error = {"code": code, "message": message}
    if details:
        error["details"] = details
    return _json(status, {"errors": [error]}, **headers)


class AmazonDemoServer:
    """The simulated SP-API + LWA on 127.0.0.1; ``endpoint`` and ``token_endpoint`` for clients."""

    def __init__(self, market: AmazonMarket, *, port: int = 0) -> None:
        self.market = market
        self._port = port
        self._server: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.faults = AmazonFaults()
        self._tokens: set[str] = set()
        self._reports: dict[str, dict] = {}
        self._documents: dict[str, bytes] = {}
        self.counts: dict[str, int] = {}
        self.token_header_on_download = False

    # ----------------------------------------------------------------- lifecycle

    def start(self) -> AmazonDemoServer:
        self._server = _HTTPServer(("127.0.0.1", self._port), self)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True,
                                        name="amazon-demo-server")
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> AmazonDemoServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def endpoint(self) -> str:
        assert self._server is not None, "start the server first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def token_endpoint(self) -> str:
        return self.endpoint + "/auth/o2/token"

    def credentials(self) -> dict[str, str]:
        m = self.market
        return {"endpoint": self.endpoint, "token_endpoint": self.token_endpoint,
                "client_id": m.client_id, "client_secret": m.client_secret,
                "refresh_token": m.refresh_token, "seller_id": m.seller_id,
                "marketplace_id": m.marketplace_id}

    def set_faults(self, **switches: Any) -> None:
        with self._lock:
            self.faults = AmazonFaults(**switches)

    def clear_faults(self) -> None:
        self.set_faults()

    # ----------------------------------------------------------------- faults

    def _fault(self, operation: str) -> AmazonFaults | None:
        """The switches that apply to this request (and spend one ``times``), or None."""
        with self._lock:
            f = self.faults
            active = any(getattr(f, x.name) not in (None, False, 0, 0.0)
                         for x in fields(f) if x.name not in ("operation", "times",
                                                              "retry_after"))
            if not active or (f.operation and f.operation != operation):
                return None
            if f.times is not None:
                if f.times <= 0:
                    return None
                f.times -= 1
                snapshot = AmazonFaults(**asdict(f))
                if f.times == 0:
                    self.faults = AmazonFaults()
                return snapshot
            return f

    # ----------------------------------------------------------------- routing

    def handle(self, verb: str, raw_path: str, headers: dict, body: bytes):
        parts = urlsplit(raw_path)
        path = parts.path
        query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        if path.startswith("/demo/"):
            return self._admin(verb, path, body)
        if path == "/auth/o2/token" and verb == "POST":
            return self._token(body)
        if path.startswith("/documents-bucket/"):
            return self._download(path.rsplit("/", 1)[-1], headers)
        operation, args = self._route(verb, path)
        if operation is None:
            return _errors(404, "NotFound", "Resource not found.")
        self.counts[operation] = self.counts.get(operation, 0) + 1
        limit = {"x-amzn-RateLimit-Limit": RATE_LIMITS.get(operation, "1.0"),
                 "x-amzn-RequestId": secrets.token_hex(8)}
        fault = self._fault(operation)
        if fault and fault.slow_seconds:
            time.sleep(fault.slow_seconds)
        lowered = {k.lower(): v for k, v in headers.items()}
        token = lowered.get("x-amz-access-token")
        if not token or token not in self._tokens or (fault and fault.expired_token):
            return _errors(403, "Unauthorized", "Access to requested resource is denied.",
                           "The access token you provided has expired.", **limit)
        if fault and fault.http_429:
            extra = {"Retry-After": str(fault.retry_after)} if fault.retry_after else {}
            return _errors(429, "QuotaExceeded", "You exceeded your quota for the requested "
                           "resource.", **limit, **extra)
        if fault and fault.http_500:
            return 500, {"Content-Type": "text/html"}, b"<html><body>Internal error</body></html>"
        with self._lock:
            listings, health = self.market.state()
        if operation == "searchListingsItems":
            return self._search(args["seller"], query, listings, fault, limit)
        if operation == "getListingsItem":
            return self._get_item(args["seller"], args["sku"], query, listings, limit)
        if operation == "createReport":
            return self._create_report(body, listings, health, limit)
        if operation == "getReport":
            return self._get_report(args["id"], fault, limit)
        return self._get_document(args["id"], limit)

    @staticmethod
    def _route(verb: str, path: str) -> tuple[str | None, dict[str, str]]:
        segs = [unquote(s) for s in path.strip("/").split("/")]
        if segs[:3] == ["listings", "2021-08-01", "items"] and verb == "GET":
            if len(segs) == 4:
                return "searchListingsItems", {"seller": segs[3]}
            if len(segs) == 5:
                return "getListingsItem", {"seller": segs[3], "sku": segs[4]}
        if segs[:3] == ["reports", "2021-06-30", "reports"]:
            if len(segs) == 3 and verb == "POST":
                return "createReport", {}
            if len(segs) == 4 and verb == "GET":
                return "getReport", {"id": segs[3]}
        if segs[:3] == ["reports", "2021-06-30", "documents"] and len(segs) == 4:
            return "getReportDocument", {"id": segs[3]}
        return None, {}

    # ----------------------------------------------------------------- LWA

    def _token(self, body: bytes):
        form = {k: v[-1] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
        m = self.market
        fault = self._fault("token")
        if fault and fault.http_500:
            return 500, {"Content-Type": "text/html"}, b"<html>Service Unavailable</html>"
        if form.get("grant_type") != "refresh_token":
            return _json(400, {"error": "unsupported_grant_type",
                               "error_description": "The authorization grant type is not "
                                                    "supported by the authorization server"})
        if form.get("client_id") != m.client_id or form.get("client_secret") != m.client_secret:
            return _json(401, {"error": "invalid_client",
                               "error_description": "Client authentication failed"})
        if form.get("refresh_token") != m.refresh_token or (fault and
                                                            fault.revoked_refresh_token):
            return _json(400, {"error": "invalid_grant",
                               "error_description": "The request has an invalid grant parameter "
                                                    ": refresh_token"})
        token = "Atza|demo-" + secrets.token_urlsafe(24)
        self._tokens.add(token)
        self.counts["token"] = self.counts.get("token", 0) + 1
        return _json(200, {"access_token": token, "refresh_token": m.refresh_token,
                           "token_type": "bearer", "expires_in": 3600})

    # ----------------------------------------------------------------- Listings Items

    def _item_json(self, item, included: set[str]) -> dict:
        out: dict = {"sku": item.sku}
        if "summaries" in included:
            out["summaries"] = [{
                "marketplaceId": self.market.marketplace_id, "asin": item.asin,
                "productType": "HOME", "conditionType": "new_new", "status": item.statuses,
                "itemName": item.title, "createdDate": item.created,
                "lastUpdatedDate": item.updated}]
        if "issues" in included:
            out["issues"] = [i.as_json() for i in item.issues]
        return out

    def _search(self, seller: str, query: dict, listings: dict, fault, limit: dict):
        if seller != self.market.seller_id:
            return _errors(403, "Unauthorized", "Access to requested resource is denied.",
                           **limit)
        if not query.get("marketplaceIds"):
            return _errors(400, "InvalidInput", "Missing required 'marketplaceIds'.", **limit)
        try:
            size = int(query.get("pageSize") or 10)
        except ValueError:
            size = 0
        if not 1 <= size <= 20:
            return _errors(400, "InvalidInput", "'pageSize' must be between 1 and 20.", **limit)
        severities = {s for s in (query.get("withIssueSeverity") or "").split(",") if s}
        if severities - {"WARNING", "ERROR"}:
            return _errors(400, "InvalidInput", "Invalid 'withIssueSeverity'.", **limit)
        chosen = sorted((i for i in listings.values()
                         if not severities or any(x.severity in severities for x in i.issues)),
                        key=lambda i: i.sku)
        try:
            offset = int(base64.urlsafe_b64decode(query["pageToken"]).decode()) \
                if query.get("pageToken") else 0
        except (ValueError, UnicodeDecodeError):
            return _errors(400, "InvalidInput", "Invalid 'pageToken'.", **limit)
        page = chosen[offset:offset + size]
        page_no = offset // size + 1
        if fault and fault.drop_from_page == page_no and page:
            page = page[:-1]
        included = set((query.get("includedData") or "summaries").split(","))
        answer: dict = {"numberOfResults": len(chosen) + (fault.count_mismatch if fault else 0),
                        "items": [self._item_json(i, included) for i in page]}
        if offset + size < len(chosen):
            token = base64.urlsafe_b64encode(str(offset + size).encode()).decode()
            answer["pagination"] = {"nextToken": token}
        return _json(200, answer, **limit)

    def _get_item(self, seller: str, sku: str, query: dict, listings: dict, limit: dict):
        if seller != self.market.seller_id:
            return _errors(403, "Unauthorized", "Access to requested resource is denied.",
                           **limit)
        item = listings.get(sku)
        if item is None:
            return _errors(404, "NOT_FOUND", f"SKU '{sku}' not found in marketplace "
                           f"{self.market.marketplace_id}", **limit)
        included = set((query.get("includedData") or "summaries").split(","))
        return _json(200, self._item_json(item, included), **limit)

    # ----------------------------------------------------------------- Reports

    def _create_report(self, body: bytes, listings: dict, health, limit: dict):
        try:
            spec = json.loads(body or b"{}")
        except ValueError:
            return _errors(400, "InvalidInput", "Invalid request body.", **limit)
        kind = spec.get("reportType")
        if not spec.get("marketplaceIds"):
            return _errors(400, "InvalidInput", "Missing required 'marketplaceIds'.", **limit)
        if kind == "GET_MERCHANT_LISTINGS_ALL_DATA":
            content = gzip.compress(self._listings_tsv(listings).encode("utf-8"), mtime=0)
            compression = "GZIP"
        elif kind == "GET_V2_SELLER_PERFORMANCE_REPORT":
            content = json.dumps(self._health_json(health)).encode()
            compression = None
        else:
            return _errors(400, "InvalidInput", f"Report type {kind} is not supported by the "
                           "demo.", **limit)
        report_id = str(50_000 + len(self._reports) + 1)
        document_id = f"amzn1.spdoc.1.4.na.{secrets.token_hex(8)}"
        self._documents[document_id] = content
        self._reports[report_id] = {"reportType": kind, "polls": 0, "doc": document_id,
                                    "compression": compression,
                                    "created": self.market.now().isoformat()}
        return _json(202, {"reportId": report_id}, **limit)

    def _get_report(self, report_id: str, fault, limit: dict):
        rec = self._reports.get(report_id)
        if rec is None:
            return _errors(404, "NotFound", "Report not found.", **limit)
        rec["polls"] += 1
        out = {"reportId": report_id, "reportType": rec["reportType"],
               "marketplaceIds": [self.market.marketplace_id], "createdTime": rec["created"],
               "processingStatus": "IN_PROGRESS" if rec["polls"] == 1 else "DONE"}
        if fault and fault.report_fatal:
            out["processingStatus"] = "FATAL"
        if out["processingStatus"] == "DONE":
            out["reportDocumentId"] = rec["doc"]
        return _json(200, out, **limit)

    def _get_document(self, document_id: str, limit: dict):
        rec = next((r for r in self._reports.values() if r["doc"] == document_id), None)
        if rec is None:
            return _errors(404, "NotFound", "Report document not found.", **limit)
        out = {"reportDocumentId": document_id,
               "url": f"{self.endpoint}/documents-bucket/{document_id}"
                      f"?X-Amz-Expires=300&X-Amz-Signature={secrets.token_hex(16)}"}
        if rec["compression"]:
            out["compressionAlgorithm"] = rec["compression"]
        return _json(200, out, **limit)

    def _download(self, document_id: str, headers: dict):
        if any(k.lower() == "x-amz-access-token" for k in headers):
            self.token_header_on_download = True
        content = self._documents.get(document_id)
        if content is None:
            return 404, {"Content-Type": "application/xml"}, b"<Error><Code>NoSuchKey</Code></Error>"
        fault = self._fault("download")
        rec = next(r for r in self._reports.values() if r["doc"] == document_id)
        if fault and fault.http_500:
            return 500, {"Content-Type": "application/xml"}, b"<Error>InternalError</Error>"
        if fault and fault.truncated_report and rec["reportType"].startswith("GET_MERCHANT"):
            content = content[: len(content) // 2]
        return 200, {"Content-Type": "application/octet-stream"}, content

    def _listings_tsv(self, listings: dict) -> str:
        lines = ["\t".join(REPORT_COLUMNS)]
        for item in sorted(listings.values(), key=lambda i: i.sku):
            row = dict.fromkeys(REPORT_COLUMNS, "")
            row.update({"item-name": item.title, "seller-sku": item.sku, "price": item.price,
                        "quantity": str(item.quantity), "asin1": item.asin,
                        "open-date": item.created.replace("T", " ").replace("Z", " UTC"),
                        "listing-id": f"0{zlib.crc32(item.sku.encode()) % 10**9:09d}",
                        "product-id-type": "1", "item-condition": "11",
                        "product-id": item.asin, "fulfillment-channel": "DEFAULT",
                        "status": "Active" if "BUYABLE" in item.statuses else "Inactive"})
            lines.append("\t".join(row[c] for c in REPORT_COLUMNS))
        return "\n".join(lines) + "\n"

    def _health_json(self, health) -> dict:
        mp = self.market.marketplace_id
        rng = {"reportingDateFrom": self.market.now().strftime("%Y-%m-%dT00:00Z"),
               "reportingDateTo": self.market.now().strftime("%Y-%m-%dT23:59Z")}
        metrics: dict = {"marketplaceId": mp, "accountHealthRating": {
            "ahrStatus": "WARNED" if health.status != "NORMAL" else "GREAT",
            "reportingDateRange": rng}}
        for key in ("listingPolicyViolations", "receivedIntellectualPropertyComplaints",
                    "productAuthenticityCustomerComplaints", "restrictedProductPolicyViolations"):
            count = health.defects.get(key, 0)
            metrics[key] = {"reportingDateRange": rng, "defectsCount": count,
                            "status": "BAD" if count else "GOOD", "targetValue": 0,
                            "targetCondition": "EQUALS"}
        return {"accountStatuses": [{"marketplaceId": mp, "status": health.status}],
                "performanceMetrics": [metrics]}

    # ----------------------------------------------------------------- admin

    def _admin(self, verb: str, path: str, body: bytes):
        if path == "/demo/advance" and verb == "POST":
            with self._lock:
                self.market.advance()
            return _json(200, {"day": self.market.day, "date": self.market.today.isoformat()})
        if path == "/demo/faults" and verb == "POST":
            try:
                self.set_faults(**json.loads(body or b"{}"))
            except (TypeError, ValueError) as exc:
                return _json(400, {"error": str(exc)})
            return _json(200, asdict(self.faults))
        if path == "/demo/state" and verb == "GET":
            listings, health = self.market.state()
            return _json(200, {"day": self.market.day, "date": self.market.today.isoformat(),
                               "listings": len(listings), "account_status": health.status,
                               "counts": self.counts})
        return _json(404, {"error": "unknown admin endpoint"})
