"""What every page of the running app shares: the profile, its settings, the shops and which
one is selected, the writes (``Writes``) and the "data changed" signal.

Pages read their read models (``store.queries.views``) through ``workers.run_query`` on a
reader thread's own connection, write through ``session.writes``, and refresh when
``data_changed(what)`` names data they show. ``session.db`` is the GUI thread's connection for
the app's own writes and small look-ups; pages and dialogs never use it."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from shopwatch.config import Settings, db_path, save_settings
from shopwatch.models import Shop
from shopwatch.monitor.rules import Rules, RulesError, load_rules
from shopwatch.monitor.schedule import SyncHistory, history_from_runs
from shopwatch.store import queries
from shopwatch.timeutil import parse_iso
from shopwatch.ui.writes import Writes

if TYPE_CHECKING:
    import sqlite_utils

log = logging.getLogger(__name__)


class Session(QObject):
    shops_changed = Signal()  # a shop was added, edited or removed
    shop_selected = Signal()  # another shop is now the current one
    #: committed by ``Writes`` or the controller (after a sync): "all", "alerts", "notices"…
    data_changed = Signal(str)
    settings_changed = Signal()
    alerts_changed = Signal()  # unread count may differ

    def __init__(self, profile: Path, db: sqlite_utils.Database, settings: Settings,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.db = db
        self.db_path = db_path(profile)
        self.settings = settings
        self.shops: list[Shop] = []
        self.shop: Shop | None = None
        #: real time of the demo shop's latest sync in this run of the app (see ``history``)
        self.demo_synced_at: dict[int, datetime] = {}
        #: attempts that recorded no run (a watched folder with nothing new, a shop that is
        #: not set up): shop id -> (when, fine, such failures in a row)
        self._unrecorded: dict[int, tuple[datetime, bool, int]] = {}
        #: the one way pages write (commit, then ``data_changed``)
        self.writes = Writes(self)
        self.rules = Rules(platform="taobao")
        self.reload_rules()
        self.reload_shops()

    def reload_rules(self) -> Rules:
        """Re-read the rule data (a small TOML file), so edits to the profile copy show without
        a restart. A broken file keeps what was loaded before."""
        try:
            self.rules = load_rules("taobao", self.profile)
        except RulesError as exc:
            log.warning("%s; keeping the rule data loaded before", exc)
        return self.rules

    def appeal_desk(self):
        """What the appeal editor reads and writes through (its commits announce themselves
        like every other write)."""
        from shopwatch.ui.appeal_desk import AppealDesk

        return AppealDesk(self.db, self.notify_data_changed)

    def close(self) -> None:
        """Let reads still on their way land before the app exits."""
        from shopwatch.ui.workers import wait_idle

        wait_idle(5000)

    @property
    def shop_id(self) -> int | None:
        return self.shop.id if self.shop else None

    def find_shop(self, shop_id: int | None) -> Shop | None:
        """The loaded shop with this id (None when there is none)."""
        return next((s for s in self.shops if s.id == shop_id), None)

    def reload_shops(self, select: int | None = None) -> None:
        current = select if select is not None else self.shop_id
        self.shops = queries.list_shops(self.db)
        chosen = self.find_shop(current)
        self.shop = chosen or (self.shops[0] if self.shops else None)
        self.shops_changed.emit()

    def select_shop(self, shop_id: int) -> None:
        if shop_id == self.shop_id:
            return
        self.shop = self.find_shop(shop_id) or self.shop
        self.shop_selected.emit()

    def refresh_shop(self) -> None:
        """Re-read the current shop (a demo sync moves its simulated day)."""
        if self.shop is not None:
            try:
                self.shop = queries.get_shop_by_id(self.db, self.shop.id)
            except queries.NotFound:
                self.reload_shops()

    def save_settings(self) -> None:
        save_settings(self.profile, self.settings)
        self.settings_changed.emit()

    def notify_data_changed(self, what: str = "all") -> None:
        self.refresh_shop()
        self.data_changed.emit(what)
        if what in ("all", "alerts", "shops"):
            self.alerts_changed.emit()

    def unread_alerts(self) -> int:
        return queries.count_open_alerts(self.db, severities=("critical", "warning"))

    def note_unrecorded(self, shop_id: int, moment: datetime, *, fine: bool) -> None:
        """Remember an attempt that left no run in the store, so the scheduler plans the next
        one from it: without this a shop that is not set up, or a watched folder with nothing
        new, would be "never synced" and due again at once, in a tight loop."""
        _when, _fine, failures = self._unrecorded.get(shop_id, (moment, True, 0))
        self._unrecorded[shop_id] = (moment, fine, 0 if fine else failures + 1)

    def history(self, shop_id: int) -> SyncHistory:
        """What the scheduler plans from. The demo shop stamps its runs with its *simulated*
        calendar, which says nothing about real time, so it is planned from when it was
        created or last synced in this session instead."""
        shop = self.find_shop(shop_id)
        if shop is not None and shop.platform == "demo":
            moment = self.demo_synced_at.get(shop_id) or parse_iso(shop.created_at)
            recorded = SyncHistory(last_success=moment, last_attempt=moment)
        else:
            runs = queries.recent_runs(self.db, shop_id, limit=50)
            recorded = history_from_runs([(r.status, parse_iso(r.finished_at)) for r in runs])
        unrecorded = self._unrecorded.get(shop_id)
        if unrecorded is None:
            return recorded
        moment, fine, failures = unrecorded
        if recorded.last_attempt is not None and recorded.last_attempt >= moment:
            return recorded  # a real run came after it
        if fine:
            return SyncHistory(last_success=moment, last_attempt=moment)
        return SyncHistory(last_success=recorded.last_success, last_attempt=moment,
                           failures_in_a_row=recorded.failures_in_a_row + failures)
