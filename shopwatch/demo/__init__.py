"""The demo marketplace: a seeded simulator of a small Taobao shop (``marketplace``) served by a
loopback TOP gateway with fault switches (``server``). Tests, benchmarks and the app's demo mode
use it to exercise the real protocol path end to end.

The names below load on first use: the desktop app imports ``demo.setup`` on its way to the
first paint, and the simulator and its HTTP server are not needed there."""

from __future__ import annotations

from typing import Any

__all__ = ["DemoServer", "Event", "Faults", "Marketplace"]


def __getattr__(name: str) -> Any:
    if name in ("Event", "Marketplace"):
        from shopwatch.demo import marketplace

        return getattr(marketplace, name)
    if name in ("DemoServer", "Faults"):
        from shopwatch.demo import server

        return getattr(server, name)
    raise AttributeError(f"module 'shopwatch.demo' has no attribute {name!r}")
