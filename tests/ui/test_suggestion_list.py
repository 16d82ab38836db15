"""The suggestion list screen, driven by keyboard and mouse like a volunteer would."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QDate, QEvent, Qt  # noqa: E402
from PySide6.QtGui import QInputMethodEvent, QKeyEvent  # noqa: E402

from station_app.demo import load_demo  # noqa: E402
from station_app.services.common import first_admin  # noqa: E402
from station_app.services.forms import SuggesterForm, SuggestionForm  # noqa: E402
from station_app.services.suggestions import record_suggestion  # noqa: E402
from station_app.store import Station  # noqa: E402
from ui.context import AppContext, Change  # noqa: E402
from ui.models.suggestion_table import PAGE_SIZE, Col  # noqa: E402
from ui.screens.suggestion_detail import SuggestionDetailDialog  # noqa: E402
from ui.screens.suggestion_list import SuggestionListScreen  # noqa: E402

pytestmark = pytest.mark.gui

KNOWN_TITLE = "锦绣苑停车棚太挤"
KNOWN_PHONE = "13812345678"


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo station for the module (300 demo rows + a known suggestion); tests only read."""
    data = tmp_path_factory.mktemp("list") / "data"
    st = Station.open(data)
    load_demo(st, 300)
    with st.db.read() as s:
        admin = first_admin(s)
    record_suggestion(
        st,
        admin,
        SuggestionForm(
            category_code="PRK",
            title=KNOWN_TITLE,
            content="锦绣苑小区非机动车棚太挤，建议扩建并加装充电桩。",
            location="锦绣苑3号门",
            suggester=SuggesterForm(
                name="赵丽华",
                phone=KNOWN_PHONE,
                address="普陀区长寿路100弄5号",
                consent_given=True,
            ),
        ),
    )
    st.close()
    return data


@pytest.fixture
def ctx(demo_dir: Path) -> AppContext:
    st = Station.open(demo_dir)
    with st.db.read() as s:
        admin = first_admin(s)
    yield AppContext(station=st, operator=admin)
    st.close()


@pytest.fixture
def screen(qtbot, ctx: AppContext) -> SuggestionListScreen:
    w = SuggestionListScreen(ctx)
    qtbot.addWidget(w)
    w.resize(1200, 600)
    w.show()
    qtbot.waitUntil(lambda: w.model.rowCount() > 0 and not w.model.is_loading)
    return w


def wait_idle(qtbot, w: SuggestionListScreen) -> None:
    qtbot.waitUntil(lambda: not w._debounce.isActive() and not w.model.is_loading, timeout=5000)


def ime_type(widget, word: str, pinyin: str = "pinyin") -> None:
    """Type `word` as a Chinese IME does: a pre-edit (pinyin) string, then one commit.

    (QTest.keyClicks asserts on non-ASCII characters, and an IME sends commits, not keys.)
    """
    widget.setFocus()
    QCoreApplication.sendEvent(widget, QInputMethodEvent(pinyin, []))
    commit = QInputMethodEvent()
    commit.setCommitString(word)
    QCoreApplication.sendEvent(widget, commit)


def key_type(widget, text: str) -> None:
    """Type `text` character by character as key presses carrying the character."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QCoreApplication.sendEvent(widget, event)


def titles(w: SuggestionListScreen) -> list[str]:
    m = w.model
    return [m.index(r, Col.TITLE).data() for r in range(m.rowCount())]


def test_opens_with_first_page_only_and_counts(qtbot, screen: SuggestionListScreen) -> None:
    assert screen.model.rowCount() == PAGE_SIZE
    qtbot.waitUntil(lambda: screen.model.total == 301)
    assert "301" in screen.summary.text()
    assert screen.model.index(0, Col.TITLE).data() == KNOWN_TITLE  # newest first
    assert screen.model.index(0, Col.CATEGORY).data() != "PRK"  # category name, not code


def test_two_character_search_typed_finds_and_highlights(qtbot, screen) -> None:
    key_type(screen.search, "锦绣")
    wait_idle(qtbot, screen)
    assert titles(screen) == [KNOWN_TITLE]
    assert screen.delegate.query == "锦绣"
    assert screen.delegate.spans(KNOWN_TITLE) == [(0, 2)]
    location = screen.model.index(0, Col.LOCATION).data()
    assert screen.delegate.spans(location) == [(0, 2)]
    qtbot.waitUntil(lambda: screen.model.total == 1)
    screen.table.viewport().grab()  # paints the highlighted cells without errors


def test_common_two_character_query(qtbot, screen) -> None:
    ime_type(screen.search, "停车", "tingche")
    assert screen.search.text() == "停车"
    wait_idle(qtbot, screen)
    found = screen.model.rowCount()
    assert 0 < found <= PAGE_SIZE
    assert KNOWN_TITLE in titles(screen)


def test_one_character_query(qtbot, screen) -> None:
    ime_type(screen.search, "棚", "peng")
    wait_idle(qtbot, screen)
    assert titles(screen) == [KNOWN_TITLE]


def test_no_match_shows_empty_state_and_esc_clears(qtbot, screen) -> None:
    ime_type(screen.search, "火星基地", "huoxingjidi")
    wait_idle(qtbot, screen)
    qtbot.waitUntil(lambda: screen.stack.currentWidget() is screen.empty)
    qtbot.keyClick(screen.search, Qt.Key.Key_Escape)
    assert screen.search.text() == ""
    wait_idle(qtbot, screen)
    assert screen.model.rowCount() == PAGE_SIZE
    assert screen.stack.currentWidget() is screen.table


def test_filters_narrow_results(qtbot, screen) -> None:
    bar = screen.filter_bar
    qtbot.waitUntil(lambda: bar.category.count() > 1)
    bar.category.setCurrentIndex(bar.category.findData("PRK"))
    wait_idle(qtbot, screen)
    qtbot.waitUntil(lambda: screen.model.total is not None)
    prk_total = screen.model.total
    assert 0 < prk_total < 301
    assert all(screen.model.row_tuple(r)[4] == "PRK" for r in range(screen.model.rowCount()))
    bar.channel.setCurrentIndex(bar.channel.findData("phone"))
    wait_idle(qtbot, screen)
    qtbot.waitUntil(lambda: screen.model.total is not None)
    assert screen.model.total < prk_total
    assert all(screen.model.row_tuple(r)[3] == "phone" for r in range(screen.model.rowCount()))
    # a date range that ends before everything was received: nothing
    bar.date_to.setDate(QDate(2001, 1, 1))
    wait_idle(qtbot, screen)
    assert screen.model.rowCount() == 0
    bar.reset()
    wait_idle(qtbot, screen)
    assert screen.model.rowCount() == PAGE_SIZE


def test_scrolling_to_bottom_fetches_next_page(qtbot, screen) -> None:
    bar = screen.table.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: screen.model.rowCount() == 301, timeout=5000)
    assert not screen.model.canFetchMore()
    ids = [screen.model.suggestion_id(r) for r in range(301)]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 301


def test_stale_results_are_dropped_when_typing_fast(qtbot, screen) -> None:
    model = screen.model
    # start searches back to back, without waiting: only the last one may show
    for text in ("停", "停车", "电", "电梯", "锦", "锦绣"):
        screen.search.setText(text)
        screen.apply_search()
    generation = model.generation
    wait_idle(qtbot, screen)
    assert model.generation == generation
    assert titles(screen) == [KNOWN_TITLE]
    qtbot.waitUntil(lambda: model.total == 1)


def test_double_click_opens_detail_with_history_and_masked_phone(qtbot, screen) -> None:
    opened: list[int] = []
    screen.open_suggestion.connect(opened.append)
    key_type(screen.search, "锦绣")
    wait_idle(qtbot, screen)
    rect = screen.table.visualRect(screen.model.index(0, Col.TITLE))
    viewport = screen.table.viewport()
    # Qt 6's QTest double click needs the press that precedes it, as a real mouse gives
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened and opened[0] == screen.model.suggestion_id(0)
    dialog = screen.detail_dialog
    assert isinstance(dialog, SuggestionDetailDialog)
    qtbot.waitUntil(lambda: dialog.detail is not None)
    texts = [lbl.text() for lbl in dialog.findChildren(type(screen.summary))]
    assert "138****5678" in texts
    assert not any(KNOWN_PHONE in t for t in texts)
    assert dialog.history.rowCount() >= 1
    assert dialog.history.item(0, 1).text() == "已登记"
    assert "扩建" in dialog.content.toPlainText()
    dialog.close()


def test_enter_opens_detail_and_ctrl_f_focuses_search(qtbot, screen) -> None:
    screen.opens_detail = False
    opened: list[int] = []
    screen.open_suggestion.connect(opened.append)
    screen.table.setFocus()
    screen.table.selectRow(3)
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert opened == [screen.model.suggestion_id(3)]
    qtbot.keyClick(screen.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert screen.search.hasFocus() or screen.focusWidget() is screen.search


def test_refreshes_when_suggestions_change(qtbot, screen, ctx: AppContext) -> None:
    before = screen.model.generation
    ctx.notifier.announce(Change.OPERATORS)
    assert screen.model.generation == before
    ctx.notifier.announce(Change.SUGGESTIONS)
    assert screen.model.generation == before + 1
    wait_idle(qtbot, screen)
