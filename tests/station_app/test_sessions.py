"""Group sessions: the session record, its sign-in sheet stored like a letter's scan, each
speaker's suggestion with its own receipt number and the session in its HQ body."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image

from station_app.domain import Channel
from station_app.errors import ValidationError
from station_app.hashing import content_hash
from station_app.security.scanstore import get_station_scan
from station_app.services.forms import SuggesterForm, SuggestionForm
from station_app.services.hq_body import read_body
from station_app.services.hq_contract import body_for
from station_app.services.outbox import pending_suggestions
from station_app.services.sessions import (
    SessionForm,
    attach_sheet,
    get_session,
    list_sessions,
    load_sheet,
    record_session,
    record_speaker,
    session_receipts,
    update_session,
)
from station_app.services.suggestions import get_detail
from station_app.store import Station
from station_app.store.models import Operator, Suggestion
from tests.conftest import set_up_test_station
from tests.station_app.test_campaigns import campaign, load


def a_session(station: Station, actor: Operator, **kw: object) -> int:
    form = SessionForm(
        topic="老旧小区加装电梯议事会",
        held_at="2026-11-25 14:30",
        place="长寿路街道社区活动中心",
        host="李主任",
        officials="区建管委 王科长、街道 张书记",
        attendees="23",
    )
    for k, v in kw.items():
        setattr(form, k, v)
    return record_session(station, actor, form).id


def speaker(title: str, content: str, **person: object) -> SuggestionForm:
    return SuggestionForm(
        category_code="ELV", title=title, content=content, suggester=SuggesterForm(**person)
    )


def test_session_record_and_speakers_with_own_receipts(station, volunteer) -> None:
    sid = a_session(station, volunteer)
    info = get_session(station, sid)
    assert (info.topic, info.attendees, info.host) == ("老旧小区加装电梯议事会", 23, "李主任")
    assert info.held_at.startswith("2026-11-25T14:30:00")
    recs = [
        record_speaker(station, volunteer, sid, speaker("加装电梯", "希望加快审批流程。")),
        record_speaker(
            station,
            volunteer,
            sid,
            speaker("电梯费用", "低层住户费用分摊要公平。", name="王阿姨", consent_given=True),
        ),
    ]
    assert len({r.receipt_no for r in recs}) == 2
    assert [r.receipt_no for r in session_receipts(station, sid)] == [r.receipt_no for r in recs]
    detail = get_detail(station, volunteer, recs[1].id)
    assert detail.suggestion.channel == Channel.SESSION
    assert detail.session_topic == "老旧小区加装电梯议事会（2026-11-25 14:30）"
    assert detail.suggestion.location == "长寿路街道社区活动中心"  # the session's place
    assert detail.person is not None and detail.person.name == "王**"
    assert get_session(station, sid).speakers == 2
    with station.db.read() as s:
        sug = s.get(Suggestion, recs[0].id)
        body = read_body(s.connection().connection.dbapi_connection, sug.uuid).body
        assert body["session"]["topic"] == "老旧小区加装电梯议事会"
        assert body["session"]["attendees"] == 23
        assert body["content_hash"] == sug.content_hash == content_hash(body)  # sent = hashed
    sent = {o.uuid: o.body for o in pending_suggestions(station, 10)}
    assert sent[recs[0].uuid]["session"] == body["session"]
    assert [i.id for i in list_sessions(station, since="2026-11-01")] == [sid]
    assert list_sessions(station, since="2026-12-01") == []


def test_consent_is_asked_per_speaker_who_gives_a_name_or_phone(station, volunteer) -> None:
    sid = a_session(station, volunteer)
    with pytest.raises(ValidationError) as err:
        record_speaker(
            station, volunteer, sid, speaker("停车难", "晚上车位不够。", phone="13812345678")
        )
    assert "consent" in err.value.field_messages()
    assert get_session(station, sid).speakers == 0  # nothing half-saved


def test_bad_session_fields_are_all_reported(station, volunteer) -> None:
    with pytest.raises(ValidationError) as err:
        record_session(
            station, volunteer, SessionForm(topic="", held_at="明天下午", attendees="很多")
        )
    assert {"topic", "place", "host", "held_at", "attendees"} <= set(err.value.field_messages())


def test_sign_in_sheet_is_stored_encrypted_like_a_letter(tmp_path, clock) -> None:
    station = Station.open(tmp_path / "enc", clock=clock, key=os.urandom(32))
    volunteer = set_up_test_station(station)
    sid = a_session(station, volunteer)
    buf = io.BytesIO()
    Image.new("L", (60, 40), 255).save(buf, format="PNG")
    sha = attach_sheet(station, volunteer, sid, buf.getvalue(), "签到表.png")
    assert get_session(station, sid).sheet_sha256 == sha
    stored = (station.data.scans / sha[:2] / sha).read_bytes()
    assert b"IHDR" not in stored  # encrypted at rest
    assert get_station_scan(station.data, station.db.key, sha) == buf.getvalue()
    assert load_sheet(station, volunteer, sid) == (buf.getvalue(), "image/png")
    with pytest.raises(ValidationError):
        attach_sheet(station, volunteer, sid, b"not an image", "x.txt")
    station.close()


def test_older_hq_gets_other_with_the_session_among_answers(station, volunteer) -> None:
    load(station, campaign())
    sid = a_session(station, volunteer, campaign_code="C15")
    form = speaker("菜场远", "希望在小区附近开一个菜场。")
    form.campaign_answers = {"market": "长寿菜场", "often": "2-3次"}
    rec = record_speaker(station, volunteer, sid, form)
    body = next(o.body for o in pending_suggestions(station, 10) if o.uuid == rec.uuid)
    assert body["channel"] == "session" and body["campaign_code"] == "C15"
    old = body_for("1.0.0", body)
    assert old["channel"] == "other" and "session" not in old
    assert old["campaign_answers"]["market"] == "长寿菜场"
    assert old["campaign_answers"]["session.topic"] == "老旧小区加装电梯议事会"
    assert old["content_hash"] == content_hash(old) != body["content_hash"]
    assert body_for("1.1.0", body) is body
    assert body["channel"] == "session"  # the stored body is left as it was
    # channel 座谈 without a session (typed on the command line): still "other" for 1.0
    bare = {k: v for k, v in body.items() if k != "session"}
    assert body_for("1.0.0", bare)["channel"] == "other"
    plain = {**bare, "channel": "phone"}
    assert body_for("1.0.0", plain) is plain


def test_a_v4_station_migrates_and_takes_session_speakers(tmp_path, clock) -> None:
    """The channel CHECK is widened in place: a station made before sessions records one."""
    from station_app.store import migrations
    from station_app.store.engine import connect_raw

    folder = tmp_path / "v4"
    folder.mkdir()
    conn = connect_raw(folder / "station.db")
    migrations.migrate(conn, target=4)
    conn.close()
    station = Station.open(folder, clock=clock)
    try:
        volunteer = set_up_test_station(station)
        sid = a_session(station, volunteer)
        rec = record_speaker(station, volunteer, sid, speaker("加装电梯", "希望加快审批。"))
        with station.db.read() as s:
            assert s.get(Suggestion, rec.id).channel == "session"
            check = s.connection().exec_driver_sql("PRAGMA integrity_check").scalar()
            assert check == "ok"
    finally:
        station.close()


def test_salvage_keeps_sessions_and_their_speakers(station, volunteer, tmp_path) -> None:
    from station_app.store.salvage import salvage

    sid = a_session(station, volunteer)
    record_speaker(station, volunteer, sid, speaker("加装电梯", "希望加快审批。"))
    report = salvage(station.data.root / "station.db", station.db.key, tmp_path / "new.db")
    assert report.complete and report.rows["group_session"] == 1
    from station_app.store.engine import connect_raw

    conn = connect_raw(tmp_path / "new.db")
    row = conn.execute(
        "SELECT g.topic FROM suggestion s JOIN group_session g ON g.id = s.session_id"
    ).fetchone()
    conn.close()
    assert row[0] == "老旧小区加装电梯议事会"


def test_what_was_said_at_a_session_is_found_by_its_topic(station, volunteer, admin) -> None:
    """A search for the session's topic finds its speakers' suggestions, as the topic is now
    (corrected), and still after a speaker's suggestion is corrected."""
    from station_app.services.corrections import correct_suggestion
    from station_app.services.query import list_page

    sid = a_session(station, volunteer, topic="垃圾分类议事会")
    rec = record_speaker(station, volunteer, sid, speaker("投放点", "希望投放点晚上也开。"))
    record_speaker(station, volunteer, sid, speaker("宣传", "多做宣传。"))
    assert {r.title for r in list_page(station, query="分类议事")} == {"投放点", "宣传"}
    assert list_page(station, query="电梯议事") == []

    form = SessionForm(topic="垃圾分类座谈会", place="活动中心", host="李主任", attendees="23")
    update_session(station, volunteer, sid, form)
    assert {r.title for r in list_page(station, query="座谈会")} == {"投放点", "宣传"}
    assert list_page(station, query="议事会") == []  # the old topic no longer finds them

    new_content = "希望投放点晚上八点后也开。"
    correct_suggestion(
        station,
        volunteer,
        rec.id,
        title="投放点",
        content=new_content,
        location=None,
        reason="补充",
    )
    assert {r.title for r in list_page(station, query="分类座谈")} == {"投放点", "宣传"}
    assert [r.title for r in list_page(station, query="八点")] == ["投放点"]
