"""What the "Phone & e-mail" settings tab reads from and writes to the store, behind one
object, so the page holds no connection and runs no query. Inside the app it uses the
session's connection and announces its writes; on its own it opens one (and closes it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shopwatch.notify.prefs import ChannelConfig, NotifyPrefs
from shopwatch.store import queries
from shopwatch.store.queries.notify import NotifyMessage
from shopwatch.timeutil import iso, now_utc

if TYPE_CHECKING:
    import sqlite_utils


class NotifyStore:
    def __init__(self, db_path: Path, db: sqlite_utils.Database | None = None,
                 on_commit: Callable[[str], None] = lambda _what: None) -> None:
        self.db_path = Path(db_path)
        self._db, self._own = db, None
        self._on_commit = on_commit

    @classmethod
    def for_session(cls, session: Any) -> NotifyStore:
        """On the app's connection; its writes announce themselves like every other."""
        return cls(session.db_path, session.db,
                   getattr(session, "notify_data_changed", lambda _what: None))

    @property
    def db(self) -> sqlite_utils.Database:
        if self._db is not None:
            return self._db
        if self._own is None:
            from shopwatch.store.db import open_db

            self._own = open_db(self.db_path)
        return self._own

    def close(self) -> None:
        if self._own is not None:
            self._own.close()
            self._own = None

    def shop_names(self) -> list[str]:
        return [shop.name for shop in queries.list_shops(self.db)]

    def latest_message(self, channel_id: str) -> NotifyMessage | None:
        latest = queries.list_notify_messages(self.db, channel=channel_id, limit=1)
        return latest[0] if latest else None

    def listing_title(self, shop_name: str, listing_id: str) -> str:
        shop = queries.get_shop(self.db, shop_name)
        item = queries.get_listing(self.db, shop.id, listing_id) if shop else None
        return item.title if item else ""

    def log(self, limit: int = 30) -> tuple[list[NotifyMessage], dict[str, int]]:
        return queries.list_notify_messages(self.db, limit=limit), queries.notify_counts(self.db)

    def prepare_channel(self, prefs: NotifyPrefs, channel: ChannelConfig, url: str | None):
        from shopwatch.notify.service import prepare_channel

        saved = prepare_channel(prefs, self.db, channel, url)
        self._on_commit("notify")
        return saved

    def retry_failed(self) -> None:
        queries.retry_failed_messages(self.db, now=iso(now_utc()))
        self._on_commit("notify")
