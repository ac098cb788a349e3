"""Platform rule data (point thresholds, their consequences, appeal windows) loaded from
``resources/rules/<platform>.toml``, overridable per key from ``<profile>/rules/``.

The numbers are editable data, not constants: platforms change them."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from shopwatch.config import resources_dir

DEFAULT_THRESHOLDS = (12, 24, 36, 48)


class RulesError(Exception):
    pass


@dataclass(frozen=True, slots=True)
class Rules:
    platform: str
    version: str = ""
    verify_url: str = ""
    thresholds: dict[str, tuple[int, ...]] = field(
        default_factory=lambda: {"general": DEFAULT_THRESHOLDS, "serious": DEFAULT_THRESHOLDS}
    )
    consequences: dict[int, str] = field(default_factory=dict)
    appeal_window_days: dict[str, int] = field(default_factory=lambda: {"other": 3})
    reset_month: int = 1
    reset_day: int = 1

    def appeal_deadline(self, kind: str, issued_at: datetime) -> datetime:
        days = self.appeal_window_days.get(kind, self.appeal_window_days.get("other", 3))
        return issued_at + timedelta(days=days)

    def ledger_year_start(self, now: datetime) -> datetime:
        start = now.replace(month=self.reset_month, day=self.reset_day, hour=0, minute=0,
                            second=0, microsecond=0)
        return start if start <= now else start.replace(year=start.year - 1)


def _deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"The rule file {path} is not valid TOML: {exc}. Fix or delete it.") from exc


def load_rules(platform: str = "taobao", profile: Path | None = None) -> Rules:
    shipped = resources_dir() / "rules" / f"{platform}.toml"
    data = _read(shipped) if shipped.exists() else {}
    if profile is not None:
        override = profile / "rules" / f"{platform}.toml"
        if override.exists():
            data = _deep_merge(data, _read(override))
    try:
        ledgers = data.get("ledgers", {})
        thresholds = {
            name: tuple(sorted(int(t) for t in ledger.get("thresholds", DEFAULT_THRESHOLDS)))
            for name, ledger in ledgers.items()
        } or {"general": DEFAULT_THRESHOLDS, "serious": DEFAULT_THRESHOLDS}
        return Rules(
            platform=platform,
            version=str(data.get("version", "")),
            verify_url=str(data.get("verify", "")),
            thresholds=thresholds,
            consequences={int(k): str(v) for k, v in data.get("consequences", {}).items()},
            appeal_window_days={
                str(k): int(v) for k, v in data.get("appeal_window_days", {"other": 3}).items()
            },
            reset_month=int(data.get("reset", {}).get("month", 1)),
            reset_day=int(data.get("reset", {}).get("day", 1)),
        )
    except (TypeError, ValueError, AttributeError) as exc:
        raise RulesError(f"The rule data for {platform} has a wrong value: {exc}.") from exc
