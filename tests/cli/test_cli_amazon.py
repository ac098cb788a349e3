"""The command line contract for Amazon shops: `shop add --platform amazon`, sync against the
loopback SP-API with secrets from the keychain or SHOPWATCH_LWA_* variables, listing JSON with
`asin` and `issues`, and the Amazon demo commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from shopwatch.cli import main
from shopwatch.demo.amazon_market import AmazonMarket
from shopwatch.demo.amazon_server import AmazonDemoServer

SYNC_KEYS = {"run_id", "shop", "status", "listings", "error", "alerts"}
LISTING_KEYS = {"listing_id", "title", "price", "status", "search_status", "first_seen",
                "last_seen"}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def sp_api():
    market = AmazonMarket(seed=4, n_listings=40)
    market.set_day(3)
    with AmazonDemoServer(market) as server:
        yield market, server


def add_args(server, name: str = "us") -> list[str]:
    c = server.credentials()
    return ["shop", "add", name, "--platform", "amazon", "--region", "na", "--marketplace",
            c["marketplace_id"], "--seller-id", c["seller_id"], "--client-id", c["client_id"],
            "--endpoint", c["endpoint"], "--token-endpoint", c["token_endpoint"]]


def test_add_sync_and_list_an_amazon_shop_with_secrets_in_the_keychain(
        capsys, sp_api, memory_keyring, monkeypatch):
    market, server = sp_api
    c = server.credentials()
    monkeypatch.setenv("SHOPWATCH_LWA_CLIENT_SECRET", c["client_secret"])
    monkeypatch.setenv("SHOPWATCH_LWA_REFRESH_TOKEN", c["refresh_token"])
    code, out, _ = run(capsys, *add_args(server))
    assert code == 0 and "amazon" in out
    assert (("shopwatch", "us:lwa_refresh_token") in memory_keyring.store
            and memory_keyring.store[("shopwatch", "us:lwa_client_secret")] == c["client_secret"])
    monkeypatch.delenv("SHOPWATCH_LWA_CLIENT_SECRET")
    monkeypatch.delenv("SHOPWATCH_LWA_REFRESH_TOKEN")

    code, out, _ = run(capsys, "sync", "--json")
    assert code == 0, out
    result = json.loads(out)  # one shop: one object
    assert SYNC_KEYS <= set(result) and result["status"] == "ok"

    code, out, _ = run(capsys, "listings", "--shop", "us", "--json")
    rows = json.loads(out)
    assert len(rows) == 40 and all(LISTING_KEYS | {"asin", "issues"} <= set(r) for r in rows)
    suppressed = [r for r in rows if r["status"] == "violation_off_shelf"]
    assert suppressed and all(r["issues"] for r in suppressed)
    issue = suppressed[0]["issues"][0]
    assert set(issue) == {"code", "severity", "message", "actions"}
    skus = {r["listing_id"] for r in rows}
    assert skus == set(market.state()[0])  # listing_id is the SKU


def test_amazon_shop_without_secrets_says_which_variables_to_set(capsys, sp_api, monkeypatch):
    _, server = sp_api
    monkeypatch.delenv("SHOPWATCH_LWA_CLIENT_SECRET", raising=False)
    monkeypatch.delenv("SHOPWATCH_LWA_REFRESH_TOKEN", raising=False)
    assert run(capsys, *add_args(server))[0] == 0
    code, out, err = run(capsys, "sync")
    assert code != 0
    assert "SHOPWATCH_LWA_CLIENT_SECRET" in out + err


def test_amazon_shop_needs_its_ids(capsys):
    code, out, err = run(capsys, "shop", "add", "x", "--platform", "amazon", "--region", "eu")
    assert code == 2 and "--marketplace" in err + out and "--client-id" in err + out


def test_region_default_endpoint(capsys, monkeypatch):
    code, out, _ = run(capsys, "shop", "add", "de", "--platform", "amazon", "--region", "eu",
                       "--marketplace", "A1PA6795UKMFR9", "--seller-id", "AXYZ",
                       "--client-id", "amzn1.application-oa2-client.x")
    assert code == 0
    code, out, _ = run(capsys, "shop", "list", "--json")
    shop = json.loads(out)[0]
    assert (shop["platform"], shop["endpoint"]) == ("amazon",
                                                    "https://sellingpartnerapi-eu.amazon.com")


def test_amazon_demo_json(capsys):
    code, out, _ = run(capsys, "demo", "--platform", "amazon", "--days", "7", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["platform"] == "amazon" and len(doc["days"]) == 8
    assert doc["days"][-1]["account_status"] == "AT_RISK"
    kinds = {a["kind"] for d in doc["days"] for a in d["alerts"]}
    assert {"violation_off_shelf", "demoted", "deleted", "new_penalty", "appeal_deadline"} <= kinds
    assert doc["listings"]["deleted"] == 2


def test_amazon_demo_server_first_line_is_json(tmp_path):
    env = {**os.environ, "SHOPWATCH_HOME": str(tmp_path / "h")}
    proc = subprocess.Popen([sys.executable, "-m", "shopwatch", "demo-server", "--platform",
                             "amazon", "--seed", "5", "--day", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        first = json.loads(proc.stdout.readline())
        assert set(first) == {"endpoint", "token_endpoint", "client_id", "client_secret",
                              "refresh_token", "seller_id", "marketplace_id"}
        assert first["endpoint"].startswith("http://127.0.0.1:")
        from shopwatch.connectors.amazon import AmazonConnector

        con = AmazonConnector(first["endpoint"], first["client_id"], first["client_secret"],
                              first["refresh_token"], seller_id=first["seller_id"],
                              marketplace_id=first["marketplace_id"],
                              token_endpoint=first["token_endpoint"], poll_interval=0.05)
        records, _ = con.fetch_listings()
        assert len(records) == 120
        assert any(r.status == "violation_off_shelf" for r in records)
        con.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_set_secret_stores_an_amazon_shops_lwa_secrets(capsys, memory_keyring, monkeypatch):
    assert run(capsys, "shop", "add", "jp", "--platform", "amazon", "--region", "fe",
               "--marketplace", "A1VC38T7YXB528", "--seller-id", "AJP",
               "--client-id", "amzn1.application-oa2-client.jp")[0] == 0
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("Atzr|the-refresh-token\n"))
    code, out, err = run(capsys, "shop", "set-secret", "jp", "--which", "lwa_refresh_token",
                         "--stdin")
    assert code == 0, err
    assert memory_keyring.store[("shopwatch", "jp:lwa_refresh_token")] == "Atzr|the-refresh-token"
    assert "Atzr|the-refresh-token" not in out + err
    code, _, err = run(capsys, "shop", "set-secret", "jp", "--which", "session", "--stdin")
    assert code == 2 and "lwa_client_secret" in err
