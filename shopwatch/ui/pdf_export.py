"""Appeal letters as PDF through Qt's PDF writer, with a CJK font embedded so Chinese prints
(and copies out of the PDF) on any machine.

Works without a display: if no Qt application exists yet, a QGuiApplication is created on the
offscreen platform where there is no display (the CLI's ``draft --output x.pdf``)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextListFormat,
)

from shopwatch.appeals import markup
from shopwatch.appeals.export import ExportError, to_html, write_atomically

#: CJK font files registered when no suitable family is installed system-wide (Debian/Ubuntu
#: fonts-wqy-microhei, fonts-wqy-zenhei, fonts-noto-cjk)
CJK_FONT_FILES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)
#: families preferred when installed: Windows, macOS, then common Linux ones
CJK_FAMILIES = (
    "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC",
    "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "SimSun",
)
LATIN_FALLBACKS = ("DejaVu Sans", "Arial", "Helvetica")
#: A4 with the margins of a formal letter; the page number sits in the bottom margin's band
MARGIN_MM = 22.0
TOP_MM = 22.0
FOOTER_MM = 12.0  # page edge to the page number's baseline area
FOOTER_BAND_MM = 11.0  # kept free above the page number: the text ends 23 mm from the edge
BODY_PT = 11.0
HEADING_PT = {1: 16.0, 2: 13.0, 3: 12.0}  # as in the .docx
LINE_HEIGHT_PERCENT = 125
FOOTER_PT = 9.0
RESOLUTION_DPI = 300


def _has_display() -> bool:
    return sys.platform in ("win32", "darwin") or bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


@contextmanager
def gui_application() -> Iterator[QGuiApplication]:
    """The running QGuiApplication, or one made for the duration (offscreen if headless)."""
    app = QCoreApplication.instance()
    if app is not None:
        if not isinstance(app, QGuiApplication):
            raise ExportError("PDF export needs a GUI application, but a console-only Qt "
                              "application is running.")
        yield app
        return
    if not _has_display():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication(["shopwatch"])
    try:
        yield app
    finally:
        # shut down fully, so the process may create another (e.g. a QApplication) later
        app.shutdown()
        del app


def cjk_font_family() -> str | None:
    """A font family that covers Simplified Chinese: an installed preferred one, else one of
    the known font files registered with Qt, else any the system offers."""
    installed = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    for path in CJK_FONT_FILES:
        if Path(path).is_file():
            font_id = QFontDatabase.addApplicationFont(path)
            families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            if families:
                return families[0]
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    return chinese[0] if chinese else None


def has_real_bold(family: str | None) -> bool:
    """Without a bold face Qt fakes bold by drawing text twice, which doubles it in the PDF's
    text layer (copy-paste, search, screen readers): such fonts get no bold."""
    if not family:
        return True
    return any("bold" in style.lower() for style in QFontDatabase.styles(family))


def letter_document(body: str, *, family: str | None) -> QTextDocument:
    """The letter as a QTextDocument (for PDF, and for a print preview)."""
    document = QTextDocument()
    font = QFont()
    font.setFamilies([f for f in (family, *LATIN_FALLBACKS) if f])
    font.setPointSizeF(BODY_PT)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setHtml(to_html(body, bold_ok=has_real_bold(family), font_family=family))
    _size_headings(document)
    return document


def _size_headings(document: QTextDocument) -> None:
    """Lines spaced at LINE_HEIGHT_PERCENT (as in the .docx); headings at HEADING_PT: Qt's <h1>/<h2> scale text by their own factor (2× and 1.5×)
    whatever size the HTML asks for, which made a 22 pt title."""
    block = document.begin()
    while block.isValid():
        spacing = block.blockFormat()
        spacing.setLineHeight(LINE_HEIGHT_PERCENT,
                              QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        QTextCursor(block).setBlockFormat(spacing)
        level = block.blockFormat().headingLevel()
        if level in HEADING_PT:
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                fmt = fragment.charFormat()
                fmt.clearProperty(QTextFormat.Property.FontSizeAdjustment)
                fmt.setFontPointSize(HEADING_PT[level])
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(),
                                   QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(fmt)
                fragments += 1
        block = block.next()


def letter_language(body: str) -> str:
    """zh_CN when the letter's title (else its text) is mostly Chinese, else en."""
    sample = markup.title_of(body) or body[:400]
    letters = [ch for ch in sample if ch.isalpha()]
    cjk = sum(1 for ch in letters if "\u4e00" <= ch <= "\u9fff")
    return "zh_CN" if letters and cjk * 2 >= len(letters) else "en"


def page_label(page: int, pages: int, language: str) -> str:
    if language.startswith("zh"):
        return f"第 {page} 页 / 共 {pages} 页"
    return f"Page {page} of {pages}"


def page_breaks(document: QTextDocument, height: float) -> list[tuple[float, float]]:
    """The (top, bottom) of each page's share of the laid-out letter: a page ends above the
    first line that would not fit whole, which starts the next page, so no line is cut or
    printed twice (Qt's own pagination let a heading straddle the break and drew it on both
    pages)."""
    document.size()  # lays the whole document out (layout is otherwise done lazily)
    lines = []
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        origin = layout.position().y()
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            lines.append((origin + line.y(), origin + line.y() + line.height()))
        block = block.next()
    pages: list[tuple[float, float]] = []
    top = 0.0
    for line_top, line_bottom in sorted(lines):
        if line_bottom > top + height and line_top > top:
            pages.append((top, line_top))
            top = line_top
    pages.append((top, max(top + height, document.size().height())))
    return pages


def _draw_lines(painter: QPainter, document: QTextDocument, device: QPdfWriter, top: float,
                bottom: float) -> None:
    """Draw the lines that start within [top, bottom) of the laid-out letter, and the list
    markers of the items they begin. Line by line: Qt's document painting draws every line
    of a paragraph that touches the clip, putting text from the next page into this page's
    text layer below the paper's edge."""
    painter.setPen(QColor("black"))
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        origin = layout.position()
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            y = origin.y() + line.y()
            if not top <= y < bottom:
                continue
            line.draw(painter, QPointF(origin.x(), origin.y() - top))
            text_list = block.textList()
            if n == 0 and text_list is not None:
                _draw_marker(painter, block, text_list, device,
                             QPointF(origin.x() + line.x(), y - top + line.ascent()))
        block = block.next()


def _draw_marker(painter: QPainter, block, text_list, device: QPdfWriter,
                 baseline: QPointF) -> None:
    """A list item's number ("1.") or bullet, right-aligned a space before its text."""
    style = text_list.format().style()
    numbered = style.value <= QTextListFormat.Style.ListDecimal.value  # decimal, alpha, roman
    marker = text_list.itemText(block) if numbered else "•"
    font = block.charFormat().font()
    metrics = QFontMetricsF(font, device)
    painter.save()
    painter.setFont(font)
    width = metrics.horizontalAdvance(marker + " ")
    painter.drawText(QPointF(baseline.x() - width, baseline.y()), marker)
    painter.restore()


def _write_pdf(body: str, target: Path, title: str, family: str | None, language: str) -> None:
    writer = QPdfWriter(str(target))
    writer.setResolution(RESOLUTION_DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(MARGIN_MM, TOP_MM, MARGIN_MM, FOOTER_MM),
                          QPageLayout.Unit.Millimeter)
    writer.setTitle(title)
    writer.setCreator("shopwatch")
    document = letter_document(body, family=family)
    # Lay the text out in the writer's own units, so point sizes are points on paper (laid
    # out for the screen and printed unscaled, an 11 pt letter came out 4 pt high).
    document.documentLayout().setPaintDevice(writer)
    area = writer.pageLayout().paintRectPixels(writer.resolution())
    px_per_mm = writer.resolution() / 25.4
    footer = round(FOOTER_BAND_MM * px_per_mm)
    page_height = area.height() - footer
    document.setTextWidth(area.width())
    pages = page_breaks(document, page_height)
    footer_font = QFont(document.defaultFont())
    footer_font.setPointSizeF(FOOTER_PT)
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError(f"{target}: the PDF could not be started.")
    try:
        for index, (top, bottom) in enumerate(pages):
            if index:
                writer.newPage()
            _draw_lines(painter, document, writer, top, bottom)
            painter.setFont(footer_font)
            painter.drawText(QRectF(0, area.height() - footer, area.width(), footer),
                             int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                             page_label(index + 1, len(pages), language))
    finally:
        painter.end()
    # the file is complete only once the writer is gone
    del document
    del writer


def export_pdf(body: str, path: Path, *, title: str | None = None,
               language: str | None = None) -> Path:
    """Write the letter (Markdown-subset source) to ``path`` as an A4 PDF with page numbers;
    ``language`` words them (default: guessed from the letter)."""
    title = title or markup.title_of(body) or "Appeal"
    language = language or letter_language(body)
    with gui_application():
        family = cjk_font_family()
        write_atomically(Path(path), lambda tmp: _write_pdf(body, tmp, title, family, language))
    if not Path(path).is_file() or Path(path).stat().st_size == 0:
        raise ExportError(f"{path}: the PDF could not be written.")
    return Path(path)
