"""One app per profile: a second launch asks the first to show its window, then exits.

The first instance listens on a local endpoint (a named pipe on Windows, a Unix socket in a
folder only this user can enter elsewhere) named after the user and the profile folder, so two
profiles (``--data-dir``) can run side by side but the same profile never has two writers
racing to sync. The listening is done on a daemon thread with Python's own sockets rather
than QtNetwork: the bundle then needs neither QtNetwork nor the Kerberos/GSSAPI libraries it
links to (issue 16). On Windows ``multiprocessing.connection`` speaks the named pipe; elsewhere
a plain Unix socket does, framed the way ``multiprocessing.connection`` frames its messages
(so a launch and an instance of an older shopwatch still understand each other) without its
import, which cost the way to the first paint ~15 ms."""

from __future__ import annotations

import getpass
import hashlib
import os
import socket
import struct
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

MESSAGE = b"show"
#: what ``release()`` sends its own listener so the blocked accept returns
_STOP = b"stop"
IS_WINDOWS = sys.platform == "win32"


def server_name(profile: Path) -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in a container or service account
        user = "user"
    digest = hashlib.sha1(f"{user}\n{profile.resolve()}".encode()).hexdigest()[:16]
    return f"shopwatch-{digest}"


def _address(name: str) -> str:
    if IS_WINDOWS:
        return rf"\\.\pipe\{name}"
    # A short path (Unix socket paths are limited to ~100 bytes) in a folder only this user can
    # enter: the runtime folder the session provides, else one made in the temporary folder.
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isdir(runtime):
        folder = Path(runtime)
    else:
        folder = Path(tempfile.gettempdir()) / f"shopwatch-{os.getuid()}"
        folder.mkdir(mode=0o700, exist_ok=True)
        if folder.stat().st_uid != os.getuid():
            raise OSError(f"{folder} belongs to another user")
        os.chmod(folder, 0o700)
    return str(folder / f"{name}.sock")


#: how long an accepted connection may take to say what it wants
_READ_TIMEOUT_S = 0.5
#: the longest message understood (longer ones are ignored)
_MAX_MESSAGE = 64


class _Connection:
    """What both kinds of connection share: closed on leaving a ``with`` block."""

    def __enter__(self) -> _Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        raise NotImplementedError


class _UnixConnection(_Connection):
    """One end of a Unix socket carrying messages as ``multiprocessing.connection`` frames
    them: a 4-byte big-endian signed length, then the bytes."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock

    def close(self) -> None:
        self._sock.close()

    def send_bytes(self, message: bytes) -> None:
        self._sock.sendall(struct.pack("!i", len(message)) + message)

    def receive(self) -> bytes:
        """The message sent, or b"" when none arrives in time or it is not one of ours."""
        self._sock.settimeout(_READ_TIMEOUT_S)
        try:
            size = struct.unpack("!i", self._read(4))[0]
            return self._read(size) if 0 <= size <= _MAX_MESSAGE else b""
        except (OSError, EOFError):  # socket.timeout is an OSError
            return b""

    def _read(self, size: int) -> bytes:
        data = b""
        while len(data) < size:
            chunk = self._sock.recv(size - len(data))
            if not chunk:
                raise EOFError("the other end closed the connection")
            data += chunk
        return data


class _UnixListener:
    """A listening Unix socket at ``address``; closing it removes the socket file."""

    def __init__(self, address: str) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.bind(address)
            sock.listen(4)
        except OSError:
            sock.close()
            raise
        self._sock, self.address = sock, address

    def accept(self) -> _UnixConnection:
        return _UnixConnection(self._sock.accept()[0])

    def close(self) -> None:
        self._sock.close()
        Path(self.address).unlink(missing_ok=True)


class _PipeConnection(_Connection):
    """``multiprocessing.connection``'s named-pipe connection, read like ``_UnixConnection``."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def close(self) -> None:
        self._conn.close()

    def send_bytes(self, message: bytes) -> None:
        self._conn.send_bytes(message)

    def receive(self) -> bytes:
        try:
            return self._conn.recv_bytes(_MAX_MESSAGE) if self._conn.poll(_READ_TIMEOUT_S) else b""
        except (OSError, EOFError):
            return b""


class _PipeListener:
    def __init__(self, address: str) -> None:
        from multiprocessing.connection import Listener

        self._listener = Listener(address, family="AF_PIPE")

    def accept(self) -> _PipeConnection:
        return _PipeConnection(self._listener.accept())

    def close(self) -> None:
        self._listener.close()


def _dial(address: str) -> _UnixConnection | _PipeConnection:
    """A connection to the instance listening at ``address`` (OSError when there is none)."""
    if IS_WINDOWS:
        from multiprocessing.connection import Client

        return _PipeConnection(Client(address, family="AF_PIPE"))
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(address)
    except OSError:
        sock.close()
        raise
    return _UnixConnection(sock)


def _listen(address: str) -> _UnixListener | _PipeListener:
    return _PipeListener(address) if IS_WINDOWS else _UnixListener(address)


class SingleInstance(QObject):
    """``claim()`` is True for the first instance; later ones have notified it instead."""

    activated = Signal()  # another launch asked this instance to show itself (queued to the
    # GUI thread: emitted from the listener thread)

    def __init__(self, profile: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(profile)
        self._listener: _UnixListener | _PipeListener | None = None
        self._thread: threading.Thread | None = None
        self._address: str | None = None

    def _send(self, message: bytes) -> bool:
        try:
            with _dial(self._address or _address(self.name)) as conn:
                conn.send_bytes(message)
            return True
        except OSError:  # nobody listening (or a stale socket file left by a crash)
            return False

    def notify_running(self) -> bool:
        """True when another instance answered (and was asked to show its window)."""
        return self._send(MESSAGE)

    def claim(self) -> bool:
        """Become the instance for this profile, or tell the running one to show up."""
        if self.notify_running():
            return False
        try:
            address = _address(self.name)
            try:
                listener = _listen(address)
            except OSError:
                if IS_WINDOWS:
                    raise
                # A stale socket file left by a crash: nobody answered above, so remove it.
                Path(address).unlink(missing_ok=True)
                listener = _listen(address)
        except OSError:
            return True  # cannot listen at all: run without single-instance protection
        self._listener, self._address = listener, address
        self._thread = threading.Thread(target=self._serve, args=(listener,),
                                        name="single-instance", daemon=True)
        self._thread.start()
        return True

    def release(self) -> None:
        listener, thread = self._listener, self._thread
        if listener is None:
            return
        self._listener = None
        self._send(_STOP)  # wakes the accept; the thread then closes the listener
        if thread is not None:
            thread.join(timeout=2)
        self._thread = None

    def _serve(self, listener: _UnixListener | _PipeListener) -> None:
        try:
            while True:
                try:
                    with listener.accept() as conn:
                        data = conn.receive()
                except (OSError, EOFError):
                    if self._listener is not listener:
                        return
                    continue
                if data == _STOP and self._listener is not listener:
                    return
                if data == MESSAGE:
                    self.activated.emit()
        finally:
            listener.close()  # also removes the socket file
