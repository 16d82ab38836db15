"""Enrolment: the admin types HQ's address and a one-time code; the station gets its token.

The token goes to the OS keyring (`sync.client.token`); the address and the optional CA file
go to the `setting` table. Enrolling again replaces both (HQ revokes the old token).
"""

from __future__ import annotations

import ipaddress
import logging
import math
from pathlib import Path
from urllib.parse import urlsplit

from station_app.errors import StationError
from station_app.services import hq_link
from station_app.services.setup import station_info
from station_app.store import Station
from sync.client import messages  # noqa: F401 - the messages below
from sync.client import token as tokens
from sync.client.http import HQClient, Rejected, RetryPolicy

log = logging.getLogger(__name__)


def is_loopback(url: str) -> bool:
    """True for an address on this machine (traffic that never crosses a network)."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def checked_ca_file(ca_file: str | None) -> str | None:
    """The CA file as an absolute path (the scheduler runs elsewhere), or a clear error."""
    if not ca_file:
        return None
    path = Path(ca_file).expanduser()
    if not path.is_file():
        raise StationError("sync.error.ca_missing", path=str(ca_file))
    return str(path.resolve())


def enrol(
    station: Station,
    hq_url: str,
    code: str,
    *,
    ca_file: str | None = None,
    allow_http: bool = False,
    retry: RetryPolicy | None = None,
) -> str:
    """Exchange `code` for a station token; returns the station code HQ enrolled.

    Plain http:// is refused unless `allow_http` (or HQ is on this machine): the code and
    the token would cross the network readable."""
    info = station_info(station)
    if info is None:
        raise StationError("error.not_set_up")
    url = hq_url.strip().rstrip("/")
    if not url.startswith(("https://", "http://")):
        raise StationError("sync.error.bad_url", url=url)
    if url.startswith("http://") and not is_loopback(url):
        if not allow_http:
            raise StationError("sync.error.insecure_url", url=url)
        log.warning("enrolling over plain http (allowed by the administrator)")
    ca_file = checked_ca_file(ca_file)
    with HQClient(url, ca_file=ca_file, retry=retry or RetryPolicy(max_attempts=3)) as client:
        try:
            resp = client.request(
                "POST",
                "/api/v1/enrol",
                json_body={
                    "station_code": info.code,
                    "station_name": info.name,
                    "enrolment_code": code.strip().upper(),
                },
                no_retry=(429,),  # locked out after wrong codes: say so, do not wait minutes
            )
        except Rejected as exc:
            if exc.status == 409:
                raise StationError("sync.error.code_used") from exc
            if exc.status == 429:
                minutes = max(1, math.ceil((exc.retry_after or 60) / 60))
                raise StationError("sync.error.too_many_attempts", minutes=minutes) from exc
            raise
        except StationError as exc:
            if exc.key == "sync.error.unauthorized":  # a 401 here is a wrong code
                raise StationError("sync.error.bad_code") from exc
            raise
    body = resp.json()
    tokens.set_token(station.data, body["station_token"])
    hq_link.save_enrolment(station, url, ca_file)
    return str(body["station_code"])
