"""``shopwatch watch-messages [--shop NAME] [--once] [--json]``: poll Taobao's punishment
messages (TMC) between syncs and alert at once. Taobao and demo shops only (file shops have no
message service). Exit 0; 3 when a poll failed (nothing it had not committed is confirmed, so
the platform delivers those messages again)."""

from __future__ import annotations

import argparse
import time
from typing import Any

from shopwatch.commands.context import EXIT_OK, EXIT_SYNC_FAILED, CommandError, Context
from shopwatch.commands.output import emit_json
from shopwatch.connectors.base import ConnectorError
from shopwatch.monitor.sync import sort_alerts

#: seconds between polls; the desktop app polls every minute too
INTERVAL = 60.0


def register(sub: argparse._SubParsersAction) -> None:
    w = sub.add_parser("watch-messages",
                       help="poll the platform's punishment messages (TMC) and alert at once")
    w.add_argument("--shop", metavar="NAME")
    w.add_argument("--once", action="store_true", help="poll once and exit")
    w.add_argument("--interval", type=float, default=INTERVAL, metavar="SECONDS",
                   help=f"seconds between polls (default {INTERVAL:g})")
    w.add_argument("--json", action="store_true")
    w.set_defaults(handler=watch_messages)


def watch_messages(ctx: Context) -> int:
    from shopwatch.monitor.service import poll_messages

    shops = [s for s in ctx.shops(ctx.args.shop) if s.platform in ("taobao", "demo")]
    if not shops:
        raise CommandError("No Taobao or demo shop to watch. Add one with 'shopwatch shop add', "
                           "or run 'shopwatch demo'.")
    code = EXIT_OK
    while True:
        report = []
        for shop in shops:
            entry: dict[str, Any] = {"shop": shop.name}
            try:
                result = poll_messages(ctx.db, shop, settings=ctx.settings.detection,
                                       note=ctx.note)
                entry |= {"status": "ok", "received": result.received, "new": result.new,
                          "confirmed": result.confirmed,
                          "alerts": [{"id": a.id, "kind": a.kind, "severity": a.severity,
                                      "listing_id": a.listing_id, "message": a.message}
                                     for a in sort_alerts(result.alerts)]}
            except ConnectorError as exc:
                entry |= {"status": "failed", "error": str(exc)}
                code = EXIT_SYNC_FAILED
            report.append(entry)
            if not ctx.args.json:
                _print(entry)
        if ctx.args.json:
            emit_json(report[0] if len(report) == 1 else report)
        if ctx.args.once:
            return code
        time.sleep(max(1.0, ctx.args.interval))


def _print(entry: dict[str, Any]) -> None:
    if entry["status"] != "ok":
        print(f"{entry['shop']}: messages could not be read: {entry['error']}")
        return
    print(f"{entry['shop']}: {entry['received']} messages, {entry['new']} new, "
          f"{len(entry['alerts'])} alerts")
    for alert in entry["alerts"]:
        print(f"  [{alert['severity']}] {alert['message']}")
