"""The dialog that corrects or removes a stored notice (issue 13), on its own: it reports only
what the seller changed, asks before removing (naming the appeals that go too), speaks Chinese,
and what it reports is exactly what ``edit_notice`` / ``remove_notice`` take."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from shopwatch.imports.notice_text import parse_notice_text
from shopwatch.monitor import file_import
from shopwatch.monitor.notice_edit import edit_notice, remove_notice
from shopwatch.monitor.rules import load_rules
from shopwatch.store import queries
from shopwatch.timeutil import iso
from shopwatch.ui import i18n
from shopwatch.ui.dialogs.notice_edit import NoticeEditDialog, listing_ids_from

CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=CST)
RULES = load_rules("taobao")
TEXT = ("经排查，您店铺以下商品存在虚假交易：商品ID：600123400002、600123400003，已删除违规销量，"
        "扣除一般违规积分12分。申诉截止：2026-11-27。")


@pytest.fixture
def stored(db):
    shop = queries.add_shop(db, "小店", "file", now=iso(NOW))
    record = parse_notice_text(TEXT, kinds=RULES.notice_kinds, now=NOW).to_record()
    assert file_import.add_notices(db, shop, [record], now=NOW, rules=RULES).ok
    return queries.list_notices(db, shop_id=shop.id)[0]


@pytest.fixture
def chinese(qapp, qm_cache):
    translators = i18n.Translators(qm_cache)
    translators.apply(i18n.CHINESE)
    yield
    translators.apply(i18n.ENGLISH)


def test_it_shows_the_stored_notice(qtbot, english, stored):
    dialog = NoticeEditDialog(stored, RULES)
    qtbot.addWidget(dialog)
    assert dialog.kind.currentData() == "false_trading" and dialog.points.value() == 12
    assert dialog.category.currentData() == "general"
    assert dialog.listings.text() == "600123400002, 600123400003"
    assert dialog.has_deadline.isChecked()
    assert dialog.deadline.dateTime().toString("yyyy-MM-dd HH:mm") == "2026-11-27 23:59"
    assert dialog.text.toPlainText() == stored.text


def test_saving_without_changes_reports_nothing(qtbot, english, stored):
    dialog = NoticeEditDialog(stored, RULES)
    qtbot.addWidget(dialog)
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.correction is None and not dialog.remove_requested


def test_a_correction_is_what_edit_notice_applies(qtbot, english, db, stored):
    dialog = NoticeEditDialog(stored, RULES)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("misdescription"))
    dialog.points.setValue(3)
    dialog.listings.setText("600123400003，600123400009")
    dialog.has_deadline.setChecked(False)
    dialog.save_button.click()
    assert dialog.correction == {"kind": "misdescription", "points": 3,
                                 "listing_ids": ["600123400003", "600123400009"],
                                 "deadline": None}
    change = edit_notice(db, stored.id, rules=RULES, now=NOW, **dialog.correction)
    after = change.after
    assert (after.kind, after.points, after.listing_ids, after.appeal_deadline) == (
        "misdescription", 3, ("600123400003", "600123400009"), None)


def test_a_new_deadline_is_read_in_china_time(qtbot, english, stored):
    dialog = NoticeEditDialog(stored, RULES)
    qtbot.addWidget(dialog)
    dialog.deadline.setDateTime(dialog.deadline.dateTime().addDays(2))
    dialog.save_button.click()
    assert dialog.correction == {"deadline": datetime(2026, 11, 29, 23, 59, 59, tzinfo=CST)}


def test_removal_is_confirmed_in_place_and_names_the_appeals(qtbot, english, db, stored):
    dialog = NoticeEditDialog(stored, RULES, appeals=2)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.confirm.isVisible()
    dialog.remove_button.click()
    assert dialog.confirm.isVisible() and "2 appeals will be deleted" in dialog.confirm_text.text()
    dialog.keep_button.click()
    assert not dialog.confirm.isVisible() and not dialog.remove_requested
    dialog.remove_button.click()
    dialog.confirm_button.click()
    assert dialog.remove_requested and dialog.result() == dialog.DialogCode.Accepted
    remove_notice(db, stored.id, rules=RULES, now=NOW, with_appeals=True)
    assert queries.list_notices(db) == []


def test_cancel_changes_nothing(qtbot, english, stored):
    dialog = NoticeEditDialog(stored, RULES)
    qtbot.addWidget(dialog)
    dialog.points.setValue(1)
    dialog.reject()
    assert dialog.correction is None and not dialog.remove_requested


def test_listing_ids_are_split_on_either_comma_and_spaces():
    assert listing_ids_from(" 1, 2，3、4  5,,1 ") == ["1", "2", "3", "4", "5"]
    assert listing_ids_from("") == []


def test_it_speaks_chinese(qtbot, chinese, stored):
    from .test_catalogue_coverage import english_words, shown_texts

    dialog = NoticeEditDialog(stored, RULES, appeals=1)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.remove_button.click()
    assert dialog.windowTitle() == f"更正处罚通知 #{stored.id}"
    assert english_words(shown_texts(dialog, skip=(dialog.text,))) == []
