"""What every marketplace connector provides, and the typed errors it raises.

A connector fetches; it never writes. Sync decides what the fetched data means."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from shopwatch.models import ListingRecord, MetricRecord, NoticeRecord

# Capabilities a connector may declare.
CAP_LISTINGS = "listings"
CAP_NOTICES = "notices"
CAP_LOOKUP = "lookup"
CAP_SEARCH_STATUS = "search_status"
CAP_METRICS = "metrics"

#: progress(pages_fetched, items_so_far, message)
Progress = Callable[[int, int, str], None]
#: returns True when the user asked to stop
CancelCheck = Callable[[], bool]


class ConnectorError(Exception):
    """Base of every connector failure. ``str()`` is a plain sentence for the user and never
    contains a secret."""

    kind = "source"

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


class AuthError(ConnectorError):
    """Credentials rejected or session expired: the user must re-authorise. Never retried."""

    kind = "auth"


class RateLimited(ConnectorError):
    """The platform throttled us for longer than we are willing to wait."""

    kind = "rate_limit"

    def __init__(self, message: str, *, retry_after: float | None = None, hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.retry_after = retry_after


class NetworkError(ConnectorError):
    """Connection refused/reset, timeout, HTTP 5xx after retries, or an unreadable response."""

    kind = "network"


class SourceError(ConnectorError):
    """The platform answered with an error_response we do not retry."""

    kind = "source"

    def __init__(
        self,
        message: str,
        *,
        code: int | str | None = None,
        msg: str = "",
        sub_code: str = "",
        sub_msg: str = "",
        hint: str = "",
    ) -> None:
        super().__init__(message, hint=hint)
        self.code = code
        self.msg = msg
        self.sub_code = sub_code
        self.sub_msg = sub_msg


class IncompleteSync(ConnectorError):
    """Pages or counts did not add up: the fetch cannot be trusted to say what is gone."""

    kind = "incomplete"


class Cancelled(ConnectorError):
    kind = "cancelled"


@runtime_checkable
class Connector(Protocol):
    """The interface sync uses. Optional methods exist only when the capability is declared."""

    capabilities: frozenset[str]

    def fetch_listings(
        self, progress: Progress | None = None, cancel: CancelCheck | None = None
    ) -> tuple[list[ListingRecord], int]:
        """Every listing the shop has, or raise. Returns (records, pages fetched).
        Must raise IncompleteSync rather than return a partial list."""
        ...

    def lookup(self, listing_id: str) -> ListingRecord | None:
        """One listing by id; None when the source says it no longer exists."""
        ...

    def fetch_notices(self) -> list[NoticeRecord]:
        ...

    def fetch_metrics(self, since_day: str | None) -> list[MetricRecord]:
        ...

    def close(self) -> None:
        ...
