"""A loopback HTTP server speaking the Taobao Open Platform (TOP) REST protocol over a
:class:`~shopwatch.demo.marketplace.Marketplace`, with fault switches for tests.

It behaves like the real gateway where the client can tell: parameters from the query string
and/or the urlencoded form body, signature check (md5 / hmac / hmac-sha256), both timestamp
forms with a ±10 minute skew limit, errors as HTTP 200 ``error_response`` envelopes, the
20,000-item paging limit. Two demo-only methods (``shopwatch.demo.notices.get`` and
``shopwatch.demo.metrics.get``) serve what no TOP API exposes, under the same signing.

Unsigned admin endpoints under ``/demo/`` drive the simulation and the faults; the server only
ever binds 127.0.0.1, because those endpoints have no authentication at all.
"""

from __future__ import annotations

import hmac
import json
import math
import secrets
import socket
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime, timezone
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

from shopwatch.connectors.top_sign import (
    SIGN_METHODS,
    TIMESTAMP_FORMAT,
    format_timestamp,
    parse_timestamp,
    sign,
)
from shopwatch.demo.marketplace import BANNERS, Marketplace

ONSALE_GET = "taobao.items.onsale.get"
INVENTORY_GET = "taobao.items.inventory.get"
ITEM_GET = "taobao.item.seller.get"
#: full rows for up to 20 items at once (the second pass of an incremental sync)
ITEMS_LIST_GET = "taobao.items.seller.list.get"
MAX_LIST_GET_IDS = 20
TMC_PERMIT = "taobao.tmc.user.permit"
TMC_CONSUME = "taobao.tmc.messages.consume"
TMC_CONFIRM = "taobao.tmc.messages.confirm"
#: app-level methods: no seller session needed
APP_METHODS = (TMC_CONSUME, TMC_CONFIRM)
NOTICES_GET = "shopwatch.demo.notices.get"
METRICS_GET = "shopwatch.demo.metrics.get"
LIST_METHODS = (ONSALE_GET, INVENTORY_GET)
#: every method we serve needs the seller's session
SELLER_METHODS = (ONSALE_GET, INVENTORY_GET, ITEM_GET, ITEMS_LIST_GET, NOTICES_GET, METRICS_GET,
                  TMC_PERMIT)
#: the TMC topic each simulated event is published under (seller edits and new listings have
#: topics of their own that nobody here subscribes to)
EVENT_TOPICS = {
    "deleted": "taobao_item_ItemPunishDelete",
    "violation_off_shelf": "taobao_item_ItemPunishDownshelf",
    "seller_off_shelf": "taobao_item_ItemDownshelf",
    "penalty": "taobao_punish_Forall",
    "seller_edit": "taobao_item_ItemUpdate",
}
DEMO_USER_ID = 2_200_000_000_001

MAX_SKEW_SECONDS = 600
#: TOP refuses page_no * page_size beyond this; a bigger shop must read in modified windows
MAX_OFFSET = 20_000
MAX_INVENTORY_PAGE_NO = 101
ORDER_FIELDS = ("list_time", "delist_time", "modified", "num", "price", "sold_quantity", "num_iid")
ITEM_FIELDS = frozenset(
    {
        "num_iid",
        "title",
        "nick",
        "type",
        "cid",
        "pic_url",
        "num",
        "price",
        "approve_status",
        "list_time",
        "delist_time",
        "modified",
        "outer_id",
        "seller_cids",
        "sold_quantity",
        "detail_url",
        "violation",
    }
)
# TOP's code for a bad/skewed timestamp. Recalled from TOP's public error table (30 Missing
# Timestamp, 31 Invalid Timestamp) [U: verify against the platform's error-code page].
INVALID_TIMESTAMP_CODE = 31


@dataclass
class Faults:
    """Fault switches. Page faults apply to list-method pages (``taobao.items.onsale.get`` and
    ``taobao.items.inventory.get``), or only to ``fault_method`` when set (a method without
    paging counts as page 1). ``times``: None fires every time; n fires n times, then every
    switch clears itself. One request that trips several switches spends one ``times``."""

    #: answer this page with an error_response (isp.* = platform side/retryable, isv.* = ours)
    error_on_page: int | None = None
    error_code: int = 15
    error_msg: str = "Remote service error"
    error_sub_code: str = "isp.remote-service-error"
    error_sub_msg: str = "服务暂时不可用，请稍后重试"
    #: answer this page with HTTP 500 and an HTML body
    http_500_on_page: int | None = None
    #: sleep slow_seconds before answering this page
    slow_page: int | None = None
    slow_seconds: float = 0.5
    #: this page carries short_by fewer items than page_size/total_results imply
    short_page: int | None = None
    short_by: int = 1
    #: every list page reports total_results off by this much
    count_mismatch: int = 0
    #: code 7 "App Call Limited" on every request (any method) for this many seconds,
    #: counted from the first request that sees it
    ban_seconds: float | None = None
    #: code 27 on every seller call (or only on fault_method)
    expired_session: bool = False
    #: every list page gets HTTP 429 with this Retry-After (seconds)
    http_429_retry_after: int | None = None
    #: send the headers and half the body of this page, then drop the connection
    reset_mid_body_page: int | None = None
    #: HTTP 200 with a truncated JSON body (complete at the HTTP level) on this page
    invalid_json_page: int | None = None
    #: TMC: messages already confirmed are delivered again (a replay)
    tmc_redeliver: bool = False
    fault_method: str | None = None
    times: int | None = None


class TopError(Exception):
    """A gateway error, answered as an HTTP 200 ``error_response``."""

    def __init__(self, code: int, msg: str, sub_code: str = "", sub_msg: str = "") -> None:
        super().__init__(f"{code} {msg} {sub_code} {sub_msg}".strip())
        self.code = code
        self.msg = msg
        self.sub_code = sub_code
        self.sub_msg = sub_msg


@dataclass
class _Plan:
    """What the fault switches decided for one request."""

    error: TopError | None = None
    http_500: bool = False
    http_429: int | None = None
    slow: float = 0.0
    short_by: int = 0
    count_delta: int = 0
    reset_mid_body: bool = False
    invalid_json: bool = False


@dataclass
class _Reply:
    status: int
    body: bytes
    content_type: str = "application/json;charset=UTF-8"
    headers: dict[str, str] = field(default_factory=dict)
    slow: float = 0.0
    reset_mid_body: bool = False


def _invalid_argument(name: str, sub_msg: str) -> TopError:
    return TopError(41, "Invalid Arguments", f"isv.invalid-parameter:{name}", sub_msg)


def _missing_argument(name: str) -> TopError:
    return TopError(
        40, "Missing Required Arguments", f"isv.missing-parameter:{name}", f"{name} is required"
    )


def _int_param(params: dict[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = params.get(name, "")
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise _invalid_argument(name, f"{name} must be an integer") from None
    if not low <= value <= high:
        raise _invalid_argument(name, f"{name} must be between {low} and {high}")
    return value


def _modified_param(params: dict[str, str], name: str) -> str | None:
    """A start/end_modified bound, normalised to GMT+8 text so string comparison works."""
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        moment = datetime.strptime(raw, TIMESTAMP_FORMAT)
    except ValueError:
        raise _invalid_argument(name, f"{name} must look like yyyy-MM-dd HH:mm:ss") from None
    return moment.strftime(TIMESTAMP_FORMAT)


def _requested_fields(params: dict[str, str]) -> list[str]:
    raw = params.get("fields", "")
    wanted = [f.strip() for f in raw.split(",") if f.strip()]
    if not wanted:
        raise _missing_argument("fields")
    return wanted


def _select(item: dict[str, Any], wanted: list[str]) -> dict[str, Any]:
    """Only the requested fields (num_iid always); unknown or absent fields are skipped."""
    out: dict[str, Any] = {"num_iid": item["num_iid"]}
    for name in wanted:
        if name in ITEM_FIELDS and name in item:
            out[name] = item[name]
    return out


def response_key(method: str) -> str:
    """``taobao.items.onsale.get`` -> ``items_onsale_get_response``."""
    return method.removeprefix("taobao.").replace(".", "_") + "_response"


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], owner: DemoServer) -> None:
        self.owner = owner
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hung up (timeouts, reset tests) is normal here: stay quiet on stderr.
        pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: a sync reads many pages over one connection
    server_version = "shopwatch-demo-top/1.0"
    sys_version = ""
    timeout = 60  # idle keep-alive connections do not pin a thread forever
    # Headers and body go out in separate writes: without TCP_NODELAY, Nagle plus the client's
    # delayed ACK adds ~40 ms to every response.
    disable_nagle_algorithm = True
    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
        with self.server.connections_lock:
            self.server.connections.add(self.connection)

    def finish(self) -> None:
        with self.server.connections_lock:
            self.server.connections.discard(self.connection)
        try:
            super().finish()
        except OSError:
            pass

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (stdlib signature)
        pass  # quiet: tests and the CLI must not see a line per request

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        owner = self.server.owner
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        if url.path == "/router/rest":
            params = {k: v[-1] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
            ctype = (self.headers.get("Content-Type") or "").lower()
            if body and (not ctype or ctype.startswith("application/x-www-form-urlencoded")):
                text = body.decode("utf-8", errors="replace")
                for k, v in parse_qs(text, keep_blank_values=True).items():
                    params[k] = v[-1]  # the form body wins over the query string
            reply = owner._gateway(params)
        elif url.path.startswith("/demo/"):
            if self.client_address[0] not in ("127.0.0.1", "::1"):
                reply = _json_reply(403, {"error": "admin endpoints are loopback-only"})
            else:
                reply = owner._admin(self.command, url.path, body)
        else:
            reply = _json_reply(404, {"error": f"no such path {url.path}"})
        self._send(reply)

    def _send(self, reply: _Reply) -> None:
        if reply.slow:
            time.sleep(reply.slow)
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        for k, v in reply.headers.items():
            self.send_header(k, v)
        self.end_headers()
        if reply.reset_mid_body:
            # Half the promised body, then hang up: the client sees a truncated read.
            self.wfile.write(reply.body[: len(reply.body) // 2])
            self.wfile.flush()
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        self.wfile.write(reply.body)


def _json_reply(status: int, payload: Any, **extra: Any) -> _Reply:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return _Reply(status, body, **extra)


class DemoServer:
    """The demo TOP gateway on 127.0.0.1. ``start()`` returns self; also a context manager."""

    def __init__(
        self,
        marketplace: Marketplace,
        host: str = "127.0.0.1",
        port: int = 0,
        faults: Faults | None = None,
    ) -> None:
        if host not in ("127.0.0.1", "localhost"):
            # The admin endpoints are unauthenticated: never expose them beyond loopback.
            raise ValueError("the demo server binds 127.0.0.1 only")
        self.marketplace = marketplace
        self._host = "127.0.0.1"
        self._requested_port = port
        self._lock = threading.Lock()
        self._faults = faults if faults is not None else Faults()
        self._ban_started: float | None = None
        self._request_count = 0
        self._method_counts: Counter[str] = Counter()
        self._cache: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
        #: TMC: topics the seller permitted (None: never permitted), confirmed message ids
        self.tmc_topics: tuple[str, ...] | None = None
        self.tmc_confirmed: set[int] = set()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        #: unexpected exceptions inside the gateway (tests assert it stays empty)
        self.errors: list[str] = []

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> DemoServer:
        if self._httpd is not None:
            raise RuntimeError("server already started")
        self._httpd = _HTTPServer((self._host, self._requested_port), self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"demo-top-server:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.shutdown()
        with httpd.connections_lock:
            open_connections = list(httpd.connections)
        for conn in open_connections:  # wake handler threads parked on idle keep-alives
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> DemoServer:
        if self._httpd is None:
            self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("server not started")
        return int(self._httpd.server_address[1])

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/router/rest"

    # ------------------------------------------------------------------ faults & counters
    @property
    def faults(self) -> Faults:
        """The live switches: mutate fields directly, or use set_faults()/clear_faults()."""
        return self._faults

    @faults.setter
    def faults(self, value: Faults) -> None:
        with self._lock:
            self._faults = value
            self._ban_started = None

    def set_faults(self, **switches: Any) -> Faults:
        """Replace every switch: fields not named go back to their defaults."""
        new = Faults(**switches)  # TypeError on an unknown switch name
        self.faults = new
        return new

    def clear_faults(self) -> None:
        self.faults = Faults()

    @property
    def request_count(self) -> int:
        """Gateway requests served (admin endpoints not included)."""
        return self._request_count

    @property
    def method_counts(self) -> dict[str, int]:
        """Gateway requests per ``method`` parameter."""
        with self._lock:
            return dict(self._method_counts)

    def reset_counts(self) -> None:
        with self._lock:
            self._request_count = 0
            self._method_counts.clear()

    def _spend(self) -> None:
        """One request tripped a fault: count it against ``times`` (lock held)."""
        f = self._faults
        if f.times is not None:
            f.times -= 1
            if f.times <= 0:
                self._faults = Faults()
                self._ban_started = None

    def _ban_remaining(self) -> float | None:
        with self._lock:
            f = self._faults
            if f.ban_seconds is None:
                return None
            now = time.monotonic()
            if self._ban_started is None:
                self._ban_started = now
            remaining = f.ban_seconds - (now - self._ban_started)
            if remaining <= 0:
                f.ban_seconds = None  # the ban has run out: lift it for good
                self._ban_started = None
                return None
            self._spend()
            return remaining

    def _session_expired(self, method: str) -> bool:
        with self._lock:
            f = self._faults
            if not f.expired_session or (f.fault_method and f.fault_method != method):
                return False
            self._spend()
            return True

    def _plan(self, method: str, page_no: int) -> _Plan:
        plan = _Plan()
        with self._lock:
            f = self._faults
            applies = method == f.fault_method if f.fault_method else method in LIST_METHODS
            if not applies:
                return plan
            if f.http_429_retry_after is not None:
                plan.http_429 = f.http_429_retry_after
            elif f.http_500_on_page == page_no:
                plan.http_500 = True
            elif f.error_on_page == page_no:
                plan.error = TopError(f.error_code, f.error_msg, f.error_sub_code, f.error_sub_msg)
            else:
                if f.slow_page == page_no:
                    plan.slow = f.slow_seconds
                if f.short_page == page_no:
                    plan.short_by = max(1, f.short_by)
                if f.count_mismatch:
                    plan.count_delta = f.count_mismatch
                plan.reset_mid_body = f.reset_mid_body_page == page_no
                plan.invalid_json = f.invalid_json_page == page_no
            if plan != _Plan():
                self._spend()
        return plan

    # ------------------------------------------------------------------ gateway
    def _gateway(self, params: dict[str, str]) -> _Reply:
        method = params.get("method", "")
        with self._lock:
            self._request_count += 1
            self._method_counts[method or "(none)"] += 1
        request_id = secrets.token_hex(6)
        plan = _Plan()
        try:
            self._check_system(params, method)
            page_no = _int_param(params, "page_no", 1, 1, 1_000_000)
            plan = self._plan(method, page_no)
            if plan.http_429 is not None:
                err = {
                    "code": 7,
                    "msg": "App Call Limited",
                    "sub_code": "accesscontrol.limited-by-api-access-count",
                    "sub_msg": f"This ban will last for {plan.http_429} more seconds",
                    "request_id": request_id,
                }
                return _json_reply(
                    429, {"error_response": err}, headers={"Retry-After": str(plan.http_429)}
                )
            if plan.http_500:
                html = b"<html><body><h1>500 Internal Server Error</h1></body></html>"
                return _Reply(500, html, content_type="text/html;charset=UTF-8")
            if plan.error is not None:
                raise plan.error
            payload = self._call(method, params, plan)
        except TopError as e:
            err = {"code": e.code, "msg": e.msg, "sub_code": e.sub_code, "sub_msg": e.sub_msg}
            err["request_id"] = request_id
            return _json_reply(200, {"error_response": err}, slow=plan.slow)
        except Exception as e:  # a bug in the demo: answer like the platform would, keep a note
            self.errors.append(f"{type(e).__name__}: {e}")
            err = {
                "code": 15,
                "msg": "Remote service error",
                "sub_code": "isp.unknown-error",
                "sub_msg": "demo server error",
                "request_id": request_id,
            }
            return _json_reply(200, {"error_response": err})
        payload["request_id"] = request_id
        reply = _json_reply(200, {response_key(method): payload}, slow=plan.slow)
        if plan.invalid_json:
            reply.body = reply.body[: max(1, len(reply.body) * 3 // 5)]
        reply.reset_mid_body = plan.reset_mid_body
        return reply

    def _check_system(self, params: dict[str, str], method: str) -> None:
        """The gateway's checks of the system parameters, in the gateway's order."""
        m = self.marketplace
        if not method:
            raise TopError(21, "Missing method")
        app_key = params.get("app_key", "")
        if not app_key:
            raise TopError(28, "Missing app key")
        if app_key != m.app_key:
            raise TopError(29, "Invalid app Key")
        remaining = self._ban_remaining()
        if remaining is not None:
            raise TopError(
                7,
                "App Call Limited",
                "accesscontrol.limited-by-app-access-count",
                f"This ban will last for {math.ceil(remaining)} more seconds",
            )
        if method not in SELLER_METHODS and method not in APP_METHODS:
            raise TopError(22, "Invalid method", "isv.invalid-method", f"no such API: {method}")
        if params.get("format", "") != "json":
            raise TopError(
                23,
                "Invalid format",
                "isv.invalid-format",
                "the demo gateway speaks format=json only",
            )
        version = params.get("v", "")
        if not version:
            raise TopError(32, "Missing version")
        if version != "2.0":
            raise TopError(34, "Unsupported version", "isv.invalid-version", "use v=2.0")
        raw_ts = params.get("timestamp", "")
        if not raw_ts:
            raise TopError(30, "Missing timestamp")
        try:
            moment = parse_timestamp(raw_ts)
        except (ValueError, OverflowError, OSError):
            raise TopError(
                INVALID_TIMESTAMP_CODE,
                "Invalid timestamp",
                "isv.invalid-timestamp",
                "timestamp must be yyyy-MM-dd HH:mm:ss (GMT+8) or epoch milliseconds",
            ) from None
        skew = abs((datetime.now(timezone.utc) - moment).total_seconds())
        if skew > MAX_SKEW_SECONDS:
            raise TopError(
                INVALID_TIMESTAMP_CODE,
                "Invalid timestamp",
                "isv.invalid-timestamp",
                f"timestamp is {int(skew)} s away from the server clock "
                f"({format_timestamp(datetime.now(timezone.utc))} GMT+8); the limit is 10 minutes",
            )
        sign_method = params.get("sign_method") or "md5"
        if sign_method not in SIGN_METHODS:
            raise TopError(
                25,
                "Invalid signature",
                "isv.invalid-signature",
                f"unknown sign_method {sign_method}",
            )
        given = params.get("sign", "")
        if not given:
            raise TopError(24, "Missing signature")
        expected = sign(params, m.app_secret, sign_method)
        if not hmac.compare_digest(given.upper().encode(), expected.encode()):
            raise TopError(25, "Invalid signature", "isv.invalid-signature", "签名校验失败")
        if method in APP_METHODS:
            return  # app-level: no seller session
        session = params.get("session", "")
        if not session:
            raise TopError(26, "Missing session")
        if session != m.session:
            raise TopError(27, "Invalid session", "invalid-sessionkey", "SessionKey非法")
        if self._session_expired(method):
            raise TopError(27, "Invalid session", "invalid-sessionkey", "SessionKey已过期")

    def _call(self, method: str, params: dict[str, str], plan: _Plan) -> dict[str, Any]:
        if method in LIST_METHODS:
            return self._list(method, params, plan)
        if method == ITEM_GET:
            return self._item(params)
        if method == ITEMS_LIST_GET:
            return self._items_list(params, plan)
        if method == TMC_PERMIT:
            return self._tmc_permit(params)
        if method == TMC_CONSUME:
            return self._tmc_consume(params)
        if method == TMC_CONFIRM:
            return self._tmc_confirm(params)
        if method == NOTICES_GET:
            return self._notices(params, plan)
        return self._metrics(params, plan)

    @staticmethod
    def _page(
        rows: list[dict[str, Any]],
        page_no: int,
        page_size: int,
        outer: str,
        inner: str,
        plan: _Plan,
    ) -> dict[str, Any]:
        """One page in TOP's ``{total_results, outer: {inner: [...]}}`` shape; an empty page
        has no ``outer`` key, as the gateway omits it."""
        total = len(rows)
        page = rows[(page_no - 1) * page_size : page_no * page_size]
        if plan.short_by:
            page = page[: max(0, len(page) - plan.short_by)]
        out: dict[str, Any] = {"total_results": total + plan.count_delta}
        if page:
            out[outer] = {inner: page}
        return out

    def _list(self, method: str, params: dict[str, str], plan: _Plan) -> dict[str, Any]:
        wanted = _requested_fields(params)
        page_no = _int_param(params, "page_no", 1, 1, 1_000_000)
        page_size = _int_param(params, "page_size", 40, 1, 200)
        if method == INVENTORY_GET and page_no > MAX_INVENTORY_PAGE_NO:
            raise _invalid_argument("page_no", f"page_no must not exceed {MAX_INVENTORY_PAGE_NO}")
        if page_no * page_size > MAX_OFFSET:
            raise _invalid_argument("page_no", "page_no * page_size must not exceed 20000")
        order_by = params.get("order_by") or "list_time:desc"
        order_field, _, direction = order_by.partition(":")
        direction = direction or "desc"
        if order_field not in ORDER_FIELDS or direction not in ("asc", "desc"):
            raise _invalid_argument("order_by", f"cannot order by {order_by}")
        if method == INVENTORY_GET:
            names = [b.strip() for b in (params.get("banner") or "for_shelved").split(",")]
            for name in names:
                if name not in BANNERS:
                    raise _invalid_argument("banner", f"unknown banner {name}")
            source: tuple[str, ...] = tuple(sorted(set(names)))
        else:
            source = ("onsale",)
        start = _modified_param(params, "start_modified")
        end = _modified_param(params, "end_modified")
        query = params.get("q", "").strip().lower()

        rows = self._sorted_items(source, order_field, direction == "desc")
        if start or end or query:
            rows = [
                it
                for it in rows
                if (start is None or it["modified"] >= start)
                and (end is None or it["modified"] <= end)
                and (not query or query in it["title"].lower())
            ]
        out = self._page(rows, page_no, page_size, "items", "item", plan)
        if "items" in out:
            out["items"]["item"] = [_select(it, wanted) for it in out["items"]["item"]]
        return out

    def _sorted_items(
        self, source: tuple[str, ...], order: str, desc: bool
    ) -> list[dict[str, Any]]:
        """Items of one list, sorted, cached until the marketplace changes: a big shop's
        sync asks for the same sorted list once per page."""
        m = self.marketplace
        with m.lock:
            key = (m.revision, source, order, desc)
            with self._lock:
                cached = self._cache.get(key)
            if cached is not None:
                return cached
            if source == ("onsale",):
                items = m.onsale_items()
            else:
                seen: dict[int, dict[str, Any]] = {}
                for banner in source:
                    for it in m.inventory_items(banner):
                        seen[it["num_iid"]] = it
                items = list(seen.values())
            revision = m.revision

        def sort_key(it: dict[str, Any]) -> tuple[Any, int]:
            value = it.get(order)
            if order == "price":
                value = Decimal(value)
            elif value is None:
                value = ""
            return (value, it["num_iid"])  # num_iid breaks ties so paging is stable

        items.sort(key=sort_key, reverse=desc)
        with self._lock:
            # Drop lists of older revisions: they can never be asked for again.
            self._cache = {k: v for k, v in self._cache.items() if k[0] == revision}
            self._cache[key] = items
        return items

    def _item(self, params: dict[str, str]) -> dict[str, Any]:
        raw = params.get("num_iid", "")
        if not raw:
            raise _missing_argument("num_iid")
        try:
            num_iid = int(raw)
        except ValueError:
            raise _invalid_argument("num_iid", "num_iid must be an integer") from None
        wanted = _requested_fields(params)
        item = self.marketplace.item(num_iid)
        if item is None:
            raise TopError(
                15,
                "Remote service error",
                "isv.item-is-delete:invalid-numIid-or-iid",
                "该商品已被删除",
            )
        return {"item": _select(item, wanted)}

    def _items_list(self, params: dict[str, str], plan: _Plan) -> dict[str, Any]:
        """taobao.items.seller.list.get: full rows for at most 20 ``num_iids``. As the platform
        documents, an id that does not exist (or is not this seller's) is no error: it is simply
        absent from the answer."""
        raw = params.get("num_iids", "")
        if not raw.strip():
            raise _missing_argument("num_iids")
        try:
            ids = [int(part) for part in raw.split(",") if part.strip()]
        except ValueError:
            raise _invalid_argument("num_iids", "num_iids must be integers") from None
        if len(ids) > MAX_LIST_GET_IDS:
            raise _invalid_argument("num_iids", f"at most {MAX_LIST_GET_IDS} num_iids per call")
        wanted = _requested_fields(params)
        rows = []
        for num_iid in dict.fromkeys(ids):
            item = self.marketplace.item(num_iid)
            if item is not None:
                rows.append(_select(item, wanted))
        if plan.short_by:
            rows = rows[: max(0, len(rows) - plan.short_by)]
        return {"items": {"item": rows}} if rows else {}

    # ------------------------------------------------------------------ TMC (HTTP polling)
    def tmc_messages(self) -> list[dict[str, Any]]:
        """Every message the simulated events published so far, oldest first, in TMC's
        envelope (``content`` a JSON string). Ids are stable for a seed and day."""
        m = self.marketplace
        out = []
        for n, event in enumerate(m.events, start=1):
            topic = EVENT_TOPICS.get(event.kind)
            if topic is None:
                continue
            detail = event.detail
            at = detail.get("at") or detail.get("issued_at") or ""
            if topic == "taobao_punish_Forall":
                content: dict[str, Any] = {
                    "id": n, "message_type": detail.get("kind") or "punish",
                    "content": f"{detail.get('title', '')}：{detail.get('content', '')}"}
            else:
                content = {"num_iid": event.num_iid, "nick": m.nick,
                           "title": detail.get("title", "")}
            out.append({"id": 9_000_000_000 + n, "topic": topic, "pub_app_key": "12497914",
                        "pub_time": str(at), "user_nick": m.nick, "user_id": DEMO_USER_ID,
                        "content": json.dumps(content, ensure_ascii=False)})
        return out

    def _tmc_permit(self, params: dict[str, str]) -> dict[str, Any]:
        raw = params.get("topics", "")
        topics = tuple(t.strip() for t in raw.split(",") if t.strip())
        with self._lock:
            # the list replaces the previous one; none given: every topic of the app
            self.tmc_topics = topics or tuple(sorted(set(EVENT_TOPICS.values())))
        return {"is_success": True}

    def _tmc_consume(self, params: dict[str, str]) -> dict[str, Any]:
        quantity = _int_param(params, "quantity", 100, 10, 200)
        group = params.get("group_name", "").strip()
        if group and group != "default":
            raise _invalid_argument("group_name", f"no user group {group} in this app")
        with self._lock:
            topics = self.tmc_topics
            confirmed = set() if self._faults.tmc_redeliver else set(self.tmc_confirmed)
        if topics is None:
            return {}  # nobody permitted anything: nothing to deliver
        rows = [msg for msg in self.tmc_messages()
                if msg["topic"] in topics and msg["id"] not in confirmed][:quantity]
        return {"messages": {"tmc_message": rows}} if rows else {}

    def _tmc_confirm(self, params: dict[str, str]) -> dict[str, Any]:
        raw = params.get("s_message_ids", "")
        try:
            ids = {int(part) for part in raw.split(",") if part.strip()}
        except ValueError:
            raise _invalid_argument("s_message_ids", "message ids must be integers") from None
        if not ids:
            raise _missing_argument("s_message_ids")
        with self._lock:
            self.tmc_confirmed |= ids
        return {"is_success": True}

    def _notices(self, params: dict[str, str], plan: _Plan) -> dict[str, Any]:
        page_no = _int_param(params, "page_no", 1, 1, 1_000_000)
        page_size = _int_param(params, "page_size", 40, 1, 100)
        rows = self.marketplace.notices()
        rows.sort(key=lambda n: (n["issued_at"], n["notice_id"]), reverse=True)  # newest first
        return self._page(rows, page_no, page_size, "notices", "notice", plan)

    def _metrics(self, params: dict[str, str], plan: _Plan) -> dict[str, Any]:
        page_no = _int_param(params, "page_no", 1, 1, 1_000_000)
        page_size = _int_param(params, "page_size", 500, 1, 1000)
        raw = params.get("start_date", "").strip()
        try:
            since = date.fromisoformat(raw) if raw else None
        except ValueError:
            raise _invalid_argument("start_date", "start_date must look like yyyy-MM-dd") from None
        m = self.marketplace
        with m.lock:
            key = (m.revision, "metrics", since)
            with self._lock:
                rows = self._cache.get(key)
            if rows is None:
                rows = m.metrics(since)
                with self._lock:
                    self._cache = {k: v for k, v in self._cache.items() if k[0] == m.revision}
                    self._cache[key] = rows
        return self._page(rows, page_no, page_size, "metrics", "metric", plan)

    # ------------------------------------------------------------------ admin
    def state(self) -> dict[str, Any]:
        """What GET /demo/state answers."""
        m = self.marketplace
        with m.lock:
            return {
                "day": m.day,
                "today": m.today.isoformat(),
                "start_date": m.start_date.isoformat(),
                "seed": m.seed,
                "listings": m.listing_counts(),
                "notices": len(m.notices()),
                "endpoint": self.endpoint,
            }

    def _admin(self, verb: str, path: str, body: bytes) -> _Reply:
        try:
            data = json.loads(body.decode("utf-8")) if body.strip() else {}
            if not isinstance(data, dict):
                raise ValueError("expected a JSON object")
        except ValueError as e:
            return _json_reply(400, {"error": f"bad JSON body: {e}"})
        m = self.marketplace
        try:
            if path == "/demo/state" and verb == "GET":
                return _json_reply(200, self.state())
            if path == "/demo/advance" and verb == "POST":
                events = m.advance(int(data.get("days", 1)))
                return _json_reply(
                    200,
                    {
                        "day": m.day,
                        "today": m.today.isoformat(),
                        "events": [e.to_dict() for e in events],
                    },
                )
            if path == "/demo/day" and verb == "POST":
                if "day" not in data:
                    return _json_reply(400, {"error": 'expected {"day": n}'})
                m.set_day(int(data["day"]))
                return _json_reply(200, self.state())
            if path == "/demo/edit" and verb == "POST":
                edited = m.edit_share(float(data.get("share", 0.01)))
                return _json_reply(200, {"edited": len(edited)})
            if path == "/demo/faults":
                if verb == "POST":
                    self.set_faults(**data)
                return _json_reply(200, {"faults": asdict(self.faults)})
        except (TypeError, ValueError) as e:
            known = ", ".join(f.name for f in fields(Faults))
            hint = f" (fault switches: {known})" if path == "/demo/faults" else ""
            return _json_reply(400, {"error": f"{e}{hint}"})
        return _json_reply(404, {"error": f"no admin endpoint {verb} {path}"})
