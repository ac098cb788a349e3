"""The Qt half of ``shopwatch --self-test`` (``shopwatch.selftest`` runs it): the main window
built on the synced demo shop and rendered offscreen page by page, and the appeal letter
exported as PDF. Each check raises ``CheckFailed`` with what it found, which the self-test
reports as the step's failure."""

from __future__ import annotations

import re
import zlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QSize, QTranslator
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication


class CheckFailed(Exception):
    """A check did not hold; the message says what was found."""

    check_failure = True  # shopwatch.selftest reports the message as the step's failure


WINDOW_SIZE = QSize(1280, 800)
#: a rendered page with fewer distinct colours than this (on a sample grid) is blank
MIN_COLOURS = 4


def application() -> QApplication:
    """The app's own QApplication set-up (name, icon, theme), as ``shopwatch gui`` makes it;
    offscreen because the caller set QT_QPA_PLATFORM."""
    app = QCoreApplication.instance()
    if app is not None and not isinstance(app, QApplication):
        raise CheckFailed(f"a {type(app).__name__} is running; widgets need a QApplication")
    from shopwatch.ui import app as gui

    return gui.application()


def distinct_colours(image: QImage, grid: int = 24) -> int:
    """Distinct colours on a ``grid`` x ``grid`` sample: a cheap "is anything drawn" test."""
    seen: set[int] = set()
    width, height = image.width(), image.height()
    for i in range(grid):
        for j in range(grid):
            seen.add(image.pixel(int((i + 0.5) * width / grid), int((j + 0.5) * height / grid)))
    return len(seen)


def _grab(window: Any, name: str, out_dir: Path) -> Path:
    image = window.grab().toImage()
    if image.isNull() or image.width() < 100 or image.height() < 100:
        raise CheckFailed(f"{name} rendered to a {image.width()}x{image.height()} image")
    colours = distinct_colours(image)
    if colours < MIN_COLOURS:
        raise CheckFailed(f"{name} rendered blank ({colours} colours)")
    path = out_dir / f"window-{name}.png"
    if not image.save(str(path), "PNG"):
        raise CheckFailed(f"cannot write {path} (PNG support missing?)")
    return path


def render_main_window(profile: Path, db: Any, out_dir: Path) -> dict[str, Path]:
    """Start the desktop app the way ``shopwatch gui`` does (application, translations,
    controller; no tray, no scheduled syncs) over ``db``, grab every page of the main window
    to a PNG in ``out_dir``, then switch to Simplified Chinese and grab the overview again.
    Returns {shot name: PNG}."""
    from shopwatch.config import load_settings
    from shopwatch.ui import app as gui
    from shopwatch.ui import i18n, resources
    from shopwatch.ui.controller import AppController
    from shopwatch.ui.main_window import PAGE_KEYS
    from shopwatch.ui.session import Session

    application()
    translators = i18n.Translators(resources.cache_dir(profile))
    translators.apply("en")
    session = Session(profile, db, load_settings(profile))
    controller = AppController(session, translators, tray=False)
    shots: dict[str, Path] = {}
    try:
        controller.start(show=False, schedule=False, welcome=False)
        window = controller.window
        window.resize(WINDOW_SIZE)
        window.show()
        gui.settle()
        for key in PAGE_KEYS:
            window.show_page(key)
            gui.settle(100)
            shots[key] = _grab(window, key, out_dir)
        # Simplified Chinese: shopwatch's catalogue (compiled .qm), Qt's own, CJK in widgets
        if not translators.apply("zh_CN"):
            raise CheckFailed("the Simplified Chinese translation of shopwatch did not load")
        qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if not QTranslator().load("qtbase_zh_CN", qt_translations):
            raise CheckFailed(f"Qt's own Chinese translation is missing from {qt_translations}")
        controller.set_language("zh_CN")
        gui.settle()
        window.show_page("overview")
        gui.settle(100)
        shots["overview-zh_CN"] = _grab(window, "overview-zh_CN", out_dir)
    finally:
        controller.quit()
        gui.settle(50)
        session.deleteLater()
    return shots


def _pdf_text_codes(data: bytes) -> set[int]:
    """Unicode code points named in the PDF's ToUnicode maps (its copyable text layer)."""
    codes: set[int] = set()
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL):
        try:
            chunk = zlib.decompress(match.group(1))
        except zlib.error:
            chunk = match.group(1)
        if b"beginbfchar" in chunk or b"beginbfrange" in chunk:
            codes.update(int(code, 16) for code in re.findall(rb"<([0-9A-Fa-f]{4})>", chunk))
    return codes


def export_letter_pdf(body: str, path: Path, *, language: str | None = None,
                      min_pages: int = 1) -> tuple[Path, str]:
    """Export ``body`` as PDF the way the app does and read it back: a complete file with its
    font embedded, text 10.5-12 pt with larger headings and margins, every line of the letter
    present, at least ``min_pages`` pages. Returns (path, a summary for the report)."""
    from shopwatch.appeals import pdf_check
    from shopwatch.ui import pdf_export

    application()
    pdf_export.export_pdf(body, path, language=language)
    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise CheckFailed(f"{path.name} is not a complete PDF ({len(data)} bytes)")
    if b"/FontFile" not in data:
        raise CheckFailed(f"{path.name} embeds no font: its text would not display elsewhere")
    family = pdf_export.cjk_font_family()
    try:
        report = pdf_check.inspect(path, pdf_check.letter_lines(body),
                                   footer=pdf_check.PAGE_NUMBER)
        pdf_check.check_readable(report)
    except pdf_check.PdfCheckError as exc:
        raise CheckFailed(f"{path.name}: {exc}") from None
    if report.pages < min_pages:
        raise CheckFailed(f"{path.name}: a letter this long should fill {min_pages} pages or "
                          f"more, but printed on {report.pages}")
    detail = f"{len(data) // 1024} KB, {report.summary()}, every line present, font " \
             f"{family or 'default'}"
    cjk = [ord(ch) for ch in body if "\u4e00" <= ch <= "\u9fff"]
    if cjk:
        found = _pdf_text_codes(data)
        sample = set(cjk[:200])
        share = len(sample & found) / len(sample)
        if family is None:
            detail += ("; WARNING: no Simplified Chinese font on this system, Chinese letters "
                       "print as empty boxes (install one, e.g. fonts-wqy-microhei)")
        elif share < 0.9:
            raise CheckFailed(f"only {share:.0%} of the letter's Chinese characters reached the "
                             f"PDF's text layer (font {family})")
    return path, detail
