"""Typed queries over a real SQLite file."""

from __future__ import annotations

import pytest

from shopwatch.models import AlertDraft, Listing, MetricRecord, NoticeRecord
from shopwatch.store import queries

NOW = "2026-11-20T01:00:00+00:00"


@pytest.fixture
def shop(db):
    return queries.add_shop(db, "main", "taobao", now=NOW, endpoint="http://127.0.0.1:1/router/rest",
                            app_key="k", settings={"note": "纯文本"})


def _listing(shop_id: int, lid: str, title: str = "真丝围巾", **kw) -> Listing:
    base = dict(shop_id=shop_id, listing_id=lid, title=title, status="active", price="99.00",
                first_seen=NOW, last_seen=NOW, status_changed_at=NOW, content_hash="h1")
    base.update(kw)
    return Listing(**base)


def test_shop_round_trip(db, shop):
    assert queries.get_shop(db, "main") == shop
    assert shop.settings == {"note": "纯文本"}
    changed = queries.update_shop(db, shop.id, endpoint="http://127.0.0.1:2/router/rest")
    assert changed.endpoint.endswith(":2/router/rest")
    with pytest.raises(ValueError):
        queries.update_shop(db, shop.id, id=5)


def test_versions_are_written_only_for_changed_content(db, shop):
    run1 = queries.start_run(db, shop.id, NOW)
    with db.atomic():
        queries.write_listings(db, [_listing(shop.id, "1"), _listing(shop.id, "2")], run_id=run1,
                               now=NOW, changed_hash={"1", "2"})
    run2 = queries.start_run(db, shop.id, NOW)
    with db.atomic():
        queries.write_listings(db, [_listing(shop.id, "1", title="新标题", content_hash="h2")],
                               run_id=run2, now=NOW, changed_hash={"1"})
    history = queries.listing_versions(db, shop.id, "1")
    assert [v.title for v in history] == ["真丝围巾", "新标题"]
    assert history[0].valid_to_run == run2 and history[1].valid_to_run is None
    assert len(queries.listing_versions(db, shop.id, "2")) == 1
    assert queries.count_versions(db, run2) == 1


def test_alert_dedup_key_raises_once(db, shop):
    draft = AlertDraft("deleted", "critical", "gone:1:x", "gone")
    first = queries.insert_alerts(db, shop.id, [draft], run_id=None, now=NOW)
    again = queries.insert_alerts(db, shop.id, [draft], run_id=None, now=NOW)
    assert len(first) == 1 and again == []
    assert queries.acknowledge_alerts(db, [first[0].id], NOW) == 1
    assert queries.list_alerts(db, shop_id=shop.id) == []
    assert len(queries.list_alerts(db, shop_id=shop.id, include_acknowledged=True)) == 1


def test_notice_upsert_returns_only_new_and_keeps_user_status(db, shop):
    rec = NoticeRecord("n1", "false_trading", points=12, text="虚假交易")
    assert len(queries.upsert_notices(db, shop.id, [rec], now=NOW)) == 1
    notice = queries.list_notices(db, shop_id=shop.id)[0]
    queries.set_notice_status(db, notice.id, "appealed")
    assert queries.upsert_notices(db, shop.id, [rec], now=NOW) == []
    assert queries.get_notice(db, notice.id).status == "appealed"


def test_metrics_reimport_updates_not_duplicates(db, shop):
    queries.upsert_metrics(db, shop.id, [MetricRecord("1", "2026-11-01", 100, 10)])
    queries.upsert_metrics(db, shop.id, [MetricRecord("1", "2026-11-01", 120, 12)])
    history = queries.metrics_history(db, shop.id, "2026-10-01")
    assert history == {"1": [MetricRecord("1", "2026-11-01", 120, 12, None, None)]}


def test_appeal_status_moves_the_notice(db, shop):
    queries.upsert_notices(db, shop.id, [NoticeRecord("n1", "counterfeit")], now=NOW)
    notice = queries.list_notices(db, shop_id=shop.id)[0]
    appeal = queries.save_appeal(db, notice_id=notice.id, template="counterfeit", language="en",
                                 body="Dear reviewer", evidence={"invoice": "a.pdf"}, now=NOW)
    queries.set_appeal_status(db, appeal.id, "submitted", NOW)
    assert queries.get_notice(db, notice.id).status == "appealed"
    assert queries.get_appeal(db, appeal.id).submitted_at == NOW
    queries.set_appeal_status(db, appeal.id, "accepted", NOW)
    assert queries.get_notice(db, notice.id).status == "revoked"


def test_deleting_a_shop_removes_its_history(db, shop):
    run = queries.start_run(db, shop.id, NOW)
    with db.atomic():
        queries.write_listings(db, [_listing(shop.id, "1")], run_id=run, now=NOW,
                               changed_hash={"1"})
    queries.delete_shop(db, shop.id)
    for table in ("listings", "listing_versions", "sync_runs"):
        assert db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0
