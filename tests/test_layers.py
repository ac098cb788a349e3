"""The layering rules of DESIGN.md, enforced."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "shopwatch"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _modules(exclude: str | None = None):
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).as_posix()
        if exclude and rel.startswith(exclude):
            continue
        yield rel, path


def test_qt_is_imported_only_under_ui():
    offenders = [rel for rel, path in _modules(exclude="ui/")
                 if any(name.split(".")[0] == "PySide6" for name in _imports(path))]
    # commands/gui.py may start the UI, but only by importing shopwatch.ui lazily.
    assert offenders == []


def test_sql_lives_only_in_the_store():
    offenders = [rel for rel, path in _modules(exclude="store/")
                 if "sqlite3" in _imports(path) and not rel.startswith("ui/")]
    allowed = {"monitor/sync.py"}  # catches sqlite3.Error to record a failed run, runs no SQL
    assert set(offenders) <= allowed


def test_pure_policy_modules_do_no_io():
    for rel in ("monitor/detect.py", "monitor/schedule.py"):
        path = PACKAGE / rel
        if not path.exists():
            continue
        banned = {"requests", "sqlite3", "sqlite_utils", "socket", "PySide6", "shopwatch.store"}
        assert not {n for n in _imports(path) if n.split(".")[0] in banned or n in banned}, rel
