"""The command-line contract of issue 6: ``shop add --platform file``, ``import``,
``notices add`` and ``rules``; exit codes 0 done, 2 usage/config, 3 failed import; JSON shapes."""

from __future__ import annotations

import io
import json
import os

import pytest

from shopwatch.cli import main

from .conftest import HEADER_ZH, listing_rows

NOTICE_KEYS = {"id", "shop", "kind", "severity", "points", "listing_id", "issued_at",
               "appeal_deadline", "status", "text", "category", "title", "source_id"}
NOTICE = ("您的商品「真丝围巾」（ID: 600123400001）因涉嫌虚假交易被删除，扣除一般违规积分12分。"
          "如有异议请于2026-11-26 18:00前申诉。")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def shop(capsys):
    assert run(capsys, "shop", "add", "s", "--platform", "file")[0] == 0
    return "s"


def test_shop_add_file_with_and_without_a_watch_folder(capsys, tmp_path):
    code, out, _ = run(capsys, "shop", "add", "w", "--platform", "file", "--watch", str(tmp_path))
    assert code == 0 and f"watching {tmp_path}" in out
    code, out, _ = run(capsys, "shop", "add", "m", "--platform", "file")
    assert code == 0 and "shopwatch import FILE --shop m" in out
    code, out, _ = run(capsys, "shop", "list", "--json")
    assert {s["name"]: s["platform"] for s in json.loads(out)} == {"w": "file", "m": "file"}
    assert run(capsys, "shop", "add", "x", "--platform", "file", "--watch",
               str(tmp_path / "nope"))[0] == 2
    assert run(capsys, "shop", "add", "y", "--platform", "taobao", "--app-key", "k",
               "--watch", str(tmp_path))[0] == 2


def test_import_and_its_json(capsys, shop, exports):
    path = exports.text("items.csv", [["导出"], HEADER_ZH, *listing_rows(6)], encoding="gbk")
    code, out, _ = run(capsys, "import", str(path), "--shop", shop, "--json")
    assert code == 0
    result = json.loads(out)
    assert {"run_id", "shop", "status", "error", "files", "listings", "alerts"} <= result.keys()
    assert (result["status"], result["listings"]) == ("ok", 6)
    described = result["files"][0]
    assert (described["kind"], described["encoding"], described["header_line"]) == (
        "listings", "GBK/GB18030", 2)
    assert described["columns"]["listing_id"] == "宝贝ID"
    code, out, _ = run(capsys, "listings", "--shop", shop, "--json")
    assert len(json.loads(out)) == 6


def test_a_failed_import_exits_3_and_names_file_line_and_column(capsys, shop, exports):
    path = exports.text("bad.csv", [HEADER_ZH, *listing_rows(2), listing_rows(1)[0]])
    code, out, err = run(capsys, "import", str(path), "--shop", shop)
    assert code == 3 and out == ""
    assert "bad.csv, line 4, column 宝贝ID (A)" in err and "nothing was changed" in err
    code, out, _ = run(capsys, "import", str(path), "--shop", shop, "--json")
    assert code == 3 and json.loads(out)["error_kind"] == "file"
    assert json.loads(run(capsys, "listings", "--json")[1]) == []


def test_a_suspicious_drop_exits_3_until_confirmed(capsys, shop, exports):
    run(capsys, "import", str(exports.text("a.csv", [HEADER_ZH, *listing_rows(30)])),
        "--shop", shop)
    page = exports.text("b.csv", [HEADER_ZH, *listing_rows(5)])
    code, _, err = run(capsys, "import", str(page), "--shop", shop)
    assert code == 3 and "--confirm-drop" in err
    code, out, _ = run(capsys, "import", str(page), "--shop", shop, "--confirm-drop")
    assert code == 0 and "disappeared at once" in out


@pytest.mark.parametrize("argv", [
    ["import", "nowhere.csv", "--shop", "s"],
    ["import", "--shop", "s"],
    ["import", "x.csv", "--shop", "nobody"],
    ["import", "x.csv", "--shop", "s", "--mapping", "missing.toml"],
    ["import", ".", "--shop", "s"],
])
def test_usage_and_configuration_errors_exit_2(capsys, shop, exports, monkeypatch, argv):
    monkeypatch.chdir(exports.folder)
    exports.text("x.csv", [HEADER_ZH, *listing_rows(1)])
    code, _, err = run(capsys, *argv)
    assert code == 2 and err.startswith("shopwatch: ")


def test_an_unknown_kind_is_refused_by_the_parser(capsys, shop):
    with pytest.raises(SystemExit) as exit_:
        main(["import", "x.csv", "--shop", shop, "--kind", "photos"])
    assert exit_.value.code == 2


def test_a_bad_mapping_file_is_a_usage_error(capsys, shop, exports, tmp_path):
    mapping = tmp_path / "m.toml"
    mapping.write_text('[listings]\ncolour = "颜色"\n', encoding="utf-8")
    path = exports.text("x.csv", [HEADER_ZH, *listing_rows(1)])
    code, _, err = run(capsys, "import", str(path), "--shop", shop, "--mapping", str(mapping))
    assert code == 2 and "'colour' is not a field" in err


def test_a_mapping_is_saved_for_the_shop(capsys, shop, exports, tmp_path):
    mapping = tmp_path / "m.toml"
    mapping.write_text('[listings]\nlisting_id = "商品编码"\ntitle = "名称"\n', encoding="utf-8")
    rows = [["商品编码", "名称", "价格"], ["A-1", "围巾", "1"]]
    path = exports.text("x.csv", rows)
    assert run(capsys, "import", str(path), "--shop", shop, "--mapping", str(mapping))[0] == 0
    # the next export of the same shape imports without --mapping
    again = exports.text("y.csv", rows + [["A-2", "大衣", "2"]])
    assert run(capsys, "import", str(again), "--shop", shop)[0] == 0
    assert len(json.loads(run(capsys, "listings", "--json")[1])) == 2


def test_dry_run_shows_what_would_change_and_stores_nothing(capsys, shop, exports):
    run(capsys, "import", str(exports.text("a.csv", [HEADER_ZH, *listing_rows(4)])),
        "--shop", shop)
    path = exports.text("b.csv", [HEADER_ZH, *listing_rows(3, start=1)])
    code, out, _ = run(capsys, "import", str(path), "--shop", shop, "--dry-run", "--json")
    assert code == 0
    assert json.loads(out)["listing_changes"] == {"new": 0, "gone": 1, "status_changed": 0,
                                                  "unchanged_ids": 3}
    statuses = {i["status"] for i in json.loads(run(capsys, "listings", "--json")[1])}
    assert statuses == {"active"}


def test_a_watched_shop_imports_new_exports_without_a_file_argument(capsys, exports):
    assert run(capsys, "shop", "add", "w", "--platform", "file", "--watch",
               str(exports.folder))[0] == 0
    path = exports.text("a.csv", [HEADER_ZH, *listing_rows(3)])
    os.utime(path, (1_000_000, 1_000_000))
    code, out, _ = run(capsys, "import", "--shop", "w")
    assert code == 0 and "3 listings" in out
    code, out, _ = run(capsys, "import", "--shop", "w", "--json")
    assert code == 0 and json.loads(out)["status"] == "unchanged"


def test_notices_add_dry_run_then_store_then_list(capsys, shop, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(NOTICE))
    code, out, _ = run(capsys, "notices", "add", "--shop", shop, "--text", "-", "--dry-run")
    assert code == 0 and "false_trading" in out and "Nothing stored" in out
    assert json.loads(run(capsys, "notices", "--json")[1]) == []

    code, out, _ = run(capsys, "notices", "add", "--shop", shop, "--text", NOTICE, "--json")
    assert code == 0
    added = json.loads(out)
    assert added["understood"]["points"] == 12
    assert {a["kind"] for a in added["alerts"]} == {"new_penalty", "points_threshold"}
    notices = json.loads(run(capsys, "notices", "--json")[1])
    assert len(notices) == 1 and NOTICE_KEYS <= notices[0].keys()
    assert (notices[0]["kind"], notices[0]["points"], notices[0]["listing_id"],
            notices[0]["appeal_deadline"]) == ("false_trading", 12, "600123400001",
                                               "2026-11-26T18:00:00+08:00")
    assert notices[0]["text"] == NOTICE
    code, out, _ = run(capsys, "notices", "add", "--shop", shop, "--text", NOTICE)
    assert code == 0 and "already stored" in out


def test_notices_add_from_a_gbk_file_with_corrections(capsys, shop, tmp_path):
    path = tmp_path / "notice.txt"
    path.write_bytes("亲，您的店铺有一条新的通知，请查看。".encode("gbk"))
    code, out, _ = run(capsys, "notices", "add", "--shop", shop, "--text-file", str(path),
                       "--kind", "misdescription", "--points", "3", "--listing", "600123400009",
                       "--issued", "2026-11-20 09:00", "--json")
    assert code == 0
    stored = json.loads(out)["stored"]
    assert (stored["kind"], stored["points"], stored["listing_id"], stored["issued_at"]) == (
        "misdescription", 3, "600123400009", "2026-11-20T09:00:00+08:00")
    assert stored["appeal_deadline"] == "2026-11-23T09:00:00+08:00"  # the rule's 3 days


def test_text_in_which_nothing_is_recognised_is_refused_unless_forced(capsys, shop):
    """Issue 13: gibberish was stored as a penalty with an invented 72 h deadline."""
    code, out, err = run(capsys, "notices", "add", "--shop", shop, "--text", "Hello from the shop")
    assert code == 2 and "not stored" in err and "--force" in err
    assert json.loads(run(capsys, "notices", "--json")[1]) == []
    code, out, _ = run(capsys, "notices", "add", "--shop", shop, "--text", "Hello from the shop",
                       "--json")
    assert code == 2 and json.loads(out)["status"] == "refused"
    code, out, _ = run(capsys, "notices", "add", "--shop", shop, "--text", "Hello from the shop",
                       "--force")
    assert code == 0 and "kept as 'other'" in out
    stored = json.loads(run(capsys, "notices", "--json")[1])[0]
    assert (stored["kind"], stored["appeal_deadline"]) == ("other", None)


def test_text_not_understood_but_corrected_by_the_seller_is_stored(capsys, shop):
    code, out, _ = run(capsys, "notices", "add", "--shop", shop, "--text", "Hello from the shop",
                       "--kind", "misdescription")
    assert code == 0
    assert json.loads(run(capsys, "notices", "--json")[1])[0]["kind"] == "misdescription"


@pytest.mark.parametrize("extra", [
    [], ["--text", "x", "--text-file", "y"], ["--text", "  "], ["--text", "x", "--points", "lots"],
    ["--text", "x", "--kind", "nonsense"], ["--text", "x", "--deadline", "someday"],
])
def test_notices_add_usage_errors_exit_2(capsys, shop, extra):
    assert run(capsys, "notices", "add", "--shop", shop, *extra)[0] == 2


def test_plain_notices_listing_is_unchanged(capsys, shop):
    code, out, _ = run(capsys, "notices", "--shop", shop)
    assert code == 0 and "No notices." in out


def test_rules_show_and_copy(capsys, profile):
    code, out, _ = run(capsys, "rules", "show", "--json")
    data = json.loads(out)
    assert code == 0 and data["override"] is None
    assert all({"verified", "verify", "edited"} <= i.keys() for i in data["items"])
    code, out, _ = run(capsys, "rules", "copy")
    assert code == 0 and (profile / "rules" / "taobao.toml").exists()
    code, out, _ = run(capsys, "rules", "show")
    assert code == 0 and "UNVERIFIED" in out


def test_sync_of_all_shops_skips_a_file_shop_without_a_watch_folder(capsys, shop):
    code, out, err = run(capsys, "sync", "--json")
    assert code == 0 and "skipped (updated by importing export files)" in err
    code, _, err = run(capsys, "sync", "--shop", shop)
    assert code == 2 and "shopwatch import FILE --shop s" in err
