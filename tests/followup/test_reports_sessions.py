"""The monthly report counts group sessions, their attendees and questionnaire responses of
the month (and the session speakers under channel 座谈)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from station_app.clock import CHINA_TZ
from station_app.followup.reports import export_month_xlsx, month_report
from station_app.services.forms import SuggestionForm
from station_app.services.questionnaires import QuestionnaireForm, record_response
from station_app.services.sessions import SessionForm, record_session, record_speaker
from tests.station_app.test_campaigns import campaign, load


def test_month_counts_sessions_attendees_and_questionnaires(
    station, clock, admin, volunteer, tmp_path: Path
) -> None:
    load(station, campaign("C15"))

    def session(day: str, attendees: int) -> int:
        form = SessionForm(
            topic="议事会",
            held_at=f"{day} 14:00",
            place="活动室",
            host="李主任",
            attendees=attendees,
        )
        return record_session(station, volunteer, form).id

    november = [session("2026-11-03", 23), session("2026-11-25", 18)]
    session("2026-10-30", 40)  # the month before: not counted
    record_speaker(
        station,
        volunteer,
        november[0],
        SuggestionForm(category_code="ELV", title="电梯", content="加快加装电梯。"),
    )
    answers = {"market": "长寿菜场", "often": "1次"}
    for _ in range(3):
        record_response(station, volunteer, QuestionnaireForm("C15", answers, "paper"))
    clock.set(dt.datetime(2026, 12, 1, 9, 0, tzinfo=CHINA_TZ))
    record_response(station, volunteer, QuestionnaireForm("C15", answers, "station"))

    stats = month_report(station, admin, 2026, 11)
    assert (stats.sessions, stats.session_attendees, stats.questionnaire_responses) == (2, 41, 3)
    assert {b.key: b.count for b in stats.by_channel} == {"session": 1}
    out = tmp_path / "月报.xlsx"
    export_month_xlsx(station, admin, 2026, 11, out)
    summary = {r[0]: r[1] for r in load_workbook(out).worksheets[0].iter_rows(values_only=True)}
    assert summary["座谈会（场）"] == 2
    assert summary["座谈会参加居民（人次）"] == 41
    assert summary["收到问卷（份）"] == 3
