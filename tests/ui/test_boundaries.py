"""Qt stays inside ``shopwatch/ui/``: no other module imports PySide6, and the command line
loads Qt only when the ``gui`` command actually runs."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "shopwatch"


def top_level_imports(path: Path) -> set[str]:
    """Modules imported at module level (imports inside functions are lazy and allowed)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def all_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_nothing_outside_ui_imports_pyside6():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith("ui/"):
            continue
        if any(name.split(".")[0] == "PySide6" for name in all_imports(path)):
            offenders.append(rel)
    assert offenders == []


def test_the_gui_command_imports_the_ui_lazily():
    names = top_level_imports(PACKAGE / "commands" / "gui.py")
    assert not any(n.startswith(("shopwatch.ui", "PySide6")) for n in names)


def test_the_command_line_does_not_load_qt():
    code = ("import sys, shopwatch.cli as c; c.build_parser(); "
            "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


def test_the_ui_does_not_run_sql():
    for path in (PACKAGE / "ui").rglob("*.py"):
        assert "sqlite3" not in all_imports(path), path
