"""The campaign page's questionnaire part: the tally's bars show the hand-counted answers,
a questionnaire typed in by keyboard moves them, the paper questionnaire prints to PDF with
its questions, and the dashboard shows the tally too."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from station_app.services.hq_updates import apply_list
from station_app.services.questionnaires import QuestionnaireForm, record_response
from tests.station_app.test_campaigns import campaign
from tests.station_app.test_questionnaires import PAPER, QUESTIONS
from tests.ui.test_outcomes_screen import pdf_text

pytestmark = pytest.mark.gui


@pytest.fixture
def screen(qtbot, ctx):
    from ui.screens.campaigns import CampaignsScreen

    apply_list(
        ctx.station, "campaigns", 1, [campaign("Q1", title="社区食堂问卷", questions=QUESTIONS)]
    )
    for answers in PAPER:
        record_response(ctx.station, ctx.operator, QuestionnaireForm("Q1", answers, "paper"))
    w = CampaignsScreen(ctx)
    qtbot.addWidget(w)
    w.resize(1200, 760)
    tally = w.questionnaire_box.tally
    with qtbot.waitSignal(tally.loaded, timeout=5000):
        w.show()
    return w


def bars(screen) -> list[dict[str, int]]:
    return [{b.label: b.value for b in c.bars()} for c in screen.questionnaire_box.tally.charts]


def test_tally_bars_match_the_hand_count_and_follow_a_typed_questionnaire(qtbot, screen) -> None:
    box = screen.questionnaire_box
    # counted by hand from the ten paper forms in PAPER
    assert bars(screen) == [
        {"家里": 4, "社区食堂": 4, "外卖": 2},
        {"送餐上门": 4, "老人优惠": 4, "延长时间": 3},
        {"1": 1, "2": 1, "3": 2, "4": 2, "5": 2},
    ]
    assert "10" in box.tally.summary.text()
    box.enter_button.click()
    dialog = box.dialog
    qtbot.waitUntil(lambda: dialog.isVisible())
    first = dialog.questions.editors["where"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first)
    qtbot.keyClick(first, Qt.Key.Key_Down)
    qtbot.keyClick(first, Qt.Key.Key_Down)  # 社区食堂
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)  # 送餐上门
    with qtbot.waitSignal(box.tally.loaded, timeout=5000):
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
        )
    assert bars(screen)[0] == {"家里": 4, "社区食堂": 5, "外卖": 2}
    assert bars(screen)[1]["送餐上门"] == 5
    assert dialog.questions.answers() == {}  # cleared for the next paper form
    dialog.reject()


def test_paper_questionnaire_prints_with_its_questions(screen, tmp_path: Path) -> None:
    out = tmp_path / "问卷.pdf"
    assert screen.questionnaire_box.export_pdf(out)
    text = pdf_text(out).translate({ord("⻝"): "食"})  # one more radical the font maps
    for q in QUESTIONS:
        assert unicodedata.normalize("NFKC", q["label"]) in text
    assert "社区食堂" in text and "延长时间" in text


def test_dashboard_shows_the_tally_and_the_month_counts(qtbot, ctx) -> None:
    from ui.screens.dashboard import DashboardScreen

    apply_list(
        ctx.station, "campaigns", 1, [campaign("Q1", title="社区食堂问卷", questions=QUESTIONS)]
    )
    for answers in PAPER[:4]:
        record_response(ctx.station, ctx.operator, QuestionnaireForm("Q1", answers, "paper"))
    board = DashboardScreen(ctx)
    qtbot.addWidget(board)
    with qtbot.waitSignal(board.questionnaires.tally.loaded, timeout=10000):
        board.show()
    charts = board.questionnaires.tally.charts
    assert {b.label: b.value for b in charts[0].bars()} == {"家里": 1, "社区食堂": 2, "外卖": 1}
    # no session this month, four questionnaires
    assert re.findall(r"\d+", board.group_detail.text()) == ["0", "0", "4"]
