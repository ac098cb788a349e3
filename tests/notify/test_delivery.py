"""End to end: alerts raised by real syncs, delivered by the real Apprise sender to a real
webhook receiver and a real SMTP server on 127.0.0.1. What arrived, grouped how, when (digest
time, quiet hours), retried how, and that a dead channel never holds anything up."""

from __future__ import annotations

import ast
import logging
import socket
from datetime import timedelta
from pathlib import Path

import pytest
from werkzeug import Request, Response

from shopwatch.config import Settings
from shopwatch.connectors.base import CAP_LISTINGS, CAP_LOOKUP, NetworkError
from shopwatch.models import ListingRecord
from shopwatch.monitor.sync import sync_shop
from shopwatch.notify import channels
from shopwatch.notify.dispatch import Dispatcher
from shopwatch.notify.prefs import QuietHours, prefs_to_dict
from shopwatch.notify.sender import AppriseSender
from shopwatch.notify.service import enqueue_after_sync
from shopwatch.store import queries

from .support import (
    CST,
    T0,
    add_shop,
    changed,
    channel,
    deleted,
    mail_url,
    posted,
    prefs,
    raise_alerts,
)

pytestmark = pytest.mark.usefixtures("memory_keyring")


def hook(receiver, path: str = "/hook") -> str:
    return f"json://127.0.0.1:{receiver.port}{path}"


def with_channel(cid: str, url: str, **kw):
    channels.store_url(cid, url)
    return channel(cid, **kw)


def dispatcher(db, p, timeout: float = 10.0) -> Dispatcher:
    return Dispatcher(db, p, sender=AppriseSender(timeout))


def accept(receiver, path: str = "/hook") -> None:
    receiver.expect_request(path, method="POST").respond_with_data("ok")


class ListConnector:
    """A source that returns a fixed list (or fails); every missing item is confirmed gone."""

    capabilities = frozenset({CAP_LISTINGS, CAP_LOOKUP})

    def __init__(self, titles: dict[str, str] | None = None, fail: bool = False) -> None:
        self.titles, self.fail = titles or {}, fail

    def fetch_listings(self, progress=None, cancel=None):
        if self.fail:
            raise NetworkError("The platform could not be reached (connection refused).")
        return [ListingRecord(lid, title) for lid, title in self.titles.items()], 1

    def lookup(self, listing_id):
        return None

    def close(self):
        pass


SHOP_LISTINGS = {f"{1000 + n}": f"商品 {n} silk scarf" for n in range(15)}


# --- what arrives, and how it is grouped -------------------------------------------------

def test_a_campaign_deleting_twelve_listings_arrives_as_a_few_clear_messages(db, receiver):
    accept(receiver)
    shop = add_shop(db)
    p = prefs(with_channel("phone", hook(receiver)))
    sync_shop(db, shop, ListConnector(SHOP_LISTINGS), now=T0)
    assert dispatcher(db, p).run(now=T0).sent == 0  # first sync: nothing is news
    survivors = dict(list(SHOP_LISTINGS.items())[:3])
    result = sync_shop(db, shop, ListConnector(survivors), now=T0 + timedelta(hours=1))
    assert {a.kind for a in result.alerts} == {"deleted", "mass_disappearance"}

    report = dispatcher(db, p).run(now=T0 + timedelta(hours=1))

    assert report.sent == 2 and report.ok
    first, second = posted(receiver)
    assert first["title"] == "URGENT: 12 of 15 listings (80 %) disappeared at once · 小店"
    assert second["title"] == "URGENT: 12 listings deleted by the platform · 小店"
    assert first["type"] == second["type"] == "failure"  # the chat apps' red
    assert second["message"].count(" silk scarf” (ID 10") == 10  # named, up to ten
    assert "…and 2 more" in second["message"]
    assert "shopwatch://alert/" in second["message"]


def test_urgent_alerts_go_at_once_and_the_rest_in_the_daily_digest(db, receiver):
    accept(receiver)
    shop = add_shop(db)
    p = prefs(with_channel("phone", hook(receiver)), digest_time="09:00")
    d = dispatcher(db, p)
    d.run(now=T0)  # the channel is seen: its first digest is tomorrow 09:00
    raise_alerts(db, shop, [deleted("1", "Silk scarf"), changed("2", "Wool cap")])

    d.run(now=T0)
    assert [m["title"] for m in posted(receiver)] == [
        "URGENT: “Silk scarf” was deleted by the platform · 小店"]

    d.run(now=T0 + timedelta(hours=22, minutes=59))  # 08:59 next day
    assert len(posted(receiver)) == 1
    d.run(now=T0 + timedelta(hours=23))  # 09:00
    digest = posted(receiver)[1]
    assert digest["title"] == "shopwatch daily summary 2026-11-25: 1 alert"
    assert "“Wool cap”: price changed" in digest["message"]
    assert digest["type"] == "info"
    d.run(now=T0 + timedelta(hours=30))
    assert len(posted(receiver)) == 2  # once a day


def test_an_empty_digest_is_sent_only_when_asked_for(db, receiver):
    accept(receiver)
    add_shop(db)
    quiet = dispatcher(db, prefs(with_channel("phone", hook(receiver))))
    quiet.run(now=T0)
    quiet.run(now=T0 + timedelta(days=1))
    assert posted(receiver) == []
    chatty = dispatcher(db, prefs(with_channel("phone", hook(receiver)),
                                  digest_when_empty=True))
    chatty.run(now=T0 + timedelta(days=2))
    assert "all quiet" in posted(receiver)[0]["title"]


def test_a_digest_only_channel_and_an_immediate_only_channel(db, receiver):
    accept(receiver, "/digest")
    accept(receiver, "/urgent")
    shop = add_shop(db)
    p = prefs(with_channel("boss", hook(receiver, "/digest"), mode="digest"),
              with_channel("me", hook(receiver, "/urgent"), mode="immediate"))
    d = dispatcher(db, p)
    d.run(now=T0)
    raise_alerts(db, shop, [deleted("1", "Silk scarf"), changed("2", "Wool cap")])
    d.run(now=T0)
    d.run(now=T0 + timedelta(days=1))
    assert [m["title"] for m in posted(receiver, "/urgent")] == [
        "URGENT: “Silk scarf” was deleted by the platform · 小店"]
    (digest,) = posted(receiver, "/digest")
    assert "2 alerts" in digest["title"]
    assert "Silk scarf" in digest["message"] and "Wool cap" in digest["message"]


def test_email_arrives_through_a_local_smtp_server_in_chinese(db, mailbox):
    shop = add_shop(db)
    p = prefs(with_channel("mail", mail_url(mailbox)), language="zh_CN")
    d = dispatcher(db, p)
    d.run(now=T0)
    raise_alerts(db, shop, [deleted("1", "真丝围巾")])
    report = d.run(now=T0)
    assert report.sent == 1, report.errors
    (mail,) = mailbox.texts()
    assert mail.startswith("【紧急】「真丝围巾」已被平台删除 · 小店\n")
    assert "下一步：" in mail and "shopwatch://alert/" in mail
    assert mailbox.messages[0].rcpt_tos == ["seller@example.com"]


def test_each_channel_gets_only_the_kinds_and_shops_it_asked_for(db, receiver):
    accept(receiver, "/a")
    accept(receiver, "/b")
    shop_a, shop_b = add_shop(db, "A"), add_shop(db, "B")
    p = prefs(with_channel("a", hook(receiver, "/a"), shops=["A"]),
              with_channel("b", hook(receiver, "/b"), kinds=["new_penalty"]))
    d = dispatcher(db, p)
    d.run(now=T0)
    raise_alerts(db, shop_a, [deleted("1", "In A")])
    raise_alerts(db, shop_b, [deleted("2", "In B")])
    d.run(now=T0)
    assert [m["title"] for m in posted(receiver, "/a")] == [
        "URGENT: “In A” was deleted by the platform · A"]
    assert posted(receiver, "/b") == []


# --- quiet hours, mutes, acknowledgement --------------------------------------------------

def test_quiet_hours_hold_chat_alerts_until_morning_while_email_may_ignore_them(
        db, receiver, mailbox):
    accept(receiver)
    shop = add_shop(db)
    night = T0 + timedelta(hours=13)  # 23:00 in UTC+8
    p = prefs(with_channel("phone", hook(receiver)),
              with_channel("mail", mail_url(mailbox), quiet_hours=False),
              quiet_hours=QuietHours(True, "22:00", "08:00"))
    d = dispatcher(db, p)
    d.run(now=T0)
    raise_alerts(db, shop, [deleted("1", "Silk scarf")], when=night)
    raise_alerts(db, shop, [deleted("2", "Wool coat")], when=night + timedelta(hours=2))

    report = d.run(now=night + timedelta(hours=2))
    assert report.asleep == ["phone"] and report.sent == 2
    assert posted(receiver) == [] and len(mailbox.messages) == 2
    d.run(now=night + timedelta(hours=8, minutes=59))  # 07:59
    assert posted(receiver) == []
    d.run(now=night + timedelta(hours=9))  # 08:00
    titles = sorted(m["title"] for m in posted(receiver))
    assert titles == ["URGENT: “Silk scarf” was deleted by the platform · 小店",
                      "URGENT: “Wool coat” was deleted by the platform · 小店"]


def test_a_mute_set_after_an_alert_was_queued_still_silences_it(db, receiver):
    accept(receiver)
    shop = add_shop(db)
    p = prefs(with_channel("phone", hook(receiver)),
              quiet_hours=QuietHours(True, "00:00", "23:59"))
    d = dispatcher(db, p)
    d.run(now=T0)
    raise_alerts(db, shop, [deleted("1", "Silk scarf"), deleted("2", "Wool coat")])
    d.run(now=T0)  # quiet: queued, not sent
    from shopwatch.notify.prefs import KindMute, ListingMute

    p.muted_listings = [ListingMute("小店", "1")]
    p.quiet_hours = QuietHours(False)
    d.run(now=T0)
    assert [m["title"] for m in posted(receiver)] == [
        "URGENT: “Wool coat” was deleted by the platform · 小店"]
    p.muted_kinds = [KindMute("deleted")]
    raise_alerts(db, shop, [deleted("3", "Cap")])
    d.run(now=T0)
    assert len(posted(receiver)) == 1
    skipped = queries.outbox_items(db, status="skipped")
    assert {s.reason for s in skipped} == {"muted: listing 1"}


def test_an_alert_acknowledged_in_the_app_before_delivery_is_not_sent(db, receiver):
    accept(receiver)
    shop = add_shop(db)
    p = prefs(with_channel("phone", hook(receiver)),
              quiet_hours=QuietHours(True, "00:00", "23:59"))
    d = dispatcher(db, p)
    d.run(now=T0)
    (alert,) = raise_alerts(db, shop, [deleted("1", "Silk scarf")])
    d.run(now=T0)
    queries.acknowledge_alerts(db, [alert.id], "2026-11-24T03:00:00+00:00")
    p.quiet_hours = QuietHours(False)
    d.run(now=T0)
    assert posted(receiver) == []


# --- sync failing: repeated daily until resolved ------------------------------------------

def test_sync_failing_is_sent_once_a_day_until_a_sync_works_again(db, receiver):
    accept(receiver)
    shop = add_shop(db)
    p = prefs(with_channel("phone", hook(receiver)))
    d = dispatcher(db, p)
    sync_shop(db, shop, ListConnector(SHOP_LISTINGS), now=T0)
    d.run(now=T0)
    for day in range(3):
        for attempt in range(4):  # the app keeps trying every half hour
            moment = T0 + timedelta(days=day, minutes=30 * (attempt + 1))
            sync_shop(db, shop, ListConnector(fail=True), now=moment)
            d.run(now=moment)
    titles = [m["title"] for m in posted(receiver)]
    assert titles == ["URGENT: The shop is not being watched: the last 3 syncs failed · 小店",
                      "URGENT: The shop is not being watched: the last 5 syncs failed · 小店",
                      "URGENT: The shop is not being watched: the last 9 syncs failed · 小店"]
    assert "connection refused" in posted(receiver)[0]["message"]


def test_a_sync_failure_that_resolved_before_delivery_is_dropped(db, receiver):
    accept(receiver)
    shop = add_shop(db)
    p = prefs(with_channel("phone", hook(receiver)),
              quiet_hours=QuietHours(True, "00:00", "23:59"))
    d = dispatcher(db, p)
    sync_shop(db, shop, ListConnector(SHOP_LISTINGS), now=T0)
    for n in range(3):
        sync_shop(db, shop, ListConnector(fail=True), now=T0 + timedelta(minutes=n))
    d.run(now=T0)  # quiet: held
    sync_shop(db, shop, ListConnector(SHOP_LISTINGS), now=T0 + timedelta(hours=1))
    p.quiet_hours = QuietHours(False)
    d.run(now=T0 + timedelta(hours=1))
    assert posted(receiver) == []
    (item,) = queries.outbox_items(db, status="skipped")
    assert item.reason == "resolved before it was sent"


# --- failures: retried, recorded, never lost ---------------------------------------------

def test_a_failing_receiver_is_retried_with_back_off_until_it_answers(db, receiver):
    calls = []

    def flaky(request: Request) -> Response:
        calls.append(request.get_json())
        return Response("busy", status=500) if len(calls) <= 2 else Response("ok")

    receiver.expect_request("/hook", method="POST").respond_with_handler(flaky)
    shop = add_shop(db)
    d = dispatcher(db, prefs(with_channel("phone", hook(receiver))))
    d.run(now=T0)
    raise_alerts(db, shop, [deleted("1", "Silk scarf")])

    first = d.run(now=T0)
    assert (first.sent, first.failed) == (0, 1) and "500" in first.errors[0]
    assert d.run(now=T0 + timedelta(seconds=59)).sent == 0 and len(calls) == 1  # backing off
    assert d.run(now=T0 + timedelta(seconds=60)).failed == 1 and len(calls) == 2
    assert d.run(now=T0 + timedelta(seconds=60 + 299)).sent == 0 and len(calls) == 2
    assert d.run(now=T0 + timedelta(seconds=60 + 300)).sent == 1 and len(calls) == 3

    (message,) = queries.list_notify_messages(db)
    assert (message.status, message.attempts, message.last_error) == ("sent", 3, None)
    attempts = queries.notify_attempts(db, message.id)
    assert [a.ok for a in attempts] == [False, False, True]
    assert all("500" in a.error for a in attempts[:2])
    assert calls[0] == calls[2]  # the same message, not re-rendered
    assert queries.outbox_items(db, status="sent")[0].message_id == message.id


def test_a_channel_that_never_answers_is_given_up_visibly_and_can_be_retried(db, receiver):
    dead = socket.socket()
    dead.bind(("127.0.0.1", 0))
    port = dead.getsockname()[1]
    dead.close()  # nothing listens here: connection refused
    shop = add_shop(db)
    p = prefs(with_channel("phone", f"json://127.0.0.1:{port}/hook"), max_attempts=3)
    d = dispatcher(db, p)
    d.run(now=T0)
    raise_alerts(db, shop, [deleted("1", "Silk scarf")])
    moment = T0
    for _ in range(3):
        d.run(now=moment)
        moment += timedelta(hours=6)
    (message,) = queries.list_notify_messages(db)
    assert (message.status, message.attempts) == ("failed", 3)
    assert "connection error" in message.last_error.lower()
    assert queries.notify_counts(db)["failed"] == 1
    assert queries.outbox_items(db, status="failed")

    channels.store_url("phone", hook(receiver))  # the seller fixes the address
    accept(receiver)
    assert queries.retry_failed_messages(db, now=moment.isoformat()) == 1
    assert d.run(now=moment).sent == 1
    assert posted(receiver)[0]["title"].endswith("“Silk scarf” was deleted by the platform · 小店")


def test_a_dead_channel_never_holds_up_a_working_one(db, receiver, blackhole):
    accept(receiver)
    shop = add_shop(db)
    p = prefs(with_channel("dead", f"json://127.0.0.1:{blackhole}/hook?rto=1&cto=1",
                           kinds=["deleted", "new_penalty"]),
              with_channel("phone", hook(receiver)), group_threshold=10)
    d = dispatcher(db, p, timeout=2)
    d.run(now=T0)
    raise_alerts(db, shop, [deleted("1", "Silk scarf"), deleted("2", "Wool coat")])

    report = d.run(now=T0)

    assert report.sent == 2 and report.failed == 1
    assert len(posted(receiver)) == 2
    dead_messages = queries.list_notify_messages(db, channel="dead")
    # one attempt spent on the dead channel; its other message waits, untried
    assert sorted(m.attempts for m in dead_messages) == [0, 1]
    assert all(m.status == "pending" for m in dead_messages)


def test_a_missing_address_is_a_recorded_failure_not_a_crash(db, no_keychain):
    shop = add_shop(db)
    p = prefs(channel("phone"))
    d = dispatcher(db, p)
    d.run(now=T0)
    raise_alerts(db, shop, [deleted("1", "Silk scarf")])
    report = d.run(now=T0)
    assert report.failed == 1 and "SHOPWATCH_NOTIFY_PHONE" in report.errors[0]
    (message,) = queries.list_notify_messages(db)
    assert message.status == "pending" and "SHOPWATCH_NOTIFY_PHONE" in message.last_error


# --- a sync never waits for delivery ------------------------------------------------------

def test_nothing_on_the_sync_path_imports_notifications():
    root = Path(__file__).resolve().parents[2] / "shopwatch"
    for folder in ("monitor", "store", "connectors"):
        for path in (root / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            names = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
            names |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import)
                      for a in n.names}
            assert not any((name or "").startswith("shopwatch.notify") for name in names), path


def test_enqueueing_after_a_sync_opens_no_connection_even_to_a_dead_channel(
        db, profile, blackhole, monkeypatch):
    shop = add_shop(db)
    dead = with_channel("dead", f"json://127.0.0.1:{blackhole}/hook")
    settings = Settings(extra={"notify": prefs_to_dict(prefs(dead))})
    enqueue_after_sync(db, settings, now=T0)
    sync_shop(db, shop, ListConnector(SHOP_LISTINGS), now=T0)
    result = sync_shop(db, shop, ListConnector({}), now=T0 + timedelta(hours=1))
    assert result.status == "ok" and len(result.alerts) == 16

    def no_network(*args, **kwargs):
        raise AssertionError("the sync-time step tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    assert enqueue_after_sync(db, settings, now=T0 + timedelta(hours=1)) == 16
    monkeypatch.undo()

    assert queries.notify_counts(db)["queued"] == 16
    assert queries.list_notify_messages(db) == []  # nothing composed, nothing attempted


def test_enqueueing_never_fails_a_sync_even_when_the_outbox_is_broken(db, caplog):
    db.execute("DROP TABLE notify_seen")
    assert enqueue_after_sync(db, Settings(), now=T0) == 0
    assert "could not queue notifications" in caplog.text


# --- secrets -----------------------------------------------------------------------------

SECRETS = ("S3cretPassw0rd", "SECRETPATHSEGMENT", "T0KENVALUE99")


def test_secrets_never_reach_the_database_the_logs_or_the_errors(db, profile, receiver,
                                                                  caplog):
    def echo(request: Request) -> Response:
        # A misbehaving service that echoes the request URL back in its error.
        return Response(f"bad request for {request.full_path}", status=400)

    receiver.expect_request(f"/{SECRETS[1]}", method="POST").respond_with_handler(echo)
    caplog.set_level(logging.DEBUG)
    url = (f"json://bob:{SECRETS[0]}@127.0.0.1:{receiver.port}/{SECRETS[1]}"
           f"?token={SECRETS[2]}")
    from shopwatch.notify.service import save_channel

    saved = save_channel(profile, db, channel("", name="phone"), url)
    shop = add_shop(db)
    p = prefs(saved.channel)
    d = dispatcher(db, p)
    raise_alerts(db, shop, [deleted("1", "Silk scarf")])
    report = d.run(now=T0)
    assert report.failed == 1

    dump = "\n".join(db.conn.iterdump())
    # werkzeug's lines are the receiving server's own access log, not shopwatch's
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name != "werkzeug")
    settings_text = (profile / "settings.json").read_text(encoding="utf-8")
    for secret in SECRETS:
        assert secret not in dump
        assert secret not in settings_text
        assert secret not in ours
        assert not any(secret in error for error in report.errors)
    assert "400" in report.errors[0]
    assert saved.channel.display == f"json://****@127.0.0.1:{receiver.port}/****?token=****"


def test_a_test_message_reports_failure_without_the_secret(profile, receiver):
    from shopwatch.notify.service import send_test

    receiver.expect_request("/x", method="POST").respond_with_data("no", status=403)
    url = f"json://127.0.0.1:{receiver.port}/x?token={SECRETS[2]}"
    (result,) = send_test(profile, url=url, now=T0)
    assert not result.outcome.ok and "403" in result.outcome.error
    assert SECRETS[2] not in result.outcome.error and SECRETS[2] not in result.label
    assert result.label.endswith("token=****")


def test_local_times_in_messages_use_the_sellers_zone(db, receiver):
    accept(receiver)
    shop = add_shop(db)
    d = dispatcher(db, prefs(with_channel("phone", hook(receiver))))
    d.run(now=T0)
    raise_alerts(db, shop, [deleted("1", "Silk scarf")])
    d.run(now=T0)
    assert f"Detected: {T0.astimezone(CST):%Y-%m-%d %H:%M}" in posted(receiver)[0]["message"]
    assert "Detected: 2026-11-24 10:00" in posted(receiver)[0]["message"]
