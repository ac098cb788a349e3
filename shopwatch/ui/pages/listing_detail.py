"""The Listings page's detail pane: one listing's facts, its traffic, its notices and its
version history ("what changed, when"), newest first."""

from __future__ import annotations

import statistics
from datetime import date, timedelta

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopwatch.models import Listing, ListingVersion
from shopwatch.store.queries import views
from shopwatch.ui import fmt, labels
from shopwatch.ui.session import Session
from shopwatch.ui.widgets.badges import BadgeLabel
from shopwatch.ui.widgets.cards import Card, button, label
from shopwatch.ui.widgets.charts import Sparkline
from shopwatch.ui.workers import run_query

TRAFFIC_DAYS = 30
MAX_VERSIONS = 40


class ListingDetail(QScrollArea):
    loaded = Signal()  # traffic, notices and history of the shown listing arrived

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.listing: Listing | None = None
        self.setWidgetResizable(True)
        self.setMinimumWidth(250)
        self.setMaximumWidth(440)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        self.setWidget(inner)
        column = QVBoxLayout(inner)
        column.setContentsMargins(12, 0, 0, 0)
        column.setSpacing(12)

        self.card = Card()
        self.title = label("", "section", wrap=True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.card.body.addWidget(self.title)
        badges = QHBoxLayout()
        badges.setSpacing(6)
        self.status_badge = BadgeLabel()
        self.search_badge = BadgeLabel()
        badges.addWidget(self.status_badge)
        badges.addWidget(self.search_badge)
        badges.addStretch(1)
        self.card.body.addLayout(badges)
        self.facts = QGridLayout()
        self.facts.setHorizontalSpacing(14)
        self.facts.setVerticalSpacing(5)
        self.card.body.addLayout(self.facts)
        self.open_button = button(self.tr("Open on Taobao"), "link", "external")
        self.open_button.clicked.connect(self._open_url)
        self.card.body.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.card)

        self.traffic = Card(self.tr("Visits, last 30 days"))
        self.spark = Sparkline()
        self.traffic.body.addWidget(self.spark)
        self.traffic_text = label("", "hint", wrap=True)
        self.traffic.body.addWidget(self.traffic_text)
        column.addWidget(self.traffic)

        self.notices = Card(self.tr("Notices"))
        self.notice_list = QVBoxLayout()
        self.notices.body.addLayout(self.notice_list)
        column.addWidget(self.notices)

        self.history = Card(self.tr("History"))
        self.history_list = QVBoxLayout()
        self.history_list.setSpacing(8)
        self.history.body.addLayout(self.history_list)
        column.addWidget(self.history)
        column.addStretch(1)
        self.show_listing(None)

    def show_listing(self, listing: Listing | None) -> None:
        self.listing = listing
        for card in (self.card, self.traffic, self.notices, self.history):
            card.setVisible(listing is not None)
        if listing is None:
            return
        self.title.setText(listing.title)
        self.status_badge.set_badge(labels.listing_status(listing.status),
                                    labels.STATUS_COLORS.get(listing.status, "neutral"))
        demoted = listing.search_status == "suppressed"
        self.search_badge.set_badge(labels.search_status(listing.search_status) if demoted else "",
                                    labels.STATUS_COLORS["suppressed"])
        self._facts(listing)
        self.open_button.setVisible(bool(listing.url))
        since = (date.today() - timedelta(days=TRAFFIC_DAYS + 5)).isoformat()
        shop_id, listing_id = listing.shop_id, listing.listing_id
        run_query(self.session.db_path,
                  lambda db: views.listing_detail(db, shop_id, listing_id, metrics_since=since),
                  lambda view: self._show_view(listing, view), owner=self)

    def _show_view(self, listing: Listing, view: views.ListingDetailView) -> None:
        if self.listing is None or self.listing.listing_id != listing.listing_id:
            return  # another listing was chosen meanwhile
        self._traffic(view.metrics[-TRAFFIC_DAYS:])
        self._notices(view.notices)
        self._history(view.versions)
        self.loaded.emit()

    # --- sections -----------------------------------------------------------------------------

    @staticmethod
    def _clear(layout) -> None:
        while layout.count():
            item = layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
            elif item.layout():
                ListingDetail._clear(item.layout())

    def _facts(self, item: Listing) -> None:
        self._clear(self.facts)
        rows = [
            (self.tr("Listing ID"), item.listing_id),
            (self.tr("Price"), fmt.price_text(item.price, item.currency)),
            (self.tr("Stock"), "—" if item.quantity is None else fmt.count_text(item.quantity)),
            (self.tr("Outer ID"), item.outer_id or "—"),
            (self.tr("Category"), item.category or "—"),
            (self.tr("First seen"), fmt.datetime_text(item.first_seen)),
            (self.tr("Last seen"), fmt.datetime_text(item.last_seen)),
            (self.tr("Status since"), fmt.datetime_text(item.status_changed_at)),
        ]
        if item.missing_since:
            rows.append((self.tr("Missing since"), fmt.datetime_text(item.missing_since)))
        for r, (name, value) in enumerate(rows):
            key = label(name, "muted")
            val = QLabel(value)
            val.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts.addWidget(key, r, 0, Qt.AlignmentFlag.AlignTop)
            self.facts.addWidget(val, r, 1)
        self.facts.setColumnStretch(1, 1)

    def _traffic(self, series) -> None:
        visits = [float(m.visits) for m in series if m.visits is not None]
        self.traffic.setVisible(len(visits) >= 2)
        if len(visits) < 2:
            return
        self.spark.set_values(visits)
        baseline = statistics.median(visits[:-2]) if len(visits) > 3 else visits[0]
        self.traffic_text.setText(
            self.tr("Latest day: %1 visits · median before: %2")
            .replace("%1", fmt.count_text(round(visits[-1])))
            .replace("%2", fmt.count_text(round(baseline))))

    def _notices(self, notices) -> None:
        self._clear(self.notice_list)
        self.notices.setVisible(bool(notices))
        for notice in notices:
            points = (self.tr(", −%1 points").replace("%1", str(notice.points))
                      if notice.points else "")
            text = (f"{labels.notice_kind(notice.kind)}{points} · "
                    f"{labels.notice_status(notice.status)}")
            line = label(text, None, wrap=True)
            line.setToolTip(notice.text)
            self.notice_list.addWidget(line)
            if notice.appeal_deadline and notice.status == "open":
                self.notice_list.addWidget(label(
                    self.tr("Appeal by %1").replace("%1", fmt.datetime_text(notice.appeal_deadline)),
                    "hint"))

    def _history(self, versions) -> None:
        self._clear(self.history_list)
        entries = []
        for previous, version in zip([None, *versions], versions, strict=False):
            entries.append((version.recorded_at, self._changes(previous, version)))
        for when, changes in reversed(entries[-MAX_VERSIONS:]):
            if not changes:
                continue
            box = QVBoxLayout()
            box.setSpacing(1)
            box.addWidget(label(fmt.datetime_text(when), "hint"))
            for change in changes:
                box.addWidget(label(change, None, wrap=True))
            self.history_list.addLayout(box)
        if not entries:
            self.history_list.addWidget(label(self.tr("No history recorded yet."), "muted"))

    def _changes(self, old: ListingVersion | None, new: ListingVersion) -> list[str]:
        if old is None:
            return [self.tr("First seen: %1, %2").replace("%1", labels.listing_status(new.status))
                    .replace("%2", fmt.price_text(new.price))]
        out = []
        if old.status != new.status:
            out.append(self.tr("Status: %1 → %2").replace("%1", labels.listing_status(old.status))
                       .replace("%2", labels.listing_status(new.status)))
        if old.search_status != new.search_status:
            out.append(self.tr("Search: %1 → %2")
                       .replace("%1", labels.search_status(old.search_status))
                       .replace("%2", labels.search_status(new.search_status)))
        if (old.price or "") != (new.price or ""):
            out.append(self.tr("Price: %1 → %2").replace("%1", fmt.price_text(old.price))
                       .replace("%2", fmt.price_text(new.price)))
        if old.title != new.title:
            out.append(self.tr("Title: “%1” → “%2”").replace("%1", old.title)
                       .replace("%2", new.title))
        if old.quantity != new.quantity:
            out.append(self.tr("Stock: %1 → %2").replace("%1", str(old.quantity or 0))
                       .replace("%2", str(new.quantity or 0)))
        return out

    def _open_url(self) -> None:
        if self.listing and self.listing.url:
            QDesktopServices.openUrl(QUrl(self.listing.url))


class ListingPane(QTabWidget):
    """The Listings page's right-hand pane: the listing's details, and its timeline (read
    when that tab is shown)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from shopwatch.ui.pages.listing_timeline import ListingTimeline

        self.details = ListingDetail(session)
        self.timeline = ListingTimeline(session)
        self.setMinimumWidth(280)
        self.setMaximumWidth(560)
        self.addTab(self.details, self.tr("Details"))
        self.addTab(self.timeline, self.tr("Timeline"))
        self.currentChanged.connect(self._tab_changed)

    @property
    def listing(self) -> Listing | None:
        return self.details.listing

    def show_listing(self, listing: Listing | None) -> None:
        self.details.show_listing(listing)
        self.timeline.show_listing(listing, load=self.currentWidget() is self.timeline)

    def _tab_changed(self, _index: int) -> None:
        if self.currentWidget() is self.timeline:
            self.timeline.load()
