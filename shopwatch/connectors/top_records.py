"""Rows of TOP answers turned into the shared records (ListingRecord, NoticeRecord,
MetricRecord). Pure functions: no I/O, so the mapping rules are easy to read and test."""

from __future__ import annotations

from datetime import date, datetime

from shopwatch.connectors.base import SourceError
from shopwatch.connectors.top_sign import GMT8, TIMESTAMP_FORMAT
from shopwatch.models import NOTICE_OPEN, WARNING, ListingRecord, MetricRecord, NoticeRecord

ITEM_URL = "https://item.taobao.com/item.htm?id={}"


#: SQLite stores integers in 64 bits
_INT_RANGE = range(-(2**63), 2**63)


def _text(value: object) -> str:
    text = value if type(value) is str else str(value)
    if text.isascii():  # most fields; a constant-time check in CPython
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # Half of a surrogate pair (a title cut inside an emoji) cannot be stored or hashed:
        # keep the rest of the text readable instead of failing every sync.
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text


def text_or_none(value: object) -> str | None:
    if value is None or value == "":
        return None
    if type(value) is str and value.isascii():  # the common case, without another call
        return value
    return _text(value)


def _not_a_number(value: object) -> SourceError:
    return SourceError(f"Taobao sent {_text(value)[:40]!r} where a whole number belongs.",
                       hint="Sync again later; nothing was changed.")


def int_or_none(value: object) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(value)  # type: ignore[call-overload]
    except OverflowError:  # float infinity
        raise _not_a_number(value) from None
    except (TypeError, ValueError):
        try:
            number = int(float(value))  # type: ignore[arg-type]
        except (TypeError, ValueError, OverflowError):  # OverflowError: "1e400", Infinity
            raise _not_a_number(value) from None
    if number not in _INT_RANGE:
        raise _not_a_number(value)
    return number


def item_id(row: dict) -> str | None:
    value = row.get("num_iid")
    if type(value) is int:  # as TOP sends it: skip the general text checks
        return str(value)
    return text_or_none(value)


def listing_values(row: dict, status: str) -> tuple:
    """One TOP item as a tuple in ListingRecord's field order: what the sync's hot path turns
    into database rows without building an object per listing."""
    listing_id = item_id(row) or ""
    get = row.get
    # The URL is built, not taken from detail_url, so a look-up and a list read of the same item
    # hash alike.
    return (
        listing_id,
        _text(get("title") or ""),
        status,
        text_or_none(get("price")),
        "CNY",
        int_or_none(get("num")),
        ITEM_URL.format(listing_id),
        text_or_none(get("cid")),
        text_or_none(get("pic_url")),
        text_or_none(get("outer_id")),
        text_or_none(get("modified")),
        None,
    )


def listing_record(row: dict, status: str, via: str | None = None) -> ListingRecord:
    """One item as a record, keeping the source's raw JSON and its list's words for the
    evidence ledger (look-ups; the two-pass list reads build rows straight from the dicts)."""
    return ListingRecord(*listing_values(row, status), raw=row, via=via)


def iso_gmt8(value: object) -> str | None:
    """``yyyy-MM-dd HH:mm:ss`` GMT+8 -> ISO 8601 with +08:00 (ISO input is accepted as well)."""
    text = text_or_none(value)
    if text is None:
        return None
    try:
        moment = datetime.strptime(text, TIMESTAMP_FORMAT)
    except ValueError:
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise SourceError(f"Taobao sent an unreadable date: {text!r}.",
                              hint="Sync again; nothing was changed.") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=GMT8)
    return moment.isoformat()


def notice_record(row: dict) -> NoticeRecord:
    num_iid = row.get("num_iid")
    return NoticeRecord(
        source_id=_text(row.get("notice_id")),
        kind=_text(row.get("kind") or "other"),
        severity=_text(row.get("severity") or WARNING),
        points=int_or_none(row.get("points")) or 0,
        category=_text(row.get("category") or "general"),
        listing_id=text_or_none(num_iid) if num_iid not in (0, "0") else None,
        issued_at=iso_gmt8(row.get("issued_at")),
        appeal_deadline=iso_gmt8(row.get("appeal_deadline")),
        status=_text(row.get("status") or NOTICE_OPEN),
        title=_text(row.get("title") or ""),
        text=_text(row.get("content") or ""),
    )


def metric_day(value: object) -> str:
    """A metric row's day as YYYY-MM-DD. Checked here: a stored nonsense day would be read back
    as the latest metric day and break every later sync."""
    text = _text(value)
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise SourceError(f"Taobao sent a traffic row with an unreadable day: {text[:40]!r}.",
                          hint="Sync again later; nothing was changed.") from None


def metric_record(row: dict) -> MetricRecord:
    return MetricRecord(
        listing_id=_text(row.get("num_iid")),
        day=metric_day(row.get("date")),
        impressions=int_or_none(row.get("impressions")),
        visits=int_or_none(row.get("visits")),
        page_views=int_or_none(row.get("page_views")),
    )
