"""The sync's hot path reads listings positionally (see ``queries.load_listings``); a listing
whose every field holds a different value must read back identically through it and through
the by-name reads the app uses, or a field would silently land in another."""

from __future__ import annotations

from dataclasses import fields

from shopwatch.models import Listing
from shopwatch.store import queries


def test_hot_path_and_by_name_reads_agree_on_every_field(db):
    shop = queries.add_shop(db, "s", "taobao", now="2026-11-20T00:00:00+00:00")
    item = Listing(
        shop_id=shop.id, listing_id="600000000001", title="标题", status="violation_off_shelf",
        search_status="suppressed", price="12.50", currency="USD", quantity=7, url="u",
        category="c", pic_url="p", outer_id="o", first_seen="f", last_seen="l",
        missing_since="m", status_changed_at="s", content_hash="h", asin="B0ASIN", issues="[]")
    assert len({getattr(item, f.name) for f in fields(Listing)}) == len(fields(Listing))
    with db.atomic():
        queries.write_listings(db, [item], run_id=1, now="n", changed_hash=set())
    assert queries.load_listings(db, shop.id) == {"600000000001": item}
    assert queries.get_listing(db, shop.id, "600000000001") == item
    assert queries.list_listings(db, shop_id=shop.id) == [item]
