"""Small builders shared by the security tests."""

from __future__ import annotations

from station_app.clock import iso
from station_app.domain import Channel, FeedbackMethod, Status
from station_app.services.forms import SuggesterForm, SuggestionForm
from station_app.services.suggestions import add_status_in, record_suggestion
from station_app.store import Station
from station_app.store.models import Operator, Suggestion

MARK_NAME = "测试标记甲乙"
MARK_PHONE = "13900001111"
MARK_ADDRESS = "标记路77号"


def form(
    name: str = MARK_NAME,
    phone: str = MARK_PHONE,
    address: str = MARK_ADDRESS,
    *,
    wants_feedback: bool = True,
    consent: bool = True,
    title: str = "小区门口停车难的建议",
) -> SuggestionForm:
    return SuggestionForm(
        channel=Channel.FACE_TO_FACE,
        category_code="PRK",
        title=title,
        content="晚上停车非常困难，建议增加车位。",
        location="普陀区长寿路",
        suggester=SuggesterForm(
            name=name,
            phone=phone,
            address=address,
            wants_feedback=wants_feedback,
            feedback_method=FeedbackMethod.PHONE if wants_feedback else FeedbackMethod.NONE,
            consent_given=consent,
        ),
    )


def record(station: Station, actor: Operator, **kw: object) -> int:
    return record_suggestion(station, actor, form(**kw)).id  # type: ignore[arg-type]


def move(station: Station, suggestion_id: int, *statuses: str, hq_id: str | None = "HQ-1") -> None:
    """Simulate HQ acknowledging and later states, each event at the clock's time."""
    with station.db.write() as s:
        sug = s.get(Suggestion, suggestion_id)
        assert sug is not None
        if hq_id:
            sug.hq_id = f"{hq_id}-{suggestion_id}"
        for st in statuses:
            add_status_in(
                s,
                station,
                sug,
                st,
                source="hq" if st != Status.CLOSED else "station",
                at=iso(station.clock.now()),
            )


def add_letter_scans(station: Station, operator_id: int, shas: list[str]) -> int:
    """A postbox collection with one letter and its scans; returns the letter id."""
    now = iso(station.clock.now())
    with station.db.write() as s:
        conn = s.connection().connection.dbapi_connection
        cid = conn.execute(
            "INSERT INTO postbox_collection(postbox_code, opened_at, opened_by, witness, "
            "letter_count) VALUES ('PB-1', ?, ?, 'witness-id-1', 1)",
            (now, operator_id),
        ).lastrowid
        lid = conn.execute("INSERT INTO letter(collection_id, seq) VALUES (?, 1)", (cid,)).lastrowid
        for i, sha in enumerate(shas):
            conn.execute(
                "INSERT INTO scan(sha256, mime, original_name, size, letter_id, page_order, "
                "ocr_text, imported_at) VALUES (?, 'image/png', 'letter.png', 10, ?, ?, ?, ?)",
                (sha, lid, i, "OCR text of the letter", now),
            )
    return lid
