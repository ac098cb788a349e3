"""One vocabulary: every alert kind has a title, a description and a next step in both
languages, and the CLI, the desktop app and the notification templates all say the same."""

from __future__ import annotations

import re

import pytest

from shopwatch import alert_kinds
from shopwatch.models import ALERT_KINDS


@pytest.mark.parametrize("language", alert_kinds.LANGUAGES)
def test_every_kind_is_worded_in_every_language(language):
    for kind in ALERT_KINDS:
        words = alert_kinds.words(kind, language)
        assert words.title and words.description and words.next_step, (kind, language)
    titles = [alert_kinds.title(k, language) for k in ALERT_KINDS]
    assert len(set(titles)) == len(titles)  # no two kinds share a name


def test_chinese_words_use_chinese_punctuation():
    for kind in ALERT_KINDS:
        words = alert_kinds.words(kind, alert_kinds.CHINESE)
        text = words.title + words.description + words.next_step
        assert re.search(r"[\u4e00-\u9fff]", text), kind
        assert not re.search(r"[,;:](?=\s|$)|\.$", text), (kind, text)


def test_the_notification_templates_use_the_same_words():
    from shopwatch.notify.render import Renderer

    renderer = Renderer()
    for language in alert_kinds.LANGUAGES:
        for kind in ALERT_KINDS:
            env = renderer._env(language, False)
            module = env.from_string(
                '{% import "_kinds.j2" as k %}{{ k.kind_label(kind) }}|{{ k.advice(kind) }}'
            ).render(kind=kind)
            words = alert_kinds.words(kind, language)
            assert module == f"{words.title}|{words.next_step}", (language, kind)


def test_the_desktop_app_uses_the_same_words(qapp):
    from shopwatch.ui import alert_text, i18n, labels
    from shopwatch.ui.pages.notify_settings import kind_label

    translators = i18n.Translators(None)
    try:
        for language in alert_kinds.LANGUAGES:
            translators.apply(language)
            for kind in ALERT_KINDS:
                words = alert_kinds.words(kind, language)
                assert labels.alert_kind(kind) == words.title
                assert alert_text.next_step(kind) == words.next_step
                assert kind_label(kind) == words.description
    finally:
        translators.apply(i18n.ENGLISH)


def test_the_cli_table_names_kinds_the_same_way(db, profile, capsys):
    from shopwatch.cli import main
    from shopwatch.models import AlertDraft
    from shopwatch.store import queries
    from shopwatch.timeutil import iso, now_utc

    shop = queries.add_shop(db, "s", "taobao", now=iso(now_utc()),
                            endpoint="http://127.0.0.1:1/x", app_key="k")
    run_id = queries.start_run(db, shop.id, iso(now_utc()))
    queries.insert_alerts(db, shop.id, [AlertDraft("mass_disappearance", "critical", "m:1",
                                                   "half the shop is gone")],
                          run_id=run_id, now=iso(now_utc()))
    assert main(["--data-dir", str(profile), "alerts"]) == 0
    assert alert_kinds.title("mass_disappearance") in capsys.readouterr().out
