"""A secret a gateway echoes back is masked in whatever form it comes: percent-encoded (with
``+`` or ``%20``, upper or lower hex, twice), JSON-escaped, base64 — in the error the seller
reads and in ``sync_runs.error``. And masking never cuts into ordinary words."""

from __future__ import annotations

import base64
import json
import re
from datetime import datetime, timezone
from urllib.parse import quote, quote_plus

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from shopwatch.connectors.base import ConnectorError
from shopwatch.connectors.taobao import TaobaoConnector
from shopwatch.masking import SecretMask
from shopwatch.monitor.sync import sync_shop
from shopwatch.store import queries

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=timezone.utc)
#: a session key and an app secret with every character encodings treat specially
SESSION = "6100a+b/c=d&e f%g\"h\\i?j#k~l中m"
SECRET = "s3cr3t+Key/With=Equals&Space s"


def forms(secret: str) -> dict[str, str]:
    """How the test expects a server to echo a secret (written independently of the app)."""
    raw = secret.encode()
    return {
        "raw": secret,
        "quote": quote(secret, safe=""),
        "quote lower hex": re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(),
                                  quote(secret, safe="")),
        "quote_plus": quote_plus(secret),
        "twice": quote(quote(secret, safe=""), safe=""),
        "json": json.dumps(secret)[1:-1],
        "json utf-8": json.dumps(secret, ensure_ascii=False)[1:-1],
        "base64": base64.b64encode(raw).decode(),
        "base64url": base64.urlsafe_b64encode(raw).decode().rstrip("="),
    }


def leaked(text: str) -> list[str]:
    return [f"{who} {name}" for who, secret in (("session", SESSION), ("secret", SECRET))
            for name, form in forms(secret).items() if form in text]


def test_every_encoded_form_is_masked():
    mask = SecretMask([SESSION, SECRET])
    for secret in (SESSION, SECRET):
        for name, form in forms(secret).items():
            for text in (form, f"echo: {form}.", f"session%3D{form}%26method%3Dx",
                         f'{{"session":"{form}"}}'):
                assert leaked(mask(text)) == [], (name, text, mask(text))


def test_ordinary_words_are_never_cut_into():
    mask = SecretMask(["sand", "key", "test"])
    text = "Sandbox keys: the sandy keyboard test-suite passed; attest, latest, sandbox."
    assert mask(text) == "Sandbox keys: the sandy keyboard ***-suite passed; attest, latest, sandbox."
    assert mask("the sand, a key") == "the ***, a ***"
    assert SecretMask(["ab"])("ab abc") == "ab abc"  # too short to be a secret at all


@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=12, max_size=40),
       st.text(max_size=30), st.text(max_size=30))
def test_a_long_secret_never_survives_in_any_form(secret, before, after):
    mask = SecretMask([secret])
    for form in forms(secret).values():
        masked = mask(before + form + after)
        assert form not in masked


@given(st.text(alphabet="abcdefghij ,.", max_size=60), st.sampled_from(["abcd", "hij"]))
def test_text_without_a_whole_secret_is_left_exactly_as_it_was(text, secret):
    words = text.replace(",", " ").replace(".", " ").split()
    if secret not in words:
        assert SecretMask([secret])(text) == text


def test_a_gateway_echoing_the_session_encoded_leaves_no_trace_in_errors_or_the_run(
    httpserver: HTTPServer, db
):
    echoed = " ".join(forms(SESSION).values()) + " " + " ".join(forms(SECRET).values())
    body = json.dumps({"error_response": {
        "code": 15, "msg": f"Remote service error for {quote_plus(SESSION)}",
        "sub_code": "isv.invalid-parameter", "sub_msg": f"rejected: {echoed}"}})
    httpserver.expect_request("/router/rest", method="POST").respond_with_data(
        body, content_type="application/json")
    shop = queries.add_shop(db, "echo", "taobao", now=T0.isoformat())
    with TaobaoConnector(httpserver.url_for("/router/rest"), "key", SECRET, SESSION,
                         retries=0, sleep=lambda s: None) as client:
        with pytest.raises(ConnectorError) as caught:
            client.call("taobao.items.onsale.get", fields="num_iid")
        error = caught.value
        texts = [str(error), error.message, error.hint, getattr(error, "msg", ""),
                 getattr(error, "sub_msg", ""), repr(error.args)]
        assert [leaked(t) for t in texts] == [[]] * len(texts)
        assert "rejected: ***" in str(error)
        result = sync_shop(db, shop, client, now=T0)
    assert result.status == "failed" and leaked(result.error) == []
    stored = queries.last_run(db, shop.id).error
    assert stored and "rejected" in stored and leaked(stored) == []
