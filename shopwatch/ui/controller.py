"""The running app's behaviour: when to sync (scheduler), running syncs and imports off the GUI
thread (job runner), what to show when they finish (status bar, error banner, notifications,
tray count, refreshed pages), the first-run welcome, pausing, language switching and
quitting. Opening the import dialogs is ``shopwatch.ui.import_flow``'s job."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QProcess, QTimer, Signal
from PySide6.QtWidgets import QApplication

from shopwatch.config import ensure_demo_profile, is_demo_profile
from shopwatch.models import Shop
from shopwatch.monitor.schedule import SchedulePolicy
from shopwatch.store import queries
from shopwatch.store.queries import views
from shopwatch.ui import fmt, i18n, labels
from shopwatch.ui.import_flow import ImportFlow
from shopwatch.ui.main_window import MainWindow
from shopwatch.ui.notifier import RemoteNotifier
from shopwatch.ui.scheduler import SyncScheduler
from shopwatch.ui.session import Session
from shopwatch.ui.tray import Tray, plan_notifications, summarize
from shopwatch.ui.workers import JobRunner, run_query, run_task

if TYPE_CHECKING:
    from shopwatch.ui.jobs import SyncOutcome

log = logging.getLogger(__name__)


def demo_command(profile: Path, platform: str = "taobao") -> tuple[str, list[str]]:
    """How to start this app on the demo of ``profile``: the frozen app is its own program;
    from source, this Python runs the package."""
    tail = ["--data-dir", str(profile), "gui", "--demo"]
    if platform != "taobao":
        tail += ["--demo-platform", platform]
    if getattr(sys, "frozen", False):
        return sys.executable, tail
    return sys.executable, ["-m", "shopwatch", *tail]

STATUS_REFRESH_MS = 30_000
#: the evidence ledger's weekly check: first looked at a minute after start-up (not on the
#: way to the first paint), then every few hours (a check is due when a week old)
LEDGER_FIRST_CHECK_MS = 60_000
LEDGER_CHECK_MS = 6 * 3600_000
#: the daily backup is made this long after start-up, off the GUI thread
BACKUP_DELAY_MS = 10_000
#: Taobao's punishment messages (TMC) are polled this often between syncs (issue 15)
MESSAGES_POLL_MS = 60_000
#: the scheduler starts at the window's first paint, or after this long if no paint comes
#: (a window that opens hidden or minimized is never painted)
SCHEDULER_START_MS = 3_000
#: APScheduler and what it imports, loaded a module per idle turn before the scheduler starts
SCHEDULER_MODULES = ("asyncio", "importlib.metadata", "apscheduler.util", "apscheduler.job",
                     "apscheduler.executors.pool", "apscheduler.schedulers.base",
                     "apscheduler.schedulers.qt", "apscheduler.triggers.date")
#: what the first paint does not need and a seller's first click will: imported after the
#: paint, one module per idle turn of the event loop (each turn blocks for one import only),
#: leaf modules before the pages that import them. Pages are not built, only imported.
WARM_MODULES = (
    "shopwatch.ui.pages.overview",
    "shopwatch.ui.widgets.badges",
    "shopwatch.ui.widgets.tables",
    "shopwatch.ui.pages.alerts",
    "shopwatch.ui.pages.listing_detail",
    "shopwatch.ui.pages.listings",
    "shopwatch.ui.pages.notices",
    "shopwatch.ui.pages.placeholder",
    "shopwatch.imports.tables",
    "shopwatch.connectors.files",
    "shopwatch.autostart",
    "shopwatch.ui.pages.settings",
    "shopwatch.ui.dialogs.shop_editor",
)
#: plain-Python libraries the Appeals page and the notification settings need (jinja2 and
#: the drafting code, the keychain): 150-250 ms that the first visit to those pages blocked
#: the window for; and sqlite-utils, which the first write through the profile connection
#: loads (``store.db.Database``), ~60 ms. Imported on a pool thread once the idle steps are
#: done; none of them imports Qt or anything under shopwatch.ui, so the GUI thread never
#: holds a lock they need.
BACKGROUND_MODULES = ("sqlite_utils", "jinja2", "keyring", "shopwatch.imports.notice_text",
                      "shopwatch.appeals.draft", "shopwatch.appeals.templates",
                      "shopwatch.notify.channels")
#: then, in idle turns again, the pages themselves (quick once the above are loaded)
AFTER_BACKGROUND_MODULES = ("shopwatch.ui.pages.appeals", "shopwatch.ui.pages.notify_settings")
# outcomes of an attempt that could not even start: no run is recorded for them
UNUSABLE = ("config", "rules")


def imported_by_hand(shop: Shop | None) -> bool:
    """A shop fed by export files with no watch folder: only the seller's imports update it."""
    if shop is None or shop.platform != "file":
        return False
    from shopwatch.connectors.files import file_settings  # the file readers load on first use

    return not file_settings(shop).get("watch")


class AppController(QObject):
    messages_polled = Signal(object)  # [(shop name, alerts)] of one poll
    def __init__(self, session: Session, translators: i18n.Translators, *,
                 tray: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.translators = translators
        self._quitting = False
        self._cancelling = False
        #: shops whose last attempt could not even start (no run is recorded for it)
        self._config_errors: dict[int, SyncOutcome] = {}
        self.runner = JobRunner(parent=self, processes=True)
        self.scheduler = SyncScheduler(
            session.history,
            policy=SchedulePolicy.from_minutes(session.settings.sync_interval_minutes),
            parent=self)
        self.window = MainWindow(session)
        self.imports = ImportFlow(session, self.window, self.runner,
                                  shops_edited=self._on_shops_edited, parent=self)
        self.tray = Tray(self, force_unavailable=not tray)
        # Remote alerts belong to the app, not to the Settings page: a child of the session,
        # where the "Phone & e-mail" tab finds it.
        self.notifier = RemoteNotifier(session.profile, parent=session)
        session.data_changed.connect(self.notifier.trigger)
        self.window.close_to_tray = lambda: (self.session.settings.close_to_tray
                                             and self.tray.available and not self._quitting)

        self.scheduler.due.connect(self._on_due)
        self.scheduler.planned.connect(lambda *_: self.update_status())
        w = self.window
        w.sync_requested.connect(self.sync_current)
        w.cancel_requested.connect(self.cancel)
        w.demo_requested.connect(self.start_demo)
        w.connect_requested.connect(self.connect_shop)
        w.language_changed.connect(self.set_language)
        w.interval_changed.connect(self.scheduler.set_interval)
        w.shops_edited.connect(self._on_shops_edited)
        w.file_shop_requested.connect(self.imports.add_file_shop)
        w.import_requested.connect(self.imports.import_file)
        w.paste_notice_requested.connect(self.imports.paste_notice)
        w.quit_requested.connect(self.quit)
        w.hidden_to_tray.connect(self._hidden_to_tray)
        self._told_about_tray = False
        self.unread = 0
        self._announced: tuple[list, str] | None = None
        self._failed: SyncOutcome | None = None
        self.runner.started.connect(self._on_started)
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_finished)
        self.tray.open_requested.connect(w.bring_to_front)
        self.tray.sync_requested.connect(self.sync_all)
        self.tray.pause_toggled.connect(self.set_paused)
        self.tray.quit_requested.connect(self.quit)
        self.tray.notification_clicked.connect(self._open_notification)
        self.tray.in_window.connect(w.show_notification)
        session.alerts_changed.connect(self.update_unread)
        session.shop_selected.connect(self.update_status)
        session.shops_changed.connect(self.update_status)

        self._status_timer = QTimer(self)
        self._status_timer.setInterval(STATUS_REFRESH_MS)
        self._status_timer.timeout.connect(self.update_status)
        self._polling = False
        self._messages_timer = QTimer(self)
        self._messages_timer.setInterval(MESSAGES_POLL_MS)
        self._messages_timer.timeout.connect(self.poll_messages)
        self._ledger_timer = QTimer(self)
        self._ledger_timer.setInterval(LEDGER_CHECK_MS)
        self._ledger_timer.timeout.connect(self.check_ledgers)
        self._schedule_pending = False
        self._after_paint_done = False
        self._warming = False  # the pool thread's imports are under way
        self._warm: list[str | Callable[[], object]] = []
        self._warm_timer = QTimer(self)
        self._warm_timer.setInterval(0)
        self._warm_timer.timeout.connect(self._warm_next)

    # --- start-up -------------------------------------------------------------------------------

    def start(self, *, show: bool = True, schedule: bool = True, welcome: bool = True) -> None:
        """Plan every shop's next sync (the sync bar shows it) and show the window. With
        ``schedule`` the scheduler itself starts just after the first paint (APScheduler's
        import is not on the way to it), or at once when no window is shown."""
        for shop in self.session.shops:
            self.scheduler.plan(shop.id, starting_up=schedule)
        if schedule:
            self._messages_timer.start()
        self._schedule_pending = schedule
        self.window.first_painted.connect(self.after_first_paint)
        QTimer.singleShot(SCHEDULER_START_MS if show else 0, self.after_first_paint)
        self._status_timer.start()
        self._ledger_timer.start()
        QTimer.singleShot(LEDGER_FIRST_CHECK_MS, self.check_ledgers)
        QTimer.singleShot(BACKUP_DELAY_MS, self.backup_soon)
        self.notifier.start()
        self.update_unread()
        self.update_status()
        if show:
            self.window.show()
        if welcome and not self.session.shops:
            QTimer.singleShot(0, self.first_run)

    def after_first_paint(self) -> None:
        """Once the window is on screen: in idle turns of the event loop, one step per turn
        so that no turn blocks the window for long, load APScheduler and start the scheduler,
        show the version, then import the modules the seller's next clicks need. Runs once
        (the paint, or the fallback timer)."""
        if self._after_paint_done or self._quitting:
            return
        self._after_paint_done = True
        # the pool thread's imports first: the pages' own modules import sqlite-utils, which
        # is then loaded already (or a GUI-thread import waits for the rest of it, not all)
        steps: list[str | Callable[[], object]] = [self._warm_in_background]
        if self._schedule_pending:
            steps += [*SCHEDULER_MODULES, self._start_scheduler]
        steps += ["importlib.metadata", self.window.sidebar.show_version, *WARM_MODULES]
        self._warm = steps
        self._warm_timer.start()

    def _start_scheduler(self) -> None:
        if self._schedule_pending and not self._quitting:
            self._schedule_pending = False
            self.scheduler.start([s.id for s in self.session.shops])

    @property
    def warmed_up(self) -> bool:
        """Whether the start-up work after the first paint is all done (the benchmarks measure
        the app from then on)."""
        return (self._after_paint_done and not self._warm and not self._warm_timer.isActive()
                and not self._warming)

    def _warm_in_background(self) -> None:
        from shopwatch.ui.workers import run_task

        self._warming = True

        def load() -> None:
            import importlib

            for name in BACKGROUND_MODULES:
                importlib.import_module(name)

        def then(_result: object) -> None:
            self._warming = False
            if not self._quitting:
                self._warm += AFTER_BACKGROUND_MODULES
                self._warm_timer.start()

        def failed(exc: BaseException) -> None:  # an optimisation: first use will say
            self._warming = False
            log.warning("warming the page modules failed: %s", exc)

        run_task(load, then, failed, owner=self)

    def _warm_next(self) -> None:
        """One step: import one more module or make one call; a zero timer runs again only
        when the event loop is idle (input and paints first)."""
        import importlib

        while self._warm and isinstance(self._warm[0], str) and self._warm[0] in sys.modules:
            self._warm.pop(0)
        if not self._warm or self._quitting:
            self._warm_timer.stop()
            return
        step = self._warm.pop(0)
        try:
            if isinstance(step, str):
                importlib.import_module(step)
            else:
                step()
        except Exception:  # noqa: BLE001 - warming is an optimisation; first use will say
            log.exception("start-up step %s failed", step)

    def poll_messages(self) -> bool:
        """Poll the punishment messages of every Taobao (and demo) shop that is not syncing
        right now, on a pool thread with a connection of its own; a deletion or delisting
        by the platform is alerted within the minute. False when nothing was polled."""
        if self._quitting or self.scheduler.paused or self._polling:
            return False
        from shopwatch.ui.jobs import SyncJob

        current = self.runner.current
        syncing = getattr(current, "shop_id", None) if isinstance(current, SyncJob) else None
        shops = [s for s in self.session.shops
                 if s.platform in ("taobao", "demo") and s.id != syncing]
        if not shops:
            return False
        from shopwatch.connectors.base import ConnectorError
        from shopwatch.monitor.service import ConfigError, poll_messages
        from shopwatch.store.db import open_db

        self._polling = True
        path, detection = self.session.db_path, self.session.settings.detection

        def poll() -> list:
            found = []
            db = open_db(path, migrate_schema=False)
            try:
                for shop in shops:
                    try:
                        result = poll_messages(db, shop, settings=detection)
                    except (ConnectorError, ConfigError) as exc:
                        # the next sync reconciles; a failed poll confirmed nothing
                        log.info("punishment messages of %s not read: %s", shop.name, exc)
                        continue
                    if result.alerts:
                        found.append((shop.name, result.alerts))
            finally:
                db.close()
            return found

        def done(found) -> None:
            self._polling = False
            if isinstance(found, BaseException):
                log.warning("polling punishment messages failed: %s", found)
                return
            if found:
                self.session.notify_data_changed("all")
                for shop_name, alerts in found:
                    self._announce(alerts, shop_name)
                self.notifier.trigger()
            self.messages_polled.emit(found)

        run_task(poll, done, done, owner=self)
        return True

    def backup_soon(self) -> None:
        """The day's verified backup, if not made yet, on a pool thread (the app lives in
        the tray for days; syncs keep it going too). Damage found by the copy's integrity
        check is shown in the window: the seller restores with the damaged-profile dialog at
        the next start or ``shopwatch restore``."""
        if self._quitting:
            return
        from shopwatch.store.db import open_db

        path = self.session.db_path

        def backup() -> None:
            open_db(path, migrate_schema=False, backup=True).close()

        def failed(exc: BaseException) -> None:
            from shopwatch.store.integrity import StoreCorrupt

            log.warning("the daily backup failed: %s", exc)
            if isinstance(exc, StoreCorrupt):
                self.window.show_error(self.tr("The profile's database is damaged"), self.tr(
                    "The daily backup's check found damage. Close shopwatch and run "
                    "'shopwatch restore' (your newest good backup is kept)."))

        run_task(backup, None, failed, owner=self)

    def check_ledgers(self) -> None:
        """Verify the evidence ledger of every shop whose last check is a week old, on a pool
        thread with a connection of its own; the Overview shows the outcome."""
        if self._quitting:
            return
        from shopwatch.monitor import ledger_check
        from shopwatch.store.db import open_db

        path = self.session.db_path
        shop_ids = [s.id for s in self.session.shops]
        now = datetime.now(timezone.utc)

        def check() -> list:
            db = open_db(path, migrate_schema=False)
            try:
                return ledger_check.check_due(db, shop_ids, now)
            finally:
                db.close()

        def done(made: list) -> None:
            if made:
                self.session.notify_data_changed("ledger")
            for check_made in made:
                if not check_made.intact:
                    log.warning("evidence ledger of shop %s broken at run %s: %s",
                                check_made.shop_id, check_made.broken_run, check_made.message)

        run_task(check, done, owner=self)

    def first_run(self) -> str | None:
        from shopwatch.ui.dialogs.welcome import (
            CONNECT,
            CONNECT_AMAZON,
            DEMO,
            DEMO_AMAZON,
            FILE,
            WelcomeDialog,
        )

        dialog = WelcomeDialog(self.window)
        dialog.exec()
        if dialog.choice == DEMO:
            self.start_demo()
        elif dialog.choice == CONNECT:
            self.connect_shop()
        elif dialog.choice == CONNECT_AMAZON:
            self.connect_amazon()
        elif dialog.choice == DEMO_AMAZON:
            self.start_amazon_demo()
        elif dialog.choice == FILE:
            self.imports.add_file_shop()
        return dialog.choice

    # --- syncing ----------------------------------------------------------------------------------

    def _on_due(self, shop_id: int) -> None:
        if self.scheduler.paused:
            return
        if imported_by_hand(self._shop(shop_id)):
            # nothing to fetch: plan the next look as if it had run, or it is due at once
            self.session.note_unrecorded(shop_id, datetime.now(timezone.utc), fine=True)
            self.scheduler.plan(shop_id)
            return
        self.sync_shop(shop_id)

    def _shop(self, shop_id: int | None) -> Shop | None:
        return self.session.find_shop(shop_id)

    def sync_shop(self, shop_id: int) -> bool:
        from shopwatch.ui.jobs import SyncJob

        return self.runner.submit(SyncJob(self.session.db_path, shop_id,
                                          self.session.settings.detection,
                                          profile=self.session.profile))

    def sync_current(self) -> bool:
        """Sync now; a shop updated only by imports opens the import dialog instead."""
        shop_id = self.session.shop_id
        if imported_by_hand(self.session.shop):
            return self.imports.import_file(shop_id) is not None
        return shop_id is not None and self.sync_shop(shop_id)

    def sync_all(self) -> None:
        for shop in self.session.shops:
            self.sync_shop(shop.id)

    def cancel(self) -> None:
        if self.runner.busy:
            self._cancelling = True
            self.window.syncbar.cancelling(self.tr("Cancelling…"))
            self.runner.cancel()

    def start_demo(self, days: int | None = None) -> None:
        from shopwatch.demo.setup import demo_needs_setup, demo_shop

        db = self.session.db
        existing = demo_shop(db) if is_demo_profile(self.session.profile) else None
        self._start_demo(None if existing is None or demo_needs_setup(db) else existing,
                         days, amazon=False)

    def start_amazon_demo(self, days: int | None = None) -> None:
        """The demo Amazon account (in the demo profile): made and synced for a week, or shown
        if it is there already."""
        from shopwatch.demo.amazon_runtime import AMAZON_DEMO_SHOP

        existing = (queries.get_shop(self.session.db, AMAZON_DEMO_SHOP)
                    if is_demo_profile(self.session.profile) else None)
        self._start_demo(existing, days, amazon=True)

    def _start_demo(self, ready: Shop | None, days: int | None, *, amazon: bool) -> None:
        """Show the demo shop ``ready`` (set up already), or set one up for ``days``; outside
        the demo profile, open the demo's own window instead."""
        if not is_demo_profile(self.session.profile):
            self.open_demo_window("amazon" if amazon else "taobao")
            return
        if ready is not None:
            self.session.reload_shops(select=ready.id)
            self.window.show_page("overview")
            return
        from shopwatch.demo.setup import DEFAULT_DEMO_DAYS
        from shopwatch.ui.jobs import DemoSetupJob

        self.runner.submit(DemoSetupJob(self.session.db_path,
                                        DEFAULT_DEMO_DAYS if days is None else days,
                                        self.session.settings.detection,
                                        profile=self.session.profile, amazon=amazon))

    def open_demo_window(self, platform: str = "taobao") -> bool:
        """The demo in a window of its own, on its own profile folder (``gui --demo``): the
        seller's profile, its syncs, digests and channels never see the demo shop."""
        demo_home = ensure_demo_profile(self.session.profile)
        program, args = demo_command(demo_home.parent, platform)
        started = QProcess.startDetached(program, args)
        if not started:
            log.warning("could not start the demo window: %s %s", program, args)
        return bool(started)

    def connect_shop(self) -> None:
        from shopwatch.ui.dialogs.shop_editor import ShopEditor

        self.window.show_page("settings")
        editor = ShopEditor(self.session.writes, None, self.window)
        if editor.exec() and editor.saved is not None:
            self.session.reload_shops(select=editor.saved.id)
            self._on_shops_edited()
            self.sync_shop(editor.saved.id)

    def connect_amazon(self) -> None:
        from shopwatch.ui.dialogs.amazon_shop_editor import AmazonShopEditor

        self.window.show_page("settings")
        editor = AmazonShopEditor(self.session.writes, None, self.window)
        if editor.exec() and editor.saved is not None:
            self.session.reload_shops(select=editor.saved.id)
            self._on_shops_edited()
            self.sync_shop(editor.saved.id)

    def set_paused(self, paused: bool) -> None:
        if paused:
            self.scheduler.pause()
        else:
            self.scheduler.resume()
        self.tray.set_paused(paused)
        self.update_status()

    # --- job signals ------------------------------------------------------------------------------

    def _on_started(self, job) -> None:
        from shopwatch.ui.jobs import DemoSetupJob, ImportJob

        self._cancelling = False
        self.tray.set_syncing(True)
        if isinstance(job, DemoSetupJob):
            self.window.syncbar.start(self.tr("Preparing the demo shop…"))
            return
        name = self._shown_name(job.shop_id)
        if isinstance(job, ImportJob):
            self.window.syncbar.start(self.tr("Importing into %1…").replace("%1", name))
        else:
            self.window.syncbar.start(self.tr("Syncing %1…").replace("%1", name))

    def _on_progress(self, job, done: int, items: int, message: str) -> None:
        from shopwatch.ui.jobs import DemoSetupJob, ImportJob

        if self._cancelling:
            return
        if isinstance(job, DemoSetupJob):
            self.window.syncbar.step(self.tr("Simulating day %1 of %2…").replace(
                "%1", str(min(done + 1, items))).replace("%2", str(items)), done, items)
        elif isinstance(job, ImportJob) or getattr(self._shop(job.shop_id), "platform",
                                                   "") == "file":
            self.window.syncbar.step(self.tr("%Ln file(s) read, %1 rows", "", done)
                                     .replace("%1", fmt.count_text(items)))
        else:
            self.window.syncbar.step(self.tr("%Ln page(s) fetched, %1 listings", "", done)
                                     .replace("%1", fmt.count_text(items)))

    def _on_finished(self, job, result) -> None:
        from shopwatch.ui.jobs import (
            DemoSetupJob,
            ImportResult,
            JobError,
            SyncJob,
            SyncOutcome,
            lost,
        )

        self.window.syncbar.stop()
        self.tray.set_syncing(self.runner.busy)
        if isinstance(result, JobError) and isinstance(job, SyncJob):
            shop = self._shop(job.shop_id)
            result = lost(job, result, shop.name if shop else "")
        if isinstance(result, JobError):
            if result.kind == "died":  # its process was killed or crashed: the detail is a code
                self.window.show_error(self.tr("The work stopped unexpectedly"), self.tr(
                    "Nothing from it was saved. Please try again."))
                self.window.error_banner.setToolTip(result.message)
            else:
                self.window.show_error(self.tr("Something went wrong"), result.message)
            self.update_status()
            return
        if isinstance(result, ImportResult):
            self._imported(job, result)
            return
        if isinstance(job, DemoSetupJob):
            if result.status in UNUSABLE:
                self._report(result)
                self.update_status()
                return
            self.session.reload_shops(select=result.shop_id or None)
            self.session.demo_synced_at[result.shop_id] = datetime.now(timezone.utc)
            self.scheduler.plan(result.shop_id)
            self.window.show_page("overview")
        elif isinstance(result, SyncOutcome):
            shop = self._shop(result.shop_id)
            now = datetime.now(timezone.utc)
            if result.status in UNUSABLE:
                self._config_errors[result.shop_id] = result
            else:
                self._config_errors.pop(result.shop_id, None)
            if not result.recorded:
                # the scheduler plans from recorded runs: tell it about this attempt
                self.session.note_unrecorded(
                    result.shop_id, now, fine=result.status not in (*UNUSABLE, "lost"))
            if shop is not None and shop.platform == "demo" and result.status == "ok":
                self.session.demo_synced_at[shop.id] = now
            if shop is not None:
                self.scheduler.plan(shop.id)
        self.session.notify_data_changed()
        self._report(result)
        self.update_status()

    def _imported(self, job, result) -> None:
        """An import (its dialog shows how it went): refresh every page, announce its alerts
        like a sync's, and re-plan the shop (an import is a file shop's sync)."""
        if self._shop(job.shop_id) is not None:
            self.scheduler.plan(job.shop_id)
        self.session.notify_data_changed()
        if result.ok:
            self._announce(result.alerts, self._shown_name(job.shop_id))
        self.update_status()

    def _report(self, outcome: SyncOutcome) -> None:
        self._show_outcome(outcome)
        self._announce(outcome.alerts, self._shown_name(outcome.shop_id, outcome.shop_name))

    def _shown_name(self, shop_id: int | None, fallback: str = "") -> str:
        """The shop's name as the sidebar shows it ("演示店铺" for the demo shop, not "demo")."""
        shop = self._shop(shop_id)
        return labels.shop_name(shop.name, shop.platform) if shop else fallback

    def _show_outcome(self, outcome: SyncOutcome) -> None:
        # cancelling is not an error to shout about, nor is a watched folder with nothing new
        self._failed = None
        if outcome.status in ("ok", "cancelled", "unchanged"):
            self.window.clear_error()
            return
        name = self._shown_name(outcome.shop_id, outcome.shop_name)
        if outcome.status == "busy":
            heading = self.tr("“%1” is already being synced").replace("%1", name)
        else:
            self._failed = outcome  # shown again in the new language after a switch
            heading = self.tr("The sync of “%1” failed").replace("%1", name)
        self.window.show_error(heading, labels.sync_error(outcome.error_kind))
        self.window.error_banner.setToolTip(outcome.error)

    def _announce(self, alerts, shop_name: str) -> None:
        """Notify new alerts (when notifications are on), naming the shop only when there are
        several."""
        if alerts and self.session.settings.notifications:
            self._announced = (alerts, shop_name)
            self.tray.notify(plan_notifications(alerts, shop_name=(
                shop_name if len(self.session.shops) > 1 else "")))

    def _hidden_to_tray(self) -> None:
        """The first time the window closes to the tray, say so: a seller who thinks the app
        quit would otherwise be surprised by the next notification."""
        if self._told_about_tray:
            return
        self._told_about_tray = True
        self.tray.show_message(self.tr("shopwatch is still watching"), self.tr(
            "It keeps syncing in the tray. To quit, use Quit in the tray menu."))

    def _open_notification(self, note) -> None:
        self.window.bring_to_front()
        self.window.open_alerts(note.alert_ids, note.kind)

    # --- status -----------------------------------------------------------------------------------

    @property
    def data_changed(self):
        """``data_changed(what)``: emitted after every commit (``session.writes`` and the sync
        results handled here); pages showing ``what`` refresh."""
        return self.session.data_changed

    def update_unread(self) -> None:
        """The badge: unacknowledged important alerts, counted off the GUI thread."""
        run_query(self.session.db_path,
                  lambda db: views.count_open_alerts(db, severities=("critical", "warning")),
                  self._show_unread, owner=self)

    def _show_unread(self, count: int) -> None:
        self.unread = count
        self.tray.set_unread(count)
        self.window.sidebar.set_count("alerts", count)
        self.window.sidebar.nav.viewport().update()

    def update_status(self) -> None:
        bar = self.window.syncbar
        shop = self.session.shop
        bar.set_enabled(shop is not None, "" if shop else self.tr("Add a shop first"))
        if shop is None:
            bar.set_last(self.tr("No shop yet"), "idle")
            bar.set_next("")
            return
        last = queries.last_run(self.session.db, shop.id)
        unusable = self._config_errors.get(shop.id)
        demo_day = shop.settings.get("day") if shop.platform == "demo" else None
        suffix = (" · " + self.tr("simulated day %1").replace("%1", str(demo_day))
                  if demo_day is not None else "")
        if unusable is not None:
            bar.set_last(labels.sync_error(unusable.error_kind), "failed", unusable.error)
        elif last is None:
            bar.set_last(self.tr("Not synced yet"), "idle")
        elif last.status == "ok":
            bar.set_last(self.tr("Last sync %1 · %Ln listing(s)", "", last.listings or 0)
                         .replace("%1", fmt.datetime_text(last.finished_at)) + suffix, "ok")
        else:
            bar.set_last(self.tr("Last sync failed %1: %2")
                         .replace("%1", fmt.datetime_text(last.finished_at))
                         .replace("%2", labels.sync_error(last.error_kind or "")), "failed",
                         last.error or "")
        plan = self.scheduler.next_plan(shop.id)
        if imported_by_hand(shop):
            bar.set_next(self.tr("Updated by importing export files"))
        elif self.scheduler.paused:
            bar.set_next(self.tr("Syncing paused"))
        elif plan is None:
            bar.set_next("")
        elif plan.at <= datetime.now(timezone.utc):
            bar.set_next(self.tr("Next sync: now"))
        else:
            bar.set_next(self.tr("Next sync %1").replace("%1", fmt.relative_text(plan.at)))

    # --- settings ---------------------------------------------------------------------------------

    def _on_shops_edited(self) -> None:
        known = {s.id for s in self.session.shops}
        for shop_id in list(self.scheduler.plans):
            if shop_id not in known:
                self.scheduler.remove(shop_id)
        for shop_id in known - set(self.scheduler.plans):
            self.scheduler.plan(shop_id)
        self.update_status()

    def set_language(self, code: str) -> None:
        language = i18n.resolve_language(code)
        self.translators.apply(language)
        # Rebuilt after the settings page's signal handler has returned (it is deleted).
        QTimer.singleShot(0, self._retranslate)

    def _retranslate(self) -> None:
        self.window.build_pages()
        self.tray.retranslate()
        if self._failed is not None and self.window.error_banner.isVisibleTo(self.window):
            self._show_outcome(self._failed)
        if self._announced and self.window.note_banner.isVisibleTo(self.window):
            # the in-window banner speaks the new language too
            alerts, shop_name = self._announced
            summary = summarize(plan_notifications(alerts, shop_name=(
                shop_name if len(self.session.shops) > 1 else "")))
            if summary is not None:
                self.window.show_notification(summary)
        self.update_unread()
        self.update_status()

    def quit(self) -> None:
        self._quitting = True
        self._status_timer.stop()
        self._messages_timer.stop()
        self.scheduler.shutdown()
        self.notifier.stop()
        if not self.runner.shutdown(10_000):
            log.warning("a sync was still running at exit; its changes were not saved")
        self.tray.hide()
        self.window.close()
        self.session.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()
