"""What goes into the PyInstaller bundle, as plain functions the spec calls and the tests check:
the project's name and version (from ``pyproject.toml``, the one source of truth), the
version metadata the frozen app reads, the shipped resources, and which Qt plugins,
translations and libraries are left out to keep the bundle small.

Nothing here imports PyInstaller at module level, so it can be tested anywhere."""

from __future__ import annotations

import plistlib
import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
RESOURCES = ROOT / "resources"
INFO_PLIST_TEMPLATE = ROOT / "packaging" / "macos" / "Info.plist"

#: shown by Windows Explorer and macOS Finder
DISPLAY_NAME = "shopwatch"
PUBLISHER = "shopwatch"

#: translations the app ships (en, Simplified Chinese); Qt's own catalogues for other
#: languages are left out
QT_LANGUAGES = frozenset({"en", "zh_CN"})
#: Qt translation catalogues the widgets use (standard dialogs, buttons); the rest belong to
#: Qt modules we do not ship (Designer, Assistant, QML, Multimedia, ...)
QT_CATALOGUES = frozenset({"qt", "qtbase"})

#: Qt plugin types kept, each with the plugins kept (None: all of that type). Types not
#: listed are left out: QML tooling, SQL drivers, TLS and network information (HTTP goes
#: through requests), Designer, touch input, embedded EGL/KMS devices, OpenGL integrations
#: (the app draws with widgets, no GL), Wayland compositor-side buffer integrations.
QT_PLUGINS: dict[str, frozenset[str] | None] = {
    # the windowing system: X11 and Wayland, Windows, macOS, plus offscreen/minimal for
    # headless runs (the self-test, screenshots in CI)
    "platforms": frozenset({"qxcb", "qwayland", "qwindows", "qcocoa", "qoffscreen",
                            "qminimal"}),
    # Wayland client side: window decorations and the standard xdg-shell
    "wayland-decoration-client": None,
    "wayland-shell-integration": frozenset({"xdg-shell"}),
    # native file dialogs through the desktop portal. The GTK theme plugin is left out on
    # purpose: it would bundle the build machine's GTK stack, which breaks on other distros.
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    # input methods (Chinese IMEs through ibus; compose keys)
    "platforminputcontexts": None,
    # native widget style on Windows and macOS
    "styles": None,
    # SVG icons, the app icon, evidence images (JPEG, GIF, WebP -- marketplace images)
    "iconengines": None,
    "imageformats": frozenset({"qsvg", "qico", "qicns", "qjpeg", "qgif", "qwebp"}),
    # printing an appeal on a real printer (PDF export needs no plugin)
    "printsupport": None,
}

#: Qt files collected by PyInstaller's Windows hook that a widgets app never loads: the
#: software OpenGL renderer (20 MB) and ANGLE/Direct3D shader compiler (widgets draw with
#: the raster engine; only OpenGL/Quick windows would use these)
QT_FILES_DROPPED = frozenset({"opengl32sw.dll", "d3dcompiler_47.dll", "libegl.dll",
                              "libglesv2.dll"})

#: data files that are sources of other files the bundle already carries (Apprise's gettext
#: catalogues ship compiled as .mo beside their .po sources)
DATA_DROPPED_SUFFIXES = (".po", ".pot")

#: Python modules never needed in the app (test tools, other Qt bindings, Tk, and the
#: PySide6 modules shopwatch does not use: their hooks would pull in QML and more)
EXCLUDED_MODULES = (
    "tkinter", "_tkinter", "pytest", "_pytest", "pytest_qt", "pytestqt", "hypothesis",
    "pytest_httpserver", "aiosmtpd", "IPython", "matplotlib", "numpy",
    "PyQt5", "PyQt6", "PySide2",
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtQuickControls2",
    "PySide6.QtQuickTest", "PySide6.QtQmlFeatures", "PySide6.QtDesigner", "PySide6.QtHelp",
    "PySide6.QtUiTools", "PySide6.QtTest", "PySide6.QtSql", "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets", "PySide6.QtConcurrent", "PySide6.QtXml", "PySide6.QtDBus",
    "PySide6.QtLabsStyleKit",
    # the single-instance check uses multiprocessing.connection; nothing else needs QtNetwork
    # (HTTP goes through requests), which would bring the Kerberos/GSSAPI libraries along
    "PySide6.QtNetwork",
    # lxml parts nothing uses (python-docx and openpyxl need lxml.etree only)
    "lxml.objectify", "lxml.html", "lxml.isoschematron", "lxml.cssselect",
    "lxml.doctestcompare", "lxml.usedoctest",
    # syntax highlighting (an optional Markdown extension Apprise never enables) and line
    # editing for interactive interpreters
    "pygments", "readline",
    # cryptography (11 MiB): the Linux keychain was its only necessary user, through keyring's
    # SecretService backend and SecretStorage; shopwatch.secret_service talks to the Secret
    # Service without it. Apprise imports it optionally, for services a seller here is not
    # offered (Firebase FCM, web push, Session, Nostr direct messages) and end-to-end options
    # of Pushover, Bark, PushWard and Matrix; it reports those as unavailable.
    "cryptography", "secretstorage", "_cffi_backend", "cffi",
)

#: modules the app needs that an exclusion above must never catch (the Linux keychain)
REQUIRED_MODULES = ("keyring", "jeepney", "shopwatch.secret_service", "shopwatch.secret_cipher")


def is_excluded(module: str) -> bool:
    """Whether ``module`` is left out of the bundle (an excluded package takes its
    submodules with it, as in PyInstaller)."""
    return any(module == name or module.startswith(name + ".") for name in EXCLUDED_MODULES)

#: languages whose ICU locale data the Linux bundle keeps (icu_data.py); root is every
#: locale's fallback
ICU_LANGUAGES = frozenset({"root", "en", "zh"})
#: ICU item folders organised by locale (the file name is the locale)
_ICU_LOCALE_TREES = frozenset({"", "brkitr", "coll", "curr", "lang", "rbnf", "region", "unit",
                               "zone"})
#: a locale file name: language, then script/region/variant parts (af_NA.res, zh_Hant_TW.res)
_ICU_LOCALE = re.compile(r"([a-z]{2,3}|root)(_[A-Za-z0-9]*)*\.res")

#: files in resources/ that are build leftovers, never shipped
_JUNK = re.compile(r"(^|/)(__pycache__|\.DS_Store|Thumbs\.db)(/|$)|\.(tmp|pyc)$")


@dataclass(frozen=True, slots=True)
class Project:
    """The few facts the build needs from ``[project]`` in pyproject.toml."""

    name: str
    version: str
    description: str

    @property
    def version_tuple(self) -> tuple[int, int, int, int]:
        """Four numbers for Windows' version resource ("1.2.3rc1" -> (1, 2, 3, 0))."""
        numbers = [int(part) for part in re.findall(r"\d+", self.version.split("+")[0])[:3]]
        while len(numbers) < 4:
            numbers.append(0)
        return numbers[0], numbers[1], numbers[2], numbers[3]


def read_project(pyproject: Path = PYPROJECT) -> Project:
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    if "version" not in data:
        raise ValueError(f"{pyproject}: [project] version must be set statically (no 'dynamic')")
    return Project(name=data["name"], version=str(data["version"]),
                   description=str(data.get("description", "")))


def dist_info_name(project: Project) -> str:
    return f"{project.name.replace('-', '_')}-{project.version}.dist-info"


def write_dist_info(project: Project, target: Path) -> Path:
    """A minimal ``<name>-<version>.dist-info`` for the bundle, written from pyproject.toml.

    ``shopwatch.__version__`` comes from ``importlib.metadata.version("shopwatch")``. A frozen
    app has no installed distribution, so the bundle carries this metadata folder at its
    root (where ``importlib.metadata`` looks). It is generated from pyproject.toml at build
    time rather than copied from the build machine's installation, which may be stale (an
    editable install keeps the version it had when it was installed)."""
    folder = target / dist_info_name(project)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "METADATA").write_text(
        "Metadata-Version: 2.1\n"
        f"Name: {project.name}\n"
        f"Version: {project.version}\n"
        f"Summary: {project.description}\n",
        encoding="utf-8",
    )
    (folder / "INSTALLER").write_text("pyinstaller\n", encoding="utf-8")
    return folder


def is_stale_own_metadata(dest: str, project: Project) -> bool:
    """True for a copy of our own dist-info that PyInstaller found installed on the build
    machine (it collects metadata for literal ``version("shopwatch")`` calls); ours replaces it."""
    top = PurePosixPath(dest.replace("\\", "/")).parts[0]
    prefix = project.name.replace("-", "_") + "-"
    return (top.startswith(prefix) and top.endswith((".dist-info", ".egg-info"))
            and top != dist_info_name(project))


def resource_datas(resources: Path = RESOURCES) -> list[tuple[str, str]]:
    """(source file, destination folder) for every shipped file under ``resources/``, so the
    bundle has ``resources/`` at its root, where ``shopwatch.config.resources_dir`` looks."""
    out: list[tuple[str, str]] = []
    for path in sorted(resources.rglob("*")):
        rel = path.relative_to(resources).as_posix()
        if path.is_file() and not _JUNK.search(rel):
            out.append((str(path), str(PurePosixPath("resources", rel).parent)))
    return out


def _plugin_stem(filename: str) -> str:
    """"libqxcb.so" / "qwindows.dll" / "libqcocoa.dylib" -> "qxcb" / "qwindows" / "qcocoa"."""
    name = filename.split(".")[0]
    return name[3:] if name.startswith("lib") else name


def keep_qt_file(dest: str) -> bool:
    """Whether a file PyInstaller collected for Qt stays in the bundle. ``dest`` is its path
    inside the bundle (``PySide6/Qt/plugins/platforms/libqxcb.so`` on Linux and macOS,
    ``PySide6/plugins/platforms/qwindows.dll`` on Windows)."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if not parts or parts[0] != "PySide6":
        return True
    if parts[-1].lower() in QT_FILES_DROPPED:
        return False
    if "plugins" in parts:
        i = parts.index("plugins")
        if len(parts) < i + 3:
            return True
        kind, filename = parts[i + 1], parts[-1]
        if kind not in QT_PLUGINS:
            return False
        allowed = QT_PLUGINS[kind]
        return allowed is None or _plugin_stem(filename) in allowed
    if "translations" in parts:
        match = re.fullmatch(r"([a-z_]+?)_([a-z]{2}(?:_[A-Z]{2})?)\.qm", parts[-1])
        return bool(match) and match.group(1) in QT_CATALOGUES and match.group(2) in QT_LANGUAGES
    return "qml" not in parts


#: legacy-charset converters kept: Qt opens one (QStringConverter) only when asked for that
#: charset by name, and the app never asks; these cover text a Chinese seller's tools could
#: still label GB18030, GBK, GB2312, Big5 (and Hong Kong's), or Windows' Western code page
ICU_CONVERTERS = frozenset({
    "gb18030", "windows-936-2000", "ibm-1386_P100-2001", "ibm-1383_P110-1999",
    "windows-950-2000", "ibm-950_P110-1999", "ibm-1375_P100-2008", "ibm-5348_P100-1997",
})


def keep_icu_item(item: str, *, break_iterators: bool = False) -> bool:
    """Whether an item of ICU's data package (``coll/de.res``, ``icudt73l/coll/de.res``) stays in
    the Linux bundle: everything that is not another language's locale data (tables shared by
    all locales, time zones, collation stay), the converters of ``ICU_CONVERTERS``, and no
    transliterators. Break iterators (word and line rules, the dictionaries for Chinese,
    Japanese, Thai, Khmer, Lao, Burmese: 3.3 MiB) stay only if ``break_iterators``: Qt, the
    bundle's only user of ICU, imports no ``ubrk_`` function (icu_data checks it)."""
    parts = PurePosixPath(item).parts
    if parts and parts[0].startswith("icudt"):
        parts = parts[1:]  # the package name, as in the library's table of contents
    if not parts:
        return True
    folder, name = "/".join(parts[:-1]), parts[-1]
    if folder == "translit" or (folder == "brkitr" and not break_iterators):
        return False
    if not folder and name.endswith(".cnv"):
        return name[: -len(".cnv")] in ICU_CONVERTERS
    match = _ICU_LOCALE.fullmatch(name)
    if folder not in _ICU_LOCALE_TREES or not match or name in ("res_index.res", "pool.res"):
        return True  # res_index lists a tree's locales and looks like one ("res" + "_index")
    return match.group(1) in ICU_LANGUAGES


def keep_data(dest: str) -> bool:
    """Whether a collected data file stays in the bundle (Qt's, and source catalogues)."""
    return keep_qt_file(dest) and not dest.lower().endswith(DATA_DROPPED_SUFFIXES)


def _lib_key(name: str) -> str:
    """How a library is matched between a dependency list and the bundle: its file name,
    case-folded (Windows), without a macOS framework path (``@rpath/QtGui.framework/...``)."""
    return PurePosixPath(name.replace("\\", "/")).name.lower()


def orphaned_libraries(
    kept: Iterable[tuple[str, str]], dropped: Iterable[tuple[str, str]],
    imports_of: Callable[[str], Iterable[str]],
) -> set[str]:
    """Libraries (as ``_lib_key`` names) that only dropped plugins needed.

    ``kept`` and ``dropped`` are (bundle path, source path) pairs; ``imports_of(source)``
    lists the libraries a binary links to. PyInstaller analyses dependencies before the spec
    can filter plugins, so a dropped plugin's libraries (the GTK stack behind the GTK theme,
    EGL device support behind eglfs, ...) would stay behind. A library reachable from any
    kept binary stays; anything loaded without linking (ctypes, dlopen) is never reachable
    from a dropped plugin either, so it is never removed here."""
    kept = list(kept)
    sources = {_lib_key(dest): src for dest, src in [*kept, *dropped]}

    def closure(roots: Iterable[str]) -> set[str]:
        seen: set[str] = set()
        stack = list(roots)
        while stack:
            src = stack.pop()
            for name in imports_of(src):
                key = _lib_key(name)
                if key not in seen:
                    seen.add(key)
                    if key in sources:
                        stack.append(sources[key])
        return seen

    suspects = closure(src for _dest, src in dropped)
    roots = [src for dest, src in kept if _lib_key(dest) not in suspects]
    return suspects - closure(roots)


def is_library_in(dest: str, libraries: set[str]) -> bool:
    """Whether a bundle entry is (a file of) one of ``libraries``: the library itself, a
    symbolic link to it, or anything inside its macOS framework folder."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if not parts:
        return False
    if _lib_key(parts[-1]) in libraries:
        return True
    return any(part.endswith(".framework") and part[: -len(".framework")].lower() in libraries
               for part in parts)


def macos_info_plist(project: Project, template: Path = INFO_PLIST_TEMPLATE) -> dict[str, Any]:
    """Info.plist entries for the .app: the template with the version filled in."""
    text = template.read_text(encoding="utf-8")
    text = text.replace("@VERSION@", project.version).replace("@NAME@", DISPLAY_NAME)
    return plistlib.loads(text.encode("utf-8"))


def windows_version_info(project: Project) -> Any:
    """The version resource of shopwatch.exe (Explorer's Details tab, installers, AV tools)."""
    from PyInstaller.utils.win32 import versioninfo as vi

    numbers = project.version_tuple
    strings = [
        vi.StringStruct("CompanyName", PUBLISHER),
        vi.StringStruct("FileDescription", DISPLAY_NAME),
        vi.StringStruct("FileVersion", project.version),
        vi.StringStruct("InternalName", project.name),
        vi.StringStruct("OriginalFilename", f"{project.name}.exe"),
        vi.StringStruct("ProductName", DISPLAY_NAME),
        vi.StringStruct("ProductVersion", project.version),
    ]
    return vi.VSVersionInfo(
        ffi=vi.FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            vi.StringFileInfo([vi.StringTable("040904B0", strings)]),
            vi.VarFileInfo([vi.VarStruct("Translation", [0x0409, 1200])]),
        ],
    )
