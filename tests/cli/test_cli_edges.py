"""Edges a new user hit on the command line: editing a shop keeps its history, `| head` never
prints a traceback, hints name commands (not the app's Settings page), times read in the
seller's zone, `sync --json` has one shape, and bad input exits 2 with a clear message."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from shopwatch.cli import main
from shopwatch.commands.wording import for_cli
from shopwatch.demo.marketplace import Marketplace
from shopwatch.demo.server import DemoServer
from shopwatch.timeutil import human_time, human_times_in

REPO = Path(__file__).resolve().parents[2]


def run(capsys, data: str, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", data, *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def gateway():
    marketplace = Marketplace(seed=3, n_listings=80)
    with DemoServer(marketplace) as server:
        yield marketplace, server


@pytest.fixture
def shop(capsys, gateway, tmp_path, monkeypatch, memory_keyring):
    marketplace, server = gateway
    data = str(tmp_path / "edges")
    monkeypatch.setenv("SHOPWATCH_APP_SECRET", marketplace.app_secret)
    monkeypatch.setenv("SHOPWATCH_SESSION", marketplace.session)
    code, _, err = run(capsys, data, "shop", "add", "我的店", "--platform", "taobao",
                       "--endpoint", server.endpoint, "--app-key", marketplace.app_key,
                       "--sign-method", "hmac")
    assert code == 0, err
    return data


# --- shop edit -----------------------------------------------------------------------------

def test_shop_edit_changes_the_connection_and_keeps_the_history(capsys, shop, gateway,
                                                               memory_keyring):
    marketplace, server = gateway
    assert run(capsys, shop, "sync", "--shop", "我的店")[0] == 0
    marketplace.advance(4)
    assert run(capsys, shop, "sync", "--shop", "我的店")[0] == 0
    _, before_listings, _ = run(capsys, shop, "listings", "--json")
    _, before_alerts, _ = run(capsys, shop, "alerts", "--all", "--json")
    secrets_before = dict(memory_keyring.store)

    with DemoServer(marketplace) as second:  # the shop moves to another gateway
        code, out, err = run(capsys, shop, "shop", "edit", "我的店", "--endpoint",
                             second.endpoint, "--sign-method", "hmac-sha256",
                             "--display-name", "小王的羊毛店")
        assert code == 0, err
        assert "endpoint" in out and "display name" in out
        _, out, _ = run(capsys, shop, "shop", "list", "--json")
        [row] = json.loads(out)
        assert row["endpoint"] == second.endpoint and row["display_name"] == "小王的羊毛店"
        assert row["sign_method"] == "hmac-sha256"
        code, out, err = run(capsys, shop, "sync", "--shop", "我的店", "--json")
        assert code == 0 and json.loads(out)["status"] == "ok", err
    # nothing of the history was lost, and the keychain entries are untouched
    _, after_listings, _ = run(capsys, shop, "listings", "--json")
    _, after_alerts, _ = run(capsys, shop, "alerts", "--all", "--json")
    assert {x["listing_id"] for x in json.loads(after_listings)} >= {
        x["listing_id"] for x in json.loads(before_listings)}
    assert {a["id"] for a in json.loads(after_alerts)} >= {a["id"] for a in json.loads(before_alerts)}
    assert memory_keyring.store == secrets_before


def test_a_new_app_key_says_how_to_store_its_secret(capsys, shop):
    code, out, err = run(capsys, shop, "shop", "edit", "我的店", "--app-key", "12345678")
    assert code == 0
    assert "shopwatch shop set-secret 我的店 --which app_secret" in out + err


@pytest.mark.parametrize(("argv", "says"), [
    (["shop", "edit", "nope", "--display-name", "x"], "No shop named 'nope'"),
    (["shop", "edit", "我的店"], "Nothing to change"),
    (["shop", "edit", "我的店", "--endpoint", "ftp://example.com/x"], "http"),
    (["shop", "edit", "我的店", "--endpoint", "not a url"], "http"),
    (["shop", "edit", "我的店", "--display-name", "  "], "display name"),
    (["shop", "edit", "我的店", "--display-name", "a\x07b"], "display name"),
    (["shop", "add", " ", "--platform", "file"], "shop name"),
    (["shop", "add", "tab\there", "--platform", "file"], "shop name"),
    (["shop", "add", "x" * 81, "--platform", "file"], "shop name"),
    (["shop", "add", "ok", "--platform", "taobao", "--app-key", "k", "--endpoint", "localhost"],
     "http"),
    (["notify", "settings", "--timezone", "Mars/Olympus"], "Mars/Olympus"),
    (["notify", "settings", "--timezone", "+27:00"], "+27:00"),
    (["ack", "999"], "No alert with id 999"),
    (["appeal", "list", "--notice", "999"], "No notice with id 999"),
])
def test_bad_input_exits_2_with_a_clear_message(capsys, shop, argv, says):
    code, out, err = run(capsys, shop, *argv)
    assert code == 2, (out, err)
    assert says in err and "Traceback" not in err


def test_a_file_shop_has_no_connection_to_edit(capsys, tmp_path):
    data = str(tmp_path / "f")
    assert run(capsys, data, "shop", "add", "exports", "--platform", "file")[0] == 0
    code, _, err = run(capsys, data, "shop", "edit", "exports", "--endpoint", "http://x.example/")
    assert code == 2 and "file shop" in err
    code, out, _ = run(capsys, data, "shop", "edit", "exports", "--display-name", "店铺 A")
    assert code == 0
    assert run(capsys, data, "notify", "settings", "--timezone", "Asia/Shanghai")[0] == 0
    assert run(capsys, data, "notify", "settings", "--timezone", "UTC+5:30")[0] == 0


def test_ack_of_a_known_and_an_unknown_id_acknowledges_nothing(capsys, shop, gateway):
    marketplace, _ = gateway
    run(capsys, shop, "sync")
    marketplace.advance(4)
    run(capsys, shop, "sync")
    _, out, _ = run(capsys, shop, "alerts", "--json")
    first = json.loads(out)[0]["id"]
    code, _, err = run(capsys, shop, "ack", str(first), "999999")
    assert code == 2 and "999999" in err
    _, out, _ = run(capsys, shop, "alerts", "--json")
    assert first in {a["id"] for a in json.loads(out)}


# --- | head ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def big_profile(tmp_path_factory):
    """A demo profile with enough listings that the output outgrows any pipe buffer."""
    data = tmp_path_factory.mktemp("big")
    env = {**os.environ, "SHOPWATCH_HOME": str(data)}
    done = subprocess.run([sys.executable, "-m", "shopwatch", "--data-dir", str(data), "demo",
                           "--days", "0", "--listings", "1500", "--json"],
                          capture_output=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return data / "demo"


@pytest.mark.parametrize("argv", [["listings"], ["listings", "--json"], ["listings", "--status", "active"]])
def test_piping_into_head_never_prints_a_traceback(big_profile, argv):
    command = [sys.executable, "-m", "shopwatch", "--data-dir", str(big_profile), *argv]
    done = subprocess.run(" ".join(f"'{c}'" for c in command) + " | head -n 3",
                          shell=True, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert len(done.stdout.splitlines()) == 3
    assert done.stderr == "", done.stderr


def test_the_pipe_closing_early_exits_quietly_with_the_sigpipe_code(big_profile):
    proc = subprocess.Popen(
        [sys.executable, "-m", "shopwatch", "--data-dir", str(big_profile), "listings", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()  # the reader goes away while the writer has much more to say
    _, err = proc.communicate(timeout=120)
    assert err == b"" and proc.returncode == 141


# --- wording -------------------------------------------------------------------------------

def _literals_mentioning_settings() -> list[str]:
    found = []
    for path in (REPO / "shopwatch").rglob("*.py"):
        if "ui" in path.relative_to(REPO / "shopwatch").parts or path.name == "wording.py":
            continue  # the app itself may point at its Settings page; wording.py maps them
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in docstrings):
                text = node.value
                if " in Settings" in text or "again in Settings" in text:
                    found.append(text)
    return found


def test_every_settings_hint_of_the_lower_layers_names_a_command_on_the_cli():
    hints = _literals_mentioning_settings()
    assert len(hints) >= 4  # the connector, credential and channel hints
    for text in hints:
        worded = for_cli(text, shop="我的店")
        assert "Settings" not in worded and "shopwatch " in worded, text


def test_a_failed_sync_on_the_cli_names_the_command_to_fix_it(capsys, shop, gateway):
    _, server = gateway
    server.set_faults(expired_session=True)
    code, out, err = run(capsys, shop, "sync", "--shop", "我的店")
    assert code == 3 and "Settings" not in out + err
    assert "shopwatch shop set-secret 我的店 --which session" in out


def test_missing_secrets_name_the_set_secret_command(capsys, shop, monkeypatch, memory_keyring):
    monkeypatch.delenv("SHOPWATCH_SESSION")
    memory_keyring.store.clear()
    code, _, err = run(capsys, shop, "sync", "--shop", "我的店")
    assert code == 2 and "Settings" not in err and "shopwatch shop set-secret 我的店" in err


# --- time ----------------------------------------------------------------------------------

def test_human_time_is_local_with_the_offset_where_it_is_not_china_time():
    moment = "2026-12-03T01:05:00+00:00"
    assert human_time(moment, tz=ZoneInfo("Asia/Shanghai")) == "2026-12-03 09:05"
    assert human_time(moment, tz=ZoneInfo("Europe/Berlin")) == "2026-12-03 02:05 UTC+01:00"
    assert human_time(moment, tz=ZoneInfo("America/New_York")) == "2026-12-02 20:05 UTC-05:00"
    assert human_time(datetime(2026, 12, 3, 1, 5, tzinfo=timezone.utc),
                      tz=ZoneInfo("Asia/Kolkata")) == "2026-12-03 06:35 UTC+05:30"
    assert human_time("2026-12-03") == "2026-12-03" and human_time(None) == ""
    assert human_time("soon") == "soon"
    stored = "Appeal by 2026-12-05T17:45:51+08:00 (or 2026-12-05T09:45:51Z)."
    assert human_times_in(stored, tz=ZoneInfo("Asia/Shanghai")) == \
        "Appeal by 2026-12-05 17:45 (or 2026-12-05 17:45)."
    assert human_times_in(stored, tz=ZoneInfo("Europe/Berlin")) == \
        "Appeal by 2026-12-05 10:45 UTC+01:00 (or 2026-12-05 10:45 UTC+01:00)."


def test_the_demo_and_the_alert_table_print_no_raw_iso_times(tmp_path):
    env = {**os.environ, "TZ": "Europe/Berlin", "PYTHONIOENCODING": "utf-8"}
    data = tmp_path / "tz"
    command = [sys.executable, "-m", "shopwatch", "--data-dir", str(data)]
    demo = subprocess.run([*command, "demo", "--days", "5", "--listings", "80"],
                          capture_output=True, text=True, env=env, timeout=120)
    alerts = subprocess.run([*command[:-1], str(data / "demo"), "alerts"],
                            capture_output=True, text=True, env=env, timeout=60)
    assert demo.returncode == 0 and alerts.returncode == 0
    for out in (demo.stdout, alerts.stdout):
        assert "UTC+01:00" in out
        assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", out)


def test_tables_show_times_in_the_sellers_zone(big_profile):
    env = {**os.environ, "TZ": "Europe/Berlin", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-m", "shopwatch", "--data-dir", str(big_profile),
                           "shop", "list"], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0
    row = done.stdout.splitlines()[2]
    assert "UTC+01:00" in row and "T" not in row.split()[-3]


# --- sync --json ---------------------------------------------------------------------------

RESULT_KEYS = {"run_id", "shop", "status", "listings", "error", "alerts", "changed", "seconds"}
TOP_KEYS = RESULT_KEYS | {"results"}


def test_sync_json_has_one_shape_for_one_shop_or_several(capsys, shop, gateway, monkeypatch):
    marketplace, server = gateway
    code, out, _ = run(capsys, shop, "sync", "--json")
    one = json.loads(out)
    assert set(one) == TOP_KEYS and [set(r) for r in one["results"]] == [RESULT_KEYS]
    assert one["shop"] == "我的店" and one["results"][0]["run_id"] == one["run_id"]
    code, out, _ = run(capsys, shop, "sync", "--shop", "我的店", "--json")
    assert set(json.loads(out)) == TOP_KEYS
    # a second shop: the same object, now summing both, each shop in "results"
    assert run(capsys, shop, "shop", "add", "second", "--platform", "taobao", "--endpoint",
               server.endpoint, "--app-key", marketplace.app_key, "--sign-method", "hmac")[0] == 0
    code, out, err = run(capsys, shop, "sync", "--json")
    both = json.loads(out)
    assert code == 0, err
    assert set(both) == TOP_KEYS and sorted(r["shop"] for r in both["results"]) == sorted(["我的店", "second"])
    assert both["shop"] is None and both["run_id"] is None and both["status"] == "ok"
    assert both["listings"] == sum(r["listings"] for r in both["results"])
    assert len(both["alerts"]) == sum(len(r["alerts"]) for r in both["results"])
    doc = (REPO / "docs" / "cli-json.md").read_text(encoding="utf-8")
    for key in TOP_KEYS:
        assert f"`{key}`" in doc
