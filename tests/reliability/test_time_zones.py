"""The computer's time zone changes (a trip, a new laptop set to another zone, daylight saving):
nothing the store deduplicates on may change with it. Found: the same failure streak alerted
"the last 3 syncs failed" twice, because its dedup key used the local date."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

from shopwatch.config import DetectionSettings
from shopwatch.models import SyncRun
from shopwatch.monitor import detect
from shopwatch.store import queries

from .support import DemoShop

pytestmark = pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset (POSIX)")

ZONES = ["Asia/Shanghai", "America/Los_Angeles", "Europe/Berlin", "Pacific/Kiritimati",
         "UTC"]


@pytest.fixture
def local_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    def switch(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield switch
    monkeypatch.undo()
    time.tzset()


def test_the_failure_streak_key_is_the_same_in_every_zone(local_zone):
    streak = [SyncRun(id=n, shop_id=1, started_at="2026-11-22T17:00:00+00:00", status="failed")
              for n in (7, 8, 9)]
    # 01:00 UTC is 09:00 in China and still yesterday in Los Angeles
    now = datetime(2026, 11, 23, 1, 0, tzinfo=timezone.utc)
    keys = set()
    for zone in ZONES:
        local_zone(zone)
        keys.add(detect.sync_failing_alert(streak, now=now, settings=DetectionSettings())
                 .dedup_key)
    assert keys == {"sync_failing:7:2026-11-23"}  # the seller's day: China time


def test_a_failure_streak_alerts_once_when_the_computer_changes_zone(tmp_path: Path,
                                                                    local_zone):
    demo = DemoShop.start(tmp_path, n_listings=60)
    try:
        assert demo.sync().status == "ok"
        demo.server.set_faults(expired_session=True)
        local_zone("Asia/Shanghai")
        for _ in range(3):
            assert demo.sync().status == "failed"
        local_zone("America/Los_Angeles")  # the seller flew to a trade fair
        for _ in range(2):
            assert demo.sync().status == "failed"
        kinds = [a.kind for a in queries.list_alerts(demo.db, shop_id=demo.shop.id,
                                                     include_acknowledged=True)]
        assert kinds.count("sync_failing") == 1
    finally:
        demo.close()
