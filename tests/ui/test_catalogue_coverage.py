"""Every string a seller reads is in the catalogue and shown in their language: Qt's lupdate
finds nothing new in shopwatch/ui (no string hides in an empty context or behind a helper
lupdate cannot see), the import dialogs, the notification settings tab and the appeal editor
show no English in Chinese, and every kind of sync failure has its own plain sentence."""

from __future__ import annotations

import ast
import re
import shutil
import sqlite3
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

from shopwatch.ui import i18n, labels
from shopwatch.ui.resources import i18n_dir

ROOT = Path(__file__).parents[2]
UI = ROOT / "shopwatch" / "ui"
LUPDATE = shutil.which("pyside6-lupdate") or str(ROOT / ".venv" / "bin" / "pyside6-lupdate")
#: Latin words a Chinese seller sees as they are (names, formats, the platform's own terms,
#: and "English" where a language is offered by its own name)
LATIN_OK = {"english", "shopwatch", "csv", "excel", "xlsx", "xls", "txt", "tsv", "gbk", "gb18030", "utf",
            "api", "app", "key", "id", "sessionkey", "sha", "url", "pdf", "docx", "webhook",
            "apprise", "top", "bom", "smtp", "mailto", "tmp", "rules"}
WORD = re.compile(r"[A-Za-z]{3,}")


def catalogue_messages(path: Path) -> list[tuple[str, str]]:
    root = ET.parse(path).getroot()
    return [(c.findtext("name") or "", m.findtext("source") or "")
            for c in root.iter("context") for m in c.iter("message")]


# --- extraction -----------------------------------------------------------------------------

def test_no_string_sits_in_an_empty_context():
    # QTranslator never finds an empty-context string: self.tr looks in the class's context.
    for ts in ("shopwatch_zh_CN.ts", "shopwatch_en.ts"):
        empty = [source for context, source in catalogue_messages(i18n_dir() / ts) if not context]
        assert empty == [], ts


def _bare_tr_calls(path: Path) -> list[str]:
    """Calls lupdate cannot place in a class context: ``tr("…")`` / ``_tr("…")`` by a bare
    name, or ``self.tr`` handed around as a function."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in ("tr", "_tr")):
            found.append(f"{path.name}:{node.lineno}: {node.func.id}()")
        if isinstance(node, ast.Call):
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                if (isinstance(arg, ast.Attribute) and arg.attr == "tr"
                        and isinstance(arg.value, ast.Name) and arg.value.id == "self"):
                    found.append(f"{path.name}:{node.lineno}: self.tr passed as an argument")
    return found


def test_ui_code_translates_only_in_ways_lupdate_extracts():
    problems = [p for path in sorted(UI.rglob("*.py")) for p in _bare_tr_calls(path)]
    assert problems == []


@pytest.mark.skipif(not Path(LUPDATE).exists(), reason="Qt's lupdate is not installed")
def test_the_catalogue_holds_every_string_of_the_ui(tmp_path):
    """lupdate over shopwatch/ui finds nothing that is not in the catalogue yet: the import
    dialogs, the notification settings tab and the appeal editor included."""
    copy = tmp_path / "check.ts"
    shutil.copy(i18n_dir() / "shopwatch_zh_CN.ts", copy)
    sources = [str(p) for p in sorted(UI.rglob("*.py"))]
    run = subprocess.run([LUPDATE, *sources, "-ts", str(copy), "-no-obsolete",
                          "-locations", "none"], capture_output=True, text=True, check=True)
    assert re.search(r"\(0 new and \d+ already existing\)", run.stdout + run.stderr), run.stdout
    contexts = {context for context, _ in catalogue_messages(copy)}
    for needed in ("ImportFileDialog", "PasteNoticeDialog", "NotifySettingsPage", "ChannelDialog",
                   "AppealsPage", "EvidenceForm", "FileListInput", "FileShopDialog"):
        assert needed in contexts


# --- no English left in Chinese ---------------------------------------------------------------

def shown_texts(root: QWidget, *, skip: tuple[QWidget, ...] = ()) -> list[str]:
    """The interface's own words in ``root``: labels, buttons, tabs, group titles, choices,
    placeholders and tooltips (not what the seller typed or the file holds). An error's
    tooltip is its technical detail, in English by design."""
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if any(widget is s or s.isAncestorOf(widget) for s in skip):
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QComboBox) and not widget.isEditable():
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            texts.append(widget.placeholderText())
        if widget.property("role") != "error":
            texts.append(widget.toolTip())
    texts.append(root.windowTitle())
    return [t for t in texts if t]


def english_words(texts: list[str]) -> list[str]:
    words = []
    for text in texts:
        text = re.sub(r"(?:/|[A-Za-z]:\\)[^\s，。]*|\S+\.(?:csv|xlsx|txt)\b|\w+@\w+", "", text)
        words += [w for w in WORD.findall(text) if w.lower() not in LATIN_OK]
    return words


@pytest.fixture
def chinese(qapp, qm_cache):
    translators = i18n.Translators(qm_cache)
    translators.apply(i18n.CHINESE)
    yield
    translators.apply(i18n.ENGLISH)


def _export(path: Path, header: str = "宝贝ID,宝贝标题,价格,库存,状态") -> Path:
    rows = "".join(f"6001234{i:05d},围巾{i},128.00,5,出售中\r\n" for i in range(4))
    path.write_bytes(("宝贝导出\r\n" + header + "\r\n" + rows).encode("gbk"))
    return path


def test_the_import_dialogs_speak_chinese(qtbot, chinese, db, profile, tmp_path):
    from shopwatch.store import queries
    from shopwatch.ui.dialogs.imports import ImportFileDialog, PasteNoticeDialog

    shop = queries.add_shop(db, "s", "file", now="2026-11-01T00:00:00+00:00")
    dialog = ImportFileDialog(profile / "shopwatch.db", shop, profile=profile,
                              path=_export(tmp_path / "items.csv"))
    qtbot.addWidget(dialog)
    assert dialog.field_boxes and dialog.import_button.isEnabled()
    assert english_words(shown_texts(dialog, skip=(dialog.table,))) == []
    # a file that needs a column chosen explains it in Chinese too
    dialog.path_edit.setText(str(_export(tmp_path / "odd.csv", "商品编码,宝贝标题,价格,库存,状态")))
    dialog.kind.setCurrentIndex(dialog.kind.findData("listings"))
    assert "宝贝 ID" in dialog.error.text() and "no listing_id column" in dialog.error.toolTip()
    assert english_words(shown_texts(dialog, skip=(dialog.table,))) == []
    dialog.close()

    paste = PasteNoticeDialog(profile / "shopwatch.db", shop, profile=profile)
    qtbot.addWidget(paste)
    paste.text.setPlainText("您的商品「真丝围巾」（ID: 600123400001）因涉嫌虚假交易被删除，"
                            "扣除一般违规积分12分。")
    paste.read()
    assert paste.kind.currentText() == "虚假交易"  # not the rule file's "… (false trading)"
    assert english_words(shown_texts(paste, skip=(paste.text,))) == []
    paste.close()


def test_a_failed_import_is_explained_in_chinese(qtbot, chinese, db, profile, tmp_path):
    from shopwatch.monitor import file_import
    from shopwatch.store import queries
    from shopwatch.ui.dialogs.imports import ImportFileDialog

    shop = queries.add_shop(db, "s", "file", now="2026-11-01T00:00:00+00:00")
    rows = "".join(f"6001234{i:05d},围巾{i},128.00,5,出售中\r\n" for i in range(40))
    (tmp_path / "all.csv").write_bytes(("宝贝ID,宝贝标题,价格,库存,状态\r\n" + rows).encode("gbk"))
    assert file_import.import_files(db, shop, [tmp_path / "all.csv"]).ok
    dialog = ImportFileDialog(profile / "shopwatch.db", shop, profile=profile,
                              path=_export(tmp_path / "page.csv"))
    qtbot.addWidget(dialog)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10_000)
    assert not dialog.result.ok and dialog.result.error_kind == "suspicious_drop"
    assert dialog.error.text() == labels.sync_error("suspicious_drop")
    assert "导出" in dialog.error.text() and "far fewer" in dialog.error.toolTip()
    assert english_words(shown_texts(dialog, skip=(dialog.table,))) == []
    dialog.close()


def test_the_notification_settings_tab_speaks_chinese(qtbot, session, chinese):
    from shopwatch.ui.pages.notify_settings import settings_tab

    title, page = settings_tab(session)
    qtbot.addWidget(page)
    assert title == "手机与邮件"
    assert english_words(shown_texts(page)) == []


def test_the_appeal_editor_speaks_chinese(qtbot, session, chinese):
    from shopwatch.ui.pages.appeals import AppealsPage

    page = AppealsPage(session.appeal_desk(), session.profile)
    qtbot.addWidget(page)
    assert page.notice_combo.count() > 0
    # notice captions and the notice's own text quote listing titles (some are English)
    skip = (page.notice_combo, page.notice_text, page.preview, page.editor)
    assert page.save_button.text() == "保存草稿"
    assert english_words(shown_texts(page, skip=skip)) == []


# --- sync failures in plain words -----------------------------------------------------------------

def _all_subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub} | _all_subclasses(sub)
    return found


def error_kinds() -> set[str]:
    """Every error_kind shopwatch code can record with a run (or a job can report)."""
    import shopwatch.connectors.files  # noqa: F401 - registers the file import errors
    import shopwatch.connectors.taobao  # noqa: F401
    from shopwatch.connectors.base import ConnectorError
    from shopwatch.monitor.sync import _describe_failure

    kinds = {ConnectorError.kind} | {c.kind for c in _all_subclasses(ConnectorError)}
    kinds |= {_describe_failure(sqlite3.OperationalError("disk full"))[1],
              _describe_failure(RuntimeError("bug"))[1],
              _describe_failure(sqlite3.DatabaseError("database disk image is malformed"))[1]}
    # written by SQL when an interrupted run is found; and the app's own outcomes
    assert "error_kind = 'interrupted'" in (ROOT / "shopwatch/store/queries/runs.py").read_text(
        encoding="utf-8")
    kinds |= {"interrupted", "config", "rules"}
    # every literal `kind = "…"` in the sources that record runs
    for folder in ("connectors", "monitor", "imports"):
        for path in (ROOT / "shopwatch" / folder).glob("*.py"):
            kinds |= set(re.findall(r'^\s+kind = "(\w+)"', path.read_text(encoding="utf-8"),
                                    re.MULTILINE))
    return kinds


def test_every_sync_error_kind_has_its_own_sentence(qapp, english):
    kinds = error_kinds()
    assert {"file", "suspicious_drop", "auth", "store", "internal", "corrupt"} <= kinds
    fallback = labels.sync_error("no-such-kind")
    sentences = {kind: labels.sync_error(kind) for kind in kinds}
    assert [k for k, s in sentences.items() if s == fallback] == []
    assert len(set(sentences.values())) == len(sentences)  # no two kinds share a sentence


def test_error_sentences_are_translated(qapp, chinese):
    for kind in error_kinds():
        sentence = labels.sync_error(kind)
        assert english_words([sentence]) == [], kind
