"""The Linux bundle's ICU data keeps root, English and Chinese locale data and everything
shared; other languages' locale items, transliterators, converters for charsets nobody here
asks for, and break iterators (which Qt does not use) go (packaging/icu_data.py)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import bundle_policy as policy
import pytest


@pytest.mark.parametrize("item", [
    "root.res", "en.res", "en_US_POSIX.res", "zh_Hans_CN.res", "coll/zh.res", "coll/root.res",
    "icudt73l/curr/zh_Hant_TW.res", "lang/en_GB.res", "zone/zh.res", "pool.res",
    "res_index.res", "coll/res_index.res", "supplementalData.res", "zoneinfo64.res",
    "metaZones.res", "cnvalias.icu", "gb18030.cnv", "windows-936-2000.cnv",
    "windows-950-2000.cnv", "uprops.icu", "nfkc.nrm", "unames.icu",
])
def test_shared_english_and_chinese_items_stay(item: str) -> None:
    assert policy.keep_icu_item(item)


@pytest.mark.parametrize("item", [
    "de.res", "af_NA.res", "coll/de__PHONEBOOK.res", "coll/de_.res", "icudt73l/curr/fr.res",
    "yue_Hant.res", "rbnf/ja.res", "zone/ff_Adlm_GN.res", "translit/Han_Latin.res",
    "brkitr/ja.res", "brkitr/cjdict.dict", "brkitr/word.brk", "brkitr/zh.res",
    "ibm-37_P100-1995.cnv", "euc-jp-2007.cnv", "icudt73l/ibm-1047_P100-1995.cnv",
])
def test_other_languages_and_transliterators_go(item: str) -> None:
    assert not policy.keep_icu_item(item)


def test_break_iterators_stay_when_something_uses_them() -> None:
    for item in ("brkitr/cjdict.dict", "brkitr/line.brk", "brkitr/zh.res"):
        assert policy.keep_icu_item(item, break_iterators=True)
    assert not policy.keep_icu_item("brkitr/ja.res", break_iterators=True)


def test_the_functions_qt_takes_from_icu_are_found(tmp_path: Path) -> None:
    import icu_data

    source = _qt_lib()
    if source is None or icu_data.missing_tools():
        pytest.skip("PySide6's own ICU or the tools (readelf, icupkg, cc) are missing")
    used = icu_data.icu_functions_used(source.parents[2])
    # QCollator and QTimeZone go through ICU; whether break rules stay follows from ubrk_
    assert {"ucol_open", "ucal_getTimeZoneDisplayName", "ucnv_open"} <= used


def _qt_lib() -> Path | None:
    try:
        import PySide6
    except ImportError:
        return None
    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    return found[0] if found else None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux wheels carry ICU")
def test_the_filtered_library_gives_qt_the_same_answers(tmp_path: Path) -> None:
    import icu_data

    source = _qt_lib()
    if source is None or icu_data.missing_tools():
        pytest.skip("PySide6's own ICU or the tools (readelf, icupkg, cc) are missing")
    library = tmp_path / source.name
    shutil.copyfile(source, library)
    # filtered as the build filters it
    uses_breaks = any(name.startswith("ubrk_")
                      for name in icu_data.icu_functions_used(source.parents[2]))
    old, new = icu_data.filter_library(library, break_iterators=uses_breaks)
    assert new < old * 0.6
    code = (
        "from PySide6.QtCore import QCollator, QDate, QLocale, QTimeZone\n"
        "for name in ('zh_CN', 'en_US'):\n"
        "    loc = QLocale(name)\n"
        "    print(loc.toString(QDate(2026, 12, 3), QLocale.FormatType.LongFormat),\n"
        "          sorted(['张三', '李四', '王五', 'apple', 'Banana'], key=QCollator(loc).sortKey),\n"
        "          loc.toCurrencyString(1234.5))\n"
        "print(QTimeZone(b'Asia/Shanghai').displayName(QDate(2026, 1, 1).startOfDay(),\n"
        "      QTimeZone.NameType.LongName, QLocale('zh_CN')))\n"
        # where Chinese and English text may break into lines, as Qt lays it out
        "from PySide6.QtCore import QTextBoundaryFinder as F\n"
        "text = '违规处理通知：您的商品因涉嫌虚假交易被下架。Appeal within 7 days, please.'\n"
        "f = F(F.BoundaryType.Line, text)\n"
        "breaks = []\n"
        "while (p := f.toNextBoundary()) != -1:\n"
        "    breaks.append(p)\n"
        "print(breaks)\n"
        "w = F(F.BoundaryType.Word, text)\n"
        "words = []\n"
        "while (p := w.toNextBoundary()) != -1:\n"
        "    words.append(p)\n"
        "print(words, QLocale('tr_TR').toUpper('istanbul'), QLocale('en_US').toUpper('straße'))\n"
        # legacy Chinese charsets: ICU's converter for each opens (ucnv_open loads its table)
        "from PySide6.QtCore import QStringDecoder\n"
        "for name in ('GB18030', 'GBK', 'GB2312', 'Big5', 'Big5-HKSCS', 'windows-1252'):\n"
        "    print(name, QStringDecoder(name).isValid())\n")
    full = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True).stdout
    # the filtered library takes the place of the wheel's: its symbol is bound first
    import os
    env = {**os.environ, "LD_PRELOAD": str(library), "QT_QPA_PLATFORM": "offscreen"}
    filtered = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=120, check=True, env=env).stdout
    assert "李四" in full and "中国标准时间" in full
    assert "GB18030 True" in full and "Big5 True" in full
    assert filtered == full
