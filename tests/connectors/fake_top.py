"""A fake TOP gateway for connector tests, served on 127.0.0.1 by pytest-httpserver.

It verifies every request the way the real gateway does (signature over query string + form
body, system parameters in the query string, business parameters in the body, timestamp skew)
and serves pages from an in-memory shop, enforcing the platform's pagination limits, so the
connector is exercised over real HTTP without the demo marketplace."""

from __future__ import annotations

import bisect
import json
import sys
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from werkzeug import Request, Response

from shopwatch.connectors.top_sign import GMT8, TIMESTAMP_FORMAT, parse_timestamp, sign

APP_KEY = "12345678"
SECRET = "appsecret-0f9e8d7c6b5a4"
SESSION = "6100e2b0sessionkey9a8b7c6d5e4f"
SYSTEM_KEYS = {"method", "app_key", "session", "timestamp", "v", "format", "sign_method", "sign",
               "partner_id", "simplify"}
BANNERS = ("regular_shelved", "never_on_shelf", "off_shelf", "sold_out", "violation_off_shelf")
ITEM_FIELDS = {"num_iid", "title", "nick", "price", "num", "approve_status", "cid", "pic_url",
               "outer_id", "modified", "list_time", "delist_time"}


@dataclass
class Item:
    num_iid: int
    where: str  # "onsale" or an inventory banner
    modified: datetime  # naive, GMT+8 wall clock
    title: str = ""
    price: str = "128.00"
    num: int = 5
    cid: int = 50010850

    def as_row(self, fields: set[str]) -> dict[str, Any]:
        row = {
            "num_iid": self.num_iid,
            "title": self.title or f"Item {self.num_iid}",
            "nick": "demo_shop",
            "price": self.price,
            "num": self.num,
            "approve_status": "onsale" if self.where == "onsale" else "instock",
            "cid": self.cid,
            "pic_url": f"https://img.example/{self.num_iid}.jpg",
            "outer_id": f"SKU-{self.num_iid}",
            "modified": self.modified.strftime(TIMESTAMP_FORMAT),
            "list_time": "2020-01-01 00:00:00",
            "delist_time": "2030-01-01 00:00:00",
            "detail_url": f"https://item.taobao.com/item.htm?id={self.num_iid}",
        }
        return {k: v for k, v in row.items() if k in fields}


def error(code: int, msg: str, sub_code: str = "", sub_msg: str = "", status: int = 200) -> Response:
    body = {"error_response": {"code": code, "msg": msg, "sub_code": sub_code, "sub_msg": sub_msg,
                               "request_id": "fake"}}
    return Response(json.dumps(body), status=status, content_type="application/json;charset=UTF-8")


def ok(method: str, inner: dict[str, Any]) -> Response:
    key = method.removeprefix("taobao.").replace(".", "_") + "_response"
    body = json.dumps({key: {**inner, "request_id": "fake"}}, ensure_ascii=False)
    return Response(body, content_type="application/json;charset=UTF-8")


#: A fault sees the request's merged params and returns a response to send instead, or None to
#: let the shop answer normally. Faults are consumed one per request.
Fault = Callable[[dict[str, str]], Response | None]


@dataclass
class FakeGateway:
    url: str = ""
    items: dict[int, Item] = field(default_factory=dict)
    notices: list[dict[str, Any]] = field(default_factory=list)
    metrics: list[dict[str, Any]] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    calls: list[dict[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # protocol violations by the client
    total_bias: int = 0  # added to every total_results the shop reports
    drop_last_on: set[tuple[str, int]] = field(default_factory=set)  # (where, page_no)
    delivered: Counter = field(default_factory=Counter)  # (where, windowed, id) -> times sent
    release: threading.Event = field(default_factory=threading.Event)
    _index: dict[str, tuple[list[tuple[datetime, int]], list[Item]]] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # ------------------------------------------------------------------ shop set-up

    def add(self, where: str, count: int, *, first_id: int | None = None,
            modified: Callable[[int], datetime] | None = None, **kw: Any) -> list[Item]:
        start = first_id if first_id is not None else 10_000_000 + len(self.items)
        made = []
        for n in range(count):
            when = modified(n) if modified else datetime(2024, 1, 1) + timedelta(minutes=n)
            item = Item(start + n, where, when, **kw)
            self.items[item.num_iid] = item
            made.append(item)
        self._index = None
        return made

    def move(self, num_iid: int, where: str) -> None:
        self.items[num_iid].where = where
        self._index = None

    def delete(self, num_iid: int) -> None:
        del self.items[num_iid]
        self._index = None

    def calls_to(self, method: str, **match: str) -> list[dict[str, str]]:
        return [c for c in self.calls if c.get("method") == method
                and all(c.get(k) == v for k, v in match.items())]

    # ------------------------------------------------------------------ HTTP

    def handle(self, request: Request) -> Response:
        query = request.args.to_dict()
        form = request.form.to_dict()
        params = {**query, **form}
        self.calls.append(params)
        for key in form:
            # the session key rides in the body so it never appears in a URL (logs, proxies)
            if key in SYSTEM_KEYS and key != "session":
                self.problems.append(f"system parameter {key} sent in the body")
        if "session" in query:
            self.problems.append("session key sent in the URL")
        for key in query:
            if key not in SYSTEM_KEYS:
                self.problems.append(f"business parameter {key} sent in the query string")
        for key in ("method", "app_key", "timestamp", "v", "format", "sign_method", "sign"):
            if key not in query:
                return error(40, f"Missing required arguments:{key}")
        if "session" not in params:
            return error(40, "Missing required arguments:session")
        if query["app_key"] != APP_KEY:
            return error(29, "Invalid app Key")
        unsigned = {k: v for k, v in params.items() if k != "sign"}
        if sign(unsigned, SECRET, query["sign_method"]) != query["sign"]:
            self.problems.append(f"bad signature for {params['method']}")
            return error(25, "Invalid signature")
        skew = abs(datetime.now(timezone.utc) - parse_timestamp(query["timestamp"]))
        if skew > timedelta(minutes=10):
            return error(43, "Invalid timestamp")
        if params["session"] != SESSION:
            return error(27, "Invalid session", "invalid-sessionkey")
        if query["v"] != "2.0" or query["format"] != "json":
            self.problems.append("wrong v/format")
        with self._lock:
            fault = self.faults.pop(0) if self.faults else None
        if fault is not None:
            answer = fault(params)
            if answer is not None:
                return answer
        method = params["method"]
        if method == "taobao.items.onsale.get":
            return self._list(method, "onsale", params)
        if method == "taobao.items.inventory.get":
            banner = params.get("banner")
            if banner not in BANNERS:
                self.problems.append(f"inventory read without a precise banner: {banner}")
                return error(15, "Remote service error", "isv.invalid-parameter:banner")
            return self._list(method, banner, params)
        if method == "taobao.item.seller.get":
            item = self.items.get(int(params["num_iid"]))
            if item is None:
                return error(15, "Remote service error", "isv.item-not-exist",
                             "item not exist or deleted")
            return ok(method, {"item": item.as_row(set(params["fields"].split(",")))})
        if method == "shopwatch.demo.notices.get":
            return self._rows(method, params, self.notices, ("notices", "notice"), 100)
        if method == "shopwatch.demo.metrics.get":
            rows = [m for m in self.metrics if m["date"] >= params.get("start_date", "")]
            return self._rows(method, params, rows, ("metrics", "metric"), 1000)
        return error(22, "Invalid method")

    def _sorted(self, where: str) -> tuple[list[tuple[datetime, int]], list[Item]]:
        with self._lock:
            if self._index is None:
                index: dict[str, tuple[list[tuple[datetime, int]], list[Item]]] = {}
                for item in sorted(self.items.values(), key=lambda i: (i.modified, i.num_iid)):
                    keys, rows = index.setdefault(item.where, ([], []))
                    keys.append((item.modified, item.num_iid))
                    rows.append(item)
                self._index = index
            return self._index.get(where, ([], []))

    def _list(self, method: str, where: str, params: dict[str, str]) -> Response:
        page_no, page_size = int(params.get("page_no", 1)), int(params.get("page_size", 40))
        if page_size > 200:
            self.problems.append(f"page_size {page_size} > 200")
            return error(15, "Remote service error", "isv.invalid-parameter:page_size")
        if where == "onsale" and page_no * page_size > 20_000:
            self.problems.append(f"onsale page_no {page_no} x page_size {page_size} > 20000")
            return error(15, "Remote service error", "isv.invalid-parameter",
                         "page_no*page_size must not exceed 20000")
        if where != "onsale" and page_no > 101:
            self.problems.append(f"inventory page_no {page_no} > 101")
            return error(15, "Remote service error", "isv.invalid-parameter:page_no")
        fields = set(params.get("fields", "").split(","))
        if fields != ITEM_FIELDS:
            self.problems.append(f"unexpected fields {sorted(fields ^ ITEM_FIELDS)}")
        keys, items = self._sorted(where)
        lo, hi = 0, len(items)
        if "start_modified" in params or "end_modified" in params:
            if params.get("order_by") != "modified:asc":
                self.problems.append("window read without order_by=modified:asc")
            start = datetime.strptime(params["start_modified"], TIMESTAMP_FORMAT)
            end = datetime.strptime(params["end_modified"], TIMESTAMP_FORMAT)
            lo = bisect.bisect_left(keys, (start, -1))
            hi = bisect.bisect_right(keys, (end, sys.maxsize))  # both bounds inclusive
        selected = items[lo:hi]
        page = selected[(page_no - 1) * page_size: page_no * page_size]
        if (where, page_no) in self.drop_last_on and page:
            page = page[:-1]
        if page_size > 1:
            windowed = "start_modified" in params
            self.delivered.update((where, windowed, i.num_iid) for i in page)
        inner: dict[str, Any] = {"total_results": len(selected) + self.total_bias}
        if page:
            inner["items"] = {"item": [i.as_row(fields) for i in page]}
        return ok(method, inner)

    def _rows(self, method: str, params: dict[str, str], rows: list[dict[str, Any]],
              container: tuple[str, str], max_size: int) -> Response:
        page_no, page_size = int(params.get("page_no", 1)), int(params.get("page_size", 40))
        if page_size > max_size:
            self.problems.append(f"{method} page_size {page_size} > {max_size}")
        page = rows[(page_no - 1) * page_size: page_no * page_size]
        inner: dict[str, Any] = {"total_results": len(rows) + self.total_bias}
        if page:
            inner[container[0]] = {container[1]: page}
        return ok(method, inner)


def now_gmt8() -> datetime:
    return datetime.now(GMT8).replace(tzinfo=None, microsecond=0)
