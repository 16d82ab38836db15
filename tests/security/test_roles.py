"""Role boundaries through the services, PIN lockout with a configurable time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from station_app.clock import FixedClock
from station_app.domain import Role
from station_app.errors import AuthError, LockedOut, PermissionDenied
from station_app.services import policy
from station_app.services.audit_view import audit_print, export_audit, list_audit
from station_app.services.export import export
from station_app.services.operators import add_operator, change_pin, login, unlock_operator
from station_app.services.retention import purge
from station_app.services.suggestions import get_detail
from station_app.services.withdrawal import withdraw_suggestion
from station_app.store import Station
from station_app.store.models import Operator

from .helpers import MARK_NAME, MARK_PHONE, record

Call = Callable[[Station, Operator, int, Path], object]
ADMIN_ONLY: dict[str, Call] = {
    "add_operator": lambda st, a, sid, p: add_operator(st, a, "新人", Role.VOLUNTEER, "5555"),
    "export": lambda st, a, sid, p: export(st, a, p / "x.csv"),
    "export_personal": lambda st, a, sid, p: export(st, a, p / "x.csv", include_personal=True),
    "purge": lambda st, a, sid, p: purge(st, a),
    "purge_dry_run": lambda st, a, sid, p: purge(st, a, dry_run=True),
    "audit_view": lambda st, a, sid, p: list_audit(st, a),
    "audit_export": lambda st, a, sid, p: export_audit(st, a, p / "audit.csv"),
    "unmask": lambda st, a, sid, p: get_detail(st, a, sid, unmask_reason="回访"),
    "set_lockout": lambda st, a, sid, p: policy.set_lockout_minutes(st, a, 30),
    "set_idle": lambda st, a, sid, p: policy.set_idle_minutes(st, a, 5),
    "set_retention": lambda st, a, sid, p: policy.set_retention_days(st, a, 30),
    "unlock_operator": lambda st, a, sid, p: unlock_operator(st, a, 1),
    "change_other_pin": lambda st, a, sid, p: change_pin(st, a, 1, "9999"),
}


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.SCANNER])
@pytest.mark.parametrize("name", sorted(ADMIN_ONLY))
def test_non_admin_is_refused(
    sstation: Station,
    sadmin: Operator,
    svolunteer: Operator,
    sscanner: Operator,
    role: Role,
    name: str,
    tmp_path: Path,
) -> None:
    sid = record(sstation, svolunteer)
    actor = svolunteer if role == Role.VOLUNTEER else sscanner
    with pytest.raises(PermissionDenied):
        ADMIN_ONLY[name](sstation, actor, sid, tmp_path)
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "audit.csv").exists()


def test_admin_may(
    sstation: Station, sadmin: Operator, svolunteer: Operator, tmp_path: Path
) -> None:
    sid = record(sstation, svolunteer)
    for name, call in ADMIN_ONLY.items():
        if name not in ("add_operator", "change_other_pin", "unlock_operator"):
            call(sstation, sadmin, sid, tmp_path)
    assert policy.lockout_minutes(sstation) == 30
    assert policy.idle_minutes(sstation) == 5
    assert policy.retention_days(sstation) == 30


def test_volunteer_sees_masked_and_admin_unmasked_with_logged_reason(
    sstation: Station, sadmin: Operator, svolunteer: Operator
) -> None:
    sid = record(sstation, svolunteer)
    masked = get_detail(sstation, svolunteer, sid)
    assert masked.person and masked.person.masked
    assert masked.person.phone == "139****1111" and masked.person.name.startswith("测*")
    assert MARK_NAME not in masked.person.name
    full = get_detail(sstation, sadmin, sid, unmask_reason="回访建议人")
    assert full.person and full.person.phone == MARK_PHONE
    entries = list_audit(sstation, sadmin, action="view_unmasked")
    assert [(e.entity_id, e.detail) for e in entries] == [(str(sid), "回访建议人")]


def test_volunteer_may_record_print_and_withdraw(
    sstation: Station, sadmin: Operator, svolunteer: Operator
) -> None:
    sid = record(sstation, svolunteer)
    audit_print(sstation, svolunteer, sid)
    withdraw_suggestion(sstation, svolunteer, sid, "本人来电要求撤回")
    actions = [e.action for e in list_audit(sstation, sadmin)]
    assert {"record", "print", "withdraw"} <= set(actions)


def test_bad_setting_refused(sstation: Station, sadmin: Operator) -> None:
    from station_app.security.messages import BadSetting

    with pytest.raises(BadSetting):
        policy.set_idle_minutes(sstation, sadmin, 0)


def test_lockout_after_five_wrong_pins_for_the_configured_time(
    sstation: Station, sadmin: Operator, svolunteer: Operator, clock: FixedClock
) -> None:
    policy.set_lockout_minutes(sstation, sadmin, 20)
    for _ in range(4):
        with pytest.raises(AuthError):
            login(sstation, "李志愿", "0000")
    with pytest.raises(LockedOut) as err:
        login(sstation, "李志愿", "0000")
    assert err.value.params["minutes"] == 20
    with pytest.raises(LockedOut):  # even the right PIN, while locked
        login(sstation, "李志愿", "1357")
    clock.advance(minutes=19)
    with pytest.raises(LockedOut):
        login(sstation, "李志愿", "1357")
    clock.advance(minutes=1, seconds=1)
    assert login(sstation, "李志愿", "1357").name == "李志愿"
    # and an admin can lift a lockout early
    for _ in range(5):
        with pytest.raises((AuthError, LockedOut)):
            login(sstation, "李志愿", "0000")
    assert svolunteer.id is not None
    unlock_operator(sstation, sadmin, svolunteer.id)
    assert login(sstation, "李志愿", "1357").name == "李志愿"
