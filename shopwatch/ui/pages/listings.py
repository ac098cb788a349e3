"""Listings: every listing of the shop with its status, searchable and filterable, and a
detail pane with the listing's history (what changed, when), traffic and notices."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from shopwatch.store.queries import views
from shopwatch.ui import resources
from shopwatch.ui.models.listings import COLUMN_KEYS, ListingsModel
from shopwatch.ui.models.roles import OBJECT_ROLE
from shopwatch.ui.pages.listing_detail import ListingPane
from shopwatch.ui.session import Session
from shopwatch.ui.widgets.badges import BadgeDelegate
from shopwatch.ui.widgets.cards import EmptyState, PageHeader, button, label
from shopwatch.ui.widgets.tables import TwoLineDelegate, keep_readable, make_table, sort_by
from shopwatch.ui.workers import run_query

#: filter key -> (statuses, search status)
FILTERS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "all": ((), None),
    "active": (("active",), None),
    "off_shelf": (("seller_off_shelf", "sold_out"), None),
    "violation": (("violation_off_shelf",), None),
    "gone": (("deleted", "missing"), None),
    "demoted": ((), "suppressed"),
}
#: a pause in typing this long applies the search (a keystroke costs ~10 ms of a pool
#: thread's time, and an answer already superseded is dropped)
DEBOUNCE_MS = 80
ROW_HEIGHT = 48
TITLE_MIN = 200  # px: below this a title says nothing; the table scrolls sideways instead
#: the ID sits under the title, "demoted" beside the status, last seen in the detail pane
HIDDEN_COLUMNS = ("listing_id", "search", "last_seen")


class ListingsPage(QWidget):
    # the seller wants to import an export file into the current shop
    import_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = ListingsModel.for_session(session, self)
        self._total = 0
        self._pending_listing: str | None = None

        page = QVBoxLayout(self)
        page.setContentsMargins(28, 22, 28, 16)
        page.setSpacing(12)
        self.header = PageHeader(self.tr("Listings"))
        self.import_button = button(self.tr("Import file…"), None, "listings")
        self.import_button.setToolTip(self.tr(
            "Import a listings export, traffic report or violation records from the seller "
            "centre (CSV or Excel)."))
        self.import_button.clicked.connect(self.import_requested.emit)
        self.header.actions.addWidget(self.import_button)
        page.addWidget(self.header)

        bar = QHBoxLayout()
        bar.setSpacing(10)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by title, listing ID or outer ID"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(resources.icon("search", "muted", size=16),
                              QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(320)
        bar.addWidget(self.search, 2)
        self.status = QComboBox()
        for key, text in (("all", self.tr("All statuses")), ("active", self.tr("On sale")),
                          ("off_shelf", self.tr("Off shelf or sold out")),
                          ("violation", self.tr("Violation delisted")),
                          ("gone", self.tr("Deleted or missing")),
                          ("demoted", self.tr("Demoted in search"))):
            self.status.addItem(text, key)
        bar.addWidget(self.status)
        bar.addStretch(1)
        self.count = label("", "muted")
        bar.addWidget(self.count)
        page.addLayout(bar)

        self.body = QStackedWidget()
        page.addWidget(self.body, 1)
        self.empty = EmptyState("listings", self.tr("No listings yet"),
                                self.tr("Listings appear here after the first sync."))
        self.body.addWidget(self.empty)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        self.table = make_table(self.model, row_height=ROW_HEIGHT)
        sort_by(self.table, self.model.sort_column, self.model.sort_order)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(56)
        for key, width in (("status", 132), ("listing_id", 120), ("price", 92),
                           ("quantity", 64), ("search", 92), ("changed", 120),
                           ("last_seen", 120)):
            self.table.setColumnWidth(COLUMN_KEYS.index(key), width)
        for key in HIDDEN_COLUMNS:  # shown inside other cells; still sortable by the model
            self.table.setColumnHidden(COLUMN_KEYS.index(key), True)
        self.table.setItemDelegateForColumn(COLUMN_KEYS.index("status"),
                                            BadgeDelegate(self.table))
        self.table.setItemDelegateForColumn(COLUMN_KEYS.index("title"),
                                            TwoLineDelegate(self.table))
        split.addWidget(self.table)
        self.detail = ListingPane(session)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        split.setSizes([780, 260])
        # the title takes the room left, but never less than TITLE_MIN: a narrow window
        # scrolls sideways to Price and Stock instead of squeezing titles to nothing
        keep_readable(self.table, COLUMN_KEYS.index("title"), TITLE_MIN)
        self.body.addWidget(split)
        # a filter that matches nothing says so, with the way back (not a blank table)
        self.no_match = EmptyState("search", self.tr("No listing matches"), "")
        self.no_match.add_button(button(self.tr("Show all listings"), "primary")).clicked \
            .connect(self.clear_filters)
        self.body.addWidget(self.no_match)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self.apply_filter)
        self.status.currentIndexChanged.connect(self.apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.model.modelReset.connect(self._after_reset)

    # --- public -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read after a sync, keeping the listing the seller was looking at."""
        shop_id = self.session.shop_id
        self.import_button.setVisible(shop_id is not None)
        self._total = 0
        if shop_id is not None:
            run_query(self.session.db_path, lambda db: views.listing_total(db, shop_id),
                      self._set_total, owner=self)
        self.apply_filter()

    def _set_total(self, total: int) -> None:
        self._total = total
        self._after_reset()

    def set_status_filter(self, key: str) -> None:
        index = self.status.findData(key)
        if index >= 0 and index != self.status.currentIndex():
            self.status.setCurrentIndex(index)  # its currentIndexChanged runs apply_filter
            return
        self.apply_filter()

    def open_listing(self, listing_id: str) -> None:
        """Show one listing: clear filters that would hide it, select and reveal it."""
        self._pending_listing = listing_id
        self.search.blockSignals(True)
        self.search.setText(listing_id)
        self.search.blockSignals(False)
        self.status.blockSignals(True)
        self.status.setCurrentIndex(0)
        self.status.blockSignals(False)
        self.apply_filter()

    def apply_filter(self) -> None:
        self._debounce.stop()
        statuses, search_status = FILTERS.get(self.status.currentData() or "all", FILTERS["all"])
        current = self.detail.listing.listing_id if self.detail.listing else None
        self._pending_listing = self._pending_listing or current
        self.model.set_filter(self.session.shop_id, statuses=statuses,
                              search=self.search.text(), search_status=search_status)

    # --- internals ----------------------------------------------------------------------------

    def clear_filters(self) -> None:
        self.search.clear()
        self.set_status_filter("all")

    def _after_reset(self) -> None:
        shop = self.session.shop
        shown = self.model.rowCount()
        filtered = bool(self.search.text().strip()) or self.status.currentData() != "all"
        if shop is None:
            self.body.setCurrentIndex(0)
        elif shown == 0 and filtered and not self.model.loading and self._total:
            query = self.search.text().strip()
            self.no_match.text.setText(
                self.tr("Nothing matches “%1” here. Check the spelling, search by listing ID, "
                        "or show all listings.").replace("%1", query) if query else
                self.tr("No listing has this status right now."))
            self.body.setCurrentIndex(2)
        else:
            self.body.setCurrentIndex(1)
        if shop is not None:
            self.header.set_subtitle(self.tr("%Ln listing(s) in the shop", "", self._total))
            self.count.setText(self.tr("%Ln shown", "", shown))
        else:
            self.header.set_subtitle("")
            self.count.setText("")
        wanted, self._pending_listing = self._pending_listing, None
        row = self.model.row_of(wanted) if wanted else -1
        if row < 0 and shown:
            row = 0
        if row >= 0:
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        else:
            self.detail.show_listing(None)

    def _on_current(self, current, _previous) -> None:
        self.detail.show_listing(current.data(OBJECT_ROLE) if current.isValid() else None)
