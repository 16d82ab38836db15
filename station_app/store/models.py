"""SQLModel tables: one SQLite file per station.

The DDL that creates these lives in `migrations.py` (ordered, tested from every version);
`tests/station_app/test_migrations.py` checks the two agree column for column.
Timestamps are ISO-8601 text with offset (see `station_app.clock.iso`).
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class Setting(SQLModel, table=True):
    """Key/value facts about this station: code, name, district, sync cursor, etc."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True)
    value: str


class Operator(SQLModel, table=True):
    __tablename__ = "operator"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    role: str
    pin_hash: str
    active: bool = True
    failed_attempts: int = 0
    locked_until: str | None = None
    created_at: str
    created_by: int | None = None


class Suggester(SQLModel, table=True):
    """Personal data, kept apart from the suggestion; purged after HQ has it and feedback closed."""

    __tablename__ = "suggester"

    id: int | None = Field(default=None, primary_key=True)
    name: str | None = None
    phone: str | None = None
    address: str | None = None
    anonymous: bool = False
    wants_feedback: bool = False
    feedback_method: str | None = None
    consent_version: str | None = None
    consent_at: str | None = None
    purged_at: str | None = None


class Suggestion(SQLModel, table=True):
    __tablename__ = "suggestion"

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(unique=True)
    receipt_no: str = Field(unique=True)
    channel: str
    received_at: str
    recorded_by: int = Field(foreign_key="operator.id")
    campaign_code: str | None = None
    campaign_answers: str | None = None  # JSON object
    category_code: str
    title: str
    content: str
    location: str | None = None
    status: str
    hq_id: str | None = None
    content_hash: str
    version: int = 1
    suggester_id: int | None = Field(default=None, foreign_key="suggester.id")
    letter_id: int | None = Field(default=None, foreign_key="letter.id")
    due_date: str | None = None
    created_at: str
    updated_at: str
    session_id: int | None = Field(default=None, foreign_key="group_session.id")


class GroupSession(SQLModel, table=True):
    """A group session (座谈会, 议事会, 面对面): shared by the suggestions its speakers made."""

    __tablename__ = "group_session"

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(unique=True)
    topic: str
    held_at: str
    place: str
    host: str
    officials: str | None = None
    attendees: int = 0
    campaign_code: str | None = None
    sheet_scan_id: int | None = Field(default=None, foreign_key="scan.id")
    recorded_by: int = Field(foreign_key="operator.id")
    created_at: str
    updated_at: str


class QuestionnaireResponse(SQLModel, table=True):
    """One filled-in questionnaire of a campaign (问卷征): answers, no free-text suggestion."""

    __tablename__ = "questionnaire_response"

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(unique=True)
    campaign_code: str
    answers_json: str
    source: str  # paper | station
    received_at: str
    session_id: int | None = Field(default=None, foreign_key="group_session.id")
    recorded_by: int = Field(foreign_key="operator.id")
    hq_id: str | None = None
    created_at: str


class Draft(SQLModel, table=True):
    """A suggestion being typed. Autosaved; becomes a Suggestion with the same uuid."""

    __tablename__ = "draft"

    uuid: str = Field(primary_key=True)
    operator_id: int = Field(foreign_key="operator.id")
    form_json: str
    created_at: str
    updated_at: str


class StatusEvent(SQLModel, table=True):
    """Append-only history of every state change, local or from HQ."""

    __tablename__ = "status_event"

    id: int | None = Field(default=None, primary_key=True)
    suggestion_id: int = Field(foreign_key="suggestion.id")
    status: str
    at: str
    source: str  # station | hq
    operator_id: int | None = None
    note: str | None = None
    hq_event_id: str | None = Field(default=None, unique=True)


class PostboxCollection(SQLModel, table=True):
    """Chain of custody: one opening of a red postbox."""

    __tablename__ = "postbox_collection"

    id: int | None = Field(default=None, primary_key=True)
    postbox_code: str
    opened_at: str
    opened_by: int = Field(foreign_key="operator.id")
    witness: str
    letter_count: int
    note: str | None = None
    closed_at: str | None = None


class Letter(SQLModel, table=True):
    """One letter from a collection: ends as a suggestion or with a reason it is not one."""

    __tablename__ = "letter"

    id: int | None = Field(default=None, primary_key=True)
    collection_id: int = Field(foreign_key="postbox_collection.id")
    seq: int
    outcome: str = "pending"
    reason: str | None = None  # free-text note when not a suggestion
    decided_by: int | None = None
    decided_at: str | None = None
    reason_code: str | None = None  # blank | duplicate | other_channel | other


class Scan(SQLModel, table=True):
    """A stored file (by SHA-256) and what OCR read from it."""

    __tablename__ = "scan"

    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(unique=True)
    mime: str
    original_name: str
    size: int
    pages: int = 1
    letter_id: int | None = Field(default=None, foreign_key="letter.id")
    page_order: int = 0
    prepared_sha256: str | None = None
    ocr_text: str | None = None
    ocr_confidence: float | None = None
    ocr_lines_json: str | None = None
    ocr_engine: str | None = None
    ocr_engine_version: str | None = None
    rotation: int | None = None
    status: str = "pending"  # pending | ocr_done | reviewed | failed
    error_reason: str | None = None
    verified_by: int | None = None
    imported_at: str
    purged_at: str | None = None
    verified_at: str | None = None
    form_json: str | None = None  # a paper form's fields as read (station_app.ocr.form_page)


class FormPrint(SQLModel, table=True):
    """One run of blank paper forms printed (serials first_serial .. first_serial+count-1)."""

    __tablename__ = "form_print"

    id: int | None = Field(default=None, primary_key=True)
    layout_version: str
    paper: str
    categories: str  # codes printed, "."-separated
    first_serial: int
    count: int
    printed_at: str
    printed_by: int | None = Field(default=None, foreign_key="operator.id")


class FormSerial(SQLModel, table=True):
    """A serial that went out on a printed form, and the page that first brought it back."""

    __tablename__ = "form_serial"

    serial: int | None = Field(default=None, primary_key=True)
    print_id: int = Field(foreign_key="form_print.id")
    received_at: str | None = None
    received_scan_id: int | None = Field(default=None, foreign_key="scan.id")
    times_received: int = 0


class Category(SQLModel, table=True):
    __tablename__ = "category"

    code: str = Field(primary_key=True)
    name_zh: str
    name_en: str
    parent: str | None = None
    active: bool = True
    version: int = 0


class CampaignRow(SQLModel, table=True):
    """A campaign as stored (its questions as HQ's JSON); `services.campaigns.Campaign` is
    the one the app works with, questions read and checked."""

    __tablename__ = "campaign"

    code: str = Field(primary_key=True)
    title: str
    topic: str | None = None
    starts_on: str | None = None
    ends_on: str | None = None
    guidance: str | None = None
    questions_json: str = "[]"
    version: int = 0


class Outbox(SQLModel, table=True):
    """Store-and-forward queue: written in the same transaction as what it sends."""

    __tablename__ = "outbox"

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    ref: str  # suggestion uuid, scan sha256, or event uuid
    payload_json: str | None = None
    created_at: str
    attempts: int = 0
    last_error: str | None = None
    next_attempt_at: str | None = None
    sent_at: str | None = None
    result: str | None = None


class Feedback(SQLModel, table=True):
    """What the station told the suggester (沟通反馈)."""

    __tablename__ = "feedback"

    id: int | None = Field(default=None, primary_key=True)
    event_uuid: str = Field(unique=True)
    suggestion_id: int = Field(foreign_key="suggestion.id")
    method: str
    at: str
    satisfaction: str | None = None
    comment: str | None = None
    attempts: int = 1
    operator_id: int = Field(foreign_key="operator.id")


class SuggestionLink(SQLModel, table=True):
    """“Same matter” links proposed by similarity and confirmed by a volunteer."""

    __tablename__ = "suggestion_link"

    id: int | None = Field(default=None, primary_key=True)
    from_uuid: str
    to_uuid: str
    operator_id: int
    at: str
    in_payload: bool = False  # chosen before saving: part of the suggestion's HQ body


class AuditLog(SQLModel, table=True):
    """Who did what to which record. Ids only, never personal data."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: str
    operator_id: int | None = None
    action: str
    entity: str
    entity_id: str | None = None
    detail: str | None = None


class ReceiptCounter(SQLModel, table=True):
    __tablename__ = "receipt_counter"

    day: str = Field(primary_key=True)
    last_seq: int = 0
