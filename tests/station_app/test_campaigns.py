"""Campaigns (主动征集): HQ's question lists read defensively, answers checked and stored,
the campaign view's counts."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from station_app.domain import Channel
from station_app.errors import ValidationError
from station_app.hashing import content_hash
from station_app.services.campaigns import (
    active_campaigns,
    all_campaigns,
    campaign_counts,
    get_campaign,
    parse_questions,
    validate_answers,
)
from station_app.services.forms import SuggesterForm, SuggestionForm
from station_app.services.hq_body import read_body
from station_app.services.hq_updates import apply_list
from station_app.services.suggestions import record_suggestion
from station_app.store import Station
from station_app.store.models import Operator, Suggestion
from station_app.store.sql import raw

QUESTIONS: list[dict[str, Any]] = [
    {"key": "market", "label": "您常去哪个菜场？", "type": "text", "required": True},
    {
        "key": "often",
        "label": "每周去几次？",
        "type": "choice",
        "choices": ["1次", "2-3次", "几乎每天"],
        "required": True,
    },
    {"key": "minutes", "label": "步行需要几分钟？", "type": "number", "required": False},
    {"key": "elderly", "label": "家中是否有老人？", "type": "yesno", "required": False},
]


def load(station: Station, *campaigns: dict[str, Any], version: int = 1) -> None:
    """Campaigns as the sync brings them from HQ (the real list path)."""
    apply_list(station, "campaigns", version, list(campaigns))


def campaign(code: str = "C15", **kw: Any) -> dict[str, Any]:
    return {
        "code": code,
        "title": "15分钟社区生活圈",
        "topic": "家门口的菜场、食堂和养老服务",
        "starts_on": "2026-11-01",
        "ends_on": "2026-12-31",
        "guidance": "请居民谈谈步行15分钟内买菜、吃饭、就医是否方便。",
        "questions": QUESTIONS,
        **kw,
    }


def form(**kw: Any) -> SuggestionForm:
    base: dict[str, Any] = {
        "category_code": "OTH",
        "title": "菜场太远",
        "content": "最近的菜场要走二十多分钟，老人买菜很不方便，希望增设社区菜店。",
        "suggester": SuggesterForm(anonymous=True),
    }
    base.update(kw)
    return SuggestionForm(**base)


def stored(station: Station, sug_id: int) -> Suggestion:
    with station.db.read() as s:
        sug = s.get(Suggestion, sug_id)
        assert sug is not None
        return sug


def test_questions_as_hq_defines_them(station: Station, admin: Operator) -> None:
    load(station, campaign())
    c = get_campaign(station, "C15")
    assert c is not None and c.note() == ""
    assert [(q.key, q.type, q.required) for q in c.questions] == [
        ("market", "text", True),
        ("often", "choice", True),
        ("minutes", "number", False),
        ("elderly", "yesno", False),
    ]
    assert c.questions[1].choices == ("1次", "2-3次", "几乎每天")


def test_unknown_type_is_asked_as_text_and_kept() -> None:
    questions, problems = parse_questions(
        json.dumps([{"key": "when", "label": "何时方便？", "type": "date", "required": True}])
    )
    assert problems == ()
    assert questions[0].type == "text" and questions[0].declared_type == "date"
    assert questions[0].required


@pytest.mark.parametrize(
    "raw",
    ["{not json", '{"key": "q1"}', '"questions"', "null", "[[[[", "1e999999"],
)
def test_unreadable_question_list_leaves_the_campaign_usable(
    station: Station, volunteer: Operator, raw: str
) -> None:
    load(station, campaign())
    with station.db.write() as s:  # what a broken HQ list leaves in the table
        s.connection().exec_driver_sql(
            "UPDATE campaign SET questions_json = ? WHERE code = 'C15'", (raw,)
        )
    c = get_campaign(station, "C15")
    assert c is not None and c.questions == ()
    assert "格式有误" in c.note()
    # the suggestion is still recorded and tagged, without answers
    rec = record_suggestion(station, volunteer, form(campaign_code="C15"))
    sug = stored(station, rec.id)
    assert sug.campaign_code == "C15" and sug.campaign_answers is None


def test_bad_questions_are_skipped_with_a_note(station: Station) -> None:
    load(
        station,
        campaign(
            questions=[
                "not an object",
                {"label": "no key"},
                {"key": "ok", "label": "好的问题", "type": "text"},
                {"key": "ok", "label": "重复的键"},
                {"key": "pick", "label": "选项为空", "type": "choice", "choices": []},
                {"key": "flag", "label": "必填写成文字", "required": "false"},
            ]
        ),
    )
    c = get_campaign(station, "C15")
    assert c is not None
    assert [q.key for q in c.questions] == ["ok", "pick", "flag"]
    assert c.questions[1].type == "text"  # a choice without choices is asked as text
    assert not c.questions[2].required  # only true makes a question required
    note = c.note()
    assert "第 1 个" in note and "第 2 个" in note and "第 4 个" in note
    assert "Question 1" in c.note("en")


def test_active_and_past_by_period(station: Station) -> None:
    load(
        station,
        campaign(),
        campaign(code="OLD", title="老旧小区改造", starts_on="2026-01-01", ends_on="2026-03-31"),
        campaign(code="NEXT", title="明年的征集", starts_on="2027-01-01", ends_on="2027-02-28"),
        campaign(code="EDGE", title="今天结束", starts_on="2026-11-01", ends_on="2026-11-25"),
    )
    # the clock fixture says 2026-11-25: a campaign ending today is still active
    assert [c.code for c in active_campaigns(station)] == ["EDGE", "C15"]
    assert [c.code for c in all_campaigns(station)] == ["EDGE", "C15", "NEXT", "OLD"]
    later = dt.date(2026, 12, 1)
    assert [c.code for c in active_campaigns(station, later)] == ["C15"]


def test_required_answers_are_checked_in_chinese(station: Station, volunteer: Operator) -> None:
    load(station, campaign())
    with pytest.raises(ValidationError) as err:
        record_suggestion(
            station,
            volunteer,
            form(campaign_code="C15", campaign_answers={"often": "天天", "minutes": "二十"}),
        )
    msgs = err.value.field_messages()
    assert msgs["campaign_answers.market"] == "请回答“您常去哪个菜场？”"
    assert msgs["campaign_answers.often"] == "“每周去几次？”请从给出的选项中选择"
    assert msgs["campaign_answers.minutes"] == "“步行需要几分钟？”请填写数字"
    with station.db.read() as s:  # nothing half-written
        assert s.connection().exec_driver_sql("SELECT count(*) FROM suggestion").scalar() == 0


def test_answers_stored_canonically_and_sent(station: Station, volunteer: Operator) -> None:
    load(station, campaign())
    answers = {
        "market": "  曹杨菜场 ",
        "often": "2-3次",
        "minutes": "２０",  # full-width digits from an IME
        "elderly": "是",
        "gone": "a question HQ no longer asks",
    }
    rec = record_suggestion(station, volunteer, form(campaign_code="C15", campaign_answers=answers))
    sug = stored(station, rec.id)
    expected = {"elderly": True, "market": "曹杨菜场", "minutes": 20, "often": "2-3次"}
    assert sug.campaign_answers == json.dumps(
        expected, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    with station.db.read() as s:
        body = read_body(raw(s), sug.uuid).body
    assert body["campaign_code"] == "C15" and body["campaign_answers"] == expected
    assert content_hash(body) == sug.content_hash


def test_answers_without_a_campaign_are_not_kept(station: Station, volunteer: Operator) -> None:
    load(station, campaign())
    rec = record_suggestion(station, volunteer, form(campaign_answers={"market": "曹杨菜场"}))
    assert stored(station, rec.id).campaign_answers is None


def test_validate_answers_directly(station: Station) -> None:
    load(station, campaign())
    c = get_campaign(station, "C15")
    assert c is not None
    assert validate_answers(c, {"market": "x", "often": "1次", "elderly": False}) == {
        "market": "x",
        "often": "1次",
        "elderly": False,
    }
    with pytest.raises(ValidationError) as err:
        validate_answers(c, {"market": "x", "often": "1次", "elderly": "也许"})
    assert err.value.field_messages() == {
        "campaign_answers.elderly": "“家中是否有老人？”请选择“是”或“否”"
    }
    with pytest.raises(ValidationError):
        validate_answers(c, {"market": "a\x00b", "often": "1次"})


def test_counts_by_campaign_and_channel(station: Station, volunteer: Operator) -> None:
    load(station, campaign(), campaign(code="OLD", starts_on="2026-01-01", ends_on="2026-03-31"))
    full = {"market": "曹杨菜场", "often": "1次"}
    for channel in (Channel.FACE_TO_FACE, Channel.FACE_TO_FACE, Channel.PHONE):
        record_suggestion(
            station,
            volunteer,
            form(channel=channel, campaign_code="C15", campaign_answers=full),
        )
    record_suggestion(station, volunteer, form())  # not for a campaign
    counts = {c.campaign.code: c for c in campaign_counts(station)}
    assert counts["C15"].collected == 3
    assert counts["C15"].by_channel == {"face_to_face": 2, "phone": 1}
    assert counts["OLD"].collected == 0 and counts["OLD"].by_channel == {}
