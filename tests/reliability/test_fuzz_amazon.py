"""Whatever SP-API answers — well-formed, odd or garbage — the Amazon connector returns records
or raises a ConnectorError: never another exception, never a partial catalogue, and never text
SQLite would refuse. Derandomized, so CI runs the same examples every time."""

from __future__ import annotations

import gzip
import json
from typing import Any

import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from requests.structures import CaseInsensitiveDict

from shopwatch.connectors.amazon import AmazonConnector
from shopwatch.connectors.amazon_records import (
    apply_item,
    decode_document,
    health_notices,
    issue_notices,
    parse_listings_report,
)
from shopwatch.connectors.base import ConnectorError, IncompleteSync

FUZZ = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**12), st.floats(allow_nan=True),
                    st.text(max_size=30))
json_like = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=5)),
    max_leaves=25)
ACTIONS = st.sampled_from(["LISTING_SUPPRESSED", "ATTRIBUTE_SUPPRESSED", "CATALOG_ITEM_REMOVED",
                           "SEARCH_SUPPRESSED", "", "SOMETHING_NEW"])
issue = st.fixed_dictionaries({
    "code": scalars, "message": scalars,
    "severity": st.one_of(st.sampled_from(["ERROR", "WARNING", "INFO"]), scalars),
    "categories": st.one_of(st.lists(st.text(max_size=10), max_size=3), json_like),
    "enforcements": st.one_of(json_like, st.fixed_dictionaries({
        "actions": st.lists(st.one_of(st.fixed_dictionaries({"action": ACTIONS}), json_like),
                            max_size=3),
        "exemption": st.one_of(json_like, st.fixed_dictionaries({
            "status": st.sampled_from(["EXEMPT", "EXEMPT_UNTIL_EXPIRY_DATE", "NOT_EXEMPT",
                                       "?"]),
            "expiryDate": scalars}))}))})
item = st.fixed_dictionaries({
    "sku": st.text(min_size=1, max_size=20),
    "summaries": st.one_of(json_like, st.lists(st.fixed_dictionaries({
        "marketplaceId": st.sampled_from(["ATVPDKIKX0DER", "A2EUQ1WTGCTBG2"]),
        "status": st.one_of(st.lists(st.sampled_from(["BUYABLE", "DISCOVERABLE"]), max_size=2),
                            json_like),
        "asin": scalars, "itemName": scalars, "lastUpdatedDate": scalars}), max_size=2)),
    "issues": st.one_of(json_like, st.lists(issue, max_size=4))})


def _sqlite_safe(value: object) -> None:
    if isinstance(value, str):
        value.encode("utf-8")  # a lone surrogate raises here, as SQLite would refuse it


@FUZZ
@given(item)
def test_record_mappers_take_any_item(raw: dict):
    record = apply_item(None, raw, "ATVPDKIKX0DER", currency="USD",
                        url_base="https://www.amazon.com")
    for value in (record.title, record.asin, record.issues, record.url, record.modified):
        _sqlite_safe(value)
    json.loads(record.issues)
    for notice in issue_notices(raw["sku"], raw, issued_at=None):
        for value in (notice.title, notice.text, notice.appeal_deadline, notice.source_id):
            _sqlite_safe(value)


@FUZZ
@given(st.text(max_size=400))
def test_report_parser_returns_rows_or_says_incomplete(text: str):
    try:
        rows = parse_listings_report(text)
    except IncompleteSync:
        return
    assert all(isinstance(r, dict) for r in rows)


@FUZZ
@given(st.binary(max_size=200), st.sampled_from([None, "GZIP", "ZIP"]))
def test_document_decoder_returns_text_or_says_incomplete(raw: bytes, compression):
    try:
        decode_document(raw, compression)
    except IncompleteSync:
        pass


@FUZZ
@given(json_like)
def test_health_report_reader_takes_anything(raw: Any):
    try:
        _, notices = health_notices(raw, "ATVPDKIKX0DER", issued_at=None)
    except IncompleteSync:
        return
    for notice in notices:
        _sqlite_safe(notice.text)


class ScriptedHttp:
    """Stands in for ``requests.Session``: LWA always answers; SP-API answers from a script,
    then 400 for ever, so every fetch ends whatever its pagination does."""

    def __init__(self, script: list[tuple[int, Any]]) -> None:
        self.script = list(script)
        self.headers: dict[str, str] = {}

    @staticmethod
    def _response(status: int, body: Any) -> requests.Response:
        response = requests.Response()
        response.status_code = status
        response.headers = CaseInsensitiveDict({"x-amzn-RateLimit-Limit": "5.0"})
        response._content = body if isinstance(body, bytes) else json.dumps(body).encode()
        return response

    def post(self, url: str, **_: Any) -> requests.Response:
        return self._response(200, {"access_token": "Atza|x", "expires_in": 3600})

    def request(self, method: str, url: str, **_: Any) -> requests.Response:
        if "/documents-bucket" in url:
            return self._response(200, gzip.compress(b"seller-sku\titem-name\nA\tB\n"))
        if self.script:
            return self._response(*self.script.pop(0))
        return self._response(400, {"errors": [{"code": "InvalidInput", "message": "end"}]})

    def close(self) -> None:
        pass


GOOD = [(202, {"reportId": "1"}), (200, {"processingStatus": "DONE", "reportDocumentId": "d"}),
        (200, {"reportDocumentId": "d", "url": "http://127.0.0.1:9/documents-bucket/d",
               "compressionAlgorithm": "GZIP"})]
answers = st.tuples(st.sampled_from([200, 202, 400, 403, 404, 429, 500, 503]),
                    st.one_of(json_like, st.fixed_dictionaries({
                        "numberOfResults": st.one_of(st.integers(-1, 3), scalars),
                        "items": st.one_of(json_like, st.lists(item, max_size=3)),
                        "pagination": st.one_of(json_like, st.fixed_dictionaries({
                            "nextToken": st.one_of(st.none(), st.sampled_from(["t1", "t2"]))
                        }))})))


@settings(max_examples=120, deadline=None, derandomize=True)
@given(st.lists(answers, max_size=5), st.booleans())
def test_connector_returns_a_whole_catalogue_or_a_connector_error(script, report_first):
    http = ScriptedHttp((GOOD if report_first else []) + script)
    con = AmazonConnector("http://127.0.0.1:9", "id", "secret", "refresh", seller_id="S",
                          marketplace_id="ATVPDKIKX0DER", http=http, sleep=lambda s: None,
                          retries=1, backoff=0.0, poll_interval=0.0, max_report_wait=0.0)
    try:
        records, pages = con.fetch_listings()
    except ConnectorError as exc:
        assert "secret" not in str(exc) and "refresh" not in str(exc)
        return
    # Returned: the report's one SKU plus exactly what the search said it had.
    assert "A" in {r.listing_id for r in records} and pages >= 2
