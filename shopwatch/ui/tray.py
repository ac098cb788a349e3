"""The tray icon (unread count, menu) and desktop notifications for new alerts.

``plan_notifications`` decides what to pop up (pure: tested without a tray): one notification
per important alert when a few arrive, grouped by kind when many arrive at once ("12 listings
deleted by the platform"), never a wall of twenty toasts. Where the desktop has no tray (or Qt
runs offscreen) the same notifications go to the window instead (``in_window``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from shopwatch.models import Alert
from shopwatch.ui import alert_text, labels, resources, theme

# Called by this name so Qt's lupdate finds every string: translate("Context", "text").
translate = QCoreApplication.translate

IMPORTANT = ("critical", "warning")
RANK = {"critical": 0, "warning": 1, "info": 2}
MAX_SEPARATE = 3  # up to this many important alerts each get their own notification
MAX_TOTAL = 4  # never more notifications than this for one sync


@dataclass(frozen=True, slots=True)
class Notification:
    title: str
    body: str
    severity: str
    alert_ids: tuple[int, ...]
    kind: str | None = None  # None: several kinds together


def grouped_title(kind: str, n: int) -> str:
    """"12 listings deleted by the platform" and friends, with plural forms."""
    texts = {
        "deleted": translate("Tray", "%n listing(s) deleted by the platform", None, n),
        "violation_off_shelf": translate("Tray", "%n listing(s) delisted for violations", None, n),
        "demoted": translate("Tray", "Search demotion suspected on %n listing(s)", None, n),
        "new_penalty": translate("Tray", "%n new penalty notice(s)", None, n),
        "appeal_deadline": translate("Tray", "%n appeal deadline(s) coming up", None, n),
        "points_threshold": translate("Tray", "%n penalty point warning(s)", None, n),
        "seller_off_shelf": translate("Tray", "%n listing(s) moved to the warehouse", None, n),
        "mass_disappearance": translate("Tray", "%n mass disappearance(s)", None, n),
        "sync_failing": translate("Tray", "%n shop(s) not syncing", None, n),
    }
    return texts.get(kind, translate("Tray", "%n new alert(s)", None, n))


def _titles(alerts: list[Alert], limit: int = 3) -> str:
    names = [f"“{alert_text.short_title(a.details or {}, a.listing_id)}”" for a in alerts[:limit]]
    names = [n for n in names if n != "“”"]
    if not names:
        return ""
    text = translate("Tray", ", ").join(names)
    rest = len(alerts) - limit
    if rest > 0:
        text += translate("Tray", " and %n more", None, rest)
    return text


def plan_notifications(alerts: Iterable[Alert], *, shop_name: str = "",
                       max_separate: int = MAX_SEPARATE,
                       max_total: int = MAX_TOTAL) -> list[Notification]:
    """What to pop up for the alerts one sync raised (info-level alerts stay quiet)."""
    important = sorted((a for a in alerts if a.severity in IMPORTANT),
                       key=lambda a: (RANK.get(a.severity, 3), a.id))
    prefix = f"{shop_name}: " if shop_name else ""
    if len(important) <= max_separate:
        return [Notification(prefix + labels.alert_kind(a.kind), alert_text.alert_text(a),
                             a.severity, (a.id,), a.kind) for a in important]
    groups: dict[str, list[Alert]] = {}
    for alert in important:  # insertion order keeps the most severe kinds first
        groups.setdefault(alert.kind, []).append(alert)
    out: list[Notification] = []
    for kind, items in groups.items():
        if len(items) == 1:
            a = items[0]
            out.append(Notification(prefix + labels.alert_kind(kind), alert_text.alert_text(a),
                                    a.severity, (a.id,), kind))
        else:
            severity = min((a.severity for a in items), key=lambda s: RANK.get(s, 3))
            out.append(Notification(prefix + grouped_title(kind, len(items)), _titles(items),
                                    severity, tuple(a.id for a in items), kind))
    if len(out) > max_total:
        kept, rest = out[: max_total - 1], out[max_total - 1:]
        ids = tuple(i for n in rest for i in n.alert_ids)
        severity = min((n.severity for n in rest), key=lambda s: RANK.get(s, 3))
        body = translate("Tray", ", ").join(n.title.removeprefix(prefix) for n in rest)
        kept.append(Notification(prefix + grouped_title("", len(ids)), body, severity, ids))
        out = kept
    return out


def summarize(notes: list[Notification]) -> Notification | None:
    """One in-window banner for a sync's notifications: its count is every important alert
    the sync raised (what the badge grows by), not the last group's."""
    if not notes:
        return None
    if len(notes) == 1:
        return notes[0]
    ids = tuple(i for n in notes for i in n.alert_ids)
    kinds = {n.kind for n in notes}
    severity = min((n.severity for n in notes), key=lambda s: RANK.get(s, 3))
    return Notification(translate("Tray", "%n new important alert(s)", None, len(ids)),
                        translate("Tray", "; ").join(n.title for n in notes), severity, ids,
                        kinds.pop() if len(kinds) == 1 else None)


def badge_icon(count: int, size: int = 64) -> QIcon:
    """The app icon with a red unread-count badge (none when zero)."""
    base = resources.app_icon().pixmap(size, size)
    if base.isNull():
        base = QPixmap(size, size)
        base.fill(theme.qcolor("accent"))
    if count <= 0:
        return QIcon(base)
    painter = QPainter(base)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    text = "99+" if count > 99 else str(count)
    d = size * (0.58 if len(text) < 3 else 0.7)
    rect = QRectF(size - d, 0, d, size * 0.5)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(theme.qcolor("count_badge"))
    painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * 0.34))
    painter.setFont(font)
    painter.setPen(theme.qcolor("on_primary"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(base)


class Tray(QObject):
    """The tray icon and its menu; falls back to ``in_window`` without a system tray."""

    open_requested = Signal()
    sync_requested = Signal()
    pause_toggled = Signal(bool)
    quit_requested = Signal()
    notification_clicked = Signal(object)  # Notification
    in_window = Signal(object)  # Notification, when there is no tray to show it

    def __init__(self, parent: QObject | None = None, *, force_unavailable: bool = False) -> None:
        super().__init__(parent)
        self.available = (not force_unavailable) and QSystemTrayIcon.isSystemTrayAvailable()
        self.unread = 0
        self._last: Notification | None = None
        self._icon: QSystemTrayIcon | None = None
        self.menu = QMenu()
        self.open_action = QAction(self.menu)
        self.sync_action = QAction(self.menu)
        self.pause_action = QAction(self.menu)
        self.pause_action.setCheckable(True)
        self.quit_action = QAction(self.menu)
        self.open_action.triggered.connect(self.open_requested.emit)
        self.sync_action.triggered.connect(self.sync_requested.emit)
        self.pause_action.toggled.connect(self.pause_toggled.emit)
        self.quit_action.triggered.connect(self.quit_requested.emit)
        for action in (self.open_action, self.sync_action, self.pause_action):
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        if self.available:
            self._icon = QSystemTrayIcon(badge_icon(0), self)
            self._icon.setContextMenu(self.menu)
            self._icon.activated.connect(self._on_activated)
            self._icon.messageClicked.connect(self._on_message_clicked)
            self._icon.show()
        self.retranslate()

    def retranslate(self) -> None:
        self.open_action.setText(self.tr("Open shopwatch"))
        self.sync_action.setText(self.tr("Sync now"))
        self.pause_action.setText(self.tr("Pause syncing"))
        self.quit_action.setText(self.tr("Quit"))
        self.set_unread(self.unread)

    def set_unread(self, count: int) -> None:
        self.unread = count
        if self._icon is None:
            return
        self._icon.setIcon(badge_icon(count))
        tip = (self.tr("shopwatch: %n unread alert(s)", "", count) if count
               else self.tr("shopwatch: no unread alerts"))
        self._icon.setToolTip(tip)

    def set_paused(self, paused: bool) -> None:
        self.pause_action.blockSignals(True)
        self.pause_action.setChecked(paused)
        self.pause_action.blockSignals(False)

    def set_syncing(self, syncing: bool) -> None:
        self.sync_action.setEnabled(not syncing)

    def notify(self, notifications: list[Notification]) -> None:
        if self._icon is None or not QSystemTrayIcon.supportsMessages():
            summary = summarize(notifications)
            if summary is not None:
                self._last = summary
                self.in_window.emit(summary)
            return
        for note in notifications:
            self._last = note
            icon = (QSystemTrayIcon.MessageIcon.Critical if note.severity == "critical"
                    else QSystemTrayIcon.MessageIcon.Warning)
            self._icon.showMessage(note.title, note.body, icon, 10_000)

    def show_message(self, title: str, body: str) -> None:
        """A plain information balloon (not an alert; nothing to open)."""
        if self._icon is not None and QSystemTrayIcon.supportsMessages():
            self._last = None
            self._icon.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, 6000)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger,
                      QSystemTrayIcon.ActivationReason.DoubleClick):
            self.open_requested.emit()

    def _on_message_clicked(self) -> None:
        # Qt does not say which message was clicked; the last one shown is the one on screen.
        if self._last is not None:
            self.notification_clicked.emit(self._last)
        else:
            self.open_requested.emit()

    def hide(self) -> None:
        if self._icon is not None:
            self._icon.hide()
