"""Punishment messages (TMC over HTTP polling) from the loopback demo gateway: a platform
deletion alerts within one poll, once; replays, stale and seller-initiated messages change
nothing; a message is confirmed only after its effect is committed; the next full sync agrees
and does not alert again."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from shopwatch.connectors.base import ConnectorError
from shopwatch.connectors.taobao_tmc import (
    PUNISH_DELETE,
    SELLER_DELETE,
    TOPICS,
    TmcClient,
    TmcMessage,
    message_from,
)
from shopwatch.monitor.tmc import VIA, watch_once
from shopwatch.store import queries

from .support import DemoShop, data_state, mismatches, sim_now

CONSUME = "taobao.tmc.messages.consume"
LOOKUP = "taobao.item.seller.get"


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[DemoShop]:
    """Synced on day 0, then three days on: the campaign's first sweep has happened."""
    demo = DemoShop.start(tmp_path)
    assert demo.sync().status == "ok"
    demo.market.advance(3)
    assert demo.market.deleted_ids()
    yield demo
    demo.close()
    assert not demo.server.errors, demo.server.errors


def tmc_client(demo: DemoShop, **options: object) -> TmcClient:
    m = demo.market
    client = TmcClient(demo.server.endpoint, m.app_key, m.app_secret, m.session,
                       sign_method="hmac-sha256", timeout=2.0, retries=0, **options)
    demo.connectors.append(client)  # type: ignore[arg-type]
    return client


def deleted_alerts(demo: DemoShop) -> Counter[str]:
    return Counter(a.listing_id for a in queries.list_alerts(
        demo.db, shop_id=demo.shop.id, include_acknowledged=True) if a.kind == "deleted")


def test_platform_deletions_alert_in_one_poll_once_and_the_next_sync_agrees(shop: DemoShop):
    known = set(queries.load_listings(shop.db, shop.shop.id))
    result = watch_once(shop.db, shop.shop, shop.connector(), tmc_client(shop),
                        now=sim_now(shop.market))
    assert shop.server.tmc_topics == TOPICS  # permitted once, before consuming
    gone = {str(i) for i in shop.market.deleted_ids()} & known
    alerted = {a.listing_id for a in result.alerts if a.kind == "deleted"}
    assert alerted == gone
    assert all(a.details.get("via") == VIA and a.details.get("confirmed")
               for a in result.alerts if a.kind == "deleted")
    violated = {str(i) for i in shop.market.violation_ids()} & known
    assert {a.listing_id for a in result.alerts if a.kind == "violation_off_shelf"} == violated
    assert not any(a.kind == "seller_off_shelf" for a in result.alerts)
    stored = queries.load_listings(shop.db, shop.shop.id)
    assert {stored[lid].status for lid in gone} == {"deleted"}
    assert len(shop.server.tmc_confirmed) == result.received  # every one committed, confirmed
    kept = queries.list_messages(shop.db, shop.shop.id)
    assert len(kept) == result.new == result.received
    assert all(json.loads(k.raw)["id"] for k in kept)  # raw envelopes, as received
    outcomes = Counter(k.outcome for k in kept)
    assert outcomes["seller's own action: not a punishment"] >= 1
    assert outcomes["notice"] >= 1  # taobao_punish_Forall

    # a replay of everything: confirmed again, nothing else
    shop.server.faults.tmc_redeliver = True
    before = data_state(shop.db)
    again = watch_once(shop.db, shop.shop, shop.connector(), tmc_client(shop),
                       now=sim_now(shop.market))
    assert again.received == result.received and again.new == 0 and again.alerts == []
    assert data_state(shop.db) == before
    shop.server.faults.tmc_redeliver = False

    # the full sync reconciles: same statuses, no second deletion alert
    synced = shop.sync()
    assert synced.status == "ok", synced.error
    assert mismatches(shop.db, shop.shop.id, shop.market) == []
    assert not {a.listing_id for a in synced.alerts if a.kind == "deleted"} & gone
    assert max(deleted_alerts(shop).values()) == 1


def test_a_failed_consume_or_look_up_confirms_and_keeps_nothing(shop: DemoShop):
    before = data_state(shop.db)
    shop.server.set_faults(fault_method=CONSUME, error_on_page=1,
                           error_sub_code="isp.remote-service-error")
    with pytest.raises(ConnectorError):
        watch_once(shop.db, shop.shop, shop.connector(retries=0), tmc_client(shop),
                   now=sim_now(shop.market))
    assert shop.server.tmc_confirmed == set()
    assert queries.list_messages(shop.db, shop.shop.id) == []

    shop.server.set_faults(fault_method=LOOKUP, http_500_on_page=1)
    with pytest.raises(ConnectorError):
        watch_once(shop.db, shop.shop, shop.connector(retries=0), tmc_client(shop),
                   now=sim_now(shop.market))
    handled = queries.list_messages(shop.db, shop.shop.id)
    # messages before the first look-up were committed and confirmed; none after it
    assert {k.message_id for k in handled} == {str(i) for i in shop.server.tmc_confirmed}
    assert all(k.topic != PUNISH_DELETE for k in handled)
    assert data_state(shop.db)["listings"] == before["listings"]

    shop.server.clear_faults()
    result = watch_once(shop.db, shop.shop, shop.connector(), tmc_client(shop),
                        now=sim_now(shop.market))
    # confirmed messages are not delivered again; the unconfirmed ones all are
    assert result.new == result.received
    assert not set(result.outcomes) & {k.message_id for k in handled}
    published = [m for m in shop.server.tmc_messages() if m["topic"] in TOPICS]
    assert len(queries.list_messages(shop.db, shop.shop.id)) == len(published)
    assert any(a.kind == "deleted" for a in result.alerts)


class Crafted:
    """A TMC client that delivers given messages (their look-ups still go to the gateway)."""

    def __init__(self, messages: list[TmcMessage]) -> None:
        self.messages = messages
        self.confirmed: list[str] = []

    def permit(self, topics: object) -> None:
        pass

    def consume(self) -> list[TmcMessage]:
        return self.messages

    def confirm(self, ids: list[str]) -> None:
        self.confirmed += ids


def crafted(message_id: int, topic: str, num_iid: str, nick: str) -> TmcMessage:
    message = message_from({"id": message_id, "topic": topic, "user_nick": nick,
                            "pub_time": "2026-11-05 10:00:00",
                            "content": json.dumps({"num_iid": int(num_iid), "nick": nick})})
    assert message is not None
    return message


def test_stale_or_seller_initiated_messages_change_nothing(shop: DemoShop):
    on_sale = str(shop.market.onsale_items()[0]["num_iid"])
    before = data_state(shop.db)
    nick = shop.market.nick
    client = Crafted([crafted(1, PUNISH_DELETE, on_sale, nick),  # stale: the look-up finds it
                      crafted(2, SELLER_DELETE, on_sale, nick)])  # the seller's own action
    result = watch_once(shop.db, shop.shop, shop.connector(), client,  # type: ignore[arg-type]
                        now=sim_now(shop.market))
    assert result.alerts == []
    assert result.outcomes == {"1": "stale: the look-up still finds the listing",
                               "2": "seller's own action: not a punishment"}
    assert client.confirmed == ["1", "2"]
    assert data_state(shop.db)["listings"] == before["listings"]


def test_a_full_sync_learns_the_sellers_nick_from_the_shops_own_items(shop: DemoShop):
    assert queries.get_shop_by_id(shop.db, shop.shop.id).settings["nick"] == shop.market.nick


def deleted_item(demo: DemoShop) -> str:
    known = set(queries.load_listings(demo.db, demo.shop.id))
    return next(str(i) for i in sorted(demo.market.deleted_ids()) if str(i) in known)


def test_a_message_for_a_seller_no_shop_here_belongs_to_is_kept_and_never_acted_on(
        shop: DemoShop):
    """Same item id, same topic, but another seller's nick: recorded and confirmed, no look-up,
    no alert, no listing touched."""
    lid = deleted_item(shop)
    before = data_state(shop.db)
    shop.server.reset_counts()
    client = Crafted([crafted(7, PUNISH_DELETE, lid, "别人的店")])
    result = watch_once(shop.db, shop.shop, shop.connector(), client,  # type: ignore[arg-type]
                        now=sim_now(shop.market))
    assert result.alerts == [] and result.new == 1 and client.confirmed == ["7"]
    assert result.outcomes["7"].startswith("another seller's message (别人的店)")
    assert LOOKUP not in shop.server.method_counts
    assert data_state(shop.db) == before
    kept = queries.list_messages(shop.db, shop.shop.id)
    assert [(m.message_id, m.listing_id) for m in kept] == [("7", lid)]


def test_a_message_for_another_shop_of_the_profile_waits_for_that_shops_poll(
        shop: DemoShop, tmp_path: Path):
    """Two Taobao shops in one profile: the first shop's poll leaves the second seller's
    message unconfirmed; the second shop's poll handles it and alerts there, once."""
    other = queries.add_shop(shop.db, "second", "taobao", now="2026-11-01T00:00:00+00:00",
                             endpoint=shop.server.endpoint, settings={"nick": "第二家店"})
    lid = deleted_item(shop)
    theirs = crafted(8, PUNISH_DELETE, lid, "第二家店")
    ours = crafted(9, PUNISH_DELETE, lid, shop.market.nick)
    first = Crafted([theirs, ours])
    result = watch_once(shop.db, shop.shop, shop.connector(), first,  # type: ignore[arg-type]
                        now=sim_now(shop.market))
    assert first.confirmed == ["9"] and result.others == 1
    assert result.outcomes["8"] == "for shop second: left for its poll"
    assert [a.listing_id for a in result.alerts if a.kind == "deleted"] == [lid]
    assert all(a.shop_id == shop.shop.id for a in result.alerts)
    # the second shop's own poll gets it again (unconfirmed) and keeps it as its own
    second = Crafted([theirs])
    again = watch_once(shop.db, other, shop.connector(), second,  # type: ignore[arg-type]
                       now=sim_now(shop.market))
    assert second.confirmed == ["8"] and again.others == 0
    assert [m.message_id for m in queries.list_messages(shop.db, other.id)] == ["8"]
    assert [m.message_id for m in queries.list_messages(shop.db, shop.shop.id)] == ["9"]
