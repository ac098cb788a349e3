"""The app's look: a light and a dark colour scheme, the palette and style sheet built from
the one in use, and fonts that render Chinese.

Everything visual that is not layout lives here, so pages only place widgets and set an
object name or a dynamic property (``role``, ``tone``) that the sheet styles. Code that
paints asks for a colour by its role (``color("critical")``) at paint time, so it follows
the scheme when the system switches between light and dark while the app runs.

The scheme follows the system (``QStyleHints.colorScheme``, Qt 6.5+; unknown means light).
``SHOPWATCH_COLOR_SCHEME=dark`` (or ``light``) forces one, for screenshots and tests."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, fields

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

from shopwatch.config import resources_dir

log = logging.getLogger(__name__)

#: set to "dark" or "light" to override the system's scheme (screenshots, tests)
SCHEME_ENV = "SHOPWATCH_COLOR_SCHEME"

#: the semantic colours: each has a mark (dots, bars, icons, badge tint) and a ``*_text``
#: shade that reads as text on cards, on the window and on its own badge tint
SEMANTIC = ("critical", "warning", "ok", "info", "severe", "special", "neutral")


@dataclass(frozen=True, slots=True)
class Scheme:
    """The named colours of one scheme. Text roles are checked for contrast by a test."""

    name: str
    # surfaces
    window: str
    card: str
    card_alt: str  # alternate table rows
    header: str  # table headers, quoted text boxes
    input: str  # line edits, combo boxes
    line: str  # card and table borders
    input_line: str
    button_line: str
    button_hover_line: str
    hover: str  # button hover fill
    pressed: str
    # text
    ink: str
    muted: str  # secondary text that is still read (subtitles, captions)
    faint: str  # tertiary text (axis labels, second lines, placeholders)
    disabled: str
    disabled_fill: str
    disabled_line: str
    # brand
    accent: str  # focus rings, chart line, progress, tab underline
    accent_strong: str  # links
    accent_soft: str  # hover and selected rows
    selection: str  # selected text in inputs
    primary: str  # primary button fill (white text on it)
    primary_hover: str
    primary_disabled: str
    on_primary: str
    on_primary_disabled: str  # exempt from the contrast check, as disabled text is in WCAG
    # sidebar (dark in both schemes)
    sidebar: str
    sidebar_ink: str
    sidebar_muted: str
    sidebar_strong: str
    sidebar_hover: str
    sidebar_selected: str
    sidebar_field: str
    sidebar_field_line: str
    count_badge: str  # the nav's unread count pill (white text on it)
    # tool tips, scroll bars, progress
    tooltip: str
    tooltip_ink: str
    scroll_handle: str
    scroll_hover: str
    track: str  # progress bar and gauge track
    # banners
    banner: str
    banner_line: str
    banner_critical: str
    banner_critical_line: str
    # semantic marks and their text shades
    critical: str
    warning: str
    ok: str
    info: str
    severe: str  # deleted, upheld, deadline passed
    special: str  # demoted in search
    neutral: str
    critical_text: str
    warning_text: str
    ok_text: str
    info_text: str
    severe_text: str
    special_text: str
    neutral_text: str
    badge_alpha: int  # opacity (0–255) of a badge's tint over the card
    # charts
    chart_line: str
    chart_bar: str
    chart_grid: str
    gauge_tick: str
    empty_icon: str

    def text_for(self, role: str) -> str:
        """The text shade of a semantic colour (``critical`` → ``critical_text``); any
        other role is its own text colour."""
        return getattr(self, f"{role}_text", None) or getattr(self, role)


LIGHT = Scheme(
    name="light",
    window="#F4F5F8", card="#FFFFFF", card_alt="#FAFBFC", header="#F7F8FA", input="#FFFFFF",
    line="#E3E6EC", input_line="#D5D9E2", button_line="#CDD2DC", button_hover_line="#AEB5C3",
    hover="#FAFAFC", pressed="#F0F1F5",
    ink="#1F2533", muted="#626A7C", faint="#7D8494", disabled="#A9AFBC",
    disabled_fill="#FAFAFB", disabled_line="#E1E4EA",
    accent="#0E9384",  # the teal of the app icon
    accent_strong="#0B7469", accent_soft="#E2F5F2", selection="#BFE9E3",
    primary="#0B7E72", primary_hover="#0A6D62", primary_disabled="#9ED3CC", on_primary="#FFFFFF",
    on_primary_disabled="#FFFFFF",
    sidebar="#1D2230", sidebar_ink="#C9CEDA", sidebar_muted="#8C93A5", sidebar_strong="#FFFFFF",
    sidebar_hover="#272D3D", sidebar_selected="#30374B", sidebar_field="#2A3042",
    sidebar_field_line="#39405A", count_badge="#C62F2F",
    tooltip="#1F2533", tooltip_ink="#FFFFFF", scroll_handle="#CBD0D9", scroll_hover="#AEB5C3",
    track="#EEF0F4",
    banner="#FFF7E8", banner_line="#F5D08A", banner_critical="#FDEEEE",
    banner_critical_line="#F3B7B7",
    critical="#D93A3A", warning="#C97800", ok="#1E9E5A", info="#4A78C2", severe="#8C1C24",
    special="#8E4FC9", neutral="#6B7385",
    critical_text="#B3261E", warning_text="#935300", ok_text="#1B7446", info_text="#345FA6",
    severe_text="#8C1C24", special_text="#7440AD", neutral_text="#5A6274",
    badge_alpha=30,
    chart_line="#0E9384", chart_bar="#D4802F", chart_grid="#EDEFF3", gauge_tick="#B9BFCB",
    empty_icon="#B6BCC8",
)

DARK = Scheme(
    name="dark",
    window="#14171D", card="#1C2028", card_alt="#20242D", header="#232833", input="#171A21",
    line="#2D333F", input_line="#3A4150", button_line="#434B5C", button_hover_line="#5B6477",
    hover="#252A34", pressed="#2C323D",
    ink="#E7EAF0", muted="#A9B0BF", faint="#8E96A7", disabled="#646C7E",
    disabled_fill="#1A1D24", disabled_line="#2D333F",
    accent="#23B3A2", accent_strong="#5CD6C6", accent_soft="#183B38", selection="#1F5A53",
    primary="#0B7E72", primary_hover="#0A7166", primary_disabled="#203834", on_primary="#FFFFFF",
    on_primary_disabled="#7C9692",
    sidebar="#0F1217", sidebar_ink="#C9CEDA", sidebar_muted="#8C93A5", sidebar_strong="#FFFFFF",
    sidebar_hover="#1B2029", sidebar_selected="#252C39", sidebar_field="#1B2029",
    sidebar_field_line="#2D333F", count_badge="#C62F2F",
    tooltip="#E7EAF0", tooltip_ink="#14171D", scroll_handle="#3C4351", scroll_hover="#525A6B",
    track="#2A303B",
    banner="#2D2616", banner_line="#6B5524", banner_critical="#33191B",
    banner_critical_line="#7A3539",
    critical="#E5534B", warning="#E39B2D", ok="#2FB170", info="#5B8DEF", severe="#C2424D",
    special="#A674E0", neutral="#8E96A7",
    critical_text="#FF8C84", warning_text="#F2B552", ok_text="#5CD497", info_text="#9DBFF9",
    severe_text="#F2929A", special_text="#CDA8F5", neutral_text="#B3BACA",
    badge_alpha=56,
    chart_line="#23B3A2", chart_bar="#D98B38", chart_grid="#2A303B", gauge_tick="#566073",
    empty_icon="#4A5263",
)

SCHEMES = {LIGHT.name: LIGHT, DARK.name: DARK}
ROLES = frozenset(f.name for f in fields(Scheme)) - {"name", "badge_alpha"}

_current: Scheme = LIGHT


class ThemeSignals(QObject):
    """``changed(name)`` after a scheme is applied, for widgets that cache a colour."""

    changed = Signal(str)


_signals: ThemeSignals | None = None


def signals() -> ThemeSignals:
    global _signals
    if _signals is None:
        _signals = ThemeSignals()
    return _signals


def current() -> Scheme:
    """The scheme in use."""
    return _current


def is_role(name: object) -> bool:
    return isinstance(name, str) and name in ROLES


def color(role: str) -> str:
    """``role``'s colour in the current scheme as ``#RRGGBB``. A colour literal (``#…``)
    passes through, for callers that still hand one in; an unknown role is an error, not
    a silent black."""
    if role in ROLES:
        return getattr(_current, role)
    if role.startswith("#"):
        return role
    raise KeyError(f"no colour role {role!r} in the theme (roles: {', '.join(sorted(ROLES))})")


def qcolor(role: str | QColor) -> QColor:
    return QColor(role) if isinstance(role, QColor) else QColor(color(role))


def text_color(role: str) -> QColor:
    """The shade of ``role`` for text (a semantic colour's ``*_text``)."""
    return QColor(_current.text_for(role)) if role in ROLES else QColor(color(role))


def badge_colors(role: str | QColor) -> tuple[QColor, QColor]:
    """(tint, text) of a badge in ``role``'s colour: the tint is the mark at low opacity."""
    if isinstance(role, str) and role in ROLES:
        tint, text = QColor(getattr(_current, role)), text_color(role)
    else:  # a literal colour: keep the old look
        tint = qcolor(role)
        text = tint.darker(115) if _current.name == "light" else tint.lighter(140)
    tint.setAlpha(_current.badge_alpha)
    return tint, text


def set_tone(widget: QWidget, tone: str | None, *, strong: bool = False) -> None:
    """Colour a label's text by a semantic role (``critical``, ``ok``, ``muted`` …) through
    the style sheet, so it follows the scheme; ``None`` restores the default."""
    widget.setProperty("tone", tone or "")
    widget.setProperty("strong", strong)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Outline an input in the critical colour (validation failed)."""
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def __getattr__(name: str) -> str:
    # INK, MUTED, ACCENT … of the first generation, read from the current scheme
    role = {"ACCENT_DARK": "accent_strong"}.get(name, name.lower())
    if name.isupper() and role in ROLES:
        return getattr(_current, role)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Latin and CJK UI families, best first; whatever is installed is used, in this order
LATIN_FAMILIES = ("Segoe UI", ".AppleSystemUIFont", "Helvetica Neue", "Noto Sans", "Cantarell",
                  "Ubuntu", "DejaVu Sans")
CJK_FAMILIES = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
                "Source Han Sans SC", "WenQuanYi Micro Hei")


def pick_font(point_size: float = 10.0, *, chinese: bool = False) -> QFont:
    """The UI font. Chinese UI puts a CJK family first, so punctuation (“”，：) has its
    full-width Chinese shape; English UI puts a Latin family first, so the same characters
    keep their narrow Latin shape and Chinese listing titles fall back to the CJK family."""
    installed = set(QFontDatabase.families())
    order = CJK_FAMILIES + LATIN_FAMILIES if chinese else LATIN_FAMILIES + CJK_FAMILIES
    families = [name for name in order if name in installed]
    font = QFont()
    if families:
        font.setFamilies(families)
    font.setPointSizeF(point_size)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


# --- choosing and applying a scheme ----------------------------------------------------------

def forced_scheme() -> str | None:
    """The scheme named by ``SHOPWATCH_COLOR_SCHEME``, or None to follow the system."""
    value = os.environ.get(SCHEME_ENV, "").strip().lower()
    if not value or value == "system":
        return None
    if value not in SCHEMES:
        log.warning("%s=%r is not one of dark, light, system; following the system",
                    SCHEME_ENV, value)
        return None
    return value


def scheme_for(system: Qt.ColorScheme) -> Scheme:
    """The scheme for the system's setting: dark only when the system says dark."""
    return DARK if system == Qt.ColorScheme.Dark else LIGHT


def system_scheme(app: QGuiApplication) -> Scheme:
    forced = forced_scheme()
    if forced:
        return SCHEMES[forced]
    hints = app.styleHints()
    if not hasattr(hints, "colorScheme"):  # Qt before 6.5
        return LIGHT
    return scheme_for(hints.colorScheme())


def apply(app: QApplication, *, chinese: bool = False) -> None:
    """Style, font and the system's scheme; then follow the system while the app runs."""
    app.setStyle(QStyleFactory.create("Fusion"))
    app.setFont(pick_font(chinese=chinese))
    use(app, system_scheme(app))
    hints = app.styleHints()
    if hasattr(hints, "colorSchemeChanged") and app.property("shopwatch-follows-scheme") is not True:
        hints.colorSchemeChanged.connect(lambda system: _system_changed(app, system))
        app.setProperty("shopwatch-follows-scheme", True)


def _system_changed(app: QApplication, system: Qt.ColorScheme) -> None:
    if forced_scheme() is None:
        use(app, scheme_for(system))


def use(app: QApplication, scheme: Scheme | str) -> None:
    """Make ``scheme`` the current one: palette, style sheet, then ``signals().changed``."""
    global _current
    scheme = SCHEMES[scheme] if isinstance(scheme, str) else scheme
    if scheme is _current and app.property("shopwatch-scheme") == scheme.name:
        return
    _current = scheme
    app.setPalette(palette(scheme))
    app.setStyleSheet(style_sheet(scheme))
    app.setProperty("shopwatch-scheme", scheme.name)
    signals().changed.emit(scheme.name)


def palette(s: Scheme) -> QPalette:
    result = QPalette()
    role = QPalette.ColorRole
    roles = {
        role.Window: s.window, role.WindowText: s.ink, role.Base: s.card,
        role.AlternateBase: s.card_alt, role.Text: s.ink, role.Button: s.card,
        role.ButtonText: s.ink, role.BrightText: s.on_primary,
        role.Highlight: s.accent_soft, role.HighlightedText: s.ink,
        role.ToolTipBase: s.tooltip, role.ToolTipText: s.tooltip_ink,
        role.PlaceholderText: s.faint, role.Link: s.accent_strong,
        role.LinkVisited: s.accent_strong, role.Accent: s.accent,
        # Fusion draws frames, check boxes and splitters from these
        role.Light: s.card, role.Midlight: s.line, role.Mid: s.line,
        role.Dark: s.button_line, role.Shadow: s.button_hover_line,
    }
    for key, value in roles.items():
        result.setColor(key, QColor(value))
    for key in (role.ButtonText, role.Text, role.WindowText):
        result.setColor(QPalette.ColorGroup.Disabled, key, QColor(s.disabled))
    return result


def style_sheet(s: Scheme | None = None) -> str:
    """The sheet for ``s`` (default: the current scheme), with the chevrons' paths filled in
    (a sheet can only name image files)."""
    s = s or _current
    icons = resources_dir().joinpath("icons").as_posix()
    # the chevrons' grey (#6B7385) reads on both schemes' inputs
    return (_sheet(s) + _tones(s) + CHEVRONS).replace("@ICONS@", icons)


def _tones(s: Scheme) -> str:
    """``[tone=…]`` rules: text coloured by role (see ``set_tone``); after the role rules,
    so a tone wins over a link button's colour."""
    rules = [f'QLabel[tone="{role}"], QPushButton[tone="{role}"] {{ color: {s.text_for(role)}; }}'
             for role in (*SEMANTIC, "muted", "faint", "ink")]
    rules.append('QLabel[strong="true"] { font-weight: 600; }')
    return "\n".join(rules) + "\n"


def _sheet(s: Scheme) -> str:
    return f"""
QMainWindow, QDialog {{ background: {s.window}; }}
QToolTip {{ background: {s.tooltip}; color: {s.tooltip_ink}; border: none; padding: 6px 8px; }}

/* sidebar */
#Sidebar {{ background: {s.sidebar}; }}
#Brand {{ color: {s.sidebar_strong}; font-size: 15pt; font-weight: 600; padding: 2px 0; }}
#BrandTag {{ color: {s.sidebar_muted}; font-size: 8.5pt; }}
#ShopPicker {{ background: {s.sidebar_field}; color: {s.sidebar_strong};
    border: 1px solid {s.sidebar_field_line}; border-radius: 6px; padding: 5px 8px; }}
#ShopPicker QAbstractItemView {{ background: {s.card}; color: {s.ink}; }}
#Nav {{ background: transparent; border: none; outline: 0; color: {s.sidebar_ink}; }}
#Nav::item {{ padding: 9px 10px; border-radius: 6px; margin: 1px 0; }}
#Nav::item:hover {{ background: {s.sidebar_hover}; color: {s.sidebar_strong}; }}
#Nav::item:selected {{ background: {s.sidebar_selected}; color: {s.sidebar_strong}; }}
#SidebarFoot {{ color: {s.sidebar_muted}; font-size: 8.5pt; }}

/* page chrome */
#PageTitle {{ font-size: 17pt; font-weight: 600; color: {s.ink}; }}
#PageSubtitle {{ color: {s.muted}; }}
QFrame[role="card"] {{ background: {s.card}; border: 1px solid {s.line}; border-radius: 10px; }}
QLabel[role="cardTitle"] {{ color: {s.muted}; font-weight: 600; font-size: 9pt; }}
QLabel[role="metric"] {{ font-size: 22pt; font-weight: 600; color: {s.ink}; }}
QLabel[role="muted"] {{ color: {s.muted}; }}
QLabel[role="section"] {{ font-weight: 600; font-size: 10.5pt; color: {s.ink}; }}
QLabel[role="hint"] {{ color: {s.muted}; font-size: 9pt; }}
QLabel[role="error"] {{ color: {s.critical_text}; }}
QLabel[role="ok"] {{ color: {s.ok_text}; }}
QLabel[role="quote"] {{ background: {s.header}; border-radius: 6px; padding: 8px; }}

/* inputs */
QLineEdit, QComboBox, QSpinBox, QDoubleSpinBox, QPlainTextEdit {{
    background: {s.input}; color: {s.ink}; border: 1px solid {s.input_line};
    border-radius: 6px; padding: 5px 8px;
    selection-background-color: {s.selection}; selection-color: {s.ink}; }}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QDoubleSpinBox:focus {{
    border: 1px solid {s.accent}; }}
QLineEdit:disabled, QComboBox:disabled, QSpinBox:disabled, QDoubleSpinBox:disabled,
QPlainTextEdit:disabled {{ color: {s.disabled}; background: {s.disabled_fill}; }}
QComboBox QAbstractItemView {{ background: {s.card}; color: {s.ink};
    selection-background-color: {s.accent_soft}; selection-color: {s.ink}; }}
QComboBox::drop-down {{ subcontrol-origin: padding; subcontrol-position: center right;
    width: 24px; border: none; }}
QSpinBox, QDoubleSpinBox {{ padding-right: 26px; }}
QSpinBox::up-button, QDoubleSpinBox::up-button {{ subcontrol-origin: border;
    subcontrol-position: top right; width: 22px; border: none;
    border-left: 1px solid {s.line}; border-top-right-radius: 6px; }}
QSpinBox::down-button, QDoubleSpinBox::down-button {{ subcontrol-origin: border;
    subcontrol-position: bottom right; width: 22px; border: none;
    border-left: 1px solid {s.line}; border-bottom-right-radius: 6px; }}
QSpinBox::up-button:hover, QSpinBox::down-button:hover, QDoubleSpinBox::up-button:hover,
QDoubleSpinBox::down-button:hover {{ background: {s.pressed}; }}
QWidget[invalid="true"], QWidget[invalid="true"] QListWidget {{
    border: 1px solid {s.critical}; }}

/* thin, quiet scroll bars */
QScrollBar:vertical {{ background: transparent; width: 10px; margin: 2px 1px; }}
QScrollBar:horizontal {{ background: transparent; height: 10px; margin: 1px 2px; }}
QScrollBar::handle:vertical {{ background: {s.scroll_handle}; border-radius: 4px;
    min-height: 32px; }}
QScrollBar::handle:horizontal {{ background: {s.scroll_handle}; border-radius: 4px;
    min-width: 32px; }}
QScrollBar::handle:hover {{ background: {s.scroll_hover}; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
QPushButton {{ background: {s.card}; border: 1px solid {s.button_line}; border-radius: 6px;
    padding: 6px 14px; color: {s.ink}; }}
QPushButton:hover {{ border-color: {s.button_hover_line}; background: {s.hover}; }}
QPushButton:pressed {{ background: {s.pressed}; }}
QPushButton:disabled {{ color: {s.disabled}; border-color: {s.disabled_line};
    background: {s.disabled_fill}; }}
QPushButton[role="primary"] {{ background: {s.primary}; border: 1px solid {s.primary};
    color: {s.on_primary}; font-weight: 600; }}
QPushButton[role="primary"]:hover {{ background: {s.primary_hover};
    border-color: {s.primary_hover}; }}
QPushButton[role="primary"]:disabled {{ background: {s.primary_disabled};
    border-color: {s.primary_disabled}; color: {s.on_primary_disabled}; }}
QPushButton[role="danger"] {{ color: {s.critical_text}; }}
QPushButton[role="link"] {{ border: none; background: transparent; color: {s.accent_strong};
    padding: 2px 4px; }}
QPushButton[role="link"]:hover {{ text-decoration: underline; }}
QCheckBox, QRadioButton {{ spacing: 8px; color: {s.ink}; }}
/* Fusion outlines a box in the window colour darkened, which vanishes on dark */
QCheckBox::indicator {{ width: 14px; height: 14px; border: 1px solid {s.faint};
    border-radius: 3px; background: {s.input}; }}
QCheckBox::indicator:hover {{ border-color: {s.accent}; }}
QCheckBox::indicator:checked {{ background: {s.primary}; border-color: {s.primary};
    image: url(@ICONS@/check-on-primary.svg); }}
QCheckBox::indicator:disabled {{ background: {s.disabled_fill}; border-color: {s.disabled}; }}
QCheckBox::indicator:checked:disabled {{ background: {s.primary_disabled};
    border-color: {s.primary_disabled}; }}

/* tables */
QTableView {{ background: {s.card}; border: 1px solid {s.line}; border-radius: 10px;
    gridline-color: transparent; selection-background-color: {s.accent_soft};
    selection-color: {s.ink}; alternate-background-color: {s.card_alt}; color: {s.ink}; }}
QHeaderView {{ background: {s.header}; }}
QHeaderView::section {{ background: {s.header}; color: {s.muted}; border: none;
    border-bottom: 1px solid {s.line}; padding: 6px 8px; font-weight: 600; }}
QTableCornerButton::section {{ background: {s.header}; border: none; }}
QTableView::item {{ padding: 0 6px; border: none; }}
QTableView::item:selected {{ background: {s.accent_soft}; color: {s.ink}; }}
QListWidget {{ background: {s.card}; color: {s.ink}; border: 1px solid {s.line};
    border-radius: 8px; }}

QTabWidget::pane {{ border: 1px solid {s.line}; border-radius: 10px; background: {s.card};
    top: -1px; }}
QTabBar::tab {{ background: transparent; padding: 8px 16px; color: {s.muted};
    border-bottom: 2px solid transparent; }}
QTabBar::tab:selected {{ color: {s.ink}; border-bottom: 2px solid {s.accent}; font-weight: 600; }}
QScrollArea {{ border: none; background: transparent; }}
QScrollArea > QWidget > QWidget {{ background: transparent; }}
QSplitter::handle {{ background: transparent; }}

/* status bar */
QStatusBar {{ background: {s.card}; border-top: 1px solid {s.line}; }}
QStatusBar QLabel {{ color: {s.muted}; padding: 0 4px; }}
QProgressBar {{ background: {s.track}; border: none; border-radius: 4px; height: 8px;
    text-align: center; }}
QProgressBar::chunk {{ background: {s.accent}; border-radius: 4px; }}

/* banner (notifications shown in the window when there is no tray) */
#Banner {{ background: {s.banner}; border: 1px solid {s.banner_line}; border-radius: 8px; }}
#Banner[severity="critical"] {{ background: {s.banner_critical};
    border-color: {s.banner_critical_line}; }}
#Banner QLabel {{ color: {s.ink}; }}
#ErrorBanner {{ background: {s.banner_critical}; border: 1px solid {s.banner_critical_line};
    border-radius: 8px; }}
#ErrorBanner QLabel {{ color: {s.ink}; }}
"""


CHEVRONS = """
QComboBox::down-arrow { image: url(@ICONS@/chevron-down.svg); width: 12px; height: 12px; }
QSpinBox::up-arrow, QDoubleSpinBox::up-arrow {
    image: url(@ICONS@/chevron-up.svg); width: 10px; height: 10px; }
QSpinBox::down-arrow, QDoubleSpinBox::down-arrow {
    image: url(@ICONS@/chevron-down.svg); width: 10px; height: 10px; }
"""
