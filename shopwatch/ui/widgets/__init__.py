"""Reusable painted widgets: cards, badges, the daily chart, the points gauge."""
