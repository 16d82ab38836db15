"""Shared service helpers: role checks, the audit log, settings, JSON, ids.

Who may do what is decided here, once (`PERMISSIONS`); services call `require(actor, ...)`
or `require_role(...)` before they touch data, so the UI hiding a button is never the only
fence.
"""

from __future__ import annotations

import hashlib
import json
import uuid as uuidlib
from typing import Any

from sqlmodel import Session, col, select

from station_app.clock import iso
from station_app.domain import Role
from station_app.errors import NotSetUp, PermissionDenied
from station_app.i18n import tr
from station_app.store import Station
from station_app.store.models import AuditLog, Operator, Setting

# action -> roles allowed besides admin (admins may do everything)
PERMISSIONS: dict[str, frozenset[Role]] = {
    "record": frozenset({Role.VOLUNTEER, Role.SCANNER}),
    "view_masked": frozenset({Role.VOLUNTEER, Role.SCANNER}),
    "print": frozenset({Role.VOLUNTEER, Role.SCANNER}),
    "postbox": frozenset({Role.SCANNER}),
    # a suggester's own request, taken at the desk: erasure should not wait for an admin
    "withdraw": frozenset({Role.VOLUNTEER}),
    "view_unmasked": frozenset(),
    "export": frozenset(),
    "purge": frozenset(),
    "manage_operators": frozenset(),
    "view_audit": frozenset(),
    "change_settings": frozenset(),
}


def can(actor: Operator | None, action: str) -> bool:
    """Whether `actor` may do `action` (an unknown action is refused, a typo fails closed)."""
    if actor is None or not actor.active:
        return False
    if actor.role == Role.ADMIN:
        return True
    return actor.role in PERMISSIONS.get(action, frozenset())


def require(actor: Operator | None, action: str) -> None:
    """Refuse unless `actor` may do `action` (see PERMISSIONS)."""
    if not can(actor, action):
        role = actor.role if actor is not None else "none"
        raise PermissionDenied(role=tr(f"role.{role}"))


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
    """Record who did what to which record. Pass ids only: never personal data.
    Free text in `detail` (an admin's reason) has phone and ID numbers masked as a fence."""
    if detail:
        from station_app.logs import scrub_identifiers

        detail = scrub_identifiers(detail)[:500]
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


def int_setting(session: Session, key: str, default: int) -> int:
    value = get_setting(session, key)
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


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
        select(Operator)
        .where(Operator.role == Role.ADMIN, Operator.active)
        .order_by(col(Operator.id))
    ).first()
    if op is None:
        raise NotSetUp()
    return op
