"""Import dialogs for shops without API access (issue 6).

``ImportFileDialog``: pick an export file, see its first rows with the detected format,
encoding, header line and column mapping; change the mapping; import it (as one sync run, on
the worker thread). ``PasteNoticeDialog``: paste a notice, see every field that was read with
the words it came from, correct any of them, store it.

Both only lay out and hand work to a ``JobRunner`` (the app's own when given, so an import
waits for a running sync of the same shop instead of racing it); reading files and storing go
through ``shopwatch.imports`` and ``shopwatch.monitor.file_import``, the CLI's path too."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopwatch.config import DetectionSettings
from shopwatch.imports.columns import KINDS, METRICS, NOTICES, REQUIRED, ColumnMapping
from shopwatch.imports.errors import FileImportError
from shopwatch.imports.notice_text import OTHER, ParsedNotice, parse_notice_text
from shopwatch.imports.preview import ImportPreview, preview_file
from shopwatch.imports.values import CHINA_TZ
from shopwatch.models import NoticeRecord, Shop
from shopwatch.monitor.rules import Rules, load_rules
from shopwatch.ui import labels
from shopwatch.ui.dialogs.notice_edit import listing_ids_from
from shopwatch.ui.jobs import ImportJob, ImportResult
from shopwatch.ui.widgets.cards import button, label
from shopwatch.ui.workers import Job, JobError, JobRunner

NO_COLUMN = -1


class _JobDialog(QDialog):
    """A dialog whose work runs on a ``JobRunner``: the app's, when given (jobs of the app run
    one at a time, and a dialog closed mid-import leaves the import to finish and the app to
    refresh), else one of its own, started on first use and always stopped before the dialog
    goes (a QThread destroyed while running aborts the process)."""

    runner_name = "shopwatch-dialog"

    def __init__(self, parent: QWidget | None = None, runner: JobRunner | None = None) -> None:
        super().__init__(parent)
        self._shared = runner
        self._jobs: JobRunner | None = None
        self._job: Job | None = None
        if runner is not None:
            runner.finished.connect(self._on_job_done)

    def runner(self) -> JobRunner:
        if self._shared is not None:
            return self._shared
        if self._jobs is None:
            self._jobs = JobRunner(self.runner_name, self)
            self._jobs.finished.connect(self._on_job_done)
        return self._jobs

    @property
    def working(self) -> bool:
        """A job of this dialog is queued or running."""
        return self._job is not None

    def submit(self, job: Job) -> bool:
        """Hand ``job`` to the runner; False when an equal job is queued or running already."""
        if not self.runner().submit(job):
            return False
        self._job = job
        return True

    def _on_job_done(self, job: Job, result: Any) -> None:
        if job is not self._job:
            return  # another job of the app's runner
        self._job = None
        self._finished(job, result)

    def _finished(self, job: Job, result: Any) -> None:
        raise NotImplementedError

    def stop_jobs(self) -> None:
        if self._shared is not None:
            try:
                self._shared.finished.disconnect(self._on_job_done)
            except (RuntimeError, TypeError):  # already disconnected
                pass
            self._shared = None
        if self._jobs is not None:
            self._jobs.shutdown(10_000)
            self._jobs = None
        self._job = None

    def done(self, result: int) -> None:
        self.stop_jobs()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.stop_jobs()
        super().closeEvent(event)


class ImportFileDialog(_JobDialog):
    """Preview and import one export file into ``shop``."""

    runner_name = "shopwatch-import"

    def __init__(self, db_path: Path, shop: Shop, *, profile: Path | None = None,
                 detection: DetectionSettings | None = None, rules: Rules | None = None,
                 path: Path | None = None, runner: JobRunner | None = None,
                 parent: QWidget | None = None) -> None:
        """Raises RulesError when the profile's rule file is broken (and ``rules`` not given)."""
        super().__init__(parent, runner)
        self.db_path, self.shop, self.profile = db_path, shop, profile
        self.detection = detection or DetectionSettings()
        self.rules = rules or load_rules(shop.platform, profile)
        self.preview: ImportPreview | None = None
        self.result: ImportResult | None = None
        self.setWindowTitle(self.tr("Import an export file into “%1”").replace(
            "%1", labels.shop_name(shop.name, shop.platform)))
        self.setMinimumSize(760, 560)

        column = QVBoxLayout(self)
        column.setContentsMargins(22, 20, 22, 16)
        column.setSpacing(10)
        column.addWidget(label(self.tr(
            "Export your listings (or the item traffic report, or your violation records) from "
            "the seller centre as CSV or Excel, then choose the file here."), "muted", wrap=True))
        picker = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("Export file (CSV, TXT, XLSX, XLS)"))
        self.path_edit.editingFinished.connect(self.reload)
        browse = button(self.tr("Choose…"))
        browse.clicked.connect(self.browse)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Detect"), None)
        for kind, text in zip(KINDS, (self.tr("Listings"), self.tr("Traffic report"),
                                      self.tr("Violation records")), strict=True):
            self.kind.addItem(text, kind)
        self.kind.currentIndexChanged.connect(self.reload)
        picker.addWidget(self.path_edit, 1)
        picker.addWidget(browse)
        picker.addWidget(self.kind)
        column.addLayout(picker)

        self.how = label("", "hint", wrap=True)
        column.addWidget(self.how)
        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        column.addWidget(self.table, 1)

        column.addWidget(label(self.tr("Columns"), "section"))
        self.mapping_grid = QGridLayout()
        self.mapping_grid.setHorizontalSpacing(12)
        column.addLayout(self.mapping_grid)
        self.field_boxes: dict[str, QComboBox] = {}

        self.confirm_drop = QCheckBox(self.tr(
            "The export is complete: these listings really are all the shop has now"))
        self.confirm_drop.hide()
        column.addWidget(self.confirm_drop)
        self.error = label("", "error", wrap=True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        column.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.addButton(self.tr("Import"),
                                                    QDialogButtonBox.ButtonRole.ApplyRole)
        self.import_button.setProperty("role", "primary")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)
        if path is not None:
            self.path_edit.setText(str(path))
            self.reload()

    # --- words ----------------------------------------------------------------------------

    def field_label(self, kind: str | None, name: str) -> str:
        """A column's field in the seller's words (``category`` differs by kind of export)."""
        if kind == NOTICES and name == "category":
            return self.tr("Violation ledger")
        if kind == METRICS and name == "title":
            return self.tr("Listing title")
        names = {
            "listing_id": self.tr("Listing ID"), "title": self.tr("Title"),
            "price": self.tr("Price"), "quantity": self.tr("Stock"),
            "status": self.tr("Status"), "url": self.tr("Listing link"),
            "category": self.tr("Category"), "outer_id": self.tr("Outer ID"),
            "pic_url": self.tr("Main picture"), "modified": self.tr("Last modified"),
            "day": self.tr("Date"), "visits": self.tr("Visitors"),
            "page_views": self.tr("Page views"), "impressions": self.tr("Impressions"),
            "keyword_rank": self.tr("Keyword rank"), "source_id": self.tr("Notice number"),
            "kind": self.tr("Violation type"), "points": self.tr("Points"),
            "issued_at": self.tr("Penalty time"), "appeal_deadline": self.tr("Appeal deadline"),
            "text": self.tr("Description"),
        }
        return names.get(name, name.replace("_", " "))

    def summary_text(self, result: ImportResult) -> str:
        """"Imported: 12 listings, 30 days of traffic; 2 new alerts." in the UI language."""
        parts = []
        if result.listings:
            parts.append(self.tr("%n listing(s)", "", result.listings))
        if result.metrics:
            parts.append(self.tr("%n traffic record(s)", "", result.metrics))
        if result.notices:
            parts.append(self.tr("%Ln notice(s)", "", result.notices))
        text = (QLocale().createSeparatedList(parts) if parts
                else self.tr("nothing new"))
        return self.tr("Imported: %1; %n new alert(s).", "", len(result.alerts)).replace(
            "%1", text)

    def _where(self, error: FileImportError) -> str:
        parts = [error.path.name]
        if error.line is not None:
            parts.append(self.tr("line %1").replace("%1", str(error.line)))
        if error.column:
            parts.append(self.tr("column “%1”").replace("%1", error.column))
        return " · ".join(parts)

    def problem_text(self, preview: ImportPreview) -> str:
        """Why ``preview`` cannot be imported, in the UI language (its English detail is the
        tooltip, and a second line in English)."""
        error = preview.error
        if error is None:
            return ""
        if preview.table is not None and preview.kind not in KINDS:
            sentence = self.tr("shopwatch cannot tell what kind of export this is. Choose "
                               "Listings, Traffic report or Violation records above.")
        elif missing := [f for f in REQUIRED.get(preview.kind or "", ())
                         if f not in preview.columns]:
            sentence = self.tr("No column was recognised for %1. Choose it under Columns.") \
                .replace("%1", QLocale().createSeparatedList(
                    [self.field_label(preview.kind, f) for f in missing]))
        else:
            sentence = labels.sync_error("file") + "\n" + self._where(error)
        return labels.with_detail(sentence, str(error))

    # --- preview --------------------------------------------------------------------------

    def browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose an export file"), str(Path.home()),
            self.tr("Exports (*.csv *.txt *.tsv *.xlsx *.xls);;All files (*)"))
        if chosen:
            self.path_edit.setText(chosen)
            self.reload()

    def chosen_mapping(self) -> ColumnMapping | None:
        """The columns picked in the mapping boxes (None while nothing is previewed)."""
        if self.preview is None or self.preview.table is None or not self.field_boxes:
            return None
        headers = self.preview.table.headers
        names = {name: headers[box.currentData()] for name, box in self.field_boxes.items()
                 if box.currentData() not in (None, NO_COLUMN)}
        return ColumnMapping({self.preview.kind: names}) if self.preview.kind else None

    def reload(self, *, mapping: ColumnMapping | None = None) -> None:
        text = self.path_edit.text().strip()
        if not text:
            return
        self.preview = preview_file(Path(text).expanduser(), kind=self.kind.currentData(),
                                    mapping=mapping, kinds=self.rules.notice_kinds)
        self._show_preview()

    def _remap(self) -> None:
        self.reload(mapping=self.chosen_mapping())

    def _show_preview(self) -> None:
        p = self.preview
        assert p is not None
        if p.table is not None:
            t = p.table
            how = [t.fmt.upper()]
            if t.encoding:
                how.append(t.encoding_label)
            if t.sheet:
                how.append(self.tr("sheet “%1”").replace("%1", t.sheet))
            how.append(self.tr("header on line %1").replace("%1", str(t.header_line)))
            kind = {"listings": self.tr("a listings export"),
                    "metrics": self.tr("a traffic report"),
                    "notices": self.tr("violation records"),
                    "amazon_suppressed": self.tr("Amazon's Suppressed Listings report")}.get(
                        p.kind or "", self.tr("unknown"))
            self.how.setText(self.tr("Read as %1: %2; %3 rows.").replace("%1", kind)
                             .replace("%2", ", ".join(how))
                             .replace("%3", str(len(t.rows))))
        else:
            self.how.setText("")
        rows = p.rows()
        self.table.clear()
        self.table.setColumnCount(len(p.headers))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels(p.headers)
        self.table.setVerticalHeaderLabels([str(line) for line, _ in rows])
        for r, (_, cells) in enumerate(rows):
            for c, value in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self._show_mapping()
        self.error.setVisible(p.error is not None)
        self.error.setText(self.problem_text(p))
        self.error.setToolTip(str(p.error) if p.error else "")
        self.confirm_drop.hide()
        self.import_button.setEnabled(p.ok)

    def _show_mapping(self) -> None:
        while self.mapping_grid.count():
            item = self.mapping_grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.field_boxes = {}
        p = self.preview
        if p is None or p.table is None:
            return
        for n, name in enumerate(p.fields()):
            box = QComboBox()
            box.addItem("—", NO_COLUMN)
            for i, header in enumerate(p.headers):
                if header:
                    box.addItem(header, i)
            index = box.findData(p.columns.get(name, NO_COLUMN))
            box.setCurrentIndex(max(0, index))
            box.currentIndexChanged.connect(self._remap)
            self.field_boxes[name] = box
            self.mapping_grid.addWidget(label(self.field_label(p.kind, name)), n // 3,
                                        (n % 3) * 2)
            self.mapping_grid.addWidget(box, n // 3, (n % 3) * 2 + 1)

    # --- import ---------------------------------------------------------------------------

    def start_import(self) -> None:
        if self.preview is None or not self.preview.ok:
            return
        self.import_button.setEnabled(False)
        self.error.hide()
        job = ImportJob(
            self.db_path, self.shop.id, [self.preview.path], kind=self.preview.kind,
            mapping=self.chosen_mapping(), confirm_drop=self.confirm_drop.isChecked(),
            profile=self.profile, detection=self.detection)
        if not self.submit(job):
            self._show_error(self.tr("An import into this shop is already under way. Wait "
                                     "for it to finish, then import again."))
            self.import_button.setEnabled(True)
            return
        self.how.setText(self.tr("Importing…") if self.runner().current is job
                         else self.tr("Waiting for the sync under way to finish…"))

    def _show_error(self, text: str, detail: str = "") -> None:
        self.error.setText(text)
        self.error.setToolTip(detail)
        self.error.show()

    def _finished(self, job: Job, result: Any) -> None:
        self.import_button.setEnabled(True)
        if isinstance(result, JobError):
            result = ImportResult(False, result.message, "internal")
        self.result = result
        if result.ok:
            self.how.setText(self.summary_text(result))
            self.import_button.setEnabled(False)
            return
        self.how.setText("")
        self._show_error(labels.failure_text(result.error_kind, result.error), result.error)
        # A far smaller export: the user may confirm it is complete and import again.
        self.confirm_drop.setVisible(result.error_kind == "suspicious_drop")


def _qdatetime(moment: datetime | None) -> QDateTime:
    if moment is None:
        return QDateTime()
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def _from_qdatetime(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), timezone.utc).astimezone(CHINA_TZ)


class PasteNoticeDialog(_JobDialog):
    """Paste a notice, check and correct what was read, store it."""

    runner_name = "shopwatch-notice"

    FIELDS = ("kind", "points", "category", "listing_id", "issued_at", "appeal_deadline")

    def __init__(self, db_path: Path, shop: Shop, *, profile: Path | None = None,
                 detection: DetectionSettings | None = None, rules: Rules | None = None,
                 runner: JobRunner | None = None, parent: QWidget | None = None) -> None:
        """Raises RulesError when the profile's rule file is broken (and ``rules`` not given)."""
        super().__init__(parent, runner)
        self.db_path, self.shop, self.profile = db_path, shop, profile
        self.detection = detection or DetectionSettings()
        self.rules = rules or load_rules(shop.platform, profile)
        self.parsed: ParsedNotice | None = None
        self.result: ImportResult | None = None
        self.setWindowTitle(self.tr("Add a notice to “%1”").replace(
            "%1", labels.shop_name(shop.name, shop.platform)))
        self.setMinimumWidth(640)

        column = QVBoxLayout(self)
        column.setContentsMargins(22, 20, 22, 16)
        column.addWidget(label(self.tr(
            "Paste the penalty notice as it arrived (platform message or e-mail, Chinese or "
            "English). Check what was read, correct it if needed, then store it."), "muted",
            wrap=True))
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("您的商品「…」（ID: …）因涉嫌虚假交易被删除，扣除一般违规积分12分…")
        column.addWidget(self.text, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.read)
        self.text.textChanged.connect(self._debounce.start)

        form = QFormLayout()
        self.kind = QComboBox()
        for k in self.rules.notice_kinds:
            # the rule file's label ("虚假交易 (false trading)") names only kinds we do not know
            self.kind.addItem(labels.notice_kind(k.kind, k.label), k.kind)
        self.kind.addItem(labels.notice_kind(OTHER), OTHER)
        self.points = QSpinBox()
        self.points.setRange(0, 1000)
        self.category = QComboBox()
        for ledger in self.rules.thresholds:
            self.category.addItem(labels.ledger(ledger), ledger)
        self.listing = QLineEdit()
        self.issued = QDateTimeEdit()
        self.issued.setCalendarPopup(True)
        self.issued.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.deadline = QDateTimeEdit()
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.has_deadline = QCheckBox(self.tr("stated in the notice"))
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        self.evidence: dict[str, QWidget] = {}
        widgets = {"kind": self.kind, "points": self.points, "category": self.category,
                   "listing_id": self.listing, "issued_at": self.issued,
                   "appeal_deadline": self.deadline}
        names = {"kind": self.tr("Kind"), "points": self.tr("Points"),
                 "category": self.tr("Ledger"), "listing_id": self.tr("Listing ID"),
                 "issued_at": self.tr("Issued"), "appeal_deadline": self.tr("Appeal by")}
        for name in self.FIELDS:
            row = QHBoxLayout()
            row.addWidget(widgets[name], 1)
            if name == "appeal_deadline":
                row.addWidget(self.has_deadline)
            hint = label("", "hint")
            self.evidence[name] = hint
            row.addWidget(hint, 2)
            form.addRow(names[name], row)
        column.addLayout(form)
        # text in which nothing was recognised is stored only when the seller says so
        self.store_anyway = QCheckBox(self.tr(
            "Nothing here looks like a penalty notice. Store it anyway (as “other”, without "
            "an appeal deadline)"))
        self.store_anyway.toggled.connect(self._update_store)
        self.store_anyway.hide()
        column.addWidget(self.store_anyway)
        self.error = label("", "error", wrap=True)
        self.error.hide()
        column.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.store_button = buttons.addButton(self.tr("Store notice"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.store_button.setProperty("role", "primary")
        self.store_button.setEnabled(False)
        self.store_button.clicked.connect(self.store)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)

    def read(self) -> None:
        text = self.text.toPlainText()
        if not text.strip():
            self.parsed = None
            self.store_button.setEnabled(False)
            return
        p = parse_notice_text(text, kinds=self.rules.notice_kinds)
        self.parsed = p
        self.store_anyway.setChecked(False)
        self.store_anyway.setVisible(p.recognised_nothing)
        self.kind.setCurrentIndex(max(0, self.kind.findData(p.kind)))
        self.points.setValue(p.points or 0)
        self.category.setCurrentIndex(max(0, self.category.findData(p.category
                                                                     or p.default_category)))
        self.listing.setText(", ".join(p.listing_ids) or p.listing_id or "")
        self.issued.setDateTime(_qdatetime(p.issued_at))
        deadline = p.appeal_deadline or self.rules.appeal_deadline(p.kind, p.issued_at)
        self.deadline.setDateTime(_qdatetime(deadline))
        self.has_deadline.setChecked(p.appeal_deadline is not None)
        self.deadline.setEnabled(p.appeal_deadline is not None)
        for name, hint in self.evidence.items():
            if name in p.assumed:
                text = self.tr("not in the text")
            elif name == "category" and name in p.uncertain:
                text = self.tr("not in the text: the kind's ledger")
            elif name == "appeal_deadline" and p.recognised_nothing:
                text = self.tr("not in the text: none is set")
            elif name == "appeal_deadline" and p.appeal_deadline is None:
                text = self.tr("not in the text: the rule's default window")
            else:
                text = p.evidence.get(name, self.tr("not found") if name != "kind" else
                                      self.tr("not recognised: kept as “other”"))
            hint.setText(text)
        self._update_store()

    def _update_store(self) -> None:
        p = self.parsed
        self.store_button.setEnabled(p is not None and (not p.recognised_nothing
                                                        or self.store_anyway.isChecked()))

    def record(self) -> NoticeRecord | None:
        """The notice as corrected in the form."""
        if self.parsed is None:
            return None
        p = self.parsed
        nothing = p.recognised_nothing
        p.kind = self.kind.currentData()
        p.label = next((k.label for k in self.rules.notice_kinds if k.kind == p.kind), "")
        p.points = self.points.value()
        p.category = self.category.currentData()
        p.listing_ids = listing_ids_from(self.listing.text())
        p.listing_id = p.listing_ids[0] if p.listing_ids else None
        p.issued_at = _from_qdatetime(self.issued.dateTime())
        p.appeal_deadline = (_from_qdatetime(self.deadline.dateTime())
                             if self.has_deadline.isChecked() else None)
        record = p.to_record()
        if nothing and p.kind == OTHER and not p.points and not p.listing_ids:
            # still nothing but the seller's "store it anyway": no deadline is invented
            record = replace(record, rule_deadline=False)
        return record

    def store(self) -> None:
        record = self.record()
        if record is None:
            return
        self.store_button.setEnabled(False)
        self.error.hide()
        if not self.submit(ImportJob(self.db_path, self.shop.id, notices=[record],
                                     profile=self.profile, detection=self.detection,
                                     key=f"notice:{self.shop.id}")):
            self.store_button.setEnabled(True)
            self._show_error(self.tr("This notice is being stored already."))

    def _show_error(self, text: str, detail: str = "") -> None:
        self.error.setText(text)
        self.error.setToolTip(detail)
        self.error.show()

    def _finished(self, job: Job, result: Any) -> None:
        if isinstance(result, JobError):
            result = ImportResult(False, result.message, "internal")
        self.result = result
        if result.ok:
            self.accept()
            return
        self.store_button.setEnabled(True)
        self._show_error(labels.failure_text(result.error_kind, result.error), result.error)

__all__ = ["ImportFileDialog", "ImportJob", "ImportResult", "PasteNoticeDialog"]
