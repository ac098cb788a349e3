"""``shopwatch notices edit ID`` and ``shopwatch notices remove ID``: correcting a stored notice,
or removing one that should never have been stored; the alerts it raised and the notifications
still queued about them are withdrawn with it (shopwatch.monitor.notice_edit). Their arguments
live on the ``notices`` parser in watch.py.

Exit codes: 0 done, 2 usage (unknown notice, bad value, nothing to change, appeals not
confirmed)."""

from __future__ import annotations

from shopwatch.commands.context import EXIT_OK, CommandError, Context
from shopwatch.commands.output import emit_json
from shopwatch.models import Notice
from shopwatch.monitor.notice_edit import (
    UNSET,
    NoticeChange,
    NoticeEditError,
    edit_notice,
    remove_notice,
)
from shopwatch.monitor.rules import Rules, RulesError, load_rules
from shopwatch.monitor.sync import sort_alerts
from shopwatch.store import queries


def _notice(ctx: Context) -> tuple[Notice, str, Rules]:
    """The notice the command names, its shop's name and the shop's rule data."""
    action = ctx.args.action
    if ctx.args.id is None:
        raise CommandError(f"Give the notice: 'shopwatch notices {action} ID' (the ids are in "
                           "'shopwatch notices').")
    try:
        notice = queries.get_notice(ctx.db, ctx.args.id)
    except queries.NotFound:
        raise CommandError(f"No notice #{ctx.args.id} (see 'shopwatch notices').") from None
    shop = queries.get_shop_by_id(ctx.db, notice.shop_id)
    try:
        rules = load_rules(shop.platform, ctx.profile)
    except RulesError as exc:
        raise CommandError(str(exc)) from exc
    return notice, shop.name, rules


def _listings(value: str) -> list[str]:
    return [part.strip() for part in value.replace("，", ",").split(",") if part.strip()]


def _summary(change: NoticeChange) -> str:
    parts = []
    if change.withdrawn_alerts:
        parts.append(f"withdrew {len(change.withdrawn_alerts)} alert(s)")
    if change.stopped_notifications:
        parts.append(f"stopped {change.stopped_notifications} queued notification(s)")
    return ("; ".join(parts) + ".") if parts else "it had raised no open alerts."


def _describe(n: Notice) -> str:
    listings = ", ".join(n.listing_ids) or "no listing"
    return (f"{n.kind}, {n.points} points ({n.category}), {listings}, "
            f"appeal by {n.appeal_deadline or '—'}")


def edit(ctx: Context) -> int:
    """``shopwatch notices edit ID --kind/--points/--category/--listing/--deadline/--issued``."""
    from shopwatch.commands.imports import _moment
    from shopwatch.commands.watch import alert_json, notice_json

    args = ctx.args
    if args.force:
        raise CommandError("--force belongs to 'notices add' and 'notices remove'.")
    notice, shop, rules = _notice(ctx)
    fields: dict = {}
    if args.kind:
        fields["kind"] = args.kind.strip()
    if args.points is not None:
        try:
            fields["points"] = int(args.points)
        except ValueError:
            raise CommandError("--points must be a whole number.") from None
    if args.category:
        fields["category"] = args.category.strip()
    if args.listing is not None:
        fields["listing_ids"] = _listings(args.listing)
    if args.deadline is not None:
        fields["deadline"] = (None if args.deadline.strip().lower() in ("none", "-", "")
                              else _moment(args.deadline, "deadline", end_of_day=True))
    if args.issued:
        fields["issued_at"] = _moment(args.issued, "issued")
    if not fields:
        raise CommandError("Give what to correct: --kind, --points, --category, --listing, "
                           "--deadline or --issued.")
    try:
        change = edit_notice(ctx.db, notice.id, rules=rules, settings=ctx.settings.detection,
                             **{k: fields.get(k, UNSET) for k in (
                                 "kind", "points", "category", "listing_ids", "deadline",
                                 "issued_at")})
    except NoticeEditError as exc:
        raise CommandError(str(exc)) from exc
    alerts = [alert_json(a, shop) for a in sort_alerts(change.raised)]
    if args.json:
        emit_json({"status": "ok" if change.changed else "unchanged",
                   "notice": notice_json(change.after, shop),
                   "before": notice_json(change.before, shop), "changed": change.changed,
                   "withdrawn_alerts": change.withdrawn_alerts,
                   "stopped_notifications": change.stopped_notifications, "alerts": alerts})
        return EXIT_OK
    if not change.changed:
        print(f"Notice #{notice.id} already says that; nothing changed.")
        return EXIT_OK
    print(f"Corrected notice #{notice.id} of '{shop}': {_describe(change.after)} "
          f"(was {_describe(change.before)}).")
    print("The old facts' alerts: " + _summary(change))
    for a in alerts:
        print(f"  [{a['severity']}] {a['message']}")
    return EXIT_OK


def remove(ctx: Context) -> int:
    """``shopwatch notices remove ID [--force]``."""
    from shopwatch.commands.watch import notice_json

    args = ctx.args
    stray = [flag for flag, value in (("--kind", args.kind), ("--points", args.points),
                                      ("--category", args.category), ("--listing", args.listing),
                                      ("--deadline", args.deadline), ("--issued", args.issued))
             if value is not None]
    if stray:
        raise CommandError(f"{', '.join(stray)} belong to 'notices edit'; 'notices remove ID' "
                           "takes only --force and --json.")
    notice, shop, rules = _notice(ctx)
    try:
        change = remove_notice(ctx.db, notice.id, rules=rules, settings=ctx.settings.detection,
                               with_appeals=args.force)
    except NoticeEditError as exc:
        message = str(exc).replace("Confirm to remove it with its appeals.",
                                   "Add --force to remove it with its appeals.")
        raise CommandError(message) from exc
    if args.json:
        emit_json({"status": "removed", "notice": notice_json(change.before, shop),
                   "withdrawn_alerts": change.withdrawn_alerts,
                   "stopped_notifications": change.stopped_notifications,
                   "appeals_removed": change.appeals_removed})
        return EXIT_OK
    print(f"Removed notice #{notice.id} of '{shop}' ({_describe(change.before)})"
          + (f" and its {change.appeals_removed} appeal(s)" if change.appeals_removed else "")
          + "; " + _summary(change))
    return EXIT_OK


__all__ = ["edit", "remove"]
