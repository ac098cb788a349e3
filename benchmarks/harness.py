"""What every benchmark shares: timing, a figure with the baseline it is measured against (in
the same run, on the same machine, so the ratio means something anywhere), goals, and the
description of the machine."""

from __future__ import annotations

import os
import platform
import resource
import sqlite3
import statistics
import subprocess
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
    ``at_least`` (an accuracy, where more is better). A goal is met only against its real
    baseline: a figure measured under ``emulated`` conditions (an assumed network latency, not a
    measured one) shows its ratio but never counts as met (``met`` is None)."""

    name: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_label: str = ""
    goal: float | None = None
    goal_on: str = "ratio"  # ratio | value
    note: str = ""
    at_least: bool = False
    emulated: bool = False

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.value / self.baseline  # type: ignore[operator]

    @property
    def met(self) -> bool | None:
        if self.goal is None or self.emulated:
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
        "pyside6": _package_version("PySide6") or _package_version("PySide6-Essentials"),
        "commit": _commit(),
    }


def _package_version(name: str) -> str | None:
    """An installed distribution's version, without importing it (PySide6 loads Qt)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


def _commit() -> str | None:
    """The checked-out commit the figures were measured on (None outside a git checkout)."""
    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, timeout=10, cwd=Path(__file__).parent)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.strip() or None


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
        verdict = ("not counted (emulated conditions)" if figure.emulated
                   else {True: "met", False: "NOT met", None: "n/a"}[figure.met])
        line += f"   goal {what} {'≥' if figure.at_least else '≤'} {figure.goal:g}: {verdict}"
    if figure.note:
        line += f"\n  {'':<52} {figure.note}"
    return line


# ---------------------------------------------------------------- README table from results.json

README_BEGIN = "<!-- results:begin (written by python -m benchmarks; do not edit by hand) -->"
README_END = "<!-- results:end -->"


def _goal_text(f: dict[str, Any]) -> str:
    if f.get("goal") is None:
        return "no goal set"
    bound = f"{'ratio' if f.get('goal_on', 'ratio') == 'ratio' else 'value'} " \
            f"{'≥' if f.get('at_least') else '≤'} {f['goal']:g}"
    if f.get("emulated"):
        return f"{bound}: not counted (emulated)"
    return f"{bound}: " + {True: "met", False: "**not met**", None: "n/a"}[f.get("met")]


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def results_table(doc: dict[str, Any]) -> str:
    """The README's results: every figure of every section in ``doc`` (results.json), with its
    baseline, ratio and goal verdict, and what it was measured on."""
    info = doc.get("machine", {})
    lines = [
        f"Measured {doc.get('when', '?')} on {info.get('cpu', '?')}, {info.get('cores', '?')} "
        f"cores, {info.get('memory_gb', '?')} GB, {info.get('os', '?')}; Python "
        f"{info.get('python', '?')}, PySide6 {info.get('pyside6') or 'not installed'}, SQLite "
        f"{info.get('sqlite', '?')}; commit {info.get('commit') or 'unknown'}"
        + (" — QUICK RUN, not figures to record" if doc.get("quick") else "") + ".",
        "",
        "| Section | Figure | Value | Baseline (same run) | Ratio | Goal |",
        "|---|---|---:|---|---:|---|",
    ]
    goals = met = 0
    for key, section in doc.get("sections", {}).items():
        if "error" in section:
            lines.append(f"| `{key}` | failed to run | | | | |")
            continue
        when = section.get("when")
        label = f"`{key}`" + (f" ({when[:10]})" if when and when != doc.get("when") else "")
        for f in section.get("figures", ()):
            base = ("" if f.get("baseline") is None
                    else f"{fmt(f['baseline'], f['unit'])} ({f.get('baseline_label', '')})")
            ratio = "" if f.get("ratio") is None else f"{f['ratio']:.2f}"
            name = f["name"].strip() + (f" — {f['note']}" if f.get("note") else "")
            lines.append(f"| {label} | {_cell(name)} | {fmt(f['value'], f['unit'])} | "
                         f"{_cell(base)} | {ratio} | {_goal_text(f)} |")
            if f.get("goal") is not None and not f.get("emulated"):
                goals += 1
                met += bool(f.get("met"))
        for skipped in section.get("skipped", ()):
            lines.append(f"| {label} | {_cell(skipped['name'])} | skipped: "
                         f"{_cell(skipped['reason'])} | | | |")
    lines += ["", f"{met} of {goals} goals met (emulated rows not counted)."]
    return "\n".join(lines)


def update_readme(readme: Path, doc: dict[str, Any]) -> bool:
    """Replace the table between the markers in ``readme``; False if the markers are missing."""
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(README_BEGIN), text.find(README_END)
    if start < 0 or end < start:
        return False
    readme.write_text(text[: start + len(README_BEGIN)] + "\n" + results_table(doc) + "\n"
                      + text[end:], encoding="utf-8")
    return True
