"""Loading the UI language: our station_zh_CN.qm plus Qt's own (standard buttons), and the
matching language for station_app's message catalogue (errors, validation messages).

Source strings are English; zh_CN is the default language.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from station_app.i18n import set_language

log = logging.getLogger(__name__)

TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"
LANGUAGES = ("zh_CN", "en")
_installed: list[QTranslator] = []


def install_language(lang: str) -> None:
    """Switch the whole UI (and service messages) to `lang`; widgets made after this call
    show it. Call before building windows, or rebuild them after a change."""
    app = QCoreApplication.instance()
    assert app is not None, "create the QApplication first"
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    set_language(lang)
    if lang == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    ours = QTranslator(app)
    if ours.load(str(TRANSLATIONS / f"station_{lang}.qm")):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("translation %s not found", lang)
    # Qt's own words (standard buttons, file and print dialogs) are in qtbase_*; qt_* is a
    # meta catalogue that loads nothing when one of the catalogues it names is missing, as in
    # the PySide6 wheels (no qtmultimedia), and that failure was silent
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    else:
        log.warning("Qt's own translation qtbase_%s not found", lang)
