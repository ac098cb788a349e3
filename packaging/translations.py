"""Compile the translation catalogues (``resources/i18n/*.ts``) to Qt's ``.qm`` with
``pyside6-lrelease``, which ships in the PySide6 wheel. Run at build time only: by setup.py's
``build_py`` (wheels and editable installs), by ``packaging/build.py`` (bundles) and by the test
suite for a source checkout; the app itself never compiles translations."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"


class TranslationBuildError(RuntimeError):
    pass


def lrelease() -> list[str]:
    """Qt's translation compiler: PySide6's wrapper beside this Python, the binary inside the
    PySide6 package, or one on PATH."""
    scripts = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "lrelease", "lrelease-qt6"):
        for candidate in (scripts / name, scripts / f"{name}.exe"):
            if candidate.is_file():
                return [str(candidate)]
    try:
        import PySide6

        for name in ("lrelease", "lrelease.exe", "Qt/libexec/lrelease"):
            candidate = Path(PySide6.__file__).parent / name
            if candidate.is_file():
                return [str(candidate)]
    except ImportError:
        pass
    for name in ("pyside6-lrelease", "lrelease", "lrelease-qt6"):
        found = shutil.which(name)
        if found:
            return [found]
    raise TranslationBuildError(
        "pyside6-lrelease was not found: install PySide6-Essentials (it ships the tool) to "
        "build shopwatch's translations")


def compile_catalogues(source: Path = I18N, target: Path | None = None) -> list[Path]:
    """``source/*.ts`` → ``target/*.qm`` (beside the sources by default), only where a .qm is
    missing or older than its .ts. Returns every .qm there is."""
    target = target or source
    target.mkdir(parents=True, exist_ok=True)
    built = []
    tool: list[str] | None = None
    for ts in sorted(source.glob("*.ts")):
        qm = target / ts.with_suffix(".qm").name
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            tool = tool or lrelease()
            result = subprocess.run([*tool, "-silent", str(ts), "-qm", str(qm)],
                                    capture_output=True, text=True)
            if result.returncode != 0 or not qm.exists():
                raise TranslationBuildError(
                    f"lrelease failed on {ts.name}: {(result.stderr or result.stdout).strip()}")
        built.append(qm)
    return built


if __name__ == "__main__":
    for path in compile_catalogues():
        print(path)
