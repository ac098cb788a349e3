"""The notice ↔ listing links (issue 13, migration 0006_notice_listings)."""

from __future__ import annotations

import sqlite_utils

from shopwatch.models import NoticeRecord
from shopwatch.store import migrations as mig
from shopwatch.store import queries
from shopwatch.store.db import open_db


def test_upgrading_links_each_stored_notice_to_its_listing(tmp_path):
    """Notices stored before the migration keep their one listing, now also in the link
    table that names every listing of a notice."""
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    mig.migrations.apply(old, stop_before="0006_notice_listings")
    old.execute("PRAGMA user_version = 4")
    old.execute("INSERT INTO shops (name, platform, created_at) VALUES ('s', 'file', 'now')")
    for source, listing in (("a", "600123400001"), ("b", None)):
        old.execute("INSERT INTO notices (shop_id, source_id, kind, severity, listing_id,"
                    " created_at) VALUES (1, ?, 'false_trading', 'warning', ?, 'now')",
                    [source, listing])
    old.conn.commit()
    old.close()
    db = open_db(path)
    try:
        by_source = {n.source_id: n for n in queries.list_notices(db)}
        assert by_source["a"].listing_ids == ("600123400001",)
        assert by_source["b"].listing_ids == ()
        assert [n.source_id for n in queries.notices_for_listing(db, 1, "600123400001")] == ["a"]
    finally:
        db.close()


def test_a_notice_keeps_its_listings_in_the_order_named(db):
    shop = queries.add_shop(db, "s", "file", now="2026-11-23T10:00:00+08:00")
    ids = ("700000000009", "700000000001", "B0F1234567", "700000000005")
    with db.atomic():
        queries.upsert_notices(db, shop.id, [NoticeRecord("x", "false_trading",
                                                          listing_id=ids[0], listing_ids=ids)],
                               now="2026-11-23T10:00:00+08:00")
    (notice,) = queries.list_notices(db, shop_id=shop.id)
    assert notice.listing_ids == ids and notice.listing_id == ids[0]
    assert [n.id for n in queries.notices_for_listing(db, shop.id, "B0F1234567")] == [notice.id]
    # removing the notice removes its links
    with db.atomic():
        queries.delete_notice(db, notice.id)
    assert queries.notices_for_listing(db, shop.id, "B0F1234567") == []
