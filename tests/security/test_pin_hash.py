"""PIN hashes: a hash made with the older, slower parameters still lets its operator in, and
is replaced by one with today's parameters at that login (argon2's check_needs_rehash)."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlmodel import select

from station_app.errors import AuthError
from station_app.services.operators import login
from station_app.store import Station
from station_app.store.models import Operator

OLD = PasswordHasher(time_cost=2, memory_cost=32 * 1024, parallelism=1)  # before this change


def _pin_hash(station: Station, name: str) -> str:
    with station.db.read() as s:
        return s.exec(select(Operator).where(Operator.name == name)).one().pin_hash


def test_old_pin_hash_still_logs_in_and_is_rehashed(station: Station, admin: Operator) -> None:
    with station.db.write() as s:
        op = s.exec(select(Operator).where(Operator.name == "王管理")).one()
        op.pin_hash = OLD.hash("2468")
        s.add(op)
    assert "m=32768,t=2" in _pin_hash(station, "王管理")

    with pytest.raises(AuthError):
        login(station, "王管理", "0000")
    assert "m=32768,t=2" in _pin_hash(station, "王管理")  # a wrong PIN changes nothing

    assert login(station, "王管理", "2468").name == "王管理"
    new = _pin_hash(station, "王管理")
    assert "m=12288,t=3,p=1" in new
    PasswordHasher().verify(new, "2468")
    with pytest.raises(VerificationError):
        PasswordHasher().verify(new, "2469")
    assert login(station, "王管理", "2468").name == "王管理"  # and the new hash lets in
