"""A suggester withdraws: their data is deleted here at once and HQ is told.

One transaction: the suggester's personal fields are NULLed, the letter's scans marked
purged (files deleted right after the commit), status `withdrawn` with a history event, an
unsent copy of the suggestion is cancelled, and an outbox row of kind `withdrawal` carries
`{event_uuid, suggestion_uuid, at}` to HQ (the contract's WithdrawalItem; the reason stays
local, in the audit log, as it is free text).
"""

from __future__ import annotations

import json

from station_app.clock import iso
from station_app.domain import OutboxKind, Status
from station_app.errors import InvalidState, NotFound, ValidationError
from station_app.security import scanstore
from station_app.services import retention
from station_app.services.common import audit, new_uuid, require
from station_app.services.suggestions import add_status_in, is_demo
from station_app.store import Station
from station_app.store.models import Operator, Suggestion
from station_app.store.sql import raw


def withdraw_suggestion(station: Station, actor: Operator, suggestion_id: int, reason: str) -> str:
    """Withdraw a suggestion at its suggester's request. Returns the withdrawal's event uuid."""
    require(actor, "withdraw")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": ("field.required", {"label": "reason"})})
    now = iso(station.clock.now())
    event_uuid = new_uuid()
    with station.db.write() as s:
        sug = s.get(Suggestion, suggestion_id)
        if sug is None:
            raise NotFound(what=str(suggestion_id))
        if sug.status == Status.WITHDRAWN:
            raise InvalidState(status=sug.status)
        conn = raw(s)
        hashes = (
            [
                r[0]
                for r in conn.execute(
                    "SELECT sha256 FROM scan WHERE letter_id = ? AND purged_at IS NULL",
                    (sug.letter_id,),
                )
            ]
            if sug.letter_id
            else []
        )
        retention.erase_personal_in(s, now, suggestion_id)
        retention.erase_scans_in(s, now, hashes)
        add_status_in(s, station, sug, Status.WITHDRAWN, operator_id=actor.id)
        conn.execute(
            "UPDATE outbox SET sent_at = ?, result = 'cancelled: withdrawn' "
            "WHERE kind = ? AND ref = ? AND sent_at IS NULL",
            (now, OutboxKind.SUGGESTION, sug.uuid),
        )
        if not is_demo(sug.receipt_no):  # HQ never had a demo suggestion
            payload = {"event_uuid": event_uuid, "suggestion_uuid": sug.uuid, "at": now}
            conn.execute(
                "INSERT INTO outbox(kind, ref, payload_json, created_at) VALUES (?,?,?,?)",
                (OutboxKind.WITHDRAWAL, event_uuid, json.dumps(payload), now),
            )
        audit(s, station, actor, "withdraw", "suggestion", suggestion_id, reason)
    for sha in hashes:
        scanstore.delete_scan_file(station.data, sha)
    return event_uuid
