"""Settings → Detection: the thresholds of the detection rules, each with what it means.
Values are saved as they change and apply from the next sync."""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shopwatch.config import DetectionSettings
from shopwatch.ui.session import Session
from shopwatch.ui.widgets.cards import button, label


class DetectionForm(QScrollArea):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWidgetResizable(True)
        inner = QWidget()
        self.setWidget(inner)
        column = QVBoxLayout(inner)
        column.setContentsMargins(22, 20, 22, 20)
        column.setSpacing(12)
        column.addWidget(label(self.tr(
            "How sensitive the alerts are. The defaults suit a small shop; change them if "
            "you get too many or too few alerts."), "muted", wrap=True))
        self.form = QFormLayout()
        self.form.setHorizontalSpacing(16)
        self.form.setVerticalSpacing(4)
        column.addLayout(self.form)
        self.widgets: dict[str, QWidget] = {}

        self._int("demote_baseline_days", self.tr("Traffic baseline"), 3, 60, self.tr(" days"),
                  self.tr("Days of traffic the normal level is measured over."))
        self._int("demote_recent_days", self.tr("Recent window"), 1, 14, self.tr(" days"),
                  self.tr("Every one of these latest days must be low to suspect a demotion."))
        self._percent("demote_drop_ratio", self.tr("Demotion at or below"),
                      self.tr("Recent visits at or below this share of the normal level count "
                              "as collapsed."))
        self._float("demote_min_baseline_visits", self.tr("Minimum traffic"), 1, 10_000,
                    self.tr(" visits/day"),
                    self.tr("Listings with less normal traffic are too noisy to judge."))
        self._percent("mass_disappearance_share", self.tr("Mass disappearance at"),
                      self.tr("This share of the shop vanishing in one sync raises a loud alert."))
        self._int("mass_disappearance_min_items", self.tr("…and at least"), 1, 10_000,
                  self.tr(" listings"), "")
        self._int("points_warn_within", self.tr("Warn before a threshold"), 0, 24,
                  self.tr(" points"),
                  self.tr("Warn when a point ledger is this close to the next threshold."))
        self.hours = QLineEdit(", ".join(str(h) for h in session.settings.detection
                                         .deadline_warn_hours))
        self.hours.editingFinished.connect(self._save_hours)
        self._row(self.tr("Appeal deadline warnings"), self.hours,
                  self.tr("Hours before a deadline to warn, separated by commas (e.g. 72, 24)."))
        self._int("sync_failing_runs", self.tr("Alert after failed syncs"), 1, 50,
                  self.tr(" in a row"), self.tr("Failed syncs in a row before alerting."))
        self._int("max_lookups_per_run", self.tr("Look-ups per sync"), 0, 100_000, "",
                  self.tr("Missing listings checked one by one per sync; the rest wait for the "
                          "next sync."))
        reset = button(self.tr("Restore defaults"))
        reset.clicked.connect(self.restore_defaults)
        row = QHBoxLayout()
        row.addWidget(reset)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)

    # --- rows -----------------------------------------------------------------------------------

    def _row(self, title: str, widget: QWidget, hint: str) -> None:
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(widget)
        if hint:
            box.addWidget(label(hint, "hint", wrap=True))
        box.addSpacing(6)
        self.form.addRow(title, box)

    def _int(self, name: str, title: str, lo: int, hi: int, suffix: str, hint: str) -> None:
        spin = QSpinBox()
        spin.setRange(lo, hi)
        spin.setSuffix(suffix)
        spin.setValue(int(getattr(self.session.settings.detection, name)))
        spin.setMaximumWidth(180)
        spin.valueChanged.connect(lambda v, n=name: self._save(n, int(v)))
        self.widgets[name] = spin
        self._row(title, spin, hint)

    def _float(self, name: str, title: str, lo: float, hi: float, suffix: str, hint: str) -> None:
        spin = QDoubleSpinBox()
        spin.setRange(lo, hi)
        spin.setDecimals(0)
        spin.setSuffix(suffix)
        spin.setValue(float(getattr(self.session.settings.detection, name)))
        spin.setMaximumWidth(180)
        spin.valueChanged.connect(lambda v, n=name: self._save(n, float(v)))
        self.widgets[name] = spin
        self._row(title, spin, hint)

    def _percent(self, name: str, title: str, hint: str) -> None:
        spin = QSpinBox()
        spin.setRange(5, 95)
        spin.setSingleStep(5)
        spin.setSuffix(" %")
        spin.setValue(round(float(getattr(self.session.settings.detection, name)) * 100))
        spin.setMaximumWidth(180)
        spin.valueChanged.connect(lambda v, n=name: self._save(n, v / 100))
        self.widgets[name] = spin
        self._row(title, spin, hint)

    # --- saving -----------------------------------------------------------------------------------

    def _save(self, name: str, value: object) -> None:
        setattr(self.session.settings.detection, name, value)
        self.session.save_settings()

    def _save_hours(self) -> None:
        try:
            hours = tuple(sorted({int(part) for part in self.hours.text().replace("，", ",")
                                  .split(",") if part.strip()}, reverse=True))
        except ValueError:
            hours = ()
        if not hours or any(h <= 0 for h in hours):
            hours = self.session.settings.detection.deadline_warn_hours
        self.hours.setText(", ".join(str(h) for h in hours))
        self._save("deadline_warn_hours", hours)

    def restore_defaults(self) -> None:
        defaults = DetectionSettings()
        for f in fields(DetectionSettings):
            widget = self.widgets.get(f.name)
            value = getattr(defaults, f.name)
            if isinstance(widget, QSpinBox) and widget.suffix() == " %":
                widget.setValue(round(value * 100))
            elif isinstance(widget, QSpinBox | QDoubleSpinBox):
                widget.setValue(value)
        self.hours.setText(", ".join(str(h) for h in defaults.deadline_warn_hours))
        self.session.settings.detection = defaults
        self.session.save_settings()
