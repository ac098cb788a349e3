"""Reading an exported letter PDF back: where each glyph sits, how large it is printed and
which character it is, so ``--self-test`` can prove a letter is readable (body size, margins,
every line present) in a bundle that ships no PDF library.

It reads the PDFs Qt's writer produces (uncompressed object dictionaries, Flate content
streams, Type0 fonts with ToUnicode maps); the tests hold it to pdfminer.six's reading of the
same files. No Qt here."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from pathlib import Path

POINTS_PER_MM = 72 / 25.4
#: the letter's text on paper (points) and the least margin (mm) a printed letter needs
BODY_PT = (10.5, 12.0)
MIN_MARGIN_MM = 18.0


class PdfCheckError(Exception):
    """The PDF cannot be read, or the letter in it is not readable on paper."""


@dataclass(frozen=True, slots=True)
class Glyph:
    page: int  # from 1
    x: float  # origin, points from the page's left edge
    y: float  # baseline, points from the page's top edge
    size: float  # printed size in points
    text: str


@dataclass(frozen=True, slots=True)
class Line:
    page: int
    y: float
    size: float  # the largest glyph on the line
    text: str
    left: float
    right: float  # the last glyph's origin plus its size (an upper bound of its extent)


_OBJ = re.compile(rb"(\d+) 0 obj\s*(.*?)\s*endobj", re.S)
_TOKEN = re.compile(rb"<[0-9A-Fa-f\s]*>|\[|\]|/[^\s/\[\]<>()]+|\((?:\\.|[^\\)])*\)|[^\s/\[\]<>()]+")


def _objects(data: bytes) -> dict[int, bytes]:
    return {int(m.group(1)): m.group(2) for m in _OBJ.finditer(data)}


def _stream(body: bytes) -> bytes:
    match = re.search(rb"stream\r?\n(.*?)\r?\nendstream", body, re.S)
    if not match:
        return b""
    raw = match.group(1)
    if b"/FlateDecode" in body.split(b"stream", 1)[0]:
        try:
            return zlib.decompress(raw)
        except zlib.error as exc:
            raise PdfCheckError(f"a content stream does not decompress: {exc}") from exc
    return raw


def _ref(body: bytes, key: bytes) -> int | None:
    match = re.search(rb"/" + key + rb"\s+(\d+) 0 R", body)
    return int(match.group(1)) if match else None


def _dictionary(body: bytes, key: bytes, objects: dict[int, bytes]) -> bytes:
    """The dictionary under ``key``, inline or by reference."""
    ref = _ref(body, key)
    if ref is not None:
        return objects.get(ref, b"")
    match = re.search(rb"/" + key + rb"\s*<<(.*?)>>", body, re.S)
    return match.group(1) if match else b""


def _to_unicode(cmap: bytes) -> dict[int, str]:
    table: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            table[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be", "replace")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        # <lo> <hi> <first>  or  <lo> <hi> [<each> <each> …]
        for lo, hi, dst, each in re.findall(
                rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]+)>|\[([^\]]*)\])",
                block):
            codes = range(int(lo, 16), int(hi, 16) + 1)
            if dst:
                start = int(dst, 16)
                table.update((code, chr(start + n)) for n, code in enumerate(codes))
            else:
                targets = re.findall(rb"<([0-9A-Fa-f]+)>", each)
                table.update((code, bytes.fromhex(t.decode()).decode("utf-16-be", "replace"))
                             for code, t in zip(codes, targets, strict=False))
    return table


def _fonts(page: bytes, objects: dict[int, bytes]) -> dict[bytes, dict[int, str]]:
    resources = _dictionary(page, b"Resources", objects)
    fonts = _dictionary(resources, b"Font", objects)
    out = {}
    for name, ref in re.findall(rb"/([^\s/<>\[\]]+)\s+(\d+) 0 R", fonts):
        font = objects.get(int(ref), b"")
        cmap_ref = _ref(font, b"ToUnicode")
        out[name] = _to_unicode(_stream(objects.get(cmap_ref, b""))) if cmap_ref else {}
    return out


def _mul(m: tuple, n: tuple) -> tuple:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _codes(token: bytes) -> list[int]:
    if token.startswith(b"<"):
        digits = re.sub(rb"\s", b"", token[1:-1])
        return [int(digits[i:i + 4], 16) for i in range(0, len(digits), 4)]
    return list(token[1:-1])  # literal strings: one byte per glyph


def _page_glyphs(content: bytes, fonts: dict[bytes, dict[int, str]], number: int,
                 height: float) -> list[Glyph]:
    glyphs: list[Glyph] = []
    ctm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    stack: list[tuple] = []
    tm = line = ctm
    font: dict[int, str] = {}
    size = leading = 0.0
    operands: list[bytes] = []

    def show(codes: list[int]) -> None:
        matrix = _mul(tm, ctm)
        scale = (matrix[2] ** 2 + matrix[3] ** 2) ** 0.5
        for code in codes:
            glyphs.append(Glyph(number, matrix[4], height - matrix[5], size * scale,
                                font.get(code, "\ufffd")))

    for token in _TOKEN.findall(content):
        if token[:1] in b"<([/" or token[:1] == b"]" or re.fullmatch(rb"[-+.\d]+", token):
            operands.append(token)
            continue
        nums = [float(t) for t in operands if re.fullmatch(rb"[-+.\d]+", t)]
        if token == b"q":
            stack.append(ctm)
        elif token == b"Q" and stack:
            ctm = stack.pop()
        elif token == b"cm" and len(nums) == 6:
            ctm = _mul(tuple(nums), ctm)
        elif token == b"BT":
            tm = line = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        elif token == b"Tf" and operands:
            font, size = fonts.get(operands[0][1:], {}), nums[-1]
        elif token == b"Tm" and len(nums) == 6:
            tm = line = tuple(nums)
        elif token in (b"Td", b"TD") and len(nums) == 2:
            if token == b"TD":
                leading = -nums[1]
            tm = line = _mul((1, 0, 0, 1, nums[0], nums[1]), line)
        elif token == b"TL" and nums:
            leading = nums[0]
        elif token == b"T*":
            tm = line = _mul((1, 0, 0, 1, 0, -leading), line)
        elif token == b"Tj" and operands:
            show(_codes(operands[-1]))
        elif token == b"TJ":
            # kerning numbers inside TJ only nudge glyphs; the checks need no such precision
            show([c for t in operands if t[:1] in b"<(" for c in _codes(t)])
        operands = []
    return glyphs


def read_glyphs(path: Path) -> tuple[list[Glyph], list[tuple[float, float]]]:
    """Every glyph drawn in the PDF, and each page's (width, height) in points."""
    data = Path(path).read_bytes()
    if not data.startswith(b"%PDF-"):
        raise PdfCheckError(f"{Path(path).name} is not a PDF")
    objects = _objects(data)
    pages = [(n, body) for n, body in sorted(objects.items())
             if re.search(rb"/Type\s*/Page\b", body)]
    if not pages:
        raise PdfCheckError(f"{Path(path).name} has no pages")
    glyphs: list[Glyph] = []
    sizes = []
    for number, (_, body) in enumerate(pages, start=1):
        box = re.search(rb"/MediaBox\s*\[\s*([-.\d]+)\s+([-.\d]+)\s+([-.\d]+)\s+([-.\d]+)", body)
        width, height = (float(box.group(3)), float(box.group(4))) if box else (595.0, 842.0)
        sizes.append((width, height))
        fonts = _fonts(body, objects)
        contents = re.search(rb"/Contents\s*(\[[^\]]*\]|\d+ 0 R)", body)
        refs = [int(r) for r in re.findall(rb"(\d+) 0 R", contents.group(1))] if contents else []
        stream = b"\n".join(_stream(objects.get(r, b"")) for r in refs)
        glyphs += _page_glyphs(stream, fonts, number, height)
    return glyphs, sizes


def lines_of(glyphs: list[Glyph]) -> list[Line]:
    """Glyphs grouped into printed lines (same page, baselines within a third of the text's
    size: a list's number sits a hair off its text's baseline), top to bottom."""
    rows: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: (g.page, g.y)):
        row = rows[-1] if rows else None
        if row and row[0].page == glyph.page and glyph.y - row[0].y < glyph.size / 3:
            row.append(glyph)
        else:
            rows.append([glyph])
    out = []
    for row in rows:
        row.sort(key=lambda g: g.x)
        out.append(Line(row[0].page, row[0].y, max(g.size for g in row),
                        "".join(g.text for g in row), row[0].x,
                        max(g.x + g.size for g in row)))
    return out


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True, slots=True)
class Report:
    pages: int
    body_pt: float  # the most common glyph size
    heading_pt: float  # the largest
    margins_mm: tuple[float, float, float, float]  # left, top, right, bottom of the text
    missing: tuple[str, ...]  # lines of the letter not found in the PDF's text

    def summary(self) -> str:
        left, top, right, bottom = self.margins_mm
        return (f"{self.pages} page(s), body {self.body_pt:.1f} pt, headings "
                f"{self.heading_pt:.1f} pt, margins {left:.0f}/{top:.0f}/{right:.0f}/"
                f"{bottom:.0f} mm")


def inspect(path: Path, expected_lines: list[str], *, footer: re.Pattern[str] | None = None
            ) -> Report:
    """Measure the letter in ``path``; ``expected_lines`` (the letter as plain text, one entry
    per line) must all appear, in order. Lines matching ``footer`` (page numbers) are left out
    of the text and the body's bottom margin."""
    if not any(line.strip() for line in expected_lines):
        raise PdfCheckError("no letter text to look for")
    glyphs, sizes = read_glyphs(path)
    if not glyphs:
        raise PdfCheckError(f"{Path(path).name} has no text")
    lines = [line for line in lines_of(glyphs)
             if not (footer and footer.fullmatch(_squash(line.text)))]
    counts: dict[float, int] = {}
    for glyph in glyphs:
        counts[round(glyph.size, 1)] = counts.get(round(glyph.size, 1), 0) + 1
    body = max(counts, key=counts.__getitem__)
    width, height = sizes[0]
    margins = (min(x.left for x in lines) / POINTS_PER_MM,
               min(x.y - x.size for x in lines) / POINTS_PER_MM,
               (width - max(x.right for x in lines)) / POINTS_PER_MM,
               (height - max(x.y + x.size * 0.25 for x in lines)) / POINTS_PER_MM)
    text = _squash("".join(line.text for line in lines))
    missing, at = [], 0
    for expected in expected_lines:
        wanted = _squash(expected)
        if not wanted:
            continue
        found = text.find(wanted, at)
        if found < 0:
            missing.append(expected)
        else:
            at = found + len(wanted)
    return Report(len(sizes), body, max(counts), margins, tuple(missing))


def check_readable(report: Report) -> None:
    """PdfCheckError unless the letter prints at a readable size, with margins, complete."""
    low, high = BODY_PT
    if not low <= report.body_pt <= high:
        raise PdfCheckError(f"the letter's text prints {report.body_pt:.1f} pt high "
                            f"(readable: {low:g}–{high:g} pt)")
    if report.heading_pt <= report.body_pt:
        raise PdfCheckError("the letter's headings print no larger than its text")
    if min(report.margins_mm) < MIN_MARGIN_MM:
        raise PdfCheckError(f"the letter's text comes {min(report.margins_mm):.0f} mm from the "
                            f"paper's edge (at least {MIN_MARGIN_MM:g} mm)")
    if report.missing:
        raise PdfCheckError(f"{len(report.missing)} line(s) of the letter are not in the PDF, "
                            f"e.g. {report.missing[0]!r}")


_MARKER = re.compile(r"^\s*(?:[-·]|\d+\.)\s+")
#: the page numbers export_pdf prints
PAGE_NUMBER = re.compile(r"第\d+页/共\d+页|Page\d+of\d+")


def letter_lines(body: str) -> list[str]:
    """The letter's lines as the PDF must show them: plain text without list markers (the
    PDF draws bullets as shapes and numbers in their own place)."""
    from shopwatch.appeals import markup

    return [_MARKER.sub("", line) for line in markup.to_text(body).splitlines() if line.strip()]
