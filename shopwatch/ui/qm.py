"""A small .ts → .qm compiler, so translations work without Qt's ``lrelease`` (a frozen app,
or a PySide6 wheel without the Linguist tools).

The .ts files are the source of truth (edited with Qt Linguist or by hand); .qm files are
build products and are not committed. The app compiles a missing or stale .qm into the
profile's cache at start-up (``shopwatch.ui.i18n``); packaging runs
``python -m shopwatch.ui.qm resources/i18n`` to ship them pre-built. The tests check that
Qt's own lrelease and this compiler give the same translations.

The format, as QTranslator reads it: a 16-byte magic, then tagged sections (tag byte,
big-endian length). *Messages* holds one record list per message (translations in UTF-16BE,
source text, context and comment in UTF-8); *Hashes* is a sorted table of (ELF hash of source
text + comment, offset into Messages) that QTranslator binary-searches; *NumerusRules* is the
byte code choosing a plural form; *Language* names the target language."""

from __future__ import annotations

import struct
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

MAGIC = bytes([0x3C, 0xB8, 0x64, 0x18, 0xCA, 0xEF, 0x9C, 0x95,
               0xCD, 0x21, 0x1C, 0xBF, 0x60, 0xA1, 0xBD, 0xDD])

# section tags
_HASHES = 0x42
_MESSAGES = 0x69
_NUMERUS_RULES = 0x88
_LANGUAGE = 0xA7

# record tags inside a message
_END = 0x01
_TRANSLATION = 0x03
_SOURCE_TEXT = 0x06
_CONTEXT = 0x07
_COMMENT = 0x08

# numerus byte code: "equals" (QTranslator's Q_EQ operator)
_Q_EQ = 0x01

#: plural rules per language (only what shopwatch ships; Chinese has a single form)
NUMERUS_RULES: dict[str, bytes] = {
    "en": bytes([_Q_EQ, 1]),  # form 0 when n == 1, else form 1
    "zh": b"",
}


class TsError(ValueError):
    """The .ts file cannot be read."""


@dataclass(slots=True)
class Message:
    context: str
    source: str
    comment: str = ""
    translations: list[str] = field(default_factory=list)


def elf_hash(data: bytes) -> int:
    """The classic ELF string hash QTranslator indexes messages by (never 0)."""
    h = 0
    for byte in data:
        h = ((h << 4) + byte) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h or 1


def read_ts(path: Path) -> tuple[str, list[Message]]:
    """(language, messages with a usable translation) from a .ts file. Vanished, obsolete and
    empty translations are left out, so Qt falls back to the source text for them."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise TsError(f"{path}: {exc}") from exc
    language = root.get("language", "")
    messages: list[Message] = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for msg in context.iter("message"):
            node = msg.find("translation")
            if node is None or node.get("type") in ("vanished", "obsolete"):
                continue
            source = msg.findtext("source") or ""
            comment = msg.findtext("comment") or ""
            if msg.get("numerus") == "yes":
                forms = [form.text or "" for form in node.iter("numerusform")]
            else:
                forms = [node.text or ""]
            if not any(forms):
                continue
            messages.append(Message(name, source, comment, forms))
    return language, messages


def _tagged(tag: int, payload: bytes) -> bytes:
    """A record or a section: tag byte, big-endian length, payload."""
    return struct.pack(">BI", tag, len(payload)) + payload


def compile_messages(language: str, messages: list[Message]) -> bytes:
    """The .qm bytes for ``messages`` (translated into ``language``)."""
    body = bytearray()
    hashes: list[tuple[int, int]] = []
    pairs: dict[tuple[str, str], int] = {}
    for msg in messages:
        pairs[(msg.context, msg.source)] = pairs.get((msg.context, msg.source), 0) + 1
    for msg in messages:
        # Like lrelease: a disambiguation only needed to tell apart identical sources in one
        # context is dropped when there is nothing to tell apart, so a lookup without it works.
        comment = msg.comment if pairs[(msg.context, msg.source)] > 1 else ""
        hashes.append((elf_hash((msg.source + comment).encode("utf-8")), len(body)))
        for text in msg.translations:
            body += _tagged(_TRANSLATION, text.encode("utf-16-be"))
        # Source, context and comment are kept so two messages with the same hash still
        # resolve correctly (QTranslator compares them when present).
        body += _tagged(_SOURCE_TEXT, msg.source.encode("utf-8"))
        body += _tagged(_CONTEXT, msg.context.encode("utf-8"))
        body += _tagged(_COMMENT, comment.encode("utf-8"))
        body.append(_END)
    hashes.sort()
    table = b"".join(struct.pack(">II", h, offset) for h, offset in hashes)
    out = bytearray(MAGIC)
    out += _tagged(_HASHES, table)
    out += _tagged(_MESSAGES, bytes(body))
    rules = NUMERUS_RULES.get(language, NUMERUS_RULES.get(language.split("_")[0], b""))
    if rules:
        out += _tagged(_NUMERUS_RULES, rules)
    out += _tagged(_LANGUAGE, language.encode("utf-8"))
    return bytes(out)


def compile_ts(source: Path, target: Path) -> int:
    """Compile one .ts file; returns the number of translated messages written. The target is
    replaced atomically, so a reader never sees half a file."""
    language, messages = read_ts(source)
    data = compile_messages(language, messages)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".qm.tmp")
    tmp.write_bytes(data)
    tmp.replace(target)
    return len(messages)


def main(argv: list[str] | None = None) -> int:
    """``python -m shopwatch.ui.qm DIR``: compile every DIR/*.ts beside itself."""
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else Path("resources/i18n")
    sources = sorted(folder.glob("*.ts"))
    if not sources:
        print(f"no .ts files in {folder}", file=sys.stderr)
        return 1
    for ts in sources:
        count = compile_ts(ts, ts.with_suffix(".qm"))
        print(f"{ts.with_suffix('.qm')}: {count} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
