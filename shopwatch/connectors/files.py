"""The ``file`` source: a shop fed by the seller centre's export files (and pasted notices)
instead of an API, served to the one sync path like any other connector.

One import is one sync run. Every file is read and checked in full before sync writes
anything, so a bad file fails the run and changes no listing. A file brings listings, traffic
or notices; an import that brings no listings re-serves the shop's current listings unchanged
(``carry_over``), so sync sees a complete, unchanged listing set and only the notices or
traffic are new. Files carry no "was it deleted?" look-up, so a listing absent from a complete
listings export becomes ``missing``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from shopwatch.connectors.base import (
    CAP_LISTINGS,
    CAP_METRICS,
    CAP_NOTICES,
    CancelCheck,
    Cancelled,
    Progress,
)
from shopwatch.imports import amazon_suppressed
from shopwatch.imports.columns import (
    KINDS,
    LISTINGS,
    METRICS,
    NOTICES,
    SUPPRESSED,
    ColumnMapping,
    detect_kind,
)
from shopwatch.imports.errors import FileImportError, SuspiciousDrop
from shopwatch.imports.notice_text import DEFAULT_KINDS, NoticeKind
from shopwatch.imports.records import ParsedFile, parse_file
from shopwatch.imports.tables import peek_headers
from shopwatch.models import ListingRecord, MetricRecord, NoticeRecord, Shop

__all__ = [
    "DROP_MIN_ITEMS", "DROP_SHARE", "EXPORT_SUFFIXES", "FileConnector", "FileImportError",
    "ImportFile", "SuspiciousDrop", "WatchError", "file_settings", "find_exports",
    "newest_by_kind",
]

#: a listings export this much smaller than the shop was, by at least DROP_MIN_ITEMS
#: listings, is refused until the user confirms: partial exports are common, mass removals rare
DROP_SHARE = 0.5
DROP_MIN_ITEMS = 5
EXPORT_SUFFIXES = frozenset({".csv", ".tsv", ".txt", ".xlsx", ".xls"})
#: key of the file-import settings in ``Shop.settings``
SETTINGS_KEY = "file"


class WatchError(ValueError):
    """The watch folder is not usable; the message says what to fix."""


@dataclass(frozen=True, slots=True)
class ImportFile:
    path: Path
    kind: str | None = None  # None: told from the header


def file_settings(shop: Shop) -> dict[str, Any]:
    """The shop's file-import settings (watch folder, saved mapping, last import)."""
    value = shop.settings.get(SETTINGS_KEY, {})
    return dict(value) if isinstance(value, dict) else {}


class FileConnector:
    """Serves one import. Reading happens in ``fetch_listings``, inside the sync run, so that an
    unreadable file is a recorded failed run like any other source failure."""

    def __init__(
        self, files: Sequence[ImportFile] = (), *, mapping: ColumnMapping | None = None,
        kinds: Sequence[NoticeKind] = DEFAULT_KINDS,
        carry_over: Sequence[ListingRecord] | None = None,
        notices: Sequence[NoticeRecord] = (), previous_count: int | None = None,
        confirm_drop: bool = False, today: date | None = None,
    ) -> None:
        self.files = [f if isinstance(f, ImportFile) else ImportFile(Path(f)) for f in files]
        self.mapping = mapping
        self.kinds = tuple(kinds)
        self.carry_over = list(carry_over) if carry_over is not None else None
        self.extra_notices = list(notices)
        self.previous_count = previous_count
        self.confirm_drop = confirm_drop
        self.today = today
        self.parsed: list[ParsedFile] = []
        self._listings: list[ListingRecord] | None = None
        self._metrics: list[MetricRecord] = []
        self._notices: list[NoticeRecord] = []

    # --- what this import brings -----------------------------------------------------------

    def _kinds(self) -> set[str | None]:
        if self._listings is not None:
            return {p.kind for p in self.parsed}
        return {f.kind for f in self.files}

    @property
    def capabilities(self) -> frozenset[str]:
        kinds = self._kinds()
        if None in kinds:
            # not read yet and a kind is to be told from its header: a cheap look
            kinds = {f.kind or detect_kind(peek_headers(f.path, self.mapping) or [],
                                           self.mapping) for f in self.files}
        caps = {CAP_LISTINGS}
        if NOTICES in kinds or SUPPRESSED in kinds or self.extra_notices:
            caps.add(CAP_NOTICES)
        if METRICS in kinds:
            caps.add(CAP_METRICS)
        return frozenset(caps)

    def _load(self, progress: Progress | None, cancel: CancelCheck | None) -> None:
        if self._listings is not None:
            return
        parsed: list[ParsedFile] = []
        for n, item in enumerate(self.files, start=1):
            if cancel and cancel():
                raise Cancelled("The import was cancelled; nothing was changed.")
            parsed.append(parse_file(item.path, kind=item.kind, mapping=self.mapping,
                                     kinds=self.kinds, today=self.today))
            if progress:
                progress(n, sum(p.count for p in parsed), f"read {item.path.name}")
        listing_files = [p for p in parsed if p.kind == LISTINGS]
        if listing_files:
            listings = self._merge_listings(listing_files)
            self._check_drop(listing_files, len(listings))
            if self.carry_over:
                listings = amazon_suppressed.keep_suppressions(listings, self.carry_over)
        elif self.carry_over is not None:
            listings = list(self.carry_over)
        else:
            raise FileImportError(
                "this import brings no listings export, and there are no current listings to "
                "keep.", path=self.files[0].path if self.files else Path("(no file)"))
        suppressed = self._suppressed_rows([p for p in parsed if p.kind == SUPPRESSED])
        if suppressed:
            # Amazon's Suppressed Listings report corrects the listings; alone, it also lifts
            # a suppression an earlier report made that it no longer names
            listings = amazon_suppressed.overlay(listings, suppressed,
                                                 reinstate=not listing_files)
        metrics: dict[tuple[str, str], tuple[MetricRecord, ParsedFile]] = {}
        for p in parsed:
            for record in p.metrics:
                key = (record.listing_id, record.day)
                if key in metrics:
                    raise FileImportError(
                        f"listing {record.listing_id} has traffic for {record.day} in two files "
                        f"({metrics[key][1].table.path.name} and {p.table.path.name}); import "
                        "one report per period.", path=p.table.path)
                metrics[key] = (record, p)
        notices = [n for p in parsed for n in p.notices] + self.extra_notices
        self.parsed, self._listings = parsed, listings
        self._metrics = [m for m, _ in metrics.values()]
        self._notices = notices

    def _merge_listings(self, files: list[ParsedFile]) -> list[ListingRecord]:
        # On-sale and warehouse tabs are exported separately; together they are the shop.
        seen: dict[str, ParsedFile] = {}
        out = []
        for p in files:
            for record in p.listings:
                if record.listing_id in seen:
                    raise FileImportError(
                        f"listing id {record.listing_id} is in {seen[record.listing_id].table.path.name} "
                        f"and in {p.table.path.name}; each listing must be in one file only.",
                        path=p.table.path)
                seen[record.listing_id] = p
                out.append(record)
        return out

    def _suppressed_rows(self, files: list[ParsedFile]) -> list[amazon_suppressed.SuppressedRow]:
        seen: dict[str, ParsedFile] = {}
        rows = []
        for p in files:
            for row in p.suppressed:
                if row.sku in seen:
                    raise FileImportError(
                        f"SKU {row.sku} is in {seen[row.sku].table.path.name} and in "
                        f"{p.table.path.name}; import one Suppressed Listings report at a time.",
                        path=p.table.path, line=row.line)
                seen[row.sku] = p
                rows.append(row)
        return rows

    def _check_drop(self, files: list[ParsedFile], rows: int) -> None:
        before = self.previous_count
        if self.confirm_drop or not before or before < DROP_MIN_ITEMS:
            return
        if rows <= before * (1 - DROP_SHARE) and before - rows >= DROP_MIN_ITEMS:
            names = ", ".join(p.table.path.name for p in files)
            raise SuspiciousDrop(
                f"{names}: {rows} listings, far fewer than the {before} the shop had "
                f"({rows / before - 1:.0%}). Nothing was imported.", path=files[0].table.path,
                rows=rows, previous=before,
                hint="If the export covers only part of the shop (one page or one tab), export "
                "all of it. If the listings really are gone, import again confirming it "
                "(--confirm-drop).")

    # --- the Connector interface -------------------------------------------------------------

    def fetch_listings(
        self, progress: Progress | None = None, cancel: CancelCheck | None = None
    ) -> tuple[list[ListingRecord], int]:
        self._load(progress, cancel)
        assert self._listings is not None
        return list(self._listings), max(1, len(self.parsed))

    def lookup(self, listing_id: str) -> ListingRecord | None:
        raise NotImplementedError("export files cannot look a listing up")

    def fetch_notices(self) -> list[NoticeRecord]:
        self._load(None, None)
        return list(self._notices)

    def fetch_metrics(self, since_day: str | None) -> list[MetricRecord]:
        # A report is imported whole: re-importing an overlapping period updates those days.
        self._load(None, None)
        return list(self._metrics)

    def close(self) -> None:
        pass

    # --- a watched folder --------------------------------------------------------------------

    @classmethod
    def from_shop(cls, shop: Shop, *, kinds: Sequence[NoticeKind] = DEFAULT_KINDS
                  ) -> FileConnector:
        """The connector a scheduled sync of a watched file shop uses: the newest listings
        export in the watch folder (the shop as last exported), with the newest traffic report
        and violation records beside it. Raises WatchError."""
        settings = file_settings(shop)
        watch = settings.get("watch")
        if not watch:
            raise WatchError(
                f"Shop '{shop.name}' is updated from export files and has no watch folder: "
                f"import an export with 'shopwatch import FILE --shop {shop.name}', or set a "
                "watch folder.")
        mapping = saved_mapping(settings)
        newest = newest_by_kind(Path(watch), mapping)
        if LISTINGS not in newest:
            raise WatchError(f"No listings export found in {watch}. Save the seller centre's "
                             "listings export there (CSV or Excel).")
        files = [ImportFile(path, kind) for kind, path in newest.items()]
        return cls(files, mapping=mapping, kinds=kinds,
                   previous_count=settings.get("listing_rows"))


def saved_mapping(settings: dict[str, Any]) -> ColumnMapping | None:
    data = settings.get("mapping")
    if not data:
        return None
    try:
        return ColumnMapping.from_json(data)
    except ValueError:
        return None  # a damaged saved mapping must not stop the shop; the defaults still work


def find_exports(folder: Path, *, newer_than: float | None = None) -> list[Path]:
    """Export-like files in ``folder`` (or ``folder`` itself when it is a file), newest first."""
    folder = Path(folder).expanduser()
    if folder.is_file():
        candidates = [folder]
    elif folder.is_dir():
        candidates = [p for p in folder.iterdir() if p.is_file()
                      and p.suffix.lower() in EXPORT_SUFFIXES
                      and not p.name.startswith(("~$", ".", ".~lock"))]
    else:
        raise WatchError(f"The watch folder {folder} does not exist.")
    stamped = []
    for path in candidates:
        try:
            mtime = path.stat().st_mtime
        except OSError:
            continue
        if newer_than is None or mtime > newer_than:
            stamped.append((mtime, path.name, path))
    return [p for _, _, p in sorted(stamped, reverse=True)]


def newest_by_kind(folder: Path, mapping: ColumnMapping | None = None, *,
                   newer_than: float | None = None) -> dict[str, Path]:
    """The newest export of each kind in ``folder``, told by each file's header."""
    found: dict[str, Path] = {}
    for path in find_exports(folder, newer_than=newer_than):
        headers = peek_headers(path, mapping)
        kind = detect_kind(headers, mapping) if headers else None
        if kind and kind not in found:
            found[kind] = path
        if len(found) == len(KINDS) + 1:  # + Amazon's Suppressed Listings report
            break
    return found
