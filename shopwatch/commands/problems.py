"""Store and profile problems in the CLI's words, with their exit codes.

Exit codes (a contract, see README "Exit codes"): 0 ok; 1 an error of the command itself;
2 usage or environment — a full disk, a read-only profile, a profile path that is a file,
the profile in use by the app; 3 the work was not done and nothing was written — a failed
sync, or a damaged database (every command refuses to write until it is restored)."""

from __future__ import annotations

from pathlib import Path

from shopwatch.store import backups
from shopwatch.store.integrity import (
    CORRUPT,
    DISK_FULL,
    NOT_A_FOLDER,
    OTHER,
    READ_ONLY,
    StoreError,
    probe_folder,
    store_error,
)

EXIT_ENVIRONMENT = 2
EXIT_CORRUPT = 3


def advice(exc: StoreError) -> tuple[str, int]:
    """(what the seller reads, the exit code) for a store problem met by a CLI command."""
    path = exc.path
    detail = f" ({exc.detail})" if exc.detail else ""
    if exc.kind == CORRUPT and path is not None:
        return corruption_advice(path, exc.detail), EXIT_CORRUPT
    if exc.kind == DISK_FULL and path is not None:
        return (f"The disk holding the profile {path.parent} is full{detail}. Nothing was "
                "changed and your data is intact: free some space on that disk, then run the "
                "command again.", EXIT_ENVIRONMENT)
    if exc.kind == READ_ONLY and path is not None:
        return (f"The profile {path.parent} is read-only{detail}: shopwatch cannot save "
                "anything there. Nothing was changed and your data is intact. Make the folder "
                "and its files writable (or the disk writable, if it is mounted read-only), "
                "or use another profile with --data-dir.", EXIT_ENVIRONMENT)
    if exc.kind == NOT_A_FOLDER and path is not None:
        return (f"The profile path {path.parent} is a file, not a folder. Give a folder with "
                "--data-dir (or SHOPWATCH_HOME); the file was not changed.", EXIT_ENVIRONMENT)
    if exc.kind == backups.IN_USE:
        return (f"{exc} Quit the shopwatch app (and wait for running syncs), then try again.",
                EXIT_ENVIRONMENT)
    return str(exc), 1


def corruption_advice(path: Path, detail: str = "") -> str:
    """What to do about a damaged database; names only backups that exist."""
    found = backups.list_backups(path)
    lines = [f"The profile database {path} is damaged"
             + (f" ({detail})." if detail else "."),
             "shopwatch did not change it and will not write to it (no sync, no edits) until "
             "it is restored."]
    if found:
        newest = found[0]
        lines.append(
            f"Run 'shopwatch restore' to put back the newest good backup ({newest.path.name}, "
            f"{newest.created_at:%Y-%m-%d %H:%M} UTC); the damaged file is kept beside it, "
            "renamed, not deleted. 'shopwatch check' lists the backups.")
    else:
        lines.append("There is no backup of this profile yet. Keep the file: copy it "
                     "somewhere safe before trying anything, e.g. SQLite's '.recover' command.")
    return " ".join(lines)


def from_exception(exc: BaseException, path: Path) -> tuple[str, int] | None:
    """The CLI message for a sqlite/OS error met mid-command, or None when it is not a store
    problem this module knows (the caller re-raises it)."""
    problem = store_error(exc, path)
    if problem.kind not in (CORRUPT, DISK_FULL, READ_ONLY, NOT_A_FOLDER):
        return None
    if isinstance(exc, OSError) and problem.kind in (DISK_FULL, READ_ONLY):
        filename = exc.filename
        if filename and not _inside(Path(filename), path.parent):
            # e.g. --output on another disk: name that file, not the profile
            return (f"Cannot write {filename}: {exc.strerror}. The profile was not changed.",
                    EXIT_ENVIRONMENT)
        if not filename and probe_folder(path.parent) == OTHER:
            # a write without a name failed, and the profile's own disk has room
            return (f"A file could not be written ({exc.strerror}); the profile and its "
                    "database are fine.", EXIT_ENVIRONMENT)
    return advice(problem)


def _inside(child: Path, folder: Path) -> bool:
    try:
        return child.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False
