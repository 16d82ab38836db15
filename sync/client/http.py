"""The one HTTP session to HQ and the one retry policy.

Every request has a (connect, read) timeout and TLS verification (a custom CA file may be
set). Connect errors, timeouts, 408, 429 and 5xx are retried with capped exponential backoff
and full jitter, honouring Retry-After; other 4xx never are: 401 raises `Unauthorized` (the
sync stops and asks an admin), the rest `Rejected`. The RNG and the sleep are injectable so
tests can see every wait without waiting.
"""

from __future__ import annotations

import json
import logging
import random
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

import requests

from station_app.errors import HQUnavailable, StationError

log = logging.getLogger(__name__)

RETRYABLE = frozenset({408, 429, 500, 502, 503, 504}) | frozenset(range(505, 600))
DEFAULT_TIMEOUT = (5.0, 60.0)  # (connect, read) seconds
USER_AGENT = "station-app-sync/1"


class Unauthorized(StationError):
    """HQ does not accept our token (revoked, or the station was enrolled again elsewhere)."""

    key = "sync.error.unauthorized"


class Rejected(StationError):
    """HQ refused a request (a 4xx other than 401/408/429): not retried, shown."""

    key = "sync.error.rejected"

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(status=status, detail=detail)
        self.status = status
        self.detail = detail
        self.retry_after: float | None = None


class TLSFailed(StationError):
    key = "sync.error.tls"


class Cancelled(StationError):
    key = "sync.error.cancelled"


@dataclass
class RetryPolicy:
    """Capped exponential backoff with full jitter; Retry-After wins when HQ sends one."""

    max_attempts: int = 6
    base: float = 0.5
    cap: float = 30.0
    max_retry_after: float = 300.0
    rng: random.Random = field(default_factory=random.Random)
    sleep: Callable[[float], None] | None = None  # None: wait on the cancel event

    def delay(self, attempt: int, retry_after: float | None) -> float:
        """Seconds to wait before attempt `attempt + 1` (attempt counts from 0)."""
        if retry_after is not None:
            return min(retry_after, self.max_retry_after)
        return self.rng.uniform(0.0, min(self.cap, self.base * (2**attempt)))


def _retry_after(resp: requests.Response) -> float | None:
    value = resp.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: fall back to our own backoff


def problem_detail(resp: requests.Response) -> str:
    """HQ's problem+json `detail` (or the start of the body), for the log and the user."""
    try:
        body = resp.json()
        return str(body.get("detail") or body.get("title") or resp.reason)[:300]
    except (ValueError, AttributeError):
        return (resp.text or resp.reason or "")[:300]


def _complete(method: str, resp: requests.Response) -> bool:
    """False when the answer was visibly cut in transit. HQ's 2xx answers are JSON (HEAD's
    carry a Content-Length); a header block cut short still parses, without them."""
    if method == "HEAD":
        return "Content-Length" in resp.headers
    try:
        resp.json()
    except ValueError:
        return False
    return True


class HQClient:
    """Requests to one HQ with one token, one connection pool, one retry policy."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        ca_file: str | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        cancel: threading.Event | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.cancel = cancel or threading.Event()
        self.session = requests.Session()
        self.session.verify = ca_file or True
        self.session.trust_env = False  # a station's proxy settings must not divert HQ traffic
        self.session.headers["User-Agent"] = USER_AGENT
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"
        self.waits: list[float] = []  # every backoff wait, for the report and tests

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> HQClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _wait(self, seconds: float) -> None:
        self.waits.append(seconds)
        if self.retry.sleep is not None:
            self.retry.sleep(seconds)
            if self.cancel.is_set():
                raise Cancelled()
        elif self.cancel.wait(seconds):
            raise Cancelled()

    def request(
        self,
        method: str,
        path: str,
        *,
        ok: Collection[int] = (200,),
        json_body: Any = None,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        params: dict[str, Any] | None = None,
        no_retry: Collection[int] = (),
    ) -> requests.Response:
        """Send with retries; returns a response whose status is in `ok`, else raises.
        Statuses in `no_retry` raise `Rejected` at once even if normally retried."""
        if json_body is not None:
            data = json.dumps(json_body, ensure_ascii=False, separators=(",", ":")).encode()
            headers = {"Content-Type": "application/json", **(headers or {})}
        url = self.base_url + path
        last = ""
        for attempt in range(self.retry.max_attempts):
            if self.cancel.is_set():
                raise Cancelled()
            retry_after: float | None = None
            try:
                resp = self.session.request(
                    method, url, data=data, headers=headers, params=params, timeout=self.timeout
                )
            except requests.exceptions.SSLError as exc:
                log.warning("TLS failure talking to HQ: %s", exc)
                raise TLSFailed() from exc
            except (
                requests.exceptions.ConnectionError,
                requests.exceptions.Timeout,
                requests.exceptions.ChunkedEncodingError,
            ) as exc:
                last = type(exc).__name__
                log.info("%s %s: %s (attempt %d)", method, path, last, attempt + 1)
            else:
                if resp.status_code in ok:
                    if _complete(method, resp):
                        return resp
                    # cut short on the way: the link broke, not HQ; resending is safe (idempotent)
                    last = f"HTTP {resp.status_code}, answer cut short"
                    log.info("%s %s: %s (attempt %d)", method, path, last, attempt + 1)
                    resp.close()
                    if attempt + 1 < self.retry.max_attempts:
                        self._wait(self.retry.delay(attempt, None))
                    continue
                if resp.status_code == 401:
                    raise Unauthorized()
                if resp.status_code not in RETRYABLE or resp.status_code in no_retry:
                    rejected = Rejected(resp.status_code, problem_detail(resp))
                    rejected.retry_after = _retry_after(resp)
                    raise rejected
                last = f"HTTP {resp.status_code}"
                retry_after = _retry_after(resp)
                log.info("%s %s: %s (attempt %d)", method, path, last, attempt + 1)
                resp.close()
            if attempt + 1 < self.retry.max_attempts:
                self._wait(self.retry.delay(attempt, retry_after))
        raise HQUnavailable(detail=last)
