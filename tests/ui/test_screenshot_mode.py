"""Screenshot mode (docs and tests): every page, in English and Chinese, renders to a PNG that
is not blank; the command line runs the demo first on an empty profile and exits 0."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from shopwatch.ui.app import GuiOptions, run
from shopwatch.ui.main_window import PAGE_KEYS


def distinct_colours(image: QImage, step: int = 16) -> int:
    return len({image.pixel(x, y) for x in range(0, image.width(), step)
                for y in range(0, image.height(), step)})


@pytest.fixture(scope="module")
def shots(tmp_path_factory, demo_template: Path, qapp) -> dict[tuple[str, str], Path]:
    profile = tmp_path_factory.mktemp("shots-profile")
    shutil.copy2(demo_template / "shopwatch.db", profile / "shopwatch.db")
    out = tmp_path_factory.mktemp("shots")
    made = {}
    for lang in ("en", "zh_CN"):
        for page in PAGE_KEYS:
            target = out / f"{page}_{lang}.png"
            code = run(GuiOptions(data_dir=str(profile), demo=True, page=page,
                                  screenshot=target, lang=lang))
            assert code == 0, (page, lang)
            made[(page, lang)] = target
    from shopwatch.ui import i18n

    i18n.Translators(None).apply(i18n.ENGLISH)  # leave the shared app as the tests expect
    return made


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize("page", PAGE_KEYS)
def test_each_page_renders_a_non_blank_png(shots, page, lang):
    image = QImage(str(shots[(page, lang)]))
    assert not image.isNull()
    assert (image.width(), image.height()) == (1280, 800)
    assert distinct_colours(image) >= 8  # sidebar, cards, text, badges: not a flat fill


def test_languages_render_differently(shots):
    en = QImage(str(shots[("overview", "en")]))
    zh = QImage(str(shots[("overview", "zh_CN")]))
    assert en != zh


def test_an_unknown_page_is_refused(tmp_path):
    code = run(GuiOptions(data_dir=str(tmp_path), page="nope", screenshot=tmp_path / "x.png"))
    assert code == 2
    assert not (tmp_path / "x.png").exists()


@pytest.mark.slow
def test_the_command_line_prepares_the_demo_and_exits_0(tmp_path):
    target = tmp_path / "alerts.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "shopwatch", "--data-dir", str(tmp_path / "p"), "gui", "--demo",
         "--page", "alerts", "--screenshot", str(target), "--lang", "zh_CN"],
        env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    image = QImage(str(target))
    assert not image.isNull() and distinct_colours(image) >= 8
