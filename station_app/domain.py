"""The station's words: channels, roles, statuses and the lifecycle rules between them."""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    FACE_TO_FACE = "face_to_face"
    PHONE = "phone"
    POSTBOX = "postbox"
    OTHER = "other"
    SESSION = "session"  # 座谈: a speaker at a group session (station_app/services/sessions.py)


class Role(StrEnum):
    VOLUNTEER = "volunteer"
    SCANNER = "scanner"
    ADMIN = "admin"


class FeedbackMethod(StrEnum):
    PHONE = "phone"
    VISIT = "visit"
    LETTER = "letter"
    NONE = "none"


class Status(StrEnum):
    DRAFT = "draft"
    RECORDED = "recorded"
    SENT = "sent"
    CONFLICT = "conflict"
    # HQ's states
    ACCEPTED = "accepted"
    NOT_ACCEPTED = "not_accepted"
    MERGED_DUPLICATE = "merged_duplicate"
    FORWARDED = "forwarded"
    IN_PROGRESS = "in_progress"
    REPLIED = "replied"
    # outcomes
    ADOPTED = "adopted"
    PARTIALLY_ADOPTED = "partially_adopted"
    FOR_REFERENCE = "for_reference"
    NOT_ADOPTED = "not_adopted"
    IMPLEMENTED = "implemented"
    # station side
    FEEDBACK_DUE = "feedback_due"
    FEEDBACK_GIVEN = "feedback_given"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"
    REOPENED = "reopened"


HQ_STATES = frozenset(
    {
        Status.ACCEPTED,
        Status.NOT_ACCEPTED,
        Status.MERGED_DUPLICATE,
        Status.FORWARDED,
        Status.IN_PROGRESS,
        Status.REPLIED,
        Status.ADOPTED,
        Status.PARTIALLY_ADOPTED,
        Status.FOR_REFERENCE,
        Status.NOT_ADOPTED,
        Status.IMPLEMENTED,
    }
)
OUTCOMES = frozenset(
    {Status.ADOPTED, Status.PARTIALLY_ADOPTED, Status.FOR_REFERENCE, Status.NOT_ADOPTED}
)
# Editing the body is allowed only while HQ has not got it: afterwards HQ owns the record.
EDITABLE_STATES = frozenset({Status.DRAFT, Status.RECORDED})


class LetterOutcome(StrEnum):
    PENDING = "pending"
    SUGGESTION = "suggestion"
    BLANK = "blank"
    DUPLICATE = "duplicate"
    OTHER_CHANNEL = "other_channel"
    NOT_A_SUGGESTION = "not_a_suggestion"


class OutboxKind(StrEnum):
    SUGGESTION = "suggestion"
    SCAN = "scan"
    FEEDBACK = "feedback"
    WITHDRAWAL = "withdrawal"
    LINK = "link"
    CORRECTION = "correction"
    QUESTIONNAIRE = "questionnaire"  # one questionnaire response (services/questionnaires.py)


class Satisfaction(StrEnum):
    SATISFIED = "satisfied"
    BASICALLY_SATISFIED = "basically_satisfied"
    NOT_SATISFIED = "not_satisfied"
