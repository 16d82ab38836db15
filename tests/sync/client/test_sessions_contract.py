"""Contract 1.1.0 against the reference HQ over loopback: session speakers and questionnaire
responses reach a new HQ as such; an HQ still on 1.0.0 gets channel `other` with the session
among the answers it ignores, and the questionnaires wait until it is upgraded."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from station_app.followup.worklist import worklist
from station_app.services.forms import SuggesterForm, SuggestionForm
from station_app.services.hq_contract import known_version
from station_app.services.hq_updates import apply_list
from station_app.services.outbox import sync_status
from station_app.services.questionnaires import QuestionnaireForm, record_response
from station_app.services.sessions import SessionForm, record_session, record_speaker
from sync.client.engine import sync_now
from sync.server.testing import HQServer
from tests.sync.client.conftest import StationUnderTest, fast_retry

QUESTIONS = [
    {"key": "often", "label": "每周去几次？", "type": "choice", "choices": ["1次", "2-3次"]},
    {"key": "want", "label": "希望增加", "type": "multi", "choices": ["早市", "夜市"]},
    {"key": "score", "label": "满意度", "type": "scale", "min": 1, "max": 5},
]


def _campaign(sut: StationUnderTest) -> None:
    apply_list(
        sut.station,
        "campaigns",
        1,
        [
            {
                "code": "Q7",
                "title": "菜场问卷",
                "starts_on": "2026-11-01",
                "ends_on": "2026-12-31",
                "questions": QUESTIONS,
            }
        ],
    )


def _session_with_speakers(sut: StationUnderTest) -> tuple[str, list[str], str]:
    """A session of two speakers (one named, one answering the questionnaire) and a paper
    questionnaire; returns the session uuid, the suggestion uuids, the response uuid."""
    st, op = sut.station, sut.admin
    _campaign(sut)
    info = record_session(
        st,
        op,
        SessionForm(
            topic="菜场改造座谈会",
            held_at="2026-11-25 14:00",
            place="社区活动室",
            host="李主任",
            officials="区商务委 陈科长",
            attendees=18,
            campaign_code="Q7",
        ),
    )
    first = SuggestionForm(category_code="ELV", title="菜场太远", content="希望就近开菜场。")
    first.campaign_answers = {"often": "2-3次", "score": 2}
    second = SuggestionForm(
        category_code="ELV",
        title="早市",
        content="希望恢复早市。",
        suggester=SuggesterForm(
            name="赵大爷",
            phone="13912345678",
            consent_given=True,
            wants_feedback=True,
            feedback_method="phone",
        ),
    )
    uuids = [record_speaker(st, op, info.id, f).uuid for f in (first, second)]
    response = record_response(
        st, op, QuestionnaireForm("Q7", {"often": "1次", "want": ["早市", "夜市"]}, "paper")
    )
    return info.uuid, uuids, response.uuid


def _hq(hq: HQServer, sql: str, **params: Any) -> list[Any]:
    with hq.admin.engine.connect() as conn:
        return conn.execute(text(sql), params).fetchall()


def _local_hashes(sut: StationUnderTest) -> dict[str, str]:
    with sut.station.db.read() as s:
        rows = s.connection().exec_driver_sql("SELECT uuid, content_hash FROM suggestion")
        return dict(rows.fetchall())


@pytest.fixture
def old_hq(tmp_path: Path) -> Iterator[HQServer]:
    server = HQServer(tmp_path / "old-hq", extra_args=["--contract", "1.0.0"])
    server.start()
    yield server
    server.close()


def test_new_hq_gets_sessions_and_questionnaires(sut: StationUnderTest, hq: HQServer) -> None:
    sut.enrol(hq)
    session_uuid, uuids, response_uuid = _session_with_speakers(sut)
    report = sync_now(sut.station, retry=fast_retry())
    assert report.ok, report.as_dict()
    assert (report.sent, report.questionnaires_sent) == (2, 1)
    assert known_version(sut.station) == "1.1.0"
    rows = _hq(
        hq,
        "SELECT s.uuid, s.channel, s.content_hash, g.uuid, g.body FROM hq_suggestion s "
        "JOIN hq_suggestion_session l ON l.suggestion_id = s.id "
        "JOIN hq_session g ON g.id = l.session_id WHERE s.uuid IN (:a, :b)",
        a=uuids[0],
        b=uuids[1],
    )
    assert len(rows) == 2
    local = _local_hashes(sut)
    for uuid, channel, digest, g_uuid, g_body in rows:
        assert channel == "session" and g_uuid == session_uuid
        assert digest == local[uuid]  # HQ holds the body the station hashed
        body = json.loads(g_body)
        assert (body["topic"], body["attendees"], body["campaign_code"]) == (
            "菜场改造座谈会",
            18,
            "Q7",
        )
    assert len(_hq(hq, "SELECT 1 FROM hq_session WHERE uuid = :u", u=session_uuid)) == 1
    [(answers, source)] = _hq(
        hq, "SELECT answers, source FROM hq_questionnaire WHERE uuid = :u", u=response_uuid
    )
    assert json.loads(answers) == {"often": "1次", "want": ["早市", "夜市"]} and source == "paper"
    assert sync_status(sut.station).queued == 0
    # HQ replies to the speaker who wants to hear back: the worklist says which session
    hq.admin.reply(uuids[1], "已请市场监管所调研恢复早市。")
    again = sync_now(sut.station, retry=fast_retry())  # nothing left, nothing sent twice
    assert again.ok and again.sent == 0 and again.questionnaires_sent == 0
    assert again.pulled >= 1
    [item] = worklist(sut.station, sut.admin)
    assert item.title == "早市" and item.session_topic == "菜场改造座谈会（2026-11-25）"


def test_older_hq_gets_other_and_questionnaires_wait(
    sut: StationUnderTest, old_hq: HQServer, tmp_path: Path
) -> None:
    sut.enrol(old_hq)
    session_uuid, uuids, response_uuid = _session_with_speakers(sut)
    report = sync_now(sut.station, retry=fast_retry())
    assert report.ok, report.as_dict()
    assert report.sent == 2 and report.questionnaires_sent == 0
    assert known_version(sut.station) == "1.0.0"
    rows = _hq(
        old_hq,
        "SELECT uuid, channel, campaign_answers, campaign_code FROM hq_suggestion "
        "WHERE uuid IN (:a, :b)",
        a=uuids[0],
        b=uuids[1],
    )
    assert len(rows) == 2
    for _uuid, channel, answers_json, code in rows:
        answers = json.loads(answers_json)
        assert channel == "other" and code == "Q7"
        assert answers["session.uuid"] == session_uuid
        assert answers["session.topic"] == "菜场改造座谈会"
        assert answers["session.attendees"] == 18
    by_uuid = {r[0]: json.loads(r[2]) for r in rows}
    assert by_uuid[uuids[0]]["often"] == "2-3次"  # the speaker's own answers are kept
    assert _hq(old_hq, "SELECT count(*) FROM hq_session")[0][0] == 0
    with sut.station.db.read() as s:
        waiting = s.connection().exec_driver_sql(
            "SELECT ref FROM outbox WHERE kind = 'questionnaire' AND sent_at IS NULL "
            "AND last_error IS NULL"
        )
        assert [r[0] for r in waiting] == [response_uuid]  # waiting, not failed
    # HQ is upgraded (same database, contract 1.1.0): the questionnaire goes at the next sync
    old_hq.stop()
    new_hq = HQServer(old_hq.data_dir, port=old_hq.port)
    new_hq.start()
    try:
        later = sync_now(sut.station, retry=fast_retry())
        assert later.ok and later.questionnaires_sent == 1 and later.sent == 0
        assert known_version(sut.station) == "1.1.0"
        assert len(_hq(new_hq, "SELECT 1 FROM hq_questionnaire WHERE uuid = :u", u=response_uuid))
    finally:
        new_hq.close()
