"""Punishment messages (TMC) as received, and which topics each shop is subscribed to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils



@dataclass(slots=True)
class StoredMessage:
    id: int
    shop_id: int
    message_id: str
    topic: str
    pub_time: str | None
    listing_id: str | None
    raw: str
    received_at: str
    outcome: str


def message_seen(db: sqlite_utils.Database, shop_id: int, message_id: str) -> bool:
    return db.execute("SELECT 1 FROM tmc_messages WHERE shop_id = ? AND message_id = ?",
                      [shop_id, message_id]).fetchone() is not None


def store_message(
    db: sqlite_utils.Database, shop_id: int, *, message_id: str, topic: str,
    pub_time: str | None, listing_id: str | None, raw: str, received_at: str, outcome: str,
) -> bool:
    """Keep a message as received; False (and nothing written) if it is already kept."""
    cur = db.execute(
        "INSERT OR IGNORE INTO tmc_messages (shop_id, message_id, topic, pub_time, listing_id,"
        " raw, received_at, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [shop_id, message_id, topic, pub_time, listing_id, raw, received_at, outcome])
    return cur.rowcount == 1


def list_messages(db: sqlite_utils.Database, shop_id: int) -> list[StoredMessage]:
    cur = db.execute(
        "SELECT id, shop_id, message_id, topic, pub_time, listing_id, raw, received_at, outcome"
        " FROM tmc_messages WHERE shop_id = ? ORDER BY id", [shop_id])
    return [StoredMessage(*row) for row in cur.fetchall()]


def permitted_topics(db: sqlite_utils.Database, shop_id: int) -> tuple[str, ...] | None:
    row = db.execute("SELECT topics FROM tmc_permits WHERE shop_id = ?", [shop_id]).fetchone()
    return tuple(t for t in row[0].split(",") if t) if row else None


def save_permit(db: sqlite_utils.Database, shop_id: int, topics: tuple[str, ...], now: str
                ) -> None:
    db.execute(
        "INSERT INTO tmc_permits (shop_id, topics, permitted_at) VALUES (?, ?, ?)"
        " ON CONFLICT (shop_id) DO UPDATE SET topics = excluded.topics,"
        " permitted_at = excluded.permitted_at", [shop_id, ",".join(topics), now])
