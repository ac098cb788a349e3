"""Build the shopwatch bundle for the current OS: ``python packaging/build.py``.

Steps: make sure the icons exist (``make_icons.py``), compile the translations
(``resources/i18n/*.ts`` -> ``.qm``, with pyside6-lrelease), run PyInstaller with
``packaging/shopwatch.spec``, then check the result: the executable reports the version in
pyproject.toml, and (with ``--self-test``) it passes its own end-to-end self-test.

Output: ``dist/shopwatch/`` (Linux, Windows) or ``dist/shopwatch.app`` (macOS). The Windows
installer (``packaging/windows/shopwatch.iss``) and the macOS disk image
(``packaging/macos/build_dmg.sh``) are made from it."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "shopwatch.spec"
I18N = ROOT / "resources" / "i18n"
sys.path.insert(0, str(PACKAGING))

import bundle_policy  # noqa: E402


class BuildError(RuntimeError):
    """A step failed; the message says which and what to do."""


def log(message: str) -> None:
    print(f"[build] {message}", flush=True)


def bundle_paths(dist: Path, name: str) -> tuple[Path, Path]:
    """(folder to measure, executable to run) of the built bundle on this OS."""
    if sys.platform == "darwin":
        app = dist / f"{name}.app"
        return app, app / "Contents" / "MacOS" / name
    folder = dist / name
    exe = folder / (f"{name}-cli.exe" if sys.platform == "win32" else name)
    return folder, exe


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def ensure_icons() -> None:
    import make_icons

    expected = ["shopwatch.ico", "shopwatch.icns", "shopwatch.svg", "tray-light.png",
                "tray-light@2x.png", "tray-dark.png", "tray-dark@2x.png"]
    missing = [name for name in expected if not (make_icons.OUT_DIR / name).is_file()]
    if missing:
        log(f"generating icons (missing: {', '.join(missing)})")
        make_icons.generate()
    else:
        log("icons present")


def compile_translations() -> None:
    """resources/i18n/*.ts -> .qm with pyside6-lrelease (the bundle ships the .qm only)."""
    from translations import TranslationBuildError, compile_catalogues

    try:
        built = compile_catalogues(I18N)
    except TranslationBuildError as exc:
        raise BuildError(str(exc)) from exc
    log(f"compiled {len(built)} translation(s) with pyside6-lrelease")


def run_pyinstaller(dist: Path, work: Path, clean: bool) -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError as exc:
        raise BuildError("PyInstaller is not installed: pip install -e '.[build]'") from exc
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
           "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    if clean:
        cmd.insert(3, "--clean")
    log("running PyInstaller (a few minutes)")
    # Qt must never try to open a display while hooks import it during analysis.
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    if subprocess.run(cmd, cwd=ROOT, env=env).returncode != 0:
        raise BuildError("PyInstaller failed (its output is above)")


def filter_icu(folder: Path) -> None:
    """ICU's data cut to the shipped languages (packaging/icu_data.py); skipped, with the
    reason, where its tools are missing."""
    import icu_data

    missing = icu_data.missing_tools()
    if missing:
        log(f"ICU data left whole: {', '.join(missing)} not found (apt install binutils "
            "icu-devtools gcc)")
        return
    for library, old, new in icu_data.filter_bundle(folder):
        log(f"ICU data filtered to {', '.join(sorted(bundle_policy.ICU_LANGUAGES))}: "
            f"{library.name} {old / 2**20:.1f} -> {new / 2**20:.1f} MiB")


def _frozen_env(profile: Path) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SHOPWATCH_HOME": str(profile)}
    # nothing from this build environment may leak into the frozen app's imports
    for key in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP"):
        env.pop(key, None)
    return env


def check_version(exe: Path, version: str, profile: Path) -> None:
    result = subprocess.run([str(exe), "--version"], capture_output=True, text=True,
                            timeout=120, env=_frozen_env(profile))
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0 or output.split()[-1:] != [version]:
        raise BuildError(f"{exe.name} --version printed {output!r}, expected version {version}")
    log(f"{exe.name} --version: {output}")


def run_self_test(exe: Path, profile: Path) -> None:
    log("running the bundle's self-test")
    result = subprocess.run([str(exe), "--self-test"], timeout=600, env=_frozen_env(profile))
    if result.returncode != 0:
        raise BuildError(f"the self-test failed (exit code {result.returncode})")


def build(*, clean: bool = False, self_test: bool = False, dist: Path | None = None) -> Path:
    """Build the bundle; returns the executable's path."""
    project = bundle_policy.read_project()
    dist = dist or ROOT / "dist"
    work = ROOT / "build" / "pyinstaller"
    started = time.monotonic()
    log(f"{project.name} {project.version} on {sys.platform}, Python {sys.version.split()[0]}")
    ensure_icons()
    compile_translations()
    run_pyinstaller(dist, work, clean)
    folder, exe = bundle_paths(dist, project.name)
    if not exe.is_file():
        raise BuildError(f"PyInstaller reported success but {exe} does not exist")
    if sys.platform.startswith("linux"):
        filter_icu(folder)
    elapsed = time.monotonic() - started
    log(f"built {folder} in {elapsed:.0f} s: {folder_size(folder) / 2**20:.1f} MiB "
        f"({folder_size(folder) / 1e6:.1f} MB)")
    scratch = ROOT / "build" / "check-profile"
    shutil.rmtree(scratch, ignore_errors=True)
    check_version(exe, project.version, scratch)
    if self_test:
        run_self_test(exe, scratch)
    shutil.rmtree(scratch, ignore_errors=True)
    return exe


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the shopwatch bundle for this OS.")
    parser.add_argument("--clean", action="store_true",
                        help="discard PyInstaller's cache first (slower, for release builds)")
    parser.add_argument("--self-test", action="store_true",
                        help="run the built app's --self-test afterwards")
    parser.add_argument("--dist", type=Path, help="output folder (default: dist/)")
    args = parser.parse_args(argv)
    try:
        build(clean=args.clean, self_test=args.self_test, dist=args.dist)
    except BuildError as exc:
        log(f"FAILED: {exc}")
        return 1
    except subprocess.TimeoutExpired as exc:
        log(f"FAILED: {exc.cmd[0]} did not finish in {exc.timeout:.0f} s")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
