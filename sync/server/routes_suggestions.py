"""``POST /api/v1/suggestions/batch``: store each suggestion once, answer per item."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from fastapi import APIRouter, Header, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from sqlalchemy import insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from sync import content_hash
from sync.server.context import (
    HQContext,
    bearer_token,
    check_items_limit,
    ctx,
    parse,
    parse_json,
    station_for_token,
)
from sync.server.db import insert_rows, write_transaction
from sync.server.models import (
    IdempotencyRecord,
    QuarantinedItem,
    StationScan,
    Suggester,
    Suggestion,
    hq_id_for,
    utcnow,
)
from sync.server.problems import Problem
from sync.server.routes_v11 import FIRST_VERSION, store_sessions
from sync.server.schemas import (
    MAX_BATCH_ITEMS,
    SuggestionBatch,
    SuggestionBatchV10,
    SuggestionItem,
    SuggestionItemV10,
)

router = APIRouter()
_KEY = re.compile(r"^[\x21-\x7e]{1,200}$")


@router.post("/api/v1/suggestions/batch")
async def post_batch(
    request: Request, idempotency_key: str | None = Header(default=None)
) -> Response:
    token = bearer_token(request)
    key = idempotency_key or ""
    if not _KEY.match(key):
        raise Problem(
            400, "An Idempotency-Key header (1-200 visible ASCII chars) is required.", "no-key"
        )
    body = await request.body()  # the request guard keeps it under MAX_JSON_BODY
    answer, replayed = await run_in_threadpool(handle_batch, ctx(request), token, key, body)
    headers = {"Idempotent-Replayed": "true"} if replayed else None
    return Response(answer, media_type="application/json", headers=headers)


def handle_batch(hq: HQContext, token: str, key: str, body: bytes) -> tuple[str, bool]:
    """Authenticate, answer a resend from its record, else parse and store: one thread hop
    and one pooled connection for the whole request."""
    request_hash = hashlib.sha256(body).hexdigest()
    with hq.engine.connect() as conn:
        station_id = station_for_token(conn, token)
        # A resend (same key, same bytes) is answered from the record before any parsing.
        stored = _stored_answer(conn, station_id, key, request_hash)
        conn.rollback()  # end the read; the write below takes the lock from the start
        if stored is not None:
            return stored, True
        raw = parse_json(body)
        check_items_limit(raw, MAX_BATCH_ITEMS)
        schema = SuggestionBatchV10 if hq.contract == FIRST_VERSION else SuggestionBatch
        batch = parse(schema, raw)
        return store_batch(conn, station_id, key, request_hash, raw["items"], batch.items)


def _stored_answer(conn: Connection, station_id: int, key: str, request_hash: str) -> str | None:
    row = conn.execute(
        select(IdempotencyRecord.request_hash, IdempotencyRecord.response).where(
            IdempotencyRecord.station_id == station_id, IdempotencyRecord.key == key
        )
    ).first()
    if row is None:
        return None
    if row[0] != request_hash:
        raise Problem(
            422, "This Idempotency-Key was used with a different body.", "idempotency-key-reused"
        )
    return row[1]


def store_batch(
    conn: Connection,
    station_id: int,
    key: str,
    request_hash: str,
    raw_items: list[dict[str, Any]],
    items: list[SuggestionItem] | list[SuggestionItemV10],
) -> tuple[str, bool]:
    """Apply a batch in one transaction together with its idempotency record.

    A unique-constraint race with another worker (same key, or same uuid in flight) rolls the
    whole transaction back and starts again, so the second attempt sees the winner's rows.
    """
    for _attempt in range(5):
        try:
            with write_transaction(conn):
                # Again inside the transaction: a twin of this request may have won meanwhile.
                stored = _stored_answer(conn, station_id, key, request_hash)
                if stored is not None:
                    return stored, True
                response = json.dumps(
                    {"results": _apply(conn, station_id, raw_items, items)},
                    ensure_ascii=False,
                    separators=(",", ":"),
                )
                conn.execute(
                    insert(IdempotencyRecord).values(
                        station_id=station_id,
                        key=key,
                        request_hash=request_hash,
                        response=response,
                        created_at=utcnow(),
                    )
                )
            return response, False
        except IntegrityError:
            continue
    raise Problem(503, "Too much contention; retry.", "busy", {"Retry-After": "1"})


def _apply(
    conn: Connection,
    station_id: int,
    raw_items: list[dict[str, Any]],
    items: list[SuggestionItem] | list[SuggestionItemV10],
) -> list[dict[str, Any]]:
    """Per-item results; one SELECT and at most one INSERT per table for the whole batch."""
    uuids = list({it.uuid.lower() for it in items})
    known: dict[str, tuple[int | str, str]] = {
        u: (i, h)
        for i, u, h in conn.execute(
            select(Suggestion.id, Suggestion.uuid, Suggestion.content_hash).where(
                Suggestion.station_id == station_id, Suggestion.uuid.in_(uuids)
            )
        )
    }
    quarantined: set[tuple[str, str]] = set()
    if known:
        quarantined = set(
            conn.execute(
                select(QuarantinedItem.uuid, QuarantinedItem.content_hash).where(
                    QuarantinedItem.station_id == station_id,
                    QuarantinedItem.uuid.in_(list(known)),
                )
            ).tuples()
        )
    wanted_scans = {sha for it in items for sha in it.scans}
    own_scans: set[str] = set()
    if wanted_scans:
        own_scans = set(
            conn.execute(
                select(StationScan.sha256).where(
                    StationScan.station_id == station_id,
                    StationScan.sha256.in_(list(wanted_scans)),
                )
            ).scalars()
        )
    results: list[dict[str, Any]] = []
    created: list[tuple[str, SuggestionItem | SuggestionItemV10]] = []
    rows: list[dict[str, Any]] = []
    held: list[dict[str, Any]] = []
    now = utcnow()
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
                held.append(
                    {
                        "uuid": uuid,
                        "content_hash": item.content_hash,
                        "station_id": station_id,
                        "body": json.dumps(raw, ensure_ascii=False),
                        "received_at": now,
                    }
                )
            continue
        if not own_scans.issuperset(item.scans):
            result.update(result="rejected", status=422, detail="missing_scan")
            continue
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
        inserted = insert_rows(conn, Suggestion.__table__, rows, ("id", "uuid"))
        ids = {u: i for i, u in inserted}
        people = [
            {"suggestion_id": ids[u], **item.suggester.model_dump()}
            for u, item in created
            if item.suggester is not None
        ]
        insert_rows(conn, Suggester.__table__, people)
        sessions = [
            (ids[u], item.session)
            for u, item in created
            if isinstance(item, SuggestionItem) and item.session is not None
        ]
        if sessions:
            store_sessions(conn, station_id, sessions)
    insert_rows(conn, QuarantinedItem.__table__, held)
    for result in results:
        ref = result.get("hq_id")
        if isinstance(ref, str):
            result["hq_id"] = hq_id_for(ids[ref])
        elif isinstance(ref, int):
            result["hq_id"] = hq_id_for(ref)
    return results
