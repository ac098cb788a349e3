"""Where the desktop app finds its shipped files (icons, translations) and its caches, in a
source checkout, an installed package and a frozen (PyInstaller) bundle alike.

``shopwatch.config.resources_dir`` already knows the three layouts; this module adds the Qt
side: icons rendered from SVG in any colour, and the folder compiled translations go to."""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from shopwatch.config import resources_dir

#: the colour the shipped SVG icons are drawn in; replaced when an icon is tinted
ICON_INK = "#000000"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False) or getattr(sys, "_MEIPASS", None))


def icons_dir() -> Path:
    return resources_dir() / "icons"


def i18n_dir() -> Path:
    return resources_dir() / "i18n"


def cache_dir(profile: Path) -> Path:
    """Per-profile cache (compiled translations); safe to delete at any time."""
    path = profile / "cache"
    path.mkdir(parents=True, exist_ok=True)
    return path


@lru_cache(maxsize=64)
def _svg_text(name: str) -> str:
    path = icons_dir() / f"{name}.svg"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def pixmap(name: str, size: int, color: str | QColor = ICON_INK, ratio: float = 2.0) -> QPixmap:
    """The icon ``name`` drawn at ``size`` logical pixels in ``color`` (sharp on HiDPI);
    drawn once per (name, size, colour, ratio) — pages ask for the same icons at every
    refresh."""
    ink = QColor(color).name() if not isinstance(color, str) else color
    return QPixmap(_drawn(name, size, ink, ratio))  # a cheap implicitly shared copy


@lru_cache(maxsize=512)
def _drawn(name: str, size: int, ink: str, ratio: float) -> QPixmap:
    text = _svg_text(name).replace(ICON_INK, ink)
    image = QPixmap(QSize(round(size * ratio), round(size * ratio)))
    image.fill(Qt.GlobalColor.transparent)
    if text:
        renderer = QSvgRenderer(QByteArray(text.encode("utf-8")))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
        painter.end()
    image.setDevicePixelRatio(ratio)
    return image


def icon(name: str, color: str | QColor = ICON_INK, *, active: str | QColor | None = None,
         size: int = 20) -> QIcon:
    """A QIcon from a shipped SVG; ``active`` is the colour when selected/checked. A colour
    given as a theme role (``"muted"``) is looked up whenever the icon is drawn, so the
    icon follows the light/dark scheme."""
    from shopwatch.ui import theme

    if theme.is_role(color) or theme.is_role(active):
        return QIcon(_ThemedIconEngine(name, size, color, active))
    result = QIcon()
    result.addPixmap(pixmap(name, size, color), QIcon.Mode.Normal, QIcon.State.Off)
    if active is not None:
        sel = pixmap(name, size, active)
        result.addPixmap(sel, QIcon.Mode.Selected, QIcon.State.Off)
        result.addPixmap(sel, QIcon.Mode.Normal, QIcon.State.On)
    return result


@lru_cache(maxsize=256)
def _tinted(name: str, size: int, ink: str, ratio: float) -> QPixmap:
    return pixmap(name, size, ink, ratio)


class _ThemedIconEngine(QIconEngine):
    """Draws an SVG icon in the current scheme's colour for a role (see ``icon``)."""

    def __init__(self, name: str, size: int, color: str | QColor,
                 active: str | QColor | None) -> None:
        super().__init__()
        self.name, self.size, self.color, self.active = name, size, color, active

    def _ink(self, mode: QIcon.Mode, state: QIcon.State) -> str:
        from shopwatch.ui import theme

        if mode == QIcon.Mode.Disabled:
            role = "disabled"
        elif self.active is not None and (mode == QIcon.Mode.Selected
                                          or state == QIcon.State.On):
            role = self.active
        else:
            role = self.color
        return theme.qcolor(role).name()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 2.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,  # noqa: N802
                     scale: float) -> QPixmap:
        side = min(size.width(), size.height()) or self.size
        return _tinted(self.name, side, self._ink(mode, state), max(scale, 1.0))

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode,
              state: QIcon.State) -> None:
        painter.drawPixmap(rect, self.pixmap(rect.size(), mode, state))

    def clone(self) -> QIconEngine:
        return _ThemedIconEngine(self.name, self.size, self.color, self.active)


def app_icon() -> QIcon:
    """The app's icon at every size, drawn from one parse of its SVG."""
    result = QIcon()
    path = icons_dir() / "shopwatch.svg"
    if path.exists():
        renderer = QSvgRenderer(str(path))
        for size in (16, 24, 32, 48, 64, 128, 256):
            result.addPixmap(_app_pixmap(size, renderer))
    return result


def _app_pixmap(size: int, renderer: QSvgRenderer) -> QPixmap:
    image = QPixmap(size, size)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image
