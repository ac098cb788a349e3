"""Plain dataclasses shared by every layer: what a connector yields, what the store returns,
what detection decides. No layer hands out sqlite rows or Qt objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

# Listing status vocabulary (a stable contract: the CLI's JSON and the store use these words).
ACTIVE = "active"
SELLER_OFF_SHELF = "seller_off_shelf"
SOLD_OUT = "sold_out"
VIOLATION_OFF_SHELF = "violation_off_shelf"
MISSING = "missing"
DELETED = "deleted"
LISTING_STATUSES = (ACTIVE, SELLER_OFF_SHELF, SOLD_OUT, VIOLATION_OFF_SHELF, MISSING, DELETED)
#: statuses a source can report directly; missing/deleted are inferred by sync
SOURCE_STATUSES = (ACTIVE, SELLER_OFF_SHELF, SOLD_OUT, VIOLATION_OFF_SHELF)

SEARCH_NORMAL = "normal"
SEARCH_SUPPRESSED = "suppressed"

# Severity, from least to most urgent.
INFO = "info"
WARNING = "warning"
CRITICAL = "critical"
SEVERITIES = (INFO, WARNING, CRITICAL)

# Alert kinds (contract).
ALERT_KINDS = (
    "deleted",
    "violation_off_shelf",
    "seller_off_shelf",
    "demoted",
    "new_penalty",
    "points_threshold",
    "appeal_deadline",
    "changed_by_platform",
    "mass_disappearance",
    "sync_failing",
)

# Notice status vocabulary.
NOTICE_OPEN = "open"
NOTICE_APPEALED = "appealed"
NOTICE_REVOKED = "revoked"
NOTICE_UPHELD = "upheld"


@dataclass(frozen=True, slots=True)
class ListingRecord:
    """One listing as a source reports it during a sync."""

    listing_id: str
    title: str
    status: str = ACTIVE
    price: str | None = None  # decimal string as the platform sends it ("128.00")
    currency: str = "CNY"
    quantity: int | None = None
    url: str | None = None
    category: str | None = None
    pic_url: str | None = None
    outer_id: str | None = None
    modified: str | None = None  # source's own last-modified stamp, informational
    search_status: str | None = None  # only when the source states it explicitly
    asin: str | None = None  # Amazon listings only
    #: Amazon listings only: JSON list of {code, severity, message, actions}
    issues: str | None = None

    #: the source's own record as received (TOP item JSON, an imported row as header -> cell):
    #: what the evidence ledger keeps; not compared, so it never makes a listing "changed"
    raw: dict[str, Any] | None = field(default=None, compare=False, repr=False)
    #: where the source said it, in its own words (the TOP list and inventory banner, e.g.
    #: "taobao.items.inventory.get banner=violation_off_shelf"): kept with the raw record
    via: str | None = field(default=None, compare=False, repr=False)


class LeanListing(NamedTuple):
    """What a two-pass sync compares a stored listing by (no full row): equal to the
    (status, modified) pair a connector's first pass reports for an unchanged listing."""

    status: str
    source_modified: str | None


@dataclass(slots=True)
class ListingDelta:
    """A two-pass read of a shop's listings. ``seen`` is complete (every listing in every list:
    id -> (status, the source's modified stamp)); ``rows`` holds full rows, as tuples in
    ListingRecord's field order, only for listings that are new or changed — or for every
    listing when ``full`` (the lists were read with full fields)."""

    seen: dict[str, tuple[str, str | None]]
    rows: dict[str, tuple]
    pages: int
    full: bool


@dataclass(frozen=True, slots=True)
class MetricRecord:
    """Traffic of one listing on one day (YYYY-MM-DD)."""

    listing_id: str
    day: str
    impressions: int | None = None
    visits: int | None = None
    page_views: int | None = None
    keyword_rank: int | None = None


@dataclass(frozen=True, slots=True)
class NoticeRecord:
    """A penalty / violation notice as a source reports it."""

    source_id: str
    kind: str  # false_trading, counterfeit, misdescription, prohibited, search_demotion, ...
    severity: str = WARNING
    points: int = 0
    category: str = "general"  # general (一般违规) or serious (严重违规) point ledger
    listing_id: str | None = None
    issued_at: str | None = None  # ISO 8601
    appeal_deadline: str | None = None  # ISO 8601
    status: str = NOTICE_OPEN
    title: str = ""
    text: str = ""
    #: every listing the notice names (``listing_id`` is the first, the one alerts refer to)
    listing_ids: tuple[str, ...] = ()
    #: apply the rule data's appeal window when the notice states no deadline (False for a
    #: pasted text in which nothing was recognised: no deadline is invented for it)
    rule_deadline: bool = True


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything one complete fetch produced. Only a complete snapshot reaches the store."""

    listings: list[ListingRecord]
    notices: list[NoticeRecord] | None = None  # None: the source has no notices capability
    metrics: list[MetricRecord] | None = None
    pages: int = 0
    # listing ids absent from the lists, resolved by a direct look-up: id -> record or None
    # (None means the source says the item no longer exists).
    lookups: dict[str, ListingRecord | None] = field(default_factory=dict)


@dataclass(slots=True)
class Shop:
    id: int
    name: str
    platform: str
    endpoint: str | None = None
    app_key: str | None = None
    sign_method: str = "md5"
    settings: dict[str, Any] = field(default_factory=dict)
    created_at: str | None = None


@dataclass(slots=True)
class Listing:
    shop_id: int
    listing_id: str
    title: str
    status: str
    search_status: str = SEARCH_NORMAL
    price: str | None = None
    currency: str = "CNY"
    quantity: int | None = None
    url: str | None = None
    category: str | None = None
    pic_url: str | None = None
    outer_id: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    missing_since: str | None = None
    status_changed_at: str | None = None
    content_hash: str | None = None
    asin: str | None = None
    issues: str | None = None  # JSON text, Amazon listings only


@dataclass(slots=True)
class ListingVersion:
    id: int
    shop_id: int
    listing_id: str
    title: str
    status: str
    search_status: str
    price: str | None
    quantity: int | None
    valid_from_run: int
    valid_to_run: int | None
    recorded_at: str


@dataclass(slots=True)
class Notice:
    id: int
    shop_id: int
    source_id: str
    kind: str
    severity: str
    points: int
    category: str
    listing_id: str | None
    issued_at: str | None
    appeal_deadline: str | None
    status: str
    title: str
    text: str
    created_at: str | None = None
    #: every listing the notice names (``listing_id`` is the first)
    listing_ids: tuple[str, ...] = ()


@dataclass(slots=True)
class AlertDraft:
    """An alert detection wants raised; the store drops it if its dedup_key already exists."""

    kind: str
    severity: str
    dedup_key: str
    message: str
    listing_id: str | None = None
    notice_id: int | None = None
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Alert:
    id: int
    shop_id: int
    kind: str
    severity: str
    dedup_key: str
    message: str
    created_at: str
    listing_id: str | None = None
    notice_id: int | None = None
    run_id: int | None = None
    details: dict[str, Any] = field(default_factory=dict)
    acknowledged_at: str | None = None


@dataclass(slots=True)
class SyncRun:
    id: int
    shop_id: int
    started_at: str
    status: str  # running | ok | failed
    finished_at: str | None = None
    listings: int | None = None
    pages: int | None = None
    changed: int | None = None
    error: str | None = None
    error_kind: str | None = None
    origin: str = "sync"  # sync | import (notices/traffic imported into a shop with its own source)


@dataclass(slots=True)
class SyncLease:
    """Who holds a shop's sync lease (one writer per shop): a process, on a host, since when,
    and when it last said it was alive. Times are ISO 8601 UTC, the real clock."""

    shop_id: int
    token: str
    pid: int
    host: str
    owner: str  # "shopwatch sync", "the shopwatch app", …
    started_at: str
    heartbeat_at: str


@dataclass(slots=True)
class SyncResult:
    run_id: int
    shop: str
    status: str  # ok | failed | busy (another sync of the shop holds its lease; no run row)
    listings: int
    error: str | None = None
    alerts: list[Alert] = field(default_factory=list)
    changed: int = 0
    versions_written: int = 0
    duration_s: float = 0.0
    #: why a failed run failed, as recorded with it (auth, network, store, corrupt, …)
    error_kind: str | None = None


@dataclass(slots=True)
class Appeal:
    id: int
    notice_id: int
    template: str
    language: str
    body: str
    evidence: dict[str, Any]
    status: str  # draft | submitted | accepted | rejected
    created_at: str
    updated_at: str
    submitted_at: str | None = None
