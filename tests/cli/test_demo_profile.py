"""`shopwatch demo` (and `gui --demo`) run in their own profile folder: the seller's profile,
its syncs, digests and channels never see the demo shop, and running the demo again never
deletes what the seller made in it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shopwatch.cli import main
from shopwatch.config import demo_profile_dir

EVIDENCE = ("order_ids=3561234567890123456", "logistics_company=顺丰速运",
            "tracking_numbers=SF1234567890123")


def run(capsys, profile: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(profile), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_demo_shop_never_enters_the_sellers_profile(capsys, tmp_path):
    profile = tmp_path / "seller"
    code, out, err = run(capsys, profile, "demo", "--days", "3", "--listings", "60")
    assert code == 0, err
    demo = demo_profile_dir(profile)
    assert demo != profile and demo.is_dir()
    assert str(demo) in out  # the demo says where it lives
    # the seller's own profile has no demo shop, so `sync` (all shops) and the alert list
    # (what digests are made of) have nothing from the demo
    code, out, _ = run(capsys, profile, "shop", "list", "--json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = run(capsys, profile, "alerts", "--all", "--json")
    assert code == 0 and json.loads(out) == []
    code, _, err = run(capsys, profile, "sync", "--json")
    assert code == 2 and "No shops to sync" in err
    # the demo profile holds it, and the line the demo prints to look at it works
    code, out, _ = run(capsys, demo, "shop", "list", "--json")
    assert [s["name"] for s in json.loads(out)] == ["demo"]


def test_the_demo_profile_is_the_same_folder_when_named_directly(capsys, tmp_path):
    profile = tmp_path / "seller"
    run(capsys, profile, "demo", "--days", "1", "--listings", "60")
    demo = demo_profile_dir(profile)
    # `--data-dir <demo profile> demo` continues that demo rather than nesting another one
    assert demo_profile_dir(demo) == demo
    code, _, err = run(capsys, demo, "demo", "--days", "1")
    assert code == 0, err
    assert not (demo / "demo").exists()


def _first_false_trading_notice(capsys, demo: Path) -> dict:
    code, out, _ = run(capsys, demo, "notices", "--json")
    return next(n for n in json.loads(out) if n["kind"] == "false_trading" and n["listing_id"])


def test_running_the_demo_again_keeps_what_the_seller_made(capsys, tmp_path):
    profile = tmp_path / "seller"
    code, _, err = run(capsys, profile, "demo", "--days", "4", "--listings", "60")
    assert code == 0, err
    demo = demo_profile_dir(profile)
    notice = _first_false_trading_notice(capsys, demo)
    code, _, err = run(capsys, demo, "draft", str(notice["id"]), "--evidence", *EVIDENCE)
    assert code == 0, err
    code, out, _ = run(capsys, demo, "alerts", "--json")
    acked = json.loads(out)[0]["id"]
    assert run(capsys, demo, "ack", str(acked))[0] == 0

    code, out, err = run(capsys, profile, "demo", "--days", "2", "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["continued"] is True and [d["day"] for d in doc["days"]] == [5, 6]
    code, out, _ = run(capsys, demo, "appeal", "list", "--json")
    appeals = json.loads(out)
    assert len(appeals) == 1 and appeals[0]["notice_id"] == notice["id"]
    code, out, _ = run(capsys, demo, "alerts", "--all", "--json")
    assert next(a for a in json.loads(out) if a["id"] == acked)["acknowledged_at"]

    code, out, err = run(capsys, profile, "demo", "--days", "1")
    assert code == 0 and "--reset" in out and "day 7" in out


def test_reset_starts_a_fresh_demo_only_when_asked_and_says_so(capsys, tmp_path):
    profile = tmp_path / "seller"
    run(capsys, profile, "demo", "--days", "4", "--listings", "60")
    demo = demo_profile_dir(profile)
    notice = _first_false_trading_notice(capsys, demo)
    assert run(capsys, demo, "draft", str(notice["id"]), "--evidence", *EVIDENCE)[0] == 0
    (profile / "keep.txt").write_text("the seller's own file", encoding="utf-8")

    code, out, err = run(capsys, profile, "demo", "--reset", "--days", "1", "--listings", "60")
    assert code == 0, err
    assert "--reset" in out and "1 appeal" in out and "deleted" in out
    code, out, _ = run(capsys, demo, "appeal", "list", "--json")
    assert json.loads(out) == []
    assert (profile / "keep.txt").read_text(encoding="utf-8") == "the seller's own file"


def test_a_different_seed_for_an_existing_demo_asks_for_reset(capsys, tmp_path):
    profile = tmp_path / "seller"
    run(capsys, profile, "demo", "--days", "1", "--listings", "60")
    code, out, err = run(capsys, profile, "demo", "--seed", "99", "--days", "1")
    assert code == 2 and "--reset" in err and out == ""


def test_reset_never_deletes_a_folder_that_is_not_a_demo_profile(capsys, tmp_path):
    profile = tmp_path / "seller"
    squatter = demo_profile_dir(profile)
    squatter.mkdir(parents=True)
    (squatter / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, profile, "demo", "--reset", "--days", "1")
    assert code == 2 and "not a demo profile" in err
    assert (squatter / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_gui_demo_opens_the_demo_profile(capsys, tmp_path, monkeypatch):
    pytest.importorskip("PySide6")
    import shopwatch.ui.app as app

    seen = {}
    monkeypatch.setattr(app, "run", lambda options: seen.setdefault("options", options) and 0)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    profile = tmp_path / "seller"
    assert run(capsys, profile, "gui", "--demo")[0] == 0
    assert Path(seen["options"].data_dir) == demo_profile_dir(profile)
    seen.clear()
    assert run(capsys, profile, "gui")[0] == 0
    assert Path(seen["options"].data_dir) == profile


def test_a_demo_shop_left_in_the_sellers_profile_by_an_earlier_version_is_named_not_deleted(
        capsys, tmp_path):
    from datetime import date

    from shopwatch.demo.runtime import DemoConfig, reset_demo_shop
    from shopwatch.store.db import open_db

    profile = tmp_path / "seller"
    profile.mkdir()
    db = open_db(profile / "shopwatch.db")
    reset_demo_shop(db, DemoConfig(start_date=date(2026, 11, 1)))  # as the old demo did
    db.close()
    code, out, err = run(capsys, profile, "demo", "--days", "1", "--listings", "60")
    assert code == 0 and "shop remove demo" in err
    code, out, _ = run(capsys, profile, "shop", "list", "--json")
    assert [s["name"] for s in json.loads(out)] == ["demo"]  # still there: the seller decides
