"""The evidence form of the appeal editor: one input per field the chosen template declares,
built from the field specs, with the problems of each field shown beside it.

The form holds raw input (what the seller typed); ``shopwatch.appeals.evidence.normalise``
turns it into stored evidence. Files are copied into the profile as soon as they are added,
so the appeal cites exactly the file the seller picked."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopwatch.appeals.evidence import (
    FILES,
    IDS,
    TEXT,
    TEXTS,
    EvidenceError,
    EvidenceProblem,
    FieldSpec,
)
from shopwatch.ui import theme

#: text fields that hold sentences, not a name: a multi-line box
LONG_TEXT_FIELDS = frozenset({"root_cause", "statement", "notes"})


class FileListInput(QWidget):
    """Files evidence: a list with Add… / Remove; each entry is a stored file record."""

    changed = Signal()

    def __init__(self, add_file: Callable[[Path], dict[str, Any]], parent: QWidget | None = None):
        super().__init__(parent)
        self._add_file = add_file
        self.list = QListWidget()
        self.list.setMaximumHeight(80)
        self.add_button = QPushButton(self.tr("Add…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.add_button.clicked.connect(self._choose)
        self.remove_button.clicked.connect(self._remove)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def records(self) -> list[dict[str, Any]]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def set_records(self, records: Iterable[Mapping[str, Any]]) -> None:
        self.list.clear()
        for record in records:
            self._append(dict(record))

    def _append(self, record: dict[str, Any]) -> None:
        if any(r.get("sha256") == record.get("sha256") for r in self.records()):
            return
        item = QListWidgetItem(str(record.get("name", "")))
        item.setData(Qt.ItemDataRole.UserRole, record)
        item.setToolTip(self.tr("SHA-256: %1\nStored as: %2").replace(
            "%1", str(record.get("sha256", ""))).replace("%2", str(record.get("path", ""))))
        self.list.addItem(item)

    def add_paths(self, paths: Iterable[Path]) -> list[str]:
        """Copy files into the profile and list them; returns the error messages."""
        errors = []
        for path in paths:
            try:
                self._append(self._add_file(Path(path)))
            except EvidenceError as exc:
                errors += [p.message for p in exc.problems]
            except OSError as exc:
                errors.append(f"{path}: {exc}")
        self.changed.emit()
        return errors

    def _choose(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add evidence files"), "",
            self.tr("Documents and images (*.pdf *.jpg *.jpeg *.png *.gif *.webp *.bmp *.tif "
                    "*.tiff *.heic *.ofd *.doc *.docx *.xls *.xlsx *.txt)"))
        errors = self.add_paths(Path(p) for p in paths)
        if errors:
            QMessageBox.warning(self, self.tr("Some files were not added"), "\n".join(errors))

    def _remove(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.changed.emit()


class EvidenceForm(QWidget):
    """Inputs for the template's fields; ``changed`` fires on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QFormLayout(self)
        self._layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._specs: list[FieldSpec] = []
        self.inputs: dict[str, QWidget] = {}
        self._labels: dict[str, QLabel] = {}
        self._add_file: Callable[[Path], dict[str, Any]] = _no_files

    # building -------------------------------------------------------------------------

    def field_label(self, spec: FieldSpec) -> str:
        labels = {
            "order_ids": self.tr("Order numbers"),
            "logistics_company": self.tr("Logistics company"),
            "tracking_numbers": self.tr("Tracking numbers"),
            "chat_excerpts": self.tr("Buyer chat excerpts"),
            "invoices": self.tr("Purchase invoices"),
            "brand_authorisations": self.tr("Brand authorisation"),
            "attachments": self.tr("Other attachments"),
            "brand_name": self.tr("Brand"),
            "supplier": self.tr("Supplier"),
            "root_cause": self.tr("Root cause"),
            "corrective_actions": self.tr("Corrective actions taken"),
            "preventive_actions": self.tr("Preventive measures"),
            "self_check": self.tr("Self-check results"),
            "statement": self.tr("Statement of facts"),
            "notes": self.tr("Additional notes"),
            "contact": self.tr("Contact"),
        }
        return labels.get(spec.name, spec.label_en)

    def _placeholder(self, spec: FieldSpec) -> str:
        if spec.type == IDS:
            return self.tr("Separate several with commas or spaces")
        if spec.type == TEXTS:
            return self.tr("One entry per paragraph: leave a blank line between entries")
        return ""

    def set_fields(self, specs: Iterable[FieldSpec], required: Iterable[str],
                   values: Mapping[str, Any], add_file: Callable[[Path], dict[str, Any]]) -> None:
        """Rebuild the inputs for these fields, filled with ``values`` (stored evidence)."""
        self._add_file = add_file
        while self._layout.rowCount():
            self._layout.removeRow(0)
        self.inputs.clear()
        self._labels.clear()
        self._specs = list(specs)
        required = set(required)
        for spec in self._specs:
            widget = self._make_input(spec, values.get(spec.name))
            label = QLabel(self.field_label(spec) + (" *" if spec.name in required else ""))
            label.setToolTip(self.tr("Required") if spec.name in required else self.tr("Optional"))
            self.inputs[spec.name] = widget
            self._labels[spec.name] = label
            self._layout.addRow(label, widget)

    def _make_input(self, spec: FieldSpec, value: Any) -> QWidget:
        if spec.type == FILES:
            widget = FileListInput(self._add_file)
            widget.set_records(value or [])
            widget.changed.connect(self.changed)
            return widget
        if spec.type == TEXTS or (spec.type == TEXT and spec.name in LONG_TEXT_FIELDS):
            box = QPlainTextEdit()
            box.setTabChangesFocus(True)
            box.setMaximumHeight(90)
            if spec.type == TEXTS:
                box.setPlainText("\n\n".join(str(v) for v in (value or [])))
            else:
                box.setPlainText(str(value or ""))
            box.setPlaceholderText(self._placeholder(spec))
            box.textChanged.connect(self.changed)
            return box
        line = QLineEdit()
        if spec.type == IDS:
            line.setText(", ".join(str(v) for v in (value or [])))
        else:
            line.setText(str(value or ""))
        line.setPlaceholderText(self._placeholder(spec))
        line.textChanged.connect(self.changed)
        return line

    # reading --------------------------------------------------------------------------

    def raw_values(self) -> dict[str, Any]:
        """The form as evidence input: ids as typed text, texts split at blank lines."""
        out: dict[str, Any] = {}
        for spec in self._specs:
            widget = self.inputs[spec.name]
            if isinstance(widget, FileListInput):
                out[spec.name] = widget.records()
            elif isinstance(widget, QPlainTextEdit):
                text = widget.toPlainText()
                if spec.type == TEXTS:
                    out[spec.name] = [p.strip() for p in _paragraphs(text) if p.strip()]
                else:
                    out[spec.name] = text
            elif isinstance(widget, QLineEdit):
                out[spec.name] = widget.text()
        return out

    def set_value(self, name: str, value: Any) -> None:
        """Fill one input (used by tests and by "fill from notice" helpers)."""
        widget = self.inputs[name]
        if isinstance(widget, FileListInput):
            widget.set_records(value)
            widget.changed.emit()
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText("\n\n".join(value) if isinstance(value, list) else str(value))
        elif isinstance(widget, QLineEdit):
            widget.setText(", ".join(value) if isinstance(value, list) else str(value))

    def show_problems(self, problems: Iterable[EvidenceProblem], missing: Iterable[str]) -> None:
        """Mark fields in error (red, reason in the tooltip) and missing required ones."""
        by_field: dict[str, list[str]] = {}
        for problem in problems:
            by_field.setdefault(problem.field, []).append(problem.message)
        missing = set(missing)
        for name, widget in self.inputs.items():
            messages = by_field.get(name, [])
            if name in missing:
                messages = [self.tr("Required for this template"), *messages]
            theme.set_invalid(widget, bool(messages))
            widget.setToolTip("\n".join(messages))


def _paragraphs(text: str) -> list[str]:
    blocks, current = [], []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.strip():
            current.append(line)
        elif current:
            blocks.append("\n".join(current))
            current = []
    if current:
        blocks.append("\n".join(current))
    return blocks


def _no_files(path: Path) -> dict[str, Any]:
    raise EvidenceError([EvidenceProblem("", "file_missing", "Choose a notice first.", str(path))])
