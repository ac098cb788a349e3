"""Start at login, the way each desktop expects it: an XDG autostart entry on Linux, a
``Run`` value under HKEY_CURRENT_USER on Windows (no admin rights), a LaunchAgent on macOS.
The app starts hidden in the tray (``gui --minimized``)."""

from __future__ import annotations

import os
import plistlib
import shlex
import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QSettings

from shopwatch.ui.resources import icons_dir, is_frozen

APP_ID = "shopwatch"
WINDOWS_RUN_KEY = r"HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run"


def launch_command(profile: Path | None = None) -> list[str]:
    """How to start this very installation, hidden in the tray."""
    if is_frozen():
        command = [sys.executable]
    elif script := shutil.which("shopwatch"):
        command = [script]
    else:
        command = [sys.executable, "-m", "shopwatch"]
    if profile is not None:
        command += ["--data-dir", str(profile)]
    return [*command, "gui", "--minimized"]


def _xdg_file() -> Path:
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "autostart" / f"{APP_ID}.desktop"


def _mac_file() -> Path:
    return Path.home() / "Library" / "LaunchAgents" / f"io.github.{APP_ID}.plist"


def is_enabled() -> bool:
    if sys.platform == "win32":
        return QSettings(WINDOWS_RUN_KEY, QSettings.Format.NativeFormat).contains(APP_ID)
    if sys.platform == "darwin":
        return _mac_file().exists()
    return _xdg_file().exists()


def set_enabled(enabled: bool, profile: Path | None = None) -> None:
    """Add or remove the login entry; raises OSError when the system refuses."""
    command = launch_command(profile)
    if sys.platform == "win32":
        settings = QSettings(WINDOWS_RUN_KEY, QSettings.Format.NativeFormat)
        if enabled:
            settings.setValue(APP_ID, " ".join(f'"{part}"' for part in command))
        else:
            settings.remove(APP_ID)
        settings.sync()
        if settings.status() != QSettings.Status.NoError:
            raise OSError("the Windows registry refused the start-up entry")
        return
    path = _mac_file() if sys.platform == "darwin" else _xdg_file()
    if not enabled:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    if sys.platform == "darwin":
        payload = plistlib.dumps({"Label": path.stem, "ProgramArguments": command,
                                  "RunAtLoad": True, "ProcessType": "Interactive"})
        path.write_bytes(payload)
        return
    icon = icons_dir() / "shopwatch-256.png"
    path.write_text(
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=shopwatch\n"
        "Comment=Watches your shop for deletions, delistings and penalties\n"
        f"Exec={shlex.join(command)}\n"
        + (f"Icon={icon}\n" if icon.exists() else "")
        + "X-GNOME-Autostart-enabled=true\n"
        "Terminal=false\n",
        encoding="utf-8",
    )
