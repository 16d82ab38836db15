"""HQ's administrator actions, straight on the database (used by ``hq-admin`` and tests).

Each action that HQ takes on a suggestion appends an event to its station's change feed.
"""

from __future__ import annotations

import json
import re
import secrets
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import select

from sync.server.context import token_hash
from sync.server.db import create_schema, make_engine, read_session, write_session
from sync.server.models import (
    Campaign,
    Category,
    EnrolmentCode,
    QuarantinedItem,
    Station,
    Suggestion,
    utcnow,
)
from sync.server.routes_station import add_change_event

HQ_STATES = (
    "accepted",
    "not_accepted",
    "merged_duplicate",
    "forwarded",
    "in_progress",
    "replied",
    "implemented",
)
OUTCOMES = ("adopted", "partially_adopted", "for_reference", "not_adopted")
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_VALIDITY = timedelta(days=7)


class AdminError(Exception):
    """An admin action that cannot be done (unknown uuid, bad state)."""


class HQAdmin:
    def __init__(self, database_url: str, engine: Engine | None = None) -> None:
        self.engine = engine or make_engine(database_url)
        create_schema(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def issue_code(
        self,
        station_code: str,
        station_name: str | None = None,
        valid_for: timedelta = CODE_VALIDITY,
    ) -> str:
        """A one-time enrolment code for ``station_code`` (only its hash is stored), which
        expires after ``valid_for``."""
        raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
        code = "-".join(raw[i : i + 4] for i in range(0, 12, 4))
        with write_session(self.engine) as session:
            session.add(
                EnrolmentCode(
                    code_hash=token_hash(code),
                    station_code=station_code,
                    expires_at=utcnow() + valid_for,
                )
            )
            if session.exec(select(Station).where(Station.code == station_code)).first() is None:
                session.add(Station(code=station_code, name=station_name or station_code))
        return code

    def list(self, station_code: str | None = None, limit: int = 1000) -> list[dict[str, Any]]:
        """Suggestions without personal data, newest first."""
        with read_session(self.engine) as session:
            query = select(Suggestion, Station.code).join(Station)
            if station_code:
                query = query.where(Station.code == station_code)
            rows = session.exec(query.order_by(Suggestion.id.desc()).limit(limit)).all()
            return [
                {
                    "uuid": s.uuid,
                    "hq_id": s.hq_id,
                    "station": code,
                    "receipt_no": s.receipt_no,
                    "status": s.hq_status,
                    "outcome": s.outcome,
                    "title": s.title,
                }
                for s, code in rows
            ]

    def count(self) -> int:
        with read_session(self.engine) as session:
            return session.exec(select(func.count()).select_from(Suggestion)).one()

    def quarantined(self, uuid: str) -> list[dict[str, Any]]:
        with read_session(self.engine) as session:
            rows = session.exec(select(QuarantinedItem).where(QuarantinedItem.uuid == uuid.lower()))
            return [json.loads(r.body) for r in rows]

    def suggestion(self, uuid: str) -> dict[str, Any]:
        """The stored record (personal data included), for checks in tests."""
        from sync.server.models import Suggester

        with read_session(self.engine) as session:
            row = self._get(session, uuid)
            person = session.get(Suggester, row.id)
            data = row.model_dump()
            data["hq_id"] = row.hq_id
            data["suggester"] = person.model_dump() if person else None
            return data

    def set_status(self, uuid: str, status: str, note: str | None = None) -> None:
        if status not in HQ_STATES:
            raise AdminError(f"status must be one of {', '.join(HQ_STATES)}")
        self._event(uuid, "status", status=status, note=note)

    def reply(self, uuid: str, text: str, due_date: str | None = None) -> None:
        self._event(uuid, "reply", status="replied", reply_text=text, due_date=_date(due_date))

    def outcome(self, uuid: str, outcome: str, note: str | None = None) -> None:
        if outcome not in OUTCOMES:
            raise AdminError(f"outcome must be one of {', '.join(OUTCOMES)}")
        self._event(uuid, "outcome", outcome=outcome, note=note)

    def award(self, uuid: str, note: str | None = None) -> None:
        self._event(uuid, "award", note=note)

    def deadline(self, uuid: str, due_date: str, note: str | None = None) -> None:
        self._event(uuid, "deadline", due_date=_date(due_date), note=note)

    def load_lists(self, data: dict[str, Any]) -> int:
        """Upsert ``{"categories": [...], "campaigns": [...]}``; returns the new version."""
        with write_session(self.engine) as session:
            version = 1 + max(
                session.exec(select(func.max(Category.version))).one() or 0,
                session.exec(select(func.max(Campaign.version))).one() or 0,
            )
            for item in data.get("categories", []):
                row = session.get(Category, item["code"]) or Category(code=item["code"], version=0)
                row.name_zh = item["name_zh"]
                row.name_en = item.get("name_en", item["name_zh"])
                row.parent = item.get("parent")
                row.active = bool(item.get("active", True))
                row.version = version
                session.add(row)
            for item in data.get("campaigns", []):
                row = session.get(Campaign, item["code"]) or Campaign(code=item["code"], version=0)
                row.title = item["title"]
                row.topic = item.get("topic", "")
                row.starts_on = _date(item["starts_on"]) or ""
                row.ends_on = _date(item["ends_on"]) or ""
                row.guidance = item.get("guidance", "")
                row.questions = json.dumps(item.get("questions", []), ensure_ascii=False)
                row.version = version
                session.add(row)
        return version

    def _get(self, session: Any, uuid: str) -> Suggestion:
        """By uuid, or by HQ id (``HQ000000123``): uuids are unique per station only, so the
        same uuid from two stations needs the HQ id."""
        if re.fullmatch(r"HQ[0-9]{9}", uuid):
            row = session.get(Suggestion, int(uuid[2:]))
            if row is None:
                raise AdminError(f"no suggestion {uuid}")
            return row
        rows = session.exec(select(Suggestion).where(Suggestion.uuid == uuid.lower())).all()
        if not rows:
            raise AdminError(f"no suggestion {uuid}")
        if len(rows) > 1:
            raise AdminError(f"{len(rows)} stations sent {uuid}; use the HQ id instead")
        return rows[0]

    def _event(self, uuid: str, kind: str, **fields: Any) -> None:
        with write_session(self.engine) as session:
            row = self._get(session, uuid)
            if fields.get("status"):
                row.hq_status = fields["status"]
            if fields.get("outcome"):
                row.outcome = fields["outcome"]
            session.add(row)
            add_change_event(session, row, kind, **fields)


def _date(value: str | None) -> str | None:
    if value is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise AdminError("dates are YYYY-MM-DD")
    date.fromisoformat(value)
    return value
