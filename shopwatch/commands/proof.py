"""``shopwatch verify|history|exhibit|restore-kit``: proof before punishment (issue 18) — the
evidence ledger checked, a listing's whole story, an appeal's exhibit bundle, and the deleted
listings' last content as a file listing tools import again."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from shopwatch.commands.context import EXIT_ERROR, EXIT_OK, CommandError, Context
from shopwatch.commands.output import emit_json, table
from shopwatch.models import Shop
from shopwatch.monitor import ledger
from shopwatch.monitor.timeline import listing_timeline
from shopwatch.store import queries

#: ``verify`` found a link of the chain that does not hold
EXIT_BROKEN = 3


def register(sub: argparse._SubParsersAction) -> None:
    ve = sub.add_parser("verify", help="check the evidence ledger: every run's hash chain and "
                        "every stored record (exit 3 names the first broken link)")
    ve.add_argument("--shop", metavar="NAME")
    ve.add_argument("--json", action="store_true")
    ve.set_defaults(handler=run_verify)

    hi = sub.add_parser("history", help="a listing's whole story: versions, status changes "
                        "(with the run and the source's words), notices, alerts, traffic")
    hi.add_argument("listing_id", metavar="LISTING_ID")
    hi.add_argument("--shop", metavar="NAME")
    hi.add_argument("--json", action="store_true")
    hi.set_defaults(handler=show_history)

    ex = sub.add_parser("exhibit", help="an appeal's exhibit bundle: PDF summary, the raw "
                        "records, evidence files and a manifest of SHA-256 hashes (.zip)")
    ex.add_argument("notice_id", type=int, metavar="NOTICE_ID")
    ex.add_argument("--output", "-o", metavar="FILE.zip", required=True)
    ex.add_argument("--lang", choices=["zh", "en"], default="zh",
                    help="language of the PDF summary (default zh)")
    ex.add_argument("--json", action="store_true", help="print the manifest")
    ex.set_defaults(handler=make_exhibit)

    rk = sub.add_parser("restore-kit", help="listings the platform deleted or delisted, as a "
                        "淘宝助理 data package (.csv) to put them back up after the appeal")
    rk.add_argument("--shop", metavar="NAME", required=True)
    rk.add_argument("--since", metavar="DATE", help="only those removed on or after DATE "
                    "(YYYY-MM-DD)")
    rk.add_argument("--output", "-o", metavar="FILE.csv", required=True)
    rk.add_argument("--json", action="store_true")
    rk.set_defaults(handler=make_restore_kit)


def run_verify(ctx: Context) -> int:
    args = ctx.args
    shops = ctx.shops(args.shop)
    from shopwatch.monitor import ledger_check

    with ctx.db.atomic():  # one snapshot: a sync committing meanwhile is not a broken link
        verdicts = ledger.verify(ctx.db, [s.id for s in shops])
    from shopwatch.timeutil import now_utc

    checked = now_utc()
    known = {s.id for s in shops}
    for verdict in verdicts:  # the app's Overview shows the latest check, this one included
        if verdict.shop_id in known:
            ledger_check.record(ctx.db, verdict, checked)
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


def listing_shop(ctx: Context, listing_id: str, name: str | None) -> Shop:
    """The shop holding ``listing_id``: the one named, or the only one that has it."""
    if name:
        return ctx.shop(name)
    holders = queries.shops_with_listing(ctx.db, listing_id)
    shops = {s.id: s for s in queries.list_shops(ctx.db)}
    if not holders:
        raise CommandError(f"No shop has a listing {listing_id}; see 'shopwatch listings'.")
    if len(holders) > 1:
        names = ", ".join(shops[h].name for h in holders)
        raise CommandError(f"Listing {listing_id} is in several shops ({names}); "
                           "name one with --shop.")
    return shops[holders[0]]


def show_history(ctx: Context) -> int:
    args = ctx.args
    shop = listing_shop(ctx, args.listing_id, args.shop)
    timeline = listing_timeline(ctx.db, shop.id, args.listing_id)
    if timeline is None:
        raise CommandError(f"Shop '{shop.name}' has no listing {args.listing_id}.")
    if args.json:
        emit_json({"shop": shop.name, **timeline.to_json()})
        return EXIT_OK
    item = timeline.listing
    print(f"{item.listing_id}  {item.title}  [{item.status}]")
    table([(e.at, e.kind, e.run_id or "", e.summary) for e in timeline.events],
          ["when", "what", "run", "detail"], max_widths={3: 90})
    return EXIT_OK


def make_exhibit(ctx: Context) -> int:
    from shopwatch.appeals.exhibit import ExhibitError, collect, write_bundle
    from shopwatch.appeals.export import ExportError

    args = ctx.args
    try:
        data = collect(ctx.db, ctx.profile, args.notice_id, args.lang)
        from shopwatch.ui.exhibit_pdf import render  # Qt only when a bundle is made

        manifest = write_bundle(ctx.db, data, Path(args.output), render)
    except (ExhibitError, ExportError) as exc:
        raise CommandError(str(exc), EXIT_ERROR) from exc
    if args.json:
        emit_json(manifest)
    else:
        print(f"Wrote {args.output}: {len(manifest['files'])} files, "
              f"{len(manifest['records'])} raw records, chain head {manifest['chain']['head']}")
    return EXIT_OK


def make_restore_kit(ctx: Context) -> int:
    from shopwatch.appeals.restore_kit import RestoreKitError, restorable, write_restore_kit

    args = ctx.args
    since = None
    if args.since:
        try:
            since = date.fromisoformat(args.since).isoformat()
        except ValueError:
            raise CommandError(f"--since {args.since!r}: give a date as YYYY-MM-DD.") from None
    shop = ctx.shop(args.shop)
    items = restorable(list(queries.load_listings(ctx.db, shop.id).values()), since)
    try:
        write_restore_kit(items, Path(args.output))
    except RestoreKitError as exc:
        raise CommandError(str(exc), EXIT_ERROR) from exc
    if args.json:
        emit_json({"output": str(args.output), "listings": [
            {"listing_id": i.listing_id, "title": i.title, "status": i.status,
             "status_changed_at": i.status_changed_at} for i in items]})
    else:
        print(f"Wrote {args.output}: {len(items)} listings to restore (open it in 淘宝助理 / "
              "千牛 and upload)")
    return EXIT_OK
