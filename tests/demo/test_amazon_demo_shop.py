"""The demo Amazon account is a shop like any other: made with a week ending today, synced
once per simulated day through the real SP-API connector on 127.0.0.1, and carried on by the
next ``sync_stored_shop`` (the app's scheduler, ``shopwatch sync``) from where it stopped."""

from __future__ import annotations

from shopwatch.cli import main
from shopwatch.config import db_path
from shopwatch.connectors.amazon_account import account_status
from shopwatch.demo.amazon_runtime import AMAZON_DEMO_SHOP, AmazonDemoConfig
from shopwatch.monitor.service import prepare_amazon_demo, sync_stored_shop
from shopwatch.store import queries
from shopwatch.store.db import open_db


def test_the_demo_account_is_made_and_carried_on(tmp_path):
    db = open_db(tmp_path / "shopwatch.db")
    results = prepare_amazon_demo(db, days=3, n_listings=40)
    assert [r.status for r in results] == ["ok"] * 4, [r.error for r in results]
    shop = queries.get_shop(db, AMAZON_DEMO_SHOP)
    assert AmazonDemoConfig.of(shop).day == 3
    assert account_status(shop) is not None
    assert queries.count_by_status(db, shop.id).get("violation_off_shelf", 0) > 0
    again = sync_stored_shop(db, shop)
    assert again.status == "ok", again.error
    assert AmazonDemoConfig.of(queries.get_shop(db, AMAZON_DEMO_SHOP)).day == 4
    db.close()


def test_shopwatch_demo_amazon_leaves_a_shop_that_syncs_later(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path), "demo", "--platform", "amazon", "--days", "2",
                 "--listings", "30"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path / "demo"), "sync", "--shop", AMAZON_DEMO_SHOP]) == 0
    db = open_db(db_path(tmp_path / "demo"))
    assert AmazonDemoConfig.of(queries.get_shop(db, AMAZON_DEMO_SHOP)).day == 3
    db.close()
