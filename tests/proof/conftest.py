"""A profile synced for a few simulated days through the real TOP client against the loopback
demo marketplace (listings deleted, delisted and changed by the simulated platform)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from shopwatch.config import db_path
from shopwatch.demo.runtime import DemoConfig, EmbeddedDemo, reset_demo_shop
from shopwatch.monitor.sync import sync_shop
from shopwatch.store.db import open_db

DAYS = 8


@pytest.fixture(scope="session")
def synced_profile(tmp_path_factory) -> Path:
    profile = tmp_path_factory.mktemp("proof") / "profile"
    profile.mkdir()
    db = open_db(db_path(profile))
    config = DemoConfig(seed=7, start_date=date(2026, 11, 2))
    shop = reset_demo_shop(db, config)
    with EmbeddedDemo(config) as demo:
        for day in range(DAYS + 1):
            if day:
                demo.advance()
            connector = demo.connector()
            result = sync_shop(db, shop, connector, now=demo.sim_now())
            connector.close()
            assert result.status == "ok", result.error
    db.close()
    return profile


@pytest.fixture
def profile(synced_profile: Path, tmp_path: Path) -> Path:
    """A private copy each test may tamper with."""
    copy = tmp_path / "copy"
    shutil.copytree(synced_profile, copy)
    return copy
