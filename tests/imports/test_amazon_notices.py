"""Pasted Amazon e-mails and Account Health messages, held to the Amazon notice corpus
(notice_corpus/amazon.json: 35 messages in the wording of public examples, SOURCES.md): the
kind, every SKU and ASIN, the complaint id, the rights owner, the account status and the
deadline. The notice lands through the same paste path as any other (``shopwatch notices
add``, the GUI's paste box), linked to the shop's SKU when it names an ASIN."""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shopwatch.cli import main
from shopwatch.imports.amazon_notice import is_amazon_text, read_amazon
from shopwatch.imports.notice_text import parse_notice_text
from shopwatch.monitor.rules import load_rules

FOLDER = Path(__file__).parent / "notice_corpus"
CORPUS = json.loads((FOLDER / "amazon.json").read_text(encoding="utf-8"))
HOLDOUT = json.loads((FOLDER / "amazon_holdout.json").read_text(encoding="utf-8"))
NOW = datetime.fromisoformat(CORPUS["now"])
KINDS = load_rules("amazon").notice_kinds
FIELDS = ("kind", "listings", "complaint_id", "rights_owner", "account_status", "deadline")
ALL_LISTINGS = Path(__file__).parent / "amazon_files" / "All+Listings+Report+11-27-2026.txt"


def read(text: str) -> dict:
    parsed = parse_notice_text(text, kinds=KINDS, now=NOW).as_dict()
    amazon = parsed.get("amazon") or {}
    return {"kind": parsed["kind"], "listings": parsed["listing_ids"],
            "complaint_id": amazon.get("complaint_id"),
            "rights_owner": amazon.get("rights_owner"),
            "account_status": amazon.get("account_status"),
            "deadline": parsed["appeal_deadline"], "uncertain": parsed["uncertain"]}


def test_the_corpus_covers_every_kind_of_message():
    entries = CORPUS["entries"]
    assert len(entries) >= 30
    kinds = {e["expected"]["kind"] for e in entries}
    assert {"ip_complaint", "authenticity", "listing_removed", "listing_policy",
            "product_safety", "restricted_product", "account_health",
            "account_deactivated"} <= kinds
    assert sum(1 for e in entries if e["expected"]["rights_owner"]) >= 5
    assert sum(1 for e in entries if e["expected"]["complaint_id"]) >= 5
    assert sum(1 for e in entries if any(not x.startswith("B0") for x in
                                         e["expected"]["listings"])) >= 8  # SKUs
    assert len({e["id"] for e in entries}) == len(entries)


@pytest.mark.parametrize("entry", CORPUS["entries"], ids=[e["id"] for e in CORPUS["entries"]])
def test_every_message_of_the_corpus(entry):
    got = read(entry["text"])
    assert {f: got[f] for f in FIELDS} == entry["expected"]


@pytest.mark.parametrize("field", FIELDS)
def test_held_out_messages_read_at_least_three_in_four(field):
    # written after the reader was tuned and never tuned to (SOURCES.md): a floor, not a goal
    entries = HOLDOUT["entries"]
    wrong = [e["id"] for e in entries if read(e["text"])[field] != e["expected"][field]]
    assert len(wrong) <= len(entries) // 4, wrong


def test_amazon_takes_no_points_and_says_so_only_where_it_matters():
    got = read(CORPUS["entries"][0]["text"])
    assert "points" not in got["uncertain"] and "category" not in got["uncertain"]


def test_taobao_and_chinese_notices_are_not_read_as_amazon():
    taobao = json.loads((FOLDER / "corpus.json").read_text(encoding="utf-8"))["entries"]
    for entry in taobao:
        if entry["style"] != "amazon":
            assert read_amazon(entry["text"]) is None, entry["id"]
    assert not is_amazon_text("亚马逊 Amazon 卖家后台通知：您的商品因侵权被下架，请在三天内申诉。"
                              "这是一段很长的中文说明文字，用来确认中文通知不走英文解析。")


def test_without_amazon_kinds_the_rule_set_keeps_its_own_names():
    # a shop fed by files reads with Taobao's rule data: an IP complaint is its ip_infringement
    text = CORPUS["entries"][0]["text"]
    parsed = parse_notice_text(text, kinds=load_rules("file").notice_kinds, now=NOW)
    assert parsed.kind == "ip_infringement"
    assert parsed.reference == "8012345671"
    assert parsed.amazon.rights_owner == "Northwind Brands LLC"


def run(capsys, monkeypatch, *argv: str, stdin: str | None = None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_pasted_ip_complaint_is_stored_against_the_sku_of_its_asin(capsys, monkeypatch):
    assert run(capsys, monkeypatch, "shop", "add", "amz", "--platform", "file")[0] == 0
    assert run(capsys, monkeypatch, "import", str(ALL_LISTINGS), "--shop", "amz")[0] == 0
    text = CORPUS["entries"][0]["text"].replace("B0NW123456", "B0TESTSC01")
    code, out, err = run(capsys, monkeypatch, "notices", "add", "--shop", "amz", "--text", "-",
                         "--json", stdin=text)
    assert code == 0, out + err
    payload = json.loads(out)
    assert payload["understood"]["amazon"]["complaint_id"] == "8012345671"
    assert payload["understood"]["amazon"]["rights_owner"] == "Northwind Brands LLC"
    stored = payload["stored"]
    assert stored["listing_id"] == "SCARF-BL-01"  # the SKU the shop sells ASIN B0TESTSC01 as
    assert "Northwind Brands LLC" in stored["title"]
    # pasting it again stores nothing new: the complaint id makes it the same notice
    code, out, _ = run(capsys, monkeypatch, "notices", "add", "--shop", "amz", "--text", "-",
                       "--json", stdin=text + "\n")
    assert json.loads(out)["status"] == "exists"


# --- property: whatever the order and filler, every named SKU and ASIN is found ----------

_ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
ASINS = st.text(_ALNUM, min_size=8, max_size=8).map(lambda s: "B0" + s)
SKUS = st.from_regex(r"[A-Z]{2,6}-[A-Z0-9]{1,6}(\.[0-9])?", fullmatch=True)
FILLER = st.sampled_from([
    "We removed some of your listings because we received a report from a rights owner.",
    "Why did this happen?", "Seller Performance Team", "Hello,", "",
    "If you believe this was in error, send us a plan of action within 17 days.",
    "Title: Stainless Travel Mug 500 ml", "Infringement type: Trademark"])


@given(items=st.lists(st.tuples(SKUS, ASINS), min_size=1, max_size=4, unique_by=lambda t: t[0]),
       filler=st.lists(FILLER, max_size=6), complaint=st.from_regex(r"[1-9][0-9]{9}",
                                                                     fullmatch=True))
def test_every_sku_and_asin_named_is_found_in_order(items, filler, complaint):
    lines = ["Amazon Seller Central"] + filler
    for sku, asin in items:
        lines += [f"ASIN: {asin}", f"SKU: {sku}"]
    lines.append(f"Complaint ID: {complaint}")
    got = parse_notice_text("\n".join(lines), kinds=KINDS, now=NOW)
    skus = list(dict.fromkeys(s for s, _ in items))
    asins = list(dict.fromkeys(a for _, a in items))
    assert got.listing_ids == skus + asins
    assert got.reference == complaint and got.amazon.complaint_id == complaint
    assert got.points is None
