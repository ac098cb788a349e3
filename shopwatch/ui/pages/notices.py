"""Notices & points: the penalty ledger. Totals per ledger against the platform's thresholds,
every notice with its points and appeal deadline, and the notice's own text. Under the ledgers,
the platform rule data these numbers come from (collapsed by default), each item marked
verified / unverified / edited by you, with the way to check it and to edit the user's copy."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from shopwatch.models import Notice
from shopwatch.monitor import detect
from shopwatch.monitor.rules import RuleItem, Rules, RulesError, user_copy
from shopwatch.store.queries import views
from shopwatch.ui import fmt, labels, resources, theme
from shopwatch.ui.models.notices import COLUMN_KEYS, NoticesModel
from shopwatch.ui.models.roles import OBJECT_ROLE, SORT_ROLE
from shopwatch.ui.session import Session
from shopwatch.ui.widgets.badges import BadgeDelegate, BadgeLabel
from shopwatch.ui.widgets.cards import Card, ElidedLabel, PageHeader, button, label
from shopwatch.ui.widgets.charts import PointsGauge
from shopwatch.ui.widgets.tables import keep_readable, make_table, sort_by
from shopwatch.ui.workers import run_query


class _LedgerCard(Card):
    def __init__(self, ledger: str) -> None:
        super().__init__(labels.ledger(ledger))
        self.ledger = ledger
        row = QHBoxLayout()
        self.total = label("0", "metric")
        row.addWidget(self.total)
        self.of = label("", "muted")
        row.addWidget(self.of, 0, Qt.AlignmentFlag.AlignBottom)
        row.addStretch(1)
        self.body.addLayout(row)
        self.gauge = PointsGauge()
        self.body.addWidget(self.gauge)
        self.hint = label("", "hint", wrap=True)
        self.body.addWidget(self.hint)


class _RuleRow:
    """The widgets of one rule item in the Platform rules panel."""

    def __init__(self, name: QLabel, value: QLabel, badge: BadgeLabel, check: QPushButton,
                 url: str) -> None:
        self.name = name
        self.value = value
        self.badge = badge
        self.check = check
        self.url = url


class RulesPanel(Card):
    """The platform rule data behind the ledgers and deadlines: thresholds and what reaching
    them means, the yearly reset, and the default appeal window of each kind of notice.
    Collapsed it is one line (with how many items are unverified); open, it takes the place of
    the notices table (the page shows one or the other, so 1280×800 fits both)."""

    expanded_changed = Signal(bool)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.session = session
        self.rows: dict[str, _RuleRow] = {}
        self.body.setContentsMargins(16, 10, 12, 10)

        head = QHBoxLayout()
        head.setSpacing(8)
        # the heading is the toggle: click anywhere on it to show or hide the items
        self.heading = self.toggle = button(self.tr("Platform rules"), "link")
        self.toggle.setStyleSheet("font-weight: 600; font-size: 10.5pt; padding-left: 0;")
        self.toggle.setProperty("tone", "ink")  # theme: ink, not link colour
        self.toggle.setToolTip(self.tr("Show or hide the rule data"))
        self.toggle.clicked.connect(lambda: self.set_expanded(not self.expanded))
        head.addWidget(self.toggle)
        self.unverified_badge = BadgeLabel()
        head.addWidget(self.unverified_badge)
        self.edited_badge = BadgeLabel()
        head.addWidget(self.edited_badge)
        self.summary = ElidedLabel()  # gives way first: the buttons keep their text
        self.summary.setProperty("role", "hint")
        head.addWidget(self.summary, 1)
        self.check_button = button(self.tr("Check on the rule centre"), "link", "external")
        self.check_button.clicked.connect(lambda: self.open_url(self.session.rules.verify_url))
        head.addWidget(self.check_button)
        self.edit_button = button(self.tr("Edit rules…"), None, "settings")
        self.edit_button.setToolTip(self.tr(
            "Make your own copy of the rule file in the profile folder (if there is none yet) "
            "and open it. Items you change there are marked “edited by you”."))
        self.edit_button.clicked.connect(self.edit_rules)
        head.addWidget(self.edit_button)
        self.body.addLayout(head)

        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 4, 0, 0)
        details.setSpacing(6)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll = scroll
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 6, 0)
        inner.setSpacing(10)
        columns = QHBoxLayout()
        columns.setSpacing(28)
        self.points_grid = self._group(columns, self.tr("Points and their consequences"), 1)
        self.windows_grid = self._group(columns, self.tr("Default appeal windows"), 0)
        inner.addLayout(columns)
        self.note = label("", "hint", wrap=True)
        inner.addWidget(self.note)
        inner.addStretch(1)
        scroll.setWidget(content)
        details.addWidget(scroll, 1)
        self.body.addWidget(self.details, 1)
        self.set_expanded(False)

    def _group(self, columns: QHBoxLayout, title: str, stretch: int) -> QGridLayout:
        column = QVBoxLayout()
        column.setSpacing(4)
        column.addWidget(label(title, "cardTitle"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(3)
        grid.setColumnStretch(1, 1)
        column.addLayout(grid)
        column.addStretch(1)
        columns.addLayout(column, stretch)
        return grid

    @property
    def expanded(self) -> bool:
        return not self.details.isHidden()

    def set_expanded(self, expanded: bool) -> None:
        changed = expanded != self.expanded
        self.details.setVisible(expanded)
        self.toggle.setIcon(resources.icon("chevron-up" if expanded else "chevron-down",
                                           "muted", size=14))
        if changed:
            self.expanded_changed.emit(expanded)

    # --- content ------------------------------------------------------------------------------

    def refresh(self) -> None:
        rules = self.session.rules
        # the rows are ~50 widgets: rebuilt only when the rule data changed, not at every
        # refresh of the page (a sync refreshes it; the GUI thread stalled 70 ms each time)
        signature = (rules.version, rules.override_path, rules.verify_url,
                     tuple((i.key, i.label, repr(i.value), i.note, i.edited, i.verified,
                            i.verify_url) for i in rules.items))
        if signature == getattr(self, "_shown", None):
            return
        self._shown = signature
        for grid in (self.points_grid, self.windows_grid):
            while grid.count():
                widget = grid.takeAt(0).widget()
                if widget is not None:
                    widget.deleteLater()
        self.rows = {}
        for item in rules.items:
            grid = self.windows_grid if item.key.startswith("appeal_window.") else self.points_grid
            self._add_row(grid, item, rules)
        unverified = sum(1 for i in rules.items if not i.verified and not i.edited)
        edited = sum(1 for i in rules.items if i.edited)
        self.unverified_badge.set_badge(
            self.tr("%n unverified", "", unverified) if unverified else "",
            labels.RULE_STATUS_COLORS["unverified"])
        self.edited_badge.set_badge(self.tr("%n edited by you", "", edited) if edited else "",
                                    labels.RULE_STATUS_COLORS["edited"])
        summary = self.tr("%n item(s)", "", len(rules.items))
        if rules.version:
            summary += " · " + self.tr("data of %1").replace("%1", rules.version)
        self.summary.setText(summary)
        self.check_button.setVisible(bool(rules.verify_url))
        self._set_note()

    def _set_note(self, prefix: str = "") -> None:
        rules = self.session.rules
        where = (self.tr("Your copy: %1.").replace("%1", rules.override_path) + " "
                 if rules.override_path else "")
        self.note.setText(prefix + where + self.tr(
            "These are defaults from public descriptions of the platform rules and can change: "
            "check each one on the rule centre. A deadline stated in a notice always wins over "
            "the default window. Your edits apply at the next sync."))

    def _value(self, item: RuleItem, rules: Rules) -> str:
        section, _, name = item.key.partition(".")
        if section == "reset":
            return fmt.date_text(date(2001, rules.reset_month, rules.reset_day))
        if section == "ledger" and name in rules.thresholds:
            return self.tr("%1 points").replace(
                "%1", " · ".join(map(str, rules.thresholds[name])))
        if section == "consequence":
            return labels.consequence(item.value)
        if section == "appeal_window" and name in rules.appeal_window_days:
            return self.tr("%n day(s)", "", rules.appeal_window_days[name])
        return item.value

    def _add_row(self, grid: QGridLayout, item: RuleItem, rules: Rules) -> None:
        row = grid.rowCount()
        section, _, name = item.key.partition(".")
        fallback = rules.kind_label(name) if section == "appeal_window" else item.label
        title = label(labels.rule_label(item.key, fallback), "muted")
        title.setToolTip(item.note)
        value = label(self._value(item, rules), None, wrap=section == "consequence")
        value.setToolTip(item.note)
        status = "edited" if item.edited else "verified" if item.verified else "unverified"
        badge = BadgeLabel(labels.rule_status(status), labels.RULE_STATUS_COLORS[status])
        check = QPushButton()
        check.setProperty("role", "link")
        check.setIcon(resources.icon("external", "muted", size=14))
        check.setCursor(Qt.CursorShape.PointingHandCursor)
        url = item.verify_url or rules.verify_url
        check.setToolTip(self.tr("Check on the rule centre") + (f"\n{url}" if url else ""))
        check.setVisible(bool(url))
        check.clicked.connect(lambda _=False, u=url: self.open_url(u))
        grid.addWidget(title, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(badge, row, 2, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        grid.addWidget(check, row, 3, Qt.AlignmentFlag.AlignTop)
        self.rows[item.key] = _RuleRow(title, value, badge, check, url)

    # --- actions ------------------------------------------------------------------------------

    def open_url(self, url: str) -> None:
        if url:
            QDesktopServices.openUrl(QUrl(url))

    def edit_rules(self) -> None:
        """What ``shopwatch rules copy`` does, then open the copy in the system's editor."""
        try:
            path, created = user_copy(self.session.rules.platform, self.session.profile)
        except (RulesError, OSError) as exc:
            self.set_expanded(True)
            self.note.setText(self.tr("Could not make your copy of the rule file: %1")
                              .replace("%1", str(exc)))
            return
        self.set_expanded(True)
        self._set_note((self.tr("Made your copy of the rule file: %1.") if created
                        else self.tr("Opened your copy of the rule file: %1.")
                        ).replace("%1", str(path)) + " ")
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class NoticesPage(QWidget):
    open_listing = Signal(str)
    draft_appeal = Signal(int)
    # the seller wants to paste a notice that arrived by message or e-mail
    paste_requested = Signal()
    refreshed = Signal()  # a read model arrived and is shown
    shows = frozenset({"notices", "shops"})

    def __init__(self, session: Session, *, appeals_available: Callable[[], bool] = lambda: False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.appeals_available = appeals_available
        self.model = NoticesModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)

        page = QVBoxLayout(self)
        page.setContentsMargins(28, 22, 28, 16)
        page.setSpacing(12)
        self.header = PageHeader(self.tr("Notices & points"))
        self.paste_button = button(self.tr("Paste notice…"), None, "notices")
        self.paste_button.setToolTip(self.tr(
            "Add a penalty notice that arrived by platform message or e-mail: paste its text, "
            "check what was read, store it."))
        self.paste_button.clicked.connect(self.paste_requested.emit)
        self.header.actions.addWidget(self.paste_button)
        page.addWidget(self.header)

        ledgers = QHBoxLayout()
        ledgers.setSpacing(12)
        self.ledger_cards = {name: _LedgerCard(name) for name in ("general", "serious")}
        for card in self.ledger_cards.values():
            ledgers.addWidget(card)
        page.addLayout(ledgers)

        self.rules_panel = RulesPanel(session)
        page.addWidget(self.rules_panel)
        self.rules_panel.expanded_changed.connect(self._rules_shown)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        self.table = make_table(self.proxy)
        sort_by(self.table, COLUMN_KEYS.index("issued"), Qt.SortOrder.DescendingOrder)
        keep_readable(self.table, COLUMN_KEYS.index("deadline"), 190)  # "Appeal by"
        for key, width in (("issued", 124), ("kind", 150), ("points", 60), ("ledger", 76),
                           ("listing", 118), ("status", 92)):
            self.table.setColumnWidth(COLUMN_KEYS.index(key), width)
        self.table.setColumnHidden(COLUMN_KEYS.index("listing"), True)  # in the detail pane
        self.table.setItemDelegateForColumn(COLUMN_KEYS.index("status"),
                                            BadgeDelegate(self.table))
        split.addWidget(self.table)
        split.addWidget(self._build_detail())
        split.setStretchFactor(0, 1)
        split.setSizes([760, 330])
        self.split = split
        page.addWidget(split, 1)
        self.page_layout = page
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())

    def _rules_shown(self, shown: bool) -> None:
        """The open rules panel takes the notices' place; closing it brings them back."""
        self.split.setVisible(not shown)
        self.page_layout.setStretchFactor(self.rules_panel, 1 if shown else 0)

    def _build_detail(self) -> QWidget:
        self.detail = Card()
        self.detail.setMinimumWidth(300)
        self.detail.setMaximumWidth(420)
        head = QHBoxLayout()
        self.detail_badge = BadgeLabel()
        self.detail_title = label("", "section", wrap=True)
        head.addWidget(self.detail_title, 1)
        head.addWidget(self.detail_badge, 0, Qt.AlignmentFlag.AlignTop)
        self.detail.body.addLayout(head)
        self.detail_meta = label("", "muted", wrap=True)
        self.detail.body.addWidget(self.detail_meta)
        self.detail_deadline = label("", None, wrap=True)
        self.detail.body.addWidget(self.detail_deadline)
        self.detail_text = label("", None, wrap=True)
        self.detail_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_text.setProperty("role", "quote")  # theme: a shaded box
        self.detail.body.addWidget(self.detail_text)
        self.detail.body.addStretch(1)
        self.appeal = button(self.tr("Draft appeal"), "primary", "appeals")
        self.appeal.clicked.connect(self._draft)
        self.open_button = button(self.tr("Open listing"), None, "listings")
        self.open_button.clicked.connect(self._open_listing)
        self.mark = button(self.tr("Set status…"))
        menu = QMenu(self.mark)
        for status in ("open", "appealed", "revoked", "upheld"):
            menu.addAction(labels.notice_status(status),
                           lambda s=status: self.set_status(s))
        self.mark.setMenu(menu)
        self.correct = button(self.tr("Correct or remove…"))
        self.correct.setToolTip(self.tr("Fix what was read from the notice (kind, points, "
                                        "listings, deadline), or remove a notice stored by "
                                        "mistake; its alerts are withdrawn."))
        self.correct.clicked.connect(self.correct_notice)
        for widget in (self.appeal, self.open_button, self.mark, self.correct):
            self.detail.body.addWidget(widget)
        return self.detail

    # --- data ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Ask for the read model; ``show_notices`` renders it when it arrives."""
        shop_id = self.session.shop_id
        self.paste_button.setVisible(shop_id is not None)
        if shop_id is None:
            self.show_notices([])
            return
        run_query(self.session.db_path, lambda db: views.notices_page(db, shop_id),
                  self.show_notices, owner=self)

    def show_notices(self, notices: list[Notice]) -> None:
        current = self.current_notice()
        self.session.reload_rules()  # the seller may have edited the profile copy meanwhile
        now = datetime.now(timezone.utc)
        self.model.set_notices(notices, now)
        open_count = sum(1 for n in notices if n.status == "open")
        self.header.set_subtitle(self.tr("%Ln notice(s)", "", len(notices)) + " · "
                                 + self.tr("%n open", "", open_count))
        self._refresh_ledgers(notices, now)
        self.rules_panel.refresh()
        self.select_notice(current.id if current else None)
        self.refreshed.emit()

    def _refresh_ledgers(self, notices: list[Notice], now: datetime) -> None:
        rules = self.session.rules
        totals = detect.ledger_totals(notices, rules=rules, now=now)
        reset = rules.ledger_year_start(now).replace(year=rules.ledger_year_start(now).year + 1)
        for ledger, card in self.ledger_cards.items():
            thresholds = rules.thresholds.get(ledger, (12, 24, 36, 48))
            total = totals.get(ledger, 0)
            nxt = next((t for t in thresholds if t > total), None)
            card.total.setText(str(total))
            card.gauge.set_points(total, thresholds,
                                  self.session.settings.detection.points_warn_within)
            if nxt is None:
                card.of.setText(self.tr("points"))
                card.hint.setText(self.tr("Every threshold reached."))
            else:
                card.of.setText(self.tr("of %1 points").replace("%1", str(nxt)))
                card.hint.setText(self.tr("At %1: %2").replace("%1", str(nxt)).replace(
                    "%2", labels.consequence(rules.consequences.get(nxt, ""))
                    or self.tr("a node penalty")))
            card.hint.setText(card.hint.text() + "\n" + self.tr("Points reset on %1.").replace(
                "%1", fmt.date_text(reset.date())))

    def current_notice(self) -> Notice | None:
        index = self.table.selectionModel().currentIndex()
        return index.data(OBJECT_ROLE) if index.isValid() else None

    def select_notice(self, notice_id: int | None) -> None:
        target = None
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if notice_id is not None and index.data(OBJECT_ROLE).id == notice_id:
                target = index
                break
        if target is None and self.proxy.rowCount():
            target = self.proxy.index(0, 0)
        if target is not None:
            self.table.selectionModel().setCurrentIndex(
                target, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(target)
        self._show_current()

    def set_status(self, status: str) -> None:
        notice = self.current_notice()
        if notice is None:
            return
        self.session.writes.set_notice_status(notice.id, status)

    def correct_notice(self) -> None:
        """The notice edit dialog; the correction (or removal) goes through the controller's
        writes to monitor.notice_edit, one transaction that also withdraws the alerts the
        notice raised."""
        from shopwatch.monitor.notice_edit import NoticeEditError
        from shopwatch.ui.dialogs.notice_edit import NoticeEditDialog

        notice = self.current_notice()
        if notice is None:
            return
        writes = self.session.writes
        dialog = NoticeEditDialog(notice, self.session.reload_rules(),
                                  appeals=writes.appeal_count(notice.id), parent=self)
        if not dialog.exec():
            return
        if not dialog.remove_requested and not dialog.correction:
            return
        try:
            writes.correct_notice(notice.id, remove=dialog.remove_requested,
                                  correction=dialog.correction)
        except NoticeEditError as exc:
            QMessageBox.warning(self, self.tr("Notice not changed"), str(exc))

    def _show_current(self) -> None:
        notice = self.current_notice()
        self.detail.setVisible(notice is not None)
        if notice is None:
            return
        self.detail_title.setText(notice.title or labels.notice_kind(notice.kind))
        self.detail_badge.set_badge(labels.notice_status(notice.status),
                                    labels.NOTICE_STATUS_COLORS.get(notice.status, "neutral"))
        points = (self.tr("−%1 points, %2").replace("%1", str(notice.points))
                  .replace("%2", labels.ledger(notice.category)) if notice.points
                  else self.tr("No points"))
        self.detail_meta.setText(f"{labels.notice_kind(notice.kind)} · {points} · "
                                 + self.tr("issued %1").replace(
                                     "%1", fmt.datetime_text(notice.issued_at)))
        if notice.appeal_deadline:
            left = self.model.hours_left(notice)
            urgent = notice.status == "open" and left is not None and 0 < left <= 24
            text = self.tr("Appeal by %1").replace("%1", fmt.datetime_text(notice.appeal_deadline))
            if notice.status == "open" and left is not None:
                text = (fmt.with_relative(text, notice.appeal_deadline) if left > 0
                        else text + " · " + self.tr("the deadline has passed"))
            self.detail_deadline.setText(text)
            theme.set_tone(self.detail_deadline, "critical" if urgent else None, strong=urgent)
        self.detail_deadline.setVisible(bool(notice.appeal_deadline))
        self.detail_text.setText(notice.text or "—")
        self.open_button.setEnabled(bool(notice.listing_id))
        available = self.appeals_available()
        self.appeal.setEnabled(available)
        self.appeal.setToolTip("" if available else
                               self.tr("The appeal editor is not part of this version yet."))

    def _draft(self) -> None:
        notice = self.current_notice()
        if notice is not None:
            self.draft_appeal.emit(notice.id)

    def _open_listing(self) -> None:
        notice = self.current_notice()
        if notice is not None and notice.listing_id:
            self.open_listing.emit(notice.listing_id)
