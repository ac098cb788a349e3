"""Starting the desktop app: QApplication, look, language, one instance per profile, the
store, then the controller. Also the screenshot mode used for docs and tests.

``run(GuiOptions(...))`` is what ``shopwatch gui`` calls; it returns the process exit code."""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication

from shopwatch.config import db_path, load_settings, profile_dir
from shopwatch.store.db import CheckAhead, StoreCorrupt, StoreError, open_db
from shopwatch.store.migrations import SchemaTooNew
from shopwatch.ui import i18n, qt_fixes, resources, theme
from shopwatch.ui.controller import AppController
from shopwatch.ui.main_window import PAGE_KEYS
from shopwatch.ui.session import Session
from shopwatch.ui.single_instance import SingleInstance
from shopwatch.ui.workers import wait_idle

log = logging.getLogger(__name__)

SCREENSHOT_SIZE = (1280, 800)


@dataclass(slots=True)
class GuiOptions:
    data_dir: str | None = None
    demo: bool = False
    page: str | None = None
    screenshot: Path | None = None
    lang: str | None = None
    minimized: bool = False
    demo_days: int = field(default_factory=lambda: _demo().DEFAULT_DEMO_DAYS)
    shop: str | None = None
    demo_platform: str = "taobao"
    #: the profile's quick_check, started before the UI modules load (``shopwatch gui``)
    checked: CheckAhead | None = None


#: the CLI's exit code for a damaged profile (shopwatch.commands.problems)
EXIT_CORRUPT = 3


class StartupError(Exception):
    """The app cannot start; the message is for the user."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


#: how long a thread may keep Python's interpreter lock while another thread waits for it
#: (CPython's default is 5 ms). A sync's Python work runs on a background thread, and a paint
#: still calls into Python a hundred times or more (delegates, paint events, size hints), each
#: call waiting up to the whole interval for the lock: the longest block of the window during
#: a 20,000-listing sync was 155 ms at 5 ms in two of two runs, 38–131 ms over eighteen runs at
#: 0.1–0.5 ms, the sync no slower (``python -m benchmarks --only ui``). The hand-overs happen
#: only while the GUI thread waits; nothing changes while one thread runs Python.
GUI_SWITCH_INTERVAL_S = 0.0001


def share_interpreter_with_gui() -> None:
    """Let the GUI thread take the interpreter lock from a busy worker within 0.1 ms."""
    sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    share_interpreter_with_gui()
    qt_fixes.guard_bool_refcounts(app)  # before the first of many signal emits
    app.setApplicationName("shopwatch")
    app.setOrganizationName("shopwatch")
    app.setApplicationDisplayName("shopwatch")
    app.setWindowIcon(resources.app_icon())
    # The app lives on in the tray when its window closes; quitting is explicit.
    app.setQuitOnLastWindowClosed(False)
    if app.property("shopwatch-themed") is not True:  # re-polishing every widget is slow
        theme.apply(app)
        app.setProperty("shopwatch-themed", True)
    return app


#: first-generation threshold while the app runs: a sync allocates hundreds of thousands of
#: short-lived objects, and at Python's default (700) the full collections that follow stall
#: whichever thread triggers them, the GUI thread included, for 100 ms and more
GC_THRESHOLD = (20_000, 50, 1000)


def tune_gc() -> None:
    """After start-up (the first paint): move what the app built so far out of the
    collector's way (``gc.freeze``) and collect less often. Reference counting still frees nearly everything
    at once; only cycles wait a little longer."""
    import gc

    from PySide6.QtWidgets import QApplication

    from shopwatch.ui.gc_thread import collect_in_gui_thread
    from shopwatch.ui.workers import tasks_in_flight

    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)
    app = QApplication.instance()
    if app is not None:  # cycles holding Qt objects must die in the GUI thread
        collect_in_gui_thread(app, GC_THRESHOLD, busy=lambda: tasks_in_flight() > 0)


def open_store(profile: Path, *, ask: bool = True, backup: bool = False,
               checked: CheckAhead | None = None):
    """The profile's database, quick-checked. A damaged file is offered a restore from its
    newest good backup (``ask``: a dialog; without one it stays refused). The daily backup
    (a copy of the whole file and its integrity check: most of a second for a large profile)
    is not made here, on the way to the first paint: the controller makes it on a pool thread
    once the window is up (``AppController.backup_soon``), and every sync job checks it too."""
    path = db_path(profile)
    try:
        return open_db(path, verify=True, backup=backup, checked=checked)
    except SchemaTooNew as exc:
        raise StartupError(str(exc)) from exc
    except StoreCorrupt as exc:
        from shopwatch.ui.dialogs.damaged_profile import DamagedProfileDialog

        if ask:
            dialog = DamagedProfileDialog(path, exc)
            if dialog.exec() and dialog.restored is not None:
                return open_store(profile, ask=False, backup=backup)
        raise StartupError(str(exc), EXIT_CORRUPT) from exc
    except StoreError as exc:
        from shopwatch.ui.dialogs.damaged_profile import problem_text

        raise StartupError(problem_text(exc)) from exc


def run(options: GuiOptions) -> int:
    if options.page is not None and options.page not in PAGE_KEYS:
        print(f"shopwatch: unknown page '{options.page}' (one of {', '.join(PAGE_KEYS)})",
              file=sys.stderr)
        return 2
    if options.screenshot is not None:
        # A screenshot never needs a screen; offscreen also keeps a desktop session quiet.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    profile = profile_dir(options.data_dir)
    app = application()
    from shopwatch.ui.gc_thread import collect_in_gui_thread

    # from the first pool thread on, cyclic garbage holding Qt objects dies in this thread
    collect_in_gui_thread(app)
    settings = load_settings(profile)
    translators = i18n.Translators(resources.cache_dir(profile))
    translators.apply(i18n.resolve_language(options.lang or settings.language))

    instance = None
    if options.screenshot is None:
        instance = SingleInstance(profile)
        if not instance.claim():
            print("shopwatch is already running for this profile; its window was brought to "
                  "the front.", file=sys.stderr)
            return 0

    try:
        db = open_store(profile, ask=options.screenshot is None, checked=options.checked)
        amazon_demo = options.demo and options.demo_platform == "amazon"
        if (options.demo and not amazon_demo and options.screenshot is not None
                and _demo().demo_needs_setup(db)):
            from shopwatch.monitor.service import prepare_demo

            prepare_demo(db, days=options.demo_days, settings=settings.detection)
        if amazon_demo and options.screenshot is not None and _amazon_demo(db) is None:
            from shopwatch.monitor.service import prepare_amazon_demo

            prepare_amazon_demo(db, days=options.demo_days, settings=settings.detection)
    except StartupError as exc:
        if options.screenshot is None and exc.code != EXIT_CORRUPT:  # damage had its dialog
            from PySide6.QtWidgets import QMessageBox  # its enums cost the first paint ~2 ms

            QMessageBox.critical(None, QCoreApplication.translate("App", "shopwatch cannot start"),
                                 str(exc))
        print(f"shopwatch: {exc}", file=sys.stderr)
        return exc.code

    session = Session(profile, db, settings)
    if amazon_demo and (shop := _amazon_demo(db)) is not None or options.demo and (shop := _demo().demo_shop(db)) is not None:
        session.reload_shops(select=shop.id)
    if options.shop:
        chosen = next((s for s in session.shops if s.name == options.shop), None)
        if chosen is None:
            print(f"shopwatch: no shop named {options.shop!r}; showing "
                  f"{session.shop.name if session.shop else 'none'}", file=sys.stderr)
        else:
            session.reload_shops(select=chosen.id)
    tray = options.screenshot is None and not os.environ.get("SHOPWATCH_NO_TRAY")
    controller = AppController(session, translators, tray=tray)

    if options.screenshot is not None:
        return screenshot(controller, options.page or "overview", options.screenshot)

    if instance is not None:
        instance.activated.connect(controller.window.bring_to_front)
    controller.start(show=not options.minimized, welcome=not options.demo)
    if amazon_demo and _amazon_demo(db) is None:
        controller.start_amazon_demo(options.demo_days)
    elif options.demo and not amazon_demo and _demo().demo_needs_setup(db):
        controller.start_demo(options.demo_days)
    if options.page in PAGE_KEYS:
        controller.window.show_page(options.page)
    _log_first_paint(controller, started)
    if options.minimized:  # no paint to wait for
        tune_gc()
    else:  # its full collection is not on the way to the first paint
        controller.window.first_painted.connect(tune_gc)
    code = app.exec()
    if instance is not None:
        instance.release()
    db.close()
    return code


class _FirstPaint(QObject):
    """Notes when the main window first paints (``shopwatch.ui.benchmark`` reads the line;
    with SHOPWATCH_BENCH_FIRST_PAINT=1 the app then quits, for the launch benchmark)."""

    def __init__(self, controller: AppController, started: float) -> None:
        super().__init__(controller)
        self.controller, self.started = controller, started
        controller.window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            ms = (time.perf_counter() - self.started) * 1000
            log.info("first window painted %.0f ms after start-up began", ms)
            if os.environ.get("SHOPWATCH_BENCH_FIRST_PAINT"):
                print(f"first-paint {ms:.1f} ms", file=sys.stderr, flush=True)
                QTimer.singleShot(0, self.controller.quit)
        return False


def _log_first_paint(controller: AppController, started: float) -> None:
    _FirstPaint(controller, started)


def settle(ms: int = 250) -> None:
    """Let layouts, deferred deletes and queued signals run (no busy waiting)."""
    timer = QElapsedTimer()
    timer.start()
    loop = QEventLoop()
    while timer.elapsed() < ms:
        QTimer.singleShot(20, loop.quit)
        loop.exec()


def _demo():
    """The demo's set-up module, loaded only when the demo is asked for."""
    from shopwatch.demo import setup

    return setup


def _amazon_demo(db):
    from shopwatch.demo.amazon_runtime import AMAZON_DEMO_SHOP
    from shopwatch.store import queries

    return queries.get_shop(db, AMAZON_DEMO_SHOP)


def screenshot(controller: AppController, page: str, target: Path) -> int:
    """Show ``page`` of the main window at a fixed size, save it as a PNG, and exit."""
    controller.start(show=False, schedule=False, welcome=False)
    window = controller.window
    window.resize(*SCREENSHOT_SIZE)
    window.show_page(page)
    window.show()
    settle()
    wait_idle(10_000)  # the pages' reads arrive from the read threads
    settle(50)
    image = window.grab()
    controller.quit()
    window.deleteLater()
    controller.deleteLater()
    settle(20)  # run the deferred deletes (matters when called repeatedly in one process)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if image.isNull() or not image.save(str(target), "PNG"):
        print(f"shopwatch: could not write {target}", file=sys.stderr)
        return 1
    print(f"{target}: {page}, {image.width()}×{image.height()}", file=sys.stderr)
    return 0
