"""Start at login: what each system's entry contains, and that switching it off removes it."""

from __future__ import annotations

import plistlib
from pathlib import Path

import pytest

from shopwatch import autostart

COMMAND = ["/opt/shop watch/shopwatch", "gui", "--minimized"]


class FakeRegistry:
    """The slice of ``winreg`` autostart uses, over a dict: {key path: {value name: data}}."""

    HKEY_CURRENT_USER = "HKCU"
    KEY_READ = 0x20019
    KEY_SET_VALUE = 0x0002
    REG_SZ = 1
    REG_BINARY = 3

    def __init__(self) -> None:
        self.keys: dict[str, dict[str, tuple[object, int]]] = {}
        self.open_handles = 0

    def _path(self, root: str, sub: str) -> str:
        return f"{root}\\{sub}"

    def CreateKeyEx(self, root: str, sub: str, reserved: int = 0, access: int = 0) -> str:
        path = self._path(root, sub)
        self.keys.setdefault(path, {})
        self.open_handles += 1
        return path

    def OpenKey(self, root: str, sub: str, reserved: int = 0, access: int = 0) -> str:
        path = self._path(root, sub)
        if path not in self.keys:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        self.open_handles += 1
        return path

    def CloseKey(self, key: str) -> None:
        self.open_handles -= 1

    def SetValueEx(self, key: str, name: str, reserved: int, kind: int, value: object) -> None:
        self.keys[key][name] = (value, kind)

    def QueryValueEx(self, key: str, name: str) -> tuple[object, int]:
        try:
            return self.keys[key][name]
        except KeyError:
            raise FileNotFoundError(2, "The system cannot find the file specified") from None

    def DeleteValue(self, key: str, name: str) -> None:
        if name not in self.keys[key]:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        del self.keys[key][name]


RUN = f"HKCU\\{autostart.RUN_KEY}"
APPROVED = f"HKCU\\{autostart.STARTUP_APPROVED_KEY}"


# --- Windows ---------------------------------------------------------------------------


def test_windows_writes_a_quoted_run_value_under_hkcu() -> None:
    reg = FakeRegistry()
    where = autostart.enable([r"C:\Users\Li Wei\AppData\Local\Programs\shopwatch\shopwatch.exe",
                              "gui", "--minimized"], system="win32", registry=reg)
    value, kind = reg.keys[RUN]["shopwatch"]
    assert value == (r'"C:\Users\Li Wei\AppData\Local\Programs\shopwatch\shopwatch.exe" '
                     "gui --minimized")
    assert kind == reg.REG_SZ
    assert "HKEY_CURRENT_USER" in where
    assert autostart.is_enabled(system="win32", registry=reg)
    assert reg.open_handles == 0


def test_windows_disable_removes_only_our_value() -> None:
    reg = FakeRegistry()
    reg.CreateKeyEx(reg.HKEY_CURRENT_USER, autostart.RUN_KEY)
    reg.SetValueEx(RUN, "OneDrive", 0, reg.REG_SZ, "onedrive.exe /background")
    autostart.enable(["shopwatch.exe"], system="win32", registry=reg)
    assert autostart.disable(system="win32", registry=reg) is True
    assert reg.keys[RUN] == {"OneDrive": ("onedrive.exe /background", reg.REG_SZ)}
    assert not autostart.is_enabled(system="win32", registry=reg)
    assert autostart.disable(system="win32", registry=reg) is False


def test_windows_entry_switched_off_in_task_manager_counts_as_disabled() -> None:
    reg = FakeRegistry()
    autostart.enable(["shopwatch.exe"], system="win32", registry=reg)
    reg.CreateKeyEx(reg.HKEY_CURRENT_USER, autostart.STARTUP_APPROVED_KEY)
    reg.SetValueEx(APPROVED, "shopwatch", 0, reg.REG_BINARY, b"\x03" + bytes(11))
    assert not autostart.is_enabled(system="win32", registry=reg)
    # switching it on again in the app's Settings clears the Task Manager flag
    autostart.enable(["shopwatch.exe"], system="win32", registry=reg)
    assert "shopwatch" not in reg.keys[APPROVED]
    assert autostart.is_enabled(system="win32", registry=reg)


def test_windows_without_a_run_key_is_disabled() -> None:
    reg = FakeRegistry()
    assert not autostart.is_enabled(system="win32", registry=reg)
    assert autostart.registered_command(system="win32", registry=reg) is None


# --- macOS -----------------------------------------------------------------------------


def test_macos_writes_a_launch_agent_labelled_with_the_bundle_id(tmp_path: Path) -> None:
    autostart.enable(COMMAND, system="darwin", home=tmp_path)
    path = tmp_path / "Library" / "LaunchAgents" / "io.github.shopwatch.plist"
    agent = plistlib.loads(path.read_bytes())
    assert agent["Label"] == "io.github.shopwatch"
    assert agent["ProgramArguments"] == COMMAND  # no shell: a path with spaces needs no quoting
    assert agent["RunAtLoad"] is True
    assert agent["KeepAlive"] is False
    assert agent["LimitLoadToSessionType"] == "Aqua"
    assert autostart.is_enabled(system="darwin", home=tmp_path)


def test_macos_label_matches_the_app_bundle_identifier() -> None:
    info = Path(__file__).resolve().parents[2] / "packaging" / "macos" / "Info.plist"
    text = info.read_text(encoding="utf-8").replace("@VERSION@", "1").replace("@NAME@", "x")
    assert plistlib.loads(text.encode())["CFBundleIdentifier"] == autostart.LAUNCH_AGENT_LABEL


def test_macos_disable_removes_the_agent(tmp_path: Path) -> None:
    autostart.enable(COMMAND, system="darwin", home=tmp_path)
    assert autostart.disable(system="darwin", home=tmp_path) is True
    assert not autostart.launch_agent_path(tmp_path).exists()
    assert not autostart.is_enabled(system="darwin", home=tmp_path)
    assert autostart.disable(system="darwin", home=tmp_path) is False


def test_macos_damaged_agent_file_is_not_enabled(tmp_path: Path) -> None:
    path = autostart.launch_agent_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a plist")
    assert not autostart.is_enabled(system="darwin", home=tmp_path)


# --- Linux (XDG) -----------------------------------------------------------------------


def test_linux_writes_an_xdg_autostart_entry(tmp_path: Path) -> None:
    icon = tmp_path / "icons" / "shopwatch-256.png"
    autostart.enable(COMMAND, system="linux", home=tmp_path, env={}, icon=icon)
    path = tmp_path / ".config" / "autostart" / "shopwatch.desktop"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    assert "Type=Application" in lines
    assert 'Exec="/opt/shop watch/shopwatch" gui --minimized' in lines
    assert f"Icon={icon}" in lines
    assert "Terminal=false" in lines
    assert autostart.is_enabled(system="linux", home=tmp_path, env={})


def test_linux_follows_xdg_config_home(tmp_path: Path) -> None:
    config = tmp_path / "cfg"
    autostart.enable(COMMAND, system="linux", home=tmp_path, env={"XDG_CONFIG_HOME": str(config)})
    assert (config / "autostart" / "shopwatch.desktop").is_file()
    # a relative XDG_CONFIG_HOME is invalid per the spec and ignored
    where = autostart.location(system="linux", home=tmp_path, env={"XDG_CONFIG_HOME": "rel"})
    assert where == str(tmp_path / ".config" / "autostart" / "shopwatch.desktop")


@pytest.mark.parametrize(("arg", "written"), [
    ("plain", "plain"),
    ("with space", '"with space"'),
    ("100%", "100%%"),
    ('say "hi"', '"say \\\\"hi\\\\""'),
    ("$HOME", '"\\\\$HOME"'),
    (r"C:\dir", '"C:\\\\\\\\dir"'),
])
def test_linux_exec_quoting_follows_the_desktop_entry_spec(arg: str, written: str) -> None:
    assert autostart.desktop_exec([arg]) == written


def test_linux_entry_switched_off_by_the_desktop_is_disabled(tmp_path: Path) -> None:
    autostart.enable(COMMAND, system="linux", home=tmp_path, env={})
    path = autostart.xdg_autostart_path(tmp_path, {})
    path.write_text(path.read_text().replace("X-GNOME-Autostart-enabled=true",
                                             "X-GNOME-Autostart-enabled=false"))
    assert not autostart.is_enabled(system="linux", home=tmp_path, env={})
    path.write_text("[Desktop Entry]\nType=Application\nExec=x\nHidden=true\n")
    assert not autostart.is_enabled(system="linux", home=tmp_path, env={})


def test_linux_disable_removes_the_entry(tmp_path: Path) -> None:
    autostart.enable(COMMAND, system="linux", home=tmp_path, env={})
    assert autostart.disable(system="linux", home=tmp_path, env={}) is True
    assert not autostart.xdg_autostart_path(tmp_path, {}).exists()
    assert autostart.disable(system="linux", home=tmp_path, env={}) is False


def test_enable_replaces_an_entry_from_a_moved_installation(tmp_path: Path) -> None:
    autostart.enable(["/old/place/shopwatch"], system="linux", home=tmp_path, env={})
    autostart.enable(["/new/place/shopwatch"], system="linux", home=tmp_path, env={})
    assert autostart.registered_command(system="linux", home=tmp_path,
                                        env={}) == "/new/place/shopwatch"


def test_refusal_is_reported_with_the_location(tmp_path: Path) -> None:
    blocker = tmp_path / ".config"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(autostart.AutostartError, match="autostart"):
        autostart.enable(COMMAND, system="linux", home=tmp_path, env={})


# --- the command that gets registered ---------------------------------------------------


def test_a_packaged_app_starts_its_own_executable_in_the_tray() -> None:
    cmd = autostart.launch_command(frozen=True, executable="/Applications/shopwatch.app/"
                                   "Contents/MacOS/shopwatch")
    assert cmd == ["/Applications/shopwatch.app/Contents/MacOS/shopwatch", "gui", "--minimized"]


def test_a_python_install_starts_the_module_without_a_console_window(tmp_path: Path) -> None:
    python = tmp_path / "python.exe"
    python.write_bytes(b"")
    (tmp_path / "pythonw.exe").write_bytes(b"")
    cmd = autostart.launch_command(frozen=False, executable=str(python))
    assert cmd == [str(tmp_path / "pythonw.exe"), "-m", "shopwatch", "gui", "--minimized"]
    assert autostart.launch_command("gui", frozen=False, executable="/usr/bin/python3") == [
        "/usr/bin/python3", "-m", "shopwatch", "gui"]
