"""Message text: in the seller's language, naming the listings, saying what to do next, with
a deep link back into the app; sandboxed templates that cannot lose an alert."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from shopwatch.models import ALERT_KINDS, Alert, Listing, Notice
from shopwatch.notify.render import Renderer, alert_view, deep_link, sections

CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 24, 1, 0, tzinfo=timezone.utc)

DETAILS = {
    "deleted": {"title": "真丝围巾", "confirmed": True},
    "violation_off_shelf": {"title": "Leather bag"},
    "seller_off_shelf": {"title": "Socks"},
    "demoted": {"title": "Wool cap", "measure": "visits", "baseline": 40.0, "recent": 5.0,
                "drop": 0.875},
    "new_penalty": {"kind": "false_trading", "points": 12, "category": "general", "total": 22,
                    "next_threshold": 24, "deadline": "2026-11-27T01:00:00+00:00"},
    "points_threshold": {"ledger": "general", "total": 22, "threshold": 24, "reached": False,
                         "consequence": "Shop shielding for 7 days."},
    "appeal_deadline": {"hours_left": 20.4, "deadline": "2026-11-25T01:00:00+00:00",
                        "window": 24, "kind": "false_trading"},
    "changed_by_platform": {"title": "Wool cap", "changes": {"price": ["99.00", "9.90"]}},
    "mass_disappearance": {"gone": 120, "before": 300, "share": 0.4},
    "sync_failing": {"failed_runs": 3, "error_kind": "auth"},
}


def make(kind: str, i: int = 1, listing: str | None = "1001", severity: str = "critical") -> Alert:
    shopwide = kind in ("points_threshold", "mass_disappearance", "sync_failing")
    return Alert(id=i, shop_id=1, kind=kind, severity=severity, dedup_key=f"{kind}{i}",
                 message="The last 3 syncs failed; Latest error: Invalid session (code 27)"
                 if kind == "sync_failing" else f"English message {i}",
                 created_at="2026-11-24T01:00:00+00:00",
                 listing_id=None if shopwide else listing, details=dict(DETAILS[kind]))


def view(kind: str, i: int = 1, **kw):
    return alert_view(make(kind, i, **kw), shop="小店", tz=CST)


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("kind", ALERT_KINDS)
def test_every_kind_renders_in_both_languages_with_advice_and_a_deep_link(renderer, kind,
                                                                          language):
    message = renderer.alert(view(kind, 7), language=language)
    assert message.title and "\n" not in message.title
    assert "shopwatch://alert/7" in message.body
    assert ("What to do next:" if language == "en" else "下一步：") in message.body
    assert "English message" not in message.body  # built from kind + details, not the log text
    assert "小店" in message.title


def test_a_deletion_names_the_listing_and_how_to_appeal(renderer):
    en = renderer.alert(view("deleted"), language="en")
    assert en.title == "URGENT: “真丝围巾” was deleted by the platform · 小店"
    assert "\nListing: 真丝围巾 (ID 1001)\nDetected: 2026-11-24 09:00\n" in en.body
    assert "tracking" in en.body
    zh = renderer.alert(view("deleted"), language="zh_CN")
    assert zh.title == "【紧急】「真丝围巾」已被平台删除 · 小店"
    assert "物流单号" in zh.body and "\n商品：真丝围巾（ID 1001）\n发现时间：" in zh.body


def test_a_penalty_states_points_totals_and_the_threshold(renderer):
    en = renderer.alert(view("new_penalty"), language="en")
    assert "false trading, −12 points (general total 22, next threshold 24)" in en.title
    zh = renderer.alert(view("new_penalty"), language="zh_CN")
    assert "虚假交易，扣 12 分（一般违规累计 22 分，下一节点 24 分）" in zh.title


def test_sync_failing_carries_the_latest_error(renderer):
    body = renderer.alert(view("sync_failing"), language="en").body
    assert "Latest error: Invalid session (code 27)" in body
    assert "An expired session must be authorised again." in body  # alert_kinds' next step


def test_an_unconfirmed_disappearance_is_not_called_a_deletion(renderer):
    a = make("deleted")
    a.details["confirmed"] = False
    title = renderer.alert(alert_view(a, shop="s", tz=CST), language="en").title
    assert "disappeared" in title and "deleted" not in title


def test_listing_titles_and_links_come_from_the_store_when_the_alert_lacks_them(renderer):
    a = make("appeal_deadline")
    listing = Listing(shop_id=1, listing_id="1001", title="羊毛大衣", status="active",
                      url="https://item.taobao.com/item.htm?id=1001")
    notice = Notice(id=3, shop_id=1, source_id="n3", kind="false_trading", severity="warning",
                    points=12, category="general", listing_id="1001",
                    issued_at="2026-11-22T01:00:00+00:00",
                    appeal_deadline="2026-11-25T01:00:00+00:00", status="open", title="",
                    text="")
    body = renderer.alert(alert_view(a, shop="s", tz=CST, listing=listing, notice=notice),
                          language="en").body
    assert "“羊毛大衣”" in body and "https://item.taobao.com/item.htm?id=1001" in body
    assert "appeal by 2026-11-25 09:00" in body  # local time of the seller's zone


def test_twelve_deletions_read_as_one_message_listing_the_first_ten(renderer):
    views = [view("deleted", i, listing=str(1000 + i)) for i in range(1, 13)]
    for v, i in zip(views, range(1, 13), strict=True):
        v["title"] = f"Item {i}"
    en = renderer.group(views, language="en")
    assert en.title == "URGENT: 12 listings deleted by the platform · 小店"
    assert en.body.count("shopwatch://alert/") == 10
    assert "“Item 10”" in en.body and "“Item 11”" not in en.body
    assert "…and 2 more" in en.body
    zh = renderer.group(views, language="zh_CN")
    assert "12 个商品被平台删除" in zh.title and "另有 2 个" in zh.body


def test_a_summary_groups_by_shop_and_kind_most_urgent_first(renderer):
    views = [view("changed_by_platform", 1, severity="info"), view("deleted", 2),
             view("deleted", 3), view("new_penalty", 4)]
    grouped = sections(views)
    assert [row["kind"] for row in grouped[0]["kinds"]] == [
        "deleted", "new_penalty", "changed_by_platform"]
    body = renderer.summary(views, language="en").body
    assert body.index("2 listings deleted") < body.index("New penalty") < body.index("changed")


def test_the_digest_says_so_when_nothing_happened(renderer):
    empty = renderer.digest([], language="en", now=NOW, tz=CST)
    assert "all quiet" in empty.title and "Nothing new" in empty.body
    zh = renderer.digest([], language="zh_CN", now=NOW, tz=CST)
    assert "一切正常" in zh.title
    full = renderer.digest([view("demoted", 1, severity="warning")], language="en", now=NOW,
                           tz=CST)
    assert full.title == "shopwatch daily summary 2026-11-24: 1 alert"
    assert "Search demotion suspected: “Wool cap” (visits −88 %" in full.body


def test_the_deep_link_opens_the_alert():
    assert deep_link(42) == "shopwatch://alert/42"


def test_a_users_own_template_is_used(tmp_path: Path):
    folder = tmp_path / "templates" / "notify" / "en"
    folder.mkdir(parents=True)
    (folder / "test.j2").write_text("{% set title %}Mine{% endset %}Hello {{ channel }}",
                                    encoding="utf-8")
    message = Renderer(tmp_path).test(channel="phone", language="en", now=NOW, tz=CST)
    assert message == type(message)("Mine", "Hello phone\n")


def test_a_broken_user_template_falls_back_to_the_shipped_one(tmp_path: Path, caplog):
    folder = tmp_path / "templates" / "notify" / "en"
    folder.mkdir(parents=True)
    (folder / "alert.j2").write_text("{{ a.no_such_field }}", encoding="utf-8")
    message = Renderer(tmp_path).alert(view("deleted"), language="en")
    assert "was deleted by the platform" in message.title
    assert "your notification template" in caplog.text


def test_the_sandbox_refuses_to_reach_into_python(tmp_path: Path):
    folder = tmp_path / "templates" / "notify" / "en"
    folder.mkdir(parents=True)
    (folder / "test.j2").write_text(
        "{{ ''.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8")
    message = Renderer(tmp_path).test(channel="phone", language="en", now=NOW, tz=CST)
    assert "subclasses" not in message.body and "shopwatch test message" == message.title


def test_when_every_template_fails_the_alert_still_goes_out_in_plain_words(tmp_path: Path):
    shipped = tmp_path / "shipped" / "en"
    shipped.mkdir(parents=True)
    (shipped / "alert.j2").write_text("{% broken", encoding="utf-8")
    message = Renderer(shipped=tmp_path / "shipped").alert(view("deleted"), language="en")
    assert "English message 1" in message.title and "shopwatch://alert/1" in message.body


def test_an_unknown_language_falls_back_to_english(renderer):
    assert "was deleted" in renderer.alert(view("deleted"), language="fr").title


@pytest.mark.parametrize("body", [
    "{% for a in range(999) %}{% for b in range(999) %}{% for c in range(999) %}{% endfor %}"
    "{% endfor %}{% endfor %}",
    "{% for a in range(1000) %}{% for b in range(1000) %}{{ a.title }}{% endfor %}{% endfor %}",
    "{% set title %}{{ 'x'.center(300000000) }}{% endset %}body",
    "{{ '%300000000s' % channel }}", "{{ '{:>300000000}'.format(channel) }}",
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
])
def test_an_exhausting_user_template_is_stopped_and_the_shipped_one_used(tmp_path: Path, body,
                                                                        caplog):
    folder = tmp_path / "templates" / "notify" / "en"
    folder.mkdir(parents=True)
    (folder / "test.j2").write_text(body, encoding="utf-8")
    started = time.monotonic()
    message = Renderer(tmp_path).test(channel="phone", language="en", now=NOW, tz=CST)
    assert time.monotonic() - started < 3
    assert message.title and len(message.body) < 10_000
    assert "your notification template" in caplog.text
