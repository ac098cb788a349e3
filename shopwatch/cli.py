"""The ``shopwatch`` command line (a stable contract: tests, docs and other tools use it)."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from shopwatch.commands import COMMAND_HELP, COMMAND_MODULES, COMMAND_OWNERS

#: the exit code of a command line that cannot be run as given (argparse's own)
EXIT_USAGE = 2  # as commands.context, which the help and --version do not load


def _utf8_stdio() -> None:
    # Chinese titles must print on a Windows console or a C-locale pipe without crashing.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure and (stream.encoding or "").lower().replace("-", "") != "utf8":
            try:
                reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass


def requested_command(argv: Sequence[str]) -> str | None:
    """The command word in ``argv`` (after the global options), if any."""
    tokens = iter(argv)
    for token in tokens:
        if token == "--data-dir":
            next(tokens, None)
        elif not token.startswith("-"):
            return token
    return None


class _Version(argparse.Action):
    """``--version``, reading the installed version only when asked (importlib.metadata is
    a fifth of a bare start-up)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        from shopwatch import __version__

        print(f"shopwatch {__version__}")  # on stdout, as argparse's own version action
        parser.exit()


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given ``argv`` naming a known command, only that command's group is loaded.
    Given ``argv`` without one (``--help``, ``--version``, no command, a mistyped one), the
    commands are listed from ``COMMAND_HELP`` and no group is imported; without ``argv``, every
    group is loaded."""
    parser = argparse.ArgumentParser(
        prog="shopwatch",
        description="Watch your marketplace shop: deletions, violation delistings, search "
        "demotion, penalty points and appeal deadlines.",
    )
    parser.add_argument("--version", action=_Version,
                        help="show program's version number and exit")
    parser.add_argument(
        "--data-dir", metavar="DIR",
        help="profile folder (database, settings, templates); SHOPWATCH_HOME also sets it",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    parser.add_argument(
        "--self-test", action="store_true",
        help="check this installation end to end in a temporary profile (demo sync, window, "
        "appeal, PDF) and exit 0 if everything works",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    owner = COMMAND_OWNERS.get(requested_command(argv or ()) or "")
    if argv is not None and owner is None:
        for command, text in COMMAND_HELP.items():
            sub.add_parser(command, help=text)
        return parser
    for name in (owner,) if owner else COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # a command group not built yet
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(argv) if argv is not None else sys.argv[1:]
    # The desktop app's start-up imports and builds a few hundred thousand objects that all
    # live on: the ~80 cyclic collections they would trigger cost 20-40 ms before the first
    # paint. From its start the app runs collection itself, in the GUI thread
    # (shopwatch.ui.gc_thread), and freezes the start-up objects after the first paint
    # (shopwatch.ui.app.tune_gc); until then, none.
    import gc

    hold_gc = requested_command(argv) == "gui" and gc.isenabled()
    if hold_gc:
        gc.disable()
    try:
        return _main(argv)
    finally:
        gui_gc = sys.modules.get("shopwatch.ui.gc_thread")
        if hold_gc and not (gui_gc is not None and gui_gc.collecting()):
            gc.enable()  # the app did not start (or stopped its collector): as it was


def _main(argv: list[str]) -> int:
    _utf8_stdio()
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if args.self_test:
        from shopwatch.selftest import run as run_self_test

        return run_self_test()
    if args.command is None:
        # The app by default; headless machines get the demo's text output instead.
        has_display = (sys.platform in ("win32", "darwin") or os.environ.get("DISPLAY")
                       or os.environ.get("WAYLAND_DISPLAY"))
        default = "gui" if has_display else "demo"
        argv = [*argv, default]
        parser = build_parser(argv)
        args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_USAGE
    from shopwatch.commands.context import CommandError, Context
    from shopwatch.commands.wording import for_cli
    from shopwatch.store.integrity import DatabaseError

    try:
        ctx = Context.from_args(args)
    except CommandError as exc:
        print(f"shopwatch: {exc}", file=sys.stderr)
        return exc.code
    try:
        code = int(handler(ctx) or 0)
        sys.stdout.flush()  # a closed pipe shows here, where it is handled, not at exit
        return code
    except CommandError as exc:
        print(f"shopwatch: {for_cli(str(exc))}", file=sys.stderr)
        return exc.code
    except BrokenPipeError:
        # The reader went away (`shopwatch listings | head`): stop quietly, as cat or grep do,
        # and keep Python from complaining when it flushes stdout at exit.
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except (DatabaseError, OSError) as exc:
        # met mid-command (a page found damaged while reading, the disk filling up): the
        # plain message and exit code of commands/problems.py, never a traceback
        from shopwatch.commands.problems import from_exception
        from shopwatch.config import db_path

        known = from_exception(exc, db_path(ctx.profile))
        if known is None:
            raise
        print(f"shopwatch: {known[0]}", file=sys.stderr)
        return known[1]
    except KeyboardInterrupt:
        print("shopwatch: interrupted", file=sys.stderr)
        return 130
    finally:
        ctx.close()


#: what a command killed by SIGPIPE reports to the shell (128 + 13)
EXIT_BROKEN_PIPE = 141


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
