"""Translations: the .ts is complete, the .qm is committed, the window is Chinese by default
and English when chosen."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from ui.i18n import TRANSLATIONS, install_language

TS = TRANSLATIONS / "station_zh_CN.ts"


def _translated_text(translation: ET.Element) -> str:
    """The translation, or for plural (numerus) messages all their forms."""
    forms = [f.text or "" for f in translation.iter("numerusform")]
    return ("".join(forms) if forms else translation.text or "").strip()


def _untranslated(ts: Path) -> list[str | None]:
    return [
        m.findtext("source")
        for m in ET.parse(ts).iter("message")
        if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
        or not _translated_text(m.find("translation"))
    ]


def test_every_string_is_translated():
    messages = list(ET.parse(TS).iter("message"))
    assert len(messages) > 50
    assert _untranslated(TS) == []
    assert (TRANSLATIONS / "station_zh_CN.qm").stat().st_size > 1000


def test_the_translations_hold_every_string_of_the_code(tmp_path: Path):
    """A string changed in the code and not in the .ts shows in English: lupdate over the
    code (as scripts/update_translations.sh does) must find nothing new to translate."""
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    tool = str(lupdate) if lupdate.exists() else shutil.which("pyside6-lupdate")
    assert tool, "pyside6-lupdate (from PySide6) not found"
    ui = TRANSLATIONS.parent.parent / "ui"
    ts = tmp_path / "check.ts"
    shutil.copy(TS, ts)
    sources = sorted(str(p) for p in ui.rglob("*.py"))
    subprocess.run([tool, "-no-obsolete", *sources, "-ts", str(ts)], check=True,
                   capture_output=True)  # fmt: skip
    assert _untranslated(ts) == []


def _window(qtbot, ctx):
    from ui.main_window import MainWindow
    from ui.theme import UiSettings

    window = MainWindow(ctx, UiSettings(), "长寿路街道人民建议征集工作站")
    qtbot.addWidget(window)
    return window


def test_main_window_chinese_by_default_english_when_chosen(qtbot, ctx):
    window = _window(qtbot, ctx)
    nav = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert nav == [
        "登记建议",
        "建议列表",
        "待告知",
        "座谈会",
        "主动征集",
        "采纳与表彰",
        "统计报表",
        "与总部同步",
        "设置",
    ]  # a volunteer: no postbox, no operator management
    assert "操作员：李志愿（志愿者）" in window.who.text()
    assert window.entry.save_button.text() == "保存（Ctrl+S）"

    install_language("en")
    window = _window(qtbot, ctx)
    nav = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert nav == [
        "Record a suggestion",
        "Suggestions",
        "To inform",
        "Group sessions",
        "Campaigns",
        "Outcomes and awards",
        "Station figures",
        "Sync with HQ",
        "Settings",
    ]
    assert "Operator: 李志愿 (Volunteer)" in window.who.text()


def test_qt_standard_buttons_speak_the_ui_language(qtbot):
    """qt_zh_CN (a meta catalogue) failed to load silently, so every standard dialog said
    Yes/No/Cancel under a Chinese question; qtbase_zh_CN is what holds those words."""
    from PySide6.QtWidgets import QDialogButtonBox

    def texts() -> dict[str, str]:
        b = QDialogButtonBox.StandardButton
        box = QDialogButtonBox(b.Cancel | b.Close | b.Ok)
        qtbot.addWidget(box)
        return {
            name: box.button(getattr(b, name)).text().replace("&", "")
            for name in ("Cancel", "Close", "Ok")
        }

    assert texts() == {"Cancel": "取消", "Close": "关闭", "Ok": "确定"}
    install_language("en")
    assert texts() == {"Cancel": "Cancel", "Close": "Close", "Ok": "OK"}
