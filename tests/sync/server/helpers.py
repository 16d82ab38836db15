"""What the HQ server tests share: a batch POST with its Idempotency-Key, and the check that
an answer is a problem+json of the expected status."""

from __future__ import annotations

import uuid
from typing import Any

import requests

from sync.server.testing import HQServer

T = 10  # seconds; every request has a timeout


def post_batch(hq: HQServer, token: str, items: list[Any], key: str | None = None) -> Any:
    headers = {**hq.auth(token), "Idempotency-Key": key or str(uuid.uuid4())}
    return requests.post(
        hq.url + "/api/v1/suggestions/batch", json={"items": items}, headers=headers, timeout=T
    )


def assert_problem(resp: requests.Response, status: int) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/problem+json")
    body = resp.json()
    assert {"type", "title", "status", "detail"} <= body.keys()
    assert body["status"] == status
    return body
