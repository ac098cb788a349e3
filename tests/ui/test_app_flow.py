"""The running app end to end: Sync now with progress and cancel, a failing sync shown as a
plain message while the window keeps working, new alerts announced in the window when there
is no tray, and the first-run welcome."""

from __future__ import annotations

from shopwatch.store import queries
from shopwatch.timeutil import iso, now_utc
from shopwatch.ui.dialogs.welcome import CONNECT, DEMO, WelcomeDialog


def test_sync_now_shows_progress_then_the_result(qtbot, controller):
    window, bar = controller.window, controller.window.syncbar
    window.show()
    runs_before = len(queries.recent_runs(controller.session.db, controller.session.shop_id))
    steps = []
    controller.runner.progress.connect(lambda *_: steps.append(bar.activity.text()))
    with qtbot.waitSignal(controller.runner.finished, timeout=60_000):
        bar.sync.click()
        assert bar.progress.isVisible() and bar.cancel.isVisible() and not bar.sync.isVisible()
    assert any("page" in s for s in steps), steps  # "3 pages fetched, 600 listings"
    assert not bar.progress.isVisible() and bar.sync.isVisible()
    assert bar.last.text().startswith("Last sync")
    assert "failed" not in bar.last.text()
    runs = queries.recent_runs(controller.session.db, controller.session.shop_id)
    assert len(runs) == runs_before + 1
    assert controller.scheduler.next_plan(controller.session.shop_id) is not None


def test_cancel_from_the_status_bar(qtbot, controller):
    bar = controller.window.syncbar
    controller.window.show()
    with qtbot.waitSignal(controller.runner.finished, timeout=60_000) as blocker:
        controller.sync_current()
        bar.cancel.click()
    assert blocker.args[1].status == "cancelled"
    assert not controller.window.error_banner.isVisible()  # cancelling is not an error
    assert bar.sync.isVisible()


def test_a_failing_sync_shows_a_plain_message_and_the_window_keeps_working(
        qtbot, controller, memory_keyring):
    session = controller.session
    broken = queries.add_shop(session.db, "my shop", "taobao", now=iso(now_utc()),
                              endpoint="http://127.0.0.1:9/router/rest", app_key="k")
    session.reload_shops(select=broken.id)
    controller.window.show()
    with qtbot.waitSignal(controller.runner.finished, timeout=60_000):
        controller.sync_current()
    banner = controller.window.error_banner
    assert banner.isVisible()
    assert banner.heading.text() == "The sync of “my shop” failed"
    assert "not fully set up" in banner.text.text()  # a sentence, not a traceback
    assert "Traceback" not in banner.text.text()
    assert "not fully set up" in controller.window.syncbar.last.text()
    # the window still works: pages switch and show the other shop's data
    demo = next(s for s in session.shops if s.platform == "demo")
    session.select_shop(demo.id)
    controller.window.show_page("listings")
    qtbot.waitUntil(lambda: controller.window.pages["listings"].model.rowCount() > 0,
                    timeout=10_000)
    banner.close_button.click()
    assert not banner.isVisible()


def test_new_alerts_are_announced_in_the_window_without_a_tray(qtbot, controller):
    assert not controller.tray.available
    window = controller.window
    window.show()
    controller.session.settings.notifications = True
    with qtbot.waitSignal(controller.runner.finished, timeout=60_000) as blocker:
        controller.sync_current()  # the demo moves a day on: the campaign raises alerts
    outcome = blocker.args[1]
    important = [a for a in outcome.alerts if a.severity in ("critical", "warning")]
    assert important  # the seeded campaign is under way on this simulated day
    assert window.note_banner.isVisible()
    assert window.note_banner.heading.text()
    window.note_banner.action.click()
    assert window.current == "alerts"


def test_the_welcome_dialog_offers_demo_and_connect(qtbot, qapp, english):
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    dialog.demo_button.click()
    assert dialog.choice == DEMO and dialog.result() == WelcomeDialog.DialogCode.Accepted
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    dialog.connect_choice.clicked.emit()
    assert dialog.choice == CONNECT


def test_the_welcome_dialog_offers_both_marketplaces(qtbot, qapp, english, tmp_path):
    """Issue 17: "Connect my Amazon account" and the demo Amazon seller account, which the
    set-up job makes and syncs for a week through SP-API on 127.0.0.1."""
    from shopwatch.demo.amazon_runtime import AMAZON_DEMO_SHOP
    from shopwatch.store import queries
    from shopwatch.store.db import open_db
    from shopwatch.ui.dialogs.welcome import CONNECT_AMAZON, DEMO_AMAZON
    from shopwatch.ui.jobs import DemoSetupJob

    for button, choice in (("amazon_button", CONNECT_AMAZON),
                           ("amazon_demo_button", DEMO_AMAZON)):
        dialog = WelcomeDialog()
        qtbot.addWidget(dialog)
        getattr(dialog, button).click()
        assert dialog.choice == choice
    path = tmp_path / "shopwatch.db"
    open_db(path).close()
    steps = []
    outcome = DemoSetupJob(path, 2, amazon=True).run(lambda *a: steps.append(a), lambda: False)
    assert outcome.status == "ok", outcome.error
    assert outcome.shop_name == AMAZON_DEMO_SHOP and outcome.listings > 0
    assert len(steps) == 4  # one per simulated day, then done
    db = open_db(path)
    assert queries.get_shop(db, AMAZON_DEMO_SHOP).platform == "amazon"
    db.close()


def test_the_demo_chosen_at_first_run_opens_apart_from_the_sellers_profile(
        qtbot, empty_session, qm_cache, monkeypatch):
    """Issue 13: the welcome's "Try the demo shop" never puts the demo shop into the seller's
    own profile (their syncs, digests and channels would see it): the demo opens in a window
    of its own on the demo profile folder, like 'shopwatch gui --demo'."""
    from PySide6.QtCore import QProcess

    from shopwatch.config import is_demo_profile
    from shopwatch.ui import i18n
    from shopwatch.ui.controller import AppController

    def choose_demo(dialog):
        dialog.choice = DEMO
        return 1

    started = []
    monkeypatch.setattr(WelcomeDialog, "exec", choose_demo)
    monkeypatch.setattr(QProcess, "startDetached",
                        staticmethod(lambda program, args: started.append([program, *args])
                                     or True))
    ctrl = AppController(empty_session, i18n.Translators(qm_cache), tray=False)
    qtbot.addWidget(ctrl.window)
    try:
        ctrl.start(schedule=False, welcome=False)
        assert ctrl.first_run() == DEMO
        assert queries.list_shops(empty_session.db) == []
        assert len(started) == 1
        assert started[0][-4:] == ["--data-dir", str(empty_session.profile), "gui", "--demo"]
        assert is_demo_profile(empty_session.profile / "demo")
    finally:
        ctrl.scheduler.shutdown()
        ctrl.runner.shutdown(10_000)


def test_first_run_with_the_demo_prepares_a_week_of_history(qtbot, empty_session, qm_cache,
                                                            monkeypatch):
    """In the demo's own profile (what 'gui --demo' opens), the demo shop is set up there."""
    from shopwatch.config import DEMO_MARKER
    from shopwatch.ui import i18n
    from shopwatch.ui.controller import AppController

    def choose_demo(dialog):
        dialog.choice = DEMO
        return 1

    (empty_session.profile / DEMO_MARKER).touch()
    monkeypatch.setattr(WelcomeDialog, "exec", choose_demo)
    ctrl = AppController(empty_session, i18n.Translators(qm_cache), tray=False)
    qtbot.addWidget(ctrl.window)
    try:
        with qtbot.waitSignal(ctrl.runner.finished, timeout=120_000):
            ctrl.start(schedule=False, welcome=False)
            assert ctrl.first_run() == DEMO
        shop = empty_session.shop
        assert shop is not None and shop.platform == "demo"
        assert queries.last_run(empty_session.db, shop.id, status="ok") is not None
        assert ctrl.window.current == "overview"
        assert ctrl.window.pages["overview"].stack.currentIndex() == 1
        assert "simulated day 7" in ctrl.window.syncbar.last.text()
    finally:
        ctrl.scheduler.shutdown()
        ctrl.runner.shutdown(10_000)


def test_pausing_from_the_tray_menu(qtbot, controller):
    controller.start(show=False, schedule=True, welcome=False)
    controller.tray.pause_action.trigger()
    assert controller.scheduler.paused
    assert controller.window.syncbar.next.text() == "Syncing paused"
    controller.tray.pause_action.trigger()
    assert not controller.scheduler.paused


def test_closing_the_window_keeps_the_app_in_the_tray(qtbot, session):
    from shopwatch.ui.main_window import MainWindow

    window = MainWindow(session)
    qtbot.addWidget(window)
    window.close_to_tray = lambda: True
    window.show()
    quits = []
    window.quit_requested.connect(lambda: quits.append(True))
    with qtbot.waitSignal(window.hidden_to_tray):
        window.close()
    assert not window.isVisible() and quits == []
    window.close_to_tray = lambda: False  # e.g. no tray on this desktop: closing quits
    window.show()
    window.close()
    assert quits == [True]


def test_start_at_login_writes_and_removes_the_login_entry(qtbot, session, tmp_path,
                                                           monkeypatch):
    import sys

    from shopwatch import autostart
    from shopwatch.config import load_settings
    from shopwatch.ui.main_window import MainWindow

    if sys.platform in ("win32", "darwin"):
        return  # the entry lives in the registry / LaunchAgents: covered by packaging tests
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("HOME", str(tmp_path))
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show_page("settings")
    page = window.pages["settings"]
    page.login.setChecked(True)
    entry = autostart.xdg_autostart_path()
    assert entry.exists() and "--minimized" in entry.read_text(encoding="utf-8")
    assert str(session.profile) in entry.read_text(encoding="utf-8")
    assert load_settings(session.profile).start_at_login is True
    page.login.setChecked(False)
    assert not entry.exists()
