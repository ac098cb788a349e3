"""Typed reads and writes. Every function takes the database explicitly and returns
``models`` dataclasses; SQL lives only in this package."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import fields as dataclass_fields
from typing import Any

import sqlite_utils

from shopwatch.models import (
    Alert,
    AlertDraft,
    Appeal,
    Listing,
    ListingVersion,
    MetricRecord,
    Notice,
    NoticeRecord,
    Shop,
    SyncRun,
)


class NotFound(LookupError):
    pass


def _rows(db: sqlite_utils.Database, sql: str, params: Sequence[Any] | dict = ()) -> list[dict]:
    return list(db.query(sql, params))


# --- shops -------------------------------------------------------------------------------

def _shop(row: dict) -> Shop:
    return Shop(
        id=row["id"], name=row["name"], platform=row["platform"], endpoint=row["endpoint"],
        app_key=row["app_key"], sign_method=row["sign_method"],
        settings=json.loads(row["settings"] or "{}"), created_at=row["created_at"],
    )


def add_shop(
    db: sqlite_utils.Database, name: str, platform: str, *, now: str,
    endpoint: str | None = None, app_key: str | None = None, sign_method: str = "md5",
    settings: dict[str, Any] | None = None,
) -> Shop:
    with db.atomic():
        cur = db.execute(
            "INSERT INTO shops (name, platform, endpoint, app_key, sign_method, settings, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [name, platform, endpoint, app_key, sign_method,
             json.dumps(settings or {}, ensure_ascii=False), now],
        )
    return get_shop_by_id(db, cur.lastrowid)


def update_shop(db: sqlite_utils.Database, shop_id: int, **changes: Any) -> Shop:
    allowed = {"name", "platform", "endpoint", "app_key", "sign_method", "settings"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"cannot update {sorted(unknown)}")
    if "settings" in changes:
        changes["settings"] = json.dumps(changes["settings"], ensure_ascii=False)
    if changes:
        assignments = ", ".join(f"{key} = ?" for key in changes)
        with db.atomic():
            db.execute(f"UPDATE shops SET {assignments} WHERE id = ?", [*changes.values(), shop_id])
    return get_shop_by_id(db, shop_id)


def delete_shop(db: sqlite_utils.Database, shop_id: int) -> None:
    with db.atomic():
        db.execute("DELETE FROM shops WHERE id = ?", [shop_id])


def get_shop_by_id(db: sqlite_utils.Database, shop_id: int) -> Shop:
    rows = _rows(db, "SELECT * FROM shops WHERE id = ?", [shop_id])
    if not rows:
        raise NotFound(f"no shop with id {shop_id}")
    return _shop(rows[0])


def get_shop(db: sqlite_utils.Database, name: str) -> Shop | None:
    rows = _rows(db, "SELECT * FROM shops WHERE name = ?", [name])
    return _shop(rows[0]) if rows else None


def list_shops(db: sqlite_utils.Database) -> list[Shop]:
    return [_shop(r) for r in _rows(db, "SELECT * FROM shops ORDER BY name")]


# --- sync runs ---------------------------------------------------------------------------

def _run(row: dict) -> SyncRun:
    return SyncRun(
        id=row["id"], shop_id=row["shop_id"], started_at=row["started_at"], status=row["status"],
        finished_at=row["finished_at"], listings=row["listings"], pages=row["pages"],
        changed=row["changed"], error=row["error"], error_kind=row["error_kind"],
        origin=row.get("origin", "sync"),
    )


def start_run(db: sqlite_utils.Database, shop_id: int, now: str, origin: str = "sync") -> int:
    # Committed on its own so a killed process leaves a visible 'running' row, later marked
    # interrupted, instead of no trace at all.
    with db.atomic():
        cur = db.execute(
            "INSERT INTO sync_runs (shop_id, started_at, status, origin)"
            " VALUES (?, ?, 'running', ?)",
            [shop_id, now, origin],
        )
    return cur.lastrowid


def finish_run(
    db: sqlite_utils.Database, run_id: int, *, now: str, status: str, listings: int | None = None,
    pages: int | None = None, changed: int | None = None, versions: int | None = None,
    error: str | None = None, error_kind: str | None = None,
) -> None:
    db.execute(
        "UPDATE sync_runs SET finished_at = ?, status = ?, listings = ?, pages = ?, changed = ?,"
        " versions = ?, error = ?, error_kind = ? WHERE id = ?",
        [now, status, listings, pages, changed, versions, error, error_kind, run_id],
    )


def mark_interrupted_runs(db: sqlite_utils.Database, shop_id: int, now: str) -> int:
    """Runs left 'running' by a killed process become failed runs."""
    with db.atomic():
        cur = db.execute(
            "UPDATE sync_runs SET status = 'failed', finished_at = ?, error_kind = 'interrupted',"
            " error = 'The sync was interrupted (the app closed or the computer stopped); "
            "nothing from it was saved.' WHERE shop_id = ? AND status = 'running'",
            [now, shop_id],
        )
    return cur.rowcount


def get_run(db: sqlite_utils.Database, run_id: int) -> SyncRun:
    rows = _rows(db, "SELECT * FROM sync_runs WHERE id = ?", [run_id])
    if not rows:
        raise NotFound(f"no sync run {run_id}")
    return _run(rows[0])


def recent_runs(
    db: sqlite_utils.Database, shop_id: int, limit: int = 20, *, include_imports: bool = False
) -> list[SyncRun]:
    """Newest first. Imports into a shop with its own source are left out unless asked for:
    they say nothing about whether the shop's source is being watched."""
    origin = "" if include_imports else " AND origin = 'sync'"
    rows = _rows(
        db, f"SELECT * FROM sync_runs WHERE shop_id = ?{origin} ORDER BY id DESC LIMIT ?",
        [shop_id, limit],
    )
    return [_run(r) for r in rows]


def last_run(
    db: sqlite_utils.Database, shop_id: int, status: str | None = None, *,
    include_imports: bool = False,
) -> SyncRun | None:
    sql = "SELECT * FROM sync_runs WHERE shop_id = ? AND status != 'running'"
    if not include_imports:
        sql += " AND origin = 'sync'"
    params: list[Any] = [shop_id]
    if status:
        sql += " AND status = ?"
        params.append(status)
    rows = _rows(db, sql + " ORDER BY id DESC LIMIT 1", params)
    return _run(rows[0]) if rows else None


def failure_streak(db: sqlite_utils.Database, shop_id: int) -> list[SyncRun]:
    """The finished runs since the last successful one, oldest first."""
    rows = _rows(
        db,
        "SELECT * FROM sync_runs WHERE shop_id = ? AND status = 'failed' AND origin = 'sync'"
        " AND id > COALESCE((SELECT MAX(id) FROM sync_runs WHERE shop_id = ? AND status = 'ok'"
        " AND origin = 'sync'), 0) ORDER BY id",
        [shop_id, shop_id],
    )
    return [_run(r) for r in rows]


# --- listings ----------------------------------------------------------------------------

LISTING_COLUMNS = (
    "shop_id", "listing_id", "title", "price", "currency", "quantity", "url", "category",
    "pic_url", "outer_id", "status", "search_status", "first_seen", "last_seen",
    "missing_since", "status_changed_at", "content_hash",
)


def _listing(row: Sequence[Any]) -> Listing:
    return Listing(**dict(zip(LISTING_COLUMNS, row, strict=True)))


#: Listing's own field order: the sync's hot path builds listings positionally, a quarter
#: faster at 100,000 rows than by name. Derived from the dataclass, so the two cannot drift.
_LISTING_FIELDS = tuple(f.name for f in dataclass_fields(Listing))


def load_listings(db: sqlite_utils.Database, shop_id: int) -> dict[str, Listing]:
    cur = db.execute(
        f"SELECT {', '.join(_LISTING_FIELDS)} FROM listings WHERE shop_id = ?", [shop_id]
    )
    return {item.listing_id: item for item in (Listing(*row) for row in cur.fetchall())}


def list_listings(
    db: sqlite_utils.Database, *, shop_id: int | None = None, status: str | None = None,
    search: str | None = None, limit: int | None = None, offset: int = 0,
) -> list[Listing]:
    where, params = [], []
    if shop_id is not None:
        where.append("shop_id = ?")
        params.append(shop_id)
    if status:
        where.append("status = ?")
        params.append(status)
    if search:
        where.append("(title LIKE ? OR listing_id = ?)")
        params += [f"%{search}%", search]
    sql = f"SELECT {', '.join(LISTING_COLUMNS)} FROM listings"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY shop_id, status_changed_at DESC, listing_id"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return [_listing(row) for row in db.execute(sql, params).fetchall()]


def get_listing(db: sqlite_utils.Database, shop_id: int, listing_id: str) -> Listing | None:
    cur = db.execute(
        f"SELECT {', '.join(LISTING_COLUMNS)} FROM listings WHERE shop_id = ? AND listing_id = ?",
        [shop_id, listing_id],
    )
    row = cur.fetchone()
    return _listing(row) if row else None


def count_by_status(db: sqlite_utils.Database, shop_id: int | None = None) -> dict[str, int]:
    sql = "SELECT status, COUNT(*) FROM listings"
    params: list[Any] = []
    if shop_id is not None:
        sql += " WHERE shop_id = ?"
        params.append(shop_id)
    return dict(db.execute(sql + " GROUP BY status", params).fetchall())


def write_listings(
    db: sqlite_utils.Database, listings: Iterable[Listing], *, run_id: int, now: str,
    changed_hash: set[str],
) -> int:
    """Upsert listing rows; append a version for each id in ``changed_hash`` (closing the
    previous one). Raw executemany: this is the sync hot path. Call inside ``db.atomic()``."""
    listings = list(listings)
    rows = [tuple(getattr(item, c) for c in LISTING_COLUMNS) + (run_id,) for item in listings]
    cols = ", ".join(LISTING_COLUMNS) + ", last_run_id"
    marks = ", ".join("?" for _ in range(len(LISTING_COLUMNS) + 1))
    updates = ", ".join(f"{c} = excluded.{c}" for c in LISTING_COLUMNS[2:]) + (
        ", last_run_id = excluded.last_run_id"
    )
    db.conn.executemany(
        f"INSERT INTO listings ({cols}) VALUES ({marks}) "
        f"ON CONFLICT (shop_id, listing_id) DO UPDATE SET {updates}",
        rows,
    )
    versioned = [item for item in listings if item.listing_id in changed_hash]
    if not versioned:
        return 0
    shop_id = versioned[0].shop_id
    db.conn.executemany(
        "UPDATE listing_versions SET valid_to_run = ? WHERE shop_id = ? AND listing_id = ?"
        " AND valid_to_run IS NULL",
        [(run_id, shop_id, item.listing_id) for item in versioned],
    )
    db.conn.executemany(
        "INSERT INTO listing_versions (shop_id, listing_id, title, price, quantity, status,"
        " search_status, category, url, content_hash, valid_from_run, recorded_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (item.shop_id, item.listing_id, item.title, item.price, item.quantity, item.status,
             item.search_status, item.category, item.url, item.content_hash, run_id, now)
            for item in versioned
        ],
    )
    return len(versioned)


def touch_present_listings(db: sqlite_utils.Database, shop_id: int, *, run_id: int, now: str) -> None:
    """Move last_seen for every listing still present: one statement instead of a row each."""
    db.execute(
        "UPDATE listings SET last_seen = ?, last_run_id = ? WHERE shop_id = ?"
        " AND status NOT IN ('missing', 'deleted')", [now, run_id, shop_id])


def listing_versions(
    db: sqlite_utils.Database, shop_id: int, listing_id: str
) -> list[ListingVersion]:
    rows = _rows(
        db,
        "SELECT id, shop_id, listing_id, title, status, search_status, price, quantity,"
        " valid_from_run, valid_to_run, recorded_at FROM listing_versions"
        " WHERE shop_id = ? AND listing_id = ? ORDER BY id",
        [shop_id, listing_id],
    )
    return [ListingVersion(**r) for r in rows]


def count_versions(db: sqlite_utils.Database, run_id: int | None = None) -> int:
    if run_id is None:
        return db.execute("SELECT COUNT(*) FROM listing_versions").fetchone()[0]
    return db.execute(
        "SELECT COUNT(*) FROM listing_versions WHERE valid_from_run = ?", [run_id]
    ).fetchone()[0]


# --- metrics -----------------------------------------------------------------------------

def upsert_metrics(db: sqlite_utils.Database, shop_id: int, records: Iterable[MetricRecord]) -> int:
    rows = [
        (shop_id, r.listing_id, r.day, r.impressions, r.visits, r.page_views, r.keyword_rank)
        for r in records
    ]
    db.conn.executemany(
        "INSERT INTO listing_metrics (shop_id, listing_id, day, impressions, visits, page_views,"
        " keyword_rank) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (shop_id, listing_id, day)"
        " DO UPDATE SET impressions = excluded.impressions, visits = excluded.visits,"
        " page_views = excluded.page_views, keyword_rank = excluded.keyword_rank",
        rows,
    )
    return len(rows)


def metrics_history(
    db: sqlite_utils.Database, shop_id: int, since_day: str
) -> dict[str, list[MetricRecord]]:
    """Per listing, its metric rows from ``since_day`` on, oldest first."""
    out: dict[str, list[MetricRecord]] = {}
    cur = db.execute(
        "SELECT listing_id, day, impressions, visits, page_views, keyword_rank"
        " FROM listing_metrics WHERE shop_id = ? AND day >= ? ORDER BY listing_id, day",
        [shop_id, since_day],
    )
    for row in cur.fetchall():
        out.setdefault(row[0], []).append(MetricRecord(*row))
    return out


def latest_metric_day(db: sqlite_utils.Database, shop_id: int) -> str | None:
    return db.execute(
        "SELECT MAX(day) FROM listing_metrics WHERE shop_id = ?", [shop_id]
    ).fetchone()[0]


# --- notices -----------------------------------------------------------------------------

NOTICE_COLUMNS = (
    "id", "shop_id", "source_id", "kind", "severity", "points", "category", "listing_id",
    "issued_at", "appeal_deadline", "status", "title", "text", "created_at",
)


def _notice(row: Sequence[Any]) -> Notice:
    return Notice(*row)


def upsert_notices(
    db: sqlite_utils.Database, shop_id: int, records: Iterable[NoticeRecord], *, now: str
) -> list[Notice]:
    """Store notices not seen before; return just those new ones. A known notice keeps the
    status the user gave it (appealed, revoked…), but picks up a later deadline or text."""
    new: list[Notice] = []
    for r in records:
        cur = db.execute(
            "INSERT INTO notices (shop_id, source_id, kind, severity, points, category,"
            " listing_id, issued_at, appeal_deadline, status, title, text, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (shop_id, source_id) DO NOTHING",
            [shop_id, r.source_id, r.kind, r.severity, r.points, r.category, r.listing_id,
             r.issued_at, r.appeal_deadline, r.status, r.title, r.text, now],
        )
        if cur.rowcount:
            new.append(get_notice(db, cur.lastrowid))
        else:
            db.execute(
                "UPDATE notices SET appeal_deadline = COALESCE(?, appeal_deadline),"
                " text = CASE WHEN ? != '' THEN ? ELSE text END"
                " WHERE shop_id = ? AND source_id = ?",
                [r.appeal_deadline, r.text, r.text, shop_id, r.source_id],
            )
    return new


def get_notice(db: sqlite_utils.Database, notice_id: int) -> Notice:
    row = db.execute(
        f"SELECT {', '.join(NOTICE_COLUMNS)} FROM notices WHERE id = ?", [notice_id]
    ).fetchone()
    if row is None:
        raise NotFound(f"no notice with id {notice_id}")
    return _notice(row)


def list_notices(
    db: sqlite_utils.Database, *, shop_id: int | None = None, status: str | None = None
) -> list[Notice]:
    sql = f"SELECT {', '.join(NOTICE_COLUMNS)} FROM notices"
    where, params = [], []
    if shop_id is not None:
        where.append("shop_id = ?")
        params.append(shop_id)
    if status:
        where.append("status = ?")
        params.append(status)
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY issued_at DESC, id DESC"
    return [_notice(row) for row in db.execute(sql, params).fetchall()]


def set_notice_status(db: sqlite_utils.Database, notice_id: int, status: str) -> None:
    with db.atomic():
        db.execute("UPDATE notices SET status = ? WHERE id = ?", [status, notice_id])


# --- alerts ------------------------------------------------------------------------------

ALERT_COLUMNS = (
    "id", "shop_id", "kind", "severity", "dedup_key", "message", "created_at", "listing_id",
    "notice_id", "run_id", "details", "acknowledged_at",
)


def _alert(row: Sequence[Any]) -> Alert:
    values = dict(zip(ALERT_COLUMNS, row, strict=True))
    values["details"] = json.loads(values["details"] or "{}")
    return Alert(**values)


def insert_alerts(
    db: sqlite_utils.Database, shop_id: int, drafts: Iterable[AlertDraft], *, run_id: int | None,
    now: str,
) -> list[Alert]:
    """Insert drafts whose dedup key is new for this shop; return the alerts actually raised."""
    raised: list[Alert] = []
    for d in drafts:
        cur = db.execute(
            "INSERT INTO alerts (shop_id, kind, severity, listing_id, notice_id, run_id,"
            " dedup_key, message, details, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (shop_id, dedup_key) DO NOTHING",
            [shop_id, d.kind, d.severity, d.listing_id, d.notice_id, run_id, d.dedup_key,
             d.message, json.dumps(d.details, ensure_ascii=False), now],
        )
        if cur.rowcount:
            raised.append(
                Alert(id=cur.lastrowid, shop_id=shop_id, kind=d.kind, severity=d.severity,
                      dedup_key=d.dedup_key, message=d.message, created_at=now,
                      listing_id=d.listing_id, notice_id=d.notice_id, run_id=run_id,
                      details=d.details)
            )
    return raised


def list_alerts(
    db: sqlite_utils.Database, *, shop_id: int | None = None, include_acknowledged: bool = False,
    kind: str | None = None, severity: str | None = None, run_id: int | None = None,
    limit: int | None = None,
) -> list[Alert]:
    where, params = [], []
    if shop_id is not None:
        where.append("shop_id = ?")
        params.append(shop_id)
    if not include_acknowledged:
        where.append("acknowledged_at IS NULL")
    if kind:
        where.append("kind = ?")
        params.append(kind)
    if severity:
        where.append("severity = ?")
        params.append(severity)
    if run_id is not None:
        where.append("run_id = ?")
        params.append(run_id)
    sql = f"SELECT {', '.join(ALERT_COLUMNS)} FROM alerts"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY id DESC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [_alert(row) for row in db.execute(sql, params).fetchall()]


def acknowledge_alerts(db: sqlite_utils.Database, alert_ids: Iterable[int], now: str) -> int:
    ids = list(alert_ids)
    if not ids:
        return 0
    with db.atomic():
        cur = db.conn.executemany(
            "UPDATE alerts SET acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL",
            [(now, i) for i in ids],
        )
    return cur.rowcount


def alert_keys(db: sqlite_utils.Database, shop_id: int, prefix: str) -> set[str]:
    cur = db.execute(
        "SELECT dedup_key FROM alerts WHERE shop_id = ? AND dedup_key LIKE ?",
        [shop_id, prefix + "%"],
    )
    return {row[0] for row in cur.fetchall()}


# --- appeals -----------------------------------------------------------------------------

APPEAL_COLUMNS = (
    "id", "notice_id", "template", "language", "body", "evidence", "status", "created_at",
    "updated_at", "submitted_at",
)


def _appeal(row: Sequence[Any]) -> Appeal:
    values = dict(zip(APPEAL_COLUMNS, row, strict=True))
    values["evidence"] = json.loads(values["evidence"] or "{}")
    return Appeal(**values)


def save_appeal(
    db: sqlite_utils.Database, *, notice_id: int, template: str, language: str, body: str,
    evidence: dict[str, Any], now: str, appeal_id: int | None = None,
) -> Appeal:
    payload = json.dumps(evidence, ensure_ascii=False)
    with db.atomic():
        if appeal_id is None:
            cur = db.execute(
                "INSERT INTO appeals (notice_id, template, language, body, evidence, status,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'draft', ?, ?)",
                [notice_id, template, language, body, payload, now, now],
            )
            appeal_id = cur.lastrowid
        else:
            db.execute(
                "UPDATE appeals SET template = ?, language = ?, body = ?, evidence = ?,"
                " updated_at = ? WHERE id = ?",
                [template, language, body, payload, now, appeal_id],
            )
    return get_appeal(db, appeal_id)


def get_appeal(db: sqlite_utils.Database, appeal_id: int) -> Appeal:
    row = db.execute(
        f"SELECT {', '.join(APPEAL_COLUMNS)} FROM appeals WHERE id = ?", [appeal_id]
    ).fetchone()
    if row is None:
        raise NotFound(f"no appeal with id {appeal_id}")
    return _appeal(row)


def list_appeals(db: sqlite_utils.Database, notice_id: int | None = None) -> list[Appeal]:
    sql = f"SELECT {', '.join(APPEAL_COLUMNS)} FROM appeals"
    params: list[Any] = []
    if notice_id is not None:
        sql += " WHERE notice_id = ?"
        params.append(notice_id)
    return [_appeal(row) for row in db.execute(sql + " ORDER BY id DESC", params).fetchall()]


APPEAL_TO_NOTICE_STATUS = {"submitted": "appealed", "accepted": "revoked", "rejected": "upheld"}


def set_appeal_status(db: sqlite_utils.Database, appeal_id: int, status: str, now: str) -> Appeal:
    """Move an appeal along draft → submitted → accepted | rejected, updating its notice."""
    appeal = get_appeal(db, appeal_id)
    with db.atomic():
        db.execute(
            "UPDATE appeals SET status = ?, updated_at = ?,"
            " submitted_at = CASE WHEN ? = 'submitted' THEN ? ELSE submitted_at END WHERE id = ?",
            [status, now, status, now, appeal_id],
        )
        if status in APPEAL_TO_NOTICE_STATUS:
            db.execute(
                "UPDATE notices SET status = ? WHERE id = ?",
                [APPEAL_TO_NOTICE_STATUS[status], appeal.notice_id],
            )
    return get_appeal(db, appeal_id)


# --- desktop app (issue 4) ---------------------------------------------------------------
from bisect import bisect_right  # noqa: E402 - kept with the section that uses it
from datetime import datetime  # noqa: E402

from shopwatch.timeutil import parse_iso  # noqa: E402

# Read queries shaped for the GUI: listing *keys* first (cheap, so 100,000 rows filter and
# sort in SQL), row data fetched in small batches by key, aggregates for the Overview chart.

#: sortable listing columns the Listings table offers -> SQL expression
LISTING_SORT_KEYS = {
    "title": "title COLLATE NOCASE",
    "listing_id": "listing_id",
    "price": "CAST(price AS REAL)",
    "quantity": "quantity",
    "status": "status",
    "search_status": "search_status",
    "status_changed_at": "status_changed_at",
    "last_seen": "last_seen",
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


def listing_key(db: sqlite_utils.Database, shop_id: int, listing_id: str) -> int | None:
    """The row key of one listing (a primary-key look-up)."""
    row = db.execute("SELECT rowid FROM listings WHERE shop_id = ? AND listing_id = ?",
                     [shop_id, listing_id]).fetchone()
    return row[0] if row else None


def listings_by_keys(db: sqlite_utils.Database, keys: Sequence[int]) -> dict[int, Listing]:
    """Listings by rowid (unknown keys are simply absent: a sync may have removed a shop)."""
    out: dict[int, Listing] = {}
    cols = ", ".join(LISTING_COLUMNS)
    for start in range(0, len(keys), 500):  # well under SQLite's bound-parameter limit
        chunk = list(keys[start:start + 500])
        marks = ", ".join("?" for _ in chunk)
        for row in db.execute(
            f"SELECT rowid, {cols} FROM listings WHERE rowid IN ({marks})", chunk
        ).fetchall():
            # by name: the dataclass field order differs from LISTING_COLUMNS
            out[row[0]] = Listing(**dict(zip(LISTING_COLUMNS, row[1:], strict=True)))
    return out


def listing_metric_series(
    db: sqlite_utils.Database, shop_id: int, listing_id: str, since_day: str | None = None
) -> list[MetricRecord]:
    sql = ("SELECT listing_id, day, impressions, visits, page_views, keyword_rank"
           " FROM listing_metrics WHERE shop_id = ? AND listing_id = ?")
    params: list[Any] = [shop_id, listing_id]
    if since_day:
        sql += " AND day >= ?"
        params.append(since_day)
    return [MetricRecord(*row) for row in db.execute(sql + " ORDER BY day", params).fetchall()]


def notices_for_listing(db: sqlite_utils.Database, shop_id: int, listing_id: str) -> list[Notice]:
    rows = db.execute(
        f"SELECT {', '.join(NOTICE_COLUMNS)} FROM notices WHERE shop_id = ? AND listing_id = ?"
        " ORDER BY issued_at DESC, id DESC", [shop_id, listing_id],
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


def get_alerts(db: sqlite_utils.Database, alert_ids: Sequence[int]) -> list[Alert]:
    if not alert_ids:
        return []
    marks = ", ".join("?" for _ in alert_ids)
    rows = db.execute(
        f"SELECT {', '.join(ALERT_COLUMNS)} FROM alerts WHERE id IN ({marks}) ORDER BY id DESC",
        list(alert_ids),
    ).fetchall()
    return [_alert(row) for row in rows]


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
        f"SELECT {', '.join(NOTICE_COLUMNS)} FROM notices WHERE shop_id = ? AND status = 'open'"
        " AND appeal_deadline IS NOT NULL", [shop_id],
    ).fetchall()
    ahead = [(moment, _notice(row)) for row in rows
             if (moment := parse_iso(row[NOTICE_COLUMNS.index("appeal_deadline")])) and moment > after]
    ahead.sort(key=lambda pair: pair[0])
    return [notice for _, notice in ahead[:limit]]


# --- notifications (issue 9) -------------------------------------------------------------
# The outbox behind e-mail / webhook / chat alerts. Sync-time code only inserts outbox rows
# (no network); a dispatcher composes them into messages and sends those with retries. The
# rows refer to channels by id: channel URLs (which may hold secrets) never reach SQLite.
from dataclasses import dataclass as _dataclass  # noqa: E402 - kept with the section that uses it

OUTBOX_STATUSES = ("pending", "composed", "sent", "failed", "skipped")
MESSAGE_STATUSES = ("pending", "sending", "sent", "failed", "cancelled")


@_dataclass(slots=True)
class OutboxItem:
    """One alert waiting for (or done with) one channel."""

    id: int
    alert_id: int
    channel: str
    mode: str  # immediate | digest
    status: str
    created_at: str
    message_id: int | None = None
    reason: str | None = None


@_dataclass(slots=True)
class NotifyMessage:
    """One rendered message for one channel, and how its delivery went."""

    id: int
    channel: str
    kind: str  # alert | group | summary | digest
    severity: str
    title: str
    body: str
    language: str
    alert_count: int
    status: str
    attempts: int
    next_attempt_at: str
    created_at: str
    claimed_at: str | None = None
    last_error: str | None = None
    sent_at: str | None = None


@_dataclass(slots=True)
class NotifyAttempt:
    id: int
    message_id: int
    attempted_at: str
    ok: bool
    error: str | None
    elapsed_ms: int | None


OUTBOX_COLUMNS = ("id", "alert_id", "channel", "mode", "status", "created_at", "message_id",
                  "reason")
MESSAGE_COLUMNS = ("id", "channel", "kind", "severity", "title", "body", "language",
                   "alert_count", "status", "attempts", "next_attempt_at", "created_at",
                   "claimed_at", "last_error", "sent_at")


def _chunks(ids: Sequence[int], size: int = 500) -> Iterable[Sequence[int]]:
    # SQLite caps bound parameters per statement; big batches go in slices.
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def notify_state_get(db: sqlite_utils.Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM notify_state WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def notify_state_set(db: sqlite_utils.Database, key: str, value: str) -> None:
    with db.atomic():
        db.execute(
            "INSERT INTO notify_state (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )


def unseen_alerts(db: sqlite_utils.Database, limit: int = 5000) -> list[Alert]:
    """Alerts the outbox has not routed yet, oldest first."""
    cols = ", ".join(f"a.{c}" for c in ALERT_COLUMNS)
    cur = db.execute(
        f"SELECT {cols} FROM alerts a LEFT JOIN notify_seen s ON s.alert_id = a.id"
        " WHERE s.alert_id IS NULL ORDER BY a.id LIMIT ?", [limit],
    )
    return [_alert(row) for row in cur.fetchall()]


def mark_alerts_seen(db: sqlite_utils.Database, alert_ids: Iterable[int], now: str) -> int:
    with db.atomic():
        cur = db.conn.executemany(
            "INSERT INTO notify_seen (alert_id, seen_at) VALUES (?, ?)"
            " ON CONFLICT (alert_id) DO NOTHING", [(i, now) for i in alert_ids],
        )
    return cur.rowcount


def alerts_by_id(db: sqlite_utils.Database, ids: Iterable[int]) -> dict[int, Alert]:
    out: dict[int, Alert] = {}
    for chunk in _chunks(sorted(set(ids))):
        marks = ", ".join("?" for _ in chunk)
        cur = db.execute(
            f"SELECT {', '.join(ALERT_COLUMNS)} FROM alerts WHERE id IN ({marks})", list(chunk)
        )
        for row in cur.fetchall():
            alert = _alert(row)
            out[alert.id] = alert
    return out


def enqueue_notifications(
    db: sqlite_utils.Database, rows: Iterable[tuple[int, str, str]], *, now: str
) -> int:
    """Insert (alert_id, channel, mode) outbox rows; a row already there is left alone, so
    enqueueing the same alerts twice never sends them twice. Returns rows inserted."""
    inserted = 0
    with db.atomic():
        for alert_id, channel, mode in rows:
            cur = db.execute(
                "INSERT INTO notify_outbox (alert_id, channel, mode, status, created_at,"
                " updated_at) VALUES (?, ?, ?, 'pending', ?, ?)"
                " ON CONFLICT (alert_id, channel) DO NOTHING",
                [alert_id, channel, mode, now, now],
            )
            inserted += cur.rowcount
    return inserted


def outbox_items(
    db: sqlite_utils.Database, *, status: str | None = "pending", channel: str | None = None,
    mode: str | None = None, alert_id: int | None = None,
) -> list[OutboxItem]:
    where, params = [], []
    for column, value in (("status", status), ("channel", channel), ("mode", mode),
                          ("alert_id", alert_id)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    sql = f"SELECT {', '.join(OUTBOX_COLUMNS)} FROM notify_outbox"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return [OutboxItem(*row) for row in db.execute(sql + " ORDER BY id", params).fetchall()]


def set_outbox_mode(db: sqlite_utils.Database, ids: Sequence[int], mode: str, now: str) -> int:
    changed = 0
    with db.atomic():
        for chunk in _chunks(list(ids)):
            marks = ", ".join("?" for _ in chunk)
            changed += db.execute(
                f"UPDATE notify_outbox SET mode = ?, updated_at = ? WHERE status = 'pending'"
                f" AND id IN ({marks})", [mode, now, *chunk],
            ).rowcount
    return changed


def skip_outbox(db: sqlite_utils.Database, ids: Sequence[int], reason: str, now: str) -> int:
    """Pending rows that will not be sent (muted, acknowledged, resolved…), with the reason."""
    skipped = 0
    with db.atomic():
        for chunk in _chunks(list(ids)):
            marks = ", ".join("?" for _ in chunk)
            skipped += db.execute(
                f"UPDATE notify_outbox SET status = 'skipped', reason = ?, updated_at = ?"
                f" WHERE status = 'pending' AND id IN ({marks})", [reason, now, *chunk],
            ).rowcount
    return skipped


class ComposeConflict(Exception):
    """Another dispatcher took some of these outbox rows first; nothing was written."""


def compose_message(
    db: sqlite_utils.Database, *, channel: str, kind: str, severity: str, title: str, body: str,
    language: str, outbox_ids: Sequence[int], now: str, next_attempt_at: str | None = None,
) -> int:
    """Store a rendered message and tie its pending outbox rows to it, in one transaction.
    The rows are taken first, so of two dispatchers composing at once only one succeeds; the
    other gets ComposeConflict and the transaction is rolled back."""
    ids = list(outbox_ids)
    with db.atomic():
        taken = 0
        for chunk in _chunks(ids):
            marks = ", ".join("?" for _ in chunk)
            taken += db.execute(
                f"UPDATE notify_outbox SET status = 'composed', updated_at = ?"
                f" WHERE status = 'pending' AND id IN ({marks})", [now, *chunk],
            ).rowcount
        if taken != len(ids):
            raise ComposeConflict(f"{len(ids) - taken} of {len(ids)} outbox rows already taken")
        cur = db.execute(
            "INSERT INTO notify_messages (channel, kind, severity, title, body, language,"
            " alert_count, status, attempts, next_attempt_at, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)",
            [channel, kind, severity, title, body, language, len(ids),
             next_attempt_at or now, now],
        )
        message_id = cur.lastrowid
        for chunk in _chunks(ids):
            marks = ", ".join("?" for _ in chunk)
            db.execute(f"UPDATE notify_outbox SET message_id = ? WHERE id IN ({marks})",
                       [message_id, *chunk])
    return message_id


def notify_state_swap(
    db: sqlite_utils.Database, key: str, *, old: str | None, new: str
) -> bool:
    """Set ``key`` to ``new`` only if it still holds ``old`` (None: absent). True if this
    call made the change: of two dispatchers, one wins the day's digest."""
    with db.atomic():
        if old is None:
            cur = db.execute(
                "INSERT INTO notify_state (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO NOTHING", [key, new])
        else:
            cur = db.execute("UPDATE notify_state SET value = ? WHERE key = ? AND value = ?",
                             [new, key, old])
    return cur.rowcount == 1


def _message(row: Sequence[Any]) -> NotifyMessage:
    return NotifyMessage(*row)


def get_notify_message(db: sqlite_utils.Database, message_id: int) -> NotifyMessage:
    row = db.execute(
        f"SELECT {', '.join(MESSAGE_COLUMNS)} FROM notify_messages WHERE id = ?", [message_id]
    ).fetchone()
    if row is None:
        raise NotFound(f"no notification message {message_id}")
    return _message(row)


def claim_due_messages(
    db: sqlite_utils.Database, *, now: str, stale_before: str, channels: Iterable[str],
) -> list[NotifyMessage]:
    """Take the due messages of ``channels`` for sending. A message is claimed by one
    dispatcher only (another process may run one too); a claim older than ``stale_before``
    belongs to a dispatcher that died mid-send and is taken over."""
    wanted = list(channels)
    if not wanted:
        return []
    marks = ", ".join("?" for _ in wanted)
    candidates = [row[0] for row in db.execute(
        f"SELECT id FROM notify_messages WHERE channel IN ({marks}) AND ("
        " (status = 'pending' AND next_attempt_at <= ?)"
        " OR (status = 'sending' AND claimed_at < ?)) ORDER BY id",
        [*wanted, now, stale_before],
    ).fetchall()]
    claimed = []
    for message_id in candidates:
        # The UPDATE re-checks the status, so of two racing dispatchers exactly one wins.
        with db.atomic():
            cur = db.execute(
                "UPDATE notify_messages SET status = 'sending', claimed_at = ? WHERE id = ? AND ("
                " (status = 'pending' AND next_attempt_at <= ?)"
                " OR (status = 'sending' AND claimed_at < ?))",
                [now, message_id, now, stale_before],
            )
        if cur.rowcount:
            claimed.append(get_notify_message(db, message_id))
    return claimed


def release_message(db: sqlite_utils.Database, message_id: int) -> None:
    """Give a claimed message back untried (its channel failed on an earlier message)."""
    with db.atomic():
        db.execute(
            "UPDATE notify_messages SET status = 'pending', claimed_at = NULL"
            " WHERE id = ? AND status = 'sending'", [message_id],
        )


def record_delivery_attempt(
    db: sqlite_utils.Database, message_id: int, *, now: str, ok: bool, error: str | None,
    elapsed_ms: int | None, next_attempt_at: str | None = None, give_up: bool = False,
) -> None:
    """Log one attempt and move the message (and its outbox rows) on: sent, pending again at
    ``next_attempt_at``, or failed for good when ``give_up``."""
    with db.atomic():
        db.execute(
            "INSERT INTO notify_attempts (message_id, attempted_at, ok, error, elapsed_ms)"
            " VALUES (?, ?, ?, ?, ?)", [message_id, now, int(ok), error, elapsed_ms],
        )
        if ok:
            db.execute(
                "UPDATE notify_messages SET status = 'sent', attempts = attempts + 1,"
                " sent_at = ?, claimed_at = NULL, last_error = NULL WHERE id = ?",
                [now, message_id],
            )
            outbox_status = "sent"
        elif give_up:
            db.execute(
                "UPDATE notify_messages SET status = 'failed', attempts = attempts + 1,"
                " claimed_at = NULL, last_error = ? WHERE id = ?", [error, message_id],
            )
            outbox_status = "failed"
        else:
            db.execute(
                "UPDATE notify_messages SET status = 'pending', attempts = attempts + 1,"
                " claimed_at = NULL, last_error = ?, next_attempt_at = ? WHERE id = ?",
                [error, next_attempt_at or now, message_id],
            )
            outbox_status = None
        if outbox_status:
            db.execute(
                "UPDATE notify_outbox SET status = ?, updated_at = ? WHERE message_id = ?",
                [outbox_status, now, message_id],
            )


def cancel_messages(
    db: sqlite_utils.Database, *, keep_channels: Iterable[str], reason: str, now: str
) -> int:
    """Unsent messages of channels no longer configured (or disabled) are cancelled."""
    keep = list(keep_channels)
    marks = ", ".join("?" for _ in keep) or "NULL"
    with db.atomic():
        cur = db.execute(
            f"UPDATE notify_messages SET status = 'cancelled', last_error = ?, claimed_at = NULL"
            f" WHERE status IN ('pending', 'sending') AND channel NOT IN ({marks})",
            [reason, *keep],
        )
        db.execute(
            "UPDATE notify_outbox SET status = 'skipped', reason = ?, updated_at = ?"
            " WHERE status = 'composed' AND message_id IN"
            " (SELECT id FROM notify_messages WHERE status = 'cancelled')",
            [reason, now],
        )
    return cur.rowcount


def retry_failed_messages(
    db: sqlite_utils.Database, *, now: str, channel: str | None = None
) -> int:
    """Failed (given up) messages become due again, e.g. after the seller fixed a channel."""
    sql = ("UPDATE notify_messages SET status = 'pending', next_attempt_at = ?, claimed_at = NULL"
           " WHERE status = 'failed'")
    params: list[Any] = [now]
    if channel is not None:
        sql += " AND channel = ?"
        params.append(channel)
    with db.atomic():
        cur = db.execute(sql, params)
        db.execute(
            "UPDATE notify_outbox SET status = 'composed', updated_at = ? WHERE status = 'failed'"
            " AND message_id IN (SELECT id FROM notify_messages WHERE status = 'pending')",
            [now],
        )
    return cur.rowcount


def list_notify_messages(
    db: sqlite_utils.Database, *, channel: str | None = None, status: str | None = None,
    limit: int = 50,
) -> list[NotifyMessage]:
    where, params = [], []
    if channel is not None:
        where.append("channel = ?")
        params.append(channel)
    if status is not None:
        where.append("status = ?")
        params.append(status)
    sql = f"SELECT {', '.join(MESSAGE_COLUMNS)} FROM notify_messages"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY id DESC LIMIT ?"
    return [_message(row) for row in db.execute(sql, [*params, limit]).fetchall()]


def notify_attempts(db: sqlite_utils.Database, message_id: int) -> list[NotifyAttempt]:
    cur = db.execute(
        "SELECT id, message_id, attempted_at, ok, error, elapsed_ms FROM notify_attempts"
        " WHERE message_id = ? ORDER BY id", [message_id],
    )
    return [NotifyAttempt(r[0], r[1], r[2], bool(r[3]), r[4], r[5]) for r in cur.fetchall()]


def message_alert_ids(db: sqlite_utils.Database, message_id: int) -> list[int]:
    cur = db.execute(
        "SELECT alert_id FROM notify_outbox WHERE message_id = ? ORDER BY alert_id", [message_id]
    )
    return [row[0] for row in cur.fetchall()]


def notify_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Messages per status, plus outbox rows still waiting ('queued')."""
    counts = {status: 0 for status in MESSAGE_STATUSES}
    counts.update(dict(db.execute(
        "SELECT status, COUNT(*) FROM notify_messages GROUP BY status").fetchall()))
    counts["queued"] = db.execute(
        "SELECT COUNT(*) FROM notify_outbox WHERE status = 'pending'").fetchone()[0]
    return counts



def prune_notifications(db: sqlite_utils.Database, *, before: str) -> int:
    """Forget delivered, skipped, cancelled and given-up notifications older than ``before``
    (ISO time); the log keeps recent history, not every message ever sent. Returns rows
    removed (attempts go with their messages)."""
    with db.atomic():
        removed = db.execute(
            "DELETE FROM notify_outbox WHERE status IN ('sent', 'skipped', 'failed')"
            " AND updated_at < ?", [before]).rowcount
        removed += db.execute(
            "DELETE FROM notify_messages WHERE status IN ('sent', 'cancelled', 'failed')"
            " AND created_at < ? AND id NOT IN"
            " (SELECT message_id FROM notify_outbox WHERE message_id IS NOT NULL)",
            [before]).rowcount
    return removed

# --- appeals (issue 5) ---------------------------------------------------------------------

def latest_appeal(
    db: sqlite_utils.Database, notice_id: int, *, status: str | None = None
) -> Appeal | None:
    """The notice's most recent appeal (optionally only one in ``status``)."""
    sql = f"SELECT {', '.join(APPEAL_COLUMNS)} FROM appeals WHERE notice_id = ?"
    params: list[Any] = [notice_id]
    if status:
        sql += " AND status = ?"
        params.append(status)
    row = db.execute(sql + " ORDER BY id DESC LIMIT 1", params).fetchone()
    return _appeal(row) if row else None


def delete_appeal(db: sqlite_utils.Database, appeal_id: int) -> None:
    with db.atomic():
        db.execute("DELETE FROM appeals WHERE id = ?", [appeal_id])


def reopen_appeal(db: sqlite_utils.Database, appeal_id: int, now: str) -> Appeal:
    """Undo 'submitted' (marked by mistake): the appeal is a draft again and its notice, if
    the appeal had made it 'appealed', is open again, so deadline warnings resume."""
    appeal = get_appeal(db, appeal_id)
    with db.atomic():
        db.execute(
            "UPDATE appeals SET status = 'draft', submitted_at = NULL, updated_at = ? WHERE id = ?",
            [now, appeal_id],
        )
        db.execute(
            "UPDATE notices SET status = 'open' WHERE id = ? AND status = 'appealed'"
            " AND NOT EXISTS (SELECT 1 FROM appeals WHERE notice_id = ? AND status = 'submitted')",
            [appeal.notice_id, appeal.notice_id],
        )
    return get_appeal(db, appeal_id)
