"""Evidence checks of an Amazon Plan of Action (appeals/poa_evidence.py): invoices within 365
days, supplier contact details, invoiced quantities covering the units sold — one finding per
invoice, supplier and item, in English and Chinese."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from shopwatch.appeals.poa_evidence import (
    ERROR,
    OK,
    WARNING,
    PoaEvidenceError,
    check,
    from_mapping,
    ready,
)

TODAY = date(2026, 12, 3)
SUPPLIER = {"name": "Ningbo Example Trading Co., Ltd.", "address": "88 Harbour Road, Ningbo",
            "phone": "+86 574 8888 0000", "email": "sales@example.cn",
            "website": "www.example.cn"}


def evidence(*, invoices=None, suppliers=None, sold=None, aliases=None):
    return from_mapping({
        "invoices": invoices if invoices is not None else [
            {"number": "INV-2026-101", "date": "2026-10-02", "supplier": SUPPLIER["name"],
             "lines": [{"item": "SCARF-BL-01", "quantity": 150}], "file": "inv-101.pdf"}],
        "suppliers": suppliers if suppliers is not None else [SUPPLIER],
        "units_sold": sold if sold is not None else {"SCARF-BL-01": 120},
        "aliases": aliases or {}})


def by(findings, check_name):
    return [f for f in findings if f.check == check_name]


def test_complete_evidence_is_ready_with_one_finding_per_invoice_supplier_and_item():
    findings = check(evidence(), today=TODAY)
    assert [(f.check, f.severity, f.subject) for f in findings] == [
        ("invoice_date", OK, "invoice INV-2026-101"),
        ("supplier_contact", OK, f"supplier {SUPPLIER['name']}"),
        ("quantity", OK, "SCARF-BL-01")]
    assert ready(findings)
    assert findings[2].detail == {"sold": 120, "invoiced": 150}


@pytest.mark.parametrize("age,severity", [(0, OK), (200, OK), (335, OK), (336, WARNING),
                                          (365, WARNING), (366, ERROR), (-1, ERROR)])
def test_invoices_must_be_dated_within_365_days(age, severity):
    issued = (TODAY - timedelta(days=age)).isoformat()
    found = by(check(evidence(invoices=[{"number": "A1", "date": issued,
                                         "supplier": SUPPLIER["name"],
                                         "lines": [{"item": "SCARF-BL-01",
                                                    "quantity": 500}]}]), today=TODAY),
               "invoice_date")
    assert [f.severity for f in found] == [severity]
    if age == 366:
        assert "366 days ago" in found[0].message and "365" in found[0].message
        assert "超过亚马逊要求的 365 天" in found[0].message_zh


def test_an_invoice_too_old_covers_no_units():
    old = (TODAY - timedelta(days=400)).isoformat()
    findings = check(evidence(invoices=[
        {"number": "OLD", "date": old, "supplier": SUPPLIER["name"],
         "lines": [{"item": "SCARF-BL-01", "quantity": 500}]},
        {"number": "NEW", "date": "2026-11-01", "supplier": SUPPLIER["name"],
         "lines": [{"item": "SCARF-BL-01", "quantity": 100}]}]), today=TODAY)
    quantity = by(findings, "quantity")[0]
    assert (quantity.severity, quantity.detail) == (ERROR, {"sold": 120, "invoiced": 100})
    assert quantity.message == "SCARF-BL-01: invoices cover 100 of the 120 units sold (20 short)."
    assert quantity.message_zh == "SCARF-BL-01：发票数量 100 件，少于已售出的 120 件（差 20 件）。"
    assert not ready(findings)


def test_an_item_no_invoice_names_and_an_asin_alias():
    findings = check(evidence(
        invoices=[{"number": "X", "date": "2026-11-01", "supplier": SUPPLIER["name"],
                   "lines": [{"item": "B0TESTSC01", "quantity": 130}]}],
        sold={"SCARF-BL-01": 120, "CUP-SET-4": 10}, aliases={"B0TESTSC01": "SCARF-BL-01"}),
        today=TODAY)
    got = {f.subject: f for f in by(findings, "quantity")}
    assert got["SCARF-BL-01"].severity == OK  # the invoice names the ASIN of the SKU
    assert got["CUP-SET-4"].severity == ERROR
    assert "no invoice from the last 365 days names it" in got["CUP-SET-4"].message


@pytest.mark.parametrize("change,missing_en,missing_zh", [
    ({"phone": ""}, "phone number", "电话"),
    ({"address": ""}, "address", "地址"),
    ({"email": "", "website": ""}, "e-mail address or website", "电子邮箱或网址"),
    ({"email": "sales-at-example"}, "a valid e-mail address (not 'sales-at-example')",
     "有效的电子邮箱"),
    ({"phone": "call us"}, "a valid phone number", "有效的电话"),
])
def test_supplier_contact_details_must_be_complete(change, missing_en, missing_zh):
    findings = check(evidence(suppliers=[{**SUPPLIER, **change}]), today=TODAY)
    supplier = by(findings, "supplier_contact")[0]
    assert supplier.severity == ERROR
    assert missing_en in supplier.message and missing_zh in supplier.message_zh
    assert supplier.text("zh_CN") == supplier.message_zh and supplier.text("en") == \
        supplier.message


def test_a_supplier_named_on_an_invoice_without_contact_details():
    findings = check(evidence(suppliers=[]), today=TODAY)
    supplier = by(findings, "supplier_contact")[0]
    assert supplier.severity == ERROR and "No contact details for the supplier" in \
        supplier.message
    # the supplier's name is matched loosely (case, spaces, punctuation)
    loose = {**SUPPLIER, "name": "NINGBO EXAMPLE TRADING CO LTD"}
    assert by(check(evidence(suppliers=[loose]), today=TODAY),
              "supplier_contact")[0].severity == OK


def test_an_invoice_without_date_supplier_or_lines():
    findings = check(evidence(invoices=[{"number": "N", "supplier": ""}]), today=TODAY)
    kinds = {(f.check, f.severity) for f in findings if f.subject == "invoice N"}
    assert kinds == {("invoice_date", ERROR), ("invoice_lines", WARNING),
                     ("supplier_contact", ERROR)}


def test_unreadable_evidence_names_every_place():
    with pytest.raises(PoaEvidenceError) as caught:
        from_mapping({"invoices": [{"number": "A", "date": "soon", "lines": [
            {"item": "SKU-1", "quantity": -3}, {"quantity": 2}]}],
            "units_sold": {"SKU-1": "many"}})
    assert caught.value.problems == [
        "invoice A, line 1: -3 units cannot be negative",
        "invoice A, line 2: give the SKU or ASIN and its quantity",
        "invoice A: 'soon' is not a date (e.g. 2026-10-02)",
        "units sold of SKU-1: 'many' is not a whole number of units"]


def test_chinese_findings_use_chinese_punctuation():
    findings = check(evidence(invoices=[{"number": "N", "date": "2025-01-01", "supplier": "X",
                                         "lines": []}], suppliers=[{"name": "X"}],
                              sold={"A": 3}), today=TODAY)
    for f in findings:
        assert f.message_zh.endswith("。"), f.message_zh
        assert not re.search(r"[\u4e00-\u9fff][,;:]", f.message_zh), f.message_zh
