"""Locale-aware text for dates, prices, counts and durations, in the UI's language.

Stored stamps are ISO 8601 with an offset (the platform's +08:00 or UTC); the seller sees them
in the computer's local time, formatted the way their language writes dates. ``QLocale()``
is the default locale that ``shopwatch.ui.i18n`` sets with the language."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, Qt

CURRENCY_SYMBOLS = {"CNY": "¥", "RMB": "¥", "USD": "US$", "EUR": "€", "GBP": "£", "JPY": "JP¥"}


# Called by this name so Qt's lupdate finds every string: translate("Context", "text").
translate = QCoreApplication.translate


def _is_chinese(locale: QLocale) -> bool:
    return locale.language() == QLocale.Language.Chinese


def to_qdatetime(value: str | datetime | None) -> QDateTime | None:
    """A local QDateTime from a stored stamp (None for empty or unreadable values)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        stamp = QDateTime.fromSecsSinceEpoch(int(value.timestamp()))
    else:
        stamp = QDateTime.fromString(value, Qt.DateFormat.ISODate)
    if not stamp.isValid():
        return None
    return stamp.toLocalTime()


#: datetime_text's answers for stored stamps, by (stamp, locale, this year): a table repaints
#: the same few hundred stamps (a sync stamps thousands of listings alike) many times a second
_DATETIME_TEXTS: dict[tuple[str, str, int], str] = {}
_DATETIME_TEXTS_MAX = 4096


def datetime_text(value: str | datetime | None, *, now: QDateTime | None = None) -> str:
    """Compact date and time: "Nov 23, 17:42" / "11月23日 17:42", with the year when it is
    not this year."""
    if now is None and isinstance(value, str) and value:
        key = (value, QLocale().name(), QDate.currentDate().year())
        text = _DATETIME_TEXTS.get(key)
        if text is None:
            if len(_DATETIME_TEXTS) >= _DATETIME_TEXTS_MAX:
                _DATETIME_TEXTS.clear()
            text = _DATETIME_TEXTS[key] = _datetime_text(value, None)
        return text
    return _datetime_text(value, now)


def _datetime_text(value: str | datetime | None, now: QDateTime | None) -> str:
    stamp = to_qdatetime(value)
    if stamp is None:
        return "—"
    locale = QLocale()
    now = now or QDateTime.currentDateTime()
    same_year = stamp.date().year() == now.date().year()
    if _is_chinese(locale):
        pattern = "M月d日 HH:mm" if same_year else "yyyy年M月d日 HH:mm"
    else:
        pattern = "MMM d, HH:mm" if same_year else "MMM d, yyyy HH:mm"
    return locale.toString(stamp, pattern)


def date_text(value: str | date | datetime | None) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime):
        qdate = to_qdatetime(value).date()  # type: ignore[union-attr]
    elif isinstance(value, date):
        qdate = QDate(value.year, value.month, value.day)
    else:
        stamp = to_qdatetime(value)
        qdate = stamp.date() if stamp else QDate.fromString(value[:10], Qt.DateFormat.ISODate)
    if not qdate.isValid():
        return "—"
    locale = QLocale()
    return locale.toString(qdate, "M月d日" if _is_chinese(locale) else "MMM d")


def relative_text(value: str | datetime | None, *, now: QDateTime | None = None) -> str:
    """"in 14 h", "in 3 days", "5 min ago", "just now"."""
    stamp = to_qdatetime(value)
    if stamp is None:
        return ""
    now = now or QDateTime.currentDateTime()
    seconds = now.secsTo(stamp)
    ahead = seconds >= 0
    seconds = abs(seconds)
    if seconds < 60:
        return translate("Format", "just now")
    minutes = seconds // 60
    hours = minutes // 60
    days = hours // 24
    if minutes < 60:
        if ahead:
            return translate("Format", "in %n min", None, minutes)
        return translate("Format", "%n min ago", None, minutes)
    if hours < 48:
        if ahead:
            return translate("Format", "in %n h", None, hours)
        return translate("Format", "%n h ago", None, hours)
    if ahead:
        return translate("Format", "in %n day(s)", None, days)
    return translate("Format", "%n day(s) ago", None, days)


def with_relative(text: str, value: str | datetime | None) -> str:
    """"Nov 26, 12:05 (in 2 days)" / "11月26日 12:05（2 天后）"."""
    relative = relative_text(value)
    if not relative:
        return text
    return translate("Format", "%1 (%2)").replace("%2", relative).replace("%1", text)


def count_text(n: int) -> str:
    return QLocale().toString(int(n))


def percent_text(share: float, decimals: int = 0) -> str:
    locale = QLocale()
    return locale.toString(float(share) * 100, "f", decimals) + locale.percent()


def price_text(price: str | float | Decimal | None, currency: str | None = "CNY") -> str:
    """"¥1,280.00" with the locale's separators; the platform's decimal string is kept exact."""
    if price is None or price == "":
        return "—"
    try:
        value = Decimal(str(price))
    except InvalidOperation:
        return str(price)
    symbol = CURRENCY_SYMBOLS.get((currency or "CNY").upper(), (currency or "") + " ")
    return symbol + QLocale().toString(float(value), "f", 2)


def duration_text(seconds: float) -> str:
    if seconds < 1:
        millis = QLocale().toString(round(seconds * 1000))
        return translate("Format", "%1 ms").replace("%1", millis)
    return translate("Format", "%1 s").replace("%1", QLocale().toString(seconds, "f", 1))
