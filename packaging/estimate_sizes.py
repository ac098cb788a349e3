"""Estimate the Windows and macOS bundles' sizes from the built Linux bundle and the other
platforms' wheels (issue 16): ``python packaging/estimate_sizes.py [dist]``.

The Linux bundle is split into what every platform carries alike (the executable with its
archive of Python modules, pure-Python packages' data, resources), the Python runtime, the
system libraries only Linux bundles (X11, xcb, GLib, D-Bus, ...), Qt, and the other packages'
compiled extensions. For Windows and macOS, Qt and the compiled extensions are summed from
those platforms' wheels (``pip download``, cached under ``build/wheels``) with the bundle's
own rules (``bundle_policy``): the same Qt modules, plugins and translations, the same
extension modules. The Python runtime is Linux's as a stand-in. The release workflow's
``report_sizes.py`` prints the real sizes; this is the estimate to check them against."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path, PurePosixPath

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bundle_policy  # noqa: E402

ROOT = bundle_policy.ROOT
WHEELS = ROOT / "build" / "wheels"
#: platform -> pip's --platform tags, best first (PySide6 ships macOS wheels as universal2)
PLATFORMS = {
    "windows-x64": ["win_amd64"],
    "macos-arm64": ["macosx_11_0_arm64", "macosx_13_0_universal2", "macosx_11_0_universal2",
                    "macosx_10_9_universal2"],
}
#: distributions whose compiled files differ per platform, by the top-level folder they fill
BINARY_PACKAGES = {"PySide6_Essentials": ("PySide6",), "shiboken6": ("shiboken6",),
                   "lxml": ("lxml",), "PyYAML": ("yaml", "_yaml"),
                   "MarkupSafe": ("markupsafe",), "charset_normalizer": ("charset_normalizer",)}
_EXTENSION = re.compile(r"\.(pyd|so|dylib|dll)$|\.so\.")
_VC_RUNTIME = re.compile(r"^(msvcp140.*|vcruntime140.*)\.dll$", re.I)


@dataclass
class Parts:
    """Sizes in bytes of a bundle's parts."""

    sizes: dict[str, int] = field(default_factory=dict)

    def add(self, part: str, size: int) -> None:
        self.sizes[part] = self.sizes.get(part, 0) + size

    @property
    def total(self) -> int:
        return sum(self.sizes.values())


def _needed(path: Path) -> list[str]:
    dynamic = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic)


def python_libraries(internal: Path) -> set[str]:
    """The bundle's root libraries that Python itself links (OpenSSL, SQLite, libffi, zlib,
    ...): Windows and macOS builds of Python carry their own, so they count as its runtime."""
    stack = [p for p in (internal / f"python{sys.version_info.major}.{sys.version_info.minor}"
                         ).rglob("*.so") if p.is_file()]
    stack += [p for p in internal.glob("libpython*") if p.is_file()]
    found: set[str] = set()
    while stack:
        for name in _needed(stack.pop()):
            lib = internal / name
            if name not in found and lib.is_file() and not name.startswith("libpython"):
                found.add(name)
                stack.append(lib)
    return found


def linux_parts(folder: Path) -> tuple[Parts, set[str], set[str]]:
    """The Linux bundle's parts, the Qt modules it carries (QtCore, ...) and its Qt libraries
    (Core, Gui, ...)."""
    parts, modules, qt_libs = Parts(), set(), set()
    internal = folder / "_internal"
    binary_tops = {top for tops in BINARY_PACKAGES.values() for top in tops}
    python_libs = python_libraries(internal)
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        rel = PurePosixPath(path.relative_to(internal).as_posix()) if internal in path.parents \
            else None
        size = path.stat().st_size
        if rel is None:
            parts.add("common", size)  # the executable and its archive
            continue
        name, top = rel.name, rel.parts[0]
        if top == "PySide6" and len(rel.parts) == 2 and name.startswith("Qt"):
            modules.add(name.split(".")[0])
        if found := re.match(r"libQt6(\w+)\.so", name):
            qt_libs.add(found.group(1))
        if top in ("PySide6", "shiboken6") or re.match(r"lib(Qt6|icu|pyside6|shiboken6)", name):
            parts.add("Qt", size)
        elif top in binary_tops and _EXTENSION.search(name):
            parts.add("compiled extensions", size)
        elif name.startswith("libpython") or top.startswith("python3") or name in python_libs:
            parts.add("Python runtime (Linux's as a stand-in)", size)
        elif len(rel.parts) == 1 and ".so" in name:
            parts.add("system libraries", size)
        else:
            parts.add("common", size)
    return parts, modules, qt_libs


def download(dist: str, platform: str) -> Path:
    """The wheel of the installed version of ``dist`` for ``platform`` (cached)."""
    target = WHEELS / platform
    pattern = f"{dist.lower().replace('-', '_')}-{version(dist)}-*.whl"
    cached = sorted(p for p in target.glob("*.whl") if p.name.lower().startswith(
        pattern.split("*")[0].lower()))
    if cached:
        return cached[0]
    cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
           "--only-binary=:all:", "--python-version", f"{sys.version_info.major}."
           f"{sys.version_info.minor}", "-d", str(target), f"{dist}=={version(dist)}"]
    for tag in PLATFORMS[platform]:
        cmd[4:4] = ["--platform", tag]
    subprocess.run(cmd, check=True)
    return download(dist, platform)


def _qt_file_kept(name: str, modules: set[str], qt_libs: set[str]) -> bool:
    """Whether PyInstaller would collect a file of the PySide6 wheel for this app (the same Qt
    modules as on Linux) and bundle_policy keep it."""
    path = PurePosixPath(name)
    parts, base = path.parts, path.name
    if not bundle_policy.keep_qt_file(name):
        return False
    if "plugins" in parts or "translations" in parts:
        return True
    if found := re.fullmatch(r"Qt6(\w+)\.dll", base):  # Windows
        return found.group(1) in qt_libs
    if len(parts) == 2 and (mod := base.split(".")[0]).startswith("Qt"):
        return mod in modules and base.endswith((".pyd", ".so"))
    if found := re.search(r"/lib/Qt(\w+)\.framework/", name):  # macOS
        return found.group(1) in qt_libs and "/Headers/" not in name
    if _VC_RUNTIME.match(base):
        return True
    return bool(re.match(r"(lib)?(pyside6|shiboken6)\.abi3", base)) and "qml" not in base


def wheel_parts(platform: str, modules: set[str], qt_libs: set[str],
                linux_extensions: set[str]) -> Parts:
    parts = Parts()
    for dist, tops in BINARY_PACKAGES.items():
        with zipfile.ZipFile(download(dist, platform)) as wheel:
            for info in wheel.infolist():
                name = info.filename
                if name.split("/")[0] not in tops:
                    continue
                if dist in ("PySide6_Essentials", "shiboken6"):
                    if _qt_file_kept(name, modules, qt_libs):
                        parts.add("Qt", info.file_size)
                elif _EXTENSION.search(name) and _stem(name) in linux_extensions:
                    parts.add("compiled extensions", info.file_size)
    return parts


def _stem(name: str) -> str:
    """'lxml/etree.cpython-311-x86_64-linux-gnu.so' / 'lxml/etree.cp311-win_amd64.pyd' ->
    'lxml/etree'."""
    path = PurePosixPath(name)
    return str(path.parent / path.name.split(".")[0])


def estimate(dist: Path) -> list[str]:
    folder = dist / bundle_policy.read_project().name
    if not (folder / "_internal").is_dir():
        raise SystemExit(f"{folder} is not a built Linux bundle: python packaging/build.py")
    linux, modules, qt_libs = linux_parts(folder)
    internal = folder / "_internal"
    extensions = {_stem(p.relative_to(internal).as_posix()) for p in internal.rglob("*")
                  if p.is_file() and _EXTENSION.search(p.name)
                  and p.relative_to(internal).parts[0] not in ("PySide6", "shiboken6")}
    columns = {"linux-x64 (measured)": linux}
    for platform in PLATFORMS:
        parts = wheel_parts(platform, modules, qt_libs, extensions)
        for part in ("common", "Python runtime (Linux's as a stand-in)"):
            parts.add(part, linux.sizes.get(part, 0))
        columns[f"{platform} (estimate)"] = parts
    names = ["common", "Python runtime (Linux's as a stand-in)", "Qt", "compiled extensions",
             "system libraries"]
    lines = ["| Part | " + " | ".join(columns) + " |", "|---|" + "---:|" * len(columns)]
    for name in names:
        lines.append(f"| {name} | " + " | ".join(
            f"{parts.sizes.get(name, 0) / 2**20:.1f} MiB" for parts in columns.values()) + " |")
    lines.append("| **total** | " + " | ".join(
        f"**{parts.total / 2**20:.1f} MiB**" for parts in columns.values()) + " |")
    return lines


if __name__ == "__main__":
    print("\n".join(estimate(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist")))
