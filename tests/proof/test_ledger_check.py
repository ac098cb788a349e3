"""The weekly ledger check (issue 18): due when never made or a week old, recorded for the
Overview whether the app or ``shopwatch verify`` made it, and never a false "broken" when a
sync commits while the check reads."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from shopwatch.cli import main
from shopwatch.config import db_path
from shopwatch.monitor import ledger, ledger_check
from shopwatch.store import queries
from shopwatch.store.db import open_db

NOW = datetime(2026, 11, 20, 8, 0, tzinfo=timezone.utc)


def test_a_check_is_due_weekly_and_recorded(profile):
    db = open_db(db_path(profile))
    shop_id = queries.ledger_shop_ids(db)[0]
    assert ledger_check.last_check(db, shop_id) is None
    (made,) = ledger_check.check_due(db, [shop_id], NOW)
    assert made.intact and made.runs > 0 and made.head
    assert ledger_check.last_check(db, shop_id) == made
    assert ledger_check.check_due(db, [shop_id], NOW + timedelta(days=6)) == []
    assert len(ledger_check.check_due(db, [shop_id], NOW + timedelta(days=7))) == 1
    # a check stamped in the future (a wrong clock) is made again
    assert len(ledger_check.check_due(db, [shop_id], NOW)) == 1
    db.close()


def test_a_broken_chain_is_recorded_with_its_first_broken_link(profile):
    db = open_db(db_path(profile))
    shop_id = queries.ledger_shop_ids(db)[0]
    runs = queries.ledger_runs(db, shop_id)
    db.execute("UPDATE ledger_runs SET seen = seen + 1 WHERE run_id = ?", [runs[2]["run_id"]])
    db.conn.commit()
    (made,) = ledger_check.check_due(db, [shop_id], NOW)
    assert not made.intact and made.broken_run == runs[2]["run_id"] and made.message
    db.close()


def test_shopwatch_verify_records_its_check_too(profile, capsys):
    assert main(["--data-dir", str(profile), "verify"]) == 0
    db = open_db(db_path(profile))
    shop_id = queries.ledger_shop_ids(db)[0]
    check = ledger_check.last_check(db, shop_id)
    assert check is not None and check.intact
    db.close()


def test_a_sync_committing_during_the_check_is_not_a_broken_link(profile, monkeypatch):
    """The check reads the runs, then the entries; a run committed in between would look like
    entries without a run. The check reads one snapshot."""
    db = open_db(db_path(profile))
    shop_id = queries.ledger_shop_ids(db)[0]
    last = queries.ledger_runs(db, shop_id)[-1]
    writer = open_db(db_path(profile))
    real_entries = queries.ledger_entries

    def entries_after_a_commit(conn, sid, listing_id=None):
        # another connection (a sync) commits a new run's entries right now
        new_run = queries.start_run(writer, sid, "2026-11-20T08:00:00+00:00")
        with writer.atomic():
            writer.execute(
                "INSERT INTO ledger_runs (run_id, shop_id, recorded_at, seen, prev_hash,"
                " run_hash) VALUES (?, ?, '2026-11-20T08:00:00+00:00', 1, ?, 'next')",
                [new_run, sid, last["run_hash"]])
            writer.execute(
                "INSERT INTO ledger_entries (run_id, listing_id, record_hash, status)"
                " VALUES (?, 'x-new', NULL, 'active')", [new_run])
        return real_entries(conn, sid, listing_id)

    monkeypatch.setattr(queries, "ledger_entries", entries_after_a_commit)
    verdict = ledger_check.verify_snapshot(db, shop_id)
    assert verdict.intact, verdict.broken
    assert verdict.head == last["run_hash"]
    # without the snapshot the same interleaving is a false alarm (so this test can fail)
    writer.execute("DELETE FROM ledger_entries WHERE listing_id = 'x-new'")
    writer.execute("DELETE FROM ledger_runs WHERE run_hash = 'next'")
    writer.conn.commit()
    verdict = ledger.verify_shop(db, shop_id)
    assert not verdict.intact and "not in the chain" in verdict.broken.message
    writer.close()
    db.close()
