"""What a letter says about the notice, the shop and the listing: never an id only shopwatch
knows, worded in the letter's language throughout, signed with the shop's display name, and
the listing described as it was when the penalty came, not as it is today."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timezone

import pytest

from shopwatch.appeals import context, draft
from shopwatch.imports.notice_text import parse_notice_text
from shopwatch.models import Listing
from shopwatch.store import queries

from .conftest import FULL_EVIDENCE

PASTED = ("【淘宝网】您好，您的商品（ID：{id}）因涉嫌虚假交易，已被删除，扣除一般违规积分12分。"
          "如有异议，请在3天内提交申诉。")
PASTED_AT = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)
#: what shopwatch makes up to store a notice: text digests, import row digests, prefixes
INTERNAL = re.compile(r"\b(?:text|row|ref|csv):|[0-9a-f]{20}")


def _paste(db, shop, text: str):
    record = parse_notice_text(text, now=PASTED_AT).to_record()
    with db.atomic():
        (notice,) = queries.upsert_notices(db, shop.id, [record], now=PASTED_AT.isoformat())
    return notice


def _letter(db, library, notice_id: int, language: str, template: str | None = None) -> str:
    facts = draft.load_facts(db, notice_id)
    info = (library.get(template, language) if template
            else library.suggest(facts.notice.kind, language))
    letter = draft.compose(db, library, facts, info, FULL_EVIDENCE, today=date(2026, 11, 26))
    assert letter.complete, letter.missing
    return letter.body


def _active_listing(db, shop, listing_id: str, title: str) -> Listing:
    """A listing on sale since before the notice, still on sale today (the seller relisted
    it, or the platform has not acted yet)."""
    listing = Listing(shop_id=shop.id, listing_id=listing_id, title=title, status="active",
                      price="59.00", first_seen="2026-11-01T00:00:00+00:00",
                      last_seen="2026-11-26T00:00:00+00:00", content_hash="h-active")
    run = queries.start_run(db, shop.id, "2026-11-01T00:00:00+00:00")
    with db.atomic():
        queries.write_listings(db, [listing], run_id=run, now="2026-11-01T00:00:00+00:00",
                               changed_hash={listing_id})
    return listing


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_pasted_notice_letter_shows_no_internal_id(shop_data, library, language):
    notice = _paste(shop_data.db, shop_data.shop, PASTED.format(id="600000000001"))
    assert notice.source_id.startswith("text:")  # what the store keys it by
    body = _letter(shop_data.db, library, notice.id, language)
    assert not INTERNAL.search(body), INTERNAL.search(body)
    assert "编号" not in body.split("一、")[-1].split("二、")[0] if language == "zh_CN" else (
        "no." not in body)


def test_a_notice_number_from_the_platform_is_shown_without_prefixes(shop_data, library):
    text = "违规编号：WG20261125001。" + PASTED.format(id="600000000001")
    notice = _paste(shop_data.db, shop_data.shop, text)
    assert notice.source_id == "ref:WG20261125001"
    body = _letter(shop_data.db, library, notice.id, "zh_CN")
    assert "通知编号：WG20261125001" in body
    assert not INTERNAL.search(body)
    # a notice synced from the platform keeps its number
    synced = _letter(shop_data.db, library, shop_data.notices["false_trading"].id, "zh_CN")
    assert "（编号：PN-1）" in synced


@pytest.mark.parametrize("source_id,shown", [
    ("text:e754a2ca0123456789ab", ""), ("row:0123456789abcdef0123", ""),
    ("ref:WG123", "WG123"), ("csv:CF-2026-0042", "CF-2026-0042"),
    ("PN2026120100018", "PN2026120100018"), ("", ""),
])
def test_the_platform_notice_number_is_read_from_how_the_notice_was_stored(source_id, shown):
    assert context.platform_notice_number(source_id) == shown


def test_a_chinese_letter_uses_chinese_kind_names_and_punctuation(shop_data, library):
    notice = _paste(shop_data.db, shop_data.shop, PASTED.format(id="600000000001"))
    body = _letter(shop_data.db, library, notice.id, "zh_CN")
    assert "(false trading)" not in body and "false" not in body
    assert "处罚类型：虚假交易（一般违规，扣 12 分）" in body


@pytest.mark.parametrize("kind", ["false_trading", "counterfeit", "ip_infringement",
                                  "misdescription", "prohibited", "search_demotion",
                                  "deleted_without_reason", "other"])
def test_every_chinese_letter_is_chinese_apart_from_quoted_facts(shop_data, library, kind):
    """Take away what the seller or the platform wrote (titles, the notice, evidence, the
    shop's name, ids and numbers): no Latin word and no half-width punctuation is left."""
    body = _letter(shop_data.db, library, shop_data.notices[kind].id, "zh_CN")
    quoted = [shop_data.listings[kind].title, shop_data.notices[kind].text,
              shop_data.notices[kind].title, shop_data.notices[kind].source_id,
              shop_data.shop.name]
    for value in FULL_EVIDENCE.values():
        quoted += value if isinstance(value, list) and isinstance(value[0], str) else []
        quoted += [v["name"] for v in value] if isinstance(value, list) and isinstance(
            value[0], dict) else []
        quoted += [value] if isinstance(value, str) else []
    for value in sorted(quoted, key=len, reverse=True):
        for line in value.split("\n"):
            body = body.replace(line, "")
    body = re.sub(r"\bID\b|\d+%?|[#*]+ |^\s*-|^\s*\d+\.", "", body, flags=re.M)
    assert not re.search(r"[A-Za-z]{2,}", body), re.findall(r".{8}[A-Za-z]{2,}.{8}", body)
    assert not re.search(r"[,;:!?()]", body), re.findall(r".{8}[,;:!?()].{8}", body)
    # lists inside a sentence are joined with 、
    assert "3561234567890123456、3561234567890123457" in _letter(
        shop_data.db, library, shop_data.notices["false_trading"].id, "zh_CN")


def test_an_english_letter_words_the_kind_in_english(shop_data, library):
    notice = _paste(shop_data.db, shop_data.shop, PASTED.format(id="600000000001"))
    body = _letter(shop_data.db, library, notice.id, "en")
    assert "Type of penalty: false trading (12 points, general violation)" in body
    assert "虚假交易 (false trading)" not in body


@pytest.mark.parametrize("language,closing", [("zh_CN", "申诉人：小雅的丝绸小铺（店铺经营者）"),
                                              ("en", "小雅的丝绸小铺 (shop operator)")])
def test_letters_are_signed_with_the_shops_display_name(db, library, language, closing):
    shop = queries.add_shop(db, "myshop", "taobao", now="2026-11-01T00:00:00+00:00",
                            settings={"display_name": "小雅的丝绸小铺"})
    _active_listing(db, shop, "600000000009", "真丝围巾")
    notice = _paste(db, shop, PASTED.format(id="600000000009"))
    body = _letter(db, library, notice.id, language)
    assert closing in body
    assert "myshop" not in body


def test_the_demo_shop_signs_with_its_marketplace_name(db, library):
    from shopwatch.demo.marketplace import Marketplace
    from shopwatch.demo.runtime import DemoConfig, reset_demo_shop

    shop = reset_demo_shop(db, DemoConfig(seed=7))
    assert context.shop_view(shop).name == Marketplace(seed=7).nick != "demo"


@pytest.mark.parametrize("language,wrong,right", [
    ("zh_CN", "在售", "处罚时状态：已被删除"),
    ("en", "on sale", "when the notice was issued: deleted"),
])
def test_a_listing_the_notice_removed_is_never_called_on_sale(shop_data, library, language,
                                                              wrong, right):
    db, shop = shop_data.db, shop_data.shop
    _active_listing(db, shop, "600000000077", "亚麻桌布 冬季复古")
    notice = _paste(db, shop, PASTED.format(id="600000000077"))
    assert queries.get_listing(db, shop.id, "600000000077").status == "active"
    body = _letter(db, library, notice.id, language)
    assert right in body
    assert wrong not in body and "now" not in body.split("Listing concerned")[-1].split("\n")[0]


def test_the_listing_is_described_by_its_version_when_the_notice_came(shop_data, library):
    """Delisted for a violation before the notice, relisted and renamed since: the letter
    names the title and status of the day of the notice."""
    db, shop = shop_data.db, shop_data.shop
    before = Listing(shop_id=shop.id, listing_id="600000000088", title="纯棉枕套 秋季日式",
                     status="violation_off_shelf", price="39.00",
                     first_seen="2026-11-01T00:00:00+00:00", content_hash="v1")
    run = queries.start_run(db, shop.id, "2026-11-20T01:00:00+00:00")
    with db.atomic():
        queries.write_listings(db, [before], run_id=run, now="2026-11-20T01:00:00+00:00",
                               changed_hash={"600000000088"})
    after = replace(before, title="纯棉枕套 新款", status="active", content_hash="v2")
    run = queries.start_run(db, shop.id, "2026-11-28T01:00:00+00:00")
    with db.atomic():
        queries.write_listings(db, [after], run_id=run, now="2026-11-28T01:00:00+00:00",
                               changed_hash={"600000000088"})
    text = "您的商品（ID：600000000088）因描述不符被扣2分。2026年11月25日"
    notice = _paste(db, shop, text)
    body = _letter(db, library, notice.id, "zh_CN", template="general")
    assert "“纯棉枕套 秋季日式”（商品 ID：600000000088），处罚时状态：违规下架" in body
    assert "纯棉枕套 新款" not in body


def test_listing_as_noticed_prefers_what_the_notice_says():
    listing = Listing(shop_id=1, listing_id="1", title="Now", status="active")
    versions = [
        queries_version("Then", "active", "2026-11-01T00:00:00+00:00"),
        queries_version("Later", "seller_off_shelf", "2026-11-30T00:00:00+00:00"),
    ]
    issued = "2026-11-20T00:00:00+08:00"
    then = draft.listing_as_noticed(listing, versions, issued_at=issued, text="商品已被下架")
    assert (then.title, then.status) == ("Then", "violation_off_shelf")
    then = draft.listing_as_noticed(listing, versions, issued_at=issued, text="扣 2 分")
    assert (then.title, then.status) == ("Then", "active")
    # no version before the notice: the earliest one known
    then = draft.listing_as_noticed(listing, versions[1:], issued_at=issued, text="")
    assert (then.title, then.status) == ("Later", "seller_off_shelf")
    assert draft.listing_as_noticed(listing, [], issued_at=None, text="").title == "Now"


def queries_version(title: str, status: str, at: str):
    from shopwatch.models import ListingVersion

    return ListingVersion(id=0, shop_id=1, listing_id="1", title=title, status=status,
                          search_status="normal", price=None, quantity=None, valid_from_run=1,
                          valid_to_run=None, recorded_at=at)


@pytest.mark.parametrize("category,zh,en", [
    ("general", "一般违规，扣 12 分", "12 points, general violation"),
    ("", "扣 12 分", "12 points"),  # the notice did not name its ledger
    ("B", "扣 12 分", "12 points"),  # a ledger shopwatch has no words for
])
def test_points_are_worded_in_the_letters_language_whatever_the_ledger(category, zh, en):
    notice = replace(context.sample_notice("false_trading"), category=category)
    assert context.notice_view(notice, "zh_CN").points_text == zh
    assert context.notice_view(notice, "en").points_text == en
