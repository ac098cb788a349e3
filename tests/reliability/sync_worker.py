"""A child process that runs one real sync, to be killed with SIGKILL at a random moment.

Started by ``test_sigkill.py`` with the database path, shop name and demo endpoint on the
command line and the credentials in the environment (never on a command line). It imports
everything, prints ``ready``, waits for one line on stdin (the simulated "now" in ISO 8601),
opens the database, prints ``go`` and syncs, printing ``fetched`` when the network part is done
and the write begins, ``writing`` and ``committing`` inside the run's transaction; on completion it prints one JSON line with the moment the fetch ended and
the moment the run was saved, both in seconds after ``go``.

The line may end with `` hold=fetch`` or `` hold=write``: the worker then stops for good at that
point (before the fetch, or inside the transaction after every row is written and before the
commit), so the parent's kill lands there whatever the machine's speed."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import datetime


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--shop", required=True)
    parser.add_argument("--endpoint", required=True)
    args = parser.parse_args()

    from shopwatch.config import DetectionSettings
    from shopwatch.connectors.taobao import DemoConnector
    from shopwatch.monitor import incremental
    from shopwatch.monitor import sync as sync_module
    from shopwatch.store import queries
    from shopwatch.store.db import open_db

    print("ready", flush=True)
    line = sys.stdin.readline().strip()
    if not line:
        return 0
    when, _, hold = line.partition(" hold=")
    now = datetime.fromisoformat(when)
    db = open_db(args.db)
    shop = queries.get_shop(db, args.shop)
    assert shop is not None
    connector = DemoConnector(
        args.endpoint, os.environ["SW_APP_KEY"], os.environ["SW_APP_SECRET"],
        os.environ["SW_SESSION"], sign_method="hmac-sha256", timeout=5.0, retries=1,
        backoff=0.01, page_size=100,
    )
    marks: dict[str, float] = {}
    # The demo connector reads two-pass: its run goes through incremental.fetch / .apply.
    two_pass = incremental.supports(connector)
    module = incremental if two_pass else sync_module
    real_fetch = module.fetch

    def hold_here(point: str) -> None:
        if hold == point:
            time.sleep(3600)  # the parent kills us here

    def timed_fetch(*a, **kw):  # type: ignore[no-untyped-def]
        hold_here("fetch")
        fetched = real_fetch(*a, **kw)
        marks["fetched"] = time.monotonic() - start
        print("fetched", flush=True)  # the parent may now aim its kill at the write
        return fetched

    real_apply = module.apply

    def announced_apply(*a, **kw):  # type: ignore[no-untyped-def]
        # Called inside the run's transaction: between these two words a kill tears a write.
        print("writing", flush=True)
        out = real_apply(*a, **kw)
        hold_here("write")
        print("committing", flush=True)
        return out

    module.fetch = timed_fetch  # type: ignore[assignment]
    module.apply = announced_apply  # type: ignore[assignment]
    print("go", flush=True)
    start = time.monotonic()
    # The periodic full read never comes due here, so the killed runs are two-pass (lean
    # lists, then changed rows); the parent's checking sync reads in full.
    result = sync_module.sync_shop(db, shop, connector, now=now,
                                   settings=DetectionSettings(full_read_hours=24 * 30))
    marks["saved"] = time.monotonic() - start
    print(json.dumps({"status": result.status, "error": result.error, **marks}), flush=True)
    connector.close()
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
