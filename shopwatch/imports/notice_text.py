"""Extracting what a pasted penalty notice says (Chinese or English): the kind of violation,
points and ledger, the listing, when it was issued and until when it can be appealed.

Heuristic by nature, so every field carries the words it was read from (the user checks them
before storing), a field the text does not state is left empty and named in ``uncertain`` (never
guessed), and nothing is ever dropped: text that matches nothing is a notice of kind ``other``
holding its raw text. How well it reads is measured against tests/imports/notice_corpus/."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, timezone

from shopwatch.imports.amazon_notice import AmazonReading, read_amazon, resolve_kind
from shopwatch.imports.notice_kinds import (  # noqa: F401 - re-exported: the kinds live apart
    DEFAULT_KINDS,
    OTHER,
    NoticeKind,
)
from shopwatch.imports.values import CHINA_TZ, FoundTime, find_datetimes
from shopwatch.models import CRITICAL, INFO, WARNING, NoticeRecord
from shopwatch.timeutil import iso

_ACTIONS = {
    "deleted": ("删除", "removed", "deleted"),
    "delisted": ("下架", "delisted", "taken down", "taken off", "deactivated"),
    "demoted": ("降权", "demoted", "demotion"),
    "shielded": ("屏蔽", "shield", "hidden from search"),
    "restricted": ("限制", "restrict"),
}
_NOT_A_LISTING = ("订单", "交易", "运单", "物流", "快递", "处罚", "违规编号", "通知", "会员",
                  "order", "tracking", "case", "notice", "reference", "shop", "店铺", "卖家")
_RULE_WORDS = ("规范", "规则", "规定", "条例", "淘宝网", "天猫", "rule", "policy", "taobao")

# --- listings: every one the notice names, in the order it names them ----------------------
_ID = r"\d{6,20}(?!\d)"
_URL_ID = re.compile(r"[?&](?:id|item_id|itemid|num_iid)=(" + _ID + ")", re.I)
_AE_URL_ID = re.compile(r"aliexpress\.[a-z.]+/item/(?:[\w-]+/)?(" + _ID + r")\.html", re.I)
_ASIN = re.compile(r"(?<![A-Za-z0-9])(B0[A-Z0-9]{8})(?![A-Za-z0-9])")
_LABEL = re.compile(
    r"(?:num_iid|商品\s*ID|宝贝\s*ID|商品编号|宝贝编号|(?<![A-Za-z])id(?![A-Za-z])|编号"
    r"|\b(?:items?|listings?|products?)(?:\s*(?:ids?|no\.?|numbers?))?\b)"
    r"\s*(?:号)?\s*[:：=#]?\s*(" + _ID + ")", re.I)
_MORE_IDS = re.compile(r"\s*(?:[、,，/;；]|\band\b|和|及|与|&)\s*(" + _ID + ")", re.I)

_REFERENCE = re.compile(
    r"(?:处罚编号|违规编号|通知编号|处罚单号|违规记录编号|notice\s*(?:id|no\.?|number)|"
    r"case\s*(?:id|no\.?|number)|reference(?:\s*no\.?)?)\s*[:：#]?\s*"
    r"(?P<ref>[A-Za-z0-9][A-Za-z0-9\-]{3,40})", re.I)

# --- points -----------------------------------------------------------------------------
_WORD_NUMBERS = {w: n for n, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty"))}
_WORD_NUMBERS |= {"twenty-four": 24, "thirty-six": 36, "forty-eight": 48}
_NUM = (r"(?P<n>\d{1,3}|" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r")\b")
_POINTS = (
    re.compile(r"(?:不扣分|不予扣分|扣\s*0\s*分|no points|\b0 points)", re.I),
    # 累计扣分 is the running total, not this notice's deduction
    re.compile(r"(?<!累计)扣(?:除|减)?[^\d。；;\n]{0,12}?(?P<n>\d{1,3})\s*分"),
    re.compile(r"(?<!累计)扣分\s*[:：]?\s*(?P<n>\d{1,3})"),
    re.compile(r"(?P<n>\d{1,3})\s*分\s*[(（]?\s*(?:一般|严重)违规"),
    re.compile(r"(?:deduct(?:ed|ion of)?|minus|−)\s*" + _NUM + r"\s*(?:\w+\s+){0,3}?points?",
               re.I),
    re.compile(r"(?<![\w-])" + _NUM + r"\s*(?:\w+\s+){0,3}?points?\b", re.I),
    re.compile(r"points?\s*(?:deducted)?\s*[:：]\s*-?" + _NUM, re.I),
)
# Chinese numerals where a count is written (扣十二分, 三天内, 七个工作日内, 七十二小时)
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_CN_COUNT = re.compile(
    r"(?<![月\d])([零〇一二两三四五六七八九十百]+)(?=\s*个?\s*(?:分|天|日|工作日|自然日|小时))")

# --- dates ------------------------------------------------------------------------------
_RELATIVE = re.compile(
    r"(?P<n>\d{1,3})\s*(?:个)?\s*(?P<work>工作日|天|日|自然日|小时)\s*(?:内|之内)"
    r"|within\s+(?P<n2>\d{1,3})\s+(?P<work2>working\s+|business\s+|calendar\s+)?"
    r"(?P<unit2>days?|hours?)", re.I)
_BEFORE_IS_DEADLINE = re.compile(
    r"(?:申诉截止(?:时间|日期)?|截止(?:时间|日期)?|申诉期限|可申诉至|deadline|before|by|no later than|"
    r"until|appeal\s+by)\s*(?:is|为|是)?\s*[:：]?\s*(?:于|在)?\s*$", re.I)
_AFTER_IS_DEADLINE = re.compile(r"^\s*(?:前|之前|以前|截止|为止)")
_AFTER_IS_OTHER = re.compile(r"^\s*(?:发布|上架|创建|下单|购买|付款|发货)")
_BEFORE_IS_ISSUED = re.compile(
    r"(?:处罚时间|违规时间|处罚日期|生效时间|通知时间|发送时间|issued(?:\s+on)?|dated|on|date)\s*[:：]?\s*"
    r"(?:于)?\s*$", re.I)
_MONTHS = {m: i for i, names in enumerate(
    ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
     "aug august", "sep sept september", "oct october", "nov november", "dec december"),
    start=1) for m in names.split()}
_MON = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
# English dates written without a year ("Appeal by Nov 30"); the shared reader wants a year
_NO_YEAR = (
    re.compile(r"\b" + _MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*\d{4})(?!\s*[:：])",
               re.I),
    re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r"\b(?!,?\s*\d{4})", re.I),
)
_CATEGORY = (
    (re.compile(r"严重违规|[BC]类违规|serious(?:\s+violation)?|severe\s+violation", re.I),
     "serious"),
    (re.compile(r"一般违规|A类违规|general(?:\s+violation)?", re.I), "general"),
)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _cn_number(word: str) -> int | None:
    """一 … 九十九 (and 一百): the counts notices write in Chinese numerals."""
    if word == "百" or word == "一百":
        return 100
    if "百" in word:
        return None
    if "十" in word:
        tens, _, ones = word.partition("十")
        if len(tens) > 1 or len(ones) > 1:
            return None
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return _CN_DIGITS[word] if len(word) == 1 else None


def _arabic_counts(text: str) -> str:
    def sub(match: re.Match[str]) -> str:
        n = _cn_number(match.group(1))
        return match.group(1) if n is None else str(n)
    return _CN_COUNT.sub(sub, text)


def _snippet(text: str, start: int, end: int, pad: int = 12) -> str:
    a, b = max(0, start - pad), min(len(text), end + pad)
    return ("…" if a else "") + text[a:b].replace("\n", " ").strip() + ("…" if b < len(text) else "")


@dataclass(slots=True)
class ParsedNotice:
    """What a notice text says, each field with the words it came from (``evidence``)."""

    text: str
    kind: str = OTHER
    points: int | None = None
    #: the ledger the text names (None when it names none: see ``default_category``)
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
    #: every listing the notice names, in its order (``listing_id`` is the first)
    listing_ids: list[str] = field(default_factory=list)
    #: fields the text does not state: left empty for the seller to fill in, never guessed
    uncertain: set[str] = field(default_factory=set)
    #: the kind's ledger in the rule data, which the store counts points in when the text
    #: names none (the seller is told, and can correct it)
    default_category: str = "general"
    #: something in the text was a date (even if not an appeal deadline)
    dated: bool = False
    #: an Amazon message's own fields (complaint id, rights owner, SKUs and ASINs, account
    #: status); None for any other text
    amazon: AmazonReading | None = None

    @property
    def understood(self) -> bool:
        return self.kind != OTHER

    @property
    def recognised_nothing(self) -> bool:
        """No kind, no points, no listing, no date: probably not a notice at all."""
        return (self.kind == OTHER and self.points is None and not self.listing_ids
                and not self.dated)

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
        if self.amazon and self.amazon.rights_owner:
            title += f" · rights owner: {self.amazon.rights_owner}"
        return NoticeRecord(
            source_id=self.source_id(), kind=self.kind, severity=self.severity,
            points=self.points or 0, category=self.category or self.default_category,
            listing_id=self.listing_id, listing_ids=tuple(self.listing_ids),
            issued_at=iso(self.issued_at) if self.issued_at else None,
            appeal_deadline=iso(self.appeal_deadline) if self.appeal_deadline else None,
            # a text in which nothing was recognised gets no deadline from the rule data
            rule_deadline=not self.recognised_nothing,
            title=title, text=self.text)

    def as_dict(self) -> dict:
        return {
            "kind": self.kind, "points": self.points, "category": self.category,
            "listing_id": self.listing_id, "listing_ids": list(self.listing_ids),
            "listing_title": self.listing_title,
            "issued_at": iso(self.issued_at) if self.issued_at else None,
            "appeal_deadline": iso(self.appeal_deadline) if self.appeal_deadline else None,
            "reference": self.reference, "actions": list(self.actions),
            "severity": self.severity, "evidence": dict(self.evidence),
            "assumed": sorted(self.assumed), "uncertain": sorted(self.uncertain),
            "understood": self.understood, "recognised_nothing": self.recognised_nothing,
            **({"amazon": self.amazon.as_dict()} if self.amazon else {}),
        }


def classify(text: str, kinds: Sequence[NoticeKind], *, points: int | None = None
             ) -> tuple[NoticeKind | None, str]:
    """The kind a text names, and the keyword that named it. The earliest-named cause wins
    (unless a narrower named kind outranks it); a measure such as search demotion wins only
    when no points were taken."""
    low = _norm(text).lower()
    hits: list[tuple[int, NoticeKind, str]] = []
    for kind in kinds:
        positions = [(low.find(k.lower()), k) for k in kind.keywords if k and k.lower() in low]
        if positions:
            pos, word = min(positions)
            hits.append((pos, kind, word))
    if not hits:
        return None, ""
    named = {h[1].kind for h in hits}
    outranked = {o for h in hits for o in h[1].outranks if o in named}
    hits = [h for h in hits if h[1].kind not in outranked]
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
            if "n" not in pattern.groupindex:
                return 0, _snippet(text, *match.span(), pad=4)
            raw = match.group("n").lower()
            n = int(raw) if raw.isdigit() else _WORD_NUMBERS[raw]
            return n, _snippet(text, *match.span(), pad=4)
    return None, ""


def _is_order_number(text: str, start: int) -> bool:
    # the word right before the label: "订单编号" is an order, "…交易，商品ID" a listing
    before = re.split(r"[\s,，。;；:：()（）\[\]【】]",
                      text[max(0, start - 10):start].rstrip(" \t"))[-1].lower()
    return any(w in before for w in _NOT_A_LISTING)


def _listing_ids(text: str) -> tuple[list[str], str]:
    """Every listing named, in order, and the words the first was read from."""
    found: list[tuple[int, str, tuple[int, int]]] = []
    for pattern in (_URL_ID, _AE_URL_ID, _ASIN):
        found += [(m.start(1), m.group(1), m.span()) for m in pattern.finditer(text)]
    for match in _LABEL.finditer(text):
        if _is_order_number(text, match.start()):
            continue
        found.append((match.start(1), match.group(1), match.span()))
        end = match.end()
        while more := _MORE_IDS.match(text, end):  # "商品ID：1、2、3", "items 1 and 2"
            found.append((more.start(1), more.group(1), more.span()))
            end = more.end()
    ids: list[str] = []
    first_span = None
    for _, value, span in sorted(found):
        if value not in ids:
            ids.append(value)
            first_span = first_span or span
    return ids, (_snippet(text, *first_span, pad=2) if first_span else "")


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
    for match in re.finditer(r"(?:(?<=\s)|^|(?<=\())'([^'\n]{2,120})'(?=[\s,.;:)]|$)", text):
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


def _dates(text: str, tz: timezone, now: datetime) -> list[FoundTime]:
    """Every date in the text: the shared reader's, and English ones written without a year
    (placed in the year that puts them nearest to now)."""
    found = find_datetimes(text, tz=tz, today=now.date())
    taken = [(f.start, f.end) for f in found]
    for pattern in _NO_YEAR:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            month, day = _MONTHS[match.group("mon").lower()], int(match.group("d"))
            options = []
            for year in (now.year - 1, now.year, now.year + 1):
                try:
                    options.append(datetime(year, month, day, tzinfo=tz))
                except ValueError:
                    continue
            if options:
                moment = min(options, key=lambda d: abs(d - now))
                found.append(FoundTime(start, end, moment, False))
                taken.append((start, end))
    return sorted(found, key=lambda f: f.start)


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
    body = _arabic_counts(_norm(raw))
    parsed = ParsedNotice(text=raw)

    points, evidence = _points(body)
    if points is not None:
        parsed.points, parsed.evidence["points"] = points, evidence
    kind, word = classify(body, kinds, points=points)
    if kind is not None:
        parsed.kind, parsed.label = kind.kind, kind.label
        parsed.evidence["kind"] = word
        parsed.severity = kind.severity
        parsed.default_category = kind.category
    else:
        parsed.severity = INFO if not points else WARNING
    for pattern, ledger in _CATEGORY:
        match = pattern.search(body)
        if match:
            parsed.category, parsed.evidence["category"] = ledger, match.group(0)
            break
    if parsed.points and parsed.points >= 12:
        parsed.severity = CRITICAL

    parsed.listing_ids, evidence = _listing_ids(body)
    if parsed.listing_ids:
        parsed.listing_id = parsed.listing_ids[0]
        parsed.evidence["listing_id"] = evidence
    parsed.listing_title, evidence = _listing_title(body)
    if parsed.listing_title:
        parsed.evidence["listing_title"] = evidence
    reference = _REFERENCE.search(body)
    if reference and reference.group("ref") not in parsed.listing_ids:
        parsed.reference = reference.group("ref")
        parsed.evidence["reference"] = _snippet(body, *reference.span(), pad=0)
    low = body.lower()
    parsed.actions = [name for name, words in _ACTIONS.items() if any(w in low for w in words)]
    amazon = read_amazon(body)
    if amazon is not None:
        _apply_amazon(parsed, amazon, kinds)

    found = _dates(body, tz, now)
    parsed.dated = bool(found)
    issued, deadline, how = _times(body, found)
    if issued:
        parsed.issued_at = issued.moment
        parsed.evidence["issued_at"] = _snippet(body, issued.start, issued.end, pad=6)
    else:
        parsed.issued_at = now.replace(microsecond=0)
        parsed.assumed.add("issued_at")
    # A date in a text that names no violation, points or listing (a promotion's 报名截止) is
    # not an appeal deadline.
    penalty_like = (parsed.kind != OTHER or parsed.points is not None
                    or bool(parsed.listing_ids))
    if deadline and penalty_like:
        moment = deadline.moment
        if not deadline.has_time and how == "until":
            moment = datetime.combine(moment.date(), time(23, 59, 59), tzinfo=tz)
        parsed.appeal_deadline = moment
        parsed.evidence["appeal_deadline"] = _snippet(body, deadline.start, deadline.end, pad=8)
    elif penalty_like and (relative := _RELATIVE.search(body)):
        n = int(relative.group("n") or relative.group("n2"))
        unit = (relative.group("work") or relative.group("work2") or "").strip().lower()
        if (relative.group("work") or "") == "小时" or (relative.group("unit2") or "").lower(
                ).startswith("hour"):
            parsed.appeal_deadline = parsed.issued_at + timedelta(hours=n)
        else:
            working = unit in ("工作日", "working", "business")
            parsed.appeal_deadline = _add_days(parsed.issued_at, n, working)
        parsed.evidence["appeal_deadline"] = _snippet(body, *relative.span(), pad=6)

    if parsed.kind == OTHER:
        parsed.uncertain.add("kind")
    if parsed.points is None and amazon is None:  # Amazon takes no points
        parsed.uncertain.add("points")
    if parsed.points and parsed.category is None:
        parsed.uncertain.add("category")
    if not parsed.listing_ids:
        parsed.uncertain.add("listing_id")
    if parsed.appeal_deadline is None:
        parsed.uncertain.add("appeal_deadline")
    return parsed


def _apply_amazon(parsed: ParsedNotice, amazon: AmazonReading,
                  kinds: Sequence[NoticeKind]) -> None:
    """Lay an Amazon message's own reading over the general one: Amazon's kind (or its
    counterpart in a rule set without Amazon kinds, e.g. Taobao's ip_infringement for an IP
    complaint; with neither, the general reading stays), its SKUs and ASINs as
    the listings, its complaint id as the reference; Amazon takes no points."""
    parsed.amazon = amazon
    by_name = {k.kind: k for k in kinds}
    resolved = resolve_kind(amazon.kind, set(by_name))
    if resolved:
        found = by_name[resolved]
        parsed.kind, parsed.label, parsed.severity = found.kind, found.label, found.severity
        parsed.default_category = found.category
        parsed.evidence["kind"] = amazon.evidence.get("kind", "")
    parsed.points = None
    parsed.category = None
    parsed.evidence.pop("points", None)
    parsed.evidence.pop("category", None)
    parsed.listing_ids = amazon.listing_ids
    parsed.listing_id = parsed.listing_ids[0] if parsed.listing_ids else None
    if parsed.listing_ids:
        parsed.evidence["listing_id"] = amazon.evidence.get("listing_id", "")
    else:
        parsed.evidence.pop("listing_id", None)
    if amazon.complaint_id:
        parsed.reference = amazon.complaint_id
        parsed.evidence["reference"] = amazon.evidence.get("complaint_id", "")
    parsed.actions = list(amazon.actions)
