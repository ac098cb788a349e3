"""Shown at start-up when the profile's database cannot be used: a damaged file gets an offer
to restore the newest good backup (the damaged file is kept aside, never deleted); a full
disk, a read-only profile or a profile path that is a file get their own plain sentence."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from shopwatch.store import backups
from shopwatch.store.integrity import DISK_FULL, NOT_A_FOLDER, READ_ONLY, StoreError
from shopwatch.ui import resources

translate = QCoreApplication.translate


def problem_text(exc: StoreError) -> str:
    """The GUI's sentence for a store problem other than damage (which has the dialog)."""
    folder = str(exc.path.parent) if exc.path is not None else ""
    if exc.kind == DISK_FULL:
        return translate("DamagedProfile", "The disk holding your shopwatch data (%1) is full. "
                         "Nothing was changed and your data is intact. Free some space on that "
                         "disk, then start shopwatch again.").replace("%1", folder)
    if exc.kind == READ_ONLY:
        return translate("DamagedProfile", "Your shopwatch data folder (%1) is read-only, so "
                         "shopwatch cannot save anything there. Nothing was changed and your "
                         "data is intact. Make the folder writable, then start shopwatch "
                         "again.").replace("%1", folder)
    if exc.kind == NOT_A_FOLDER:
        return translate("DamagedProfile", "The data folder chosen for shopwatch (%1) is a "
                         "file, not a folder. Choose a folder; the file was not changed."
                         ).replace("%1", folder)
    return str(exc)


class DamagedProfileDialog(QDialog):
    """Offers the newest good backup; ``restored`` is set when the seller took it."""

    def __init__(self, db_path: Path, problem: StoreError,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.restored: backups.Restored | None = None
        try:
            self.backup: Path | None = backups.choose_backup(self.db_path)
        except StoreError:
            self.backup = None
        self.setWindowTitle(self.tr("Your shopwatch data is damaged"))
        self.setWindowIcon(resources.app_icon())
        self.setMinimumWidth(560)
        column = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "shopwatch found damage in its data file and has not changed it. Until it is "
            "repaired, shopwatch will not sync or save anything."))
        intro.setWordWrap(True)
        column.addWidget(intro)
        if self.backup is not None:
            made = next((b.created_at for b in backups.list_backups(self.db_path)
                         if b.path == self.backup), None)
            when = made.astimezone().strftime("%Y-%m-%d %H:%M") if made else self.backup.name
            offer = self.tr(
                "The newest good backup is from %1. Restoring it puts that copy back; the "
                "damaged file is kept beside it, renamed, not deleted. What changed after %1 "
                "is not in the backup: the next sync fetches your shop's current state "
                "again.").replace("%1", when)
        else:
            offer = self.tr(
                "There is no backup to restore. Keep the file %1: copy it somewhere safe "
                "before trying anything else.").replace("%1", str(self.db_path))
        self.offer = QLabel(offer)
        self.offer.setWordWrap(True)
        column.addWidget(self.offer)
        details = QPlainTextEdit(problem.detail or str(problem))
        details.setReadOnly(True)
        details.setMaximumHeight(90)
        column.addWidget(details)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        column.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.quit_button = buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button = None
        if self.backup is not None:
            self.restore_button = buttons.addButton(self.tr("Restore the backup"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
            self.restore_button.setDefault(True)
            self.restore_button.clicked.connect(self.restore)
        self.quit_button.clicked.connect(self.reject)
        column.addWidget(buttons)

    def restore(self) -> None:
        try:
            self.restored = backups.restore(self.db_path, self.backup)
        except StoreError as exc:
            self.error.setText(self.tr("The backup could not be restored: %1").replace(
                "%1", problem_text(exc)))
            self.error.show()
            return
        self.accept()
