"""The Amazon connector against the loopback SP-API + LWA demo server, through real syncs into
a real SQLite profile: the campaign's suppressions, removals, search suppression, expiring
exemptions, account health and deletions all land as the product promises."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from shopwatch.connectors.amazon_client import TokenBucket
from shopwatch.models import DELETED, VIOLATION_OFF_SHELF
from shopwatch.store import queries
from tests.reliability.amazon_support import AmazonShop


@pytest.fixture
def amazon(tmp_path: Path) -> Iterator[AmazonShop]:
    shop = AmazonShop.start(tmp_path)
    yield shop
    shop.close()


def run_days(shop: AmazonShop, days: int) -> list:
    results = []
    for day in range(days + 1):
        shop.market.set_day(day)
        result = shop.sync()
        assert result.status == "ok", result.error
        results.append(result)
    return results


def test_campaign_lands_as_statuses_notices_and_alerts(amazon: AmazonShop):
    results = run_days(amazon, 7)
    assert amazon.mismatches() == []
    plan = amazon.market.plan
    stored = queries.load_listings(amazon.db, amazon.shop.id)
    for sku in plan["missing_attribute"] + plan["ip_complaint"] + plan["catalog_removed"]:
        assert stored[sku].status == VIOLATION_OFF_SHELF, sku
    for sku in plan["search_suppressed"]:
        assert stored[sku].search_status == "suppressed"
    for sku in plan["deleted"]:
        assert stored[sku].status == DELETED, "404 from getListingsItem resolves as deleted"
    alerts = [a for r in results for a in r.alerts]
    demoted = {a.listing_id for a in alerts if a.kind == "demoted"}
    assert demoted == set(plan["search_suppressed"])
    for alert in alerts:
        if alert.kind == "demoted":  # with Amazon's reason
            assert "[18027] We believe the main image has text" in alert.message
            assert alert.details["reason"].startswith("[18027]")
    deleted = {a.listing_id for a in alerts if a.kind == "deleted"}
    assert deleted == set(plan["deleted"])
    notices = queries.list_notices(amazon.db, shop_id=amazon.shop.id)
    by_kind = {}
    for n in notices:
        by_kind.setdefault(n.kind, []).append(n)
    assert {n.listing_id for n in by_kind["ip_complaint"] if n.listing_id} == set(
        plan["ip_complaint"])
    assert [n.title for n in by_kind["account_health"]] == ["Account status AT_RISK"]
    removed = by_kind["catalog_item_removed"][0]
    assert removed.text.startswith("[18742] Restricted Products Policy Violation")
    # listing JSON: SKU, ASIN and issues
    from shopwatch.commands.watch import listing_json

    item = json.loads(json.dumps(listing_json(stored[plan["search_suppressed"][0]], "amazon")))
    assert item["asin"].startswith("B0")
    assert item["issues"][0]["actions"] == ["SEARCH_SUPPRESSED"]
    assert item["issues"][0]["code"] == "18027"


def test_exemption_expiry_warns_at_72_and_24_hours(amazon: AmazonShop):
    results = run_days(amazon, 3)
    exempt = set(amazon.market.plan["exemption"])
    deadline_alerts = [a for r in results for a in r.alerts if a.kind == "appeal_deadline"]
    assert {a.listing_id for a in deadline_alerts} == exempt
    for sku in exempt:
        windows = {a.details["window"] for a in deadline_alerts if a.listing_id == sku}
        assert {72, 24} <= windows, windows
    stored = queries.load_listings(amazon.db, amazon.shop.id)
    # Exempt until the expiry: still on sale meanwhile.
    assert all(stored[s].status == "active" for s in exempt)
    amazon.market.set_day(4)
    assert amazon.sync().status == "ok"
    stored = queries.load_listings(amazon.db, amazon.shop.id)
    assert all(stored[s].status == VIOLATION_OFF_SHELF for s in exempt)


def test_one_lwa_token_per_run_and_never_sent_to_the_report_download(amazon: AmazonShop):
    con = amazon.connector()
    result = amazon.sync(con)
    assert result.status == "ok"
    assert con.client.tokens.refreshes == 1
    assert not amazon.server.token_header_on_download


def test_no_secret_reaches_the_profile_file(amazon: AmazonShop):
    run_days(amazon, 2)
    amazon.server.set_faults(expired_token=True)
    assert amazon.sync().status == "failed"
    amazon.db.conn.execute("PRAGMA wal_checkpoint(FULL)")
    raw = amazon.path.read_bytes()
    creds = amazon.server.credentials()
    for secret in (creds["client_secret"], creds["refresh_token"], *amazon.server._tokens):
        assert secret.encode() not in raw


def test_token_bucket_follows_the_rate_limit_header():
    now = [0.0]
    bucket = TokenBucket(5.0, 5, lambda: now[0])
    for _ in range(5):
        assert bucket.wait_time() == 0
        bucket.take()
    assert bucket.wait_time() == pytest.approx(0.2)
    bucket.set_rate(0.5)  # x-amzn-RateLimit-Limit: 0.5
    assert bucket.wait_time() == pytest.approx(2.0)
    now[0] += 2.0
    assert bucket.wait_time() == 0


def test_search_pages_are_paced_by_the_bucket(tmp_path: Path):
    """A seller with more SKUs with issues than one burst covers: the client waits between
    pages at the published 5 requests a second instead of collecting 429s."""
    shop = AmazonShop.start(tmp_path, n_listings=140)
    try:
        # 140 SKUs with issues = 7 pages of 20 (burst 5)
        listings, _ = shop.market.state()
        sims = list(listings)
        original = shop.market.state

        def many_issues():
            ls, health = original()
            from shopwatch.demo.amazon_market import SimIssue
            for sku in sims:
                if not any(i.code == "8541" for i in ls[sku].issues):
                    ls[sku].issues.append(SimIssue("8541", "warn", severity="WARNING"))
            return ls, health
        shop.market.state = many_issues  # type: ignore[method-assign]
        clock = [0.0]
        slept: list[float] = []

        def sleep(s: float) -> None:
            slept.append(s)
            clock[0] += s
        con = shop.connector(clock=lambda: clock[0], sleep=sleep)
        records, pages = con.fetch_listings()
        assert len(records) == 140 and pages == 1 + 7
        assert con.client.calls["searchListingsItems"] == 7
        # 5 pages fit in the burst; pages 6 and 7 each wait 1/5 s (x-amzn-RateLimit-Limit 5.0)
        assert sum(slept) == pytest.approx(0.4)
    finally:
        shop.close()
