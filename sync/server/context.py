"""Per-app state shared by the routes (engine, scan store) and station authentication."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import Request
from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from sync import canonical_json
from sync.server.models import Station
from sync.server.problems import Problem, validation_detail
from sync.server.scanstore import ScanStore

M = TypeVar("M", bound=BaseModel)


@dataclass
class HQContext:
    engine: Engine
    scans: ScanStore
    contract: str = "1.1.0"  # the contract version served (an older one for tests)


def ctx(request: Request) -> HQContext:
    return request.app.state.hq


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def bearer_token(request: Request) -> str:
    """The bearer token of the request (not yet checked), else 401."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Problem(
            401, "A station token is required.", "unauthorized", {"WWW-Authenticate": "Bearer"}
        )
    return token.strip()


def station_for_token(conn: Connection, token: str) -> int:
    """The id of the station holding ``token``, else 401."""
    station_id = conn.execute(
        select(Station.id).where(Station.token_hash == token_hash(token))
    ).scalar()
    if station_id is None:
        raise Problem(
            401, "The station token is not valid.", "unauthorized", {"WWW-Authenticate": "Bearer"}
        )
    return station_id


def current_station(request: Request) -> int:
    """The id of the station whose bearer token came with the request, else 401."""
    token = bearer_token(request)
    with ctx(request).engine.connect() as conn:
        return station_for_token(conn, token)


async def json_body(request: Request, limit: int) -> Any:
    body = await request.body()
    if len(body) > limit:
        raise Problem(413, f"The body is over {limit} bytes.", "too-large")
    return parse_json(body)


def parse_json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except ValueError:
        raise Problem(400, "The body is not valid JSON.", "invalid-request") from None
    except RecursionError:  # nested deeper than any request of the contract
        raise Problem(400, "The body is nested too deeply.", "invalid-request") from None


def parse(model: type[M], raw: Any) -> M:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        status, detail = validation_detail(list(exc.errors()))
        raise Problem(status, detail, "invalid-request") from None


def check_items_limit(raw: Any, limit: int) -> None:
    if isinstance(raw, dict) and isinstance(raw.get("items"), list) and len(raw["items"]) > limit:
        raise Problem(413, f"At most {limit} items per request.", "too-many-items")


def only_params(request: Request, allowed: set[str]) -> None:
    """400 for query parameters the contract does not define (typos should not pass silently)."""
    unknown = set(request.query_params.keys()) - allowed
    if unknown:
        raise Problem(400, "Unknown query parameter.", "unknown-parameter")


def body_hash(value: Any) -> str:
    return hashlib.sha256(canonical_json(value)).hexdigest()
