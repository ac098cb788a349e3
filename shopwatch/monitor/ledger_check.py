"""The weekly check of each shop's evidence ledger (issue 18): the app recomputes the hash
chain when the last check is a week old, off the GUI thread, and the Overview says when it
ran and whether every link held. ``shopwatch verify`` records its result the same way, so a
check made from the command line counts too. No Qt here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlite_utils

from shopwatch.monitor import ledger
from shopwatch.store import queries
from shopwatch.timeutil import iso, parse_iso

#: how old the last check may be before the app runs the next one
CHECK_EVERY = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class LedgerCheck:
    shop_id: int
    checked_at: str
    intact: bool
    runs: int
    records: int
    head: str | None = None
    broken_run: int | None = None
    broken_what: str | None = None
    message: str | None = None


def record(db: sqlite_utils.Database, verdict: ledger.ShopVerdict, now: datetime) -> LedgerCheck:
    """Store ``verdict`` as the shop's latest check (one transaction)."""
    broken = verdict.broken
    check = LedgerCheck(verdict.shop_id, iso(now), verdict.intact, verdict.runs,
                        verdict.records, verdict.head,
                        broken.run_id if broken else None, broken.what if broken else None,
                        broken.message if broken else None)
    with db.atomic():
        queries.save_ledger_check(db, check.shop_id, checked_at=check.checked_at,
                                  intact=check.intact, runs=check.runs, records=check.records,
                                  head=check.head, broken_run=check.broken_run,
                                  broken_what=check.broken_what, message=check.message)
    return check


def last_check(db: sqlite_utils.Database, shop_id: int) -> LedgerCheck | None:
    row = queries.ledger_check(db, shop_id)
    if row is None:
        return None
    return LedgerCheck(row["shop_id"], row["checked_at"], bool(row["intact"]), row["runs"],
                       row["records"], row["head"], row["broken_run"], row["broken_what"],
                       row["message"])


def is_due(check: LedgerCheck | None, now: datetime, every: timedelta = CHECK_EVERY) -> bool:
    if check is None:
        return True
    at = parse_iso(check.checked_at)
    # a check stamped in the future (the clock was wrong) is redone
    return at is None or at > now or now - at >= every


def verify_snapshot(db: sqlite_utils.Database, shop_id: int) -> ledger.ShopVerdict:
    """``ledger.verify_shop`` inside one read transaction: a sync committing meanwhile must not
    show the check a run without its entries (a false "broken")."""
    with db.atomic():
        return ledger.verify_shop(db, shop_id)


def check_due(db: sqlite_utils.Database, shop_ids: list[int], now: datetime, *,
              every: timedelta = CHECK_EVERY) -> list[LedgerCheck]:
    """Verify every shop whose last check is ``every`` old (or that was never checked) and
    has a ledger; the checks made."""
    with_ledger = set(queries.ledger_shop_ids(db))
    made = []
    for shop_id in shop_ids:
        if shop_id in with_ledger and is_due(last_check(db, shop_id), now, every):
            made.append(record(db, verify_snapshot(db, shop_id), now))
    return made
