"""Typed errors of a file import. Each one says which file, line and column, in a sentence the
user can act on; sync records it as the failed run's error."""

from __future__ import annotations

from pathlib import Path

from shopwatch.connectors.base import ConnectorError, IncompleteSync


def where(path: Path | str, line: int | None = None, column: str | None = None) -> str:
    """``export.csv, line 12, column 宝贝ID`` — the place a user opens the file at."""
    parts = [Path(path).name]
    if line is not None:
        parts.append(f"line {line}")
    if column:
        parts.append(f"column {column}")
    return ", ".join(parts)


class FileImportError(ConnectorError):
    """The file cannot be read, or what it says is inconsistent. Nothing was imported."""

    kind = "file"

    def __init__(
        self, message: str, *, path: Path | str, line: int | None = None,
        column: str | None = None, hint: str = "",
    ) -> None:
        super().__init__(f"{where(path, line, column)}: {message}", hint=hint)
        self.path = Path(path)
        self.line = line
        self.column = column
        self.detail = message


class SuspiciousDrop(IncompleteSync):
    """A listings export holds far fewer rows than the shop had: more likely a partial export
    (one page, one tab) than a real mass removal. The user must confirm before it counts."""

    kind = "suspicious_drop"

    def __init__(self, message: str, *, path: Path | str, rows: int, previous: int,
                 hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.path = Path(path)
        self.rows = rows
        self.previous = previous
