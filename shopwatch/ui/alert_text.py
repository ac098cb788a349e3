"""What an alert says, in the UI language, rendered from its ``kind`` and ``details``.

The store's ``message`` is an English sentence for logs and the CLI; a Chinese-speaking seller
must read Chinese, so the GUI never shows it except for kinds this module does not know
(then the English text is better than nothing). Details keys: ``shopwatch.monitor.detect``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from shopwatch import alert_kinds
from shopwatch.models import Alert
from shopwatch.ui import fmt, i18n, labels

# Called by this name so Qt's lupdate finds every string: translate("Context", "text").
translate = QCoreApplication.translate

TITLE_LIMIT = 36


def short_title(details: dict[str, Any], fallback: str | None = None) -> str:
    title = str(details.get("title") or fallback or "")
    return title if len(title) <= TITLE_LIMIT else title[: TITLE_LIMIT - 1] + "…"


def _arg(text: str, *values: object) -> str:
    """Qt-style %1 %2 substitution (translators may reorder the placeholders)."""
    for i, value in reversed(list(enumerate(values, start=1))):
        text = text.replace(f"%{i}", str(value))
    return text


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def alert_text(alert: Alert) -> str:
    """One line saying what happened."""
    d = alert.details or {}
    kind = alert.kind
    title = short_title(d, alert.listing_id)
    if kind == "deleted":
        if d.get("confirmed", True):
            return _arg(translate("AlertText", "“%1” was deleted by the platform"), title)
        return _arg(translate("AlertText",
                              "“%1” disappeared from the shop; the platform has not said why"),
                    title)
    if kind == "violation_off_shelf":
        return _arg(translate("AlertText", "“%1” was delisted for a violation"), title)
    if kind == "seller_off_shelf":
        return _arg(translate("AlertText", "“%1” was moved to the warehouse"), title)
    if kind == "demoted":
        return _demoted(d, title)
    if kind == "new_penalty":
        return _penalty(d)
    if kind == "points_threshold":
        return _points(d)
    if kind == "appeal_deadline":
        notice = labels.notice_kind(str(d.get("kind") or "other"))
        return _arg(translate("AlertText", "“%1” notice: appeal by %2 (%3)"),
                    notice, fmt.datetime_text(d.get("deadline")),
                    fmt.relative_text(d.get("deadline")))
    if kind == "changed_by_platform":
        return _changed(d, title)
    if kind == "mass_disappearance":
        return _arg(translate("AlertText", "%1 of %2 listings (%3) disappeared at once"),
                    fmt.count_text(_int(d.get("gone"))), fmt.count_text(_int(d.get("before"))),
                    fmt.percent_text(float(d.get("share") or 0)))
    if kind == "sync_failing":
        return translate("AlertText", "The last %n sync(s) failed: the shop is not being watched",
                         None, _int(d.get("failed_runs")))
    return alert.message


def _demoted(d: dict[str, Any], title: str) -> str:
    measure = d.get("measure")
    if measure == "keyword_rank":
        return _arg(translate("AlertText", "Search demotion suspected: “%1” keyword rank %2 → %3"),
                    title, round(float(d.get("baseline") or 0)), round(float(d.get("recent") or 0)))
    if measure in ("visits", "impressions"):
        what = (translate("AlertText", "visits") if measure == "visits"
                else translate("AlertText", "impressions"))
        return _arg(translate("AlertText",
                              "Search demotion suspected: “%1” %2 −%3 vs the %4/day median"),
                    title, what, fmt.percent_text(float(d.get("drop") or 0)),
                    fmt.count_text(round(float(d.get("baseline") or 0))))
    return _arg(translate("AlertText", "“%1” is suppressed in search, according to the platform"),
                title)


def _penalty(d: dict[str, Any]) -> str:
    kind = labels.notice_kind(str(d.get("kind") or "other"))
    points = _int(d.get("points"))
    if not points:
        return _arg(translate("AlertText", "New penalty: %1"), kind)
    ledger = labels.ledger_short(str(d.get("category") or "general"))
    if d.get("next_threshold"):
        return _arg(translate("AlertText",
                              "New penalty: %1, −%2 points (%3 total %4, next threshold %5)"),
                    kind, points, ledger, _int(d.get("total")), _int(d.get("next_threshold")))
    return _arg(translate("AlertText", "New penalty: %1, −%2 points (%3 total %4)"),
                kind, points, ledger, _int(d.get("total")))


def _points(d: dict[str, Any]) -> str:
    ledger = labels.ledger(str(d.get("ledger") or "general"))
    total, threshold = _int(d.get("total")), _int(d.get("threshold"))
    if d.get("reached"):
        text = _arg(translate("AlertText", "%1: %2 points, threshold %3 reached"),
                    ledger, total, threshold)
    else:
        text = _arg(translate("AlertText", "%1: %2 points, %3 more reach %4"),
                    ledger, total, threshold - total, threshold)
    consequence = labels.consequence(str(d.get("consequence") or ""))
    if not consequence:
        return text
    return _arg(translate("AlertText", "%1. %2"), text, consequence)


def _changed(d: dict[str, Any], title: str) -> str:
    changes = d.get("changes") or {}
    parts = []
    if "title" in changes:
        parts.append(translate("AlertText", "title"))
    if "price" in changes:
        old, new = (list(changes["price"]) + [None, None])[:2]
        currency = d.get("currency") or "CNY"
        parts.append(_arg(translate("AlertText", "price %1 → %2"),
                          fmt.price_text(old, currency), fmt.price_text(new, currency)))
    what = translate("AlertText", ", ").join(parts) or translate("AlertText", "details")
    return _arg(translate("AlertText", "“%1”: %2 changed"), title, what)


def next_step(kind: str) -> str:
    """The recommended response, shown with the alert ("what to do next"), from the one
    vocabulary (``shopwatch.alert_kinds``)."""
    return alert_kinds.next_step(kind, i18n.current_language())
