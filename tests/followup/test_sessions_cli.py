"""`station-app sessions` and `station-app tally`, run in-process on a real data folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from station_app.cli import main
from station_app.cli_common import open_station
from station_app.i18n import set_language
from station_app.services.common import first_admin
from station_app.services.forms import SuggestionForm
from station_app.services.hq_updates import apply_list
from station_app.services.questionnaires import QuestionnaireForm, record_response
from station_app.services.sessions import SessionForm, record_session, record_speaker
from tests.station_app.test_campaigns import campaign
from tests.station_app.test_questionnaires import PAPER, QUESTIONS


@pytest.fixture(autouse=True)
def _chinese() -> None:
    set_language("zh_CN")


def test_sessions_and_tally_commands(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = tmp_path / "st"
    args = ["--data-dir", str(data)]
    assert main(["init", "--code", "PT-CLI02", "--name", "测试站", "--district", "普陀区",
                 "--street", "长寿路街道", "--admin", "王管理", "--admin-pin", "2468",
                 *args]) == 0  # fmt: skip
    station = open_station(type("A", (), {"data_dir": str(data)})())
    try:
        with station.db.read() as s:
            admin = first_admin(s)
        apply_list(station, "campaigns", 1, [campaign("Q1", title="食堂问卷", questions=QUESTIONS)])
        info = record_session(
            station,
            admin,
            SessionForm(topic="食堂议事会", held_at="2026-11-20 14:00", place="食堂",
                        host="周主任", attendees=15, campaign_code="Q1"),
        )  # fmt: skip
        form = SuggestionForm(category_code="ELV", title="早饭", content="希望食堂供应早饭。")
        record_speaker(station, admin, info.id, form)
        for answers in PAPER[:5]:
            record_response(station, admin, QuestionnaireForm("Q1", answers, "paper"))
    finally:
        station.close()
    capsys.readouterr()

    assert main(["sessions", *args]) == 0
    line = capsys.readouterr().out
    assert "2026-11-20 14:00  食堂议事会（食堂）  居民 15 人  建议 1 条  问卷 0 份" in line
    assert main(["sessions", "--from", "2026-11-21", "--json", *args]) == 0
    assert json.loads(capsys.readouterr().out) == []

    assert main(["tally", "Q1", "--json", *args]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["responses"] == 5
    assert out["questions"][0]["counts"] == {"家里": 2, "社区食堂": 2, "外卖": 1}
    assert main(["tally", "Q1", *args]) == 0
    assert "食堂问卷：共 5 份作答" in capsys.readouterr().out
    xlsx = tmp_path / "tally.xlsx"
    assert main(["tally", "Q1", "-o", str(xlsx), *args]) == 0
    assert load_workbook(xlsx).worksheets[1].max_row == 6  # header and five answer sets
    assert main(["tally", "NOPE", *args]) == 2
    assert "没有这个征集活动" in capsys.readouterr().err
