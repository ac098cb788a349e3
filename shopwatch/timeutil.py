"""Timestamps are stored as ISO 8601 text with an offset; these helpers keep that uniform.

China time (the platform's clock: no daylight saving) lives here, and so does the one rule for
times shown to people: the seller's local time, with its offset shown where it is not China
time (``human_time``)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

#: China time (no daylight saving): the marketplace's calendar (Taobao's own timestamps,
#: notices and deadlines), and the seller's
CHINA_TZ = timezone(timedelta(hours=8), "China")


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.isoformat(timespec="seconds")


def parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment


def china_day(moment: datetime) -> date:
    """The calendar day in China at ``moment``: the same whatever zone this computer is in."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(CHINA_TZ).date()


def parse_source_time(value: str | None) -> datetime | None:
    """A platform's own stamp ('2026-12-03 10:05:00', or ISO with an offset); one without an
    offset is China time. None when absent or unreadable (a stamp is never guessed)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=CHINA_TZ)


def parse_zone(text: str) -> tzinfo:
    """An IANA zone ('Asia/Shanghai'), 'UTC', or a fixed offset ('+08:00', 'UTC+8',
    'GMT-5:30', at most 14 h). Raises ValueError with a sentence for the user otherwise."""
    name = (text or "").strip()
    match = re.fullmatch(r"(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?", name, re.I)
    if match:
        offset = timedelta(hours=int(match[2]), minutes=int(match[3] or 0))
        if offset <= timedelta(hours=14) and int(match[3] or 0) < 60:
            return timezone(offset if match[1] == "+" else -offset)
    elif name.upper() in ("UTC", "GMT", "Z"):
        return timezone.utc
    elif name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    raise ValueError(f"'{text}' is not a time zone; use a name such as Asia/Shanghai or "
                     "Europe/Berlin, or an offset such as +08:00")


def local_zone() -> tzinfo:
    """This computer's time zone (the seller's, unless told otherwise)."""
    zone = datetime.now().astimezone().tzinfo
    return zone if zone is not None else timezone.utc


def _offset(moment: datetime) -> str:
    delta = moment.utcoffset() or timedelta(0)
    sign = "-" if delta < timedelta(0) else "+"
    minutes = abs(int(delta.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def human_time(value: str | datetime | None, *, tz: tzinfo | None = None) -> str:
    """A stored time as the seller reads it: their local time, 'YYYY-MM-DD HH:MM', followed by
    the offset (' UTC+01:00') where local time is not China time, since the platform's notices
    and deadlines are written in China time. A date alone, or text that is not a time, is shown
    as it is; None is ''."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    else:
        if len(value) <= 10:  # a date has no time of day to convert
            return value
        try:
            moment = parse_iso(value)
        except ValueError:
            return value
        assert moment is not None
    local = moment.astimezone(tz or local_zone())
    text = local.strftime("%Y-%m-%d %H:%M")
    if local.utcoffset() != CHINA_TZ.utcoffset(None):
        text += " " + _offset(local)
    return text


_ISO_IN_TEXT = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})")


def human_times_in(text: str, *, tz: tzinfo | None = None) -> str:
    """``text`` (an alert's stored sentence, say) with each ISO time in it shown by
    ``human_time``'s rule."""
    return _ISO_IN_TEXT.sub(lambda m: human_time(m[0].replace("Z", "+00:00"), tz=tz), text)
