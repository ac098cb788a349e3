"""Files in the profile folder a seller may edit by hand — settings.json and the copied rule
file — are outside data too: whatever they hold, the app starts, syncs, and says what is wrong
instead of failing every sync."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shopwatch.config import DetectionSettings, Settings, load_settings
from shopwatch.models import ListingRecord, MetricRecord
from shopwatch.monitor.rules import RulesError, load_rules, user_path
from shopwatch.monitor.sync import sync_shop
from shopwatch.store import queries
from shopwatch.store.db import open_db

FUZZ = settings(max_examples=settings.default.max_examples * 3 // 2, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
T0 = datetime(2026, 11, 20, 1, 0, tzinfo=timezone.utc)

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(-3, 40), st.integers(-10**6, 10**6),
                         st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=8),
                         st.sampled_from(["0.3", "30", "true", "", "72,24"]))
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=6), inner, max_size=3),
                           max_leaves=6)
detection_docs = st.dictionaries(
    st.sampled_from([f.name for f in fields(DetectionSettings)]), json_values, max_size=6)
settings_docs = st.dictionaries(
    st.sampled_from([f.name for f in fields(Settings)]), json_values, max_size=6).flatmap(
    lambda doc: detection_docs.map(lambda det: {**doc, "detection": det}) | st.just(doc))


class Shrinking:
    """A source whose shop shrinks by a third while traffic of the rest collapses: mass
    disappearance, deletions, look-ups, demotion — every detection threshold is read."""

    capabilities = frozenset({"listings", "lookup", "metrics"})

    def __init__(self, n: int) -> None:
        self.items = [ListingRecord(str(600_000_000_000 + i), f"围巾 {i}", price="9.90")
                      for i in range(n)]

    def fetch_metrics(self, since_day: str | None) -> list[MetricRecord]:
        start = T0.date() - timedelta(days=20)
        return [MetricRecord(item.listing_id, (start + timedelta(days=d)).isoformat(),
                             impressions=4000, visits=300 if d < 19 else 3)
                for item in self.items for d in range(21)]

    def fetch_listings(self, progress=None, cancel=None):  # type: ignore[no-untyped-def]
        return list(self.items), 1

    def lookup(self, listing_id: str) -> None:
        return None

    def close(self) -> None:
        pass


@FUZZ
@given(doc=settings_docs)
def test_a_hand_edited_settings_file_never_breaks_a_sync(tmp_path: Path, doc):
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    (profile / "settings.json").write_text(json.dumps(doc), encoding="utf-8")
    loaded = load_settings(profile)
    defaults = Settings()
    for f in fields(Settings):
        if f.name != "detection":
            assert type(getattr(loaded, f.name)) is type(getattr(defaults, f.name)), f.name
    for f in fields(DetectionSettings):
        value, default = getattr(loaded.detection, f.name), getattr(DetectionSettings(), f.name)
        assert isinstance(value, type(default)) or (
            isinstance(default, float) and type(value) is int), (f.name, value)

    db = open_db(":memory:")
    try:
        shop = queries.add_shop(db, "s", "taobao", now=T0.isoformat())
        source = Shrinking(30)
        assert sync_shop(db, shop, source, now=T0, settings=loaded.detection).status == "ok"
        source.items = source.items[:20]
        result = sync_shop(db, shop, source, now=T0 + timedelta(days=1),
                           settings=loaded.detection)
        assert result.status == "ok", result.error
    finally:
        db.close()


@FUZZ
@given(data=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_a_damaged_settings_file_means_defaults(tmp_path: Path, data: bytes):
    profile = tmp_path / "damaged"
    profile.mkdir(exist_ok=True)
    (profile / "settings.json").write_bytes(data)
    assert isinstance(load_settings(profile), Settings)


def test_settings_out_of_range_keep_their_defaults(tmp_path: Path):
    """Found by the fuzzing above: a hand-edited settings.json with a quoted number, or a
    baseline of zero days, made every sync fail with 'unexpected error, please report'."""
    doc = {"sync_interval_minutes": "30", "language": 5, "detection": {
        "mass_disappearance_share": "0.3", "demote_baseline_days": 0, "demote_recent_days": -1,
        "sync_failing_runs": True, "deadline_warn_hours": [72, "24"], "demote_drop_ratio": 2}}
    (tmp_path / "settings.json").write_text(json.dumps(doc), encoding="utf-8")
    assert load_settings(tmp_path) == Settings()
    doc = {"sync_interval_minutes": 15, "detection": {"demote_drop_ratio": 0.4,
                                                      "deadline_warn_hours": [48, 12]}}
    (tmp_path / "settings.json").write_text(json.dumps(doc), encoding="utf-8")
    loaded = load_settings(tmp_path)
    assert (loaded.sync_interval_minutes, loaded.detection.demote_drop_ratio,
            loaded.detection.deadline_warn_hours) == (15, 0.4, (48, 12))


toml_values = st.one_of(
    st.integers(-100, 100).map(str), st.sampled_from(['"x"', "true", "1.5", "[]", "[12, 24]",
                                                     '["a", 3]', "{}", '{ text = "t" }',
                                                     "[[1]]", '"2026-02-30"', "1979-05-27"]))
toml_keys = st.sampled_from([
    "version", "platform", "reset.month", "reset.day", "ledgers.general.thresholds",
    "ledgers.serious.thresholds", "ledgers.extra.thresholds", "consequences.12.text",
    "consequences.x", "appeal_window_days.false_trading", "appeal_window_days.other",
    "appeal_window_days.false_trading.days", "notice_kinds.false_trading.keywords",
    "notice_kinds.false_trading.severity", "notice_kinds.new_kind.keywords", "verified"])


@FUZZ
@given(lines=st.lists(st.tuples(toml_keys, toml_values), max_size=6)
       | st.text(max_size=120).map(lambda t: [("", t)]))
def test_a_hand_edited_rule_file_loads_or_says_what_is_wrong(tmp_path: Path, lines):
    profile = tmp_path / "rules-profile"
    path = user_path("taobao", profile)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(f"{k} = {v}" if k else v for k, v in lines), encoding="utf-8")
    try:
        rules = load_rules("taobao", profile)
    except RulesError as exc:
        assert str(exc)
        return
    assert rules.thresholds and all(isinstance(t, int) for ts in rules.thresholds.values()
                                    for t in ts)
    rules.appeal_deadline("false_trading", T0)
    rules.appeal_deadline("never-heard-of-it", T0)
    rules.ledger_year_start(T0)
