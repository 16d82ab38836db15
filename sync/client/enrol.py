"""Enrolment: the admin types HQ's address and a one-time code; the station gets its token.

The token goes to the OS keyring (`sync.client.token`); the address and the optional CA file
go to the `setting` table. Enrolling again replaces both (HQ revokes the old token).
"""

from __future__ import annotations

from station_app.errors import StationError
from station_app.services import outbox
from station_app.services.setup import station_info
from station_app.store import Station
from sync.client import token as tokens
from sync.client.http import HQClient, Rejected, RetryPolicy


def enrol(
    station: Station,
    hq_url: str,
    code: str,
    *,
    ca_file: str | None = None,
    retry: RetryPolicy | None = None,
) -> str:
    """Exchange `code` for a station token; returns the station code HQ enrolled."""
    info = station_info(station)
    if info is None:
        raise StationError("error.not_set_up")
    url = hq_url.strip().rstrip("/")
    if not url.startswith(("https://", "http://")):
        raise StationError("sync.error.bad_url", url=url)
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
            )
        except Rejected as exc:
            if exc.status == 409:
                raise StationError("sync.error.code_used") from exc
            raise
        except StationError as exc:
            if exc.key == "sync.error.unauthorized":  # a 401 here is a wrong code
                raise StationError("sync.error.bad_code") from exc
            raise
    body = resp.json()
    tokens.set_token(station.data, body["station_token"])
    outbox.save_enrolment(station, url, ca_file)
    return str(body["station_code"])
