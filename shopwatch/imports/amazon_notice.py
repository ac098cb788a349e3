"""Reading a pasted Amazon e-mail or Account Health message (English): what kind of problem it
is (IP complaint, authenticity complaint, listing removed, policy warning, product safety,
restricted product, account at risk or deactivated), the complaint id and the rights owner, and
every SKU and ASIN it names.

``notice_text.parse_notice_text`` calls ``read_amazon`` for every text and, when the text is
Amazon's, lays this reading over its general one: deadlines ("within 72 hours", "by Dec 4,
2026") are read there. Pure functions; how well it reads is measured against
tests/imports/notice_corpus/amazon.json."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

#: Amazon kinds -> the kind a rule set without Amazon kinds (Taobao's) calls the same problem
FALLBACK_KINDS = {"ip_complaint": "ip_infringement", "authenticity": "counterfeit",
                  "restricted_product": "prohibited", "product_condition": "misdescription"}
AT_RISK = "AT_RISK"
DEACTIVATED = "DEACTIVATED"

_AMAZON = re.compile(r"\bamazon\b|seller\s*central|\basins?\b|seller performance|"
                     r"account health|performance notification|plan of action", re.I)
_CJK = re.compile(r"[\u3400-\u9fff]")
_ASIN = re.compile(r"(?<![A-Za-z0-9])(B0[A-Z0-9]{8})(?![A-Za-z0-9])")
_SKU = re.compile(r"(?<![A-Za-z])(?:seller[\s-]*sku|merchant[\s-]*sku|msku|sku)s?\s*[:：#=]\s*"
                  r"([A-Za-z0-9][A-Za-z0-9._\-/]{0,39})", re.I)
_COMPLAINT_ID = re.compile(
    r"complaint\s*(?:id|number|no\.?|reference)(?:\(s\)|s)?\s*[:：#]?\s*([A-Za-z0-9][A-Za-z0-9\-]{4,40})",
    re.I)
_INFRINGEMENT = re.compile(r"infringement\s+type\s*[:：]\s*([A-Za-z][A-Za-z ]{2,40}?)\s*"
                           r"(?=$|\n|complaint|asin|trademark\s+number|title|\s{2})", re.I | re.M)
_COMPLAINT_TYPE = re.compile(r"complaint\s+type\s*[:：]\s*([^\n]{2,60})", re.I)
#: the rights owner as Amazon names it: a labelled line, or the line(s) after the lead-in
_OWNER_LABEL = re.compile(r"rights[\s-]*owner(?:'s)?\s*(?:name|contact(?: information| details)?|"
                          r"e-?mail)?\s*[:：]\s*([^\n]{2,100})", re.I)
_OWNER_LEAD = re.compile(r"(?:rights[\s-]*owner[’'`]?s?\s+contact\s+(?:details|information)"
                         r"|retraction\s+from\s+the\s+rights[\s-]*owner)\s*(?:are|is)?\s*[:：]"
                         r"[ \t]*\n?", re.I)
_LINE_BULLET = re.compile(r"^\s*(?:--|[-–—•*])\s*")

# Kinds, in the order they win: an account-level action first, then the named cause, then the
# measure (removed / warned) when no cause is named.
_KIND_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.I)) for kind, pattern in (
        ("account_deactivated",
         r"account\s+(?:has\s+been|was|is)\s+(?:permanently\s+|temporarily\s+)?deactivated|"
         r"(?:removed|suspended)\s+your\s+selling\s+privileges|selling\s+privileges\s+"
         r"(?:have\s+been|were)\s+(?:removed|suspended)|you\s+(?:currently\s+)?may\s+not\s+sell"
         r"\s+on\s+amazon|account\s+(?:has\s+been|was|is)\s+suspended|reactivate\s+your\s+"
         r"(?:selling\s+)?account|account\s+deactivation\s+notice|(?-i:\bDEACTIVATED\b)"),
        ("account_health",
         r"at\s+risk\s+of\s+(?:being\s+)?deactivat|account\s+(?:health\s+)?(?:is|status\s+is|"
         r"has\s+been\s+put)\s+at\s+risk|(?-i:\bAT_RISK\b)|account\s+health\s+rating\s+(?:is|has)"
         r"\s+(?:at\s+risk|dropped|fallen)|put\s+it\s+at\s+risk|account\s+(?:is\s+)?at\s+risk"),
        ("ip_complaint",
         r"rights[\s-]*owner|intellectual\s+property|infringement\s+type|trademark\s+"
         r"infringement|infring\w*\s+(?:on\s+)?the\s+(?:rights\s+owner[’']s\s+)?"
         r"(?:trademark|copyright|patent)|copyright|patent\b|trademark\s+number"),
        ("authenticity",
         r"inauthentic|authenticity|counterfeit|not\s+authentic|fake\s+(?:items?|goods|products?)"),
        ("product_safety",
         r"safety\s+complaints?|complaint\s+type\s*:\s*safety|product\s+safety|safety\s+incident"
         r"|\brecall(?:ed|s)?\b|safety\s+(?:concern|issue|documentation)"),
        ("restricted_product",
         r"restricted\s+products?|not\s+permitted\s+(?:for\s+sale|on\s+amazon)|prohibited\s+"
         r"(?:product|item)|dangerous\s+goods|hazmat"),
        ("product_condition",
         r"used\s+(?:item\s+)?sold\s+as\s+new|complaint\s+type\s*:\s*(?:not\s+as\s+described|"
         r"condition|materially\s+different|expired)|product\s+condition"),
        ("listing_policy",
         r"policy\s+warning|this\s+is\s+a\s+warning|we\s+are\s+warning\s+you|violat\w*\s+"
         r"(?:of\s+)?(?:our|amazon[’']s|the)\s+[\w\s,]{0,40}?polic(?:y|ies)|listing\s+polic"),
        ("listing_removed",
         r"(?:removed|deactivated|suppressed|blocked|closed)\s+(?:some\s+of\s+)?(?:your|the|"
         r"this)\s+(?:product\s+)?(?:listings?|detail\s+pages?|offers?|asins?)|(?:listings?|"
         r"detail\s+pages?|offers?)\s+(?:has|have)\s+been\s+(?:temporarily\s+)?(?:removed|"
         r"deactivated|suppressed|blocked)|listing\s+(?:is|was)\s+(?:now\s+)?inactive"),
    ))
_ACTIONS = (("deactivated", re.compile(r"deactivat", re.I)),
            ("removed", re.compile(r"\bremov(?:ed|al)\b", re.I)),
            ("suppressed", re.compile(r"suppress", re.I)),
            ("warned", re.compile(r"\bwarning\b", re.I)))


@dataclass(slots=True)
class AmazonReading:
    """What an Amazon message says, each field with the words it came from."""

    kind: str | None = None
    complaint_ids: list[str] = field(default_factory=list)
    rights_owner: str | None = None
    infringement_type: str | None = None
    complaint_type: str | None = None
    account_status: str | None = None
    asins: list[str] = field(default_factory=list)
    skus: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    evidence: dict[str, str] = field(default_factory=dict)

    @property
    def complaint_id(self) -> str | None:
        return self.complaint_ids[0] if self.complaint_ids else None

    @property
    def listing_ids(self) -> list[str]:
        """SKUs first (an Amazon shop's listing id is the SKU), then ASINs."""
        return list(dict.fromkeys(self.skus + self.asins))

    def as_dict(self) -> dict:
        return {"kind": self.kind, "complaint_id": self.complaint_id,
                "complaint_ids": list(self.complaint_ids), "rights_owner": self.rights_owner,
                "infringement_type": self.infringement_type,
                "complaint_type": self.complaint_type, "account_status": self.account_status,
                "asins": list(self.asins), "skus": list(self.skus)}


def is_amazon_text(text: str) -> bool:
    """An English message that names Amazon, Seller Central, an ASIN or Account Health."""
    if not _AMAZON.search(text):
        return False
    return len(_CJK.findall(text)) <= max(10, len(text) // 20)


def _snippet(text: str, match: re.Match[str]) -> str:
    return " ".join(text[max(0, match.start() - 10):match.end() + 10].split())


def _owner(text: str) -> tuple[str | None, str]:
    lead = _OWNER_LEAD.search(text)
    if lead:
        for line in text[lead.end():].splitlines()[:3]:
            value = _LINE_BULLET.sub("", line).strip()
            if value and not value.lower().startswith(("we ", "if ", "please", "asin")):
                return value, _snippet(text, lead)
    label = _OWNER_LABEL.search(text)
    if label:
        value = label.group(1).strip()
        if not value.lower().startswith(("we ", "that ", "if ")):
            return value, _snippet(text, label)
    return None, ""


def read_amazon(text: str) -> AmazonReading | None:
    """The Amazon reading of ``text``, or None when it is not an Amazon message."""
    if not is_amazon_text(text):
        return None
    reading = AmazonReading()
    for kind, pattern in _KIND_RULES:
        match = pattern.search(text)
        if match:
            reading.kind = kind
            reading.evidence["kind"] = match.group(0)
            break
    if reading.kind == "account_deactivated":
        reading.account_status = DEACTIVATED
    elif reading.kind == "account_health":
        reading.account_status = AT_RISK
    reading.complaint_ids = list(dict.fromkeys(m.group(1) for m in _COMPLAINT_ID.finditer(text)))
    if reading.complaint_ids:
        reading.evidence["complaint_id"] = _snippet(text, _COMPLAINT_ID.search(text))
    owner, words = _owner(text)
    if owner:
        reading.rights_owner, reading.evidence["rights_owner"] = owner, words
    if match := _INFRINGEMENT.search(text):
        reading.infringement_type = " ".join(match.group(1).split())
    if match := _COMPLAINT_TYPE.search(text):
        reading.complaint_type = match.group(1).strip().rstrip(".")
    reading.asins = list(dict.fromkeys(m.group(1) for m in _ASIN.finditer(text)))
    reading.skus = [s for s in dict.fromkeys(m.group(1).rstrip(".,;") for m in
                                             _SKU.finditer(text)) if s not in reading.asins]
    if reading.listing_ids:
        first = (_SKU.search(text) if reading.skus else _ASIN.search(text))
        reading.evidence["listing_id"] = _snippet(text, first) if first else ""
    reading.actions = [name for name, pattern in _ACTIONS if pattern.search(text)]
    return reading


def resolve_kind(kind: str | None, known: set[str]) -> str | None:
    """The rule set's name for an Amazon kind: itself, or its counterpart in a rule set
    without Amazon kinds, or None when the rule set has neither."""
    if kind is None:
        return None
    if kind in known:
        return kind
    fallback = FALLBACK_KINDS.get(kind)
    return fallback if fallback in known else None


def link_to_skus(listing_ids: list[str], asin_to_sku: Mapping[str, str]) -> list[str]:
    """A notice's listings with each ASIN the shop sells under a SKU replaced by that SKU
    (the id an Amazon shop's listings have), in order, without repeats."""
    return list(dict.fromkeys(asin_to_sku.get(lid, lid) for lid in listing_ids))
