"""Platform rule data: every item marked verified or not with a link to check it, the user's
copy in the profile overriding key by key (and shown as edited), the first plain format still
read, and wrong values refused with a sentence."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from shopwatch.monitor.rules import RulesError, load_rules, user_copy


def test_every_shipped_item_says_whether_it_was_verified_and_where_to_check():
    rules = load_rules("taobao")
    keys = {i.key for i in rules.items}
    assert {"reset", "ledger.general", "ledger.serious", "consequence.12",
            "appeal_window.false_trading", "appeal_window.other"} <= keys
    for item in rules.items:
        assert isinstance(item.verified, bool)
        assert item.verify_url.startswith("https://"), item.key
        assert not item.edited
    assert rules.thresholds["general"] == (12, 24, 36, 48)
    assert rules.appeal_window_days["search_demotion"] == 7
    assert {k.kind for k in rules.notice_kinds} >= {"false_trading", "counterfeit",
                                                     "search_demotion"}


@pytest.mark.parametrize("platform", ["file", "demo"])
def test_file_and_demo_shops_follow_taobao_rules(platform):
    assert load_rules(platform).platform == "taobao"
    assert load_rules(platform).items == load_rules("taobao").items


def _override(profile: Path, text: str) -> None:
    (profile / "rules").mkdir(exist_ok=True)
    (profile / "rules" / "taobao.toml").write_text(text, encoding="utf-8")


def test_the_users_copy_overrides_key_by_key_and_is_marked_edited(profile):
    _override(profile, "[appeal_window_days]\nfalse_trading = 5\n"
                       "[ledgers.general]\nthresholds = [10, 20]\nverified = true\n"
                       "[reset]\nmonth = 4\n")
    rules = load_rules("taobao", profile)
    assert rules.appeal_window_days["false_trading"] == 5
    assert rules.appeal_window_days["counterfeit"] == 3  # untouched keys keep the shipped value
    assert rules.thresholds["general"] == (10, 20)
    assert rules.item("ledger.general").verified and rules.item("ledger.general").edited
    assert rules.item("appeal_window.false_trading").edited
    assert not rules.item("appeal_window.counterfeit").edited
    assert rules.reset_month == 4
    assert rules.override_path.endswith("taobao.toml")
    now = datetime(2026, 3, 1, tzinfo=timezone.utc)
    assert rules.ledger_year_start(now) == datetime(2025, 4, 1, tzinfo=timezone.utc)


def test_the_first_plain_format_is_still_read(profile):
    _override(profile, '[consequences]\n12 = "Plain text"\n[appeal_window_days]\nother = 4\n')
    rules = load_rules("taobao", profile)
    assert rules.consequences[12] == "Plain text"
    assert rules.appeal_window_days["other"] == 4


def test_users_words_for_a_kind_are_read(profile):
    _override(profile, '[notice_kinds.false_trading]\nkeywords = ["刷单", "S单"]\n')
    kinds = {k.kind: k for k in load_rules("taobao", profile).notice_kinds}
    assert kinds["false_trading"].keywords == ("刷单", "S单")
    assert kinds["false_trading"].label  # the shipped label is kept


@pytest.mark.parametrize("text", [
    "[appeal_window_days]\nfalse_trading = -1\n",
    "[ledgers.general]\nthresholds = 12\n",
    "[reset]\nmonth = 2\nday = 30\n",
    "[notice_kinds.x]\nseverity = \"fatal\"\n",
    "this is not toml",
])
def test_wrong_values_are_refused_with_a_sentence(profile, text):
    _override(profile, text)
    with pytest.raises(RulesError, match="taobao"):
        load_rules("taobao", profile)


def test_user_copy_is_made_once(profile):
    path, created = user_copy("taobao", profile)
    assert created and path == profile / "rules" / "taobao.toml"
    assert not any(i.edited for i in load_rules("taobao", profile).items)
    path.write_text(path.read_text(encoding="utf-8").replace("days = 7", "days = 9", 1),
                    encoding="utf-8")
    assert user_copy("file", profile) == (path, False)
    rules = load_rules("taobao", profile)
    assert rules.appeal_window_days["search_demotion"] == 9
    assert [i.key for i in rules.items if i.edited] == ["appeal_window.search_demotion"]
