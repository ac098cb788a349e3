"""One app per profile: a second launch asks the first to show its window and steps aside."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from shopwatch.ui import single_instance
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


@pytest.mark.skipif(single_instance.IS_WINDOWS, reason="Windows keeps multiprocessing's pipes")
def test_a_running_older_instance_understands_a_new_launch_and_back(qtbot, qapp, tmp_path: Path):
    """Older shopwatch listened and dialled through ``multiprocessing.connection``; the plain
    socket frames its messages the same way, so a mix of versions still finds each other."""
    from multiprocessing.connection import Client, Listener

    address = single_instance._address(server_name(tmp_path / "old"))
    older = Listener(address, family="AF_UNIX")  # an instance of the older version
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(older.accept().recv_bytes(64)))
    reader.start()
    assert not SingleInstance(tmp_path / "old").claim()  # it answered: this launch steps aside
    reader.join(timeout=5)
    older.close()
    assert got == [single_instance.MESSAGE]

    newer = SingleInstance(tmp_path / "old")
    assert newer.claim()
    # a launch of the older version
    with qtbot.waitSignal(newer.activated, timeout=5000), Client(address, family="AF_UNIX") as conn:
        conn.send_bytes(single_instance.MESSAGE)
    newer.release()
    assert not Path(address).exists()


@pytest.mark.skipif(single_instance.IS_WINDOWS, reason="a Unix socket")
def test_a_stray_connection_neither_raises_the_window_nor_stops_the_listener(
        qtbot, qapp, tmp_path: Path):
    import socket
    import struct

    first = SingleInstance(tmp_path / "s")
    assert first.claim()
    address = single_instance._address(server_name(tmp_path / "s"))
    raised: list[bool] = []
    first.activated.connect(lambda: raised.append(True))
    for junk in (b"", b"\x00\x00", struct.pack("!i", 10_000) + b"x" * 100,
                 struct.pack("!i", 4) + b"stop"):
        with socket.socket(socket.AF_UNIX) as stray:
            stray.connect(address)
            stray.sendall(junk)
    second = SingleInstance(tmp_path / "s")
    with qtbot.waitSignal(first.activated, timeout=5000):
        assert not second.claim()  # still listening, and a real launch still gets through
    assert raised == [True]
    first.release()
