"""What every query module shares."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils


class NotFound(LookupError):
    pass


def _rows(db: sqlite_utils.Database, sql: str, params: Sequence[Any] | dict = ()) -> list[dict]:
    return list(db.query(sql, params))


def _chunks(ids: Sequence[int], size: int = 500) -> Iterable[Sequence[int]]:
    # SQLite caps bound parameters per statement; big batches go in slices.
    for start in range(0, len(ids), size):
        yield ids[start:start + size]
