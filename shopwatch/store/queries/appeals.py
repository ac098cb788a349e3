"""Appeal drafts and their progress, which also moves the notice's status."""


from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from shopwatch.models import (
    Appeal,
)
from shopwatch.store.queries._base import NotFound

if TYPE_CHECKING:
    import sqlite_utils

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
