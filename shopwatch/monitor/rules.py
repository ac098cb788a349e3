"""Platform rule data (point thresholds, their consequences, the yearly reset, appeal windows,
the words that name each kind of notice) loaded from ``resources/rules/<platform>.toml``,
overridable key by key from ``<profile>/rules/<platform>.toml``.

The numbers are editable data, not constants: platforms change them. Every item says whether
it was verified and where to check it; items the user changed in the profile copy say so."""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from shopwatch.config import resources_dir
from shopwatch.imports.notice_kinds import DEFAULT_KINDS, NoticeKind
from shopwatch.models import SEVERITIES, WARNING

DEFAULT_THRESHOLDS = (12, 24, 36, 48)
#: platforms that follow another platform's rules: the demo simulates Taobao, and a shop fed
#: by export files is a Taobao shop without API access
RULE_PLATFORMS = {"demo": "taobao", "file": "taobao"}


class RulesError(Exception):
    pass


@dataclass(frozen=True, slots=True)
class RuleItem:
    """One rule as the seller sees it: what it says, and how sure we are of it."""

    key: str  # reset | ledger.<name> | consequence.<points> | appeal_window.<kind>
    label: str
    value: str
    verified: bool
    verify_url: str
    note: str = ""
    #: changed in the user's copy in the profile folder
    edited: bool = False


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
    items: tuple[RuleItem, ...] = ()
    notice_kinds: tuple[NoticeKind, ...] = DEFAULT_KINDS
    #: the user's copy that was merged in, when there is one
    override_path: str | None = None

    def appeal_deadline(self, kind: str, issued_at: datetime) -> datetime:
        days = self.appeal_window_days.get(kind, self.appeal_window_days.get("other", 3))
        return issued_at + timedelta(days=days)

    def ledger_year_start(self, now: datetime) -> datetime:
        start = now.replace(month=self.reset_month, day=self.reset_day, hour=0, minute=0,
                            second=0, microsecond=0)
        return start if start <= now else start.replace(year=start.year - 1)

    def item(self, key: str) -> RuleItem | None:
        return next((i for i in self.items if i.key == key), None)

    def kind_label(self, kind: str) -> str:
        found = next((k for k in self.notice_kinds if k.kind == kind), None)
        return found.label if found and found.label else kind.replace("_", " ")


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
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(f"The rule file {path} cannot be read: {exc}.") from exc


def shipped_path(platform: str) -> Path:
    return resources_dir() / "rules" / f"{RULE_PLATFORMS.get(platform, platform)}.toml"


def user_path(platform: str, profile: Path) -> Path:
    return profile / "rules" / f"{RULE_PLATFORMS.get(platform, platform)}.toml"


def user_copy(platform: str, profile: Path) -> tuple[Path, bool]:
    """The user's editable copy of the rule file, made from the shipped one if missing.
    Returns (path, created)."""
    target = user_path(platform, profile)
    if target.exists():
        return target, False
    source = shipped_path(platform)
    if not source.exists():
        raise RulesError(f"shopwatch has no rule data for {platform}.")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target, True


# --- reading the items -------------------------------------------------------------------
# Each item may be written plainly (``false_trading = 3``, the first format) or as a table
# with its provenance (``false_trading = { days = 3, verified = false, verify = "…" }``).

@dataclass(slots=True)
class _Context:
    verified: bool
    verify: str
    edited: Mapping[str, Any]
    shipped: Mapping[str, Any]

    def provenance(self, value: Any) -> tuple[bool, str, str]:
        if isinstance(value, Mapping):
            return (bool(value.get("verified", self.verified)),
                    str(value.get("verify", self.verify)), str(value.get("note", "")))
        return self.verified, self.verify, ""

    def is_edited(self, *path: str) -> bool:
        """In the user's copy with a value other than the shipped one (a full copy of the
        shipped file changes nothing until the user edits it)."""
        node: Any = self.edited
        shipped: Any = self.shipped
        for key in path:
            if not isinstance(node, Mapping) or key not in node:
                return False
            node = node[key]
            shipped = shipped.get(key) if isinstance(shipped, Mapping) else None
        return node != shipped


def _value(entry: Any, name: str) -> Any:
    return entry.get(name) if isinstance(entry, Mapping) else entry


def _int(value: Any, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise RulesError(f"{what} must be a whole number from {low} to {high}, not {value!r}.")
    return value


def _parse(platform: str, data: dict[str, Any], override: dict[str, Any],
           shipped: dict[str, Any]) -> Rules:
    ctx = _Context(bool(data.get("verified", False)), str(data.get("verify", "")), override,
                   shipped)
    items: list[RuleItem] = []

    reset = data.get("reset", {})
    month = _int(reset.get("month", 1), "reset.month", 1, 12)
    day = _int(reset.get("day", 1), "reset.day", 1, 31)
    try:
        date(2001, month, day)
    except ValueError:
        raise RulesError(f"reset: {month}-{day} is not a day of the year.") from None
    verified, verify, note = ctx.provenance(reset)
    items.append(RuleItem("reset", "Points reset every year on", f"{month:02d}-{day:02d}",
                          verified, verify, note, ctx.is_edited("reset")))

    thresholds: dict[str, tuple[int, ...]] = {}
    for name, ledger in data.get("ledgers", {}).items():
        if not isinstance(ledger, Mapping):
            raise RulesError(f"ledgers.{name} must be a table.")
        values = ledger.get("thresholds", DEFAULT_THRESHOLDS)
        if not isinstance(values, list | tuple):
            raise RulesError(f"ledgers.{name}.thresholds must be a list of points.")
        thresholds[name] = tuple(sorted(_int(t, f"ledgers.{name}.thresholds", 1, 1000)
                                        for t in values))
        verified, verify, note = ctx.provenance(ledger)
        items.append(RuleItem(f"ledger.{name}", str(ledger.get("name", name)),
                              ", ".join(map(str, thresholds[name])), verified, verify, note,
                              ctx.is_edited("ledgers", name)))
    thresholds = thresholds or {"general": DEFAULT_THRESHOLDS, "serious": DEFAULT_THRESHOLDS}

    consequences: dict[int, str] = {}
    for key, entry in data.get("consequences", {}).items():
        points = _int(int(key) if str(key).isdigit() else key, "consequences keys", 1, 1000)
        consequences[points] = str(_value(entry, "text") or "")
        verified, verify, note = ctx.provenance(entry)
        items.append(RuleItem(f"consequence.{points}", f"At {points} points",
                              consequences[points], verified, verify, note,
                              ctx.is_edited("consequences", str(key))))

    windows: dict[str, int] = {}
    for kind, entry in data.get("appeal_window_days", {"other": 3}).items():
        windows[str(kind)] = _int(_value(entry, "days"), f"appeal_window_days.{kind}", 0, 365)
        verified, verify, note = ctx.provenance(entry)
        items.append(RuleItem(f"appeal_window.{kind}", f"Appeal window: {kind.replace('_', ' ')}",
                              f"{windows[kind]} days", verified, verify, note,
                              ctx.is_edited("appeal_window_days", str(kind))))
    windows.setdefault("other", 3)

    kinds = []
    for kind, entry in data.get("notice_kinds", {}).items():
        if not isinstance(entry, Mapping):
            raise RulesError(f"notice_kinds.{kind} must be a table.")
        keywords = entry.get("keywords", [])
        if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
            raise RulesError(f"notice_kinds.{kind}.keywords must be a list of words.")
        severity = str(entry.get("severity", WARNING))
        if severity not in SEVERITIES:
            raise RulesError(f"notice_kinds.{kind}.severity must be one of {SEVERITIES}.")
        kinds.append(NoticeKind(str(kind), tuple(k for k in keywords if k.strip()),
                                category=str(entry.get("category", "general")),
                                severity=severity, label=str(entry.get("label", "")),
                                measure=bool(entry.get("measure", False)),
                                outranks=tuple(str(k) for k in entry.get("outranks", ()))))
    return Rules(
        platform=platform, version=str(data.get("version", "")),
        verify_url=str(data.get("verify", "")), thresholds=thresholds,
        consequences=consequences, appeal_window_days=windows, reset_month=month,
        reset_day=day, items=tuple(items), notice_kinds=tuple(kinds) or DEFAULT_KINDS,
    )


def load_rules(platform: str = "taobao", profile: Path | None = None) -> Rules:
    """The platform's rules, with the user's copy in ``profile`` merged over them."""
    name = RULE_PLATFORMS.get(platform, platform)
    shipped = shipped_path(name)
    data = base = _read(shipped) if shipped.exists() else {}
    override: dict[str, Any] = {}
    override_file = user_path(name, profile) if profile is not None else None
    if override_file is not None and override_file.exists():
        override = _read(override_file)
        data = _deep_merge(data, override)
    try:
        rules = _parse(name, data, override, base)
    except RulesError as exc:
        where = f" (your copy: {override_file})" if override else ""
        raise RulesError(f"The rule data for {name} has a wrong value{where}: {exc}") from None
    except (TypeError, ValueError, AttributeError) as exc:
        raise RulesError(f"The rule data for {name} has a wrong value: {exc}.") from exc
    return replace(rules, override_path=str(override_file)) if override else rules
