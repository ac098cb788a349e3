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

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
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
MARGIN_MM = 20.0
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
    font.setPointSizeF(11)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setHtml(to_html(body, bold_ok=has_real_bold(family), font_family=family))
    return document


def _write_pdf(body: str, target: Path, title: str, family: str | None) -> None:
    writer = QPdfWriter(str(target))
    writer.setResolution(RESOLUTION_DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                          QPageLayout.Unit.Millimeter)
    writer.setTitle(title)
    writer.setCreator("shopwatch")
    document = letter_document(body, family=family)
    document.setPageSize(writer.pageLayout().paintRectPixels(writer.resolution()).size().toSizeF())
    document.print_(writer)
    # the file is complete only once the writer is gone
    del document
    del writer


def export_pdf(body: str, path: Path, *, title: str | None = None) -> Path:
    """Write the letter (Markdown-subset source) to ``path`` as an A4 PDF."""
    title = title or markup.title_of(body) or "Appeal"
    with gui_application():
        family = cjk_font_family()
        write_atomically(Path(path), lambda tmp: _write_pdf(body, tmp, title, family))
    if not Path(path).is_file() or Path(path).stat().st_size == 0:
        raise ExportError(f"{path}: the PDF could not be written.")
    return Path(path)
