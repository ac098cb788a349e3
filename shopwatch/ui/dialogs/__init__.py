"""Dialogs: first-run welcome, shop editor."""
