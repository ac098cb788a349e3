"""Baselines written into the benchmark, against the same demo gateway in the same run:

- ``reference_full_fetch``: a minimal reference-style client — every list with full fields,
  page by page, plain ``requests`` + ``json``, four columns stored with one ``executemany``,
  no history, no hashes, no detection. Such a client pays the same for every sync.
- ``same_work_minimum``: the very requests shopwatch's first sync sent, replayed with plain
  ``requests`` + ``json``, then one tuple and one hash per item and raw ``executemany`` into the
  same two tables a first sync fills (listings and their first versions) — the minimum as issue
  15 defined it, before the evidence ledger (issue 18) existed.
- ``with_ledger=True``: the same, plus what the evidence ledger must write for a first sync, in
  the layout it has now (migration 0012_ledger_packs): each item's raw record as canonical JSON
  and its SHA-256 (kept as 32 bytes), the records packed 128 to a zlib stream in listing order
  with ``store/ledger_pack.pack`` (the order verify reads them in), one row per record naming
  its pack, and the run's entries (listing -> record hash, status) — the first sync's whole job
  done the minimal way, on one thread.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import requests

from benchmarks.gateway import Gateway, Request
from shopwatch.store.ledger_pack import PACK_RECORDS, pack

LISTS = (("taobao.items.onsale.get", None, "active"),
         ("taobao.items.inventory.get", "regular_shelved", "seller_off_shelf"),
         ("taobao.items.inventory.get", "never_on_shelf", "seller_off_shelf"),
         ("taobao.items.inventory.get", "off_shelf", "seller_off_shelf"),
         ("taobao.items.inventory.get", "sold_out", "sold_out"),
         ("taobao.items.inventory.get", "violation_off_shelf", "violation_off_shelf"))
FIELDS = "num_iid,title,nick,price,num,approve_status,cid,pic_url,outer_id,modified"
_GMT8 = timezone(timedelta(hours=8))


def _signed(gateway: Gateway, method: str, business: dict[str, Any]) -> dict[str, str]:
    params = {"method": method, "app_key": gateway.app_key, "session": gateway.session,
              "timestamp": datetime.now(_GMT8).strftime("%Y-%m-%d %H:%M:%S"), "v": "2.0",
              "format": "json", "sign_method": "md5",
              **{k: str(v) for k, v in business.items()}}
    text = "".join(f"{k}{v}" for k, v in sorted(params.items()) if v != "")
    params["sign"] = hashlib.md5(
        (gateway.app_secret + text + gateway.app_secret).encode()).hexdigest().upper()
    return params


def reference_full_fetch(gateway: Gateway, db_path: Path) -> int:
    """Fetch every list in full and store (id, title, price, status). Returns items stored."""
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE IF NOT EXISTS items (num_iid TEXT PRIMARY KEY, title TEXT,"
                 " price TEXT, status TEXT)")
    rows: list[tuple] = []
    with requests.Session() as http:
        for method, banner, status in LISTS:
            page, total = 1, None
            while total is None or (page - 1) * 200 < total:
                business: dict[str, Any] = {"fields": FIELDS, "page_no": page, "page_size": 200}
                if banner:
                    business["banner"] = banner
                answer = http.post(gateway.endpoint, data=_signed(gateway, method, business),
                                   timeout=60).json()
                inner = answer[method.removeprefix("taobao.").replace(".", "_") + "_response"]
                total = int(inner["total_results"])
                for it in (inner.get("items") or {}).get("item", []):
                    rows.append((str(it["num_iid"]), it.get("title"), it.get("price"), status))
                page += 1
    with conn:
        conn.executemany("INSERT OR REPLACE INTO items VALUES (?, ?, ?, ?)", rows)
    conn.close()
    return len(rows)


def same_work_minimum(gateway: Gateway, sent: list[Request], db_path: Path, *,
                      with_ledger: bool = False) -> int:
    """Replay ``sent``; one tuple and hash per item; raw executemany into a fresh shopwatch
    schema (listings + listing_versions; ``with_ledger``: the ledger's records and entries
    too). ``db_path`` must hold one shop (id 1) and one run (id 1). Returns items written."""
    now = "2026-11-01T00:00:00+00:00"
    listing_rows: list[tuple] = []
    version_rows: list[tuple] = []
    ledger_rows: list[tuple] = []
    entry_rows: list[tuple] = []
    with requests.Session() as http:
        for req in sent:
            body = http.post(
                gateway.endpoint, params=req.params, data=req.data, timeout=60,
                headers={"Content-Type": "application/x-www-form-urlencoded;charset=utf-8"}
            ).content
            payload = json.loads(body)
            inner = next(iter(payload.values()))
            via = req.params.get("method", "")
            if with_ledger and "banner=" in str(req.data):
                via += " banner=" + parse_qs(str(req.data))["banner"][0]
            for it in (inner.get("items") or {}).get("item", []):
                lid = str(it["num_iid"])
                if with_ledger:
                    text = json.dumps({"raw": it, "via": via}, sort_keys=True,
                                      separators=(",", ":"), ensure_ascii=True).encode("ascii")
                    record = hashlib.sha256(text).digest()
                    ledger_rows.append((lid, record, text))
                    entry_rows.append((1, lid, record, "active"))
                url = f"https://item.taobao.com/item.htm?id={lid}"
                row = (it.get("title") or "", it.get("price"), "CNY", it.get("num"), url,
                       it.get("cid"), it.get("pic_url"), it.get("outer_id"), "active", "normal")
                digest = hashlib.blake2b("\x1f".join(map(str, row)).encode(),
                                         digest_size=12).hexdigest()
                listing_rows.append((1, lid, *row, now, now, now, digest, it.get("modified"), 1))
                version_rows.append((1, lid, row[0], row[1], row[3], "active", "normal", row[5],
                                     url, digest, 1, now))
    conn = sqlite3.connect(db_path)
    columns = {r[1] for r in conn.execute("PRAGMA table_info(listings)")}
    if "source_modified" not in columns:  # a schema from before two-pass sync
        listing_rows = [r[:-2] + r[-1:] for r in listing_rows]
    cols = ("shop_id, listing_id, title, price, currency, quantity, url, category, pic_url,"
            " outer_id, status, search_status, first_seen, last_seen, status_changed_at,"
            " content_hash" + (", source_modified" if "source_modified" in columns else "")
            + ", last_run_id")
    with conn:
        conn.executemany(
            f"INSERT INTO listings ({cols}) VALUES ({', '.join('?' * len(listing_rows[0]))})",
            listing_rows)
        conn.executemany(
            "INSERT INTO listing_versions (shop_id, listing_id, title, price, quantity, status,"
            " search_status, category, url, content_hash, valid_from_run, recorded_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", version_rows)
        if with_ledger:
            ledger_rows.sort()
            for pack_id, start in enumerate(range(0, len(ledger_rows), PACK_RECORDS), start=1):
                part = ledger_rows[start:start + PACK_RECORDS]
                conn.execute("INSERT INTO ledger_packs (id, body) VALUES (?, ?)",
                             [pack_id, pack([text for _, _, text in part])])
                conn.executemany("INSERT OR IGNORE INTO ledger_records (hash, pack, part)"
                                 " VALUES (?, ?, ?)",
                                 [(record, pack_id, i) for i, (_, record, _) in enumerate(part)])
            conn.execute("INSERT INTO ledger_runs (run_id, shop_id, recorded_at, seen,"
                         " prev_hash, run_hash) VALUES (1, 1, ?, ?, NULL, ?)",
                         [now, len(entry_rows), hashlib.sha256(b"run").hexdigest()])
            conn.executemany("INSERT INTO ledger_entries (run_id, listing_id, record_hash,"
                             " status) VALUES (?, ?, ?, ?)", entry_rows)
    conn.close()
    return len(listing_rows)
