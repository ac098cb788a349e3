"""Start shopwatch at login, the way each system expects it, without admin rights:

- Windows: a value named ``shopwatch`` under ``HKCU\\Software\\Microsoft\\Windows\\
  CurrentVersion\\Run`` (the installer's "start at login" task writes the same value, so the
  app's Settings and the installer agree, and uninstalling removes it);
- macOS: a LaunchAgent, ``~/Library/LaunchAgents/io.github.shopwatch.plist``, labelled with
  the app's bundle identifier;
- Linux and other XDG desktops: ``$XDG_CONFIG_HOME/autostart/shopwatch.desktop``.

Plain Python (no Qt), so it is tested anywhere: every function takes the system, the home
folder, the environment and (Windows) the registry module as optional parameters."""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

APP_ID = "shopwatch"
#: the macOS bundle identifier (packaging/macos/Info.plist), also the LaunchAgent's label
LAUNCH_AGENT_LABEL = "io.github.shopwatch"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
#: where Task Manager and Settings > Apps > Startup record that the user switched an
#: entry off; a value whose first byte is odd means "disabled"
STARTUP_APPROVED_KEY = r"Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run"
#: arguments that start the desktop app hidden in the tray
TRAY_ARGS = ("gui", "--minimized")


class AutostartError(OSError):
    """The system refused to add or remove the login entry; the message says where."""


def _system(system: str | None) -> str:
    """"windows", "macos" or "xdg" (Linux and the BSDs)."""
    name = system or sys.platform
    if name in ("win32", "windows", "cygwin"):
        return "windows"
    if name in ("darwin", "macos"):
        return "macos"
    return "xdg"


def launch_command(*args: str, frozen: bool | None = None,
                   executable: str | None = None) -> list[str]:
    """The command line that starts this installation of shopwatch with ``args`` (by default
    hidden in the tray). A packaged app starts its own executable; a Python install starts
    the interpreter it runs in (``pythonw.exe`` on Windows, so no console window opens)."""
    args = args or TRAY_ARGS
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    exe = executable or sys.executable
    if frozen:
        return [exe, *args]
    exe_path = Path(exe)
    if exe_path.name.lower() == "python.exe":
        windowless = exe_path.with_name("pythonw.exe")
        if windowless.exists():
            exe = str(windowless)
    return [exe, "-m", APP_ID, *args]


# --- where each system keeps the entry -------------------------------------------------


def launch_agent_path(home: Path | None = None) -> Path:
    return (home or Path.home()) / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"


def xdg_autostart_path(home: Path | None = None, env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    config = env.get("XDG_CONFIG_HOME", "")
    # the spec says a relative XDG_CONFIG_HOME is invalid and must be ignored
    base = Path(config) if config and Path(config).is_absolute() else (
        (home or Path.home()) / ".config")
    return base / "autostart" / f"{APP_ID}.desktop"


def location(*, system: str | None = None, home: Path | None = None,
             env: Mapping[str, str] | None = None) -> str:
    """Where the entry lives, in words a user can look up (for Settings' tooltip)."""
    kind = _system(system)
    if kind == "windows":
        return f"HKEY_CURRENT_USER\\{RUN_KEY} ({APP_ID})"
    if kind == "macos":
        return str(launch_agent_path(home))
    return str(xdg_autostart_path(home, env))


# --- file formats ---------------------------------------------------------------------


def windows_command_line(command: Sequence[str]) -> str:
    """A Run value: the program and its arguments quoted the way Windows parses them."""
    return subprocess.list2cmdline(list(command))


def launch_agent_plist(command: Sequence[str]) -> bytes:
    """A LaunchAgent that starts ``command`` once when the user logs in to the desktop."""
    return plistlib.dumps({
        "Label": LAUNCH_AGENT_LABEL,
        "ProgramArguments": list(command),
        "RunAtLoad": True,
        "KeepAlive": False,
        # a GUI app: only in the graphical login session, with interactive priority
        "LimitLoadToSessionType": "Aqua",
        "ProcessType": "Interactive",
    })


_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def _exec_arg(arg: str) -> str:
    """One argument of a desktop entry's Exec key (Desktop Entry Specification, "The Exec
    key"): quoted when it holds a reserved character, with ``"`` ``` ` ``` ``$`` ``\\``
    escaped inside the quotes, and ``%`` doubled (a lone % would be a field code)."""
    arg = arg.replace("%", "%%")
    if arg and not (_EXEC_RESERVED & set(arg)):
        return arg
    escaped = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
    return f'"{escaped}"'


def desktop_exec(command: Sequence[str]) -> str:
    """The Exec value as written in the file: the quoted command line, then the string-value
    escaping every key gets (a backslash is written as two)."""
    line = " ".join(_exec_arg(arg) for arg in command)
    return line.replace("\\", "\\\\")


def desktop_entry(command: Sequence[str], icon: Path | None = None) -> str:
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Name=shopwatch",
        "Comment=Watches your shop for deletions, delistings, demotions and penalties",
        f"Exec={desktop_exec(command)}",
        "Terminal=false",
        "X-GNOME-Autostart-enabled=true",
    ]
    if icon is not None:
        lines.append(f"Icon={str(icon).replace(chr(92), chr(92) * 2)}")
    return "\n".join(lines) + "\n"


def _desktop_entry_active(text: str) -> bool:
    """False when the entry is switched off (Hidden=true, or GNOME's enabled flag false)."""
    values: dict[str, str] = {}
    in_main = False
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("["):
            in_main = line == "[Desktop Entry]"
        elif in_main and "=" in line:
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return (values.get("Hidden", "false").lower() != "true"
            and values.get("X-GNOME-Autostart-enabled", "true").lower() != "false")


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _default_icon() -> Path | None:
    from shopwatch.config import resources_dir

    icon = resources_dir() / "icons" / "shopwatch-256.png"
    return icon if icon.is_file() else None


# --- Windows registry -----------------------------------------------------------------


def _registry(registry: Any) -> Any:
    if registry is not None:
        return registry
    import winreg  # only exists on Windows

    return winreg


def _win_enable(command: Sequence[str], reg: Any) -> None:
    key = reg.CreateKeyEx(reg.HKEY_CURRENT_USER, RUN_KEY, 0, reg.KEY_SET_VALUE)
    try:
        reg.SetValueEx(key, APP_ID, 0, reg.REG_SZ, windows_command_line(command))
    finally:
        reg.CloseKey(key)
    # Re-enabling from Settings must win over an earlier "Disabled" in Task Manager.
    try:
        key = reg.OpenKey(reg.HKEY_CURRENT_USER, STARTUP_APPROVED_KEY, 0, reg.KEY_SET_VALUE)
    except FileNotFoundError:
        return
    try:
        reg.DeleteValue(key, APP_ID)
    except FileNotFoundError:
        pass
    finally:
        reg.CloseKey(key)


def _win_disable(reg: Any) -> bool:
    try:
        key = reg.OpenKey(reg.HKEY_CURRENT_USER, RUN_KEY, 0, reg.KEY_SET_VALUE)
    except FileNotFoundError:
        return False
    try:
        reg.DeleteValue(key, APP_ID)
        return True
    except FileNotFoundError:
        return False
    finally:
        reg.CloseKey(key)


def _win_query(reg: Any, path: str) -> Any:
    """The value named APP_ID under HKCU\\path, or None."""
    try:
        key = reg.OpenKey(reg.HKEY_CURRENT_USER, path, 0, reg.KEY_READ)
    except FileNotFoundError:
        return None
    try:
        return reg.QueryValueEx(key, APP_ID)[0]
    except FileNotFoundError:
        return None
    finally:
        reg.CloseKey(key)


def _win_is_enabled(reg: Any) -> bool:
    if not _win_query(reg, RUN_KEY):
        return False
    approved = _win_query(reg, STARTUP_APPROVED_KEY)
    return not (isinstance(approved, bytes | bytearray) and approved[:1]
                and approved[0] & 1)


# --- the three operations -------------------------------------------------------------


def enable(command: Sequence[str] | None = None, *, system: str | None = None,
           home: Path | None = None, env: Mapping[str, str] | None = None,
           registry: Any = None, icon: Path | None = None) -> str:
    """Start ``command`` (default: this installation, hidden in the tray) at every login,
    replacing any earlier entry. Returns where the entry was written; raises
    AutostartError when the system refuses."""
    command = list(command) if command else launch_command()
    kind = _system(system)
    try:
        if kind == "windows":
            _win_enable(command, _registry(registry))
        elif kind == "macos":
            _write_atomically(launch_agent_path(home), launch_agent_plist(command))
        else:
            entry = desktop_entry(command, icon if icon is not None else _default_icon())
            _write_atomically(xdg_autostart_path(home, env), entry.encode("utf-8"))
    except OSError as exc:
        raise AutostartError(f"Cannot add the login entry at "
                             f"{location(system=system, home=home, env=env)}: {exc}") from exc
    return location(system=system, home=home, env=env)


def disable(*, system: str | None = None, home: Path | None = None,
            env: Mapping[str, str] | None = None, registry: Any = None) -> bool:
    """Stop starting at login. Returns whether there was an entry to remove."""
    kind = _system(system)
    try:
        if kind == "windows":
            return _win_disable(_registry(registry))
        path = launch_agent_path(home) if kind == "macos" else xdg_autostart_path(home, env)
        if not path.exists():
            return False
        path.unlink()
        return True
    except OSError as exc:
        raise AutostartError(f"Cannot remove the login entry at "
                             f"{location(system=system, home=home, env=env)}: {exc}") from exc


def is_enabled(*, system: str | None = None, home: Path | None = None,
               env: Mapping[str, str] | None = None, registry: Any = None) -> bool:
    """Whether shopwatch will start at the next login (an entry exists and the user has not
    switched it off in the system's own start-up settings)."""
    kind = _system(system)
    try:
        if kind == "windows":
            return _win_is_enabled(_registry(registry))
        if kind == "macos":
            path = launch_agent_path(home)
            if not path.is_file():
                return False
            data = plistlib.loads(path.read_bytes())
            return isinstance(data, dict) and not data.get("Disabled", False)
        path = xdg_autostart_path(home, env)
        return path.is_file() and _desktop_entry_active(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, plistlib.InvalidFileException):
        return False


def registered_command(*, system: str | None = None, home: Path | None = None,
                       env: Mapping[str, str] | None = None, registry: Any = None) -> str | None:
    """The command line the current entry runs, as stored (None without an entry): lets the
    app notice an entry left by an installation that has since moved."""
    kind = _system(system)
    try:
        if kind == "windows":
            value = _win_query(_registry(registry), RUN_KEY)
            return str(value) if value else None
        if kind == "macos":
            path = launch_agent_path(home)
            if not path.is_file():
                return None
            return subprocess.list2cmdline(plistlib.loads(path.read_bytes())["ProgramArguments"])
        path = xdg_autostart_path(home, env)
        if not path.is_file():
            return None
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("Exec="):
                return line[len("Exec="):]
        return None
    except (OSError, ValueError, KeyError, plistlib.InvalidFileException):
        return None


__all__ = [
    "APP_ID", "LAUNCH_AGENT_LABEL", "RUN_KEY", "AutostartError", "disable", "enable",
    "is_enabled", "launch_command", "location", "registered_command",
]
