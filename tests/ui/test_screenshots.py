"""Every page at a small laptop size (1024×700) and at full HD (1920×1080), in English and
Chinese, rendered to PNG (kept in SHOPWATCH_SHOTS when set, for a person to look at); at
1024×700 no action button shows its text cut, and the tables keep what matters."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QPushButton, QScrollArea

from shopwatch.ui import i18n
from shopwatch.ui.main_window import PAGE_KEYS
from shopwatch.ui.workers import wait_idle

SIZES = ((1024, 700), (1920, 1080))
LANGUAGES = (i18n.ENGLISH, i18n.CHINESE)


@pytest.fixture
def shots_dir(tmp_path) -> Path:
    folder = Path(os.environ.get("SHOPWATCH_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def show(controller, qtbot, page: str, size: tuple[int, int]):
    window = controller.window
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.show_page(page)
    assert wait_idle(15_000)
    qtbot.wait(30)
    assert wait_idle(15_000)
    return window


def clipped_buttons(root) -> list[str]:
    """Visible buttons whose text does not fit their width (Qt cuts it without an ellipsis)
    or that reach past the window's edge (cut off by a layout wider than the window)."""
    out = []
    window = root.window()
    for widget in root.findChildren(QAbstractButton):
        if not widget.isVisibleTo(window) or not widget.text() or widget.width() <= 0:
            continue
        hint = widget.sizeHint().width()
        if isinstance(widget, QPushButton) and widget.width() + 1 < hint:
            out.append(f"{widget.text()!r}: {widget.width()} < {hint}")
        right = widget.mapTo(window, widget.rect().topRight()).x()
        if right > window.width():
            out.append(f"{widget.text()!r}: ends at x={right}, past the window's {window.width()}")
    return out


def sideways_columns(root) -> list[str]:
    """Visible scroll areas (a form column, a settings tab) whose content is wider than the
    area: the seller would have to scroll sideways, or the right edge is cut off."""
    out = []
    window = root.window()
    for area in root.findChildren(QScrollArea):
        content = area.widget()
        if content is None or not area.isVisibleTo(window):
            continue
        if content.width() > area.viewport().width() + 1:
            out.append(f"{area.objectName() or type(content).__name__}: "
                       f"{content.width()} > {area.viewport().width()}")
    return out


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_renders_at_both_sizes(qtbot, controller, qm_cache, shots_dir, language):
    i18n.Translators(qm_cache).apply(language)
    try:
        controller.window.build_pages()
        controller.start(show=False, schedule=False, welcome=False)
        for size in SIZES:
            for page in PAGE_KEYS:
                window = show(controller, qtbot, page, size)
                image = window.grab()
                assert (image.width(), image.height()) == size
                target = shots_dir / f"{page}_{language}_{size[0]}x{size[1]}.png"
                assert image.save(str(target), "PNG")
    finally:
        i18n.Translators(qm_cache).apply(i18n.ENGLISH)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_action_button_is_clipped_at_1024x700(qtbot, controller, qm_cache, language):
    i18n.Translators(qm_cache).apply(language)
    try:
        controller.window.build_pages()
        controller.start(show=False, schedule=False, welcome=False)
        clipped = {}
        for page in PAGE_KEYS:
            window = show(controller, qtbot, page, (1024, 700))
            found = clipped_buttons(window.pages[page]) + sideways_columns(window.pages[page])
            if found:
                clipped[page] = found
        assert clipped == {}
    finally:
        i18n.Translators(qm_cache).apply(i18n.ENGLISH)
