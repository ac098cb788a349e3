"""``shopwatch import`` (export files into a shop, as one sync run), ``shopwatch notices add``
(the text of a notice; its arguments live on the ``notices`` parser in watch.py) and
``shopwatch rules`` (the platform rule data and the user's editable copy).

Exit codes: 0 done, 2 usage or configuration (a missing file, a bad mapping), 3 the import
failed and nothing was changed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shopwatch.commands.context import (
    EXIT_OK,
    EXIT_SYNC_FAILED,
    EXIT_USAGE,
    CommandError,
    Context,
)
from shopwatch.commands.output import emit_json, table
from shopwatch.connectors.files import WatchError, file_settings
from shopwatch.imports.columns import KINDS, LISTINGS, METRICS, NOTICES, SUPPRESSED, ColumnMapping
from shopwatch.imports.errors import FileImportError
from shopwatch.imports.notice_text import OTHER, ParsedNotice
from shopwatch.imports.values import parse_moment
from shopwatch.models import Shop
from shopwatch.monitor import file_import
from shopwatch.monitor.rules import Rules, RulesError, load_rules, user_copy
from shopwatch.monitor.sync import sort_alerts
from shopwatch.store import queries
from shopwatch.timeutil import human_time, now_utc

KIND_NAMES = {LISTINGS: "listings export", METRICS: "traffic report", NOTICES: "violation records",
              SUPPRESSED: "Amazon Suppressed Listings report"}

IMPORT_EPILOG = """\
Column names are recognised in Chinese and English (宝贝ID/商品ID/num_iid, 宝贝标题/title,
价格/price, 库存/num, 状态/status; 日期/统计日期, 访客数, 浏览量, 曝光量 for traffic). If your
export names a column differently, give a mapping file (TOML), saved for the shop once an
import with it succeeds:

    [listings]
    listing_id = "商家货号ID"
    title = "名称"
    [listings.status_values]
    "在架" = "active"

Without FILE, a shop with a watch folder imports the newest exports that appeared there.
"""


def register(sub: argparse._SubParsersAction) -> None:
    imp = sub.add_parser(
        "import", help="import export files (listings, traffic, violation records) into a shop",
        description="Import the seller centre's export files into a shop as one sync run: "
        "a bad file fails with the file, line and column, and changes nothing.",
        epilog=IMPORT_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    imp.add_argument("files", nargs="*", metavar="FILE",
                     help="CSV/TSV, XLSX or XLS files; several listings files (the on-sale and "
                     "warehouse tabs) together make the whole shop")
    imp.add_argument("--shop", metavar="NAME", required=True)
    imp.add_argument("--kind", choices=KINDS,
                     help="what the files hold (default: told from their header)")
    imp.add_argument("--mapping", metavar="FILE", help="column names for this export (TOML/JSON)")
    imp.add_argument("--confirm-drop", action="store_true",
                     help="the export really has far fewer listings than the shop had")
    imp.add_argument("--dry-run", action="store_true",
                     help="only show how the files read and what would change")
    imp.add_argument("--json", action="store_true")
    imp.set_defaults(handler=run_import)

    rules = sub.add_parser("rules", help="show the platform rule data, or copy it to edit")
    rules_sub = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    show = rules_sub.add_parser("show", help="thresholds, consequences, reset, appeal windows")
    show.add_argument("--platform", default="taobao")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=show_rules)
    copy = rules_sub.add_parser("copy", help="make your editable copy in the profile folder")
    copy.add_argument("--platform", default="taobao")
    copy.set_defaults(handler=copy_rules)


def _rules(ctx: Context, platform: str) -> Rules:
    try:
        return load_rules(platform, ctx.profile)
    except RulesError as exc:
        raise CommandError(str(exc)) from exc


# --- shopwatch import --------------------------------------------------------------------

def _mapping(ctx: Context) -> ColumnMapping | None:
    if not ctx.args.mapping:
        return None
    path = Path(ctx.args.mapping).expanduser()
    try:
        return ColumnMapping.load(path, default_kind=ctx.args.kind or LISTINGS)
    except ValueError as exc:
        raise CommandError(f"{exc}".rstrip(".") + ".") from exc


def _paths(ctx: Context) -> list[Path]:
    paths = [Path(p).expanduser() for p in ctx.args.files]
    for path in paths:
        if not path.exists():
            raise CommandError(f"No such file: {path}")
        if path.is_dir():
            raise CommandError(f"{path} is a folder; give the export file itself.")
    return paths


def _file_lines(files: list[dict]) -> list[str]:
    lines = []
    for f in files:
        how = [KIND_NAMES.get(f["kind"], f["kind"]), f["format"].upper()]
        if f.get("encoding"):
            how.append(f["encoding"])
        if f.get("sheet"):
            how.append(f"sheet '{f['sheet']}'")
        how.append(f"header on line {f['header_line']}")
        lines.append(f"Read {Path(f['path']).name}: {', '.join(how)}, {f['rows']} rows.")
        lines.append("  columns: " + ", ".join(f"{col} → {name}" for name, col in
                                               f["columns"].items()))
        if f.get("status_from") and f["status_from"] != "column":
            lines.append(f"  no status column: listings taken as "
                         f"{'from the file name' if f['status_from'] == 'file name' else 'active'}.")
        if f.get("skipped_rows"):
            lines.append(f"  not imported: {f['skipped_rows']} rows, {f['skipped_reason']}.")
    return lines


def run_import(ctx: Context) -> int:
    args = ctx.args
    shop = ctx.shop(args.shop)
    mapping = _mapping(ctx)
    rules = _rules(ctx, shop.platform)
    paths = _paths(ctx)
    if args.dry_run:
        return _dry_run(ctx, shop, paths, mapping, rules)
    if paths:
        outcome = file_import.import_files(
            ctx.db, shop, paths, kind=args.kind, mapping=mapping, confirm_drop=args.confirm_drop,
            profile=ctx.profile, settings=ctx.settings.detection, rules=rules,
            progress=None if args.json else _progress(ctx))
    else:
        if not file_settings(shop).get("watch"):
            raise CommandError(f"Give the export FILE to import (shop '{shop.name}' has no "
                               "watch folder).")
        if args.kind or mapping:
            raise CommandError("--kind and --mapping need a FILE.")
        try:
            outcome = file_import.sync_watched(
                ctx.db, shop, confirm_drop=args.confirm_drop, profile=ctx.profile,
                settings=ctx.settings.detection, rules=rules)
        except WatchError as exc:
            raise CommandError(str(exc)) from exc
        if outcome is None:
            message = (f"No newer export in {file_settings(shop)['watch']} since the last "
                       "import; nothing to do.")
            if args.json:
                emit_json({"shop": shop.name, "status": "unchanged", "message": message})
            else:
                print(message)
            return EXIT_OK
    return _report(ctx, outcome)


def _progress(ctx: Context):
    def progress(pages: int, items: int, message: str) -> None:
        ctx.note(f"  {message} ({items} rows so far)")
    return progress


def _report(ctx: Context, outcome: file_import.ImportOutcome) -> int:
    from shopwatch.commands.watch import alert_json

    result = outcome.result
    alerts = [alert_json(a, result.shop) for a in sort_alerts(result.alerts)]
    if ctx.args.json:
        emit_json({"run_id": result.run_id, "shop": result.shop, "status": result.status,
                   "error": result.error, "error_kind": outcome.error_kind,
                   "files": outcome.files, "listings": outcome.listings,
                   "metrics": outcome.metrics, "notices": outcome.notices,
                   "changed": result.changed, "alerts": alerts,
                   "unknown_listings": outcome.unknown_listings,
                   "seconds": round(result.duration_s, 3)})
        return EXIT_OK if outcome.ok else EXIT_SYNC_FAILED
    if not outcome.ok:
        print(f"shopwatch: import failed, nothing was changed. {result.error}", file=sys.stderr)
        return EXIT_SYNC_FAILED
    for line in _file_lines(outcome.files):
        print(line)
    parts = []
    if any(f["kind"] == LISTINGS for f in outcome.files):
        parts.append(f"{outcome.listings} listings ({result.changed} changed)")
    suppressed = sum(f["rows"] for f in outcome.files if f["kind"] == SUPPRESSED)
    if suppressed and not any(f["kind"] == LISTINGS for f in outcome.files):
        parts.append(f"{suppressed} suppressed listings ({result.changed} listings changed)")
    if outcome.metrics:
        parts.append(f"{outcome.metrics} days of traffic")
    if outcome.notices:
        parts.append(f"{outcome.notices} notices")
    print(f"Imported into '{result.shop}': {', '.join(parts) or 'nothing new'}; "
          f"{len(alerts)} new alert(s).")
    for a in alerts:
        print(f"  [{a['severity']}] {a['message']}")
    if outcome.unknown_listings:
        print(f"Note: {outcome.unknown_listings} listings in the traffic report are not in the "
              "shop yet; import your listings export so their demotion can be watched.")
    return EXIT_OK


def _dry_run(ctx: Context, shop: Shop, paths: list[Path], mapping: ColumnMapping | None,
             rules: Rules) -> int:
    if not paths:
        raise CommandError("--dry-run needs a FILE.")
    try:
        parsed = file_import.preview_files(paths, shop=shop, kind=ctx.args.kind,
                                           mapping=mapping, rules=rules)
    except FileImportError as exc:
        if ctx.args.json:
            emit_json({"shop": shop.name, "status": "failed", "error": str(exc),
                       "error_kind": exc.kind})
        else:
            print(f"shopwatch: {exc}", file=sys.stderr)
        return EXIT_SYNC_FAILED
    files = [p.describe() for p in parsed]
    listings = [r for p in parsed for r in p.listings]
    changes = (file_import.listing_changes(ctx.db, shop, listings)
               if any(p.kind == LISTINGS for p in parsed) else None)
    if ctx.args.json:
        emit_json({"shop": shop.name, "status": "dry_run", "files": files,
                   "listing_changes": changes})
        return EXIT_OK
    for line in _file_lines(files):
        print(line)
    if changes is not None:
        print(f"Would import {len(listings)} listings: {changes['new']} new, {changes['gone']} "
              f"no longer in the export (they would become missing), "
              f"{changes['status_changed']} with a changed status.")
    rows = [r for p in parsed for r in p.suppressed]
    if rows:
        hidden = sum(1 for r in rows if r.search_only)
        print(f"Would apply Amazon's Suppressed Listings report: {len(rows) - hidden} listings "
              f"off sale, {hidden} hidden from search; listings it does not name keep their "
              "state.")
    print("Nothing was imported (--dry-run).")
    return EXIT_OK


# --- shopwatch notices add ---------------------------------------------------------------

def _read_text(ctx: Context) -> str:
    args = ctx.args
    if args.text_file and args.text:
        raise CommandError("Give the notice with --text-file or --text, not both.")
    if args.text_file:
        path = Path(args.text_file).expanduser()
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror or exc}") from exc
        from shopwatch.imports.tables import decode

        try:
            text = decode(data, path)[0]
        except FileImportError as exc:
            raise CommandError(str(exc)) from exc
    elif args.text == "-":
        text = sys.stdin.read()
    elif args.text:
        text = args.text
    else:
        raise CommandError("Give the notice: --text-file FILE, or --text - to paste it on "
                           "standard input.")
    if not text.strip():
        raise CommandError("The notice text is empty.")
    return text


def _moment(value: str, what: str, *, end_of_day: bool = False):
    try:
        moment = parse_moment(value, end_of_day=end_of_day)
    except ValueError:
        moment = None
    if moment is None:
        raise CommandError(f"--{what}: '{value}' is not a date (e.g. 2026-11-26 18:00).")
    return moment


def _correct(ctx: Context, parsed: ParsedNotice, rules: Rules) -> None:
    """The user's corrections win over what was read."""
    args = ctx.args
    known = {k.kind for k in rules.notice_kinds} | set(rules.appeal_window_days) | {OTHER}
    if args.kind:
        if args.kind not in known:
            raise CommandError(f"--kind must be one of: {', '.join(sorted(known))}.")
        parsed.kind, parsed.evidence["kind"] = args.kind, "(given)"
        parsed.label = next((k.label for k in rules.notice_kinds if k.kind == args.kind), "")
    if args.points is not None:
        try:
            points = int(args.points)
        except ValueError:
            raise CommandError("--points must be a whole number.") from None
        if not 0 <= points <= 1000:
            raise CommandError("--points must be between 0 and 1000.")
        parsed.points, parsed.evidence["points"] = points, "(given)"
    if args.category:
        if args.category not in rules.thresholds:
            raise CommandError(f"--category must be one of: {', '.join(rules.thresholds)}.")
        parsed.category, parsed.evidence["category"] = args.category, "(given)"
        parsed.assumed.discard("category")
    if args.listing:
        ids = [p.strip() for p in args.listing.replace("，", ",").split(",") if p.strip()]
        parsed.listing_ids = ids
        parsed.listing_id = ids[0] if ids else None
        parsed.evidence["listing_id"] = "(given)"
    if args.issued:
        parsed.issued_at = _moment(args.issued, "issued")
        parsed.evidence["issued_at"] = "(given)"
        parsed.assumed.discard("issued_at")
        parsed.dated = True
    if args.deadline:
        parsed.appeal_deadline = _moment(args.deadline, "deadline", end_of_day=True)
        parsed.evidence["appeal_deadline"] = "(given)"
        parsed.dated = True
    # what the seller gave is no longer in doubt
    given = {"kind": args.kind, "points": args.points, "category": args.category,
             "listing_id": args.listing, "appeal_deadline": args.deadline}
    parsed.uncertain -= {name for name, value in given.items() if value}


def _understood_rows(parsed: ParsedNotice, rules: Rules) -> list[list[str]]:
    def moment(value) -> str:
        return human_time(value)

    deadline = moment(parsed.appeal_deadline)
    deadline_from = parsed.evidence.get("appeal_deadline", "")
    if parsed.recognised_nothing:
        deadline_from = "(not in the text: none is set)"
    elif not parsed.appeal_deadline and parsed.issued_at:
        deadline = moment(rules.appeal_deadline(parsed.kind, parsed.issued_at))
        deadline_from = f"(not in the text: the rule's {parsed.kind.replace('_', ' ')} window)"
    rows = [
        ["kind", parsed.kind + (f" — {parsed.label}" if parsed.label else ""),
         parsed.evidence.get("kind", "(nothing recognised: kept as 'other')")],
        ["points", "" if parsed.points is None else str(parsed.points),
         parsed.evidence.get("points", "(not found)")],
        ["ledger", parsed.category or "",
         f"(not in the text: counted as {parsed.default_category}, the kind's ledger)"
         if "category" in parsed.uncertain else parsed.evidence.get("category", "")],
        ["listing id" if len(parsed.listing_ids) < 2 else "listing ids",
         ", ".join(parsed.listing_ids) or parsed.listing_id or "",
         parsed.evidence.get("listing_id", "(not found)")],
        ["listing title", parsed.listing_title or "", parsed.evidence.get("listing_title", "")],
        ["issued", moment(parsed.issued_at), "(not in the text: now)" if "issued_at" in
         parsed.assumed else parsed.evidence.get("issued_at", "")],
        ["appeal by", deadline, deadline_from],
    ]
    if parsed.reference:
        rows.append(["reference", parsed.reference, parsed.evidence.get("reference", "")])
    if parsed.actions:
        rows.append(["actions", ", ".join(parsed.actions), ""])
    if parsed.amazon:  # an Amazon message: what the appeal must answer
        amazon = parsed.amazon
        if amazon.rights_owner:
            rows.append(["rights owner", amazon.rights_owner,
                         amazon.evidence.get("rights_owner", "")])
        if amazon.infringement_type:
            rows.append(["infringement", amazon.infringement_type, ""])
        if amazon.account_status:
            rows.append(["account status", amazon.account_status,
                         amazon.evidence.get("kind", "")])
    return rows


def add_notice(ctx: Context) -> int:
    """``shopwatch notices add --shop NAME (--text-file FILE | --text -)``."""
    from shopwatch.commands.watch import alert_json, notice_json

    args = ctx.args
    if not args.shop:
        raise CommandError("notices add needs --shop NAME.")
    shop = ctx.shop(args.shop)
    rules = _rules(ctx, shop.platform)
    text = _read_text(ctx)
    now = now_utc()
    parsed = file_import.understand_notice(text, rules=rules, now=now)
    _correct(ctx, parsed, rules)
    record = parsed.to_record()
    known = next((n for n in queries.list_notices(ctx.db, shop_id=shop.id)
                  if n.source_id == record.source_id), None)
    payload: dict = {"shop": shop.name, "understood": parsed.as_dict(), "stored": None,
                     "alerts": [], "status": "dry_run" if args.dry_run else "ok"}
    refused = parsed.recognised_nothing and not args.dry_run and not args.force
    if not args.json:
        print("Understood:" if parsed.understood else
              "Not recognised as a known kind of notice; it is kept as 'other' with its text.")
        table(_understood_rows(parsed, rules), ["FIELD", "VALUE", "FROM THE TEXT"],
              max_widths={2: 60})
        names = {"kind": "kind", "points": "points", "category": "ledger",
                 "listing_id": "listing", "appeal_deadline": "appeal deadline"}
        unsure = [names[f] for f in ("kind", "points", "category", "listing_id",
                                     "appeal_deadline") if f in parsed.uncertain]
        if unsure and not refused:
            print(f"Check: the text does not say the {', '.join(unsure)}; correct with "
                  "--kind, --points, --category, --listing or --deadline (or later with "
                  "'shopwatch notices edit ID').")
    if refused:
        message = ("Nothing in this text was recognised as a penalty notice (no violation "
                   "kind, points, listing or date), so it was not stored. Check what was "
                   "pasted; to store it anyway, as kind 'other' without an appeal deadline, "
                   "add --force.")
        if args.json:
            payload.update(status="refused", error=message)
            emit_json(payload)
            return EXIT_USAGE
        raise CommandError(message)
    if args.dry_run:
        if not args.json:
            print("Nothing stored (--dry-run). Correct a field with --kind, --points, "
                  "--category, --listing, --issued or --deadline.")
        else:
            emit_json(payload)
        return EXIT_OK
    if known is not None:
        payload.update(status="exists", stored=notice_json(known, shop.name))
        if args.json:
            emit_json(payload)
        else:
            print(f"This notice is already stored (#{known.id}); nothing changed.")
        return EXIT_OK
    outcome = file_import.add_notices(ctx.db, shop, [record], profile=ctx.profile, now=now,
                                      settings=ctx.settings.detection, rules=rules)
    if not outcome.ok:
        payload.update(status="failed", error=outcome.result.error)
        if args.json:
            emit_json(payload)
        else:
            print(f"shopwatch: the notice was not stored. {outcome.result.error}",
                  file=sys.stderr)
        return EXIT_SYNC_FAILED
    stored = next(n for n in queries.list_notices(ctx.db, shop_id=shop.id)
                  if n.source_id == record.source_id)
    alerts = [alert_json(a, shop.name) for a in sort_alerts(outcome.result.alerts)]
    payload.update(stored=notice_json(stored, shop.name), alerts=alerts)
    if args.json:
        emit_json(payload)
        return EXIT_OK
    print(f"Stored notice #{stored.id} ({stored.kind}) for '{shop.name}'"
          + (f", appeal by {stored.appeal_deadline}" if stored.appeal_deadline else "") + ".")
    for a in alerts:
        print(f"  [{a['severity']}] {a['message']}")
    return EXIT_OK


# --- shopwatch rules ---------------------------------------------------------------------

def _item_json(item) -> dict:
    return {"key": item.key, "label": item.label, "value": item.value,
            "verified": item.verified, "verify": item.verify_url, "note": item.note,
            "edited": item.edited}


def show_rules(ctx: Context) -> int:
    rules = _rules(ctx, ctx.args.platform)
    if ctx.args.json:
        emit_json({"platform": rules.platform, "version": rules.version,
                   "verify": rules.verify_url, "override": rules.override_path,
                   "items": [_item_json(i) for i in rules.items],
                   "notice_kinds": [{"kind": k.kind, "label": k.label, "category": k.category,
                                     "severity": k.severity, "keywords": list(k.keywords)}
                                    for k in rules.notice_kinds]})
        return EXIT_OK
    print(f"{rules.platform} rule data, version {rules.version or '?'}"
          + (f"; your edits from {rules.override_path}" if rules.override_path else "") + ".")
    table([[i.label, i.value, "verified" if i.verified else "UNVERIFIED",
            "edited by you" if i.edited else "", i.verify_url] for i in rules.items],
          ["RULE", "VALUE", "STATUS", "", "VERIFY AT"], max_widths={1: 50})
    if not rules.override_path:
        print("\nThese are defaults: verify them and run 'shopwatch rules copy' to edit your own.")
    return EXIT_OK


def copy_rules(ctx: Context) -> int:
    try:
        path, created = user_copy(ctx.args.platform, ctx.profile)
    except (RulesError, OSError) as exc:
        raise CommandError(str(exc)) from exc
    print(("Made your copy of the rule data: " if created else "Your copy already exists: ")
          + f"{path}\nEdit it; shopwatch reads it on the next sync or import.")
    return EXIT_OK


__all__ = ["add_notice", "register"]
