"""Each page over the synced demo shop: what it shows agrees with the store, its actions do
what they say (acknowledge, open a listing, set a notice's status, save settings)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from shopwatch.config import load_settings
from shopwatch.credentials import APP_SECRET, SESSION, get_secret
from shopwatch.store import queries
from shopwatch.ui.main_window import PAGE_KEYS, MainWindow
from shopwatch.ui.workers import wait_idle


def window_for(session, qtbot) -> MainWindow:
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    return window


def settle() -> None:
    """Pages read their models off the GUI thread: let every answer arrive."""
    assert wait_idle(10_000)


def wait_for_keys(qtbot, page) -> None:
    """The listings table reads its keys on a background thread."""
    qtbot.waitUntil(lambda: not page.model.loading, timeout=10_000)


def test_every_page_opens_on_the_demo_shop(qtbot, session):
    window = window_for(session, qtbot)
    for key in PAGE_KEYS:
        window.show_page(key)
        assert window.stack.currentWidget() is window.pages[key]
        assert window.current == key


def test_overview_counts_match_the_store(qtbot, session):
    window = window_for(session, qtbot)
    page = window.pages["overview"]
    page.refresh()
    settle()
    counts = queries.count_by_status(session.db, session.shop_id)
    assert page.cards["active"].value.text() == f"{counts['active']:,}"
    assert page.cards["violation"].value.text() == str(counts.get("violation_off_shelf", 0))
    assert page.chart.points, "the chart has days to show"
    assert page.alert_rows.count() > 0
    assert page.gauges["general"][1].thresholds == (12, 24, 36, 48)


def test_overview_cards_open_the_listings_page_filtered(qtbot, session):
    window = window_for(session, qtbot)
    window.pages["overview"].cards["violation"].clicked.emit()
    assert window.current == "listings"
    listings = window.pages["listings"]
    wait_for_keys(qtbot, listings)
    model = listings.model
    assert model.rowCount() == queries.count_by_status(session.db, session.shop_id).get(
        "violation_off_shelf", 0)
    assert {model.listing(r).status for r in range(model.rowCount())} == {"violation_off_shelf"}


def test_listings_search_is_debounced_then_filters(qtbot, session):
    window = window_for(session, qtbot)
    window.show_page("listings")
    page = window.pages["listings"]
    wait_for_keys(qtbot, page)
    total = page.model.rowCount()
    page.search.setText("真丝")
    assert page.model.rowCount() == total  # nothing runs per keystroke …
    qtbot.waitUntil(lambda: page.model.rowCount() < total, timeout=3000)  # … until a pause
    assert all("真丝" in page.model.listing(r).title for r in range(page.model.rowCount()))
    assert page.detail.listing is not None  # the first match is shown in the detail pane


def test_opening_a_listing_selects_it_and_shows_its_history(qtbot, session):
    window = window_for(session, qtbot)
    deleted = queries.list_listings(session.db, shop_id=session.shop_id, status="deleted")[0]
    window.open_listing(deleted.listing_id)
    page = window.pages["listings"]
    qtbot.waitUntil(lambda: page.detail.listing is not None
                    and page.detail.listing.listing_id == deleted.listing_id, timeout=10_000)
    settle()
    assert page.detail.details.history_list.count() >= 2  # first seen, then deleted
    assert page.detail.details.status_badge.text() == "Deleted"


def test_the_timeline_tab_tells_the_listings_story_from_the_ledger(qtbot, session):
    """Issue 18: the listing's versions, status changes (with the source's words), the records
    the ledger kept, its alerts — newest first, in the UI language, read when the tab shows."""
    window = window_for(session, qtbot)
    deleted = queries.list_listings(session.db, shop_id=session.shop_id, status="deleted")[0]
    window.open_listing(deleted.listing_id)
    page = window.pages["listings"]
    qtbot.waitUntil(lambda: page.detail.listing is not None
                    and page.detail.listing.listing_id == deleted.listing_id, timeout=10_000)
    timeline = page.detail.timeline
    assert timeline.timeline is None  # not read while its tab is hidden
    with qtbot.waitSignal(timeline.loaded, timeout=10_000):
        page.detail.setCurrentWidget(timeline)
    kinds = [kind for kind, _when, _text in timeline.rows]
    texts = [text for _kind, _when, text in timeline.rows]
    assert texts[0] in timeline.view.toPlainText()
    assert {"version", "status", "record", "alert"} <= set(kinds)
    assert "traffic" not in kinds  # traffic days only on request
    assert any(t.startswith("Status: ") and "Deleted" in t for t in texts)
    # newest first: the deletion comes before the first sighting
    first_seen = next(i for i, t in enumerate(texts) if "first seen" in t)
    gone = next(i for i, t in enumerate(texts) if t.startswith("Status: ") and "Deleted" in t)
    assert gone < first_seen
    timeline.traffic_box.setChecked(True)
    assert "traffic" in {kind for kind, _when, _text in timeline.rows}


def test_acknowledging_one_alert_and_all_shown(qtbot, session):
    window = window_for(session, qtbot)
    window.show_page("alerts")
    page = window.pages["alerts"]
    settle()
    unread = queries.count_open_alerts(session.db, shop_id=session.shop_id)
    assert page.proxy.rowCount() == unread > 0
    first = page.selected_alerts()[0]
    assert page.acknowledge_selected() == 1
    settle()
    assert queries.count_open_alerts(session.db, shop_id=session.shop_id) == unread - 1
    assert first.id not in {a.id for a in page.model.alerts}  # acknowledged ones are hidden
    # bulk: only what the filter shows
    page.kind.setCurrentIndex(page.kind.findData("deleted"))
    shown = page.proxy.rowCount()
    assert shown > 0
    assert page.acknowledge_shown() == shown
    settle()
    assert queries.list_alerts(session.db, shop_id=session.shop_id, kind="deleted") == []
    assert queries.count_open_alerts(session.db, shop_id=session.shop_id) == unread - 1 - shown
    page.show_done.setChecked(True)
    settle()
    assert page.model.row_of(first.id) >= 0
    assert not page.table.isColumnHidden(4)


def test_alert_actions_open_the_listing_and_draft_an_appeal(qtbot, session):
    window = window_for(session, qtbot)
    page = window.pages["alerts"]
    penalty = queries.list_alerts(session.db, shop_id=session.shop_id, kind="new_penalty")[0]
    window.open_alert(penalty.id)
    settle()
    assert [a.id for a in page.selected_alerts()] == [penalty.id]
    assert "What to do next" not in page.detail_next.text()
    assert page.detail_next.text()
    if window._appeals_available():
        assert page.appeal.isEnabled()
        with qtbot.waitSignal(page.draft_appeal) as blocker:
            page.appeal.click()
        assert blocker.args == [penalty.notice_id]
        assert window.current == "appeals"
    else:
        assert not page.appeal.isEnabled() and page.appeal.toolTip()
    window.open_alert(penalty.id)
    settle()
    if penalty.listing_id:
        page.open_button.click()
        assert window.current == "listings"


def test_draft_appeal_is_disabled_with_a_reason_when_there_is_no_notice(qtbot, session):
    window = window_for(session, qtbot)
    page = window.pages["alerts"]
    window.show_page("alerts")
    settle()
    demoted = queries.list_alerts(session.db, shop_id=session.shop_id, kind="demoted")
    target = next((a for a in demoted if not page.notice_for(a)), None)
    if target is None:
        return  # every demoted listing of this seed also has a notice
    window.open_alert(target.id)
    settle()
    assert not page.appeal.isEnabled()
    assert page.appeal.toolTip()


def test_notices_ledger_and_status_change(qtbot, session):
    window = window_for(session, qtbot)
    window.show_page("notices")
    page = window.pages["notices"]
    settle()
    notices = queries.list_notices(session.db, shop_id=session.shop_id)
    assert page.proxy.rowCount() == len(notices)
    with_points = next(n for n in notices if n.points and n.category == "general")
    page.select_notice(with_points.id)
    assert page.current_notice().id == with_points.id
    before = int(page.ledger_cards["general"].total.text())
    page.set_status("revoked")  # a revoked notice gives its points back
    settle()
    assert queries.get_notice(session.db, with_points.id).status == "revoked"
    assert int(page.ledger_cards["general"].total.text()) == before - with_points.points


def test_settings_save_as_they_change(qtbot, session):
    window = window_for(session, qtbot)
    window.show_page("settings")
    page = window.pages["settings"]
    with qtbot.waitSignal(window.interval_changed) as blocker:
        page.interval.setValue(60)
        page.interval.editingFinished.emit()
    assert blocker.args == [60]
    assert load_settings(session.profile).sync_interval_minutes == 60
    page.detection.widgets["points_warn_within"].setValue(6)
    assert load_settings(session.profile).detection.points_warn_within == 6
    page.notify.setChecked(False)
    assert load_settings(session.profile).notifications is False
    with qtbot.waitSignal(window.language_changed) as blocker:
        page.language.setCurrentIndex(page.language.findData("zh_CN"))
        page.language.activated.emit(page.language.currentIndex())
    assert blocker.args == ["zh_CN"]
    assert load_settings(session.profile).language == "zh_CN"


def test_adding_a_shop_stores_its_secrets_in_the_keychain(qtbot, session, memory_keyring):
    from shopwatch.ui.dialogs.shop_editor import ShopEditor

    editor = ShopEditor(session.writes)
    qtbot.addWidget(editor)
    editor.save()
    assert editor.error.text() == "Give the shop a name."
    editor.name.setText("My shop")
    editor.app_key.setText("12345")
    editor.secret.setText("s3cret")
    editor.session_key.setText("sess")
    editor.save()
    shop = queries.get_shop(session.db, "My shop")
    assert shop is not None and shop.app_key == "12345" and shop.platform == "taobao"
    assert get_secret("My shop", APP_SECRET).value == "s3cret"
    assert get_secret("My shop", SESSION).value == "sess"
    assert "s3cret" not in str(shop)


def test_removing_a_shop_removes_its_history(qtbot, session, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    window = window_for(session, qtbot)
    window.show_page("settings")
    page = window.pages["settings"]
    settle()
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    page.shop_list.setCurrentRow(0)
    with qtbot.waitSignal(page.shops_edited):
        page.remove_button.click()
    assert queries.list_shops(session.db) == []
    window.show_page("overview")  # pages refresh when shown
    settle()
    assert window.pages["overview"].stack.currentIndex() == 0  # the empty state


def test_pages_show_empty_states_without_a_shop(qtbot, empty_session):
    window = window_for(empty_session, qtbot)
    for key in PAGE_KEYS:
        window.show_page(key)
    settle()
    assert window.pages["overview"].stack.currentIndex() == 0
    assert window.pages["listings"].body.currentIndex() == 0
    assert window.pages["alerts"].model.rowCount() == 0


def test_the_sidebar_counts_unread_important_alerts(qtbot, controller):
    controller.update_unread()
    settle()
    item = controller.window.sidebar.nav.item(2)
    assert item.data(Qt.ItemDataRole.UserRole + 10) == controller.session.unread_alerts() > 0


def test_changing_the_status_filter_runs_the_key_query_once(qtbot, session, monkeypatch):
    window = window_for(session, qtbot)
    window.show_page("listings")
    page = window.pages["listings"]
    wait_for_keys(qtbot, page)
    reloads = []
    original = page.model.reload
    monkeypatch.setattr(page.model, "reload", lambda: (reloads.append(1), original())[1])
    page.set_status_filter("violation")  # a new filter: one query
    wait_for_keys(qtbot, page)
    assert len(reloads) == 1
    page.set_status_filter("violation")  # the same filter again: re-read once
    wait_for_keys(qtbot, page)
    assert len(reloads) == 2


def test_a_notice_is_corrected_and_removed_from_the_notices_page(qtbot, session, monkeypatch):
    """Issue 13: the seller corrects a notice read wrongly, or removes one stored by mistake,
    from the page; the alerts it raised go with a removal."""
    from shopwatch.ui.dialogs.notice_edit import NoticeEditDialog

    window = window_for(session, qtbot)
    window.show_page("notices")
    page = window.pages["notices"]
    settle()
    notice = next(n for n in queries.list_notices(session.db, shop_id=session.shop_id)
                  if n.points)
    page.select_notice(notice.id)

    def corrected(self):
        self.correction = {"points": notice.points + 1}
        return 1

    monkeypatch.setattr(NoticeEditDialog, "exec", corrected)
    page.correct_notice()
    settle()
    assert queries.get_notice(session.db, notice.id).points == notice.points + 1
    assert page.current_notice().points == notice.points + 1  # the page shows it at once

    def removed(self):
        self.remove_requested = True
        return 1

    monkeypatch.setattr(NoticeEditDialog, "exec", removed)
    page.select_notice(notice.id)
    page.correct_notice()
    settle()
    assert notice.id not in {n.id for n in queries.list_notices(session.db,
                                                                shop_id=session.shop_id)}
    assert queries.alerts_for_notice(session.db, notice.id) == []


def test_keyboard_shortcuts(qtbot, controller):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window = controller.window
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)  # shortcuts fire in the active window
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current == "listings"
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.pages["listings"].search
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current == "alerts"
    settle()
    page = window.pages["alerts"]
    page.table.setFocus()
    before = len([a for a in page.model.alerts if not a.acknowledged_at])
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    settle()
    assert len([a for a in page.model.alerts if not a.acknowledged_at]) == before - 1
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    with qtbot.waitSignal(window.sync_requested, timeout=2000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    controller.cancel()


def test_a_search_without_a_match_says_so_and_offers_the_way_back(qtbot, session):
    window = window_for(session, qtbot)
    window.show_page("listings")
    page = window.pages["listings"]
    wait_for_keys(qtbot, page)
    settle()
    page.search.setText("zzz-no-such-listing")
    page.apply_filter()
    wait_for_keys(qtbot, page)
    assert page.body.currentWidget() is page.no_match
    assert "zzz-no-such-listing" in page.no_match.text.text()
    page.clear_filters()
    wait_for_keys(qtbot, page)
    assert page.body.currentIndex() == 1 and page.model.rowCount() > 0


def test_an_amazon_shop_overview_shows_account_health_instead_of_points(qtbot, session):
    """Issue 17: the Overview of an Amazon shop says the account's health as its latest
    complete sync read it; Taobao's points ledgers are not shown for it."""
    from shopwatch.connectors.amazon_shop import AmazonSettings, with_account_status

    settings = with_account_status(
        AmazonSettings("na", "ATVPDKIKX0DER", "A1SELLER").as_settings(), "AT_RISK",
        "2026-11-20T08:00:00+00:00")
    shop = queries.add_shop(session.db, "my-amazon", "amazon", now="2026-11-20T08:00:00+00:00",
                            endpoint="http://127.0.0.1:9", app_key="amzn1.client",
                            settings=settings)
    session.db.conn.commit()
    window = window_for(session, qtbot)
    window.show_page("overview")
    page = window.pages["overview"]
    settle()
    assert page.points_card.isVisibleTo(page)
    session.reload_shops(select=shop.id)
    page.refresh()
    settle()
    assert "Amazon account health: At risk" in page.account_line.text()
    assert not page.points_card.isVisibleTo(page)
    assert page.deadlines_card.isVisibleTo(page)


def test_connecting_an_amazon_account_syncs_through_sp_api(qtbot, session, memory_keyring):
    """Issue 17: the seller connects an Amazon account in the app (secrets to the keychain,
    never the database) and the shop syncs through the real connector — here against the demo
    SP-API and LWA server on 127.0.0.1 — keeping the account status for the Overview."""
    from shopwatch.connectors.amazon_shop import AmazonSettings, account_status
    from shopwatch.credentials import LWA_CLIENT_SECRET, LWA_REFRESH_TOKEN
    from shopwatch.demo.amazon_market import AmazonMarket
    from shopwatch.demo.amazon_server import AmazonDemoServer
    from shopwatch.ui.dialogs.amazon_shop_editor import AmazonShopEditor
    from shopwatch.ui.jobs import SyncJob

    market = AmazonMarket(seed=3, n_listings=40)
    with AmazonDemoServer(market) as server:
        c = server.credentials()
        editor = AmazonShopEditor(session.writes)
        qtbot.addWidget(editor)
        editor.name.setText("My Amazon")
        editor.save()
        assert "seller id" in editor.error.text()
        editor.marketplace.setCurrentIndex(editor.marketplace.findData(c["marketplace_id"]))
        editor.seller_id.setText(c["seller_id"])
        editor.client_id.setText(c["client_id"])
        editor.client_secret.setText(c["client_secret"])
        editor.save()
        assert "both required" in editor.error.text()
        editor.refresh_token.setText(c["refresh_token"])
        editor.save()
        shop = queries.get_shop(session.db, "My Amazon")
        assert shop is not None and shop.platform == "amazon" and shop.app_key == c["client_id"]
        assert get_secret("My Amazon", LWA_CLIENT_SECRET).value == c["client_secret"]
        assert get_secret("My Amazon", LWA_REFRESH_TOKEN).value == c["refresh_token"]
        stored = session.db.execute("SELECT * FROM shops WHERE id = ?", [shop.id]).fetchone()
        assert c["client_secret"] not in str(stored) and c["refresh_token"] not in str(stored)
        # the demo server stands in for Amazon's hosts (what --endpoint/--token-endpoint do)
        settings = AmazonSettings.of(shop)
        queries.update_shop(session.db, shop.id, endpoint=server.endpoint, settings={
            **shop.settings, **AmazonSettings(settings.region, settings.marketplace_id,
                                              settings.seller_id,
                                              server.token_endpoint).as_settings()})
        session.db.conn.commit()
        outcome = SyncJob(session.db_path, shop.id).run(lambda *a: None, lambda: False)
        assert outcome.status == "ok", outcome.error
        assert outcome.listings == market.n_listings
        status = account_status(queries.get_shop(session.db, "My Amazon"))
        assert status is not None and status[0] == "NORMAL"


def test_other_pages_learn_the_appeal_editor_exists_without_importing_it():
    """The Alerts and Notices pages enable "Draft appeal" by asking whether the editor is
    installed; importing it to find out (jinja2 and the drafting code) blocked the GUI
    thread ~150–300 ms on the first visit to Alerts."""
    import os
    import subprocess
    import sys

    probe = ("import sys\n"
             "from shopwatch.ui.pages.placeholder import appeals_installed\n"
             "assert appeals_installed()\n"
             "loaded = {'shopwatch.ui.pages.appeals', 'jinja2'} & set(sys.modules)\n"
             "assert not loaded, loaded\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr


def test_the_app_lets_the_gui_thread_take_the_interpreter_lock_quickly(qapp):
    """A worker busy in Python keeps the lock for at most the switch interval whenever the
    GUI thread waits for it; the app shortens CPython's 5 ms to 0.1 ms."""
    import sys

    from shopwatch.ui.app import GUI_SWITCH_INTERVAL_S, application

    before = sys.getswitchinterval()
    try:
        application()
        assert abs(sys.getswitchinterval() - GUI_SWITCH_INTERVAL_S) < 1e-9
        assert GUI_SWITCH_INTERVAL_S <= 0.001
    finally:
        sys.setswitchinterval(before)
