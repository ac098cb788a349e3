"""``shopwatch watch-messages --once``: a Taobao shop's punishment messages, polled from the
loopback demo gateway, alert once; a second poll finds them confirmed."""

from __future__ import annotations

import json

import pytest

from shopwatch.cli import main
from shopwatch.demo.marketplace import Marketplace
from shopwatch.demo.server import DemoServer


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def shop(capsys, tmp_path, monkeypatch):
    marketplace = Marketplace(seed=3, n_listings=200)
    with DemoServer(marketplace) as server:
        data = str(tmp_path / "cli")
        code, _, err = run(capsys, "--data-dir", data, "shop", "add", "我的店", "--platform",
                           "taobao", "--endpoint", server.endpoint, "--app-key",
                           marketplace.app_key, "--sign-method", "hmac")
        assert code == 0, err
        monkeypatch.setenv("SHOPWATCH_APP_SECRET", marketplace.app_secret)
        monkeypatch.setenv("SHOPWATCH_SESSION", marketplace.session)
        yield data, marketplace, server


def test_watch_messages_once_alerts_platform_deletions_once(capsys, shop):
    data, marketplace, server = shop
    assert run(capsys, "--data-dir", data, "sync", "--json")[0] == 0
    marketplace.advance(4)
    code, out, err = run(capsys, "--data-dir", data, "watch-messages", "--once", "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["shop"] == "我的店" and doc["status"] == "ok" and doc["new"] == doc["received"]
    deleted = {a["listing_id"] for a in doc["alerts"] if a["kind"] == "deleted"}
    assert deleted and deleted <= {str(i) for i in marketplace.deleted_ids()}
    assert marketplace.session not in out + err and marketplace.app_secret not in out + err

    code, out, _ = run(capsys, "--data-dir", data, "watch-messages", "--once", "--json")
    again = json.loads(out)
    assert code == 0 and again["received"] == 0 and again["alerts"] == []


def test_watch_messages_failed_poll_exits_3(capsys, shop):
    data, _, server = shop
    server.set_faults(fault_method="taobao.tmc.messages.consume", error_on_page=1,
                      error_sub_code="isv.tmc-unavailable")
    code, out, _ = run(capsys, "--data-dir", data, "watch-messages", "--once", "--json")
    assert code == 3 and json.loads(out)["status"] == "failed"
