"""The Linux one-folder bundle (``python packaging/build.py``): its size, if it has been built.
Building takes minutes and needs PyInstaller, so the benchmark measures what is there."""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks.harness import Figure, Skipped

GOAL_MB = 120  # issue 16
BUNDLE = Path(__file__).resolve().parent.parent / "dist" / "shopwatch"


def folder_tree_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()
               ) / (1024 * 1024)


def run(bundle: Path = BUNDLE) -> list[Figure | Skipped]:
    if not bundle.is_dir():
        return [Skipped("Linux one-folder bundle", f"not built: {bundle} is missing "
                        "(python packaging/build.py)")]
    return [Figure("Linux one-folder bundle (dist/shopwatch)", folder_tree_mb(bundle), "MiB",
                   goal=GOAL_MB, goal_on="value",
                   note="built " + time.strftime("%Y-%m-%d %H:%M UTC",
                                                 time.gmtime(bundle.stat().st_mtime)))]
