"""``shopwatch --help`` and ``--version`` answer without importing any command group (start-up
≤ 0.15 s, issue 16); the help they print is the one the groups would give."""

from __future__ import annotations

import subprocess
import sys

import pytest

from shopwatch.cli import build_parser


def test_the_catalogue_help_is_what_the_groups_register():
    assert build_parser(["--help"]).format_help() == build_parser().format_help()


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_load_no_command_group_nor_the_store(flag: str):
    code = (f"import sys\nfrom shopwatch.cli import main\ntry:\n    main([{flag!r}])\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith(('shopwatch.commands.', "
            "'sqlite_utils', 'shopwatch.store', 'requests', 'PySide6'))), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stderr.strip() == "[]"
    assert ("shopwatch " if flag == "--version" else "usage: shopwatch") in done.stdout


def test_a_mistyped_command_lists_every_command(capsys):
    from shopwatch.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["synk"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'synk'" in err and "'notify'" in err


def test_gui_holds_cyclic_collection_only_while_it_starts(tmp_path, capsys):
    """``gui`` switches automatic collection off on the way to the first paint; a start that
    fails before the app (and its GUI-thread collector) is up leaves it on again, as it was."""
    import gc

    from shopwatch.cli import main

    assert gc.isenabled()
    code = main(["--data-dir", str(tmp_path), "gui", "--demo-days", "-1"])
    assert code != 0 and "--demo-days" in capsys.readouterr().err
    assert gc.isenabled()


def test_gui_starts_with_cyclic_collection_held(tmp_path, monkeypatch):
    import gc

    import shopwatch.commands.gui as gui
    from shopwatch.cli import main

    during = []
    monkeypatch.setattr(gui, "run_gui", lambda ctx: during.append(gc.isenabled()) or 0)
    assert main(["--data-dir", str(tmp_path), "gui"]) == 0
    assert during == [False]  # off while the app starts
    assert gc.isenabled()  # the stand-in started no collector of its own: back on
