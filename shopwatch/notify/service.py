"""Entry points the CLI and the desktop app share: set up channels, enqueue after a sync,
dispatch, send a test. Pass the profile and database explicitly; nothing is global.

For the app: call ``enqueue_after_sync`` on the sync worker's own connection right after a
sync (no network; it cannot slow or fail the sync), then ``run_pending`` on a worker thread
after the sync and on a timer (about every minute). ``run_pending`` opens its own connection,
so any thread may call it."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlite_utils

from shopwatch.config import Settings, db_path, load_settings
from shopwatch.credentials import CredentialError
from shopwatch.notify import outbox
from shopwatch.notify.channels import (
    ChannelError,
    Redactor,
    check_url,
    delete_url,
    load_url,
    mask_url,
    store_url,
)
from shopwatch.notify.dispatch import Dispatcher, DispatchReport
from shopwatch.notify.prefs import (
    ChannelConfig,
    NotifyPrefs,
    channel_id_for,
    load_prefs,
    read_prefs,
    resolve_language,
    validate_channel,
    write_prefs,
)
from shopwatch.notify.render import Renderer
from shopwatch.notify.sender import AppriseSender, Sender, SendOutcome
from shopwatch.store.db import open_db
from shopwatch.timeutil import now_utc

log = logging.getLogger(__name__)


def enqueue_after_sync(
    db: sqlite_utils.Database, settings: Settings, *, now: datetime | None = None
) -> int:
    """Queue notifications for the alerts a sync just raised. Local writes only; any failure
    is logged and swallowed, because notifying must never fail a sync."""
    try:
        return outbox.enqueue_new(db, load_prefs(settings), now=now or now_utc())
    except Exception:  # noqa: BLE001 - the alerts stay in the table; the next run picks them up
        log.exception("could not queue notifications; the next dispatch will retry")
        return 0


def dispatcher(
    db: sqlite_utils.Database, profile: Path, *, settings: Settings | None = None,
    sender: Sender | None = None,
) -> Dispatcher:
    settings = settings or load_settings(profile)
    prefs = load_prefs(settings)
    return Dispatcher(db, prefs, sender=sender, renderer=Renderer(profile),
                      app_language=settings.language)


def run_pending(
    profile: Path, *, now: datetime | None = None, sender: Sender | None = None,
    force_digest: bool = False, ignore_quiet: bool = False,
) -> DispatchReport:
    """One dispatch pass on a connection of its own (safe from any thread)."""
    db = open_db(db_path(profile))
    try:
        return dispatcher(db, profile, sender=sender).run(
            now=now, force_digest=force_digest, ignore_quiet=ignore_quiet)
    finally:
        db.close()


# --- channels ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class SavedChannel:
    channel: ChannelConfig
    stored: bool  # False: no keychain here; the URL must come from ``env_hint``
    env_hint: str = ""


def prepare_channel(
    prefs: NotifyPrefs, db: sqlite_utils.Database | None, channel: ChannelConfig,
    url: str | None,
) -> SavedChannel:
    """Add ``channel`` to ``prefs`` (or update it); the caller saves ``prefs``. ``url`` None
    keeps the stored address. The URL is checked (parsed, not contacted) and put in the
    keychain; only its masked form goes into the settings. Raises ChannelError / PrefsError
    with a message safe to show."""
    existing = prefs.channel(channel.id) if channel.id else None
    if not channel.id:
        channel.id = channel_id_for(channel.name, {c.id for c in prefs.channels})
    validate_channel(channel)
    if existing is None and url is None:
        raise ChannelError("A new channel needs its address (an Apprise URL).")
    stored, hint = True, ""
    if url is not None:
        url = url.strip()
        check_url(url)
        channel.display = mask_url(url)
        try:
            store_url(channel.id, url)
        except CredentialError as exc:
            stored, hint = False, str(exc)
    elif existing is not None:
        channel.display = existing.display
    if db is not None and existing is None:
        # Route what is waiting to the channels there were, so the new one gets news from
        # now on, not the alert history (and the others miss nothing).
        outbox.enqueue_new(db, prefs, now=now_utc())
    prefs.channels = [channel if c.id == channel.id else c for c in prefs.channels]
    if existing is None:
        prefs.channels.append(channel)
    return SavedChannel(channel, stored, hint)


def save_channel(
    profile: Path, db: sqlite_utils.Database | None, channel: ChannelConfig, url: str | None,
) -> SavedChannel:
    """``prepare_channel`` on the profile's settings file, saved."""
    prefs = read_prefs(profile)
    saved = prepare_channel(prefs, db, channel, url)
    write_prefs(profile, prefs)
    return saved


def drop_channel(prefs: NotifyPrefs, ref: str) -> ChannelConfig:
    """Take the channel out of ``prefs`` (the caller saves) and delete its stored address.
    Messages still queued for it are cancelled by the next dispatch."""
    channel = prefs.channel(ref)
    if channel is None:
        known = ", ".join(c.name for c in prefs.channels) or "none yet"
        raise ChannelError(f"No channel named '{ref}' (channels: {known}).")
    prefs.channels = [c for c in prefs.channels if c.id != channel.id]
    delete_url(channel.id)
    return channel


def remove_channel(profile: Path, ref: str) -> ChannelConfig:
    prefs = read_prefs(profile)
    channel = drop_channel(prefs, ref)
    write_prefs(profile, prefs)
    return channel


# --- test messages -----------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class TestResult:
    label: str  # channel name, or the masked ad-hoc URL
    display: str
    outcome: SendOutcome


def send_test(
    profile: Path, *, channel: str | None = None, url: str | None = None,
    sender: Sender | None = None, now: datetime | None = None,
    settings: Settings | None = None,
) -> list[TestResult]:
    """Send a test message now (not through the outbox: the seller is waiting for the answer)
    to ``url``, to the channel named ``channel``, or to every enabled channel."""
    settings = settings or load_settings(profile)
    prefs: NotifyPrefs = load_prefs(settings)
    now = now or now_utc()
    sender = sender or AppriseSender(prefs.send_timeout_s)
    renderer, tz = Renderer(profile), prefs.tzinfo()
    targets: list[tuple[str, str, str | None, str, str]] = []  # label, display, url, lang, error
    language = resolve_language(prefs.language, settings.language)
    if url:
        check_url(url)
        targets.append((mask_url(url), mask_url(url), url, language, ""))
    else:
        chosen = [prefs.channel(channel)] if channel else [c for c in prefs.channels if c.enabled]
        if channel and chosen[0] is None:
            known = ", ".join(c.name for c in prefs.channels) or "none yet"
            raise ChannelError(f"No channel named '{channel}' (channels: {known}).")
        for item in chosen:
            assert item is not None
            lang = resolve_language(item.language, prefs.language, settings.language)
            try:
                targets.append((item.name, item.display, load_url(item.id), lang, ""))
            except CredentialError as exc:
                targets.append((item.name, item.display, None, lang, str(exc)))
    results = []
    for label, display, address, lang, error in targets:
        if address is None:
            results.append(TestResult(label, display, SendOutcome(False, error)))
            continue
        message = renderer.test(channel=label, language=lang, now=now, tz=tz)
        outcome = sender.send(address, title=message.title, body=message.body, severity="info")
        if outcome.error:
            outcome = SendOutcome(outcome.ok, Redactor.for_urls([address])(outcome.error),
                                  outcome.elapsed_s)
        results.append(TestResult(label, display, outcome))
    return results
