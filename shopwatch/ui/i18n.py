"""Which language the app speaks, and loading its translations.

The system locale picks the default (any Chinese locale gets Simplified Chinese, everything
else English); Settings → General → Language overrides it. English is the source language but
still loads its own catalogue, for plural forms ("1 listing" / "2 listings").

Compiled catalogues (.qm) are build products, made by ``pyside6-lrelease`` when the wheel,
an editable install or a bundle is built (``packaging/translations.py``); the app only loads
them. A missing catalogue leaves the app in English, with a warning in the log."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from shopwatch.ui.resources import i18n_dir

log = logging.getLogger(__name__)

ENGLISH = "en"
CHINESE = "zh_CN"
SUPPORTED = (ENGLISH, CHINESE)
#: language names shown in Settings, each in its own language (never translated)
NATIVE_NAMES = {ENGLISH: "English", CHINESE: "简体中文"}


def resolve_language(setting: str | None, system: QLocale | None = None) -> str:
    """The language to use: the Settings choice if it is one we ship, else the system's."""
    if setting in SUPPORTED:
        return setting
    locale = system if system is not None else QLocale.system()
    return CHINESE if locale.language() == QLocale.Language.Chinese else ENGLISH


def current_language() -> str:
    """The language the UI speaks now (``Translators.apply`` sets the default locale)."""
    return CHINESE if QLocale().language() == QLocale.Language.Chinese else ENGLISH


def locale_for(language: str) -> QLocale:
    """Dates, numbers and prices follow the UI language (a Chinese UI with English dates, or
    the reverse, reads badly)."""
    if language == CHINESE:
        return QLocale(QLocale.Language.Chinese, QLocale.Script.SimplifiedChineseScript,
                       QLocale.Country.China)
    system = QLocale.system()
    if system.language() == QLocale.Language.English:
        return system  # keep en_GB / en_AU date order where the user has it
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def catalogue(language: str, cache: Path | None = None) -> Path | None:
    """The shipped .qm for ``language`` (None when the build made none). ``cache`` is kept for
    callers of the earlier runtime compiler; nothing is compiled or cached any more."""
    shipped = i18n_dir() / f"shopwatch_{language}.qm"
    if shipped.exists():
        return shipped
    log.warning("no compiled translations at %s; build them with pyside6-lrelease "
                "(python packaging/translations.py)", shipped)
    return None


class Translators:
    """The translators installed on the application; switching language swaps them."""

    def __init__(self, cache: Path | None) -> None:
        self.cache = cache
        self.language = ENGLISH
        self._installed: list[QTranslator] = []

    def apply(self, language: str) -> bool:
        """Install ``language``'s catalogues, replacing whatever shopwatch installed before
        (by any ``Translators``: the set lives on the application object, so two languages
        are never loaded at once); returns whether shopwatch's own catalogue loaded."""
        app = QCoreApplication.instance()
        previous = getattr(app, "_shopwatch_translators", []) if app is not None else []
        for translator in [*previous, *self._installed]:
            if app is not None:
                app.removeTranslator(translator)
        self._installed = []
        self.language = language if language in SUPPORTED else ENGLISH
        QLocale.setDefault(locale_for(self.language))

        loaded = False
        path = catalogue(self.language, self.cache)
        if path is not None:
            own = QTranslator()
            if own.load(str(path)):
                self._installed.append(own)
                loaded = True
            else:
                log.warning("cannot load translations from %s", path)
        if self.language != ENGLISH:
            # Qt's own strings (standard buttons, context menus of text fields).
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            base = QTranslator()
            if base.load(f"qtbase_{self.language}", qt_dir):
                self._installed.append(base)
        if app is not None:
            for translator in self._installed:
                app.installTranslator(translator)
            app._shopwatch_translators = list(self._installed)
            if hasattr(app, "setFont"):  # a QApplication (not a bare QCoreApplication)
                from shopwatch.ui import theme

                app.setFont(theme.pick_font(chinese=self.language == CHINESE))
        return loaded
