"""Shops: the marketplaces a profile watches (secrets live in the keychain, not here)."""


from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from shopwatch.models import (
    Shop,
)
from shopwatch.store.queries._base import NotFound, _rows

if TYPE_CHECKING:
    import sqlite_utils


def _shop(row: dict) -> Shop:
    return Shop(
        id=row["id"], name=row["name"], platform=row["platform"], endpoint=row["endpoint"],
        app_key=row["app_key"], sign_method=row["sign_method"],
        settings=json.loads(row["settings"] or "{}"), created_at=row["created_at"],
    )


def add_shop(
    db: sqlite_utils.Database, name: str, platform: str, *, now: str,
    endpoint: str | None = None, app_key: str | None = None, sign_method: str = "md5",
    settings: dict[str, Any] | None = None,
) -> Shop:
    with db.atomic():
        cur = db.execute(
            "INSERT INTO shops (name, platform, endpoint, app_key, sign_method, settings, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [name, platform, endpoint, app_key, sign_method,
             json.dumps(settings or {}, ensure_ascii=False), now],
        )
    return get_shop_by_id(db, cur.lastrowid)


def update_shop(db: sqlite_utils.Database, shop_id: int, **changes: Any) -> Shop:
    allowed = {"name", "platform", "endpoint", "app_key", "sign_method", "settings"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"cannot update {sorted(unknown)}")
    if "settings" in changes:
        changes["settings"] = json.dumps(changes["settings"], ensure_ascii=False)
    if changes:
        assignments = ", ".join(f"{key} = ?" for key in changes)
        with db.atomic():
            db.execute(f"UPDATE shops SET {assignments} WHERE id = ?", [*changes.values(), shop_id])
    return get_shop_by_id(db, shop_id)


def delete_shop(db: sqlite_utils.Database, shop_id: int) -> None:
    with db.atomic():
        db.execute("DELETE FROM shops WHERE id = ?", [shop_id])


def get_shop_by_id(db: sqlite_utils.Database, shop_id: int) -> Shop:
    rows = _rows(db, "SELECT * FROM shops WHERE id = ?", [shop_id])
    if not rows:
        raise NotFound(f"no shop with id {shop_id}")
    return _shop(rows[0])


def get_shop(db: sqlite_utils.Database, name: str) -> Shop | None:
    rows = _rows(db, "SELECT * FROM shops WHERE name = ?", [name])
    return _shop(rows[0]) if rows else None


def list_shops(db: sqlite_utils.Database) -> list[Shop]:
    return [_shop(r) for r in _rows(db, "SELECT * FROM shops ORDER BY name")]
