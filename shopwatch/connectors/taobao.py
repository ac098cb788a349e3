"""The Taobao Open Platform (TOP) connector: every listing of a shop (on sale and in each
inventory banner), one-item look-ups, and, for the embedded demo marketplace, notices and
traffic metrics.

The transport (signing, retries, error mapping) lives in ``top_client.py``; this module decides
what to fetch and refuses to return anything it cannot prove complete: sync marks listings
missing only from a complete fetch, so a short page must fail the run, never shrink the shop.
"""

from __future__ import annotations

import logging
import math
import threading
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import repeat
from operator import itemgetter, methodcaller
from typing import Any

from shopwatch.connectors.base import (
    CAP_LISTINGS,
    CAP_LOOKUP,
    CAP_METRICS,
    CAP_NOTICES,
    CancelCheck,
    Cancelled,
    IncompleteSync,
    Progress,
    SourceError,
)
from shopwatch.connectors.top_client import ENDPOINT_PRODUCTION, ItemGone, TopClient
from shopwatch.connectors.top_records import (
    ITEM_URL,
    item_id,
    listing_record,
    listing_values,
    metric_record,
    notice_record,
    text_or_none,
)
from shopwatch.connectors.top_sign import GMT8, TIMESTAMP_FORMAT
from shopwatch.models import (
    ACTIVE,
    SELLER_OFF_SHELF,
    SOLD_OUT,
    VIOLATION_OFF_SHELF,
    ListingDelta,
    ListingRecord,
    MetricRecord,
    NoticeRecord,
)

__all__ = ["ENDPOINT_PRODUCTION", "DemoConnector", "TaobaoConnector"]

log = logging.getLogger(__name__)

ITEM_FIELDS = (
    "num_iid,title,nick,price,num,approve_status,cid,pic_url,outer_id,modified,list_time,delist_time"
)
LOOKUP_FIELDS = "num_iid,title,price,num,approve_status,cid,pic_url,outer_id,modified,detail_url"
#: the first pass of a two-pass sync: which items exist, in which list, last changed when
#: (the list an item is in stands for its banner)
LEAN_FIELDS = "num_iid,modified"
ROWS_METHOD = "taobao.items.seller.list.get"
#: taobao.items.seller.list.get takes at most this many num_iids per call
ROWS_PER_CALL = 20
#: calls in flight at once (list pages after the first, second-pass calls): few enough to
#: stay inside an app's call limits
WORKERS = 4
PAGE_WORKERS = ROWS_WORKERS = WORKERS
#: read the lists in full instead when the second pass would take more than this many calls
#: per list page (a 20-item call costs less than a 200-item page, but not ten times less)
FULL_READ_CALLS_PER_PAGE = 2

MAX_PAGE_SIZE = 200
#: items.onsale.get errors once page_no * page_size exceeds this.
MAX_OFFSET = 20_000
#: items.inventory.get refuses page_no above this.
INVENTORY_MAX_PAGE_NO = 101
#: Modified-time windows start here: Taobao opened in 2003, so no item was modified earlier.
WINDOWS_START = datetime(2003, 1, 1)
ONE_SECOND = timedelta(seconds=1)

NOTICES_PAGE_SIZE = 100
METRICS_PAGE_SIZE = 1000


@dataclass(frozen=True, slots=True)
class _ItemList:
    """One list the shop's items are read from, and what being in it means."""

    method: str
    banner: str | None
    status: str
    noun: str  # completes "Taobao reported 450 ..." and progress lines

    @property
    def words(self) -> str:
        """The list in Taobao's own terms (what the evidence ledger keeps with the item)."""
        return f"{self.method} banner={self.banner}" if self.banner else self.method

    def max_pages(self, page_size: int) -> int:
        pages = MAX_OFFSET // page_size
        if self.banner is not None:
            # The inventory documents only page_no <= 101; staying under the on-sale offset
            # limit as well costs nothing and is safe if it applies there too.
            pages = min(pages, INVENTORY_MAX_PAGE_NO)
        return max(1, pages)


_INVENTORY = "taobao.items.inventory.get"
# Order matters: an item seen in two lists (it moved while we read) takes the status of the
# later list, so the platform's own action, a violation delisting, is read last and never masked.
ITEM_LISTS = (
    _ItemList("taobao.items.onsale.get", None, ACTIVE, "items on sale"),
    _ItemList(_INVENTORY, "regular_shelved", SELLER_OFF_SHELF, "items scheduled to go on sale"),
    _ItemList(_INVENTORY, "never_on_shelf", SELLER_OFF_SHELF, "items never put on sale"),
    _ItemList(_INVENTORY, "off_shelf", SELLER_OFF_SHELF, "items taken off the shelf"),
    _ItemList(_INVENTORY, "sold_out", SOLD_OUT, "sold-out items"),
    _ItemList(_INVENTORY, "violation_off_shelf", VIOLATION_OFF_SHELF,
              "items delisted for a violation"),
)

#: a status in the words of the list that said it (the last list of that status)
_LIST_WORDS = {item_list.status: item_list.words for item_list in ITEM_LISTS}

_STOPPED = "the sync was stopped so nothing is marked deleted"


class _Run:
    """Progress, cancel and page counting for one fetch, and the worker threads (each with
    its own HTTP session) its concurrent calls share; a context manager that ends them."""

    def __init__(
        self, progress: Progress | None, cancel: CancelCheck | None,
        client: TopClient | None = None,
    ) -> None:
        self.progress = progress
        self.cancel = cancel
        self.pages = 0
        self.items = 0
        self._client = client
        self._pool: ThreadPoolExecutor | None = None
        self._sessions: _ThreadSessions | None = None

    def submit(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Future:
        """Run ``fn(*args, **kwargs, http=<the worker thread's session>)`` on a worker
        thread."""
        if self._pool is None:
            assert self._client is not None, "concurrent calls need the client"
            self._sessions = _ThreadSessions(self._client)
            self._pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="top-calls")
        sessions = self._sessions
        assert sessions is not None
        return self._pool.submit(lambda: fn(*args, **kwargs, http=sessions.get()))

    def __enter__(self) -> _Run:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        if self._sessions is not None:
            self._sessions.close()

    def check_cancel(self) -> None:
        if self.cancel is not None and self.cancel():
            raise Cancelled("Sync cancelled; nothing was changed.")

    def page_done(self, rows: int, message: str) -> None:
        self.pages += 1
        self.items += rows
        if self.progress is not None:
            self.progress(self.pages, self.items, message)


class _ThreadSessions:
    """One HTTP session per worker thread of concurrent calls (requests sessions are not
    meant to be shared between threads), closed together at the end."""

    def __init__(self, client: TopClient) -> None:
        self._client = client
        self._local = threading.local()
        self._made: list[Any] = []
        self._lock = threading.Lock()

    def get(self) -> Any:
        http = getattr(self._local, "http", None)
        if http is None:
            http = self._local.http = self._client.thread_session()
            with self._lock:
                self._made.append(http)
        return http

    def close(self) -> None:
        if self._client.owns_http:
            for http in self._made:
                http.close()


class _Read(ListingDelta):
    """A list read, and which of its items carry no modified stamp (those are always read in
    full: nothing tells whether they changed)."""

    __slots__ = ("unstamped",)

    def __init__(self, seen: dict[str, tuple[str, str | None]], rows: dict[str, tuple],
                 pages: int, full: bool, unstamped: list[str]) -> None:
        super().__init__(seen, rows, pages, full)
        self.unstamped = unstamped


_GET_ID = methodcaller("get", "num_iid")
_GET_MODIFIED = methodcaller("get", "modified")


def _lean_page(
    page: list[dict], status: str, seen: dict[str, tuple[str, str | None]],
    unstamped: list[str],
) -> list[str]:
    """One lean page into ``seen`` (id -> (status, modified)); answers the ids taken. Ids and
    stamps as TOP sends them (whole numbers, ASCII text) take a path without a Python step per
    item; anything else goes through the general checks one item at a time."""
    ids = list(map(_GET_ID, page))
    stamps = list(map(_GET_MODIFIED, page))
    if set(map(type, ids)) <= _INT and set(map(type, stamps)) <= _STR \
            and "" not in stamps and "".join(stamps).isascii():
        keys = list(map(str, ids))
        seen.update(zip(keys, zip(repeat(status), stamps), strict=True))
        return keys
    taken = []
    for row in page:
        lid = item_id(row)
        if lid is None:
            continue  # no id: not counted, so the list reads as incomplete
        modified = text_or_none(row.get("modified"))
        seen[lid] = (status, modified)
        if modified is None:
            unstamped.append(lid)
        taken.append(lid)
    return taken


_INT = frozenset({int})
_STR = frozenset({str})
_INT_OR_NONE = frozenset({int, type(None)})
_STR_OR_NONE = frozenset({str, type(None)})
_GETS = {key: methodcaller("get", key) for key in
         ("title", "price", "num", "cid", "pic_url", "outer_id", "modified")}


def _as_sent(column: list) -> bool:
    """Would ``text_or_none`` hand back every value of this column as it is? (Text or None,
    no empty text, nothing a UTF-8 encoder refuses.)"""
    if not set(map(type, column)) <= _STR_OR_NONE or "" in column:
        return False
    joined = "".join(filter(None, column))
    if joined.isascii():
        return True
    try:
        joined.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _full_page(page: list[dict], status: str, via: str) -> list[tuple]:
    """One full page as rows (``listing_values`` + asin, issues, the raw item and its list's
    words), items without an id left out. Items as TOP sends them (whole-number ids,
    quantities and categories; text or nothing elsewhere) are mapped a column at a time
    without a Python step per item; any other page goes item by item."""
    ids = list(map(_GET_ID, page))
    if not set(map(type, ids)) <= _INT:
        return _full_page_by_item(page, status, via)
    get = _GETS
    titles = list(map(get["title"], page))
    nums = list(map(get["num"], page))
    cids = list(map(get["cid"], page))
    texts = [list(map(get[key], page)) for key in ("price", "pic_url", "outer_id", "modified")]
    present = [n for n in nums if n is not None]
    if not (set(map(type, titles)) <= _STR and _as_sent([t for t in titles if t])
            and set(map(type, nums)) <= _INT_OR_NONE
            and (not present or (min(present) >= _INT_MIN and max(present) <= _INT_MAX))
            and (set(map(type, cids)) <= _INT or _as_sent(cids))
            and all(map(_as_sent, texts))):
        return _full_page_by_item(page, status, via)
    keys = list(map(str, ids))
    if cids and type(cids[0]) is int:
        cids = list(map(str, cids))
    prices, pics, outers, stamps = texts
    return list(zip(keys, titles, repeat(status), prices, repeat("CNY"), nums,
                    map(ITEM_URL.format, keys), cids, pics, outers, stamps, repeat(None),
                    repeat(None), repeat(None), page, repeat(via), strict=False))


_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1
_FIRST = itemgetter(0)


def _full_page_by_item(page: list[dict], status: str, via: str) -> list[tuple]:
    out = []
    for row in page:
        # + asin, issues (Amazon only), the raw item and its list's words, which the
        # evidence ledger keeps
        values = listing_values(row, status) + (None, None, row, via)
        if values[0]:  # no id: not counted, so the list reads as incomplete
            out.append(values)
    return out


@dataclass(frozen=True, slots=True)
class _Page:
    total: int
    rows: list[dict]


class TaobaoConnector(TopClient):
    """Reads a Taobao shop through TOP. Declares ``listings`` and ``lookup``."""

    capabilities = frozenset({CAP_LISTINGS, CAP_LOOKUP})

    def __init__(
        self, endpoint: str, app_key: str, app_secret: str, session: str, *,
        page_size: int = MAX_PAGE_SIZE, **options: Any,
    ) -> None:
        """TopClient's arguments (``options``: its keyword options), plus ``page_size``, the
        items asked for per listing page."""
        super().__init__(endpoint, app_key, app_secret, session, **options)
        if not 1 <= page_size <= MAX_PAGE_SIZE:
            raise ValueError(f"page_size must be between 1 and {MAX_PAGE_SIZE}")
        self.page_size = page_size
        #: the seller's nick as the shop's own items name it (read in full); punishment
        #: messages (TMC) are routed to a shop by it
        self.seller_nick: str | None = None

    # ----------------------------------------------------------------- listings

    def fetch_listings(
        self, progress: Progress | None = None, cancel: CancelCheck | None = None
    ) -> tuple[list[ListingRecord], int]:
        """Every listing of the shop, on sale or not, or raise (IncompleteSync rather than a
        partial list). Returns (records, pages of items fetched)."""
        delta = self.fetch_listing_changes({}, full=True, progress=progress, cancel=cancel)
        return [ListingRecord(*values) for values in delta.rows.values()], delta.pages

    def fetch_listing_changes(
        self, known: Mapping[str, tuple[str, str | None]], *, full: bool = False,
        progress: Progress | None = None, cancel: CancelCheck | None = None,
    ) -> ListingDelta:
        """Two-pass read. Pass 1 reads every list with lean fields and proves it complete
        exactly as a full read does; pass 2 fetches full rows (items.seller.list.get, 20 ids
        a call, a few calls at once) only for items that are new or whose (status, modified)
        differs from ``known`` (id -> the stored (status, modified) pair, a tuple or a
        LeanListing). With ``full`` or nothing known, the lists are read once with
        full fields instead. Any failure raises: a partial answer is never returned."""
        with _Run(progress, cancel, self) as run:
            return self._read_changes(run, known, full=full)

    def _read_changes(
        self, run: _Run, known: Mapping[str, tuple[str, str | None]], *, full: bool
    ) -> ListingDelta:
        if full or not known:
            return self._read_all(run, ITEM_FIELDS, full=True)
        lean = self._read_all(run, LEAN_FIELDS, full=False)
        seen = lean.seen
        # New ids and changed (status, modified) pairs; an item without a modified stamp is
        # always re-read. (Pairs compare as tuples: no object is built per item.)
        stored = known.get
        wanted = [lid for lid, pair in seen.items() if stored(lid) != pair]
        if lean.unstamped:
            new = set(wanted)
            wanted += [lid for lid in dict.fromkeys(lean.unstamped)
                       if lid not in new and seen[lid][1] is None]
        calls = math.ceil(len(wanted) / ROWS_PER_CALL)
        if calls > FULL_READ_CALLS_PER_PAGE * max(1, run.pages):
            log.info("%d of %d items changed; reading the lists in full", len(wanted), len(seen))
            return self._read_all(run, ITEM_FIELDS, full=True)
        rows = self._read_rows(run, wanted, seen) if wanted else {}
        return ListingDelta(seen, rows, run.pages, full=False)

    def _read_all(self, run: _Run, fields: str, *, full: bool) -> _Read:
        """Every list, mapped page by page as it arrives (the next page is already on its
        way). ``full``: rows as ListingRecord tuples; otherwise (status, modified) only."""
        rows: dict[str, tuple] = {}
        seen: dict[str, tuple[str, str | None]] = {}
        unstamped: list[str] = []
        for item_list in ITEM_LISTS:
            status = item_list.status
            if full:
                def on_rows(page: list[dict], status: str = status,
                            via: str = item_list.words) -> list[str]:
                    if page and self.seller_nick is None:
                        self.seller_nick = text_or_none(page[0].get("nick"))
                    mapped = _full_page(page, status, via)
                    taken = list(map(_FIRST, mapped))
                    rows.update(zip(taken, mapped, strict=True))  # the later list wins
                    return taken
            else:
                def on_rows(page: list[dict], status: str = status) -> list[str]:
                    return _lean_page(page, status, seen, unstamped)
            self._read_item_list(run, item_list, fields, on_rows)
        if full:
            seen = {lid: (values[2], values[10]) for lid, values in rows.items()}
            unstamped = [lid for lid, values in rows.items() if values[10] is None]
        return _Read(seen, rows, run.pages, full, unstamped)

    def _read_rows(
        self, run: _Run, ids: list[str], seen: Mapping[str, tuple[str, str | None]]
    ) -> dict[str, tuple]:
        """Pass 2: full rows of ``ids``, ROWS_PER_CALL a call, ROWS_WORKERS calls at once.
        Every id must come back: the platform silently leaves out an item that no longer
        exists, and an item deleted between the passes makes the read incomplete."""
        chunks = [ids[i:i + ROWS_PER_CALL] for i in range(0, len(ids), ROWS_PER_CALL)]

        def fetch(chunk: list[str], *, http: Any) -> list[dict]:
            run.check_cancel()
            inner = self._request(ROWS_METHOD, {"num_iids": ",".join(chunk),
                                                "fields": ITEM_FIELDS},
                                  cancel=run.cancel, http=http)
            outer = inner.get("items")
            got = outer.get("item") if isinstance(outer, dict) else None
            if isinstance(got, dict):
                got = [got]
            return [r for r in got if isinstance(r, dict)] if isinstance(got, list) else []

        rows: dict[str, tuple] = {}
        futures = [run.submit(fetch, c) for c in chunks]
        done, _ = wait(futures, return_when=FIRST_EXCEPTION)
        for future in futures:
            if future in done and future.exception() is not None:
                raise future.exception()  # type: ignore[misc]
        for n, future in enumerate(futures, start=1):
            for row in future.result():
                lid = item_id(row)
                if lid in seen:
                    status, modified = seen[lid]
                    rows[lid] = listing_values(row, status)[:10] + (
                        modified, None, None, None, row, f"{ROWS_METHOD} ({_LIST_WORDS[status]})")
            run.page_done(0, f"Changed items: part {n} of {len(chunks)}")
        missing = len(ids) - len(rows.keys() & set(ids))
        if missing:
            raise IncompleteSync(
                f"{missing} of the {len(ids)} changed items could not be read in full (they "
                f"changed or were removed during the sync); {_STOPPED}.",
                hint="Sync again in a moment.")
        return rows

    def _read_item_list(
        self, run: _Run, item_list: _ItemList, fields: str = ITEM_FIELDS,
        on_rows: Callable[[list[dict]], list[str]] | None = None,
    ) -> list[dict]:
        params: dict[str, Any] = {"fields": fields}
        if item_list.banner:
            params["banner"] = item_list.banner
        first = self._page(run, item_list.method, params, 1, self.page_size)
        if math.ceil(first.total / self.page_size) <= item_list.max_pages(self.page_size):
            return self._read_pages(run, item_list.method, params, item_list.noun,
                                    item_id, first=first, on_rows=on_rows)
        log.info("%d %s exceed what pagination reaches; reading by modified time",
                 first.total, item_list.noun)
        rows = self._read_windows(run, item_list, params, first.total)
        if on_rows is not None:
            on_rows(rows)
            return []
        return rows

    def _read_windows(
        self, run: _Run, item_list: _ItemList, params: dict[str, Any], overall: int
    ) -> list[dict]:
        """Read a list too long to paginate in windows of modified time, halving any window
        whose items pagination still cannot reach. Windows are inclusive and never overlap."""
        reach = item_list.max_pages(self.page_size) * self.page_size
        by_id: dict[str, dict] = {}
        windows = self._windows(run, item_list, params, reach)
        for part, (start, end, window_params) in enumerate(windows, start=1):
            noun = f"{item_list.noun} changed between {_fmt(start)} and {_fmt(end)}"
            rows = self._read_pages(run, item_list.method, window_params, noun, item_id,
                                    label=f"{item_list.noun}, part {part}")
            for row in rows:
                # An item edited while we read moves to the newest window: keep that copy.
                by_id[item_id(row) or ""] = row
        if len(by_id) < overall:
            # Every item has a modified time inside the windows unless the clock or the data
            # is odd; either way items would silently go missing.
            raise IncompleteSync(
                f"Taobao reported {overall} {item_list.noun} but sent {len(by_id)} when read "
                f"by modification time; {_STOPPED}.",
                hint="Sync again; if it keeps happening, check the computer's clock.")
        return list(by_id.values())

    def _windows(
        self, run: _Run, item_list: _ItemList, params: dict[str, Any], reach: int
    ) -> Iterator[tuple[datetime, datetime, dict[str, Any]]]:
        end_all = datetime.now(GMT8).replace(tzinfo=None, microsecond=0) + timedelta(days=1)
        stack = [(WINDOWS_START, end_all)]
        while stack:
            start, end = stack.pop()
            window_params = {**params, "start_modified": _fmt(start), "end_modified": _fmt(end),
                             "order_by": "modified:asc"}
            # page_size=1: only the window's total is wanted.
            total = self._page(run, item_list.method, window_params, 1, 1, probe=True).total
            if total == 0:
                continue
            if total <= reach:
                yield start, end, window_params
                continue
            if start >= end:
                raise IncompleteSync(
                    f"Taobao reports {total} {item_list.noun} last changed in the same second "
                    f"({_fmt(start)}), more than it lets anyone list; {_STOPPED}.",
                    hint="This needs a different way to read the shop; please report it.")
            half = timedelta(seconds=int((end - start).total_seconds()) // 2)
            middle = start + half
            # Pushed right first so the older half is read first.
            stack.append((middle + ONE_SECOND, end))
            stack.append((start, middle))

    # ----------------------------------------------------------------- pagination

    def _page(
        self,
        run: _Run,
        method: str,
        params: dict[str, Any],
        page_no: int,
        page_size: int,
        *,
        container: tuple[str, str] = ("items", "item"),
        probe: bool = False,
        http: Any = None,
    ) -> _Page:
        run.check_cancel()
        inner = self._request(method, {**params, "page_no": page_no, "page_size": page_size},
                              cancel=run.cancel, http=http)
        total = _count(inner.get("total_results"))
        if total is None:
            raise IncompleteSync(
                f"Taobao did not say how many results {method} has; {_STOPPED}.",
                hint="Sync again later.")
        outer = inner.get(container[0])
        rows = outer.get(container[1]) if isinstance(outer, dict) else None
        if isinstance(rows, dict):  # a lone item may arrive unwrapped
            rows = [rows]
        if not isinstance(rows, list):
            rows = []  # an empty page may omit the list
        rows = [r for r in rows if isinstance(r, dict)]
        if probe and rows:
            rows = []
        return _Page(total, rows)

    def _read_pages(
        self,
        run: _Run,
        method: str,
        params: dict[str, Any],
        noun: str,
        ident: Callable[[dict], str | None],
        *,
        page_size: int | None = None,
        container: tuple[str, str] = ("items", "item"),
        first: _Page | None = None,
        label: str | None = None,
        on_rows: Callable[[list[dict]], list[str]] | None = None,
    ) -> list[dict]:
        """Every page of one paginated list; raises IncompleteSync unless the distinct rows
        received equal the total Taobao reported. ``label`` names the list in progress lines.
        ``on_rows``: handed each page as it arrives (while the next ones are being fetched)
        and answers the ids it took; then nothing is returned, otherwise the distinct rows
        are."""
        size = page_size or self.page_size
        page = first or self._page(run, method, params, 1, size, container=container)
        total = page.total
        pages = max(1, math.ceil(total / size))
        label = label or noun
        label = label[0].upper() + label[1:]
        distinct: dict[str, dict] = {}
        keys: set[str] = set()
        # Pages 2..N are requested a few at once (the total is known from page 1) and
        # handled here in order, each while the following ones are on their way.
        ahead: deque[Future[_Page]] = deque()
        try:
            next_no = 2
            page_no = 1
            while True:
                if page_no > 1:
                    run.check_cancel()  # pages already on their way are not even looked at
                while next_no <= pages and len(ahead) < PAGE_WORKERS:
                    ahead.append(run.submit(self._page, run, method, params, next_no, size,
                                            container=container))
                    next_no += 1
                if page.total != total:
                    # Items appeared or vanished while we paged: some may have slid past us.
                    raise IncompleteSync(
                        f"The number of {noun} changed from {total} to {page.total} during "
                        f"the sync; {_STOPPED}.", hint="Sync again in a moment.")
                if on_rows is None:
                    for row in page.rows:
                        key = ident(row)
                        if key is not None:
                            distinct[key] = row
                else:
                    keys.update(on_rows(page.rows))
                run.page_done(len(page.rows), f"{label}: page {page_no} of {pages}")
                if not ahead:
                    break
                page = ahead.popleft().result()
                page_no += 1
        finally:
            for future in ahead:  # a failed read leaves nothing queued
                future.cancel()
        received = len(distinct) if on_rows is None else len(keys)
        if received != total:
            raise IncompleteSync(
                f"Taobao reported {total} {noun} but sent {received}; {_STOPPED}.",
                hint="Sync again in a moment.")
        return list(distinct.values())

    # ----------------------------------------------------------------- look-up

    def lookup(self, listing_id: str) -> ListingRecord | None:
        """One item by id via taobao.item.seller.get; None when Taobao says it no longer
        exists."""
        try:
            inner = self._request("taobao.item.seller.get",
                                  {"num_iid": listing_id, "fields": LOOKUP_FIELDS}, gone_ok=True)
        except ItemGone:
            return None
        item = inner.get("item")
        if not isinstance(item, dict) or item_id(item) is None:
            raise SourceError(
                f"Taobao answered the look-up of item {listing_id} without the item.",
                hint="Sync again later; nothing was changed.")
        status = ACTIVE if item.get("approve_status") == "onsale" else SELLER_OFF_SHELF
        return listing_record(
            item, status, via=f"taobao.item.seller.get approve_status={item.get('approve_status')}")


class DemoConnector(TaobaoConnector):
    """The same client pointed at the embedded demo marketplace, which also serves penalty
    notices and daily traffic through two extension methods."""

    capabilities = frozenset({CAP_LISTINGS, CAP_LOOKUP, CAP_NOTICES, CAP_METRICS})

    def fetch_notices(
        self, progress: Progress | None = None, cancel: CancelCheck | None = None
    ) -> list[NoticeRecord]:
        """Every notice the demo shop has, or raise IncompleteSync."""
        with _Run(progress, cancel, self) as run:
            rows = self._read_pages(
                run, "shopwatch.demo.notices.get", {}, "penalty notices",
                lambda r: text_or_none(r.get("notice_id")), page_size=NOTICES_PAGE_SIZE,
                container=("notices", "notice"))
        return [notice_record(r) for r in rows]

    def fetch_metrics(
        self,
        since_day: str | None,
        progress: Progress | None = None,
        cancel: CancelCheck | None = None,
    ) -> list[MetricRecord]:
        """Daily traffic per listing from ``since_day`` (YYYY-MM-DD) on; all days if None."""
        params = {"start_date": since_day} if since_day else {}
        with _Run(progress, cancel, self) as run:
            rows = self._read_pages(
                run, "shopwatch.demo.metrics.get", params, "daily traffic rows",
                lambda r: f"{text_or_none(r.get('num_iid'))}/{r.get('date')}",
                page_size=METRICS_PAGE_SIZE, container=("metrics", "metric"))
        return [metric_record(r) for r in rows]


#: more results than any shop has: a "count" above it is garbage (and would overflow the
#: page arithmetic, which divides it as a float)
MAX_RESULTS = 10**9


def _count(value: object) -> int | None:
    """A result count, or None for what cannot be one: a boolean, a fraction, Infinity, NaN,
    a negative or absurd number, text that is not a whole number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not value.is_integer():  # also False for Infinity and NaN
            return None
        value = int(value)
    elif isinstance(value, str):
        text = value.strip()
        if not text.isascii() or not text.isdigit() or len(text) > 12:
            return None
        value = int(text)
    if not isinstance(value, int) or not 0 <= value <= MAX_RESULTS:
        return None
    return value


def _fmt(moment: datetime) -> str:
    return moment.strftime(TIMESTAMP_FORMAT)
