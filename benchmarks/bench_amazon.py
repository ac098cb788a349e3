"""Syncing a 20,000-SKU Amazon seller account from the loopback SP-API demo server, paced by
the connector's token buckets at Amazon's published rates, against downloading exactly the
same report and search pages with plain requests (no pacing, nothing parsed or stored), in
the same run."""

from __future__ import annotations

import tempfile
from pathlib import Path

import requests

from benchmarks.harness import Figure, timed
from shopwatch.demo.amazon_market import AmazonMarket, SimIssue
from shopwatch.demo.amazon_server import AmazonDemoServer
from shopwatch.monitor.sync import sync_shop
from shopwatch.store import queries
from shopwatch.store.db import open_db

LISTINGS = 20_000
#: one SKU in this many carries a warning, so the issue search runs to several pages
WARNING_EVERY = 100


class _Market(AmazonMarket):
    """The demo account with a warning on every WARNING_EVERY-th SKU (a realistic share)."""

    def _replay(self):
        listings, health = super()._replay()
        for n, item in enumerate(listings.values()):
            if n % WARNING_EVERY == 0:
                item.issues.append(SimIssue("8541", "The 'item_weight' value is not valid.",
                                            severity="WARNING"))
        return listings, health


def _plain_download(server: AmazonDemoServer) -> int:
    """The same HTTP work without the connector: token, both reports, every search page."""
    c = server.credentials()
    s = requests.Session()
    token = s.post(c["token_endpoint"], data={
        "grant_type": "refresh_token", "refresh_token": c["refresh_token"],
        "client_id": c["client_id"], "client_secret": c["client_secret"]}).json()["access_token"]
    h = {"x-amz-access-token": token}
    api = c["endpoint"]
    for kind in ("GET_MERCHANT_LISTINGS_ALL_DATA", "GET_V2_SELLER_PERFORMANCE_REPORT"):
        rid = s.post(f"{api}/reports/2021-06-30/reports", headers=h, json={
            "reportType": kind, "marketplaceIds": [c["marketplace_id"]]}).json()["reportId"]
        while "reportDocumentId" not in (rep := s.get(f"{api}/reports/2021-06-30/reports/{rid}",
                                                       headers=h).json()):
            pass
        doc = s.get(f"{api}/reports/2021-06-30/documents/{rep['reportDocumentId']}",
                    headers=h).json()
        s.get(doc["url"]).content  # noqa: B018 - the download is the work measured
    pages, token_ = 0, None
    while True:
        params = {"marketplaceIds": c["marketplace_id"], "includedData": "summaries,issues",
                  "withIssueSeverity": "ERROR,WARNING", "pageSize": 20}
        if token_:
            params["pageToken"] = token_
        page = s.get(f"{api}/listings/2021-08-01/items/{c['seller_id']}", headers=h,
                     params=params).json()
        pages += 1
        token_ = (page.get("pagination") or {}).get("nextToken")
        if not token_:
            return pages


def run(listings: int = LISTINGS) -> list[Figure]:
    market = _Market(seed=11, n_listings=listings)
    market.set_day(7)
    market.state()  # the simulator builds its day once, as a real account just exists
    with AmazonDemoServer(market) as server, tempfile.TemporaryDirectory(prefix="sw-amz-") as tmp:
        db = open_db(Path(tmp) / "amazon.db")
        c = server.credentials()
        shop = queries.add_shop(db, "bench", "amazon", now="2026-11-01T00:00:00+00:00",
                                endpoint=c["endpoint"], app_key=c["client_id"])
        from shopwatch.connectors.amazon import AmazonConnector

        con = AmazonConnector(c["endpoint"], c["client_id"], c["client_secret"],
                              c["refresh_token"], seller_id=c["seller_id"],
                              marketplace_id=c["marketplace_id"],
                              token_endpoint=c["token_endpoint"], poll_interval=0.5)
        seconds, result = timed(lambda: sync_shop(db, shop, con))
        assert result.status == "ok" and result.listings == len(market.state()[0]), result.error
        calls = dict(con.client.calls)
        con.close()
        plain, pages = timed(lambda: _plain_download(server))
        db.close()
    note = (f"{calls.get('searchListingsItems', 0)} search pages at ≤5/s (burst 5), "
            f"{calls.get('createReport', 0)} createReport (burst 15), "
            f"{calls.get('getReport', 0)} getReport polls; the baseline fetches the same "
            f"{pages} pages and both reports with no pacing and no store")
    return [Figure(f"Amazon sync of {listings:,} SKUs within the published rate limits",
                   seconds, "s", baseline=plain,
                   baseline_label="plain download of the same report and pages", note=note)]
