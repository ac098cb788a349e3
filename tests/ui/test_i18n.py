"""Languages: the Chinese catalogue is complete and loads, widgets show Chinese, switching
language at run time rebuilds the window, the catalogues are compiled at build time by Qt's
lrelease (the app ships and loads .qm, it compiles nothing), and dates and prices follow the
language."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtGui import QFontMetrics

from shopwatch.ui import fmt, i18n, labels
from shopwatch.ui.resources import i18n_dir

ZH_TS = i18n_dir() / "shopwatch_zh_CN.ts"
EN_TS = i18n_dir() / "shopwatch_en.ts"
PLACEHOLDER = re.compile(r"%(?:\d|n)|\{\d\}")


def messages(path: Path):
    root = ET.parse(path).getroot()
    for context in root.iter("context"):
        for message in context.iter("message"):
            yield context.findtext("name") or "", message


def test_every_string_has_a_chinese_translation_with_the_same_placeholders():
    missing, broken = [], []
    for context, message in messages(ZH_TS):
        source = message.findtext("source") or ""
        node = message.find("translation")
        forms = ([f.text or "" for f in node.iter("numerusform")]
                 if message.get("numerus") == "yes" else [node.text or ""])
        if node.get("type") == "unfinished" or not all(forms):
            missing.append((context, source))
            continue
        for form in forms:
            if sorted(PLACEHOLDER.findall(form)) != sorted(PLACEHOLDER.findall(source)):
                broken.append((context, source, form))
    assert missing == []
    assert broken == []


def test_english_plural_forms_exist_for_every_numerus_message():
    for _context, message in messages(EN_TS):
        if message.get("numerus") == "yes":
            forms = [f.text for f in message.find("translation").iter("numerusform")]
            assert len(forms) == 2 and all(forms), message.findtext("source")


def test_the_chinese_catalogue_loads_and_translates(qapp, qm_cache):
    target = i18n.catalogue(i18n.CHINESE)
    assert target is not None and target.suffix == ".qm"
    translator = QTranslator()
    assert translator.load(str(target))
    assert translator.language() == "zh_CN"
    assert translator.translate("MainWindow", "Overview") == "总览"
    assert translator.translate("Tray", "%n listing(s) deleted by the platform", None, 12) \
        == "%n 件宝贝被平台删除"


def test_every_catalogue_is_shipped_compiled_and_current(qm_cache):
    """The build step made a .qm for every .ts, none older than its source, and each loads."""
    for ts in sorted(i18n_dir().glob("*.ts")):
        qm = ts.with_suffix(".qm")
        assert qm.exists(), f"{qm.name} was not built"
        assert qm.stat().st_mtime >= ts.stat().st_mtime, f"{qm.name} is older than {ts.name}"
        assert QTranslator().load(str(qm)), qm


def test_the_build_step_compiles_with_lrelease_and_every_string_is_translated(qapp, tmp_path):
    """packaging/translations.py (setup.py's build_py, packaging/build.py) into a clean
    folder: Qt's lrelease output, where every message of the Chinese catalogue translates."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))
    from translations import compile_catalogues

    built = compile_catalogues(i18n_dir(), tmp_path)
    assert sorted(p.name for p in built) == ["shopwatch_en.qm", "shopwatch_zh_CN.qm"]
    zh = QTranslator()
    assert zh.load(str(tmp_path / "shopwatch_zh_CN.qm"))
    untranslated = []
    for context, message in messages(ZH_TS):
        if message.find("translation").get("type") == "obsolete":
            continue
        source = message.findtext("source") or ""
        n = 3 if message.get("numerus") == "yes" else -1
        if not zh.translate(context, source, None, n):
            untranslated.append((context, source))
    assert untranslated == []


def test_the_app_compiles_no_translations_at_run_time(tmp_path):
    import importlib.util

    assert importlib.util.find_spec("shopwatch.ui.qm") is None  # the runtime compiler is gone
    before = set(tmp_path.rglob("*"))
    i18n.Translators(tmp_path).apply(i18n.CHINESE)
    i18n.Translators(tmp_path).apply(i18n.ENGLISH)
    assert set(tmp_path.rglob("*")) == before  # loading compiled and cached nothing


def test_the_system_locale_picks_the_default_language():
    chinese = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    taiwan = QLocale(QLocale.Language.Chinese, QLocale.Country.Taiwan)
    german = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    assert i18n.resolve_language("", chinese) == i18n.CHINESE
    assert i18n.resolve_language("", taiwan) == i18n.CHINESE
    assert i18n.resolve_language("", german) == i18n.ENGLISH
    assert i18n.resolve_language("en", chinese) == i18n.ENGLISH  # Settings override
    assert i18n.resolve_language("zh_CN", german) == i18n.CHINESE
    assert i18n.resolve_language("klingon", german) == i18n.ENGLISH


def test_widgets_show_chinese(qtbot, session, qm_cache):
    from shopwatch.ui.main_window import MainWindow

    i18n.Translators(qm_cache).apply(i18n.CHINESE)
    window = MainWindow(session)
    qtbot.addWidget(window)
    titles = [window.sidebar.nav.item(i).text() for i in range(window.sidebar.nav.count())]
    assert titles[:4] == ["总览", "宝贝", "提醒", "处罚与扣分"]
    assert window.syncbar.sync.text() == "立即同步"
    assert labels.listing_status("violation_off_shelf") == "违规下架"
    assert fmt.price_text("1280.5") == "¥1,280.50"
    assert fmt.datetime_text("2026-03-05T09:30:00+00:00").startswith("3月5日")


def test_switching_language_rebuilds_the_window(qtbot, controller):
    window = controller.window
    window.show_page("alerts")
    assert window.sidebar.nav.item(0).text() == "Overview"
    controller.set_language("zh_CN")
    qtbot.waitUntil(lambda: window.sidebar.nav.item(0).text() == "总览", timeout=5000)
    assert window.current == "alerts"  # the page shown stays shown
    assert window.pages["alerts"].header.title.text() == "提醒"
    controller.set_language("en")
    qtbot.waitUntil(lambda: window.sidebar.nav.item(0).text() == "Overview", timeout=5000)


def test_chinese_text_has_glyphs_in_the_ui_font(qapp, qm_cache):
    from shopwatch.ui import theme

    font = theme.pick_font(chinese=True)
    metrics = QFontMetrics(font)
    if not any(name in font.families() for name in theme.CJK_FAMILIES):
        pytest.skip("no CJK font installed (Debian: fonts-wqy-microhei)")
    for char in "总览宝贝提醒处罚与扣分申诉设置违规下架":
        assert metrics.inFontUcs4(ord(char)), char


def test_english_dates_and_prices(qapp, english):
    assert QCoreApplication.translate("Format", "in %n day(s)", None, 1) == "in 1 day"
    assert fmt.price_text("12.5") == "¥12.50"
    assert fmt.price_text(None) == "—"
    assert fmt.datetime_text("") == "—"


def test_counts_have_thousands_separators_in_both_languages(qapp, qm_cache):
    from PySide6.QtCore import QCoreApplication

    try:
        for language, expected in ((i18n.ENGLISH, "20,000 listings in the shop"),
                                   (i18n.CHINESE, "店铺共 20,000 件宝贝")):
            i18n.Translators(qm_cache).apply(language)
            text = QCoreApplication.translate("ListingsPage", "%Ln listing(s) in the shop", "",
                                              20_000)
            assert text == expected
    finally:
        i18n.Translators(qm_cache).apply(i18n.ENGLISH)


def test_the_banners_speak_the_new_language_after_a_switch(qtbot, controller):
    from shopwatch.store import queries
    from shopwatch.ui.jobs import SyncOutcome

    window = controller.window
    window.show()
    controller.session.settings.notifications = True
    shop = controller.session.shop
    alerts = [a for a in queries.list_alerts(controller.session.db, shop_id=shop.id)
              if a.severity == "critical"][:5]
    controller._report(SyncOutcome(shop.id, "Demo", "failed", "HTTP 500", "network",
                                   alerts=alerts))
    assert window.note_banner.heading.text().startswith("5 new important alerts")
    english_error = window.error_banner.heading.text()
    controller.set_language("zh_CN")
    qtbot.waitUntil(lambda: window.sidebar.nav.item(0).text() == "总览", timeout=5000)
    assert window.note_banner.heading.text() == "5 条新的重要提醒"
    assert window.error_banner.heading.text() != english_error
    assert "同步失败" in window.error_banner.heading.text()
    controller.set_language("en")
    qtbot.waitUntil(lambda: window.sidebar.nav.item(0).text() == "Overview", timeout=5000)


def test_a_remembered_date_text_follows_the_language(qapp, qm_cache):
    """datetime_text remembers its answers (tables repaint the same stamps): a language
    switch must not serve the other language's text."""
    stamp = "2026-03-05T09:30:00+00:00"
    try:
        i18n.Translators(qm_cache).apply(i18n.ENGLISH)
        english = fmt.datetime_text(stamp)
        assert english == fmt.datetime_text(stamp) == fmt._datetime_text(stamp, None)
        assert english.startswith("Mar 5")
        i18n.Translators(qm_cache).apply(i18n.CHINESE)
        assert fmt.datetime_text(stamp).startswith("3月5日")
    finally:
        i18n.Translators(qm_cache).apply(i18n.ENGLISH)
