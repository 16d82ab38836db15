"""What contract 1.1.0 added: `GET /api/v1/contract`, sessions in suggestion bodies, and
`POST /api/v1/questionnaires/batch`.

An HQ serving 1.0.0 (``create_app(contract="1.0.0")``, ``hq-server --contract 1.0.0``: how
the tests stand in for an HQ that was never upgraded) mounts none of this router and parses
suggestion batches with the 1.0 schema, so a 404 at /api/v1/contract tells a station to send
the 1.0 body.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlmodel import select as sm_select

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
from sync.server.limits import MAX_BATCH_ITEMS, MAX_JSON_BODY
from sync.server.models import GroupSession, QuestionnaireResponse, SuggestionSession
from sync.server.problems import Problem
from sync.server.schemas import QuestionnaireBatch, SessionIn

CONTRACT_VERSION = "1.1.0"
FIRST_VERSION = "1.0.0"
VERSIONS = (FIRST_VERSION, CONTRACT_VERSION)

router = APIRouter()


@router.get("/api/v1/contract")
def contract(request: Request, station_id: int = Depends(current_station)) -> dict[str, Any]:
    return {"version": ctx(request).contract}


def store_sessions(conn: Connection, station_id: int, pairs: list[tuple[int, SessionIn]]) -> None:
    """Link each new suggestion to its session; a session is stored by its first speaker's
    item (later items of the same session only link)."""
    uuids = list({s.uuid.lower() for _sid, s in pairs})
    known = dict(
        conn.execute(
            select(GroupSession.uuid, GroupSession.id).where(
                GroupSession.station_id == station_id, GroupSession.uuid.in_(uuids)
            )
        ).all()
    )
    for suggestion_id, session in pairs:
        uuid = session.uuid.lower()
        if uuid not in known:
            known[uuid] = conn.execute(
                insert(GroupSession)
                .values(
                    uuid=uuid,
                    station_id=station_id,
                    body=json.dumps(session.model_dump(exclude_none=True), ensure_ascii=False),
                )
                .returning(GroupSession.id)
            ).scalar_one()
        conn.execute(
            insert(SuggestionSession).values(suggestion_id=suggestion_id, session_id=known[uuid])
        )


@router.post("/api/v1/questionnaires/batch")
async def questionnaires(
    request: Request, station_id: int = Depends(current_station)
) -> dict[str, Any]:
    """Per item, by uuid (per station): created, already_had (same body), conflict (same
    uuid, another body: the first is kept)."""
    raw = await json_body(request, MAX_JSON_BODY)
    check_items_limit(raw, MAX_BATCH_ITEMS)
    batch = parse(QuestionnaireBatch, raw)
    return await run_in_threadpool(_store, ctx(request), station_id, raw["items"], batch)


def _store(
    hq: HQContext, station_id: int, raw_items: list[dict[str, Any]], batch: QuestionnaireBatch
) -> dict[str, Any]:
    for _attempt in range(5):
        try:
            with write_session(hq.engine) as session:
                uuids = [i.uuid.lower() for i in batch.items]
                known = dict(
                    session.exec(
                        sm_select(
                            QuestionnaireResponse.uuid, QuestionnaireResponse.body_hash
                        ).where(
                            QuestionnaireResponse.station_id == station_id,
                            QuestionnaireResponse.uuid.in_(uuids),
                        )
                    ).all()
                )
                results = []
                for raw, item in zip(raw_items, batch.items, strict=True):
                    uuid, digest = item.uuid.lower(), body_hash(raw)
                    result: dict[str, Any] = {"uuid": item.uuid}
                    results.append(result)
                    if uuid in known:
                        same = known[uuid] == digest
                        result.update(
                            result="already_had" if same else "conflict",
                            detail=None if same else "uuid_known_with_other_content",
                        )
                        continue
                    session.add(
                        QuestionnaireResponse(
                            uuid=uuid,
                            station_id=station_id,
                            body_hash=digest,
                            campaign_code=item.campaign_code,
                            answers=json.dumps(item.answers, ensure_ascii=False),
                            source=item.source,
                            received_at=item.received_at,
                            session_uuid=item.session_uuid.lower() if item.session_uuid else None,
                        )
                    )
                    known[uuid] = digest
                    result["result"] = "created"
                return {"results": results}
        except IntegrityError:
            continue
    raise Problem(503, "Too much contention; retry.", "busy", {"Retry-After": "1"})
