"""What the appeal editor reads and writes, behind one object: the page holds no connection
and runs no query. Writes commit, then call ``on_commit(what)`` (the app passes
``Session.notify_data_changed``, so the Notices page and the Overview follow a submitted or
decided appeal at once)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shopwatch.appeals import draft
from shopwatch.appeals.templates import TemplateInfo, TemplateLibrary
from shopwatch.models import Appeal, Listing, Notice
from shopwatch.store import queries

if TYPE_CHECKING:
    import sqlite_utils

NotFound = queries.NotFound


@dataclass(frozen=True, slots=True)
class AppealsView:
    """What the appeal editor shows after a sync: every notice, and fresh facts for the one on
    screen (None when it is gone or none was shown)."""

    notices: list[Notice]
    facts: draft.Facts | None


def appeals_view(db: sqlite_utils.Database, shown: int | None, *,
                 profile: Path | None) -> AppealsView:
    """The editor's read model, for a pool thread's own connection (``run_query``)."""
    notices = queries.list_notices(db)
    facts = None
    if shown is not None and any(n.id == shown for n in notices):
        try:
            facts = draft.load_facts(db, shown, profile=profile)
        except NotFound:  # deleted between the two reads
            facts = None
    return AppealsView(notices, facts)


class AppealDesk:
    def __init__(self, db: sqlite_utils.Database,
                 on_commit: Callable[[str], None] = lambda _what: None, *,
                 owns_db: bool = False) -> None:
        self._db = db
        self._on_commit = on_commit
        self._owns_db = owns_db

    @classmethod
    def open(cls, db_path: Path) -> AppealDesk:
        """A desk with a connection of its own (the editor used outside the app)."""
        from shopwatch.store.db import open_db

        return cls(open_db(db_path), owns_db=True)

    def close(self) -> None:
        if self._owns_db:
            self._db.close()

    # --- reads ------------------------------------------------------------------------------

    def notices(self) -> list[Notice]:
        return queries.list_notices(self._db)

    def listing(self, shop_id: int, listing_id: str) -> Listing | None:
        return queries.get_listing(self._db, shop_id, listing_id)

    def load_facts(self, notice_id: int, *, profile: Path | None) -> draft.Facts:
        return draft.load_facts(self._db, notice_id, profile=profile)

    @property
    def db_path(self) -> Path:
        """The profile database's file (a pool thread opens its own connection to it)."""
        return Path(self._db.execute("PRAGMA database_list").fetchone()[2])

    def exhibit_data(self, notice_id: int, *, profile: Path, language: str):
        """What an exhibit bundle holds for the notice (``appeals.exhibit.collect``)."""
        from shopwatch.appeals.exhibit import collect

        return collect(self._db, profile, notice_id, language)

    def latest_appeal(self, notice_id: int) -> Appeal | None:
        return queries.latest_appeal(self._db, notice_id)

    def stored_evidence(self, notice_id: int) -> dict[str, Any]:
        return draft.stored_evidence(self._db, notice_id)

    def compose(self, library: TemplateLibrary, facts: draft.Facts, info: TemplateInfo,
                evidence: Mapping[str, Any], *, today: date, profile: Path | None):
        return draft.compose(self._db, library, facts, info, evidence, today=today,
                             profile=profile)

    # --- writes -----------------------------------------------------------------------------

    def save_draft(self, **fields: Any) -> Appeal:
        appeal = draft.save_draft(self._db, **fields)
        self._on_commit("appeals")
        return appeal

    def change_status(self, appeal_id: int, status: str, now: datetime) -> Appeal:
        appeal = draft.change_status(self._db, appeal_id, status, now)
        self._on_commit("notices")  # the notice follows its appeal (submitted → appealed)
        return appeal
