"""The import dialogs, offscreen: a file's preview (format, encoding, header, mapping), a
changed mapping, an import on the worker thread, the drop confirmation; and a pasted notice
read, corrected and stored."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from shopwatch.store import queries  # noqa: E402
from shopwatch.ui.dialogs.imports import ImportFileDialog, PasteNoticeDialog  # noqa: E402

HEADER = "宝贝ID,宝贝标题,价格,库存,状态\r\n"
NOTICE = ("您的商品「真丝围巾」（ID: 600123400001）因涉嫌虚假交易被删除，扣除一般违规积分12分。"
          "如有异议请于2026-11-26 18:00前申诉。")


def export(path: Path, n: int, header: str = HEADER) -> Path:
    rows = "".join(f"6001234{i:05d},围巾{i},128.00,5,出售中\r\n" for i in range(n))
    path.write_bytes(("宝贝导出\r\n" + header + rows).encode("gbk"))
    return path


@pytest.fixture
def shop(db):
    return queries.add_shop(db, "s", "file", now="2026-11-01T00:00:00+00:00")


def _wait_for(qtbot, dialog, attribute: str) -> None:
    qtbot.waitUntil(lambda: getattr(dialog, attribute) is not None, timeout=10_000)


def test_preview_then_import(qtbot, db, profile, shop, tmp_path):
    path = export(tmp_path / "items.csv", 12)
    dialog = ImportFileDialog(profile / "shopwatch.db", shop, profile=profile, path=path)
    qtbot.addWidget(dialog)
    assert "GBK/GB18030" in dialog.how.text() and "header on line 2" in dialog.how.text()
    assert dialog.table.rowCount() == 12 and dialog.table.columnCount() == 5
    assert dialog.field_boxes["listing_id"].currentText() == "宝贝ID"
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    _wait_for(qtbot, dialog, "result")
    assert dialog.result.ok and dialog.result.listings == 12
    assert queries.count_by_status(db, shop.id) == {"active": 12}
    dialog.close()


def test_a_file_that_needs_a_mapping_is_fixed_in_the_dialog(qtbot, db, profile, shop, tmp_path):
    path = export(tmp_path / "items.csv", 3, header="商品编码,宝贝标题,价格,库存,状态\r\n")
    dialog = ImportFileDialog(profile / "shopwatch.db", shop, profile=profile, path=path)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("listings"))
    assert not dialog.import_button.isEnabled()
    assert "no listing_id column" in dialog.error.text()
    box = dialog.field_boxes["listing_id"]
    box.setCurrentIndex(box.findText("商品编码"))
    assert dialog.import_button.isEnabled() and not dialog.error.isVisible()
    dialog.import_button.click()
    _wait_for(qtbot, dialog, "result")
    assert dialog.result.ok
    saved = queries.get_shop_by_id(db, shop.id).settings["file"]["mapping"]
    assert saved["listings"]["listing_id"] == "商品编码"
    dialog.close()


def test_a_far_smaller_export_asks_for_confirmation(qtbot, db, profile, shop, tmp_path):
    from shopwatch.monitor import file_import

    assert file_import.import_files(db, shop, [export(tmp_path / "all.csv", 40)]).ok
    dialog = ImportFileDialog(profile / "shopwatch.db", shop, profile=profile,
                              path=export(tmp_path / "page.csv", 5))
    qtbot.addWidget(dialog)
    dialog.import_button.click()
    _wait_for(qtbot, dialog, "result")
    assert not dialog.result.ok and not dialog.confirm_drop.isHidden()
    assert "far fewer" in dialog.error.text()
    dialog.result = None
    dialog.confirm_drop.setChecked(True)
    dialog.import_button.click()
    _wait_for(qtbot, dialog, "result")
    assert dialog.result.ok
    dialog.close()


def test_a_damaged_file_shows_the_problem_and_cannot_be_imported(qtbot, profile, shop, tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    dialog = ImportFileDialog(profile / "shopwatch.db", shop, profile=profile, path=path)
    qtbot.addWidget(dialog)
    assert "bad.xlsx" in dialog.error.text() and not dialog.import_button.isEnabled()
    dialog.close()


def test_paste_a_notice_correct_it_and_store_it(qtbot, db, profile, shop):
    dialog = PasteNoticeDialog(profile / "shopwatch.db", shop, profile=profile)
    qtbot.addWidget(dialog)
    dialog.text.setPlainText(NOTICE)
    dialog.read()
    assert dialog.kind.currentData() == "false_trading"
    assert dialog.points.value() == 12 and dialog.listing.text() == "600123400001"
    assert dialog.has_deadline.isChecked()
    assert "虚假交易" in dialog.evidence["kind"].text()
    dialog.points.setValue(6)  # the seller corrects the points
    dialog.store_button.click()
    _wait_for(qtbot, dialog, "result")
    assert dialog.result.ok
    notice = queries.list_notices(db, shop_id=shop.id)[0]
    assert (notice.kind, notice.points, notice.listing_id, notice.appeal_deadline) == (
        "false_trading", 6, "600123400001", "2026-11-26T18:00:00+08:00")


def test_unrecognised_text_is_offered_as_other(qtbot, profile, shop):
    dialog = PasteNoticeDialog(profile / "shopwatch.db", shop, profile=profile)
    qtbot.addWidget(dialog)
    dialog.text.setPlainText("亲，您的店铺本周访客数较上周有所下降。")
    dialog.read()
    # issue 13: nothing recognised is stored only when the seller confirms it
    assert dialog.kind.currentData() == "other" and not dialog.store_button.isEnabled()
    assert dialog.store_anyway.isVisibleTo(dialog)
    dialog.store_anyway.setChecked(True)
    assert dialog.store_button.isEnabled()
    assert not dialog.has_deadline.isChecked()
    record = dialog.record()
    assert record.appeal_deadline is None and record.rule_deadline is False
    dialog.close()


def test_a_notice_naming_several_listings_keeps_them_all(qtbot, profile, shop):
    dialog = PasteNoticeDialog(profile / "shopwatch.db", shop, profile=profile)
    qtbot.addWidget(dialog)
    dialog.text.setPlainText("以下商品存在虚假交易：商品ID：600123400002、600123400003，扣12分。")
    dialog.read()
    assert dialog.listing.text() == "600123400002, 600123400003"
    assert dialog.store_button.isEnabled() and not dialog.store_anyway.isVisibleTo(dialog)
    assert dialog.record().listing_ids == ("600123400002", "600123400003")
    dialog.close()


def test_a_ledger_the_text_does_not_name_is_the_kinds_and_says_so(qtbot, profile, shop):
    dialog = PasteNoticeDialog(profile / "shopwatch.db", shop, profile=profile)
    qtbot.addWidget(dialog)
    dialog.text.setPlainText("您的商品（ID：612300000106）涉嫌出售假冒商品，已被删除，扣12分。")
    dialog.read()
    assert dialog.category.currentData() == "serious"
    assert dialog.evidence["category"].text() == "not in the text: the kind's ledger"
    dialog.close()
