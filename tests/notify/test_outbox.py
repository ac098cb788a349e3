"""The outbox's bookkeeping, with a recording sender (no network): nothing is sent twice,
nothing is lost, history is never replayed, and two dispatchers never send the same message."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from shopwatch.notify import outbox
from shopwatch.notify.dispatch import CLAIM_LEASE, Dispatcher
from shopwatch.notify.prefs import ChannelConfig
from shopwatch.notify.sender import SendOutcome
from shopwatch.notify.service import save_channel
from shopwatch.store import queries
from shopwatch.store.db import open_db
from shopwatch.timeutil import iso

from .support import T0, add_shop, changed, channel, deleted, prefs, raise_alerts


class Recorder:
    """A sender that records and answers as told (thread-safe)."""

    def __init__(self, fail: set[str] | None = None) -> None:
        self.sent: list[tuple[str, str]] = []
        self.fail = fail or set()
        self.lock = threading.Lock()

    def send(self, url: str, *, title: str, body: str, severity: str) -> SendOutcome:
        with self.lock:
            self.sent.append((url, title))
        if url in self.fail:
            return SendOutcome(False, f"refused by {url}")
        return SendOutcome(True)


def urls(cid: str) -> str:
    return f"json://127.0.0.1:9/{cid}"


def run(db, p, sender, now=T0, **kw):
    return Dispatcher(db, p, sender=sender, url_for=urls).run(now=now, **kw)


def test_alerts_from_before_notifications_existed_are_history_not_news(db, profile):
    shop = add_shop(db)
    raise_alerts(db, shop, [deleted("1", "Old news")])
    db.close()
    # A profile upgraded to the notification schema: what was there counts as seen.
    from shopwatch.store.migrations import migrations

    fresh = open_db(profile / "shopwatch.db")
    assert {m.name for m in migrations.applied(fresh)} >= {"0002_notify_outbox",
                                                            "0003_notify_seen"}
    fresh.close()


def test_existing_alerts_are_marked_seen_by_the_migration(tmp_path):
    import sqlite_utils

    from shopwatch.store.migrations import migrations

    db = sqlite_utils.Database(tmp_path / "old.db")
    migrations.apply(db, stop_before="0002_notify_outbox")
    # Raw SQL in the first schema: today's queries expect today's columns.
    with db.atomic():
        db.execute("INSERT INTO shops (id, name, platform, created_at)"
                   " VALUES (1, 's', 'taobao', '2026-01-01T00:00:00+00:00')")
        db.execute("INSERT INTO alerts (shop_id, kind, severity, dedup_key, message, created_at)"
                   " VALUES (1, 'deleted', 'critical', 'k', 'm', '2026-01-01T00:00:00+00:00')")
    migrations.apply(db)
    assert queries.unseen_alerts(db) == []


def test_enqueueing_twice_sends_once(db):
    shop = add_shop(db)
    p, sender = prefs(channel("a")), Recorder()
    raise_alerts(db, shop, [deleted("1", "x")])
    assert outbox.enqueue_new(db, p, now=T0) == 1
    assert outbox.enqueue_new(db, p, now=T0) == 0
    run(db, p, sender)
    run(db, p, sender)
    assert len(sender.sent) == 1


def test_alerts_raised_after_a_shop_was_removed_and_added_again_are_still_sent(db):
    # SQLite reuses the highest ids after deletions; an id watermark would skip these.
    p, sender = prefs(channel("a")), Recorder()
    shop = add_shop(db, "first")
    raise_alerts(db, shop, [deleted("1", "one"), deleted("2", "two")])
    run(db, p, sender)
    queries.delete_shop(db, shop.id)
    again = add_shop(db, "again")
    (alert,) = raise_alerts(db, again, [deleted("3", "three")])
    assert alert.id <= 2  # the id came back
    run(db, p, sender)
    assert [title for _, title in sender.sent][-1].endswith("“three” was deleted by the "
                                                           "platform · again")


def test_a_new_channel_gets_news_from_now_on_and_the_others_miss_nothing(db, profile,
                                                                       memory_keyring):
    shop = add_shop(db)
    first = save_channel(profile, db, ChannelConfig("", "first"), "json://127.0.0.1:9/a").channel
    raise_alerts(db, shop, [deleted("1", "raised before the second channel")])
    second = save_channel(profile, db, ChannelConfig("", "second"), "json://127.0.0.1:9/b")
    raise_alerts(db, shop, [deleted("2", "raised after")])
    p = prefs(first, second.channel)
    outbox.enqueue_new(db, p, now=T0)
    by_channel = {}
    for item in queries.outbox_items(db):
        by_channel.setdefault(item.channel, []).append(item.alert_id)
    assert len(by_channel["first"]) == 2 and len(by_channel["second"]) == 1


def test_with_notifications_off_alerts_are_not_kept_for_later(db):
    shop = add_shop(db)
    p = prefs(channel("a"), enabled=False)
    raise_alerts(db, shop, [deleted("1", "x")])
    assert outbox.enqueue_new(db, p, now=T0) == 0
    p.enabled = True
    assert outbox.enqueue_new(db, p, now=T0) == 0
    assert queries.unseen_alerts(db) == []


def test_changing_a_channel_to_digest_only_moves_its_waiting_alerts(db):
    shop = add_shop(db)
    ch = channel("a")
    p = prefs(ch)
    raise_alerts(db, shop, [deleted("1", "x")])
    outbox.enqueue_new(db, p, now=T0)
    ch.mode = "digest"
    result = outbox.sweep(db, p, now=T0)
    assert result.rerouted == 1
    assert queries.outbox_items(db)[0].mode == "digest"


def test_a_removed_channel_cancels_what_it_still_had_to_send(db):
    shop = add_shop(db)
    sender = Recorder(fail={urls("a")})
    p = prefs(channel("a"), channel("b"))
    raise_alerts(db, shop, [deleted("1", "x")])
    run(db, p, sender)  # a fails, b delivers
    raise_alerts(db, shop, [deleted("2", "y")])
    outbox.enqueue_new(db, p, now=T0)
    p.channels = [c for c in p.channels if c.id != "a"]
    run(db, p, sender, now=T0 + timedelta(hours=1))
    statuses = {(m.channel, m.status) for m in queries.list_notify_messages(db)}
    assert ("a", "cancelled") in statuses and ("a", "pending") not in statuses
    assert {i.reason for i in queries.outbox_items(db, status="skipped")} == {
        "channel removed", "channel removed or disabled"}


def test_two_dispatchers_at_once_never_send_a_message_twice(db, profile):
    shop = add_shop(db)
    p = prefs(channel("a"), group_threshold=50, max_messages_per_batch=50)
    raise_alerts(db, shop, [deleted(str(n), f"item {n}") for n in range(20)])
    outbox.enqueue_new(db, p, now=T0)
    sender = Recorder()
    barrier = threading.Barrier(2)

    def worker() -> None:
        own = open_db(profile / "shopwatch.db")
        try:
            barrier.wait()
            Dispatcher(own, p, sender=sender, url_for=urls).run(now=T0)
        finally:
            own.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    titles = [title for _, title in sender.sent]
    assert len(titles) == 20 and len(set(titles)) == 20


def test_a_message_claimed_by_a_dispatcher_that_died_is_taken_over_later(db):
    shop = add_shop(db)
    p = prefs(channel("a"))
    raise_alerts(db, shop, [deleted("1", "x")])
    outbox.enqueue_new(db, p, now=T0)
    from shopwatch.notify.render import Renderer

    outbox.compose(db, p, Renderer(), now=T0, tz=p.tzinfo())
    claimed = queries.claim_due_messages(db, now=iso(T0), stale_before=iso(T0 - CLAIM_LEASE),
                                         channels=["a"])
    assert len(claimed) == 1  # ...and the process is killed here
    sender = Recorder()
    run(db, p, sender, now=T0 + timedelta(minutes=5))
    assert sender.sent == []  # still someone else's
    run(db, p, sender, now=T0 + CLAIM_LEASE + timedelta(seconds=1))
    assert len(sender.sent) == 1


def test_a_sender_that_crashes_is_a_recorded_failure(db):
    class Broken:
        def send(self, *args, **kwargs):
            raise RuntimeError("plugin bug")

    shop = add_shop(db)
    p = prefs(channel("a"))
    raise_alerts(db, shop, [deleted("1", "x")])
    report = run(db, p, Broken())
    assert report.failed == 1 and "plugin bug" in report.errors[0]
    (message,) = queries.list_notify_messages(db)
    assert message.status == "pending" and message.attempts == 1


def test_digest_preview_changes_nothing(db):
    shop = add_shop(db)
    p = prefs(channel("a"))
    raise_alerts(db, shop, [changed("1", "Wool cap")])
    outbox.enqueue_new(db, p, now=T0)
    from shopwatch.notify.render import Renderer

    rendered, count = outbox.preview_digest(db, p, Renderer(), p.channels[0], now=T0,
                                            tz=p.tzinfo())
    assert count == 1 and "Wool cap" in rendered.body
    assert queries.outbox_items(db, status="pending")


def test_force_digest_sends_it_now(db):
    shop = add_shop(db)
    sender = Recorder()
    p = prefs(channel("a"))
    raise_alerts(db, shop, [changed("1", "Wool cap")])
    run(db, p, sender, force_digest=True)
    assert [t for _, t in sender.sent] == ["shopwatch daily summary 2026-11-24: 1 alert"]


@pytest.mark.parametrize("status", ["pending", "sent"])
def test_counts_cover_every_state(db, status):
    counts = queries.notify_counts(db)
    assert set(counts) >= {"pending", "sending", "sent", "failed", "cancelled", "queued"}
    assert counts[status] == 0


def test_two_dispatchers_at_digest_time_send_one_digest(db, profile):
    shop = add_shop(db)
    p = prefs(channel("a"))
    sender = Recorder()
    run(db, p, sender)  # first sight: the digest is due tomorrow 09:00
    raise_alerts(db, shop, [changed(str(n), f"item {n}") for n in range(5)])
    outbox.enqueue_new(db, p, now=T0)
    barrier = threading.Barrier(2)
    tomorrow = T0 + timedelta(hours=23)

    def worker() -> None:
        own = open_db(profile / "shopwatch.db")
        try:
            barrier.wait()
            Dispatcher(own, p, sender=sender, url_for=urls).run(now=tomorrow)
        finally:
            own.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert [t for _, t in sender.sent] == ["shopwatch daily summary 2026-11-25: 5 alerts"]


def test_the_delivery_log_forgets_finished_messages_after_ninety_days(db):
    shop = add_shop(db)
    p, sender = prefs(channel("a")), Recorder()
    raise_alerts(db, shop, [deleted("1", "old")])
    run(db, p, sender)
    raise_alerts(db, shop, [deleted("2", "recent")])
    run(db, p, sender, now=T0 + timedelta(days=80))
    run(db, p, sender, now=T0 + timedelta(days=95))
    titles = [m.title for m in queries.list_notify_messages(db)]
    assert len(titles) == 1 and "recent" in titles[0]
    assert [i.alert_id for i in queries.outbox_items(db, status=None)] == [2]
