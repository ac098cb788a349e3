"""``python -m benchmarks.resync_child DB SHOP_ID ENDPOINT APP_KEY SECRET SESSION [--bare]``:
one re-sync of an already synced shop in a fresh process, then one JSON line with its peak
resident memory (VmHWM). ``--bare`` imports the same modules and syncs nothing (the baseline)."""

from __future__ import annotations

import json
import sys

from benchmarks.harness import peak_rss_mb
from shopwatch.connectors.taobao import TaobaoConnector
from shopwatch.monitor.sync import sync_shop
from shopwatch.store import queries
from shopwatch.store.db import open_db


def main(argv: list[str]) -> None:
    db_path, shop_id, endpoint, app_key, secret, session = argv[:6]
    status = "bare"
    if "--bare" not in argv:
        db = open_db(db_path)
        shop = queries.get_shop_by_id(db, int(shop_id))
        with TaobaoConnector(endpoint, app_key, secret, session, sign_method="hmac-sha256",
                             timeout=60) as connector:
            result = sync_shop(db, shop, connector)
        status = result.status
        db.close()
    print(json.dumps({"status": status, "peak_mb": peak_rss_mb()}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
