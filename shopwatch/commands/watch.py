"""``shopwatch sync|listings|alerts|notices|ack``: the monitoring commands. Their ``--json``
shapes are a contract: extend them, never rename fields."""

from __future__ import annotations

import argparse
import json

from shopwatch import alert_kinds
from shopwatch.commands.context import (
    EXIT_OK,
    EXIT_SYNC_FAILED,
    EXIT_USAGE,
    CommandError,
    Context,
)
from shopwatch.commands.output import emit_json, table
from shopwatch.commands.wording import for_cli
from shopwatch.models import LISTING_STATUSES, Alert, Listing, Notice
from shopwatch.monitor.rules import RulesError, load_rules
from shopwatch.monitor.service import UNCHANGED, ConfigError, sync_stored_shop
from shopwatch.monitor.sync import sort_alerts
from shopwatch.store import queries
from shopwatch.timeutil import human_time, human_times_in, iso, now_utc


def register(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser("sync", help="sync one shop (or all) now")
    s.add_argument("--shop", metavar="NAME")
    s.add_argument("--json", action="store_true")
    s.add_argument("--no-notify", action="store_true",
                   help="do not send phone/e-mail notifications after the sync")
    s.set_defaults(handler=run_sync)

    li = sub.add_parser("listings", help="show listings and their status")
    li.add_argument("--shop", metavar="NAME")
    li.add_argument("--status", choices=LISTING_STATUSES)
    li.add_argument("--json", action="store_true")
    li.set_defaults(handler=show_listings)

    al = sub.add_parser("alerts", help="show alerts (unacknowledged by default)")
    al.add_argument("--shop", metavar="NAME")
    al.add_argument("--all", action="store_true", help="include acknowledged alerts")
    al.add_argument("--json", action="store_true")
    al.set_defaults(handler=show_alerts)

    ack = sub.add_parser("ack", help="acknowledge alerts")
    ack.add_argument("ids", nargs="*", type=int, metavar="ID")
    ack.add_argument("--all", action="store_true", help="acknowledge every open alert")
    ack.add_argument("--shop", metavar="NAME")
    ack.set_defaults(handler=acknowledge)

    no = sub.add_parser("notices", help="show penalty and violation notices; 'notices add' "
                        "stores the text of a notice you received, 'notices edit ID' corrects "
                        "one, 'notices remove ID' removes one")
    no.add_argument("action", nargs="?", choices=["add", "edit", "remove"],
                    metavar="add|edit|remove",
                    help="add: store the text of a notice you received; edit ID: correct a "
                    "stored notice; remove ID: remove one (its alerts and queued "
                    "notifications are withdrawn with it)")
    no.add_argument("id", nargs="?", type=int, metavar="ID", help="edit/remove: the notice id")
    no.add_argument("--shop", metavar="NAME")
    no.add_argument("--json", action="store_true")
    # `notices add` (shopwatch.commands.imports.add_notice)
    no.add_argument("--text-file", metavar="FILE", help="add: the notice text in a file")
    no.add_argument("--text", metavar="TEXT", help="add: the notice text ('-' reads stdin)")
    no.add_argument("--dry-run", action="store_true", help="add: only show what was understood")
    no.add_argument("--force", action="store_true",
                    help="add: store text in which nothing was recognised (as 'other', without "
                    "a deadline); remove: also delete the notice's appeals")
    for flag, what in (("--kind", "violation kind"), ("--points", "points deducted"),
                       ("--category", "ledger (general | serious)"),
                       ("--listing", "listing id (several: comma-separated)"),
                       ("--issued", "issue time"),
                       ("--deadline", "appeal deadline ('none' clears it on edit)")):
        no.add_argument(flag, metavar=flag.strip("-").upper(),
                        help=f"add/edit: correct the {what}")
    no.set_defaults(handler=show_notices)


def _shop_names(ctx: Context) -> dict[int, str]:
    return {s.id: s.name for s in queries.list_shops(ctx.db)}


def alert_json(alert: Alert, shop: str) -> dict:
    return {"id": alert.id, "kind": alert.kind, "severity": alert.severity, "shop": shop,
            "listing_id": alert.listing_id, "notice_id": alert.notice_id,
            "created_at": alert.created_at, "message": alert.message,
            "acknowledged_at": alert.acknowledged_at, "details": alert.details}


def listing_json(item: Listing, shop: str) -> dict:
    out = {"listing_id": item.listing_id, "title": item.title, "price": item.price,
           "status": item.status, "search_status": item.search_status,
           "first_seen": item.first_seen, "last_seen": item.last_seen, "shop": shop,
           "quantity": item.quantity, "currency": item.currency, "url": item.url,
           "missing_since": item.missing_since, "status_changed_at": item.status_changed_at}
    if item.issues is not None:  # Amazon listings: listing_id is the SKU
        out["asin"] = item.asin
        out["issues"] = json.loads(item.issues)
    return out


def notice_json(n: Notice, shop: str) -> dict:
    return {"id": n.id, "shop": shop, "kind": n.kind, "severity": n.severity, "points": n.points,
            "listing_id": n.listing_id, "issued_at": n.issued_at,
            "appeal_deadline": n.appeal_deadline, "status": n.status, "text": n.text,
            "category": n.category, "title": n.title, "source_id": n.source_id,
            "listing_ids": list(n.listing_ids)}


def sync_json(results: list[dict]) -> dict:
    """The one shape of ``sync --json`` (docs/cli-json.md): the keys of a single shop's
    result, summed over every shop synced, and each shop's own result in ``results``. With
    one shop it is exactly that shop's result plus ``results``."""
    if len(results) == 1:
        return {**results[0], "results": results}
    failed = [r for r in results if r["status"] != "ok"]
    return {"run_id": None, "shop": None, "status": "failed" if failed else "ok",
            "listings": sum(r["listings"] for r in results),
            "error": "; ".join(f"{r['shop']}: {r['error']}" for r in failed) or None,
            "alerts": [a for r in results for a in r["alerts"]],
            "changed": sum(r["changed"] for r in results),
            "seconds": round(sum(r["seconds"] for r in results), 3), "results": results}


def run_sync(ctx: Context) -> int:
    shops = ctx.shops(ctx.args.shop)
    if not shops:
        raise CommandError("No shops to sync. Add one with 'shopwatch shop add', or run "
                           "'shopwatch demo'.")
    results, code = [], EXIT_OK
    for shop in shops:
        if (shop.platform == "file" and not ctx.args.shop
                and not shop.settings.get("file", {}).get("watch")):
            # updated only by 'shopwatch import': nothing to sync, and nothing wrong
            ctx.note(f"{shop.name}: skipped (updated by importing export files).")
            continue
        def progress(pages: int, items: int, message: str, _shop=shop.name) -> None:
            if not ctx.args.json:
                ctx.note(f"  {_shop}: {pages} pages, {items} listings {message}".rstrip())

        try:
            # the rule data with the user's edited copy from the profile merged in
            rules = load_rules(shop.platform, ctx.profile)
            result = sync_stored_shop(ctx.db, shop, settings=ctx.settings.detection,
                                      rules=rules, progress=progress, note=ctx.note,
                                      profile=ctx.profile)
        except (ConfigError, RulesError) as exc:
            if len(shops) == 1:
                raise CommandError(for_cli(str(exc), shop=shop.name), EXIT_USAGE) from exc
            ctx.note(f"{shop.name}: skipped: {for_cli(str(exc), shop=shop.name)}")
            code = max(code, EXIT_USAGE)
            continue
        if result.status not in ("ok", UNCHANGED):  # unchanged: a watch folder, nothing new
            code = EXIT_SYNC_FAILED
            if result.error_kind == "corrupt":  # found mid-sync: say what to run next
                from shopwatch.commands.problems import corruption_advice
                from shopwatch.config import db_path

                ctx.note(corruption_advice(db_path(ctx.profile)))
        results.append({"run_id": result.run_id, "shop": result.shop, "status": result.status,
                        "listings": result.listings,
                        "error": for_cli(result.error, shop=shop.name) or None,
                        "alerts": [alert_json(a, shop.name) for a in sort_alerts(result.alerts)],
                        "changed": result.changed, "seconds": round(result.duration_s, 3)})
        if not ctx.args.json:
            _print_sync(results[-1])
    if ctx.args.json:
        emit_json(sync_json(results))
    if not ctx.args.no_notify:
        _deliver(ctx)
    return code


def _deliver(ctx: Context) -> None:
    """Send what the syncs raised to the seller's phone/e-mail channels, after the syncs are
    saved: a dead channel can delay this command's exit, never a sync."""
    from shopwatch.notify.prefs import load_prefs

    prefs = load_prefs(ctx.settings)
    if not prefs.enabled or not any(c.enabled for c in prefs.channels):
        return
    from shopwatch.notify import service

    report = service.dispatcher(ctx.db, ctx.profile, settings=ctx.settings).run()
    if report.sent or report.failed or report.gave_up:
        ctx.note(f"Notifications: {report.sent} sent, {report.failed} to retry"
                 + (f", {report.gave_up} given up" if report.gave_up else "") + ".")
    for error in report.errors:
        ctx.note(f"  {for_cli(error)}")


def _print_sync(r: dict) -> None:
    if r["status"] == "busy":
        # another sync of this shop holds its lease: nothing was attempted (exit 3)
        print(f"{r['shop']}: {r['error']}")
        return
    if r["status"] == "ok":
        print(f"{r['shop']}: synced {r['listings']} listings in {r['seconds']:.1f} s, "
              f"{r['changed']} changed, {len(r['alerts'])} new alert(s).")
    else:
        print(f"{r['shop']}: sync failed, nothing was changed. {r['error']}")
    for a in r["alerts"]:
        print(f"  [{a['severity']}] {human_times_in(for_cli(a['message'], shop=r['shop']))}")


def show_listings(ctx: Context) -> int:
    names = _shop_names(ctx)
    shop_id = ctx.shop(ctx.args.shop).id if ctx.args.shop else None
    items = queries.list_listings(ctx.db, shop_id=shop_id, status=ctx.args.status)
    if ctx.args.json:
        emit_json([listing_json(i, names[i.shop_id]) for i in items])
        return 0
    if not items:
        print("No listings. Sync a shop first: 'shopwatch sync'.")
        return 0
    table([[i.listing_id, i.title, i.price or "", i.status,
            "" if i.search_status == "normal" else i.search_status, human_time(i.last_seen)]
           for i in items],
          ["ID", "TITLE", "PRICE", "STATUS", "SEARCH", "LAST SEEN"], max_widths={1: 36})
    return 0


def show_alerts(ctx: Context) -> int:
    names = _shop_names(ctx)
    shop_id = ctx.shop(ctx.args.shop).id if ctx.args.shop else None
    alerts = queries.list_alerts(ctx.db, shop_id=shop_id, include_acknowledged=ctx.args.all)
    if ctx.args.json:
        emit_json([alert_json(a, names[a.shop_id]) for a in alerts])
        return 0
    if not alerts:
        print("No open alerts." if not ctx.args.all else "No alerts.")
        return 0
    # the kind's title from the one vocabulary the app and the notifications use too
    table([[a.id, human_time(a.created_at), a.severity, alert_kinds.title(a.kind),
            names[a.shop_id], human_times_in(for_cli(a.message, shop=names[a.shop_id]))]
           for a in alerts], ["ID", "WHEN", "SEVERITY", "KIND", "SHOP", "MESSAGE"],
          max_widths={5: 80})
    return 0


def acknowledge(ctx: Context) -> int:
    if ctx.args.all:
        shop_id = ctx.shop(ctx.args.shop).id if ctx.args.shop else None
        ids = [a.id for a in queries.list_alerts(ctx.db, shop_id=shop_id)]
    else:
        ids = ctx.args.ids
        known = queries.existing_alert_ids(ctx.db, ids)
        unknown = [str(i) for i in ids if i not in known]
        if unknown:
            raise CommandError(f"No alert with id {', '.join(unknown)}; nothing was "
                               "acknowledged. List them with 'shopwatch alerts --all'.")
    if not ids:
        raise CommandError("Give alert ids, or --all.")
    n = queries.acknowledge_alerts(ctx.db, ids, iso(now_utc()))
    print(f"Acknowledged {n} alert(s).")
    return 0


def show_notices(ctx: Context) -> int:
    action = getattr(ctx.args, "action", None)
    if action != "add" and (ctx.args.text or ctx.args.text_file or ctx.args.dry_run):
        raise CommandError("--text, --text-file and --dry-run belong to 'shopwatch notices add'.")
    if ctx.args.id is not None and action not in ("edit", "remove"):
        raise CommandError("A notice ID goes with 'notices edit ID' or 'notices remove ID'.")
    if action == "add":
        from shopwatch.commands.imports import add_notice

        return add_notice(ctx)
    if action in ("edit", "remove"):
        from shopwatch.commands import notice_fix

        return notice_fix.edit(ctx) if action == "edit" else notice_fix.remove(ctx)
    if ctx.args.force:
        raise CommandError("--force belongs to 'notices add' and 'notices remove'.")
    names = _shop_names(ctx)
    shop_id = ctx.shop(ctx.args.shop).id if ctx.args.shop else None
    notices = queries.list_notices(ctx.db, shop_id=shop_id)
    if ctx.args.json:
        emit_json([notice_json(n, names[n.shop_id]) for n in notices])
        return 0
    if not notices:
        print("No notices.")
        return 0
    table([[n.id, human_time(n.issued_at), n.kind, n.points,
            (n.listing_id or "") + (f" +{len(n.listing_ids) - 1}" if len(n.listing_ids) > 1
                                    else ""),
            human_time(n.appeal_deadline), n.status, n.text] for n in notices],
          ["ID", "ISSUED", "KIND", "POINTS", "LISTING", "APPEAL BY", "STATUS", "TEXT"],
          max_widths={7: 40})
    return 0
