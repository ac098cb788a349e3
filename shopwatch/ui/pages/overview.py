"""Overview: the shop's health at a glance. Listing counts by status, penalty points against
the next threshold, appeal deadlines coming up, the newest important alerts and a two-week
chart of active listings and alerts per day."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from shopwatch.monitor import detect, health
from shopwatch.store.queries import views
from shopwatch.timeutil import parse_iso
from shopwatch.ui import alert_text, fmt, labels, theme
from shopwatch.ui.session import Session
from shopwatch.ui.widgets.cards import (
    Card,
    Dot,
    ElidedLabel,
    EmptyState,
    MetricCard,
    PageHeader,
    button,
    label,
)
from shopwatch.ui.widgets.charts import DailyChart, DayPoint, PointsGauge
from shopwatch.ui.workers import run_query

CHART_DAYS = 14


class _Row(QWidget):
    """A clickable line in a card list (an alert, a deadline)."""

    clicked = Signal()

    def __init__(self, color: str, text: str, meta: str, meta_color: str = "muted") -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 3, 0, 3)
        row.setSpacing(8)
        row.addWidget(Dot(color, 8))
        row.addWidget(ElidedLabel(text), 1)
        right = label(meta, "hint")
        theme.set_tone(right, meta_color)
        row.addWidget(right)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()


class OverviewPage(QWidget):
    open_listings = Signal(str)  # a status filter key for the Listings page
    open_alert = Signal(int)
    open_alerts = Signal()
    open_notices = Signal()
    try_demo = Signal()
    connect_shop = Signal()
    add_file_shop = Signal()  # a shop without an API key, fed by export files
    refreshed = Signal()  # a read model arrived and is shown
    #: the data this page shows (``Session.data_changed``)
    shows = frozenset({"alerts", "notices", "shops", "ledger"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.view: views.OverviewView | None = None
        self.stack = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        empty = EmptyState("shop", self.tr("No shop to watch yet"), self.tr(
            "Try the demo shop to see how shopwatch reports deletions, violation delistings, "
            "demotions and penalties, or connect your own Taobao shop."))
        empty.add_button(button(self.tr("Try the demo shop"), "primary", "demo")).clicked.connect(
            self.try_demo.emit)
        empty.add_button(button(self.tr("Connect my Taobao shop"), None, "plug")).clicked.connect(
            self.connect_shop.emit)
        empty.add_button(button(self.tr("Import an export file"), None, "listings")) \
            .clicked.connect(self.add_file_shop.emit)
        self.stack.addWidget(empty)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        content = QWidget()
        scroll.setWidget(content)
        self.stack.addWidget(scroll)
        page = QVBoxLayout(content)
        page.setContentsMargins(28, 20, 28, 18)
        page.setSpacing(14)
        self.header = PageHeader(self.tr("Overview"))
        page.addWidget(self.header)
        # "is my shop in trouble?" answered in one line, with the few things to do now
        self.verdict_card = Card("")
        verdict_row = QHBoxLayout()
        self.verdict_dot = Dot("muted", 12)
        verdict_row.addWidget(self.verdict_dot)
        self.verdict = label("", "section")
        verdict_row.addWidget(self.verdict, 1)
        self.verdict_card.body.addLayout(verdict_row)
        self.todo = label("", None, wrap=True)
        self.verdict_card.body.addWidget(self.todo)
        # the weekly check of the evidence ledger: when it ran, and whether every link held
        # an Amazon shop: the account's health as the latest complete sync read it
        self.account_line = label("", None, wrap=True)
        self.verdict_card.body.addWidget(self.account_line)
        self.ledger_line = label("", "hint", wrap=True)
        self.verdict_card.body.addWidget(self.ledger_line)
        page.addWidget(self.verdict_card)

        metrics = QHBoxLayout()
        metrics.setSpacing(12)
        self.cards: dict[str, MetricCard] = {}
        for key, title, color in (
            ("active", self.tr("On sale"), labels.STATUS_COLORS["active"]),
            ("off_shelf", self.tr("Off shelf"), labels.STATUS_COLORS["seller_off_shelf"]),
            ("violation", self.tr("Violation delisted"), labels.STATUS_COLORS["violation_off_shelf"]),
            ("gone", self.tr("Deleted"), labels.STATUS_COLORS["deleted"]),
            ("demoted", self.tr("Demoted"), labels.STATUS_COLORS["suppressed"]),
        ):
            card = MetricCard(title, color)
            card.clicked.connect(lambda k=key: self.open_listings.emit(k))
            self.cards[key] = card
            metrics.addWidget(card)
        page.addLayout(metrics)

        grid = self._grid = QGridLayout()
        grid.setSpacing(14)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        self.points_card = Card(self.tr("Penalty points"))
        self.gauges: dict[str, tuple] = {}
        for ledger in ("general", "serious"):
            head = QHBoxLayout()
            name = label(labels.ledger(ledger), "section")
            value = label("", "muted")
            head.addWidget(name)
            head.addStretch(1)
            head.addWidget(value)
            gauge = PointsGauge()
            hint = ElidedLabel()  # one line; the whole consequence is in its tooltip
            hint.setProperty("role", "hint")
            if self.gauges:
                self.points_card.body.addSpacing(6)
            self.points_card.body.addLayout(head)
            self.points_card.body.addWidget(gauge)
            self.points_card.body.addWidget(hint)
            self.gauges[ledger] = (value, gauge, hint)
        self.points_card.body.addStretch(1)
        grid.addWidget(self.points_card, 0, 0)

        self.deadlines_card = Card(self.tr("Appeal deadlines"))
        self.deadline_rows = QVBoxLayout()
        self.deadline_rows.setSpacing(2)
        self.deadlines_card.body.addLayout(self.deadline_rows)
        self.deadlines_card.body.addStretch(1)
        more = button(self.tr("Open notices and points"), "link")
        more.clicked.connect(self.open_notices.emit)
        self.deadlines_card.body.addWidget(more, 0, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.deadlines_card, 0, 1)

        self.chart_card = Card(self.tr("Last two weeks"))
        self.chart = DailyChart()
        self.chart_card.body.addWidget(self.chart)
        grid.addWidget(self.chart_card, 1, 0)

        self.alerts_card = Card(self.tr("Newest alerts"))
        self.alert_rows = QVBoxLayout()
        self.alert_rows.setSpacing(2)
        self.alerts_card.body.addLayout(self.alert_rows)
        self.alerts_card.body.addStretch(1)
        all_alerts = button(self.tr("See all alerts"), "link")
        all_alerts.clicked.connect(self.open_alerts.emit)
        self.alerts_card.body.addWidget(all_alerts, 0, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.alerts_card, 1, 1)
        page.addLayout(grid, 1)

    # --- data ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Ask for the read model; ``show_view`` renders it when it arrives."""
        shop = self.session.shop
        self.stack.setCurrentIndex(0 if shop is None else 1)
        if shop is None:
            return
        now = datetime.now(timezone.utc)
        since = (date.today() - timedelta(days=CHART_DAYS - 1)).isoformat()
        shop_id = shop.id
        run_query(self.session.db_path,
                  lambda db: views.overview(db, shop_id, now=now, since=since),
                  lambda view: self.show_view(view, now, since), owner=self)

    def show_view(self, view: views.OverviewView, now: datetime, since: str) -> None:
        shop = self.session.shop
        if shop is None:
            return
        counts = view.counts
        parts = [labels.shop_name(shop.name, shop.platform),
                 self.tr("%Ln listing(s) tracked", "", view.total)]
        if view.last_finished_at is not None:
            parts.append(self.tr("last sync %1").replace(
                "%1", fmt.datetime_text(view.last_finished_at)))
        self.header.set_subtitle(" · ".join(parts))
        active_days = view.active_days
        days = sorted(active_days)
        delta = (active_days[days[-1]] - active_days[days[-2]]) if len(days) > 1 else 0
        delta_text = (self.tr("%1 since the previous day").replace(
            "%1", f"{'+' if delta > 0 else '−' if delta < 0 else '±'}{fmt.count_text(abs(delta))}"))
        self.cards["active"].set_value(fmt.count_text(counts.get("active", 0)), delta_text)
        self.cards["off_shelf"].set_value(
            fmt.count_text(counts.get("seller_off_shelf", 0) + counts.get("sold_out", 0)),
            self.tr("In warehouse or sold out"))
        self.cards["violation"].set_value(fmt.count_text(counts.get("violation_off_shelf", 0)),
                                          self.tr("Taken down by the platform"))
        self.cards["gone"].set_value(
            fmt.count_text(counts.get("deleted", 0) + counts.get("missing", 0)),
            self.tr("Removed from the shop"))
        self.cards["demoted"].set_value(fmt.count_text(view.demoted),
                                        self.tr("Search traffic collapsed"))
        self._refresh_verdict(view, now)
        self._refresh_ledger(view)
        self._refresh_account(shop)
        # Taobao's points ledgers mean nothing for Amazon, whose account health line says it;
        # the deadlines take the row instead
        amazon = shop.platform == "amazon"
        if self.points_card.isHidden() != amazon:
            self.points_card.setVisible(not amazon)
            self._grid.removeWidget(self.deadlines_card)
            self._grid.addWidget(self.deadlines_card, 0, 0 if amazon else 1, 1, 2 if amazon else 1)
        self._refresh_points(view.notices, now)
        self._refresh_deadlines(view.deadlines, now)
        self._refresh_alerts(view.alerts)
        self._refresh_chart(active_days, view.alerts_per_day)
        self.view = view
        self.refreshed.emit()

    def _refresh_verdict(self, view: views.OverviewView, now: datetime) -> None:
        rules = self.session.rules
        totals = detect.ledger_totals(view.notices, rules=rules, now=now)
        v = health.verdict(view.notices, view.counts, view.demoted, totals, rules.thresholds,
                           now=now)
        text, color = {
            health.OK: (self.tr("Your shop is OK: nothing needs you now."), "ok"),
            health.ATTENTION: (self.tr("Your shop needs attention."), "warning"),
            health.AT_RISK: (self.tr("Your shop is at risk: act today."), "critical"),
        }[v.level]
        self.verdict.setText(text)
        theme.set_tone(self.verdict, color)
        self.verdict_dot.set_color(color)
        todo = []
        if v.appeals_urgent:
            todo.append(self.tr("Appeal %n notice(s) due within 24 hours.", "", v.appeals_urgent))
        elif v.appeals_open:
            todo.append(self.tr("%n appeal(s) can still be made.", "", v.appeals_open))
        for ledger, threshold in v.penalties_in_force:
            todo.append(self.tr("%1: %2-point node penalty in force.").replace(
                "%1", labels.ledger(ledger)).replace("%2", str(threshold)))
        if v.overdue:
            todo.append(self.tr("%n appeal deadline(s) passed without an appeal.", "",
                                v.overdue))
        if v.listings_to_check:
            todo.append(self.tr("Check %n listing(s) taken down, deleted or demoted.", "",
                                v.listings_to_check))
        self.todo.setText("\n".join(f"• {line}" for line in todo))
        self.todo.setVisible(bool(todo))
        self.verdict_level = v.level

    def _refresh_account(self, shop) -> None:
        from shopwatch.connectors.amazon_account import account_status

        known = account_status(shop) if shop.platform == "amazon" else None
        self.account_line.setVisible(shop.platform == "amazon")
        if shop.platform != "amazon":
            return
        if known is None:
            self.account_line.setText(self.tr("Amazon account health: not read yet (it comes "
                                              "with the first complete sync)."))
            theme.set_tone(self.account_line, None)
            return
        status, at = known
        words, tone = {
            "NORMAL": (self.tr("Normal"), "ok"),
            "AT_RISK": (self.tr("At risk: act on the policy notices before Amazon "
                                "deactivates the account"), "critical"),
            "DEACTIVATED": (self.tr("Deactivated: submit a Plan of Action to appeal"),
                            "severe"),
        }.get(status, (status, "warning"))
        self.account_line.setText(self.tr("Amazon account health: %1 (report of %2)")
                                  .replace("%1", words)
                                  .replace("%2", fmt.datetime_text(at)))
        theme.set_tone(self.account_line, tone, strong=True)

    def _refresh_ledger(self, view: views.OverviewView) -> None:
        check = view.ledger_check
        self.ledger_line.setVisible(view.has_ledger)
        self.ledger_line.setToolTip("")
        if not view.has_ledger:
            return
        if check is None:
            self.ledger_line.setText(self.tr("Evidence record: not checked yet; the first "
                                             "check runs a minute after start-up."))
            theme.set_tone(self.ledger_line, None)
        elif check["intact"]:
            self.ledger_line.setText(
                self.tr("Evidence record intact: %1 syncs chained, checked %2.")
                .replace("%1", fmt.count_text(check["runs"]))
                .replace("%2", fmt.relative_text(check["checked_at"])))
            theme.set_tone(self.ledger_line, None)
        else:
            self.ledger_line.setText(
                self.tr("Evidence record broken at sync %1 (checked %2): it was changed after "
                        "it was recorded. Run 'shopwatch verify' for the details; your "
                        "backups hold earlier copies.")
                .replace("%1", str(check["broken_run"]))
                .replace("%2", fmt.relative_text(check["checked_at"])))
            self.ledger_line.setToolTip(check["message"] or "")
            theme.set_tone(self.ledger_line, "critical")

    def _refresh_points(self, notices, now: datetime) -> None:
        rules = self.session.rules
        totals = detect.ledger_totals(notices, rules=rules, now=now)
        warn = self.session.settings.detection.points_warn_within
        for ledger, (value, gauge, hint) in self.gauges.items():
            thresholds = rules.thresholds.get(ledger, (12, 24, 36, 48))
            total = totals.get(ledger, 0)
            nxt = next((t for t in thresholds if t > total), None)
            gauge.set_points(total, thresholds, warn)
            if nxt is None:
                value.setText(self.tr("%1 points").replace("%1", str(total)))
                hint.setText(self.tr("Every threshold reached."))
                continue
            value.setText(self.tr("%1 of %2 points").replace("%1", str(total))
                          .replace("%2", str(nxt)))
            consequence = labels.consequence(rules.consequences.get(nxt, ""))
            hint.setText(self.tr("%n more point(s) reach %1: ", "", nxt - total)
                         .replace("%1", str(nxt)) + consequence)

    def _clear(self, layout: QVBoxLayout) -> None:
        while layout.count():
            item = layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()

    def _refresh_deadlines(self, deadlines: list[views.DeadlineRow], now: datetime) -> None:
        self._clear(self.deadline_rows)
        if not deadlines:
            self.deadline_rows.addWidget(label(self.tr("No open appeal deadlines."), "muted"))
            return
        for line in deadlines:
            notice = line.notice
            hours = (parse_iso(notice.appeal_deadline) - now).total_seconds() / 3600
            color = "critical" if hours <= 24 else "warning" if hours <= 72 else "muted"
            title = labels.notice_kind(notice.kind)
            if line.listing_title:
                title += f" · {line.listing_title}"
            meta = (self.tr("Overdue %1").replace("%1", fmt.relative_text(notice.appeal_deadline))
                    if line.overdue else fmt.relative_text(notice.appeal_deadline))
            row = _Row(color, title, meta, color)
            row.setToolTip(title + "\n" + fmt.datetime_text(notice.appeal_deadline))
            row.clicked.connect(self.open_notices.emit)
            self.deadline_rows.addWidget(row)

    def _refresh_alerts(self, alerts) -> None:
        self._clear(self.alert_rows)
        if not alerts:
            self.alert_rows.addWidget(label(self.tr("Nothing needs your attention."), "muted"))
            return
        for alert in alerts:
            row = _Row(labels.SEVERITY_COLORS.get(alert.severity, "muted"),
                       alert_text.alert_text(alert), fmt.relative_text(alert.created_at))
            row.clicked.connect(lambda a=alert.id: self.open_alert.emit(a))
            self.alert_rows.addWidget(row)

    def _refresh_chart(self, active_days: dict[str, int], alerts: dict[str, int]) -> None:
        days = sorted(set(active_days) | set(alerts))
        points = [DayPoint(fmt.date_text(day), active_days.get(day), alerts.get(day, 0))
                  for day in days]
        self.chart.set_data(points, (self.tr("Active listings"), self.tr("Important alerts")),
                            self.tr("The chart fills in as the shop syncs day by day."))
