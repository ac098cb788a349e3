"""The demo marketplace: a seeded simulator of a small Taobao shop (``marketplace``) served by a
loopback TOP gateway with fault switches (``server``). Tests, benchmarks and the app's demo mode
use it to exercise the real protocol path end to end."""

from shopwatch.demo.marketplace import Event, Marketplace
from shopwatch.demo.server import DemoServer, Faults

__all__ = ["DemoServer", "Event", "Faults", "Marketplace"]
