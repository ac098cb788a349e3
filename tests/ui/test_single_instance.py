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


def test_a_socket_file_left_by_a_crash_does_not_block_the_next_launch(qapp, tmp_path: Path):
    import socket

    from shopwatch.ui import single_instance

    address = single_instance._address(server_name(tmp_path / "c"))
    if single_instance.IS_WINDOWS:
        return  # named pipes vanish with their process
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(address)  # bound, never listening, never unlinked: as a killed process leaves it
    stale.close()
    assert Path(address).exists()
    again = SingleInstance(tmp_path / "c")
    assert again.claim()
    second = SingleInstance(tmp_path / "c")
    assert not second.claim()
    again.release()
    assert not Path(address).exists()


def test_the_check_does_not_need_qtnetwork():
    import subprocess
    import sys

    code = ("import sys, shopwatch.ui.single_instance\n"
            "sys.exit(1 if 'PySide6.QtNetwork' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0
