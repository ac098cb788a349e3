"""Notices & points → Platform rules: the shipped rule data is shown item by item with how sure
it is (unverified / verified / edited by you), and "Edit rules…" makes the user's copy in the
profile (like ``shopwatch rules copy``) and opens it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QDesktopServices

from shopwatch.monitor.rules import shipped_path, user_path
from shopwatch.ui.pages.notices import NoticesPage
from shopwatch.ui.workers import wait_idle


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        staticmethod(lambda url: urls.append(url.toString()) or True))
    return urls


def page_for(session, qtbot) -> NoticesPage:
    page = NoticesPage(session)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.refresh()
    assert wait_idle()  # the page reads its notices off the GUI thread
    return page


def test_the_panel_lists_thresholds_and_appeal_windows_as_unverified(qtbot, session):
    page = page_for(session, qtbot)
    panel = page.rules_panel
    rows = panel.rows
    assert set(rows) == {i.key for i in session.rules.items}
    general = rows["ledger.general"]
    assert general.name.text() == "General violations: point thresholds"
    assert general.value.text() == "12 · 24 · 36 · 48 points"
    assert rows["consequence.24"].name.text() == "At 24 points"
    assert "14 days" in rows["consequence.24"].value.text()
    assert rows["appeal_window.false_trading"].name.text() == "False trading"
    assert rows["appeal_window.false_trading"].value.text() == "3 days"
    assert rows["appeal_window.search_demotion"].value.text() == "7 days"
    assert rows["reset"].value.text() == "Jan 1"
    # the shipped data is unverified, every item says so and links to the rule centre
    assert {r.badge.text() for r in rows.values()} == {"unverified"}
    assert all(r.url.startswith("https://rule.taobao.com") for r in rows.values())
    assert panel.unverified_badge.text() == f"{len(rows)} unverified"
    assert panel.edited_badge.isHidden()


def test_the_rule_centre_links_open_the_verify_url(qtbot, session, opened):
    panel = page_for(session, qtbot).rules_panel
    panel.rows["appeal_window.counterfeit"].check.click()
    panel.check_button.click()
    assert opened == ["https://rule.taobao.com/", "https://rule.taobao.com/"]


def test_an_item_changed_in_the_profile_copy_is_edited_by_you(qtbot, session, opened):
    from shopwatch.ui.session import Session

    copy = user_path("taobao", session.profile)
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text("[appeal_window_days.false_trading]\ndays = 5\n", encoding="utf-8")
    edited = Session(session.profile, session.db, session.settings)
    try:
        panel = page_for(edited, qtbot).rules_panel
        row = panel.rows["appeal_window.false_trading"]
        assert row.value.text() == "5 days"
        assert row.badge.text() == "edited by you"
        assert panel.rows["appeal_window.counterfeit"].badge.text() == "unverified"
        assert panel.edited_badge.text() == "1 edited by you"
        assert str(copy) in panel.note.text()
    finally:
        edited.close()


def test_edit_rules_makes_the_profile_copy_and_opens_it(qtbot, session, opened):
    panel = page_for(session, qtbot).rules_panel
    copy = user_path("taobao", session.profile)
    assert not copy.exists()
    panel.edit_button.click()
    assert copy.read_bytes() == shipped_path("taobao").read_bytes()
    assert opened == [copy.as_uri()]
    assert panel.expanded and "Made your copy" in panel.note.text()
    assert "next sync" in panel.note.text()
    copy.write_text("# mine\n", encoding="utf-8")
    panel.edit_button.click()  # an existing copy is opened, never overwritten
    assert copy.read_text(encoding="utf-8") == "# mine\n"
    assert len(opened) == 2 and "Opened your copy" in panel.note.text()


def test_the_panel_speaks_chinese(qtbot, session, qm_cache):
    from shopwatch.ui import i18n

    translators = i18n.Translators(qm_cache)
    translators.apply(i18n.CHINESE)
    try:
        panel = page_for(session, qtbot).rules_panel
        assert panel.heading.text() == "平台规则"
        assert panel.rows["ledger.serious"].name.text() == "严重违规节点分值"
        assert panel.rows["appeal_window.false_trading"].value.text() == "3 天"
        assert panel.rows["reset"].badge.text() == "未核实"
        assert panel.edit_button.text() == "编辑规则…"
    finally:
        translators.apply(i18n.ENGLISH)


def test_the_open_panel_takes_the_notices_place(qtbot, session):
    page = page_for(session, qtbot)
    panel = page.rules_panel
    assert not panel.expanded and not page.split.isHidden()
    panel.toggle.click()
    assert panel.expanded and page.split.isHidden()
    panel.toggle.click()
    assert not panel.expanded and not page.split.isHidden()


def test_an_edit_to_the_profile_copy_shows_on_the_next_refresh_without_a_restart(qtbot, session):
    page = page_for(session, qtbot)
    assert page.rules_panel.rows["appeal_window.false_trading"].value.text() == "3 days"
    copy = user_path("taobao", session.profile)
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text("[appeal_window_days.false_trading]\ndays = 5\n", encoding="utf-8")
    page.refresh()
    assert wait_idle()
    assert page.rules_panel.rows["appeal_window.false_trading"].value.text() == "5 days"
    copy.write_text("this is [ not toml", encoding="utf-8")
    page.refresh()  # a broken copy keeps what was shown
    assert wait_idle()
    assert page.rules_panel.rows["appeal_window.false_trading"].value.text() == "5 days"
