"""What every query module shares."""


from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlite_utils


class NotFound(LookupError):
    pass


def _rows(db: sqlite_utils.Database, sql: str, params: Sequence[Any] | dict = ()) -> list[dict]:
    return list(db.query(sql, params))
