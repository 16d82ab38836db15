"""Fault injection for the client's tests (only with ``--enable-test-faults``).

Faults live in the database, so every worker sees them and each is consumed exactly once.
Kinds, each for the next ``count`` requests whose path starts with ``path``:

* ``status``: answer ``status`` (e.g. 503, 429, 408) as problem+json, with ``Retry-After``
  when ``retry_after`` is given; the request is not processed.
* ``delay``: sleep ``seconds`` and then process the request normally.
* ``drop_before``: close the connection without any answer; not processed.
* ``drop_after_commit``: process the request (it commits) and then close the connection
  without sending the answer, i.e. "the response was lost after HQ committed".

Driven over HTTP by ``POST /_test/faults`` (header ``X-Admin-Token``), listed by ``GET``,
cleared by ``DELETE``.
"""

from __future__ import annotations

import asyncio
import hmac
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field
from sqlalchemy import delete, update
from sqlalchemy.engine import Engine
from sqlmodel import select
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.server.context import ctx, parse
from sync.server.db import read_session, write_session
from sync.server.models import TestFault
from sync.server.problems import Problem, problem_response

EXEMPT = ("/_test", "/healthz")


class FaultSpec(BaseModel):
    kind: Literal["status", "delay", "drop_before", "drop_after_commit"]
    count: int = Field(default=1, ge=1, le=100000)
    path: str = Field(default="", max_length=200)
    status: int = Field(default=503, ge=400, le=599)
    retry_after: int | None = Field(default=None, ge=0)
    seconds: float = Field(default=0.0, ge=0, le=600)


class FaultRequest(BaseModel):
    faults: list[FaultSpec]
    replace: bool = True


def add_faults(engine: Engine, specs: list[FaultSpec], replace: bool) -> None:
    with write_session(engine) as session:
        if replace:
            session.execute(delete(TestFault))
        for spec in specs:
            session.add(
                TestFault(
                    kind=spec.kind,
                    path=spec.path,
                    remaining=spec.count,
                    status=spec.status,
                    retry_after=spec.retry_after,
                    seconds=spec.seconds,
                )
            )


def take_fault(engine: Engine, path: str) -> TestFault | None:
    """Consume one use of the first fault matching ``path``, atomically across workers."""
    with write_session(engine) as session:
        for fault in session.exec(
            select(TestFault).where(TestFault.remaining > 0).order_by(TestFault.id)
        ):
            if not path.startswith(fault.path):
                continue
            took = session.execute(
                update(TestFault)
                .where(TestFault.id == fault.id, TestFault.remaining > 0)
                .values(remaining=TestFault.remaining - 1)
            )
            if took.rowcount == 1:
                return fault
    return None


def _abort_connection(receive: Receive) -> bool:
    """Close the TCP connection under uvicorn without a response (no public API for it)."""
    cycle = getattr(receive, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if transport is None:
        return False
    transport.abort()
    return True


class FaultMiddleware:
    """Outermost ASGI layer applying the faults stored in the database."""

    def __init__(self, app: ASGIApp, engine: Engine) -> None:
        self.app = app
        self.engine = engine

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(EXEMPT):
            await self.app(scope, receive, send)
            return
        fault = await run_in_threadpool(take_fault, self.engine, scope["path"])
        if fault is None:
            await self.app(scope, receive, send)
        elif fault.kind == "status":
            headers = (
                {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
            )
            response = problem_response(fault.status, "Injected test fault.", "test-fault", headers)
            await response(scope, receive, send)
        elif fault.kind == "delay":
            await asyncio.sleep(fault.seconds)
            await self.app(scope, receive, send)
        elif fault.kind == "drop_before":
            if not _abort_connection(receive):
                raise RuntimeError("cannot drop the connection under this server")
        else:  # drop_after_commit

            async def swallow(_message: Message) -> None:
                return None

            await self.app(scope, receive, swallow)
            if not _abort_connection(receive):
                raise RuntimeError("cannot drop the connection under this server")


def fault_router(admin_token: str) -> APIRouter:
    router = APIRouter()

    def check(request: Request) -> None:
        given = request.headers.get("x-admin-token", "")
        if not hmac.compare_digest(given.encode(), admin_token.encode()):
            raise Problem(403, "Admin token required.", "forbidden")

    @router.post("/_test/faults")
    async def set_faults(request: Request) -> dict[str, Any]:
        check(request)
        req = parse(FaultRequest, await request.json())
        await run_in_threadpool(add_faults, ctx(request).engine, req.faults, req.replace)
        return {"ok": True, "count": len(req.faults)}

    @router.get("/_test/faults")
    def list_faults(request: Request) -> dict[str, Any]:
        check(request)
        with read_session(ctx(request).engine) as session:
            rows = session.exec(select(TestFault).where(TestFault.remaining > 0)).all()
        return {"faults": [r.model_dump() for r in rows]}

    @router.delete("/_test/faults")
    def clear_faults(request: Request) -> dict[str, Any]:
        check(request)
        add_faults(ctx(request).engine, [], replace=True)
        return {"ok": True}

    return router
