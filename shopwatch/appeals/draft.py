"""Drafting an appeal for a stored notice: the facts (notice, listing, shop, traffic), the
evidence kept with the notice's draft, the letter, and the appeal's life cycle
draft → submitted → accepted | rejected.

A draft remembers the SHA-256 of the letter it last generated (``_generated_sha256`` in its
evidence), so a letter the seller edited by hand is never silently regenerated over."""

from __future__ import annotations

import hashlib
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils

from shopwatch.appeals.context import CHINA_TZ, DEFAULT_LANGUAGE, TrafficView, traffic_view
from shopwatch.appeals.evidence import (
    KNOWN_FIELDS,
    EvidenceProblem,
    FieldSpec,
    apply_assignments,
    import_file,
    validate,
)
from shopwatch.appeals.templates import MissingFields, TemplateInfo, TemplateLibrary
from shopwatch.config import DetectionSettings
from shopwatch.imports.notice_text import parse_notice_text
from shopwatch.models import Appeal, Listing, ListingVersion, Notice, Shop
from shopwatch.monitor import detect
from shopwatch.monitor.rules import load_rules
from shopwatch.store import queries
from shopwatch.timeutil import iso, parse_iso

GENERATED_KEY = "_generated_sha256"
DRAFT, SUBMITTED, ACCEPTED, REJECTED = "draft", "submitted", "accepted", "rejected"
TRANSITIONS: dict[str, tuple[str, ...]] = {
    DRAFT: (SUBMITTED,),
    SUBMITTED: (ACCEPTED, REJECTED, DRAFT),  # back to draft: marked submitted by mistake
    ACCEPTED: (),
    REJECTED: (),
}
#: days of metrics read to state a demoted listing's traffic before and after
TRAFFIC_DAYS = 35
#: a smaller fall is not worth stating in a letter
TRAFFIC_MIN_DROP = 0.3


class AppealStateError(ValueError):
    """The appeal cannot make this change in its current state."""


@dataclass(frozen=True, slots=True)
class Facts:
    """What the platform's notice and the shop's own records say, for one notice."""

    notice: Notice
    listing: Listing | None  # as it was when the notice came (listing_as_noticed)
    shop: Shop
    deadline: datetime | None  # the notice's, or the rule data's default for its kind


@dataclass(slots=True)
class Letter:
    """One drafting attempt: the letter, or the fields still missing."""

    info: TemplateInfo
    evidence: dict[str, Any]
    body: str | None = None
    missing: list[str] = field(default_factory=list)
    warnings: list[EvidenceProblem] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.body is not None


def body_sha256(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def clean_evidence(evidence: Mapping[str, Any]) -> dict[str, Any]:
    """Evidence without bookkeeping keys."""
    return {k: v for k, v in evidence.items() if not k.startswith("_")}


def is_edited(appeal: Appeal) -> bool:
    """Was the stored letter changed by hand after it was generated?"""
    if not appeal.body.strip():
        return False
    return appeal.evidence.get(GENERATED_KEY) != body_sha256(appeal.body)


# --- facts ---------------------------------------------------------------------------------

#: what a notice says it did to the listing (notice_text's actions) → the listing's status
ACTION_STATUS = (("deleted", "deleted"), ("delisted", "violation_off_shelf"))


def listing_as_noticed(listing: Listing, versions: Sequence[ListingVersion], *,
                       issued_at: str | None, text: str | None) -> Listing:
    """The listing as the penalty found it: its title and status in the version recorded last
    before the notice was issued (the earliest one known if none was), and the status the
    notice's own words give it when they say it was removed or delisted, so a letter never
    calls a listing the notice removed "on sale" because the seller relisted it since, or a
    sync has not seen the removal yet."""
    issued = parse_iso(issued_at)
    # versions come oldest first
    before = [v for v in versions if issued is not None
              and (recorded := parse_iso(v.recorded_at)) is not None and recorded <= issued]
    then = before[-1] if before else (versions[0] if versions else None)
    if then is not None:
        listing = replace(listing, title=then.title or listing.title, status=then.status,
                          price=then.price if then.price is not None else listing.price)
    if text:
        actions = parse_notice_text(text).actions
        for action, status in ACTION_STATUS:
            if action in actions:
                return replace(listing, status=status)
    return listing


def load_facts(db: sqlite_utils.Database, notice_id: int, *, profile: Path | None = None) -> Facts:
    """NotFound if there is no such notice."""
    notice = queries.get_notice(db, notice_id)
    listing = queries.get_listing(db, notice.shop_id, notice.listing_id) if notice.listing_id else None
    if listing is not None:
        listing = listing_as_noticed(
            listing, queries.listing_versions(db, notice.shop_id, listing.listing_id),
            issued_at=notice.issued_at or notice.created_at, text=notice.text)
    shop = queries.get_shop_by_id(db, notice.shop_id)
    deadline = parse_iso(notice.appeal_deadline)
    if deadline is None:
        # sync fills deadlines in; a notice entered another way still gets the rule's window
        issued = parse_iso(notice.issued_at) or parse_iso(notice.created_at)
        if issued is not None:
            platform = "taobao" if shop.platform == "demo" else shop.platform  # as sync does
            deadline = load_rules(platform, profile).appeal_deadline(notice.kind, issued)
    return Facts(notice, listing, shop, deadline)


def _china_day(value: str | None) -> str | None:
    moment = parse_iso(value)
    return moment.astimezone(CHINA_TZ).date().isoformat() if moment else None


def traffic_facts(db: sqlite_utils.Database, facts: Facts, language: str) -> TrafficView | None:
    """The listing's traffic before and after the notice (or its collapse), when the shop's
    metrics show a clear fall; None when there is nothing worth stating."""
    if facts.listing is None:
        return None
    last = queries.latest_metric_day(db, facts.notice.shop_id)
    if not last:
        return None
    since = (date.fromisoformat(last) - timedelta(days=TRAFFIC_DAYS)).isoformat()
    history = queries.metrics_history(db, facts.notice.shop_id, since).get(
        facts.listing.listing_id, [])
    if not history:
        return None
    split = _china_day(facts.notice.issued_at)
    for measure in ("visits", "impressions"):
        before = [getattr(r, measure) for r in history
                  if split and r.day < split and getattr(r, measure) is not None][-7:]
        after = [getattr(r, measure) for r in history
                 if split and r.day >= split and getattr(r, measure) is not None]
        if len(before) >= 3 and after:
            verdict = detect.DemotionVerdict(True, statistics.median(before),
                                             statistics.fmean(after), measure)
            break
    else:
        # no notice date to split on: the detector's own before/after judgement
        verdict = detect.demotion_verdict(history, currently_suppressed=True,
                                          settings=DetectionSettings())
    if verdict is None or (verdict.measure != "keyword_rank" and verdict.drop < TRAFFIC_MIN_DROP):
        return None
    return traffic_view(verdict, history[0].day, history[-1].day, language)


# --- drafting ------------------------------------------------------------------------------

def stored_evidence(db: sqlite_utils.Database, notice_id: int) -> dict[str, Any]:
    """The evidence recorded for a notice: its current draft's, else its latest appeal's (a
    rejected appeal's evidence seeds the next attempt)."""
    appeal = queries.latest_appeal(db, notice_id, status=DRAFT) or queries.latest_appeal(
        db, notice_id)
    return clean_evidence(appeal.evidence) if appeal else {}


def assignable_fields(info: TemplateInfo) -> dict[str, FieldSpec]:
    """Fields evidence may be given for: every known one (kept for other templates) and this
    template's custom ones."""
    return {**KNOWN_FIELDS, **info.custom_fields}


def add_evidence(
    profile: Path, notice_id: int, stored: Mapping[str, Any],
    assignments: Iterable[tuple[str, str]], info: TemplateInfo,
) -> dict[str, Any]:
    """Apply ``KEY=VALUE`` assignments; file values are copied into the profile."""
    return apply_assignments(stored, assignments, assignable_fields(info),
                             add_file=lambda path: import_file(profile, notice_id, path))


def compose(
    db: sqlite_utils.Database, library: TemplateLibrary, facts: Facts, info: TemplateInfo,
    evidence: Mapping[str, Any], *, today: date, profile: Path | None = None,
) -> Letter:
    """The letter for these facts and evidence, or what is missing. Never half-filled."""
    evidence = clean_evidence(evidence)
    warnings = validate(evidence, info.spec_map(), profile=profile)
    letter = Letter(info=info, evidence=dict(evidence), warnings=warnings)
    try:
        letter.body = library.render_letter(
            info, notice=facts.notice, listing=facts.listing, shop=facts.shop, evidence=evidence,
            today=today, traffic=traffic_facts(db, facts, info.language))
    except MissingFields as exc:
        letter.missing = exc.fields
    return letter


def choose_template(
    library: TemplateLibrary, notice: Notice, *, name: str | None, language: str | None,
    current: Appeal | None,
) -> TemplateInfo:
    """The template asked for; else the current draft's, if still there in that language;
    else the best match for the notice's kind."""
    language = language or (current.language if current else DEFAULT_LANGUAGE)
    if name:
        return library.get(name, language)
    if current is not None and current.language == language:
        for info in library.for_kind(notice.kind, language):
            if info.name == current.template:
                return info
    return library.suggest(notice.kind, language)


def save_draft(
    db: sqlite_utils.Database, *, notice_id: int, template: str, language: str,
    evidence: Mapping[str, Any], body: str, generated: str | None, now: datetime,
    appeal_id: int | None = None,
) -> Appeal:
    """Store a draft (new, or ``appeal_id`` updated). ``generated`` is the letter as the
    template produced it (None: keep the previous record of it), so later edits show."""
    stored = clean_evidence(evidence)
    if appeal_id is not None:
        current = queries.get_appeal(db, appeal_id)
        if current.status != DRAFT:
            raise AppealStateError(f"appeal #{appeal_id} is {current.status}; only a draft can "
                                   "be changed. Start a new draft instead.")
        if generated is None and GENERATED_KEY in current.evidence:
            stored[GENERATED_KEY] = current.evidence[GENERATED_KEY]
    if generated is not None:
        stored[GENERATED_KEY] = body_sha256(generated)
    return queries.save_appeal(db, notice_id=notice_id, template=template, language=language,
                               body=body, evidence=stored, now=iso(now), appeal_id=appeal_id)


@dataclass(frozen=True, slots=True)
class Saved:
    appeal: Appeal
    kept: Appeal | None = None  # a hand-edited draft left untouched beside the new one


def store_letter(db: sqlite_utils.Database, letter: Letter, *, notice_id: int,
                 now: datetime) -> Saved:
    """Save a drafting attempt into the notice's draft. A draft edited by hand is kept as it
    is and the new letter becomes a new draft; an incomplete attempt saves its evidence and
    keeps whatever letter the draft had."""
    current = queries.latest_appeal(db, notice_id, status=DRAFT)
    info = letter.info
    if letter.body is None:
        body = current.body if current else ""
        appeal = save_draft(db, notice_id=notice_id, template=info.name, language=info.language,
                            evidence=letter.evidence, body=body, generated=None, now=now,
                            appeal_id=current.id if current else None)
        return Saved(appeal)
    if current is not None and is_edited(current):
        appeal = save_draft(db, notice_id=notice_id, template=info.name, language=info.language,
                            evidence=letter.evidence, body=letter.body, generated=letter.body,
                            now=now)
        return Saved(appeal, kept=current)
    appeal = save_draft(db, notice_id=notice_id, template=info.name, language=info.language,
                        evidence=letter.evidence, body=letter.body, generated=letter.body, now=now,
                        appeal_id=current.id if current else None)
    return Saved(appeal)


# --- life cycle ----------------------------------------------------------------------------

def change_status(db: sqlite_utils.Database, appeal_id: int, status: str, now: datetime) -> Appeal:
    """Move an appeal along its life cycle; the notice follows (submitted → appealed, which
    stops deadline warnings; accepted → revoked; rejected → upheld)."""
    appeal = queries.get_appeal(db, appeal_id)
    allowed = TRANSITIONS.get(appeal.status, ())
    if status not in allowed:
        options = ", ".join(allowed) or "nothing (it is final)"
        raise AppealStateError(f"appeal #{appeal_id} is {appeal.status}; it can become: {options}.")
    if status == SUBMITTED and not appeal.body.strip():
        raise AppealStateError(f"appeal #{appeal_id} has no letter yet; draft it first.")
    if status == DRAFT:
        return queries.reopen_appeal(db, appeal_id, iso(now))
    return queries.set_appeal_status(db, appeal_id, status, iso(now))


def hours_left(deadline: datetime | None, now: datetime) -> float | None:
    return None if deadline is None else (deadline - now).total_seconds() / 3600
