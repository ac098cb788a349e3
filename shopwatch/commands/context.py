"""What every command handler gets: the profile folder, settings, and a lazily opened store."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from shopwatch.config import Settings, db_path, load_settings, profile_dir

# The store's modules load when a command first uses the store: ``shopwatch gui`` starts the
# profile's integrity check as soon as it knows the profile, before they load (issue 16).
if TYPE_CHECKING:
    import sqlite_utils

    from shopwatch.models import Shop

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2  # usage or environment error (full disk, read-only profile, path is a file)
EXIT_SYNC_FAILED = 3
EXIT_CORRUPT = 3  # the database is damaged: nothing was written (see commands/problems.py)


class CommandError(Exception):
    """A plain message for the user and the exit code to leave with."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Context:
    args: argparse.Namespace
    profile: Path
    _db: sqlite_utils.Database | None = field(default=None, repr=False)
    _settings: Settings | None = field(default=None, repr=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Context:
        try:
            return cls(args=args, profile=profile_dir(getattr(args, "data_dir", None)))
        except OSError as exc:
            from shopwatch.commands import problems
            from shopwatch.store.integrity import store_error

            folder = Path(exc.filename) if exc.filename else Path(".")
            # "a/b" fails with ENOTDIR when "a" is the file: name the file, not "a/b"
            while not folder.exists() and folder.parent != folder:
                folder = folder.parent
            message, code = problems.advice(store_error(exc, db_path(folder)))
            if code == EXIT_ERROR:
                message, code = f"Cannot use the profile folder: {exc}", EXIT_USAGE
            raise CommandError(message, code) from exc

    def use_profile(self, profile: Path) -> None:
        """Work in another profile folder (the demo's); only before the store is opened."""
        if self._db is not None:
            raise RuntimeError("the store of the previous profile is already open")
        self.profile, self._settings = profile, None

    @property
    def db(self) -> sqlite_utils.Database:
        if self._db is None:
            from shopwatch.store.db import StoreError, open_db
            from shopwatch.store.migrations import SchemaTooNew

            try:
                # quick-checked first: a damaged file is refused before anything writes to it
                self._db = open_db(db_path(self.profile), verify=True, backup=True)
            except SchemaTooNew as exc:
                raise CommandError(f"Cannot open {db_path(self.profile)}: {exc}.", EXIT_ERROR) from exc
            except StoreError as exc:
                from shopwatch.commands import problems

                raise CommandError(*problems.advice(exc)) from exc
        return self._db

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.profile)
        return self._settings

    def shop(self, name: str) -> Shop:
        from shopwatch.store import queries

        shop = queries.get_shop(self.db, name)
        if shop is None:
            known = ", ".join(s.name for s in queries.list_shops(self.db)) or "none yet"
            raise CommandError(f"No shop named '{name}' (shops: {known}). "
                               "Add one with 'shopwatch shop add'.")
        return shop

    def shops(self, name: str | None) -> list[Shop]:
        from shopwatch.store import queries

        return [self.shop(name)] if name else queries.list_shops(self.db)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    @staticmethod
    def note(message: str) -> None:
        """Status lines go to stderr so stdout stays clean for --json consumers."""
        print(message, file=sys.stderr)
