"""``shopwatch demo --platform amazon`` and ``shopwatch demo-server --platform amazon``: the
demo Amazon seller account, synced through the real SP-API connector on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from datetime import date, timedelta

from shopwatch.commands.context import EXIT_OK, EXIT_SYNC_FAILED, CommandError, Context
from shopwatch.commands.demo import print_day
from shopwatch.commands.output import emit_json
from shopwatch.monitor.sync import sort_alerts, sync_shop
from shopwatch.store import queries
from shopwatch.timeutil import iso, now_utc

AMAZON_DEMO_SHOP = "amazon-demo"
DEFAULT_LISTINGS = 120


def run_amazon_demo(ctx: Context) -> int:
    from shopwatch.commands.watch import alert_json
    from shopwatch.config import ensure_demo_profile
    from shopwatch.connectors.amazon_shop import AmazonSettings
    from shopwatch.demo.amazon_market import AmazonMarket
    from shopwatch.demo.amazon_runtime import demo_connector
    from shopwatch.demo.amazon_server import AmazonDemoServer
    from shopwatch.monitor.service import remember_account_status

    args = ctx.args
    if args.days < 0:
        raise CommandError("--days must be 0 or more")
    if args.listings is not None and args.listings < 1:
        raise CommandError("--listings must be 1 or more")
    listings = args.listings if args.listings is not None else DEFAULT_LISTINGS
    # the demo keeps to its own profile folder, like the Taobao demo: the seller's shops,
    # syncs and digests never see it
    try:
        ctx.use_profile(ensure_demo_profile(ctx.profile))
    except OSError as exc:
        raise CommandError(f"Cannot make the demo profile folder: {exc}") from exc
    market = AmazonMarket(seed=args.seed if args.seed is not None else 7, n_listings=listings,
                          start_date=date.today() - timedelta(days=args.days))
    db = ctx.db
    old = queries.get_shop(db, AMAZON_DEMO_SHOP)
    if old is not None:
        queries.delete_shop(db, old.id)
    failed = False
    days_out = []
    with AmazonDemoServer(market) as server:
        settings = AmazonSettings("na", market.marketplace_id, market.seller_id,
                                  server.token_endpoint).as_settings()
        shop = queries.add_shop(db, AMAZON_DEMO_SHOP, "amazon", now=iso(now_utc()),
                                endpoint=server.endpoint, app_key=market.client_id,
                                settings=settings)
        if not args.json:
            print(f"shopwatch demo: a simulated Amazon seller account of {market.n_listings} "
                  f"SKUs (seed {args.seed}), synced once per simulated day through SP-API on "
                  f"127.0.0.1.\nProfile: {ctx.profile}\n")
        for day in range(args.days + 1):
            if day:
                market.advance()
            connector = demo_connector(server)
            try:
                result = sync_shop(db, shop, connector, now=market.now(),
                                   settings=ctx.settings.detection)
                remember_account_status(db, shop, connector, result)
            finally:
                connector.close()
            alerts = sort_alerts(result.alerts)
            failed = failed or result.status != "ok"
            days_out.append({"day": day, "date": market.today.isoformat(),
                             "status": result.status, "listings": result.listings,
                             "account_status": connector.account_status,
                             "error": result.error,
                             "alerts": [alert_json(a, shop.name) for a in alerts]})
            if args.json:
                continue
            print_day(market.today, day, result, alerts,
                      f"{result.listings} SKUs synced, account {connector.account_status}")
    # the shop keeps its simulated calendar: 'shopwatch sync' and the app carry the demo on
    from shopwatch.demo.amazon_runtime import AmazonDemoConfig

    calendar = AmazonDemoConfig(args.seed if args.seed is not None else 7, market.n_listings,
                                market.start_date, market.day)
    current = queries.get_shop_by_id(db, shop.id)
    with db.atomic():
        queries.update_shop(db, shop.id, settings={**current.settings, **calendar.settings()})
    counts = queries.count_by_status(db, shop.id)
    if args.json:
        emit_json({"shop": shop.name, "platform": "amazon", "days": days_out,
                   "listings": counts})
    else:
        print("\nNow: " + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) + ".")
        print(f"See them with 'shopwatch listings --shop {shop.name} --json' (SKU, ASIN and "
              "issues), 'shopwatch alerts', 'shopwatch notices'.")
    return EXIT_SYNC_FAILED if failed else EXIT_OK


def run_amazon_demo_server(ctx: Context) -> int:
    from shopwatch.demo.amazon_market import AmazonMarket
    from shopwatch.demo.amazon_server import AmazonDemoServer

    args = ctx.args
    listings = args.listings if args.listings != 300 else DEFAULT_LISTINGS
    market = AmazonMarket(seed=args.seed, n_listings=listings)
    market.set_day(args.day)
    server = AmazonDemoServer(market, port=args.port)
    try:
        server.start()
    except OSError as exc:
        raise CommandError(f"Cannot listen on 127.0.0.1:{args.port}: {exc}") from exc
    print(json.dumps(server.credentials()), flush=True)
    ctx.note(f"Demo Amazon marketplace (day {market.day}, {market.today}) at {server.endpoint}. "
             "POST /demo/advance moves it a day, POST /demo/faults sets faults; Ctrl-C stops it.")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return EXIT_OK
