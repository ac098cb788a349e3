"""A child process that performs one user action through the same function the app and the
CLI call, on a long-lived connection like the app's, then kills itself with SIGKILL the
moment the call returns: no close, no commit, no checkpoint after it. Whatever the parent then
reads was committed before the call returned.

``python action_worker.py DB ACTION`` with ACTION one of ack | notice | appeal | evidence |
appeal_status. Prints ``returned <json>`` (what the call gave back) just before dying."""

from __future__ import annotations

import json
import os
import signal
import sys


def main() -> None:
    path, action = sys.argv[1], sys.argv[2]
    from shopwatch.monitor import file_import
    from shopwatch.store import queries
    from shopwatch.store.db import open_db
    from shopwatch.timeutil import iso, now_utc

    db = open_db(path)
    shop = queries.list_shops(db)[0]
    now = now_utc()
    if action == "ack":
        alert = queries.list_alerts(db, shop_id=shop.id)[0]
        queries.acknowledge_alerts(db, [alert.id], iso(now))
        out = {"alert_id": alert.id}
    elif action == "notice":
        parsed = file_import.understand_notice(
            "您的店铺因虚假交易被扣12分，涉及商品ID 612345678901，请于3天内申诉。", now=now)
        outcome = file_import.add_notices(db, shop, [parsed.to_record()], now=now)
        out = {"ok": outcome.ok, "source_id": parsed.to_record().source_id}
    elif action in ("appeal", "evidence"):
        notice = queries.list_notices(db, shop_id=shop.id)[0]
        appeal = queries.latest_appeal(db, notice.id)
        evidence = {"order_ids": ["3344556677889900"]} if action == "evidence" else {}
        saved = queries.save_appeal(
            db, notice_id=notice.id, template="false_trading", language="zh_CN",
            body=f"申诉书 {action}", evidence=evidence, now=iso(now),
            appeal_id=appeal.id if appeal else None)
        out = {"appeal_id": saved.id}
    elif action == "appeal_status":
        appeal = queries.list_appeals(db)[0]
        queries.set_appeal_status(db, appeal.id, "submitted", iso(now))
        out = {"appeal_id": appeal.id}
    else:
        raise SystemExit(f"unknown action {action}")
    print("returned", json.dumps(out), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    main()
