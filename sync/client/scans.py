"""Scans go up before the suggestions that name them: content-addressed and resumable.

`HEAD` asks HQ what it holds (complete, partial with `Upload-Offset`, or nothing); `PUT`
sends the rest in chunks with `Content-Range`, so a dropped link costs at most one chunk.
"""

from __future__ import annotations

import logging

from station_app.errors import HQUnavailable
from station_app.security.scanstore import load_scan, scan_path
from station_app.store import Station
from sync.client.http import HQClient

log = logging.getLogger(__name__)

CHUNK = 1024 * 1024


def scan_bytes(station: Station, sha256: str) -> bytes:
    """The plaintext of a stored scan (decrypted when the station's data is encrypted)."""
    if station.db.key is not None:
        return load_scan(station.data, station.db.key, sha256)
    return scan_path(station.data, sha256).read_bytes()


def upload_scan(client: HQClient, station: Station, sha256: str) -> bool:
    """Make sure HQ holds the scan. True if bytes were sent, False if HQ had it already."""
    path = f"/api/v1/scans/{sha256}"
    head = client.request("HEAD", path, ok=(200, 404))
    if head.status_code == 200 and "Upload-Offset" not in head.headers:
        return False
    content = scan_bytes(station, sha256)
    total = len(content)
    offset = int(head.headers.get("Upload-Offset", 0)) if head.status_code == 200 else 0
    if int(head.headers.get("Upload-Length", total) or total) != total:
        offset = 0  # a partial of another length: HQ starts afresh when we send ours
    for _step in range(3 * (total // CHUNK) + 10):  # bounded even if HQ keeps moving
        end = min(total, offset + CHUNK) - 1
        headers = {"Content-Type": "application/octet-stream"}
        if total:
            headers["Content-Range"] = f"bytes {offset}-{end}/{total}"
        resp = client.request(
            "PUT", path, ok=(200, 201, 202, 409), data=content[offset : end + 1], headers=headers
        )
        if resp.status_code in (200, 201):
            return True
        # 202: more to come; 409: HQ holds a different amount (an earlier attempt landed)
        offset = int(resp.headers.get("Upload-Offset", end + 1))
        if offset >= total:
            return True
    raise HQUnavailable(detail=f"scan {sha256[:12]} did not finish uploading")
