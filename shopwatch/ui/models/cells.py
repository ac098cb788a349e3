"""One call into Python per painted cell.

Qt 6's item views and ``QStyledItemDelegate`` ask a cell for all the roles they paint with at
once (``multiData``: display, font, alignment, colours, check state, decoration); Qt's own
``multiData`` answers by calling ``data()`` once per role, so a table of Python models paid
seven calls from C++ into Python per cell, each needing the interpreter lock. While a sync
runs Python on another thread, each of those calls could wait for the lock: a page of
listings (~500 calls) painted 50–150 ms instead of ~10. Answering the whole span in one call
paints the same pixels (test) with a seventh of the waits."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QModelRoleDataSpan, QPersistentModelIndex


class OneCallPerCell:
    """Mixin, first among the bases, for a ``QAbstractItemModel`` whose ``data()`` is
    written in Python."""

    data: Any  # the model's own

    def multiData(self, index: QModelIndex | QPersistentModelIndex,  # noqa: N802 - Qt's name
                  roleDataSpan: QModelRoleDataSpan) -> None:  # noqa: N803
        for role_data in roleDataSpan:
            role_data.setData(self.data(index, role_data.role()))
