"""Every fault switch of the demo gateway: a failed or partial run changes nothing, never says
"deleted", records why, and the next good run is correct."""

from __future__ import annotations

from datetime import date

import pytest

from shopwatch.connectors.taobao import DemoConnector
from shopwatch.demo.runtime import DemoConfig, EmbeddedDemo, reset_demo_shop
from shopwatch.monitor.sync import sync_shop
from shopwatch.store import queries

FAULTS = {
    "caller-side error_response on page 2": dict(error_on_page=2, error_code=15,
                                                 error_sub_code="isv.invalid-parameter"),
    "platform-side error_response on every try": dict(error_on_page=2),
    "HTTP 500": dict(http_500_on_page=2),
    "slow page (timeout)": dict(slow_page=2, slow_seconds=1.0),
    "page shorter than total_results implies": dict(short_page=2, short_by=5),
    "count mismatch": dict(count_mismatch=3),
    "rate limit with a long ban": dict(ban_seconds=600),
    "HTTP 429 with a long Retry-After": dict(http_429_retry_after=600),
    "expired session (code 27)": dict(expired_session=True),
    "connection reset mid-body": dict(reset_mid_body_page=2),
    "invalid JSON": dict(invalid_json_page=2),
}


def connector(demo: EmbeddedDemo) -> DemoConnector:
    m = demo.marketplace
    # Short timeout and waits: each fault fails fast instead of being waited out.
    return DemoConnector(demo.server.endpoint, m.app_key, m.app_secret, m.session,
                         timeout=0.4, retries=1, backoff=0.01, max_ban_wait=1.0)


def state(db, shop_id):
    return {lid: (x.status, x.title, x.price, x.last_seen, x.search_status)
            for lid, x in queries.load_listings(db, shop_id).items()}


@pytest.mark.parametrize("fault", list(FAULTS), ids=list(FAULTS))
def test_fault_changes_nothing_and_next_good_sync_is_correct(db, fault):
    config = DemoConfig(seed=7, start_date=date(2026, 11, 2))
    shop = reset_demo_shop(db, config)
    with EmbeddedDemo(config) as demo:
        c = connector(demo)
        assert sync_shop(db, shop, c, now=demo.sim_now()).status == "ok"
        # Move to a day on which the platform deletes listings, then break the gateway.
        while not any(e.kind == "deleted" for e in demo.marketplace.advance()):
            pass
        before = state(db, shop.id)
        versions = queries.count_versions(db)
        demo.server.set_faults(**FAULTS[fault])
        failed = sync_shop(db, shop, c, now=demo.sim_now())
        assert failed.status == "failed" and failed.error
        assert state(db, shop.id) == before
        assert queries.count_versions(db) == versions
        assert not [a for a in failed.alerts if a.kind in ("deleted", "mass_disappearance")]
        run = queries.get_run(db, failed.run_id)
        assert run.status == "failed" and run.error == failed.error and run.error_kind
        assert c._secret not in failed.error and c._session not in failed.error

        demo.server.clear_faults()
        good = sync_shop(db, shop, c, now=demo.sim_now())
        assert good.status == "ok"
        deleted_today = {str(e.num_iid) for e in demo.marketplace.events
                         if e.kind == "deleted" and e.day == demo.day}
        assert {a.listing_id for a in good.alerts if a.kind == "deleted"} == deleted_today
        c.close()


def test_transient_errors_are_retried_within_one_run(db):
    config = DemoConfig(seed=7, start_date=date(2026, 11, 2))
    shop = reset_demo_shop(db, config)
    with EmbeddedDemo(config) as demo:
        c = connector(demo)
        demo.server.set_faults(http_500_on_page=2, times=1)
        assert sync_shop(db, shop, c, now=demo.sim_now()).status == "ok"
        # a short ban is waited out (ban + 1 s), as the platform asks
        c.max_ban_wait = 5.0
        demo.server.set_faults(ban_seconds=1, times=1)
        demo.marketplace.advance()
        result = sync_shop(db, shop, c, now=demo.sim_now())
        assert result.status == "ok", result.error
        c.close()
