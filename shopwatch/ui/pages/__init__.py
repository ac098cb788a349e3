"""The main window's sidebar pages. Pages lay out widgets; data comes from the session."""
