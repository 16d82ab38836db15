"""Correcting a saved suggestion (a typo in its title, content or location).

A correction never edits history: it is one transaction that rewrites the three fields,
bumps `version`, recomputes `content_hash` from the same HQ body `record_suggestion` hashes,
re-indexes the text for search, appends a history event (the status is unchanged; the note
says which version and why) and an audit line. HQ hears of it through the outbox:
- not sent yet: the waiting suggestion row goes with the corrected body and hash, so HQ only
  ever sees the corrected text;
- already sent: an outbox row of kind `correction` carries the contract's CorrectionItem
  (`event_uuid`, `suggestion_uuid`, `at`, `version`, `content_hash`, title, content,
  location); HQ stores the new text and hash, so a later resend is "already had", not a
  conflict.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from station_app.clock import iso
from station_app.domain import OutboxKind, Role, Status
from station_app.errors import InvalidState, NotFound, PermissionDenied, ValidationError
from station_app.i18n import tr
from station_app.services.common import audit, new_uuid
from station_app.services.hq_body import read_body
from station_app.services.suggestions import add_status_in, is_demo
from station_app.store import Station
from station_app.store.models import Operator, Suggestion
from station_app.store.search_rows import reindex
from station_app.store.sql import raw
from station_app.validation import Problems, clean_text

# a conflict waits for HQ and the station to agree; a closed or withdrawn one is finished
NOT_CORRECTABLE = (Status.WITHDRAWN, Status.CONFLICT, Status.CLOSED)


@dataclass(frozen=True)
class Correction:
    version: int
    content_hash: str
    queued_event: str | None  # the correction event's uuid, if one was queued for HQ


def may_correct(actor: Operator | None, recorded_by: int | None) -> bool:
    """Administrators, and whoever recorded the suggestion."""
    if actor is None or not actor.active:
        return False
    return actor.role == Role.ADMIN or (recorded_by is not None and actor.id == recorded_by)


def correct_suggestion(
    station: Station,
    actor: Operator,
    suggestion_id: int,
    *,
    title: str,
    content: str,
    location: str,
    reason: str,
) -> Correction:
    """Put right a saved suggestion's title, content or location (see the module docstring)."""
    p = Problems()
    new_title = clean_text(p, "title", tr("label.title"), title, required=True)
    new_content = clean_text(
        p, "content", tr("label.content"), content, required=True, multiline=True
    )
    new_location = clean_text(p, "location", tr("label.location"), location)
    why = clean_text(p, "reason", tr("label.correction_reason"), reason, required=True)
    p.raise_if_any()
    now = iso(station.clock.now())
    with station.db.write() as s:
        sug = s.get(Suggestion, suggestion_id)
        if sug is None:
            raise NotFound(what=str(suggestion_id))
        if not may_correct(actor, sug.recorded_by):
            raise PermissionDenied("correction.not_yours")
        if sug.status in NOT_CORRECTABLE:
            raise InvalidState(status=tr(f"status.{sug.status}"))
        if (sug.title, sug.content, sug.location) == (new_title, new_content, new_location):
            raise ValidationError({"title": ("correction.unchanged", {})})
        sug.title, sug.content, sug.location = new_title or "", new_content or "", new_location
        sug.version = (sug.version or 1) + 1
        s.flush()  # the body is read from the stored row
        sug.content_hash = read_body(raw(s), sug.uuid).content_hash
        note = tr("correction.note", version=sug.version, reason=why)
        add_status_in(s, station, sug, sug.status, operator_id=actor.id, note=note)
        s.flush()
        conn = raw(s)
        reindex(conn, [suggestion_id])  # its new texts (and its session's topic)
        waiting = conn.execute(
            "SELECT 1 FROM outbox WHERE kind = ? AND ref = ? AND sent_at IS NULL",
            (OutboxKind.SUGGESTION, sug.uuid),
        ).fetchone()
        event_uuid: str | None = None
        if waiting is None and not is_demo(sug.receipt_no):  # HQ never had a demo one
            event_uuid = new_uuid()
            payload = {
                "event_uuid": event_uuid,
                "suggestion_uuid": sug.uuid,
                "at": now,
                "version": sug.version,
                "content_hash": sug.content_hash,
                "title": sug.title,
                "content": sug.content,
                "location": sug.location,
            }
            conn.execute(
                "INSERT INTO outbox(kind, ref, payload_json, created_at) VALUES (?,?,?,?)",
                (OutboxKind.CORRECTION, event_uuid, json.dumps(payload, ensure_ascii=False), now),
            )
        audit(s, station, actor, "correct", "suggestion", suggestion_id, why)
        return Correction(
            version=sug.version, content_hash=sug.content_hash, queued_event=event_uuid
        )
