"""``HEAD``/``PUT /api/v1/scans/{sha256}``: content-addressed, resumable scan upload.

Scans are stored once by SHA-256 but scoped by station: a station sees, resumes and links only
what it has uploaded itself (``StationScan``), so no station learns whether another sent a
letter, links another's scan, or disturbs another's unfinished upload.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from sqlalchemy import select

from sync.server.context import HQContext, ctx, current_station
from sync.server.db import write_session
from sync.server.models import StationScan
from sync.server.problems import Problem
from sync.server.scanstore import append_fsync
from sync.server.schemas import MAX_SCAN_BYTES

router = APIRouter()

ShaParam = Path(pattern=r"^[0-9a-f]{64}$")
# ASCII digits, at most 12 (a 50 MB limit needs 8): no unicode digits, no 5,000-digit ints
_RANGE = re.compile(r"bytes ([0-9]{1,12})-([0-9]{1,12})/([0-9]{1,12})")


@router.api_route("/api/v1/scans/{sha256}", methods=["HEAD", "PUT"])
async def scan(
    request: Request, sha256: str = ShaParam, station_id: int = Depends(current_station)
) -> Response:
    # One route for both methods so that a 405 names both in its Allow header.
    if request.method == "HEAD":
        return await run_in_threadpool(head_scan, ctx(request), station_id, sha256)
    return await put_scan(request, station_id, sha256)


def _owned_size(hq: HQContext, station_id: int, sha: str) -> int | None:
    with hq.engine.connect() as conn:
        return conn.execute(
            select(StationScan.size).where(
                StationScan.station_id == station_id, StationScan.sha256 == sha
            )
        ).scalar()


def head_scan(hq: HQContext, station_id: int, sha256: str) -> Response:
    """Only this station's scans and uploads: HQ may hold the same bytes from another
    station, but saying so would tell who sent which letter."""
    size = _owned_size(hq, station_id, sha256)
    if size is not None:
        return Response(status_code=200, headers={"Content-Length": str(size)})
    partial = hq.scans.partial(station_id, sha256)
    if partial is None:
        return Response(status_code=404)
    _path, offset, total = partial
    return Response(
        status_code=200,
        headers={"Upload-Offset": str(offset), "Upload-Length": str(total), "Content-Length": "0"},
    )


async def put_scan(request: Request, station_id: int, sha256: str) -> JSONResponse:
    header = request.headers.get("content-range")
    body = await request.body()  # the request guard keeps it under MAX_SCAN_BYTES
    if header:
        match = _RANGE.fullmatch(header.strip())
        if not match:
            raise Problem(400, "Content-Range must be 'bytes START-END/TOTAL'.", "bad-range")
        start, end, total = (int(g) for g in match.groups())
        if end < start or end >= total or end - start + 1 != len(body):
            raise Problem(400, "Content-Range does not match the body.", "bad-range")
    else:
        start, total = 0, len(body)
    if total > MAX_SCAN_BYTES:
        raise Problem(413, "A scan may be at most 50 MB.", "too-large")
    status, state, headers = await run_in_threadpool(
        _store_chunk, ctx(request), station_id, sha256, start, total, body
    )
    return JSONResponse(state, status_code=status, headers=headers)


def _store_chunk(
    hq: HQContext, station_id: int, sha: str, start: int, total: int, body: bytes
) -> tuple[int, dict[str, Any], dict[str, str]]:
    """Append a chunk to this station's partial upload. The whole scan must come from each
    station that links it (proof that it has the bytes); the stored file is still one."""
    store = hq.scans
    with store.locked(sha):
        size = _owned_size(hq, station_id, sha)
        if size is not None:
            return 200, {"sha256": sha, "size": size, "complete": True}, {}
        partial = store.partial(station_id, sha)
        if partial is not None and partial[2] != total:
            # A different declared total means a different upload; start it afresh.
            store.discard_partials(station_id, sha)
            partial = None
        offset = partial[1] if partial else 0
        if start != offset:
            raise Problem(
                409,
                f"This chunk starts at {start} but HQ holds {offset} bytes.",
                "wrong-offset",
                {"Upload-Offset": str(offset)},
            )
        path = store.partial_path(station_id, sha, total)
        offset = append_fsync(path, [body])
        if offset < total:
            return (
                202,
                {"sha256": sha, "size": offset, "complete": False},
                {"Upload-Offset": str(offset)},
            )
        if not store.finish(sha, path):
            raise Problem(
                422, "The bytes do not match the SHA-256; upload discarded.", "hash-mismatch"
            )
        with write_session(hq.engine) as session:
            session.add(StationScan(station_id=station_id, sha256=sha, size=total))
        return 201, {"sha256": sha, "size": total, "complete": True}, {}
