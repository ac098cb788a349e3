"""The Amazon connector against Amazon's own published example payloads (see
amazon_examples/README.md), replayed by pytest-httpserver on 127.0.0.1."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from werkzeug import Request, Response

from shopwatch.connectors.amazon import AmazonConnector
from shopwatch.connectors.amazon_records import health_notices
from shopwatch.connectors.base import AuthError, IncompleteSync
from shopwatch.models import ACTIVE, SEARCH_NORMAL, VIOLATION_OFF_SHELF

EXAMPLES = Path(__file__).parent / "amazon_examples"
SELLER = "A3EXAMPLE"
MARKETPLACE = "ATVPDKIKX0DER"
CLIENT_ID = "amzn1.application-oa2-client.test"
CLIENT_SECRET = "amzn1.oa2-cs.v1.s3cr3t-value"
REFRESH = "Atzr|refresh-s3cr3t"
ACCESS = "Atza|access-token-value"


def example(name: str) -> dict:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def connector(server, **kw) -> AmazonConnector:
    return AmazonConnector(server.url_for(""), CLIENT_ID, CLIENT_SECRET, REFRESH,
                           seller_id=SELLER, marketplace_id=MARKETPLACE,
                           token_endpoint=server.url_for("/auth/o2/token"), poll_interval=0.0,
                           backoff=0.0, sleep=lambda s: None, **kw)


def serve_token(server, calls: list | None = None) -> None:
    def token(request: Request) -> Response:
        form = request.form
        assert form["grant_type"] == "refresh_token"
        assert (form["client_id"], form["client_secret"], form["refresh_token"]) == (
            CLIENT_ID, CLIENT_SECRET, REFRESH)
        if calls is not None:
            calls.append(1)
        return Response(json.dumps({"access_token": ACCESS, "token_type": "bearer",
                                    "expires_in": 3600}), content_type="application/json")
    server.expect_request("/auth/o2/token", method="POST").respond_with_handler(token)


def with_token(payload: dict, status: int = 200):
    def handler(request: Request) -> Response:
        if request.headers.get("x-amz-access-token") != ACCESS:
            return Response(json.dumps({"errors": [{"code": "Unauthorized", "message": "no"}]}),
                            status=403, content_type="application/json")
        return Response(json.dumps(payload), status=status, content_type="application/json",
                        headers={"x-amzn-RateLimit-Limit": "5.0"})
    return handler


def serve_reports(server, document: bytes, *, gzip_it: bool) -> None:
    created = example("createReport_202.json")
    report = example("getReport_200.json")
    doc = example("getReportDocument_200.json")
    done = {**report, "reportId": created["reportId"], "processingStatus": "DONE",
            "reportDocumentId": doc["reportDocumentId"]}
    polls = iter([report, done, done, done])
    server.expect_request("/reports/2021-06-30/reports", method="POST").respond_with_handler(
        with_token(created, 202))
    server.expect_request(f"/reports/2021-06-30/reports/{created['reportId']}").\
        respond_with_handler(lambda r: with_token(next(polls))(r))
    # The model's URL is a CloudFront address: point its path at the test server.
    path = "/" + doc["url"].split("/", 3)[3]
    located = {**doc, "url": server.url_for(path)}
    if gzip_it:
        located["compressionAlgorithm"] = "GZIP"
    server.expect_request(f"/reports/2021-06-30/documents/{doc['reportDocumentId']}").\
        respond_with_handler(with_token(located))

    def download(request: Request) -> Response:
        assert "x-amz-access-token" not in request.headers, "access token sent to S3"
        return Response(gzip.compress(document) if gzip_it else document)
    server.expect_request(path).respond_with_handler(download)


REPORT = ("item-name\titem-description\tlisting-id\tseller-sku\tprice\tquantity\topen-date\t"
          "asin1\tstatus\n"
          "Hardside Carry-On Spinner Suitcase Luggage\t\t0301X1\tGM-ZDPI-9B4E\t100.00\t100\t"
          "2021-02-01 00:00:00 PST\tB071VG5N9D\tActive\n"
          "Silk scarf 真丝围巾\t\t0301X2\tSCARF-01\t25.00\t4\t2021-03-01 00:00:00 PST\t"
          "B000SCARF1\tActive\n")


def test_published_listing_example_maps_each_enforcement(httpserver):
    serve_token(httpserver)
    item = example("getListingsItem_200.json")
    httpserver.expect_request(f"/listings/2021-08-01/items/{SELLER}/GM-ZDPI-9B4E",
                              query_string={"marketplaceIds": MARKETPLACE,
                                            "includedData": "summaries,issues"}).\
        respond_with_handler(with_token(item))
    record = connector(httpserver).lookup("GM-ZDPI-9B4E")
    # 18155 LISTING_SUPPRESSED / NOT_EXEMPT and 18742 CATALOG_ITEM_REMOVED are in force
    # (the example still lists the summary as BUYABLE; the enforcement wins).
    assert record.status == VIOLATION_OFF_SHELF
    assert record.asin == "B071VG5N9D"
    issues = json.loads(record.issues)
    assert [i["code"] for i in issues] == ["90220", "18027", "99300", "18155", "18742"]
    assert issues[1] == {"code": "18027", "severity": "ERROR", "message": item["issues"][1][
        "message"], "actions": ["SEARCH_SUPPRESSED"]}


def test_published_example_notices_keep_codes_and_the_exemption_deadline():
    from shopwatch.connectors.amazon_records import issue_notices

    notices = {n.source_id: n for n in issue_notices(
        "GM-ZDPI-9B4E", example("getListingsItem_200.json"), issued_at=None)}
    # 90220 has no enforcement: not a notice.
    assert set(notices) == {f"amazon-issue:GM-ZDPI-9B4E:{c}"
                            for c in ("18027", "99300", "18155", "18742")}
    exempt = notices["amazon-issue:GM-ZDPI-9B4E:18027"]
    assert exempt.kind == "search_suppressed"
    assert exempt.appeal_deadline == "2025-05-28T00:36:48.914Z"
    assert notices["amazon-issue:GM-ZDPI-9B4E:18742"].kind == "catalog_item_removed"
    assert notices["amazon-issue:GM-ZDPI-9B4E:18155"].text.startswith("[18155] The 'minimum")
    assert notices["amazon-issue:GM-ZDPI-9B4E:99300"].appeal_deadline is None


def test_lookup_404_means_the_sku_no_longer_exists(httpserver):
    serve_token(httpserver)
    httpserver.expect_request(f"/listings/2021-08-01/items/{SELLER}/GONE-1").\
        respond_with_handler(with_token({"errors": [{"code": "NOT_FOUND",
                                                     "message": "SKU not found"}]}, 404))
    assert connector(httpserver).lookup("GONE-1") is None


@pytest.mark.parametrize("gzip_it", [True, False])
def test_full_fetch_from_published_report_and_search_examples(httpserver, gzip_it):
    calls: list = []
    serve_token(httpserver, calls)
    serve_reports(httpserver, REPORT.encode("utf-8"), gzip_it=gzip_it)
    search = example("searchListingsItems_200.json")
    # The example says 3 results over pages; serve it as the one and only page of 1.
    one_page = {**search, "numberOfResults": 1}
    one_page.pop("pagination")
    httpserver.expect_request(f"/listings/2021-08-01/items/{SELLER}").respond_with_handler(
        with_token(one_page))
    con = connector(httpserver)
    records, pages = con.fetch_listings()
    by_sku = {r.listing_id: r for r in records}
    assert set(by_sku) == {"GM-ZDPI-9B4E", "SCARF-01"}
    assert by_sku["SCARF-01"].title == "Silk scarf 真丝围巾"
    assert (by_sku["SCARF-01"].status, by_sku["SCARF-01"].search_status) == (ACTIVE,
                                                                             SEARCH_NORMAL)
    assert by_sku["SCARF-01"].price == "25.00" and by_sku["SCARF-01"].currency == "USD"
    assert by_sku["GM-ZDPI-9B4E"].status == VIOLATION_OFF_SHELF
    assert pages == 2
    assert len(calls) == 1, "the access token is cached for the whole run"


def test_published_search_example_with_more_pages_than_sent_is_incomplete(httpserver):
    """The model's example says 3 results and offers a nextToken; a server that keeps sending
    the same page must end in IncompleteSync, never a loop or a short catalogue."""
    serve_token(httpserver)
    serve_reports(httpserver, REPORT.encode("utf-8"), gzip_it=True)
    httpserver.expect_request(f"/listings/2021-08-01/items/{SELLER}").respond_with_handler(
        with_token(example("searchListingsItems_200.json")))
    with pytest.raises(IncompleteSync):
        connector(httpserver).fetch_listings()


def test_truncated_gzip_report_is_incomplete(httpserver):
    serve_token(httpserver)
    created = example("createReport_202.json")
    serve_reports(httpserver, REPORT.encode("utf-8") * 50, gzip_it=True)
    # Replace the download with half of the compressed bytes.
    httpserver.clear()
    serve_token(httpserver)
    doc = example("getReportDocument_200.json")
    path = "/" + doc["url"].split("/", 3)[3]
    httpserver.expect_request("/reports/2021-06-30/reports", method="POST").\
        respond_with_handler(with_token(created, 202))
    httpserver.expect_request(f"/reports/2021-06-30/reports/{created['reportId']}").\
        respond_with_handler(with_token({**example("getReport_200.json"),
                                         "processingStatus": "DONE",
                                         "reportDocumentId": doc["reportDocumentId"]}))
    httpserver.expect_request(f"/reports/2021-06-30/documents/{doc['reportDocumentId']}").\
        respond_with_handler(with_token({**doc, "url": httpserver.url_for(path),
                                         "compressionAlgorithm": "GZIP"}))
    data = gzip.compress((REPORT * 50).encode())
    httpserver.expect_request(path).respond_with_data(data[: len(data) // 2])
    with pytest.raises(IncompleteSync):
        connector(httpserver).fetch_listings()


def test_published_account_health_example_gives_status_and_policy_notices():
    status, notices = health_notices(example("accountHealthReport_example.json"), MARKETPLACE,
                                     issued_at=None)
    assert status == "AT_RISK"
    kinds = {n.kind for n in notices}
    assert "account_health" in kinds
    assert all(n.category == "account" for n in notices)
    assert all(":0" not in n.source_id for n in notices)


def test_refused_refresh_token_is_an_auth_error_without_secrets(httpserver):
    httpserver.expect_request("/auth/o2/token", method="POST").respond_with_json(
        {"error": "invalid_grant", "error_description": "The request has an invalid grant "
         "parameter : refresh_token"}, status=400)
    with pytest.raises(AuthError) as caught:
        connector(httpserver).lookup("X")
    text = str(caught.value)
    assert "invalid_grant" in text
    for secret in (CLIENT_SECRET, REFRESH):
        assert secret not in text and secret not in repr(caught.value.args)
