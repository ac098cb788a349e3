"""The appeal letter as formatted text the seller edits directly (headings, bold, lists),
never its Markdown markers. The letter's source stays the Markdown subset of
``appeals.markup`` (what is stored and exported): ``source()`` returns the text set last while
the seller has not touched it, and a faithful re-composition of the document once they have."""

from __future__ import annotations

from PySide6.QtGui import (
    QFont,
    QKeySequence,
    QShortcut,
    QTextCharFormat,
    QTextDocument,
    QTextListFormat,
)
from PySide6.QtWidgets import QTextEdit

from shopwatch.appeals import markup

_ORDERED_STYLES = {
    QTextListFormat.Style.ListDecimal, QTextListFormat.Style.ListLowerAlpha,
    QTextListFormat.Style.ListUpperAlpha, QTextListFormat.Style.ListLowerRoman,
    QTextListFormat.Style.ListUpperRoman,
}


def document_source(document: QTextDocument) -> str:
    """The Markdown-subset source of a rich-text document, through ``markup.compose``."""
    blocks: list[markup.RichBlock] = []
    block = document.begin()
    while block.isValid():
        runs: list[tuple[str, bool]] = []
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.isValid():
                weight = fragment.charFormat().fontWeight()
                runs.append((fragment.text(), weight >= QFont.Weight.DemiBold))
            fragments += 1
        heading = block.blockFormat().headingLevel()
        text_list = block.textList()
        if text_list is not None:
            fmt = text_list.format()
            blocks.append(markup.RichBlock(
                "item", runs, level=2 if fmt.indent() >= 2 else 1,
                ordered=fmt.style() in _ORDERED_STYLES,
                number=fmt.start() + text_list.itemNumber(block)))
        elif heading:
            blocks.append(markup.RichBlock("heading", runs, level=heading))
        else:
            blocks.append(markup.RichBlock("paragraph", runs))
        block = block.next()
    return markup.compose(blocks)


class LetterEditor(QTextEdit):
    """Formatted editing of a letter: Ctrl+B toggles bold; pasted text arrives plain."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)  # a paste from a web page must not bring its styles
        self._source = ""
        QShortcut(QKeySequence.StandardKey.Bold, self, self.toggle_bold)

    def set_source(self, source: str) -> None:
        self._source = source
        self.setHtml(markup.to_html(source) if source.strip() else "")
        self.document().setModified(False)

    def source(self) -> str:
        """The letter's Markdown-subset source: the text set last, exactly, until the seller
        edits it (undoing every edit counts as untouched)."""
        if not self.document().isModified():
            return self._source
        return document_source(self.document())

    def toggle_bold(self) -> None:
        if self.isReadOnly():
            return
        fmt = QTextCharFormat()
        bold = self.fontWeight() < QFont.Weight.DemiBold
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        self.textCursor().mergeCharFormat(fmt)
        self.mergeCurrentCharFormat(fmt)
