"""Timestamps are stored as ISO 8601 text with an offset; these helpers keep that uniform."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

#: China time (no daylight saving): the marketplace's calendar, and the seller's
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
