"""``shopwatch demo`` (the demo shop, headless) and ``shopwatch demo-server`` (the simulated
marketplace served for any TOP client)."""

from __future__ import annotations

import argparse
import json
import threading
from collections import Counter
from datetime import date, timedelta

from shopwatch.commands.context import EXIT_OK, EXIT_SYNC_FAILED, CommandError, Context
from shopwatch.commands.output import emit_json
from shopwatch.demo.runtime import DEFAULT_SEED, DemoConfig, EmbeddedDemo, reset_demo_shop
from shopwatch.models import Alert
from shopwatch.monitor.sync import sort_alerts, sync_shop
from shopwatch.store import queries

SEVERITY_MARK = {"critical": "!!", "warning": "! ", "info": "  "}
INFO_LABEL = {"changed_by_platform": "title/price changes", "seller_off_shelf": "taken off shelf"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="run the demo shop headless and print each day's alerts")
    p.add_argument("--days", type=int, default=10, help="simulated days to run (default 10)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help="simulation seed")
    p.add_argument("--listings", type=int, default=300, help=argparse.SUPPRESS)
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
    return f"  {SEVERITY_MARK.get(alert.severity, '  ')} {alert.kind:<20} {alert.message}"


def run_demo(ctx: Context) -> int:
    args = ctx.args
    if getattr(args, "platform", "taobao") == "amazon":
        from shopwatch.commands.demo_amazon import run_amazon_demo

        return run_amazon_demo(ctx)
    if args.days < 0:
        raise CommandError("--days must be 0 or more")
    # Anchor the simulation so its last day is today: dates in the output look current.
    config = DemoConfig(seed=args.seed, start_date=date.today() - timedelta(days=args.days),
                        n_listings=args.listings)
    db = ctx.db
    shop = reset_demo_shop(db, config)
    days_out = []
    failed = False
    if not args.json:
        print(f"shopwatch demo: a simulated shop of {args.listings} listings (seed {args.seed}), "
              f"synced once per simulated day.\nProfile: {ctx.profile}\n")
    with EmbeddedDemo(config) as demo:
        for day in range(args.days + 1):
            if day:
                demo.advance()
            connector = demo.connector()
            try:
                result = sync_shop(db, shop, connector, now=demo.sim_now(),
                                   settings=ctx.settings.detection)
            finally:
                connector.close()
            alerts = sort_alerts(result.alerts)
            failed = failed or result.status != "ok"
            days_out.append({"day": day, "date": demo.marketplace.today.isoformat(),
                             "status": result.status, "listings": result.listings,
                             "seconds": round(result.duration_s, 3), "error": result.error,
                             "alerts": [_alert_json(a, shop.name) for a in alerts]})
            if args.json:
                continue
            label = "first sync" if day == 0 else f"day {day}"
            if result.status == "ok":
                print(f"{demo.marketplace.today} ({label}): {result.listings} listings synced in "
                      f"{result.duration_s:.2f} s, {len(alerts)} new alert(s)")
            else:
                print(f"{demo.marketplace.today} ({label}): SYNC FAILED: {result.error}")
            for alert in alerts:
                if alert.severity != "info":
                    print(_alert_line(alert))
            info = Counter(a.kind for a in alerts if a.severity == "info")
            if info:
                print("     (info: " + ", ".join(f"{n} {INFO_LABEL.get(k, k)}"
                                               for k, n in sorted(info.items())) + ")")
        queries.update_shop(db, shop.id, settings={**shop.settings, **demo.config.settings(),
                                                   "day": demo.day})
    counts = queries.count_by_status(db, shop.id)
    if args.json:
        emit_json({"shop": shop.name, "days": days_out, "listings": counts})
    else:
        summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        print(f"\nNow: {summary}.")
        print("See them with 'shopwatch listings --shop demo', 'shopwatch alerts', "
              "'shopwatch notices'; open the app with 'shopwatch gui --demo'.")
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
