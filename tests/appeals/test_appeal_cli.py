"""The CLI contract: ``shopwatch draft`` prints or writes the letter (UTF-8); with evidence
missing it exits 2 and prints one line ``missing: a, b`` on stderr; ``shopwatch templates
check`` exits non-zero for a bad template; appeals move along their life cycle."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from shopwatch.cli import main
from shopwatch.config import demo_profile_dir
from shopwatch.store import queries

from .conftest import write_template

FALSE_TRADING_EVIDENCE = ("order_ids=3561234567890123456,3561234567890123457",
                          "logistics_company=顺丰速运", "tracking_numbers=SF1234567890123")


def run(capsys, profile: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(profile), *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def notice_id(shop_data) -> int:
    return shop_data.notices["false_trading"].id


def test_draft_with_missing_evidence_exits_2_with_one_missing_line(capsys, profile, notice_id):
    code, out, err = run(capsys, profile, "draft", str(notice_id))
    assert code == 2
    assert out == ""
    assert err == "missing: order_ids, logistics_company, tracking_numbers\n"
    # a script supplies some of them: the rest are still missing, the given ones kept
    code, _, err = run(capsys, profile, "draft", str(notice_id), "--evidence",
                       "order_ids=3561234567890123456", "logistics_company=顺丰速运")
    assert (code, err) == (2, "missing: tracking_numbers\n")
    code, out, err = run(capsys, profile, "draft", str(notice_id), "--evidence",
                         "tracking_numbers=SF1234567890123")
    assert code == 0, err
    assert "订单编号：3561234567890123456" in out and "顺丰速运" in out


def test_draft_prints_the_letter_and_stores_the_draft(capsys, profile, shop_data, notice_id):
    code, out, err = run(capsys, profile, "draft", str(notice_id), "--evidence",
                         *FALSE_TRADING_EVIDENCE)
    assert code == 0, err
    assert out.startswith("虚假交易处罚申诉书\n")
    assert "**" not in out and "\n## " not in out  # plain text for the appeal form
    assert shop_data.listings["false_trading"].title in out
    (appeal,) = queries.list_appeals(shop_data.db, notice_id)
    assert (appeal.status, appeal.template, appeal.language) == ("draft", "false_trading", "zh_CN")
    code, out, _ = run(capsys, profile, "draft", str(notice_id), "--markdown", "--no-save")
    assert code == 0 and out.startswith("# 虚假交易处罚申诉书\n")


def test_draft_in_english_with_a_named_template(capsys, profile, notice_id):
    code, out, err = run(capsys, profile, "draft", str(notice_id), "--lang", "en",
                         "--template", "general", "--evidence",
                         "statement=The orders were placed by returning customers.")
    assert code == 0, err
    assert out.startswith('Appeal against the notice "虚假交易处罚通知"\n')
    assert "The orders were placed by returning customers." in out


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".pdf"])
def test_draft_writes_the_output_file(capsys, profile, notice_id, tmp_path, suffix, request):
    if suffix == ".pdf":
        request.getfixturevalue("qapp")  # one Qt application per test process
    target = tmp_path / f"申诉{suffix}"
    code, out, err = run(capsys, profile, "draft", str(notice_id), "--output", str(target),
                         "--evidence", *FALSE_TRADING_EVIDENCE)
    assert code == 0, err
    assert out == "" and f"Wrote {target}" in err
    if suffix == ".txt":
        text = target.read_text(encoding="utf-8")
    elif suffix == ".docx":
        text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    else:
        text = "".join(page.extract_text() for page in PdfReader(str(target)).pages)
    assert "虚假交易处罚申诉书" in text and "3561234567890123456" in text


def test_draft_json(capsys, profile, notice_id):
    code, out, err = run(capsys, profile, "draft", str(notice_id), "--json", "--evidence",
                         "order_ids=3561234567890123456")
    assert code == 2 and err == "missing: logistics_company, tracking_numbers\n"
    doc = json.loads(out)
    assert doc["complete"] is False and doc["body"] is None
    assert doc["missing"] == ["logistics_company", "tracking_numbers"]
    assert doc["template"] == "false_trading" and doc["appeal_id"] is not None


@pytest.mark.parametrize(("evidence", "message"), [
    ("order_ids=12ab", "'12ab' is not valid (a Taobao order number is 12–20 digits)"),
    ("order_number=3561234567890123456", "unknown evidence field 'order_number'"),
    ("no-equals-sign", "is not KEY=VALUE"),
    ("invoices=/no/such/file.pdf", "no such file"),
])
def test_draft_refuses_invalid_evidence(capsys, profile, notice_id, evidence, message):
    code, out, err = run(capsys, profile, "draft", str(notice_id), "--evidence", evidence)
    assert code == 2 and out == ""
    assert message in err


def test_draft_for_an_unknown_notice_or_template(capsys, profile, notice_id):
    code, _, err = run(capsys, profile, "draft", "999")
    assert code == 2 and "No notice with id 999" in err
    code, _, err = run(capsys, profile, "draft", str(notice_id), "--template", "nope")
    assert code == 2 and "no zh_CN template named 'nope'" in err
    code, _, err = run(capsys, profile, "draft", str(notice_id), "--output", "letter.odt")
    assert code == 2 and "cannot export" in err


def test_draft_copies_evidence_files_and_shows_them(capsys, profile, notice_id, tmp_path):
    invoice = tmp_path / "进货发票.pdf"
    invoice.write_bytes(b"%PDF-1.4\n" + b"0" * 64)
    code, out, err = run(capsys, profile, "draft", str(notice_id), "--evidence",
                         *FALSE_TRADING_EVIDENCE, f"invoices={invoice}")
    assert code == 0, err
    assert "进货发票：进货发票.pdf" in out
    code, out, _ = run(capsys, profile, "evidence", str(notice_id), "--json")
    doc = json.loads(out)
    (record,) = doc["evidence"]["invoices"]
    assert (profile / record["path"]).read_bytes() == invoice.read_bytes()
    assert code == 0 and doc["problems"] == []


def test_templates_check_accepts_good_and_refuses_bad_templates(capsys, profile, tmp_path):
    folder = tmp_path / "en"
    good = write_template(folder, "good", "# Dear team\n\n{{ order_ids|join(', ') }}\n",
                          required='["order_ids"]')
    assert run(capsys, profile, "templates", "check", str(good))[0] == 0
    cases = {
        "syntax": write_template(folder, "syntax", "{% if listing %}\n"),
        "unknown": write_template(folder, "unknown", "{{ passport }}\n"),
        "declared": write_template(folder, "declared", "x\n", required='["passport"]'),
        "sandbox": write_template(folder, "sandbox", "{{ shop.__class__.__mro__ }}\n"),
    }
    for name, path in cases.items():
        code, out, _ = run(capsys, profile, "templates", "check", str(path))
        assert code != 0, name
        assert f"FAIL  {path}" in out
    code, out, _ = run(capsys, profile, "templates", "check", str(cases["sandbox"]))
    assert "refused by the sandbox" in out


def test_templates_check_without_files_checks_all(capsys, profile):
    code, out, err = run(capsys, profile, "templates", "check")
    assert code == 0, out + err
    assert out.count("ok    ") >= 20 and "FAIL" not in out


def test_templates_list_and_copy_then_override(capsys, profile):
    code, out, _ = run(capsys, profile, "templates", "list", "--json")
    doc = json.loads(out)
    names = {(t["name"], t["language"]) for t in doc["templates"]}
    assert {("false_trading", "zh_CN"), ("false_trading", "en")} <= names
    code, out, _ = run(capsys, profile, "templates", "copy", "false_trading", "--lang", "en")
    assert code == 0
    copy = profile / "templates" / "appeals" / "en" / "false_trading.md.j2"
    assert copy.is_file()
    assert run(capsys, profile, "templates", "copy", "false_trading", "--lang", "en")[0] == 2
    code, out, _ = run(capsys, profile, "templates", "list", "--lang", "en")
    line = next(row for row in out.splitlines() if row.startswith("false_trading"))
    assert "user (replaces built-in)" in line


def test_appeal_life_cycle_from_the_command_line(capsys, profile, shop_data, notice_id):
    run(capsys, profile, "draft", str(notice_id), "--evidence", *FALSE_TRADING_EVIDENCE)
    (appeal,) = queries.list_appeals(shop_data.db, notice_id)
    code, out, _ = run(capsys, profile, "appeal", "submit", str(appeal.id))
    assert code == 0 and f"notice #{notice_id} is appealed" in out
    code, out, _ = run(capsys, profile, "appeal", "list", "--json")
    assert json.loads(out)[0]["status"] == "submitted"
    code, _, err = run(capsys, profile, "appeal", "delete", str(appeal.id))
    assert code == 2 and "only drafts can be deleted" in err
    code, out, _ = run(capsys, profile, "appeal", "accept", str(appeal.id))
    assert code == 0 and "revoked" in out
    code, _, err = run(capsys, profile, "appeal", "reject", str(appeal.id))
    assert code == 2 and "it is final" in err
    code, out, _ = run(capsys, profile, "appeal", "show", str(appeal.id))
    assert code == 0 and out.startswith("虚假交易处罚申诉书")


def test_draft_works_on_a_notice_from_the_demo_shop(capsys, profile):
    code, _, err = run(capsys, profile, "demo", "--days", "4", "--listings", "60", "--json")
    assert code == 0, err
    profile = demo_profile_dir(profile)  # the demo shop lives in its own profile
    code, out, _ = run(capsys, profile, "notices", "--json")
    notices = json.loads(out)
    demo_notice = next(n for n in notices if n["kind"] == "false_trading" and n["listing_id"])
    code, out, err = run(capsys, profile, "draft", str(demo_notice["id"]), "--evidence",
                         *FALSE_TRADING_EVIDENCE)
    assert code == 0, err
    assert "虚假交易处罚申诉书" in out and f"商品 ID：{demo_notice['listing_id']}" in out
    for notice in notices:  # without evidence, every other notice names what it needs
        if notice["id"] != demo_notice["id"]:
            code, out, err = run(capsys, profile, "draft", str(notice["id"]), "--no-save")
            assert (code, out) == (2, "") and err.startswith("missing: ")


def test_the_missing_line_is_the_only_stderr_of_a_real_process(profile, shop_data, notice_id):
    env = dict(os.environ, PYTHONIOENCODING="ascii")  # a hostile console encoding
    result = subprocess.run(
        [sys.executable, "-m", "shopwatch", "--data-dir", str(profile), "draft", str(notice_id),
         "--evidence", "order_ids=3561234567890123456"],
        capture_output=True, env=env, timeout=60)
    assert result.returncode == 2
    assert result.stderr.decode("utf-8") == "missing: logistics_company, tracking_numbers\n"
    result = subprocess.run(
        [sys.executable, "-m", "shopwatch", "--data-dir", str(profile), "draft", str(notice_id),
         "--evidence", "logistics_company=顺丰速运", "tracking_numbers=SF1234567890123"],
        capture_output=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "物流运单号：SF1234567890123" in result.stdout.decode("utf-8")
