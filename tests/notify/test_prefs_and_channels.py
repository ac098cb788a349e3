"""Settings that survive damage, and channel addresses that never leak: keychain or
environment only, masked in every display, scrubbed from every error and log line."""

from __future__ import annotations

import json
import logging
from datetime import timedelta, timezone
from pathlib import Path

import pytest

from shopwatch.config import Settings, load_settings, save_settings
from shopwatch.credentials import CredentialError
from shopwatch.notify import channels
from shopwatch.notify.channels import ChannelError, Redactor, mask_url, secret_parts
from shopwatch.notify.prefs import (
    ChannelConfig,
    KindMute,
    NotifyPrefs,
    PrefsError,
    channel_id_for,
    load_prefs,
    parse_clock,
    prefs_from_dict,
    read_prefs,
    resolve_language,
    resolve_timezone,
    validate_channel,
    write_prefs,
)

# --- prefs -------------------------------------------------------------------------------


def test_prefs_round_trip_through_settings_json_and_keep_other_settings(profile: Path):
    settings = Settings(sync_interval_minutes=15, extra={"other_feature": {"x": 1}})
    save_settings(profile, settings)
    prefs = NotifyPrefs(channels=[ChannelConfig("phone", "Phone", "tgram://****/****",
                                                kinds=["deleted"], mode="immediate")],
                        digest_time="08:30", muted_kinds=[KindMute("demoted")])
    write_prefs(profile, prefs)
    again = load_settings(profile)
    assert again.sync_interval_minutes == 15 and again.extra["other_feature"] == {"x": 1}
    assert read_prefs(profile) == prefs


@pytest.mark.parametrize("damage", [
    None, "nonsense", 42, [], {"channels": "x"}, {"channels": [1, {"name": "no id"}]},
    {"digest_time": "25:99", "quiet_hours": {"start": "x"}, "group_threshold": "many"},
    {"enabled": "yes", "max_attempts": -3, "send_timeout_s": 1e9},
])
def test_damaged_notification_settings_fall_back_to_defaults(damage):
    prefs = prefs_from_dict(damage)
    assert isinstance(prefs, NotifyPrefs)
    parse_clock(prefs.digest_time)
    parse_clock(prefs.quiet_hours.start)
    assert prefs.enabled is True and prefs.max_attempts >= 1 and prefs.send_timeout_s <= 300
    assert all(c.id for c in prefs.channels)


def test_a_damaged_channel_keeps_what_is_valid():
    prefs = prefs_from_dict({"channels": [{"id": "a", "name": "A", "mode": "sometimes",
                                           "severities": ["critical", "bogus"],
                                           "quiet_hours": "no"}]})
    (channel,) = prefs.channels
    assert channel.mode == "both" and channel.severities == ["critical"]
    assert channel.quiet_hours is True


def test_settings_without_a_notify_section_mean_defaults(profile: Path):
    assert load_prefs(load_settings(profile)) == NotifyPrefs()


@pytest.mark.parametrize(("name", "expected"), [
    ("Phone", "phone"), ("Boss e-mail", "boss-e-mail"), ("老板邮箱", "channel"),
    ("  ", "channel"), ("Téléphone", "telephone"),
])
def test_channel_ids_are_ascii_slugs_fit_for_an_environment_variable(name, expected):
    assert channel_id_for(name, set()) == expected
    assert channel_id_for(name, {expected}) == f"{expected}-2"


def test_validating_a_channel_names_the_problem():
    with pytest.raises(PrefsError, match="Unknown alert kind"):
        validate_channel(ChannelConfig("a", "a", kinds=["deleted", "nope"]))
    with pytest.raises(PrefsError, match="at least one severity"):
        validate_channel(ChannelConfig("a", "a", severities=[]))


@pytest.mark.parametrize(("text", "hours"), [
    ("+08:00", 8), ("UTC+8", 8), ("-05:30", -5.5), ("UTC", 0), ("GMT+0", 0)])
def test_fixed_offset_time_zones(text, hours):
    zone = resolve_timezone(text)
    assert zone.utcoffset(None) == timedelta(hours=hours)


def test_named_and_unknown_time_zones():
    assert str(resolve_timezone("Asia/Shanghai")) == "Asia/Shanghai"
    assert resolve_timezone("Mars/Olympus") is not None  # falls back to the computer's zone


def test_language_follows_the_first_explicit_choice_then_the_system(monkeypatch):
    assert resolve_language("", "zh_CN") == "zh_CN"
    assert resolve_language("en", "zh_CN") == "en"
    assert resolve_language("zh-TW") == "zh_CN"
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert resolve_language("", "") == "zh_CN"
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    assert resolve_language("") == "en"


# --- masking and scrubbing ---------------------------------------------------------------

@pytest.mark.parametrize(("url", "shown"), [
    ("tgram://123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/987654321", "tgram://****/****"),
    ("dingtalk://abcdefSECRET123/", "dingtalk://****"),
    ("wecombot://KEYKEYKEY", "wecombot://****"),
    ("mailtos://bob:Pa55word!@smtp.qq.com:465?to=me@example.com",
     "mailtos://****@smtp.qq.com:465?to=me@example.com"),
    ("json://127.0.0.1:8080/hooks/SECRETPATH?token=abc123&method=POST",
     "json://127.0.0.1:8080/****/****?token=****&method=POST"),
    ("https://hooks.slack.com/services/T000/B000/XXXXXXXX",
     "https://hooks.slack.com/****/****/****/****"),
    ("not a url", "****"),
])
def test_masked_addresses_show_the_service_and_server_never_a_secret(url, shown):
    assert mask_url(url) == shown


@pytest.mark.parametrize(("url", "secrets"), [
    ("tgram://123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/987654321",
     ["AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "987654321"]),
    ("mailtos://bob:Pa55word!@smtp.qq.com:465?to=me@example.com", ["Pa55word!", "bob:Pa55"]),
    ("json://user:s3cr3t@127.0.0.1:8080/hooks/SECRETPATH?token=abc123",
     ["s3cr3t", "SECRETPATH", "abc123"]),
])
def test_every_secret_piece_is_scrubbed_from_text(url, secrets):
    redact = Redactor.for_urls([url])
    text = f"failed to reach {url} ({url.split('://')[1]}) " + " / ".join(secrets)
    scrubbed = redact(text)
    for secret in secrets:
        assert secret not in scrubbed
    assert "****" in scrubbed and scrubbed.startswith("failed to reach")


def test_url_encoded_secrets_are_scrubbed_too():
    redact = Redactor.for_urls(["json://u:p%40ss%21word@127.0.0.1/x"])
    assert "p@ss!word" not in redact("login p@ss!word refused")
    assert "p%40ss%21word" not in redact("url had p%40ss%21word")


def test_pieces_too_short_to_matter_are_not_scrubbed():
    assert "ab" not in secret_parts("json://ab@127.0.0.1/x")


def test_library_log_lines_are_scrubbed_while_sending(caplog: pytest.LogCaptureFixture):
    url = "tgram://123456789:SECRETTOKENVALUE/42"
    caplog.set_level(logging.DEBUG)
    with channels.scrubbed_logs(Redactor.for_urls([url])):
        logging.getLogger("apprise").warning("POST to %s failed", url)
        logging.getLogger("urllib3.connectionpool").debug("https://api/bot%s", "SECRETTOKENVALUE")
    logging.getLogger("apprise").warning("after: %s", "SECRETTOKENVALUE-not-scrubbed")
    assert caplog.text.count("SECRETTOKENVALUE") == 1  # only the line logged afterwards


def test_checking_an_address_parses_it_without_sending():
    assert channels.check_url("json://127.0.0.1:9/hook") == "JSON"
    with pytest.raises(ChannelError, match="scheme://"):
        channels.check_url("just words")
    with pytest.raises(ChannelError) as info:
        channels.check_url("nosuchservice://SECRETVALUE123")
    assert "SECRETVALUE123" not in str(info.value)


# --- where the URL lives -----------------------------------------------------------------

def test_an_address_is_kept_in_the_keychain(memory_keyring):
    url = "tgram://123:SECRET/1"
    assert channels.store_url("phone", url) == "keychain"
    assert channels.load_url("phone") == url
    assert channels.url_source("phone") == "keychain"
    assert ("shopwatch-notify", "phone") in memory_keyring.store
    channels.delete_url("phone")
    with pytest.raises(CredentialError, match="SHOPWATCH_NOTIFY_PHONE"):
        channels.load_url("phone")


def test_without_a_keychain_the_address_comes_from_the_environment(no_keychain, monkeypatch):
    with pytest.raises(CredentialError, match="SHOPWATCH_NOTIFY_BOSS_MAIL"):
        channels.store_url("boss-mail", "mailto://x")
    monkeypatch.setenv("SHOPWATCH_NOTIFY_BOSS_MAIL", "json://127.0.0.1/x")
    assert channels.load_url("boss-mail") == "json://127.0.0.1/x"
    assert channels.url_source("boss-mail") == "environment variable SHOPWATCH_NOTIFY_BOSS_MAIL"


def test_the_environment_overrides_the_keychain_for_one_run(memory_keyring, monkeypatch):
    channels.store_url("phone", "json://127.0.0.1/keychain")
    monkeypatch.setenv("SHOPWATCH_NOTIFY_PHONE", "json://127.0.0.1/env")
    assert channels.load_url("phone") == "json://127.0.0.1/env"


def test_saving_a_channel_writes_only_the_masked_address_to_settings(profile, memory_keyring):
    from shopwatch.notify.service import save_channel

    url = "tgram://123456789:SUPERSECRETTOKEN/987654321"
    saved = save_channel(profile, None, ChannelConfig("", "手机 Telegram"), url)
    assert saved.stored and saved.channel.id == "telegram"
    text = (profile / "settings.json").read_text(encoding="utf-8")
    assert "SUPERSECRETTOKEN" not in text and "987654321" not in text
    assert json.loads(text)["extra"]["notify"]["channels"][0]["display"] == "tgram://****/****"
    assert memory_keyring.store[("shopwatch-notify", "telegram")] == url


def test_a_bad_address_is_refused_before_anything_is_saved(profile, memory_keyring):
    from shopwatch.notify.service import save_channel

    with pytest.raises(ChannelError):
        save_channel(profile, None, ChannelConfig("", "x"), "nosuch://SECRET")
    assert read_prefs(profile).channels == [] and memory_keyring.store == {}


def test_removing_a_channel_deletes_its_address(profile, memory_keyring):
    from shopwatch.notify.service import remove_channel, save_channel

    save_channel(profile, None, ChannelConfig("", "phone"), "json://127.0.0.1/x")
    remove_channel(profile, "PHONE")
    assert read_prefs(profile).channels == [] and memory_keyring.store == {}
    with pytest.raises(ChannelError, match="No channel named"):
        remove_channel(profile, "phone")


def test_utc_is_a_timezone_not_a_name():
    assert resolve_timezone("utc") is timezone.utc


@pytest.mark.parametrize("url", [
    "json://127.0.0.1:8080/api/send",
    "json://hooks.example.com/services/send?token=T0KEN9sec",
])
def test_scrubbing_never_cuts_ordinary_words(url):
    """Issue 13: endpoint names in a path (api, send, services) are not secrets, and a secret
    is masked only as a whole, so error text stays readable."""
    redact = Redactor.for_urls([url])
    text = "rapid resend of the api call failed: the services answered 503"
    assert redact(text) == text


def test_a_token_in_a_path_is_still_scrubbed_in_encoded_forms():
    url = "json://hooks.example.com/robot/send/Ab3dEf9hIj"
    redact = Redactor.for_urls([url])
    scrubbed = redact("POST /robot/send/Ab3dEf9hIj refused; body access=QWIzZEVmOWhJag==")
    assert "Ab3dEf9hIj" not in scrubbed and "QWIzZEVmOWhJag" not in scrubbed
    assert "/robot/send/" in scrubbed
