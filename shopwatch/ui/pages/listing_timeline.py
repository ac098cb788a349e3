"""The listing detail pane's Timeline tab (issue 18): the listing's whole story from the
evidence ledger's read model (``monitor.timeline``), newest first — versions, status changes
with the source's own words, the raw records kept, notices, alerts and traffic days — each
line in the UI language. Read off the GUI thread when the tab is shown."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QTextBrowser, QVBoxLayout, QWidget

from shopwatch.models import Listing
from shopwatch.monitor.timeline import Timeline, TimelineEvent, listing_timeline
from shopwatch.ui import fmt, labels, theme
from shopwatch.ui.session import Session
from shopwatch.ui.widgets.cards import label
from shopwatch.ui.workers import run_query


class ListingTimeline(QWidget):
    loaded = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.listing: Listing | None = None
        self.timeline: Timeline | None = None
        self._stale = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 0, 0)
        top = QHBoxLayout()
        self.traffic_box = QCheckBox(self.tr("Traffic days"))
        self.traffic_box.setToolTip(self.tr("Show one line per day of traffic"))
        self.traffic_box.toggled.connect(self._render)
        self.summary = label("", "hint", wrap=True)
        top.addWidget(self.summary, 1)
        top.addWidget(self.traffic_box)
        layout.addLayout(top)
        # rendered rich text: long lines (and Chinese ones, which have no spaces) wrap
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        layout.addWidget(self.view, 1)
        #: what is shown, newest first: (kind, when, text)
        self.rows: list[tuple[str, str, str]] = []

    def show_listing(self, listing: Listing | None, *, load: bool) -> None:
        """Remember the listing; read its timeline now if the tab is on screen (``load``),
        else when it is shown."""
        changed = (listing is None or self.listing is None
                   or listing.listing_id != self.listing.listing_id)
        self.listing = listing
        self._stale = True
        if changed:
            self.timeline = None
            self.rows = []
            self.view.clear()
            self.summary.setText("")
        if load:
            self.load()

    def load(self) -> None:
        if self.listing is None or not self._stale:
            return
        self._stale = False
        shop_id, listing_id = self.listing.shop_id, self.listing.listing_id
        self.summary.setText(self.tr("Reading the listing's history…"))
        run_query(self.session.db_path,
                  lambda db: listing_timeline(db, shop_id, listing_id),
                  lambda timeline: self._show(listing_id, timeline), owner=self)

    def _show(self, listing_id: str, timeline: Timeline | None) -> None:
        if self.listing is None or self.listing.listing_id != listing_id:
            return  # another listing was chosen meanwhile
        self.timeline = timeline
        self._render()
        self.loaded.emit()

    def _render(self) -> None:
        timeline = self.timeline
        if timeline is None:
            self.rows = []
            self.view.clear()
            self.summary.setText(self.tr("No history recorded yet."))
            return
        shown = [e for e in timeline.events
                 if self.traffic_box.isChecked() or e.kind != "traffic"]
        self.rows = [(e.kind, self._when(e), self.event_text(e)) for e in reversed(shown)]
        cells = "".join(
            f"<tr><td style='color: {theme.color('muted')}; white-space: nowrap; "
            "padding-right: 10px'>"
            f"{html.escape(when)}</td><td>{html.escape(text)}</td></tr>"
            for _kind, when, text in self.rows)
        self.view.setHtml(f"<table cellspacing='0' cellpadding='3'>{cells}</table>")
        counts = {kind: sum(1 for e in timeline.events if e.kind == kind)
                  for kind in ("version", "status", "notice", "alert", "record")}
        self.summary.setText(
            self.tr("%1 versions · %2 status changes · %3 notices · %4 alerts · "
                    "%5 source records kept")
            .replace("%1", fmt.count_text(counts["version"]))
            .replace("%2", fmt.count_text(counts["status"]))
            .replace("%3", fmt.count_text(counts["notice"]))
            .replace("%4", fmt.count_text(counts["alert"]))
            .replace("%5", fmt.count_text(counts["record"])))

    @staticmethod
    def _when(event: TimelineEvent) -> str:
        return fmt.date_text(event.at) if len(event.at) == 10 else fmt.datetime_text(event.at)

    def event_text(self, event: TimelineEvent) -> str:
        """One event in the UI language (the CLI's ``history`` keeps English summaries)."""
        d = event.details
        if event.kind == "version":
            stock = "—" if d.get("quantity") is None else fmt.count_text(d["quantity"])
            return (self.tr("Seen as “%1”, %2, stock %3")
                    .replace("%1", d.get("title") or "")
                    .replace("%2", fmt.price_text(d.get("price")))
                    .replace("%3", stock))
        if event.kind == "status":
            was = d.get("from")
            text = (self.tr("Status: %1 → %2")
                    .replace("%1", labels.listing_status(was) if was
                             else self.tr("first seen"))
                    .replace("%2", labels.listing_status(d.get("to") or "")))
            if d.get("source_words"):
                text += " " + self.tr("(the platform said: “%1”)").replace(
                    "%1", str(d["source_words"]))
            return text
        if event.kind == "record":
            return self.tr("The platform's record of the listing kept as evidence "
                           "(SHA-256 %1…)").replace("%1", str(d.get("record_hash", ""))[:12])
        if event.kind == "notice":
            points = d.get("points") or 0
            text = labels.notice_kind(d.get("kind") or "other")
            if points:
                text += self.tr(", −%1 points").replace("%1", str(points))
            return self.tr("Notice: %1").replace("%1", text)
        if event.kind == "alert":
            return (labels.alert_kind(d.get("kind") or "") + " · " + labels.severity(
                d.get("severity") or "info"))
        if event.kind == "traffic":
            visits = d.get("visits")
            impressions = d.get("impressions")
            return (self.tr("Traffic: %1 visits, %2 impressions")
                    .replace("%1", "—" if visits is None else fmt.count_text(visits))
                    .replace("%2", "—" if impressions is None else fmt.count_text(impressions)))
        return event.summary
