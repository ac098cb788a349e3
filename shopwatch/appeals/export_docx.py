"""The letter as a Word document (python-docx), loaded on first use by ``appeals.export``."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from shopwatch.appeals import markup
from shopwatch.appeals.export import FONTS, write_atomically


def _set_run_fonts(rpr_owner, latin: str, cjk: str, lang: str | None = None) -> None:
    """Latin and East Asian fonts on a style or run: Word picks the font per script, and
    without an East Asian font set it shows Chinese in a fallback of its choosing."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), cjk)
    for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme_attr), None)  # a theme font would override the names above
    if lang:
        element = rpr.find(qn("w:lang"))
        if element is None:
            element = OxmlElement("w:lang")
            rpr.append(element)
        element.set(qn("w:val"), lang)
        element.set(qn("w:eastAsia"), "zh-CN")


def _style_document(doc, language: str) -> None:
    fonts = FONTS.get(language, FONTS["en"])
    normal = doc.styles["Normal"]
    normal.font.size = Pt(11)
    _set_run_fonts(normal.element, fonts["body_latin"], fonts["body_cjk"], fonts["lang"])
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.25
    for level, size in ((1, 16), (2, 13), (3, 12)):
        style = doc.styles[f"Heading {level}"]
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0, 0, 0)
        _set_run_fonts(style.element, fonts["heading_latin"], fonts["heading_cjk"], fonts["lang"])
        style.paragraph_format.space_before = Pt(12 if level > 1 else 0)
        style.paragraph_format.space_after = Pt(6)
    section = doc.sections[0]
    # A4: the paper size of Chinese (and most) offices
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.5)


def _add_runs(paragraph, lines: list[str]) -> None:
    for n, line in enumerate(lines):
        if n:
            paragraph.add_run().add_break()
        for text, bold in markup.spans(line):
            run = paragraph.add_run(text)
            if bold:
                run.bold = True


def build_docx(body: str, *, language: str):
    """A python-docx Document of the letter (exposed for tests and callers that save it)."""
    doc = Document()
    _style_document(doc, language)
    doc.core_properties.title = markup.title_of(body)
    doc.core_properties.language = FONTS.get(language, FONTS["en"])["lang"]
    doc.core_properties.author = ""
    for block in markup.parse(body):
        if block.kind == "heading":
            paragraph = doc.add_heading(level=block.level)
            if block.level == 1:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _add_runs(paragraph, block.lines)
        elif block.kind == "paragraph":
            _add_runs(doc.add_paragraph(), block.lines)
        elif block.ordered:
            # The number is written as the template wrote it: Word's own list numbering would
            # run on from one list to the next across the whole letter.
            paragraph = doc.add_paragraph()
            indent = Cm(0.75 * block.level)
            paragraph.paragraph_format.left_indent = indent
            paragraph.paragraph_format.first_line_indent = -Cm(0.75)
            paragraph.paragraph_format.space_after = Pt(2)
            paragraph.add_run(f"{block.number}.\t")
            paragraph.paragraph_format.tab_stops.add_tab_stop(indent)
            _add_runs(paragraph, block.lines)
        else:
            style = "List Bullet 2" if block.level == 2 else "List Bullet"
            paragraph = doc.add_paragraph(style=style)
            paragraph.paragraph_format.space_after = Pt(2)
            _add_runs(paragraph, block.lines)
    return doc


def export_docx(body: str, path: Path, *, language: str) -> Path:
    doc = build_docx(body, language=language)
    return write_atomically(path, lambda tmp: doc.save(str(tmp)))
