"""Every kind of Amazon notice has an English Plan of Action (root cause, corrective actions
taken, preventive measures, evidence), drafted from the built-in templates for a notice pasted
from an Amazon message, in either UI language; and every section of the letter has a Chinese
explanation beside it (appeals/poa_explain.py), while the letter stays English."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from shopwatch.appeals import draft
from shopwatch.appeals.poa_explain import EXPLANATIONS, SECTIONS, explanation, side_by_side
from shopwatch.appeals.templates import TemplateLibrary
from shopwatch.monitor import file_import
from shopwatch.monitor.rules import load_rules
from shopwatch.store import queries
from shopwatch.store.db import open_db
from shopwatch.timeutil import iso, now_utc

ROOT = Path(__file__).resolve().parent.parent
MESSAGES = {e["id"]: e["text"] for e in json.loads(
    (ROOT / "imports" / "notice_corpus" / "amazon.json").read_text(encoding="utf-8"))["entries"]}
ALL_LISTINGS = ROOT / "imports" / "amazon_files" / "All+Listings+Report+11-27-2026.txt"
CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
EVIDENCE = {
    "root_cause": "Our listing team copied a product title that contained a third-party brand "
                  "name, and no one checked titles against brand registrations before upload.",
    "corrective_actions": ["Removed the brand name from the affected listing",
                           "Reviewed all 4 active listings for third-party brand names"],
    "preventive_actions": ["A second person checks every new title against the brand "
                           "registry before it goes live"],
    "supplier": "Ningbo Example Trading Co., Ltd., +86 574 8888 0000, sales@example.cn",
    "invoices": [{"name": "invoice-2026-10.pdf", "sha256": "a" * 64, "size": 10,
                  "path": "evidence/notice-1/aaaa-invoice-2026-10.pdf"}],
}
#: kind -> (a corpus message of that kind, the ASIN the test shop sells as a SKU, template)
CASES = {
    "ip_complaint": ("ip-tm-listings", "B0NW123456", "amazon_ip_poa"),
    "authenticity": ("auth-buyer-complaint", "B0AU123450", "amazon_authenticity_poa"),
    "listing_policy": ("pw-fair-pricing", "B0PR778899", "amazon_listing_policy_poa"),
    "listing_removed": ("lr-detail-pages", "B0DP111111", "amazon_listing_policy_poa"),
    "product_safety": ("sf-documents", "B0SF343434", "amazon_safety_poa"),
    "account_deactivated": ("ad-contacts", None, "amazon_account_poa"),
    "account_health": ("ar-72h", None, "amazon_account_poa"),
}


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    """An Amazon shop with the All Listings Report imported and one pasted message per kind,
    each naming an ASIN the shop sells (so the notice is stored against its SKU)."""
    db = open_db(Path(tmp_path_factory.mktemp("poa")) / "shopwatch.db")
    shop = queries.add_shop(db, "amz", "amazon", now=iso(now_utc()))
    rules = load_rules("amazon")
    assert file_import.import_files(db, shop, [ALL_LISTINGS], rules=rules).ok
    notices = {}
    for kind, (message, asin, _) in CASES.items():
        text = MESSAGES[message]
        if asin:
            text = text.replace(asin, "B0TESTSC01")
        parsed = file_import.understand_notice(text, rules=rules)
        assert parsed.kind == kind, (message, parsed.kind)
        outcome = file_import.add_notices(db, shop, [parsed.to_record()], rules=rules)
        assert outcome.ok, outcome.result.error
        notices[kind] = next(n for n in queries.list_notices(db, shop_id=shop.id)
                             if n.kind == kind)
    yield db, notices
    db.close()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("kind", list(CASES))
def test_each_amazon_kind_drafts_an_english_structured_poa(stored, kind, language):
    db, notices = stored
    notice = notices[kind]
    library = TemplateLibrary(user=None)
    info = library.suggest(kind, language)
    assert info.name == CASES[kind][2]
    letter = draft.compose(db, library, draft.load_facts(db, notice.id), info, EVIDENCE,
                           today=date(2026, 12, 3))
    assert letter.complete and not letter.missing, letter.missing
    body = letter.body
    assert body.startswith("# Plan of Action: ")
    assert not CJK.search(body), CJK.findall(body)
    for heading in ("## 1. The notice", "## 2. Root cause", "## 3. Corrective actions taken",
                    "## 4. Preventive measures", "## 5. Evidence"):
        assert heading in body
    assert EVIDENCE["root_cause"] in body
    for leak in ("None", "{{", "{%", "Undefined"):
        assert leak not in body
    if CASES[kind][1]:  # the message named the ASIN of SKU SCARF-BL-01
        assert notice.listing_id == "SCARF-BL-01"
        assert "SKU SCARF-BL-01" in body
    if kind == "account_deactivated":
        assert "reactivate our selling account" in body
    if kind == "account_health":
        assert "at risk of deactivation" in body

    pairs = side_by_side(body, kind)
    assert [p.section for p in pairs] == list(SECTIONS)
    assert "".join(p.english for p in pairs).replace("\n", "") == body.replace("\n", "")
    for pair in pairs:
        assert CJK.search(pair.chinese) and pair.chinese.rstrip().endswith("。")
        assert not re.search(r"[\u4e00-\u9fff][,;:!?]", pair.chinese), pair.chinese
        assert not CJK.search(pair.english)


def test_kind_specific_advice_is_added_where_it_matters():
    assert "365 天" in explanation("evidence", "authenticity")
    assert "365 天" not in explanation("evidence", "listing_policy")
    assert "授权" in explanation("evidence", "ip_complaint")
    assert "检测报告" in explanation("evidence", "product_safety")
    assert explanation("root_cause", "catalog_item_removed") == explanation("root_cause",
                                                                            "listing_policy")
    assert explanation("notice") == EXPLANATIONS["notice"]
    with pytest.raises(ValueError, match="unknown POA section"):
        explanation("appendix")


def test_a_section_the_seller_added_still_gets_a_note():
    body = ("# Plan of Action: x\n\nDear team,\n\n## 2. Root cause\n\nA.\n\n"
            "## 6. Timeline\n\nOn 1 Dec we fixed it.\n\nYours faithfully,\n\nShop")
    sections = [(p.section, p.heading) for p in side_by_side(body)]
    assert sections == [("title", "Plan of Action: x"), ("opening", ""),
                        ("root_cause", "Root cause"), ("timeline", "Timeline"),
                        ("closing", "")]
    assert "您自己添加" in side_by_side(body)[3].chinese
