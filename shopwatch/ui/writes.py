"""Every write the desktop app makes to the store, in one place (the controller's write half,
reachable by the pages through the session): commit, then announce what changed with
``session.data_changed(what)`` so every page showing that data refreshes.

``what`` is one of ``WHAT``; "all" follows a sync, an import or the demo set-up."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from shopwatch.models import Shop
from shopwatch.store import queries
from shopwatch.timeutil import iso, now_utc

if TYPE_CHECKING:
    from shopwatch.ui.session import Session

WHAT = ("all", "alerts", "notices", "appeals", "shops", "notify", "ledger")


class Writes:
    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def _db(self):
        return self._session.db

    def _commit(self, what: str, write: Callable[[], Any]) -> Any:
        with self._db.atomic():
            result = write()
        self._session.notify_data_changed(what)
        return result

    def acknowledge_alerts(self, ids: list[int]) -> int:
        if not ids:
            return 0
        return self._commit("alerts", lambda: queries.acknowledge_alerts(
            self._db, ids, iso(now_utc())))

    def set_notice_status(self, notice_id: int, status: str) -> None:
        self._commit("notices", lambda: queries.set_notice_status(self._db, notice_id, status))

    def appeal_count(self, notice_id: int) -> int:
        """How many appeals hang on a notice (the notice edit dialog warns before removing)."""
        return len(queries.list_appeals(self._db, notice_id))

    def correct_notice(self, notice_id: int, *, remove: bool = False,
                       correction: dict[str, Any] | None = None) -> None:
        """Correct a notice read wrongly, or remove one stored by mistake (its appeals too);
        ``monitor.notice_edit`` withdraws or re-raises the alerts it caused."""
        from shopwatch.monitor.notice_edit import edit_notice, remove_notice

        session = self._session
        rules, detection = session.rules, session.settings.detection
        if remove:
            remove_notice(self._db, notice_id, rules=rules, settings=detection, with_appeals=True)
        else:
            edit_notice(self._db, notice_id, rules=rules, settings=detection, **(correction or {}))
        # alerts were withdrawn or raised with the notice
        session.notify_data_changed("all")

    def delete_shop(self, shop_id: int) -> None:
        with self._db.atomic():
            queries.delete_shop(self._db, shop_id)
        self._session.reload_shops()
        self._session.notify_data_changed("shops")

    def shop_named(self, name: str) -> Shop | None:
        """A loaded shop called ``name`` (names are unique), for the shop dialogs' check."""
        return next((s for s in self._session.shops if s.name == name), None)

    def add_shop(self, name: str, platform: str, **fields: Any) -> Shop:
        return self._commit("shops", lambda: queries.add_shop(
            self._db, name, platform, now=iso(now_utc()), **fields))

    def update_shop(self, shop_id: int, **fields: Any) -> Shop:
        return self._commit("shops", lambda: queries.update_shop(self._db, shop_id, **fields))

    def retry_failed_messages(self) -> None:
        self._commit("notify", lambda: queries.retry_failed_messages(
            self._db, now=iso(now_utc())))

    def appeal_saved(self) -> None:
        """The appeal editor committed through its desk: appeals and notices moved."""
        self._session.notify_data_changed("notices")
