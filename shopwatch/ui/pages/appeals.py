"""The Appeals page: pick a notice, take the suggested template, fill in the evidence, watch
the letter appear, edit it, then copy or export it and mark it submitted.

Drafting logic lives in ``shopwatch.appeals``; this page lays it out. It opens its own
database connection (a connection belongs to the thread that opened it)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from shopwatch.appeals import draft
from shopwatch.appeals.context import CHINA_TZ, DEFAULT_LANGUAGE
from shopwatch.appeals.evidence import EvidenceError, import_file, normalise
from shopwatch.appeals.export import ExportError, export_docx, export_text, format_for, to_html
from shopwatch.appeals.markup import to_text
from shopwatch.appeals.templates import TemplateError, TemplateInfo, TemplateLibrary
from shopwatch.models import Appeal, Notice
from shopwatch.timeutil import iso, now_utc
from shopwatch.ui import fmt, labels, theme
from shopwatch.ui.appeal_desk import AppealDesk, AppealsView, NotFound, appeals_view
from shopwatch.ui.pages.appeal_evidence import EvidenceForm
from shopwatch.ui.widgets.letter_editor import LetterEditor
from shopwatch.ui.workers import run_query

LANGUAGE_NAMES = (("zh_CN", "中文（简体）"), ("en", "English"))
REGENERATE_DELAY_MS = 250
PREVIEW_DELAY_MS = 150


class AppealsPage(QWidget):
    """The appeal editor. ``appeal_changed(notice_id)`` fires when an appeal is saved or its
    status changes, so other pages (notices, overview) can refresh."""

    appeal_changed = Signal(int)
    exhibit_done = Signal(object)  # an exhibit bundle's manifest, or the exception

    def __init__(self, desk: AppealDesk | Path, profile: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if not isinstance(desk, AppealDesk):  # a database path: the editor on its own
            desk = AppealDesk.open(Path(desk))
            # closes with the widget; the lambda holds the desk, not the page
            self.destroyed.connect(lambda *_args, d=desk: d.close())
        self._desk = desk
        self._profile = Path(profile)
        self._library = TemplateLibrary.for_profile(self._profile)
        self._facts: draft.Facts | None = None
        self._appeal: Appeal | None = None  # the appeal on screen (None: not saved yet)
        self._info: TemplateInfo | None = None
        self._evidence: dict[str, Any] = {}  # every field recorded, not only this template's
        self._generated: str | None = None  # the letter as last generated from the evidence
        self._pending: str | None = None  # a newer generated letter not applied over edits
        self._verify_files = False
        self._quiet_depth = 0  # >0 while the page itself fills widgets: not the user's edits
        self._filled = False  # the notice list has been read once (later reads run off-thread)
        self._refreshes = 0  # the newest refresh asked for (older answers are dropped)
        self._dirty = False
        self._input_seen = False  # the seller has typed evidence for the notice on screen
        self._regen_timer = _single_shot(self, REGENERATE_DELAY_MS, self._regenerate)
        self._preview_timer = _single_shot(self, PREVIEW_DELAY_MS, self._update_preview)
        self._build()
        self.refresh()

    # layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.notice_combo = QComboBox()
        self.notice_combo.currentIndexChanged.connect(self._notice_chosen)
        self.deadline_label = QLabel()
        self.deadline_label.setWordWrap(True)
        self.notice_text = QLabel()
        self.notice_text.setWordWrap(True)
        self.notice_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.template_combo = QComboBox()
        self.template_combo.currentIndexChanged.connect(self._template_chosen)
        self.language_combo = QComboBox()
        for code, name in LANGUAGE_NAMES:
            self.language_combo.addItem(name, code)
        self.language_combo.currentIndexChanged.connect(self._template_chosen)
        for combo in (self.notice_combo, self.template_combo):
            # a long notice caption or template title must not widen the column past the
            # window (at 1024 px the form scrolled sideways): the combo elides, its list and
            # its tooltip show the whole text
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
            combo.currentIndexChanged.connect(
                lambda _i, c=combo: c.setToolTip(c.currentText()))
        self.template_description = QLabel()
        self.template_description.setWordWrap(True)
        self.form = EvidenceForm()
        self.form.changed.connect(self._evidence_edited)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)

        choose = QFormLayout()
        choose.addRow(self.tr("Notice"), self.notice_combo)
        choose.addRow("", self.deadline_label)
        choose.addRow("", self.notice_text)
        choose.addRow(self.tr("Template"), self.template_combo)
        choose.addRow(self.tr("Letter language"), self.language_combo)
        choose.addRow("", self.template_description)
        # The notice, the template and the whole evidence form scroll as one full-height
        # column (not a cramped box of their own); what is missing stays in view below it.
        column = QWidget()
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 6, 0)
        column_layout.addLayout(choose)
        evidence_title = QLabel(self.tr("Evidence"))
        evidence_title.setProperty("role", "heading")
        column_layout.addWidget(evidence_title)
        column_layout.addWidget(self.form)
        column_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        # the column takes the width it is given and scrolls only up and down
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(column)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(scroll, 1)
        left_layout.addWidget(self.status_label)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.regenerate_button = QPushButton(self.tr("Regenerate letter"))
        self.regenerate_button.clicked.connect(self.regenerate_letter)
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.regenerate_button)
        self.preview = QTextBrowser()
        self.preview.setOpenExternalLinks(False)
        # formatted editing: the seller never sees the letter's Markdown markers
        self.editor = LetterEditor()
        self.editor.textChanged.connect(self._letter_edited)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.preview, self.tr("Preview"))
        self.tabs.addTab(self.editor, self.tr("Edit"))
        # an Amazon Plan of Action is written in English; a seller who reads Chinese sees
        # what each of its sections must say, beside it (appeals.poa_explain)
        self.explain = QTextBrowser()
        self.explain.setOpenExternalLinks(False)
        self._explain_tab = self.tabs.addTab(self.explain, self.tr("Chinese side by side"))
        self.tabs.setTabVisible(self._explain_tab, False)

        self.appeal_label = QLabel()
        self.save_button = QPushButton(self.tr("Save draft"))
        self.copy_button = QPushButton(self.tr("Copy"))
        self.export_button = QPushButton(self.tr("Export…"))
        self.submit_button = QPushButton(self.tr("Mark submitted"))
        self.accept_button = QPushButton(self.tr("Accepted"))
        self.reject_button = QPushButton(self.tr("Rejected"))
        self.reopen_button = QPushButton(self.tr("Not submitted yet"))
        self.new_draft_button = QPushButton(self.tr("New draft"))
        self.exhibit_button = QPushButton(self.tr("Exhibit bundle…"))
        self.exhibit_button.setToolTip(self.tr(
            "A zip to attach to the appeal: a PDF summary (the listing before the penalty, its "
            "history and traffic, the notice, your evidence), the platform's raw records and "
            "your files, each with its SHA-256 hash"))
        self.exhibit_button.clicked.connect(self._exhibit_dialog)
        self.save_button.clicked.connect(self.save)
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        self.export_button.clicked.connect(self._export_dialog)
        self.submit_button.clicked.connect(lambda: self.mark(draft.SUBMITTED))
        self.accept_button.clicked.connect(lambda: self.mark(draft.ACCEPTED))
        self.reject_button.clicked.connect(lambda: self.mark(draft.REJECTED))
        self.reopen_button.clicked.connect(lambda: self.mark(draft.DRAFT))
        self.new_draft_button.clicked.connect(self.new_draft)
        self.submit_button.setToolTip(self.tr("Record that you sent this appeal to the platform. "
                                              "Deadline warnings for the notice stop."))
        self.reopen_button.setToolTip(self.tr("Undo 'Mark submitted': deadline warnings resume."))
        # two rows, so that at 1024 px every button keeps its whole text: the letter's own
        # actions, then its life cycle
        actions = QHBoxLayout()
        for button in (self.save_button, self.copy_button, self.export_button):
            actions.addWidget(button)
        actions.addStretch(1)
        lifecycle = QHBoxLayout()
        for button in (self.submit_button, self.accept_button, self.reject_button,
                       self.reopen_button, self.new_draft_button):
            lifecycle.addWidget(button)
        lifecycle.addStretch(1)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addLayout(banner_row)
        right_layout.addWidget(self.tabs, 1)
        # its own line (the buttons keep their text), with the exhibit bundle beside it
        state_row = QHBoxLayout()
        state_row.addWidget(self.appeal_label, 1)
        state_row.addWidget(self.exhibit_button)
        right_layout.addLayout(state_row)
        right_layout.addLayout(actions)
        right_layout.addLayout(lifecycle)
        # never narrower than the widest row of buttons (a split must not clip them)
        right.setMinimumWidth(max(
            sum(b.sizeHint().width() for b in (self.save_button, self.copy_button,
                                                self.export_button)),
            sum(b.sizeHint().width() for b in (self.accept_button, self.reject_button,
                                                self.reopen_button))) + 40)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        left.setMinimumWidth(280)
        splitter.setSizes([540, 560])  # the evidence form needs the room more than the buttons
        self.empty_label = QLabel(self.tr("No penalty notices yet. When the platform issues "
                                          "one, draft its appeal here."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(splitter, 1)
        self._splitter = splitter
        self._show_banner(None)

    @property
    def _loading(self) -> bool:
        return self._quiet_depth > 0

    @contextmanager
    def _quiet(self) -> Iterator[None]:
        self._quiet_depth += 1
        try:
            yield
        finally:
            self._quiet_depth -= 1

    # public ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the notices (after a sync) off the GUI thread; the notice on screen stays,
        with fresh facts. The first fill, when the page is made, reads at once."""
        if not self._filled:
            self._filled = True
            self._show_notices(self._desk.notices(), self.current_notice_id(), None)
            return
        shown, profile = self.current_notice_id(), self._profile
        self._refreshes += 1
        generation = self._refreshes
        run_query(self._desk.db_path, lambda db: appeals_view(db, shown, profile=profile),
                  lambda view: self._on_view(generation, shown, view), owner=self)

    def _on_view(self, generation: int, shown: int | None, view: AppealsView) -> None:
        if generation != self._refreshes:  # a newer refresh is on its way
            return
        if self.current_notice_id() != shown:  # the seller moved on meanwhile: keep theirs
            shown, facts = self.current_notice_id(), None
        else:
            facts = view.facts
        self._show_notices(view.notices, shown, facts)

    def _show_notices(self, notices: list[Notice], current: int | None,
                      facts: draft.Facts | None) -> None:
        with self._quiet():
            self.notice_combo.clear()
            for notice in notices:
                self.notice_combo.addItem(self._notice_caption(notice), notice.id)
        has_notices = bool(notices)
        self.empty_label.setVisible(not has_notices)
        self._splitter.setVisible(has_notices)
        if not has_notices:
            self._facts = None
            return
        index = self.notice_combo.findData(current) if current is not None else -1
        if index >= 0:
            self._select_quietly(index)
            self._facts = facts or self._desk.load_facts(current, profile=self._profile)
            self._show_facts()
            self._update_buttons()
        else:
            self._select_quietly(self._first_open_index(notices))
            self._load_notice(self.notice_combo.currentData())

    def open_notice(self, notice_id: int) -> None:
        """Show the appeal for ``notice_id`` (the alert's or notice list's "Draft appeal")."""
        index = self.notice_combo.findData(notice_id)
        if index < 0:  # a notice newer than the list: read the list now
            self._show_notices(self._desk.notices(), self.current_notice_id(), None)
            index = self.notice_combo.findData(notice_id)
            if index < 0:
                return
        self._save_if_dirty()
        self._select_quietly(index)
        self._load_notice(notice_id)

    def current_notice_id(self) -> int | None:
        return self.notice_combo.currentData() if self.notice_combo.count() else None

    def current_appeal(self) -> Appeal | None:
        return self._appeal

    def letter(self) -> str:
        """The letter as it stands (the seller's edits included), Markdown-subset source."""
        return self.editor.source()

    def save(self) -> Appeal | None:
        """Store the draft: evidence, template, language and the letter with any edits."""
        if self._facts is None or self._info is None:
            return None
        if self._appeal is not None and self._appeal.status != draft.DRAFT:
            return self._appeal
        self._regenerate()  # evidence typed in the last instant counts too
        try:
            self._appeal = self._desk.save_draft(
                notice_id=self._facts.notice.id, template=self._info.name,
                language=self._info.language, evidence=self._evidence, body=self.letter(),
                generated=self._generated, now=now_utc(),
                appeal_id=self._appeal.id if self._appeal else None)
        except draft.AppealStateError as exc:
            self._warn(str(exc))
            return None
        self._dirty = False
        self._update_buttons()
        self.appeal_changed.emit(self._facts.notice.id)
        return self._appeal

    def copy_to_clipboard(self) -> None:
        if self.letter().strip():
            QGuiApplication.clipboard().setText(to_text(self.letter()))
            self._set_status(self.tr("The letter was copied. Paste it into the platform's "
                                     "appeal form."))

    def export_to(self, path: Path) -> Path:
        """Write the letter to ``path`` (.txt, .md, .docx or .pdf, by its extension)."""
        body = self.letter()
        if not body.strip():
            raise ExportError(self.tr("There is no letter to export yet."))
        if self._appeal is None or self._appeal.status == draft.DRAFT:
            self.save()
        path = Path(path)
        fmt_name = format_for(path)
        language = self._info.language if self._info else DEFAULT_LANGUAGE
        if fmt_name in ("txt", "md"):
            return export_text(body, path, markdown=fmt_name == "md")
        if fmt_name == "docx":
            return export_docx(body, path, language=language)
        from shopwatch.ui.pdf_export import export_pdf

        return export_pdf(body, path)

    def _exhibit_dialog(self) -> None:
        if self._facts is None:
            return
        notice = self._facts.notice
        default = str(Path.home() / f"exhibit-{notice.id}.zip")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the exhibit bundle"), default,
                                              self.tr("Zip archive (*.zip)"))
        if path:
            self.make_exhibit(Path(path))

    def make_exhibit(self, output: Path) -> None:
        """The exhibit bundle for the notice on screen, in the letter's language: read and
        drawn here (the PDF is Qt's), zipped with the raw records on a pool thread."""
        import shutil
        import tempfile

        from shopwatch.appeals.exhibit import ExhibitError, exhibits, write_bundle
        from shopwatch.ui.exhibit_pdf import render

        if self._facts is None:
            return
        letter_language = self._info.language if self._info else DEFAULT_LANGUAGE
        language = "zh" if letter_language.startswith("zh") else "en"  # the exhibit's codes
        try:
            data = self._desk.exhibit_data(self._facts.notice.id, profile=self._profile,
                                           language=language)
            folder = Path(tempfile.mkdtemp(prefix="shopwatch-exhibit-"))
            drawn = folder / "exhibit.pdf"
            render(data, drawn)
        except (ExhibitError, ExportError, OSError) as exc:
            self._exhibit_failed(exc)
            return
        self.exhibit_button.setEnabled(False)
        self._set_status(self.tr("Making the exhibit bundle…"))

        def finish(result) -> None:
            shutil.rmtree(folder, ignore_errors=True)
            self.exhibit_button.setEnabled(True)
            if isinstance(result, BaseException):
                self._exhibit_failed(result)
                return
            self._set_status(self.tr("Saved the exhibit bundle %1: %n file(s), each with its "
                                     "SHA-256 in manifest.json.", "", len(result["files"]))
                             .replace("%1", str(output)))
            self._cite_exhibits(exhibits(data), letter_language)
            self.exhibit_done.emit(result)

        run_query(self._desk.db_path,
                  lambda db: write_bundle(db, data, output,
                                          lambda _data, pdf: shutil.copyfile(drawn, pdf)),
                  finish, finish, owner=self)

    def _cite_exhibits(self, items, language: str) -> None:
        """A draft letter gets the bundle's exhibit list at its end, numbered as in the bundle
        (a list added before is replaced), and is saved with it."""
        from shopwatch.appeals.exhibit import with_exhibits

        editable = self._appeal is None or self._appeal.status == draft.DRAFT
        if not editable or not self.letter().strip():
            return
        self._set_letter(with_exhibits(self.letter(), items, language))
        self._dirty = True
        self.save()

    def _exhibit_failed(self, exc: BaseException) -> None:
        self._set_status(self.tr("The exhibit bundle was not made: %1").replace("%1", str(exc)),
                         error=True)
        self.exhibit_done.emit(exc)

    def mark(self, status: str) -> Appeal | None:
        """Move the appeal to ``status`` (submitted, accepted, rejected, or back to draft)."""
        if self._facts is None:
            return None
        if status == draft.SUBMITTED:
            if not self.letter().strip():
                self._warn(self.tr("Complete the letter before marking it submitted."))
                return None
            self.save()
        if self._appeal is None:
            return None
        try:
            self._appeal = self._desk.change_status(self._appeal.id, status, now_utc())
        except draft.AppealStateError as exc:
            self._warn(str(exc))
            return None
        self._facts = self._desk.load_facts(self._facts.notice.id, profile=self._profile)
        self._refresh_caption()
        self._show_facts()
        self._update_buttons()
        self.appeal_changed.emit(self._facts.notice.id)
        return self._appeal

    def new_draft(self) -> None:
        """Start another draft for the notice (after a rejection), from the same evidence."""
        if self._facts is None:
            return
        self._appeal = None
        self._generated = None
        self._set_letter("")
        self._regenerate()
        self._update_buttons()

    def regenerate_letter(self) -> None:
        """Replace the letter (and any edits) with one generated from the evidence."""
        if self._pending is not None:
            self._generated = self._pending
            self._set_letter(self._pending)
        self._show_banner(None)
        self._dirty = True

    # loading ---------------------------------------------------------------------------

    def _notice_caption(self, notice) -> str:
        listing = self._desk.listing(notice.shop_id, notice.listing_id) \
            if notice.listing_id else None
        parts = [f"#{notice.id}", labels.notice_kind(notice.kind)]
        if listing is not None:
            parts.append(listing.title[:24] + ("…" if len(listing.title) > 24 else ""))
        elif notice.title:
            parts.append(notice.title)
        parts.append(labels.notice_status(notice.status))
        return " · ".join(parts)

    def _refresh_caption(self) -> None:
        if self._facts is not None:
            index = self.notice_combo.findData(self._facts.notice.id)
            if index >= 0:
                self.notice_combo.setItemText(index, self._notice_caption(self._facts.notice))

    @staticmethod
    def _first_open_index(notices) -> int:
        for index, notice in enumerate(notices):
            if notice.status == "open":
                return index
        return 0

    def _select_quietly(self, index: int) -> None:
        with self._quiet():
            self.notice_combo.setCurrentIndex(index)

    def _notice_chosen(self, index: int) -> None:
        if self._loading or index < 0:
            return
        self._save_if_dirty()
        self._load_notice(self.notice_combo.itemData(index))

    def _load_notice(self, notice_id: int | None) -> None:
        if notice_id is None:
            return
        self._input_seen = False
        try:
            self._facts = self._desk.load_facts(notice_id, profile=self._profile)
        except NotFound:
            self.refresh()
            return
        self._appeal = self._desk.latest_appeal(notice_id)
        self._evidence = self._desk.stored_evidence(notice_id)
        self._verify_files = True
        language = self._appeal.language if self._appeal else DEFAULT_LANGUAGE
        with self._quiet():
            self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(language)))
            self._fill_templates(self._appeal.template if self._appeal else None)
        body = self._appeal.body if self._appeal else ""
        self._generated = body if self._appeal and not draft.is_edited(self._appeal) else None
        self._set_letter(body)
        self._show_facts()
        self._apply_template()
        self._dirty = False

    def _fill_templates(self, preferred: str | None) -> None:
        """The templates for the notice's kind, the suggested one first."""
        assert self._facts is not None
        language = self.language_combo.currentData()
        self.template_combo.clear()
        options = self._library.for_kind(self._facts.notice.kind, language)
        for n, info in enumerate(options):
            caption = info.title + (self.tr(" (suggested)") if n == 0 else "")
            if info.source == "user":
                caption += self.tr(" — yours")
            self.template_combo.addItem(caption, info.name)
        index = self.template_combo.findData(preferred) if preferred else -1
        self.template_combo.setCurrentIndex(max(0, index))

    def _template_chosen(self, _index: int) -> None:
        if self._loading or self._facts is None:
            return
        if self.sender() is self.language_combo:
            with self._quiet():
                self._fill_templates(self.template_combo.currentData())
        self._collect_form()
        self._apply_template()
        self._dirty = True

    def _apply_template(self) -> None:
        """Build the evidence form for the chosen template and draft the letter."""
        assert self._facts is not None
        name = self.template_combo.currentData()
        language = self.language_combo.currentData()
        self._info = None
        if name is None:
            self._set_status(self.tr("No template applies to this notice in this language. "
                                     "Add one to your templates folder."), error=True)
            return
        try:
            self._info = self._library.get(name, language)
        except TemplateError as exc:
            self._set_status(str(exc), error=True)
            return
        self.template_description.setText(self._info.description)
        with self._quiet():
            self.form.set_fields(self._info.specs(), self._info.required, self._evidence,
                                 add_file=self._import_file)
        self._regenerate()
        self._update_buttons()

    def _import_file(self, path: Path) -> dict[str, Any]:
        assert self._facts is not None
        return import_file(self._profile, self._facts.notice.id, path)

    # drafting --------------------------------------------------------------------------

    def _evidence_edited(self) -> None:
        if not self._loading:
            self._dirty = True
            self._input_seen = True
            self._regen_timer.start()

    def _collect_form(self) -> list:
        """Fold the form into the recorded evidence; returns the problems found."""
        if self._info is None:
            return []
        raw = self.form.raw_values()
        values, problems = normalise(raw, self._info.spec_map())
        for name in raw:  # a field emptied in the form is no longer evidence
            self._evidence.pop(name, None)
        self._evidence.update(values)
        return problems

    def _regenerate(self) -> None:
        self._regen_timer.stop()
        if self._facts is None or self._info is None:
            return
        problems = self._collect_form()
        try:
            # stored files are re-hashed when a notice is opened, not at every keystroke
            letter = self._desk.compose(self._library, self._facts, self._info,
                                   self._evidence, today=datetime.now(CHINA_TZ).date(),
                                   profile=self._profile if self._verify_files else None)
            self._verify_files = False
        except TemplateError as exc:
            self._set_status(str(exc), error=True)
            return
        problems += letter.warnings
        # missing fields are pointed out once the seller has started on the evidence, not
        # in red before anything was typed
        self.form.show_problems(problems, letter.missing if self._input_seen else ())
        editable = self._appeal is None or self._appeal.status == draft.DRAFT
        if problems:
            self._set_status("\n".join(p.message for p in problems), error=True)
        elif letter.missing:
            names = [self.form.field_label(self._info.spec_map()[n]) for n in letter.missing]
            self._set_status(self.tr("This template needs: %1").replace("%1", ", ".join(names)),
                             error=self._input_seen)
        else:
            self._set_status(self.tr("The letter is complete. Read it through and edit it "
                                     "where your case differs."))
        if not editable:
            return
        new_body = letter.body if letter.complete and not problems else None
        if not self._is_edited():
            # never a half-filled letter: an incomplete draft shows no letter
            self._generated = new_body
            self._set_letter(new_body or "")
            self._show_banner(None)
        elif new_body is not None and new_body != self._generated:
            self._pending = new_body
            self._show_banner(self.tr("The evidence or template changed after you edited the "
                                      "letter. Regenerate it to include the change (your edits "
                                      "will be replaced), or edit it by hand."))

    def _is_edited(self) -> bool:
        text = self.letter()
        return bool(text.strip()) and text != (self._generated or "")

    def _set_letter(self, body: str) -> None:
        with self._quiet():
            self.editor.set_source(body)
        self._update_preview()
        self._update_buttons()

    def _letter_edited(self) -> None:
        if self._loading:
            return
        self._dirty = True
        if not self._is_edited():
            self._show_banner(None)
        self._preview_timer.start()
        self._update_buttons()

    def _is_poa(self) -> bool:
        return self._info is not None and self._info.name.endswith("_poa")

    def _update_explanation(self, body: str) -> None:
        """The POA's sections, each with its Chinese explanation (only for a POA)."""
        import html

        from shopwatch.appeals import markup
        from shopwatch.appeals.poa_explain import side_by_side

        poa = self._is_poa()
        self.tabs.setTabVisible(self._explain_tab, poa)
        if not poa or not body.strip():
            self.explain.clear()
            return
        kind = self._facts.notice.kind if self._facts else None
        rows = "".join(
            f"<tr><td width='55%' valign='top'>"
            f"{html.escape(markup.to_text(pair.english)).replace(chr(10), '<br>')}</td>"
            f"<td width='45%' valign='top' style='color: {theme.color('muted')}'>"
            f"{html.escape(pair.chinese)}</td></tr>"
            for pair in side_by_side(body, kind))
        self.explain.setHtml(
            "<table cellspacing='0' cellpadding='6' width='100%'>"
            f"<tr><th align='left'>{html.escape(self.tr('The letter (English)'))}</th>"
            f"<th align='left'>{html.escape(self.tr('What the section must say (Chinese)'))}"
            f"</th></tr>{rows}</table>")

    def _update_preview(self) -> None:
        self._preview_timer.stop()
        body = self.letter()
        self._update_explanation(body)
        if body.strip():
            self.preview.setHtml(to_html(body))
        else:
            self.preview.setPlainText(self.tr("The letter appears here once the required "
                                              "evidence is filled in."))

    # state -----------------------------------------------------------------------------

    def _show_facts(self) -> None:
        facts = self._facts
        if facts is None:
            return
        notice = facts.notice
        self.notice_text.setText(notice.text or notice.title)
        if notice.status != "open":
            text = {
                "appealed": self.tr("Appeal submitted: deadline warnings are off."),
                "revoked": self.tr("The platform revoked this penalty."),
                "upheld": self.tr("The platform upheld this penalty."),
            }.get(notice.status, labels.notice_status(notice.status))
            self._paint(self.deadline_label, text, labels.NOTICE_STATUS_COLORS.get(notice.status))
            return
        if facts.deadline is None:
            self._paint(self.deadline_label, self.tr("No appeal deadline is known."), None)
            return
        left = draft.hours_left(facts.deadline, now_utc())
        when = fmt.datetime_text(iso(facts.deadline))
        if left is not None and left <= 0:
            text = self.tr("The appeal deadline passed (%1).").replace("%1", when)
            color = "severe"
        else:
            text = self.tr("Appeal by %1 (%2)").replace("%1", when).replace(
                "%2", fmt.relative_text(iso(facts.deadline)))
            color = "critical" if left <= 24 else "warning" if left <= 72 else None
        self._paint(self.deadline_label, text, color)

    def _update_buttons(self) -> None:
        status = self._appeal.status if self._appeal else draft.DRAFT
        has_letter = bool(self.letter().strip())
        editable = status == draft.DRAFT
        self.editor.setReadOnly(not editable)
        self.form.setEnabled(editable)
        self.template_combo.setEnabled(editable)
        self.language_combo.setEnabled(editable)
        self.save_button.setVisible(editable)
        self.submit_button.setVisible(editable)
        self.submit_button.setEnabled(has_letter)
        self.copy_button.setEnabled(has_letter)
        self.export_button.setEnabled(has_letter)
        submitted = status == draft.SUBMITTED
        self.accept_button.setVisible(submitted)
        self.reject_button.setVisible(submitted)
        self.reopen_button.setVisible(submitted)
        self.new_draft_button.setVisible(status in (draft.ACCEPTED, draft.REJECTED))
        if self._appeal is None:
            self.appeal_label.setText(self.tr("Not saved yet"))
        else:
            names = {draft.DRAFT: self.tr("Draft"), draft.SUBMITTED: self.tr("Submitted"),
                     draft.ACCEPTED: self.tr("Accepted"), draft.REJECTED: self.tr("Rejected")}
            self.appeal_label.setText(self.tr("%1 #%2 · %3").replace(
                "%1", names.get(status, status)).replace("%2", str(self._appeal.id)).replace(
                "%3", fmt.datetime_text(self._appeal.updated_at)))

    def _show_banner(self, text: str | None) -> None:
        self.banner.setText(text or "")
        self.banner.setVisible(bool(text))
        self.regenerate_button.setVisible(bool(text))
        if not text:
            self._pending = None

    def _set_status(self, text: str, *, error: bool = False) -> None:
        self._paint(self.status_label, text, "critical" if error else None)

    @staticmethod
    def _paint(label: QLabel, text: str, color: str | None) -> None:
        label.setText(text)
        theme.set_tone(label, color)  # a theme role, or None

    def _save_if_dirty(self) -> None:
        # switching notices must never lose typed evidence or edits
        if self._dirty and self._facts is not None:
            self.save()

    def _warn(self, message: str) -> None:
        self._set_status(message, error=True)
        if self.isVisible():
            QMessageBox.warning(self, self.tr("Appeal"), message)

    def _export_dialog(self) -> None:
        if self._facts is None:
            return
        default = self._profile / f"appeal-notice-{self._facts.notice.id}.docx"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the letter"), str(default),
            self.tr("Word document (*.docx);;PDF (*.pdf);;Text (*.txt)"))
        if not path:
            return
        try:
            written = self.export_to(Path(path))
        except (ExportError, EvidenceError, OSError) as exc:
            self._warn(str(exc))
            return
        self._set_status(self.tr("Saved %1").replace("%1", str(written)))


def _single_shot(parent: QWidget, delay_ms: int, slot) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(delay_ms)
    timer.timeout.connect(slot)
    return timer
