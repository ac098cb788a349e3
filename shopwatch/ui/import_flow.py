"""The app's ways in for sellers without API access, and for files any shop can use: add a
shop fed by export files, import an export file, paste a notice.

``ImportFlow`` opens the dialogs of ``shopwatch.ui.dialogs`` over the main window, hands them
the app's ``JobRunner`` (an import then waits for a running sync instead of racing it, and the
controller sees its result and refreshes the pages), and the profile's rule data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from shopwatch.models import Shop
from shopwatch.monitor.rules import Rules, RulesError, load_rules
from shopwatch.ui import labels
from shopwatch.ui.main_window import MainWindow
from shopwatch.ui.session import Session
from shopwatch.ui.workers import JobRunner

if TYPE_CHECKING:  # the dialogs (and the file readers under them) load on first use
    from shopwatch.ui.dialogs.file_shop import FileShopDialog
    from shopwatch.ui.dialogs.imports import ImportFileDialog, PasteNoticeDialog


class ImportFlow(QObject):
    """Opens the import dialogs; every dialog is window-modal and deletes itself when closed."""

    def __init__(self, session: Session, window: MainWindow, runner: JobRunner, *,
                 shops_edited: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.window = window
        self.runner = runner
        self._shops_edited = shops_edited

    def _shop(self, shop_id: int | None) -> Shop | None:
        return self.session.find_shop(shop_id if shop_id is not None else self.session.shop_id)

    def _rules(self, shop: Shop) -> Rules | None:
        """The profile's rule data, or None after saying plainly that the user's copy is
        broken (the dialogs read notice kinds and appeal windows from it)."""
        try:
            return load_rules(shop.platform, self.session.profile)
        except RulesError as exc:
            self.window.show_error(self.tr("“%1” cannot import right now").replace(
                "%1", labels.shop_name(shop.name, shop.platform)), labels.sync_error("rules"))
            self.window.error_banner.setToolTip(str(exc))
            return None

    def add_file_shop(self) -> FileShopDialog:
        """Ask for the new shop's name (and watch folder); once saved, select it and open the
        import dialog for its first export."""
        from shopwatch.ui.dialogs.file_shop import FileShopDialog

        dialog = FileShopDialog(self.session.writes, None, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._file_shop_added(dialog.saved))
        dialog.open()
        return dialog

    def _file_shop_added(self, shop: Shop | None) -> None:
        if shop is None:
            return
        self.session.reload_shops(select=shop.id)
        self._shops_edited()
        self.window.show_page("listings")
        self.import_file(shop.id)

    def import_file(self, shop_id: int | None = None,
                    path: Path | None = None) -> ImportFileDialog | None:
        """The import dialog for ``shop_id`` (default: the shop shown), preview of ``path``."""
        shop = self._shop(shop_id)
        rules = self._rules(shop) if shop is not None else None
        if shop is None or rules is None:
            return None
        from shopwatch.ui.dialogs.imports import ImportFileDialog

        dialog = ImportFileDialog(
            self.session.db_path, shop, profile=self.session.profile,
            detection=self.session.settings.detection, rules=rules, path=path,
            runner=self.runner, parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def paste_notice(self, shop_id: int | None = None) -> PasteNoticeDialog | None:
        """The paste-a-notice dialog for ``shop_id`` (default: the shop shown)."""
        shop = self._shop(shop_id)
        rules = self._rules(shop) if shop is not None else None
        if shop is None or rules is None:
            return None
        from shopwatch.ui.dialogs.imports import PasteNoticeDialog

        dialog = PasteNoticeDialog(
            self.session.db_path, shop, profile=self.session.profile,
            detection=self.session.settings.detection, rules=rules, runner=self.runner,
            parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
