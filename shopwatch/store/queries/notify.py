"""The notification outbox behind e-mail / webhook / chat alerts."""


from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass as _dataclass
from typing import TYPE_CHECKING, Any

from shopwatch.models import (
    Alert,
)
from shopwatch.store.queries._base import NotFound, _chunks
from shopwatch.store.queries.alerts import ALERT_COLUMNS, _alert

if TYPE_CHECKING:
    import sqlite_utils

# The outbox behind e-mail / webhook / chat alerts. Sync-time code only inserts outbox rows
# (no network); a dispatcher composes them into messages and sends those with retries. The
# rows refer to channels by id: channel URLs (which may hold secrets) never reach SQLite.

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


def withdraw_notifications(
    db: sqlite_utils.Database, alert_ids: Iterable[int], *, reason: str, now: str
) -> int:
    """Nothing still queued about these alerts is sent: their pending outbox rows are skipped,
    unsent messages made from them are cancelled, and the other alerts such a message grouped
    go back to the queue to be composed again without them. A message a dispatcher is sending
    at this moment cannot be called back. Returns the outbox rows and messages stopped."""
    ids = sorted(set(alert_ids))
    if not ids:
        return 0
    stopped = 0
    with db.atomic():
        messages: set[int] = set()
        for chunk in _chunks(ids):
            marks = ", ".join("?" for _ in chunk)
            stopped += db.execute(
                f"UPDATE notify_outbox SET status = 'skipped', reason = ?, updated_at = ?"
                f" WHERE status = 'pending' AND alert_id IN ({marks})", [reason, now, *chunk],
            ).rowcount
            messages.update(row[0] for row in db.execute(
                f"SELECT DISTINCT o.message_id FROM notify_outbox o JOIN notify_messages m"
                f" ON m.id = o.message_id WHERE o.status = 'composed' AND m.status = 'pending'"
                f" AND o.alert_id IN ({marks})", chunk).fetchall())
        for message_id in sorted(messages):
            stopped += db.execute(
                "UPDATE notify_messages SET status = 'cancelled', last_error = ?,"
                " claimed_at = NULL WHERE id = ? AND status = 'pending'",
                [reason, message_id]).rowcount
            marks = ", ".join("?" for _ in ids)
            db.execute(
                f"UPDATE notify_outbox SET status = 'skipped', reason = ?, updated_at = ?"
                f" WHERE message_id = ? AND alert_id IN ({marks})",
                [reason, now, message_id, *ids])
            # the rest of the group is still news: queued again, composed without these
            db.execute(
                "UPDATE notify_outbox SET status = 'pending', message_id = NULL, updated_at = ?"
                " WHERE message_id = ? AND status = 'composed'", [now, message_id])
    return stopped
