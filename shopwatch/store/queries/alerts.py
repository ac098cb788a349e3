"""Alerts: inserted once per dedup key, acknowledged by the seller."""


from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from shopwatch.models import (
    Alert,
    AlertDraft,
)

if TYPE_CHECKING:
    import sqlite_utils

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


def alerts_for_notice(db: sqlite_utils.Database, notice_id: int) -> list[Alert]:
    """Every alert a notice raised (new penalty, appeal deadline), acknowledged or not."""
    cur = db.execute(f"SELECT {', '.join(ALERT_COLUMNS)} FROM alerts WHERE notice_id = ?"
                     " ORDER BY id", [notice_id])
    return [_alert(row) for row in cur.fetchall()]


def delete_alerts(db: sqlite_utils.Database, alert_ids: Iterable[int]) -> int:
    """Withdraw alerts that should never have been raised. Their outbox rows and routing
    markers go with them (ON DELETE CASCADE); call ``withdraw_notifications`` first so no
    message already composed from them is still sent."""
    ids = sorted(set(alert_ids))
    if not ids:
        return 0
    removed = 0
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        removed += db.execute(f"DELETE FROM alerts WHERE id IN ({marks})", chunk).rowcount
    return removed


def existing_alert_ids(db: sqlite_utils.Database, alert_ids: Iterable[int]) -> set[int]:
    """Which of ``alert_ids`` name a stored alert."""
    ids = list(dict.fromkeys(alert_ids))
    found: set[int] = set()
    for start in range(0, len(ids), 500):  # stay under SQLite's host-parameter limit
        chunk = ids[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        found |= {row[0] for row in db.execute(
            f"SELECT id FROM alerts WHERE id IN ({marks})", chunk).fetchall()}
    return found
