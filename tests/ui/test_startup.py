"""Start-up (issue 16): the way to the first painted window imports only what that window
shows, and what is left off it (APScheduler, the other pages, dialogs, readers) still works:
the scheduler starts just after the first paint and a due sync runs."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, QObject

from shopwatch.monitor.schedule import SchedulePolicy, SyncHistory
from shopwatch.ui.workers import SyncOutcome

ROOT = Path(__file__).resolve().parents[2]

#: modules the first painted window (the Overview) does not need: each loads on first use or
#: is warmed after the paint. A name here that shows up again at the paint is a regression.
OFF_THE_FIRST_PAINT = (
    "apscheduler",
    "asyncio",
    "importlib.metadata",  # the version in the sidebar and sqlite-utils' plugin scan
    "shopwatch.ui.pages.listings",
    "shopwatch.ui.pages.alerts",
    "shopwatch.ui.pages.notices",
    "shopwatch.ui.pages.settings",
    "shopwatch.ui.pages.placeholder",
    "shopwatch.ui.pages.appeals",
    "shopwatch.ui.dialogs.shop_editor",
    "shopwatch.ui.dialogs.welcome",
    "shopwatch.ui.dialogs.damaged_profile",
    "shopwatch.ui.dialogs.imports",
    "shopwatch.ui.appeal_desk",
    "shopwatch.ui.jobs",
    "shopwatch.notify.prefs",
    "shopwatch.imports.notice_text",
    "shopwatch.imports.tables",
    "shopwatch.connectors.files",
    "shopwatch.autostart",
    "shopwatch.appeals",
    "shopwatch.demo",
    "shopwatch.monitor.service",
    "shopwatch.notify.service",
    "requests",
    # the single-instance check speaks to a Unix socket itself (Windows' named pipes still
    # go through multiprocessing.connection, loaded there only)
    *(() if sys.platform == "win32" else ("multiprocessing",)),
    # the window's reads are SELECTs, which the store's connection answers before it becomes
    # sqlite-utils' Database (shopwatch.store.db.Database); so are the readers'
    "sqlite_utils",
    "click",
    "dateutil",
    "pluggy",
)

#: a launch of the app that writes the modules loaded when the main window first paints
_LAUNCH = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QEvent
    import shopwatch.ui.app as app

    filter_paint = app._FirstPaint.eventFilter

    def note_modules(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            with open(sys.argv[1], "w", encoding="utf-8") as out:
                out.write("\\n".join(sorted(sys.modules)))
        return filter_paint(self, watched, event)

    app._FirstPaint.eventFilter = note_modules
    from shopwatch.cli import main
    sys.exit(main(["--data-dir", sys.argv[2], "gui", "--page", "overview"]))
""")


def _loaded(names: set[str], wanted: str) -> bool:
    return wanted in names or any(n.startswith(wanted + ".") for n in names)


def test_the_first_paint_imports_only_what_the_overview_needs(demo_profile: Path, tmp_path):
    listing = tmp_path / "modules.txt"
    env = {**os.environ, "SHOPWATCH_BENCH_FIRST_PAINT": "1", "QT_QPA_PLATFORM": "offscreen",
           "SHOPWATCH_NO_TRAY": "1", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _LAUNCH, str(listing), str(demo_profile)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "first-paint" in done.stderr
    loaded = set(listing.read_text(encoding="utf-8").split())
    # what the window shows did load (the listing is real, not an early empty one)
    for needed in ("shopwatch.ui.pages.overview", "shopwatch.ui.session", "shopwatch.store.db",
                   "shopwatch.monitor.rules", "shopwatch.ui.sidebar"):
        assert needed in loaded, needed
    assert [name for name in OFF_THE_FIRST_PAINT if _loaded(loaded, name)] == []


def test_importing_the_app_leaves_the_scheduler_and_the_pages_out():
    code = ("import sys, shopwatch.ui.app\n"
            f"names = {OFF_THE_FIRST_PAINT!r} + ('shopwatch.ui.pages.overview',)\n"
            "print(' '.join(n for n in names if any(m == n or m.startswith(n + '.') "
            "for m in sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []


class _Paints(QObject):
    def __init__(self, widget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_the_scheduler_starts_after_the_first_paint_and_a_due_sync_runs(
        qtbot, controller, monkeypatch):
    scheduler = controller.scheduler
    shop_id = controller.session.shop_id
    # the shop has never synced and the start-up delay is nothing: due the moment it is planned
    scheduler.policy = SchedulePolicy(startup_delay=timedelta(0))
    monkeypatch.setattr(scheduler, "_history", lambda _shop: SyncHistory())
    paints = _Paints(controller.window)
    painted_at_start: list[int] = []
    start = scheduler.start
    monkeypatch.setattr(scheduler, "start",
                        lambda ids: (painted_at_start.append(paints.count), start(ids)))
    outcomes = []
    controller.runner.finished.connect(lambda _job, result: outcomes.append(result))

    controller.start(show=True, welcome=False)
    # planned (the sync bar says when), but APScheduler is not started (nor imported for it)
    assert scheduler.next_plan(shop_id) is not None
    assert not scheduler.running and painted_at_start == []

    qtbot.waitUntil(lambda: scheduler.running, timeout=10_000)
    assert painted_at_start and painted_at_start[0] >= 1  # the window had painted first
    qtbot.waitUntil(lambda: any(isinstance(o, SyncOutcome) for o in outcomes), timeout=60_000)
    outcome = next(o for o in outcomes if isinstance(o, SyncOutcome))
    assert outcome.shop_id == shop_id and outcome.status == "ok", outcome


def test_a_hidden_start_starts_the_scheduler_without_a_paint(qtbot, controller):
    controller.start(show=False, welcome=False)
    qtbot.waitUntil(lambda: controller.scheduler.running, timeout=5_000)
    assert controller.scheduler.plans


def test_the_warm_up_imports_the_other_pages_without_building_them(qtbot, controller):
    controller.start(show=True, welcome=False)
    qtbot.waitUntil(lambda: controller._after_paint_done and not controller._warm_timer.isActive(),
                    timeout=20_000)
    for name in ("shopwatch.ui.pages.settings", "shopwatch.ui.pages.listings",
                 "shopwatch.ui.dialogs.shop_editor"):
        assert name in sys.modules
    assert set(controller.window.pages) == {"overview"}  # imported, not built


_WARM = r"""
import sys, threading
from pathlib import Path
imported_on = {}

class Watch:  # sees each first import of a module, on whichever thread
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name in ("jinja2", "keyring", "shopwatch.appeals.draft", "sqlite_utils"):
            imported_on.setdefault(name, threading.current_thread() is threading.main_thread())
        return None

sys.meta_path.insert(0, Watch)
from PySide6.QtWidgets import QApplication
app = QApplication(["t"])
from shopwatch.config import DB_FILENAME, Settings
from shopwatch.store.db import open_db
from shopwatch.ui import i18n, resources
from shopwatch.ui.controller import AppController
from shopwatch.ui.session import Session
profile = Path(sys.argv[1])
db = open_db(profile / DB_FILENAME)
translators = i18n.Translators(resources.cache_dir(profile))
controller = AppController(Session(profile, db, Settings()), translators, tray=False)
controller.start(show=True, schedule=False, welcome=False)
import time
deadline = time.monotonic() + 60
while not controller.warmed_up and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.005)
assert controller.warmed_up
for page in ("appeals", "notify_settings"):
    assert f"shopwatch.ui.pages.{page}" in sys.modules, f"the {page} page was not warmed"
assert set(controller.window.pages) == {"overview"}, controller.window.pages  # not built
assert imported_on == {"jinja2": False, "keyring": False, "shopwatch.appeals.draft": False,
                       "sqlite_utils": False}, imported_on
controller.quit()
"""


def test_the_drafting_and_keychain_libraries_load_off_the_gui_thread(demo_profile):
    """jinja2, the drafting code and keyring (150-250 ms) are imported on a pool thread after
    the first paint; the Appeals and notification settings pages then import quickly in idle
    turns. In a fresh interpreter, where nothing is imported yet."""
    done = subprocess.run([sys.executable, "-c", _WARM, str(demo_profile)], capture_output=True,
                          text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr[-3000:]
