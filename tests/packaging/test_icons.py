"""Every icon form comes from the one drawing and is a real file of its format: a Windows .ico
and a macOS .icns that list each size, with PNG images of exactly those sizes."""

from __future__ import annotations

import struct
from pathlib import Path

import make_icons
import pytest

ROOT = Path(__file__).resolve().parents[2]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_SIGNATURE), "not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def read_ico(data: bytes) -> list[tuple[int, int, bytes]]:
    """(width, height, image) per entry, checked against the ICONDIR layout."""
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    images = []
    for i in range(count):
        w, h, colours, res, planes, bpp, size, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i:22 + 16 * i])
        assert (colours, res, planes, bpp) == (0, 0, 1, 32)
        assert offset + size <= len(data)
        images.append((w or 256, h or 256, data[offset:offset + size]))
    return images


def read_icns(data: bytes) -> tuple[list[bytes], list[tuple[bytes, bytes]]]:
    """(types listed in the table of contents, [(type, image)]), checking every length."""
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    pos, toc, elements = 8, [], []
    while pos < len(data):
        kind, length = data[pos:pos + 4], struct.unpack(">I", data[pos + 4:pos + 8])[0]
        assert length >= 8 and pos + length <= len(data)
        body = data[pos + 8:pos + length]
        if kind == b"TOC ":
            toc = [body[i:i + 4] for i in range(0, len(body), 8)]
            listed = [struct.unpack(">I", body[i + 4:i + 8])[0] for i in range(0, len(body), 8)]
        else:
            elements.append((kind, body))
        pos += length
    assert [8 + len(b) for _k, b in elements] == listed  # the TOC states each element's size
    return toc, elements


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("icons")
    make_icons.generate(out)
    return out


def test_all_forms_are_generated(generated: Path) -> None:
    names = {p.name for p in generated.iterdir()}
    assert names == {"shopwatch.svg", "shopwatch.ico", "shopwatch.icns", "shopwatch-256.png",
                     "tray-light.png", "tray-light@2x.png", "tray-dark.png",
                     "tray-dark@2x.png"}


def test_ico_holds_every_windows_size_as_png(generated: Path) -> None:
    images = read_ico((generated / "shopwatch.ico").read_bytes())
    assert [w for w, _h, _img in images] == list(make_icons.ICO_SIZES)
    for w, h, image in images:
        assert png_size(image) == (w, h)


def test_icns_holds_every_macos_size_as_png(generated: Path) -> None:
    toc, elements = read_icns((generated / "shopwatch.icns").read_bytes())
    assert toc == [kind for kind, _size in make_icons.ICNS_TYPES]
    sizes = dict(make_icons.ICNS_TYPES)
    for kind, image in elements:
        assert png_size(image) == (sizes[kind], sizes[kind]), kind
    assert {kind for kind, _ in elements} >= {b"ic10", b"ic14", b"ic07", b"icp4"}  # 1024..16


def test_qt_reads_the_containers_back(generated: Path, qapp) -> None:
    from PySide6.QtGui import QImageReader

    for name, count in (("shopwatch.ico", len(make_icons.ICO_SIZES)),
                        ("shopwatch.icns", len(make_icons.ICNS_TYPES))):
        reader = QImageReader(str(generated / name))
        assert reader.canRead(), name
        assert reader.imageCount() == count, name


@pytest.mark.parametrize(("stem", "ink"), [("tray-light", (0, 0, 0)), ("tray-dark", (255, 255, 255))])
def test_tray_icons_are_one_colour_silhouettes_at_1x_and_2x(generated: Path, qapp, stem: str,
                                                            ink: tuple[int, int, int]) -> None:
    from PySide6.QtGui import QImage

    for suffix, size in (("", make_icons.TRAY_SIZE), ("@2x", 2 * make_icons.TRAY_SIZE)):
        image = QImage(str(generated / f"{stem}{suffix}.png"))
        assert (image.width(), image.height()) == (size, size)
        colours, covered = set(), 0
        for x in range(size):
            for y in range(size):
                pixel = image.pixelColor(x, y)
                if pixel.alpha() > 0:
                    covered += 1
                    colours.add((pixel.red(), pixel.green(), pixel.blue()))
        assert colours == {ink}
        assert 0.2 < covered / size**2 < 0.9  # a glyph, neither empty nor a filled square
        assert image.pixelColor(0, 0).alpha() == 0  # transparent around it


def test_the_committed_icons_are_present_for_a_fresh_checkout() -> None:
    icons = ROOT / "resources" / "icons"
    read_ico((icons / "shopwatch.ico").read_bytes())
    read_icns((icons / "shopwatch.icns").read_bytes())
    assert (icons / "shopwatch.svg").read_bytes() == make_icons.SOURCE.read_bytes()


def test_a_drawing_without_the_tray_glyph_is_refused(tmp_path: Path) -> None:
    svg = tmp_path / "plain.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8">'
                   '<rect width="8" height="8"/></svg>')
    with pytest.raises(make_icons.IconError, match="glyph"):
        make_icons.generate(tmp_path / "out", svg)
