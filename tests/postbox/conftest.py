"""Postbox fixtures: an encrypted station (so scans are stored as they are in use), a
scanner, small rendered letters in the formats a scanner writes, and an open collection."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from station_app.clock import CHINA_TZ, FixedClock
from station_app.postbox.collections import CollectionInfo, open_collection
from station_app.store import Station
from station_app.store.models import Operator
from tests.ocr import letters

# small pages: tesseract reads them in about a second each
WIDTH = 700


@pytest.fixture
def station(tmp_path: Path, clock: FixedClock) -> Iterator[Station]:
    """Like the shared fixture, but with a data key: the database and every stored scan are
    encrypted, as on a real station."""
    st = Station.open(tmp_path / "data", clock=clock, key=os.urandom(32))
    yield st
    st.close()


@pytest.fixture
def collection(station: Station, scanner: Operator) -> CollectionInfo:
    return open_collection(
        station,
        scanner,
        postbox_code="PT-CSL01-A",
        opened_at=dt.datetime(2026, 11, 25, 8, 0, tzinfo=CHINA_TZ),
        witness="王管理",
        letter_count=2,
    )


@pytest.fixture(scope="session")
def first_page() -> Image.Image:
    return letters.render_letter(width=WIDTH)


@pytest.fixture(scope="session")
def second_page() -> Image.Image:
    return letters.render_letter(letters.SECOND_TITLE, letters.SECOND_BODY, width=WIDTH)


@pytest.fixture
def letter_png(tmp_path: Path, first_page: Image.Image) -> Path:
    path = tmp_path / "in" / "letter1.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    first_page.save(path)
    return path
