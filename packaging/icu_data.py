"""Linux bundle: ICU's data cut down to the languages the app ships (issue 16).

PySide6's Linux wheels carry their own ICU, whose ``libicudata.so`` is nothing but one
32 MB symbol, ``icudt<N>_dat``: every locale's names, calendars, collation and currencies.
The app is in English and Simplified Chinese, so this step takes that symbol out of the
built bundle, removes the items of every other locale with ICU's own ``icupkg`` (the rules are
``bundle_policy.keep_icu_item``), and links a library exporting the same symbol with what is
left. Qt then behaves the same for en/zh; for any other system locale ICU falls back to root
data (as for a locale it does not know). Break iterators go too when nothing in the bundle
imports ICU's ``ubrk_`` functions (Qt breaks text with its own tables), and so do converters
for charsets nobody asks for (``bundle_policy.ICU_CONVERTERS``). Tools: binutils (readelf), icupkg (icu-devtools),
a C compiler; without them the step is skipped and the bundle keeps the full data."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import bundle_policy

TOOLS = ("readelf", "icupkg", "cc")


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def _data_symbol(library: Path) -> tuple[str, int, int]:
    """(name, file offset, size) of the ``icudt<N>_dat`` symbol."""
    symbols = subprocess.run(["readelf", "--dyn-syms", "-W", str(library)], check=True,
                             capture_output=True, text=True).stdout
    found = re.search(r"\s([0-9a-f]+)\s+(\d+|0x[0-9a-f]+)\s+OBJECT\s+GLOBAL\s+\S+\s+(\d+)\s+"
                      r"(icudt\d+_dat)\s*$", symbols, re.M)
    if not found:
        raise RuntimeError(f"{library.name}: no icudt*_dat symbol")
    value, size, section = int(found.group(1), 16), int(found.group(2), 0), int(found.group(3))
    sections = subprocess.run(["readelf", "-SW", str(library)], check=True, capture_output=True,
                              text=True).stdout
    row = re.search(rf"\[\s*{section}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", sections)
    if not row:
        raise RuntimeError(f"{library.name}: section {section} not found")
    address, offset = int(row.group(1), 16), int(row.group(2), 16)
    return found.group(4), value - address + offset, size


def icu_functions_used(folder: Path) -> set[str]:
    """ICU functions (version suffix dropped: ``ubrk_open``) that the bundle's libraries other
    than ICU's own import: what decides which of ICU's data can go."""
    used: set[str] = set()
    for path in sorted(folder.rglob("*.so*")):
        if not path.is_file() or path.is_symlink() or path.name.startswith("libicu"):
            continue
        symbols = subprocess.run(["readelf", "--dyn-syms", "-W", str(path)],
                                 capture_output=True, text=True).stdout
        used.update(re.findall(r"\sUND\s+(u[a-z]*_[A-Za-z]+)_\d+\b", symbols))
    return used


def filter_library(library: Path, *, break_iterators: bool = True) -> tuple[int, int]:
    """Replace ``library`` (libicudata.so.N) by one with only the kept items; returns the
    (old, new) sizes in bytes. ``break_iterators``: whether anything uses ICU's (``ubrk_``)."""
    old_size = library.stat().st_size
    symbol, offset, size = _data_symbol(library)
    package = symbol[: -len("_dat")] + "l"  # icudt73l: little-endian, as on every Linux PC
    with tempfile.TemporaryDirectory(prefix="sw-icu-") as tmp:
        work = Path(tmp)
        full = work / f"{package}.dat"
        with library.open("rb") as f:
            f.seek(offset)
            full.write_bytes(f.read(size))
        items = subprocess.run(["icupkg", "-l", str(full)], check=True, capture_output=True,
                               text=True).stdout.split()
        drop = {item for item in items
                if not bundle_policy.keep_icu_item(item, break_iterators=break_iterators)}
        kept = work / "out" / f"{package}.dat"
        kept.parent.mkdir()
        for _ in range(5):
            # a kept item may alias a dropped one (rbnf/zh_Hant_HK -> yue): keep that one too
            (work / "drop.txt").write_text("\n".join(sorted(drop)) + "\n", encoding="utf-8")
            done = subprocess.run(["icupkg", "-r", str(work / "drop.txt"), str(full),
                                   str(kept)], capture_output=True, text=True)
            needed = set(re.findall(r"depends on missing item (\S+)", done.stderr))
            if done.returncode == 0 or not needed & drop:
                break
            drop -= needed
        if done.returncode != 0:
            raise RuntimeError(f"icupkg failed: {done.stderr.strip()[-500:]}")
        (work / "data.S").write_text(
            f'.section .rodata\n.globl {symbol}\n.type {symbol}, @object\n.balign 16\n'
            f'{symbol}:\n.incbin "{kept}"\n.size {symbol}, .-{symbol}\n'
            '.section .note.GNU-stack,"",@progbits\n', encoding="utf-8")
        built = work / library.name
        subprocess.run(["cc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}",
                        "-o", str(built), str(work / "data.S")], check=True, capture_output=True)
        shutil.copyfile(built, library)
    return old_size, library.stat().st_size


def filter_bundle(folder: Path) -> list[tuple[Path, int, int]]:
    """Filter every libicudata.so.N in the bundle; [(library, old size, new size)]."""
    break_iterators = any(name.startswith("ubrk_") for name in icu_functions_used(folder))
    return [(lib, *filter_library(lib, break_iterators=break_iterators))
            for lib in sorted(folder.rglob("libicudata.so.*"))
            if lib.is_file() and not lib.is_symlink()]
