"""Shared service helpers: role checks, the audit log, settings, JSON, ids."""

from __future__ import annotations

import hashlib
import json
import uuid as uuidlib
from typing import Any

from sqlmodel import Session, select

from station_app.clock import iso
from station_app.domain import Role
from station_app.errors import NotSetUp, PermissionDenied
from station_app.i18n import tr
from station_app.store import Station
from station_app.store.models import AuditLog, Operator, Setting


def require_role(actor: Operator, *roles: Role) -> None:
    """Refuse unless the actor has one of `roles` (admins may do everything)."""
    if actor.role == Role.ADMIN or actor.role in roles:
        return
    raise PermissionDenied(role=tr(f"role.{actor.role}"))


def audit(
    session: Session,
    station: Station,
    actor: Operator | None,
    action: str,
    entity: str,
    entity_id: str | int | None = None,
    detail: str | None = None,
) -> None:
    """Record who did what to which record. Pass ids only: never personal data."""
    session.add(
        AuditLog(
            at=iso(station.clock.now()),
            operator_id=actor.id if actor else None,
            action=action,
            entity=entity,
            entity_id=None if entity_id is None else str(entity_id),
            detail=detail,
        )
    )


def get_setting(session: Session, key: str, default: str | None = None) -> str | None:
    row = session.get(Setting, key)
    return row.value if row else default


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row:
        row.value = value
        session.add(row)
    else:
        session.add(Setting(key=key, value=value))


def station_code(session: Session) -> str:
    code = get_setting(session, "station.code")
    if not code:
        raise NotSetUp()
    return code


def canonical_json(obj: Any) -> str:
    """The one JSON form that hashes agree on (station and HQ)."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def new_uuid() -> str:
    return str(uuidlib.uuid4())


def first_admin(session: Session) -> Operator:
    op = session.exec(
        select(Operator).where(Operator.role == Role.ADMIN, Operator.active).order_by(Operator.id)
    ).first()
    if op is None:
        raise NotSetUp()
    return op
