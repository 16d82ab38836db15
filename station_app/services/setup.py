"""First-run setup: station identity, the first administrator, seed categories."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import literal_column
from sqlmodel import select

from station_app.domain import Role
from station_app.errors import AlreadySetUp, ValidationError
from station_app.i18n import tr
from station_app.resources import seed_categories
from station_app.services.category_search import business_order
from station_app.services.common import audit, get_setting, require, set_setting
from station_app.services.operators import create_operator_in
from station_app.services.suggestions import DEMO_PREFIX
from station_app.store import Station
from station_app.store.models import Category, Operator
from station_app.validation import (
    Problems,
    check_pin,
    clean_text,
    is_valid_phone,
    normalize_phone,
)


@dataclass
class StationInfo:
    code: str
    name: str
    district: str
    street: str
    phone: str = ""  # the station's phone, printed on receipts as its contact


def is_set_up(station: Station) -> bool:
    with station.db.read() as s:
        return get_setting(s, "station.code") is not None


def station_info(station: Station) -> StationInfo | None:
    with station.db.read() as s:
        code = get_setting(s, "station.code")
        if code is None:
            return None
        return StationInfo(
            code=code,
            name=get_setting(s, "station.name", "") or "",
            district=get_setting(s, "station.district", "") or "",
            street=get_setting(s, "station.street", "") or "",
            phone=get_setting(s, "station.phone", "") or "",
        )


def init_station(
    station: Station,
    *,
    code: str,
    name: str,
    district: str,
    street: str,
    admin_name: str,
    admin_pin: str,
    phone: str | None = None,
) -> Operator:
    """Set up a new station in one transaction; returns the first administrator.

    `phone` (the station's, for receipts) is required when given as a string (the wizard
    asks for it); None leaves it unset (the command line's `init` without --phone)."""
    problems = Problems()
    code = (code or "").strip().upper()
    if not re.fullmatch(r"[A-Z0-9][A-Z0-9-]{1,15}", code) or code.startswith(DEMO_PREFIX):
        problems.add("code", "field.bad_station_code")
    name_c = clean_text(problems, "station_name", tr("label.station_name"), name, required=True)
    district_c = clean_text(problems, "district", tr("label.district"), district, required=True)
    street_c = clean_text(problems, "street", tr("label.street"), street, required=True)
    phone_c = "" if phone is None else _clean_phone(problems, phone)
    admin_c = clean_text(problems, "name", tr("label.admin_name"), admin_name, required=True)
    check_pin(problems, admin_pin)
    problems.raise_if_any()
    with station.db.write() as s:
        if get_setting(s, "station.code"):
            raise AlreadySetUp()
        set_setting(s, "station.code", code)
        set_setting(s, "station.name", name_c or "")
        set_setting(s, "station.district", district_c or "")
        set_setting(s, "station.street", street_c or "")
        if phone_c:
            set_setting(s, "station.phone", phone_c)
        seed = seed_categories()
        if not s.exec(select(Category)).first():
            for item in seed["items"]:
                s.add(Category(version=seed["version"], **item))
        admin = create_operator_in(s, station, None, admin_c or "", Role.ADMIN, admin_pin)
        audit(s, station, admin, "init_station", "station", code)
    return admin


def _clean_phone(problems: Problems, phone: str) -> str:
    """The station's phone, required and valid (wizard and 设置 alike)."""
    cleaned = normalize_phone(phone)
    if not cleaned:
        problems.add("phone", "field.required", label=tr("label.station_phone"))
    elif not is_valid_phone(cleaned):
        problems.add("phone", "field.bad_phone")
    return cleaned


def set_station_phone(station: Station, actor: Operator, phone: str) -> str:
    """Change the station's phone (printed on receipts and letters as its contact); the one
    place it is kept. Administrators only; validated as the wizard does. Returns it cleaned."""
    require(actor, "change_settings")
    problems = Problems()
    cleaned = _clean_phone(problems, phone)
    problems.raise_if_any()
    with station.db.write() as s:
        set_setting(s, "station.phone", cleaned)
        audit(s, station, actor, "change", "setting", "station.phone")
    return cleaned


def categories(station: Station, active_only: bool = True) -> list[Category]:
    """In business order: the list's own order, children under their parent, 其他 last."""
    with station.db.read() as s:
        q = select(Category).order_by(literal_column("category.rowid"))
        if active_only:
            q = q.where(Category.active)
        return business_order(list(s.exec(q)))


__all__ = [
    "StationInfo",
    "ValidationError",
    "categories",
    "init_station",
    "is_set_up",
    "set_station_phone",
]
