"""Correcting and removing stored notices (issue 13): a mis-pasted notice and everything it
raised (alerts, queued and composed notifications) can be taken back; a notice naming several
listings is linked to each; text in which nothing is recognised gets no invented deadline.
Real SQLite files, the real import path a pasted notice takes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from shopwatch.imports.notice_text import parse_notice_text
from shopwatch.monitor import file_import
from shopwatch.monitor.notice_edit import NoticeEditError, edit_notice, remove_notice
from shopwatch.monitor.rules import load_rules
from shopwatch.notify import outbox
from shopwatch.notify.prefs import ChannelConfig, NotifyPrefs, QuietHours
from shopwatch.store import queries
from shopwatch.timeutil import iso

CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=CST)
RULES = load_rules("taobao")
FALSE_TRADING = ("您的商品「真丝围巾」（ID: 600123400001）因涉嫌虚假交易被删除，扣除一般违规积分12分。"
                 "如有异议请于2026-11-26 18:00前申诉。")
TWO_LISTINGS = ("经排查，您店铺以下商品存在虚假交易：商品ID：600123400002、600123400003，"
                "已删除违规销量，本次不扣分。申诉截止：2026-11-27 10:00。")


@pytest.fixture
def shop(db):
    return queries.add_shop(db, "小店", "file", now=iso(NOW))


def paste(db, shop, text: str):
    record = parse_notice_text(text, kinds=RULES.notice_kinds, now=NOW).to_record()
    outcome = file_import.add_notices(db, shop, [record], now=NOW, rules=RULES)
    assert outcome.ok, outcome.result.error
    notice = next(n for n in queries.list_notices(db, shop_id=shop.id)
                  if n.source_id == record.source_id)
    return notice, outcome.result.alerts


def channels():
    return NotifyPrefs(channels=[ChannelConfig("phone", "phone", display="json://****/p")],
                       timezone="+08:00", quiet_hours=QuietHours(enabled=False))


def test_gibberish_forced_in_gets_no_invented_deadline(db, shop):
    """Before issue 13 a paste of nonsense was stored with the rule's 72 h window."""
    notice, _ = paste(db, shop, "asdf qwer zxcv;;; hello??")
    assert notice.kind == "other" and notice.appeal_deadline is None


def test_a_recognised_notice_without_a_deadline_still_gets_the_rules_window(db, shop):
    notice, _ = paste(db, shop, "您的商品（商品ID：612300000119）因描述不符被下架，扣一般违规积分3分。")
    assert notice.appeal_deadline == iso(NOW + timedelta(days=RULES.appeal_window_days.get(
        "misdescription", RULES.appeal_window_days["other"])))


def test_a_notice_naming_several_listings_is_linked_to_each(db, shop):
    notice, alerts = paste(db, shop, TWO_LISTINGS)
    assert notice.listing_id == "600123400002"
    assert notice.listing_ids == ("600123400002", "600123400003")
    for listing_id in notice.listing_ids:
        assert [n.id for n in queries.notices_for_listing(db, shop.id, listing_id)] == [notice.id]
    # alerts still name the first listing
    assert {a.listing_id for a in alerts if a.notice_id == notice.id} == {"600123400002"}


def test_removing_a_notice_withdraws_its_alerts_and_queued_notifications(db, shop):
    notice, alerts = paste(db, shop, FALSE_TRADING)
    assert {a.kind for a in alerts} == {"new_penalty", "points_threshold"}
    outbox.enqueue_new(db, channels(), now=NOW)
    assert {i.alert_id for i in queries.outbox_items(db)} == {a.id for a in alerts}

    change = remove_notice(db, notice.id, rules=RULES, now=NOW)

    assert queries.list_notices(db, shop_id=shop.id) == []
    assert queries.list_alerts(db, shop_id=shop.id, include_acknowledged=True) == []
    assert queries.outbox_items(db, status=None) == []
    assert sorted(change.withdrawn_alerts) == sorted(a.id for a in alerts)
    assert change.stopped_notifications == len(alerts)


def test_a_composed_message_is_cancelled_and_its_other_alerts_queued_again(db, shop):
    wrong, alerts = paste(db, shop, FALSE_TRADING)
    right, more = paste(db, shop, TWO_LISTINGS)
    outbox.enqueue_new(db, channels(), now=NOW)
    rows = queries.outbox_items(db)
    message = queries.compose_message(
        db, channel="phone", kind="group", severity="critical", title="t", body="b",
        language="en", outbox_ids=[r.id for r in rows], now=iso(NOW))

    remove_notice(db, wrong.id, rules=RULES, now=NOW)

    assert queries.get_notify_message(db, message).status == "cancelled"
    again = queries.outbox_items(db, status="pending")
    assert {i.alert_id for i in again} == {a.id for a in more if a.notice_id == right.id}
    assert all(i.message_id is None for i in again)


def test_editing_points_withdraws_the_old_alerts_and_raises_the_right_ones(db, shop):
    notice, alerts = paste(db, shop, TWO_LISTINGS)  # 0 points
    outbox.enqueue_new(db, channels(), now=NOW)

    change = edit_notice(db, notice.id, points=12, category="general", rules=RULES, now=NOW)

    assert change.after.points == 12 and change.after.severity == "critical"
    assert set(change.changed) == {"points"}
    assert set(change.withdrawn_alerts) == {a.id for a in alerts}
    kinds = {a.kind: a for a in change.raised}
    assert "−12 points" in kinds["new_penalty"].message
    assert kinds["points_threshold"].details["reached"] is True
    # the corrected alert is not pushed again; the threshold the seller now crossed is news
    outbox.enqueue_new(db, channels(), now=NOW)
    queued = {i.alert_id for i in queries.outbox_items(db)}
    assert kinds["new_penalty"].id not in queued and kinds["points_threshold"].id in queued


def test_editing_points_down_withdraws_a_threshold_no_longer_reached(db, shop):
    notice, alerts = paste(db, shop, FALSE_TRADING)
    reached = next(a for a in alerts if a.kind == "points_threshold")
    change = edit_notice(db, notice.id, points=2, rules=RULES, now=NOW)
    assert reached.id in change.withdrawn_alerts
    left = queries.list_alerts(db, shop_id=shop.id)
    assert not any(a.kind == "points_threshold" and a.details["reached"] for a in left)


def test_editing_kind_listing_and_deadline(db, shop):
    notice, _ = paste(db, shop, FALSE_TRADING)
    deadline = datetime(2026, 11, 30, 18, 0, tzinfo=CST)
    change = edit_notice(db, notice.id, kind="misdescription", listing_ids=["700", "701"],
                         deadline=deadline, rules=RULES, now=NOW)
    after = change.after
    assert (after.kind, after.listing_id, after.listing_ids) == ("misdescription", "700",
                                                                 ("700", "701"))
    assert after.appeal_deadline == iso(deadline)
    assert after.title.startswith(RULES.kind_label("misdescription"))
    assert [n.id for n in queries.notices_for_listing(db, shop.id, "701")] == [notice.id]
    assert queries.notices_for_listing(db, shop.id, "600123400001") == []
    cleared = edit_notice(db, notice.id, deadline=None, rules=RULES, now=NOW)
    assert cleared.after.appeal_deadline is None


def test_an_edit_that_changes_nothing_withdraws_nothing(db, shop):
    notice, alerts = paste(db, shop, FALSE_TRADING)
    change = edit_notice(db, notice.id, points=12, rules=RULES, now=NOW)
    assert change.changed == [] and change.withdrawn_alerts == []
    assert len(queries.list_alerts(db, shop_id=shop.id)) == len(alerts)


@pytest.mark.parametrize("kwargs", [
    {"kind": "nonsense"}, {"points": -1}, {"points": 1001}, {"category": "weird"},
])
def test_a_bad_correction_changes_nothing(db, shop, kwargs):
    notice, _ = paste(db, shop, FALSE_TRADING)
    with pytest.raises(NoticeEditError):
        edit_notice(db, notice.id, rules=RULES, now=NOW, **kwargs)
    assert queries.get_notice(db, notice.id) == notice


def test_an_unknown_notice_is_a_plain_error(db, shop):
    with pytest.raises(NoticeEditError, match="No notice #99"):
        remove_notice(db, 99, rules=RULES, now=NOW)
    with pytest.raises(NoticeEditError, match="No notice #99"):
        edit_notice(db, 99, points=1, rules=RULES, now=NOW)


def test_a_notice_with_appeals_is_only_removed_when_confirmed(db, shop):
    notice, _ = paste(db, shop, FALSE_TRADING)
    queries.save_appeal(db, notice_id=notice.id, template="false_trading", language="zh_CN",
                        body="申诉", evidence={}, now=iso(NOW))
    with pytest.raises(NoticeEditError, match="1 appeal"):
        remove_notice(db, notice.id, rules=RULES, now=NOW)
    assert queries.get_notice(db, notice.id)
    change = remove_notice(db, notice.id, rules=RULES, now=NOW, with_appeals=True)
    assert change.appeals_removed == 1 and queries.list_appeals(db, notice_id=notice.id) == []
