"""Enrolment, the change feed, feedback and withdrawals, and the category/campaign lists."""

from __future__ import annotations

import json
import re
import uuid as uuidlib
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import delete, func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from sync.server.context import (
    HQContext,
    body_hash,
    check_items_limit,
    ctx,
    current_station,
    json_body,
    only_params,
    parse,
    token_hash,
)
from sync.server.db import next_event_seq, read_session, write_session
from sync.server.models import (
    Campaign,
    Category,
    ChangeEvent,
    EnrolAttempt,
    EnrolmentCode,
    QuarantinedItem,
    Station,
    StationEvent,
    Suggester,
    Suggestion,
    hq_id_for,
    utcnow,
)
from sync.server.problems import Problem
from sync.server.schemas import (
    MAX_BATCH_ITEMS,
    MAX_ENROL_BODY,
    MAX_JSON_BODY,
    CorrectionBatch,
    EnrolRequest,
    FeedbackBatch,
    WithdrawalBatch,
)

router = APIRouter()
_CURSOR = re.compile(r"[0-9]{1,18}")


def iso(at: datetime) -> str:
    if at.tzinfo is None:  # SQLite hands back naive UTC
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


ENROL_WINDOW = timedelta(minutes=10)
ENROL_MAX_FAILURES = 10  # per client address and per station code, in ENROL_WINDOW


@router.post("/api/v1/enrol")
async def enrol(request: Request) -> dict[str, str]:
    req = parse(EnrolRequest, await json_body(request, MAX_ENROL_BODY))
    client = request.client.host if request.client else "unknown"
    keys = [f"ip:{client}", f"code:{req.station_code}"]
    return await run_in_threadpool(_enrol, ctx(request), req, keys)


def _enrol(hq: HQContext, req: EnrolRequest, keys: list[str]) -> dict[str, str]:
    """Check the attempt limit, then the code; a failure is counted in its own transaction
    (the refusal rolls the enrolment back, not the count)."""
    wait = _locked_out(hq, keys)
    if wait:
        raise Problem(
            429, "Too many wrong enrolment codes; wait and try again.", "too-many-attempts",
            {"Retry-After": str(wait)},
        )  # fmt: skip
    try:
        return _take_code(hq, req)
    except Problem as exc:
        if exc.status in (401, 409):
            _count_failure(hq, keys)
        raise


def _take_code(hq: HQContext, req: EnrolRequest) -> dict[str, str]:
    import secrets

    invalid = Problem(401, "The enrolment code is not valid for this station.", "bad-code")
    with write_session(hq.engine) as session:
        code = session.exec(
            select(EnrolmentCode).where(EnrolmentCode.code_hash == token_hash(req.enrolment_code))
        ).first()
        if code is None or code.station_code != req.station_code:
            raise invalid
        if code.expires_at is not None and aware(code.expires_at) <= utcnow():
            raise Problem(
                401, "This enrolment code has expired; ask HQ for a new one.", "code-expired"
            )
        took = session.execute(
            update(EnrolmentCode)
            .where(EnrolmentCode.id == code.id, EnrolmentCode.used_at.is_(None))
            .values(used_at=utcnow())
        )
        if took.rowcount != 1:
            raise Problem(409, "This enrolment code was used already.", "code-used")
        station = session.exec(select(Station).where(Station.code == req.station_code)).first()
        if station is None:
            station = Station(code=req.station_code, name=req.station_name)
        token = secrets.token_urlsafe(32)
        station.name = req.station_name
        station.token_hash = token_hash(token)
        station.enrolled_at = utcnow()
        session.add(station)
    return {"station_token": token, "station_code": req.station_code}


def aware(at: datetime) -> datetime:
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at  # SQLite hands back naive UTC


def _locked_out(hq: HQContext, keys: list[str]) -> int:
    """Seconds until the window of a key that reached the limit ends (0: not locked out)."""
    now = utcnow()
    with read_session(hq.engine) as session:
        rows = session.exec(select(EnrolAttempt).where(EnrolAttempt.key.in_(keys))).all()
    waits = [
        int((aware(r.window_start) + ENROL_WINDOW - now).total_seconds()) + 1
        for r in rows
        if r.failures >= ENROL_MAX_FAILURES and aware(r.window_start) + ENROL_WINDOW > now
    ]
    return max(waits, default=0)


def _count_failure(hq: HQContext, keys: list[str]) -> None:
    now = utcnow()
    for key in keys:
        try:
            with write_session(hq.engine) as session:
                row = session.get(EnrolAttempt, key)
                if row is None:
                    row = EnrolAttempt(key=key, window_start=now, failures=0)
                elif aware(row.window_start) + ENROL_WINDOW <= now:
                    row.window_start, row.failures = now, 0
                row.failures += 1
                session.add(row)
        except IntegrityError:  # a twin failure inserted the row first: it counted
            continue


@router.get("/api/v1/changes")
def changes(
    request: Request,
    cursor: str | None = Query(default=None, max_length=64),
    limit: int = Query(default=200, ge=1, le=1000),
    station_id: int = Depends(current_station),
) -> dict[str, Any]:
    only_params(request, {"cursor", "limit"})
    after = 0
    if cursor:
        # ASCII digits only: str.isdigit() also takes '²' and '①', which int() refuses
        if not _CURSOR.fullmatch(cursor):
            raise Problem(422, "Unknown cursor; start again without one.", "bad-cursor")
        after = int(cursor)
    with read_session(ctx(request).engine) as session:
        rows = session.exec(
            select(ChangeEvent, Suggestion.uuid)
            .join(Suggestion, Suggestion.id == ChangeEvent.suggestion_id)
            .where(ChangeEvent.station_id == station_id, ChangeEvent.seq > after)
            .order_by(ChangeEvent.seq)
            .limit(limit + 1)
        ).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    events = [
        {
            "event_id": ev.event_id,
            "cursor": str(ev.seq),
            "uuid": suggestion_uuid,
            "hq_id": hq_id_for(ev.suggestion_id),
            "kind": ev.kind,
            "status": ev.status,
            "outcome": ev.outcome,
            "reply_text": ev.reply_text,
            "due_date": ev.due_date,
            "at": iso(ev.at),
            "note": ev.note,
        }
        for ev, suggestion_uuid in rows
    ]
    next_cursor = events[-1]["cursor"] if events else (str(after) if cursor else "0")
    return {"events": events, "next_cursor": next_cursor, "has_more": has_more}


def add_change_event(session: Session, suggestion: Suggestion, kind: str, **fields: Any) -> None:
    """Append to the station's change feed (used by withdrawals and by the admin tools)."""
    seq = next_event_seq(session, suggestion.station_id)
    session.add(
        ChangeEvent(
            event_id=str(uuidlib.uuid4()),
            station_id=suggestion.station_id,
            seq=seq,
            suggestion_id=suggestion.id,
            kind=kind,
            **fields,
        )
    )


@router.post("/api/v1/feedback")
async def feedback(request: Request, station_id: int = Depends(current_station)) -> dict[str, Any]:
    return await _post_events(request, station_id, FeedbackBatch, "feedback")


@router.post("/api/v1/withdrawals")
async def withdrawals(
    request: Request, station_id: int = Depends(current_station)
) -> dict[str, Any]:
    return await _post_events(request, station_id, WithdrawalBatch, "withdrawal")


@router.post("/api/v1/corrections")
async def corrections(
    request: Request, station_id: int = Depends(current_station)
) -> dict[str, Any]:
    return await _post_events(request, station_id, CorrectionBatch, "correction")


async def _post_events(
    request: Request, station_id: int, schema: type[Any], kind: str
) -> dict[str, Any]:
    """A batch of station events (feedback, withdrawals, corrections): read within the limits,
    validate, and apply off the event loop."""
    raw = await json_body(request, MAX_JSON_BODY)
    check_items_limit(raw, MAX_BATCH_ITEMS)
    batch = parse(schema, raw)
    pairs = [(i.event_uuid, i.suggestion_uuid) for i in batch.items]
    return await run_in_threadpool(
        _station_events, ctx(request), station_id, kind, raw["items"], pairs
    )


def _station_events(
    hq: HQContext,
    station_id: int,
    kind: str,
    raw_items: list[dict[str, Any]],
    pairs: list[tuple[str, str]],
) -> dict[str, Any]:
    for _attempt in range(5):
        try:
            with write_session(hq.engine) as session:
                return {"results": _apply_events(session, station_id, kind, raw_items, pairs)}
        except IntegrityError:
            continue
    raise Problem(503, "Too much contention; retry.", "busy", {"Retry-After": "1"})


def _apply_events(
    session: Session,
    station_id: int,
    kind: str,
    raw_items: list[dict[str, Any]],
    pairs: list[tuple[str, str]],
) -> list[dict[str, Any]]:
    event_uuids = [e.lower() for e, _ in pairs]
    known = dict(
        session.exec(
            select(StationEvent.event_uuid, StationEvent.body_hash).where(
                StationEvent.station_id == station_id, StationEvent.event_uuid.in_(event_uuids)
            )
        ).all()
    )
    results = []
    for raw, (event_uuid, suggestion_uuid) in zip(raw_items, pairs, strict=True):
        event_uuid = event_uuid.lower()
        digest = body_hash(raw)
        result: dict[str, Any] = {"event_uuid": raw["event_uuid"]}
        results.append(result)
        if event_uuid in known:
            same = known[event_uuid] == digest
            result.update(
                result="already_had" if same else "conflict",
                detail=None if same else "event_uuid_known_with_other_content",
            )
            continue
        suggestion = session.exec(
            select(Suggestion).where(
                Suggestion.uuid == suggestion_uuid.lower(), Suggestion.station_id == station_id
            )
        ).first()
        if suggestion is None:
            result.update(result="rejected", detail="unknown_suggestion")
            continue
        session.add(
            StationEvent(
                event_uuid=event_uuid,
                station_id=station_id,
                suggestion_id=suggestion.id,
                kind=kind,
                body_hash=digest,
                body=json.dumps(raw, ensure_ascii=False),
            )
        )
        known[event_uuid] = digest
        if kind == "withdrawal":
            _withdraw(session, suggestion)
        elif kind == "correction":
            _correct(session, suggestion, raw)
        result["result"] = "created"
    return results


def _withdraw(session: Session, suggestion: Suggestion) -> None:
    """Delete the suggester's personal data and tell the station through the feed."""
    session.execute(delete(Suggester).where(Suggester.suggestion_id == suggestion.id))
    for item in session.exec(
        select(QuarantinedItem).where(
            QuarantinedItem.station_id == suggestion.station_id,
            QuarantinedItem.uuid == suggestion.uuid,
        )
    ):
        body = json.loads(item.body)
        body.pop("suggester", None)
        item.body = json.dumps(body, ensure_ascii=False)
        session.add(item)
    suggestion.hq_status = "withdrawn"
    session.add(suggestion)
    add_change_event(session, suggestion, "status", status="withdrawn", note="withdrawn by station")


def _correct(session: Session, suggestion: Suggestion, item: dict[str, Any]) -> None:
    """Take the corrected text and hash, unless a newer version was applied already (the
    versions applied so far are in this suggestion's earlier correction events)."""
    newest = 1
    for (body,) in session.execute(
        select(StationEvent.body).where(
            StationEvent.suggestion_id == suggestion.id,
            StationEvent.kind == "correction",
            StationEvent.event_uuid != item["event_uuid"].lower(),
        )
    ):
        newest = max(newest, int(json.loads(body).get("version", 1)))
    if item["version"] <= newest:
        return
    suggestion.title = item["title"]
    suggestion.content = item["content"]
    suggestion.location = item.get("location")
    suggestion.content_hash = item["content_hash"]
    session.add(suggestion)


def _since_version(request: Request, model: Any, since_version: int) -> tuple[int, list[Any]]:
    """A versioned list (categories, campaigns): the latest version and what changed after
    `since_version`, by code."""
    only_params(request, {"since_version"})
    with read_session(ctx(request).engine) as session:
        version = session.exec(select(func.max(model.version))).one() or 0
        rows = session.exec(
            select(model).where(model.version > since_version).order_by(model.code)
        ).all()
    return version, list(rows)


@router.get("/api/v1/categories")
def categories(
    request: Request,
    since_version: int = Query(default=0, ge=0, le=9007199254740991),
    _s: int = Depends(current_station),
) -> dict[str, Any]:
    version, rows = _since_version(request, Category, since_version)
    return {"version": version, "items": [r.model_dump(exclude={"version"}) for r in rows]}


@router.get("/api/v1/campaigns")
def campaigns(
    request: Request,
    since_version: int = Query(default=0, ge=0, le=9007199254740991),
    _s: int = Depends(current_station),
) -> dict[str, Any]:
    version, rows = _since_version(request, Campaign, since_version)
    items = [
        {**r.model_dump(exclude={"version"}), "questions": json.loads(r.questions)} for r in rows
    ]
    return {"version": version, "items": items}
