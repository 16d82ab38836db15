"""Request bodies as strict pydantic models mirroring ``sync/openapi.yaml``.

Strict and closed (``extra="forbid"``) so that anything the contract does not allow is a 422,
never silently coerced.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
Uuid = Annotated[
    str,
    Field(pattern=r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"),
]
DateTime = Annotated[
    str,
    Field(
        max_length=40,
        pattern=r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$",
    ),
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


class SuggestionItem(_Strict):
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
    campaign_answers: dict[str, Any] | None = None
    suggester: SuggesterIn | None = None
    scans: list[Sha256] = Field(max_length=100)
    links: list[Uuid] = Field(max_length=100)


class SuggestionBatch(_Strict):
    items: list[SuggestionItem]  # the 500 limit is a 413, checked by the route


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


MAX_BATCH_ITEMS = 500
MAX_JSON_BODY = 32 * 1024 * 1024
MAX_SCAN_BYTES = 50 * 1024 * 1024
