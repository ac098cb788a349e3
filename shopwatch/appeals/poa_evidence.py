"""Checking the evidence of an Amazon Plan of Action before it is sent: invoices dated within
the 365 days Amazon asks for, the supplier's contact details (name, address, phone, e-mail or
website), and invoiced quantities covering the units sold of every SKU or ASIN under review.

Plain data in, one finding per invoice, supplier and item out, each worded in English and in
Chinese, so the appeal editor can show them beside the letter. Pure: no I/O, ``today`` is
passed in. Amazon's wording of these requirements: "copies of invoices or receipts from your
supplier issued in the last 365 days … should reflect your sales volume", "contact information
for your supplier, including name, phone number, address, and website" (docs/amazon.md)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from shopwatch.imports.values import parse_day

WINDOW_DAYS = 365
#: an invoice this close to leaving the window may be outside it by the time Amazon reviews it
EXPIRING_DAYS = 30
OK, WARNING, ERROR = "ok", "warning", "error"
SEVERITIES = (OK, WARNING, ERROR)


class PoaEvidenceError(ValueError):
    """Evidence data that cannot be read; ``problems`` names each place."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class InvoiceLine:
    item: str  # the SKU or ASIN as the invoice names it
    quantity: int


@dataclass(frozen=True, slots=True)
class Invoice:
    number: str
    issued: date | None
    supplier: str
    lines: tuple[InvoiceLine, ...] = ()
    file: str | None = None


@dataclass(frozen=True, slots=True)
class SupplierContact:
    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""


@dataclass(frozen=True, slots=True)
class PoaEvidence:
    invoices: tuple[Invoice, ...] = ()
    suppliers: tuple[SupplierContact, ...] = ()
    #: units sold per SKU or ASIN under review (the period the invoices must cover)
    units_sold: Mapping[str, int] = field(default_factory=dict)
    #: another name of an item -> the name ``units_sold`` uses (an invoice may name the ASIN)
    aliases: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Finding:
    """One result the editor shows: ``check`` says which rule, ``subject`` which invoice,
    supplier or item, ``severity`` ok / warning / error."""

    check: str  # invoice_date | invoice_lines | supplier_contact | quantity
    severity: str
    subject: str
    message: str
    message_zh: str
    detail: Mapping[str, Any] = field(default_factory=dict)

    def text(self, language: str) -> str:
        return self.message_zh if language.startswith("zh") else self.message


# --- reading -------------------------------------------------------------------------------

def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _day(value: Any, where: str, problems: list[str]) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(parse_day(str(value)))
    except ValueError:
        problems.append(f"{where}: '{value}' is not a date (e.g. 2026-10-02)")
        return None


def _quantity(value: Any, where: str, problems: list[str]) -> int | None:
    try:
        number = int(str(value).replace(",", "").strip())
    except ValueError:
        problems.append(f"{where}: '{value}' is not a whole number of units")
        return None
    if number < 0:
        problems.append(f"{where}: {number} units cannot be negative")
        return None
    return number


def from_mapping(data: Mapping[str, Any]) -> PoaEvidence:
    """Evidence as the editor stores it (plain JSON). Raises PoaEvidenceError naming every
    unreadable value."""
    problems: list[str] = []
    invoices = []
    for n, raw in enumerate(data.get("invoices") or [], start=1):
        if not isinstance(raw, Mapping):
            problems.append(f"invoice {n}: not a table of number, date, supplier, lines")
            continue
        number = _text(raw.get("number")) or f"#{n}"
        lines = []
        for m, line in enumerate(raw.get("lines") or [], start=1):
            where = f"invoice {number}, line {m}"
            if not isinstance(line, Mapping) or not _text(line.get("item")):
                problems.append(f"{where}: give the SKU or ASIN and its quantity")
                continue
            quantity = _quantity(line.get("quantity"), where, problems)
            if quantity is not None:
                lines.append(InvoiceLine(_text(line["item"]), quantity))
        invoices.append(Invoice(number=number,
                                issued=_day(raw.get("date"), f"invoice {number}", problems),
                                supplier=_text(raw.get("supplier")), lines=tuple(lines),
                                file=_text(raw.get("file")) or None))
    suppliers = []
    for n, raw in enumerate(data.get("suppliers") or [], start=1):
        if not isinstance(raw, Mapping) or not _text(raw.get("name")):
            problems.append(f"supplier {n}: give at least its name")
            continue
        suppliers.append(SupplierContact(**{k: _text(raw.get(k)) for k in
                                            ("name", "address", "phone", "email", "website")}))
    sold: dict[str, int] = {}
    for item, value in (data.get("units_sold") or {}).items():
        quantity = _quantity(value, f"units sold of {item}", problems)
        if quantity is not None:
            sold[_text(item)] = quantity
    aliases = {_text(k): _text(v) for k, v in (data.get("aliases") or {}).items()}
    if problems:
        raise PoaEvidenceError(problems)
    return PoaEvidence(tuple(invoices), tuple(suppliers), sold, aliases)


# --- checking ------------------------------------------------------------------------------

def _key(name: str) -> str:
    return re.sub(r"[\s.,]+", "", unicodedata.normalize("NFKC", name).casefold())


def _invoice_dates(invoices: Sequence[Invoice], today: date) -> list[Finding]:
    out = []
    for inv in invoices:
        subject = f"invoice {inv.number}"
        if inv.issued is None:
            out.append(Finding("invoice_date", ERROR, subject,
                               f"Invoice {inv.number} has no date; Amazon only accepts invoices "
                               f"issued in the last {WINDOW_DAYS} days.",
                               f"发票 {inv.number} 没有开票日期；亚马逊只接受最近 {WINDOW_DAYS} 天内开具的发票。"))
        else:
            out.append(_date_finding(inv, today))
        if not inv.lines:
            out.append(Finding("invoice_lines", WARNING, subject,
                               f"Invoice {inv.number} lists no SKU or ASIN with a quantity; Amazon "
                               "matches invoices to the items under review.",
                               f"发票 {inv.number} 没有列出 SKU 或 ASIN 及数量；亚马逊会把发票与被审核的商品逐一核对。"))
    return out


def _date_finding(inv: Invoice, today: date) -> Finding:
    assert inv.issued is not None
    subject, age = f"invoice {inv.number}", (today - inv.issued).days
    detail = {"date": inv.issued.isoformat(), "age_days": age}
    if age < 0:
        return Finding("invoice_date", ERROR, subject,
                       f"Invoice {inv.number} is dated {inv.issued}, after today: check the date.",
                       f"发票 {inv.number} 的日期 {inv.issued} 晚于今天，请核对日期。", detail)
    if age > WINDOW_DAYS:
        return Finding("invoice_date", ERROR, subject,
                       f"Invoice {inv.number} is dated {inv.issued}, {age} days ago: older than "
                       f"the {WINDOW_DAYS} days Amazon accepts. Use a newer invoice.",
                       f"发票 {inv.number} 开具于 {inv.issued}，距今 {age} 天，超过亚马逊要求的 "
                       f"{WINDOW_DAYS} 天，请换用更近的发票。", detail)
    if age > WINDOW_DAYS - EXPIRING_DAYS:
        left = WINDOW_DAYS - age
        return Finding("invoice_date", WARNING, subject,
                       f"Invoice {inv.number} ({inv.issued}) leaves the {WINDOW_DAYS}-day window "
                       f"in {left} days; send the appeal soon or add a newer one.",
                       f"发票 {inv.number}（{inv.issued}）再过 {left} 天就超出 {WINDOW_DAYS} "
                       "天期限，请尽快提交申诉，或补充更近的发票。", detail)
    return Finding("invoice_date", OK, subject,
                   f"Invoice {inv.number} is dated {inv.issued}, {age} days ago.",
                   f"发票 {inv.number} 开具于 {inv.issued}，距今 {age} 天，在期限内。", detail)


_PHONE_DIGITS = 7
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_WEBSITE = re.compile(r"^(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?$", re.I)


def _supplier_problems(contact: SupplierContact) -> tuple[list[str], list[str]]:
    """(missing or malformed details in English, the same in Chinese)."""
    en, zh = [], []
    if not contact.address:
        en.append("address")
        zh.append("地址")
    if sum(ch.isdigit() for ch in contact.phone) < _PHONE_DIGITS:
        en.append("phone number" if not contact.phone else f"a valid phone number (not "
                  f"'{contact.phone}')")
        zh.append("电话" if not contact.phone else f"有效的电话（“{contact.phone}”不是）")
    if contact.email and not _EMAIL.match(contact.email):
        en.append(f"a valid e-mail address (not '{contact.email}')")
        zh.append(f"有效的电子邮箱（“{contact.email}”不是）")
    if contact.website and not _WEBSITE.match(contact.website):
        en.append(f"a valid website (not '{contact.website}')")
        zh.append(f"有效的网址（“{contact.website}”不是）")
    if not contact.email and not contact.website:
        en.append("e-mail address or website")
        zh.append("电子邮箱或网址")
    return en, zh


def _suppliers(evidence: PoaEvidence) -> list[Finding]:
    out = []
    contacts = {_key(c.name): c for c in evidence.suppliers}
    named = list(dict.fromkeys(i.supplier for i in evidence.invoices if i.supplier))
    for inv in evidence.invoices:
        if not inv.supplier:
            out.append(Finding("supplier_contact", ERROR, f"invoice {inv.number}",
                               f"Invoice {inv.number} does not name its supplier.",
                               f"发票 {inv.number} 没有写明供应商。"))
    for name in named + [c.name for c in evidence.suppliers if c.name not in named]:
        contact = contacts.get(_key(name))
        subject = f"supplier {name}"
        if contact is None:
            out.append(Finding("supplier_contact", ERROR, subject,
                               f"No contact details for the supplier {name}: Amazon asks for its "
                               "name, address, phone number and e-mail or website.",
                               f"缺少供应商“{name}”的联系方式：亚马逊要求提供名称、地址、电话以及邮箱或网址。"))
            continue
        missing_en, missing_zh = _supplier_problems(contact)
        if missing_en:
            out.append(Finding("supplier_contact", ERROR, subject,
                               f"The contact details of {name} lack: {', '.join(missing_en)}.",
                               f"供应商“{name}”的联系方式缺少：{'、'.join(missing_zh)}。",
                               {"missing": missing_en}))
        else:
            out.append(Finding("supplier_contact", OK, subject,
                               f"The contact details of {name} are complete.",
                               f"供应商“{name}”的联系方式齐全。"))
    return out


def _quantities(evidence: PoaEvidence, today: date) -> list[Finding]:
    covered: dict[str, int] = {}
    for inv in evidence.invoices:
        if inv.issued is None or not 0 <= (today - inv.issued).days <= WINDOW_DAYS:
            continue  # an invoice Amazon will not accept covers nothing
        for line in inv.lines:
            item = evidence.aliases.get(line.item, line.item)
            covered[item] = covered.get(item, 0) + line.quantity
    out = []
    for item, sold in evidence.units_sold.items():
        have = covered.get(item, 0)
        detail = {"sold": sold, "invoiced": have}
        if have == 0 and sold > 0:
            out.append(Finding("quantity", ERROR, item,
                               f"{item}: no invoice from the last {WINDOW_DAYS} days names it, "
                               f"but {sold} units were sold.",
                               f"{item}：最近 {WINDOW_DAYS} 天内的发票都没有这个商品，但已售出 {sold} 件。",
                               detail))
        elif have < sold:
            out.append(Finding("quantity", ERROR, item,
                               f"{item}: invoices cover {have} of the {sold} units sold "
                               f"({sold - have} short).",
                               f"{item}：发票数量 {have} 件，少于已售出的 {sold} 件（差 {sold - have} 件）。",
                               detail))
        else:
            out.append(Finding("quantity", OK, item,
                               f"{item}: invoices cover {have} units for {sold} sold.",
                               f"{item}：发票数量 {have} 件，足以覆盖已售出的 {sold} 件。", detail))
    return out


def check(evidence: PoaEvidence, *, today: date) -> list[Finding]:
    """Every finding, invoices first, then suppliers, then the items under review."""
    return (_invoice_dates(evidence.invoices, today) + _suppliers(evidence)
            + _quantities(evidence, today))


def ready(findings: Sequence[Finding]) -> bool:
    """True when nothing would make Amazon reject the evidence outright."""
    return not any(f.severity == ERROR for f in findings)
