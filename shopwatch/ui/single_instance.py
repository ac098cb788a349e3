"""One app per profile: a second launch asks the first to show its window, then exits.

The first instance listens on a local socket (a named pipe on Windows, a Unix socket
elsewhere) named after the user and the profile folder, so two profiles (``--data-dir``) can
run side by side but the same profile never has two writers racing to sync."""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

MESSAGE = b"show\n"
CONNECT_MS = 500


def server_name(profile: Path) -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in a container or service account
        user = "user"
    digest = hashlib.sha1(f"{user}\n{profile.resolve()}".encode()).hexdigest()[:16]
    return f"shopwatch-{digest}"


class SingleInstance(QObject):
    """``claim()`` is True for the first instance; later ones have notified it instead."""

    activated = Signal()  # another launch asked this instance to show itself

    def __init__(self, profile: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(profile)
        self._server: QLocalServer | None = None

    def notify_running(self) -> bool:
        """True when another instance answered (and was asked to show its window)."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_MS):
            return False
        socket.write(MESSAGE)
        socket.flush()
        socket.waitForBytesWritten(CONNECT_MS)
        socket.disconnectFromServer()
        return True

    def claim(self) -> bool:
        """Become the instance for this profile, or tell the running one to show up."""
        if self.notify_running():
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # A stale socket file left by a crash: nobody answered above, so remove it.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                return True  # cannot listen at all: run without single-instance protection
        server.newConnection.connect(self._on_connection)
        self._server = server
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def _on_connection(self) -> None:
        server = self._server
        if server is None:
            return
        while server.hasPendingConnections():
            socket = server.nextPendingConnection()
            # The message is a few bytes sent right after connecting: read it here, briefly
            # blocking, rather than keep per-socket handlers alive.
            if not socket.bytesAvailable():
                socket.waitForReadyRead(CONNECT_MS)
            data = bytes(socket.readAll().data())
            socket.abort()
            socket.deleteLater()
            if data.startswith(MESSAGE.strip()):
                self.activated.emit()
