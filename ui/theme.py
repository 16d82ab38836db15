"""Look and settings of the window: the CJK font, the font scale for older volunteers, and
the small UI settings file (language, font scale, follow-up contact) in the data folder."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from station_app.atomic import replacing

log = logging.getLogger(__name__)

CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei")
FONT_SCALES = (1.0, 1.25, 1.5)
BASE_POINT_SIZE = 11.0
SETTINGS_FILE = "ui-settings.json"


@dataclass
class UiSettings:
    """What the settings screen changes; stored as JSON next to the database."""

    language: str = "zh_CN"
    font_scale: float = 1.0
    station_address: str = ""  # the station's phone is the station's (services.setup)

    @classmethod
    def load(cls, data_root: Path) -> UiSettings:
        path = data_root / SETTINGS_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable UI settings: %s", type(exc).__name__)
            return cls()
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in raw.items() if k in known})
        if settings.language not in ("zh_CN", "en"):
            settings.language = "zh_CN"
        if settings.font_scale not in FONT_SCALES:
            settings.font_scale = 1.0
        return settings

    def save(self, data_root: Path) -> None:
        """Atomic: temp file, fsync, replace; a crash leaves the old or the new file."""
        data_root.mkdir(parents=True, exist_ok=True)
        with replacing(data_root / SETTINGS_FILE) as tmp:
            tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), "utf-8")


def cjk_family() -> str | None:
    """The first installed CJK font, so Chinese renders on screen and in PDFs."""
    available = set(QFontDatabase.families())
    return next((f for f in CJK_FAMILIES if f in available), None)


RELATIVE_SIZE = "relativeFontSize"  # widget property: its font size as a share of the app's


def apply_font(app: QApplication, scale: float) -> None:
    """Set the application font (CJK family, scaled size). Every open window and dialog
    follows at once: the style sheet is applied again (a style sheet keeps the fonts widgets
    were polished with), headings keep their share of the new size (`relative_font`), and
    widgets that size themselves by the font redo it on their FontChange event."""
    font = QFont(app.font())
    family = cjk_family()
    if family:
        font.setFamilies([family])
    font.setPointSizeF(BASE_POINT_SIZE * scale)
    app.setFont(font)
    if app.styleSheet():
        app.setStyleSheet(app.styleSheet())
    for widget in app.allWidgets():
        factor = widget.property(RELATIVE_SIZE)
        if factor:
            _scale_font(widget, float(factor))


def relative_font(widget: QWidget, factor: float, *, bold: bool = False) -> None:
    """A heading or a big number: `factor` times the app's text size, now and after the
    volunteer changes the text size."""
    widget.setProperty(RELATIVE_SIZE, factor)
    if bold:
        font = widget.font()
        font.setBold(True)
        widget.setFont(font)
    _scale_font(widget, factor)


class _FontFollower(QObject):
    def __init__(self, widget: QWidget, fn: Callable[[], None]) -> None:
        super().__init__(widget)
        self.fn = fn
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FontChange:
            self.fn()
        return False


def follow_font(widget: QWidget, fn: Callable[[], None]) -> None:
    """Run `fn` (sizes measured in the widget's font: column widths, row heights) now and
    again whenever the widget's font changes, so a new text size applies at once."""
    fn()
    _FontFollower(widget, fn)


def _scale_font(widget: QWidget, factor: float) -> None:
    font = QFont(widget.font())
    font.setPointSizeF(QApplication.font().pointSizeF() * factor)
    widget.setFont(font)


TITLE_BAR = 40  # what the window frame and title take, beyond the size given to resize()


def fit_to_screen(window: QWidget) -> None:
    """Shrink a window's size to what its screen shows (a 1366x768 laptop is common at the
    stations); the content scrolls or wraps inside rather than running off the screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    room = screen.availableGeometry()
    window.resize(
        min(window.width(), room.width()), min(window.height(), room.height() - TITLE_BAR)
    )


STYLE = """
QLabel[role="error"] { color: #b00020; }
QLabel[role="hint"] { color: #555555; }
QListWidget#nav { background: #f4f1ec; border: none; }
QListWidget#nav::item { padding: 10px 14px; }
QListWidget#nav::item:selected { background: #c62828; color: white; }
QPushButton#dueBanner { background: #fff3e0; color: #8a3b00; border: 1px solid #e0a060;
  padding: 6px 12px; text-align: left; font-weight: bold; }
QPushButton#dueBanner:focus { border: 2px solid #8a3b00; }
"""


def apply_style(app: QApplication) -> None:
    app.setStyleSheet(STYLE)
