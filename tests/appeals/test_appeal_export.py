"""Export: the same letter as plain text, .docx and PDF (with the Chinese font embedded and
the text extractable), written atomically."""

from __future__ import annotations

from datetime import date

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from shopwatch.appeals import draft, markup
from shopwatch.appeals.export import (
    ExportError,
    build_docx,
    export_docx,
    export_text,
    format_for,
    write_atomically,
)

from .conftest import FULL_EVIDENCE

LETTER = """# 虚假交易处罚申诉书

尊敬的淘宝平台申诉审核人员：

## 一、申诉理由

1. **交易真实。**订单 3561234567890123456 为真实交易。
1. 物流真实。
   - 顺丰速运 SF1234567890123
   - 签收记录
1. 第三条\\*不是粗体\\*

此致
敬礼！
"""


@pytest.fixture
def zh_letter(shop_data, library) -> str:
    facts = draft.load_facts(shop_data.db, shop_data.notices["false_trading"].id)
    letter = draft.compose(shop_data.db, library, facts, library.suggest("false_trading", "zh_CN"),
                           FULL_EVIDENCE, today=date(2026, 11, 21))
    return letter.body


def test_plain_text_keeps_the_letter_and_drops_the_markup():
    text = markup.to_text(LETTER)
    assert text.startswith("虚假交易处罚申诉书\n\n尊敬的")
    assert "1. 交易真实。订单 3561234567890123456 为真实交易。\n2. 物流真实。\n" in text
    assert "    · 顺丰速运 SF1234567890123\n    · 签收记录\n3. 第三条*不是粗体*" in text
    assert text.endswith("此致\n敬礼！\n")  # line breaks inside a paragraph are kept
    assert "**" not in text and "#" not in text


def test_numbered_items_count_on_from_the_first():
    blocks = markup.parse("1. a\n1. b\n\ntext\n\n3. c\n1. d\n")
    assert [b.number for b in blocks if b.kind == "item"] == [1, 2, 3, 4]


def test_html_nests_sub_lists_inside_their_item():
    html = markup.to_html(LETTER)
    assert "<li>物流真实。\n<ul>\n<li>顺丰速运 SF1234567890123\n</li>" in html
    assert "<b>交易真实。</b>" in html
    assert "font-weight:normal" in markup.to_html(LETTER, bold_ok=False)
    assert "<b>" not in markup.to_html(LETTER, bold_ok=False)


def test_text_export_is_utf8(tmp_path, zh_letter):
    path = export_text(zh_letter, tmp_path / "letter.txt")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("虚假交易处罚申诉书\n")
    assert text == markup.to_text(zh_letter)
    md = export_text(zh_letter, tmp_path / "letter.md", markdown=True)
    assert md.read_text(encoding="utf-8") == zh_letter


def test_docx_has_the_letter_with_chinese_fonts_set(tmp_path, zh_letter):
    path = export_docx(zh_letter, tmp_path / "appeal.docx", language="zh_CN")
    document = docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "虚假交易处罚申诉书"
    assert document.paragraphs[0].style.name == "Heading 1"
    assert document.core_properties.title == "虚假交易处罚申诉书"
    assert "一、处罚情况" in paragraphs
    assert any(p.startswith("1.\t交易真实。本次涉及的订单") for p in paragraphs)
    assert any("申诉人：小雅的丝绸小铺（店铺经营者）" in p for p in paragraphs)
    fonts = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "SimSun"
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "交易真实。" in bold


def test_docx_keeps_the_template_numbering_per_list():
    document = build_docx(LETTER, language="zh_CN")
    numbered = [p.text.split("\t")[0] for p in document.paragraphs if "\t" in p.text]
    assert numbered == ["1.", "2.", "3."]
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet 2"]
    assert bullets == ["顺丰速运 SF1234567890123", "签收记录"]


def test_pdf_has_the_chinese_title_as_text_and_embeds_the_font(qapp, tmp_path, zh_letter):
    from shopwatch.ui.pdf_export import export_pdf

    path = export_pdf(zh_letter, tmp_path / "appeal.pdf")
    reader = PdfReader(str(path))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "虚假交易处罚申诉书" in text
    assert "3561234567890123456" in text
    # the title is drawn once: a fake bold would draw (and extract) it twice
    assert text.count("虚假交易处罚申诉书") == 1
    assert reader.metadata.title == "虚假交易处罚申诉书"
    embedded = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", []):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                embedded += [k for k in descriptor if k.startswith("/FontFile")]
    assert embedded


def test_export_formats_come_from_the_extension(tmp_path):
    assert [format_for(tmp_path / n) for n in ("a.TXT", "b.md", "c.docx", "d.pdf")] == [
        "txt", "md", "docx", "pdf"]
    with pytest.raises(ExportError, match="cannot export"):
        format_for(tmp_path / "letter.odt")


def test_a_failed_export_leaves_the_previous_file_and_no_partial_one(tmp_path):
    target = tmp_path / "appeal.docx"
    target.write_bytes(b"previous")

    def fails_half_way(tmp):
        tmp.write_bytes(b"half a docu")
        raise OSError("disk full")

    with pytest.raises(ExportError, match="disk full"):
        write_atomically(target, fails_half_way)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["appeal.docx"]


def test_an_export_into_an_unusable_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file")
    with pytest.raises(ExportError, match="cannot write"):
        export_text("x", blocker / "a.txt")
