"""Request bodies as strict pydantic models mirroring ``sync/openapi.yaml``.

Strict and closed (``extra="forbid"``) so that anything the contract does not allow is a 422,
never silently coerced.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from sync.server.limits import MAX_BATCH_ITEMS, MAX_ENROL_BODY, MAX_JSON_BODY, MAX_SCAN_BYTES

__all__ = ["MAX_BATCH_ITEMS", "MAX_ENROL_BODY", "MAX_JSON_BODY", "MAX_SCAN_BYTES"]

Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
Uuid = Annotated[
    str,
    Field(pattern=r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"),
]


def _real_time(value: str) -> str:
    """The pattern admits 2026-13-45T99:99:99Z; a time must also exist on the calendar."""
    try:
        datetime.fromisoformat(value.upper().replace(" ", "T"))
    except ValueError:
        raise ValueError("not a real date and time") from None
    return value


DateTime = Annotated[
    str,
    Field(
        max_length=40,
        pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?"
        r"([Zz]|[+-][0-9]{2}:[0-9]{2})$",
    ),
    AfterValidator(_real_time),
]
# Campaign answers are flat: one text, number or yes/no per question key (at most 100).
AnswerText = Annotated[str, Field(max_length=2000)]
Answer = AnswerText | int | float | bool | None | Annotated[list[AnswerText], Field(max_length=50)]
CampaignAnswers = Annotated[
    dict[Annotated[str, Field(min_length=1, max_length=100)], Answer], Field(max_length=100)
]


def _s(lo: int, hi: int) -> Any:
    return Field(min_length=lo, max_length=hi)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class EnrolRequest(_Strict):
    station_code: str = _s(1, 64)
    station_name: str = _s(1, 200)
    enrolment_code: str = _s(1, 64)


class SuggesterIn(_Strict):
    name: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=64)
    address: str | None = Field(default=None, max_length=500)
    anonymous: bool
    wants_feedback: bool
    feedback_method: str | None = Field(default=None, max_length=32)
    consent_version: str | None = Field(default=None, max_length=32)


class SuggestionItemV10(_Strict):
    """A suggestion as contract 1.0.0 has it (what an older HQ accepts)."""

    uuid: Uuid
    content_hash: Sha256
    receipt_no: str = _s(1, 64)
    channel: Literal["face_to_face", "phone", "postbox", "other"]
    received_at: DateTime
    recorded_by: str = _s(1, 100)
    campaign_code: str | None = Field(default=None, max_length=64)
    category_code: str = _s(1, 64)
    title: str = _s(1, 500)
    content: str = _s(1, 100000)
    location: str | None = Field(default=None, max_length=500)
    campaign_answers: CampaignAnswers | None = None
    suggester: SuggesterIn | None = None
    scans: list[Sha256] = Field(max_length=100)
    links: list[Uuid] = Field(max_length=100)


class SessionIn(_Strict):
    """The group session a speaker's suggestion was made at (contract 1.1.0)."""

    uuid: Uuid
    topic: str = _s(1, 200)
    held_at: DateTime
    place: str = _s(1, 200)
    host: str = _s(1, 100)
    officials: str | None = Field(default=None, max_length=500)
    attendees: int = Field(ge=0, le=100_000)
    campaign_code: str | None = Field(default=None, max_length=64)


class SuggestionItem(SuggestionItemV10):
    """Contract 1.1.0: channel `session` and the session it was made at."""

    channel: Literal["face_to_face", "phone", "postbox", "other", "session"]  # type: ignore[assignment]
    session: SessionIn | None = None


class SuggestionBatchV10(_Strict):
    items: list[SuggestionItemV10]  # the 500 limit is a 413, checked by the route


class SuggestionBatch(_Strict):
    items: list[SuggestionItem]  # the 500 limit is a 413, checked by the route


class QuestionnaireItem(_Strict):
    """One filled-in questionnaire of a campaign (contract 1.1.0)."""

    uuid: Uuid
    campaign_code: str = _s(1, 64)
    answers: CampaignAnswers
    source: Literal["paper", "station"]
    received_at: DateTime
    session_uuid: Uuid | None = None


class QuestionnaireBatch(_Strict):
    items: list[QuestionnaireItem]


class FeedbackItem(_Strict):
    event_uuid: Uuid
    suggestion_uuid: Uuid
    method: Literal["phone", "visit", "letter", "other", "unreachable"]
    at: DateTime
    satisfaction: Literal["satisfied", "basically_satisfied", "not_satisfied"] | None = None
    comment: str | None = Field(default=None, max_length=5000)
    attempts: int | None = Field(default=None, ge=0, le=1000)


class FeedbackBatch(_Strict):
    items: list[FeedbackItem]


class WithdrawalItem(_Strict):
    event_uuid: Uuid
    suggestion_uuid: Uuid
    at: DateTime
    reason: str | None = Field(default=None, max_length=2000)


class WithdrawalBatch(_Strict):
    items: list[WithdrawalItem]


class CorrectionItem(_Strict):
    event_uuid: Uuid
    suggestion_uuid: Uuid
    at: DateTime
    version: int = Field(ge=2, le=1_000_000)
    content_hash: Sha256
    title: str = _s(1, 500)
    content: str = _s(1, 100000)
    location: str | None = Field(default=None, max_length=500)


class CorrectionBatch(_Strict):
    items: list[CorrectionItem]
