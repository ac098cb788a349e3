"""``shopwatch exhibit``: the bundle's files match the SHA-256 its manifest states, its raw
records are the ledger's (their hashes recomputed from the run entries chain to the head),
and its PDF, read back by poppler, says what the notice and the listing were."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pytest

from shopwatch.cli import main
from shopwatch.config import db_path
from shopwatch.monitor import ledger

#: a real PDF written by another program, as a seller's invoice stands in for
EVIDENCE_PDF = Path("/usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf")


def _notice_with_listing(profile: Path) -> tuple[int, str]:
    conn = sqlite3.connect(db_path(profile))
    try:
        return conn.execute("SELECT n.id, n.listing_id FROM notices n JOIN listings l ON"
                            " l.listing_id = n.listing_id WHERE l.status ="
                            " 'violation_off_shelf' LIMIT 1").fetchone()
    finally:
        conn.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_bundle_matches_its_manifest_and_the_chain(profile, tmp_path, capsys, lang):
    notice_id, lid = _notice_with_listing(profile)
    args = ["--data-dir", str(profile)]
    evidence = []
    if EVIDENCE_PDF.is_file():
        evidence = ["--evidence", f"invoices={EVIDENCE_PDF}"]
    assert main([*args, "draft", str(notice_id), *evidence,
                 "order_ids=3561234567890123456"]) in (0, 2)
    out = tmp_path / "exhibit.zip"
    capsys.readouterr()
    assert main([*args, "exhibit", str(notice_id), "--output", str(out), "--lang", lang]) == 0
    with zipfile.ZipFile(out) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        names = set(zf.namelist()) - {"manifest.json"}
        assert names == {f["path"] for f in manifest["files"]}
        for f in manifest["files"]:
            blob = zf.read(f["path"])
            assert hashlib.sha256(blob).hexdigest() == f["sha256"] and len(blob) == f["bytes"]
        if evidence:
            (ev,) = [n for n in names if n.startswith("evidence/")]
            assert zf.read(ev) == EVIDENCE_PDF.read_bytes()
        records = manifest["records"]
        assert records, "the listing's raw records travel with the bundle"
        for rec in records:
            doc = json.loads(zf.read(rec["path"]))
            assert doc["raw"]["num_iid"] in (lid, int(lid))
            assert hashlib.sha256(zf.read(rec["path"])).hexdigest() == rec["sha256"]
        pdf = zf.read(f"exhibit-{lang}.pdf")
    # the chain links hold, and each covering run's hash recomputes from its entries, which
    # name the record for this listing
    runs = manifest["chain"]["runs"]
    assert manifest["chain"]["head"] == runs[-1]["run_hash"]
    assert all(b["prev_hash"] == a["run_hash"] for a, b in zip(runs, runs[1:], strict=False))
    by_id = {r["run_id"]: r for r in runs}
    for rec in records:
        for run_id in rec["runs"]:
            run = by_id[run_id]
            entries = [tuple(e) for e in run["entries"]]
            assert (lid, rec["sha256"]) in {(e[0], e[1]) for e in entries}
            assert ledger.run_hash(run["prev_hash"], run_id=run_id, shop_id=1,
                                   recorded_at=run["recorded_at"], seen=run["seen"],
                                   entries=entries) == run["run_hash"]
    # the PDF as a real reader sees it
    (tmp_path / "x.pdf").write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "x.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert lid in text and manifest["chain"]["head"] in text
    assert ("申诉证据材料" in text and "处罚前后流量" in text) if lang == "zh" else \
        ("Appeal exhibits" in text and "Traffic before and after" in text)


def test_an_unknown_notice_is_refused_and_writes_nothing(profile, tmp_path, capsys):
    out = tmp_path / "x.zip"
    assert main(["--data-dir", str(profile), "exhibit", "999", "--output", str(out)]) == 1
    assert "No notice 999" in capsys.readouterr().err and not out.exists()


def test_an_exhibit_list_in_the_letter_parses_and_replaces_an_earlier_one():
    from shopwatch.appeals import markup
    from shopwatch.appeals.exhibit import Exhibit, with_exhibits

    items = [Exhibit(1, "summary", "", "exhibit-en.pdf"),
             Exhibit(2, "file", "invoice: *scan*.pdf", "evidence/01-scan.pdf"),
             Exhibit(3, "record", "4, 7", "records/abc.json")]
    letter = "# Appeal\n\nDear team,\nplease review.\n"
    once = with_exhibits(letter, items, "en")
    twice = with_exhibits(once, items[:2], "en")
    assert twice.count("## Exhibits") == 1 and "Exhibit 3" not in twice
    texts = markup.to_text(once)
    assert "Exhibit 2: Seller's evidence: invoice: *scan*.pdf (evidence/01-scan.pdf)" in texts
    assert "Exhibit 3: The platform's own record of the listing (sync runs 4, 7" in texts
    assert markup.to_text(with_exhibits(letter, items, "zh_CN")).count("附件") >= 3
