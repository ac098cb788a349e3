"""Seller Central's Suppressed Listings report (Fix Your Products; the Reports API's
GET_MERCHANTS_LISTINGS_FYP_REPORT) imports through ``shopwatch import`` like the All Listings
Report, and maps statuses as the SP-API connector does: a suppressed listing is
``violation_off_shelf`` with Amazon's reason kept; a search-suppressed one stays on sale and is
``demoted`` with the reason. It names only suppressed listings, so it never makes any other
listing missing. The files in amazon_files/ follow the public headers (amazon_files/SOURCES.md)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from shopwatch.cli import main

FILES = Path(__file__).parent / "amazon_files"
ALL_LISTINGS = FILES / "All+Listings+Report+11-27-2026.txt"
SUPPRESSED = FILES / "Suppressed+Listings+Report+11-27-2026.txt"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def listings(capsys) -> dict[str, dict]:
    code, out, err = run(capsys, "listings", "--shop", "amz", "--json")
    assert code == 0, err
    return {r["listing_id"]: r for r in json.loads(out)}


def alerts(capsys) -> list[dict]:
    code, out, err = run(capsys, "alerts", "--shop", "amz", "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def shop(capsys):
    assert run(capsys, "shop", "add", "amz", "--platform", "file")[0] == 0
    code, out, err = run(capsys, "import", str(ALL_LISTINGS), "--shop", "amz", "--json")
    assert code == 0, out + err
    assert json.loads(out)["listings"] == 4


def _check_overlay(capsys) -> None:
    by_id = listings(capsys)
    assert set(by_id) == {"SCARF-BL-01", "STAND-BAM-2", "CUP-SET-4", "BEANIE-GR"}
    stand, cup = by_id["STAND-BAM-2"], by_id["CUP-SET-4"]
    assert stand["status"] == "violation_off_shelf"
    assert stand["asin"] == "B0TESTST02"
    assert stand["issues"] == [{
        "code": "Missing required attributes", "severity": "ERROR",
        "message": "The listing is missing the required attributes: item_weight, "
                   "country_of_origin", "actions": ["LISTING_SUPPRESSED"],
        "source": "suppressed listings report"}]
    assert (cup["status"], cup["search_status"]) == ("active", "suppressed")
    assert cup["issues"][0]["actions"] == ["SEARCH_SUPPRESSED"]
    for sku in ("SCARF-BL-01", "BEANIE-GR"):  # not in the report: untouched
        assert (by_id[sku]["status"], by_id[sku]["search_status"]) == ("active", "normal")
    found = {(a["kind"], a["listing_id"]): a for a in alerts(capsys)}
    assert ("violation_off_shelf", "STAND-BAM-2") in found
    demoted = found[("demoted", "CUP-SET-4")]
    assert "Main image does not meet requirements" in demoted["message"]
    assert not any(k == "deleted" for k, _ in found)
    code, out, _ = run(capsys, "notices", "--shop", "amz", "--json")
    notices = {(n["kind"], n["listing_id"]) for n in json.loads(out)}
    assert {("listing_suppressed", "STAND-BAM-2"), ("search_suppressed", "CUP-SET-4")} <= notices


def test_suppressed_report_alone_overlays_the_shop_and_keeps_the_reason(capsys, shop):
    code, out, err = run(capsys, "import", str(SUPPRESSED), "--shop", "amz", "--json")
    assert code == 0, out + err
    result = json.loads(out)
    assert result["files"][0]["kind"] == "amazon_suppressed"
    _check_overlay(capsys)


def test_both_reports_in_one_import(capsys):
    assert run(capsys, "shop", "add", "amz", "--platform", "file")[0] == 0
    code, out, err = run(capsys, "import", str(ALL_LISTINGS), str(SUPPRESSED), "--shop", "amz",
                         "--json")
    assert code == 0, out + err
    by_id = listings(capsys)
    assert by_id["STAND-BAM-2"]["status"] == "violation_off_shelf"
    assert by_id["CUP-SET-4"]["search_status"] == "suppressed"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "gb18030", "utf-8-sig"])
def test_suppressed_report_in_each_encoding(capsys, shop, tmp_path, encoding):
    text = SUPPRESSED.read_text(encoding="utf-8").replace("Bamboo Laptop Stand",
                                                           "竹制笔记本支架")
    path = tmp_path / "Suppressed.txt"
    path.write_bytes(text.encode(encoding))
    code, out, err = run(capsys, "import", str(path), "--shop", "amz", "--json")
    assert code == 0, out + err
    _check_overlay(capsys)


def test_a_listing_no_longer_suppressed_is_reinstated(capsys, shop, tmp_path):
    assert run(capsys, "import", str(SUPPRESSED), "--shop", "amz")[0] == 0
    lines = SUPPRESSED.read_text(encoding="utf-8").splitlines()
    later = tmp_path / "Suppressed+later.txt"
    later.write_text("\n".join([lines[0], lines[2]]) + "\n", encoding="utf-8")  # stand fixed
    code, out, err = run(capsys, "import", str(later), "--shop", "amz", "--json")
    assert code == 0, out + err
    by_id = listings(capsys)
    assert by_id["STAND-BAM-2"]["status"] == "active"
    assert by_id["STAND-BAM-2"]["issues"] == []
    assert by_id["CUP-SET-4"]["search_status"] == "suppressed"


def test_all_listings_report_does_not_undo_a_suppression_it_cannot_see(capsys, shop):
    # The All Listings Report says "Inactive" for a suppressed listing; it knows no reason, so
    # re-importing it must not look like Amazon lifted the suppression.
    assert run(capsys, "import", str(SUPPRESSED), "--shop", "amz")[0] == 0
    assert run(capsys, "import", str(ALL_LISTINGS), "--shop", "amz")[0] == 0
    by_id = listings(capsys)
    assert by_id["STAND-BAM-2"]["status"] == "violation_off_shelf"
    assert by_id["STAND-BAM-2"]["issues"][0]["code"] == "Missing required attributes"
    # an active row in the listings report is live again: the search suppression it cannot see
    # stays as the suppressed report said until the next suppressed report
    assert by_id["CUP-SET-4"]["status"] == "active"


@pytest.mark.parametrize("edit,where,says", [
    (lambda ls: ls[:1] + ["Quarantined\tx\tSTAND-BAM-2\tB0TESTST02\tStand\tNew\tNov 26, 2026\td"],
     "line 2, column Status", "'Quarantined' is not a status"),
    (lambda ls: ls[:1] + ["Inactive\tMissing\tSTAND-BAM-2"], "line 2", "cut off"),
    (lambda ls: ls[:1] + ["Inactive\tMissing\t\tB0TESTST02\tStand\tNew\tNov 26, 2026\td"],
     "line 2, column SKU", "empty"),
    (lambda ls: [ls[0].replace("SKU", "Seller ref")] + ls[1:], "line 1", "no SKU column"),
    (lambda ls: ls[:2] + [ls[1].replace("Missing required attributes", "Other")],
     "line 3", "STAND-BAM-2 appears twice"),
])
def test_a_malformed_report_fails_clearly_and_changes_nothing(capsys, shop, tmp_path, edit,
                                                              where, says):
    before = listings(capsys)
    path = tmp_path / "Suppressed+bad.txt"
    path.write_text("\n".join(edit(SUPPRESSED.read_text(encoding="utf-8").splitlines())) + "\n",
                    encoding="utf-8")
    code, out, err = run(capsys, "import", str(path), "--shop", "amz")
    assert code == 3, out + err
    assert f"Suppressed+bad.txt, {where}" in err and says in err, err
    assert listings(capsys) == before


def test_a_watch_folder_takes_the_suppressed_report_beside_the_listings(capsys, tmp_path):
    from shopwatch.connectors.files import newest_by_kind

    folder = tmp_path / "exports"
    folder.mkdir()
    shutil.copy(ALL_LISTINGS, folder)
    shutil.copy(SUPPRESSED, folder)
    found = newest_by_kind(folder)
    assert found["listings"].name == ALL_LISTINGS.name
    assert found["amazon_suppressed"].name == SUPPRESSED.name


def test_the_import_preview_reads_it_and_offers_no_column_mapping():
    # the app's import dialog previews a file before importing it with the kind it detected
    from shopwatch.imports.preview import preview_file

    preview = preview_file(SUPPRESSED)
    assert preview.ok and preview.error is None
    assert preview.kind == "amazon_suppressed"
    assert [r.sku for r in preview.parsed.suppressed] == ["STAND-BAM-2", "CUP-SET-4"]
    assert preview.fields() == () and preview.mapping().to_json() == {}


def test_a_listing_now_only_hidden_from_search_is_back_on_sale():
    from shopwatch.imports.amazon_suppressed import SuppressedRow, overlay
    from shopwatch.models import ListingRecord

    off = SuppressedRow("S1", 2, False, "Inactive", "Missing attributes")
    hidden = SuppressedRow("S1", 2, True, "Search Suppressed", "Image")
    first = overlay([ListingRecord("S1", "Stand")], [off], reinstate=True)[0]
    assert first.status == "violation_off_shelf"
    later = overlay([first], [hidden], reinstate=True)[0]
    assert (later.status, later.search_status) == ("active", "suppressed")
    # a listing the seller took off sale stays so when it is also hidden from search
    own = overlay([ListingRecord("S1", "Stand", status="seller_off_shelf")], [hidden],
                  reinstate=True)[0]
    assert own.status == "seller_off_shelf"
