"""Penalty and violation notices."""


from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import sqlite_utils

from shopwatch.models import (
    Notice,
    NoticeRecord,
)
from shopwatch.store.queries._base import NotFound

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
