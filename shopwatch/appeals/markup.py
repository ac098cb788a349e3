"""The small Markdown subset appeal letters are written in, parsed once for every output
(plain text, HTML preview / PDF, docx) so they all show the same letter.

Supported: ``#`` / ``##`` / ``###`` headings; paragraphs separated by blank lines, where each
line break is kept (letters have address and signature lines); ``- `` and ``1. `` list items (numbered on from the first
item's number), indented by two or more spaces for a second level, with non-marker lines
continuing the item;
``**bold**``; backslash escapes. Values inserted into a template are escaped (``escape``), so a
buyer's message starting with "#" or "-" stays text."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

_HEADING = re.compile(r"^(#{1,3})\s+(.*)$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_ORDERED = re.compile(r"^(\s*)(\d{1,3})[.)]\s+(.*)$")
_ESCAPABLE = "\\*#-+.>)_`"


@dataclass(slots=True)
class Block:
    kind: str  # heading | paragraph | item
    lines: list[str] = field(default_factory=list)  # raw inline text, escapes still in
    level: int = 1  # heading level, or list nesting level (1 or 2)
    ordered: bool = False
    number: int | None = None


def escape(text: str) -> str:
    """Make inserted text literal: backslashes and asterisks, and any line start that would
    read as a heading or list marker. Blank-line runs shrink to one line break so a value
    cannot end the block it was inserted into."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"\n\s*\n+", "\n", text)
    text = text.replace("\\", "\\\\").replace("*", "\\*")
    return "\n".join(_literal_line_start(line) for line in text.split("\n"))


def _literal_line_start(line: str) -> str:
    """Escape a line start that would read as a heading or list marker."""
    stripped = line.lstrip()
    indent = line[: len(line) - len(stripped)]
    if re.match(r"#|[-+]\s|\d{1,3}[.)]\s", stripped):
        m = re.match(r"\d{1,3}", stripped)
        if m:  # "1. " → "1\. "
            stripped = stripped[: m.end()] + "\\" + stripped[m.end():]
        else:
            stripped = "\\" + stripped
    return indent + stripped


@dataclass(slots=True)
class RichBlock:
    """One block of formatted text, as a rich-text editor holds it: ``runs`` are (text, bold)
    pieces in which "\n" breaks a line within the block."""

    kind: str  # heading | paragraph | item
    runs: list[tuple[str, bool]]
    level: int = 1
    ordered: bool = False
    number: int | None = None


def compose(blocks: list[RichBlock]) -> str:
    """The Markdown-subset source of formatted blocks (what the letter editor holds after the
    seller edited it), such that ``parse`` reads the same letter back: text is escaped, bold
    runs become ``**…**``, list items keep their kind, level and number."""
    out: list[str] = []
    previous: RichBlock | None = None
    for block in blocks:
        lines = _inline_lines(block.runs, bold_ok=block.kind != "heading")
        if not any(line.strip() for line in lines):
            continue  # an empty paragraph is only spacing
        if previous is not None:
            # items of one list follow each other; anything else is set off by a blank line
            out.append("\n" if block.kind == previous.kind == "item" else "\n\n")
        if block.kind == "heading":
            out.append("#" * max(1, min(block.level, 3)) + " " + " ".join(
                line.strip() for line in lines if line.strip()))
        elif block.kind == "item":
            indent = "  " if block.level >= 2 else ""
            marker = f"{block.number or 1}. " if block.ordered else "- "
            first, *rest = [line.strip() for line in lines]
            out.append(indent + marker + first)
            # a continuation line is a plain line under the item
            out += ["\n" + indent + " " * len(marker) + line for line in rest if line]
        else:
            out.append("\n".join(line.rstrip() for line in lines))
        previous = block
    return "".join(out).rstrip() + "\n" if out else ""


def _inline_lines(runs: list[tuple[str, bool]], *, bold_ok: bool) -> list[str]:
    """Escaped inline source, one string per line of the block."""
    pieces: list[str] = []
    for text, bold in runs:
        text = text.replace("\u2028", "\n").replace("\r\n", "\n").replace("\r", "\n")
        text = text.replace("\\", "\\\\").replace("*", "\\*")
        if bold and bold_ok and text.strip():
            # the markers hug the words: each line's piece is bold on its own
            parts = []
            for segment in text.split("\n"):
                core = segment.strip()
                lead = segment[: len(segment) - len(segment.lstrip())]
                trail = segment[len(segment.rstrip()):]
                parts.append(f"{lead}**{core}**{trail}" if core else segment)
            text = "\n".join(parts)
        pieces.append(text)
    return [_literal_line_start(line) for line in "".join(pieces).split("\n")]


def parse(source: str) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    for raw in source.replace("\r\n", "\n").split("\n"):
        line = raw.rstrip()
        if not line.strip():
            current = None
            continue
        if m := _HEADING.match(line):
            blocks.append(Block("heading", [m.group(2).strip()], level=len(m.group(1))))
            current = None
            continue
        bullet, ordered = _BULLET.match(line), _ORDERED.match(line)
        if bullet or ordered:
            indent = len((bullet or ordered).group(1).expandtabs(4))
            level = 2 if indent >= 2 else 1
            if ordered:
                current = Block("item", [ordered.group(3).strip()], level=level, ordered=True,
                                number=int(ordered.group(2)))
            else:
                current = Block("item", [bullet.group(2).strip()], level=level)
            blocks.append(current)
            continue
        if current is None:
            current = Block("paragraph", [])
            blocks.append(current)
        current.lines.append(line.strip() if current.kind == "item" else line.rstrip())
    _renumber(blocks)
    return blocks


def _renumber(blocks: list[Block]) -> None:
    """Number ordered items as Markdown does: the first item of a list sets the start, the
    rest count on. Templates write "1." for every item, so an item left out by a condition
    leaves no gap."""
    counters: dict[int, int | None] = {1: None, 2: None}
    for block in blocks:
        if block.kind != "item":
            counters = {1: None, 2: None}
            continue
        if block.level == 1:
            counters[2] = None
        if not block.ordered:
            counters[block.level] = None
            continue
        last = counters[block.level]
        block.number = block.number if last is None else last + 1
        counters[block.level] = block.number


def spans(text: str) -> Iterator[tuple[str, bool]]:
    """Inline text as (plain text, bold) runs, escapes resolved."""
    bold = False
    buf: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPABLE:
            buf.append(text[i + 1])
            i += 2
            continue
        if text.startswith("**", i):
            if buf:
                yield "".join(buf), bold
                buf = []
            bold = not bold
            i += 2
            continue
        buf.append(ch)
        i += 1
    if buf:
        yield "".join(buf), bold


def plain(text: str) -> str:
    return "".join(part for part, _ in spans(text))


def title_of(source: str) -> str:
    """The letter's first heading, as plain text (PDF/docx document title)."""
    for block in parse(source):
        if block.kind == "heading":
            return plain(block.lines[0])
    return ""


# --- renderers ---------------------------------------------------------------------------

def to_text(source: str) -> str:
    """Plain text for pasting into the platform's appeal form: markers become layout."""
    out: list[str] = []
    previous: Block | None = None
    for block in parse(source):
        lines = [plain(line) for line in block.lines]
        if previous is not None and not (block.kind == previous.kind == "item"):
            out.append("")
        if block.kind == "item":
            indent = "    " if block.level == 2 else ""
            marker = f"{block.number}. " if block.ordered else ("· " if block.level == 2 else "- ")
            out.append(indent + marker + lines[0])
            out += [indent + " " * len(marker) + extra for extra in lines[1:]]
        else:
            out += lines
        previous = block
    return "\n".join(out).rstrip() + "\n"


def _inline_html(text: str, bold_ok: bool) -> str:
    parts = []
    for part, bold in spans(text):
        escaped = html.escape(part)
        parts.append(f"<b>{escaped}</b>" if bold and bold_ok else escaped)
    return "".join(parts)


def to_html(source: str, *, bold_ok: bool = True, font_family: str | None = None) -> str:
    """HTML for Qt's rich text (preview and PDF). ``bold_ok=False`` draws headings and bold
    without a bold weight: with a font that has no bold face Qt fakes it by drawing the text
    twice, and the PDF's extracted text then repeats every bold word."""
    weight = "" if bold_ok else "font-weight:normal;"
    family = f"font-family:'{font_family}';" if font_family else ""
    body: list[str] = []
    # open lists, innermost last: [tag, whether its last <li> is still open]
    stack: list[list] = []

    def close_to(level: int) -> None:
        while len(stack) > level:
            tag, li_open = stack.pop()
            body.append(("</li>" if li_open else "") + f"</{tag}>")

    sizes = {1: "16pt", 2: "13pt", 3: "12pt"}
    for block in parse(source):
        inner = "<br/>".join(_inline_html(line, bold_ok) for line in block.lines)
        if block.kind != "item":
            close_to(0)
            if block.kind == "heading":
                align = "center" if block.level == 1 else "left"
                body.append(f'<h{block.level} style="{weight}font-size:{sizes[block.level]};'
                            f'text-align:{align};">{inner}</h{block.level}>')
            else:
                body.append(f"<p>{inner}</p>")
            continue
        tag = "ol" if block.ordered else "ul"
        close_to(block.level)
        if len(stack) == block.level:
            if stack[-1][0] != tag:
                close_to(block.level - 1)
            elif stack[-1][1]:
                body.append("</li>")
                stack[-1][1] = False
        while len(stack) < block.level:
            start = f' start="{block.number}"' if block.ordered and block.number else ""
            body.append(f"<{tag}{start}>")
            stack.append([tag, False])
        body.append(f"<li>{inner}")
        stack[-1][1] = True
    close_to(0)
    return (f'<html><head><meta charset="utf-8"/></head><body style="{family}font-size:11pt;">'
            + "\n".join(body) + "</body></html>")
