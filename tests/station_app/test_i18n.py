"""The message catalogue is complete in both languages and formats cleanly."""

from __future__ import annotations

import importlib
import pkgutil
import string

import station_app
from station_app.i18n import MESSAGES, set_language, tr


def _import_all() -> None:
    """Feature modules register their messages on import: load every one of them."""
    for mod in pkgutil.walk_packages(station_app.__path__, "station_app."):
        if not mod.name.endswith("__main__"):
            importlib.import_module(mod.name)


def test_every_message_has_both_languages_with_same_placeholders() -> None:
    _import_all()
    fmt = string.Formatter()
    for key, entry in MESSAGES.items():
        assert set(entry) == {"zh_CN", "en"}, key
        fields = [{f for _, f, _, _ in fmt.parse(entry[lang]) if f} for lang in ("zh_CN", "en")]
        assert fields[0] == fields[1], key


def test_chinese_by_default_english_on_request() -> None:
    set_language(None)
    assert tr("status.recorded") == "已登记"
    set_language("en")
    try:
        assert tr("status.recorded") == "Recorded"
    finally:
        set_language(None)
