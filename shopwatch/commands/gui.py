"""``shopwatch gui``: the desktop app (the default command where there is a display).

PySide6 is imported only inside the handler, so every other command (and a machine without
Qt's system libraries) never loads Qt."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from shopwatch.commands.context import EXIT_ERROR, CommandError, Context

PAGES = ("overview", "listings", "alerts", "notices", "appeals", "settings")
LANGUAGES = ("en", "zh_CN")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="open the desktop app")
    p.add_argument("--demo", action="store_true",
                   help="open on the demo shop, in its own profile folder (DATA_DIR/demo), "
                   "prepared with a week of history if needed")
    p.add_argument("--demo-platform", choices=("taobao", "amazon"), default="taobao",
                   help="with --demo: the demo Taobao shop (default) or the demo Amazon "
                   "seller account")
    p.add_argument("--page", choices=PAGES, help="page to show first")
    p.add_argument("--screenshot", metavar="FILE.png", type=Path,
                   help="render the page offscreen, save it as a PNG and exit")
    p.add_argument("--shop", metavar="NAME",
                   help="the shop to show first (default: the one shown last, or the demo's)")
    p.add_argument("--lang", choices=LANGUAGES,
                   help="language for this run (default: Settings, else the system's)")
    p.add_argument("--minimized", action="store_true",
                   help="start hidden in the tray (used when starting at login)")
    p.add_argument("--demo-days", type=int, default=7, help=argparse.SUPPRESS)
    p.set_defaults(handler=run_gui)


def _no_display() -> bool:
    """On Linux/BSD, Qt aborts the process when it finds no display; say so in a sentence."""
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_gui(ctx: Context) -> int:
    args = ctx.args
    if args.demo_days < 0:
        raise CommandError("--demo-days must be 0 or more")
    if _no_display() and not args.screenshot:  # a screenshot renders offscreen (ui.app)
        raise CommandError(
            "There is no display here (DISPLAY is not set), so the window cannot open. "
            "Run 'shopwatch demo' for the headless demo, use the other commands, or set "
            "QT_QPA_PLATFORM=offscreen to run the app without a screen.")
    profile = ctx.profile
    if args.demo:  # the demo has a profile of its own, the same one `shopwatch demo` uses
        from shopwatch.config import ensure_demo_profile

        try:
            profile = ensure_demo_profile(profile)
        except OSError as exc:
            raise CommandError(f"Cannot make the demo profile folder: {exc}") from exc
    # the profile's integrity check reads the whole file: it runs on a thread of its own while
    # Qt and the window's modules load (the app waits for it before opening the store)
    from shopwatch.config import db_path
    from shopwatch.store.integrity import CheckAhead

    checked = CheckAhead(db_path(profile))
    try:
        from shopwatch.ui.app import GuiOptions, run
    except ImportError as exc:
        if not (exc.name or "").startswith(("PySide6", "shiboken6")):
            raise  # shopwatch's own bug, not a missing Qt: the traceback says where
        raise CommandError(
            f"The desktop app cannot start: {exc}. Install PySide6 (pip install "
            "PySide6-Essentials) and, on Linux, Qt's system libraries (libegl1, libxkbcommon0, "
            "libfontconfig1). 'shopwatch demo' works without them.", EXIT_ERROR) from exc
    return run(GuiOptions(data_dir=str(profile), demo=args.demo, page=args.page,
                          screenshot=args.screenshot, lang=args.lang, minimized=args.minimized,
                          demo_days=args.demo_days, shop=args.shop,
                          demo_platform=args.demo_platform, checked=checked))
