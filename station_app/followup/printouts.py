"""What the printed reply letter and outcome notice say. These are deliberately personal:
they are printed for the suggester, so they carry the name as addressed (the one place a
volunteer gets it unmasked). Preparing one is audited; the UI audits the print itself
(`services.audit_view.audit_print`)."""

from __future__ import annotations

from dataclasses import dataclass

from station_app.errors import NotFound, StationError
from station_app.followup.awards import OutcomeItem, outcome_of
from station_app.followup.worklist import work_item
from station_app.services.common import audit, require
from station_app.services.setup import station_info
from station_app.store import Station
from station_app.store.models import Operator
from station_app.store.sql import raw


@dataclass(frozen=True)
class Addressee:
    name: str  # empty when anonymous or deleted
    address: str


@dataclass(frozen=True)
class ReplyLetterData:
    station_name: str
    station_code: str
    station_place: str  # district and street
    station_phone: str  # as set up (the wizard or 设置)
    addressee: Addressee
    receipt_no: str
    title: str
    received_at: str
    reply_text: str
    letter_date: str  # YYYY-MM-DD, today


@dataclass(frozen=True)
class OutcomeNoticeData:
    station_name: str
    station_code: str
    station_place: str
    station_phone: str
    addressee: Addressee
    outcome: OutcomeItem
    letter_date: str


def _addressee(station: Station, actor: Operator, suggestion_id: int, what: str) -> Addressee:
    require(actor, "print")
    with station.db.write() as s:
        row = (
            raw(s)
            .execute(
                "SELECT p.name, p.address, p.anonymous FROM suggestion s "
                "LEFT JOIN suggester p ON p.id = s.suggester_id WHERE s.id = ?",
                (suggestion_id,),
            )
            .fetchone()
        )
        if row is None:
            raise NotFound(what=str(suggestion_id))
        audit(s, station, actor, "prepare_print", "suggestion", suggestion_id, what)
    if row[2]:
        return Addressee("", "")
    return Addressee(row[0] or "", row[1] or "")


def _station(station: Station) -> tuple[str, str, str, str]:
    """Name, code, place (district and street) and phone of the station."""
    info = station_info(station)
    if info is None:
        return "", "", "", ""
    return info.name, info.code, f"{info.district}{info.street}", info.phone


def reply_letter(station: Station, actor: Operator, suggestion_id: int) -> ReplyLetterData:
    """The reply letter for one worklist item (HQ's reply, addressed to the suggester)."""
    item = work_item(station, actor, suggestion_id)
    if item is None:
        with station.db.read() as s:
            r = (
                raw(s)
                .execute("SELECT receipt_no FROM suggestion WHERE id = ?", (suggestion_id,))
                .fetchone()
            )
        if r is None:
            raise NotFound(what=str(suggestion_id))
        raise StationError("followup.not_on_worklist", receipt_no=r[0])
    person = _addressee(station, actor, suggestion_id, "reply_letter")
    name, code, place, phone = _station(station)
    return ReplyLetterData(
        station_name=name,
        station_code=code,
        station_place=place,
        station_phone=phone,
        addressee=person,
        receipt_no=item.receipt_no,
        title=item.title,
        received_at=item.received_at,
        reply_text=item.reply_text,
        letter_date=station.clock.now().date().isoformat(),
    )


def outcome_notice(station: Station, actor: Operator, suggestion_id: int) -> OutcomeNoticeData:
    """The notice telling the suggester their suggestion was adopted/implemented/awarded."""
    item = outcome_of(station, actor, suggestion_id)
    if item is None:
        raise NotFound(what=str(suggestion_id))
    person = _addressee(station, actor, suggestion_id, "outcome_notice")
    name, code, place, phone = _station(station)
    return OutcomeNoticeData(
        station_name=name,
        station_code=code,
        station_place=place,
        station_phone=phone,
        addressee=person,
        outcome=item,
        letter_date=station.clock.now().date().isoformat(),
    )
