"""Add or edit a shop fed by export files (no API key): its name, and optionally a watch
folder where the seller saves the seller centre's exports; every scheduled sync imports the
newest export that appeared there (``monitor.file_import.sync_watched``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from shopwatch.connectors.files import SETTINGS_KEY, file_settings
from shopwatch.models import Shop
from shopwatch.ui.widgets.cards import button, label

if TYPE_CHECKING:
    from shopwatch.ui.writes import Writes

# the file-import state that belongs to one watch folder (what was seen, what failed)
_FOLDER_STATE = ("seen_mtime", "failed_mtime")


class FileShopDialog(QDialog):
    """``saved`` is the shop after Save (None when cancelled)."""

    def __init__(self, writes: Writes, shop: Shop | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.writes = writes
        self.shop = shop
        self.saved: Shop | None = None
        self.setWindowTitle(self.tr("Edit shop") if shop else
                            self.tr("Add a shop from export files"))
        self.setMinimumWidth(520)

        column = QVBoxLayout(self)
        column.setContentsMargins(22, 20, 22, 16)
        column.setSpacing(12)
        column.addWidget(label(self.tr(
            "No API key is needed: export your listings (and, if you like, the traffic report "
            "and violation records) from the seller centre as CSV or Excel and import them. "
            "shopwatch compares each import with the last one."), "muted", wrap=True))
        form = QFormLayout()
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(10)
        self.name = QLineEdit(shop.name if shop else "")
        self.name.setPlaceholderText(self.tr("e.g. My Taobao shop"))
        form.addRow(self.tr("Shop name"), self.name)
        folder = QHBoxLayout()
        self.watch = QLineEdit(str(file_settings(shop).get("watch") or "") if shop else "")
        self.watch.setPlaceholderText(self.tr("Optional"))
        folder.addWidget(self.watch, 1)
        choose = button(self.tr("Choose…"))
        choose.clicked.connect(self.choose_folder)
        folder.addWidget(choose)
        form.addRow(self.tr("Watch folder"), folder)
        column.addLayout(form)
        column.addWidget(label(self.tr(
            "With a watch folder, save each new export there: every sync imports the newest "
            "one. Without it, import exports by hand from the Listings page."), "hint",
            wrap=True))
        self.error = label("", "error", wrap=True)
        self.error.hide()
        column.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setProperty("role", "primary")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Choose the folder where you save exports"),
            self.watch.text() or str(Path.home()))
        if chosen:
            self.watch.setText(chosen)

    def problem(self) -> str:
        """What keeps the form from being saved, or ""."""
        name = self.name.text().strip()
        if not name:
            return self.tr("Give the shop a name.")
        other = self.writes.shop_named(name)
        if other is not None and (self.shop is None or other.id != self.shop.id):
            return self.tr("Another shop is already called “%1”.").replace("%1", name)
        watch = self.watch.text().strip()
        if watch and not Path(watch).expanduser().is_dir():
            return self.tr("The folder %1 does not exist.").replace("%1", watch)
        return ""

    def save(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        name = self.name.text().strip()
        watch = self.watch.text().strip()
        state = file_settings(self.shop) if self.shop else {}
        folder = str(Path(watch).expanduser().resolve()) if watch else None
        if folder != state.get("watch"):
            for key in _FOLDER_STATE:  # what was seen in another folder says nothing here
                state.pop(key, None)
        if folder:
            state["watch"] = folder
        else:
            state.pop("watch", None)
        if self.shop is None:
            self.saved = self.writes.add_shop(name, "file", settings={SETTINGS_KEY: state})
        else:
            self.saved = self.writes.update_shop(self.shop.id, name=name,
                settings={**self.shop.settings, SETTINGS_KEY: state})
        self.accept()
