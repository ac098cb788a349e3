"""Evidence a seller records for an appeal: the known fields, their formats, validation, and
files copied into the profile with their SHA-256.

Evidence is a plain JSON-able dict ``{field: value}`` stored with the appeal draft: ``ids`` and
``texts`` fields hold a list of strings, ``text`` fields one string, ``files`` fields a list of
``{"name", "sha256", "size", "path"}`` records (``path`` relative to the profile folder). Keys
starting with ``_`` are bookkeeping, never evidence."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

IDS = "ids"  # identifiers, several per entry, split on commas / spaces / 、
TEXTS = "texts"  # free-text entries, one per entry (never split: sentences contain commas)
TEXT = "text"  # one free-text value
FILES = "files"  # files copied into the profile
FIELD_TYPES = (IDS, TEXTS, TEXT, FILES)

FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_ID_SPLIT = re.compile(r"[\s,，、;；]+")

#: a file bigger than this is almost certainly a mistake (platform uploads are a few MB)
MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_TEXT_CHARS = 4000

#: accepted evidence file types, and the leading bytes a genuine file of that type starts with
#: (so a renamed file is caught); zip-based formats (docx, xlsx, ofd e-invoices) share "PK".
FILE_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
    ".bmp": (b"BM",),
    ".tif": (b"II*\x00", b"MM\x00*"),
    ".tiff": (b"II*\x00", b"MM\x00*"),
    ".heic": (),
    ".ofd": (b"PK\x03\x04",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
    ".txt": (),
}


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One evidence field: how it is entered, labelled and checked."""

    name: str
    type: str
    label_zh: str
    label_en: str
    #: full-match pattern for each ``ids`` entry after normalisation
    pattern: str | None = None
    #: what a valid entry looks like, for error messages ("12–20 digits")
    hint: str = ""
    uppercase: bool = False

    def label(self, language: str) -> str:
        return self.label_zh if language.startswith("zh") else self.label_en


# The fields built-in templates use. Formats are deliberately loose where the platform does
# not publish one ([U] in DOMAIN.md): a false "invalid" would block a genuine appeal.
KNOWN_FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec("order_ids", IDS, "订单编号", "Order numbers", pattern=r"\d{12,20}",
                  hint="a Taobao order number is 12–20 digits"),
        FieldSpec("logistics_company", TEXT, "物流公司", "Logistics company"),
        FieldSpec("tracking_numbers", IDS, "物流运单号", "Tracking numbers",
                  pattern=r"[A-Z0-9]{8,30}", uppercase=True,
                  hint="a tracking number is 8–30 letters and digits"),
        FieldSpec("chat_excerpts", TEXTS, "买家聊天记录摘录", "Buyer chat excerpts"),
        FieldSpec("invoices", FILES, "进货发票", "Purchase invoices"),
        FieldSpec("brand_authorisations", FILES, "品牌授权书", "Brand authorisation"),
        FieldSpec("attachments", FILES, "其他附件（截图、照片等）",
                  "Other attachments (screenshots, photos)"),
        FieldSpec("brand_name", TEXT, "品牌名称", "Brand"),
        FieldSpec("supplier", TEXT, "进货渠道（供货商）", "Supplier"),
        FieldSpec("root_cause", TEXT, "问题原因", "Root cause"),
        FieldSpec("corrective_actions", TEXTS, "已完成的整改措施", "Corrective actions taken"),
        FieldSpec("preventive_actions", TEXTS, "预防措施", "Preventive measures"),
        FieldSpec("self_check", TEXTS, "自查情况", "Self-check results"),
        FieldSpec("statement", TEXT, "情况说明", "Statement of facts"),
        FieldSpec("notes", TEXT, "补充说明", "Additional notes"),
        FieldSpec("contact", TEXT, "联系方式", "Contact"),
    )
}


@dataclass(frozen=True, slots=True)
class EvidenceProblem:
    """One thing wrong with one evidence value. ``code`` lets the UI word it in its language."""

    field: str
    code: str  # unknown_field | bad_format | too_long | file_missing | file_type | file_content
    #          # | file_empty | file_too_big | file_changed | bad_value
    message: str
    value: str = ""


class EvidenceError(ValueError):
    """Evidence that cannot be accepted; ``problems`` says what and where."""

    def __init__(self, problems: list[EvidenceProblem]) -> None:
        super().__init__("\n".join(p.message for p in problems))
        self.problems = problems


# --- values ------------------------------------------------------------------------------

def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple):
        return not value
    return False


def empty_value(spec: FieldSpec) -> Any:
    return "" if spec.type == TEXT else []


def split_ids(raw: str) -> list[str]:
    return [part for part in _ID_SPLIT.split(raw) if part]


def _normalise_id(spec: FieldSpec, raw: str) -> str:
    # Full-width digits and letters (pasted from Chinese pages) become ASCII.
    value = unicodedata.normalize("NFKC", raw).strip()
    return value.upper() if spec.uppercase else value


def _dedupe(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def check_ids(spec: FieldSpec, entries: Iterable[str]) -> tuple[list[str], list[EvidenceProblem]]:
    values, problems = [], []
    for raw in entries:
        for part in split_ids(raw):
            value = _normalise_id(spec, part)
            if spec.pattern and not re.fullmatch(spec.pattern, value):
                hint = f" ({spec.hint})" if spec.hint else ""
                problems.append(EvidenceProblem(
                    spec.name, "bad_format", f"{spec.name}: '{part}' is not valid{hint}.", part))
            else:
                values.append(value)
    return _dedupe(values), problems


def _clean_text(value: str) -> str:
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    text = "\n".join(line.rstrip() for line in lines).strip()
    return re.sub(r"\n{3,}", "\n\n", text)


def check_text(spec: FieldSpec, value: str) -> tuple[str, list[EvidenceProblem]]:
    text = _clean_text(value)
    if len(text) > MAX_TEXT_CHARS:
        return text, [EvidenceProblem(
            spec.name, "too_long",
            f"{spec.name}: {len(text)} characters is too long (at most {MAX_TEXT_CHARS}).")]
    return text, []


def validate(
    evidence: Mapping[str, Any], fields: Mapping[str, FieldSpec], *,
    profile: Path | None = None,
) -> list[EvidenceProblem]:
    """Problems in stored evidence (as the GUI form or the CLI produced it). With ``profile``,
    stored files are re-hashed: a file changed or deleted since it was added is reported."""
    problems: list[EvidenceProblem] = []
    for name, value in evidence.items():
        if name.startswith("_") or is_empty(value):
            continue
        spec = fields.get(name)
        if spec is None:
            continue  # kept for another template; not this one's business
        if spec.type == IDS:
            entries = value if isinstance(value, list) else [str(value)]
            problems += check_ids(spec, [str(v) for v in entries])[1]
        elif spec.type == TEXTS:
            entries = value if isinstance(value, list) else [str(value)]
            for entry in entries:
                problems += check_text(spec, str(entry))[1]
        elif spec.type == TEXT:
            problems += check_text(spec, str(value))[1]
        elif spec.type == FILES:
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                problems.append(EvidenceProblem(name, "bad_value",
                                                f"{name}: expected a list of stored files."))
            elif profile is not None:
                problems += verify_files(profile, name, value)
    return problems


def normalise(
    evidence: Mapping[str, Any], fields: Mapping[str, FieldSpec]
) -> tuple[dict[str, Any], list[EvidenceProblem]]:
    """The stored form of form input (ids split, normalised and de-duplicated, texts trimmed,
    empty values dropped) and the problems found. An invalid entry is left out of the values
    and reported, so the form can mark it while the rest stays usable."""
    out: dict[str, Any] = {}
    problems: list[EvidenceProblem] = []
    for name, value in evidence.items():
        spec = fields.get(name)
        if name.startswith("_") or spec is None:
            if not is_empty(value):
                out[name] = value  # bookkeeping, or kept for another template
            continue
        if is_empty(value):
            continue
        if spec.type == IDS:
            entries = value if isinstance(value, list) else [str(value)]
            ids, bad = check_ids(spec, [str(v) for v in entries])
            problems += bad
            if ids:
                out[name] = ids
        elif spec.type == TEXTS:
            entries = value if isinstance(value, list) else [str(value)]
            texts = []
            for entry in entries:
                text, bad = check_text(spec, str(entry))
                problems += bad
                if text:
                    texts.append(text)
            if texts:
                out[name] = texts
        elif spec.type == TEXT:
            text, bad = check_text(spec, str(value))
            problems += bad
            if text:
                out[name] = text
        else:
            out[name] = list(value)
    return out, problems


# --- command-line assignments ------------------------------------------------------------

def parse_assignment(text: str) -> tuple[str, str]:
    """``KEY=VALUE`` → (key, value); the value may itself contain '='."""
    key, sep, value = text.partition("=")
    key = key.strip()
    if not sep or not FIELD_NAME.match(key):
        raise EvidenceError([EvidenceProblem(
            key or text, "bad_value", f"'{text}' is not KEY=VALUE (e.g. order_ids=3561234567890123).")])
    return key, value


def apply_assignments(
    stored: Mapping[str, Any], assignments: Iterable[tuple[str, str]],
    fields: Mapping[str, FieldSpec], *, add_file: Callable[[Path], dict[str, Any]],
) -> dict[str, Any]:
    """Evidence after ``KEY=VALUE`` assignments. A key given replaces what was stored for it;
    repeating a list key adds entries; an empty value clears the field. ``add_file`` copies a
    file into the profile and returns its record. Raises EvidenceError listing every problem."""
    grouped: dict[str, list[str]] = {}
    problems: list[EvidenceProblem] = []
    for key, value in assignments:
        if key not in fields:
            known = ", ".join(sorted(fields))
            problems.append(EvidenceProblem(key, "unknown_field",
                                            f"unknown evidence field '{key}' (known: {known})."))
            continue
        grouped.setdefault(key, []).append(value)
    out = dict(stored)
    for key, values in grouped.items():
        spec = fields[key]
        entries = [v for v in values if v.strip()]
        if not entries:
            out.pop(key, None)
            continue
        if spec.type == IDS:
            ids, bad = check_ids(spec, entries)
            problems += bad
            out[key] = ids
        elif spec.type == TEXTS:
            texts = []
            for entry in entries:
                text, bad = check_text(spec, entry)
                problems += bad
                texts.append(text)
            out[key] = texts
        elif spec.type == TEXT:
            # the last value wins, as with any repeated command-line option
            text, bad = check_text(spec, entries[-1])
            problems += bad
            out[key] = text
        else:
            records = []
            for entry in entries:
                try:
                    records.append(add_file(_user_path(entry)))
                except EvidenceError as exc:
                    problems += [EvidenceProblem(key, p.code, f"{key}: {p.message}", p.value)
                                 for p in exc.problems]
            out[key] = _dedupe_files(records)
    if problems:
        raise EvidenceError(problems)
    return out


def _user_path(entry: str) -> Path:
    """``~`` expanded; ``~name`` of a user this system does not have stays as typed (pathlib
    raises RuntimeError there), so the file is then refused plainly as not found."""
    try:
        return Path(entry).expanduser()
    except RuntimeError:
        return Path(entry)


def _dedupe_files(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen, out = set(), []
    for record in records:
        if record["sha256"] not in seen:
            seen.add(record["sha256"])
            out.append(record)
    return out


# --- files -------------------------------------------------------------------------------

def _safe_name(name: str) -> str:
    stem, suffix = os.path.splitext(name)
    stem = re.sub(r"[^\w.-]+", "_", stem, flags=re.UNICODE).strip("._") or "file"
    return stem[:60] + suffix.lower()[:10]


def check_file_type(path: Path, head: bytes) -> EvidenceProblem | None:
    suffix = path.suffix.lower()
    if suffix not in FILE_SIGNATURES:
        allowed = ", ".join(sorted(FILE_SIGNATURES))
        return EvidenceProblem("", "file_type",
                               f"{path.name}: this file type is not accepted (use {allowed}).",
                               str(path))
    signatures = FILE_SIGNATURES[suffix]
    if signatures and not any(head.startswith(sig) for sig in signatures):
        return EvidenceProblem("", "file_content",
                               f"{path.name}: the content is not a {suffix[1:].upper()} file "
                               "(was it renamed?).", str(path))
    if suffix == ".webp" and head[8:12] != b"WEBP":
        return EvidenceProblem("", "file_content", f"{path.name}: not a WEBP image.", str(path))
    return None


def evidence_folder(profile: Path, notice_id: int) -> Path:
    return profile / "evidence" / f"notice-{notice_id}"


def import_file(profile: Path, notice_id: int, source: Path) -> dict[str, Any]:
    """Copy ``source`` into the notice's evidence folder and return its record. The copy is
    named by content hash, so adding the same file twice stores it once, and a later change to
    the original does not change what the appeal cites."""
    source = Path(source)
    try:
        size = source.stat().st_size
        if not source.is_file():
            raise FileNotFoundError(source)
    except OSError:
        raise EvidenceError([EvidenceProblem("", "file_missing",
                                             f"{source}: no such file.", str(source))]) from None
    if size == 0:
        raise EvidenceError([EvidenceProblem("", "file_empty", f"{source.name}: the file is empty.",
                                             str(source))])
    if size > MAX_FILE_BYTES:
        raise EvidenceError([EvidenceProblem(
            "", "file_too_big",
            f"{source.name}: {size / 1e6:.0f} MB is too big (at most {MAX_FILE_BYTES // 2**20} MB).",
            str(source))])
    folder = evidence_folder(profile, notice_id)
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    fd, tmp_name = tempfile.mkstemp(prefix=".import-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            head = src.read(16)
            problem = check_file_type(source, head)
            if problem:
                raise EvidenceError([problem])
            digest.update(head)
            out.write(head)
            while chunk := src.read(1 << 20):
                digest.update(chunk)
                out.write(chunk)
        sha = digest.hexdigest()
        target = folder / f"{sha[:16]}-{_safe_name(source.name)}"
        if target.exists() and file_sha256(target) == sha:
            os.unlink(tmp_name)
        else:
            os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return {"name": source.name, "sha256": sha, "size": size,
            "path": target.relative_to(profile).as_posix()}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def stored_path(profile: Path, record: Mapping[str, Any]) -> Path:
    return profile / str(record.get("path", ""))


def verify_files(profile: Path, field: str, records: Iterable[Mapping[str, Any]]) -> list[EvidenceProblem]:
    """Re-hash stored copies: the appeal must cite exactly the files the seller added."""
    problems = []
    for record in records:
        path = stored_path(profile, record)
        name = str(record.get("name", path.name))
        if not path.is_file():
            problems.append(EvidenceProblem(field, "file_missing",
                                            f"{field}: the stored copy of {name} is missing "
                                            f"({path}). Add the file again.", name))
        elif file_sha256(path) != record.get("sha256"):
            problems.append(EvidenceProblem(field, "file_changed",
                                            f"{field}: the stored copy of {name} was changed "
                                            "after it was added. Add the file again.", name))
    return problems

