"""The notification outbox: local database work only, never the network.

``enqueue_new`` is what runs at sync time: it routes every alert not routed yet to the
channels that want them and writes outbox rows, in one short transaction. ``sweep`` drops rows
that are no longer wanted (muted since, acknowledged, resolved, channel removed) and
``compose`` turns what is due into rendered messages. Sending them is ``dispatch``'s job."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

import sqlite_utils

from shopwatch.models import NOTICE_OPEN, Alert
from shopwatch.notify import policy
from shopwatch.notify.policy import DIGEST, IMMEDIATE, Batch, Item
from shopwatch.notify.prefs import MODE_IMMEDIATE, ChannelConfig, NotifyPrefs, resolve_language
from shopwatch.notify.render import Rendered, Renderer, alert_view
from shopwatch.store import queries
from shopwatch.timeutil import iso, parse_iso

log = logging.getLogger(__name__)

SCAN_LIMIT = 5000


def digest_key(channel_id: str) -> str:
    return f"digest.last:{channel_id}"


def _shop_names(db: sqlite_utils.Database) -> dict[int, str]:
    return {shop.id: shop.name for shop in queries.list_shops(db)}


def enqueue_new(db: sqlite_utils.Database, prefs: NotifyPrefs, *, now: datetime) -> int:
    """Route every alert not routed yet to the channels that want it, and mark it routed;
    returns outbox rows written. Cheap and local (no network, no rendering), so it is safe
    to call right after every sync. With no channels (or notifications off) alerts are only
    marked: turning notifications on later does not replay the past."""
    written, shops = 0, None
    while True:
        alerts = queries.unseen_alerts(db, limit=SCAN_LIMIT)
        if not alerts:
            return written
        shops = shops if shops is not None else _shop_names(db)
        rows = []
        for alert in alerts:
            if alert.acknowledged_at:
                continue
            shop = shops.get(alert.shop_id, str(alert.shop_id))
            for channel in prefs.channels:
                decision = policy.route(alert, shop, channel, prefs, now)
                if decision.mode:
                    rows.append((alert.id, channel.id, decision.mode))
        # Rows and markers commit together: a crash between them can neither lose nor
        # duplicate a notification.
        with db.atomic():
            written += queries.enqueue_notifications(db, rows, now=iso(now))
            queries.mark_alerts_seen(db, (alert.id for alert in alerts), iso(now))
        if len(alerts) < SCAN_LIMIT:
            return written


def _resolved(db: sqlite_utils.Database, alert: Alert, cache: dict[Any, bool]) -> bool:
    """Has the condition ended before we got to tell anyone? (Then the message would only
    confuse: "sync failing" after it works again, "appeal in 24 h" after appealing.)"""
    if alert.kind == "sync_failing":
        key = ("shop", alert.shop_id)
        if key not in cache:
            last = queries.last_run(db, alert.shop_id)
            cache[key] = last is not None and last.status == "ok"
        return cache[key]
    if alert.kind == "appeal_deadline" and alert.notice_id is not None:
        key = ("notice", alert.notice_id)
        if key not in cache:
            try:
                cache[key] = queries.get_notice(db, alert.notice_id).status != NOTICE_OPEN
            except queries.NotFound:
                cache[key] = False
        return cache[key]
    return False


@dataclass(slots=True)
class SweepResult:
    skipped: int = 0
    rerouted: int = 0
    cancelled: int = 0


def sweep(db: sqlite_utils.Database, prefs: NotifyPrefs, *, now: datetime) -> SweepResult:
    """Apply the seller's current choices to everything not yet composed."""
    result = SweepResult()
    pending = queries.outbox_items(db, status="pending")
    channels = {channel.id: channel for channel in prefs.channels}
    alerts = queries.alerts_by_id(db, (item.alert_id for item in pending))
    shops = _shop_names(db) if pending else {}
    skip: dict[str, list[int]] = {}
    remode: dict[str, list[int]] = {}
    cache: dict[Any, bool] = {}
    for item in pending:
        channel, alert = channels.get(item.channel), alerts.get(item.alert_id)
        if channel is None or alert is None:
            reason = "channel removed" if channel is None else "alert deleted"
        elif alert.acknowledged_at:
            reason = "acknowledged in shopwatch before it was sent"
        elif _resolved(db, alert, cache):
            reason = "resolved before it was sent"
        else:
            decision = policy.route(alert, shops.get(alert.shop_id, ""), channel, prefs, now)
            if decision.mode is None:
                reason = decision.reason
            else:
                if decision.mode != item.mode:
                    remode.setdefault(decision.mode, []).append(item.id)
                continue
        skip.setdefault(reason, []).append(item.id)
    stamp = iso(now)
    for reason, ids in skip.items():
        result.skipped += queries.skip_outbox(db, ids, reason, stamp)
    for mode, ids in remode.items():
        result.rerouted += queries.set_outbox_mode(db, ids, mode, stamp)
    enabled = [channel.id for channel in prefs.channels if channel.enabled] if prefs.enabled else []
    result.cancelled = queries.cancel_messages(
        db, keep_channels=enabled, reason="channel removed or disabled", now=stamp)
    return result


# --- composing ---------------------------------------------------------------------------

class ViewBuilder:
    """Alert views for templates, with listing titles and notices looked up once each."""

    def __init__(self, db: sqlite_utils.Database, tz: tzinfo) -> None:
        self.db, self.tz = db, tz
        self._shops = _shop_names(db)
        self._listings: dict[tuple[int, str], Any] = {}
        self._notices: dict[int, Any] = {}

    def __call__(self, item: Item) -> dict[str, Any]:
        alert = item.alert
        listing = notice = None
        if alert.listing_id:
            key = (alert.shop_id, alert.listing_id)
            if key not in self._listings:
                self._listings[key] = queries.get_listing(self.db, *key)
            listing = self._listings[key]
        if alert.notice_id is not None:
            if alert.notice_id not in self._notices:
                try:
                    self._notices[alert.notice_id] = queries.get_notice(self.db, alert.notice_id)
                except queries.NotFound:
                    self._notices[alert.notice_id] = None
            notice = self._notices[alert.notice_id]
        return alert_view(alert, shop=item.shop, tz=self.tz, listing=listing, notice=notice)

    def shop(self, shop_id: int) -> str:
        return self._shops.get(shop_id, str(shop_id))


def render_batch(
    renderer: Renderer, batch: Batch, views: Sequence[dict[str, Any]], *, language: str,
    now: datetime, tz: tzinfo,
) -> Rendered:
    if batch.kind == "alert":
        return renderer.alert(views[0], language=language)
    if batch.kind == "group":
        return renderer.group(views, language=language)
    if batch.kind == "summary":
        return renderer.summary(views, language=language)
    return renderer.digest(views, language=language, now=now, tz=tz)


@dataclass(slots=True)
class ComposeResult:
    messages: int = 0
    digests: int = 0
    alerts: int = 0


def channel_language(channel: ChannelConfig, prefs: NotifyPrefs, app_language: str) -> str:
    return resolve_language(channel.language, prefs.language, app_language)


def compose(
    db: sqlite_utils.Database, prefs: NotifyPrefs, renderer: Renderer, *, now: datetime,
    tz: tzinfo, asleep: Iterable[str] = (), force_digest: bool = False,
    app_language: str = "",
) -> ComposeResult:
    """Turn due outbox rows into messages: urgent ones grouped at once, the digest when its
    time has come. Channels in ``asleep`` (quiet hours) are left for later."""
    result = ComposeResult()
    if not prefs.enabled:
        return result
    asleep = set(asleep)
    pending = queries.outbox_items(db, status="pending")
    alerts = queries.alerts_by_id(db, (item.alert_id for item in pending))
    views = ViewBuilder(db, tz)
    by_channel: dict[str, list[Item]] = {}
    modes: dict[int, str] = {}
    for row in pending:
        alert = alerts.get(row.alert_id)
        if alert is not None:
            by_channel.setdefault(row.channel, []).append(
                Item(row.id, alert, views.shop(alert.shop_id)))
            modes[row.id] = row.mode
    stamp = iso(now)
    for channel in prefs.channels:
        if not channel.enabled or channel.id in asleep:
            continue
        language = channel_language(channel, prefs, app_language)
        items = by_channel.get(channel.id, [])
        urgent = [i for i in items if modes[i.key] == IMMEDIATE]
        batches = policy.plan_immediate(urgent, group_threshold=prefs.group_threshold,
                                        max_messages=prefs.max_messages_per_batch)
        for batch in batches:
            if _store(db, renderer, channel, batch, [views(i) for i in batch.items],
                      language=language, now=now, tz=tz):
                result.messages += 1
                result.alerts += len(batch.items)
        if channel.mode == MODE_IMMEDIATE:
            continue
        key = digest_key(channel.id)
        previous = queries.notify_state_get(db, key)
        last = parse_iso(previous)
        if not force_digest and last is None:
            # First sight of this channel: its first digest comes at the next digest time.
            queries.notify_state_swap(db, key, old=None, new=stamp)
            continue
        if not force_digest and not policy.digest_due(now, tz, prefs.digest_time, last):
            continue
        waiting = [i for i in items if modes[i.key] == DIGEST]
        batch = policy.plan_digest(waiting)
        if batch is None and not prefs.digest_when_empty:
            queries.notify_state_swap(db, key, old=previous, new=stamp)
            continue
        batch = batch or Batch("digest", ())
        views_ = [views(i) for i in batch.items]
        try:
            # Taking the day's slot and storing the digest commit together, and only one
            # dispatcher can take the slot: never two digests a day.
            with db.atomic():
                if not queries.notify_state_swap(db, key, old=previous, new=stamp):
                    continue
                _store(db, renderer, channel, batch, views_, language=language, now=now,
                       tz=tz, raise_conflict=True)
        except queries.ComposeConflict:
            continue
        result.messages += 1
        result.digests += 1
        result.alerts += len(batch.items)
    return result


def _store(
    db: sqlite_utils.Database, renderer: Renderer, channel: ChannelConfig, batch: Batch,
    views: list[dict[str, Any]], *, language: str, now: datetime, tz: tzinfo,
    raise_conflict: bool = False,
) -> int | None:
    """Render and store one message; None if another dispatcher composed these rows first."""
    rendered = render_batch(renderer, batch, views, language=language, now=now, tz=tz)
    try:
        return queries.compose_message(
            db, channel=channel.id, kind=batch.kind,
            severity=batch.severity if batch.items else "info", title=rendered.title,
            body=rendered.body, language=language,
            outbox_ids=[item.key for item in batch.items], now=iso(now))
    except queries.ComposeConflict:
        if raise_conflict:
            raise
        log.info("another dispatcher composed these notifications first")
        return None


def preview_digest(
    db: sqlite_utils.Database, prefs: NotifyPrefs, renderer: Renderer, channel: ChannelConfig,
    *, now: datetime, tz: tzinfo, app_language: str = "",
) -> tuple[Rendered, int]:
    """The digest ``channel`` would get now, and how many alerts it holds; changes nothing."""
    pending = queries.outbox_items(db, status="pending", channel=channel.id, mode=DIGEST)
    alerts = queries.alerts_by_id(db, (row.alert_id for row in pending))
    views = ViewBuilder(db, tz)
    items = [Item(row.id, alerts[row.alert_id], views.shop(alerts[row.alert_id].shop_id))
             for row in pending if row.alert_id in alerts]
    batch = policy.plan_digest(items) or Batch("digest", ())
    language = channel_language(channel, prefs, app_language)
    rendered = render_batch(renderer, batch, [views(i) for i in batch.items],
                            language=language, now=now, tz=tz)
    return rendered, len(batch.items)
