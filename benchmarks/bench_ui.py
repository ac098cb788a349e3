"""The desktop app at 100,000 listings: populating the Listings page, a filter keystroke, and
launch to the first painted window (offscreen), with peak memory.

The measuring itself belongs to the app (``python -m shopwatch.ui.benchmark``, which knows its
pages); this runs it in a child process, adds the peak resident memory of that process and of
the app it launches, and turns its numbers into figures with their baselines. Skipped, with
the reason, where the desktop app cannot be imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from benchmarks.harness import Figure, Skipped

LISTINGS = 100_000

WRAPPER = """
import json, resource, sys
from shopwatch.ui import benchmark
sys.argv = ["benchmark", "--json", "--listings", sys.argv[1]]
benchmark.main()
peak = lambda who: resource.getrusage(who).ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
print("PEAK " + json.dumps({"self_mb": peak(resource.RUSAGE_SELF),
                            "children_mb": peak(resource.RUSAGE_CHILDREN)}))
"""


def available() -> str | None:
    """None if the desktop app's benchmark can run here, else why not."""
    probe = subprocess.run(
        [sys.executable, "-c", "import shopwatch.ui.benchmark"], capture_output=True, text=True,
        env={**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")})
    if probe.returncode == 0:
        return None
    last = probe.stderr.strip().splitlines()[-1] if probe.stderr.strip() else "unknown error"
    return f"shopwatch.ui is not importable yet ({last})"


def run(listings: int = LISTINGS) -> list[Figure | Skipped]:
    reason = available()
    if reason:
        return [Skipped("desktop app: Listings page and launch", reason)]
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, str(listings)], capture_output=True, text=True,
        timeout=600, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "no output"
        return [Skipped("desktop app: Listings page and launch", f"its benchmark failed: {tail}")]
    lines = done.stdout.strip().splitlines()
    peak = json.loads(next(line for line in lines if line.startswith("PEAK "))[5:])
    doc = json.loads("\n".join(line for line in lines if not line.startswith("PEAK ")))
    rows = doc["listings"]
    return [
        Figure(f"Listings page: populate {rows:,} rows (to painted)", doc["populate_ms"], "ms",
               doc["sql_keys_baseline_ms"], "the bare key query in SQL"),
        Figure("Listings page: filter keystroke, until rows show (median)",
               doc["keystroke_result_median_ms"], "ms", doc["sql_keys_baseline_ms"],
               "the bare key query in SQL",
               note=f"max {doc['keystroke_result_max_ms']} ms; the GUI thread is blocked "
                    f"{doc['keystroke_gui_blocked_median_ms']} ms (median), max "
                    f"{doc['keystroke_gui_blocked_max_ms']} ms; typing is debounced "
                    f"{doc['debounce_ms']} ms"),
        Figure("Listings page: scroll to the last row", doc["scroll_to_end_ms"], "ms"),
        Figure(f"peak memory, Listings page at {rows:,} rows", peak["self_mb"], "MB",
               note=f"resident after populating: {doc['rss_mb']} MB "
                    f"(+{doc['rss_added_by_page_mb']} MB for the page)"),
        Figure("launch to first painted window (offscreen)", doc["launch_to_first_paint_ms"], "ms",
               doc["bare_qt_window_baseline_ms"], "a bare Qt window launched the same way"),
        Figure("peak memory of a launched app (largest child)", peak["children_mb"], "MB"),
    ]
