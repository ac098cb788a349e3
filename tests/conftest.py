"""Shared test set-up: headless Qt, an isolated profile, an in-memory keychain."""

from __future__ import annotations

import os
from pathlib import Path

import keyring
import pytest
from hypothesis import HealthCheck, settings
from keyring.backend import KeyringBackend

# Before any Qt import: the whole suite runs without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Hypothesis: the suite is deterministic by default ("ci": the same examples every run, no
# example database carried between runs, no deadline or slowness check that a busy machine
# could trip). Long exploratory runs: `pytest --hypothesis-profile=explore` (new examples each
# run, 20x the budget; failures are kept in .hypothesis/ and replayed first). Fuzz tests scale
# their budgets from ``settings.default.max_examples`` so both profiles reach them.
settings.register_profile(
    "ci", max_examples=100, derandomize=True, database=None, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "explore", max_examples=2000, derandomize=False, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


class MemoryKeyring(KeyringBackend):
    """A real keyring backend that keeps secrets in a dict, for tests only."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def _isolate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """No test sees the developer's profile, keychain or secrets in the environment."""
    monkeypatch.setenv("SHOPWATCH_HOME", str(tmp_path / "profile"))
    for name in ("SHOPWATCH_APP_SECRET", "SHOPWATCH_SESSION", "SHOPWATCH_LWA_CLIENT_SECRET",
                 "SHOPWATCH_LWA_REFRESH_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "profile"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture
def db(profile: Path):
    from shopwatch.store.db import open_db

    database = open_db(profile / "shopwatch.db")
    yield database
    database.close()


@pytest.fixture(autouse=True)
def _qt_objects_die_in_the_gui_thread(request: pytest.FixtureRequest):
    """What the app does at start-up (``shopwatch.ui.gc_thread``), for every test that uses a
    Qt application outside tests/ui (whose package fixture keeps it for the whole package):
    cyclic garbage is collected in the GUI thread only while the test runs, so a pool thread
    (an appeal being composed, a read) never destroys a Qt object. Afterwards the test's
    tasks are waited for, the cycles collected here, and automatic collection is back."""
    if not ({"qtbot", "qapp"} & set(request.fixturenames)):
        yield
        return
    from PySide6.QtWidgets import QApplication

    from shopwatch.ui.gc_thread import GuiThreadCollector, collect_in_gui_thread

    app = QApplication.instance() or request.getfixturevalue("qapp")
    if app.findChild(GuiThreadCollector) is not None:
        yield  # the package's collector is in charge
        return
    collector = collect_in_gui_thread(app)
    yield
    import gc

    from shopwatch.ui.workers import wait_idle

    wait_idle(10_000)
    gc.collect()  # here, in the GUI thread, before any other thread may collect again
    collector.stop()
    collector.setParent(None)
