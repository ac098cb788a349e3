"""One app per profile: a second launch asks the first to show its window and steps aside."""

from __future__ import annotations

from pathlib import Path

from shopwatch.ui.single_instance import SingleInstance, server_name


def test_a_second_launch_raises_the_first(qtbot, qapp, tmp_path: Path):
    first = SingleInstance(tmp_path / "profile")
    assert first.claim()
    second = SingleInstance(tmp_path / "profile")
    with qtbot.waitSignal(first.activated, timeout=5000):
        assert not second.claim()
    first.release()


def test_other_profiles_run_side_by_side(qapp, tmp_path: Path):
    a, b = SingleInstance(tmp_path / "a"), SingleInstance(tmp_path / "b")
    assert a.claim() and b.claim()
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    a.release()
    b.release()


def test_after_the_first_quits_a_new_launch_takes_over(qapp, tmp_path: Path):
    first = SingleInstance(tmp_path / "p")
    assert first.claim()
    first.release()
    again = SingleInstance(tmp_path / "p")
    assert again.claim()
    again.release()
