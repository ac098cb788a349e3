"""The Listings filter's key index gives exactly the keys the SQL query gives, for any
status filter, sort and search (a property test over a demo shop's real titles), and never
an answer older than the file: a commit by another connection drops what it held."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shopwatch.monitor.service import prepare_demo
from shopwatch.store import queries
from shopwatch.store.db import open_db
from shopwatch.store.queries import views


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("keys") / "shopwatch.db"
    db = open_db(path)
    assert all(r.status == "ok" for r in prepare_demo(db, days=3))
    shop = queries.list_shops(db)[0]
    titles = [row[0] for row in db.execute("SELECT title FROM listings")]
    yield db, path, shop, titles
    db.close()


STATUSES = ("active", "seller_off_shelf", "violation_off_shelf", "deleted", "sold_out")


@given(data=st.data())
def test_the_index_answers_as_the_sql_query_does(demo, data):
    db, _path, shop, titles = demo
    title = data.draw(st.sampled_from(titles))
    start = data.draw(st.integers(0, max(0, len(title) - 1)))
    term = title[start:start + data.draw(st.integers(0, 4))]
    if data.draw(st.booleans()):
        term = term.upper()  # LIKE ignores ASCII case; so does the index
    filters = dict(
        statuses=data.draw(st.lists(st.sampled_from(STATUSES), unique=True, max_size=2)) or None,
        search=term,
        search_status=data.draw(st.sampled_from([None, "suppressed"])),
        order_by=data.draw(st.sampled_from(sorted(views.LISTING_SORT_KEYS))),
        descending=data.draw(st.booleans()))
    assert (views.indexed_listing_keys(db, shop.id, **filters)
            == views.listing_keys(db, shop.id, **filters))


def test_a_commit_elsewhere_is_seen_at_the_next_keystroke(demo):
    db, path, shop, _titles = demo
    reader = open_db(path, migrate_schema=False)
    try:
        before = views.indexed_listing_keys(reader, shop.id, search="zz-renamed")
        assert before == []
        key = views.listing_keys(db, shop.id)[0]
        with db.atomic():
            db.execute("UPDATE listings SET title = 'zz-renamed thing' WHERE rowid = ?", [key])
        assert views.indexed_listing_keys(reader, shop.id, search="ZZ-RENAMED") == [key]
    finally:
        reader.close()


def test_typing_and_deleting_narrows_and_widens_as_the_sql_query_does(demo):
    db, _path, shop, titles = demo
    title = max(titles, key=len)
    typed = [title[:i] for i in range(1, min(len(title), 8) + 1)]
    steps = typed + typed[::-1] + ["", typed[2]]  # type on, delete back, clear, type again
    for term in steps:
        for statuses in (None, ["active"]):
            assert (views.indexed_listing_keys(db, shop.id, search=term, statuses=statuses)
                    == views.listing_keys(db, shop.id, search=term, statuses=statuses)), term
