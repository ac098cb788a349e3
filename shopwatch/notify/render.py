"""Message text for remote notifications, from sandboxed Jinja2 templates in the seller's
language: ``resources/templates/notify/<lang>/*.j2``, overridable per file from
``<profile>/templates/notify/<lang>/``.

A template sets ``title`` with ``{% set title %}…{% endset %}`` and renders the body. Templates
run in an immutable sandbox with StrictUndefined and the time, work and output budgets of
shopwatch.templating; a broken user template falls back to the
shipped one, and a broken shipped one to a plain built-in text, so an alert is never lost to a
typo."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, TemplateError

from shopwatch import alert_kinds
from shopwatch.config import resources_dir
from shopwatch.models import ALERT_KINDS, Alert, Listing, Notice
from shopwatch.notify.policy import SEVERITY_RANK
from shopwatch.notify.prefs import LANGUAGES
from shopwatch.templating import BoundedSandbox
from shopwatch.timeutil import parse_iso

log = logging.getLogger(__name__)

#: listing lines shown in a grouped message before "…and N more"
MAX_LINES = 10
#: titles shown per kind in a summary or digest section
MAX_SECTION_LINES = 5
TITLE_LIMIT = 150


@dataclass(frozen=True, slots=True)
class Rendered:
    title: str
    body: str


def deep_link(alert_id: int) -> str:
    """Opens the alert in the desktop app (the app registers the shopwatch: scheme)."""
    return f"shopwatch://alert/{alert_id}"


def _local(value: str | None, tz: tzinfo) -> str | None:
    moment = parse_iso(value) if value else None
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M") if moment else None


def alert_view(
    alert: Alert, *, shop: str, tz: tzinfo, listing: Listing | None = None,
    notice: Notice | None = None,
) -> dict[str, Any]:
    """Everything a template may show about one alert, as plain data (the sandbox sees no
    model objects)."""
    details = dict(alert.details or {})
    if alert.kind == "sync_failing" and "error" not in details:
        # detect.py keeps the latest error only in the English message.
        details["error"] = alert.message.partition("Latest error: ")[2]
    title = details.get("title") or (listing.title if listing else "") or ""
    view: dict[str, Any] = {
        "id": alert.id, "kind": alert.kind, "severity": alert.severity, "shop": shop,
        "listing_id": alert.listing_id, "title": title,
        "url": listing.url if listing else None, "link": deep_link(alert.id),
        "created": _local(alert.created_at, tz), "message": alert.message, "details": details,
        "notice": None,
    }
    if notice is not None:
        view["notice"] = {"kind": notice.kind, "points": notice.points,
                          "category": notice.category, "title": notice.title,
                          "deadline": _local(notice.appeal_deadline, tz),
                          "status": notice.status}
    if details.get("deadline"):
        details["deadline_local"] = _local(details["deadline"], tz)
    return view


def sections(views: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Views grouped by shop, then kind (in the product's kind order), for summaries and
    digests; the most severe kinds first within a shop."""
    shops: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for view in views:
        shops.setdefault(view["shop"], {}).setdefault(view["kind"], []).append(view)
    order = {kind: n for n, kind in enumerate(ALERT_KINDS)}
    out = []
    for shop, kinds in shops.items():
        rows = []
        for kind, items in kinds.items():
            worst = min(SEVERITY_RANK.get(v["severity"], 9) for v in items)
            rows.append((worst, order.get(kind, 99), kind, items))
        rows.sort(key=lambda r: r[:2])
        out.append({"name": shop, "count": sum(len(r[3]) for r in rows),
                    "kinds": [{"kind": kind, "count": len(items), "alerts": items}
                              for _, _, kind, items in rows]})
    return out


def _tidy_body(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _tidy_title(text: str) -> str:
    title = " ".join(str(text).split())
    return title if len(title) <= TITLE_LIMIT else title[: TITLE_LIMIT - 1] + "…"


class Renderer:
    """Renders messages; one per process is plenty (environments are cached per language)."""

    def __init__(self, profile: Path | None = None, shipped: Path | None = None) -> None:
        self._shipped = shipped or resources_dir() / "templates" / "notify"
        self._user = profile / "templates" / "notify" if profile else None
        self._envs: dict[tuple[str, bool], BoundedSandbox] = {}

    def _env(self, language: str, with_user: bool) -> BoundedSandbox:
        key = (language, with_user)
        if key not in self._envs:
            paths = []
            if with_user and self._user is not None:
                paths.append(str(self._user / language))
            paths.append(str(self._shipped / language))
            self._envs[key] = BoundedSandbox(
                loader=ChoiceLoader([FileSystemLoader(p, encoding="utf-8") for p in paths]),
                undefined=StrictUndefined, autoescape=False, trim_blocks=True,
                lstrip_blocks=True, keep_trailing_newline=True,
            )
            # the one vocabulary of alert kinds (shopwatch.alert_kinds), in this language
            self._envs[key].globals.update(
                kind_title=lambda kind: alert_kinds.title(kind, language),
                kind_next_step=lambda kind: (alert_kinds.SUMMARY_NEXT_STEP[language]
                                             if kind == "summary"
                                             else alert_kinds.next_step(kind, language)))
        return self._envs[key]

    def render(self, name: str, language: str, context: dict[str, Any]) -> Rendered:
        language = language if language in LANGUAGES else "en"
        context = {"max_lines": MAX_LINES, "section_lines": MAX_SECTION_LINES, **context}
        errors = []
        for with_user in ((True, False) if self._user is not None else (False,)):
            try:
                module = self._env(language, with_user).get_template(f"{name}.j2") \
                    .make_module(context)
                title = getattr(module, "title", "") or ""
                return Rendered(_tidy_title(title), _tidy_body(str(module)))
            except (TemplateError, LookupError, TypeError, ValueError, AttributeError,
                    ArithmeticError, OSError, RecursionError) as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
                where = "your" if with_user else "the shipped"
                log.warning("%s notification template %s/%s.j2 failed: %s", where, language,
                            name, exc)
        return _plain(name, context, "; ".join(errors))

    # The message shapes the dispatcher asks for.

    def alert(self, view: dict[str, Any], *, language: str) -> Rendered:
        return self.render("alert", language, {"alerts": [view], "a": view})

    def group(self, views: Sequence[dict[str, Any]], *, language: str) -> Rendered:
        first = views[0]
        return self.render("group", language, {
            "alerts": list(views), "kind": first["kind"], "shop": first["shop"],
            "count": len(views)})

    def summary(self, views: Sequence[dict[str, Any]], *, language: str) -> Rendered:
        return self.render("summary", language, {
            "alerts": list(views), "count": len(views), "sections": sections(views),
            "shops": sorted({v["shop"] for v in views})})

    def digest(
        self, views: Sequence[dict[str, Any]], *, language: str, now: datetime, tz: tzinfo,
    ) -> Rendered:
        return self.render("digest", language, {
            "alerts": list(views), "count": len(views), "sections": sections(views),
            "date": now.astimezone(tz).strftime("%Y-%m-%d"),
            "shops": sorted({v["shop"] for v in views})})

    def test(self, *, channel: str, language: str, now: datetime, tz: tzinfo) -> Rendered:
        return self.render("test", language, {
            "channel": channel, "now": now.astimezone(tz).strftime("%Y-%m-%d %H:%M")})


def _plain(name: str, context: dict[str, Any], error: str) -> Rendered:
    """Last resort when no template renders: the English detection messages, unformatted."""
    alerts = context.get("alerts") or []
    if name == "test":
        return Rendered("shopwatch test message",
                        f"shopwatch test message for {context.get('channel', '')}.\n")
    lines = [f"- [{a['severity']}] {a['shop']}: {a['message']} {a['link']}" for a in alerts]
    title = (f"shopwatch: {alerts[0]['message']}" if len(alerts) == 1
             else f"shopwatch: {len(alerts)} alerts")
    body = "\n".join(lines) + f"\n\n(The message template failed: {error})\n"
    return Rendered(_tidy_title(title), body)
