"""Extracting what a pasted penalty notice says (Chinese or English): the kind of violation,
points and ledger, the listing, when it was issued and until when it can be appealed.

Heuristic by nature, so every field carries the words it was read from (the user checks them
before storing), and nothing is ever dropped: text that matches nothing is a notice of kind
``other`` holding its raw text."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, timezone

from shopwatch.imports.values import CHINA_TZ, FoundTime, find_datetimes
from shopwatch.models import CRITICAL, INFO, WARNING, NoticeRecord
from shopwatch.timeutil import iso

OTHER = "other"


@dataclass(frozen=True, slots=True)
class NoticeKind:
    """One kind of notice and the words that name it (rule data: resources/rules/*.toml)."""

    kind: str
    keywords: tuple[str, ...]
    category: str = "general"
    severity: str = WARNING
    label: str = ""
    #: a measure (search demotion) rather than a cause: a named cause wins when points are taken
    measure: bool = False


#: used when the rule data names no kinds (a user's file from an older version)
DEFAULT_KINDS: tuple[NoticeKind, ...] = (
    NoticeKind("false_trading", ("虚假交易", "刷单", "炒作信用", "虚假销量", "false trading",
                                 "false transaction", "fake transaction", "fake orders",
                                 "brushing", "irregular transactions")),
    NoticeKind("counterfeit", ("假冒", "假货", "仿冒", "counterfeit", "fake goods", "replica"),
               category="serious", severity=CRITICAL),
    NoticeKind("ip_infringement", ("知识产权", "侵权", "商标权", "著作权", "专利权",
                                   "intellectual property", "infringement", "trademark",
                                   "copyright"), category="serious"),
    NoticeKind("misdescription", ("描述不符", "与描述不符", "描述不一致", "not as described",
                                  "misdescription", "misdescribed", "inaccurate description")),
    NoticeKind("prohibited", ("违禁", "禁售", "禁止发布", "限制发布", "prohibited", "banned item",
                              "restricted item"), category="serious", severity=CRITICAL),
    NoticeKind("spam_listing", ("滥发信息", "重复铺货", "广告商品", "信息与实际不符", "spam",
                                "duplicate listing", "keyword stuffing")),
    NoticeKind("search_demotion", ("搜索降权", "降权", "搜索屏蔽", "单品降权", "demoted",
                                   "demotion", "lowered in search", "search ranking"),
               measure=True),
)

_ACTIONS = {
    "deleted": ("删除", "removed", "deleted"),
    "delisted": ("下架", "delisted", "taken down", "taken off"),
    "demoted": ("降权", "demoted", "demotion"),
    "shielded": ("屏蔽", "shield", "hidden from search"),
    "restricted": ("限制", "restrict"),
}
_NOT_A_LISTING = ("订单", "交易", "运单", "物流", "快递", "处罚", "违规编号", "通知", "会员",
                  "order", "tracking", "case", "notice", "reference", "shop", "店铺", "卖家")
_RULE_WORDS = ("规范", "规则", "规定", "条例", "淘宝网", "天猫", "rule", "policy", "taobao")
_LISTING_ID = re.compile(
    r"(?:[?&](?:id|item_id|itemid|num_iid)=(?P<url>\d{6,15})(?!\d))"
    r"|(?:(?:num_iid|\bid\b|ID|编号)\s*(?:号)?\s*[:：=#]?\s*(?P<label>\d{6,15})(?!\d))", re.I)
_REFERENCE = re.compile(
    r"(?:处罚编号|违规编号|通知编号|处罚单号|违规记录编号|notice\s*(?:id|no\.?|number)|"
    r"case\s*(?:id|no\.?|number)|reference(?:\s*no\.?)?)\s*[:：#]?\s*"
    r"(?P<ref>[A-Za-z0-9][A-Za-z0-9\-]{3,40})", re.I)
_POINTS = (
    re.compile(r"(?:不扣分|不予扣分|扣\s*0\s*分|no points)", re.I),
    re.compile(r"扣(?:除|减)?[^\d。；;\n]{0,12}?(?P<n>\d{1,3})\s*分"),
    re.compile(r"扣分\s*[:：]?\s*(?P<n>\d{1,3})"),
    re.compile(r"(?P<n>\d{1,3})\s*分\s*[(（]?\s*(?:一般|严重)违规"),
    re.compile(r"(?:deduct(?:ed|ion of)?|minus|-|−)\s*(?P<n>\d{1,3})\s*(?:\w+\s+){0,3}?points?",
               re.I),
    re.compile(r"(?P<n>\d{1,3})\s*(?:\w+\s+){0,3}?points?\b", re.I),
    re.compile(r"points?\s*(?:deducted)?\s*[:：]\s*-?(?P<n>\d{1,3})", re.I),
)
_RELATIVE = re.compile(
    r"(?P<n>\d{1,3})\s*(?:个)?\s*(?P<work>工作日|天|日|自然日)\s*(?:内|之内)"
    r"|within\s+(?P<n2>\d{1,3})\s+(?P<work2>working\s+|business\s+|calendar\s+)?days?",
    re.I)
_BEFORE_IS_DEADLINE = re.compile(
    r"(?:申诉截止(?:时间|日期)?|截止(?:时间|日期)?|申诉期限|可申诉至|deadline|before|by|no later than|"
    r"until|appeal\s+by)\s*(?:is|为|是)?\s*[:：]?\s*(?:于|在)?\s*$", re.I)
_AFTER_IS_DEADLINE = re.compile(r"^\s*(?:前|之前|以前|截止|为止)")
_AFTER_IS_OTHER = re.compile(r"^\s*(?:发布|上架|创建|下单|购买|付款|发货)")
_BEFORE_IS_ISSUED = re.compile(
    r"(?:处罚时间|违规时间|处罚日期|生效时间|通知时间|发送时间|issued(?:\s+on)?|dated|on|date)\s*[:：]?\s*"
    r"(?:于)?\s*$", re.I)
_CATEGORY = (
    (re.compile(r"严重违规|serious(?:\s+violation)?|severe\s+violation", re.I), "serious"),
    (re.compile(r"一般违规|general(?:\s+violation)?", re.I), "general"),
)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _snippet(text: str, start: int, end: int, pad: int = 12) -> str:
    a, b = max(0, start - pad), min(len(text), end + pad)
    return ("…" if a else "") + text[a:b].replace("\n", " ").strip() + ("…" if b < len(text) else "")


@dataclass(slots=True)
class ParsedNotice:
    """What a notice text says, each field with the words it came from (``evidence``)."""

    text: str
    kind: str = OTHER
    points: int | None = None
    category: str | None = None
    listing_id: str | None = None
    listing_title: str | None = None
    issued_at: datetime | None = None
    appeal_deadline: datetime | None = None
    reference: str | None = None
    actions: list[str] = field(default_factory=list)
    evidence: dict[str, str] = field(default_factory=dict)
    #: fields filled from defaults rather than the text (shown as such)
    assumed: set[str] = field(default_factory=set)
    severity: str = WARNING
    label: str = ""

    @property
    def understood(self) -> bool:
        return self.kind != OTHER

    def source_id(self) -> str:
        """Stable across re-pastes of the same notice, so it is stored once."""
        if self.reference:
            return f"ref:{self.reference}"
        digest = hashlib.sha256(" ".join(self.text.split()).encode("utf-8")).hexdigest()
        return f"text:{digest[:20]}"

    def to_record(self) -> NoticeRecord:
        title = self.label or self.kind.replace("_", " ")
        if self.listing_title:
            title += f" · {self.listing_title}"
        return NoticeRecord(
            source_id=self.source_id(), kind=self.kind, severity=self.severity,
            points=self.points or 0, category=self.category or "general",
            listing_id=self.listing_id,
            issued_at=iso(self.issued_at) if self.issued_at else None,
            appeal_deadline=iso(self.appeal_deadline) if self.appeal_deadline else None,
            title=title, text=self.text)

    def as_dict(self) -> dict:
        return {
            "kind": self.kind, "points": self.points, "category": self.category,
            "listing_id": self.listing_id, "listing_title": self.listing_title,
            "issued_at": iso(self.issued_at) if self.issued_at else None,
            "appeal_deadline": iso(self.appeal_deadline) if self.appeal_deadline else None,
            "reference": self.reference, "actions": list(self.actions),
            "severity": self.severity, "evidence": dict(self.evidence),
            "assumed": sorted(self.assumed), "understood": self.understood,
        }


def classify(text: str, kinds: Sequence[NoticeKind], *, points: int | None = None
             ) -> tuple[NoticeKind | None, str]:
    """The kind a text names, and the keyword that named it. The earliest-named cause wins; a
    measure such as search demotion wins only when no points were taken."""
    low = _norm(text).lower()
    hits: list[tuple[int, NoticeKind, str]] = []
    for kind in kinds:
        positions = [(low.find(k.lower()), k) for k in kind.keywords if k and k.lower() in low]
        if positions:
            pos, word = min(positions)
            hits.append((pos, kind, word))
    if not hits:
        return None, ""
    causes = [h for h in hits if not h[1].measure]
    measures = [h for h in hits if h[1].measure]
    if measures and (not causes or not points):
        pos, kind, word = min(measures, key=lambda h: h[0])
    else:
        pos, kind, word = min(causes, key=lambda h: h[0])
    return kind, word


def _points(text: str) -> tuple[int | None, str]:
    for pattern in _POINTS:
        match = pattern.search(text)
        if match:
            n = int(match.group("n")) if "n" in pattern.groupindex else 0
            return n, _snippet(text, *match.span(), pad=4)
    return None, ""


def _listing_id(text: str) -> tuple[str | None, str]:
    for match in _LISTING_ID.finditer(text):
        value = match.group("url") or match.group("label")
        # the word right before the label: "订单编号" is an order, "…交易，商品ID" a listing
        before = re.split(r"[\s,，。;；:：()（）\[\]【】]",
                          text[max(0, match.start() - 10):match.start()])[-1].lower()
        if match.group("label") and any(w in before for w in _NOT_A_LISTING):
            continue
        return value, _snippet(text, *match.span(), pad=2)
    return None, ""


_QUOTES = (("「", "」"), ("『", "』"), ("“", "”"), ("《", "》"), ("\"", "\""), ("【", "】"))


def _listing_title(text: str) -> tuple[str | None, str]:
    candidates: list[tuple[int, int, str, int]] = []  # (priority, start, title, end)
    for left, right in _QUOTES:
        pattern = re.escape(left) + r"([^" + re.escape(right) + r"\n]{1,120})" + re.escape(right)
        for match in re.finditer(pattern, text):
            title = match.group(1).strip()
            if not title or any(w in title.lower() for w in _RULE_WORDS):
                continue
            before = text[max(0, match.start() - 8):match.start()].lower()
            named = any(w in before for w in ("商品", "宝贝", "item", "listing", "product"))
            candidates.append((0 if named else 2, match.start(), title, match.end()))
    for match in re.finditer(r"(?:(?<=\s)|^)'([^'\n]{2,120})'(?=[\s,.;:)]|$)", text):
        candidates.append((1, match.start(), match.group(1).strip(), match.end()))
    labelled = re.search(r"(?:违规商品|商品名称|宝贝名称|商品标题|宝贝标题|\bitem\b|\blisting\b)\s*[:：]\s*"
                         r"([^（(，,。;；\n]{1,120})", text, re.I)
    if labelled:
        candidates.append((0, labelled.start(), labelled.group(1).strip(), labelled.end()))
    if not candidates:
        return None, ""
    _, start, title, end = min(candidates, key=lambda c: (c[0], c[1]))
    return title, _snippet(text, start, end, pad=2)


def _add_days(start: datetime, n: int, working: bool) -> datetime:
    if not working:
        return start + timedelta(days=n)
    moment = start
    while n > 0:
        moment += timedelta(days=1)
        if moment.weekday() < 5:
            n -= 1
    return moment


def _times(text: str, found: list[FoundTime]) -> tuple[FoundTime | None, FoundTime | None, str]:
    """(issued, deadline, how the deadline reads: 'before' | 'until')."""
    deadline = issued = None
    how = ""
    for f in found:
        before, after = text[max(0, f.start - 24):f.start], text[f.end:f.end + 6]
        if deadline is None and _AFTER_IS_DEADLINE.match(after):
            deadline, how = f, "before"
        elif deadline is None and _BEFORE_IS_DEADLINE.search(before):
            word = _BEFORE_IS_DEADLINE.search(before).group(0).lower()
            deadline, how = f, ("before" if "before" in word else "until")
        elif _AFTER_IS_OTHER.match(after):
            continue
        elif issued is None or (_BEFORE_IS_ISSUED.search(before)
                                and not _BEFORE_IS_ISSUED.search(
                                    text[max(0, issued.start - 24):issued.start])):
            issued = f
    return issued, deadline, how


def parse_notice_text(
    text: str, *, kinds: Sequence[NoticeKind] = DEFAULT_KINDS, now: datetime | None = None,
    tz: timezone = CHINA_TZ,
) -> ParsedNotice:
    """Read a notice. ``now`` fills the issue time when the text states none (a notice is
    pasted when it arrives) and places dates written without a year."""
    now = (now or datetime.now(timezone.utc)).astimezone(tz)
    raw = text.strip()
    body = _norm(raw)
    parsed = ParsedNotice(text=raw)

    points, evidence = _points(body)
    if points is not None:
        parsed.points, parsed.evidence["points"] = points, evidence
    kind, word = classify(body, kinds, points=points)
    if kind is not None:
        parsed.kind, parsed.label = kind.kind, kind.label
        parsed.evidence["kind"] = word
        parsed.severity = kind.severity
    else:
        parsed.severity = INFO if not points else WARNING
    for pattern, ledger in _CATEGORY:
        match = pattern.search(body)
        if match:
            parsed.category, parsed.evidence["category"] = ledger, match.group(0)
            break
    if parsed.category is None and parsed.points:
        parsed.category = kind.category if kind else "general"
        parsed.assumed.add("category")
    if parsed.points and parsed.points >= 12:
        parsed.severity = CRITICAL

    parsed.listing_id, evidence = _listing_id(body)
    if parsed.listing_id:
        parsed.evidence["listing_id"] = evidence
    parsed.listing_title, evidence = _listing_title(body)
    if parsed.listing_title:
        parsed.evidence["listing_title"] = evidence
    reference = _REFERENCE.search(body)
    if reference and reference.group("ref") != parsed.listing_id:
        parsed.reference = reference.group("ref")
        parsed.evidence["reference"] = _snippet(body, *reference.span(), pad=0)
    low = body.lower()
    parsed.actions = [name for name, words in _ACTIONS.items() if any(w in low for w in words)]

    issued, deadline, how = _times(body, find_datetimes(body, tz=tz, today=now.date()))
    if issued:
        parsed.issued_at = issued.moment
        parsed.evidence["issued_at"] = _snippet(body, issued.start, issued.end, pad=6)
    else:
        parsed.issued_at = now.replace(microsecond=0)
        parsed.assumed.add("issued_at")
    if deadline:
        moment = deadline.moment
        if not deadline.has_time and how == "until":
            moment = datetime.combine(moment.date(), time(23, 59, 59), tzinfo=tz)
        parsed.appeal_deadline = moment
        parsed.evidence["appeal_deadline"] = _snippet(body, deadline.start, deadline.end, pad=8)
    else:
        relative = _RELATIVE.search(body)
        if relative:
            n = int(relative.group("n") or relative.group("n2"))
            unit = (relative.group("work") or relative.group("work2") or "").strip().lower()
            working = unit in ("工作日", "working", "business")
            parsed.appeal_deadline = _add_days(parsed.issued_at, n, working)
            parsed.evidence["appeal_deadline"] = _snippet(body, *relative.span(), pad=6)
    return parsed
