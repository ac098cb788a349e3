"""``shopwatch notices edit ID`` / ``notices remove ID`` (issue 13) and what ``notices add``
flags as not in the text: exit codes 0 done, 2 usage; JSON shapes."""

from __future__ import annotations

import json

import pytest

from shopwatch.cli import main

NOTICE = ("您的商品「真丝围巾」（ID: 600123400001）因涉嫌虚假交易被删除，扣除一般违规积分12分。"
          "如有异议请于2026-11-26 18:00前申诉。")
TWO = ("经排查，您店铺以下商品存在虚假交易：商品ID：600123400002、600123400003，已删除违规销量，"
       "扣3分。申诉截止：2026-11-27 10:00。")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def notice(capsys, profile, monkeypatch):
    monkeypatch.setenv("SHOPWATCH_HOME", str(profile))
    assert run(capsys, "shop", "add", "s", "--platform", "file")[0] == 0
    code, out, _ = run(capsys, "notices", "add", "--shop", "s", "--text", NOTICE, "--json")
    assert code == 0
    return json.loads(out)["stored"]["id"]


def alerts(capsys) -> list[dict]:
    return json.loads(run(capsys, "alerts", "--all", "--json")[1])


def test_remove_withdraws_the_notice_and_its_alerts(capsys, notice):
    assert {a["notice_id"] for a in alerts(capsys) if a["kind"] == "new_penalty"} == {notice}
    code, out, _ = run(capsys, "notices", "remove", str(notice), "--json")
    assert code == 0
    removed = json.loads(out)
    assert removed["status"] == "removed" and removed["notice"]["id"] == notice
    assert len(removed["withdrawn_alerts"]) == 2  # new penalty, 12 points reached
    assert json.loads(run(capsys, "notices", "--json")[1]) == []
    assert alerts(capsys) == []


def test_edit_corrects_and_reraises(capsys, notice):
    code, out, _ = run(capsys, "notices", "edit", str(notice), "--points", "3",
                       "--listing", "600123400009,600123400010", "--deadline", "2026-11-30")
    assert code == 0 and "Corrected notice" in out and "withdrew" in out
    stored = json.loads(run(capsys, "notices", "--json")[1])[0]
    assert (stored["points"], stored["listing_id"], stored["listing_ids"]) == (
        3, "600123400009", ["600123400009", "600123400010"])
    assert stored["appeal_deadline"] == "2026-11-30T23:59:59+08:00"
    left = alerts(capsys)
    assert [a["details"]["points"] for a in left if a["kind"] == "new_penalty"] == [3]
    assert not any(a["kind"] == "points_threshold" and a["details"]["reached"] for a in left)
    code, out, _ = run(capsys, "notices", "edit", str(notice), "--deadline", "none", "--json")
    assert code == 0 and json.loads(out)["notice"]["appeal_deadline"] is None


@pytest.mark.parametrize("argv", [
    ["notices", "edit"], ["notices", "remove"], ["notices", "edit", "99", "--points", "1"],
    ["notices", "remove", "99"], ["notices", "edit", "{id}"],
    ["notices", "edit", "{id}", "--points", "lots"], ["notices", "edit", "{id}", "--kind", "x"],
    ["notices", "edit", "{id}", "--deadline", "someday"],
    ["notices", "remove", "{id}", "--points", "3"], ["notices", "add", "{id}", "--shop", "s"],
])
def test_usage_errors_exit_2_and_change_nothing(capsys, notice, argv):
    before = json.loads(run(capsys, "notices", "--json")[1])
    code, _, err = run(capsys, *[a.format(id=notice) for a in argv])
    assert code == 2 and err.strip()
    assert json.loads(run(capsys, "notices", "--json")[1]) == before


def test_a_notice_with_an_appeal_needs_force_to_remove(capsys, notice, tmp_path):
    code, _, err = run(capsys, "draft", str(notice), "--output", str(tmp_path / "a.txt"),
                       "--evidence", "order_ids=3561234567890123456", "logistics_company=SF",
                       "tracking_numbers=SF1234567890")
    assert code == 0, err
    code, _, err = run(capsys, "notices", "remove", str(notice))
    assert code == 2 and "--force" in err
    assert run(capsys, "notices", "remove", str(notice), "--force")[0] == 0


def test_add_lists_every_listing_and_flags_what_the_text_does_not_say(capsys, notice):
    code, out, _ = run(capsys, "notices", "add", "--shop", "s", "--text", TWO, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["stored"]["listing_ids"] == ["600123400002", "600123400003"]
    assert data["understood"]["uncertain"] == ["category"]
    code, out, _ = run(capsys, "notices", "add", "--shop", "s", "--text", TWO + " ", "--dry-run")
    assert "listing ids" in out and "600123400002, 600123400003" in out
    assert "does not say the ledger" in out
