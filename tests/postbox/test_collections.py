"""Chain of custody: a collection is opened with a witness and a count, every letter ends as
a suggestion or with a reason, and only then can it be closed."""

from __future__ import annotations

import datetime as dt

import pytest

from station_app.clock import CHINA_TZ, FixedClock
from station_app.errors import PermissionDenied, StationError, ValidationError
from station_app.i18n import tr
from station_app.postbox.collections import (
    NOT_SUGGESTION_REASONS,
    CollectionInfo,
    add_letter,
    close_collection,
    get_collection,
    letters,
    list_collections,
    mark_not_suggestion,
    open_collection,
    reopen_letter,
)
from station_app.store import Station
from station_app.store.models import Operator

MORNING = dt.datetime(2026, 11, 25, 8, 0, tzinfo=CHINA_TZ)


def audit_actions(station: Station) -> list[tuple[str, str, str | None]]:
    with station.db.read() as s:
        conn = s.connection().connection.dbapi_connection
        return [
            tuple(r)
            for r in conn.execute("SELECT action, entity, detail FROM audit_log ORDER BY id")
        ]


def test_open_creates_pending_letters_and_is_logged(station: Station, scanner: Operator) -> None:
    info = open_collection(
        station,
        scanner,
        postbox_code="pt-csl01-a",
        opened_at=MORNING,
        witness="王管理",
        letter_count=3,
        note="雨天，信件略潮",
    )
    assert info.postbox_code == "PT-CSL01-A" and info.opened_by_name == "赵扫描"
    assert (info.letter_count, info.pending, info.recorded, info.not_suggestion) == (3, 3, 0, 0)
    assert not info.reconciled and not info.closed
    assert [(ltr.seq, ltr.outcome) for ltr in letters(station, scanner, info.id)] == [
        (1, "pending"),
        (2, "pending"),
        (3, "pending"),
    ]
    assert ("postbox_open", "postbox_collection", "letters=3") in audit_actions(station)


@pytest.mark.parametrize(
    ("changes", "field", "key"),
    [
        ({"postbox_code": "  "}, "postbox_code", "field.required"),
        ({"witness": ""}, "witness", "field.required"),
        ({"witness": "赵扫描"}, "witness", "postbox.error.witness_is_opener"),
        ({"letter_count": -1}, "letter_count", "postbox.error.count_range"),
        ({"letter_count": 501}, "letter_count", "postbox.error.count_range"),
        (
            {"opened_at": dt.datetime(2026, 11, 25, 10, 0, tzinfo=CHINA_TZ)},
            "opened_at",
            "postbox.error.opened_in_future",
        ),
    ],
)
def test_open_refuses_bad_input_and_writes_nothing(
    station: Station, scanner: Operator, changes: dict, field: str, key: str
) -> None:
    kwargs = {
        "postbox_code": "PT-CSL01-A",
        "opened_at": MORNING,
        "witness": "王管理",
        "letter_count": 2,
        **changes,
    }
    with pytest.raises(ValidationError) as err:
        open_collection(station, scanner, **kwargs)
    assert err.value.problems[field][0] == key
    assert tr(key, **err.value.problems[field][1]) in err.value.message()
    assert list_collections(station, scanner) == []


def test_zero_letters_is_a_valid_empty_opening(station: Station, scanner: Operator) -> None:
    info = open_collection(
        station, scanner, postbox_code="B", opened_at=MORNING, witness="王管理", letter_count=0
    )
    assert info.reconciled
    assert close_collection(station, scanner, info.id).closed


def test_every_letter_decided_before_close(
    station: Station, scanner: Operator, collection: CollectionInfo, clock: FixedClock
) -> None:
    first, second = letters(station, scanner, collection.id)
    with pytest.raises(StationError) as err:
        close_collection(station, scanner, collection.id)
    assert err.value.key == "postbox.error.not_reconciled" and err.value.params["pending"] == 2
    assert "2 封信未处理" in err.value.message("zh_CN")

    assert mark_not_suggestion(station, scanner, first.id, "blank").reason_code == "blank"
    with pytest.raises(StationError) as err:
        mark_not_suggestion(station, scanner, second.id, "other")
    assert err.value.key == "postbox.error.note_required"
    with pytest.raises(StationError) as err:
        mark_not_suggestion(station, scanner, second.id, "complaint")
    assert err.value.key == "postbox.error.bad_reason"
    marked = mark_not_suggestion(station, scanner, second.id, "other", "广告传单")
    assert (marked.outcome, marked.reason_code, marked.reason_note) == (
        "not_suggestion",
        "other",
        "广告传单",
    )
    with pytest.raises(StationError) as err:  # already decided
        mark_not_suggestion(station, scanner, second.id, "blank")
    assert err.value.key == "postbox.error.letter_decided"

    # a letter found later in the box: the count goes up and must be decided too
    late = add_letter(station, scanner, collection.id)
    assert late.seq == 3 and get_collection(station, scanner, collection.id).letter_count == 3
    with pytest.raises(StationError):
        close_collection(station, scanner, collection.id)
    mark_not_suggestion(station, scanner, late.id, "duplicate")

    # changing one's mind while it is open
    assert reopen_letter(station, scanner, first.id).outcome == "pending"
    assert not get_collection(station, scanner, collection.id).reconciled
    mark_not_suggestion(station, scanner, first.id, "other_channel")

    info = get_collection(station, scanner, collection.id)
    assert (info.not_suggestion, info.pending, info.reconciled) == (3, 0, True)
    clock.advance(hours=1)
    closed = close_collection(station, scanner, collection.id)
    assert closed.closed_at is not None
    assert list_collections(station, scanner, open_only=True) == []
    for action in (reopen_letter, lambda *a: add_letter(station, scanner, collection.id)):
        with pytest.raises(StationError) as err:
            action(station, scanner, first.id)
        assert err.value.key == "postbox.error.collection_closed"
    actions = [a for a, _, _ in audit_actions(station)]
    for expected in ("letter_not_suggestion", "letter_add", "letter_reopen", "postbox_close"):
        assert expected in actions


def test_list_is_newest_first(station: Station, scanner: Operator) -> None:
    for day in (20, 24, 22):
        open_collection(
            station,
            scanner,
            postbox_code=f"BOX-{day}",
            opened_at=dt.datetime(2026, 11, day, 9, tzinfo=CHINA_TZ),
            witness="王管理",
            letter_count=1,
        )
    assert [c.postbox_code for c in list_collections(station, scanner)] == [
        "BOX-24",
        "BOX-22",
        "BOX-20",
    ]


def test_reasons_have_labels_in_both_languages() -> None:
    for code in NOT_SUGGESTION_REASONS:
        zh, en = tr(f"postbox.reason.{code}", lang="zh_CN"), tr(f"postbox.reason.{code}", lang="en")
        assert zh != f"postbox.reason.{code}" and en != zh


def test_a_volunteer_is_refused(
    station: Station, volunteer: Operator, scanner: Operator, collection: CollectionInfo
) -> None:
    first = letters(station, scanner, collection.id)[0]
    calls = [
        lambda: open_collection(
            station,
            volunteer,
            postbox_code="X",
            opened_at=MORNING,
            witness="王管理",
            letter_count=1,
        ),
        lambda: list_collections(station, volunteer),
        lambda: letters(station, volunteer, collection.id),
        lambda: mark_not_suggestion(station, volunteer, first.id, "blank"),
        lambda: add_letter(station, volunteer, collection.id),
        lambda: close_collection(station, volunteer, collection.id),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert letters(station, scanner, collection.id)[0].outcome == "pending"
    assert get_collection(station, scanner, collection.id).letter_count == 2
