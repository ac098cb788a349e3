"""``shopwatch verify|history|exhibit|restore-kit``: proof before punishment (issue 18) — the
evidence ledger checked, a listing's whole story, an appeal's exhibit bundle, and the deleted
listings' last content as a file listing tools import again."""

from __future__ import annotations

import argparse

from shopwatch.commands.context import EXIT_OK, Context
from shopwatch.commands.output import emit_json
from shopwatch.monitor import ledger

#: ``verify`` found a link of the chain that does not hold
EXIT_BROKEN = 3


def register(sub: argparse._SubParsersAction) -> None:
    ve = sub.add_parser("verify", help="check the evidence ledger: every run's hash chain and "
                        "every stored record (exit 3 names the first broken link)")
    ve.add_argument("--shop", metavar="NAME")
    ve.add_argument("--json", action="store_true")
    ve.set_defaults(handler=run_verify)


def run_verify(ctx: Context) -> int:
    args = ctx.args
    shops = ctx.shops(args.shop)
    verdicts = ledger.verify(ctx.db, [s.id for s in shops])
    names = {s.id: s.name for s in shops}
    broken = [v for v in verdicts if not v.intact]
    if args.json:
        emit_json({
            "intact": not broken,
            "shops": [{
                "shop": names.get(v.shop_id, str(v.shop_id)), "intact": v.intact,
                "runs": v.runs, "records": v.records, "head": v.head,
                "broken": None if v.broken is None else {
                    "run_id": v.broken.run_id, "what": v.broken.what,
                    "message": v.broken.message, "listing_id": v.broken.listing_id,
                    "record_hash": v.broken.record_hash},
            } for v in verdicts],
        })
    else:
        for v in verdicts:
            name = names.get(v.shop_id, str(v.shop_id))
            if v.intact:
                head = f", last run hash {v.head}" if v.head else ""
                print(f"{name}: intact — {v.runs} runs, {v.records} records{head}")
            else:
                assert v.broken is not None
                print(f"{name}: BROKEN at run {v.broken.run_id} — {v.broken.message}")
    return EXIT_BROKEN if broken else EXIT_OK
