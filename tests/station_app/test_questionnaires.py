"""Questionnaire campaigns: responses without a suggestion, checked per question type, tallied
(against counts made by hand below), exported to XLSX and queued for HQ."""

from __future__ import annotations

from typing import Any

import pytest
from openpyxl import load_workbook

from station_app.domain import OutboxKind
from station_app.errors import PermissionDenied, ValidationError
from station_app.services.forms import SuggestionForm
from station_app.services.questionnaires import (
    QuestionnaireForm,
    export_tally_xlsx,
    pending_response_bodies,
    record_response,
    tally,
)
from station_app.services.suggestions import record_suggestion
from tests.station_app.test_campaigns import campaign, load

QUESTIONS: list[dict[str, Any]] = [
    {
        "key": "where",
        "label": "您平时在哪里吃午饭？",
        "type": "choice",
        "choices": ["家里", "社区食堂", "外卖"],
        "required": True,
    },
    {
        "key": "want",
        "label": "希望食堂增加哪些服务？（可多选）",
        "type": "multi",
        "choices": ["送餐上门", "老人优惠", "延长时间"],
    },
    {"key": "score", "label": "对现在的食堂打几分？", "type": "scale", "min": 1, "max": 5},
    {"key": "say", "label": "还有什么想说的？", "type": "text"},
]

# Ten paper questionnaires, as a volunteer would type them in.
PAPER: list[dict[str, Any]] = [
    {"where": "家里", "want": ["送餐上门"], "score": 3},
    {"where": "社区食堂", "want": ["老人优惠", "延长时间"], "score": 4, "say": "菜太咸"},
    {"where": "社区食堂", "want": ["送餐上门", "老人优惠"], "score": 5},
    {"where": "外卖"},
    {"where": "家里", "want": ["送餐上门", "老人优惠", "延长时间"], "score": 2},
    {"where": "社区食堂", "score": 4},
    {"where": "家里", "want": ["老人优惠"], "score": "5", "say": "希望有早饭"},
    {"where": "社区食堂", "want": ["延长时间"], "score": 3},
    {"where": "外卖", "want": ["送餐上门"]},
    {"where": "家里", "want": [], "score": 1},
]


@pytest.fixture
def canteen(station):
    load(station, campaign("Q1", title="社区食堂问卷", questions=QUESTIONS))
    return "Q1"


def test_tallies_match_the_hand_count(station, volunteer, canteen) -> None:
    for answers in PAPER:
        record_response(station, volunteer, QuestionnaireForm(canteen, answers, "paper"))
    # one resident answered at the desk, one answered the questions with a suggestion
    record_response(
        station, volunteer, QuestionnaireForm(canteen, {"where": "外卖", "score": 2}, "station")
    )
    record_suggestion(
        station,
        volunteer,
        SuggestionForm(
            category_code="ELV",
            title="食堂",
            content="希望食堂中午多开一会儿。",
            campaign_code=canteen,
            campaign_answers={"where": "社区食堂", "want": ["延长时间"], "score": 4},
        ),
    )
    t = tally(station, canteen)
    assert t is not None and (t.responses, t.with_suggestions, t.total) == (11, 1, 12)
    where, want, score, say = t.questions
    # counted by hand from PAPER plus the two lines above
    assert dict(where.counts) == {"家里": 4, "社区食堂": 5, "外卖": 3}
    assert where.answered == 12
    assert dict(want.counts) == {"送餐上门": 4, "老人优惠": 4, "延长时间": 4}
    assert want.answered == 8  # seven on paper (the empty list is no answer), one suggestion
    assert dict(score.counts) == {"1": 1, "2": 2, "3": 2, "4": 3, "5": 2}
    assert score.answered == 10
    assert score.mean == round((1 + 2 * 2 + 3 * 2 + 4 * 3 + 5 * 2) / 10, 2)
    assert say.answered == 2 and set(say.texts) == {"菜太咸", "希望有早饭"}


def test_bad_answers_are_refused_with_every_problem(station, volunteer, canteen) -> None:
    with pytest.raises(ValidationError) as err:
        record_response(
            station,
            volunteer,
            QuestionnaireForm(canteen, {"want": ["送餐上门", "麻将室"], "score": 9}, "paper"),
        )
    fields = set(err.value.field_messages())
    assert fields == {
        "campaign_answers.where",
        "campaign_answers.want",
        "campaign_answers.score",
    }
    with pytest.raises(ValidationError):
        record_response(station, volunteer, QuestionnaireForm(canteen, {}, "paper"))
    assert tally(station, canteen).total == 0  # nothing half-saved


def test_responses_are_queued_for_hq(station, volunteer, canteen) -> None:
    rec = record_response(station, volunteer, QuestionnaireForm(canteen, PAPER[1], "paper"))
    [(oid, body)] = pending_response_bodies(station, 10)
    assert body["uuid"] == rec.uuid and body["campaign_code"] == canteen
    assert body["answers"] == {
        "where": "社区食堂",
        "want": ["老人优惠", "延长时间"],
        "score": 4,
        "say": "菜太咸",
    }
    with station.db.read() as s:
        kind = s.connection().exec_driver_sql("SELECT kind FROM outbox WHERE id = ?", (oid,))
        assert kind.scalar() == OutboxKind.QUESTIONNAIRE


def test_xlsx_export_has_the_tally_and_each_answer_set(
    station, admin, volunteer, canteen, tmp_path
) -> None:
    for answers in PAPER[:3]:
        record_response(station, volunteer, QuestionnaireForm(canteen, answers, "paper"))
    record_response(
        station, volunteer, QuestionnaireForm(canteen, {"where": "外卖", "say": "=1+1"}, "paper")
    )
    with pytest.raises(PermissionDenied):
        export_tally_xlsx(station, volunteer, canteen, tmp_path / "no.xlsx")
    path = tmp_path / "tally.xlsx"
    assert export_tally_xlsx(station, admin, canteen, path) == 4
    wb = load_workbook(path)
    tally_rows = list(wb.worksheets[0].iter_rows(values_only=True))
    assert ("您平时在哪里吃午饭？", "社区食堂", 2, 0.5, 4) in tally_rows
    assert ("希望食堂增加哪些服务？（可多选）", "送餐上门", 2, round(2 / 3, 4), 3) in tally_rows
    answers = list(wb.worksheets[1].iter_rows(values_only=True))
    assert len(answers) == 5
    assert any("'=1+1" in row for row in answers)  # typed by the public: not a formula
