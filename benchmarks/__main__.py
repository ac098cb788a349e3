"""``python -m benchmarks``: every benchmark, each figure printed with its ratio against a
baseline measured in the same run, and ``benchmarks/results.json`` written.

``--only sync tmc store detect year ui notices integrity amazon startup bundle`` runs a subset (its sections replace
those of the previous results.json, the others are kept with their date); ``--quick`` shrinks
every workload (a smoke run, not figures to record: results.json and the README are left alone
unless ``--output`` is given). The table in ``benchmarks/README.md`` between its markers is
rewritten from the results after every recorded run."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks import (  # noqa: E402
    bench_amazon,
    bench_bundle,
    bench_integrity,
    bench_notices,
    bench_startup,
    bench_store,
    bench_sync,
    bench_tmc,
    bench_ui,
    bench_year,
)
from benchmarks.harness import Figure, Skipped, describe, machine, update_readme  # noqa: E402

RESULTS = Path(__file__).with_name("results.json")
README = Path(__file__).with_name("README.md")

SECTIONS: dict[str, tuple[str, Callable[[bool], list]]] = {
    "sync": ("Sync from the loopback demo gateway",
             lambda quick: bench_sync.run(repeat=1 if quick else 3,
                                          listings=2_000 if quick else bench_sync.LISTINGS)),
    "tmc": ("Punishment messages (TMC)",
            lambda quick: bench_tmc.run(listings=500 if quick else bench_tmc.LISTINGS)),
    "store": ("Writing listings into the store",
              lambda quick: bench_store.run_store(repeat=1 if quick else 3,
                                                  n=10_000 if quick else bench_store.LISTINGS)),
    "detect": ("Detection",
               lambda quick: bench_store.run_detect(repeat=1 if quick else 3,
                                                    n=10_000 if quick else bench_store.LISTINGS)),
    "year": ("A simulated year of daily syncs",
             lambda quick: bench_year.run(n=2_000 if quick else bench_year.LISTINGS,
                                          days=20 if quick else bench_year.DAYS)),
    "integrity": ("Durability and integrity (synchronous=FULL, quick_check, backups)",
                  lambda quick: bench_integrity.run(
                      repeat=1 if quick else 3,
                      listings=2_000 if quick else bench_integrity.LISTINGS)),
    "amazon": ("Amazon SP-API sync from the loopback demo server",
               lambda quick: bench_amazon.run(listings=2_000 if quick
                                              else bench_amazon.LISTINGS)),
    "ui": ("The desktop app",
           lambda quick: bench_ui.run(listings=10_000 if quick else bench_ui.LISTINGS)),
    "notices": ("Reading pasted notices (the notice corpus)", lambda quick: bench_notices.run()),
    "startup": ("Command-line start-up",
                lambda quick: bench_startup.run(repeat=3 if quick else 9)),
    "bundle": ("The Linux bundle", lambda quick: bench_bundle.run()),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--only", nargs="+", choices=list(SECTIONS), metavar="NAME",
                        help=f"run only these ({', '.join(SECTIONS)})")
    parser.add_argument("--quick", action="store_true", help="small workloads (smoke run)")
    parser.add_argument("--output", type=Path, default=None,
                        help=f"JSON results file (default {RESULTS.name}; a quick run writes "
                             "none unless given)")
    parser.add_argument("--no-readme", action="store_true",
                        help="leave the README's results table as it is")
    args = parser.parse_args(argv)
    record = args.output is None and not args.quick
    output = args.output or RESULTS

    info = machine()
    print(f"shopwatch benchmarks on {info['cpu']}, {info['cores']} cores, "
          f"{info['memory_gb']} GB, {info['os']}, Python {info['python']}, "
          f"PySide6 {info['pyside6']}, SQLite {info['sqlite']}"
          + (" — QUICK RUN, not figures to record" if args.quick else ""))
    started = time.perf_counter()
    doc: dict = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                 "machine": info, "quick": args.quick, "sections": {}}
    failed = False
    for key in args.only or list(SECTIONS):
        title, bench = SECTIONS[key]
        print(f"\n{title}")
        section_start = time.perf_counter()
        try:
            results = bench(args.quick)
        except Exception:  # noqa: BLE001 - one broken benchmark must not hide the others
            failed = True
            print("  FAILED:\n" + traceback.format_exc())
            doc["sections"][key] = {"error": traceback.format_exc()}
            continue
        for item in results:
            print(describe(item) if isinstance(item, Figure)
                  else f"  {item.name}: SKIPPED — {item.reason}")
        doc["sections"][key] = {
            "title": title, "when": doc["when"],
            "seconds": round(time.perf_counter() - section_start, 1),
            "figures": [r.as_dict() for r in results if isinstance(r, Figure)],
            "skipped": [{"name": r.name, "reason": r.reason} for r in results
                        if isinstance(r, Skipped)],
        }
    doc["seconds"] = round(time.perf_counter() - started, 1)
    # a goal counts only against its real baseline: emulated rows are shown, never counted
    goals = [f for s in doc["sections"].values() for f in s.get("figures", ())
             if f["goal"] is not None and not f.get("emulated")]
    met = sum(1 for f in goals if f["met"])
    verdict = f"{met} of {len(goals)} goals met" if goals else "no goals in this selection"
    print(f"\n{verdict}; all benchmarks took {doc['seconds']:.0f} s.")
    if args.quick and not args.output:
        print("Quick run: results.json and the README were left as they were.")
        return 1 if failed else 0
    if args.only and output.exists():
        # a partial run updates its sections; the others keep their figures and their date
        try:
            previous = json.loads(output.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            previous = {}
        kept = {k: v for k, v in previous.get("sections", {}).items() if k not in doc["sections"]}
        doc["sections"] = {**kept, **doc["sections"]}
    output.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"Results: {output}")
    if record and not args.no_readme:
        if update_readme(README, doc):
            print(f"README table rewritten: {README}")
        else:
            print(f"README not rewritten: its results markers are missing ({README})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
