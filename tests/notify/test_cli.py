"""``shopwatch notify …`` as a seller types it: test a channel, keep channels, send, digest,
quiet hours, mutes, the delivery log. Addresses are printed masked, never in full."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest

from shopwatch.cli import main
from shopwatch.store.db import open_db

from .support import add_shop, changed, deleted, posted, raise_alerts

SECRET = "T0PSECRETTOKEN"


def run(capsys, profile, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(profile), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def hook(receiver, path: str = "/hook") -> str:
    return f"json://127.0.0.1:{receiver.port}{path}?token={SECRET}"


def test_notify_test_with_an_address_sends_a_test_message(capsys, profile, receiver):
    receiver.expect_request("/hook", method="POST").respond_with_data("ok")
    code, out, _ = run(capsys, profile, "notify", "test", "--channel", hook(receiver))
    assert code == 0
    assert "test message sent" in out and SECRET not in out and "token=****" in out
    (message,) = posted(receiver)
    assert message["title"] == "shopwatch test message"


def test_notify_test_failure_exits_1_with_the_reason_and_no_secret(capsys, profile, receiver):
    receiver.expect_request("/hook", method="POST").respond_with_data("nope", status=401)
    code, out, err = run(capsys, profile, "notify", "test", "--channel", hook(receiver),
                         "--json")
    assert code == 1
    (result,) = json.loads(out)
    assert result["ok"] is False and "401" in result["error"]
    assert SECRET not in out + err


def test_notify_test_without_channels_says_how_to_add_one(capsys, profile):
    code, _, err = run(capsys, profile, "notify", "test")
    assert code == 2 and "notify channels add" in err


def test_notify_test_of_an_unknown_service_is_a_usage_error(capsys, profile):
    code, _, err = run(capsys, profile, "notify", "test", "--channel", f"nosuch://{SECRET}")
    assert code == 2 and "cannot use this address" in err and SECRET not in err


def test_channels_add_list_test_remove(capsys, profile, receiver, memory_keyring, monkeypatch):
    receiver.expect_request("/hook", method="POST").respond_with_data("ok")
    monkeypatch.setattr("sys.stdin", io.StringIO(hook(receiver) + "\n"))
    code, out, err = run(capsys, profile, "notify", "channels", "add", "老板 phone", "-",
                         "--kinds", "deleted,new_penalty", "--mode", "immediate",
                         "--ignore-quiet-hours")
    assert code == 0 and "Saved channel '老板 phone'" in out and "keychain" in err
    assert SECRET not in out + err + (profile / "settings.json").read_text(encoding="utf-8")

    code, out, _ = run(capsys, profile, "notify", "channels", "list", "--json")
    (row,) = json.loads(out)
    assert row["id"] == "phone" and row["stored_in"] == "keychain"
    assert row["kinds"] == ["deleted", "new_penalty"] and row["mode"] == "immediate"
    assert row["quiet_hours"] is False and SECRET not in out

    code, out, _ = run(capsys, profile, "notify", "test", "--channel", "老板 phone")
    assert code == 0 and len(posted(receiver)) == 1

    code, out, _ = run(capsys, profile, "notify", "channels", "edit", "phone", "--kinds", "all",
                       "--rename", "Phone", "--disable")
    code, out, _ = run(capsys, profile, "notify", "channels", "list", "--json")
    (row,) = json.loads(out)
    assert row["name"] == "Phone" and row["kinds"] == [] and row["enabled"] is False

    code, out, _ = run(capsys, profile, "notify", "channels", "remove", "phone")
    assert code == 0 and memory_keyring.store == {}
    assert json.loads(run(capsys, profile, "notify", "channels", "list", "--json")[1]) == []


def test_a_channel_added_without_a_keychain_names_its_environment_variable(
        capsys, profile, no_keychain, monkeypatch, receiver):
    code, out, err = run(capsys, profile, "notify", "channels", "add", "shop phone",
                         "json://127.0.0.1:9/x")
    assert code == 0 and "SHOPWATCH_NOTIFY_SHOP_PHONE" in err
    _, out, _ = run(capsys, profile, "notify", "channels", "list")
    assert "missing: set SHOPWATCH_NOTIFY_SHOP_PHONE" in out
    receiver.expect_request("/hook", method="POST").respond_with_data("ok")
    monkeypatch.setenv("SHOPWATCH_NOTIFY_SHOP_PHONE", hook(receiver))
    assert run(capsys, profile, "notify", "test")[0] == 0


def test_bad_channel_options_are_refused(capsys, profile, memory_keyring):
    code, _, err = run(capsys, profile, "notify", "channels", "add", "x", "json://127.0.0.1/x",
                       "--kinds", "deleted,explosions")
    assert code == 2 and "Unknown alert kind(s): explosions" in err
    code, _, err = run(capsys, profile, "notify", "channels", "add", "x", "nonsense")
    assert code == 2 and "scheme://" in err


def test_settings_quiet_hours_digest_time_and_zone(capsys, profile):
    code, out, _ = run(capsys, profile, "notify", "settings", "--quiet-hours", "22:30-7:00",
                       "--digest-time", "8:05", "--timezone", "+08:00", "--json")
    shown = json.loads(out)
    assert code == 0 and shown["quiet_hours"] == "22:30-07:00"
    assert shown["digest_time"] == "08:05" and shown["next_digest"].endswith("08:05+08:00")
    code, _, err = run(capsys, profile, "notify", "settings", "--digest-time", "25:00")
    assert code == 2 and "HH:MM" in err
    _, out, _ = run(capsys, profile, "notify", "settings", "--quiet-hours", "off", "--json")
    assert json.loads(out)["quiet_hours"] == "off"


def test_mute_and_unmute(capsys, profile, db):
    shop = add_shop(db)
    raise_alerts(db, shop, [deleted("1001", "Silk scarf")])
    from shopwatch.store import queries

    with db.atomic():
        db.execute("INSERT INTO listings (shop_id, listing_id, title, status, first_seen,"
                   " content_hash) VALUES (?, '1001', 'Silk scarf', 'deleted', 'x', 'h')",
                   [shop.id])
    assert queries.get_listing(db, shop.id, "1001").title == "Silk scarf"
    code, out, _ = run(capsys, profile, "notify", "mute", "--kind", "demoted", "--for", "3d")
    assert code == 0 and "Muted 'demoted' alerts until" in out
    code, out, _ = run(capsys, profile, "notify", "mute", "--listing", "1001")
    assert "listing 1001 ('Silk scarf') in 小店 until you unmute it" in out
    rows = json.loads(run(capsys, profile, "notify", "mutes", "--json")[1])
    assert {(r["type"], r["what"]) for r in rows} == {("kind", "demoted"), ("listing", "1001")}
    code, out, _ = run(capsys, profile, "notify", "mute", "--kind", "demoted", "--for", "soon")
    assert code == 2
    assert "Removed 2 mute(s)." in run(capsys, profile, "notify", "unmute", "--all")[1]


def test_send_digest_and_log(capsys, profile, receiver, memory_keyring):
    receiver.expect_request("/hook", method="POST").respond_with_data("ok")
    run(capsys, profile, "notify", "channels", "add", "phone", hook(receiver))
    db = open_db(profile / "shopwatch.db")
    shop = add_shop(db)
    raise_alerts(db, shop, [deleted("1", "Silk scarf"), changed("2", "Wool cap")])
    db.close()

    code, out, _ = run(capsys, profile, "notify", "send", "--ignore-quiet-hours", "--json")
    report = json.loads(out)
    assert code == 0 and report["sent"] == 1 and report["counts"]["queued"] == 1

    code, out, _ = run(capsys, profile, "notify", "digest", "--preview")
    assert "Wool cap" in out and "1 alert" in out
    code, out, _ = run(capsys, profile, "notify", "digest")
    assert code == 0 and "1 digest(s)" in out
    assert [m["title"] for m in posted(receiver)][-1].startswith("shopwatch daily summary")

    log = json.loads(run(capsys, profile, "notify", "log", "--json")[1])
    assert [(m["kind"], m["status"], m["channel"]) for m in log] == [
        ("digest", "sent", "phone"), ("alert", "sent", "phone")]
    assert len(log[1]["alert_ids"]) == 1
    _, out, _ = run(capsys, profile, "notify", "log")
    assert "Silk scarf" in out and SECRET not in out


def test_send_reports_failures_and_retry_failed_requeues(capsys, profile, memory_keyring,
                                                        receiver):
    receiver.expect_request("/hook", method="POST").respond_with_data("down", status=503)
    run(capsys, profile, "notify", "channels", "add", "phone", hook(receiver))
    db = open_db(profile / "shopwatch.db")
    raise_alerts(db, add_shop(db), [deleted("1", "Silk scarf")])
    db.close()
    code, out, _ = run(capsys, profile, "notify", "send", "--ignore-quiet-hours")
    assert code == 1 and "failed and will be retried" in out and "503" in out
    assert SECRET not in out


@pytest.mark.parametrize("argv", [["notify"], ["notify", "channels"]])
def test_notify_needs_an_action(capsys, profile, argv):
    with pytest.raises(SystemExit) as info:
        main(["--data-dir", str(profile), *argv])
    assert info.value.code == 2


def test_durations(capsys):
    from shopwatch.commands.notify import _duration

    assert _duration("12h") == timedelta(hours=12) and _duration("2w") == timedelta(weeks=2)
