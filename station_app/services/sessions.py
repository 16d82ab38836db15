"""Group sessions (座谈会, 议事会, "面对面" visits): the session record and its speakers.

`record_session()` saves what the session shares (topic, date and time, place, host,
officials present, residents attending, linked campaign) in one transaction; the signed
attendee sheet is stored like a letter's scan (`attach_sheet`: encrypted, by SHA-256, a
`scan` row) and stays at the station (signatures are personal data; HQ gets the count).
Each speaker's suggestion is `record_speaker()`: the ordinary `record_suggestion` path
(validation, receipt number, index, history, outbox, audit) with channel `session`, the
session's campaign and place filled in, and the session in its HQ body. A suggestion made at
a session is durable when the call returns, like any other.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from station_app.clock import iso
from station_app.dbapi import new_id
from station_app.domain import Channel, Role
from station_app.errors import NotFound
from station_app.i18n import add_messages, tr
from station_app.security.scanstore import get_station_scan, put_station_scan
from station_app.services.common import audit, new_uuid, require_role
from station_app.services.forms import SuggestionForm, validate_form
from station_app.services.session_body import session_body
from station_app.services.suggestions import Recorded, insert_suggestion_in, known_codes
from station_app.store import Station
from station_app.store.models import Operator
from station_app.store.search_rows import reindex
from station_app.store.sql import raw
from station_app.validation import Problems, clean_text

MAX_ATTENDEES = 100_000
MAX_SHEET_BYTES = 50 * 1024 * 1024  # the contract's scan limit
SHEET_TYPES = {  # what a scanner or phone camera gives, by the file's first bytes
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"II*\x00": "image/tiff",
    b"MM\x00*": "image/tiff",
}

add_messages(
    {
        "label.session_topic": {"zh_CN": "主题", "en": "Topic"},
        "label.session_held_at": {"zh_CN": "时间", "en": "Date and time"},
        "label.session_place": {"zh_CN": "地点", "en": "Place"},
        "label.session_host": {"zh_CN": "主持人", "en": "Host"},
        "label.session_officials": {"zh_CN": "出席领导/部门", "en": "Officials present"},
        "label.session_attendees": {"zh_CN": "参加居民人数", "en": "Residents attending"},
        "session.bad_time": {
            "zh_CN": "时间格式不对，请写成 2026-11-25 14:30",
            "en": "Write the time as 2026-11-25 14:30",
        },
        "session.bad_attendees": {
            "zh_CN": "参加人数请填写 0 到 {max} 之间的整数",
            "en": "Residents attending must be a whole number from 0 to {max}",
        },
        "session.sheet_type": {
            "zh_CN": "签到表只能是 PDF、PNG、JPEG 或 TIFF 扫描件",
            "en": "The sign-in sheet must be a PDF, PNG, JPEG or TIFF scan",
        },
        "session.sheet_size": {
            "zh_CN": "签到表扫描件为空或超过 50 MB",
            "en": "The sign-in sheet scan is empty or over 50 MB",
        },
    }
)


@dataclass
class SessionForm:
    """What a session shares, typed once before its speakers."""

    topic: str = ""
    held_at: str = ""  # "2026-11-25 14:30" or ISO; the station's time zone when none given
    place: str = ""
    host: str = ""
    officials: str = ""  # names or offices, as said (张书记、区建管委)
    attendees: int | str = ""
    campaign_code: str = ""


@dataclass(frozen=True)
class SessionInfo:
    id: int
    uuid: str
    topic: str
    held_at: str
    place: str
    host: str
    officials: str
    attendees: int
    campaign_code: str
    sheet_sha256: str | None
    speakers: int  # suggestions recorded at it
    questionnaires: int


@dataclass(frozen=True)
class SpeakerReceipt:
    receipt_no: str
    title: str
    received_at: str


def _parse_time(text: str, station: Station) -> dt.datetime | None:
    value = " ".join(text.replace("T", " ").split())
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            parsed = dt.datetime.strptime(value, fmt)
        except ValueError:
            continue
        return parsed.replace(tzinfo=station.clock.now().tzinfo)
    try:
        parsed = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=station.clock.now().tzinfo)


def _clean(station: Station, form: SessionForm, campaigns: dict[str, Any]) -> dict[str, Any]:
    p = Problems()
    topic = clean_text(p, "topic", tr("label.session_topic"), form.topic, required=True)
    place = clean_text(p, "place", tr("label.session_place"), form.place, required=True)
    host = clean_text(p, "host", tr("label.session_host"), form.host, required=True)
    officials = clean_text(p, "officials", tr("label.session_officials"), form.officials)
    held: dt.datetime | None = station.clock.now()
    if str(form.held_at).strip():
        held = _parse_time(str(form.held_at), station)
        if held is None:
            p.add("held_at", "session.bad_time")
    attendees = 0
    try:
        attendees = int(str(form.attendees).strip() or "0")
        if not 0 <= attendees <= MAX_ATTENDEES:
            raise ValueError
    except ValueError:
        p.add("attendees", "session.bad_attendees", max=MAX_ATTENDEES)
    campaign = (form.campaign_code or "").strip() or None
    if campaign and campaign not in campaigns:
        p.add("campaign_code", "field.bad_choice", label=tr("label.campaign"), value=campaign)
    p.raise_if_any()
    return {
        "topic": topic,
        "held_at": iso(held) if held else "",
        "place": place,
        "host": host,
        "officials": officials,
        "attendees": attendees,
        "campaign_code": campaign,
    }


def record_session(station: Station, actor: Operator, form: SessionForm) -> SessionInfo:
    """Validate (every problem at once) and save a session; durable when it returns."""
    require_role(actor, Role.VOLUNTEER, Role.SCANNER)
    with station.db.write() as s:
        _cats, campaigns = known_codes(s)
        clean = _clean(station, form, campaigns)
        now = iso(station.clock.now())
        session_id = new_id(
            raw(s).execute(
                "INSERT INTO group_session(uuid, topic, held_at, place, host, officials, "
                "attendees, campaign_code, recorded_by, created_at, updated_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    new_uuid(),
                    clean["topic"],
                    clean["held_at"],
                    clean["place"],
                    clean["host"],
                    clean["officials"],
                    clean["attendees"],
                    clean["campaign_code"],
                    actor.id,
                    now,
                    now,
                ),
            )
        )
        audit(s, station, actor, "record", "group_session", session_id)
    return get_session(station, session_id)


def update_session(
    station: Station, actor: Operator, session_id: int, form: SessionForm
) -> SessionInfo:
    """Correct what a session shares (the attendee count after the sheet is counted, say).
    Suggestions already recorded keep the session body they were sent with."""
    require_role(actor, Role.VOLUNTEER, Role.SCANNER)
    with station.db.write() as s:
        _cats, campaigns = known_codes(s)
        clean = _clean(station, form, campaigns)
        conn = raw(s)
        cur = conn.execute(
            "UPDATE group_session SET topic = ?, held_at = ?, place = ?, host = ?, "
            "officials = ?, attendees = ?, campaign_code = ?, updated_at = ? WHERE id = ?",
            (*clean.values(), iso(station.clock.now()), session_id),
        )
        if cur.rowcount == 0:
            raise NotFound(what=str(session_id))
        speakers = conn.execute("SELECT id FROM suggestion WHERE session_id = ?", (session_id,))
        reindex(conn, [r[0] for r in speakers])  # found by the topic as corrected
        audit(s, station, actor, "update", "group_session", session_id)
    return get_session(station, session_id)


def attach_sheet(
    station: Station, actor: Operator, session_id: int, content: bytes, file_name: str
) -> str:
    """Store the scanned attendee sign-in sheet (encrypted, once by SHA-256, a `scan` row as
    for a letter) and link it to the session. Returns its SHA-256."""
    require_role(actor, Role.VOLUNTEER, Role.SCANNER)
    mime = next((m for head, m in SHEET_TYPES.items() if content.startswith(head)), None)
    p = Problems()
    if not content or len(content) > MAX_SHEET_BYTES:
        p.add("sheet", "session.sheet_size")
    elif mime is None:
        p.add("sheet", "session.sheet_type")
    p.raise_if_any()
    sha = put_station_scan(station.data, station.db.key, content)  # on disk before the row says so
    now = iso(station.clock.now())
    with station.db.write() as s:
        conn = raw(s)
        if (
            conn.execute("SELECT 1 FROM group_session WHERE id = ?", (session_id,)).fetchone()
            is None
        ):
            raise NotFound(what=str(session_id))
        conn.execute(
            "INSERT INTO scan(sha256, mime, original_name, size, status, imported_at, "
            "verified_by, verified_at) VALUES (?,?,?,?, 'reviewed', ?, ?, ?) "
            "ON CONFLICT(sha256) DO UPDATE SET purged_at = NULL",  # purged, attached again
            (sha, mime, file_name[-200:] or "sheet", len(content), now, actor.id, now),
        )
        scan_id = conn.execute("SELECT id FROM scan WHERE sha256 = ?", (sha,)).fetchone()[0]
        conn.execute(
            "UPDATE group_session SET sheet_scan_id = ?, updated_at = ? WHERE id = ?",
            (scan_id, now, session_id),
        )
        audit(s, station, actor, "attach_sheet", "group_session", session_id)
    return sha


def record_speaker(
    station: Station,
    actor: Operator,
    session_id: int,
    form: SuggestionForm,
    *,
    uuid: str | None = None,
) -> Recorded:
    """One speaker's suggestion at the session: channel `session`, the session's campaign
    (unless the row names another) and its place as the location when none is given.
    Validation is the single entry's (consent when a name or phone is given). `uuid` is the
    row's draft (`drafts.save_draft(..., session_id=...)`), removed in the same transaction."""
    require_role(actor, Role.VOLUNTEER, Role.SCANNER)
    with station.db.write() as s:
        conn = raw(s)
        body = session_body(conn, session_id)
        if body is None:
            raise NotFound(what=str(session_id))
        form = dataclasses.replace(
            form,
            channel=Channel.SESSION,
            campaign_code=form.campaign_code or body.get("campaign_code", ""),
            location=form.location or body.get("place", ""),
        )
        cats, camps = known_codes(s)
        inherited = form.campaign_code if not form.campaign_answers else None
        if inherited and inherited in camps:
            # a speaker's row has no room for the campaign's questions (they are asked on the
            # questionnaire): required ones may stay unanswered here
            c = camps[inherited]
            optional = tuple(dataclasses.replace(q, required=False) for q in c.questions)
            camps = {**camps, inherited: dataclasses.replace(c, questions=optional)}
        clean = validate_form(form, cats, camps)
        return insert_suggestion_in(s, station, actor, clean, uuid=uuid, session_id=session_id)


_INFO_SQL = """
SELECT g.id, g.uuid, g.topic, g.held_at, g.place, g.host, g.officials, g.attendees,
       g.campaign_code, sc.sha256,
       (SELECT count(*) FROM suggestion s WHERE s.session_id = g.id),
       (SELECT count(*) FROM questionnaire_response q WHERE q.session_id = g.id)
FROM group_session g LEFT JOIN scan sc ON sc.id = g.sheet_scan_id AND sc.purged_at IS NULL
"""


def _info(row: Any) -> SessionInfo:
    return SessionInfo(
        id=row[0],
        uuid=row[1],
        topic=row[2],
        held_at=row[3],
        place=row[4],
        host=row[5],
        officials=row[6] or "",
        attendees=int(row[7]),
        campaign_code=row[8] or "",
        sheet_sha256=row[9],
        speakers=int(row[10]),
        questionnaires=int(row[11]),
    )


def get_session(station: Station, session_id: int) -> SessionInfo:
    with station.db.read() as s:
        row = raw(s).execute(_INFO_SQL + " WHERE g.id = ?", (session_id,)).fetchone()
    if row is None:
        raise NotFound(what=str(session_id))
    return _info(row)


def list_sessions(
    station: Station, *, since: str | None = None, until: str | None = None, limit: int = 200
) -> list[SessionInfo]:
    """Sessions, newest first; `since`/`until` are ISO dates (until inclusive)."""
    clauses, params = [], []
    if since:
        clauses.append("substr(g.held_at, 1, 10) >= ?")
        params.append(since)
    if until:
        clauses.append("substr(g.held_at, 1, 10) <= ?")
        params.append(until)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    with station.db.read() as s:
        rows = raw(s).execute(
            _INFO_SQL + where + " ORDER BY g.held_at DESC, g.id DESC LIMIT ?", (*params, limit)
        )
        return [_info(r) for r in rows]


def session_receipts(station: Station, session_id: int) -> list[SpeakerReceipt]:
    """The receipt numbers of the session's suggestions, in the order they were recorded
    (printed on one sheet to hand out)."""
    with station.db.read() as s:
        rows = raw(s).execute(
            "SELECT receipt_no, title, received_at FROM suggestion WHERE session_id = ? "
            "ORDER BY id",
            (session_id,),
        )
        return [SpeakerReceipt(r[0], r[1], r[2]) for r in rows]


def load_sheet(station: Station, actor: Operator, session_id: int) -> tuple[bytes, str] | None:
    """The stored sign-in sheet (bytes, mime), or None (logged: it holds signatures)."""
    info = get_session(station, session_id)
    if not info.sheet_sha256:
        return None
    with station.db.write() as s:
        mime = (
            raw(s)
            .execute("SELECT mime FROM scan WHERE sha256 = ?", (info.sheet_sha256,))
            .fetchone()[0]
        )
        audit(s, station, actor, "view_sheet", "group_session", session_id)
    return get_station_scan(station.data, station.db.key, info.sheet_sha256), mime
