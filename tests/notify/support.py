"""Plain helpers for notification tests: raise alerts the way a sync does, build channels
and preferences in the test time zone, read what a receiver got."""

from __future__ import annotations

import json
import socket
from datetime import datetime, timedelta, timezone

from pytest_httpserver import HTTPServer

from shopwatch.models import AlertDraft, Shop
from shopwatch.notify.prefs import ChannelConfig, NotifyPrefs, QuietHours
from shopwatch.store import queries
from shopwatch.timeutil import iso

#: UTC+8, the seller's zone in these tests; explicit so the machine's zone never matters
TZ_NAME = "+08:00"
CST = timezone(timedelta(hours=8))
#: a Tuesday, 10:00 in the seller's zone
T0 = datetime(2026, 11, 24, 10, 0, tzinfo=CST).astimezone(timezone.utc)


def posted(server: HTTPServer, path: str = "/hook") -> list[dict]:
    """The JSON bodies Apprise's json:// plugin posted to ``path``, in order."""
    return [json.loads(req.get_data(as_text=True)) for req, _ in server.log
            if req.path == path and req.method == "POST"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def mail_url(box) -> str:
    # Apprise: mailto:// is plain SMTP (no TLS); smtp= names the server, from=/to= the parties.
    return (f"mailto://127.0.0.1:{box.port}?smtp=127.0.0.1&from=shopwatch@example.com"
            f"&to=seller@example.com")


def add_shop(db, name: str = "小店") -> Shop:
    return queries.add_shop(db, name, "taobao", now=iso(T0), endpoint="http://127.0.0.1:1/x",
                            app_key="k")


def raise_alerts(db, shop: Shop, drafts: list[AlertDraft], when: datetime = T0):
    run_id = queries.start_run(db, shop.id, iso(when))
    with db.atomic():
        queries.finish_run(db, run_id, now=iso(when), status="ok", listings=1)
        return queries.insert_alerts(db, shop.id, drafts, run_id=run_id, now=iso(when))


def deleted(listing_id: str, title: str) -> AlertDraft:
    return AlertDraft("deleted", "critical", f"gone:{listing_id}", f"'{title}' was deleted",
                      listing_id=listing_id, details={"title": title, "confirmed": True})


def changed(listing_id: str, title: str) -> AlertDraft:
    return AlertDraft("changed_by_platform", "info", f"changed:{listing_id}",
                      f"'{title}': price changed", listing_id=listing_id,
                      details={"title": title, "changes": {"price": ["1", "2"]}})


def channel(cid: str, **kw) -> ChannelConfig:
    return ChannelConfig(id=cid, name=kw.pop("name", cid), display=f"json://****/{cid}", **kw)


def prefs(*channels: ChannelConfig, **kw) -> NotifyPrefs:
    kw.setdefault("timezone", TZ_NAME)
    kw.setdefault("quiet_hours", QuietHours(enabled=False))
    return NotifyPrefs(channels=list(channels), **kw)
