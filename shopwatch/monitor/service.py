"""The ONE place that decides how a stored shop is synced, whatever its platform: the demo
shop through the embedded demo marketplace, a shop fed by export files from the newest exports
in its watch folder, an API shop through its connector. The CLI and the desktop app both call
``sync_stored_shop``, so they behave the same; ``prepare_demo`` gives a new demo shop its first
simulated week the same way."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import sqlite_utils

from shopwatch.config import DetectionSettings
from shopwatch.connectors.base import CancelCheck, Progress
from shopwatch.connectors.factory import ConfigError, open_connector
from shopwatch.models import Shop, SyncResult
from shopwatch.monitor.rules import Rules
from shopwatch.monitor.sync import sync_shop
from shopwatch.store import queries

__all__ = ["UNCHANGED", "ConfigError", "poll_messages", "prepare_amazon_demo", "prepare_demo",
           "sync_stored_shop"]

#: the status of a watched file shop's sync when its folder holds nothing newer (no run is
#: recorded; nothing is wrong)
UNCHANGED = "unchanged"


def sync_stored_shop(
    db: sqlite_utils.Database, shop: Shop, *, settings: DetectionSettings | None = None,
    rules: Rules | None = None, progress: Progress | None = None,
    cancel: CancelCheck | None = None, note: Callable[[str], None] | None = None,
    profile: Path | None = None,
) -> SyncResult:
    """Raises ConfigError when the shop cannot be synced at all (missing secrets, no watch
    folder, unknown platform); every other failure comes back as a failed SyncResult. A
    watched folder with nothing new gives status ``UNCHANGED`` and records no run."""
    if shop.platform == "demo":
        return _sync_demo(db, shop, settings=settings, rules=rules, progress=progress,
                          cancel=cancel)
    if shop.platform == "amazon" and _amazon_demo(shop) is not None:
        return _sync_amazon_demo(db, shop, settings=settings, rules=rules, progress=progress,
                                 cancel=cancel)
    if shop.platform == "file":
        return _sync_watched(db, shop, settings=settings, rules=rules, progress=progress,
                             cancel=cancel, profile=profile)
    with open_connector(shop, note=note) as connector:
        result = sync_shop(db, shop, connector, settings=settings, rules=rules,
                           progress=progress, cancel=cancel)
        remember_account_status(db, shop, connector, result)
        return result


def remember_account_status(db: sqlite_utils.Database, shop: Shop, connector: object,
                            result: SyncResult) -> None:
    """An Amazon connector read the account's status from the health report: keep the one a
    complete sync saw with the shop, for the Overview (a failed run keeps the previous one)."""
    status = getattr(connector, "account_status", None)
    if result.status != "ok" or not status:
        return
    from shopwatch.connectors.amazon_account import with_account_status
    from shopwatch.timeutil import iso, now_utc

    current = queries.get_shop_by_id(db, shop.id)
    with db.atomic():
        queries.update_shop(db, shop.id, settings=with_account_status(
            current.settings, str(status), iso(now_utc())))


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


@contextmanager
def message_clients(shop: Shop, *, note: Callable[[str], None] | None = None
                    ) -> Iterator[tuple[Any, Any, Any]]:
    """(connector for look-ups, TMC client, simulated now or None) for polling one shop's
    punishment messages: the demo shop through its embedded marketplace as of its last sync,
    a Taobao shop through its connector. Raises ConfigError for a shop that has no message
    service (file and Amazon shops) or is not set up."""
    from shopwatch.connectors.taobao_tmc import TmcClient

    if shop.platform == "demo":
        from shopwatch.demo.runtime import DemoConfig, EmbeddedDemo

        with EmbeddedDemo(DemoConfig.from_settings(shop.settings)) as demo:
            connector = demo.connector()
            with connector, TmcClient.sharing(connector) as tmc:
                yield connector, tmc, demo.sim_now()
        return
    if shop.platform != "taobao":
        raise ConfigError(f"Shop '{shop.name}' has no punishment message service "
                          f"({shop.platform} shops have none).")
    with open_connector(shop, note=note) as connector, TmcClient.sharing(connector) as tmc:
        yield connector, tmc, None


def poll_messages(db: sqlite_utils.Database, shop: Shop, *,
                  settings: DetectionSettings | None = None, rules: Rules | None = None,
                  note: Callable[[str], None] | None = None):
    """One poll of the shop's punishment messages (``monitor.tmc.watch_once``): the CLI's
    ``watch-messages`` and the desktop app's minute timer alike."""
    from shopwatch.monitor.tmc import watch_once

    with message_clients(shop, note=note) as (connector, tmc, now):
        return watch_once(db, shop, connector, tmc, now=now, settings=settings, rules=rules)


def _amazon_demo(shop: Shop):
    from shopwatch.demo.amazon_runtime import AmazonDemoConfig

    return AmazonDemoConfig.of(shop)


def _sync_amazon_demo(db: sqlite_utils.Database, shop: Shop, **kw) -> SyncResult:
    """The demo Amazon account: replayed to its next day and served on 127.0.0.1 for this
    sync (its first sync sees day 0)."""
    from shopwatch.demo.amazon_runtime import EmbeddedAmazonDemo

    config = _amazon_demo(shop)
    has_synced = queries.last_run(db, shop.id, status="ok") is not None
    day = config.day + 1 if has_synced else config.day
    with EmbeddedAmazonDemo(replace(config, day=day)) as demo:
        connector = demo.connector()
        try:
            result = sync_shop(db, shop, connector, now=demo.market.now(), **kw)
            remember_account_status(db, shop, connector, result)
        finally:
            connector.close()
        if result.status == "ok":
            current = queries.get_shop_by_id(db, shop.id)
            with db.atomic():
                queries.update_shop(db, shop.id, settings={
                    **current.settings, **replace(config, day=day).settings()})
    return result


def prepare_amazon_demo(
    db: sqlite_utils.Database, *, days: int = 7, n_listings: int | None = None,
    settings: DetectionSettings | None = None, rules: Rules | None = None,
    progress: Progress | None = None, cancel: CancelCheck | None = None,
) -> list[SyncResult]:
    """A fresh demo Amazon account whose simulated calendar ends today, synced once per day
    through the real SP-API connector (``shopwatch demo --platform amazon`` and the app)."""
    from shopwatch.demo.amazon_runtime import (
        AMAZON_DEMO_SHOP,
        DEFAULT_LISTINGS,
        AmazonDemoConfig,
        EmbeddedAmazonDemo,
    )
    from shopwatch.timeutil import iso, now_utc

    config = AmazonDemoConfig.ending_today(days, n_listings=n_listings or DEFAULT_LISTINGS)
    old = queries.get_shop(db, AMAZON_DEMO_SHOP)
    with db.atomic():
        if old is not None:
            queries.delete_shop(db, old.id)
        fields = EmbeddedAmazonDemo(config).shop_fields()
        shop = queries.add_shop(db, AMAZON_DEMO_SHOP, "amazon", now=iso(now_utc()), **fields)
    return _sync_days(db, shop, days, settings=settings, rules=rules, progress=progress,
                      cancel=cancel)


def _sync_watched(db: sqlite_utils.Database, shop: Shop, *, profile: Path | None,
                  **kw) -> SyncResult:
    """A file shop: import what is new in its watch folder (the desktop app's scheduled sync
    and ``shopwatch sync`` alike)."""
    from shopwatch.connectors.files import FileConnector, WatchError
    from shopwatch.monitor import file_import

    try:
        FileConnector.from_shop(shop).close()  # the folder is set and holds a listings export
        outcome = file_import.sync_watched(db, shop, profile=profile, **kw)
    except WatchError as exc:
        raise ConfigError(str(exc)) from exc
    if outcome is None:
        return SyncResult(0, shop.name, UNCHANGED, 0)
    return outcome.result


def _sync_days(db: sqlite_utils.Database, shop: Shop, days: int, *,
               settings: DetectionSettings | None, rules: Rules | None,
               progress: Progress | None, cancel: CancelCheck | None) -> list[SyncResult]:
    """A new demo shop's first simulated days: one sync per day (each stores the day it
    reached, so the shop is read again before the next)."""
    results: list[SyncResult] = []
    for day in range(days + 1):
        if cancel and cancel():
            break
        if progress:
            progress(day, days + 1, f"day {day}")
        shop = queries.get_shop_by_id(db, shop.id)
        results.append(sync_stored_shop(db, shop, settings=settings, rules=rules))
    if progress:
        progress(days + 1, days + 1, "done")
    return results


def prepare_demo(
    db: sqlite_utils.Database, *, days: int | None = None,
    settings: DetectionSettings | None = None, rules: Rules | None = None,
    progress: Progress | None = None, cancel: CancelCheck | None = None,
) -> list[SyncResult]:
    """A fresh demo shop whose simulated calendar ends today, synced once per simulated day
    (``demo.setup`` makes the shop; each sync here moves it one day on)."""
    from shopwatch.demo.setup import DEFAULT_DEMO_DAYS, reset_for_today

    days = DEFAULT_DEMO_DAYS if days is None else days
    shop = reset_for_today(db, days)
    return _sync_days(db, shop, days, settings=settings, rules=rules, progress=progress,
                      cancel=cancel)
