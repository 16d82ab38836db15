"""Recording a suggestion: validation, receipt numbers, history, outbox, drafts."""

from __future__ import annotations

import pytest
from sqlmodel import select

from station_app.clock import FixedClock
from station_app.domain import Channel, FeedbackMethod, Status
from station_app.errors import PermissionDenied, ValidationError
from station_app.services.drafts import drafts_for, save_draft, start_draft
from station_app.services.forms import SuggesterForm, SuggestionForm
from station_app.services.suggestions import get_detail, record_suggestion
from station_app.store import Station
from station_app.store.models import AuditLog, Outbox, StatusEvent, Suggester, Suggestion


def form(**over: object) -> SuggestionForm:
    base = SuggestionForm(
        channel=Channel.FACE_TO_FACE,
        category_code="PRK",
        title="小区停车难",
        content="晚上车位不够，车辆乱停占用消防通道，建议增设夜间共享车位。",
        location="普陀区长寿路100弄",
        suggester=SuggesterForm(
            name="张三",
            phone="138 1234 5678",
            address="长寿路100弄5号",
            wants_feedback=True,
            feedback_method=FeedbackMethod.PHONE,
            consent_given=True,
        ),
    )
    for k, v in over.items():
        setattr(base, k, v)
    return base


def test_record_gives_receipt_history_outbox_and_audit(station: Station, volunteer) -> None:
    rec = record_suggestion(station, volunteer, form())
    assert rec.receipt_no == "PT-CSL01-20261125-0001"
    with station.db.read() as s:
        sug = s.get(Suggestion, rec.id)
        assert sug.status == Status.RECORDED and sug.recorded_by == volunteer.id
        assert len(sug.content_hash) == 64
        person = s.get(Suggester, sug.suggester_id)
        assert person.phone == "13812345678" and person.consent_version == "v1"
        assert person.consent_at is not None
        events = s.exec(select(StatusEvent).where(StatusEvent.suggestion_id == rec.id)).all()
        assert [e.status for e in events] == ["recorded"]
        assert s.exec(select(Outbox).where(Outbox.ref == rec.uuid)).one().kind == "suggestion"
        audit = s.exec(select(AuditLog).where(AuditLog.action == "record")).one()
        assert audit.entity_id == str(rec.id) and "张三" not in (audit.detail or "")


def test_receipt_sequence_counts_per_day(station: Station, volunteer, clock: FixedClock) -> None:
    a = record_suggestion(station, volunteer, form())
    b = record_suggestion(station, volunteer, form())
    clock.advance(days=1)
    c = record_suggestion(station, volunteer, form())
    assert [a.receipt_no[-4:], b.receipt_no[-4:]] == ["0001", "0002"]
    assert c.receipt_no == "PT-CSL01-20261126-0001"


def test_detail_masks_personal_data_for_volunteer(station: Station, volunteer, admin) -> None:
    rec = record_suggestion(station, volunteer, form())
    detail = get_detail(station, volunteer, rec.id)
    assert detail.person.phone == "138****5678" and detail.person.name == "张*"
    assert detail.recorded_by_name == "李志愿" and detail.category_name == "停车管理"
    with pytest.raises(PermissionDenied):
        get_detail(station, volunteer, rec.id, unmask_reason="回访")
    full = get_detail(station, admin, rec.id, unmask_reason="电话回访")
    assert full.person.phone == "13812345678"
    with station.db.read() as s:
        assert s.exec(select(AuditLog).where(AuditLog.action == "view_unmasked")).one()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "长" * 101}, "title"),
        ({"content": "短"}, "content"),
        ({"category_code": ""}, "category_code"),
        ({"category_code": "NOPE"}, "category_code"),
        ({"title": "停车\x07问题"}, "title"),
        ({"content": "内容里有\x00空字符和更多文字"}, "content"),
        ({"channel": "fax"}, "channel"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    station: Station, volunteer, change, field
) -> None:
    with pytest.raises(ValidationError) as err:
        record_suggestion(station, volunteer, form(**change))
    assert field in err.value.problems
    assert err.value.field_messages()[field]  # a Chinese sentence for the volunteer
    with station.db.read() as s:
        assert s.exec(select(Suggestion)).all() == []
        assert s.exec(select(Suggester)).all() == []


@pytest.mark.parametrize("phone", ["12345", "1381234567", "23812345678", "phone", "138-1234-567x"])
def test_invalid_phone(station: Station, volunteer, phone: str) -> None:
    f = form()
    f.suggester.phone = phone
    with pytest.raises(ValidationError) as err:
        record_suggestion(station, volunteer, f)
    assert "电话号码格式不对" in err.value.field_messages()["phone"]


@pytest.mark.parametrize(
    ("phone", "stored"),
    [
        ("13812345678", "13812345678"),
        ("+86 138-1234-5678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("021-62345678", "021-62345678"),
        ("021 6234 5678", "021-62345678"),
        ("62345678", "62345678"),
    ],
)
def test_valid_phones_are_normalised(station: Station, volunteer, phone: str, stored: str) -> None:
    f = form()
    f.suggester.phone = phone
    rec = record_suggestion(station, volunteer, f)
    with station.db.read() as s:
        assert s.get(Suggester, s.get(Suggestion, rec.id).suggester_id).phone == stored


def test_emoji_and_odd_unicode_are_kept(station: Station, volunteer) -> None:
    rec = record_suggestion(
        station, volunteer, form(content="楼道灯坏了💡，老人摔跤😢，请尽快修理！𠮷")
    )
    with station.db.read() as s:
        assert s.get(Suggestion, rec.id).content.endswith("😢，请尽快修理！𠮷")


def test_personal_data_needs_consent_but_anonymous_always_works(
    station: Station, volunteer
) -> None:
    f = form()
    f.suggester.consent_given = False
    with pytest.raises(ValidationError) as err:
        record_suggestion(station, volunteer, f)
    assert "consent" in err.value.problems
    anon = form(suggester=SuggesterForm(anonymous=True))
    rec = record_suggestion(station, volunteer, anon)
    with station.db.read() as s:
        person = s.get(Suggester, s.get(Suggestion, rec.id).suggester_id)
        assert person.anonymous and person.name is None and person.phone is None


def test_draft_becomes_the_suggestion_with_the_same_uuid(station: Station, volunteer) -> None:
    uuid = start_draft()
    half = form(content="晚上车位不")
    save_draft(station, volunteer, uuid, half)
    [draft] = drafts_for(station, volunteer)
    assert draft.uuid == uuid and draft.form.content == "晚上车位不"
    assert draft.form.suggester.name == "张三"
    rec = record_suggestion(station, volunteer, form(), uuid=uuid)
    assert rec.uuid == uuid
    assert drafts_for(station, volunteer) == []
