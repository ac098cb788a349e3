"""Fixtures for notification tests: a real webhook receiver, a real SMTP server and a black
hole, all on 127.0.0.1; no channel address leaking in from the environment."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import keyring
import pytest
from aiosmtpd.controller import Controller
from keyring.backends.fail import Keyring as FailKeyring
from pytest_httpserver import HTTPServer

from .support import free_port


@pytest.fixture(autouse=True)
def _no_channel_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("SHOPWATCH_NOTIFY_"):
            monkeypatch.delenv(name)


@pytest.fixture
def no_keychain() -> None:
    """A machine without any keychain backend (headless Linux)."""
    keyring.set_keyring(FailKeyring())


@pytest.fixture(scope="session")
def _http_server() -> Iterator[HTTPServer]:
    # Threaded: a slow handler must not hold up other requests.
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def receiver(_http_server: HTTPServer) -> Iterator[HTTPServer]:
    """A webhook receiver; tests say what it answers and read what it got."""
    _http_server.clear()
    yield _http_server
    _http_server.check_handler_errors()
    _http_server.clear()


@dataclass
class Mailbox:
    """An aiosmtpd handler keeping every message it accepts."""

    messages: list = field(default_factory=list)
    port: int = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's API
        self.messages.append(envelope)
        return "250 Message accepted for delivery"

    def texts(self) -> list[str]:
        """Each message as 'subject\\nbody', decoded."""
        from email import message_from_bytes
        from email.header import decode_header, make_header

        out = []
        for envelope in self.messages:
            mail = message_from_bytes(envelope.original_content)
            subject = str(make_header(decode_header(mail["Subject"] or "")))
            body = mail.get_payload(decode=True).decode(mail.get_content_charset() or "utf-8")
            out.append(subject + "\n" + body)
        return out


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    box = Mailbox(port=free_port())
    controller = Controller(box, hostname="127.0.0.1", port=box.port)
    controller.start()
    yield box
    controller.stop()


@pytest.fixture
def blackhole() -> Iterator[int]:
    """A port that accepts connections and never answers (a hung service)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    stop = threading.Event()
    held: list[socket.socket] = []

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
                held.append(conn)
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(2)
    for conn in held:
        conn.close()
    server.close()
