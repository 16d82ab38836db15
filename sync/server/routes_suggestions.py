"""``POST /api/v1/suggestions/batch``: store each suggestion once, answer per item."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import APIRouter, Depends, Header, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from sync import content_hash
from sync.server.context import (
    HQContext,
    body_hash,
    check_items_limit,
    ctx,
    current_station,
    json_body,
    parse,
)
from sync.server.db import write_session
from sync.server.models import (
    IdempotencyRecord,
    QuarantinedItem,
    Suggester,
    Suggestion,
    hq_id_for,
    utcnow,
)
from sync.server.problems import Problem
from sync.server.schemas import MAX_BATCH_ITEMS, MAX_JSON_BODY, SuggestionBatch, SuggestionItem

router = APIRouter()
_KEY = re.compile(r"^[\x21-\x7e]{1,200}$")


@router.post("/api/v1/suggestions/batch")
async def post_batch(
    request: Request,
    station_id: int = Depends(current_station),
    idempotency_key: str | None = Header(default=None),
) -> JSONResponse:
    key = idempotency_key or ""
    if not _KEY.match(key):
        raise Problem(
            400, "An Idempotency-Key header (1-200 visible ASCII chars) is required.", "no-key"
        )
    raw = await json_body(request, MAX_JSON_BODY)
    check_items_limit(raw, MAX_BATCH_ITEMS)
    batch = parse(SuggestionBatch, raw)
    response, replayed = await run_in_threadpool(
        store_batch, ctx(request), station_id, key, body_hash(raw), raw["items"], batch.items
    )
    headers = {"Idempotent-Replayed": "true"} if replayed else {}
    return JSONResponse(response, headers=headers)


def store_batch(
    hq: HQContext,
    station_id: int,
    key: str,
    request_hash: str,
    raw_items: list[dict[str, Any]],
    items: list[SuggestionItem],
) -> tuple[dict[str, Any], bool]:
    """Apply a batch in one transaction together with its idempotency record.

    A unique-constraint race with another worker (same key, or same uuid in flight) rolls the
    whole transaction back and starts again, so the second attempt sees the winner's rows.
    """
    for _attempt in range(5):
        try:
            with write_session(hq.engine) as session:
                record = session.exec(
                    select(IdempotencyRecord).where(
                        IdempotencyRecord.station_id == station_id, IdempotencyRecord.key == key
                    )
                ).first()
                if record is not None:
                    if record.request_hash != request_hash:
                        raise Problem(
                            422,
                            "This Idempotency-Key was used with a different body.",
                            "idempotency-key-reused",
                        )
                    return json.loads(record.response), True
                response = {"results": _apply(session, hq, station_id, raw_items, items)}
                session.add(
                    IdempotencyRecord(
                        station_id=station_id,
                        key=key,
                        request_hash=request_hash,
                        response=json.dumps(response),
                    )
                )
            return response, False
        except IntegrityError:
            continue
    raise Problem(503, "Too much contention; retry.", "busy", {"Retry-After": "1"})


def _apply(
    session: Session,
    hq: HQContext,
    station_id: int,
    raw_items: list[dict[str, Any]],
    items: list[SuggestionItem],
) -> list[dict[str, Any]]:
    uuids = list({it.uuid.lower() for it in items})
    known: dict[str, tuple[int | str, str]] = {
        u: (i, h)
        for i, u, h in session.exec(
            select(Suggestion.id, Suggestion.uuid, Suggestion.content_hash).where(
                Suggestion.uuid.in_(uuids)
            )
        )
    }
    quarantined = set(
        session.exec(
            select(QuarantinedItem.uuid, QuarantinedItem.content_hash).where(
                QuarantinedItem.uuid.in_(uuids)
            )
        )
    )
    results: list[dict[str, Any]] = []
    created: list[tuple[str, SuggestionItem]] = []
    rows: list[dict[str, Any]] = []
    for raw, item in zip(raw_items, items, strict=True):
        uuid = item.uuid.lower()
        result: dict[str, Any] = {"uuid": item.uuid}
        results.append(result)
        if content_hash(raw) != item.content_hash:
            result.update(result="rejected", status=422, detail="hash_mismatch")
            continue
        if uuid in known:
            original, stored_hash = known[uuid]
            result["hq_id"] = original  # resolved to a string below
            if stored_hash == item.content_hash:
                result.update(result="already_had", status=200)
                continue
            result.update(result="conflict", status=409, detail="uuid_known_with_other_content")
            if (uuid, item.content_hash) not in quarantined:
                quarantined.add((uuid, item.content_hash))
                session.add(
                    QuarantinedItem(
                        uuid=uuid,
                        content_hash=item.content_hash,
                        station_id=station_id,
                        body=json.dumps(raw, ensure_ascii=False),
                    )
                )
            continue
        if any(not hq.scans.has(sha) for sha in item.scans):
            result.update(result="rejected", status=422, detail="missing_scan")
            continue
        now = utcnow()
        rows.append(
            {
                "uuid": uuid,
                "station_id": station_id,
                "content_hash": item.content_hash,
                "receipt_no": item.receipt_no,
                "channel": item.channel,
                "received_at": item.received_at,
                "recorded_by": item.recorded_by,
                "campaign_code": item.campaign_code,
                "category_code": item.category_code,
                "title": item.title,
                "content": item.content,
                "location": item.location,
                "campaign_answers": (
                    json.dumps(item.campaign_answers, ensure_ascii=False)
                    if item.campaign_answers is not None
                    else None
                ),
                "scans": json.dumps(item.scans),
                "links": json.dumps([u.lower() for u in item.links]),
                "hq_status": "received",
                "outcome": None,
                "created_at": now,
            }
        )
        known[uuid] = (uuid, item.content_hash)
        created.append((uuid, item))
        result.update(result="created", status=201, hq_id=uuid)
    ids: dict[str, int] = {}
    if rows:
        # One multi-row INSERT ... RETURNING instead of 500 ORM objects.
        inserted = session.execute(
            insert(Suggestion).returning(
                Suggestion.id, Suggestion.uuid, sort_by_parameter_order=True
            ),
            rows,
        )
        ids = {u: i for i, u in inserted}
        people = [
            {"suggestion_id": ids[u], **item.suggester.model_dump()}
            for u, item in created
            if item.suggester is not None
        ]
        if people:
            session.execute(insert(Suggester), people)
    for result in results:
        ref = result.get("hq_id")
        if isinstance(ref, str):
            result["hq_id"] = hq_id_for(ids[ref])
        elif isinstance(ref, int):
            result["hq_id"] = hq_id_for(ref)
    return results
