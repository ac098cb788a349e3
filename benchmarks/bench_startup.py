"""Command-line start-up: ``shopwatch --help`` and ``shopwatch --version`` as a user runs them
(a new process each time, wall clock), against a bare ``python -c pass`` in the same run. The
best of several runs is the figure (as ``timeit`` reports): start-up is a fixed cost, and on a
shared machine the slower runs measure the other processes; the median is in the note."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.harness import Figure

GOAL_S = 0.15  # issue 16


def _command() -> list[str]:
    """The installed ``shopwatch`` script beside this interpreter, else ``python -m``."""
    for name in ("shopwatch", "shopwatch.exe"):
        script = Path(sys.executable).with_name(name)
        if script.exists():
            return [str(script)]
    return [sys.executable, "-m", "shopwatch"]


def _wall(argv: list[str], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, timeout=60)
        times.append(time.perf_counter() - start)
    return times


def run(repeat: int = 9) -> list[Figure]:
    command = _command()
    _wall(command + ["--version"], 1)  # warm the file cache and the byte-code
    bare = _wall([sys.executable, "-c", "pass"], repeat)
    out = []
    for flag in ("--help", "--version"):
        times = _wall(command + [flag], repeat)
        out.append(Figure(f"`shopwatch {flag}` (new process, best of {repeat})", min(times), "s",
                          min(bare), "python -c pass, best of the same", goal=GOAL_S,
                          goal_on="value",
                          note=f"median {statistics.median(times):.3f} s, python -c pass "
                               f"{statistics.median(bare):.3f} s"))
    return out
