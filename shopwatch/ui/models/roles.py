"""Custom item data roles shared by the table models and their delegates."""

from __future__ import annotations

from PySide6.QtCore import Qt

#: the row's dataclass (Listing, Alert, Notice) for the page's detail pane and actions
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1
#: "#RRGGBB": draw this cell as a coloured pill (BadgeDelegate)
BADGE_COLOR_ROLE = Qt.ItemDataRole.UserRole + 2
#: the raw value to sort or filter by (the display text is translated and formatted)
SORT_ROLE = Qt.ItemDataRole.UserRole + 3
#: a second, smaller line under the display text (TwoLineDelegate)
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 4
#: (text, "#RRGGBB"): a second pill after the first (a listing both on sale and demoted)
SECOND_BADGE_ROLE = Qt.ItemDataRole.UserRole + 5
