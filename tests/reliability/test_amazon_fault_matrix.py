"""Every way SP-API or Login with Amazon can fail a sync, served for real by the loopback demo
server: the run is recorded as failed, no stored data changes (0 wrong states), nothing is
called deleted (0 false deletions), and the next good sync is exactly right."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from shopwatch.models import DELETED, MISSING
from shopwatch.store import queries

from .amazon_support import AmazonShop
from .support import LISTING_ALERT_KINDS, alerts_by_kind, data_state, version_chain_problems

#: (fault switches, the error_kind the failed run must record)
FAULTS: dict[str, tuple[dict[str, Any], str]] = {
    "http_429_every_search": ({"http_429": True, "operation": "searchListingsItems"},
                              "rate_limit"),
    "http_429_long_retry_after": ({"http_429": True, "retry_after": 600}, "rate_limit"),
    "http_500_create_report": ({"http_500": True, "operation": "createReport"}, "network"),
    "http_500_report_download": ({"http_500": True, "operation": "download"}, "network"),
    "timeout_search": ({"slow_seconds": 1.0, "operation": "searchListingsItems"}, "network"),
    "truncated_report": ({"truncated_report": True}, "incomplete"),
    "expired_access_token": ({"expired_token": True}, "auth"),
    "revoked_refresh_token": ({"revoked_refresh_token": True, "operation": "token"}, "auth"),
    "count_more_reported": ({"count_mismatch": 1}, "incomplete"),
    "count_fewer_reported": ({"count_mismatch": -1}, "incomplete"),
    "search_page_short": ({"drop_from_page": 1}, "incomplete"),
    "report_fatal": ({"report_fatal": True}, "incomplete"),
    "lwa_server_error": ({"http_500": True, "operation": "token"}, "network"),
    "health_report_fails": ({"http_500": True, "operation": "getReportDocument"}, "network"),
}

#: faults that fire once: retries (or one token renewal) recover without a trace in the data
TRANSIENT = {
    "http_429_once": {"http_429": True, "operation": "searchListingsItems", "times": 1},
    "http_500_once": {"http_500": True, "operation": "createReport", "times": 1},
    "timeout_once": {"slow_seconds": 1.0, "operation": "getReport", "times": 1},
    "expired_token_once": {"expired_token": True, "times": 1},
    "download_500_once": {"http_500": True, "operation": "download", "times": 1},
    "lwa_500_once": {"http_500": True, "operation": "token", "times": 1},
}


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AmazonShop]:
    """Synced on day 0, then seven simulated days on: SKUs were suppressed, removed and
    deleted, which only the next *complete* sync may record."""
    demo = AmazonShop.start(tmp_path)
    assert demo.sync().status == "ok"
    demo.market.set_day(7)
    yield demo
    demo.close()


def assert_next_good_sync_is_correct(demo: AmazonShop) -> None:
    demo.server.clear_faults()
    result = demo.sync()
    assert result.status == "ok", result.error
    assert demo.mismatches() == []
    assert version_chain_problems(demo.db, demo.shop.id) == []
    deleted = {a.listing_id for a in queries.list_alerts(demo.db, shop_id=demo.shop.id)
               if a.kind == "deleted"}
    assert deleted == set(demo.market.plan["deleted"])


@pytest.mark.parametrize("name", list(FAULTS))
def test_failed_run_changes_nothing_and_deletes_nothing(shop: AmazonShop, name: str):
    switches, kind = FAULTS[name]
    before = data_state(shop.db)
    alerts_before = alerts_by_kind(shop.db, shop.shop.id)

    shop.server.set_faults(**switches)
    result = shop.sync(shop.connector(timeout=0.5))

    assert result.status == "failed" and result.error
    assert data_state(shop.db) == before, "a failed run changed stored data"
    assert not {a.kind for a in result.alerts} & LISTING_ALERT_KINDS
    after = alerts_by_kind(shop.db, shop.shop.id)
    assert {k: v for k, v in after.items() if k in LISTING_ALERT_KINDS} == {
        k: v for k, v in alerts_before.items() if k in LISTING_ALERT_KINDS}
    stored = queries.load_listings(shop.db, shop.shop.id).values()
    assert not [i for i in stored if i.status in (DELETED, MISSING)], "false deletion"
    run = queries.get_run(shop.db, result.run_id)
    assert (run.status, run.error_kind) == ("failed", kind), run.error
    creds = shop.server.credentials()
    for secret in (creds["client_secret"], creds["refresh_token"]):
        assert secret not in result.error

    assert_next_good_sync_is_correct(shop)


@pytest.mark.parametrize("name", list(TRANSIENT))
def test_transient_fault_is_survived_without_a_trace(shop: AmazonShop, name: str):
    shop.server.set_faults(**TRANSIENT[name])
    result = shop.sync(shop.connector(timeout=0.5))
    assert result.status == "ok", result.error
    assert shop.mismatches() == []
    assert version_chain_problems(shop.db, shop.shop.id) == []
    assert_next_good_sync_is_correct(shop)


def test_failing_lookups_leave_skus_missing_never_deleted(shop: AmazonShop):
    """The report and search were complete, so the vanished SKUs are missing; getListingsItem
    failing must not turn that into 'deleted'."""
    shop.server.set_faults(http_500=True, operation="getListingsItem")
    result = shop.sync()
    assert result.status == "ok", result.error
    stored = queries.load_listings(shop.db, shop.shop.id)
    for sku in shop.market.plan["deleted"]:
        assert stored[sku].status == MISSING
    # the existing 'gone' alert says so: missing, not confirmed
    assert all(a.details.get("confirmed") is False for a in result.alerts if a.kind == "deleted")
    assert_next_good_sync_is_correct(shop)
