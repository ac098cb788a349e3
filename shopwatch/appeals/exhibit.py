"""The exhibit bundle of an appeal (issue 18): a zip holding a PDF summary, the raw source
records the ledger kept for the listing, the appeal's evidence files, and ``manifest.json``:
the SHA-256 of every file plus the run-chain hashes that cover the records, so anyone can check
that nothing in the bundle was changed and that the records are the ones the ledger chained.

No Qt here: the PDF is drawn by a renderer passed in (``shopwatch.ui.exhibit_pdf.render``)."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils

from shopwatch import __version__
from shopwatch.appeals.evidence import stored_path
from shopwatch.models import ACTIVE, Listing, ListingVersion, MetricRecord, Notice, Shop
from shopwatch.monitor import ledger
from shopwatch.monitor.timeline import TimelineEvent, listing_timeline
from shopwatch.store import queries
from shopwatch.timeutil import CHINA_TZ, iso, now_utc, parse_iso

#: traffic days shown either side of the notice
TRAFFIC_DAYS = 14
LANGUAGES = ("zh", "en")


class ExhibitError(ValueError):
    pass


@dataclass(slots=True)
class ExhibitRecord:
    record_hash: str
    runs: list[int]  # the runs whose view named this record for the listing
    path: str  # inside the bundle


@dataclass(slots=True)
class ExhibitFile:
    label: str
    path: str  # inside the bundle
    source: Path


@dataclass(slots=True)
class ExhibitData:
    """Everything the PDF shows; plain data."""

    language: str
    shop: Shop
    notice: Notice
    listing: Listing | None
    before: ListingVersion | None  # the listing as last seen before the penalty
    events: list[TimelineEvent]
    traffic: list[MetricRecord]
    penalty_day: date | None
    evidence_texts: list[tuple[str, str]]
    files: list[ExhibitFile]
    records: list[ExhibitRecord]
    head_hash: str | None
    chain: list[dict[str, Any]] = field(default_factory=list)


def _penalty_day(notice: Notice) -> date | None:
    moment = parse_iso(notice.issued_at or notice.created_at)
    return moment.astimezone(CHINA_TZ).date() if moment else None


def _before(versions: list[ListingVersion], issued: str | None) -> ListingVersion | None:
    """The last version recorded before the notice, preferring one still on sale."""
    cutoff = parse_iso(issued) if issued else None
    earlier = [v for v in versions
               if cutoff is None or (parse_iso(v.recorded_at) or cutoff) <= cutoff]
    active = [v for v in earlier if v.status == ACTIVE]
    pick = active or earlier or versions
    return pick[-1] if pick else None


def _safe(name: str) -> str:
    keep = "".join(c if c.isalnum() or c in "._-" else "_" for c in name)
    return keep.strip("._") or "file"


def collect(db: sqlite_utils.Database, profile: Path, notice_id: int, language: str
            ) -> ExhibitData:
    if language not in LANGUAGES:
        raise ExhibitError(f"language must be one of {', '.join(LANGUAGES)}")
    try:
        notice = queries.get_notice(db, notice_id)
    except queries.NotFound:
        raise ExhibitError(f"No notice {notice_id}; see 'shopwatch notices'.") from None
    shop = next(s for s in queries.list_shops(db) if s.id == notice.shop_id)
    lid = notice.listing_id
    listing = queries.get_listing(db, shop.id, lid) if lid else None
    versions = queries.listing_versions(db, shop.id, lid) if lid else []
    timeline = listing_timeline(db, shop.id, lid) if lid and listing else None
    day = _penalty_day(notice)
    traffic: list[MetricRecord] = []
    if lid:
        since = (day - timedelta(days=TRAFFIC_DAYS)).isoformat() if day else None
        traffic = [m for m in queries.listing_metric_series(db, shop.id, lid, since)
                   if day is None or m.day <= (day + timedelta(days=TRAFFIC_DAYS)).isoformat()]
    records: dict[str, ExhibitRecord] = {}
    if lid:
        for run_id, _lid, h, _status in queries.ledger_entries(db, shop.id, lid):
            if h:
                rec = records.setdefault(h, ExhibitRecord(h, [], f"records/{h}.json"))
                rec.runs.append(run_id)
    chain = [{"run_id": r["run_id"], "recorded_at": r["recorded_at"], "seen": r["seen"],
              "prev_hash": r["prev_hash"], "run_hash": r["run_hash"]}
             for r in queries.ledger_runs(db, shop.id)]
    texts: list[tuple[str, str]] = []
    files: list[ExhibitFile] = []
    appeal = queries.latest_appeal(db, notice_id)
    for name, value in (appeal.evidence if appeal else {}).items():
        if name.startswith("_") or not value:
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict):
            for n, rec in enumerate(value, start=1):
                source = stored_path(profile, rec)
                files.append(ExhibitFile(f"{name}: {rec.get('name')}",
                                         f"evidence/{n:02d}-{_safe(str(rec.get('name')))}",
                                         source))
        elif isinstance(value, list):
            texts.append((name, "、".join(map(str, value)) if language == "zh"
                          else ", ".join(map(str, value))))
        else:
            texts.append((name, str(value)))
    return ExhibitData(
        language=language, shop=shop, notice=notice, listing=listing,
        before=_before(versions, notice.issued_at), events=timeline.events if timeline else [],
        traffic=traffic, penalty_day=day, evidence_texts=texts, files=files,
        records=sorted(records.values(), key=lambda r: r.runs[0]),
        head_hash=chain[-1]["run_hash"] if chain else None, chain=chain)


@dataclass(frozen=True, slots=True)
class Exhibit:
    number: int
    kind: str  # summary | file | record
    label: str
    path: str  # inside the bundle


def exhibits(data: ExhibitData) -> list[Exhibit]:
    """The bundle's exhibits, numbered once for the PDF, the manifest and the letter:
    1 the summary, then the seller's evidence files, then the platform's raw records."""
    out = [Exhibit(1, "summary", "", f"exhibit-{data.language}.pdf")]
    for f in data.files:
        out.append(Exhibit(len(out) + 1, "file", f.label, f.path))
    for r in data.records:
        runs = ", ".join(map(str, r.runs))
        out.append(Exhibit(len(out) + 1, "record", runs, r.path))
    return out


#: how the letter names its exhibits
_EXHIBIT_WORDS = {
    "zh": {"title": "附件清单", "exhibit": "附件", "summary":
           "证据摘要：处罚前的商品状态、历史记录、流量对比、处罚通知和证据清单",
           "file": "卖家证据", "record": "平台原始商品记录（第 {runs} 次同步，含 SHA-256 校验值）",
           "intro": "以下附件均在随附压缩包中，每个文件的 SHA-256 校验值记录在 manifest.json 里。"},
    "en": {"title": "Exhibits", "exhibit": "Exhibit", "summary":
           "Summary: the listing before the penalty, its history, traffic before and after, "
           "the notice and the evidence list",
           "file": "Seller's evidence", "record":
           "The platform's own record of the listing (sync runs {runs}, with its SHA-256)",
           "intro": "The exhibits are in the attached zip; manifest.json holds each file's "
                    "SHA-256 hash."},
}
#: the section's heading in either language, to find and replace a section added before
EXHIBIT_HEADINGS = tuple(f"## {w['title']}" for w in _EXHIBIT_WORDS.values())


def exhibit_section(items: list[Exhibit], language: str) -> str:
    """The letter's exhibit list (Markdown subset), numbered as the bundle is."""
    from shopwatch.appeals import markup

    w = _EXHIBIT_WORDS["zh" if language.startswith("zh") else "en"]
    colon = "：" if language.startswith("zh") else ": "
    lines = [f"## {w['title']}", "", markup.escape(w["intro"]), ""]
    for item in items:
        what = (w["summary"] if item.kind == "summary"
                else f"{w['file']}{colon}{item.label}" if item.kind == "file"
                else w["record"].format(runs=item.label))
        sep = "" if language.startswith("zh") else " "
        lines.append(f"- **{w['exhibit']}{sep}{item.number}**{colon}"
                     f"{markup.escape(what)} ({markup.escape(item.path)})")
    return "\n".join(lines) + "\n"


def with_exhibits(letter: str, items: list[Exhibit], language: str) -> str:
    """The letter with its exhibit list at the end, replacing one added before."""
    body = letter.rstrip("\n")
    for heading in EXHIBIT_HEADINGS:
        at = body.find("\n" + heading + "\n")
        if at >= 0:
            body = body[:at].rstrip("\n")
            break
    return body + "\n\n" + exhibit_section(items, language)


def _with_entries(db: sqlite_utils.Database, data: ExhibitData) -> list[dict[str, Any]]:
    covering = {run for r in data.records for run in r.runs}
    entries: dict[int, list[list[Any]]] = {}
    for run_id, lid, h, status in queries.ledger_entries(db, data.shop.id):
        if run_id in covering:
            entries.setdefault(run_id, []).append([lid, h, status])
    return [{**run, **({"entries": entries.get(run["run_id"], [])}
                       if run["run_id"] in covering else {})} for run in data.chain]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


Renderer = Callable[[ExhibitData, Path], None]


def write_bundle(db: sqlite_utils.Database, data: ExhibitData, output: Path,
                 render: Renderer) -> dict[str, Any]:
    """Write the zip (atomically); returns its manifest."""
    output = Path(output)
    folder = output.parent if str(output.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    members: list[tuple[str, bytes]] = []
    with tempfile.TemporaryDirectory(prefix="shopwatch-exhibit-") as tmp:
        pdf = Path(tmp) / "exhibit.pdf"
        render(data, pdf)
        members.append((f"exhibit-{data.language}.pdf", pdf.read_bytes()))
    for rec in data.records:
        try:
            text = queries.ledger_record_text(db, rec.record_hash)
        except ValueError:  # stored but undecodable: verify names the run
            text = b""
        if text is None:
            raise ExhibitError(f"the ledger lacks record {rec.record_hash}; run "
                               "'shopwatch verify'")
        if ledger.sha256(text) != rec.record_hash:
            raise ExhibitError(f"record {rec.record_hash} does not match its hash; run "
                               "'shopwatch verify'")
        members.append((rec.path, text))
    for f in data.files:
        try:
            members.append((f.path, f.source.read_bytes()))
        except OSError as exc:
            raise ExhibitError(f"evidence file {f.source} cannot be read: {exc}") from exc
    manifest = {
        "format": "shopwatch-exhibit-1",
        "created_at": iso(now_utc()),
        "shopwatch": __version__,
        "shop": data.shop.name,
        "notice_id": data.notice.id,
        "notice_source_id": data.notice.source_id,
        "listing_id": data.notice.listing_id,
        "files": [{"path": name, "sha256": _sha256(blob), "bytes": len(blob)}
                  for name, blob in members],
        "records": [{"path": r.path, "sha256": r.record_hash, "runs": r.runs}
                    for r in data.records],
        # the numbers the PDF and the letter refer to
        "exhibits": [{"number": e.number, "kind": e.kind, "path": e.path}
                     for e in exhibits(data)],
        # every run's link; the runs that named a record also carry their changes, from which
        # their hash is recomputed (ledger.run_hash) and the record shown to be chained
        "chain": {"algorithm": "sha256", "version": ledger.CHAIN_VERSION,
                  "head": data.head_hash, "runs": _with_entries(db, data)},
    }
    fd, tmpname = tempfile.mkstemp(prefix=".exhibit-", suffix=".zip", dir=folder)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmpname, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, blob in members:
                zf.writestr(name, blob)
            zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        os.replace(tmpname, output)
    except OSError as exc:
        Path(tmpname).unlink(missing_ok=True)
        raise ExhibitError(f"cannot write {output}: {exc}") from exc
    return manifest
