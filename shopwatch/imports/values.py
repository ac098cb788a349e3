"""Reading one cell or one phrase: ids, counts, prices, dates and times, listing statuses.

Exports are written for Excel users, so cells carry Excel's habits (``="600123"`` to keep a long
number as text, a leading apostrophe, ``1.2万``, ``¥128.00``, thousands separators). Every parser
returns a clean value or raises ``ValueError`` with a short reason; the caller adds the file,
line and column."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from shopwatch.models import ACTIVE, SELLER_OFF_SHELF, SOLD_OUT, VIOLATION_OFF_SHELF

# Taobao states times in Beijing time; a notice without a zone means this one
from shopwatch.timeutil import CHINA_TZ

_EXCEL_TEXT = re.compile(r'^="(.*)"$', re.S)
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,63}$")
#: placeholders exports use for "no value"
_EMPTY = {"", "-", "--", "—", "/", "n/a", "na", "null", "none", "无"}


def clean_cell(value: str) -> str:
    """Undo Excel's text-preserving tricks and stray whitespace."""
    value = value.strip()
    if "\u00a0" in value or "\ufeff" in value:
        value = value.replace("\u00a0", " ").replace("\ufeff", "").strip()
    if value.startswith('="') and value.endswith('"'):
        match = _EXCEL_TEXT.match(value)
        if match:
            value = match.group(1).strip()
    if value.startswith("'") and len(value) > 1:
        value = value[1:]
    return value


def is_empty(value: str) -> bool:
    return value.strip().lower() in _EMPTY


def parse_id(value: str) -> str:
    value = clean_cell(value)
    if not value:
        raise ValueError("the id is empty")
    if _SCIENTIFIC.match(value):
        raise ValueError(f"'{value}' is in scientific notation, so Excel has rounded the id; "
                         "export again, or format the column as text before saving")
    if value.endswith(".0") and value[:-2].isdigit():
        value = value[:-2]  # a numeric Excel cell read back as a float
    if not _ID.match(value):
        raise ValueError(f"'{_short(value)}' is not a listing id")
    return value


def _number_text(value: str) -> str:
    text = unicodedata.normalize("NFKC", clean_cell(value))
    return text.replace(",", "").replace(" ", "").replace("¥", "").replace("$", "")


def parse_count(value: str) -> int | None:
    """A non-negative count (visitors, stock); ``1.2万`` is 12,000. Empty is None."""
    if is_empty(value):
        return None
    text = _number_text(value)
    scale = 1
    for suffix, factor in (("万", 10_000), ("亿", 100_000_000), ("千", 1_000), ("k", 1_000)):
        if text.lower().endswith(suffix):
            text, scale = text[: -len(suffix)], factor
            break
    text = text.removesuffix("件").removesuffix("个").removesuffix("次").removesuffix("人")
    try:
        number = Decimal(text) * scale
    except InvalidOperation:
        raise ValueError(f"'{_short(value)}' is not a number") from None
    if not number.is_finite() or number < 0:
        raise ValueError(f"'{_short(value)}' is not a count")
    if number != number.to_integral_value() and scale == 1:
        raise ValueError(f"'{_short(value)}' is not a whole number")
    if number > 10**12:
        raise ValueError(f"'{_short(value)}' is too large")
    return int(number)


def parse_points(value: str) -> int:
    """Violation points; exports write a deduction as ``-12`` or ``12分``."""
    if is_empty(value):
        return 0
    text = _number_text(value).removesuffix("分").lstrip("-−")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"'{_short(value)}' is not a number of points") from None
    if not number.is_finite() or number != number.to_integral_value() or abs(number) > 1000:
        raise ValueError(f"'{_short(value)}' is not a number of points")
    return int(abs(number))


def _price(text: str) -> str:
    number = Decimal(text)
    if not number.is_finite() or number < 0 or number > 10**9:
        raise InvalidOperation
    return str(number.quantize(Decimal("0.01")))


def parse_price(value: str) -> str | None:
    """A decimal price as the API writes it ("128.00"); a SKU range stays a range."""
    if is_empty(value):
        return None
    text = _number_text(value).removesuffix("元")
    try:
        parts = re.split(r"[-~～至]", text) if re.search(r"\d[-~～至]\d", text) else [text]
        if len(parts) > 2:
            raise InvalidOperation
        return "-".join(_price(p) for p in parts)
    except InvalidOperation:
        raise ValueError(f"'{_short(value)}' is not a price") from None


# --- dates and times ---------------------------------------------------------------------

_MONTHS = {name: n for n, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for name in names}
_MONTH = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_TIME = (r"(?:[ T,]*(?:at\s*)?(?P<h>\d{1,2})\s*(?:[:：]|时|点)\s*(?P<mi>\d{1,2})?\s*分?"
         r"(?:[:：](?P<s>\d{1,2})\s*秒?)?\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)?)?")
_DATE_PATTERNS = [
    # 2026-11-26, 2026/11/26, 2026.11.26, 2026年11月26日
    re.compile(r"(?<!\d)(?P<y>\d{4})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*"
               r"(?P<d>\d{1,2})(?!\d)\s*日?" + _TIME, re.I),
    # 11月26日 (the year is implied)
    re.compile(r"(?<!\d)(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]" + _TIME),
    # Nov 26, 2026 / November 26 2026
    re.compile(r"\b" + _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b" + _TIME,
               re.I),
    # 26 Nov 2026 / 26 November, 2026
    re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<y>\d{4})\b" + _TIME,
               re.I),
    # 20261126 (compact exports)
    re.compile(r"(?<![A-Za-z0-9\-])(?P<y>20\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?![A-Za-z0-9\-])"),
]


@dataclass(frozen=True, slots=True)
class FoundTime:
    start: int
    end: int
    moment: datetime
    has_time: bool


def _build(match: re.Match[str], tz: timezone, today: date) -> tuple[datetime, bool] | None:
    groups = match.groupdict()
    month = _MONTHS[groups["mon"].lower()] if groups.get("mon") else int(groups["m"])
    day = int(groups["d"])
    if groups.get("y"):
        year = int(groups["y"])
    else:
        # no year written: the occurrence of that date nearest to today
        candidates = []
        for y in (today.year - 1, today.year, today.year + 1):
            try:
                candidates.append(date(y, month, day))
            except ValueError:
                continue
        if not candidates:
            return None
        year = min(candidates, key=lambda d: abs((d - today).days)).year
    hour = minute = second = 0
    has_time = groups.get("h") is not None
    if has_time:
        hour, minute, second = int(groups["h"]), int(groups["mi"] or 0), int(groups["s"] or 0)
        ampm = (groups.get("ampm") or "").lower().replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour == 24 and minute == 0:
            hour, minute, second = 23, 59, 59
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=tz), has_time
    except ValueError:
        return None


def find_datetimes(text: str, *, tz: timezone = CHINA_TZ, today: date | None = None
                   ) -> list[FoundTime]:
    """Every date (with its time, when written) in ``text``, in order, without overlaps."""
    today = today or datetime.now(tz).date()
    found: list[FoundTime] = []
    taken: list[tuple[int, int]] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            built = _build(match, tz, today)
            if built is None:
                continue
            moment, has_time = built
            found.append(FoundTime(start, end, moment, has_time))
            taken.append((start, end))
    return sorted(found, key=lambda f: f.start)


def parse_day(value: str) -> str:
    """A calendar day as ``YYYY-MM-DD`` (metrics); Excel serial day numbers are accepted."""
    text = clean_cell(value)
    if re.fullmatch(r"\d{5}(?:\.0+)?", text):
        serial = int(float(text))
        if 20_000 <= serial <= 80_000:  # 1954..2119: anything else is not a date
            return (date(1899, 12, 30) + timedelta(days=serial)).isoformat()
    found = find_datetimes(text, today=date(2000, 1, 1))
    if not found or found[0].start > 0:
        raise ValueError(f"'{_short(value)}' is not a date")
    return found[0].moment.date().isoformat()


def parse_moment(value: str, *, tz: timezone = CHINA_TZ, end_of_day: bool = False,
                 today: date | None = None) -> datetime | None:
    """A date and time from a cell; a bare date means its start (or its end, for a deadline)."""
    if is_empty(value):
        return None
    found = find_datetimes(clean_cell(value), tz=tz, today=today)
    if not found:
        raise ValueError(f"'{_short(value)}' is not a date")
    first = found[0]
    if not first.has_time and end_of_day:
        return datetime.combine(first.moment.date(), time(23, 59, 59), tzinfo=tz)
    return first.moment


# --- listing status ----------------------------------------------------------------------

#: what seller-centre exports write in their status column (normalised: lower case, no spaces)
STATUS_WORDS: dict[str, str] = {
    **dict.fromkeys(["出售中", "在售", "在售中", "销售中", "上架", "已上架", "上架中", "正常",
                     "onsale", "on_sale", "forsale", "selling", "active", "listed", "live",
                     "online", "buyable"], ACTIVE),
    **dict.fromkeys(["仓库中", "已下架", "下架", "下架中", "未上架", "从未上架", "待上架",
                     "定时上架", "已下架(卖家)", "卖家下架", "instock", "in_stock",
                     "offshelf", "off_shelf", "inactive", "warehouse", "delisted",
                     "seller_off_shelf", "unlisted", "offline",
                     # Amazon's All Listings Report: a listing missing required data
                     "incomplete"], SELLER_OFF_SHELF),
    **dict.fromkeys(["售罄", "已售罄", "卖完", "已卖完", "缺货", "无库存", "soldout", "sold_out",
                     "outofstock"], SOLD_OUT),
    **dict.fromkeys(["违规下架", "违规", "违规下架中", "被下架", "处罚下架", "小二下架",
                     "平台下架", "违规屏蔽", "violation", "violation_off_shelf", "punished",
                     "violationoffshelf", "suppressed", "blocked"], VIOLATION_OFF_SHELF),
}


_SPACES = re.compile(r"[\s\-]+")


@lru_cache(maxsize=4096)
def _status_key(value: str) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFKC", value).lower())


_STATUS_INDEX = {_status_key(word): status for word, status in STATUS_WORDS.items()}


def parse_status(value: str, extra: dict[str, str] | None = None) -> str | None:
    """The listing status a cell names; None for an empty cell. ``extra`` maps the user's own
    words (from a saved mapping) and wins over the built-in ones."""
    if is_empty(value):
        return None
    key = _status_key(clean_cell(value))
    for word, status in (extra or {}).items():
        if _status_key(word) == key:
            return status
    if key in _STATUS_INDEX:
        return _STATUS_INDEX[key]
    raise ValueError(f"'{_short(value)}' is not a status shopwatch knows")


def _short(value: str, limit: int = 40) -> str:
    value = value.replace("\n", " ")
    return value if len(value) <= limit else value[: limit - 1] + "…"
