"""The dispatcher: the only part of notifications that touches the network.

One ``run`` = enqueue what new alerts there are, sweep, compose what is due, then send the due
messages. Channels are sent in parallel threads (network only; every database write happens
on the caller's thread), each channel's messages in order, and a channel stops at its first
failure for this run, so a dead channel costs one timeout and never holds up the others.
Failures are recorded with the reason and retried with back-off until ``max_attempts``; then
the message is marked failed (visible in the log, and re-triable), never dropped silently.

Call it after a sync and on a timer (every minute or so); it is cheap when there is nothing
to do. Two dispatchers (the app and a CLI run) may overlap: each message is claimed first."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlite_utils

from shopwatch.credentials import CredentialError
from shopwatch.notify import outbox, policy
from shopwatch.notify.channels import Redactor, load_url
from shopwatch.notify.prefs import NotifyPrefs
from shopwatch.notify.render import Renderer
from shopwatch.notify.sender import AppriseSender, Sender, SendOutcome
from shopwatch.store import queries
from shopwatch.store.queries import NotifyMessage
from shopwatch.timeutil import iso, now_utc, parse_iso

log = logging.getLogger(__name__)

#: a claim older than this belongs to a dispatcher that died mid-send; take it over
CLAIM_LEASE = timedelta(minutes=10)
MAX_PARALLEL_CHANNELS = 8
#: how long the delivery log keeps finished messages
RETENTION = timedelta(days=90)
PRUNED_KEY = "log.pruned_at"


@dataclass(slots=True)
class DispatchReport:
    enqueued: int = 0
    skipped: int = 0
    composed: int = 0
    digests: int = 0
    sent: int = 0
    failed: int = 0  # attempts that failed this run (will be retried)
    gave_up: int = 0  # messages that used their last attempt this run
    asleep: list[str] = field(default_factory=list)  # channels in quiet hours
    errors: list[str] = field(default_factory=list)  # "channel: reason", secret-free

    @property
    def ok(self) -> bool:
        return not self.failed and not self.gave_up


class Dispatcher:
    def __init__(
        self, db: sqlite_utils.Database, prefs: NotifyPrefs, *, sender: Sender | None = None,
        renderer: Renderer | None = None, url_for: Callable[[str], str] = load_url,
        app_language: str = "",
    ) -> None:
        self.db, self.prefs = db, prefs
        self.sender = sender or AppriseSender(prefs.send_timeout_s)
        self.renderer = renderer or Renderer()
        self.url_for = url_for
        self.app_language = app_language

    def run(
        self, *, now: datetime | None = None, force_digest: bool = False,
        ignore_quiet: bool = False,
    ) -> DispatchReport:
        now = now or now_utc()
        prefs, report = self.prefs, DispatchReport()
        tz = prefs.tzinfo()
        report.enqueued = outbox.enqueue_new(self.db, prefs, now=now)
        report.skipped = outbox.sweep(self.db, prefs, now=now).skipped
        quiet = not ignore_quiet and policy.in_quiet_hours(now, tz, prefs.quiet_hours)
        report.asleep = [c.id for c in prefs.channels if quiet and c.quiet_hours]
        composed = outbox.compose(self.db, prefs, self.renderer, now=now, tz=tz,
                                  asleep=report.asleep, force_digest=force_digest,
                                  app_language=self.app_language)
        report.composed, report.digests = composed.messages, composed.digests
        awake = [c for c in prefs.channels
                 if prefs.enabled and c.enabled and c.id not in report.asleep]
        claimed = queries.claim_due_messages(
            self.db, now=iso(now), stale_before=iso(now - CLAIM_LEASE),
            channels=[c.id for c in awake])
        if claimed:
            self._send(claimed, now=now, report=report)
        self._prune(now)
        return report

    def _prune(self, now: datetime) -> None:
        """Once a day, drop finished messages older than RETENTION."""
        last = queries.notify_state_get(self.db, PRUNED_KEY)
        if last is not None and now - timedelta(days=1) < (parse_iso(last) or now):
            return
        queries.prune_notifications(self.db, before=iso(now - RETENTION))
        queries.notify_state_set(self.db, PRUNED_KEY, iso(now))

    def _send(self, claimed: list[NotifyMessage], *, now: datetime,
              report: DispatchReport) -> None:
        by_channel: dict[str, list[NotifyMessage]] = {}
        for message in claimed:
            by_channel.setdefault(message.channel, []).append(message)
        # Secrets are read here, on the caller's thread: keychain backends are not all
        # thread-safe, and a missing URL is a recorded failure like any other.
        urls: dict[str, str] = {}
        results: list[tuple[NotifyMessage, SendOutcome | None]] = []
        for channel_id, messages in by_channel.items():
            try:
                urls[channel_id] = self.url_for(channel_id)
            except CredentialError as exc:
                results.append((messages[0], SendOutcome(False, str(exc))))
                results += [(m, None) for m in messages[1:]]
        jobs = {cid: msgs for cid, msgs in by_channel.items() if cid in urls}
        if jobs:
            workers = min(len(jobs), MAX_PARALLEL_CHANNELS)
            with ThreadPoolExecutor(max_workers=workers,
                                    thread_name_prefix="shopwatch-notify") as pool:
                futures = [pool.submit(self._send_channel, urls[cid], msgs)
                           for cid, msgs in jobs.items()]
                for future in futures:
                    results += future.result()
        redact = Redactor.for_urls(urls.values())
        for message, outcome in results:
            self._record(message, outcome, now=now, redact=redact, report=report)

    def _send_channel(
        self, url: str, messages: list[NotifyMessage]
    ) -> list[tuple[NotifyMessage, SendOutcome | None]]:
        """Runs on a worker thread: network only, no database."""
        done: list[tuple[NotifyMessage, SendOutcome | None]] = []
        for n, message in enumerate(messages):
            try:
                outcome = self.sender.send(url, title=message.title, body=message.body,
                                           severity=message.severity)
            except Exception as exc:  # noqa: BLE001 - a sender bug must not lose the record
                outcome = SendOutcome(False, f"{type(exc).__name__}: {exc}")
            done.append((message, outcome))
            if not outcome.ok:
                # The channel is down: the rest wait for its next retry instead of each
                # spending a full timeout now.
                done += [(m, None) for m in messages[n + 1:]]
                break
        return done

    def _record(
        self, message: NotifyMessage, outcome: SendOutcome | None, *, now: datetime,
        redact: Redactor, report: DispatchReport,
    ) -> None:
        if outcome is None:
            queries.release_message(self.db, message.id)
            return
        elapsed_ms = int(outcome.elapsed_s * 1000)
        if outcome.ok:
            queries.record_delivery_attempt(self.db, message.id, now=iso(now), ok=True,
                                            error=None, elapsed_ms=elapsed_ms)
            report.sent += 1
            return
        error = redact(outcome.error or "delivery failed")
        attempts = message.attempts + 1
        give_up = policy.should_give_up(attempts, self.prefs.max_attempts)
        queries.record_delivery_attempt(
            self.db, message.id, now=iso(now), ok=False, error=error, elapsed_ms=elapsed_ms,
            next_attempt_at=iso(now + policy.retry_delay(attempts)), give_up=give_up)
        report.errors.append(f"{message.channel}: {error}")
        if give_up:
            report.gave_up += 1
            log.warning("notification %s to channel %s failed %d times; giving up: %s",
                        message.id, message.channel, attempts, error)
        else:
            report.failed += 1
            log.info("notification %s to channel %s failed (attempt %d), retrying later: %s",
                     message.id, message.channel, attempts, error)
