"""Alerts: everything shopwatch raised, filterable by type, severity and text; acknowledge one,
several or all shown; open the listing; draft an appeal for the notice behind an alert."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from shopwatch.models import ALERT_KINDS, Alert
from shopwatch.store.queries import views
from shopwatch.ui import alert_text, fmt, labels, resources
from shopwatch.ui.models.alerts import COLUMN_KEYS, AlertFilter, AlertsModel
from shopwatch.ui.session import Session
from shopwatch.ui.widgets.badges import BadgeDelegate, BadgeLabel
from shopwatch.ui.widgets.cards import Card, PageHeader, button, label
from shopwatch.ui.widgets.tables import keep_readable, make_table, sort_by
from shopwatch.ui.workers import run_query

LIMIT = 5000  # a few months of a busy shop; older alerts stay in the database


class AlertsPage(QWidget):
    open_listing = Signal(str)
    draft_appeal = Signal(int)  # notice id
    refreshed = Signal()  # a read model arrived and is shown
    shows = frozenset({"alerts", "notices", "shops"})

    def __init__(self, session: Session, *, appeals_available: Callable[[], bool] = lambda: False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.view = views.AlertsView([], {})

        self._wanted: set[int] = set()  # alerts to select once the next read model arrives
        self.appeals_available = appeals_available
        self.model = AlertsModel(self)
        self.proxy = AlertFilter(self)
        self.proxy.setSourceModel(self.model)

        page = QVBoxLayout(self)
        page.setContentsMargins(28, 22, 28, 16)
        page.setSpacing(12)
        self.header = PageHeader(self.tr("Alerts"))
        self.ack_all = button(self.tr("Acknowledge all shown"), None, "check")
        self.ack_all.clicked.connect(self.acknowledge_shown)
        self.header.actions.addWidget(self.ack_all)
        page.addWidget(self.header)

        bar = QHBoxLayout()
        bar.setSpacing(10)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search alerts"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(resources.icon("search", "muted", size=16),
                              QLineEdit.ActionPosition.LeadingPosition)
        bar.addWidget(self.search, 2)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("All types"), None)
        for kind in ALERT_KINDS:
            self.kind.addItem(labels.alert_kind(kind), kind)
        bar.addWidget(self.kind)
        self.severity = QComboBox()
        self.severity.addItem(self.tr("All severities"), None)
        for level in ("critical", "warning", "info"):
            self.severity.addItem(labels.severity(level), level)
        bar.addWidget(self.severity)
        self.show_done = QCheckBox(self.tr("Show acknowledged"))
        bar.addWidget(self.show_done)
        bar.addStretch(1)
        page.addLayout(bar)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        self.table = make_table(self.proxy, multi=True)
        # Space acknowledges the selected alerts while the table has the focus (not while
        # typing in the search field); the view would take Space for itself otherwise
        self.table.installEventFilter(self)
        sort_by(self.table, COLUMN_KEYS.index("when"), Qt.SortOrder.DescendingOrder)
        keep_readable(self.table, COLUMN_KEYS.index("text"), 260)  # "What happened"
        for key, width in (("severity", 84), ("when", 112), ("kind", 120),
                           ("acknowledged", 104)):
            self.table.setColumnWidth(COLUMN_KEYS.index(key), width)
        self.table.setColumnHidden(COLUMN_KEYS.index("acknowledged"), True)
        self.table.setItemDelegateForColumn(COLUMN_KEYS.index("severity"),
                                            BadgeDelegate(self.table))
        split.addWidget(self.table)
        split.addWidget(self._build_detail())
        split.setStretchFactor(0, 1)
        split.setSizes([760, 330])
        page.addWidget(split, 1)

        self.search.textChanged.connect(self._apply_filter)
        self.kind.currentIndexChanged.connect(self._apply_filter)
        self.severity.currentIndexChanged.connect(self._apply_filter)
        self.show_done.toggled.connect(self._on_show_done)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

    def _build_detail(self) -> QWidget:
        self.detail = Card()
        self.detail.setMinimumWidth(300)
        self.detail.setMaximumWidth(420)
        head = QHBoxLayout()
        self.detail_badge = BadgeLabel()
        self.detail_kind = label("", "section")
        head.addWidget(self.detail_badge)
        head.addWidget(self.detail_kind, 1)
        self.detail.body.addLayout(head)
        self.detail_text = label("", None, wrap=True)
        self.detail_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.body.addWidget(self.detail_text)
        self.detail_meta = label("", "hint", wrap=True)
        self.detail.body.addWidget(self.detail_meta)
        self.detail.body.addSpacing(6)
        self.detail.body.addWidget(label(self.tr("What to do next"), "section"))
        self.detail_next = label("", "muted", wrap=True)
        self.detail.body.addWidget(self.detail_next)
        self.detail.body.addStretch(1)
        self.ack = button(self.tr("Acknowledge"), "primary", "check")
        self.ack.clicked.connect(self.acknowledge_selected)
        self.open_button = button(self.tr("Open listing"), None, "listings")
        self.open_button.clicked.connect(self._open_listing)
        self.appeal = button(self.tr("Draft appeal"), None, "appeals")
        self.appeal.clicked.connect(self._draft_appeal)
        for widget in (self.ack, self.open_button, self.appeal):
            self.detail.body.addWidget(widget)
        return self.detail

    # --- data ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Ask for the read model; ``show_view`` renders it when it arrives."""
        shop_id = self.session.shop_id
        if shop_id is None:
            self.show_view(views.AlertsView([], {}))
            return
        done = self.show_done.isChecked()
        run_query(self.session.db_path,
                  lambda db: views.alerts_page(db, shop_id, include_acknowledged=done,
                                               limit=LIMIT),
                  self.show_view, owner=self)

    def show_view(self, view: views.AlertsView) -> None:
        selected = self._wanted or {a.id for a in self.selected_alerts()}
        self._wanted = set()
        self.view = view
        alerts = view.alerts
        self.model.set_alerts(alerts)
        unread = [a for a in alerts if not a.acknowledged_at]
        important = sum(1 for a in unread if a.severity in ("critical", "warning"))
        self.header.set_subtitle(self.tr("%Ln unacknowledged", "", len(unread)) + " · "
                                 + self.tr("%n important", "", important))
        self._restore(selected)
        self._update_actions()
        self.refreshed.emit()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Space and not event.modifiers()):
            self.acknowledge_selected()
            return True
        return super().eventFilter(watched, event)

    def set_kind_filter(self, kind: str | None) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))

    def select_alert(self, alert_id: int) -> None:
        """Reveal one alert, even if filters or "show acknowledged" hid it."""
        if self.model.row_of(alert_id) < 0:
            # not loaded (acknowledged, or older than the newest LIMIT): read again with the
            # acknowledged ones shown, and select it when the answer comes
            self._wanted = {alert_id}
            if self.show_done.isChecked():
                self.refresh()
            else:
                self.show_done.setChecked(True)
        self.search.clear()
        self.kind.setCurrentIndex(0)
        self.severity.setCurrentIndex(0)
        self._restore({alert_id})

    def selected_alerts(self) -> list[Alert]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [a for a in (self.proxy.alert_at(r) for r in rows) if a is not None]

    def acknowledge_selected(self) -> int:
        return self._acknowledge([a.id for a in self.selected_alerts() if not a.acknowledged_at])

    def acknowledge_shown(self) -> int:
        ids = [a.id for a in (self.proxy.alert_at(r) for r in range(self.proxy.rowCount()))
               if a is not None and not a.acknowledged_at]
        return self._acknowledge(ids)

    def _acknowledge(self, ids: list[int]) -> int:
        # committed by the app's writes, which announce it: this page, the badge and the tray
        return self.session.writes.acknowledge_alerts(ids)

    # --- internals ----------------------------------------------------------------------------

    def _on_show_done(self, on: bool) -> None:
        self.table.setColumnHidden(COLUMN_KEYS.index("acknowledged"), not on)
        self.refresh()

    def _apply_filter(self) -> None:
        self.proxy.set_criteria(kind=self.kind.currentData(), severity=self.severity.currentData(),
                                text=self.search.text())
        self._update_actions()

    def _restore(self, alert_ids: set[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        first = None
        for row in range(self.proxy.rowCount()):
            alert = self.proxy.alert_at(row)
            if alert is not None and alert.id in alert_ids:
                index = self.proxy.index(row, 0)
                selection.select(index, QItemSelectionModel.SelectionFlag.Select
                                 | QItemSelectionModel.SelectionFlag.Rows)
                first = first or index
        if first is None and self.proxy.rowCount():
            first = self.proxy.index(0, 0)
            selection.select(first, QItemSelectionModel.SelectionFlag.Select
                             | QItemSelectionModel.SelectionFlag.Rows)
        if first is not None:
            selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(first)
        self._on_selection()

    def _on_selection(self, *_args) -> None:
        alerts = self.selected_alerts()
        alert = alerts[0] if len(alerts) == 1 else None
        for widget in (self.detail_text, self.detail_meta, self.detail_next):
            widget.setVisible(alert is not None)
        if alert is None:
            self.detail_badge.set_badge("", "neutral")
            self.detail_kind.setText(self.tr("%n alert(s) selected", "", len(alerts))
                                     if alerts else self.tr("No alert selected"))
        else:
            self.detail_badge.set_badge(labels.severity(alert.severity),
                                        labels.SEVERITY_COLORS.get(alert.severity, "neutral"))
            self.detail_kind.setText(labels.alert_kind(alert.kind))
            self.detail_text.setText(alert_text.alert_text(alert))
            meta = [self.tr("Raised %1").replace("%1", fmt.datetime_text(alert.created_at))]
            if alert.listing_id:
                meta.append(self.tr("Listing %1").replace("%1", alert.listing_id))
            if alert.acknowledged_at:
                meta.append(self.tr("Acknowledged %1").replace(
                    "%1", fmt.datetime_text(alert.acknowledged_at)))
            self.detail_meta.setText(" · ".join(meta))
            self.detail_next.setText(alert_text.next_step(alert.kind))
        self._update_actions()

    def notice_for(self, alert: Alert) -> int | None:
        """The notice an appeal would answer: the alert's own, else the newest open notice on
        the same listing (a deletion alert comes before its notice is linked)."""
        if alert.notice_id:
            return alert.notice_id
        if alert.listing_id:
            return self.view.notice_by_listing.get(alert.listing_id)
        return None

    def _update_actions(self) -> None:
        alerts = self.selected_alerts()
        unread = [a for a in alerts if not a.acknowledged_at]
        self.ack.setEnabled(bool(unread))
        self.ack.setText(self.tr("Acknowledge %n alert(s)", "", len(unread)) if len(unread) > 1
                         else self.tr("Acknowledge"))
        shown_unread = any(not a.acknowledged_at for a in self.model.alerts)
        self.ack_all.setEnabled(self.proxy.rowCount() > 0 and shown_unread)
        single = alerts[0] if len(alerts) == 1 else None
        self.open_button.setEnabled(bool(single and single.listing_id))
        notice = self.notice_for(single) if single else None
        if not self.appeals_available():
            self.appeal.setEnabled(False)
            self.appeal.setToolTip(self.tr("The appeal editor is not part of this version yet."))
        elif notice is None:
            self.appeal.setEnabled(False)
            self.appeal.setToolTip(self.tr("There is no penalty notice to appeal for this alert."))
        else:
            self.appeal.setEnabled(True)
            self.appeal.setToolTip(self.tr("Draft an appeal against the notice"))

    def _open_listing(self) -> None:
        alerts = self.selected_alerts()
        if len(alerts) == 1 and alerts[0].listing_id:
            self.open_listing.emit(alerts[0].listing_id)

    def _draft_appeal(self) -> None:
        alerts = self.selected_alerts()
        notice = self.notice_for(alerts[0]) if len(alerts) == 1 else None
        if notice is not None:
            self.draft_appeal.emit(notice)
