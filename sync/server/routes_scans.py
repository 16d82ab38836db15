"""``HEAD``/``PUT /api/v1/scans/{sha256}``: content-addressed, resumable scan upload."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from sync.server.context import ctx, current_station
from sync.server.problems import Problem
from sync.server.scanstore import ScanStore, append_fsync
from sync.server.schemas import MAX_SCAN_BYTES

router = APIRouter()

ShaParam = Path(pattern=r"^[0-9a-f]{64}$")
_RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+)$")


@router.api_route("/api/v1/scans/{sha256}", methods=["HEAD", "PUT"])
async def scan(
    request: Request, sha256: str = ShaParam, _s: int = Depends(current_station)
) -> Response:
    # One route for both methods so that a 405 names both in its Allow header.
    if request.method == "HEAD":
        return await run_in_threadpool(head_scan, request, sha256)
    return await put_scan(request, sha256)


def head_scan(request: Request, sha256: str) -> Response:
    store = ctx(request).scans
    size = store.size(sha256)
    if size is not None:
        return Response(status_code=200, headers={"Content-Length": str(size)})
    partial = store.partial(sha256)
    if partial is None:
        return Response(status_code=404)
    _path, offset, total = partial
    return Response(
        status_code=200,
        headers={"Upload-Offset": str(offset), "Upload-Length": str(total), "Content-Length": "0"},
    )


async def put_scan(request: Request, sha256: str) -> JSONResponse:
    header = request.headers.get("content-range")
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_SCAN_BYTES:
        raise Problem(413, "A scan may be at most 50 MB.", "too-large")
    body = await request.body()
    if header:
        match = _RANGE.match(header.strip())
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
        _store_chunk, ctx(request).scans, sha256, start, total, body
    )
    return JSONResponse(state, status_code=status, headers=headers)


def _store_chunk(
    store: ScanStore, sha: str, start: int, total: int, body: bytes
) -> tuple[int, dict[str, Any], dict[str, str]]:
    with store.locked(sha):
        size = store.size(sha)
        if size is not None:
            return 200, {"sha256": sha, "size": size, "complete": True}, {}
        partial = store.partial(sha)
        if partial is not None and partial[2] != total:
            # A different declared total means a different upload; start it afresh.
            store.discard_partials(sha)
            partial = None
        offset = partial[1] if partial else 0
        if start != offset:
            raise Problem(
                409,
                f"This chunk starts at {start} but HQ holds {offset} bytes.",
                "wrong-offset",
                {"Upload-Offset": str(offset)},
            )
        path = store.partial_path(sha, total)
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
        return 201, {"sha256": sha, "size": total, "complete": True}, {}
