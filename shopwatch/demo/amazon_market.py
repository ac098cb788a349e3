"""A deterministic, seeded simulation of a small Amazon seller account, one simulated day per
sync, with an enforcement campaign: listings suppressed for missing attributes, IP complaints,
search suppression, temporary exemptions that run out, a catalogue removal, SKUs the seller
deleted, and account health going AT_RISK.

State on day ``d`` is a pure function of (seed, d): ``state(d)`` replays the plan, so a server
restarted on day 5 serves exactly what one advanced five times serves.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

MARKETPLACE_ID = "ATVPDKIKX0DER"  # amazon.com
ADJECTIVES = ("Silk", "Wool", "Bamboo", "Ceramic", "Linen", "Copper", "Walnut", "Cotton",
              "Leather", "Glass", "Steel", "Velvet")
NOUNS = ("Scarf", "Tea Cup", "Phone Stand", "Table Runner", "Desk Lamp", "Cushion Cover",
         "Notebook", "Travel Mug", "Hair Clip", "Chopsticks Set", "Wallet", "Plant Pot")


@dataclass(slots=True)
class SimIssue:
    code: str
    message: str
    severity: str = "ERROR"
    categories: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    exemption: str | None = None
    expiry: str | None = None
    attribute_names: tuple[str, ...] = ()

    def as_json(self) -> dict:
        out: dict = {"code": self.code, "message": self.message, "severity": self.severity,
                     "categories": list(self.categories), "marketplaceIds": [MARKETPLACE_ID]}
        if self.attribute_names:
            out["attributeNames"] = list(self.attribute_names)
        if self.actions:
            exemption: dict = {"status": self.exemption or "NOT_EXEMPT"}
            if self.expiry:
                exemption["expiryDate"] = self.expiry
            out["enforcements"] = {"actions": [{"action": a} for a in self.actions],
                                   "exemption": exemption}
        return out


@dataclass(slots=True)
class SimListing:
    sku: str
    asin: str
    title: str
    price: str
    quantity: int
    created: str
    updated: str
    issues: list[SimIssue] = field(default_factory=list)

    @property
    def statuses(self) -> list[str]:
        applied = {a for i in self.issues for a in i.actions
                   if i.exemption not in ("EXEMPT", "EXEMPT_UNTIL_EXPIRY_DATE")}
        if applied & {"LISTING_SUPPRESSED", "CATALOG_ITEM_REMOVED"}:
            return []
        out = ["BUYABLE"] if self.quantity > 0 else []
        if "SEARCH_SUPPRESSED" not in applied:
            out.append("DISCOVERABLE")
        return out


@dataclass(slots=True)
class AccountHealth:
    status: str = "NORMAL"
    defects: dict[str, int] = field(default_factory=dict)


class AmazonMarket:
    """The simulated account: ``today``, ``listings`` (SKU -> SimListing), ``health``."""

    def __init__(self, *, seed: int = 7, n_listings: int = 120,
                 start_date: date | None = None) -> None:
        self.seed = seed
        self.n_listings = max(20, n_listings)
        self.start_date = start_date or (date.today() - timedelta(days=10))
        self.seller_id = f"A{random.Random(seed).randrange(16**12):012X}"
        self.marketplace_id = MARKETPLACE_ID
        # Credentials of this run only (the demo has no real secrets to protect).
        self.client_id = "amzn1.application-oa2-client.demo" + secrets.token_hex(8)
        self.client_secret = "amzn1.oa2-cs.v1." + secrets.token_hex(24)
        self.refresh_token = "Atzr|demo-" + secrets.token_urlsafe(32)
        rng = random.Random(seed * 7919 + 1)
        skus = [f"SW-{n:05d}" for n in range(1, self.n_listings + 1)]
        picks = rng.sample(skus, 16)
        # The campaign: which SKUs each event hits.
        self.plan = {
            "missing_attribute": picks[0:3],   # day 1, suppressed for a missing attribute
            "exemption": picks[3:5],           # day 1, exempt for 3 days, then suppressed
            "ip_complaint": picks[5:7],        # day 2
            "search_suppressed": picks[7:10],  # day 3
            "catalog_removed": picks[10:11],   # day 5
            "deleted": picks[11:13],           # day 7, the SKU is gone (404)
            "warning_only": picks[13:16],      # from day 0, a warning with no enforcement
        }
        self._base_rng_seed = seed
        self.day = 0
        self._cache: tuple[int, tuple[dict[str, SimListing], AccountHealth]] | None = None

    # ----------------------------------------------------------------- calendar

    @property
    def today(self) -> date:
        return self.start_date + timedelta(days=self.day)

    def now(self) -> datetime:
        return datetime.combine(self.today, time(1, 0), tzinfo=timezone.utc)

    def advance(self) -> None:
        self.day += 1

    def set_day(self, day: int) -> None:
        self.day = max(0, day)

    def _stamp(self, day: int, hour: int = 0) -> str:
        moment = datetime.combine(self.start_date + timedelta(days=day), time(hour),
                                  tzinfo=timezone.utc)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    # ----------------------------------------------------------------- state

    def state(self) -> tuple[dict[str, SimListing], AccountHealth]:
        """Listings and account health as of ``self.day`` (replayed from the seed; the last
        day's replay is kept, read-only, since every request asks for it)."""
        cached = self._cache
        if cached is not None and cached[0] == self.day:
            return cached[1]
        result = self._replay()
        self._cache = (self.day, result)
        return result

    def _replay(self) -> tuple[dict[str, SimListing], AccountHealth]:
        rng = random.Random(self._base_rng_seed)
        listings: dict[str, SimListing] = {}
        for n in range(1, self.n_listings + 1):
            sku = f"SW-{n:05d}"
            title = (f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} "
                     f"{rng.choice(('Blue', 'Red', 'Natural', 'Black', 'Green'))}")
            asin = "B0" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ")
                                  for _ in range(8))
            quantity = rng.choice((0, 3, 12, 40, 100)) if n % 17 == 0 else rng.randint(1, 80)
            cents = rng.choice(("00", "49", "99"))
            price = f"{rng.randint(5, 90)}.{cents}"
            listings[sku] = SimListing(sku, asin, title, price, quantity, self._stamp(-30),
                                       self._stamp(-30))
        health = AccountHealth()
        day = self.day
        plan = self.plan
        for sku in plan["warning_only"]:
            listings[sku].issues.append(SimIssue(
                "8541", "The 'item_weight' value is not valid for this product type.",
                severity="WARNING", categories=("INVALID_ATTRIBUTE",),
                attribute_names=("item_weight",)))
        # Ordinary seller edits: a few price changes every day.
        for d in range(1, day + 1):
            edit = random.Random(self._base_rng_seed * 31 + d)
            for sku in edit.sample(sorted(listings), 3):
                item = listings[sku]
                item.price = f"{float(item.price) + edit.choice((-2, 1, 3)):.2f}"
                item.updated = self._stamp(d)
        if day >= 1:
            for sku in plan["missing_attribute"]:
                listings[sku].issues.append(SimIssue(
                    "90220", "'size' is required but not supplied.",
                    categories=("MISSING_ATTRIBUTE",), attribute_names=("size",),
                    actions=("LISTING_SUPPRESSED",), exemption="NOT_EXEMPT"))
            for sku in plan["exemption"]:
                expiry = self._stamp(4, 1)
                listings[sku].issues.append(SimIssue(
                    "18155", "The 'minimum price' is greater than the selling price (excluding "
                    "shipping) for the listing. Review and update your price and/or minimum "
                    "price.", categories=("INVALID_PRICE",), actions=("LISTING_SUPPRESSED",),
                    exemption="EXEMPT_UNTIL_EXPIRY_DATE" if day < 4 else "NOT_EXEMPT",
                    expiry=expiry if day < 4 else None))
        if day >= 2:
            for k, sku in enumerate(plan["ip_complaint"]):
                listings[sku].issues.append(SimIssue(
                    "4000003", f"Intellectual Property complaint: the rights owner 'Northwind "
                    f"Brands' reported this listing for trademark infringement (complaint ID "
                    f"{9_100_000 + self.seed * 10 + k}).", actions=("LISTING_SUPPRESSED",),
                    exemption="NOT_EXEMPT"))
            health.defects["receivedIntellectualPropertyComplaints"] = len(plan["ip_complaint"])
        if day >= 3:
            for sku in plan["search_suppressed"]:
                listings[sku].issues.append(SimIssue(
                    "18027", "We believe the main image has text, logo, graphic, or watermark "
                    "that is not permitted for this product type. Submit a compliant image to "
                    "lift the suppression.", categories=("INVALID_IMAGE",),
                    actions=("SEARCH_SUPPRESSED",), exemption="NOT_EXEMPT"))
        if day >= 5:
            for sku in plan["catalog_removed"]:
                listings[sku].issues.append(SimIssue(
                    "18742", "Restricted Products Policy Violation",
                    actions=("CATALOG_ITEM_REMOVED",), exemption="NOT_EXEMPT"))
            health.defects["restrictedProductPolicyViolations"] = 1
        if day >= 6:
            health.status = "AT_RISK"
            health.defects["listingPolicyViolations"] = len(plan["missing_attribute"]) + 1
        if day >= 7:
            for sku in plan["deleted"]:
                listings.pop(sku, None)
        return listings, health
