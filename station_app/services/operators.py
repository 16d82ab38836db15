"""Operators: add, log in with name + PIN (argon2), lock out after repeated wrong PINs.

The lockout time is a setting (`security.lockout_minutes`, default LOCKOUT_MINUTES; admins
change it through `station_app.services.policy`)."""

from __future__ import annotations

import datetime as dt

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from station_app.clock import iso
from station_app.domain import Role
from station_app.errors import AuthError, LockedOut, ValidationError
from station_app.i18n import tr
from station_app.services.common import audit, int_setting, require_role
from station_app.store import Station
from station_app.store.models import Operator
from station_app.validation import Problems, check_choice, check_pin, clean_text

MAX_FAILED_PINS = 5
LOCKOUT_MINUTES = 15  # default of the setting below
LOCKOUT_SETTING = "security.lockout_minutes"
# argon2id with OWASP's m=12 MiB, t=3, p=1 profile: measured on the 2-core station test PC
# while it was busy, a check took 49-64 ms wall (18 ms CPU) against 137-219 ms (56 ms CPU) for
# the t=2, m=32 MiB used before, and a third of the memory. (The 444 ms "PIN check" of the
# start-up figures was the whole login-to-window span, mostly loading the main window.)
# A PIN has only 10^4..10^12 values, so no hash cost makes it strong on its own. What guards
# it is (1) the lockout: five wrong PINs lock the operator for `security.lockout_minutes`, so
# guessing through the window gets ~480 tries a day (a 4-digit PIN: three weeks for all);
# and (2) the encrypted database: the hashes are inside the SQLCipher file whose key is in the OS keyring,
# and whoever holds that key already reads every record without any PIN. Older hashes still
# verify (argon2 stores its parameters in the hash) and are rehashed at the next login.
_hasher = PasswordHasher(time_cost=3, memory_cost=12 * 1024, parallelism=1)
_dummy_hash: str | None = None


def _dummy() -> str:
    """A hash to verify against when the name is unknown (made on first use, not at import:
    argon2 is deliberately slow and this module is on the start-up path)."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash("000000")
    return _dummy_hash


def create_operator_in(
    session: Session,
    station: Station,
    actor: Operator | None,
    name: str,
    role: Role | str,
    pin: str,
) -> Operator:
    """Insert an operator inside an open write transaction (used by setup too)."""
    problems = Problems()
    name_c = clean_text(problems, "name", tr("label.operator_name"), name, required=True)
    check_choice(problems, "role", tr("label.role"), str(role), list(Role))
    check_pin(problems, pin)
    problems.raise_if_any()
    if session.exec(select(Operator).where(Operator.name == name_c)).first():
        raise ValidationError({"name": ("field.duplicate_name", {"name": name_c})})
    op = Operator(
        name=name_c or "",
        role=str(role),
        pin_hash=_hasher.hash(pin),
        created_at=iso(station.clock.now()),
        created_by=actor.id if actor else None,
    )
    session.add(op)
    try:
        session.flush()
    except IntegrityError as exc:
        raise ValidationError({"name": ("field.duplicate_name", {"name": name_c})}) from exc
    audit(session, station, actor, "add_operator", "operator", op.id, detail=str(role))
    return op


def add_operator(
    station: Station, actor: Operator, name: str, role: Role | str, pin: str
) -> Operator:
    """An administrator adds a volunteer, scanner or administrator."""
    require_role(actor, Role.ADMIN)
    with station.db.write() as s:
        return create_operator_in(s, station, actor, name, role, pin)


def list_operators(station: Station) -> list[Operator]:
    with station.db.read() as s:
        return list(s.exec(select(Operator).where(Operator.active).order_by(Operator.name)))


def login(station: Station, name: str, pin: str) -> Operator:
    """Check name + PIN. Five wrong PINs lock the operator for the configured minutes."""
    now = station.clock.now()
    with station.db.write() as s:
        op = s.exec(select(Operator).where(Operator.name == (name or "").strip())).first()
        if op is None or not op.active:
            _hasher.verify(_dummy(), "000000")  # same time whether or not the name exists
            raise AuthError()
        if op.locked_until and dt.datetime.fromisoformat(op.locked_until) > now:
            left = dt.datetime.fromisoformat(op.locked_until) - now
            raise LockedOut(minutes=max(1, int(left.total_seconds() // 60) + 1))
        try:
            _hasher.verify(op.pin_hash, pin or "")
        except (VerificationError, InvalidHashError):
            op.failed_attempts += 1
            locked = op.failed_attempts >= MAX_FAILED_PINS
            minutes = int_setting(s, LOCKOUT_SETTING, LOCKOUT_MINUTES)
            if locked:
                op.locked_until = iso(now + dt.timedelta(minutes=minutes))
                op.failed_attempts = 0
            s.add(op)
            audit(s, station, op, "login_failed", "operator", op.id, "locked" if locked else None)
            # commit the counter, then tell the user
            s.commit()
            if locked:
                raise LockedOut(minutes=minutes) from None
            raise AuthError() from None
        if _hasher.check_needs_rehash(op.pin_hash):
            op.pin_hash = _hasher.hash(pin)
        op.failed_attempts = 0
        op.locked_until = None
        s.add(op)
        audit(s, station, op, "login", "operator", op.id)
        return op


def change_pin(station: Station, actor: Operator, operator_id: int, new_pin: str) -> None:
    if actor.id != operator_id:
        require_role(actor, Role.ADMIN)
    problems = Problems()
    check_pin(problems, new_pin)
    problems.raise_if_any()
    with station.db.write() as s:
        op = s.get(Operator, operator_id)
        if op is None:
            raise AuthError()
        op.pin_hash = _hasher.hash(new_pin)
        op.failed_attempts = 0
        op.locked_until = None
        s.add(op)
        audit(s, station, actor, "change_pin", "operator", operator_id)


def unlock_operator(station: Station, actor: Operator, operator_id: int) -> None:
    """An administrator lifts a PIN lockout early."""
    require_role(actor, Role.ADMIN)
    with station.db.write() as s:
        op = s.get(Operator, operator_id)
        if op is None:
            raise AuthError()
        op.failed_attempts = 0
        op.locked_until = None
        s.add(op)
        audit(s, station, actor, "unlock_operator", "operator", operator_id)
