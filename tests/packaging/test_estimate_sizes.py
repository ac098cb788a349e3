"""The Windows/macOS size estimate (packaging/estimate_sizes.py) counts the files of those
platforms' PySide6 wheels that the bundle would carry: the Qt modules and libraries the Linux
bundle has, the plugins and translations bundle_policy keeps, the C++ runtime, and nothing of
QML, OpenGL's software renderer or modules the app does not import."""

from __future__ import annotations

import estimate_sizes
import pytest

MODULES = {"QtCore", "QtGui", "QtWidgets", "QtSvg", "QtPrintSupport"}
QT_LIBS = {"Core", "Gui", "Widgets", "Svg", "DBus"}


@pytest.mark.parametrize("name", [
    "PySide6/Qt6Core.dll", "PySide6/Qt6Widgets.dll", "PySide6/QtCore.pyd",
    "PySide6/QtWidgets.abi3.so", "PySide6/Qt/lib/QtGui.framework/Versions/A/QtGui",
    "PySide6/Qt/lib/QtCore.framework/Versions/A/Resources/Info.plist",
    "PySide6/plugins/platforms/qwindows.dll", "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
    "PySide6/plugins/imageformats/qjpeg.dll", "PySide6/translations/qtbase_zh_CN.qm",
    "PySide6/msvcp140.dll", "PySide6/vcruntime140_1.dll", "PySide6/pyside6.abi3.dll",
    "PySide6/libpyside6.abi3.6.11.dylib", "shiboken6/shiboken6.abi3.dll",
])
def test_what_the_bundle_carries_is_counted(name: str) -> None:
    assert estimate_sizes._qt_file_kept(name, MODULES, QT_LIBS)


@pytest.mark.parametrize("name", [
    "PySide6/Qt6Quick.dll", "PySide6/Qt6Network.dll", "PySide6/QtQml.pyd",
    "PySide6/QtNetwork.abi3.so", "PySide6/opengl32sw.dll", "PySide6/d3dcompiler_47.dll",
    "PySide6/Qt/lib/QtQuick.framework/Versions/A/QtQuick",
    "PySide6/Qt/lib/QtCore.framework/Versions/A/Headers/qglobal.h",
    "PySide6/plugins/sqldrivers/qsqlite.dll", "PySide6/translations/qtbase_de.qm",
    "PySide6/qml/QtQuick/Controls/qmldir", "PySide6/pyside6qml.abi3.dll",
    "PySide6/QtCore.pyi", "PySide6/designer.exe",
])
def test_what_it_leaves_out_is_not(name: str) -> None:
    assert not estimate_sizes._qt_file_kept(name, MODULES, QT_LIBS)


def test_extension_modules_match_across_platforms() -> None:
    assert estimate_sizes._stem("lxml/etree.cpython-311-x86_64-linux-gnu.so") == \
        estimate_sizes._stem("lxml/etree.cp311-win_amd64.pyd") == "lxml/etree"
