"""One app per profile: a second launch asks the first to show its window, then exits.

The first instance listens on a local endpoint (a named pipe on Windows, a Unix socket in a
folder only this user can enter elsewhere) named after the user and the profile folder, so two
profiles (``--data-dir``) can run side by side but the same profile never has two writers
racing to sync. Python's ``multiprocessing.connection`` does the listening, on a daemon thread,
rather than QtNetwork: the bundle then needs neither QtNetwork nor the Kerberos/GSSAPI
libraries it links to (issue 16)."""

from __future__ import annotations

import getpass
import hashlib
import os
import sys
import tempfile
import threading
from multiprocessing.connection import Client, Listener
from pathlib import Path

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


class SingleInstance(QObject):
    """``claim()`` is True for the first instance; later ones have notified it instead."""

    activated = Signal()  # another launch asked this instance to show itself (queued to the
    # GUI thread: emitted from the listener thread)

    def __init__(self, profile: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(profile)
        self._listener: Listener | None = None
        self._thread: threading.Thread | None = None
        self._address: str | None = None

    def _send(self, message: bytes) -> bool:
        try:
            address = self._address or _address(self.name)
            with Client(address, family="AF_PIPE" if IS_WINDOWS else "AF_UNIX") as conn:
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
            family = "AF_PIPE" if IS_WINDOWS else "AF_UNIX"
            try:
                listener = Listener(address, family=family)
            except OSError:
                if IS_WINDOWS:
                    raise
                # A stale socket file left by a crash: nobody answered above, so remove it.
                Path(address).unlink(missing_ok=True)
                listener = Listener(address, family=family)
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

    def _serve(self, listener: Listener) -> None:
        try:
            while True:
                try:
                    with listener.accept() as conn:
                        data = conn.recv_bytes(64) if conn.poll(0.5) else b""
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
