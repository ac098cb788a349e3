"""Generate every icon form the app and its installers need from one drawing,
``packaging/icons/shopwatch.svg``, into ``resources/icons/``:

- ``shopwatch.svg`` (the drawing itself; the app renders its window icon from it),
- ``shopwatch.ico`` (Windows: executable, installer, shortcuts),
- ``shopwatch.icns`` (macOS: the .app bundle and the dmg),
- ``shopwatch-256.png`` (Linux: the XDG autostart entry and desktop files),
- tray icons at 1x (16 px) and 2x (32 px): ``tray-light.png`` / ``tray-light@2x.png`` are
  black on transparent, for light panels (and usable as a macOS template image);
  ``tray-dark.png`` / ``tray-dark@2x.png`` are white, for dark panels. Qt picks the ``@2x``
  file by itself on HiDPI screens.

Rasterising uses Qt's own SVG renderer (QtSvg ships in PySide6-Essentials), so no extra
dependency is needed. The .ico and .icns containers are written here: both are a small
directory of PNG images, a format Windows (Vista+) and macOS (10.7+) read natively, and every
size is rendered from the vector drawing rather than scaled from one bitmap.

Run: ``python packaging/make_icons.py [--out DIR]``."""

from __future__ import annotations

import argparse
import shutil
import struct
import sys
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "packaging" / "icons" / "shopwatch.svg"
OUT_DIR = ROOT / "resources" / "icons"

#: the element of the drawing the one-colour tray silhouette is made from
GLYPH_ID = "glyph"
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
#: ICNS element types holding PNG data, and the pixel size of each (Apple's "icns" format)
ICNS_TYPES: tuple[tuple[bytes, int], ...] = (
    (b"icp4", 16), (b"icp5", 32), (b"ic11", 32),   # 16 pt at 1x and 2x
    (b"ic12", 64),                                   # 32 pt at 2x
    (b"ic07", 128), (b"ic13", 256),                  # 128 pt at 1x and 2x
    (b"ic08", 256), (b"ic14", 512),                  # 256 pt at 1x and 2x
    (b"ic09", 512), (b"ic10", 1024),                 # 512 pt at 1x and 2x
)
TRAY_SIZE = 16
#: (file stem, ink): "light" is for light panels (dark ink), "dark" for dark panels
TRAY_VARIANTS = (("tray-light", "#000000"), ("tray-dark", "#FFFFFF"))
LINUX_PNG_SIZE = 256


class IconError(RuntimeError):
    """The source drawing cannot be used."""


def load_renderer(source: Path = SOURCE) -> QSvgRenderer:
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise IconError(f"{source} is not a valid SVG drawing")
    if not renderer.elementExists(GLYPH_ID):
        raise IconError(f"{source} has no element with id={GLYPH_ID!r} for the tray icon")
    return renderer


def _blank(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    return image


def render_app(renderer: QSvgRenderer, size: int) -> QImage:
    """The whole drawing at ``size`` x ``size`` pixels."""
    image = _blank(size)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def render_tray(renderer: QSvgRenderer, size: int, ink: str) -> QImage:
    """The glyph alone, as a one-colour silhouette filling a ``size`` square (aspect kept,
    centred, a pixel of margin per 16 px so it does not touch the panel's edge)."""
    bounds = renderer.boundsOnElement(GLYPH_ID)
    margin = size / 16
    avail = size - 2 * margin
    scale = avail / max(bounds.width(), bounds.height())
    width, height = bounds.width() * scale, bounds.height() * scale
    target = QRectF((size - width) / 2, (size - height) / 2, width, height)
    image = _blank(size)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, GLYPH_ID, target)
    # Keep the glyph's coverage (alpha), replace its colours with the ink.
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(image.rect(), QColor(ink))
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise IconError("Qt could not encode a PNG image")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: Iterable[tuple[int, bytes]]) -> bytes:
    """A Windows .ico holding one PNG-compressed 32-bit image per size.

    Layout: ICONDIR (reserved, type 1 = icon, count), one 16-byte ICONDIRENTRY per image
    (width and height as a byte, 0 meaning 256; colour count; reserved; planes; bit count;
    data size; data offset), then the image data."""
    images = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, data in images:
        if not 1 <= size <= 256:
            raise IconError(f"an .ico image cannot be {size} px wide")
        dim = 0 if size == 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset + len(blobs))
        blobs += data
    return header + entries + blobs


def icns_bytes(elements: Iterable[tuple[bytes, bytes]]) -> bytes:
    """A macOS .icns: the ``icns`` magic and total length, a table of contents (``TOC ``)
    listing each element's type and length, then the elements (4-byte type, big-endian
    length including this 8-byte header, PNG data)."""
    items = list(elements)
    body = b"".join(kind + struct.pack(">I", 8 + len(data)) + data for kind, data in items)
    toc_payload = b"".join(kind + struct.pack(">I", 8 + len(data)) for kind, data in items)
    toc = b"TOC " + struct.pack(">I", 8 + len(toc_payload)) + toc_payload
    return b"icns" + struct.pack(">I", 8 + len(toc) + len(body)) + toc + body


def generate(out_dir: Path = OUT_DIR, source: Path = SOURCE) -> list[Path]:
    """Write every icon form into ``out_dir``; returns the files written. Files already in
    ``out_dir`` that are not ours (the app's own UI icons) are left alone."""
    renderer = load_renderer(source)
    out_dir.mkdir(parents=True, exist_ok=True)
    cache: dict[int, bytes] = {}

    def app_png(size: int) -> bytes:
        if size not in cache:
            cache[size] = png_bytes(render_app(renderer, size))
        return cache[size]

    written: list[Path] = []

    def write(name: str, data: bytes) -> None:
        path = out_dir / name
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        written.append(path)

    svg_copy = out_dir / "shopwatch.svg"
    if svg_copy.resolve() != source.resolve():
        shutil.copyfile(source, svg_copy)
    written.append(svg_copy)
    write("shopwatch.ico", ico_bytes((size, app_png(size)) for size in ICO_SIZES))
    write("shopwatch.icns", icns_bytes((kind, app_png(size)) for kind, size in ICNS_TYPES))
    write(f"shopwatch-{LINUX_PNG_SIZE}.png", app_png(LINUX_PNG_SIZE))
    for stem, ink in TRAY_VARIANTS:
        write(f"{stem}.png", png_bytes(render_tray(renderer, TRAY_SIZE, ink)))
        write(f"{stem}@2x.png", png_bytes(render_tray(renderer, 2 * TRAY_SIZE, ink)))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help=f"output folder ({OUT_DIR})")
    parser.add_argument("--source", type=Path, default=SOURCE, help="the SVG drawing")
    args = parser.parse_args(argv)
    try:
        for path in generate(args.out, args.source):
            print(path)
    except (IconError, OSError) as exc:
        print(f"make_icons: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
