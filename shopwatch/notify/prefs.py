"""What the seller chose about remote notifications: channels (by reference, never their URL),
which alert kinds and severities each one gets, quiet hours, the digest time, mutes.

Stored in ``Settings.extra["notify"]`` (settings.json). Reading is tolerant: a damaged or
partly written entry falls back to defaults field by field, so it never stops monitoring."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, time, timezone, tzinfo
from pathlib import Path
from typing import Any

from shopwatch.config import Settings, load_settings, save_settings
from shopwatch.models import ALERT_KINDS, SEVERITIES
from shopwatch.timeutil import parse_zone

SETTINGS_KEY = "notify"

#: channel modes: urgent alerts at once and the rest in the daily digest; only the urgent
#: ones; or everything in the digest
MODE_BOTH = "both"
MODE_IMMEDIATE = "immediate"
MODE_DIGEST = "digest"
MODES = (MODE_BOTH, MODE_IMMEDIATE, MODE_DIGEST)

#: kinds sent at once (the issue's list); everything else waits for the digest.
#: appeal_deadline is urgent only inside ``urgent_deadline_hours``.
DEFAULT_IMMEDIATE_KINDS = (
    "deleted", "violation_off_shelf", "new_penalty", "points_threshold", "appeal_deadline",
    "mass_disappearance", "sync_failing",
)

LANGUAGES = ("en", "zh_CN")


class PrefsError(ValueError):
    """A setting the seller typed cannot be used; the message says why."""


def parse_clock(text: str) -> time:
    """'9:00', '09:00' or '21:30' -> time; raises PrefsError otherwise."""
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", text or "")
    if not match:
        raise PrefsError(f"'{text}' is not a time of day; use HH:MM, e.g. 09:00")
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        raise PrefsError(f"'{text}' is not a time of day; use HH:MM between 00:00 and 23:59")
    return time(hour, minute)


def format_clock(moment: time) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


@dataclass(slots=True)
class ChannelConfig:
    """One place messages go. ``id`` names its URL in the keychain (or the environment
    variable ``SHOPWATCH_NOTIFY_<ID>``); ``display`` is the URL with its secrets masked."""

    id: str
    name: str
    display: str = ""
    kinds: list[str] = field(default_factory=list)  # empty: every kind
    severities: list[str] = field(default_factory=lambda: list(SEVERITIES))
    shops: list[str] = field(default_factory=list)  # empty: every shop
    mode: str = MODE_BOTH
    quiet_hours: bool = True  # obey the quiet hours (an e-mail box may not need to)
    enabled: bool = True
    language: str = ""  # "" = the notification language


@dataclass(slots=True)
class QuietHours:
    enabled: bool = False
    start: str = "22:00"
    end: str = "08:00"


@dataclass(slots=True)
class KindMute:
    kind: str
    until: str | None = None  # ISO 8601; None: until unmuted


@dataclass(slots=True)
class ListingMute:
    shop: str
    listing_id: str
    until: str | None = None
    title: str = ""  # for display only


@dataclass(slots=True)
class NotifyPrefs:
    enabled: bool = True
    language: str = ""  # "" = the app's language (which "" means: the system's)
    timezone: str = ""  # IANA name or "+08:00"; "" = this computer's time zone
    channels: list[ChannelConfig] = field(default_factory=list)
    immediate_kinds: list[str] = field(default_factory=lambda: list(DEFAULT_IMMEDIATE_KINDS))
    urgent_deadline_hours: int = 24
    quiet_hours: QuietHours = field(default_factory=QuietHours)
    digest_time: str = "09:00"
    digest_when_empty: bool = False
    #: this many alerts of one kind in one shop at once become one message ("12 listings
    #: deleted"); more than ``max_messages_per_batch`` messages at once become one summary
    group_threshold: int = 3
    max_messages_per_batch: int = 4
    muted_kinds: list[KindMute] = field(default_factory=list)
    muted_listings: list[ListingMute] = field(default_factory=list)
    max_attempts: int = 10
    send_timeout_s: float = 20.0

    def channel(self, ref: str) -> ChannelConfig | None:
        """A channel by id or (case-insensitive) name."""
        for channel in self.channels:
            if channel.id == ref:
                return channel
        lowered = ref.casefold()
        return next((c for c in self.channels if c.name.casefold() == lowered), None)

    def tzinfo(self) -> tzinfo:
        return resolve_timezone(self.timezone)


# --- reading and writing -----------------------------------------------------------------

#: fields a record cannot be built without (no sensible default)
_REQUIRED: dict[type, tuple[str, ...]] = {
    ChannelConfig: ("id", "name"), KindMute: ("kind",), ListingMute: ("shop", "listing_id"),
}


def _build(cls: type, data: Any) -> Any:
    """A dataclass from a dict, keeping defaults for anything missing or of the wrong type."""
    data = data if isinstance(data, dict) else {}
    default = cls(**{name: str(data.get(name) or "") for name in _REQUIRED.get(cls, ())})
    for f in fields(cls):
        if f.name not in data:
            continue
        value, current = data[f.name], getattr(default, f.name)
        if isinstance(current, bool):
            ok = isinstance(value, bool)
        elif isinstance(current, float):
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            value = float(value) if ok else value
        elif isinstance(current, int):
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif isinstance(current, list):
            ok = isinstance(value, list)
        elif isinstance(current, QuietHours):
            value, ok = _build(QuietHours, value), True
        else:  # str or str | None
            ok = isinstance(value, str) or (value is None and current is None)
        if ok:
            setattr(default, f.name, value)
    return default


def prefs_from_dict(data: Any) -> NotifyPrefs:
    prefs = _build(NotifyPrefs, data)
    prefs.channels = [
        _clean_channel(_build(ChannelConfig, item)) for item in prefs.channels
        if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"]
    ]
    prefs.muted_kinds = [_build(KindMute, m) for m in prefs.muted_kinds
                         if isinstance(m, dict) and isinstance(m.get("kind"), str)]
    prefs.muted_listings = [
        _build(ListingMute, m) for m in prefs.muted_listings
        if isinstance(m, dict) and isinstance(m.get("shop"), str)
        and isinstance(m.get("listing_id"), str)
    ]
    prefs.immediate_kinds = [k for k in prefs.immediate_kinds if isinstance(k, str)]
    prefs.group_threshold = max(2, prefs.group_threshold)
    prefs.max_messages_per_batch = max(1, prefs.max_messages_per_batch)
    prefs.max_attempts = max(1, prefs.max_attempts)
    prefs.send_timeout_s = min(max(prefs.send_timeout_s, 1.0), 300.0)
    try:
        parse_clock(prefs.digest_time)
    except PrefsError:
        prefs.digest_time = NotifyPrefs().digest_time
    try:
        parse_clock(prefs.quiet_hours.start)
        parse_clock(prefs.quiet_hours.end)
    except PrefsError:
        prefs.quiet_hours = QuietHours()
    return prefs


def _clean_channel(channel: ChannelConfig) -> ChannelConfig:
    channel.kinds = [k for k in channel.kinds if isinstance(k, str)]
    channel.severities = [s for s in channel.severities if s in SEVERITIES]
    channel.shops = [s for s in channel.shops if isinstance(s, str)]
    if channel.mode not in MODES:
        channel.mode = MODE_BOTH
    if not channel.name:
        channel.name = channel.id
    return channel


def prefs_to_dict(prefs: NotifyPrefs) -> dict[str, Any]:
    return asdict(prefs)


def load_prefs(settings: Settings) -> NotifyPrefs:
    return prefs_from_dict(settings.extra.get(SETTINGS_KEY, {}))


def read_prefs(profile: Path) -> NotifyPrefs:
    return load_prefs(load_settings(profile))


def write_prefs(profile: Path, prefs: NotifyPrefs) -> None:
    """Save into settings.json, re-reading it first so other settings stay as they are."""
    settings = load_settings(profile)
    settings.extra = {**settings.extra, SETTINGS_KEY: prefs_to_dict(prefs)}
    save_settings(profile, settings)


# --- helpers the CLI, the service and the settings page share ---------------------------

def channel_id_for(name: str, taken: set[str]) -> str:
    """A short stable id from the channel's name: ASCII letters, digits and dashes (it becomes
    part of an environment variable name), unique among ``taken``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:24] or "channel"
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate


def validate_channel(channel: ChannelConfig) -> None:
    unknown = [k for k in channel.kinds if k not in ALERT_KINDS]
    if unknown:
        raise PrefsError(f"Unknown alert kind(s): {', '.join(unknown)}. "
                         f"Known: {', '.join(ALERT_KINDS)}.")
    if not channel.severities:
        raise PrefsError("Choose at least one severity for the channel.")
    bad = [s for s in channel.severities if s not in SEVERITIES]
    if bad:
        raise PrefsError(f"Unknown severity: {', '.join(bad)}. Known: {', '.join(SEVERITIES)}.")
    if channel.mode not in MODES:
        raise PrefsError(f"Unknown mode '{channel.mode}'. Known: {', '.join(MODES)}.")
    if channel.language and channel.language not in LANGUAGES:
        raise PrefsError(f"Unknown language '{channel.language}'. Known: {', '.join(LANGUAGES)}.")


def resolve_timezone(name: str) -> tzinfo:
    """An IANA zone ('Asia/Shanghai'), a fixed offset ('+08:00', 'UTC+8'), or '' for the
    computer's own zone. An unknown name falls back to the computer's zone."""
    if (name or "").strip():
        try:
            return parse_zone(name)
        except ValueError:
            pass
    local = datetime.now().astimezone().tzinfo
    return local or timezone.utc


def resolve_language(*choices: str | None) -> str:
    """The first explicit choice, else the system locale: zh* -> zh_CN, otherwise en."""
    for choice in choices:
        if choice:
            return "zh_CN" if choice.lower().replace("-", "_").startswith("zh") else "en"
    import locale
    import os

    for value in (os.environ.get("LC_ALL"), os.environ.get("LC_MESSAGES"),
                  os.environ.get("LANG"), (locale.getlocale()[0] or "")):
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return "zh_CN" if value.lower().startswith("zh") else "en"
    return "en"
