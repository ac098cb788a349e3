"""The app's long jobs as plain objects (no Qt): sync a shop, prepare the demo, import files.
Each has ``run(progress, cancelled)``, opens its *own* connection on the thread that runs it
(``workers.JobRunner``) and returns a result dataclass; nothing here touches a widget."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from shopwatch.config import DetectionSettings
from shopwatch.imports.columns import ColumnMapping
from shopwatch.models import Alert, NoticeRecord
from shopwatch.monitor.rules import RulesError, load_rules

Progress = Callable[[int, int, str], None]
CancelCheck = Callable[[], bool]


@dataclass(slots=True)
class JobError:
    """What a job that raised returns instead (the runner never lets an exception escape)."""

    message: str
    #: internal (the job raised) | died (its process ended without a result)
    kind: str = "internal"


@dataclass(slots=True)
class SyncOutcome:
    shop_id: int
    shop_name: str
    #: ok | failed | cancelled | config | rules | unchanged (a watched folder with nothing
    #: newer: no run was recorded, nothing is wrong) | busy (another sync of the shop was
    #: running: no run was recorded) | lost (the job raised, or its process ended without an
    #: outcome: whatever it was writing was rolled back; see ``lost``)
    status: str
    error: str = ""  # the English detail, for the tooltip / log
    error_kind: str = ""  # auth | network | rate_limit | incomplete | source | store | config…
    listings: int = 0
    pages: int = 0
    changed: int = 0
    alerts: list[Alert] = field(default_factory=list)
    duration_s: float = 0.0

    @property
    def recorded(self) -> bool:
        """Whether the attempt left a run in the store (the scheduler plans from runs)."""
        return self.status in ("ok", "failed", "cancelled")


def lost(job: SyncJob, error: JobError, shop_name: str) -> SyncOutcome:
    """The outcome of a sync that gave none: it raised, or its process ended (killed, out of
    memory). Its transaction never committed, so the store holds the state before it."""
    return SyncOutcome(job.shop_id, shop_name, "lost", error.message,
                       "interrupted" if error.kind == "died" else "internal")


@dataclass(slots=True)
class SyncJob:
    """One sync of one stored shop through ``monitor.service`` (the CLI's path too), with the
    rule data the profile overrides; a shop fed by export files imports what is new in its
    watch folder instead (``monitor.file_import.sync_watched``)."""

    #: the app runs it in a child process (``job_process``), away from the window
    in_child: ClassVar[bool] = True

    db_path: Path
    shop_id: int
    detection: DetectionSettings = field(default_factory=DetectionSettings)
    key: str = ""
    #: the profile folder whose ``rules/`` copy overrides the shipped rule data
    profile: Path | None = None

    def __post_init__(self) -> None:
        self.key = self.key or f"sync:{self.shop_id}"

    def run(self, progress: Progress, cancelled: CancelCheck) -> SyncOutcome:
        from shopwatch.monitor.rules import RulesError, load_rules
        from shopwatch.monitor.service import UNCHANGED, ConfigError, sync_stored_shop
        from shopwatch.store import queries
        from shopwatch.store.db import open_db

        started = time.monotonic()
        # the app lives in the tray for days: its syncs keep the daily backup going
        db = open_db(self.db_path, backup=True)
        try:
            shop = queries.get_shop_by_id(db, self.shop_id)

            def unusable(status: str, exc: Exception) -> SyncOutcome:
                return SyncOutcome(self.shop_id, shop.name, status, str(exc), status,
                                   duration_s=time.monotonic() - started)

            try:
                rules = load_rules(shop.platform, self.profile)
            except RulesError as exc:
                return unusable("rules", exc)
            try:
                # monitor.service decides how (demo, watched export files, API), as for the CLI
                result = sync_stored_shop(db, shop, settings=self.detection, rules=rules,
                                          progress=progress, cancel=cancelled,
                                          profile=self.profile)
            except ConfigError as exc:
                return unusable("config", exc)
            if result.status == UNCHANGED:
                return SyncOutcome(self.shop_id, shop.name, UNCHANGED,
                                   duration_s=time.monotonic() - started)
            return self._outcome(db, shop.name, result, cancelled)
        finally:
            db.close()

    def _outcome(self, db, shop_name: str, result, cancelled: CancelCheck) -> SyncOutcome:
        from shopwatch.store import queries

        # run_id 0: not even the run's start could be written (disk full), so no row exists
        run = queries.get_run(db, result.run_id) if result.run_id else None
        error_kind = ((run.error_kind if run else None) or result.error_kind
                      or ("store" if result.status != "ok" else ""))
        status = result.status
        if status != "ok" and (error_kind == "cancelled" or cancelled()):
            status = "cancelled"
        return SyncOutcome(
            self.shop_id, shop_name, status, result.error or "", error_kind or "",
            listings=result.listings, pages=(run.pages if run else 0) or 0, changed=result.changed,
            alerts=list(result.alerts), duration_s=result.duration_s)


@dataclass(slots=True)
class DemoSetupJob:
    """Create a demo shop and sync its first simulated week: the Taobao demo, or (``amazon``)
    the demo Amazon seller account."""

    #: the app runs it in a child process (``job_process``), away from the window
    in_child: ClassVar[bool] = True

    db_path: Path
    days: int
    detection: DetectionSettings = field(default_factory=DetectionSettings)
    key: str = "demo-setup"
    profile: Path | None = None
    amazon: bool = False

    def __post_init__(self) -> None:
        if self.amazon and self.key == "demo-setup":
            self.key = "amazon-demo-setup"  # both demos may be set up one after the other

    def run(self, progress: Progress, cancelled: CancelCheck) -> SyncOutcome:
        from shopwatch.monitor import service
        from shopwatch.monitor.rules import RulesError, load_rules
        from shopwatch.store import queries
        from shopwatch.store.db import open_db

        if self.amazon:
            from shopwatch.demo.amazon_runtime import AMAZON_DEMO_SHOP as name

            platform, prepare = "amazon", service.prepare_amazon_demo
        else:
            from shopwatch.demo.runtime import DEMO_SHOP as name

            platform, prepare = "demo", service.prepare_demo
        try:
            rules = load_rules(platform, self.profile)
        except RulesError as exc:
            return SyncOutcome(0, name, "rules", str(exc), "rules")
        db = open_db(self.db_path)
        try:
            results = prepare(db, days=self.days, settings=self.detection, rules=rules,
                              progress=progress, cancel=cancelled)
            shop = queries.get_shop(db, name)
            last = results[-1] if results else None
            return SyncOutcome(shop.id if shop else 0, shop.name if shop else name,
                               last.status if last else "cancelled",
                               error=(last.error or "") if last else "",
                               listings=last.listings if last else 0,
                               # only today's news: a week of history is not 300 notifications
                               alerts=list(last.alerts) if last else [])
        finally:
            db.close()





@dataclass(slots=True)
class ImportResult:
    """What an import did, for the dialog and for the app (which refreshes its pages)."""

    ok: bool
    error: str = ""
    error_kind: str = ""
    listings: int = 0
    metrics: int = 0
    notices: int = 0
    alerts: list[Alert] = field(default_factory=list)


@dataclass(slots=True)
class ImportJob:
    """One import of files (or of confirmed notices) into a stored shop, on the worker thread
    with its own connection."""

    #: the app runs it in a child process (``job_process``), away from the window
    in_child: ClassVar[bool] = True

    db_path: Path
    shop_id: int
    paths: list[Path] = field(default_factory=list)
    kind: str | None = None
    mapping: ColumnMapping | None = None
    confirm_drop: bool = False
    notices: list[NoticeRecord] = field(default_factory=list)
    profile: Path | None = None
    detection: DetectionSettings = field(default_factory=DetectionSettings)
    key: str = ""

    def __post_init__(self) -> None:
        self.key = self.key or f"import:{self.shop_id}"

    def run(self, progress: Progress, cancelled: CancelCheck) -> ImportResult:
        from shopwatch.monitor import file_import
        from shopwatch.store import queries
        from shopwatch.store.db import open_db

        db = open_db(self.db_path)
        try:
            shop = queries.get_shop_by_id(db, self.shop_id)
            try:
                rules = load_rules(shop.platform, self.profile)
            except RulesError as exc:
                return ImportResult(False, str(exc), "rules")
            if self.notices:
                outcome = file_import.add_notices(db, shop, self.notices, profile=self.profile,
                                                  settings=self.detection, rules=rules)
            else:
                outcome = file_import.import_files(
                    db, shop, self.paths, kind=self.kind, mapping=self.mapping,
                    confirm_drop=self.confirm_drop, profile=self.profile,
                    settings=self.detection, rules=rules, progress=progress, cancel=cancelled)
            return ImportResult(outcome.ok, outcome.result.error or "", outcome.error_kind or "",
                                outcome.listings, outcome.metrics, outcome.notices,
                                list(outcome.result.alerts))
        finally:
            db.close()
