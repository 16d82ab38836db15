"""HQ's tables. Own SQLAlchemy registry so they never clash with the station's tables.

Uniqueness that the contract promises (one suggestion per uuid, one idempotency key, one event
per event_uuid, one cursor position: each per station) lives in DB constraints, so any number
of workers can serve one database. Uuids are scoped by station: another station sending the
same uuid gets an item of its own, never a look at (or a conflict with) the owner's.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class HQModel(SQLModel, registry=registry()):
    """Base of HQ's tables (separate metadata from the station's SQLModel tables)."""


class Station(HQModel, table=True):
    __tablename__ = "hq_station"
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=64)
    name: str = Field(max_length=200)
    token_hash: str | None = Field(default=None, unique=True, max_length=64)
    event_seq: int = 0
    enrolled_at: datetime | None = None


class EnrolmentCode(HQModel, table=True):
    __tablename__ = "hq_enrolment_code"
    id: int | None = Field(default=None, primary_key=True)
    code_hash: str = Field(unique=True, max_length=64)
    station_code: str = Field(max_length=64)
    issued_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime | None = None
    used_at: datetime | None = None


class EnrolAttempt(HQModel, table=True):
    """Failed enrolments per client address and per station code, in a time window."""

    __tablename__ = "hq_enrol_attempt"
    key: str = Field(primary_key=True, max_length=128)
    window_start: datetime
    failures: int = 0


class Suggestion(HQModel, table=True):
    __tablename__ = "hq_suggestion"
    __table_args__ = (UniqueConstraint("station_id", "uuid"),)
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(max_length=36, index=True)
    station_id: int = Field(foreign_key="hq_station.id")
    content_hash: str = Field(max_length=64)
    receipt_no: str = Field(max_length=64)
    channel: str = Field(max_length=16)
    received_at: str = Field(max_length=40)
    recorded_by: str = Field(max_length=100)
    campaign_code: str | None = Field(default=None, max_length=64)
    category_code: str = Field(max_length=64)
    title: str = Field(sa_column=Column(Text, nullable=False))
    content: str = Field(sa_column=Column(Text, nullable=False))
    location: str | None = Field(default=None, sa_column=Column(Text))
    campaign_answers: str | None = Field(default=None, sa_column=Column(Text))
    scans: str = Field(default="[]", sa_column=Column(Text, nullable=False))
    links: str = Field(default="[]", sa_column=Column(Text, nullable=False))
    hq_status: str = Field(default="received", max_length=32)
    outcome: str | None = Field(default=None, max_length=32)
    created_at: datetime = Field(default_factory=utcnow)

    @property
    def hq_id(self) -> str:
        return hq_id_for(self.id or 0)


def hq_id_for(row_id: int) -> str:
    return f"HQ{row_id:09d}"


class Suggester(HQModel, table=True):
    """Personal data, apart from the suggestion; deleted on withdrawal."""

    __tablename__ = "hq_suggester"
    suggestion_id: int = Field(foreign_key="hq_suggestion.id", primary_key=True)
    name: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=64)
    address: str | None = Field(default=None, max_length=500)
    anonymous: bool = False
    wants_feedback: bool = False
    feedback_method: str | None = Field(default=None, max_length=32)
    consent_version: str | None = Field(default=None, max_length=32)


class QuarantinedItem(HQModel, table=True):
    """A resend of a known uuid with a different body: kept for a person to look at."""

    __tablename__ = "hq_quarantine"
    __table_args__ = (UniqueConstraint("station_id", "uuid", "content_hash"),)
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(max_length=36, index=True)
    content_hash: str = Field(max_length=64)
    station_id: int = Field(foreign_key="hq_station.id")
    body: str = Field(sa_column=Column(Text, nullable=False))
    received_at: datetime = Field(default_factory=utcnow)


class IdempotencyRecord(HQModel, table=True):
    __tablename__ = "hq_idempotency"
    __table_args__ = (UniqueConstraint("station_id", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    station_id: int = Field(foreign_key="hq_station.id")
    key: str = Field(max_length=200)
    request_hash: str = Field(max_length=64)
    response: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class StationEvent(HQModel, table=True):
    """Feedback and withdrawal events sent up by stations (idempotent by event_uuid)."""

    __tablename__ = "hq_station_event"
    __table_args__ = (UniqueConstraint("station_id", "event_uuid"),)
    id: int | None = Field(default=None, primary_key=True)
    event_uuid: str = Field(max_length=36)
    station_id: int = Field(foreign_key="hq_station.id")
    suggestion_id: int = Field(foreign_key="hq_suggestion.id", index=True)
    kind: str = Field(max_length=16)
    body_hash: str = Field(max_length=64)
    body: str = Field(sa_column=Column(Text, nullable=False))
    received_at: datetime = Field(default_factory=utcnow)


class StationScan(HQModel, table=True):
    """Which station has sent which scan. The bytes are stored once by SHA-256; a station
    sees (HEAD), links and resumes only scans it has uploaded itself."""

    __tablename__ = "hq_station_scan"
    station_id: int = Field(foreign_key="hq_station.id", primary_key=True)
    sha256: str = Field(primary_key=True, max_length=64)
    size: int
    received_at: datetime = Field(default_factory=utcnow)


class ChangeEvent(HQModel, table=True):
    """What HQ did with a suggestion; the station reads these through the change feed."""

    __tablename__ = "hq_change_event"
    __table_args__ = (UniqueConstraint("station_id", "seq"),)
    id: int | None = Field(default=None, primary_key=True)
    event_id: str = Field(unique=True, max_length=36)
    station_id: int = Field(foreign_key="hq_station.id")
    seq: int
    suggestion_id: int = Field(foreign_key="hq_suggestion.id", index=True)
    kind: str = Field(max_length=16)
    status: str | None = Field(default=None, max_length=32)
    outcome: str | None = Field(default=None, max_length=32)
    reply_text: str | None = Field(default=None, sa_column=Column(Text))
    due_date: str | None = Field(default=None, max_length=10)
    at: datetime = Field(default_factory=utcnow)
    note: str | None = Field(default=None, sa_column=Column(Text))


class Category(HQModel, table=True):
    __tablename__ = "hq_category"
    code: str = Field(primary_key=True, max_length=64)
    name_zh: str = Field(max_length=200)
    name_en: str = Field(max_length=200)
    parent: str | None = Field(default=None, max_length=64)
    active: bool = True
    version: int = Field(index=True)


class Campaign(HQModel, table=True):
    __tablename__ = "hq_campaign"
    code: str = Field(primary_key=True, max_length=64)
    title: str = Field(max_length=500)
    topic: str = Field(max_length=500)
    starts_on: str = Field(max_length=10)
    ends_on: str = Field(max_length=10)
    guidance: str = Field(sa_column=Column(Text, nullable=False))
    questions: str = Field(default="[]", sa_column=Column(Text, nullable=False))
    version: int = Field(index=True)


class GroupSession(HQModel, table=True):
    """A station's group session (contract 1.1.0), as its first speaker's item brought it."""

    __tablename__ = "hq_session"
    __table_args__ = (UniqueConstraint("station_id", "uuid"),)
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(max_length=36)
    station_id: int = Field(foreign_key="hq_station.id")
    body: str = Field(sa_column=Column(Text, nullable=False))
    received_at: datetime = Field(default_factory=utcnow)


class SuggestionSession(HQModel, table=True):
    """Which session a suggestion was made at (a table of its own: hq_suggestion predates it
    and the reference server has no migrations)."""

    __tablename__ = "hq_suggestion_session"
    suggestion_id: int = Field(primary_key=True, foreign_key="hq_suggestion.id")
    session_id: int = Field(foreign_key="hq_session.id", index=True)


class QuestionnaireResponse(HQModel, table=True):
    """One questionnaire response (contract 1.1.0)."""

    __tablename__ = "hq_questionnaire"
    __table_args__ = (UniqueConstraint("station_id", "uuid"),)
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(max_length=36)
    station_id: int = Field(foreign_key="hq_station.id")
    body_hash: str = Field(max_length=64)
    campaign_code: str = Field(max_length=64, index=True)
    answers: str = Field(sa_column=Column(Text, nullable=False))
    source: str = Field(max_length=16)
    received_at: str = Field(max_length=40)
    session_uuid: str | None = Field(default=None, max_length=36)
    created_at: datetime = Field(default_factory=utcnow)


class TestFault(HQModel, table=True):
    """A fault the test hook asked for (only used with --enable-test-faults)."""

    __tablename__ = "hq_test_fault"
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32)
    path: str = Field(default="", max_length=200)
    remaining: int = 1
    status: int = 503
    retry_after: int | None = None
    seconds: float = 0.0
