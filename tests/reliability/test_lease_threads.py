"""The lease's heartbeat and a connector's worker threads: pages requested a few at once call
the sync's cancel check from other threads, and the store's connection belongs to the sync's
own thread. A sync long enough to beat its heartbeat must still save."""

from __future__ import annotations

from shopwatch.monitor import lease
from shopwatch.monitor.sync import sync_shop
from shopwatch.store import queries

from .support import sim_now
from .test_two_pass import NEVER, client, market, new_shop  # noqa: F401 - the fixture


def test_a_sync_that_beats_its_heartbeat_while_pages_are_fetched_concurrently_saves(
        market, tmp_path, monkeypatch):  # noqa: F811
    beats: list[int] = []
    real_beat = queries.beat_lease

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        beats.append(1)
        return real_beat(*args, **kwargs)

    # every cancel check is due to beat, as in a sync that has run for minutes
    monkeypatch.setattr(lease, "BEAT_EVERY_S", 0.0)
    monkeypatch.setattr(queries, "beat_lease", counted)
    m, server = market
    db, shop = new_shop(tmp_path / "a.db", server)
    with client(m, server) as conn:
        first = sync_shop(db, shop, conn, now=sim_now(m), settings=NEVER)
        assert first.status == "ok", first.error
        again = sync_shop(db, shop, conn, now=sim_now(m), settings=NEVER)
    assert again.status == "ok", again.error
    assert beats, "the sync's own thread beat between pages"
    assert queries.get_lease(db, shop.id) is None
