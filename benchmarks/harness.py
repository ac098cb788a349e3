"""What every benchmark shares: timing, a figure with the baseline it is measured against (in
the same run, on the same machine, so the ratio means something anywhere), goals, and the
description of the machine."""

from __future__ import annotations

import os
import platform
import resource
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any


@dataclass(slots=True)
class Figure:
    """One measured figure, its baseline, and the goal the issue sets (if any).

    ``goal`` is a bound on ``ratio`` (or on ``value`` when ``goal_on`` is "value"): the figure
    meets it when the measured number is at most the goal, or at least the goal when
    ``at_least`` (an accuracy, where more is better)."""

    name: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_label: str = ""
    goal: float | None = None
    goal_on: str = "ratio"  # ratio | value
    note: str = ""
    at_least: bool = False

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.value / self.baseline  # type: ignore[operator]

    @property
    def met(self) -> bool | None:
        if self.goal is None:
            return None
        measured = self.ratio if self.goal_on == "ratio" else self.value
        if measured is None:
            return None
        return measured >= self.goal if self.at_least else measured <= self.goal

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["ratio"] = None if self.ratio is None else round(self.ratio, 3)
        out["met"] = self.met
        return out


@dataclass(slots=True)
class Skipped:
    """A benchmark that could not run here, and why (printed, and kept in the JSON)."""

    name: str
    reason: str


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """(seconds, result) of one call."""
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def median_time(fn: Callable[[], Any], repeat: int) -> float:
    return statistics.median(timed(fn)[0] for _ in range(repeat))


def proc_peak_mb(pid: int | str = "self") -> float | None:
    """Peak resident memory (VmHWM) of a running process, from /proc; None without /proc."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def peak_rss_mb() -> float:
    """Peak resident memory of this process, in MB. On Linux from VmHWM, which starts afresh at
    exec; getrusage's ru_maxrss would include the parent that forked us."""
    peak = proc_peak_mb()
    if peak is not None:
        return peak
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def folder_size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.iterdir() if p.is_file()) / (1024 * 1024)


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = None
    try:
        memory_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3, 1)
    except (ValueError, OSError, AttributeError):
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }


def fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit in ("MB",):
        return f"{value:.1f} MB"
    if float(value).is_integer():
        return f"{int(value):,}{' ' + unit if unit else ''}"
    return f"{value:.3g}{' ' + unit if unit else ''}"


def describe(figure: Figure) -> str:
    """One printed line: figure, baseline, ratio, goal."""
    line = f"  {figure.name:<52} {fmt(figure.value, figure.unit):>12}"
    if figure.baseline is not None:
        line += (f"   baseline {fmt(figure.baseline, figure.unit):>10} ({figure.baseline_label})"
                 f"   ratio {figure.ratio:.2f}" if figure.ratio is not None else "")
    if figure.goal is not None:
        what = "ratio" if figure.goal_on == "ratio" else "value"
        verdict = {True: "met", False: "NOT met", None: "n/a"}[figure.met]
        line += f"   goal {what} {'≥' if figure.at_least else '≤'} {figure.goal:g}: {verdict}"
    if figure.note:
        line += f"\n  {'':<52} {figure.note}"
    return line
