"""The lazy suggestion table model: keyset pages, stale results dropped, compact rows."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from station_app.demo import load_demo  # noqa: E402
from station_app.services.query import Filters  # noqa: E402
from ui.models.suggestion_table import Col, SuggestionTableModel  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture
def demo_station(station):
    load_demo(station, 120)
    return station


def loaded(model: SuggestionTableModel) -> bool:
    return not model.is_loading


def test_first_page_then_fetch_more_until_exhausted(qtbot, demo_station) -> None:
    model = SuggestionTableModel(demo_station, page_size=50)
    model.reload()
    qtbot.waitUntil(lambda: loaded(model) and model.rowCount() == 50)
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()  # a second call while a page is on its way is ignored
    qtbot.waitUntil(lambda: loaded(model) and model.rowCount() == 100)
    model.fetchMore()
    qtbot.waitUntil(lambda: loaded(model) and model.rowCount() == 120)
    assert not model.canFetchMore()
    ids = [model.suggestion_id(r) for r in range(120)]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 120
    qtbot.waitUntil(lambda: model.total == 120)
    assert isinstance(model.row_tuple(0), tuple)


def test_stale_page_and_count_are_dropped(qtbot, demo_station) -> None:
    model = SuggestionTableModel(demo_station, page_size=50)
    totals: list[int] = []
    model.total_changed.connect(totals.append)
    model.set_search(Filters(), "停")
    model.set_search(Filters(category_code="ELV"), "")
    qtbot.waitUntil(lambda: loaded(model) and model.total is not None)
    rows = [model.row_tuple(r) for r in range(model.rowCount())]
    assert rows and all(r[4] == "ELV" for r in rows)
    # only the last search's count arrived (besides the "counting" markers)
    assert [t for t in totals if t >= 0] == [model.total]


def test_display_uses_labels_and_category_names(qtbot, demo_station) -> None:
    model = SuggestionTableModel(demo_station)
    model.reload()
    qtbot.waitUntil(lambda: loaded(model) and model.rowCount() > 0)
    channel = model.index(0, Col.CHANNEL).data()
    status = model.index(0, Col.STATUS).data()
    assert channel in {"当面", "电话", "其他"} and status == "已登记"
    code = model.row_tuple(0)[4]
    assert model.index(0, Col.CATEGORY).data() not in ("", code)
    assert len(model.index(0, Col.DATE).data()) == 10


def test_empty_result(qtbot, demo_station) -> None:
    model = SuggestionTableModel(demo_station)
    model.set_search(Filters(), "火星")
    qtbot.waitUntil(lambda: loaded(model) and model.total == 0)
    assert model.rowCount() == 0 and not model.canFetchMore()
