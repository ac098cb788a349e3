"""A seeded, deterministic simulator of a small Taobao shop.

The shop on simulated day ``d`` is the day-0 catalogue with the events of days 1..d applied in
order. Every day draws from its own ``random.Random(f"{seed}:{day}")``, so the same seed always
yields the same shop and the same events, and replaying (``set_day``) is exact. Traffic metrics
are not stored: they are a pure function of (seed, listing, day) plus the listing's status
history, which keeps a 25,000-listing shop cheap.

From day 3 on (``campaign=True``) a "false-trading rectification" campaign (虚假交易整治) runs:
the platform deletes some listings, delists others for violation, quietly demotes some (traffic
collapses, the listing stays on sale) and issues penalty notices with points and appeal
deadlines. ``events`` and the ``*_ids()`` helpers are the ground truth tests compare the app to.
"""

from __future__ import annotations

import heapq
import math
import random
import threading
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from shopwatch.connectors.top_sign import GMT8, format_timestamp
from shopwatch.demo import catalog

# Listing states. "onsale" plus the TOP inventory banners, plus "deleted" (gone from the API).
ONSALE = "onsale"
REGULAR_SHELVED = "regular_shelved"
NEVER_ON_SHELF = "never_on_shelf"
OFF_SHELF = "off_shelf"
SOLD_OUT = "sold_out"
VIOLATION_OFF_SHELF = "violation_off_shelf"
DELETED = "deleted"
STATES = (
    ONSALE,
    REGULAR_SHELVED,
    NEVER_ON_SHELF,
    OFF_SHELF,
    SOLD_OUT,
    VIOLATION_OFF_SHELF,
    DELETED,
)
FOR_SHELVED = (REGULAR_SHELVED, NEVER_ON_SHELF, OFF_SHELF)
#: banner name -> the states it lists (``for_shelved`` is the three seller banners together)
BANNERS: dict[str, tuple[str, ...]] = {
    REGULAR_SHELVED: (REGULAR_SHELVED,),
    NEVER_ON_SHELF: (NEVER_ON_SHELF,),
    OFF_SHELF: (OFF_SHELF,),
    "for_shelved": FOR_SHELVED,
    SOLD_OUT: (SOLD_OUT,),
    VIOLATION_OFF_SHELF: (VIOLATION_OFF_SHELF,),
}

EVENT_KINDS = (
    "deleted",
    "violation_off_shelf",
    "demoted",
    "penalty",
    "seller_edit",
    "seller_off_shelf",
    "seller_on_shelf",
    "new_listing",
)

#: metrics exist this many days before start_date, so a trailing baseline is there on day 0
HISTORY_DAYS = 14
CAMPAIGN_START_DAY = 3
#: default window of metrics(since=None)
DEFAULT_METRIC_DAYS = 30

# Per-day rates, as a fraction of the catalogue size, so bigger shops get proportionally more.
_EDITS_PER_LISTING = 0.012
_SELLER_OFF_PER_LISTING = 0.003
_SELLER_ON_PER_LISTING = 0.003
_NEW_PER_LISTING = 0.001
_DELETE_PER_LISTING = 0.0055
_VIOLATION_PER_LISTING = 0.0045
_DEMOTE_PER_LISTING = 0.0035
#: the first campaign day is a sweep: more hits than the days after it
_SWEEP_INTENSITY = 1.6
#: a demotion candidate needs enough traffic for the collapse to be visible at all
_DEMOTE_MIN_VISITS = 8.0

_MASK64 = (1 << 64) - 1


@dataclass(slots=True)
class Event:
    """One thing that happened in the shop on a simulated day (ground truth for tests)."""

    day: int
    kind: str  # one of EVENT_KINDS
    num_iid: int | None
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "day": self.day,
            "kind": self.kind,
            "num_iid": self.num_iid,
            "detail": dict(self.detail),
        }


@dataclass(slots=True)
class _Listing:
    num_iid: int
    title: str
    cid: int
    price: Decimal
    num: int
    outer_id: str
    seller_cids: str
    status: str
    list_time: datetime | None
    delist_time: datetime | None
    modified: datetime
    sold_quantity: int
    base_visits: float  # stable traffic level (visits/day) before noise
    ctr: float  # visits / impressions
    pv_ratio: float  # page views / visits
    created_day: int
    # (day, on sale at the end of that day) at creation and whenever that changes
    history: list[tuple[int, bool]] = field(default_factory=list)
    demoted_day: int | None = None
    demote_factor: float = 1.0

    def onsale_on(self, day: int) -> bool:
        """Was the listing on sale at the end of simulated day ``day``?"""
        if day < self.created_day:
            # The opening catalogue existed before day 0: its history days are like day 0.
            if self.created_day != 0:
                return False
            day = 0
        i = bisect_right(self.history, (day, True)) - 1
        return i >= 0 and self.history[i][1]

    def set_status(self, status: str, day: int) -> None:
        onsale = status == ONSALE
        self.status = status
        if self.history and self.history[-1][0] == day:
            self.history[-1] = (day, onsale)
        elif not self.history or self.history[-1][1] != onsale:
            self.history.append((day, onsale))


def _mix64(x: int) -> int:
    """splitmix64 finaliser: a cheap, well-spread integer hash (stable across runs/platforms)."""
    x = (x + 0x9E3779B97F4A7C15) & _MASK64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK64
    return x ^ (x >> 31)


def _poisson(rng: random.Random, lam: float) -> int:
    """A Poisson draw from ``rng`` (Knuth for small means, normal approximation above 30)."""
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _jittered_count(rng: random.Random, mean: float) -> int:
    """A count near ``mean`` (±50 %, stochastically rounded). Tighter than Poisson, so every
    seed's campaign is noticeable yet none wipes out the shop."""
    x = mean * rng.uniform(0.5, 1.5)
    return int(x + rng.random())


def _weighted_sample(rng: random.Random, candidates: list[tuple[int, float]], k: int) -> list[int]:
    """k distinct ids drawn with probability proportional to weight (Efraimidis–Spirakis):
    one pass, so it stays cheap for a 25,000-listing shop."""
    if k <= 0 or not candidates:
        return []
    keyed = [(math.log(1.0 - rng.random()) / w, iid) for iid, w in candidates if w > 0]
    return [iid for _, iid in heapq.nlargest(k, keyed)]


def _round_price(value: float) -> Decimal:
    """Prices the way sellers set them: whole yuan, sometimes ending in .90."""
    whole = max(1, int(value))
    return Decimal(whole) - (Decimal("0.10") if whole % 3 == 0 and whole > 10 else Decimal(0))


def _credentials(seed: int) -> tuple[str, str, str, str]:
    """The simulated shop's app key, secret, session key and seller nick for ``seed``."""
    cred = random.Random(f"{seed}:credentials")
    app_key = f"demo{cred.randrange(10**7, 10**8)}"
    app_secret = f"{cred.getrandbits(128):032x}"
    session = f"6100{cred.getrandbits(160):040x}"
    return app_key, app_secret, session, cred.choice(catalog.SHOP_NICKS)


def shop_nick(seed: int) -> str:
    """The name the simulated shop goes by on the marketplace (its display name)."""
    return _credentials(int(seed))[3]


class Marketplace:
    """A deterministic simulated Taobao shop. Thread-safe: every public method holds ``lock``."""

    def __init__(
        self,
        seed: int = 7,
        n_listings: int = 300,
        start_date: date = date(2026, 11, 2),
        campaign: bool = True,
    ) -> None:
        if n_listings < 1:
            raise ValueError("n_listings must be at least 1")
        self._seed = int(seed)
        self._n = int(n_listings)
        self._start = start_date
        self._campaign = campaign
        #: re-entrant so a caller (the server) can hold it across several reads
        self.lock = threading.RLock()
        self._revision = 0
        self._app_key, self._app_secret, self._session, self._nick = _credentials(self._seed)
        self._seed_hash = _mix64(self._seed & _MASK64)
        self._reset()

    # ------------------------------------------------------------------ properties
    @property
    def seed(self) -> int:
        return self._seed

    @property
    def n_listings(self) -> int:
        return self._n

    @property
    def start_date(self) -> date:
        return self._start

    @property
    def campaign(self) -> bool:
        return self._campaign

    @property
    def day(self) -> int:
        return self._day

    @property
    def today(self) -> date:
        return self._start + timedelta(days=self._day)

    @property
    def revision(self) -> int:
        """Bumped on every state change; lets the server cache sorted lists between changes."""
        return self._revision

    @property
    def app_key(self) -> str:
        return self._app_key

    @property
    def app_secret(self) -> str:
        return self._app_secret

    @property
    def session(self) -> str:
        return self._session

    @property
    def nick(self) -> str:
        return self._nick

    @property
    def events(self) -> list[Event]:
        """Every event of days 1..day, in the order they were applied."""
        with self.lock:
            return list(self._events)

    # ------------------------------------------------------------------ time travel
    def set_day(self, n: int) -> None:
        """Replay from the day-0 catalogue up to day ``n`` (exact: same seed, same shop)."""
        if n < 0:
            raise ValueError("day must be >= 0")
        with self.lock:
            self._reset()
            for d in range(1, n + 1):
                self._events.extend(self._simulate_day(d))
                self._day = d
            self._revision += 1

    def advance(self, days: int = 1) -> list[Event]:
        """Apply the next ``days`` day(s); returns their events."""
        if days < 0:
            raise ValueError("days must be >= 0")
        with self.lock:
            new: list[Event] = []
            for _ in range(days):
                d = self._day + 1
                new.extend(self._simulate_day(d))
                self._day = d
            self._events.extend(new)
            self._revision += 1
            return new

    def edit_share(self, share: float) -> list[int]:
        """A seller's price edit on ``share`` of the listings on sale, one second after the
        newest change in the shop (benchmarks: a re-sync with 1 % of the shop changed).
        Deterministic: the same listings every time for the same seed and state."""
        if not 0 <= share <= 1:
            raise ValueError("share must be between 0 and 1")
        with self.lock:
            onsale = [x for x in self._sorted() if x.status == ONSALE]
            k = round(len(onsale) * share)
            rng = random.Random(f"{self._seed}:edit:{self._revision}")
            chosen = rng.sample(onsale, k)
            at = max(x.modified for x in self._listings.values()) + timedelta(seconds=1)
            for x in chosen:
                price = _round_price(float(x.price) * 1.05)
                x.price = price if price != x.price else x.price + 1  # always a real change
                x.modified = at
            self._revision += 1
            return sorted(x.num_iid for x in chosen)

    # ------------------------------------------------------------------ queries
    def onsale_items(self) -> list[dict[str, Any]]:
        """Every listing on sale, as TOP item dicts, by num_iid."""
        with self.lock:
            return [self._item_dict(x) for x in self._sorted() if x.status == ONSALE]

    def inventory_items(self, banner: str) -> list[dict[str, Any]]:
        """Listings not on sale under one TOP inventory banner (``for_shelved`` = the three
        seller banners together), by num_iid. Raises ValueError for an unknown banner."""
        try:
            states = BANNERS[banner]
        except KeyError:
            raise ValueError(f"unknown banner {banner!r}") from None
        with self.lock:
            return [self._item_dict(x) for x in self._sorted() if x.status in states]

    def item(self, num_iid: int) -> dict[str, Any] | None:
        """One listing in full, as ``taobao.item.seller.get`` returns it; None once deleted."""
        with self.lock:
            x = self._listings.get(int(num_iid))
            if x is None or x.status == DELETED:
                return None
            d = self._item_dict(x)
            d["detail_url"] = f"https://item.taobao.com/item.htm?id={x.num_iid}"
            d["violation"] = x.status == VIOLATION_OFF_SHELF
            return d

    def status(self, num_iid: int) -> str | None:
        """The simulator's own state word for a listing (one of STATES), None if never existed."""
        with self.lock:
            x = self._listings.get(int(num_iid))
            return None if x is None else x.status

    def listing_counts(self) -> dict[str, int]:
        """How many listings are in each state (deleted ones included)."""
        with self.lock:
            counts = dict.fromkeys(STATES, 0)
            for x in self._listings.values():
                counts[x.status] += 1
            return counts

    def notices(self) -> list[dict[str, Any]]:
        """Every penalty notice issued so far, oldest first."""
        with self.lock:
            return [dict(n) for n in self._notices]

    def metrics(self, since: date | None = None) -> list[dict[str, Any]]:
        """Daily traffic rows ``{num_iid, date, impressions, visits, page_views}`` for every
        listing on sale that day, from ``since`` (default: the last 30 days) to today, ordered
        by (date, num_iid). History reaches back HISTORY_DAYS before start_date."""
        with self.lock:
            last = self._day
            first = (
                last - (DEFAULT_METRIC_DAYS - 1) if since is None else (since - self._start).days
            )
            first = max(first, -HISTORY_DAYS)
            listings = self._sorted()
            rows: list[dict[str, Any]] = []
            for k in range(first, last + 1):
                day_text = (self._start + timedelta(days=k)).isoformat()
                for x in listings:
                    if x.onsale_on(k):
                        imp, visits, pv = self._metric(x, k)
                        rows.append(
                            {
                                "num_iid": x.num_iid,
                                "date": day_text,
                                "impressions": imp,
                                "visits": visits,
                                "page_views": pv,
                            }
                        )
            return rows

    # Ground truth helpers -------------------------------------------------------
    def deleted_ids(self) -> set[int]:
        """Listings the platform has deleted so far."""
        with self.lock:
            return {x.num_iid for x in self._listings.values() if x.status == DELETED}

    def violation_ids(self) -> set[int]:
        """Listings currently delisted for violation (the seller cannot relist them)."""
        with self.lock:
            return {x.num_iid for x in self._listings.values() if x.status == VIOLATION_OFF_SHELF}

    def demoted_ids(self) -> set[int]:
        """Listings the platform has demoted so far. Campaign deletions and violations never
        pick a demoted listing, but the seller may still take one off shelf."""
        with self.lock:
            return {x.num_iid for x in self._listings.values() if x.demoted_day is not None}

    # ------------------------------------------------------------------ internals
    def _reset(self) -> None:
        self._day = 0
        self._events: list[Event] = []
        self._notices: list[dict[str, Any]] = []
        self._notice_seq = 0
        self._pending_notices: list[dict[str, Any]] = []
        self._listings: dict[int, _Listing] = {}
        self._sorted_cache: list[_Listing] | None = None
        self._build_catalogue()
        self._revision += 1

    def _sorted(self) -> list[_Listing]:
        if self._sorted_cache is None:
            self._sorted_cache = sorted(self._listings.values(), key=lambda x: x.num_iid)
        return self._sorted_cache

    def _day_start(self, day: int) -> datetime:
        return datetime.combine(self._start + timedelta(days=day), time(0), GMT8)

    def _build_catalogue(self) -> None:
        rng = random.Random(f"{self._seed}:catalogue")
        start = self._day_start(0)
        ids = sorted(rng.sample(range(600_000_000_000, 700_000_000_000), self._n))
        other = (REGULAR_SHELVED, NEVER_ON_SHELF, OFF_SHELF, SOLD_OUT)
        for i, num_iid in enumerate(ids):
            # Higher ids were listed later: creation spreads over ~3 years in id order.
            created = start - timedelta(
                days=1095 * (1 - i / self._n) + 1, seconds=rng.randrange(86400)
            )
            # Last modification spreads over the previous year, so time-window reads of a big
            # shop find windows of under 20,000 items.
            lo = max(created, start - timedelta(days=365))
            modified = lo + (start - timedelta(minutes=1) - lo) * rng.random()
            status = ONSALE if rng.random() < 0.88 else rng.choices(other, weights=(2, 3, 5, 2))[0]
            x = self._make_listing(rng, num_iid, status, created, modified, day=0)
            self._listings[num_iid] = x
        self._sorted_cache = None

    def _make_listing(
        self,
        rng: random.Random,
        num_iid: int,
        status: str,
        created: datetime,
        modified: datetime,
        day: int,
    ) -> _Listing:
        pi = rng.randrange(len(catalog.PRODUCTS))
        product = catalog.PRODUCTS[pi]
        material = rng.choice(product.materials)
        mat_cn, mat_en = catalog.MATERIALS[material]
        if rng.random() < 0.72:  # most titles Chinese, some English (cross-border sellers)
            styles = catalog.STYLES_CN if product.wearable else catalog.HOME_STYLES_CN
            feature = catalog.MATERIAL_FEATURES_CN.get(material)
            if feature is None or rng.random() < 0.6:
                feature = rng.choice(catalog.FEATURES_CN)
            title = f"{mat_cn}{product.cn} {rng.choice(catalog.SEASONS_CN)}{rng.choice(styles)} {feature}"
        else:
            title = f"{mat_en} {product.en} {rng.choice(catalog.SEASONS_EN)} {rng.choice(catalog.AUDIENCE_EN)}"
            if rng.random() < 0.5:
                title += f" {rng.choice(catalog.FEATURES_EN)}"
        # Lognormal traffic with median 12 visits/day: a good share of listings stays under 10.
        base = rng.lognormvariate(math.log(12), 1.1)
        num = 0 if status == SOLD_OUT else rng.randint(1, 500)
        list_time = None if status == NEVER_ON_SHELF else min(created, modified)
        if status == ONSALE:
            # Taobao relists on a 7-day cycle: the scheduled delist time is the cycle's next end.
            listed = list_time or created
            cycles = max(1, math.ceil((self._day_start(day) - listed) / timedelta(days=7)))
            delist_time = listed + timedelta(days=7 * cycles)
        elif status in (OFF_SHELF, SOLD_OUT):
            delist_time = modified
        else:
            delist_time = None
        x = _Listing(
            num_iid=num_iid,
            title=title,
            cid=product.cid,
            price=_round_price(rng.uniform(product.low, product.high)),
            num=num,
            outer_id=f"SW{product.cid % 10000:04d}-{num_iid % 100000:05d}",
            seller_cids=f",{1480000000 + pi * 7},",
            status=status,
            list_time=list_time,
            delist_time=delist_time,
            modified=modified,
            sold_quantity=int(base * rng.uniform(0.5, 4.0)),
            base_visits=base,
            ctr=rng.uniform(0.02, 0.07),
            pv_ratio=rng.uniform(1.2, 2.2),
            created_day=day,
        )
        x.history.append((day, status == ONSALE))
        return x

    def _item_dict(self, x: _Listing) -> dict[str, Any]:
        d: dict[str, Any] = {
            "num_iid": x.num_iid,
            "title": x.title,
            "nick": self._nick,
            "type": "fixed",
            "cid": x.cid,
            "pic_url": f"http://127.0.0.1/demo-img/{x.num_iid}.jpg",
            "num": x.num,
            "price": f"{x.price:.2f}",
            "approve_status": "onsale" if x.status == ONSALE else "instock",
            "modified": format_timestamp(x.modified),
            "outer_id": x.outer_id,
            "seller_cids": x.seller_cids,
            "sold_quantity": x.sold_quantity,
        }
        if x.list_time is not None:
            d["list_time"] = format_timestamp(x.list_time)
        if x.delist_time is not None:
            d["delist_time"] = format_timestamp(x.delist_time)
        return d

    def _metric(self, x: _Listing, day: int) -> tuple[int, int, int]:
        """(impressions, visits, page_views) of a listing on a day: a pure function of the
        seed, the listing and the day, so history never changes when the simulation replays."""
        h = _mix64(self._seed_hash ^ x.num_iid)
        h = _mix64(h ^ (day & _MASK64))
        u = [((_mix64(h ^ salt) >> 11) + 0.5) / 9007199254740992.0 for salt in (1, 2, 3, 4, 5)]
        z = math.sqrt(-2.0 * math.log(u[0])) * math.cos(2.0 * math.pi * u[1])
        weekday = (self._start + timedelta(days=day)).weekday()
        level = x.base_visits * (1.15 if weekday >= 5 else 1.0)
        if x.demoted_day is not None and day >= x.demoted_day:
            level *= x.demote_factor
        expected = level * math.exp(0.22 * z - 0.024)
        # Stochastic rounding keeps low-volume listings unbiased (3.4 -> 3 or 4, mean 3.4).
        visits = int(expected + u[2])
        impressions = int(expected / x.ctr * (0.9 + 0.2 * u[3]) + 0.5)
        page_views = visits + int(visits * (x.pv_ratio - 1.0) + u[4])
        return impressions, visits, page_views

    # ------------------------------------------------------------------ one day
    def _simulate_day(self, d: int) -> list[Event]:
        rng = random.Random(f"{self._seed}:{d}")
        day_start = self._day_start(d)
        events: list[Event] = []
        touched: set[int] = set()  # one change per listing per day keeps the ground truth simple

        def moment(earliest_hour: int = 8) -> datetime:
            # Sellers and platform staff act during the day, until 23:00 GMT+8, so a notice
            # issued shortly after an action still falls on the same day.
            return day_start + timedelta(seconds=rng.randrange(earliest_hour * 3600, 23 * 3600))

        def pick(states: tuple[str, ...], k: int) -> list[_Listing]:
            pool = [x for x in self._sorted() if x.status in states and x.num_iid not in touched]
            chosen = rng.sample(pool, min(k, len(pool)))
            touched.update(x.num_iid for x in chosen)
            return chosen

        n = self._n
        # --- ordinary seller activity
        for x in pick((ONSALE,), _poisson(rng, _EDITS_PER_LISTING * n + 1)):
            at = moment()
            what = rng.choices(("price", "title", "num"), weights=(45, 25, 30))[0]
            if what == "price":
                old, x.price = (
                    f"{x.price:.2f}",
                    _round_price(float(x.price) * rng.uniform(0.8, 1.2)),
                )
                new = f"{x.price:.2f}"
            elif what == "title":
                old = x.title
                cn = any("\u4e00" <= ch <= "\u9fff" for ch in x.title)
                suffix = rng.choice(catalog.TITLE_SUFFIXES_CN if cn else catalog.TITLE_SUFFIXES_EN)
                base = x.title
                for s in catalog.TITLE_SUFFIXES_CN + catalog.TITLE_SUFFIXES_EN:
                    base = base.removesuffix(" " + s)
                x.title = f"{base} {suffix}"
                if x.title == old:  # already carried that suffix: the seller drops it instead
                    x.title = base
                new = x.title
            else:
                old, x.num = x.num, rng.randint(1, 500)
                new = x.num
            x.modified = at
            events.append(
                Event(
                    d,
                    "seller_edit",
                    x.num_iid,
                    {"field": what, "old": old, "new": new, "at": format_timestamp(at)},
                )
            )
        for x in pick((ONSALE,), _poisson(rng, _SELLER_OFF_PER_LISTING * n + 0.5)):
            at = moment()
            banner = SOLD_OUT if rng.random() < 0.25 else OFF_SHELF
            if banner == SOLD_OUT:
                x.num = 0
            x.set_status(banner, d)
            x.modified = x.delist_time = at
            events.append(
                Event(
                    d,
                    "seller_off_shelf",
                    x.num_iid,
                    {"banner": banner, "title": x.title, "at": format_timestamp(at)},
                )
            )
        for x in pick(FOR_SHELVED + (SOLD_OUT,), _poisson(rng, _SELLER_ON_PER_LISTING * n + 0.5)):
            at = moment()
            previous = x.status
            if x.num == 0:
                x.num = rng.randint(5, 100)
            x.set_status(ONSALE, d)
            x.modified = x.list_time = at
            x.delist_time = at + timedelta(days=7)
            events.append(
                Event(
                    d,
                    "seller_on_shelf",
                    x.num_iid,
                    {"from": previous, "title": x.title, "at": format_timestamp(at)},
                )
            )
        for _ in range(_poisson(rng, _NEW_PER_LISTING * n + 0.3)):
            at = moment()
            num_iid = max(self._listings) + rng.randint(10**5, 10**8)
            x = self._make_listing(rng, num_iid, ONSALE, at, at, day=d)
            x.delist_time = at + timedelta(days=7)
            self._listings[num_iid] = x
            self._sorted_cache = None
            touched.add(num_iid)
            events.append(
                Event(d, "new_listing", num_iid, {"title": x.title, "at": format_timestamp(at)})
            )

        if self._campaign and d >= CAMPAIGN_START_DAY:
            events.extend(self._campaign_day(rng, d, touched, moment))

        # Each listing changed at most once today, so the order events were drawn in does not
        # matter to the state: report them in time order, and number notices as issued.
        self._pending_notices.sort(key=lambda n: n["issued_at"])
        for notice in self._pending_notices:
            self._notice_seq += 1
            notice["notice_id"] = (
                f"PN{notice['issued_at'][:10].replace('-', '')}{self._notice_seq:05d}"
            )
            self._notices.append(notice)
        self._pending_notices = []
        for e in events:
            if e.kind == "penalty":  # the event keeps its own copy: callers may mutate either
                e.detail = dict(e.detail)
        events.sort(key=lambda e: e.detail.get("at") or e.detail.get("issued_at") or "")
        return events

    def _campaign_day(
        self, rng: random.Random, d: int, touched: set[int], moment: Callable[[int], datetime]
    ) -> list[Event]:
        """One day of the false-trading rectification campaign (虚假交易整治)."""
        events: list[Event] = []
        n = self._n
        intensity = _SWEEP_INTENSITY if d == CAMPAIGN_START_DAY else 1.0
        if d == CAMPAIGN_START_DAY:
            # The campaign opens at 08:00-08:30 with a shop-level warning that names no listing;
            # its first actions follow from 09:00.
            at = self._day_start(d) + timedelta(hours=8, seconds=rng.randrange(1800))
            notice = self._issue_notice(
                at,
                kind="false_trading",
                points=0,
                category="general",
                num_iid=None,
                title=catalog.CAMPAIGN_NOTICE_TITLE,
                content=catalog.CAMPAIGN_NOTICE_TEXT,
                severity="warning",
                appeal_days=3,
            )
            events.append(Event(d, "penalty", None, notice))

        def candidates(states: tuple[str, ...], min_visits: float = 0.0) -> list[tuple[int, float]]:
            # False trading inflates sales, so busier listings are likelier to be caught.
            out = []
            for x in self._sorted():
                if (
                    x.status in states
                    and x.num_iid not in touched
                    and x.demoted_day is None
                    and x.base_visits >= min_visits
                ):
                    weight = x.base_visits if x.status == ONSALE else x.base_visits * 0.15
                    out.append((x.num_iid, weight))
            return out

        seller_states = (ONSALE,) + FOR_SHELVED + (SOLD_OUT,)
        for num_iid in _weighted_sample(
            rng,
            candidates(seller_states),
            _jittered_count(rng, _DELETE_PER_LISTING * n * intensity),
        ):
            x = self._listings[num_iid]
            touched.add(num_iid)
            at = moment(9)
            x.set_status(DELETED, d)
            x.modified = at
            events.append(
                Event(d, "deleted", num_iid, {"title": x.title, "at": format_timestamp(at)})
            )
            if rng.random() < 0.75:  # not every deletion comes with a notice
                events.append(self._penalty_event(rng, d, x, at, deleted=True))
        for num_iid in _weighted_sample(
            rng, candidates((ONSALE,)), _jittered_count(rng, _VIOLATION_PER_LISTING * n * intensity)
        ):
            x = self._listings[num_iid]
            touched.add(num_iid)
            at = moment(9)
            x.set_status(VIOLATION_OFF_SHELF, d)
            x.modified = x.delist_time = at
            events.append(
                Event(
                    d,
                    "violation_off_shelf",
                    num_iid,
                    {"title": x.title, "at": format_timestamp(at)},
                )
            )
            if rng.random() < 0.75:
                events.append(self._penalty_event(rng, d, x, at, deleted=False))
        demote_pool = candidates((ONSALE,), _DEMOTE_MIN_VISITS)
        for num_iid in _weighted_sample(
            rng, demote_pool, _jittered_count(rng, _DEMOTE_PER_LISTING * n * intensity)
        ):
            x = self._listings[num_iid]
            touched.add(num_iid)
            # Demotion is silent: the listing stays on sale and unmodified; only traffic shows it.
            x.demoted_day = d
            x.demote_factor = rng.uniform(0.10, 0.25)
            events.append(
                Event(
                    d,
                    "demoted",
                    num_iid,
                    {
                        "title": x.title,
                        "factor": round(x.demote_factor, 3),
                        "at": format_timestamp(moment(9)),
                    },
                )
            )
        return events

    def _penalty_event(
        self, rng: random.Random, d: int, x: _Listing, at: datetime, *, deleted: bool
    ) -> Event:
        kind = rng.choices(
            ("false_trading", "misdescription", "counterfeit", "prohibited"),
            weights=(72, 10, 10, 8),
        )[0]
        # Points as the rule centre publishes them for each kind [U: editable rule data].
        if kind == "false_trading":
            category, points = "general", rng.choices((0, 2, 4, 12), weights=(58, 36, 5, 1))[0]
        elif kind == "misdescription":
            category, points = "general", rng.choices((2, 4), weights=(7, 3))[0]
        elif kind == "counterfeit":
            category, points = "serious", rng.choices((2, 6, 12), weights=(5, 3, 2))[0]
        else:
            category, points = "general", rng.choices((2, 6), weights=(4, 1))[0]
        appeal_days = 3 if kind in ("false_trading", "misdescription") else 7
        title, reason = catalog.NOTICE_KINDS[kind]
        action = "被删除" if deleted else "被下架"
        ledger = "一般违规" if category == "general" else "严重违规"
        penalty = (
            f"扣除{ledger}积分{points}分" if points else "本次不扣分，违规交易产生的销量已清除"
        )
        content = (
            f"您的商品「{x.title}」（ID: {x.num_iid}）因{reason}{action}，{penalty}。"
            f"如有异议请于{appeal_days}天内申诉。"
        )
        if category == "serious" or points >= 12:
            severity = "critical"
        elif points == 0:
            severity = "info"
        else:
            severity = "warning"
        issued = at + timedelta(minutes=rng.randint(2, 55))
        notice = self._issue_notice(
            issued,
            kind=kind,
            points=points,
            category=category,
            num_iid=x.num_iid,
            title=title,
            content=content,
            severity=severity,
            appeal_days=appeal_days,
        )
        return Event(d, "penalty", x.num_iid, notice)

    def _issue_notice(
        self,
        issued: datetime,
        *,
        kind: str,
        points: int,
        category: str,
        num_iid: int | None,
        title: str,
        content: str,
        severity: str,
        appeal_days: int,
    ) -> dict[str, Any]:
        notice = {
            "notice_id": "",  # numbered at the end of the day, in issue order
            "kind": kind,
            "category": category,
            "severity": severity,
            "points": points,
            "num_iid": num_iid,
            "title": title,
            "content": content,
            "issued_at": format_timestamp(issued),
            "appeal_deadline": format_timestamp(issued + timedelta(days=appeal_days)),
            "status": "open",
        }
        self._pending_notices.append(notice)
        return notice
