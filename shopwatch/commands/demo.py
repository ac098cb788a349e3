"""``shopwatch demo`` (the demo shop, headless) and ``shopwatch demo-server`` (the simulated
marketplace served for any TOP client)."""

from __future__ import annotations

import argparse
import json
import shutil
import threading
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from shopwatch.commands.context import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_SYNC_FAILED,
    CommandError,
    Context,
)
from shopwatch.commands.output import emit_json
from shopwatch.config import (
    DEMO_MARKER,
    db_path,
    demo_profile_dir,
    ensure_demo_profile,
    is_demo_profile,
)
from shopwatch.demo.runtime import (
    DEFAULT_LISTINGS,
    DEFAULT_SEED,
    DemoConfig,
    EmbeddedDemo,
    demo_shop_in,
    new_demo_shop,
)
from shopwatch.models import Alert, Shop, SyncResult
from shopwatch.monitor.sync import sort_alerts, sync_shop
from shopwatch.store import queries
from shopwatch.store.db import StoreError, open_db
from shopwatch.timeutil import human_times_in

SEVERITY_MARK = {"critical": "!!", "warning": "! ", "info": "  "}
INFO_LABEL = {"changed_by_platform": "title/price changes", "seller_off_shelf": "taken off shelf"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "demo", help="run the demo shop headless and print each day's alerts",
        description="The demo shop lives in its own profile folder (DATA_DIR/demo), apart from "
        "your shops. Running it again continues the same demo; --reset starts a fresh one.")
    p.add_argument("--days", type=int, default=10, help="simulated days to run (default 10)")
    p.add_argument("--seed", type=int, default=None,
                   help=f"simulation seed (default {DEFAULT_SEED}; a fresh demo only)")
    p.add_argument("--listings", type=int, default=None, help=argparse.SUPPRESS)
    p.add_argument("--reset", action="store_true",
                   help="delete the demo profile (and anything made in it) and start a fresh demo")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.add_argument("--platform", choices=["taobao", "amazon"], default="taobao",
                   help="which marketplace to simulate (default taobao)")
    p.set_defaults(handler=run_demo)

    s = sub.add_parser("demo-server", help="serve the demo marketplace on 127.0.0.1 (TOP protocol)")
    s.add_argument("--port", type=int, default=0, help="port (default: any free port)")
    s.add_argument("--seed", type=int, default=DEFAULT_SEED)
    s.add_argument("--day", type=int, default=0, help="simulated day to start on")
    s.add_argument("--listings", type=int, default=300, help="listings in the simulated shop")
    s.add_argument("--platform", choices=["taobao", "amazon"], default="taobao",
                   help="taobao: the TOP protocol; amazon: SP-API and Login with Amazon")
    s.set_defaults(handler=run_demo_server)


def _alert_line(alert: Alert) -> str:
    return (f"  {SEVERITY_MARK.get(alert.severity, '  ')} {alert.kind:<20} "
            f"{human_times_in(alert.message)}")


def print_day(today: date, day: int, result: SyncResult, alerts: list[Alert], done: str) -> None:
    """One simulated day of a headless demo (either marketplace): what the sync did
    (``done``), then its alerts, the informational ones counted by kind."""
    label = "first sync" if day == 0 else f"day {day}"
    if result.status == "ok":
        print(f"{today} ({label}): {done}, {len(alerts)} new alert(s)")
    else:
        print(f"{today} ({label}): SYNC FAILED: {result.error}")
    for alert in alerts:
        if alert.severity != "info":
            print(_alert_line(alert))
    info = Counter(a.kind for a in alerts if a.severity == "info")
    if info:
        print("     (info: " + ", ".join(f"{n} {INFO_LABEL.get(k, k)}"
                                       for k, n in sorted(info.items())) + ")")


def shell_path(path: Path) -> str:
    """A path as it can be pasted into a command line (quoted when it has spaces)."""
    text = str(path)
    return f'"{text}"' if any(ch.isspace() or ch in "'&;()" for ch in text) else text


def _reset(ctx: Context) -> str:
    """Delete the demo profile folder (only one marked as a demo profile); the sentence to say."""
    folder = demo_profile_dir(ctx.profile)
    if not folder.exists():
        return ""
    if not is_demo_profile(folder):
        raise CommandError(f"{folder} is not a demo profile (it has no {DEMO_MARKER}), so "
                           "--reset leaves it alone. Move it away to start a fresh demo there.")
    made = []
    if db_path(folder).exists():
        try:
            db = open_db(db_path(folder))
        except StoreError:
            db = None
        if db is not None:
            try:
                made = [f"{n} {what}" for n, what in (
                    (len(queries.list_appeals(db)), "appeal(s)"),
                    (sum(1 for a in queries.list_alerts(db, include_acknowledged=True)
                         if a.acknowledged_at), "acknowledged alert(s)")) if n]
            finally:
                db.close()
    try:
        shutil.rmtree(folder)
    except OSError as exc:
        raise CommandError(f"Cannot delete the old demo profile {folder}: {exc}. Close the app "
                           "if it shows the demo, then try again.", EXIT_ERROR) from exc
    lost = f", including {' and '.join(made)}" if made else ""
    return (f"--reset: the previous demo profile was deleted{lost}; this is a fresh demo.")


def _legacy_demo_note(ctx: Context) -> str:
    """Earlier versions put the demo shop into the seller's own profile; say how to remove it
    (never removed here: it may hold the seller's appeals)."""
    if is_demo_profile(ctx.profile) or not db_path(ctx.profile).exists():
        return ""
    try:
        old = demo_shop_in(ctx.db)
    except CommandError:  # the seller's profile cannot be opened: the demo does not need it
        return ""
    finally:
        ctx.close()
    if old is None:
        return ""
    base = "shopwatch" + (f" --data-dir {shell_path(ctx.profile)}" if ctx.args.data_dir else "")
    return (f"Note: your own profile still holds a demo shop from an earlier version, which "
            f"'{base} sync' includes. Remove it with '{base} shop remove demo' once you no "
            "longer need what you made in it; the demo now has a profile of its own.")


def _plan(ctx: Context, db) -> tuple[Shop, DemoConfig, bool]:
    """(the demo shop, its simulation, whether it continues an earlier run)."""
    args = ctx.args
    shop = demo_shop_in(db)
    if shop is not None and queries.last_run(db, shop.id, status="ok") is not None:
        stored = DemoConfig.from_settings(shop.settings)
        for flag, asked, has in (("--seed", args.seed, stored.seed),
                                 ("--listings", args.listings, stored.n_listings)):
            if asked is not None and asked != has:
                raise CommandError(
                    f"The demo in {ctx.profile} was made with {flag} {has}. Run "
                    f"'shopwatch demo --reset {flag} {asked}' to start a fresh demo with "
                    f"{flag} {asked} (that deletes the current demo and anything made in it).")
        return shop, stored, True
    # Anchor the simulation so its last day is today: dates in the output look current.
    config = DemoConfig(seed=DEFAULT_SEED if args.seed is None else args.seed,
                        start_date=date.today() - timedelta(days=args.days),
                        n_listings=DEFAULT_LISTINGS if args.listings is None else args.listings)
    return new_demo_shop(db, config), config, False


def run_demo(ctx: Context) -> int:
    args = ctx.args
    if getattr(args, "platform", "taobao") == "amazon":
        from shopwatch.commands.demo_amazon import run_amazon_demo

        return run_amazon_demo(ctx)
    if args.days < 0:
        raise CommandError("--days must be 0 or more")
    if args.listings is not None and args.listings < 1:
        raise CommandError("--listings must be 1 or more")
    said = _reset(ctx) if args.reset else ""
    legacy = _legacy_demo_note(ctx)
    app = "shopwatch" + (f" --data-dir {shell_path(ctx.profile)}" if args.data_dir else "")
    try:
        ctx.use_profile(ensure_demo_profile(ctx.profile))
    except OSError as exc:
        raise CommandError(f"Cannot make the demo profile folder: {exc}") from exc
    db = ctx.db
    shop, config, continued = _plan(ctx, db)
    days_out = []
    failed = False
    if not args.json:
        if said:
            print(said)
        if legacy:
            ctx.note(legacy)
        print(f"shopwatch demo: a simulated shop of {config.n_listings} listings (seed "
              f"{config.seed}), synced once per simulated day.\nDemo profile (apart from your "
              f"own shops): {ctx.profile}")
        if continued:
            print(f"Continuing the demo from simulated day {config.day}: what you made in it "
                  "is kept ('shopwatch demo --reset' starts a fresh demo).")
        print()
    with EmbeddedDemo(config) as demo:
        steps = range(1, args.days + 1) if continued else range(args.days + 1)
        for step in steps:
            if step:
                demo.advance()
            connector = demo.connector()
            try:
                result = sync_shop(db, shop, connector, now=demo.sim_now(),
                                   settings=ctx.settings.detection)
            finally:
                connector.close()
            alerts = sort_alerts(result.alerts)
            failed = failed or result.status != "ok"
            days_out.append({"day": demo.day, "date": demo.marketplace.today.isoformat(),
                             "status": result.status, "listings": result.listings,
                             "seconds": round(result.duration_s, 3), "error": result.error,
                             "alerts": [_alert_json(a, shop.name) for a in alerts]})
            # the simulated day is saved after every sync, so an interrupted run continues
            # where it stopped
            shop = queries.update_shop(db, shop.id, settings={
                **shop.settings, **demo.config.settings(), "day": demo.day})
            if args.json:
                continue
            print_day(demo.marketplace.today, demo.day, result, alerts,
                      f"{result.listings} listings synced in {result.duration_s:.2f} s")
    counts = queries.count_by_status(db, shop.id)
    if args.json:
        emit_json({"shop": shop.name, "days": days_out, "listings": counts,
                   "profile": str(ctx.profile), "continued": continued})
    else:
        summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        where = f"shopwatch --data-dir {shell_path(ctx.profile)}"
        print(f"\nNow: {summary}.")
        print(f"See them with '{where} listings', '{where} alerts', '{where} notices'; open "
              f"the app with '{app} gui --demo'. Run '{app} demo' again to continue the demo, "
              f"or '{app} demo --reset' to start over.")
    return EXIT_SYNC_FAILED if failed else EXIT_OK


def _alert_json(alert: Alert, shop: str) -> dict:
    from shopwatch.commands.watch import alert_json

    return alert_json(alert, shop)


def run_demo_server(ctx: Context) -> int:
    from shopwatch.demo.marketplace import Marketplace
    from shopwatch.demo.server import DemoServer

    args = ctx.args
    if getattr(args, "platform", "taobao") == "amazon":
        from shopwatch.commands.demo_amazon import run_amazon_demo_server

        return run_amazon_demo_server(ctx)
    marketplace = Marketplace(seed=args.seed, n_listings=args.listings)
    if args.day:
        marketplace.set_day(args.day)
    server = DemoServer(marketplace, port=args.port)
    try:
        server.start()
    except OSError as exc:
        raise CommandError(f"Cannot listen on 127.0.0.1:{args.port}: {exc}") from exc
    first = {"endpoint": server.endpoint, "app_key": marketplace.app_key,
             "app_secret": marketplace.app_secret, "session": marketplace.session}
    print(json.dumps(first), flush=True)
    ctx.note(f"Demo marketplace (day {marketplace.day}, {marketplace.today}) at {server.endpoint}. "
             "POST /demo/advance moves it a day; Ctrl-C stops it.")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return EXIT_OK
