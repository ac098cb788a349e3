"""The import dialogs inside the running app: "Import file…" on the Listings page and in
Settings → Shops, "Paste notice…" on Notices & points, a shop without an API key from the
welcome dialog. Their work runs on the app's JobRunner (never the GUI thread) and the pages
show the result afterwards."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from shopwatch.store import queries
from shopwatch.timeutil import iso, now_utc
from shopwatch.ui.dialogs.file_shop import FileShopDialog
from shopwatch.ui.dialogs.imports import ImportFileDialog, ImportJob, PasteNoticeDialog
from shopwatch.ui.dialogs.welcome import FILE, WelcomeDialog
from shopwatch.ui.workers import wait_idle

NOTICE = ("您的商品「围巾3」（ID: 600123400003）因涉嫌虚假交易被删除，扣除一般违规积分12分。"
          "如有异议请于2026-11-26 18:00前申诉。")


def export(path: Path, n: int) -> Path:
    rows = "".join(f"6001234{i:05d},围巾{i},128.00,5,出售中\r\n" for i in range(n))
    path.write_bytes(("宝贝导出\r\n宝贝ID,宝贝标题,价格,库存,状态\r\n" + rows).encode("gbk"))
    return path


def file_shop(controller, name: str = "my shop", settings: dict | None = None):
    session = controller.session
    shop = queries.add_shop(session.db, name, "file", now=iso(now_utc()), settings=settings)
    session.reload_shops(select=shop.id)
    return shop


def open_dialog(window, kind: type):
    dialogs = [d for d in window.findChildren(kind) if d.isVisible()]
    assert len(dialogs) == 1, dialogs
    return dialogs[0]


def test_import_file_from_the_listings_page_runs_on_the_app_runner(qtbot, controller,
                                                                   tmp_path):
    window = controller.window
    window.show()
    shop = file_shop(controller)
    window.show_page("listings")
    page = window.pages["listings"]
    assert page.import_button.isVisible()
    page.import_button.click()
    dialog = open_dialog(window, ImportFileDialog)
    assert dialog.shop.id == shop.id and dialog.runner() is controller.runner
    dialog.path_edit.setText(str(export(tmp_path / "items.csv", 12)))
    dialog.reload()
    threads = []
    controller.runner.started.connect(lambda job: threads.append(threading.get_ident()))
    with qtbot.waitSignal(controller.runner.finished, timeout=30_000) as done:
        dialog.import_button.click()
        assert controller.runner.busy  # queued on the app's runner, not run here
        assert window.syncbar.activity.text() == "Importing into my shop…"
    job, result = done.args
    assert isinstance(job, ImportJob) and result.ok and result.listings == 12
    assert dialog.result is result and "12 listings" in dialog.how.text()
    # the page shows the import without being asked
    qtbot.waitUntil(lambda: not page.model.loading, timeout=10_000)
    assert page.model.rowCount() == 12
    # the count is read apart from the keys (another reader): it arrives on its own
    qtbot.waitUntil(lambda: page.header.subtitle.text() == "12 listings in the shop",
                    timeout=10_000)
    assert window.syncbar.last.text().startswith("Last sync")
    dialog.close()


def test_an_import_waits_for_a_running_sync_of_the_app(qtbot, controller, tmp_path):
    window = controller.window
    shop = file_shop(controller)
    demo = next(s for s in controller.session.shops if s.platform == "demo")
    order = []
    controller.runner.started.connect(lambda job: order.append(job.key))
    dialog = controller.imports.import_file(shop.id, export(tmp_path / "items.csv", 5))
    assert dialog is not None
    with qtbot.waitSignals([controller.runner.finished] * 2, timeout=60_000):
        assert controller.sync_shop(demo.id)
        dialog.import_button.click()
        assert dialog.how.text() == "Waiting for the sync under way to finish…"
    assert order == [f"sync:{demo.id}", f"import:{shop.id}"]
    assert dialog.result.ok
    window.close()


def test_paste_a_notice_from_the_notices_page(qtbot, controller):
    window = controller.window
    window.show()
    shop = file_shop(controller)
    window.show_page("notices")
    page = window.pages["notices"]
    assert page.model.rowCount() == 0
    page.paste_button.click()
    dialog = open_dialog(window, PasteNoticeDialog)
    assert dialog.shop.id == shop.id
    dialog.text.setPlainText(NOTICE)
    dialog.read()
    with qtbot.waitSignal(controller.runner.finished, timeout=30_000) as done:
        dialog.store_button.click()
    assert done.args[1].ok and done.args[1].notices == 1
    assert not dialog.isVisible()  # stored: the dialog closed itself
    assert wait_idle()  # the page reads its notices off the GUI thread
    assert page.model.rowCount() == 1
    assert "1 notice" in page.header.subtitle.text()
    # the new penalty is announced like one from a sync (no tray here: in the window)
    assert window.note_banner.isVisible()


def test_import_and_edit_a_file_shop_from_settings(qtbot, controller, tmp_path, monkeypatch):
    window = controller.window
    window.show()
    shop = file_shop(controller, "file shop")
    window.show_page("settings")
    page = window.pages["settings"]
    assert wait_idle()  # the shop list reads each shop's last run off the GUI thread
    row = next(i for i in range(page.shop_list.count())
               if page.shop_list.item(i).data(Qt.ItemDataRole.UserRole) == shop.id)
    page.shop_list.setCurrentRow(row)
    assert page.edit_button.isEnabled() and page.import_button.isEnabled()
    page.import_button.click()
    dialog = open_dialog(window, ImportFileDialog)
    assert dialog.shop.id == shop.id
    dialog.close()

    watch = tmp_path / "exports"
    watch.mkdir()

    def fill_and_save(editor):
        assert isinstance(editor, FileShopDialog) and editor.shop.id == shop.id
        editor.watch.setText(str(watch))
        editor.save()
        return editor.result()

    monkeypatch.setattr(FileShopDialog, "exec", fill_and_save)
    page.edit_shop()
    assert wait_idle()
    stored = queries.get_shop_by_id(controller.session.db, shop.id)
    assert stored.settings["file"]["watch"] == str(watch.resolve())
    texts = [label.text() for label in page.shop_list.findChildren(QLabel)]
    assert any(t.startswith(f"Export files · watching {watch.resolve()}") for t in texts), texts


def test_a_watched_file_shop_syncs_only_when_a_newer_export_appears(qtbot, controller,
                                                                    tmp_path):
    watch = tmp_path / "exports"
    watch.mkdir()
    export(watch / "items.csv", 8)
    shop = file_shop(controller, settings={"file": {"watch": str(watch)}})
    runs = lambda: queries.recent_runs(controller.session.db, shop.id, limit=10)  # noqa: E731
    with qtbot.waitSignal(controller.runner.finished, timeout=30_000) as first:
        controller.sync_current()
    assert first.args[1].status == "ok" and first.args[1].listings == 8
    assert len(runs()) == 1
    with qtbot.waitSignal(controller.runner.finished, timeout=30_000) as second:
        controller.sync_current()
    assert second.args[1].status == "unchanged"  # nothing newer: no run, no error
    assert len(runs()) == 1
    assert not controller.window.error_banner.isVisible()
    plan = controller.scheduler.next_plan(shop.id)
    assert plan is not None and plan.reason == "due"  # an interval on, not "now" again


def test_a_file_shop_without_a_watch_folder_is_never_synced_in_a_loop(qtbot, controller):
    shop = file_shop(controller)
    controller.scheduler.plan(shop.id)
    assert controller.scheduler.next_plan(shop.id).reason == "first_sync"
    controller._on_due(shop.id)  # the scheduler says it is due
    assert not controller.runner.busy
    assert controller.scheduler.next_plan(shop.id).reason == "due"
    controller.update_status()
    assert controller.window.syncbar.next.text() == "Updated by importing export files"
    # Sync now on such a shop opens the import dialog instead
    assert controller.sync_current()
    assert open_dialog(controller.window, ImportFileDialog).shop.id == shop.id


def test_the_welcome_dialog_offers_a_shop_without_an_api_key(qtbot, qapp, english):
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    assert dialog.file_button.text() == "I have no API key: import an export file"
    dialog.file_button.click()
    assert dialog.choice == FILE and dialog.result() == WelcomeDialog.DialogCode.Accepted


def test_no_api_key_at_first_run_creates_a_file_shop_and_opens_the_import(
        qtbot, empty_session, qm_cache, monkeypatch):
    from shopwatch.ui import i18n
    from shopwatch.ui.controller import AppController

    def choose_file(dialog):
        dialog.choice = FILE
        return 1

    monkeypatch.setattr(WelcomeDialog, "exec", choose_file)
    ctrl = AppController(empty_session, i18n.Translators(qm_cache), tray=False)
    qtbot.addWidget(ctrl.window)
    try:
        ctrl.start(schedule=False, welcome=False)
        assert ctrl.first_run() == FILE
        shop_dialog = open_dialog(ctrl.window, FileShopDialog)
        shop_dialog.save()
        assert "name" in shop_dialog.error.text()  # a name is needed
        shop_dialog.name.setText("My Taobao shop")
        shop_dialog.save()
        shop = empty_session.shop
        assert shop is not None and (shop.name, shop.platform) == ("My Taobao shop", "file")
        assert ctrl.window.current == "listings"
        assert open_dialog(ctrl.window, ImportFileDialog).shop.id == shop.id
    finally:
        ctrl.scheduler.shutdown()
        ctrl.runner.shutdown(10_000)


def test_the_overview_of_an_empty_profile_offers_the_export_file_path(qtbot, empty_session,
                                                                     qm_cache):
    from shopwatch.ui import i18n
    from shopwatch.ui.controller import AppController

    ctrl = AppController(empty_session, i18n.Translators(qm_cache), tray=False)
    qtbot.addWidget(ctrl.window)
    try:
        with qtbot.waitSignal(ctrl.window.file_shop_requested):
            buttons = [b for b in ctrl.window.pages["overview"].findChildren(QPushButton)
                       if b.text() == "Import an export file"]
            buttons[0].click()
        assert open_dialog(ctrl.window, FileShopDialog).shop is None
    finally:
        ctrl.scheduler.shutdown()
        ctrl.runner.shutdown(10_000)
