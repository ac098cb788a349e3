"""``shopwatch check|restore|backup``: the profile database's health and its backups. These
commands open the file themselves (not through ``Context.db``), since they must work on a
damaged database that every other command refuses. ``check --json`` is a contract."""

from __future__ import annotations

import argparse
import shutil
from datetime import datetime, timezone
from pathlib import Path

from shopwatch.commands import problems
from shopwatch.commands.context import EXIT_ERROR, EXIT_OK, EXIT_USAGE, CommandError, Context
from shopwatch.commands.output import emit_json, table
from shopwatch.config import db_path
from shopwatch.store import backups
from shopwatch.store.integrity import StoreError, ensure_writable, inspect_file


def register(sub: argparse._SubParsersAction) -> None:
    c = sub.add_parser("check", help="check the profile database for damage; list backups "
                       "and free disk space (exit 3 when damaged)")
    c.add_argument("--full", action="store_true",
                   help="run integrity_check (also compares indexes with tables; slower)")
    c.add_argument("--json", action="store_true")
    c.set_defaults(handler=run_check)

    r = sub.add_parser("restore", help="put back a backup of the profile database; the "
                       "current file is kept aside, renamed, never deleted")
    r.add_argument("backup", nargs="?", metavar="BACKUP",
                   help="a file in the profile's backups folder (or a path); default: the "
                   "newest backup that passes its check")
    r.add_argument("--force", action="store_true",
                   help="restore even though the current database is healthy")
    r.set_defaults(handler=run_restore)

    b = sub.add_parser("backup", help="write a verified backup of the profile database now")
    b.set_defaults(handler=run_backup)


def run_check(ctx: Context) -> int:
    path = db_path(ctx.profile)
    report = inspect_file(path, full=ctx.args.full)
    report["backups"] = [b.as_json() for b in backups.list_backups(path)]
    report["backups_folder"] = (str(backups.folder_of(path))
                                if backups.folder_of(path).is_dir() else None)
    report["kept_aside"] = [str(p) for p in backups.kept_aside(path)]
    try:
        ensure_writable(path)
        report["writable"] = True
    except StoreError as exc:
        report["writable"] = False
        report["problem"] = report["problem"] or exc.kind
        report["writable_error"] = exc.detail
    usage = shutil.disk_usage(ctx.profile)
    report["free_space"] = {"path": str(ctx.profile), "free_bytes": usage.free,
                            "total_bytes": usage.total}
    code = {"ok": EXIT_OK, "missing": EXIT_OK, "damaged": problems.EXIT_CORRUPT}.get(
        report["integrity"], EXIT_USAGE)
    if code == EXIT_OK and not report["writable"]:
        code = EXIT_USAGE
    if ctx.args.json:
        emit_json(report)
        return code
    _print_check(report, path)
    return code


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def _print_check(report: dict, path: Path) -> None:
    state = report["integrity"]
    if state == "ok":
        print(f"Database {path}: ok ({report['check']}, {_size(report['size'])}, "
              f"{report['seconds']:.2f} s).")
    elif state == "missing":
        print(f"Database {path}: not created yet.")
    elif state == "damaged":
        print(problems.corruption_advice(path, "; ".join(report["problems"][:3])))
    else:
        detail = report["problems"][0]
        print(problems.advice(StoreError(f"The database {path} cannot be read ({detail}).",
                                         kind=report["problem"], path=path, detail=detail))[0])
    if not report["writable"]:
        print(problems.advice(StoreError("", kind=report["problem"], path=path,
                                         detail=report["writable_error"]))[0])
    if report["backups"]:
        print(f"Backups in {report['backups_folder']}:")
        table([[b["file"], b["created_at"][:16].replace("T", " ") + " UTC", _size(b["size"]),
                "yes" if b["verified"] else "no"] for b in report["backups"]],
              ["FILE", "MADE", "SIZE", "VERIFIED"])
    else:
        print("No backups yet (one is written each day a shopwatch command or the app opens "
              "a healthy profile, and before every schema upgrade).")
    for kept in report["kept_aside"]:
        print(f"Kept aside by an earlier restore: {kept}")
    free = report["free_space"]
    print(f"Free space: {_size(free['free_bytes'])} of {_size(free['total_bytes'])}.")


def run_restore(ctx: Context) -> int:
    path = db_path(ctx.profile)
    report = inspect_file(path)
    if report["integrity"] == "ok" and not ctx.args.force:
        raise CommandError(
            f"The database {path} is healthy ('shopwatch check' says ok): restoring would "
            "replace it with an older copy and lose what changed since. Add --force to "
            "restore anyway (the current file is kept aside).")
    try:
        chosen = backups.choose_backup(path, ctx.args.backup)
        done = backups.restore(path, chosen,
                               label="replaced" if report["integrity"] == "ok" else "damaged")
    except StoreError as exc:
        if exc.kind == backups.NO_BACKUP:
            raise CommandError(f"{exc} Nothing was changed.", EXIT_ERROR) from exc
        raise CommandError(*problems.advice(exc)) from exc
    made = next((b.created_at for b in backups.list_backups(path) if b.path == chosen), None)
    print(f"Restored {path} from {chosen.name}"
          + (f" (made {made:%Y-%m-%d %H:%M} UTC)." if made else "."))
    if done.damaged_kept_as is not None:
        print(f"The previous file is kept as {done.damaged_kept_as} (not deleted).")
    print("What changed after the backup was made is not in it: run 'shopwatch sync' to "
          "fetch your shops' current state again.")
    return EXIT_OK


def run_backup(ctx: Context) -> int:
    path = db_path(ctx.profile)
    db = ctx.db  # quick-checked on open: a damaged file is refused, never copied
    try:
        made = backups.write_backup(db.conn, path,
                                    f"{path.stem}-manual-{datetime.now(timezone.utc):%Y%m%dT%H%M%S}.db")
    except StoreError as exc:
        raise CommandError(*problems.advice(exc)) from exc
    print(f"Backup written and verified: {made}")
    return EXIT_OK
