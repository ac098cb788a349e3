"""A letter PDF a platform reviewer can read, measured by reading the file back with
pdfminer.six (an independent PDF reader): 10.5–12 pt text on A4, headings larger, margins of
20–25 mm, page numbers, and every line of the letter present, also across pages and in both
languages. The self-test's own reader (appeals/pdf_check) is held to pdfminer's reading."""

from __future__ import annotations

import re
from datetime import date

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTTextContainer, LTTextLine

from shopwatch.appeals import draft, pdf_check

from .conftest import FULL_EVIDENCE

MM = 72 / 25.4
A4 = (595.0, 842.0)
PAGE_NUMBER = re.compile(r"第\d+页/共\d+页|Page\d+of\d+")


def _lines(path):
    """(page number, text, bbox, glyph sizes) of every text line pdfminer finds."""
    out = []
    for number, page in enumerate(extract_pages(str(path)), start=1):
        assert (round(page.width), round(page.height)) == A4
        for element in page:
            if not isinstance(element, LTTextContainer):
                continue
            for line in element:
                if isinstance(line, LTTextLine):
                    sizes = [c.size for c in line if isinstance(c, LTChar)]
                    out.append((number, line.get_text().strip(), line.bbox, sizes))
    return out


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _letter(shop_data, library, language: str, *, long: bool = False) -> str:
    evidence = dict(FULL_EVIDENCE)
    if long:  # enough orders and chat excerpts for three pages or more
        evidence["order_ids"] = [f"35612345678901{n:05d}" for n in range(120)]
        evidence["tracking_numbers"] = [f"SF12345678{n:05d}" for n in range(60)]
        evidence["chat_excerpts"] = [
            f"买家：第 {n} 个问题，请问这款围巾是真丝的吗？什么时候发货？\n客服：是 100% 桑蚕丝，今天下午发出。"
            for n in range(40)]
    facts = draft.load_facts(shop_data.db, shop_data.notices["false_trading"].id)
    letter = draft.compose(shop_data.db, library, facts,
                           library.suggest("false_trading", language), evidence,
                           today=date(2026, 11, 21))
    assert letter.complete, letter.missing
    return letter.body


def _check_readable(path, body: str, language: str) -> dict:
    lines = _lines(path)
    pages = max(n for n, *_ in lines)
    footers = [(n, t) for n, t, _, _ in lines if PAGE_NUMBER.fullmatch(_squash(t))]
    wanted = [("第 {} 页 / 共 {} 页" if language == "zh_CN" else "Page {} of {}").format(n, pages)
              for n in range(1, pages + 1)]
    assert [_squash(t) for _, t in footers] == [_squash(w) for w in wanted]
    text_lines = [x for x in lines if not PAGE_NUMBER.fullmatch(_squash(x[1]))]
    sizes = [s for *_, glyphs in text_lines for s in glyphs]
    body_size = max(set(round(s, 1) for s in sizes), key=[round(s, 1) for s in sizes].count)
    assert 10.5 <= body_size <= 12, body_size
    # nearly every glyph is body text or a larger heading: none of the old 4 pt print
    assert all(s >= 10.5 for s in sizes)
    heading = [max(g) for n, t, _, g in text_lines if _squash(t) in _squash(body.split("\n")[0])]
    assert heading and heading[0] >= body_size * 1.3
    left = min(b[0] for _, _, b, _ in text_lines) / MM
    right = (A4[0] - max(b[2] for _, _, b, _ in text_lines)) / MM
    top = (A4[1] - max(b[3] for _, _, b, _ in text_lines)) / MM
    bottom = min(b[1] for _, _, b, _ in text_lines) / MM
    assert 20 <= left <= 25 and 18 <= right <= 25 and 20 <= top <= 25, (left, right, top)
    assert bottom >= 20, bottom  # no line runs into the page number's band or off the page
    # every line of the letter, in order, across the pages (wrapping joins lines, so compare
    # without white space)
    printed = _squash("".join(t for _, t, _, _ in text_lines))
    at = 0
    for expected in pdf_check.letter_lines(body):
        found = printed.find(_squash(expected), at)
        assert found >= 0, f"not in the PDF: {expected!r}"
        at = found + len(_squash(expected))
    return {"pages": pages, "body": body_size, "heading": heading[0],
            "margins": (left, top, right, bottom)}


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_letter_prints_at_a_readable_size_with_margins_and_page_numbers(
        qapp, tmp_path, shop_data, library, language):
    from shopwatch.ui.pdf_export import export_pdf

    body = _letter(shop_data, library, language)
    path = export_pdf(body, tmp_path / "appeal.pdf")
    measured = _check_readable(path, body, language)
    assert measured["pages"] <= 2


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_long_letter_flows_onto_further_pages_without_losing_a_line(
        qapp, tmp_path, shop_data, library, language):
    from shopwatch.ui.pdf_export import export_pdf

    body = _letter(shop_data, library, language, long=True)
    path = export_pdf(body, tmp_path / "long.pdf", language=language)
    assert _check_readable(path, body, language)["pages"] >= 3


def test_the_self_test_reader_agrees_with_pdfminer(qapp, tmp_path, shop_data, library):
    from shopwatch.ui.pdf_export import export_pdf

    body = _letter(shop_data, library, "zh_CN", long=True)
    path = export_pdf(body, tmp_path / "long.pdf")
    glyphs, sizes = pdf_check.read_glyphs(path)
    ours = [(line.page, _squash(line.text), round(line.size, 1))
            for line in pdf_check.lines_of(glyphs)]
    theirs = [(n, _squash(t), round(max(g), 1)) for n, t, _, g in _lines(path) if g]
    assert sizes == [A4] * len(sizes)
    # pdfminer boxes list markers apart from their text, so its reading order differs:
    # the same glyphs on each page, and the same sizes
    for page in range(1, len(sizes) + 1):
        mine = "".join(t for n, t, _ in ours if n == page)
        other = "".join(t for n, t, _ in theirs if n == page)
        assert sorted(mine) == sorted(other)
        assert sorted({s for n, _, s in ours if n == page}) == sorted(
            {s for n, _, s in theirs if n == page})
    report = pdf_check.inspect(path, pdf_check.letter_lines(body), footer=pdf_check.PAGE_NUMBER)
    pdf_check.check_readable(report)
    assert report.pages == len(sizes) >= 3
    assert 10.5 <= report.body_pt <= 12 and report.heading_pt >= 16


def _old_style_pdf(body: str, path) -> None:
    """The letter printed as shopwatch did before: laid out for the screen and printed
    unscaled onto a 300 dpi page (4 pt text in the top third of the page)."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    from shopwatch.ui.pdf_export import cjk_font_family, letter_document

    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(20, 20, 20, 20), QPageLayout.Unit.Millimeter)
    document = letter_document(body, family=cjk_font_family())
    document.setPageSize(writer.pageLayout().paintRectPixels(300).size().toSizeF())
    document.print_(writer)
    del document, writer


def test_the_readability_check_refuses_a_4_pt_letter(qapp, tmp_path, shop_data, library):
    body = _letter(shop_data, library, "zh_CN")
    path = tmp_path / "tiny.pdf"
    _old_style_pdf(body, path)
    report = pdf_check.inspect(path, pdf_check.letter_lines(body), footer=pdf_check.PAGE_NUMBER)
    assert report.body_pt < 5
    with pytest.raises(pdf_check.PdfCheckError, match=r"prints [34]\.\d pt high"):
        pdf_check.check_readable(report)


def test_the_readability_check_names_a_line_missing_from_the_pdf(qapp, tmp_path, shop_data,
                                                                  library):
    from shopwatch.ui.pdf_export import export_pdf

    body = _letter(shop_data, library, "en")
    path = export_pdf(body, tmp_path / "appeal.pdf")
    lines = pdf_check.letter_lines(body) + ["A sentence the letter never had."]
    report = pdf_check.inspect(path, lines, footer=pdf_check.PAGE_NUMBER)
    assert report.missing == ("A sentence the letter never had.",)
    with pytest.raises(pdf_check.PdfCheckError, match="never had"):
        pdf_check.check_readable(report)


def test_the_self_test_pdf_check_fails_on_a_4_pt_letter(qapp, tmp_path, shop_data, library,
                                                        monkeypatch):
    from shopwatch.ui import pdf_export, selftest_ui

    body = _letter(shop_data, library, "zh_CN")
    path, detail = selftest_ui.export_letter_pdf(body, tmp_path / "ok.pdf")
    assert "body 11.0 pt" in detail and "every line present" in detail
    monkeypatch.setattr(pdf_export, "_write_pdf",
                        lambda body, target, *args: _old_style_pdf(body, target))
    with pytest.raises(selftest_ui.CheckFailed, match=r"prints [34]\.\d pt high"):
        selftest_ui.export_letter_pdf(body, tmp_path / "tiny.pdf")


def test_the_self_test_pdf_check_wants_a_long_letter_on_several_pages(qapp, tmp_path,
                                                                       shop_data, library):
    from shopwatch.ui import selftest_ui

    body = _letter(shop_data, library, "en")
    with pytest.raises(selftest_ui.CheckFailed, match="should fill 3 pages"):
        selftest_ui.export_letter_pdf(body, tmp_path / "short.pdf", min_pages=3)
