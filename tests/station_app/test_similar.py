"""Similar suggestions while typing, and "same matter" links (to HQ inside a new suggestion)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from station_app.errors import NotFound, PermissionDenied, ValidationError
from station_app.hashing import content_hash
from station_app.services.forms import SuggesterForm, SuggestionForm
from station_app.services.hq_body import read_body
from station_app.services.outbox import pending_suggestions
from station_app.services.similar import link, linked, similar, unlink
from station_app.services.suggestions import Recorded, record_suggestion
from station_app.store import Station
from station_app.store.models import Operator, Suggestion
from station_app.store.sql import raw

EARLIER = [
    ("小区门口停车难", "小区门口晚上停车非常困难，车辆乱停占用消防通道，建议划定临时停车位。"),
    ("加装电梯审批太慢", "我们楼里老人多，上下楼很不方便，希望加快加装电梯的审批。"),
    ("菜场油烟扰民", "菜场旁边的餐馆油烟很大，楼上居民不敢开窗，建议安装油烟净化设备。"),
    ("窨井盖松动", "长寿路一百弄门口的窨井盖松动，夜里车辆压过去声音很响，影响休息。"),
    ("公园健身器材老化", "公园东门的健身器材老化生锈，老人锻炼不安全，建议更换。"),
    ("垃圾分类投放时间太短", "垃圾分类投放点早上开放时间太短，上班族赶不上，建议延长。"),
]


def save(station: Station, actor: Operator, title: str, content: str, **kw: object) -> Recorded:
    form = SuggestionForm(
        category_code="OTH",
        title=title,
        content=content,
        suggester=SuggesterForm(anonymous=True),
        **kw,  # type: ignore[arg-type]
    )
    return record_suggestion(station, actor, form)


@pytest.fixture
def earlier(station: Station, volunteer: Operator) -> dict[str, Recorded]:
    return {t: save(station, volunteer, t, c) for t, c in EARLIER}


def test_paraphrase_ranks_above_unrelated(
    station: Station, volunteer: Operator, earlier: dict[str, Recorded]
) -> None:
    hits = similar(
        station,
        volunteer,
        "窨井盖晚上响",
        "长寿路一百弄那里的窨井盖松了，晚上车子压过去很响，吵得睡不着。",
    )
    assert hits, "the paraphrase found nothing"
    assert hits[0].receipt_no == earlier["窨井盖松动"].receipt_no
    assert hits[0].title == "窨井盖松动" and "窨井盖" in hits[0].snippet
    assert hits[0].status == "recorded"
    others = {h.uuid for h in hits[1:]}
    assert earlier["菜场油烟扰民"].uuid not in others
    assert all(h.score < hits[0].score for h in hits[1:])


def test_title_only_finds_the_matter(
    station: Station, volunteer: Operator, earlier: dict[str, Recorded]
) -> None:
    hits = similar(station, volunteer, "加装电梯", "")
    assert [h.uuid for h in hits][:1] == [earlier["加装电梯审批太慢"].uuid]


def test_unrelated_text_proposes_nothing(
    station: Station, volunteer: Operator, earlier: dict[str, Recorded]
) -> None:
    assert similar(station, volunteer, "鹦鹉叫声", "邻居家养的鹦鹉每天清晨大声鸣叫。") == []


@pytest.mark.parametrize(
    ("title", "content"), [("", ""), ("电梯", ""), ("的了是", "的的的的了了"), ("！？", "。。")]
)
def test_very_short_input_gives_nothing(
    station: Station, volunteer: Operator, earlier: dict[str, Recorded], title: str, content: str
) -> None:
    assert similar(station, volunteer, title, content) == []


def test_the_suggestion_being_edited_is_left_out(
    station: Station, volunteer: Operator, earlier: dict[str, Recorded]
) -> None:
    title, content = EARLIER[3]
    mine = earlier[title].uuid
    assert similar(station, volunteer, title, content)[0].uuid == mine
    assert mine not in {
        h.uuid for h in similar(station, volunteer, title, content, exclude_uuid=mine)
    }


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=st.text(max_size=40), content=st.text(max_size=300))
def test_never_crashes_on_any_text(
    station: Station, volunteer: Operator, earlier: dict[str, Recorded], title: str, content: str
) -> None:
    hits = similar(station, volunteer, title, content + "😀\x00\u200b\ud7ff\"'*")
    assert all(0 < h.score <= 1 for h in hits)


def test_links_chosen_before_saving_go_to_hq_in_the_body(
    station: Station, volunteer: Operator, earlier: dict[str, Recorded]
) -> None:
    target = earlier["窨井盖松动"]
    rec = save(
        station,
        volunteer,
        "窨井盖又松了",
        "长寿路一百弄门口的窨井盖还是松动，晚上很吵。",
        links=[target.uuid.upper(), target.uuid, "not-a-uuid"],
    )
    with station.db.read() as s:
        sug = s.get(Suggestion, rec.id)
        assert sug is not None
        body = read_body(raw(s), sug.uuid).body
    assert body["links"] == [target.uuid]
    assert content_hash(body) == sug.content_hash  # the hash covers the link
    sent = {o.uuid: o.body for o in pending_suggestions(station, 100)}
    assert sent[rec.uuid]["links"] == [target.uuid]
    assert sent[rec.uuid]["content_hash"] == content_hash(sent[rec.uuid])
    assert sent[target.uuid]["links"] == []
    assert [(x.uuid, x.direction, x.reaches_hq) for x in linked(station, rec.uuid)] == [
        (target.uuid, "to", True)
    ]
    assert [(x.uuid, x.direction) for x in linked(station, target.uuid)] == [(rec.uuid, "from")]
    # linking again is not a second link; a link inside HQ's body cannot be undone here
    assert link(station, volunteer, rec.uuid, target.uuid).created is False
    assert unlink(station, volunteer, rec.uuid, target.uuid) is False


def test_link_after_saving_stays_local_and_keeps_the_hash(
    station: Station, volunteer: Operator, earlier: dict[str, Recorded]
) -> None:
    a, b = earlier["窨井盖松动"], earlier["菜场油烟扰民"]
    with station.db.read() as s:
        before = s.get(Suggestion, a.id).content_hash  # type: ignore[union-attr]
    result = link(station, volunteer, a.uuid, b.uuid)
    assert result.created and not result.reaches_hq
    sent = {o.uuid: o.body for o in pending_suggestions(station, 100)}
    assert sent[a.uuid]["links"] == []  # no false conflict at HQ
    assert sent[a.uuid]["content_hash"] == before == content_hash(sent[a.uuid])
    assert [x.uuid for x in linked(station, a.uuid)] == [b.uuid]
    assert unlink(station, volunteer, a.uuid, b.uuid) is True
    assert linked(station, a.uuid) == []


def test_link_refuses_nonsense(
    station: Station, volunteer: Operator, earlier: dict[str, Recorded]
) -> None:
    a = earlier["窨井盖松动"].uuid
    with pytest.raises(ValidationError):
        link(station, volunteer, a, a)
    with pytest.raises(NotFound):
        link(station, volunteer, a, "0b0f9c1e-7d1c-4a52-9d7e-3f1f2b0e9a11")
    with pytest.raises(NotFound):
        link(station, volunteer, a, "not a uuid")
    volunteer.active = False  # a deactivated operator's session
    with pytest.raises(PermissionDenied):
        similar(station, volunteer, "窨井盖松动", "窨井盖松动了")
