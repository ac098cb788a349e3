"""The pages' read models (store/queries/views.py), without Qt: each is one call that returns
plain dataclasses agreeing with the store, over a demo shop that has synced a week."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from shopwatch.monitor.service import prepare_demo
from shopwatch.store import queries
from shopwatch.store.queries import views


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from shopwatch.store.db import open_db

    db = open_db(tmp_path_factory.mktemp("views") / "shopwatch.db")
    assert all(r.status == "ok" for r in prepare_demo(db, days=5))
    yield db
    db.close()


def test_the_overview_model_agrees_with_the_store(demo_db):
    shop = queries.list_shops(demo_db)[0]
    now = datetime.now(timezone.utc)
    since = (date.today() - timedelta(days=13)).isoformat()
    view = views.overview(demo_db, shop.id, now=now, since=since)
    assert view.counts == queries.count_by_status(demo_db, shop.id)
    assert view.total == sum(view.counts.values()) > 0
    assert all(a.severity in ("critical", "warning") for a in view.alerts) and view.alerts
    open_dated = [n for n in queries.list_notices(demo_db, shop_id=shop.id)
                  if n.status == "open" and n.appeal_deadline]
    assert len(view.deadlines) == min(5, len(open_dated))
    # overdue deadlines come first and are marked; the rest are the soonest ahead
    flags = [row.overdue for row in view.deadlines]
    assert flags == sorted(flags, reverse=True)


def test_an_overdue_notice_is_marked_overdue(demo_db):
    shop = queries.list_shops(demo_db)[0]
    notice = next(n for n in queries.list_notices(demo_db, shop_id=shop.id)
                  if n.status == "open" and n.appeal_deadline)
    later = datetime.fromisoformat(notice.appeal_deadline) + timedelta(days=400)
    view = views.overview(demo_db, shop.id, now=later, since="2000-01-01", deadlines=50)
    assert all(row.overdue for row in view.deadlines)
    assert notice.id in {row.notice.id for row in view.deadlines}


def test_the_alerts_model_names_the_notice_an_appeal_answers(demo_db):
    shop = queries.list_shops(demo_db)[0]
    view = views.alerts_page(demo_db, shop.id, include_acknowledged=True, limit=5000)
    assert len(view.alerts) == len(queries.list_alerts(demo_db, shop_id=shop.id,
                                                       include_acknowledged=True, limit=5000))
    for listing_id, notice_id in view.notice_by_listing.items():
        newest = queries.notices_for_listing(demo_db, shop.id, listing_id)[0]
        assert newest.id == notice_id
