"""Penalty and violation notices."""


from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from shopwatch.models import (
    Notice,
    NoticeRecord,
)
from shopwatch.store.queries._base import NotFound

if TYPE_CHECKING:
    import sqlite_utils

NOTICE_COLUMNS = (
    "id", "shop_id", "source_id", "kind", "severity", "points", "category", "listing_id",
    "issued_at", "appeal_deadline", "status", "title", "text", "created_at",
)


#: every listing a notice names, read with the notice: one string of "<position><id>" items
#: (SQLite 3.40 has no ORDER BY inside group_concat, so the order travels in the items)
_LISTINGS_SQL = ("(SELECT group_concat(printf('%05d', l.position) || l.listing_id, char(31))"
                 " FROM notice_listings l WHERE l.notice_id = notices.id)")
#: what to SELECT FROM notices for ``_notice``
NOTICE_SELECT = ", ".join(NOTICE_COLUMNS) + ", " + _LISTINGS_SQL


def _notice(row: Sequence[Any]) -> Notice:
    base = row[:len(NOTICE_COLUMNS)]
    linked = row[len(NOTICE_COLUMNS)] if len(row) > len(NOTICE_COLUMNS) else None
    if linked:
        ids = tuple(item[5:] for item in sorted(linked.split("\x1f")))
    else:
        listing_id = base[NOTICE_COLUMNS.index("listing_id")]
        ids = (listing_id,) if listing_id else ()
    return Notice(*base, listing_ids=ids)


def _link_listings(db: sqlite_utils.Database, notice_id: int, shop_id: int,
                   listing_ids: Sequence[str]) -> None:
    """Replace the listings a notice names (the first is ``notices.listing_id``)."""
    db.execute("DELETE FROM notice_listings WHERE notice_id = ?", [notice_id])
    seen: list[str] = []
    for listing_id in listing_ids:
        if listing_id and listing_id not in seen:
            seen.append(listing_id)
    db.conn.executemany(
        "INSERT INTO notice_listings (notice_id, shop_id, listing_id, position)"
        " VALUES (?, ?, ?, ?)", [(notice_id, shop_id, lid, i) for i, lid in enumerate(seen)])


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
            ids = r.listing_ids or ((r.listing_id,) if r.listing_id else ())
            if r.listing_id and ids[0] != r.listing_id:
                ids = (r.listing_id, *ids)
            _link_listings(db, cur.lastrowid, shop_id, ids)
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
        f"SELECT {NOTICE_SELECT} FROM notices WHERE id = ?", [notice_id]
    ).fetchone()
    if row is None:
        raise NotFound(f"no notice with id {notice_id}")
    return _notice(row)


def list_notices(
    db: sqlite_utils.Database, *, shop_id: int | None = None, status: str | None = None
) -> list[Notice]:
    sql = f"SELECT {NOTICE_SELECT} FROM notices"
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


#: the fields of a stored notice the seller may correct
EDITABLE_NOTICE_FIELDS = ("kind", "severity", "points", "category", "listing_id",
                          "issued_at", "appeal_deadline", "title")


def update_notice(
    db: sqlite_utils.Database, notice_id: int, changes: dict[str, Any], *,
    listing_ids: Sequence[str] | None = None,
) -> Notice:
    """Write the seller's corrections to a notice (and, with ``listing_ids``, the listings it
    names: the first becomes ``listing_id``). Call inside ``db.atomic()`` with the rest of
    the correction."""
    unknown = set(changes) - set(EDITABLE_NOTICE_FIELDS)
    if unknown:
        raise ValueError(f"not an editable notice field: {', '.join(sorted(unknown))}")
    notice = get_notice(db, notice_id)
    values = dict(changes)
    if listing_ids is not None:
        values["listing_id"] = listing_ids[0] if listing_ids else None
    if values:
        sets = ", ".join(f"{name} = ?" for name in values)
        db.execute(f"UPDATE notices SET {sets} WHERE id = ?", [*values.values(), notice_id])
    if listing_ids is not None:
        _link_listings(db, notice_id, notice.shop_id, listing_ids)
    return get_notice(db, notice_id)


def delete_notice(db: sqlite_utils.Database, notice_id: int) -> None:
    """Remove a notice; its listing links and appeals go with it (ON DELETE CASCADE)."""
    get_notice(db, notice_id)
    db.execute("DELETE FROM notices WHERE id = ?", [notice_id])
