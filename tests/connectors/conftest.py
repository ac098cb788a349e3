"""Fixtures: one loopback HTTP server for the session, a fresh fake TOP gateway per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

from .fake_top import FakeGateway


@pytest.fixture(scope="session")
def top_server() -> Iterator[HTTPServer]:
    # Threaded, so a handler held back to provoke a client timeout blocks nothing else.
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def gateway(top_server: HTTPServer) -> Iterator[FakeGateway]:
    top_server.clear()
    gw = FakeGateway(url=top_server.url_for("/router/rest"))
    top_server.expect_request("/router/rest", method="POST").respond_with_handler(gw.handle)
    yield gw
    gw.release.set()  # let any handler held back by a timeout test finish
    top_server.check_handler_errors()
    top_server.clear()
    assert not gw.problems, gw.problems
