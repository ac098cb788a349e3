"""Writing a letter out: plain text (for the platform's appeal form and the clipboard), .docx
(python-docx) and the HTML the preview and the PDF writer use. PDF itself needs Qt, so it lives
in ``shopwatch.ui.pdf_export``.

Files are written to a temporary name and renamed, so a failed export never leaves half a file
where the seller expects the letter."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from shopwatch.appeals import markup

FORMATS = {".txt": "txt", ".md": "md", ".docx": "docx", ".pdf": "pdf"}

#: fonts Word and WPS have on Chinese systems: 宋体 for text, 黑体 for headings (the usual
#: convention for formal letters); Latin text keeps a common serif / sans
FONTS = {
    "zh_CN": {"body_latin": "Times New Roman", "body_cjk": "SimSun",
              "heading_latin": "Arial", "heading_cjk": "SimHei", "lang": "zh-CN"},
    "en": {"body_latin": "Calibri", "body_cjk": "SimSun",
           "heading_latin": "Calibri", "heading_cjk": "SimHei", "lang": "en-GB"},
}


class ExportError(Exception):
    pass


def format_for(path: Path) -> str:
    try:
        return FORMATS[Path(path).suffix.lower()]
    except KeyError:
        raise ExportError(f"{Path(path).name}: cannot export to '{Path(path).suffix or 'no extension'}'"
                          f" (use {', '.join(FORMATS)})") from None


def plain_text(body: str) -> str:
    return markup.to_text(body)


def to_html(body: str, *, bold_ok: bool = True, font_family: str | None = None) -> str:
    return markup.to_html(body, bold_ok=bold_ok, font_family=font_family)


def write_atomically(path: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(temp_path)``, then move the result to ``path``."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=path.suffix, dir=folder)
        os.close(fd)
    except OSError as exc:
        raise ExportError(f"cannot write to {folder}: {exc}") from exc
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {exc}") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def export_text(body: str, path: Path, *, markdown: bool = False) -> Path:
    """UTF-8 text: the letter as pasted into the appeal form (or its Markdown source)."""
    text = body if markdown else plain_text(body)
    return write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8", newline="\n"))


# --- docx ----------------------------------------------------------------------------------
# python-docx (and lxml under it) take ~0.4 s to import: loaded when a .docx is asked for, not
# when the appeal editor opens (the GUI thread would stall)


def build_docx(body: str, *, language: str):
    """A python-docx Document of the letter (exposed for tests and callers that save it)."""
    from shopwatch.appeals.export_docx import build_docx as build

    return build(body, language=language)


def export_docx(body: str, path: Path, *, language: str) -> Path:
    from shopwatch.appeals.export_docx import export_docx as export

    return export(body, path, language=language)
