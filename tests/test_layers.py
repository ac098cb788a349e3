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


def _imported_names(path: Path) -> set[str]:
    """Every imported name in full: ``from a.b import c`` gives ``a.b.c``."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _attribute_chains(path: Path) -> set[str]:
    """Dotted attribute reads such as ``self.session.db`` in a module."""
    chains: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute):
            parts, cur = [node.attr], node.value
            while isinstance(cur, ast.Attribute):
                parts.append(cur.attr)
                cur = cur.value
            if isinstance(cur, ast.Name):
                parts.append(cur.id)
            chains.add(".".join(reversed(parts)))
    return chains


def test_pages_and_dialogs_neither_run_sql_nor_hold_a_connection():
    """Pages and dialogs lay out read models (``store.queries.views``, read through
    ``ui.workers.run_query``) and write through the app's writes; no SQL, no connection."""
    banned = ("sqlite3", "sqlite_utils", "shopwatch.store.db", "shopwatch.store.queries",
              "shopwatch.store.migrations")
    allowed = {"shopwatch.store.queries.views"}
    offenders: dict[str, list[str]] = {}
    for folder in ("ui/pages", "ui/dialogs"):
        for path in (PACKAGE / folder).rglob("*.py"):
            rel = path.relative_to(PACKAGE).as_posix()
            bad = [n for n in _imported_names(path) if n not in allowed and any(
                n == b or n.startswith(b + ".") for b in banned)]
            # the GUI thread's connection, and opening one
            bad += [c for c in _attribute_chains(path)
                    if c.endswith("session.db") or c.endswith(".open_db")]
            if bad:
                offenders[rel] = bad
    assert offenders == {}


#: DESIGN.md's layers, top to bottom; a module may import its own layer and those below it.
#: Modules not named (cli.py, __main__.py, credentials, autostart…) are checked by where
#: they are imported from, not here.
LAYERS: list[set[str]] = [
    {"ui"},
    {"commands"},
    {"appeals", "notify", "monitor"},
    {"demo"},
    {"connectors", "imports"},
    {"store"},
    {"models", "config", "timeutil", "alert_kinds"},
]


def _layer_of(name: str) -> int | None:
    parts = name.split(".")
    if parts[0] != "shopwatch" or len(parts) < 2:
        return None
    return next((i for i, layer in enumerate(LAYERS) if parts[1] in layer), None)


#: the only upward imports, each lazy and each for a reason
UPWARD_ALLOWED = {
    # `shopwatch gui` starts the desktop app: the command is its entry point
    "commands/gui.py imports shopwatch.ui.app",
    # a PDF is printed by Qt, which lives only under ui/ (loaded when a PDF is asked for)
    "commands/appeals.py imports shopwatch.ui.pdf_export",
    # the exhibit bundle's PDF summary is drawn by Qt too (loaded when a bundle is made)
    "commands/proof.py imports shopwatch.ui.exhibit_pdf",
}


def test_imports_run_downward_only():
    """ui → commands → appeals/notify/monitor → demo → connectors/imports → store →
    models/config/timeutil: nothing imports a layer above its own (lazy imports included)."""
    upward: list[str] = []
    for rel, path in _modules():
        own = _layer_of("shopwatch." + rel.removesuffix(".py").replace("/", "."))
        if own is None:
            continue
        for name in _imports(path):
            target = _layer_of(name)
            if target is not None and target < own:
                upward.append(f"{rel} imports {name}")
    assert sorted(set(upward) - UPWARD_ALLOWED) == []
