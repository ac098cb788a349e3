"""What a letter template sees: read-only views of the notice, listing and shop, worded for the
letter's language, plus the evidence. Also a sample context, to trial-render templates.

Views are frozen dataclasses (never store rows or models), so a template can read facts but
cannot change or call anything."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from shopwatch.appeals.evidence import FILES, IDS, TEXT, TEXTS, FieldSpec, empty_value, is_empty
from shopwatch.models import Listing, Notice, Shop
from shopwatch.monitor.detect import DemotionVerdict
from shopwatch.timeutil import CHINA_TZ, parse_iso

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"  # Taobao reads appeals in Chinese

#: notice kinds the app knows (connectors may report others; they fall back to "other")
NOTICE_KINDS = ("false_trading", "counterfeit", "ip_infringement", "misdescription",
                "prohibited", "search_demotion", "deleted_without_reason", "other",
                # Amazon (connectors/amazon_records.py): a Plan of Action, always in English
                "ip_complaint", "authenticity", "listing_policy", "listing_suppressed",
                "catalog_item_removed", "restricted_product", "listing_removed",
                "product_safety", "product_condition", "account_deactivated", "account_health",
                "search_suppressed")

KIND_LABELS = {
    "zh_CN": {
        "false_trading": "虚假交易", "counterfeit": "出售假冒商品",
        "ip_infringement": "侵犯知识产权", "misdescription": "描述不符",
        "prohibited": "发布违禁信息", "search_demotion": "搜索降权",
        "deleted_without_reason": "商品被删除", "other": "其他违规",
        "ip_complaint": "知识产权投诉", "authenticity": "商品真实性投诉",
        "listing_policy": "违反商品发布政策", "listing_suppressed": "商品被禁止显示",
        "catalog_item_removed": "商品被移出目录", "restricted_product": "违反受限商品政策",
        "listing_removed": "商品被停用或移除", "product_safety": "商品安全投诉",
        "product_condition": "商品状况投诉", "account_deactivated": "卖家账户被停用",
        "account_health": "账户有停用风险", "search_suppressed": "商品在搜索中被隐藏",
    },
    "en": {
        "false_trading": "false trading", "counterfeit": "counterfeit goods",
        "ip_infringement": "intellectual property infringement",
        "misdescription": "misdescription", "prohibited": "prohibited item or information",
        "search_demotion": "search demotion", "deleted_without_reason": "listing deletion",
        "other": "other violation",
        "ip_complaint": "intellectual property complaint",
        "authenticity": "product authenticity complaint",
        "listing_policy": "listing policy violation", "listing_suppressed": "listing suppression",
        "catalog_item_removed": "catalogue item removal",
        "restricted_product": "restricted products policy violation",
        "listing_removed": "listing deactivation", "product_safety": "product safety complaint",
        "product_condition": "product condition complaint",
        "account_deactivated": "selling account deactivation",
        "account_health": "account at risk of deactivation",
        "search_suppressed": "search suppression",
    },
}

CATEGORY_LABELS = {
    "zh_CN": {"general": "一般违规", "serious": "严重违规"},
    "en": {"general": "general violation", "serious": "serious violation"},
}

LISTING_STATUS_LABELS = {
    "zh_CN": {"active": "在售", "seller_off_shelf": "已下架（卖家操作）", "sold_out": "已售罄",
              "violation_off_shelf": "违规下架", "missing": "已从店铺消失",
              "deleted": "已被删除"},
    "en": {"active": "on sale", "seller_off_shelf": "taken off shelf by the seller",
           "sold_out": "sold out", "violation_off_shelf": "delisted for a violation",
           "missing": "missing from the shop", "deleted": "deleted"},
}

EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")

#: words joining list items inside a sentence
LIST_SEPARATOR = {"zh_CN": "、", "en": ", "}


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language '{language}' (use {' or '.join(LANGUAGES)})")
    return language


def _china(value: str | datetime | date | None) -> datetime | date | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = parse_iso(value)
        except ValueError:
            return None
    if isinstance(value, datetime):
        return value.astimezone(CHINA_TZ)
    return value


def format_date(value: str | datetime | date | None, language: str) -> str:
    """A date as a letter writes it: 2026年11月20日 / 20 November 2026 (China time)."""
    moment = _china(value)
    if moment is None:
        return ""
    if language.startswith("zh"):
        return f"{moment.year}年{moment.month}月{moment.day}日"
    return f"{moment.day} {EN_MONTHS[moment.month - 1]} {moment.year}"


def format_datetime(value: str | datetime | None, language: str) -> str:
    moment = _china(value)
    if moment is None:
        return ""
    if not isinstance(moment, datetime):
        return format_date(moment, language)
    clock = f"{moment.hour:02d}:{moment.minute:02d}"
    if language.startswith("zh"):
        return f"{format_date(moment, language)} {clock}"
    return f"{format_date(moment, language)}, {clock} (UTC+8)"


# --- views -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class NoticeView:
    id: int
    source_id: str  # the platform's notice number; "" when it gave none (never shopwatch's key)
    kind: str
    kind_label: str
    title: str
    text: str
    points: int
    points_text: str  # "一般违规，扣 12 分" / "12 points, general violation"; "" without points
    category: str
    category_label: str
    severity: str
    issued_at: str
    issued_date: str
    appeal_deadline: str
    deadline: str
    status: str


@dataclass(frozen=True, slots=True)
class ListingView:
    listing_id: str
    title: str
    url: str
    price: str
    currency: str
    status: str
    status_label: str
    category: str
    first_seen: str
    missing_since: str


@dataclass(frozen=True, slots=True)
class ShopView:
    name: str
    platform: str


@dataclass(frozen=True, slots=True)
class TrafficView:
    """The listing's own traffic before and after the drop, from the shop's metrics."""

    measure: str  # visits | impressions | keyword_rank
    measure_label: str
    baseline: int
    recent: int
    drop_percent: int  # rank: how many places it fell
    since: str  # first day of the data used
    until: str


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One line of the letter's evidence list."""

    name: str
    label: str
    values: tuple[str, ...]
    text: str  # the values joined for a sentence
    inline: bool  # short values on one line; False: one sub-item each (chat excerpts)


#: how shopwatch keys a notice it did not get from the platform's API (imports/): pasted text
#: and file rows without a number of their own get a digest, which is nobody's business in a
#: letter; a number the platform gave ("ref:" from the text, "csv:" from a file's column) is
#: the platform's, shown without the prefix
INTERNAL_SOURCES = ("text:", "row:")
PLATFORM_NUMBER_SOURCES = ("ref:", "csv:")


def platform_notice_number(source_id: str | None) -> str:
    """The notice's number as the platform wrote it, or "" when the platform gave none."""
    source_id = (source_id or "").strip()
    if source_id.startswith(INTERNAL_SOURCES):
        return ""
    for prefix in PLATFORM_NUMBER_SOURCES:
        if source_id.startswith(prefix):
            return source_id[len(prefix):].strip()
    return source_id


def is_platform_title(notice: Notice) -> bool:
    """Was the title written by the platform? Pasted and imported notices get a title made
    from the rule data's bilingual kind label ("虚假交易 (false trading)"), which a letter must
    not quote as the notice's own."""
    return not (notice.source_id or "").startswith(INTERNAL_SOURCES + PLATFORM_NUMBER_SOURCES)


def notice_view(notice: Notice, language: str) -> NoticeView:
    kind_label = KIND_LABELS[language].get(notice.kind, KIND_LABELS[language]["other"])
    # a ledger shopwatch has no words for (or none, when the notice did not name it) is left
    # out rather than written in English inside a Chinese letter
    category_label = CATEGORY_LABELS[language].get(notice.category or "", "")
    points = int(notice.points or 0)
    if not points:
        points_text = ""
    elif language.startswith("zh"):
        points_text = f"{category_label}，扣 {points} 分" if category_label else f"扣 {points} 分"
    else:
        points_text = f"{points} point{'s' if points != 1 else ''}" + (
            f", {category_label}" if category_label else "")
    return NoticeView(
        id=notice.id, source_id=platform_notice_number(notice.source_id), kind=notice.kind,
        kind_label=kind_label, title=(notice.title or "") if is_platform_title(notice) else "",
        text=notice.text or "", points=points,
        points_text=points_text, category=notice.category, category_label=category_label,
        severity=notice.severity, issued_at=notice.issued_at or "",
        issued_date=format_date(notice.issued_at, language),
        appeal_deadline=notice.appeal_deadline or "",
        deadline=format_datetime(notice.appeal_deadline, language), status=notice.status,
    )


def listing_view(listing: Listing | None, language: str) -> ListingView | None:
    if listing is None:
        return None
    return ListingView(
        listing_id=listing.listing_id, title=listing.title, url=listing.url or "",
        price=listing.price or "", currency=listing.currency or "CNY", status=listing.status,
        status_label=LISTING_STATUS_LABELS[language].get(listing.status, listing.status),
        category=listing.category or "", first_seen=format_date(listing.first_seen, language),
        missing_since=format_date(listing.missing_since, language),
    )


#: the shop's name as buyers and the platform know it, in its settings; the shop's own
#: ``name`` is the seller's short handle for shopwatch's commands ("demo", "myshop")
DISPLAY_NAME_KEY = "display_name"


def shop_display_name(shop: Shop) -> str:
    return str(shop.settings.get(DISPLAY_NAME_KEY) or "").strip() or shop.name


def shop_view(shop: Shop) -> ShopView:
    return ShopView(name=shop_display_name(shop), platform=shop.platform)


MEASURE_LABELS = {
    "zh_CN": {"visits": "日均访客数", "impressions": "日均曝光量", "keyword_rank": "关键词搜索排名"},
    "en": {"visits": "daily visitors", "impressions": "daily impressions",
           "keyword_rank": "keyword search rank"},
}


def traffic_view(verdict: DemotionVerdict | None, since: str, until: str,
                 language: str) -> TrafficView | None:
    if verdict is None or not verdict.demoted:
        return None
    if verdict.measure == "keyword_rank":
        change = round(verdict.recent - verdict.baseline)
    else:
        change = round(verdict.drop * 100)
    return TrafficView(
        measure=verdict.measure, measure_label=MEASURE_LABELS[language][verdict.measure],
        baseline=round(verdict.baseline), recent=round(verdict.recent), drop_percent=change,
        since=format_date(since, language), until=format_date(until, language),
    )


def _file_label(record: Mapping[str, Any]) -> str:
    return str(record.get("name") or record.get("path") or "")


def evidence_items(
    evidence: Mapping[str, Any], specs: Sequence[FieldSpec], language: str
) -> list[EvidenceItem]:
    """The evidence list of the letter, in the template's field order; narrative fields
    (statements, actions, notes, contact) are written into the letter's text, not listed."""
    items = []
    separator = LIST_SEPARATOR[language]
    for spec in specs:
        value = evidence.get(spec.name)
        if is_empty(value) or spec.name in NARRATIVE_FIELDS:
            continue
        if spec.type == FILES:
            values = tuple(_file_label(r) for r in value)
        elif spec.type in (IDS, TEXTS):
            values = tuple(str(v) for v in value)
        else:
            values = (str(value),)
        inline = spec.type != TEXTS
        items.append(EvidenceItem(spec.name, spec.label(language), values,
                                  separator.join(values), inline))
    return items


#: fields the letter's prose uses; listing them again as "evidence" would read oddly
NARRATIVE_FIELDS = frozenset({"root_cause", "corrective_actions", "preventive_actions",
                              "self_check", "statement", "notes", "contact"})


def template_values(evidence: Mapping[str, Any], specs: Sequence[FieldSpec]) -> dict[str, Any]:
    """Each declared field as a template variable; an optional field not given is empty (so
    ``{% if invoices %}`` works), files become their names. Tuples: templates cannot mutate."""
    out: dict[str, Any] = {}
    for spec in specs:
        value = evidence.get(spec.name)
        if is_empty(value):
            value = empty_value(spec)
        if spec.type == FILES:
            out[spec.name] = tuple(_file_label(r) for r in value)
        elif spec.type == TEXT:
            out[spec.name] = str(value)
        else:
            out[spec.name] = tuple(str(v) for v in value)
    return out


def build_context(
    *, notice: Notice, listing: Listing | None, shop: Shop, evidence: Mapping[str, Any],
    specs: Sequence[FieldSpec], language: str, today: date,
    traffic: TrafficView | None = None,
) -> dict[str, Any]:
    """Everything a template may use. ``BASE_NAMES`` lists the non-evidence names."""
    context: dict[str, Any] = {
        "notice": notice_view(notice, language),
        "listing": listing_view(listing, language),
        "shop": shop_view(shop),
        "today": format_date(today, language),
        "language": language,
        "evidence_items": tuple(evidence_items(evidence, specs, language)),
        "traffic": traffic,
    }
    context.update(template_values(evidence, specs))
    return context


BASE_NAMES = frozenset({"notice", "listing", "shop", "today", "language", "evidence_items",
                        "traffic"})


# --- samples (template checks) -------------------------------------------------------------

SAMPLE_VALUES: dict[str, Any] = {
    IDS: ["3561234567890123456", "3561234567890123457"],
    TEXTS: ["样例内容 sample entry"],
    TEXT: "样例 sample",
    FILES: [{"name": "sample.pdf", "sha256": "0" * 64, "size": 1, "path": "evidence/sample.pdf"}],
}


def sample_evidence(specs: Sequence[FieldSpec], names: Sequence[str]) -> dict[str, Any]:
    values = {}
    for spec in specs:
        if spec.name in names:
            values[spec.name] = SAMPLE_VALUES[spec.type]
    values.update({k: v for k, v in {
        "order_ids": ["3561234567890123456"], "tracking_numbers": ["SF1234567890123"],
    }.items() if k in names})
    return values


def sample_notice(kind: str = "other") -> Notice:
    return Notice(
        id=1, shop_id=1, source_id="SAMPLE-1", kind=kind, severity="warning", points=12,
        category="general", listing_id="600000000001", issued_at="2026-11-20T09:30:00+08:00",
        appeal_deadline="2026-11-23T09:30:00+08:00", status="open", title="样例处罚通知",
        text="样例通知正文 sample notice text", created_at="2026-11-20T09:31:00+08:00",
    )


def sample_listing() -> Listing:
    return Listing(
        shop_id=1, listing_id="600000000001", title="样例商品 Sample listing",
        status="violation_off_shelf", price="128.00", url="https://item.taobao.com/item.htm?id=1",
        category="scarves", first_seen="2026-01-01T00:00:00+00:00",
        missing_since="2026-11-20T00:00:00+00:00",
    )


def sample_shop() -> Shop:
    return Shop(id=1, name="样例小店", platform="taobao")


def sample_traffic(language: str) -> TrafficView:
    return TrafficView("visits", MEASURE_LABELS[language]["visits"], 120, 18, 85,
                       format_date("2026-11-10T00:00:00+08:00", language),
                       format_date("2026-11-19T00:00:00+08:00", language))
