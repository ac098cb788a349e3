"""``shopwatch notify …``: remote notification channels (e-mail, webhooks, chat via Apprise),
test messages, sending what is queued, the digest, quiet hours and mutes, the delivery log.

Channel URLs may hold secrets: they are read from stdin or a hidden prompt when given as '-'
or left out, kept in the system keychain, and only ever printed masked."""

from __future__ import annotations

import argparse
import getpass
import re
import sys
from datetime import timedelta

from shopwatch.commands.context import EXIT_ERROR, EXIT_OK, CommandError, Context
from shopwatch.commands.output import emit_json, table
from shopwatch.commands.wording import for_cli
from shopwatch.models import ALERT_KINDS, SEVERITIES
from shopwatch.notify import outbox, policy
from shopwatch.notify.channels import ChannelError, env_name, url_source
from shopwatch.notify.dispatch import DispatchReport
from shopwatch.notify.prefs import (
    LANGUAGES,
    MODES,
    ChannelConfig,
    KindMute,
    ListingMute,
    NotifyPrefs,
    PrefsError,
    format_clock,
    parse_clock,
    read_prefs,
    write_prefs,
)
from shopwatch.notify.render import Renderer
from shopwatch.notify.service import (
    dispatcher,
    remove_channel,
    save_channel,
    send_test,
)
from shopwatch.store import queries
from shopwatch.timeutil import human_time, iso, now_utc, parse_zone

URL_HELP = ("Apprise URL, e.g. mailtos://user:app-password@smtp.qq.com?to=me@example.com, "
            "dingtalk://TOKEN/, wecombot://KEY, feishu://TOKEN, tgram://BOT/CHAT, "
            "json://host/path; '-' reads it from stdin (keeps it out of shell history)")


def register(sub: argparse._SubParsersAction) -> None:
    notify = sub.add_parser(
        "notify", help="e-mail, webhook and chat alerts: channels, test, send, digest, mute")
    nsub = notify.add_subparsers(dest="notify_command", metavar="ACTION", required=True)

    test = nsub.add_parser("test", help="send a test message to every channel, or one")
    test.add_argument("--channel", metavar="URL|NAME",
                      help="a channel's name, or an Apprise URL to try without saving it")
    test.add_argument("--json", action="store_true")
    test.set_defaults(handler=run_test)

    channels = nsub.add_parser("channels", help="add, list, edit or remove channels")
    csub = channels.add_subparsers(dest="channels_command", metavar="ACTION", required=True)
    add = csub.add_parser("add", help="add a channel")
    add.add_argument("name", help="what you call it, e.g. 'phone' or '老板邮箱'")
    add.add_argument("url", nargs="?", help=URL_HELP + "; prompted for when left out")
    _channel_options(add)
    add.set_defaults(handler=add_channel)
    lst = csub.add_parser("list", help="list channels (addresses masked)")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=list_channels)
    edit = csub.add_parser("edit", help="change a channel")
    edit.add_argument("name")
    edit.add_argument("--url", help="a new address ('-' reads it from stdin)")
    edit.add_argument("--rename", metavar="NEW_NAME")
    _channel_options(edit, editing=True)
    edit.set_defaults(handler=edit_channel)
    rm = csub.add_parser("remove", help="remove a channel and its stored address")
    rm.add_argument("name")
    rm.set_defaults(handler=drop_channel)

    send = nsub.add_parser("send", help="send queued notifications now (what the app does "
                                        "after each sync and every minute)")
    send.add_argument("--ignore-quiet-hours", action="store_true")
    send.add_argument("--retry-failed", action="store_true",
                      help="first give messages that failed for good another chance")
    send.add_argument("--json", action="store_true")
    send.set_defaults(handler=run_send)

    digest = nsub.add_parser("digest", help="send the daily digest now, or preview it")
    digest.add_argument("--preview", action="store_true", help="print it; send nothing")
    digest.add_argument("--channel", metavar="NAME", help="preview this channel's digest")
    digest.set_defaults(handler=run_digest)

    st = nsub.add_parser("settings", help="show or change quiet hours, digest time, language")
    st.add_argument("--quiet-hours", metavar="HH:MM-HH:MM|off")
    st.add_argument("--digest-time", metavar="HH:MM")
    st.add_argument("--digest-when-empty", choices=["yes", "no"],
                    help="send the digest even on a day without alerts")
    st.add_argument("--language", choices=[*LANGUAGES, "auto"])
    st.add_argument("--timezone", metavar="ZONE",
                    help="e.g. Asia/Shanghai or +08:00; 'auto' = this computer's")
    onoff = st.add_mutually_exclusive_group()
    onoff.add_argument("--on", dest="enabled", action="store_const", const=True)
    onoff.add_argument("--off", dest="enabled", action="store_const", const=False)
    st.add_argument("--json", action="store_true")
    st.set_defaults(handler=run_settings)

    mute = nsub.add_parser("mute", help="stop notifications about a kind of alert or a listing")
    what = mute.add_mutually_exclusive_group(required=True)
    what.add_argument("--kind", choices=ALERT_KINDS)
    what.add_argument("--listing", metavar="LISTING_ID")
    mute.add_argument("--shop", metavar="NAME", help="the listing's shop (if you have several)")
    mute.add_argument("--for", dest="duration", metavar="DURATION",
                      help="e.g. 12h, 3d, 2w; default: until unmuted")
    mute.set_defaults(handler=run_mute)

    unmute = nsub.add_parser("unmute", help="undo a mute")
    uwhat = unmute.add_mutually_exclusive_group(required=True)
    uwhat.add_argument("--kind", choices=ALERT_KINDS)
    uwhat.add_argument("--listing", metavar="LISTING_ID")
    uwhat.add_argument("--all", action="store_true")
    unmute.add_argument("--shop", metavar="NAME")
    unmute.set_defaults(handler=run_unmute)

    mutes = nsub.add_parser("mutes", help="list mutes")
    mutes.add_argument("--json", action="store_true")
    mutes.set_defaults(handler=list_mutes)

    lg = nsub.add_parser("log", help="recent notifications and how their delivery went")
    lg.add_argument("--limit", type=int, default=30)
    lg.add_argument("--status", choices=queries.MESSAGE_STATUSES)
    lg.add_argument("--channel", metavar="NAME")
    lg.add_argument("--json", action="store_true")
    lg.set_defaults(handler=show_log)


def _channel_options(p: argparse.ArgumentParser, *, editing: bool = False) -> None:
    p.add_argument("--kinds", metavar="KIND,…",
                   help=f"alert kinds it gets (default all): {', '.join(ALERT_KINDS)}"
                   + ("; 'all' for every kind" if editing else ""))
    p.add_argument("--severities", metavar="SEV,…",
                   help=f"severities it gets (default all): {', '.join(SEVERITIES)}")
    p.add_argument("--shops", metavar="NAME,…",
                   help="shops it is for (default all)" + ("; 'all'" if editing else ""))
    p.add_argument("--mode", choices=MODES,
                   help="both (default): urgent at once + daily digest; immediate: urgent only;"
                        " digest: everything in the daily digest")
    p.add_argument("--language", choices=[*LANGUAGES, "auto"])
    quiet = p.add_mutually_exclusive_group()
    quiet.add_argument("--ignore-quiet-hours", dest="quiet_hours", action="store_const",
                       const=False, help="deliver during quiet hours too (e.g. e-mail)")
    quiet.add_argument("--obey-quiet-hours", dest="quiet_hours", action="store_const",
                       const=True)
    state = p.add_mutually_exclusive_group()
    state.add_argument("--disable", dest="enabled", action="store_const", const=False)
    state.add_argument("--enable", dest="enabled", action="store_const", const=True)


# --- helpers -----------------------------------------------------------------------------

def _csv(text: str | None) -> list[str] | None:
    if text is None:
        return None
    items = [part.strip() for part in text.split(",") if part.strip()]
    return [] if items == ["all"] else items


def _read_url(ctx: Context, given: str | None, *, prompt: bool) -> str | None:
    if given == "-":
        value = sys.stdin.readline().strip()
        if not value:
            raise CommandError("No address on stdin.")
        return value
    if given:
        return given
    if not prompt:
        return None
    if not sys.stdin.isatty():
        raise CommandError("Give the channel's address (or '-' to read it from stdin).")
    value = getpass.getpass("Channel address (Apprise URL, not shown): ").strip()
    if not value:
        raise CommandError("No address given; nothing saved.")
    return value


def _apply_options(channel: ChannelConfig, args: argparse.Namespace) -> None:
    kinds, severities, shops = _csv(args.kinds), _csv(args.severities), _csv(args.shops)
    if kinds is not None:
        channel.kinds = kinds
    if severities is not None:
        channel.severities = severities or list(SEVERITIES)
    if shops is not None:
        channel.shops = shops
    if args.mode:
        channel.mode = args.mode
    if args.language:
        channel.language = "" if args.language == "auto" else args.language
    if args.quiet_hours is not None:
        channel.quiet_hours = args.quiet_hours
    if args.enabled is not None:
        channel.enabled = args.enabled


def _save(ctx: Context, channel: ChannelConfig, url: str | None) -> None:
    try:
        saved = save_channel(ctx.profile, ctx.db, channel, url)
    except (ChannelError, PrefsError) as exc:
        raise CommandError(str(exc)) from exc
    ch = saved.channel
    print(f"Saved channel '{ch.name}' ({ch.display}).")
    if url is not None and not saved.stored:
        ctx.note(saved.env_hint)
    elif url is not None:
        ctx.note("The address is kept in the system keychain.")
    ctx.note("Try it with: shopwatch notify test --channel " + _quote(ch.name))


def _quote(text: str) -> str:
    return text if re.fullmatch(r"[\w.-]+", text) else "'" + text.replace("'", "'\\''") + "'"


def _channel(prefs: NotifyPrefs, ref: str) -> ChannelConfig:
    channel = prefs.channel(ref)
    if channel is None:
        known = ", ".join(c.name for c in prefs.channels) or "none yet"
        raise CommandError(f"No channel named '{ref}' (channels: {known}). "
                           "Add one with 'shopwatch notify channels add NAME'.")
    return channel


def _duration(text: str) -> timedelta:
    match = re.fullmatch(r"\s*(\d+)\s*([mhdw])\s*", text or "", re.I)
    if not match:
        raise CommandError(f"'{text}' is not a duration; use e.g. 30m, 12h, 3d or 2w.")
    unit = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}[match[2].lower()]
    return timedelta(**{unit: int(match[1])})


def _report_json(report: DispatchReport) -> dict:
    return {"enqueued": report.enqueued, "skipped": report.skipped, "composed": report.composed,
            "digests": report.digests, "sent": report.sent, "failed": report.failed,
            "gave_up": report.gave_up, "quiet_hours": report.asleep, "errors": report.errors}


def _print_report(report: DispatchReport, counts: dict[str, int]) -> None:
    print(f"Sent {report.sent} message(s)" + (f", {report.digests} digest(s)" if report.digests
                                               else "")
          + (f"; {report.failed} failed and will be retried" if report.failed else "")
          + (f"; {report.gave_up} failed for good" if report.gave_up else "") + ".")
    if report.asleep:
        print(f"Quiet hours: held for later on {', '.join(report.asleep)}.")
    for error in report.errors:
        print(f"  {for_cli(error)}")
    waiting = counts.get("pending", 0) + counts.get("sending", 0)
    if waiting or counts.get("queued"):
        print(f"Waiting: {waiting} message(s) to retry or send later, "
              f"{counts.get('queued', 0)} alert(s) for the next digest.")
    if counts.get("failed"):
        print(f"{counts['failed']} message(s) could not be delivered; see 'shopwatch notify "
              "log --status failed' and retry with 'shopwatch notify send --retry-failed'.")


# --- handlers ----------------------------------------------------------------------------

def run_test(ctx: Context) -> int:
    ref = ctx.args.channel
    is_url = bool(ref and "://" in ref)
    if not ref and not read_prefs(ctx.profile).channels:
        raise CommandError("No channels yet. Add one with 'shopwatch notify channels add NAME', "
                           "or try an address once with 'shopwatch notify test --channel URL'.")
    try:
        results = send_test(ctx.profile, channel=None if is_url else ref,
                            url=ref if is_url else None, settings=ctx.settings)
    except ChannelError as exc:
        raise CommandError(str(exc)) from exc
    if ctx.args.json:
        emit_json([{"channel": r.label, "address": r.display, "ok": r.outcome.ok,
                    "error": r.outcome.error, "seconds": round(r.outcome.elapsed_s, 3)}
                   for r in results])
    else:
        for r in results:
            if r.outcome.ok:
                print(f"{r.label}: test message sent ({r.display}, "
                      f"{r.outcome.elapsed_s:.1f} s).")
            else:
                print(f"{r.label}: FAILED ({r.display}): {r.outcome.error}")
    return EXIT_OK if results and all(r.outcome.ok for r in results) else EXIT_ERROR


def add_channel(ctx: Context) -> int:
    prefs = read_prefs(ctx.profile)
    if prefs.channel(ctx.args.name):
        raise CommandError(f"A channel named '{ctx.args.name}' already exists; use "
                           "'shopwatch notify channels edit'.")
    url = _read_url(ctx, ctx.args.url, prompt=True)
    channel = ChannelConfig(id="", name=ctx.args.name)
    _apply_options(channel, ctx.args)
    _save(ctx, channel, url)
    return EXIT_OK


def edit_channel(ctx: Context) -> int:
    channel = _channel(read_prefs(ctx.profile), ctx.args.name)
    url = _read_url(ctx, ctx.args.url, prompt=False)
    if ctx.args.rename:
        channel.name = ctx.args.rename
    _apply_options(channel, ctx.args)
    _save(ctx, channel, url)
    return EXIT_OK


def list_channels(ctx: Context) -> int:
    prefs = read_prefs(ctx.profile)
    rows = [{"id": c.id, "name": c.name, "address": c.display,
             "stored_in": url_source(c.id), "env": env_name(c.id), "mode": c.mode,
             "kinds": c.kinds, "severities": c.severities, "shops": c.shops,
             "quiet_hours": c.quiet_hours, "enabled": c.enabled, "language": c.language}
            for c in prefs.channels]
    if ctx.args.json:
        emit_json(rows)
        return EXIT_OK
    if not rows:
        print("No channels yet. Add one with 'shopwatch notify channels add NAME'.")
        return EXIT_OK
    table([[r["name"], r["address"], r["mode"], ",".join(r["kinds"]) or "all",
            ",".join(r["severities"]), ",".join(r["shops"]) or "all",
            "obeys" if r["quiet_hours"] else "ignores", "yes" if r["enabled"] else "no",
            r["stored_in"] or f"missing: set {r['env']}"] for r in rows],
          ["NAME", "ADDRESS", "MODE", "KINDS", "SEVERITIES", "SHOPS", "QUIET HOURS", "ON",
           "ADDRESS STORED"], max_widths={1: 48, 3: 40})
    return EXIT_OK


def drop_channel(ctx: Context) -> int:
    try:
        channel = remove_channel(ctx.profile, ctx.args.name)
    except ChannelError as exc:
        raise CommandError(str(exc)) from exc
    print(f"Removed channel '{channel.name}'; its address was deleted from the keychain. "
          "Messages still queued for it are cancelled at the next send.")
    return EXIT_OK


def run_send(ctx: Context) -> int:
    db = ctx.db
    if ctx.args.retry_failed:
        n = queries.retry_failed_messages(db, now=iso(now_utc()))
        ctx.note(f"{n} failed message(s) queued again.")
    report = dispatcher(db, ctx.profile, settings=ctx.settings).run(
        ignore_quiet=ctx.args.ignore_quiet_hours)
    if ctx.args.json:
        emit_json(_report_json(report) | {"counts": queries.notify_counts(db)})
    else:
        _print_report(report, queries.notify_counts(db))
    return EXIT_OK if report.ok else EXIT_ERROR


def run_digest(ctx: Context) -> int:
    db = ctx.db
    prefs = read_prefs(ctx.profile)
    if not prefs.channels:
        raise CommandError("No channels yet. Add one with 'shopwatch notify channels add NAME'.")
    if ctx.args.preview:
        channels = [_channel(prefs, ctx.args.channel)] if ctx.args.channel else [
            c for c in prefs.channels if c.enabled and c.mode != "immediate"]
        now = now_utc()
        outbox.enqueue_new(db, prefs, now=now)
        for channel in channels:
            rendered, count = outbox.preview_digest(
                db, prefs, Renderer(ctx.profile), channel, now=now, tz=prefs.tzinfo(),
                app_language=ctx.settings.language)
            print(f"--- {channel.name} ({count} alert(s)) ---\n{rendered.title}\n\n{rendered.body}")
        if not channels:
            print("No channel gets a digest (all are 'immediate').")
        return EXIT_OK
    report = dispatcher(db, ctx.profile, settings=ctx.settings).run(force_digest=True)
    _print_report(report, queries.notify_counts(db))
    return EXIT_OK if report.ok else EXIT_ERROR


def run_settings(ctx: Context) -> int:
    args = ctx.args
    prefs = read_prefs(ctx.profile)
    changed = False
    try:
        if args.quiet_hours is not None:
            if args.quiet_hours.strip().lower() == "off":
                prefs.quiet_hours.enabled = False
            else:
                start, sep, end = args.quiet_hours.partition("-")
                if not sep:
                    raise PrefsError("Quiet hours look like 22:00-08:00 (or 'off').")
                prefs.quiet_hours.start = format_clock(parse_clock(start))
                prefs.quiet_hours.end = format_clock(parse_clock(end))
                prefs.quiet_hours.enabled = True
            changed = True
        if args.digest_time is not None:
            prefs.digest_time = format_clock(parse_clock(args.digest_time))
            changed = True
    except PrefsError as exc:
        raise CommandError(str(exc)) from exc
    if args.digest_when_empty is not None:
        prefs.digest_when_empty, changed = args.digest_when_empty == "yes", True
    if args.language is not None:
        prefs.language, changed = ("" if args.language == "auto" else args.language), True
    if args.timezone is not None:
        zone = args.timezone.strip()
        if zone != "auto":
            try:
                parse_zone(zone)
            except ValueError as exc:
                raise CommandError(f"{exc}; nothing was changed.") from exc
        prefs.timezone, changed = ("" if zone == "auto" else zone), True
    if args.enabled is not None:
        prefs.enabled, changed = args.enabled, True
    if changed:
        write_prefs(ctx.profile, prefs)
    now, tz = now_utc(), prefs.tzinfo()
    shown = {
        "enabled": prefs.enabled,
        "quiet_hours": (f"{prefs.quiet_hours.start}-{prefs.quiet_hours.end}"
                        if prefs.quiet_hours.enabled else "off"),
        "digest_time": prefs.digest_time,
        "next_digest": policy.next_digest_at(now, tz, prefs.digest_time).astimezone(tz)
        .isoformat(timespec="minutes"),
        "digest_when_empty": prefs.digest_when_empty,
        "language": prefs.language or "auto",
        "timezone": prefs.timezone or "auto",
        "immediate_kinds": prefs.immediate_kinds,
        "channels": len(prefs.channels),
    }
    if args.json:
        emit_json(shown)
    else:
        for key, value in shown.items():
            text = (", ".join(value) if isinstance(value, list) else
                    human_time(value, tz=tz) if key == "next_digest" else value)
            print(f"{key.replace('_', ' '):<18} {text}")
    return EXIT_OK


def _listing_shop(ctx: Context, listing_id: str, shop: str | None) -> tuple[str, str]:
    if shop:
        found = ctx.shop(shop)
        item = queries.get_listing(ctx.db, found.id, listing_id)
        return found.name, item.title if item else ""
    matches = [(s.name, item.title) for s in queries.list_shops(ctx.db)
               if (item := queries.get_listing(ctx.db, s.id, listing_id))]
    if len(matches) == 1:
        return matches[0]
    shops = queries.list_shops(ctx.db)
    if not matches and len(shops) == 1:
        return shops[0].name, ""
    raise CommandError("Say which shop the listing is in with --shop NAME.")


def run_mute(ctx: Context) -> int:
    args = ctx.args
    prefs = read_prefs(ctx.profile)
    until = iso(now_utc() + _duration(args.duration)) if args.duration else None
    when = f" until {human_time(until)}" if until else " until you unmute it"
    if args.kind:
        prefs.muted_kinds = [m for m in prefs.muted_kinds if m.kind != args.kind]
        prefs.muted_kinds.append(KindMute(args.kind, until))
        label = f"'{args.kind}' alerts"
    else:
        shop, title = _listing_shop(ctx, args.listing, args.shop)
        prefs.muted_listings = [m for m in prefs.muted_listings
                                if not (m.shop == shop and m.listing_id == args.listing)]
        prefs.muted_listings.append(ListingMute(shop, args.listing, until, title))
        label = f"listing {args.listing}" + (f" ('{title}')" if title else "") + f" in {shop}"
    write_prefs(ctx.profile, prefs)
    print(f"Muted {label}{when}. Alerts still appear in the app.")
    return EXIT_OK


def run_unmute(ctx: Context) -> int:
    args = ctx.args
    prefs = read_prefs(ctx.profile)
    before = len(prefs.muted_kinds) + len(prefs.muted_listings)
    if args.all:
        prefs.muted_kinds, prefs.muted_listings = [], []
    elif args.kind:
        prefs.muted_kinds = [m for m in prefs.muted_kinds if m.kind != args.kind]
    else:
        prefs.muted_listings = [m for m in prefs.muted_listings
                                if not (m.listing_id == args.listing
                                        and (args.shop is None or m.shop == args.shop))]
    removed = before - len(prefs.muted_kinds) - len(prefs.muted_listings)
    write_prefs(ctx.profile, prefs)
    print(f"Removed {removed} mute(s).")
    return EXIT_OK


def list_mutes(ctx: Context) -> int:
    prefs = read_prefs(ctx.profile)
    rows = ([{"type": "kind", "what": m.kind, "shop": None, "until": m.until}
             for m in prefs.muted_kinds]
            + [{"type": "listing", "what": m.listing_id, "shop": m.shop, "until": m.until,
                "title": m.title} for m in prefs.muted_listings])
    if ctx.args.json:
        emit_json(rows)
    elif not rows:
        print("Nothing is muted.")
    else:
        table([[r["type"], r["what"], r.get("title") or "", r["shop"] or "",
                human_time(r["until"]) or "until unmuted"] for r in rows],
              ["TYPE", "WHAT", "TITLE", "SHOP", "UNTIL"], max_widths={2: 30})
    return EXIT_OK


def show_log(ctx: Context) -> int:
    args = ctx.args
    prefs = read_prefs(ctx.profile)
    channel_id = _channel(prefs, args.channel).id if args.channel else None
    names = {c.id: c.name for c in prefs.channels}
    messages = queries.list_notify_messages(ctx.db, channel=channel_id, status=args.status,
                                            limit=args.limit)
    if args.json:
        emit_json([{"id": m.id, "channel": names.get(m.channel, m.channel), "kind": m.kind,
                    "severity": m.severity, "title": m.title, "status": m.status,
                    "attempts": m.attempts, "created_at": m.created_at, "sent_at": m.sent_at,
                    "next_attempt_at": m.next_attempt_at if m.status == "pending" else None,
                    "last_error": m.last_error,
                    "alert_ids": queries.message_alert_ids(ctx.db, m.id)} for m in messages])
        return EXIT_OK
    if not messages:
        print("No notifications sent yet.")
        return EXIT_OK
    table([[m.id, human_time(m.created_at), names.get(m.channel, m.channel), m.kind, m.status,
            m.attempts, m.title, m.last_error or ""] for m in messages],
          ["ID", "CREATED", "CHANNEL", "KIND", "STATUS", "TRIES", "TITLE", "LAST ERROR"],
          max_widths={6: 50, 7: 50})
    return EXIT_OK
