"""Punishment messages between syncs: poll TMC, keep each message raw, and turn a platform
punishment into what a sync would have found, minutes earlier.

Messages are routed by the seller nick they carry (one app key's messages name every seller
who authorised it): a message for another shop of the profile is left unconfirmed for that
shop's own poll; one for a seller no shop of the profile belongs to is kept and confirmed,
never acted on. (A shop whose nick no full sync has learned yet takes every message not routed
elsewhere, as before.) The message is only the trigger: the listing is looked up
(``item.seller.get``) and the look-up is the truth, so a replayed, stale or out-of-order
message never changes a status wrongly. Seller-initiated topics are kept and never alerted. Each message is handled in one
transaction (the same write lock as a sync, recorded as a run of origin ``tmc`` so a sync that
fetched before it knows the store moved) and confirmed only after that commit; a message
already kept is confirmed again without any effect, so duplicates never alert twice. A full
sync remains the reconciliation.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from datetime import datetime

import sqlite_utils

from shopwatch.config import DetectionSettings
from shopwatch.connectors.base import Connector
from shopwatch.connectors.taobao_tmc import (
    ITEM_PUNISH_TOPICS,
    PUNISH_CC,
    PUNISH_DELETE,
    PUNISH_DOWNSHELF,
    PUNISH_FORALL,
    SELLER_TOPICS,
    TOPICS,
    TmcClient,
    TmcMessage,
)
from shopwatch.connectors.top_records import iso_gmt8
from shopwatch.models import (
    ACTIVE,
    DELETED,
    VIOLATION_OFF_SHELF,
    WARNING,
    Alert,
    AlertDraft,
    Listing,
    ListingRecord,
    NoticeRecord,
    Shop,
)
from shopwatch.monitor import detect
from shopwatch.monitor import sync as base
from shopwatch.monitor.rules import Rules, load_rules
from shopwatch.store import queries
from shopwatch.store.db import take_write_lock
from shopwatch.timeutil import iso, now_utc

log = logging.getLogger(__name__)

VIA = "punishment message"


@dataclass(slots=True)
class MessagesResult:
    """One poll: messages received, how many were new, the alerts they raised."""

    received: int = 0
    new: int = 0
    confirmed: int = 0
    others: int = 0  # for another shop of this profile: left for that shop's poll
    alerts: list[Alert] = field(default_factory=list)
    outcomes: dict[str, str] = field(default_factory=dict)  # message id -> what it led to


_NOT_LOOKED_UP = object()


def watch_once(
    db: sqlite_utils.Database, shop: Shop, connector: Connector, tmc: TmcClient, *,
    now: datetime | None = None, settings: DetectionSettings | None = None,
    rules: Rules | None = None,
) -> MessagesResult:
    """Permit the topics (once per shop), consume one batch, handle and confirm it. Network
    errors raise before anything is written for the message concerned; what was already
    committed stays, and unconfirmed messages come again."""
    settings = settings or DetectionSettings()
    rules = rules or load_rules(shop.platform if shop.platform != "demo" else "taobao")
    if queries.permitted_topics(db, shop.id) != TOPICS:
        tmc.permit(TOPICS)
        with db.atomic():
            queries.save_permit(db, shop.id, TOPICS, iso(now or now_utc()))
    result = MessagesResult()
    confirm: list[str] = []
    owners = _nick_owners(db)
    mine = next((nick for nick, owner in owners.items() if owner.id == shop.id), None)
    try:
        for msg in tmc.consume():
            result.received += 1
            owner = owners.get(msg.user_nick or "")
            if owner is not None and owner.id != shop.id:
                # Another shop of this profile (the app key's messages name every seller who
                # authorised it): left unconfirmed, so it comes again to that shop's own poll.
                result.outcomes[msg.message_id] = f"for shop {owner.name}: left for its poll"
                result.others += 1
                continue
            if queries.message_seen(db, shop.id, msg.message_id):
                confirm.append(msg.message_id)  # a redelivery or replay: already handled
                continue
            foreign = owner is None and mine is not None and msg.user_nick is not None
            found: object = _NOT_LOOKED_UP
            lid = msg.num_iid
            if msg.topic in (PUNISH_DELETE, PUNISH_DOWNSHELF) and lid and not foreign:
                found = connector.lookup(lid)  # the truth; the message only says "look"
            stamp_now = now or now_utc()
            with db.atomic():
                take_write_lock(db)
                if queries.message_seen(db, shop.id, msg.message_id):
                    confirm.append(msg.message_id)
                    continue
                if foreign:  # kept as received, never acted on
                    outcome, raised = (f"another seller's message ({msg.user_nick}): no shop "
                                       "in this profile is theirs"), []
                else:
                    outcome, raised = _handle(db, shop, msg, lid, found, now=stamp_now,
                                              settings=settings, rules=rules)
                queries.store_message(
                    db, shop.id, message_id=msg.message_id, topic=msg.topic,
                    pub_time=msg.pub_time, listing_id=lid, raw=msg.raw,
                    received_at=iso(stamp_now), outcome=outcome)
            result.new += 1
            result.alerts += raised
            result.outcomes[msg.message_id] = outcome
            confirm.append(msg.message_id)
    finally:
        if confirm:  # only what is committed: the rest is delivered again
            tmc.confirm(confirm)
            result.confirmed = len(confirm)
    return result


def _nick_owners(db: sqlite_utils.Database) -> dict[str, Shop]:
    """Seller nick -> the profile's shop of that seller (Taobao and demo shops whose nick a
    full sync has learned, or was set). Read fresh: a sync may have just learned one."""
    return {str(s.settings["nick"]): s for s in queries.list_shops(db)
            if s.platform in ("taobao", "demo") and s.settings.get("nick")}


def _handle(
    db: sqlite_utils.Database, shop: Shop, msg: TmcMessage, lid: str | None, found: object,
    *, now: datetime, settings: DetectionSettings, rules: Rules,
) -> tuple[str, list[Alert]]:
    """What one new message leads to (inside the transaction): (outcome, alerts raised)."""
    if msg.topic in SELLER_TOPICS:
        return "seller's own action: not a punishment", []
    if msg.topic == PUNISH_FORALL:
        notice = NoticeRecord(
            source_id=f"tmc:{msg.message_id}", kind="other", severity=WARNING,
            title="Punishment message from the platform",
            text=str(msg.payload().get("content") or msg.content),
            issued_at=_issued(msg))
        return "notice", _commit(db, shop, [], [notice], now=now, settings=settings,
                                 rules=rules)
    if msg.topic not in ITEM_PUNISH_TOPICS or not lid:
        return "not a listing punishment this app handles", []
    old = queries.get_listing(db, shop.id, lid)
    if old is None:
        return "listing not synced yet: the next sync finds it", []
    if msg.topic == PUNISH_CC:
        notice = NoticeRecord(
            source_id=f"tmc:{msg.message_id}", kind="other", severity=WARNING,
            title="Listing shielded by the platform", listing_id=lid, text=msg.content,
            issued_at=_issued(msg))
        return "notice", _commit(db, shop, [], [notice], now=now, settings=settings,
                                 rules=rules)
    assert found is not _NOT_LOOKED_UP
    stamp = iso(now)
    new: Listing | None = None
    if found is None:
        if old.status == DELETED:
            return "already known as deleted", []
        new = base._gone(old, DELETED, stamp)
    elif not isinstance(found, ListingRecord):
        return "look-up gave no listing", []
    elif msg.topic == PUNISH_DELETE:
        return "stale: the look-up still finds the listing", []
    elif found.status == ACTIVE:
        return "stale: the listing is on sale again", []
    elif old.status == VIOLATION_OFF_SHELF:
        return "already known as delisted for a violation", []
    else:
        new = base._present(old, replace(found, status=VIOLATION_OFF_SHELF), shop.id, stamp)
        new.first_seen = old.first_seen
    outcome = "deleted by the platform" if new.status == DELETED else "delisted for a violation"
    return outcome, _commit(db, shop, [(old, new)], [], now=now, settings=settings,
                            rules=rules)


def _issued(msg: TmcMessage) -> str | None:
    try:
        return iso_gmt8(msg.pub_time)
    except Exception:  # noqa: BLE001 - an odd date in a message is not worth losing it
        return None


def _commit(
    db: sqlite_utils.Database, shop: Shop, changes: list[tuple[Listing, Listing]],
    notices: list[NoticeRecord], *, now: datetime, settings: DetectionSettings, rules: Rules,
) -> list[Alert]:
    """Write a message's effect as a run of origin ``tmc`` (so a sync that fetched before it
    reloads what it compares against) and raise its alerts."""
    stamp = iso(now)
    run_id = queries.start_run(db, shop.id, stamp, "tmc")
    versions = 0
    changed_hash = set()
    for old, new in changes:
        new.content_hash = base.content_hash(new)
        if new.content_hash != old.content_hash:
            changed_hash.add(new.listing_id)
    if changes:
        versions = queries.write_listings(db, [new for _, new in changes], run_id=run_id,
                                          now=stamp, changed_hash=changed_hash)
    drafts: list[AlertDraft] = detect.listing_alerts(changes, first_run=False)
    for draft in drafts:
        draft.details["via"] = VIA
    raised = base.notice_alerts(db, shop, run_id, notices or None, drafts, titles=None,
                                now=now, settings=settings, rules=rules)
    queries.finish_run(db, run_id, now=iso(now), status="ok", listings=len(changes),
                       changed=len(changed_hash), versions=versions)
    return raised


def watch(
    db: sqlite_utils.Database, shop: Shop, connector: Connector, tmc: TmcClient, *,
    interval: float = 60.0, rounds: int | None = None, **kw: object,
) -> list[MessagesResult]:
    """Poll every ``interval`` seconds (``rounds`` times, or until interrupted)."""
    results = []
    n = 0
    while rounds is None or n < rounds:
        results.append(watch_once(db, shop, connector, tmc, **kw))  # type: ignore[arg-type]
        n += 1
        if rounds is None or n < rounds:
            time.sleep(interval)
    return results
