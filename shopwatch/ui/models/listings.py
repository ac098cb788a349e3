"""The Listings table: 100,000 rows that stay smooth.

Filtering and sorting run in SQL and yield only row *keys* (a list of ints, cheap even for
100,000 listings); the columns of a row are read in blocks of ``BLOCK`` rows the first time the
view paints them, and only the most recent ``MAX_BLOCKS`` blocks are kept. So a filter costs
one query, and scrolling one small query per block. Given the database's path, the key query runs
through ``workers.run_query`` and the table swaps in the answer when it arrives (the app does
this); without it the query runs inline (simple for tests and tools)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from shopwatch.models import Listing
from shopwatch.store import queries
from shopwatch.store.db import is_open
from shopwatch.ui import fmt, labels, theme
from shopwatch.ui.models.cells import OneCallPerCell
from shopwatch.ui.models.roles import (
    BADGE_COLOR_ROLE,
    OBJECT_ROLE,
    SECOND_BADGE_ROLE,
    SORT_ROLE,
    SUBTITLE_ROLE,
)
from shopwatch.ui.workers import key_pool, run_query

if TYPE_CHECKING:
    import sqlite_utils

BLOCK = 200
#: the roles data() answers
_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, OBJECT_ROLE, BADGE_COLOR_ROLE, SUBTITLE_ROLE,
                    SECOND_BADGE_ROLE, Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole,
                    SORT_ROLE})
MAX_BLOCKS = 60  # 12,000 rows in memory at most

Index = QModelIndex | QPersistentModelIndex

# (key, SQL sort key); headers are translated in headerData
COLUMNS: tuple[tuple[str, str], ...] = (
    ("status", "status"),
    ("title", "title"),
    ("listing_id", "listing_id"),
    ("price", "price"),
    ("quantity", "quantity"),
    ("search", "search_status"),
    ("changed", "status_changed_at"),
    ("last_seen", "last_seen"),
)
COLUMN_KEYS = tuple(key for key, _ in COLUMNS)


class ListingsModel(OneCallPerCell, QAbstractTableModel):
    """Listings of one shop; ``set_filter`` and ``sort`` re-query keys, rows load lazily."""

    def __init__(self, db: sqlite_utils.Database, db_path: Path | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self.db = db
        #: given: the key query runs through ``workers.run_query`` (off the GUI thread)
        self.db_path = db_path
        self._asked = 0
        self._answered = 0
        self.shop_id: int | None = None
        self.statuses: tuple[str, ...] = ()
        self.search = ""
        self.search_status: str | None = None
        self.sort_column = COLUMN_KEYS.index("changed")
        self.sort_order = Qt.SortOrder.DescendingOrder
        self.keys: list[int] = []
        self._blocks: OrderedDict[int, list[Listing | None]] = OrderedDict()
        self.block_reads = 0  # how many block queries ran (the benchmark and tests read it)
        self._warm_queue: list[str | None] = []
        self._warm_shop: int | None = None

    @classmethod
    def for_session(cls, session: Any, parent=None) -> ListingsModel:
        """The app's table: rows from the session's GUI-thread connection (primary-key block
        reads, a few milliseconds each), key queries off the GUI thread."""
        return cls(session.db, session.db_path, parent)

    # --- querying ------------------------------------------------------------------------

    def set_filter(self, shop_id: int | None, *, statuses: Sequence[str] = (),
                   search: str = "", search_status: str | None = None) -> None:
        self.shop_id = shop_id
        self.statuses = tuple(statuses)
        self.search = search.strip()
        self.search_status = search_status
        self.reload()

    def reload(self) -> None:
        """Re-run the key query (after a sync, a filter or a sort change)."""
        if self.shop_id is None:
            self._apply_keys([])
            return
        params = {"shop_id": self.shop_id, "statuses": self.statuses or None,
                  "search": self.search, "search_status": self.search_status,
                  "order_by": COLUMNS[self.sort_column][1],
                  "descending": self.sort_order == Qt.SortOrder.DescendingOrder}
        if self.db_path is None:
            self._apply_keys(queries.listing_keys(self.db, **params))
            return
        self._asked += 1
        generation = self._asked

        def keys(db) -> list[int] | None:
            # a burst of keystrokes costs one query: a question already superseded is skipped
            return (None if generation != self._asked
                    else queries.indexed_listing_keys(db, **params))

        run_query(self.db_path, keys, lambda found: self._on_keys(generation, found),
                  lambda _exc: self._on_keys(generation, []), owner=self, pool=key_pool())

    @property
    def loading(self) -> bool:
        """True while an asked-for key list has not arrived yet."""
        return self._answered < self._asked

    def _on_keys(self, generation: int, keys: list[int] | None) -> None:
        self._answered = max(self._answered, generation)
        if generation == self._asked and keys is not None:  # older answers are out of date
            self._apply_keys(keys)
            if self.db_path is not None and self.shop_id is not None:
                # the reader reads ahead what a search looks in and each column's order, one
                # at a time while the seller asks for nothing (a sort is then ~10 ms)
                current = COLUMNS[self.sort_column][1]
                self._warm_queue = [None] + [order for _key, order in COLUMNS
                                             if order != current]
                self._warm_shop = self.shop_id
                self._warm_next()

    def _warm_next(self, _answer: object = None) -> None:
        if self.loading or not self._warm_queue or self._warm_shop != self.shop_id:
            return
        order = self._warm_queue.pop(0)
        shop_id, orders = self.shop_id, [order] if order else []
        run_query(self.db_path, lambda db: queries.warm_listing_search(db, shop_id, orders),
                  self._warm_next, self._warm_next, owner=self, pool=key_pool())

    def _apply_keys(self, keys: list[int]) -> None:
        self.beginResetModel()
        self._blocks.clear()
        self.keys = keys
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.sort_column, self.sort_order = column, order
        self.reload()

    def listing(self, row: int) -> Listing | None:
        if not 0 <= row < len(self.keys):
            return None
        block_no, offset = divmod(row, BLOCK)
        block = self._blocks.get(block_no)
        if block is None:
            block = self._load_block(block_no)
        else:
            self._blocks.move_to_end(block_no)
        return block[offset]

    def _load_block(self, block_no: int) -> list[Listing | None]:
        keys = self.keys[block_no * BLOCK:(block_no + 1) * BLOCK]
        found = queries.listings_by_keys(self.db, keys)
        block = [found.get(key) for key in keys]
        self.block_reads += 1
        self._blocks[block_no] = block
        while len(self._blocks) > MAX_BLOCKS:
            self._blocks.popitem(last=False)
        return block

    def row_of(self, listing_id: str) -> int:
        """The row showing ``listing_id`` (-1 when filtered out): a primary-key look-up and
        one scan of the key list, no row data read."""
        if self.shop_id is None:
            return -1
        if not is_open(self.db):  # a key query finished after the window closed
            return -1
        key = queries.listing_key(self.db, self.shop_id, listing_id)
        try:
            return self.keys.index(key) if key is not None else -1
        except ValueError:
            return -1

    # --- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMN_KEYS[section] in ("price",
                                                                                "quantity"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        names = {
            "status": self.tr("Status"),
            "title": self.tr("Listing"),
            "listing_id": self.tr("Listing ID"),
            "price": self.tr("Price"),
            "quantity": self.tr("Stock"),
            "search": self.tr("Search"),
            "changed": self.tr("Status since"),
            "last_seen": self.tr("Last seen"),
        }
        return names[COLUMN_KEYS[section]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # a view asks each cell for a dozen roles per paint; most are answered by nobody here
        if role not in _ROLES or not index.isValid():
            return None
        item = self.listing(index.row())
        if item is None:
            return None
        key = COLUMN_KEYS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, key)
        if role == OBJECT_ROLE:
            return item
        if role == BADGE_COLOR_ROLE:
            if key == "status":
                return labels.STATUS_COLORS.get(item.status, "neutral")
            if key == "search" and item.search_status == "suppressed":
                return labels.STATUS_COLORS["suppressed"]
            return None
        if role == SUBTITLE_ROLE and key == "title":
            return f"{item.listing_id} · {item.outer_id}" if item.outer_id else item.listing_id
        if (role == SECOND_BADGE_ROLE and key == "status"
                and item.search_status == "suppressed"):
            return (labels.search_status(item.search_status), labels.STATUS_COLORS["suppressed"])
        if role == Qt.ItemDataRole.ToolTipRole and key == "title":
            return item.title
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("price", "quantity"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and key in ("listing_id", "changed",
                                                              "last_seen"):
            return theme.qcolor("muted")
        if role == SORT_ROLE:
            return getattr(item, COLUMNS[index.column()][1], None)
        return None

    @staticmethod
    def _display(item: Listing, key: str) -> str:
        if key == "status":
            return labels.listing_status(item.status)
        if key == "title":
            return item.title
        if key == "listing_id":
            return item.listing_id
        if key == "price":
            return fmt.price_text(item.price, item.currency)
        if key == "quantity":
            return "—" if item.quantity is None else fmt.count_text(item.quantity)
        if key == "search":
            return labels.search_status(item.search_status) \
                if item.search_status == "suppressed" else ""
        if key == "changed":
            return fmt.datetime_text(item.status_changed_at)
        if key == "last_seen":
            return fmt.datetime_text(item.last_seen)
        return ""
