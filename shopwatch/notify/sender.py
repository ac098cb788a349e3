"""Sending one message to one channel URL through Apprise, with a hard time limit, and
reporting the outcome in words that are safe to store and show (the URL scrubbed out).

The dispatcher depends only on the ``Sender`` protocol, so tests of the outbox logic can use a
recording fake; the end-to-end tests use this real one against local servers."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Protocol

from shopwatch.models import CRITICAL, INFO, WARNING
from shopwatch.notify.channels import Redactor, mask_url, scrubbed_logs

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 20.0
#: per-connection limits handed to Apprise's HTTP plugins (connect, read); the overall limit
#: below still bounds services that ignore them (SMTP has its own connect timeout)
SOCKET_TIMEOUT_S = 8.0


@dataclass(frozen=True, slots=True)
class SendOutcome:
    ok: bool
    error: str | None = None  # already scrubbed of the URL's secrets
    elapsed_s: float = 0.0


class Sender(Protocol):
    def send(self, url: str, *, title: str, body: str, severity: str) -> SendOutcome: ...


def _notify_type(severity: str) -> str:
    # Apprise's types colour the message in chat apps.
    return {CRITICAL: "failure", WARNING: "warning", INFO: "info"}.get(severity, "info")


def _with_socket_timeouts(url: str, seconds: float) -> str:
    """Add Apprise's cto/rto arguments unless the user set their own."""
    query = url.partition("?")[2]
    keys = {pair.partition("=")[0].lower() for pair in query.split("&") if pair}
    extra = [f"{key}={seconds:g}" for key in ("cto", "rto") if key not in keys]
    if not extra:
        return url
    return url + ("&" if "?" in url else "?") + "&".join(extra)


class AppriseSender:
    """The real sender. Thread-safe: every call builds its own Apprise object."""

    def __init__(self, timeout_s: float = DEFAULT_TIMEOUT_S) -> None:
        self.timeout_s = timeout_s

    def send(self, url: str, *, title: str, body: str, severity: str) -> SendOutcome:
        import apprise

        redact = Redactor.for_urls([url])
        started = time.monotonic()
        socket_s = min(SOCKET_TIMEOUT_S, self.timeout_s)
        with scrubbed_logs(redact):
            try:
                asset = apprise.AppriseAsset(
                    app_id="shopwatch", app_desc="shopwatch shop monitor",
                    app_url="shopwatch://alerts", storage_mode="memory",
                    service_timeout=self.timeout_s)
                client = apprise.Apprise(asset=asset)
                if not client.add(_with_socket_timeouts(url, socket_s)):
                    return SendOutcome(False, f"Apprise cannot use this address "
                                              f"({mask_url(url)}).", time.monotonic() - started)
                result = client.notify(body=body, title=title, notify_type=_notify_type(severity),
                                       body_format="text", timeout=self.timeout_s)
            except Exception as exc:  # noqa: BLE001 - any library failure is a failed attempt
                message = redact(f"{type(exc).__name__}: {exc}")
                log.warning("sending to %s raised %s", mask_url(url), message)
                return SendOutcome(False, message, time.monotonic() - started)
        elapsed = time.monotonic() - started
        if result:
            return SendOutcome(True, None, elapsed)
        return SendOutcome(False, redact(_describe(result)), elapsed)


def _describe(result: object) -> str:
    """The useful words from a failed Apprise result: its warnings and errors, deduplicated."""
    lines: list[str] = []
    status = getattr(getattr(result, "status", None), "name", "FAILURE")
    try:
        for service in result:  # type: ignore[attr-defined]
            for entry in service.logs():
                level = getattr(entry, "level", "")
                text = str(getattr(entry, "message", "") or "").strip()
                if text and level in ("WARNING", "ERROR", "CRITICAL") and text not in lines:
                    lines.append(text)
    except TypeError:
        pass
    if status == "TIMEOUT" and not lines:
        lines.append("The service did not answer in time.")
    return " ".join(lines[:4]) or f"Delivery failed ({status.lower()})."
