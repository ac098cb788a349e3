"""The demo TOP gateway in a process of its own, as the real one is on another machine: the
client's CPU work does not share a GIL with the server's, so what the benchmark measures is
the client. ``python -m benchmarks.gateway N SEED [LATENCY_MS]`` prints one JSON line
(endpoint and credentials) and serves until its stdin closes; LATENCY_MS delays every answer,
to stand in for the round trip to a real gateway."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from types import TracebackType
from typing import Any

import requests

START = date(2026, 11, 2)


@dataclass(slots=True)
class Request:
    """One request the connector sent, as sent (already signed)."""

    params: dict[str, str]
    data: Any


class RecordingSession(requests.Session):
    """A requests session that remembers every POST, so a baseline can replay exactly the
    same requests."""

    def __init__(self, endpoint: str | None = None) -> None:
        super().__init__()
        self.sent: list[Request] = []
        if endpoint is not None:  # set up as the connector sets up the sessions it owns
            from shopwatch.connectors.top_client import read_environment_once

            read_environment_once(self, endpoint)

    def post(self, url: str | bytes, data: Any = None, json: Any = None,  # type: ignore[override]
             **kwargs: Any) -> requests.Response:
        self.sent.append(Request(dict(kwargs.get("params") or {}), data))
        return super().post(url, data=data, json=json, **kwargs)


class Gateway:
    """A child process serving a demo shop of ``n_listings`` on 127.0.0.1."""

    def __init__(self, n_listings: int, seed: int = 2026, latency_ms: float = 0.0, *,
                 nice: int = 0) -> None:
        """``nice``: a lower CPU priority for the gateway (POSIX), where what is measured is
        the client's responsiveness and the gateway stands in for another machine."""
        lower = (lambda: os.nice(nice)) if nice and hasattr(os, "nice") else None
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.gateway", str(n_listings), str(seed),
             str(latency_ms)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, preexec_fn=lower)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the demo gateway process did not start")
        info = json.loads(line)
        self.endpoint: str = info["endpoint"]
        self.app_key: str = info["app_key"]
        self.app_secret: str = info["app_secret"]
        self.session: str = info["session"]

    def connector(self, http: requests.Session | None = None) -> Any:
        from shopwatch.connectors.taobao import TaobaoConnector

        return TaobaoConnector(self.endpoint, self.app_key, self.app_secret, self.session,
                               sign_method="hmac-sha256", http=http, timeout=60)

    def edit(self, share: float) -> int:
        """A seller's price edit on ``share`` of the listings on sale (admin endpoint)."""
        admin = self.endpoint.replace("/router/rest", "/demo/edit")
        return int(requests.post(admin, json={"share": share}, timeout=60).json()["edited"])

    def replay(self, requests_sent: list[Request]) -> int:
        """Send the same requests with plain requests, read each body, discard it. Returns
        the bytes received."""
        received = 0
        with requests.Session() as http:
            for req in requests_sent:
                response = http.post(
                    self.endpoint, params=req.params, data=req.data, timeout=60,
                    headers={"Content-Type": "application/x-www-form-urlencoded;charset=utf-8"})
                received += len(response.content)
        return received

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()

    def __enter__(self) -> Gateway:
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def serve(n_listings: int, seed: int, latency_ms: float) -> None:
    import time

    from shopwatch.demo.marketplace import Marketplace
    from shopwatch.demo.server import DemoServer

    market = Marketplace(seed=seed, n_listings=n_listings, start_date=START)
    with DemoServer(market) as server:
        if latency_ms > 0:
            answer = server._gateway

            def late(params: dict[str, str]) -> Any:
                time.sleep(latency_ms / 1000)
                return answer(params)

            server._gateway = late  # type: ignore[method-assign]
        print(json.dumps({"endpoint": server.endpoint, "app_key": market.app_key,
                          "app_secret": market.app_secret, "session": market.session}),
              flush=True)
        sys.stdin.read()  # until the parent closes our stdin


if __name__ == "__main__":
    serve(int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]) if len(sys.argv) > 3 else 0.0)
