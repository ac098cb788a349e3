"""``shopwatch poa-check FILE.json``: the Plan of Action's evidence checks from the command
line — exit 0 when ready, 3 with what Amazon would reject, a plain error for a bad file."""

from __future__ import annotations

import json
from datetime import date, timedelta

from shopwatch.cli import main


def _write(tmp_path, data) -> str:
    path = tmp_path / "poa.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


GOOD = {
    "invoices": [{"number": "INV-1", "date": (date.today() - timedelta(days=40)).isoformat(),
                  "supplier": "Ningbo Example Trading", "lines": [{"item": "SW-1", "quantity": 50}]}],
    "suppliers": [{"name": "Ningbo Example Trading", "address": "1 Harbour Rd, Ningbo",
                   "phone": "+86 574 8888 0000", "email": "sales@example.cn"}],
    "units_sold": {"SW-1": 40},
}


def test_ready_evidence_exits_0(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path), "poa-check", _write(tmp_path, GOOD),
                 "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["ready"] is True and doc["findings"]


def test_an_old_invoice_and_a_short_quantity_exit_3_and_say_why(tmp_path, capsys):
    bad = json.loads(json.dumps(GOOD))
    bad["invoices"][0]["date"] = (date.today() - timedelta(days=400)).isoformat()
    bad["units_sold"] = {"SW-1": 90}
    assert main(["--data-dir", str(tmp_path), "poa-check", _write(tmp_path, bad),
                 "--lang", "zh_CN"]) == 3
    out = capsys.readouterr().out
    assert "[error]" in out and "Not ready" in out
    assert any("\u4e00" <= ch <= "\u9fff" for ch in out)  # the findings in Chinese


def test_a_file_that_is_not_evidence_is_refused_plainly(tmp_path, capsys):
    path = tmp_path / "poa.json"
    path.write_text("{not json", encoding="utf-8")
    assert main(["--data-dir", str(tmp_path), "poa-check", str(path)]) != 0
    assert "is not JSON" in capsys.readouterr().err
    assert main(["--data-dir", str(tmp_path), "poa-check",
                 _write(tmp_path, {"invoices": [{"number": "X", "lines": [{"item": ""}]}]})]) != 0
    assert "Nothing was checked" in capsys.readouterr().err
