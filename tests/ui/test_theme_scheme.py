"""Dark mode follows the system: the scheme is chosen from Qt's colour scheme (unknown means
light), ``SHOPWATCH_COLOR_SCHEME`` forces one, and a switch while the app runs repaints
what is on screen, painted widgets and badges included. Every page in dark has no white
boxes (rendered to PNG in SHOPWATCH_SHOTS when set, for a person to look at)."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette

from shopwatch.ui import theme
from shopwatch.ui.main_window import PAGE_KEYS
from shopwatch.ui.workers import wait_idle

SIZE = (1280, 800)


@pytest.fixture
def themed(qapp, monkeypatch):
    """The app's theme applied as at start-up, following the (offscreen) system; the
    test app's look is restored afterwards so other tests see what they always saw."""
    monkeypatch.delenv(theme.SCHEME_ENV, raising=False)
    old = (qapp.styleSheet(), QPalette(qapp.palette()), qapp.font(), qapp.style().name())
    theme.apply(qapp)
    yield qapp
    theme.use(qapp, theme.LIGHT)
    sheet, palette, font, style = old
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)
    qapp.setStyle(style)
    qapp.setProperty("shopwatch-scheme", None)


def system_switches_to(qapp, scheme: Qt.ColorScheme) -> None:
    # what the platform does when the user flips the desktop's setting (the offscreen
    # platform has no setting of its own, so the test sends Qt's signal itself)
    qapp.styleHints().colorSchemeChanged.emit(scheme)


def show(controller, qtbot, page: str):
    window = controller.window
    window.resize(*SIZE)
    window.show()
    qtbot.waitExposed(window)
    window.show_page(page)
    assert wait_idle(15_000)
    qtbot.wait(30)
    assert wait_idle(15_000)
    return window


def colors(image: QImage) -> Counter:
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    return Counter(image.pixelColor(x, y).name()
                   for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
                   if image.pixelColor(x, y).alpha() == 255)


def dominant(image: QImage) -> str:
    return colors(image).most_common(1)[0][0].upper()


def white_share(image: QImage) -> float:
    """The share of (nearly) white pixels: a light box left in a dark window."""
    counted = colors(image)
    white = sum(n for name, n in counted.items() if QColor(name).lightnessF() > 0.93)
    return white / max(1, sum(counted.values()))


def test_unknown_and_light_systems_get_the_light_scheme_and_dark_gets_dark():
    assert theme.scheme_for(Qt.ColorScheme.Unknown) is theme.LIGHT
    assert theme.scheme_for(Qt.ColorScheme.Light) is theme.LIGHT
    assert theme.scheme_for(Qt.ColorScheme.Dark) is theme.DARK


def test_the_environment_variable_forces_a_scheme(qapp, monkeypatch):
    monkeypatch.setenv(theme.SCHEME_ENV, "dark")
    assert theme.system_scheme(qapp) is theme.DARK
    monkeypatch.setenv(theme.SCHEME_ENV, " Light ")
    assert theme.system_scheme(qapp) is theme.LIGHT


def test_a_misspelt_scheme_is_reported_and_the_system_followed(qapp, monkeypatch, caplog):
    monkeypatch.setenv(theme.SCHEME_ENV, "drak")
    with caplog.at_level(logging.WARNING, logger="shopwatch.ui.theme"):
        scheme = theme.system_scheme(qapp)
    assert scheme is theme.scheme_for(qapp.styleHints().colorScheme())
    assert "'drak'" in caplog.text and theme.SCHEME_ENV in caplog.text


def test_a_forced_scheme_ignores_the_systems_switch(themed, monkeypatch):
    monkeypatch.setenv(theme.SCHEME_ENV, "light")
    system_switches_to(themed, Qt.ColorScheme.Dark)
    assert theme.current() is theme.LIGHT


def test_the_window_turns_dark_with_the_system_and_back(themed, controller, qtbot):
    qapp = themed
    assert theme.current() is theme.LIGHT  # the offscreen platform's scheme is unknown
    controller.start(show=False, schedule=False, welcome=False)
    window = show(controller, qtbot, "overview")
    page = window.pages["overview"]
    light_share = white_share(window.grab().toImage())
    assert light_share > 0.5  # the measure sees a light window as light

    changed = []
    theme.signals().changed.connect(changed.append)
    system_switches_to(qapp, Qt.ColorScheme.Dark)
    qtbot.wait(30)
    assert changed == ["dark"] and theme.current() is theme.DARK
    assert qapp.palette().color(QPalette.ColorRole.Window) == QColor(theme.DARK.window)
    assert dominant(page.verdict_card.grab().toImage()) == theme.DARK.card
    # painted once, read at paint time: the verdict's dot and the daily chart
    dot = page.verdict_dot
    assert dot.color in theme.SEMANTIC
    assert dominant(dot.grab().toImage()) == getattr(theme.DARK, dot.color)
    chart = colors(page.chart.grab().toImage())
    assert chart[theme.DARK.chart_line.lower()] > 0
    assert chart[theme.LIGHT.chart_line.lower()] == 0
    assert white_share(window.grab().toImage()) < 0.01

    system_switches_to(qapp, Qt.ColorScheme.Light)
    qtbot.wait(30)
    assert theme.current() is theme.LIGHT and changed == ["dark", "light"]
    assert dominant(page.verdict_card.grab().toImage()) == theme.LIGHT.card
    assert colors(page.chart.grab().toImage())[theme.LIGHT.chart_line.lower()] > 0


def test_a_badge_label_follows_the_scheme(themed, qtbot):
    from shopwatch.ui.widgets.badges import BadgeLabel

    badge = BadgeLabel("Critical", "critical")
    qtbot.addWidget(badge)
    assert theme.LIGHT.critical_text.lower() in badge.styleSheet().lower()
    theme.use(themed, theme.DARK)
    assert theme.DARK.critical_text.lower() in badge.styleSheet().lower()


@pytest.fixture
def shots_dir(tmp_path) -> Path:
    folder = Path(os.environ.get("SHOPWATCH_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def fill_an_appeal(window, qtbot) -> None:
    """The appeal editor with a whole letter in its preview (demo notice, typed evidence)."""
    editor = window.pages["appeals"].editor
    combo = editor.notice_combo
    for i in range(combo.count()):
        if "False trading" in combo.itemText(i):
            combo.setCurrentIndex(i)
            break
    editor.form.set_value("order_ids", "3561234567890123456, 3561234567890123457")
    editor.form.set_value("logistics_company", "顺丰速运")
    editor.form.set_value("tracking_numbers", "SF1234567890123")
    qtbot.waitUntil(lambda: "SF1234567890123" in editor.preview.toPlainText(), timeout=5000)


def test_every_page_in_dark_has_no_white_boxes(themed, controller, qtbot, shots_dir):
    theme.use(themed, theme.DARK)
    controller.start(show=False, schedule=False, welcome=False)
    shares = {}
    for page in PAGE_KEYS:
        window = show(controller, qtbot, page)
        if page == "appeals":
            fill_an_appeal(window, qtbot)
            preview = window.pages["appeals"].editor.preview.viewport().grab().toImage()
            assert dominant(preview) == theme.DARK.card  # the letter on a dark sheet
            assert colors(preview)[theme.DARK.ink.lower()] > 0  # in light ink
        image = window.grab().toImage()
        assert image.save(str(shots_dir / f"{page}_dark_{SIZE[0]}x{SIZE[1]}.png"), "PNG")
        shares[page] = white_share(image)
    assert all(share < 0.01 for share in shares.values()), shares


def test_the_screenshot_command_renders_dark_when_told(tmp_path, demo_template):
    # what the README documents for screenshots: the variable, read by the theme only
    profile = tmp_path / "p"
    profile.mkdir()
    shutil.copy2(demo_template / "shopwatch.db", profile / "shopwatch.db")
    target = tmp_path / "overview-dark.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", theme.SCHEME_ENV: "dark"}
    done = subprocess.run(
        [sys.executable, "-m", "shopwatch", "--data-dir", str(profile), "gui",
         "--page", "overview", "--screenshot", str(target)],
        env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    image = QImage(str(target))
    assert (image.width(), image.height()) == SIZE
    assert dominant(image) in (theme.DARK.window, theme.DARK.card)
    assert white_share(image) < 0.01


def test_colours_are_looked_up_by_role_and_a_misspelt_role_is_an_error(themed):
    theme.use(themed, theme.DARK)
    assert theme.color("critical") == theme.DARK.critical
    assert theme.text_color("critical") == QColor(theme.DARK.critical_text)
    assert theme.INK == theme.DARK.ink  # the first generation's constants, now live
    assert theme.color("#123456") == "#123456"
    with pytest.raises(KeyError, match="crtical"):
        theme.color("crtical")
