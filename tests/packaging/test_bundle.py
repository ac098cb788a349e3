"""The packaged app works: ``python packaging/build.py`` builds the bundle from this checkout,
and the built executable passes its own end-to-end ``--self-test`` (demo sync over loopback,
offscreen main window, appeal draft, PDF) without anything from the development tree.

Slow (about a minute to build on two cores); CI runs it. Select it with ``-m slow``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def _executable() -> Path:
    if sys.platform == "darwin":
        return ROOT / "dist" / "shopwatch.app" / "Contents" / "MacOS" / "shopwatch"
    if sys.platform == "win32":
        return ROOT / "dist" / "shopwatch" / "shopwatch-cli.exe"
    return ROOT / "dist" / "shopwatch" / "shopwatch"


def _clean_env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SHOPWATCH_HOME": str(tmp_path / "home")}
    for key in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP"):
        env.pop(key, None)
    return env


def test_the_built_bundle_passes_its_self_test(tmp_path: Path) -> None:
    pytest.importorskip("PyInstaller", reason="install the build extra: pip install -e '.[build]'")
    build = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py")], cwd=ROOT,
                           env=_clean_env(tmp_path), capture_output=True, text=True,
                           timeout=1800)
    assert build.returncode == 0, f"build failed:\n{build.stdout[-4000:]}\n{build.stderr[-4000:]}"

    exe = _executable()
    assert exe.is_file(), f"{exe} was not built"
    # run from elsewhere, so nothing can come from the source tree by accident
    result = subprocess.run([str(exe), "--self-test"], cwd=tmp_path, env=_clean_env(tmp_path),
                            capture_output=True, text=True, timeout=600)
    report = result.stdout + result.stderr
    assert result.returncode == 0, f"self-test failed:\n{report}"
    assert "frozen bundle" in report
    assert "self-test passed" in report
    # the temporary profile is gone afterwards; the user's profile was never touched
    assert not (tmp_path / "home").exists()
