"""Read queries shaped for the desktop app: listing keys first (cheap, so 100,000 rows
filter and sort in SQL), rows fetched for what is on screen, per-day counts for charts, and
one read model (a dataclass) per page, built in one call."""


from __future__ import annotations

import weakref
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from shopwatch.models import (
    Alert,
    Listing,
    ListingVersion,
    MetricRecord,
    Notice,
    SyncRun,
)
from shopwatch.store.queries._base import _chunks
from shopwatch.store.queries.alerts import list_alerts
from shopwatch.store.queries.ledger import last_ledger_run, ledger_check
from shopwatch.store.queries.listings import (
    LAST_SEEN_SQL,
    LISTING_COLUMNS,
    count_by_status,
    get_listing,
    listing_versions,
    select_list,
)
from shopwatch.store.queries.metrics import listing_metric_series
from shopwatch.store.queries.notices import (
    NOTICE_COLUMNS,
    NOTICE_SELECT,
    _notice,
    list_notices,
)
from shopwatch.store.queries.runs import last_run
from shopwatch.timeutil import parse_iso

if TYPE_CHECKING:
    import sqlite_utils

#: sortable listing columns the Listings table offers -> SQL expression
LISTING_SORT_KEYS = {
    "title": "title COLLATE NOCASE",
    "listing_id": "listing_id",
    "price": "CAST(price AS REAL)",
    "quantity": "quantity",
    "status": "status",
    "search_status": "search_status",
    "status_changed_at": "status_changed_at",
    "last_seen": LAST_SEEN_SQL,
    "first_seen": "first_seen",
}


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def listing_keys(
    db: sqlite_utils.Database, shop_id: int, *, statuses: Sequence[str] | None = None,
    search: str | None = None, search_status: str | None = None,
    order_by: str = "status_changed_at", descending: bool = True,
) -> list[int]:
    """Row keys (SQLite rowids) of the shop's listings matching the filter, in display order.
    The GUI holds only these ints and fetches rows for what is on screen."""
    where, params = ["shop_id = ?"], [shop_id]
    if statuses:
        where.append(f"status IN ({', '.join('?' for _ in statuses)})")
        params += list(statuses)
    if search_status:
        where.append("search_status = ?")
        params.append(search_status)
    if search and search.strip():
        term = search.strip()
        where.append("(title LIKE ? ESCAPE '\\' OR listing_id LIKE ? ESCAPE '\\'"
                     " OR outer_id LIKE ? ESCAPE '\\')")
        params += [_like(term), _like(term), _like(term)]
    key = LISTING_SORT_KEYS.get(order_by, LISTING_SORT_KEYS["status_changed_at"])
    direction = "DESC" if descending else "ASC"
    sql = (f"SELECT rowid FROM listings WHERE {' AND '.join(where)}"
           f" ORDER BY {key} {direction}, rowid {direction}")
    return [row[0] for row in db.execute(sql, params).fetchall()]


class ListingKeyIndex:
    """What makes the Listings table fast at 100,000 listings: per read connection, one
    ascending order per sort column for the whole shop (descending is its exact reverse, as
    ``listing_keys`` breaks ties by row key in the same direction), each listing's status and
    search status, and a casefolded haystack per listing (title, listing id, outer id). A
    filter, a keystroke or a sort already read is then a pass over a Python list (~10 ms)
    instead of an SQL sort or three LIKE scans of the table (~100–200 ms). Everything is
    dropped when the file changed since (``PRAGMA data_version`` moves when another
    connection commits)."""

    def __init__(self) -> None:
        self._version: int | None = None
        self._ascending: dict[tuple[int, str], list[int]] = {}
        self._facts: dict[int, dict[int, tuple[str, str, str]]] = {}
        self._last: tuple[tuple | None, str, list[int]] = (None, "", [])

    def _fresh(self, db: sqlite_utils.Database) -> None:
        version = db.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:
            self._version, self._ascending, self._facts = version, {}, {}
            self._last = (None, "", [])

    def ascending(self, db: sqlite_utils.Database, shop_id: int, order_by: str) -> list[int]:
        """Every listing of the shop in ``order_by``'s ascending order (read once)."""
        self._fresh(db)
        order = order_by if order_by in LISTING_SORT_KEYS else "status_changed_at"
        found = self._ascending.get((shop_id, order))
        if found is None:
            found = self._ascending[(shop_id, order)] = listing_keys(
                db, shop_id, order_by=order, descending=False)
        return found

    def facts(self, db: sqlite_utils.Database, shop_id: int) -> dict[int, tuple[str, str, str]]:
        """(status, search status, haystack) per listing key (built once per version)."""
        self._fresh(db)
        found = self._facts.get(shop_id)
        if found is None:
            found = self._facts[shop_id] = {
                key: (status, search_status,
                      f"{title or ''}\n{listing_id}\n{outer_id or ''}".casefold())
                for key, status, search_status, title, listing_id, outer_id in db.execute(
                    "SELECT rowid, status, search_status, title, listing_id, outer_id"
                    " FROM listings WHERE shop_id = ?", [shop_id])}
        return found

    def keys(self, db: sqlite_utils.Database, shop_id: int, *,
             statuses: Sequence[str] | None = None, search: str | None = None,
             search_status: str | None = None, order_by: str = "status_changed_at",
             descending: bool = True) -> list[int]:
        """The same answer as ``listing_keys``; the search matches case-insensitively."""
        ordered = self.ascending(db, shop_id, order_by)
        wanted = (shop_id, tuple(statuses or ()), search_status, order_by, descending)
        term = (search or "").strip().casefold()
        if not term and not statuses and search_status is None:
            self._last = (wanted, "", [])
            return ordered[::-1] if descending else list(ordered)  # the whole shop
        facts = self.facts(db, shop_id)
        # typing on narrows the last answer (a term holding the previous one matches a
        # subset of its listings) instead of looking at every listing again
        last_wanted, last_term, last_found = self._last
        if term and last_wanted == wanted and last_term and last_term in term:
            found = [key for key in last_found if term in facts[key][2]]
        else:
            allowed = set(statuses) if statuses else None
            source = reversed(ordered) if descending else ordered
            found = [key for key in source
                     if (fact := facts.get(key)) is not None
                     and (allowed is None or fact[0] in allowed)
                     and (search_status is None or fact[1] == search_status)
                     and (not term or term in fact[2])]
        self._last = (wanted, term, found)
        return list(found)


_key_indexes: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _key_index(db: sqlite_utils.Database) -> ListingKeyIndex:
    index = _key_indexes.get(db)
    if index is None:
        index = _key_indexes[db] = ListingKeyIndex()
    return index


def indexed_listing_keys(db: sqlite_utils.Database, shop_id: int, **filters: Any) -> list[int]:
    """``listing_keys`` through the connection's ``ListingKeyIndex`` (made on first use)."""
    return _key_index(db).keys(db, shop_id, **filters)


def warm_listing_search(db: sqlite_utils.Database, shop_id: int,
                        orders: Sequence[str] = ()) -> int:
    """Read ahead of the seller: what a search looks in and the sort orders named (the
    reader is otherwise idle); how many listings the shop has."""
    index = _key_index(db)
    for order in orders:
        index.ascending(db, shop_id, order)
    return len(index.facts(db, shop_id))


def listing_key(db: sqlite_utils.Database, shop_id: int, listing_id: str) -> int | None:
    """The row key of one listing (a primary-key look-up)."""
    row = db.execute("SELECT rowid FROM listings WHERE shop_id = ? AND listing_id = ?",
                     [shop_id, listing_id]).fetchone()
    return row[0] if row else None


def listings_by_keys(db: sqlite_utils.Database, keys: Sequence[int]) -> dict[int, Listing]:
    """Listings by rowid (unknown keys are simply absent: a sync may have removed a shop)."""
    out: dict[int, Listing] = {}
    cols = select_list(LISTING_COLUMNS)
    for chunk in _chunks(keys):
        marks = ", ".join("?" for _ in chunk)
        for row in db.execute(
            f"SELECT rowid, {cols} FROM listings WHERE rowid IN ({marks})", list(chunk)
        ).fetchall():
            # by name: the dataclass field order differs from LISTING_COLUMNS
            out[row[0]] = Listing(**dict(zip(LISTING_COLUMNS, row[1:], strict=True)))
    return out


def notices_for_listing(db: sqlite_utils.Database, shop_id: int, listing_id: str) -> list[Notice]:
    rows = db.execute(
        # every notice naming the listing, not only those naming it first
        f"SELECT {NOTICE_SELECT} FROM notices WHERE shop_id = ? AND (listing_id = ? OR id IN"
        " (SELECT notice_id FROM notice_listings WHERE shop_id = ? AND listing_id = ?))"
        " ORDER BY issued_at DESC, id DESC", [shop_id, listing_id, shop_id, listing_id],
    ).fetchall()
    return [_notice(row) for row in rows]


def count_open_alerts(
    db: sqlite_utils.Database, *, shop_id: int | None = None,
    severities: Sequence[str] | None = None,
) -> int:
    sql, params = "SELECT COUNT(*) FROM alerts WHERE acknowledged_at IS NULL", []
    if shop_id is not None:
        sql += " AND shop_id = ?"
        params.append(shop_id)
    if severities:
        sql += f" AND severity IN ({', '.join('?' for _ in severities)})"
        params += list(severities)
    return db.execute(sql, params).fetchone()[0]


def alerts_per_day(
    db: sqlite_utils.Database, shop_id: int, since_day: str, *,
    severities: Sequence[str] | None = None,
) -> dict[str, int]:
    """Alerts raised per calendar day (the day of the stored timestamp), from ``since_day``."""
    sql = ("SELECT substr(created_at, 1, 10) AS day, COUNT(*) FROM alerts"
           " WHERE shop_id = ? AND substr(created_at, 1, 10) >= ?")
    params: list[Any] = [shop_id, since_day]
    if severities:
        sql += f" AND severity IN ({', '.join('?' for _ in severities)})"
        params += list(severities)
    return dict(db.execute(sql + " GROUP BY day ORDER BY day", params).fetchall())


def active_listings_per_day(
    db: sqlite_utils.Database, shop_id: int, since_day: str
) -> dict[str, int]:
    """Active listings after the last successful sync of each day, rebuilt from the version
    history (a version is valid from its run up to, not including, the run that replaced it)."""
    runs = db.execute(
        "SELECT substr(finished_at, 1, 10) AS day, MAX(id) FROM sync_runs"
        " WHERE shop_id = ? AND status = 'ok' AND finished_at IS NOT NULL"
        " AND substr(finished_at, 1, 10) >= ? GROUP BY day ORDER BY day",
        [shop_id, since_day],
    ).fetchall()
    if not runs:
        return {}
    spans = db.execute(
        "SELECT valid_from_run, valid_to_run FROM listing_versions"
        " WHERE shop_id = ? AND status = 'active'", [shop_id],
    ).fetchall()
    starts = sorted(s for s, _ in spans)
    ends = sorted(e for _, e in spans if e is not None)
    return {day: bisect_right(starts, run_id) - bisect_right(ends, run_id)
            for day, run_id in runs}


def upcoming_deadlines(
    db: sqlite_utils.Database, shop_id: int, after: datetime, limit: int = 10
) -> list[Notice]:
    """Open notices whose appeal deadline is still ahead, soonest first. Compared as moments,
    not text: stored stamps carry different UTC offsets (+08:00 from the platform)."""
    rows = db.execute(
        f"SELECT {NOTICE_SELECT} FROM notices WHERE shop_id = ? AND status = 'open'"
        " AND appeal_deadline IS NOT NULL", [shop_id],
    ).fetchall()
    ahead = [(moment, _notice(row)) for row in rows
             if (moment := parse_iso(row[NOTICE_COLUMNS.index("appeal_deadline")])) and moment > after]
    ahead.sort(key=lambda pair: pair[0])
    return [notice for _, notice in ahead[:limit]]


# --- read models, one per page ----------------------------------------------------------------
# Plain dataclasses a page renders as they are; each is built in one call on a reader thread's
# own connection (``ui.workers.run_query``), so a page neither runs SQL nor holds a connection.

@dataclass(frozen=True, slots=True)
class DeadlineRow:
    notice: Notice
    listing_title: str | None
    overdue: bool  # the deadline has passed while the notice is still open


@dataclass(frozen=True, slots=True)
class OverviewView:
    counts: dict[str, int]
    demoted: int
    last_finished_at: str | None
    active_days: dict[str, int]
    alerts_per_day: dict[str, int]
    notices: list[Notice]
    deadlines: list[DeadlineRow]  # overdue first, then the soonest
    alerts: list[Alert]  # the newest important ones
    #: the latest check of the shop's evidence ledger (a ``ledger_checks`` row), if any
    ledger_check: dict | None = None
    has_ledger: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _deadline_rows(db: sqlite_utils.Database, notices: list[Notice], now: datetime,
                   limit: int) -> list[DeadlineRow]:
    dated = [(moment, n) for n in notices if n.status == "open" and n.appeal_deadline
             and (moment := parse_iso(n.appeal_deadline)) is not None]
    dated.sort(key=lambda pair: pair[0])
    overdue = [pair for pair in dated if pair[0] <= now]
    ahead = [pair for pair in dated if pair[0] > now]
    rows = []
    for moment, notice in (overdue[-limit:][::-1] + ahead)[:limit]:
        listing = (get_listing(db, notice.shop_id, notice.listing_id)
                   if notice.listing_id else None)
        rows.append(DeadlineRow(notice, listing.title if listing else None, moment <= now))
    return rows


def overview(db: sqlite_utils.Database, shop_id: int, *, now: datetime, since: str,
             deadlines: int = 5, alerts: int = 6) -> OverviewView:
    """Everything the Overview shows for one shop, read in one go."""
    important = ("critical", "warning")
    notices = list_notices(db, shop_id=shop_id)
    newest = [a for a in list_alerts(db, shop_id=shop_id, limit=60) if a.severity in important]
    last = last_run(db, shop_id)
    return OverviewView(
        counts=count_by_status(db, shop_id),
        demoted=len(listing_keys(db, shop_id, statuses=["active"], search_status="suppressed")),
        last_finished_at=last.finished_at if last else None,
        active_days=active_listings_per_day(db, shop_id, since),
        alerts_per_day=alerts_per_day(db, shop_id, since, severities=important),
        notices=notices,
        deadlines=_deadline_rows(db, notices, now, deadlines),
        alerts=newest[:alerts],
        ledger_check=ledger_check(db, shop_id),
        has_ledger=last_ledger_run(db, shop_id) is not None)


@dataclass(frozen=True, slots=True)
class AlertsView:
    alerts: list[Alert]
    #: listing id -> the newest open notice on it (what "Draft appeal" answers when the alert
    #: itself names no notice: a deletion alert comes before its notice is linked)
    notice_by_listing: dict[str, int]


def alerts_page(db: sqlite_utils.Database, shop_id: int, *, include_acknowledged: bool,
                limit: int) -> AlertsView:
    alerts = list_alerts(db, shop_id=shop_id, include_acknowledged=include_acknowledged,
                         limit=limit)
    by_listing: dict[str, int] = {}
    for notice in sorted(list_notices(db, shop_id=shop_id),
                         key=lambda n: (n.issued_at or "", n.id)):
        if notice.listing_id:
            by_listing[notice.listing_id] = notice.id  # the newest wins
    return AlertsView(alerts, by_listing)


@dataclass(frozen=True, slots=True)
class ListingDetailView:
    metrics: list[MetricRecord]
    notices: list[Notice]
    versions: list[ListingVersion]


def listing_detail(db: sqlite_utils.Database, shop_id: int, listing_id: str, *,
                   metrics_since: str) -> ListingDetailView:
    return ListingDetailView(listing_metric_series(db, shop_id, listing_id, metrics_since),
                             notices_for_listing(db, shop_id, listing_id),
                             listing_versions(db, shop_id, listing_id))


def notices_page(db: sqlite_utils.Database, shop_id: int) -> list[Notice]:
    return list_notices(db, shop_id=shop_id)


@dataclass(frozen=True, slots=True)
class ShopStatusView:
    """What the status bar says about one shop's last sync."""

    last: SyncRun | None
    unread: int  # unacknowledged important alerts over every shop (the badge)


def shop_status(db: sqlite_utils.Database, shop_id: int | None) -> ShopStatusView:
    return ShopStatusView(last_run(db, shop_id) if shop_id is not None else None,
                          count_open_alerts(db, severities=("critical", "warning")))


def last_runs(db: sqlite_utils.Database, shop_ids: Sequence[int]) -> dict[int, SyncRun | None]:
    """Each shop's newest run (the Settings page's shop list)."""
    return {shop_id: last_run(db, shop_id) for shop_id in shop_ids}


def listing_total(db: sqlite_utils.Database, shop_id: int) -> int:
    return sum(count_by_status(db, shop_id).values())
