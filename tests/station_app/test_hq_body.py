"""A suggestion's HQ body and content hash are the same however it is reached: the fresh
save's stored hash, a re-read from the database, the outbox sending it, and a body the test
builds by name from the validated form (the contract's fields, not the code under test)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from station_app.domain import Channel, FeedbackMethod
from station_app.errors import ValidationError
from station_app.hashing import content_hash
from station_app.services.forms import CleanSuggestion, SuggesterForm, SuggestionForm, validate_form
from station_app.services.hq_body import read_body
from station_app.services.outbox import pending_suggestions
from station_app.services.suggestions import Recorded, known_codes, record_suggestion
from station_app.store import Station
from station_app.store.models import Operator, Suggestion
from station_app.store.sql import raw

# letters, digits, punctuation and spaces from the scripts a station meets (CJK, Latin, emoji)
_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.characters(categories=["Lu", "Ll", "Nd", "Po", "Zs"], max_codepoint=0x2FF),
        st.sampled_from("，。、；：？！“”（）《》😀\n"),
    ),
    min_size=1,
    max_size=60,
)
_PHONES = st.sampled_from(["", "13812345678", "021-62761234", " 139 1234 5678 "])


@st.composite
def _suggesters(draw: st.DrawFn) -> SuggesterForm:
    if draw(st.booleans()):
        return SuggesterForm(anonymous=True)
    name = draw(st.one_of(st.just(""), _TEXT))
    phone = draw(_PHONES)
    address = draw(st.one_of(st.just(""), _TEXT))
    method = draw(st.sampled_from(list(FeedbackMethod)))
    return SuggesterForm(
        name=name,
        phone=phone,
        address=address,
        wants_feedback=method != FeedbackMethod.NONE,
        feedback_method=method,
        consent_given=True,
    )


@st.composite
def _forms(draw: st.DrawFn) -> tuple[SuggestionForm, bool]:
    form = SuggestionForm(
        channel=draw(st.sampled_from(list(Channel))),
        category_code=draw(st.sampled_from(["TRF", "ELV", "OTH"])),
        title=draw(_TEXT),
        content=draw(_TEXT),
        location=draw(st.one_of(st.just(""), _TEXT)),
        suggester=draw(_suggesters()),
    )
    return form, draw(st.booleans())


def _expected(clean: CleanSuggestion, rec: Recorded, recorder: str, links: list[str]) -> Any:
    """The contract's SuggestionItem for this save, field by field."""
    person = None
    if clean.suggester is not None:
        sf = clean.suggester
        person = {
            "name": sf.name or None,
            "phone": sf.phone or None,
            "address": sf.address or None,
            "anonymous": sf.anonymous,
            "wants_feedback": sf.wants_feedback,
            "feedback_method": sf.feedback_method,
            "consent_version": sf.consent_version or None,
        }
    body: dict[str, Any] = {
        "uuid": rec.uuid,
        "receipt_no": rec.receipt_no,
        "channel": clean.channel,
        "received_at": rec.received_at,
        "recorded_by": recorder,
        "campaign_code": None,
        "campaign_answers": None,
        "category_code": clean.category_code,
        "title": clean.title,
        "content": clean.content,
        "location": clean.location,
        "suggester": person,
        "scans": [],
        "links": links,
    }
    body["content_hash"] = content_hash(body)
    return body


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(case=_forms())
def test_body_and_hash_agree_however_the_suggestion_is_reached(
    station: Station, volunteer: Operator, case: tuple[SuggestionForm, bool]
) -> None:
    form, link_earlier = case
    with station.db.read() as s:
        earlier = raw(s).execute("SELECT uuid FROM suggestion ORDER BY id LIMIT 1").fetchone()
    if link_earlier and earlier is not None:
        form.links = [earlier[0]]
    try:
        rec = record_suggestion(station, volunteer, form)
    except ValidationError:
        reject()  # a form the station refuses has no body
    with station.db.read() as s:
        clean = validate_form(form, *known_codes(s))
        stored_hash = s.get(Suggestion, rec.id).content_hash  # type: ignore[union-attr]
        reread = read_body(raw(s), rec.uuid)
    sent = {o.uuid: o for o in pending_suggestions(station, 10_000)}[rec.uuid]
    expected = _expected(clean, rec, volunteer.name, sorted(clean.links))
    assert reread.body == expected
    assert sent.body == expected and sent.scans == []
    assert stored_hash == expected["content_hash"] == content_hash(sent.body)


def test_a_correction_restamps_the_hash_the_outbox_sends(
    station: Station, volunteer: Operator
) -> None:
    from station_app.services.corrections import correct_suggestion

    rec = record_suggestion(
        station,
        volunteer,
        SuggestionForm(category_code="OTH", title="路灯不亮", content="弄堂口路灯坏了一个月。"),
    )
    before = read_body_of(station, rec.uuid)
    done = correct_suggestion(
        station,
        volunteer,
        rec.id,
        title="路灯不亮",
        content="弄堂口路灯坏了两个月。",
        location="",
        reason="错字",
    )
    after = read_body_of(station, rec.uuid)
    assert after["content"] == "弄堂口路灯坏了两个月。"
    assert done.content_hash == after["content_hash"] != before["content_hash"]
    (sent,) = [o for o in pending_suggestions(station, 100) if o.uuid == rec.uuid]
    assert sent.body == after


def read_body_of(station: Station, uuid: str) -> dict[str, Any]:
    with station.db.read() as s:
        return read_body(raw(s), uuid).body
