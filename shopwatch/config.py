"""Where a profile lives (database, backups, user templates, evidence) and its settings.

The profile folder is, in order: ``--data-dir``, ``SHOPWATCH_HOME``, the platform's user data
folder (platformdirs). Settings are a small JSON file beside the database, merged over defaults,
so a missing or partly written file never stops the app."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

APP_NAME = "shopwatch"
DB_FILENAME = "shopwatch.db"
SETTINGS_FILENAME = "settings.json"


def profile_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """The profile folder, created if needed."""
    if data_dir:
        path = Path(data_dir)
    elif os.environ.get("SHOPWATCH_HOME"):
        path = Path(os.environ["SHOPWATCH_HOME"])
    else:
        path = Path(user_data_dir(APP_NAME, appauthor=False))
    path = path.expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def db_path(profile: Path) -> Path:
    return profile / DB_FILENAME


#: the demo's own profile folder inside the seller's, and the file that marks a folder as one
DEMO_PROFILE_NAME = "demo"
DEMO_MARKER = "shopwatch-demo-profile.txt"


def is_demo_profile(path: Path) -> bool:
    return (path / DEMO_MARKER).is_file()


def demo_profile_dir(profile: Path) -> Path:
    """Where the demo shop lives for the seller whose profile is ``profile``: a folder of its
    own, so the seller's syncs, digests and channels never see it. A demo profile given
    directly (``--data-dir <profile>/demo``) is its own demo profile, never nested again."""
    profile = Path(profile)
    return profile if is_demo_profile(profile) else profile / DEMO_PROFILE_NAME


def ensure_demo_profile(profile: Path) -> Path:
    """The demo profile folder of ``profile``, created and marked if needed."""
    path = demo_profile_dir(profile)
    path.mkdir(parents=True, exist_ok=True)
    marker = path / DEMO_MARKER
    if not marker.exists():
        marker.write_text(
            "This folder is shopwatch's demo profile: the simulated demo shop made by "
            "'shopwatch demo' and 'shopwatch gui --demo', kept apart from your own shops.\n"
            "'shopwatch demo --reset' deletes it and starts a fresh demo.\n", encoding="utf-8")
    return path


def resources_dir() -> Path:
    """The shipped ``resources/`` folder: in a PyInstaller bundle, in a source checkout, or
    installed beside the package (``shopwatch/resources``)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen_root:
        candidates.append(Path(frozen_root) / "resources")
    here = Path(__file__).resolve().parent
    candidates += [here.parent / "resources", here / "resources"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


@dataclass(slots=True)
class DetectionSettings:
    """Thresholds for the detection rules; every one is editable in Settings."""

    #: a demotion needs the listing to have had at least this many visits/day (median)
    demote_min_baseline_visits: float = 20.0
    #: recent traffic at or below this share of the baseline counts as a collapse
    demote_drop_ratio: float = 0.5
    demote_baseline_days: int = 7
    demote_recent_days: int = 2
    #: this share of the previously listed shop vanishing in one run is a mass disappearance
    mass_disappearance_share: float = 0.3
    mass_disappearance_min_items: int = 5
    #: consecutive failed runs before a sync_failing alert
    sync_failing_runs: int = 3
    #: warn when a point ledger is within this many points of the next threshold
    points_warn_within: int = 4
    deadline_warn_hours: tuple[int, ...] = (72, 24)
    #: an unresolved item is looked up individually; more than this wait for the next run
    max_lookups_per_run: int = 500
    #: days of per-listing daily traffic kept; detection reads 35, charts 30. Without a limit
    #: a 10,000-listing shop with traffic grows by about 1 MB a day, for ever.
    metrics_keep_days: int = 90
    #: a two-pass sync re-reads every row in full at least this often, because not every
    #: change moves an item's modified stamp
    full_read_hours: int = 24


@dataclass(slots=True)
class Settings:
    sync_interval_minutes: int = 30
    language: str = ""  # "" = follow the system locale
    close_to_tray: bool = True
    start_at_login: bool = False
    notifications: bool = True
    detection: DetectionSettings = field(default_factory=DetectionSettings)
    extra: dict[str, Any] = field(default_factory=dict)  # settings owned by later features


def _fits(value: Any, default: Any) -> bool:
    """Does a value read from the file have the type of the setting's default? (A quoted
    number in a hand-edited file would otherwise fail every later comparison with it.)"""
    if isinstance(default, bool) or isinstance(value, bool):
        return type(value) is type(default)
    if isinstance(default, float):
        return isinstance(value, int | float) and value == value  # not NaN
    return isinstance(value, type(default))


#: allowed ranges of numeric settings; a value outside keeps the default (a baseline of zero
#: days, say, would fail every sync)
BOUNDS: dict[str, tuple[float, float]] = {
    "sync_interval_minutes": (1, 7 * 24 * 60),
    "demote_min_baseline_visits": (0, 1e9),
    "demote_drop_ratio": (0, 1),
    "demote_baseline_days": (1, 365),
    "demote_recent_days": (1, 60),
    "mass_disappearance_share": (0, 1),
    "mass_disappearance_min_items": (0, 10**9),
    "sync_failing_runs": (1, 1000),
    "points_warn_within": (0, 1000),
    "deadline_warn_hours": (1, 24 * 365),
    "max_lookups_per_run": (0, 10**6),
    "metrics_keep_days": (40, 3650),
    "full_read_hours": (1, 24 * 30),
}


def _in_bounds(key: str, value: Any) -> bool:
    low, high = BOUNDS.get(key, (float("-inf"), float("inf")))
    return low <= value <= high


def _merge(cls: type, data: dict[str, Any]) -> Any:
    defaults = cls()
    known = {f.name for f in fields(cls)}
    kwargs = {}
    for key, value in data.items():
        if key not in known:
            continue
        if key == "detection" and isinstance(value, dict):
            value = _merge(DetectionSettings, value)
        elif key == "deadline_warn_hours" and isinstance(value, list):
            if not all(_fits(v, 0) and _in_bounds(key, v) for v in value):
                continue
            value = tuple(value)
        elif not _fits(value, getattr(defaults, key)) or (
                key in BOUNDS and not _in_bounds(key, value)):
            continue  # a wrong type or range keeps the default, like a damaged file does
        kwargs[key] = value
    return cls(**kwargs)


def load_settings(profile: Path) -> Settings:
    path = profile / SETTINGS_FILENAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError):
        # A damaged settings file must not stop monitoring; defaults are safe.
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    try:
        return _merge(Settings, data)
    except (TypeError, ValueError):
        return Settings()


def save_settings(profile: Path, settings: Settings) -> None:
    """Write atomically: a crash mid-write leaves the previous file."""
    path = profile / SETTINGS_FILENAME
    payload = json.dumps(asdict(settings), ensure_ascii=False, indent=2)
    fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=profile)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(payload)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
