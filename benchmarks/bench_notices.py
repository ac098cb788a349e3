"""Reading pasted notices, measured: the parser against the notice corpus in
``tests/imports/notice_corpus/corpus.json`` (65 notices in the styles sellers receive, each with
the fields a correct reading gives). One figure per field: the share of the corpus on which
that field is exactly right. Goal: ≥ 95 % for each (issue 13). The same for ``holdout.json``,
notices written after the parser was tuned to the corpus (no goal: a check that it generalises)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from benchmarks.harness import Figure
from shopwatch.imports.notice_text import parse_notice_text
from shopwatch.monitor.rules import load_rules

FOLDER = Path(__file__).resolve().parent.parent / "tests" / "imports" / "notice_corpus"
CORPUS = FOLDER / "corpus.json"
#: 15 notices written after the parser was tuned to the corpus, and not tuned to
HOLDOUT = FOLDER / "holdout.json"
FIELDS = ("kind", "points", "ledger", "listings", "deadline")
GOAL_PERCENT = 95.0
#: pasted Amazon e-mails and Account Health messages (issue 17), read with the Amazon rule
#: data; and 10 held out from tuning
AMAZON = FOLDER / "amazon.json"
AMAZON_HOLDOUT = FOLDER / "amazon_holdout.json"
AMAZON_FIELDS = ("kind", "listings", "complaint_id", "rights_owner", "account_status",
                 "deadline")


def read(parsed) -> dict[str, Any]:
    """The corpus's fields from a parsed notice (``ledger`` is the parser's ``category``)."""
    data = parsed.as_dict()
    return {"kind": data["kind"], "points": data["points"], "ledger": data["category"],
            "listings": list(data.get("listing_ids") or
                             ([data["listing_id"]] if data["listing_id"] else [])),
            "deadline": data["appeal_deadline"]}


def _score(path: Path, platform: str, fields, reader
           ) -> tuple[dict[str, int], int, list[tuple[str, str, Any, Any]]]:
    """Read every entry of the corpus at ``path`` with ``platform``'s notice kinds; (right
    answers per field, corpus size, every miss as (entry, field, got, expected))."""
    corpus = json.loads(path.read_text(encoding="utf-8"))
    now = datetime.fromisoformat(corpus["now"])
    kinds = load_rules(platform).notice_kinds
    right = dict.fromkeys(fields, 0)
    misses = []
    for entry in corpus["entries"]:
        got = reader(parse_notice_text(entry["text"], kinds=kinds, now=now))
        for name in fields:
            if got[name] == entry["expected"][name]:
                right[name] += 1
            else:
                misses.append((entry["id"], name, got[name], entry["expected"][name]))
    return right, len(corpus["entries"]), misses


def evaluate(path: Path = CORPUS) -> tuple[dict[str, int], int, list[tuple[str, str, Any, Any]]]:
    """(right answers per field, corpus size, every miss as (entry, field, got, expected))."""
    return _score(path, "taobao", FIELDS, read)


def read_amazon_fields(parsed) -> dict[str, Any]:
    data = parsed.as_dict()
    amazon = data.get("amazon") or {}
    return {"kind": data["kind"], "listings": list(data["listing_ids"]),
            "complaint_id": amazon.get("complaint_id"),
            "rights_owner": amazon.get("rights_owner"),
            "account_status": amazon.get("account_status"),
            "deadline": data["appeal_deadline"]}


def evaluate_amazon(path: Path = AMAZON
                    ) -> tuple[dict[str, int], int, list[tuple[str, str, Any, Any]]]:
    """The same as ``evaluate`` for the Amazon corpus and its fields."""
    return _score(path, "amazon", AMAZON_FIELDS, read_amazon_fields)


def _figures(title: str, fields: tuple[str, ...], result, goal: float | None) -> list[Figure]:
    right, total, misses = result
    out = []
    for name in fields:
        wrong = [m[0] for m in misses if m[1] == name]
        out.append(Figure(
            f"{title}: {name} right", 100.0 * right[name] / total, "%",
            goal=goal, goal_on="value", at_least=True,
            note=f"{right[name]} of {total} notices" + (
                f"; wrong: {', '.join(wrong[:6])}" + ("…" if len(wrong) > 6 else "")
                if wrong else "")))
    return out


def run() -> list[Figure]:
    figures = []
    for title, path, goal in (("notice corpus", CORPUS, GOAL_PERCENT),
                              ("held-out notices", HOLDOUT, None)):
        right, total, misses = evaluate(path)
        for name in FIELDS:
            wrong = [m[0] for m in misses if m[1] == name]
            figures.append(Figure(
                f"{title}: {name} right", 100.0 * right[name] / total, "%",
                goal=goal, goal_on="value", at_least=True,
                note=f"{right[name]} of {total} notices" + (
                    f"; wrong: {', '.join(wrong[:6])}" + ("…" if len(wrong) > 6 else "")
                    if wrong else "")))
    figures += _figures("Amazon messages", AMAZON_FIELDS, evaluate_amazon(AMAZON),
                        GOAL_PERCENT)
    figures += _figures("held-out Amazon messages", AMAZON_FIELDS,
                        evaluate_amazon(AMAZON_HOLDOUT), None)
    return figures


if __name__ == "__main__":
    _, _, found = evaluate()
    for miss in found:
        print(*miss, sep=" | ")
