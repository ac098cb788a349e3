"""``shopwatch draft | templates | appeal | evidence``: appeal letters from the command line.

The contract scripts rely on: ``draft`` prints the letter (UTF-8) or writes ``--output``; when
required evidence is missing it exits 2 and prints exactly one line ``missing: a, b`` on
stderr. ``templates check`` exits non-zero for a template that fails to parse, uses unknown
fields or is refused by the sandbox."""

from __future__ import annotations

import argparse
import shutil
import sys
from datetime import datetime
from pathlib import Path

from shopwatch.appeals import draft, markup
from shopwatch.appeals.context import CHINA_TZ, LANGUAGES
from shopwatch.appeals.evidence import (
    FILES,
    KNOWN_FIELDS,
    EvidenceError,
    parse_assignment,
    verify_files,
)
from shopwatch.appeals.export import ExportError, export_docx, export_text, format_for
from shopwatch.appeals.templates import (
    SUFFIX,
    TemplateError,
    TemplateLibrary,
    TemplateNotFound,
    user_dir,
)
from shopwatch.commands.context import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_SYNC_FAILED,
    EXIT_USAGE,
    CommandError,
    Context,
)
from shopwatch.commands.output import emit_json, table
from shopwatch.models import Appeal
from shopwatch.store import queries
from shopwatch.timeutil import human_time, now_utc

LANGUAGE_ALIASES = {"zh": "zh_CN", "zh_cn": "zh_CN", "zh-cn": "zh_CN", "zh-hans": "zh_CN",
                    "cn": "zh_CN", "en": "en", "en_us": "en", "en-us": "en", "en_gb": "en",
                    "en-gb": "en"}


def language_arg(value: str) -> str:
    lang = LANGUAGE_ALIASES.get(value.lower(), value)
    if lang not in LANGUAGES:
        raise argparse.ArgumentTypeError(f"unknown language '{value}' (use {' or '.join(LANGUAGES)})")
    return lang


def register(sub: argparse._SubParsersAction) -> None:
    pc = sub.add_parser(
        "poa-check", help="check an Amazon Plan of Action's evidence file (invoices, suppliers, "
        "units sold)",
        description="Read FILE.json ({\"invoices\": [{\"number\", \"date\": \"YYYY-MM-DD\", "
        "\"supplier\", \"lines\": [{\"item\": SKU or ASIN, \"quantity\"}]}], "
        "\"suppliers\": [{\"name\", \"address\", \"phone\", \"email\", \"website\"}], "
        "\"units_sold\": {SKU: n}, \"aliases\": {ASIN: SKU}}) and say, per invoice, "
        "supplier and item, what Amazon will reject: invoices older than 365 days, supplier "
        "contact details missing, invoiced quantities that do not cover the units sold. "
        "Exit 0 when nothing is an error, 3 otherwise.")
    pc.add_argument("file", metavar="FILE.json")
    pc.add_argument("--lang", type=language_arg, metavar="zh_CN|en")
    pc.add_argument("--json", action="store_true")
    pc.set_defaults(handler=run_poa_check)
    d = sub.add_parser(
        "draft", help="draft an appeal letter for a notice",
        description="Draft the appeal letter for a notice from a template and the evidence "
        "recorded for it, save it as the notice's draft, and print it (or write --output). "
        "Evidence given here is stored with the draft. If required evidence is missing, "
        "exits 2 and prints 'missing: field, field' on stderr.")
    d.add_argument("notice_id", type=int, metavar="NOTICE_ID")
    d.add_argument("--template", metavar="NAME", help="template name (default: the suggested "
                   "one for the notice's kind; see 'shopwatch templates list')")
    d.add_argument("--lang", type=language_arg, metavar="zh_CN|en",
                   help="letter language (default: the draft's, else zh_CN)")
    d.add_argument("--evidence", action="extend", nargs="+", default=[], metavar="KEY=VALUE",
                   help="evidence, e.g. order_ids=3561234567890123456 tracking_numbers=SF123… "
                   "invoices=path/to/invoice.pdf; an empty value clears a field")
    d.add_argument("--output", "-o", metavar="FILE",
                   help="write the letter to FILE (.txt, .md, .docx or .pdf) instead of printing")
    d.add_argument("--markdown", action="store_true",
                   help="print the letter's Markdown source rather than plain text")
    d.add_argument("--no-save", action="store_true", help="do not store the draft or evidence")
    d.add_argument("--json", action="store_true", help="print a JSON document")
    d.set_defaults(handler=run_draft)

    t = sub.add_parser("templates", help="list, check and copy appeal letter templates")
    tsub = t.add_subparsers(dest="templates_command", metavar="ACTION")
    tl = tsub.add_parser("list", help="list templates (built-in and yours)")
    tl.add_argument("--lang", type=language_arg, metavar="zh_CN|en")
    tl.add_argument("--json", action="store_true")
    tl.set_defaults(handler=templates_list)
    tc = tsub.add_parser("check", help="validate template files (all when none is given)")
    tc.add_argument("files", nargs="*", metavar="FILE")
    tc.add_argument("--lang", type=language_arg, metavar="zh_CN|en",
                    help="language of FILE (default: its folder's name, else zh_CN)")
    tc.set_defaults(handler=templates_check)
    tp = tsub.add_parser("copy", help="copy a built-in template into your profile to edit it")
    tp.add_argument("name", metavar="NAME")
    tp.add_argument("--lang", type=language_arg, metavar="zh_CN|en", default="zh_CN")
    tp.add_argument("--force", action="store_true", help="replace your existing copy")
    tp.set_defaults(handler=templates_copy)
    t.set_defaults(handler=lambda ctx: _usage(t))

    a = sub.add_parser("appeal", help="list appeals and record their progress")
    asub = a.add_subparsers(dest="appeal_command", metavar="ACTION")
    al = asub.add_parser("list", help="list appeals")
    al.add_argument("--notice", type=int, metavar="NOTICE_ID")
    al.add_argument("--json", action="store_true")
    al.set_defaults(handler=appeal_list)
    ash = asub.add_parser("show", help="print a stored letter (with your edits) or export it")
    ash.add_argument("appeal_id", type=int, metavar="APPEAL_ID")
    ash.add_argument("--output", "-o", metavar="FILE", help=".txt, .md, .docx or .pdf")
    ash.add_argument("--markdown", action="store_true")
    ash.set_defaults(handler=appeal_show)
    for action, status, text in (
        ("submit", draft.SUBMITTED, "mark an appeal as sent to the platform (stops deadline "
                                    "warnings for its notice)"),
        ("accept", draft.ACCEPTED, "record that the platform accepted the appeal"),
        ("reject", draft.REJECTED, "record that the platform rejected the appeal"),
        ("reopen", draft.DRAFT, "make a submitted appeal a draft again (marked by mistake)"),
    ):
        p = asub.add_parser(action, help=text)
        p.add_argument("appeal_id", type=int, metavar="APPEAL_ID")
        p.set_defaults(handler=appeal_status, status=status)
    ad = asub.add_parser("delete", help="delete a draft")
    ad.add_argument("appeal_id", type=int, metavar="APPEAL_ID")
    ad.set_defaults(handler=appeal_delete)
    a.set_defaults(handler=lambda ctx: _usage(a))

    e = sub.add_parser("evidence", help="show the evidence recorded for a notice")
    e.add_argument("notice_id", type=int, metavar="NOTICE_ID")
    e.add_argument("--json", action="store_true")
    e.set_defaults(handler=evidence_show)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def _today():
    # the letter's date, like every date in it, is China time
    return datetime.now(CHINA_TZ).date()


def _library(ctx: Context) -> TemplateLibrary:
    return TemplateLibrary.for_profile(ctx.profile)


def _write(body: str, path: Path, language: str) -> Path:
    """Write ``body`` in the format ``path``'s extension names."""
    fmt = format_for(path)
    if fmt in ("txt", "md"):
        return export_text(body, path, markdown=fmt == "md")
    if fmt == "docx":
        return export_docx(body, path, language=language)
    from shopwatch.ui.pdf_export import export_pdf  # Qt only when a PDF is asked for

    return export_pdf(body, path, language=language)


def _print_letter(body: str, markdown: bool) -> None:
    sys.stdout.write(body if markdown else markup.to_text(body))
    sys.stdout.flush()


# --- draft ---------------------------------------------------------------------------------

def run_draft(ctx: Context) -> int:
    args = ctx.args
    db = ctx.db
    notice_id = args.notice_id
    try:
        facts = draft.load_facts(db, notice_id, profile=ctx.profile)
    except queries.NotFound:
        raise CommandError(f"No notice with id {notice_id}. List them with 'shopwatch notices'."
                           ) from None
    library = _library(ctx)
    current = queries.latest_appeal(db, notice_id, status=draft.DRAFT)
    try:
        info = draft.choose_template(library, facts.notice, name=args.template,
                                     language=args.lang, current=current)
    except TemplateNotFound as exc:
        raise CommandError(f"{exc}.") from None
    if args.output:
        try:
            format_for(Path(args.output))
        except ExportError as exc:
            raise CommandError(str(exc)) from None
    try:
        assignments = [parse_assignment(text) for text in args.evidence]
        evidence = draft.add_evidence(ctx.profile, notice_id, draft.stored_evidence(db, notice_id),
                                      assignments, info)
    except EvidenceError as exc:
        raise CommandError("invalid evidence:\n  " + "\n  ".join(
            p.message for p in exc.problems)) from None
    try:
        letter = draft.compose(db, library, facts, info, evidence, today=_today(),
                               profile=ctx.profile)
    except TemplateError as exc:
        raise CommandError(str(exc), EXIT_ERROR) from None
    saved = None if args.no_save else draft.store_letter(db, letter, notice_id=notice_id,
                                                         now=now_utc())
    if args.json:
        emit_json({"notice_id": notice_id, "appeal_id": saved.appeal.id if saved else None,
                   "template": info.name, "language": info.language,
                   "complete": letter.complete, "missing": letter.missing,
                   "body": letter.body, "text": markup.to_text(letter.body) if letter.body else None,
                   "warnings": [w.message for w in letter.warnings]})
    if letter.missing:
        # exactly one line, so a script can read which fields to supply
        print("missing: " + ", ".join(letter.missing), file=sys.stderr)
        return EXIT_USAGE
    for warning in letter.warnings:
        ctx.note(f"warning: {warning.message}")
    if saved and saved.kept:
        ctx.note(f"Draft #{saved.kept.id} has your edits and was kept; this letter is draft "
                 f"#{saved.appeal.id}.")
    if args.output:
        try:
            path = _write(letter.body, Path(args.output), info.language)
        except ExportError as exc:
            raise CommandError(str(exc), EXIT_ERROR) from None
        ctx.note(f"Wrote {path}" + (f" (draft appeal #{saved.appeal.id})." if saved else "."))
    elif not args.json:
        _print_letter(letter.body, args.markdown)
    _deadline_note(ctx, facts)
    return EXIT_OK


def _deadline_note(ctx: Context, facts: draft.Facts) -> None:
    left = draft.hours_left(facts.deadline, now_utc())
    if left is None or facts.notice.status != "open":
        return
    if left <= 0:
        ctx.note("Note: the appeal deadline for this notice has passed.")
    elif left <= 72:
        ctx.note(f"Note: the appeal deadline is in {left:.0f} h ({human_time(facts.deadline)}).")


# --- templates -----------------------------------------------------------------------------

def templates_list(ctx: Context) -> int:
    library = _library(ctx)
    infos, broken = library.scan(ctx.args.lang)
    if ctx.args.json:
        emit_json({"templates": [
            {"name": i.name, "language": i.language, "title": i.title, "source": i.source,
             "overrides": i.overrides, "applies_to": list(i.applies_to),
             "required": list(i.required), "optional": list(i.optional),
             "description": i.description, "path": str(i.path)} for i in infos],
            "broken": [{"path": str(b.path), "language": b.language, "error": b.error}
                       for b in broken],
            "user_folder": str(user_dir(ctx.profile))})
        return EXIT_OK if not broken else EXIT_ERROR
    table([[i.name, i.language, i.source + (" (replaces built-in)" if i.overrides else ""),
            ", ".join(i.applies_to), ", ".join(i.required) or "-", i.title] for i in infos],
          ["NAME", "LANG", "SOURCE", "APPLIES TO", "REQUIRED", "TITLE"], max_widths={5: 40})
    for b in broken:
        print(f"BROKEN {b.path}: {b.error}", file=sys.stderr)
    print(f"\nYour templates: {user_dir(ctx.profile)}/<zh_CN|en>/<name>{SUFFIX}")
    return EXIT_OK if not broken else EXIT_ERROR


def templates_check(ctx: Context) -> int:
    library = _library(ctx)
    if ctx.args.files:
        results = []
        for name in ctx.args.files:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"{path}: no such file.")
            results.append(library.check_file(path, ctx.args.lang))
    else:
        results = library.check_all()
    failed = 0
    for result in results:
        if result.ok:
            print(f"ok    {result.path}")
        else:
            failed += 1
            print(f"FAIL  {result.path}")
            for error in result.errors:
                print(f"      {error}")
        for warning in result.warnings:
            print(f"      warning: {warning}")
    if failed:
        print(f"{failed} of {len(results)} template file(s) failed.", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def templates_copy(ctx: Context) -> int:
    library = TemplateLibrary(user=None)
    try:
        info = library.get(ctx.args.name, ctx.args.lang)
    except TemplateNotFound as exc:
        raise CommandError(f"{exc}.") from None
    target = user_dir(ctx.profile) / ctx.args.lang / info.path.name
    if target.exists() and not ctx.args.force:
        raise CommandError(f"{target} exists already; edit it, or use --force to replace it.")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(info.path, target)
    print(f"Copied to {target}. Your copy now replaces the built-in '{info.name}' letter; "
          f"check it after editing with 'shopwatch templates check {target}'.")
    return EXIT_OK


# --- appeals -------------------------------------------------------------------------------

def appeal_json(appeal: Appeal) -> dict:
    return {"id": appeal.id, "notice_id": appeal.notice_id, "template": appeal.template,
            "language": appeal.language, "status": appeal.status,
            "created_at": appeal.created_at, "updated_at": appeal.updated_at,
            "submitted_at": appeal.submitted_at, "edited": draft.is_edited(appeal),
            "evidence": draft.clean_evidence(appeal.evidence), "body": appeal.body}


def _get_appeal(ctx: Context, appeal_id: int) -> Appeal:
    try:
        return queries.get_appeal(ctx.db, appeal_id)
    except queries.NotFound:
        raise CommandError(f"No appeal with id {appeal_id}. List them with "
                           "'shopwatch appeal list'.") from None


def appeal_list(ctx: Context) -> int:
    if ctx.args.notice is not None:
        try:
            queries.get_notice(ctx.db, ctx.args.notice)
        except queries.NotFound:
            raise CommandError(f"No notice with id {ctx.args.notice}. List them with "
                               "'shopwatch notices'.") from None
    appeals = queries.list_appeals(ctx.db, ctx.args.notice)
    if ctx.args.json:
        emit_json([appeal_json(a) for a in appeals])
        return EXIT_OK
    if not appeals:
        print("No appeals yet. Draft one with 'shopwatch draft NOTICE_ID'.")
        return EXIT_OK
    table([[a.id, a.notice_id, a.status, a.template, a.language, human_time(a.updated_at),
            "yes" if draft.is_edited(a) else "", "" if a.body.strip() else "incomplete"]
           for a in appeals],
          ["ID", "NOTICE", "STATUS", "TEMPLATE", "LANG", "UPDATED", "EDITED", "LETTER"])
    return EXIT_OK


def appeal_show(ctx: Context) -> int:
    appeal = _get_appeal(ctx, ctx.args.appeal_id)
    if not appeal.body.strip():
        raise CommandError(f"Appeal #{appeal.id} has no letter yet: evidence is missing. "
                           f"Run 'shopwatch draft {appeal.notice_id}' to see what.")
    if ctx.args.output:
        try:
            path = _write(appeal.body, Path(ctx.args.output), appeal.language)
        except ExportError as exc:
            raise CommandError(str(exc), EXIT_ERROR) from None
        ctx.note(f"Wrote {path}.")
    else:
        _print_letter(appeal.body, ctx.args.markdown)
    return EXIT_OK


def appeal_status(ctx: Context) -> int:
    appeal = _get_appeal(ctx, ctx.args.appeal_id)
    try:
        updated = draft.change_status(ctx.db, appeal.id, ctx.args.status, now_utc())
    except draft.AppealStateError as exc:
        raise CommandError(str(exc)) from None
    notice = queries.get_notice(ctx.db, updated.notice_id)
    extra = " Deadline warnings for it stop." if updated.status == draft.SUBMITTED else ""
    print(f"Appeal #{updated.id} is now {updated.status}; notice #{notice.id} is "
          f"{notice.status}.{extra}")
    return EXIT_OK


def appeal_delete(ctx: Context) -> int:
    appeal = _get_appeal(ctx, ctx.args.appeal_id)
    if appeal.status != draft.DRAFT:
        raise CommandError(f"Appeal #{appeal.id} is {appeal.status}; only drafts can be deleted.")
    queries.delete_appeal(ctx.db, appeal.id)
    print(f"Deleted draft #{appeal.id}.")
    return EXIT_OK


# --- evidence ------------------------------------------------------------------------------

def evidence_show(ctx: Context) -> int:
    try:
        queries.get_notice(ctx.db, ctx.args.notice_id)
    except queries.NotFound:
        raise CommandError(f"No notice with id {ctx.args.notice_id}.") from None
    evidence = draft.stored_evidence(ctx.db, ctx.args.notice_id)
    problems = {}
    for name, value in evidence.items():
        spec = KNOWN_FIELDS.get(name)
        if spec is not None and spec.type == FILES and isinstance(value, list):
            for problem in verify_files(ctx.profile, name, value):
                problems.setdefault(problem.value, problem.message)
    if ctx.args.json:
        emit_json({"notice_id": ctx.args.notice_id, "evidence": evidence,
                   "problems": list(problems.values())})
        return EXIT_OK if not problems else EXIT_ERROR
    if not evidence:
        print(f"No evidence recorded for notice #{ctx.args.notice_id}. Add it with "
              f"'shopwatch draft {ctx.args.notice_id} --evidence KEY=VALUE'.")
        return EXIT_OK
    for name, value in evidence.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            print(f"{name}:")
            for record in value:
                state = "CHANGED OR MISSING" if record.get("name") in problems else "ok"
                print(f"  {record.get('name')}  sha256 {record.get('sha256')}  "
                      f"{record.get('size')} bytes  {state}")
        elif isinstance(value, list):
            print(f"{name}: " + "; ".join(str(v) for v in value))
        else:
            print(f"{name}: {value}")
    for message in problems.values():
        print(f"warning: {message}", file=sys.stderr)
    return EXIT_OK if not problems else EXIT_ERROR


def run_poa_check(ctx: Context) -> int:
    """``shopwatch poa-check FILE.json``: the Plan of Action's evidence checks
    (``appeals.poa_evidence``) on a file the seller keeps beside the letter."""
    import json as jsonlib
    from datetime import date
    from pathlib import Path

    from shopwatch.appeals.poa_evidence import PoaEvidenceError, check, from_mapping, ready

    args = ctx.args
    path = Path(args.file)
    try:
        data = jsonlib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise CommandError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    except ValueError as exc:
        raise CommandError(f"{path} is not JSON ({exc}); nothing was checked.") from None
    if not isinstance(data, dict):
        raise CommandError(f"{path} must hold one JSON object with invoices, suppliers and "
                           "units_sold; nothing was checked.")
    try:
        findings = check(from_mapping(data), today=date.today())
    except PoaEvidenceError as exc:
        raise CommandError(f"{path}: " + "; ".join(exc.problems) + ". Nothing was checked."
                           ) from None
    language = args.lang or ctx.settings.language or "en"
    ok = ready(findings)
    if args.json:
        emit_json({"ready": ok, "findings": [
            {"check": f.check, "severity": f.severity, "subject": f.subject,
             "message": f.message, "message_zh": f.message_zh} for f in findings]})
    else:
        for f in findings:
            print(f"[{f.severity}] {f.subject}: {f.text(language)}")
        print("Ready to send." if ok else "Not ready: fix the errors above before sending.")
    return EXIT_OK if ok else EXIT_SYNC_FAILED
