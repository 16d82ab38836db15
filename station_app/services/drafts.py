"""Drafts: the form as it is being typed, autosaved so a crash loses at most a second.

A draft's uuid is made at the first keystroke and becomes the suggestion's uuid when saved.
A speaker's row on the 座谈会 page is a draft too, with its session (`session_id`): offered
back at login, it reopens that session with the row as typed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import delete
from sqlmodel import col, select

from station_app.clock import iso
from station_app.services.common import new_uuid
from station_app.services.forms import SuggestionForm
from station_app.store import Station
from station_app.store.models import Draft, Operator


@dataclass
class DraftView:
    uuid: str
    form: SuggestionForm
    updated_at: str
    session_id: int | None = None  # a speaker's row at this group session


def start_draft() -> str:
    """A new uuid for a suggestion being typed (the form calls this at the first keystroke)."""
    return new_uuid()


def save_draft(
    station: Station,
    actor: Operator,
    uuid: str,
    form: SuggestionForm,
    *,
    session_id: int | None = None,
) -> None:
    """Durably store the form as typed so far (no validation: half-typed is fine)."""
    now = iso(station.clock.now())
    data = form.to_dict()
    if session_id is not None:
        data["session_id"] = session_id  # `SuggestionForm.from_dict` skips it
    body = json.dumps(data, ensure_ascii=False)
    with station.db.write() as s:
        row = s.get(Draft, uuid)
        if row is None:
            s.add(
                Draft(
                    uuid=uuid,
                    operator_id=actor.id or 0,
                    form_json=body,
                    created_at=now,
                    updated_at=now,
                )
            )
        else:
            row.form_json = body
            row.updated_at = now
            s.add(row)


def drafts_for(station: Station, actor: Operator) -> list[DraftView]:
    """Unfinished drafts of this operator, newest first (offered back at login)."""
    with station.db.read() as s:
        rows = s.exec(
            select(Draft).where(Draft.operator_id == actor.id).order_by(Draft.updated_at.desc())  # type: ignore[attr-defined]
        )
        views = []
        for d in rows:
            data = json.loads(d.form_json)
            session_id = data.get("session_id")
            views.append(
                DraftView(
                    uuid=d.uuid,
                    form=SuggestionForm.from_dict(data),
                    updated_at=d.updated_at,
                    session_id=session_id if isinstance(session_id, int) else None,
                )
            )
        return views


def discard_draft(station: Station, actor: Operator, uuid: str) -> None:
    with station.db.write() as s:
        s.execute(delete(Draft).where(col(Draft.uuid) == uuid, col(Draft.operator_id) == actor.id))
