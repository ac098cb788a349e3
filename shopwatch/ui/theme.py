"""The app's look: one light palette, one style sheet, fonts that render Chinese.

Everything visual that is not layout lives here, so pages only place widgets and set an
object name or a dynamic property (``role``) that the sheet styles."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from shopwatch.config import resources_dir

ACCENT = "#0E9384"  # the teal of the app icon
ACCENT_DARK = "#0B7469"
ACCENT_SOFT = "#E2F5F2"  # selection and hover tints
INK = "#1F2533"
MUTED = "#6B7385"
LINE = "#E3E6EC"
WINDOW = "#F4F5F8"
CARD = "#FFFFFF"
SIDEBAR = "#1D2230"
SIDEBAR_INK = "#C9CEDA"

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


def apply(app: QApplication, *, chinese: bool = False) -> None:
    app.setStyle(QStyleFactory.create("Fusion"))
    app.setFont(pick_font(chinese=chinese))
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: WINDOW,
        QPalette.ColorRole.WindowText: INK,
        QPalette.ColorRole.Base: CARD,
        QPalette.ColorRole.AlternateBase: "#F8F9FB",
        QPalette.ColorRole.Text: INK,
        QPalette.ColorRole.Button: CARD,
        QPalette.ColorRole.ButtonText: INK,
        QPalette.ColorRole.Highlight: ACCENT_SOFT,
        QPalette.ColorRole.HighlightedText: INK,
        QPalette.ColorRole.ToolTipBase: INK,
        QPalette.ColorRole.ToolTipText: "#FFFFFF",
        QPalette.ColorRole.PlaceholderText: "#9AA1B0",
        QPalette.ColorRole.Link: ACCENT_DARK,
        QPalette.ColorRole.Mid: LINE,
    }
    for role, color in roles.items():
        palette.setColor(role, QColor(color))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#A9AFBC"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#A9AFBC"))
    app.setPalette(palette)
    app.setStyleSheet(style_sheet())


def style_sheet() -> str:
    """The sheet, with the chevrons' paths filled in (a sheet can only name image files)."""
    icons = resources_dir().joinpath("icons").as_posix()
    return STYLE_SHEET + CHEVRONS.replace("@ICONS@", icons)


STYLE_SHEET = f"""
QMainWindow, QDialog {{ background: {WINDOW}; }}
QToolTip {{ background: {INK}; color: white; border: none; padding: 6px 8px; }}

/* sidebar */
#Sidebar {{ background: {SIDEBAR}; }}
#Brand {{ color: white; font-size: 15pt; font-weight: 600; padding: 2px 0; }}
#BrandTag {{ color: #8C93A5; font-size: 8.5pt; }}
#ShopPicker {{ background: #2A3042; color: white; border: 1px solid #39405A;
    border-radius: 6px; padding: 5px 8px; }}
#ShopPicker QAbstractItemView {{ background: white; color: {INK}; }}
#Nav {{ background: transparent; border: none; outline: 0; color: {SIDEBAR_INK}; }}
#Nav::item {{ padding: 9px 10px; border-radius: 6px; margin: 1px 0; }}
#Nav::item:hover {{ background: #272D3D; color: white; }}
#Nav::item:selected {{ background: #30374B; color: white; }}
#SidebarFoot {{ color: #8C93A5; font-size: 8.5pt; }}

/* page chrome */
#PageTitle {{ font-size: 17pt; font-weight: 600; color: {INK}; }}
#PageSubtitle {{ color: {MUTED}; }}
QFrame[role="card"] {{ background: {CARD}; border: 1px solid {LINE}; border-radius: 10px; }}
QLabel[role="cardTitle"] {{ color: {MUTED}; font-weight: 600; font-size: 9pt; }}
QLabel[role="metric"] {{ font-size: 22pt; font-weight: 600; color: {INK}; }}
QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="section"] {{ font-weight: 600; font-size: 10.5pt; color: {INK}; }}
QLabel[role="hint"] {{ color: {MUTED}; font-size: 9pt; }}
QLabel[role="error"] {{ color: #B3261E; }}
QLabel[role="ok"] {{ color: #1E7B4A; }}

/* inputs */
QLineEdit, QComboBox, QSpinBox, QDoubleSpinBox, QPlainTextEdit {{
    background: white; border: 1px solid #D5D9E2; border-radius: 6px; padding: 5px 8px;
    selection-background-color: #BFE9E3; selection-color: {INK}; }}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QDoubleSpinBox:focus {{
    border: 1px solid {ACCENT}; }}
QComboBox::drop-down {{ subcontrol-origin: padding; subcontrol-position: center right;
    width: 24px; border: none; }}
QSpinBox, QDoubleSpinBox {{ padding-right: 26px; }}
QSpinBox::up-button, QDoubleSpinBox::up-button {{ subcontrol-origin: border;
    subcontrol-position: top right; width: 22px; border: none;
    border-left: 1px solid {LINE}; border-top-right-radius: 6px; }}
QSpinBox::down-button, QDoubleSpinBox::down-button {{ subcontrol-origin: border;
    subcontrol-position: bottom right; width: 22px; border: none;
    border-left: 1px solid {LINE}; border-bottom-right-radius: 6px; }}
QSpinBox::up-button:hover, QSpinBox::down-button:hover, QDoubleSpinBox::up-button:hover,
QDoubleSpinBox::down-button:hover {{ background: #F0F1F5; }}

/* thin, quiet scroll bars */
QScrollBar:vertical {{ background: transparent; width: 10px; margin: 2px 1px; }}
QScrollBar:horizontal {{ background: transparent; height: 10px; margin: 1px 2px; }}
QScrollBar::handle:vertical {{ background: #CBD0D9; border-radius: 4px; min-height: 32px; }}
QScrollBar::handle:horizontal {{ background: #CBD0D9; border-radius: 4px; min-width: 32px; }}
QScrollBar::handle:hover {{ background: #AEB5C3; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
QPushButton {{ background: white; border: 1px solid #CDD2DC; border-radius: 6px;
    padding: 6px 14px; color: {INK}; }}
QPushButton:hover {{ border-color: #AEB5C3; background: #FAFAFC; }}
QPushButton:pressed {{ background: #F0F1F5; }}
QPushButton:disabled {{ color: #A9AFBC; border-color: #E1E4EA; background: #FAFAFB; }}
QPushButton[role="primary"] {{ background: {ACCENT}; border: 1px solid {ACCENT};
    color: white; font-weight: 600; }}
QPushButton[role="primary"]:hover {{ background: {ACCENT_DARK}; border-color: {ACCENT_DARK}; }}
QPushButton[role="primary"]:disabled {{ background: #9ED3CC; border-color: #9ED3CC; }}
QPushButton[role="danger"] {{ color: #B3261E; }}
QPushButton[role="link"] {{ border: none; background: transparent; color: {ACCENT_DARK};
    padding: 2px 4px; }}
QPushButton[role="link"]:hover {{ text-decoration: underline; }}
QCheckBox {{ spacing: 8px; }}

/* tables */
QTableView {{ background: white; border: 1px solid {LINE}; border-radius: 10px;
    gridline-color: transparent; selection-background-color: {ACCENT_SOFT};
    selection-color: {INK}; alternate-background-color: #FAFBFC; }}
QHeaderView::section {{ background: #F7F8FA; color: {MUTED}; border: none;
    border-bottom: 1px solid {LINE}; padding: 6px 8px; font-weight: 600; }}
QTableView::item {{ padding: 0 6px; border: none; }}
QTableView::item:selected {{ background: {ACCENT_SOFT}; color: {INK}; }}
QListWidget {{ background: white; border: 1px solid {LINE}; border-radius: 8px; }}

QTabWidget::pane {{ border: 1px solid {LINE}; border-radius: 10px; background: white;
    top: -1px; }}
QTabBar::tab {{ background: transparent; padding: 8px 16px; color: {MUTED};
    border-bottom: 2px solid transparent; }}
QTabBar::tab:selected {{ color: {INK}; border-bottom: 2px solid {ACCENT}; font-weight: 600; }}
QScrollArea {{ border: none; background: transparent; }}
QScrollArea > QWidget > QWidget {{ background: transparent; }}
QSplitter::handle {{ background: transparent; }}

/* status bar */
QStatusBar {{ background: white; border-top: 1px solid {LINE}; }}
QStatusBar QLabel {{ color: {MUTED}; padding: 0 4px; }}
QProgressBar {{ background: #EEF0F4; border: none; border-radius: 4px; height: 8px;
    text-align: center; }}
QProgressBar::chunk {{ background: {ACCENT}; border-radius: 4px; }}

/* banner (notifications shown in the window when there is no tray) */
#Banner {{ background: #FFF7E8; border: 1px solid #F5D08A; border-radius: 8px; }}
#Banner[severity="critical"] {{ background: #FDEEEE; border-color: #F3B7B7; }}
#Banner QLabel {{ color: {INK}; }}
#ErrorBanner {{ background: #FDEEEE; border: 1px solid #F3B7B7; border-radius: 8px; }}
"""

CHEVRONS = """
QComboBox::down-arrow { image: url(@ICONS@/chevron-down.svg); width: 12px; height: 12px; }
QSpinBox::up-arrow, QDoubleSpinBox::up-arrow {
    image: url(@ICONS@/chevron-up.svg); width: 10px; height: 10px; }
QSpinBox::down-arrow, QDoubleSpinBox::down-arrow {
    image: url(@ICONS@/chevron-down.svg); width: 10px; height: 10px; }
"""
