"""Shared by the postbox screen and review tests: a scanner logged in, a collection opened
through the service, real rendered letters on disk, and waiting for an import to end.

Test modules take the fixtures with `from tests.ui.postbox_helpers import *`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from station_app.clock import CHINA_TZ
from station_app.postbox.collections import CollectionInfo, open_collection
from station_app.store import Station
from station_app.store.models import Operator
from tests.ocr import letters

__all__ = ["letter_files", "scanner_ctx"]  # the fixtures a star import brings

OPENED = dt.datetime(2026, 11, 25, 9, 0, tzinfo=CHINA_TZ)
IMPORT_TIMEOUT_MS = 90_000


@pytest.fixture
def scanner_ctx(station: Station, scanner: Operator):
    from ui.context import AppContext

    return AppContext(station=station, operator=scanner)


@pytest.fixture(scope="session")
def letter_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Four different rendered letters (PNG); the first two are the known test letters."""
    folder = tmp_path_factory.mktemp("letters")
    bodies = [
        (letters.TITLE, letters.BODY),
        (letters.SECOND_TITLE, letters.SECOND_BODY),
        (
            "关于路灯维修的建议",
            ["小区门口的路灯坏了两个月，", "晚上出行很不方便。", "2026年11月8日"],
        ),
        (
            "关于垃圾分类的建议",
            ["希望增加一个湿垃圾投放点，", "方便老年人就近投放。", "2026年11月9日"],
        ),
    ]
    out = []
    for i, (title, body) in enumerate(bodies, 1):
        path = folder / f"letter{i}.png"
        letters.render_letter(title, body).save(path)
        out.append(path)
    return out


def open_pb(station: Station, actor: Operator, count: int = 2) -> CollectionInfo:
    return open_collection(
        station, actor, postbox_code="PB-01", opened_at=OPENED, witness="钱见证", letter_count=count
    )


def use_tesseract(panel) -> None:
    """The tests read with tesseract (the fallback engine, installed from Debian)."""
    panel.engine.setCurrentIndex(panel.engine.findData("tesseract"))
    assert panel.engine_name() == "tesseract"


def wait_import(qtbot, panel) -> None:
    qtbot.waitUntil(lambda: not panel.running, timeout=IMPORT_TIMEOUT_MS)


def show_screen(qtbot, ctx):
    from ui.screens.postbox import PostboxScreen

    screen = PostboxScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1300, 850)
    screen.show()
    screen.activateWindow()
    qtbot.waitUntil(lambda: screen.loaded_once)
    return screen
