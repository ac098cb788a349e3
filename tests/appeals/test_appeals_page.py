"""The Appeals page: notice → suggested template → evidence form → live preview → edit →
export / mark submitted, headless (offscreen Qt)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

import docx  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from shopwatch.appeals import draft  # noqa: E402
from shopwatch.store import queries  # noqa: E402
from shopwatch.ui.pages.appeals import AppealsPage  # noqa: E402


@pytest.fixture
def page(qtbot, profile, shop_data):
    widget = AppealsPage(profile / "shopwatch.db", profile)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    return widget


def _fill_false_trading(page, qtbot):
    page.form.set_value("order_ids", "3561234567890123456, 3561234567890123457")
    page.form.set_value("logistics_company", "顺丰速运")
    page.form.set_value("tracking_numbers", "sf1234567890123")
    qtbot.waitUntil(lambda: "SF1234567890123" in page.letter(), timeout=3000)


def test_opening_a_notice_suggests_its_template_and_asks_for_the_evidence(page, shop_data):
    page.open_notice(shop_data.notices["counterfeit"].id)
    assert page.template_combo.currentData() == "counterfeit"
    assert page.language_combo.currentData() == "zh_CN"
    assert set(page.form.inputs) >= {"brand_name", "supplier", "invoices"}
    assert "This template needs: Brand, Supplier, Purchase invoices" in page.status_label.text()
    assert page.letter() == ""  # never a half-filled letter
    assert not page.submit_button.isEnabled()


def test_evidence_fills_the_letter_and_the_preview(page, shop_data, qtbot):
    page.open_notice(shop_data.notices["false_trading"].id)
    _fill_false_trading(page, qtbot)
    assert "3561234567890123457" in page.letter()
    qtbot.waitUntil(lambda: "顺丰速运" in page.preview.toPlainText(), timeout=3000)
    assert "虚假交易处罚申诉书" in page.preview.toPlainText()
    assert page.submit_button.isEnabled() and page.export_button.isEnabled()


def test_a_malformed_order_number_is_marked_and_writes_no_letter(page, shop_data, qtbot):
    page.open_notice(shop_data.notices["false_trading"].id)
    page.form.set_value("order_ids", "12ab")
    page.form.set_value("logistics_company", "顺丰速运")
    page.form.set_value("tracking_numbers", "SF1234567890123")
    qtbot.waitUntil(lambda: "12ab" in page.status_label.text(), timeout=3000)
    assert "12–20 digits" in page.form.inputs["order_ids"].toolTip()
    assert page.letter() == ""


def type_at_end(editor, text: str) -> None:
    """What a seller does: type at the end of the formatted letter."""
    from PySide6.QtGui import QTextCursor

    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    cursor.insertText(text)


def test_edits_survive_evidence_changes_until_the_seller_regenerates(page, shop_data, qtbot):
    page.open_notice(shop_data.notices["false_trading"].id)
    _fill_false_trading(page, qtbot)
    type_at_end(page.editor, "\n我的补充说明。")
    page.form.set_value("logistics_company", "中通快递")
    qtbot.waitUntil(lambda: page.regenerate_button.isVisibleTo(page), timeout=3000)
    assert "我的补充说明。" in page.letter() and "中通快递" not in page.letter()
    page.regenerate_letter()
    assert "中通快递" in page.letter() and "我的补充说明。" not in page.letter()
    assert not page.regenerate_button.isVisibleTo(page)


def test_save_stores_evidence_and_edits_and_reopening_restores_them(page, shop_data, qtbot,
                                                                    profile):
    notice_id = shop_data.notices["false_trading"].id
    page.open_notice(notice_id)
    _fill_false_trading(page, qtbot)
    type_at_end(page.editor, "\n已核实。")
    appeal = page.save()
    stored = queries.get_appeal(shop_data.db, appeal.id)
    assert stored.body.endswith("已核实。\n") and draft.is_edited(stored)
    assert stored.evidence["tracking_numbers"] == ["SF1234567890123"]
    other = AppealsPage(profile / "shopwatch.db", profile)
    qtbot.addWidget(other)
    other.open_notice(notice_id)
    assert other.letter() == stored.body
    assert other.form.raw_values()["logistics_company"] == "顺丰速运"


def test_switching_notices_saves_the_draft(page, shop_data, qtbot):
    notice_id = shop_data.notices["false_trading"].id
    page.open_notice(notice_id)
    page.form.set_value("logistics_company", "顺丰速运")
    qtbot.wait(10)
    page.open_notice(shop_data.notices["counterfeit"].id)
    assert draft.stored_evidence(shop_data.db, notice_id) == {"logistics_company": "顺丰速运"}


def test_export_copy_and_mark_submitted(page, shop_data, qtbot, tmp_path):
    notice_id = shop_data.notices["false_trading"].id
    page.open_notice(notice_id)
    _fill_false_trading(page, qtbot)
    written = page.export_to(tmp_path / "appeal.docx")
    assert docx.Document(str(written)).paragraphs[0].text == "虚假交易处罚申诉书"
    assert page.export_to(tmp_path / "appeal.pdf").stat().st_size > 1000
    page.copy_to_clipboard()
    assert QGuiApplication.clipboard().text().startswith("虚假交易处罚申诉书\n")
    with qtbot.waitSignal(page.appeal_changed):
        appeal = page.mark(draft.SUBMITTED)
    assert appeal.status == "submitted"
    assert queries.get_notice(shop_data.db, notice_id).status == "appealed"
    assert "deadline warnings are off" in page.deadline_label.text()
    assert page.editor.isReadOnly() and not page.form.isEnabled()
    assert page.accept_button.isVisibleTo(page) and not page.submit_button.isVisibleTo(page)
    page.mark(draft.REJECTED)
    assert queries.get_notice(shop_data.db, notice_id).status == "upheld"
    assert page.new_draft_button.isVisibleTo(page)
    page.new_draft()
    assert page.current_appeal() is None and "SF1234567890123" in page.letter()
    assert not page.editor.isReadOnly()


def test_files_added_in_the_form_are_copied_and_listed(page, shop_data, qtbot, tmp_path,
                                                       profile):
    page.open_notice(shop_data.notices["counterfeit"].id)
    invoice = tmp_path / "发票.pdf"
    invoice.write_bytes(b"%PDF-1.4\n" + b"0" * 64)
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"not a pdf")
    errors = page.form.inputs["invoices"].add_paths([invoice, fake])
    assert len(errors) == 1 and "fake.pdf" in errors[0]
    page.form.set_value("brand_name", "锦绣")
    page.form.set_value("supplier", "杭州锦绣丝绸有限公司")
    qtbot.waitUntil(lambda: "发票.pdf" in page.letter(), timeout=3000)
    (record,) = page.form.raw_values()["invoices"]
    assert (profile / record["path"]).read_bytes() == invoice.read_bytes()


def test_language_switch_redrafts_in_english(page, shop_data, qtbot):
    page.open_notice(shop_data.notices["false_trading"].id)
    _fill_false_trading(page, qtbot)
    page.language_combo.setCurrentIndex(page.language_combo.findData("en"))
    qtbot.waitUntil(lambda: page.letter().startswith("# Appeal against"), timeout=3000)
    assert "Tracking numbers: SF1234567890123" in page.letter()


def test_deadline_is_shown_and_refresh_keeps_the_notice(page, shop_data, qtbot):
    notice_id = shop_data.notices["misdescription"].id
    page.open_notice(notice_id)
    assert "deadline passed" in page.deadline_label.text()  # 2026-11-23, before "now"
    page.refresh()
    assert page.current_notice_id() == notice_id


def test_an_empty_profile_shows_a_hint(qtbot, profile):
    empty = AppealsPage(profile / "shopwatch.db", profile)
    qtbot.addWidget(empty)
    assert empty.current_notice_id() is None
    assert empty.empty_label.isVisibleTo(empty)


def test_the_exhibit_button_makes_a_bundle_whose_manifest_matches_its_files(page, shop_data,
                                                                           qtbot, tmp_path):
    """Issue 18: the appeal editor's exhibit bundle — a PDF summary and a manifest of SHA-256
    hashes that match the zip's members; the GUI thread only draws the PDF."""
    import hashlib
    import json
    import zipfile

    page.open_notice(shop_data.notices["false_trading"].id)
    output = tmp_path / "exhibit.zip"
    with qtbot.waitSignal(page.exhibit_done, timeout=20_000) as done:
        page.make_exhibit(output)
    manifest = done.args[0]
    assert isinstance(manifest, dict), manifest
    with zipfile.ZipFile(output) as bundle:
        names = set(bundle.namelist())
        stored = json.loads(bundle.read("manifest.json"))
        for entry in stored["files"]:
            assert hashlib.sha256(bundle.read(entry["path"])).hexdigest() == entry["sha256"]
    assert any(n.endswith(".pdf") for n in names)
    assert "exhibit bundle" in page.status_label.text()
    assert page.exhibit_button.isEnabled()


def test_an_exhibit_that_cannot_be_written_says_so_and_leaves_nothing(page, shop_data, qtbot,
                                                                      tmp_path):
    page.open_notice(shop_data.notices["false_trading"].id)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with qtbot.waitSignal(page.exhibit_done, timeout=20_000) as done:
        page.make_exhibit(blocker / "exhibit.zip")
    assert isinstance(done.args[0], BaseException)
    assert "not made" in page.status_label.text()
    assert page.exhibit_button.isEnabled()


def test_the_letter_cites_the_bundles_exhibits_by_number(page, shop_data, qtbot, tmp_path):
    """Issue 18: after the bundle is made, the draft letter ends with its exhibit list,
    numbered as the bundle's manifest numbers them; a second bundle replaces the list."""
    import json
    import zipfile

    notice_id = shop_data.notices["false_trading"].id
    page.open_notice(notice_id)
    _fill_false_trading(page, qtbot)
    assert page.letter().strip()
    for attempt in (1, 2):
        output = tmp_path / f"exhibit-{attempt}.zip"
        with qtbot.waitSignal(page.exhibit_done, timeout=20_000):
            page.make_exhibit(output)
    letter = page.letter()
    assert letter.count("## 附件清单") == 1
    with zipfile.ZipFile(output) as bundle:
        numbered = json.loads(bundle.read("manifest.json"))["exhibits"]
    assert numbered[0]["number"] == 1 and numbered[0]["kind"] == "summary"
    for item in numbered:
        assert f"附件{item['number']}" in letter and item["path"] in letter
    stored = queries.get_appeal(shop_data.db, page.current_appeal().id)
    assert stored.body == letter  # saved with the list


def test_a_plan_of_action_shows_its_chinese_explanation_beside_it(qtbot, tmp_path):
    """Issue 17: an Amazon POA stays English; the editor's "Chinese side by side" tab shows
    each of its sections with what that section must say, in Chinese. A Taobao letter has no
    such tab."""
    import re

    from shopwatch.monitor import file_import
    from shopwatch.monitor.rules import load_rules
    from shopwatch.store.db import open_db
    from shopwatch.timeutil import iso, now_utc

    from .test_amazon_poa_kinds import ALL_LISTINGS, MESSAGES

    profile = tmp_path / "profile"
    profile.mkdir()
    db = open_db(profile / "shopwatch.db")
    shop = queries.add_shop(db, "amz", "amazon", now=iso(now_utc()))
    rules = load_rules("amazon")
    assert file_import.import_files(db, shop, [ALL_LISTINGS], rules=rules).ok
    parsed = file_import.understand_notice(MESSAGES["ip-tm-listings"], rules=rules)
    assert file_import.add_notices(db, shop, [parsed.to_record()], rules=rules).ok
    notice = queries.list_notices(db, shop_id=shop.id)[0]
    db.close()
    page = AppealsPage(profile / "shopwatch.db", profile)
    qtbot.addWidget(page)
    page.open_notice(notice.id)
    page.template_combo.setCurrentIndex(page.template_combo.findData("amazon_ip_poa"))
    assert page._info.name == "amazon_ip_poa"
    page.form.set_value("root_cause", "We copied a title holding a third-party brand name.")
    page.form.set_value("corrective_actions", ["Removed the brand name from the listing"])
    page.form.set_value("preventive_actions", ["A second person checks every new title"])
    qtbot.waitUntil(lambda: bool(page.letter().strip()), timeout=5000)
    page._update_preview()
    tab = page.tabs.indexOf(page.explain)
    assert page.tabs.isTabVisible(tab)
    shown = page.explain.toPlainText()
    assert "Root cause" in shown and "根本原因" in shown and "预防措施" in shown
    assert not re.search(r"[\u4e00-\u9fff]", page.letter())  # the letter stays English
    page.template_combo.setCurrentIndex(page.template_combo.findData("general"))
    page._update_preview()
    assert not page.tabs.isTabVisible(tab)  # not a Plan of Action: no side-by-side


def test_a_refresh_reads_off_the_gui_thread_and_keeps_the_notice_on_screen(page, shop_data,
                                                                             qtbot):
    """After a sync the editor's list and the shown notice's facts are read on a pool
    thread: the window shows the old state until the answer comes, then the new one."""
    from shopwatch.models import NoticeRecord

    shown = shop_data.notices["misdescription"].id
    page.open_notice(shown)
    before = page.notice_combo.count()
    with shop_data.db.atomic():
        queries.upsert_notices(shop_data.db, shop_data.shop.id, [NoticeRecord(
            source_id="PN-new", kind="counterfeit", points=12, listing_id=None,
            issued_at="2026-11-21T09:00:00+08:00", appeal_deadline="2026-12-30T09:00:00+08:00",
            title="新的处罚通知", text="新的处罚")], now="2026-11-21T01:00:00+00:00")
        shop_data.db.execute("UPDATE notices SET appeal_deadline = ? WHERE id = ?",
                             ["2026-12-31T10:30:00+08:00", shown])
    page.refresh()
    assert page.notice_combo.count() == before  # not read in the GUI thread
    qtbot.waitUntil(lambda: page.notice_combo.count() == before + 1, timeout=5_000)
    assert page.current_notice_id() == shown
    assert "deadline passed" not in page.deadline_label.text()  # its facts are fresh too


def test_a_long_notice_caption_does_not_widen_the_evidence_column(qtbot, profile, shop_data):
    """At a 1024 px window the page gets ~780 px: a notice whose listing title is long must
    not push the notice, template and evidence column wider than its scroll area (a Xvfb
    screenshot showed the form cut off on the right, with a sideways scroll bar)."""
    from PySide6.QtWidgets import QScrollArea

    from shopwatch.models import NoticeRecord

    title = "雪纺半身裙 春季国风 保暖 加厚 高腰 显瘦 百搭 中长款 A字裙 通勤 度假 " * 2
    with shop_data.db.atomic():
        [notice] = queries.upsert_notices(shop_data.db, shop_data.shop.id, [NoticeRecord(
            source_id="PN-long", kind="false_trading", points=2,
            listing_id=shop_data.listings["false_trading"].listing_id,
            issued_at="2026-11-21T09:00:00+08:00", appeal_deadline="2026-12-30T09:00:00+08:00",
            title=title, text=f"您的商品「{title}」涉嫌虚假交易。")],
            now="2026-11-21T01:00:00+00:00")
    page = AppealsPage(profile / "shopwatch.db", profile)  # the caption is there at first show
    qtbot.addWidget(page)
    page.open_notice(notice.id)
    page.resize(780, 640)
    page.show()
    qtbot.waitExposed(page)
    qtbot.wait(50)
    area = page.findChild(QScrollArea)
    assert area.widget().width() <= area.viewport().width() + 1
    assert page.notice_combo.toolTip() == page.notice_combo.currentText()
