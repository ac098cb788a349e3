"""Fixtures for the desktop app's tests: a demo profile synced once per session (copied per
test, so tests can change it), a session and a controller over it, English by default."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from shopwatch.config import DB_FILENAME, Settings
from shopwatch.store.db import open_db

DEMO_DAYS = 6


@pytest.fixture(scope="session", autouse=True)
def _survive_dropped_bool_references(qapp) -> None:
    """What the app does at start-up (``shopwatch.ui.qt_fixes``): the suite emits far more
    signals than one app session, enough to free ``True`` on an affected Qt binding."""
    from shopwatch.ui.qt_fixes import guard_bool_refcounts

    guard_bool_refcounts(qapp)


@pytest.fixture(scope="package", autouse=True)
def _collect_in_the_gui_thread(qapp) -> Iterator[None]:
    """What the app does at start-up (``shopwatch.ui.gc_thread``): cyclic garbage holding Qt
    objects is collected in the GUI thread, never on a pool thread."""
    from shopwatch.ui.gc_thread import collect_in_gui_thread

    collector = collect_in_gui_thread(qapp)
    yield
    collector.stop()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A profile whose demo shop has synced DEMO_DAYS simulated days (the campaign has hit)."""
    from shopwatch.monitor.service import prepare_demo

    profile = tmp_path_factory.mktemp("demo-template")
    db = open_db(profile / DB_FILENAME)
    try:
        results = prepare_demo(db, days=DEMO_DAYS)
        assert all(r.status == "ok" for r in results), [r.error for r in results]
    finally:
        db.close()
    return profile


@pytest.fixture
def demo_profile(demo_template: Path, profile: Path) -> Path:
    for name in (DB_FILENAME,):
        shutil.copy2(demo_template / name, profile / name)
    return profile


@pytest.fixture(scope="session")
def qm_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The build step a source checkout needs (an editable install ran it already): the
    catalogues compiled by pyside6-lrelease beside their sources. The folder returned is what
    ``Translators`` once cached compiled catalogues in; nothing is compiled there now."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))
    from translations import compile_catalogues

    compile_catalogues()
    return tmp_path_factory.mktemp("qm-cache")


@pytest.fixture
def english(qapp, qm_cache: Path) -> Iterator[None]:
    """Every UI test starts in English, with the English plural forms loaded (the machine's
    locale must not decide the texts)."""
    from shopwatch.ui import i18n

    translators = i18n.Translators(qm_cache)
    translators.apply(i18n.ENGLISH)
    yield
    translators.apply(i18n.ENGLISH)


def _settle(session) -> None:
    """Let a read still on its way reach the pages while they are alive (the
    test's widgets are closed after this fixture's teardown)."""
    from shopwatch.ui.workers import wait_idle

    wait_idle(5000)


@pytest.fixture
def session(qapp, english, demo_profile: Path):
    from shopwatch.ui.session import Session

    db = open_db(demo_profile / DB_FILENAME)
    session = Session(demo_profile, db, Settings())
    yield session
    _settle(session)
    session.close()
    db.close()


@pytest.fixture
def empty_session(qapp, english, profile: Path):
    from shopwatch.ui.session import Session

    db = open_db(profile / DB_FILENAME)
    session = Session(profile, db, Settings())
    yield session
    _settle(session)
    session.close()
    db.close()


@pytest.fixture
def controller(session, qtbot, qm_cache: Path):
    from shopwatch.ui import i18n
    from shopwatch.ui.controller import AppController

    ctrl = AppController(session, i18n.Translators(qm_cache), tray=False)
    qtbot.addWidget(ctrl.window)
    yield ctrl
    ctrl.scheduler.shutdown()
    ctrl.runner.shutdown(10_000)
