"""Taobao's message service (TMC) over plain HTTP polling: the punishment messages a desktop
app can read between syncs.

``taobao.tmc.user.permit`` subscribes this seller to the topics (the list replaces the previous
one), ``taobao.tmc.messages.consume`` polls (10-200 messages a call, optional ``group_name``)
and ``taobao.tmc.messages.confirm`` acknowledges by id; a message not confirmed is delivered
again, so a message is confirmed only after what it caused is committed. Messages are parsed
here, never acted on: that is ``monitor/tmc.py``'s job.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from shopwatch.connectors.base import SourceError
from shopwatch.connectors.top_client import TopClient
from shopwatch.connectors.top_records import int_or_none, text_or_none

PUNISH_DELETE = "taobao_item_ItemPunishDelete"  # deleted by platform staff
PUNISH_DOWNSHELF = "taobao_item_ItemPunishDownshelf"  # delisted by platform staff
PUNISH_CC = "taobao_item_ItemPunishCc"  # shielded ("CC'd") by platform staff
PUNISH_FORALL = "taobao_punish_Forall"  # a generic punishment message: opaque text
SELLER_DELETE = "taobao_item_ItemDelete"  # the seller's own actions: never a punishment
SELLER_DOWNSHELF = "taobao_item_ItemDownshelf"

#: what this app subscribes each shop to
TOPICS = (PUNISH_DELETE, PUNISH_DOWNSHELF, PUNISH_CC, PUNISH_FORALL, SELLER_DELETE,
          SELLER_DOWNSHELF)
ITEM_PUNISH_TOPICS = frozenset({PUNISH_DELETE, PUNISH_DOWNSHELF, PUNISH_CC})
SELLER_TOPICS = frozenset({SELLER_DELETE, SELLER_DOWNSHELF})

MIN_QUANTITY, MAX_QUANTITY = 10, 200


@dataclass(frozen=True, slots=True)
class TmcMessage:
    """One message as delivered; ``raw`` is the envelope exactly as received (JSON text)."""

    message_id: str
    topic: str
    pub_time: str | None
    user_nick: str | None
    user_id: str | None
    content: str
    raw: str

    def payload(self) -> dict[str, Any]:
        """``content`` parsed when it is a JSON object; {} otherwise (kept as text)."""
        try:
            value = json.loads(self.content)
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    @property
    def num_iid(self) -> str | None:
        return text_or_none(self.payload().get("num_iid"))


def message_from(row: dict[str, Any]) -> TmcMessage | None:
    """One envelope; None when it has no id or topic (it cannot be confirmed or routed)."""
    message_id = text_or_none(row.get("id"))
    topic = text_or_none(row.get("topic"))
    if message_id is None or topic is None:
        return None
    content = row.get("content")
    if isinstance(content, dict):  # a gateway that already parsed it
        content = json.dumps(content, ensure_ascii=False)
    return TmcMessage(
        message_id=message_id, topic=topic, pub_time=text_or_none(row.get("pub_time")),
        user_nick=text_or_none(row.get("user_nick")),
        user_id=text_or_none(int_or_none(row.get("user_id"))),
        content=text_or_none(content) or "", raw=json.dumps(row, ensure_ascii=False))


class TmcClient(TopClient):
    """TopClient's signing, retries and error mapping for the three TMC methods."""

    @classmethod
    def sharing(cls, client: TopClient, **options: Any) -> TmcClient:
        """A TMC client with the credentials and endpoint of a shop's TOP connector."""
        return cls(client.endpoint, client.app_key, client._secret, client._session,
                   sign_method=client.sign_method, **options)

    def permit(self, topics: Iterable[str] = TOPICS) -> None:
        inner = self._request("taobao.tmc.user.permit", {"topics": ",".join(topics)})
        if inner.get("is_success") in (False, "false"):
            raise SourceError("Taobao did not subscribe this shop to its messages.",
                              hint="Check that the app may use the message service.")

    def consume(self, quantity: int = MAX_QUANTITY, group_name: str | None = None
                ) -> list[TmcMessage]:
        quantity = max(MIN_QUANTITY, min(MAX_QUANTITY, quantity))
        inner = self._request("taobao.tmc.messages.consume",
                              {"quantity": quantity, "group_name": group_name})
        outer = inner.get("messages")
        rows = outer.get("tmc_message") if isinstance(outer, dict) else outer
        if isinstance(rows, dict):
            rows = [rows]
        if not isinstance(rows, list):
            return []
        return [m for m in (message_from(r) for r in rows if isinstance(r, dict)) if m]

    def confirm(self, message_ids: Iterable[str]) -> None:
        ids = list(message_ids)
        for start in range(0, len(ids), MAX_QUANTITY):
            self._request("taobao.tmc.messages.confirm",
                          {"s_message_ids": ",".join(ids[start:start + MAX_QUANTITY])})
