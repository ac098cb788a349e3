"""Amazon Plans of Action: drafted from notices the Amazon connector stored (against the demo
SP-API server), in English whichever language the app speaks, with the POA's structure."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from shopwatch.appeals import draft
from shopwatch.appeals.templates import TemplateLibrary
from shopwatch.store import queries
from tests.reliability.amazon_support import AmazonShop

EVIDENCE = {
    "root_cause": "The listing used the brand name Northwind in its title although the goods "
                  "are an unbranded compatible accessory.",
    "corrective_actions": ["Removed the brand name from the title and bullet points of SKU "
                           "listings", "Reviewed all 60 listings for third-party brand names"],
    "preventive_actions": ["Every new listing is checked against the brand registry before it "
                           "goes live"],
    "supplier": "Ningbo Example Trading Co., Ltd., +86 574 0000 0000, sales@example.cn",
    "invoices": [{"name": "invoice-2026-10.pdf", "sha256": "a" * 64, "size": 10,
                  "path": "evidence/notice-1/aaaa-invoice-2026-10.pdf"}],
}
CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


@pytest.fixture(scope="module")
def stored(tmp_path_factory) -> AmazonShop:
    shop = AmazonShop.start(Path(tmp_path_factory.mktemp("amazon")))
    for day in (0, 2, 5):
        shop.market.set_day(day)
        assert shop.sync().status == "ok"
    yield shop
    shop.close()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("kind,template", [("ip_complaint", "amazon_ip_poa"),
                                           ("catalog_item_removed", "amazon_listing_policy_poa"),
                                           ("listing_suppressed", "amazon_listing_policy_poa")])
def test_poa_is_english_and_structured_in_either_ui_language(stored, language, kind, template):
    notice = next(n for n in queries.list_notices(stored.db, shop_id=stored.shop.id)
                  if n.kind == kind and n.listing_id)
    library = TemplateLibrary(user=None)
    info = library.suggest(kind, language)
    assert info.name == template
    facts = draft.load_facts(stored.db, notice.id)
    letter = draft.compose(stored.db, library, facts, info, EVIDENCE, today=date(2026, 12, 3))
    assert letter.complete and not letter.missing
    body = letter.body
    assert body.startswith("# Plan of Action: ")
    assert not CJK.search(body), CJK.findall(body)
    for heading in ("## 1. The notice", "## 2. Root cause", "## 3. Corrective actions taken",
                    "## 4. Preventive measures", "## 5. Evidence"):
        assert heading in body
    if template == "amazon_ip_poa":  # the policy letter takes no invoices
        assert "## 5. Evidence\n\n1. Purchase invoices: invoice-2026-10.pdf" in body
    else:
        assert "## 5. Evidence\n\n1. The corrected listing itself (SKU " in body
    assert f"SKU {notice.listing_id}" in body
    assert EVIDENCE["root_cause"] in body
    assert notice.text in body  # Amazon's issue code and message
    for leak in ("None", "{{", "{%", "Undefined"):
        assert leak not in body


def test_authenticity_poa_needs_invoices_and_supplier(stored):
    library = TemplateLibrary(user=None)
    notice = next(n for n in queries.list_notices(stored.db, shop_id=stored.shop.id)
                  if n.listing_id)
    facts = draft.load_facts(stored.db, notice.id)
    info = library.get("amazon_authenticity_poa", "en")
    partial = {k: v for k, v in EVIDENCE.items() if k not in ("invoices", "supplier")}
    letter = draft.compose(stored.db, library, facts, info, partial, today=date(2026, 12, 3))
    assert not letter.complete
    assert set(letter.missing) == {"invoices", "supplier"}
