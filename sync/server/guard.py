"""The outermost ASGI layer: what HQ refuses before a route sees a request.

* Load shedding: at most ``max_in_flight`` requests per worker process at once; beyond that
  HQ answers 503 with a random ``Retry-After`` (``retry_after`` range), so a city's stations
  that all came at :00 come back spread out instead of queueing until they time out.
  ``/healthz`` is never shed (a load balancer must still see a full worker as alive).
* Content-Type: a body sent to a JSON endpoint must say ``application/json`` (else 415).
* Body size: a declared ``Content-Length`` over the limit is refused before reading, and the
  bytes are counted while they arrive, so a chunked body cannot grow past the limit either
  (413). A route never holds more than the limit in memory.
* Slow bodies: each piece of a body must arrive within ``body_timeout`` seconds (408), so a
  client that stops sending does not hold its connection and a worker's memory.

Refusals close the connection (``Connection: close``): the rest of an unread body is not
waited for.
"""

from __future__ import annotations

import asyncio
import logging
import random
import traceback
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.server.limits import (
    BODY_TIMEOUT,
    MAX_ENROL_BODY,
    MAX_IN_FLIGHT,
    MAX_JSON_BODY,
    MAX_SCAN_BYTES,
    RETRY_AFTER,
)
from sync.server.problems import Problem, problem_response

NOT_SHED = ("/healthz", "/openapi.", "/_test/")
JSON_TYPES = ("application/json",)


@dataclass(frozen=True)
class GuardSettings:
    max_in_flight: int = MAX_IN_FLIGHT
    retry_after: tuple[int, int] = RETRY_AFTER  # seconds, chosen at random in this range
    body_timeout: float = BODY_TIMEOUT


def body_limit(path: str) -> int:
    if path.startswith("/api/v1/scans/"):
        return MAX_SCAN_BYTES
    if path == "/api/v1/enrol":
        return MAX_ENROL_BODY
    return MAX_JSON_BODY


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media in JSON_TYPES or (media.startswith("application/") and media.endswith("+json"))


class _Receive:
    """``receive`` with the body counted and timed. Keeps ``transport`` reachable (as
    ``receive.__self__.transport``) for the test-fault layer that drops connections."""

    def __init__(self, receive: Receive, limit: int, timeout: float) -> None:
        self._receive = receive
        self.transport = getattr(getattr(receive, "__self__", None), "transport", None)
        self.limit = limit
        self.timeout = timeout
        self.received = 0
        self.done = False

    async def receive(self) -> Message:
        if self.done:
            return await self._receive()
        try:
            async with asyncio.timeout(self.timeout):  # no extra task, unlike wait_for
                message = await self._receive()
        except TimeoutError:
            raise Problem(
                408, "The request body stopped arriving.", "body-timeout", {"Connection": "close"}
            ) from None
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            if self.received > self.limit:
                raise Problem(
                    413,
                    f"The body is over {self.limit} bytes.",
                    "too-large",
                    {"Connection": "close"},
                )
            self.done = not message.get("more_body", False)
        else:
            self.done = True
        return message


class RequestGuard:
    def __init__(self, app: ASGIApp, settings: GuardSettings | None = None) -> None:
        self.app = app
        self.settings = settings or GuardSettings()
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        shed = not path.startswith(NOT_SHED)
        if shed and self.in_flight >= self.settings.max_in_flight:
            low, high = self.settings.retry_after
            await self._refuse(
                scope,
                receive,
                send,
                Problem(
                    503,
                    "HQ is busy; try again after the time in Retry-After.",
                    "busy",
                    {"Retry-After": str(random.randint(low, high)), "Connection": "close"},
                ),
            )
            return
        refusal = self._check_headers(scope, body_limit(path))
        if refusal is not None:
            await self._refuse(scope, receive, send, refusal)
            return
        guarded = _Receive(receive, body_limit(path), self.settings.body_timeout)
        if shed:
            self.in_flight += 1
        try:
            await self.app(scope, guarded.receive, send)
        finally:
            if shed:
                self.in_flight -= 1

    @staticmethod
    def _check_headers(scope: Scope, limit: int) -> Problem | None:
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length")
        if declared is not None:
            if not declared.isdigit() or len(declared) > 15:
                return Problem(400, "Content-Length is not a number.", "bad-length", _CLOSE)
            if int(declared) > limit:
                return Problem(413, f"The body is over {limit} bytes.", "too-large", _CLOSE)
        has_body = declared not in (None, b"0") or b"transfer-encoding" in headers
        if (
            scope["method"] in ("POST", "PUT", "PATCH")
            and has_body
            and scope["path"].startswith("/api/")
            and not scope["path"].startswith("/api/v1/scans/")
            and not _is_json(headers.get(b"content-type", b"").decode("latin-1"))
        ):
            return Problem(415, "The body must be JSON (Content-Type: application/json).",
                           "unsupported-media-type", _CLOSE)  # fmt: skip
        return None

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send, problem: Problem) -> None:
        response = problem_response(problem.status, problem.detail, problem.slug, problem.headers)
        await response(scope, receive, send)


_CLOSE = {"Connection": "close"}


class ValueFreeTracebacks(logging.Filter):
    """The server's own log keeps an exception's type and frames but not its message, which
    may quote what a client sent (a personal name, a hostile header)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[0] is not None:
            exc_type, _exc, tb = record.exc_info
            frames = "".join(traceback.format_tb(tb))
            record.msg = f"{record.getMessage()}\n{exc_type.__name__} (message left out)\n{frames}"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        return True


def install_log_filter(names: tuple[str, ...] = ("uvicorn.error", "uvicorn")) -> Any:
    flt = ValueFreeTracebacks()
    for name in names:
        logger = logging.getLogger(name)
        if not any(isinstance(f, ValueFreeTracebacks) for f in logger.filters):
            logger.addFilter(flt)
    return flt
