"""Sync a stored shop end to end: build its connector, run the sync, remember demo progress.
The CLI and the desktop app's worker both call this, so they behave the same."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import sqlite_utils

from shopwatch.config import DetectionSettings
from shopwatch.connectors.base import CancelCheck, Progress
from shopwatch.connectors.factory import ConfigError, open_connector
from shopwatch.models import Shop, SyncResult
from shopwatch.monitor.rules import Rules
from shopwatch.monitor.sync import sync_shop
from shopwatch.store import queries

__all__ = ["ConfigError", "sync_stored_shop"]


def sync_stored_shop(
    db: sqlite_utils.Database, shop: Shop, *, settings: DetectionSettings | None = None,
    rules: Rules | None = None, progress: Progress | None = None,
    cancel: CancelCheck | None = None, note: Callable[[str], None] | None = None,
) -> SyncResult:
    """Raises ConfigError when the shop cannot be synced at all (missing secrets, unknown
    platform); every other failure comes back as a failed SyncResult."""
    if shop.platform == "demo":
        return _sync_demo(db, shop, settings=settings, rules=rules, progress=progress,
                          cancel=cancel)
    with open_connector(shop, note=note) as connector:
        return sync_shop(db, shop, connector, settings=settings, rules=rules, progress=progress,
                         cancel=cancel)


def _sync_demo(db: sqlite_utils.Database, shop: Shop, **kw) -> SyncResult:
    from shopwatch.demo.runtime import DemoConfig, EmbeddedDemo

    config = DemoConfig.from_settings(shop.settings)
    # The first sync sees day 0; every later one moves the simulated shop one day on.
    has_synced = queries.last_run(db, shop.id, status="ok") is not None
    day = config.day + 1 if has_synced else config.day
    with EmbeddedDemo(replace(config, day=day)) as demo:
        connector = demo.connector()
        try:
            result = sync_shop(db, shop, connector, now=demo.sim_now(), **kw)
        finally:
            connector.close()
        if result.status == "ok":
            queries.update_shop(db, shop.id, settings={**shop.settings,
                                                       **demo.config.settings(), "day": day})
    return result
