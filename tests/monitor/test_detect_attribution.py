"""Who changed a listing, as far as the source tells: the seller's own edits (their `modified`
stamp moved since the last sync) raise no alert; what the platform did is never hidden."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from shopwatch.models import Listing, ListingRecord
from shopwatch.monitor import detect

LAST_SYNC = datetime(2026, 11, 20, 1, 0, tzinfo=timezone.utc)  # 09:00 China time


def listing(lid: str = "1", **kw) -> Listing:
    base = dict(shop_id=1, listing_id=lid, title="Wool coat 羊毛大衣", status="active",
                price="399.00", status_changed_at="2026-11-01T00:00:00+00:00", content_hash="a")
    return Listing(**{**base, **kw})


def record(lid: str, modified: str | None) -> ListingRecord:
    return ListingRecord(listing_id=lid, title="t", modified=modified)


def test_a_stamp_after_the_last_sync_marks_the_sellers_edit():
    records = [record("1", "2026-11-20 10:30:00"),  # China time, after 09:00
               record("2", "2026-11-19 22:00:00"),  # before the last sync: not re-stamped
               record("3", "2026-11-20T02:00:00+00:00"),
               record("4", "2026-11-20 08:55:00")]  # within the clock-skew allowance
    assert detect.edited_since(records, LAST_SYNC) == {"1", "3", "4"}


def test_without_stamps_or_an_earlier_sync_nothing_can_be_told_apart():
    assert detect.edited_since([record("1", None), record("2", "")], LAST_SYNC) is None
    assert detect.edited_since([record("1", "2026-11-20 10:30:00")], None) is None
    assert detect.edited_since([record("1", "not a time")], LAST_SYNC) is None


def test_the_sellers_own_price_title_and_shelf_changes_raise_no_alert():
    old = listing()
    repriced = replace(old, price="199.00", title="Wool coat", content_hash="b")
    shelved = replace(old, listing_id="2", status="seller_off_shelf", content_hash="c")
    drafts = detect.listing_alerts([(old, repriced), (replace(old, listing_id="2"), shelved)],
                                   first_run=False, edited=frozenset({"1", "2"}))
    assert drafts == []


def test_a_change_without_the_sellers_stamp_is_the_platforms_and_is_reported():
    old = listing()
    repriced = replace(old, price="199.00", content_hash="b")
    shelved = replace(old, listing_id="2", status="seller_off_shelf", content_hash="c")
    drafts = detect.listing_alerts([(old, repriced), (replace(old, listing_id="2"), shelved)],
                                   first_run=False, edited=frozenset())
    by_kind = {d.kind: d for d in drafts}
    changed = by_kind["changed_by_platform"]
    assert changed.severity == "warning" and changed.details["by"] == "platform"
    assert changed.details["changes"] == {"price": ["399.00", "199.00"]}
    assert "the platform changed it" in changed.message
    off = by_kind["seller_off_shelf"]
    assert off.severity == "warning" and off.details["by"] == "platform"


def test_a_change_that_comes_with_a_platform_action_is_the_platforms_even_if_stamped():
    old = listing()
    new = replace(old, status="violation_off_shelf", title="Wool coat", content_hash="b",
                  status_changed_at="2026-11-20T03:00:00+00:00")
    drafts = detect.listing_alerts([(old, new)], first_run=False, edited=frozenset({"1"}))
    assert sorted(d.kind for d in drafts) == ["changed_by_platform", "violation_off_shelf"]
    assert next(d for d in drafts if d.kind == "changed_by_platform").details["by"] == "platform"


def test_where_the_source_cannot_tell_the_change_is_reported_with_the_caveat():
    old = listing()
    new = replace(old, price="199.00", content_hash="b")
    [draft] = detect.listing_alerts([(old, new)], first_run=False, edited=None)
    assert draft.severity == "info" and draft.details["by"] == "unknown"
    assert "the platform may have" in draft.message


def test_the_skew_allowance_is_ten_minutes():
    assert detect.STAMP_SKEW == timedelta(minutes=10)
