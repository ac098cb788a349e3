"""Ten days of the demo as the seller runs it (`shopwatch demo --json`): alerts about the
seller's own edits stay a small share of all alerts and are never sent to a channel by
default, while the listing history keeps every change. Ground truth is the simulated
marketplace's own event log, rebuilt from the same seed."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest

from shopwatch.cli import main
from shopwatch.config import demo_profile_dir
from shopwatch.demo.marketplace import Marketplace
from shopwatch.demo.runtime import DEFAULT_LISTINGS, DEFAULT_SEED
from shopwatch.models import Alert
from shopwatch.notify import policy
from shopwatch.notify.prefs import ChannelConfig, NotifyPrefs
from shopwatch.store import queries
from shopwatch.store.db import open_db
from shopwatch.timeutil import now_utc

DAYS = 10
SELLER_EVENTS = {"seller_edit", "seller_off_shelf", "seller_on_shelf", "new_listing"}
LISTING_KINDS = {"changed_by_platform", "seller_off_shelf", "deleted", "violation_off_shelf",
                 "demoted"}


@pytest.fixture(scope="module")
def ten_days(tmp_path_factory):
    profile = tmp_path_factory.mktemp("noise")
    with pytest.MonkeyPatch.context() as mp:
        captured = {}

        def capture(payload, out=None):
            captured["doc"] = payload
        mp.setattr("shopwatch.commands.demo.emit_json", capture)
        assert main(["--data-dir", str(profile), "demo", "--days", str(DAYS), "--json"]) == 0
    doc = captured["doc"]
    market = Marketplace(seed=DEFAULT_SEED, n_listings=DEFAULT_LISTINGS,
                         start_date=date.fromisoformat(doc["days"][0]["date"]))
    market.advance(DAYS)
    events: dict[tuple[int, str], set[str]] = defaultdict(set)
    for e in market.events:
        if e.num_iid is not None:
            events[(e.day, str(e.num_iid))].add(e.kind)
    db = open_db(demo_profile_dir(profile) / "shopwatch.db")
    yield doc, market, events, db
    db.close()


def _own_edit(day: int, alert: dict, events) -> bool:
    """An alert about a listing whose only change that day was the seller's own."""
    kinds = events.get((day, alert["listing_id"] or ""), set())
    return alert["kind"] in LISTING_KINDS and bool(kinds) and kinds <= SELLER_EVENTS


def test_alerts_about_the_sellers_own_edits_are_at_most_a_tenth(ten_days):
    doc, _, events, _ = ten_days
    alerts = [(d["day"], a) for d in doc["days"] for a in d["alerts"]]
    own = [a for day, a in alerts if _own_edit(day, a, events)]
    assert len(alerts) >= 50  # the campaign is there to be seen
    assert len(own) / len(alerts) <= 0.10, (len(own), len(alerts))
    # the platform's actions are all still there
    kinds = {a["kind"] for _, a in alerts}
    assert {"deleted", "violation_off_shelf", "demoted", "new_penalty"} <= kinds


def test_none_of_them_is_notified_by_default(ten_days):
    doc, _, events, _ = ten_days
    prefs, channel = NotifyPrefs(), ChannelConfig(id="c1", name="phone")
    own = [a for d in doc["days"] for a in d["alerts"] if _own_edit(d["day"], a, events)]
    kinds = {"seller_off_shelf"} | {a["kind"] for a in own}
    for a in own:
        alert = Alert(id=a["id"], shop_id=1, kind=a["kind"], severity=a["severity"],
                      dedup_key="k", message=a["message"], created_at=a["created_at"],
                      listing_id=a["listing_id"], details=a["details"])
        decision = policy.route(alert, "demo", channel, prefs, now_utc())
        assert decision.mode is None, a
    # a seller who asks for them by name on a channel still gets them
    asked = ChannelConfig(id="c2", name="all", kinds=sorted(kinds))
    probe = Alert(id=1, shop_id=1, kind="seller_off_shelf", severity="info", dedup_key="k",
                  message="m", created_at="", listing_id="1", details={"by": "seller"})
    assert policy.route(probe, "demo", asked, prefs, now_utc()).mode == policy.DIGEST


def test_the_listing_history_still_shows_every_seller_edit(ten_days):
    _, market, _, db = ten_days
    shop = queries.get_shop(db, "demo")
    edits = [e for e in market.events if e.kind == "seller_edit"
             and e.detail["field"] in ("price", "title")]
    assert len(edits) >= 10
    for e in edits:
        versions = queries.listing_versions(db, shop.id, str(e.num_iid))
        values = {v.title for v in versions} | {v.price for v in versions}
        assert e.detail["old"] in values and e.detail["new"] in values, e.detail
