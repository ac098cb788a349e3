"""Numbers no count can be — Infinity, NaN, 1e400, a 400-digit integer, a fraction, a boolean —
in a gateway's answer (found by Hypothesis as an uncaught OverflowError that failed the suite at
random). Served by a real HTTP server on 127.0.0.1, they become the typed source errors with a
plain sentence; the sync fails cleanly, changes nothing and says nothing about "please report"."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from shopwatch.connectors.base import ConnectorError, IncompleteSync, RateLimited, SourceError
from shopwatch.connectors.taobao import TaobaoConnector
from shopwatch.monitor.sync import sync_shop
from shopwatch.store import queries

from .support import data_state

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=timezone.utc)
#: raw JSON text, as a gateway could send it (Python's json reads Infinity and NaN)
NOT_COUNTS = ["Infinity", "-Infinity", "NaN", "1e400", "1" + "0" * 400, "1e308", "12.5",
              "true", "-3", '"Infinity"', '"1e400"', '"9' + "9" * 5000 + '"']


def client(server: HTTPServer) -> TaobaoConnector:
    return TaobaoConnector(server.url_for("/router/rest"), "key", "secret-value", "session-value",
                           retries=0, timeout=5.0, sleep=lambda s: None, page_size=20)


def answer(server: HTTPServer, body: str, status: int = 200, headers: dict | None = None) -> None:
    server.expect_request("/router/rest", method="POST").respond_with_data(
        body, status=status, headers=headers or {}, content_type="application/json")


@pytest.mark.parametrize("total", NOT_COUNTS)
def test_a_total_that_is_not_a_count_is_an_incomplete_sync(httpserver: HTTPServer, total: str):
    answer(httpserver, f'{{"items_onsale_get_response": {{"total_results": {total},'
           ' "items": {}}}')
    with client(httpserver) as c, pytest.raises(IncompleteSync) as caught:
        c.fetch_listings()
    assert "how many results" in str(caught.value)
    assert "Overflow" not in str(caught.value)


@pytest.mark.parametrize("code", ["Infinity", "-Infinity", "NaN", "1e400", '"x"', "7.5"])
def test_an_error_code_that_is_not_a_number_is_a_source_error(httpserver: HTTPServer, code: str):
    answer(httpserver, f'{{"error_response": {{"code": {code}, "msg": "Remote service error",'
           ' "sub_code": "isv.fuzz", "sub_msg": "refused"}}')
    with client(httpserver) as c, pytest.raises(SourceError) as caught:
        c.fetch_listings()
    assert "refused" in str(caught.value)


def test_a_ban_of_absurd_length_is_rate_limiting_not_a_crash(httpserver: HTTPServer):
    ban = "9" * 5000  # more digits than Python turns into an int
    answer(httpserver, json.dumps({"error_response": {
        "code": 7, "msg": "App Call Limited",
        "sub_msg": f"This ban will last for {ban} more seconds"}}))
    with client(httpserver) as c, pytest.raises(RateLimited) as caught:
        c.fetch_listings()
    assert ban not in str(caught.value)


def test_a_retry_after_of_absurd_length_is_rate_limiting_in_plain_words(httpserver: HTTPServer):
    answer(httpserver, "{}", status=429, headers={"Retry-After": "9" * 400})
    with client(httpserver) as c, pytest.raises(RateLimited) as caught:
        c.fetch_listings()
    assert "inf" not in str(caught.value).lower()


@pytest.mark.parametrize("total", ["Infinity", "1" + "0" * 400])
def test_a_sync_fed_an_infinite_total_fails_cleanly_and_changes_nothing(
    httpserver: HTTPServer, db, total: str
):
    shop = queries.add_shop(db, "overflow", "taobao", now=T0.isoformat())
    good = ('{"items_onsale_get_response": {"total_results": 1, "items": {"item": [{"num_iid":'
            ' 600000000001, "title": "羊毛大衣", "price": "128.00", "num": 3}]}}}')
    empty = '{"items_inventory_get_response": {"total_results": 0}}'

    def serve(onsale: str) -> None:
        def reply(request: Request) -> Response:
            on_sale = request.args.get("method") == "taobao.items.onsale.get"
            return Response(onsale if on_sale else empty, content_type="application/json")

        httpserver.clear()
        httpserver.expect_request("/router/rest", method="POST").respond_with_handler(reply)

    serve(good)
    with client(httpserver) as c:
        assert sync_shop(db, shop, c, now=T0).status == "ok"
    before = data_state(db)
    serve(f'{{"items_onsale_get_response": {{"total_results": {total}}}}}')
    with client(httpserver) as c:
        result = sync_shop(db, shop, c, now=T0)
    assert result.status == "failed"
    assert "please report" not in (result.error or "") and "Overflow" not in result.error
    assert queries.last_run(db, shop.id).error_kind == "incomplete"
    assert data_state(db) == before
    assert issubclass(IncompleteSync, ConnectorError)
