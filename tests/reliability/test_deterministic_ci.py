"""The suite is deterministic: Hypothesis draws the same examples on every run under the "ci"
profile (no example database, no deadline), and `--hypothesis-profile=explore` switches to
long, randomised exploration."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).parents[2]


def expected_profile() -> str:
    return os.environ.get("SW_EXPECT_PROFILE") or os.environ.get("HYPOTHESIS_PROFILE") or "ci"


def test_hypothesis_runs_under_the_profile_asked_for():
    profile = expected_profile()
    assert settings.get_current_profile_name() == profile
    current = settings.default
    assert current.deadline is None
    if profile == "ci":
        assert current.derandomize and current.database is None
        assert current.max_examples == 100
    if profile == "explore":
        assert not current.derandomize and current.max_examples == 2000


def test_two_runs_of_a_property_draw_the_same_examples():
    if expected_profile() != "ci":
        return  # exploring: new examples every run is the point
    def draws() -> list[str]:
        seen: list[str] = []

        @given(st.lists(st.integers() | st.floats() | st.text(max_size=4), max_size=5))
        def probe(values: list[object]) -> None:
            seen.append(repr(values))

        probe()
        return seen

    first, second = draws(), draws()
    assert len(first) > 20 and first == second


def test_the_explore_profile_is_chosen_on_the_command_line():
    if os.environ.get("SW_EXPECT_PROFILE"):
        return  # this is the inner run
    env = {**os.environ, "SW_EXPECT_PROFILE": "explore"}
    env.pop("HYPOTHESIS_PROFILE", None)
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "--hypothesis-profile=explore",
         f"{Path(__file__).relative_to(ROOT)}::test_hypothesis_runs_under_the_profile_asked_for"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 passed" in proc.stdout
