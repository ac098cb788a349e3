"""Reading pasted penalty notices, Chinese and English: every field of a dozen realistic
notices, and text nobody understands kept whole as kind 'other'."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from shopwatch.imports.notice_text import parse_notice_text
from shopwatch.monitor.rules import load_rules

# The moment the seller pastes them: 2026-11-23 10:00 in Beijing.
NOW = datetime(2026, 11, 23, 2, 0, tzinfo=timezone.utc)
PASTED = "2026-11-23T10:00:00+08:00"
KINDS = load_rules("taobao").notice_kinds

FIELDS = ("kind", "points", "category", "listing_id", "listing_title", "issued_at",
          "appeal_deadline", "reference")

CASES = [
    pytest.param(
        "您的商品「真丝围巾」（ID: 600123456789）因涉嫌虚假交易被删除，扣除一般违规积分12分。"
        "如有异议请于2026-11-26 18:00前申诉。",
        ("false_trading", 12, "general", "600123456789", "真丝围巾", PASTED,
         "2026-11-26T18:00:00+08:00", None), id="zh-false-trading"),
    pytest.param(
        "【淘宝网】尊敬的会员：您于2026年11月20日发布的商品《XX品牌运动鞋》（商品ID：612345678901）经排查"
        "涉嫌出售假冒商品，已被删除，根据《淘宝网市场管理与违规处理规范》，扣除严重违规积分24分。您可在处罚"
        "生效之日起3天内通过卖家中心-违规管理发起申诉。",
        # the 20th is when the item was published, not the notice: the notice dates from now
        ("counterfeit", 24, "serious", "612345678901", "XX品牌运动鞋", PASTED,
         "2026-11-26T10:00:00+08:00", None), id="zh-counterfeit"),
    pytest.param(
        "违规通知：处罚时间 2026-11-18 10:32:05，违规类型：描述不符，违规商品：纯棉T恤 白色（宝贝ID "
        "598765432101），处理结果：商品下架，扣分：3分（一般违规）。申诉截止时间：2026-11-25 10:32:05。",
        ("misdescription", 3, "general", "598765432101", "纯棉T恤 白色",
         "2026-11-18T10:32:05+08:00", "2026-11-25T10:32:05+08:00", None), id="zh-misdescription"),
    pytest.param(
        "您的店铺宝贝“羊毛大衣”因涉嫌虚假交易（炒作信用），被搜索降权处理30天，降权期间商品排序靠后。"
        "商品链接：https://item.taobao.com/item.htm?id=634567890123 。如需申诉，请在7个工作日内提交。",
        # 7 working days from Monday 23 Nov: Wednesday 2 Dec
        ("search_demotion", None, None, "634567890123", "羊毛大衣", PASTED,
         "2026-12-02T10:00:00+08:00", None), id="zh-demotion"),
    pytest.param(
        "您发布的商品「电子烟雾化器」（ID:645678901234）涉嫌发布违禁信息，已被删除，扣除严重违规积分6分。"
        "处罚时间：2026年11月21日 09:15。",
        ("prohibited", 6, "serious", "645678901234", "电子烟雾化器", "2026-11-21T09:15:00+08:00",
         None, None), id="zh-prohibited"),
    pytest.param(
        "您的商品（ID：656789012345）被权利人投诉涉嫌侵犯他人知识产权（商标权），已被删除，扣2分。"
        "请于2026年11月28日前提交申诉材料。",
        # the text names no ledger: left empty and flagged, not taken from the kind
        ("ip_infringement", 2, None, "656789012345", None, PASTED,
         "2026-11-28T00:00:00+08:00", None), id="zh-ip-infringement"),
    pytest.param(
        "处罚编号：CF20261121-0087 您的宝贝“新款连衣裙”（宝贝ID：667890123456）因滥发信息（重复铺货）"
        "被下架，不扣分。",
        ("spam_listing", 0, None, "667890123456", "新款连衣裙", PASTED, None, "CF20261121-0087"),
        id="zh-spam-with-reference"),
    pytest.param(
        'Your item "Silk Scarf" (Item ID: 600123456789) has been removed for suspected false '
        "transactions. 12 general violation points have been deducted. You may appeal before "
        "Nov 26, 2026 18:00.",
        ("false_trading", 12, "general", "600123456789", "Silk Scarf", PASTED,
         "2026-11-26T18:00:00+08:00", None), id="en-false-trading"),
    pytest.param(
        "Notice of violation — Listing ID 612345678901 'Nike style running shoes' was delisted on "
        "2026-11-20 for selling counterfeit goods. Serious violation: 24 points. Appeal deadline: "
        "2026-11-23 23:59.",
        ("counterfeit", 24, "serious", "612345678901", "Nike style running shoes",
         "2026-11-20T00:00:00+08:00", "2026-11-23T23:59:00+08:00", None), id="en-counterfeit"),
    pytest.param(
        "Violation type: Misdescription (item not as described). Item: Cotton T-shirt white, "
        "ID 598765432101. Penalty: 3 points (general). Issued: 2026-11-18 10:32. Appeal within "
        "3 days.",
        ("misdescription", 3, "general", "598765432101", "Cotton T-shirt white",
         "2026-11-18T10:32:00+08:00", "2026-11-21T10:32:00+08:00", None), id="en-misdescription"),
    pytest.param(
        "Your listing 'Wool Coat' has been demoted in search results for 30 days due to irregular "
        "transactions. Item ID 634567890123. Issued on 20 November 2026.",
        ("search_demotion", None, None, "634567890123", "Wool Coat", "2026-11-20T00:00:00+08:00",
         None, None), id="en-demotion"),
    pytest.param(
        "Case ID: TB-99812. The product 'Bluetooth earbuds' (item id 689012345678) was taken down "
        "for infringing a registered trademark. 4 points deducted (serious violation). Appeal by "
        "December 1, 2026.",
        ("ip_infringement", 4, "serious", "689012345678", "Bluetooth earbuds", PASTED,
         "2026-12-01T23:59:59+08:00", "TB-99812"), id="en-ip-with-case-id"),
    pytest.param(
        "亲，您的店铺本周访客数较上周有所下降，请关注。",
        ("other", None, None, None, None, PASTED, None, None), id="zh-unknown"),
    pytest.param(
        "Reminder: please update your shop's return address before the holidays.",
        ("other", None, None, None, None, PASTED, None, None), id="en-unknown"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_every_field_of_a_realistic_notice(text, expected):
    parsed = parse_notice_text(text, kinds=KINDS, now=NOW).as_dict()
    assert tuple(parsed[f] for f in FIELDS) == expected
    assert parse_notice_text(text, kinds=KINDS, now=NOW).text == text.strip()


def test_unknown_text_is_kept_as_other_with_its_raw_text():
    text = "亲，您的店铺本周访客数较上周有所下降，请关注。"
    record = parse_notice_text(text, kinds=KINDS, now=NOW).to_record()
    assert (record.kind, record.text, record.points, record.severity) == (
        "other", text, 0, "info")


def test_each_field_carries_the_words_it_was_read_from():
    parsed = parse_notice_text(CASES[0].values[0], kinds=KINDS, now=NOW)
    assert parsed.evidence["kind"] == "虚假交易"
    assert "12分" in parsed.evidence["points"]
    assert "2026-11-26 18:00前" in parsed.evidence["appeal_deadline"]
    assert parsed.assumed == {"issued_at"}
    assert parsed.actions == ["deleted"]


def test_the_same_notice_pasted_twice_has_the_same_source_id():
    a = parse_notice_text("您的商品 ID: 600123456789 因虚假交易被删除。", now=NOW)
    b = parse_notice_text("  您的商品 ID: 600123456789\n因虚假交易被删除。 ", now=NOW)
    assert a.source_id() == b.source_id()
    assert parse_notice_text("Case ID: TB-1234 counterfeit", now=NOW).source_id() == "ref:TB-1234"


def test_a_date_without_a_year_is_the_nearest_one():
    parsed = parse_notice_text("虚假交易，扣12分，请于1月5日前申诉。", now=NOW)
    assert parsed.appeal_deadline.isoformat() == "2027-01-05T00:00:00+08:00"


def test_order_numbers_are_not_taken_for_listing_ids():
    parsed = parse_notice_text("订单号：3456789012345678 涉嫌虚假交易，商品ID 600123456789。", now=NOW)
    assert parsed.listing_id == "600123456789"


def test_user_keywords_from_the_rule_data_name_new_kinds():
    from shopwatch.imports.notice_text import NoticeKind

    kinds = (*KINDS, NoticeKind("price_fraud", ("价格欺诈", "price fraud")))
    assert parse_notice_text("您的商品因价格欺诈被下架，扣6分。", kinds=kinds, now=NOW).kind == "price_fraud"


def test_english_notices_keep_their_listing_id():
    """Issue 13: 'your listing 700000000559 (…)' and 'Product ID: 1005004567891234' lost it."""
    a = parse_notice_text("Hello, your listing 700000000559 (Wool coat) was removed for false "
                          "transactions. 12 points deducted.", kinds=KINDS, now=NOW)
    b = parse_notice_text("Your product (Product ID: 1005004567891234) has been removed for "
                          "trademark infringement.", kinds=KINDS, now=NOW)
    assert (a.listing_id, b.listing_id) == ("700000000559", "1005004567891234")


def test_a_notice_naming_several_listings_names_each():
    parsed = parse_notice_text("经排查，以下商品存在虚假交易：商品ID：612300000109、612300000110，"
                               "https://item.taobao.com/item.htm?id=612300000111", kinds=KINDS,
                               now=NOW)
    assert parsed.listing_ids == ["612300000109", "612300000110", "612300000111"]
    assert parsed.listing_id == "612300000109"
    assert parsed.to_record().listing_ids == ("612300000109", "612300000110", "612300000111")


def test_miaoshu_yu_shiji_bu_fu_is_misdescription():
    parsed = parse_notice_text("您的商品（ID：612300000104）被投诉描述与实际不符，扣3分。", kinds=KINDS,
                               now=NOW)
    assert parsed.kind == "misdescription"


def test_gibberish_recognises_nothing_and_gets_no_deadline():
    parsed = parse_notice_text("asdf qwer zxcv;;; hello??", kinds=KINDS, now=NOW)
    assert parsed.recognised_nothing
    record = parsed.to_record()
    assert record.appeal_deadline is None and record.rule_deadline is False
    assert {"kind", "points", "listing_id", "appeal_deadline"} <= parsed.uncertain


def test_chinese_numerals_count_points_and_days():
    parsed = parse_notice_text("您的宝贝（宝贝ID：612300000116）因虚假交易被删除，扣十二分，属一般违规。"
                               "请于三天内申诉。", kinds=KINDS, now=NOW)
    assert (parsed.points, parsed.category) == (12, "general")
    assert parsed.appeal_deadline.isoformat() == "2026-11-26T10:00:00+08:00"


@pytest.mark.parametrize(("text", "listings"), [
    ("Order ID: 3456789012345 is under review for false trading. Item ID: 600123456789.",
     ["600123456789"]),
    ("Case ID: 20261121001 counterfeit goods, listing 700000000559", ["700000000559"]),
    ("运单编号：773312345678901，涉及宝贝ID：612300000405", ["612300000405"]),
])
def test_order_case_and_waybill_numbers_in_english_are_not_listings(text, listings):
    assert parse_notice_text(text, kinds=KINDS, now=NOW).listing_ids == listings
