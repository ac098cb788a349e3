"""The appeal editor shows the letter formatted, never its Markdown markers, and what the
seller edits there comes back as the same letter: every built-in letter, in both languages,
survives the trip through the real editor (headings, bold, numbered and nested lists, line
breaks), and text that looks like markup stays text."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor

from shopwatch.appeals import markup
from shopwatch.appeals.context import LANGUAGES
from shopwatch.ui.widgets.letter_editor import LetterEditor, document_source

from .conftest import FULL_EVIDENCE, KINDS
from .test_appeal_templates import _letter


def _structure(source: str) -> list[tuple]:
    return [(b.kind, b.level, b.ordered, b.number,
             [list(markup.spans(line)) for line in b.lines]) for b in markup.parse(source)]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_every_builtin_letter_survives_the_formatted_editor(qtbot, library, shop_data, kind,
                                                            language):
    _info, letter = _letter(library, shop_data, kind, language, FULL_EVIDENCE)
    assert letter.complete
    editor = LetterEditor()
    qtbot.addWidget(editor)
    editor.set_source(letter.body)
    shown = editor.toPlainText()
    assert "**" not in shown and "\n#" not in "\n" + shown  # no markers on screen
    again = document_source(editor.document())
    assert _structure(again) == _structure(letter.body)
    assert markup.to_text(again) == markup.to_text(letter.body)


def test_untouched_letters_come_back_byte_for_byte_and_edits_are_composed(qtbot):
    source = "# Appeal\n\nDear team,\nline two\n\n1. first\n1. second\n  - detail\n"
    editor = LetterEditor()
    qtbot.addWidget(editor)
    editor.set_source(source)
    assert editor.source() == source  # exactly what was set, until the seller types
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertBlock()
    cursor.insertText("# not a heading, ** not bold")
    edited = editor.source()
    assert edited != source
    blocks = markup.parse(edited)
    assert [b.kind for b in blocks][:1] == ["heading"]
    assert markup.plain(blocks[-1].lines[-1]) == "# not a heading, ** not bold"
    while editor.document().isUndoAvailable():
        editor.undo()
    assert editor.source() == source  # every edit undone: untouched again


def test_ctrl_b_makes_the_selection_bold(qtbot):
    editor = LetterEditor()
    qtbot.addWidget(editor)
    editor.set_source("Please review order 123.\n")
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.toggle_bold()
    assert editor.source().startswith("**Please**")
