"""The command line contract: commands, exit codes and JSON shapes other tools rely on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from shopwatch.cli import main
from shopwatch.demo.marketplace import Marketplace
from shopwatch.demo.server import DemoServer

SYNC_KEYS = {"run_id", "shop", "status", "listings", "error", "alerts"}
ALERT_KEYS = {"id", "kind", "severity", "shop", "listing_id", "notice_id", "created_at", "message"}
LISTING_KEYS = {"listing_id", "title", "price", "status", "search_status", "first_seen",
                "last_seen"}
NOTICE_KEYS = {"id", "shop", "kind", "severity", "points", "listing_id", "issued_at",
               "appeal_deadline", "status", "text"}
SHOP_KEYS = {"name", "platform", "endpoint", "last_sync", "last_status"}
STATUSES = {"active", "seller_off_shelf", "sold_out", "violation_off_shelf", "missing", "deleted"}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def gateway():
    marketplace = Marketplace(seed=3, n_listings=120)
    with DemoServer(marketplace) as server:
        yield marketplace, server


@pytest.fixture
def taobao_shop(capsys, gateway, tmp_path, monkeypatch):
    marketplace, server = gateway
    data = str(tmp_path / "cli")
    code, out, err = run(capsys, "--data-dir", data, "shop", "add", "我的店", "--platform",
                         "taobao", "--endpoint", server.endpoint, "--app-key",
                         marketplace.app_key, "--sign-method", "hmac")
    assert code == 0, err
    monkeypatch.setenv("SHOPWATCH_APP_SECRET", marketplace.app_secret)
    monkeypatch.setenv("SHOPWATCH_SESSION", marketplace.session)
    return data


def test_sync_json_shape_and_exit_0(capsys, taobao_shop, gateway):
    code, out, err = run(capsys, "--data-dir", taobao_shop, "sync", "--shop", "我的店", "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert SYNC_KEYS <= set(doc) and doc["status"] == "ok" and doc["error"] is None
    assert doc["shop"] == "我的店" and doc["listings"] > 100
    # the CLI says plainly where the secrets came from
    assert "environment variable SHOPWATCH_APP_SECRET" in err
    marketplace, _ = gateway
    assert marketplace.app_secret not in out + err and marketplace.session not in out + err


def test_listings_alerts_notices_and_shop_list_json(capsys, taobao_shop, gateway):
    marketplace, _ = gateway
    run(capsys, "--data-dir", taobao_shop, "sync", "--json")
    for _ in range(4):
        marketplace.advance()
    code, out, _ = run(capsys, "--data-dir", taobao_shop, "sync", "--json")
    assert code == 0 and json.loads(out)["alerts"]
    code, out, _ = run(capsys, "--data-dir", taobao_shop, "listings", "--json")
    listings = json.loads(out)
    assert code == 0 and listings and all(LISTING_KEYS <= set(x) for x in listings)
    assert {x["status"] for x in listings} <= STATUSES
    code, out, _ = run(capsys, "--data-dir", taobao_shop, "listings", "--status", "deleted",
                       "--json")
    assert {x["status"] for x in json.loads(out)} <= {"deleted"}
    code, out, _ = run(capsys, "--data-dir", taobao_shop, "alerts", "--json")
    alerts = json.loads(out)
    assert code == 0 and alerts and all(ALERT_KEYS <= set(a) for a in alerts)
    code, out, _ = run(capsys, "--data-dir", taobao_shop, "notices", "--json")
    assert code == 0 and json.loads(out) == []  # real Taobao has no notices API
    code, out, _ = run(capsys, "--data-dir", taobao_shop, "shop", "list", "--json")
    shops = json.loads(out)
    assert shops[0].keys() >= SHOP_KEYS and shops[0]["last_status"] == "ok"


def test_acknowledged_alerts_leave_the_default_list(capsys, taobao_shop, gateway):
    marketplace, _ = gateway
    run(capsys, "--data-dir", taobao_shop, "sync")
    for _ in range(4):
        marketplace.advance()
    run(capsys, "--data-dir", taobao_shop, "sync")
    code, out, _ = run(capsys, "--data-dir", taobao_shop, "alerts", "--json")
    first = json.loads(out)[0]["id"]
    assert run(capsys, "--data-dir", taobao_shop, "ack", str(first))[0] == 0
    _, out, _ = run(capsys, "--data-dir", taobao_shop, "alerts", "--json")
    assert first not in {a["id"] for a in json.loads(out)}
    _, out, _ = run(capsys, "--data-dir", taobao_shop, "alerts", "--all", "--json")
    assert first in {a["id"] for a in json.loads(out)}


def test_failed_sync_exits_3_and_says_why(capsys, taobao_shop, gateway, monkeypatch):
    _, server = gateway
    run(capsys, "--data-dir", taobao_shop, "sync")
    server.set_faults(expired_session=True)
    code, out, _ = run(capsys, "--data-dir", taobao_shop, "sync", "--shop", "我的店", "--json")
    doc = json.loads(out)
    assert code == 3 and doc["status"] == "failed" and "authoris" in doc["error"].lower()
    code, out, _ = run(capsys, "--data-dir", taobao_shop, "sync")
    assert code == 3 and "nothing was changed" in out.lower()


def test_configuration_errors_exit_2(capsys, taobao_shop, monkeypatch):
    code, _, err = run(capsys, "--data-dir", taobao_shop, "sync", "--shop", "nope")
    assert code == 2 and "No shop named 'nope'" in err
    monkeypatch.delenv("SHOPWATCH_SESSION")
    code, _, err = run(capsys, "--data-dir", taobao_shop, "sync", "--shop", "我的店")
    assert code == 2 and "SHOPWATCH_SESSION" in err
    with pytest.raises(SystemExit) as exc:
        main(["sync", "--bogus"])
    assert exc.value.code == 2


def test_secrets_go_to_the_keychain_when_there_is_one(capsys, gateway, tmp_path, monkeypatch,
                                                      memory_keyring):
    marketplace, server = gateway
    data = str(tmp_path / "kc")
    monkeypatch.setenv("SHOPWATCH_APP_SECRET", marketplace.app_secret)
    monkeypatch.setenv("SHOPWATCH_SESSION", marketplace.session)
    code, _, err = run(capsys, "--data-dir", data, "shop", "add", "k", "--platform", "taobao",
                       "--endpoint", server.endpoint, "--app-key", marketplace.app_key)
    assert code == 0 and "keychain" in err
    monkeypatch.delenv("SHOPWATCH_APP_SECRET")
    monkeypatch.delenv("SHOPWATCH_SESSION")
    code, _, err = run(capsys, "--data-dir", data, "sync", "--shop", "k")
    assert code == 0 and "from the keychain" in err
    db_bytes = (Path(data) / "shopwatch.db").read_bytes()
    assert marketplace.app_secret.encode() not in db_bytes
    assert marketplace.session.encode() not in db_bytes


def test_human_listing_table_aligns_chinese_titles(capsys, taobao_shop):
    from shopwatch.commands.output import display_width

    run(capsys, "--data-dir", taobao_shop, "sync")
    code, out, _ = run(capsys, "--data-dir", taobao_shop, "listings", "--shop", "我的店")
    lines = out.splitlines()
    assert code == 0 and len(lines) > 10
    header_status = display_width(lines[0][: lines[0].index("STATUS")])
    for line in lines[2:12]:
        status = next(s for s in STATUSES if s in line)
        assert display_width(line[: line.index(status)]) == header_status


def test_demo_runs_headless(capsys, tmp_path):
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "demo", "--days", "5")
    assert code == 0
    assert "deleted" in out and "violation_off_shelf" in out and "new_penalty" in out


def test_demo_server_first_line_is_json_for_any_client(tmp_path):
    env = {**os.environ, "SHOPWATCH_HOME": str(tmp_path / "h")}
    proc = subprocess.Popen([sys.executable, "-m", "shopwatch", "demo-server", "--seed", "5"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        first = json.loads(proc.stdout.readline())
        assert set(first) == {"endpoint", "app_key", "app_secret", "session"}
        assert first["endpoint"].startswith("http://127.0.0.1:")
        import requests

        from shopwatch.connectors.taobao import TaobaoConnector

        client = TaobaoConnector(first["endpoint"], first["app_key"], first["app_secret"],
                                 first["session"], backoff=0.01)
        records, pages = client.fetch_listings()
        assert len(records) > 100 and pages >= 2
        state = requests.get(first["endpoint"].replace("/router/rest", "/demo/state"), timeout=5)
        assert state.json()["day"] == 0
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_python_dash_m_is_the_same_command(tmp_path):
    out = subprocess.run([sys.executable, "-m", "shopwatch", "--version"], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.startswith("shopwatch ")


def test_gui_without_a_display_says_so_instead_of_aborting(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr("sys.platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "g"), "gui")
    assert code == 2 and "no display" in err and "shopwatch demo" in err


def test_every_command_has_its_owner_and_a_run_loads_only_that_group():
    import argparse

    from shopwatch.cli import build_parser
    from shopwatch.commands import COMMAND_OWNERS

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == set(COMMAND_OWNERS)
    code = ("import sys; from shopwatch.cli import build_parser; "
            "build_parser(['--data-dir', 'x', 'listings']); "
            "print(sorted(m for m in sys.modules if m.startswith(('docx', 'apprise', "
            "'shopwatch.commands.'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True).stdout
    assert out.strip() == "['shopwatch.commands.context', 'shopwatch.commands.output', " \
                          "'shopwatch.commands.watch', 'shopwatch.commands.wording']"
