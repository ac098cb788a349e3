"""The Appeals page slot: the appeal editor (``shopwatch.ui.pages.appeals.AppealsPage``,
built separately) in a frame with the same header as every other page when it is installed,
otherwise a page saying what will come there."""

from __future__ import annotations

import importlib
import importlib.util
import logging
import sys

from PySide6.QtWidgets import QVBoxLayout, QWidget

from shopwatch.ui.widgets.cards import EmptyState, PageHeader

log = logging.getLogger(__name__)


def load_appeals_page() -> type[QWidget] | None:
    """The editor's class, or None while it is not part of this build."""
    try:
        module = importlib.import_module("shopwatch.ui.pages.appeals")
    except ModuleNotFoundError as exc:
        if exc.name != "shopwatch.ui.pages.appeals":
            log.warning("the appeal editor needs a missing module: %s", exc.name)
        return None
    except Exception:  # noqa: BLE001 - a broken editor must not stop the app
        log.exception("the appeal editor could not be loaded")
        return None
    page = getattr(module, "AppealsPage", None)
    return page if isinstance(page, type) else None


def appeals_installed() -> bool:
    """Whether this build has the appeal editor, answered without importing it: the editor
    pulls in jinja2 and the drafting code (~150–300 ms of GUI thread), and other pages ask
    this to enable their "Draft appeal" buttons. The editor is imported when its page is
    first shown; if that fails, the page says so (``AppealsPlaceholder``)."""
    if "shopwatch.ui.pages.appeals" in sys.modules:
        return load_appeals_page() is not None
    try:
        return all(importlib.util.find_spec(name) is not None
                   for name in ("shopwatch.ui.pages.appeals", "jinja2"))
    except (ImportError, ValueError):
        return False


class AppealsPlaceholder(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(EmptyState(
            "appeals", self.tr("Appeal drafting is not available in this version"),
            self.tr("Here you will draft appeals from templates, filled in with the notice, the "
                    "listing and your evidence (order numbers, tracking numbers, invoices). "
                    "Until then, the Notices page shows every deadline.")))

    def refresh(self) -> None:
        """Nothing to refresh; present so the window can treat every page alike."""


class AppealsFrame(QWidget):
    """The appeal editor under the common page header; page calls are passed through."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        column = QVBoxLayout(self)
        column.setContentsMargins(28, 22, 28, 10)
        column.setSpacing(6)
        column.addWidget(PageHeader(self.tr("Appeals"), self.tr(
            "Draft an appeal from a template, add your evidence, then copy or export it.")))
        column.addWidget(editor, 1)

    shows = frozenset({"notices", "shops"})

    def refresh(self) -> None:
        refresh = getattr(self.editor, "refresh", None)
        if refresh is not None:
            refresh()

    def open_notice(self, notice_id: int) -> None:
        self.editor.open_notice(notice_id)
