"""``shopwatch history``: one listing's versions, status changes in the source's own words,
notices, alerts and traffic, in time order."""

from __future__ import annotations

import json
import sqlite3

from shopwatch.cli import main
from shopwatch.config import db_path


def _violation_listing(profile) -> str:
    conn = sqlite3.connect(db_path(profile))
    try:
        return conn.execute("SELECT listing_id FROM listings WHERE status ="
                            " 'violation_off_shelf' AND listing_id IN (SELECT listing_id FROM"
                            " notices) LIMIT 1").fetchone()[0]
    finally:
        conn.close()


def test_history_of_a_delisted_listing_tells_the_whole_story(profile, capsys):
    lid = _violation_listing(profile)
    capsys.readouterr()
    assert main(["--data-dir", str(profile), "history", lid, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["listing"]["listing_id"] == lid
    events = out["events"]
    kinds = {e["kind"] for e in events}
    assert {"version", "status", "record", "notice", "alert", "traffic"} <= kinds
    change = [e for e in events if e["kind"] == "status"][-1]
    # the run that saw it, and Taobao's own words: the inventory banner it was listed under
    assert change["details"]["to"] == "violation_off_shelf" and change["run_id"]
    assert change["details"]["source_words"] == \
        "taobao.items.inventory.get banner=violation_off_shelf"
    first = [e for e in events if e["kind"] == "status"][0]
    assert first["details"]["source_words"] == "taobao.items.onsale.get"
    # ordered in time whatever the offsets: the status change precedes its alert
    assert events.index(change) < max(i for i, e in enumerate(events) if e["kind"] == "alert")
    days = [e["at"] for e in events if e["kind"] == "traffic"]
    assert days == sorted(days)


def test_history_in_words_and_of_an_unknown_listing(profile, capsys):
    lid = _violation_listing(profile)
    capsys.readouterr()
    assert main(["--data-dir", str(profile), "history", lid]) == 0
    assert "banner=violation_off_shelf" in capsys.readouterr().out
    assert main(["--data-dir", str(profile), "history", "1234"]) == 2
    assert "No shop has a listing 1234" in capsys.readouterr().err
