"""Desktop-app benchmark: a shop of N listings (100,000 by default) in a fresh profile.

``python -m shopwatch.ui.benchmark [--listings N] [--json]`` reports the time to populate
the Listings page, the time per filter keystroke, scrolling to the end, resident memory, and
the time from launch to the first painted window. Each figure is printed with a baseline
measured in the same run on the same machine (the bare SQL query, a bare Qt window), so the
ratios mean something on any computer. It is a benchmark, not a test: nothing here asserts."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from shopwatch.config import DB_FILENAME, Settings  # noqa: E402
from shopwatch.models import Listing  # noqa: E402
from shopwatch.store import queries  # noqa: E402
from shopwatch.store.db import open_db  # noqa: E402

STAMP = "2026-11-20T09:00:00+08:00"
WORDS = ("真丝", "羊毛", "纯棉", "亚麻", "Silk", "Wool", "Cotton", "Linen")
ITEMS = ("围巾", "衬衫", "大衣", "scarf", "shirt", "coat", "dress", "socks")
STATUSES = ("active",) * 8 + ("seller_off_shelf", "violation_off_shelf", "deleted", "sold_out")
TYPED = "真丝 scarf 12"


def rss_mb() -> float:
    """Resident memory now (Linux /proc; elsewhere the peak from getrusage)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def make_profile(folder: Path, n: int) -> int:
    db = open_db(folder / DB_FILENAME)
    shop = queries.add_shop(db, "bench", "taobao", now=STAMP, endpoint="http://127.0.0.1:1",
                            app_key="k")
    rows = [Listing(shop_id=shop.id, listing_id=str(600_000_000_000 + i),
                    title=f"{WORDS[i % 8]}{ITEMS[(i // 8) % 8]} {i}", status=STATUSES[i % 12],
                    price=f"{19 + (i * 37) % 900}.90", quantity=i % 300,
                    outer_id=f"SW{i:06d}", first_seen=STAMP, last_seen=STAMP,
                    status_changed_at=f"2026-11-{1 + i % 20:02d}T09:00:00+08:00",
                    content_hash=f"h{i}",
                    search_status="suppressed" if i % 97 == 0 else "normal")
            for i in range(n)]
    with db.atomic():
        queries.write_listings(db, rows, run_id=0, now=STAMP, changed_hash=set())
    db.close()
    return shop.id


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def bench_listings(profile: Path, shop_id: int) -> dict:
    from shopwatch.ui import i18n, resources, theme
    from shopwatch.ui.pages.listings import ListingsPage
    from shopwatch.ui.session import Session

    app = QApplication.instance() or QApplication(["shopwatch-benchmark"])
    theme.apply(app)
    i18n.Translators(resources.cache_dir(profile)).apply(i18n.ENGLISH)
    db = open_db(profile / DB_FILENAME)
    session = Session(profile, db, Settings())
    session.select_shop(shop_id)
    baseline_sql = statistics.median(timed(lambda: queries.listing_keys(db, shop_id))
                                     for _ in range(5))
    memory_before = rss_mb()

    page = ListingsPage(session)
    page.resize(1280, 760)
    page.show()
    app.processEvents()

    def populate() -> None:
        page.refresh()
        while page.model.loading:  # keys arrive from the key thread
            app.processEvents()
            time.sleep(0.001)
        page.repaint()  # paint the visible rows: what the seller waits for
        app.processEvents()

    populate_ms = timed(populate)
    memory_after = rss_mb()

    def wait_for_keys() -> None:
        while page.model.loading:
            app.processEvents()
            time.sleep(0.001)

    wait_for_keys()
    from shopwatch.ui.pages.listings import DEBOUNCE_MS

    def settle_keys() -> None:  # the search reader's index warms after the first key list
        from shopwatch.ui.workers import wait_idle

        wait_idle(60_000)

    settle_keys()
    blocked, latency, typed = [], [], []
    for i in range(1, len(TYPED) + 1):
        page.search.blockSignals(True)  # apply each prefix at once: the query's part alone
        page.search.setText(TYPED[:i])
        page.search.blockSignals(False)
        start = time.perf_counter()
        page.apply_filter()  # asks the key thread; the GUI thread is free again at once
        app.processEvents()
        blocked.append((time.perf_counter() - start) * 1000)
        wait_for_keys()
        page.table.viewport().repaint()
        latency.append((time.perf_counter() - start) * 1000)
    page.search.clear()
    page.apply_filter()
    wait_for_keys()
    # as the seller types: each key starts the debounce; from the last key to rows painted
    for i in range(1, len(TYPED) + 1):
        start = time.perf_counter()
        page.search.setText(TYPED[:i])
        while page._debounce.isActive() or page.model.loading:
            app.processEvents()
            time.sleep(0.0005)
        page.table.viewport().repaint()
        typed.append((time.perf_counter() - start) * 1000)
    page.search.clear()
    page.apply_filter()
    wait_for_keys()
    sorts = []
    for column in range(page.model.columnCount()):
        if page.table.isColumnHidden(column):
            continue
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            start = time.perf_counter()
            page.table.sortByColumn(column, order)
            wait_for_keys()
            page.table.viewport().repaint()
            sorts.append((time.perf_counter() - start) * 1000)

    def scroll_to_end() -> None:
        page.table.scrollToBottom()
        page.table.viewport().repaint()
        app.processEvents()

    scroll_ms = timed(scroll_to_end)
    rows = page.model.rowCount()
    blocks = page.model.block_reads
    page.close()
    db.close()
    return {
        "listings": rows,
        "populate_ms": round(populate_ms, 1),
        "sql_keys_baseline_ms": round(baseline_sql, 1),
        "populate_vs_sql": round(populate_ms / baseline_sql, 2) if baseline_sql else None,
        "keystroke_gui_blocked_median_ms": round(statistics.median(blocked), 2),
        "keystroke_gui_blocked_max_ms": round(max(blocked), 2),
        "keystroke_result_median_ms": round(statistics.median(latency), 1),
        "keystroke_result_max_ms": round(max(latency), 1),
        "keystroke_result_vs_sql": round(statistics.median(latency) / baseline_sql, 2)
        if baseline_sql else None,
        "debounce_ms": DEBOUNCE_MS,
        "keystroke_typed_median_ms": round(statistics.median(typed), 1),
        "keystroke_typed_max_ms": round(max(typed), 1),
        "sort_median_ms": round(statistics.median(sorts), 1),
        "sort_max_ms": round(max(sorts), 1),
        "sorts": len(sorts),
        "scroll_to_end_ms": round(scroll_ms, 1),
        "row_blocks_read": blocks,
        "rss_mb": round(memory_after, 1),
        "rss_added_by_page_mb": round(memory_after - memory_before, 1),
    }


#: launches of the app and of the bare window each, alternating so that a busy spell on a
#: shared machine slows both alike (nine, as the command-line start-up benchmark takes)
LAUNCHES = 9


def byte_compile_app() -> None:
    """Write the app's byte-code, as installing it (pip) or bundling it does: a checkout run
    with PYTHONDONTWRITEBYTECODE (or a read-only one) would otherwise compile every module
    from source at each launch, which no installed copy does."""
    import compileall

    import shopwatch

    compileall.compile_dir(str(Path(shopwatch.__file__).parent), quiet=1)


def first_paint(profile: Path, launches: int = LAUNCHES) -> dict:
    """Launch to the first painted window, the app's against a bare Qt window's, each launched
    ``launches`` times in turn. Start-up is a fixed cost: the best launch is the figure (as
    ``timeit`` and the CLI start-up benchmark report), slower ones measure the other
    processes on the machine; the medians are reported too."""
    env = {**os.environ, "SHOPWATCH_BENCH_FIRST_PAINT": "1", "QT_QPA_PLATFORM":
           os.environ.get("QT_QPA_PLATFORM", "offscreen"), "SHOPWATCH_NO_TRAY": "1"}

    def launch(args: list[str], marker: str) -> float:
        start = time.perf_counter()
        proc = subprocess.Popen(args, env=env, stderr=subprocess.PIPE, text=True)
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.startswith(marker):
                elapsed = (time.perf_counter() - start) * 1000
                break
        else:
            elapsed = float("nan")
        proc.wait(timeout=60)
        return elapsed

    bare = ("import sys, time\nfrom PySide6.QtCore import QEvent, QObject, QTimer\n"
            "from PySide6.QtWidgets import QApplication, QLabel\n"
            "app = QApplication(sys.argv)\nw = QLabel('hello')\n"
            "class F(QObject):\n"
            "    def eventFilter(self, o, e):\n"
            "        if e.type() == QEvent.Type.Paint:\n"
            "            print('first-paint', file=sys.stderr, flush=True)\n"
            "            QTimer.singleShot(0, app.quit)\n"
            "        return False\n"
            "f = F(); w.installEventFilter(f); w.show(); app.exec()\n")
    app = [sys.executable, "-m", "shopwatch", "--data-dir", str(profile), "gui", "--page",
           "overview"]
    byte_compile_app()
    launch(app, "first-paint")  # warms the file cache (and compiles anything left)
    bare_runs, app_runs = [], []
    for _ in range(launches):
        bare_runs.append(launch([sys.executable, "-c", bare], "first-paint"))
        app_runs.append(launch(app, "first-paint"))
    bare_ms, app_ms = min(bare_runs), min(app_runs)
    return {"launch_to_first_paint_ms": round(app_ms, 1),
            "bare_qt_window_baseline_ms": round(bare_ms, 1),
            "launch_vs_bare_qt": round(app_ms / bare_ms, 2) if bare_ms else None,
            "launch_median_ms": round(statistics.median(app_runs), 1),
            "bare_median_ms": round(statistics.median(bare_runs), 1),
            "launch_max_ms": round(max(app_runs), 1),
            "launches": launches}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shopwatch.ui.benchmark")
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="shopwatch-bench-") as tmp:
        profile = Path(tmp)
        start = time.perf_counter()
        shop_id = make_profile(profile, args.listings)
        setup_s = time.perf_counter() - start
        result = {"setup_s": round(setup_s, 1), **bench_listings(profile, shop_id),
                  **first_paint(profile)}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"shopwatch desktop benchmark, {result['listings']:,} listings "
          f"(profile built in {result['setup_s']} s)")
    print(f"  populate Listings page   {result['populate_ms']:>8} ms   "
          f"= {result['populate_vs_sql']}× the bare key query ({result['sql_keys_baseline_ms']} ms)")
    print(f"  filter keystroke         {result['keystroke_result_median_ms']:>8} ms   until "
          f"the rows show (median; max {result['keystroke_result_max_ms']} ms; "
          f"= {result['keystroke_result_vs_sql']}× the key query)")
    print(f"    GUI thread blocked     {result['keystroke_gui_blocked_median_ms']:>8} ms   "
          f"median, max {result['keystroke_gui_blocked_max_ms']} ms (the query runs on its "
          f"own thread; typing is debounced {result['debounce_ms']} ms)")
    print(f"  scroll to the last row   {result['scroll_to_end_ms']:>8} ms   "
          f"({result['row_blocks_read']} row blocks read in all)")
    print(f"  resident memory          {result['rss_mb']:>8} MB   "
          f"(+{result['rss_added_by_page_mb']} MB for the page)")
    print(f"  launch to first paint    {result['launch_to_first_paint_ms']:>8} ms   "
          f"= {result['launch_vs_bare_qt']}× a bare Qt window "
          f"({result['bare_qt_window_baseline_ms']} ms), best of {result['launches']}; "
          f"medians {result['launch_median_ms']} and {result['bare_median_ms']} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())


def bench_sync_navigation(profile: Path, listings: int = 20_000, *,
                          switch_ms: int = 150, gateway: dict | None = None,
                          between: Callable[[], object] | None = None) -> dict:
    """The longest the GUI thread stays blocked while a ``listings``-listing shop syncs
    (through the app's controller: job runner, writes, refreshes) and the seller moves between
    pages every ``switch_ms``. A 1 ms heartbeat timer measures the gaps in the event loop.

    ``gateway`` (endpoint, app_key, app_secret, session) is a TOP gateway in another process,
    as a real shop's is on another machine; ``between`` changes its shop between the two
    syncs. Without it the demo shop syncs from the embedded marketplace, served by threads of
    the sync's own process (the app runs its syncs in a child process)."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    from shopwatch.demo.runtime import DemoConfig, reset_demo_shop
    from shopwatch.ui import i18n, resources, theme
    from shopwatch.ui.controller import AppController
    from shopwatch.ui.main_window import PAGE_KEYS
    from shopwatch.ui.session import Session
    from shopwatch.ui.workers import wait_idle

    app = QApplication.instance() or QApplication(["shopwatch-benchmark"])
    theme.apply(app)
    translators = i18n.Translators(resources.cache_dir(profile))
    translators.apply(i18n.ENGLISH)
    db = open_db(profile / DB_FILENAME)
    if gateway is None:
        shop = reset_demo_shop(db, DemoConfig(n_listings=listings))
    else:
        from shopwatch.credentials import APP_SECRET, ENV_NAMES, SESSION

        shop = queries.add_shop(db, "bench", "taobao", now=STAMP,
                                endpoint=gateway["endpoint"], app_key=gateway["app_key"],
                                sign_method="hmac-sha256")
        os.environ[ENV_NAMES[APP_SECRET]] = gateway["app_secret"]
        os.environ[ENV_NAMES[SESSION]] = gateway["session"]
    session = Session(profile, db, Settings())
    session.select_shop(shop.id)
    controller = AppController(session, translators, tray=False)
    controller.start(show=True, schedule=False, welcome=False)
    window = controller.window
    window.resize(1280, 800)
    for key in PAGE_KEYS:  # build every page once: building a page is not moving to it
        window.show_page(key)
        wait_idle(30_000)
        app.processEvents()
    # and the app's start-up work after its first paint done (the modules it loads in idle
    # turns and on a pool thread): the app is up, as when a seller has had it open a while
    deadline = time.perf_counter() + 60
    while not controller.warmed_up and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)
    wait_idle(30_000)
    from shopwatch.ui.app import share_interpreter_with_gui, tune_gc

    share_interpreter_with_gui()  # what the app does when it starts
    tune_gc()  # and once it is up

    def sync_once(sync: bool = True, seconds: float = 6.0) -> dict:
        gaps: list[float] = []
        clock = QElapsedTimer()
        clock.start()
        last = [clock.nsecsElapsed()]

        def beat() -> None:
            now = clock.nsecsElapsed()
            gap = (now - last[0]) / 1e6
            gaps.append(gap)
            if gap > 50 and os.environ.get("SHOPWATCH_BENCH_TRACE"):
                print(f"block {gap:.0f} ms on page {window.current}", file=sys.stderr)
            last[0] = now

        heartbeat = QTimer()
        heartbeat.setInterval(1)
        heartbeat.timeout.connect(beat)
        pages = iter(PAGE_KEYS * 1000)
        mover = QTimer()
        mover.setInterval(switch_ms)
        mover.timeout.connect(lambda: window.show_page(next(pages)))
        done: list[object] = []
        collect = lambda *args: done.append(args)  # noqa: E731
        controller.runner.finished.connect(collect)
        start = time.perf_counter()
        heartbeat.start()
        mover.start()
        if sync:
            controller.sync_shop(shop.id)
        while not done and (sync or time.perf_counter() - start < seconds):
            app.processEvents()
            time.sleep(0.0005)
        controller.runner.finished.disconnect(collect)
        sync_s = time.perf_counter() - start
        # the pages' refreshes after the sync count too
        end = time.perf_counter() + 2.0
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.0005)
        mover.stop()
        heartbeat.stop()
        gaps.sort()
        return {"sync_s": round(sync_s, 2),
                "status": getattr(done[0][1], "status", "?") if done else "no sync",
                "gui_block_max_ms": round(gaps[-1], 1),
                "gui_block_p99_ms": round(gaps[int(len(gaps) * 0.99)], 1),
                "heartbeats": len(gaps)}

    first = sync_once()  # the first sync: every listing is new
    # the noise floor: the same moves between the same pages, now full, with nothing syncing
    idle = sync_once(sync=False)
    if between is not None:
        between()
    second = sync_once()  # a later one: a day moves on, the campaign strikes
    controller.quit()
    db.close()
    return {"listings": listings, "first": first, "second": second, "idle": idle,
            "gui_block_max_ms": max(first["gui_block_max_ms"], second["gui_block_max_ms"])}
