"""What the bundle carries: one version from pyproject.toml, resources at the root, and only
the Qt parts a widgets app uses. The spec itself is executed with stand-in build targets."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import plistlib
import sys
import tomllib
from pathlib import Path
from typing import Any

import bundle_policy as policy
import pytest

ROOT = Path(__file__).resolve().parents[2]


# --- one source of truth for the version ------------------------------------------------


def test_the_version_is_read_from_pyproject() -> None:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    project = policy.read_project()
    assert (project.name, project.version) == (data["name"], data["version"])


def test_the_installed_package_reports_the_pyproject_version() -> None:
    import shopwatch

    assert shopwatch.__version__ == policy.read_project().version


def test_the_bundled_metadata_gives_importlib_the_pyproject_version(tmp_path: Path) -> None:
    project = policy.Project("shopwatch", "9.8.7", "test")
    folder = policy.write_dist_info(project, tmp_path)
    assert folder.name == "shopwatch-9.8.7.dist-info"
    # exactly how the frozen app finds it: a dist-info folder on its search path
    found = [d for d in importlib.metadata.distributions(path=[str(tmp_path)])]
    assert [(d.metadata["Name"], d.version) for d in found] == [("shopwatch", "9.8.7")]


def test_a_stale_copy_of_our_metadata_is_replaced() -> None:
    project = policy.Project("shopwatch", "0.2.0", "")
    assert policy.is_stale_own_metadata("shopwatch-0.1.0.dist-info/METADATA", project)
    assert not policy.is_stale_own_metadata("shopwatch-0.2.0.dist-info/METADATA", project)
    assert not policy.is_stale_own_metadata("keyring-25.0.dist-info/METADATA", project)


@pytest.mark.parametrize(("version", "numbers"), [
    ("0.1.0", (0, 1, 0, 0)), ("1.2.3rc1", (1, 2, 3, 0)), ("2.0", (2, 0, 0, 0)),
    ("1.4.0+local.7", (1, 4, 0, 0)),
])
def test_windows_version_resource_numbers(version: str, numbers: tuple[int, ...]) -> None:
    assert policy.Project("shopwatch", version, "").version_tuple == numbers


def test_windows_version_resource_carries_the_version() -> None:
    pytest.importorskip("PyInstaller")
    pytest.importorskip("pefile", reason="PyInstaller's version resources need pefile "
                        "(installed with PyInstaller on Windows only)")
    info = policy.windows_version_info(policy.Project("shopwatch", "1.2.3", "d"))
    text = str(info)
    assert "filevers=(1, 2, 3, 0)" in text
    assert "'ProductVersion', '1.2.3'" in text
    assert "'OriginalFilename', 'shopwatch.exe'" in text


def test_macos_info_plist_gets_the_version_and_no_placeholder_survives() -> None:
    plist = policy.macos_info_plist(policy.Project("shopwatch", "1.2.3", ""))
    assert plist["CFBundleShortVersionString"] == "1.2.3"
    assert plist["CFBundleVersion"] == "1.2.3"
    assert plist["CFBundleIdentifier"] == "io.github.shopwatch"
    assert "@" not in plistlib.dumps(plist).decode()


# --- resources ---------------------------------------------------------------------------


def test_resources_land_under_resources_at_the_bundle_root(tmp_path: Path) -> None:
    (tmp_path / "templates" / "appeals" / "zh_CN").mkdir(parents=True)
    (tmp_path / "templates" / "appeals" / "zh_CN" / "a.md.j2").write_text("x")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "taobao.toml").write_text("x")
    (tmp_path / "rules" / "__pycache__").mkdir()
    (tmp_path / "rules" / "__pycache__" / "x.pyc").write_bytes(b"")
    (tmp_path / "icons").mkdir()
    (tmp_path / "icons" / "tray.png.tmp").write_bytes(b"")
    datas = policy.resource_datas(tmp_path)
    assert sorted(dest for _src, dest in datas) == ["resources/rules",
                                                     "resources/templates/appeals/zh_CN"]


def test_the_real_resources_include_templates_rules_and_icons() -> None:
    dests = {dest for _src, dest in policy.resource_datas()}
    assert {"resources/rules", "resources/icons"} <= dests
    assert any(dest.startswith("resources/templates/appeals/") for dest in dests)


# --- Qt trimming -------------------------------------------------------------------------


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6\\plugins\\platforms\\qwindows.dll",
    "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
    "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6/plugins/imageformats/qjpeg.dll",
    "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
    "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
    "PySide6/plugins/styles/qmodernwindowsstyle.dll",
    "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
    "PySide6/Qt/translations/qtbase_zh_CN.qm",
    "PySide6/Qt/translations/qt_en.qm",
    "PySide6/Qt/lib/libQt6Core.so.6",
    "shopwatch-0.1.0.dist-info/METADATA",
    "resources/icons/shopwatch.ico",
])
def test_what_a_widgets_app_needs_is_kept(dest: str) -> None:
    assert policy.keep_qt_file(dest)


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/platforms/libqvnc.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/imageformats/libqtiff.so",
    "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so",
    "PySide6/Qt/plugins/qmltooling/libqmldbg_debugger.so",
    "PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-kms-integration.so",
    "PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libivi-shell.so",
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6/Qt/translations/designer_zh_CN.qm",
    "PySide6/Qt/qml/QtQuick/Controls/qmldir",
    "PySide6/opengl32sw.dll",
    "PySide6/d3dcompiler_47.dll",
])
def test_what_it_never_uses_is_left_out(dest: str) -> None:
    assert not policy.keep_qt_file(dest)


@pytest.mark.parametrize("module", [
    "cryptography", "cryptography.hazmat.bindings._rust", "secretstorage.util",
    "_cffi_backend", "PySide6.QtNetwork",
])
def test_heavy_modules_used_only_by_what_is_replaced_or_unused_are_left_out(module: str) -> None:
    assert policy.is_excluded(module)


@pytest.mark.parametrize("module", policy.REQUIRED_MODULES + (
    "keyring.backends.SecretService", "apprise.plugins.email", "docx", "lxml.etree",
    "cryptographic_helpers",  # a name that merely starts like an excluded one
))
def test_what_the_keychain_and_notifications_need_is_kept(module: str) -> None:
    assert not policy.is_excluded(module)


def test_source_catalogues_are_left_out_but_compiled_ones_kept() -> None:
    assert not policy.keep_data("apprise/i18n/de/LC_MESSAGES/apprise.po")
    assert policy.keep_data("apprise/i18n/de/LC_MESSAGES/apprise.mo")


def test_libraries_only_dropped_plugins_linked_to_are_left_out() -> None:
    links = {
        "/qt/libqgtk3.so": ["libgtk-3.so.0", "libglib-2.0.so.0", "libQt6Gui.so.6"],
        "/sys/libgtk-3.so.0": ["libcairo.so.2", "libglib-2.0.so.0"],
        "/sys/libcairo.so.2": ["libpng16.so.16"],
        "/qt/libQt6Gui.so.6": ["libQt6Core.so.6", "libpng16.so.16"],
        "/qt/libQt6Core.so.6": ["libglib-2.0.so.0"],
        "/qt/libqxcb.so": ["libQt6Gui.so.6"],
    }
    kept = [("PySide6/Qt/plugins/platforms/libqxcb.so", "/qt/libqxcb.so"),
            ("PySide6/Qt/lib/libQt6Gui.so.6", "/qt/libQt6Gui.so.6"),
            ("PySide6/Qt/lib/libQt6Core.so.6", "/qt/libQt6Core.so.6"),
            ("libgtk-3.so.0", "/sys/libgtk-3.so.0"),
            ("libcairo.so.2", "/sys/libcairo.so.2"),
            ("libglib-2.0.so.0", "/sys/libglib-2.0.so.0"),
            ("libpng16.so.16", "/sys/libpng16.so.16"),
            # loaded with ctypes: linked by nothing, so never a suspect
            ("libsecret.so.0", "/sys/libsecret.so.0")]
    dropped = [("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/qt/libqgtk3.so")]
    orphans = policy.orphaned_libraries(kept, dropped, lambda src: links.get(src, []))
    assert orphans == {"libgtk-3.so.0", "libcairo.so.2"}


def test_a_removed_library_takes_its_links_and_framework_with_it() -> None:
    gone = {"libqt6opengl.so.6", "qtopengl"}
    assert policy.is_library_in("libQt6OpenGL.so.6", gone)  # the symlink at the root
    assert policy.is_library_in("PySide6/Qt/lib/libQt6OpenGL.so.6", gone)
    assert policy.is_library_in("PySide6/Qt/lib/QtOpenGL.framework/Resources/Info.plist", gone)
    assert not policy.is_library_in("PySide6/Qt/lib/libQt6Gui.so.6", gone)


# --- the spec ------------------------------------------------------------------------------


class _Target:
    """Stands in for PyInstaller's build targets: remembers how the spec called it."""

    made: list[_Target] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args, self.kwargs = args, kwargs
        self.kind = type(self).__name__
        _Target.made.append(self)


class Analysis(_Target):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.binaries = [("PySide6/Qt/plugins/platforms/libqvnc.so", "/nonexistent/libqvnc.so",
                          "BINARY")]
        self.datas = [(dest, src, "DATA") for src, dest in kwargs["datas"]]
        self.datas.append(("shopwatch-0.0.1.dist-info/METADATA", "/old/METADATA", "DATA"))
        self.pure = []
        self.scripts = []


class PYZ(_Target):
    pass


class EXE(_Target):
    pass


class COLLECT(_Target):
    pass


class BUNDLE(_Target):
    pass


def test_the_spec_builds_a_windowed_one_folder_app_named_and_versioned_from_pyproject(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("PyInstaller")
    from PyInstaller.depend import bindepend

    monkeypatch.setattr(bindepend, "get_imports", lambda src: set())
    monkeypatch.setattr(sys, "path", list(sys.path))
    _Target.made = []
    spec = ROOT / "packaging" / "shopwatch.spec"
    namespace = {"__file__": str(spec), "__name__": "__main__",
                 "SPECPATH": str(spec.parent), "workpath": str(tmp_path),
                 "Analysis": Analysis, "PYZ": PYZ, "EXE": EXE, "COLLECT": COLLECT,
                 "BUNDLE": BUNDLE}
    exec(compile(spec.read_text(encoding="utf-8"), str(spec), "exec"), namespace)

    project = policy.read_project()
    made = {t.kind: t for t in _Target.made}
    analysis, exe, collect = made["Analysis"], made["EXE"], made["COLLECT"]
    assert analysis.args[0] == [str(ROOT / "packaging" / "launcher.py")]
    assert "shopwatch.commands.demo" in analysis.kwargs["hiddenimports"]
    assert "tkinter" in analysis.kwargs["excludes"]
    assert "PySide6.QtQml" in analysis.kwargs["excludes"]
    assert exe.kwargs["name"] == project.name
    assert exe.kwargs["console"] is False
    assert exe.kwargs["exclude_binaries"] is True  # one folder, not one file
    assert collect.kwargs["name"] == project.name
    dests = {entry[0] for entry in analysis.datas}
    assert f"shopwatch-{project.version}.dist-info" in {d.split("/")[0] for d in dests}
    assert "shopwatch-0.0.1.dist-info/METADATA" not in dests  # the stale copy is gone
    assert any(d.startswith("resources/templates/appeals") for d in dests)
    assert analysis.binaries == []  # the VNC platform plugin was trimmed
    metadata = tmp_path / "metadata" / f"shopwatch-{project.version}.dist-info" / "METADATA"
    assert f"Version: {project.version}" in metadata.read_text(encoding="utf-8")
    assert isinstance(made.get("BUNDLE"), BUNDLE) == (sys.platform == "darwin")


def test_build_script_names_the_executable_per_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    # loaded by path: "build" is also the name of PyPA's build frontend
    loader = importlib.util.spec_from_file_location("shopwatch_build",
                                                    ROOT / "packaging" / "build.py")
    build = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(build)

    dist = Path("/d")
    monkeypatch.setattr(build.sys, "platform", "linux")
    assert build.bundle_paths(dist, "shopwatch") == (dist / "shopwatch", dist / "shopwatch" /
                                                      "shopwatch")
    monkeypatch.setattr(build.sys, "platform", "win32")
    assert build.bundle_paths(dist, "shopwatch")[1].name == "shopwatch-cli.exe"
    monkeypatch.setattr(build.sys, "platform", "darwin")
    assert build.bundle_paths(dist, "shopwatch") == (
        dist / "shopwatch.app", dist / "shopwatch.app" / "Contents" / "MacOS" / "shopwatch")
