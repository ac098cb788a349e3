"""A small profile with enough listings to span many pages, and a way to damage one of its
listings pages the way a failing disk does (shared by the start-up damage tests)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from shopwatch.store import queries
from shopwatch.store.db import open_db

PAGE = 4096


def make_profile_db(path: Path, listings: int = 300) -> Path:
    """``path`` (a profile's database file) with one file-fed shop and ``listings`` listings
    (about 0.8 KB each)."""
    db = open_db(path)
    shop = queries.add_shop(db, "mine", "file", now="2026-11-01T00:00:00+00:00")
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO listings (shop_id, listing_id, title, status, first_seen, content_hash)"
            " VALUES (?, ?, ?, 'active', '2026-11-01', ?)",
            [(shop.id, str(700000 + i), f"羊毛大衣 {i} " + "y" * 200, f"h{i}")
             for i in range(listings)])
    db.close()
    return path


def damage_listings(path: Path) -> None:
    """Overwrite the last leaf page of the listings table with garbage."""
    conn = sqlite3.connect(path)
    [(page,)] = conn.execute("SELECT max(pageno) FROM dbstat WHERE name = 'listings'"
                             " AND pagetype = 'leaf'").fetchall()
    conn.close()
    with open(path, "r+b") as f:
        f.seek((page - 1) * PAGE)
        f.write(b"\xa5" * PAGE)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
