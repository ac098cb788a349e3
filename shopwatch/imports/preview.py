"""What the import dialog shows before anything is stored: the file's first rows, how it was
read (format, encoding, header line), which column maps to which field, and the problem if
there is one. Unlike a dry run it never raises: a file that cannot be imported still shows
whatever could be read of it, so the user sees what is wrong."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from shopwatch.imports.columns import FIELDS, KINDS, ColumnMapping, detect_kind, match_fields
from shopwatch.imports.errors import FileImportError
from shopwatch.imports.notice_text import DEFAULT_KINDS, NoticeKind
from shopwatch.imports.records import ParsedFile, parse_table
from shopwatch.imports.tables import Table, read_table

PREVIEW_ROWS = 20


@dataclass(slots=True)
class ImportPreview:
    path: Path
    table: Table | None = None
    parsed: ParsedFile | None = None
    error: FileImportError | None = None
    kind: str | None = None
    #: field -> column index, as detected or mapped
    columns: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.parsed is not None and self.error is None

    @property
    def headers(self) -> list[str]:
        return list(self.table.headers) if self.table else []

    def rows(self, limit: int = PREVIEW_ROWS) -> list[tuple[int, list[str]]]:
        """(line, cells padded to the header) of the first data rows."""
        if self.table is None:
            return []
        width = len(self.table.headers)
        return [(r.line, [*r.cells[:width], *[""] * (width - len(r.cells))])
                for r in self.table.rows[:limit]]

    def fields(self) -> tuple[str, ...]:
        """The fields the dialog offers to map for this kind."""
        return tuple(FIELDS[self.kind]) if self.kind in KINDS else ()

    def mapping(self) -> ColumnMapping:
        """The detected or chosen columns as a mapping the shop can save."""
        if self.kind not in KINDS or self.table is None:
            return ColumnMapping()
        names = {f: self.table.headers[i] for f, i in self.columns.items()
                 if i < len(self.table.headers) and self.table.headers[i]}
        return ColumnMapping({self.kind: names})

    def summary(self) -> dict:
        t = self.table
        return {
            "path": str(self.path), "kind": self.kind, "ok": self.ok,
            "format": t.fmt if t else None, "encoding": t.encoding_label if t else None,
            "header_line": t.header_line if t else None,
            "rows": self.parsed.count if self.parsed else (len(t.rows) if t else 0),
            "error": str(self.error) if self.error else None,
        }


def preview_file(
    path: Path | str, *, kind: str | None = None, mapping: ColumnMapping | None = None,
    kinds: Sequence[NoticeKind] = DEFAULT_KINDS, today: date | None = None,
) -> ImportPreview:
    """Read ``path`` as far as possible; never raises for a bad file."""
    result = ImportPreview(Path(path))
    try:
        result.table = read_table(result.path, mapping)
    except FileImportError as exc:
        result.error = exc
        return result
    result.kind = kind or detect_kind(result.table.names or result.table.headers, mapping)
    if result.kind in KINDS:
        user = mapping.for_kind(result.kind) if mapping else None
        result.columns = match_fields(result.table.names or result.table.headers, result.kind,
                                      user)
    try:
        result.parsed = parse_table(result.table, kind=kind, mapping=mapping, kinds=kinds,
                                    today=today)
        result.kind = result.parsed.kind
        result.columns = dict(result.parsed.columns)
    except FileImportError as exc:
        result.error = exc
    return result
