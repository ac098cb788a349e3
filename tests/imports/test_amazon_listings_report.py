"""Seller Central's "All Listings Report" (GET_MERCHANT_LISTINGS_ALL_DATA: tab-separated .txt,
hyphenated English headers) imports into a file shop with the SKU as the listing id."""

from __future__ import annotations

import json

from shopwatch.cli import main
from shopwatch.demo.amazon_server import REPORT_COLUMNS


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def report_row(**cells: str) -> str:
    row = dict.fromkeys(REPORT_COLUMNS, "")
    row.update(cells)
    return "\t".join(row[c] for c in REPORT_COLUMNS)


def test_all_listings_report_imports_with_sku_as_listing_id(capsys, tmp_path):
    lines = ["\t".join(REPORT_COLUMNS),
             report_row(**{"item-name": "Silk Scarf Blue", "listing-id": "0301ZZZ1",
                           "seller-sku": "SCARF-BL-01", "price": "25.99", "quantity": "12",
                           "asin1": "B0TESTASN1", "status": "Active"}),
             report_row(**{"item-name": "Tea Cup Café", "listing-id": "0301ZZZ2",
                           "seller-sku": "CUP-02.RED", "price": "9.50", "quantity": "0",
                           "asin1": "B0TESTASN2", "status": "Inactive"}),
             report_row(**{"item-name": "Bamboo Stand", "listing-id": "0301ZZZ3",
                           "seller-sku": "STAND-3", "price": "", "quantity": "",
                           "asin1": "B0TESTASN3", "status": "Incomplete"})]
    path = tmp_path / "All+Listings+Report+12-03-2026.txt"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    assert run(capsys, "shop", "add", "amz", "--platform", "file")[0] == 0
    code, out, err = run(capsys, "import", str(path), "--shop", "amz", "--json")
    assert code == 0, out + err
    result = json.loads(out)
    assert result["listings"] == 3
    assert result["files"][0]["columns"]["listing_id"] == "seller-sku"
    code, out, _ = run(capsys, "listings", "--shop", "amz", "--json")
    by_id = {r["listing_id"]: r for r in json.loads(out)}
    assert set(by_id) == {"SCARF-BL-01", "CUP-02.RED", "STAND-3"}
    assert by_id["CUP-02.RED"]["title"] == "Tea Cup Café"
    assert (by_id["SCARF-BL-01"]["status"], by_id["SCARF-BL-01"]["price"]) == ("active", "25.99")
    assert by_id["CUP-02.RED"]["status"] == "seller_off_shelf"
    assert by_id["STAND-3"]["status"] == "seller_off_shelf"
