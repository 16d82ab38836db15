"""Builds the reference HQ server: ``create_app(database_url, scan_dir, ...)``.

The contract served at ``/openapi.json`` is ``sync/openapi.yaml`` itself, not FastAPI's
generated schema. ``app_from_env`` is the factory uvicorn's workers import when the server
runs with several processes.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from sqlalchemy import text

from sync import CONTRACT_PATH
from sync.server import routes_scans, routes_station, routes_suggestions, routes_v11
from sync.server.context import HQContext
from sync.server.db import create_schema, make_engine
from sync.server.faults import FaultMiddleware, FaultSpec, add_faults, fault_router
from sync.server.guard import GuardSettings, RequestGuard, install_log_filter
from sync.server.limits import BODY_TIMEOUT, MAX_IN_FLIGHT
from sync.server.problems import install_handlers
from sync.server.scanstore import ScanStore

ENV_DATABASE_URL = "STATION_APP_HQ_DATABASE_URL"
ENV_SCAN_DIR = "STATION_APP_HQ_SCAN_DIR"
ENV_TEST_FAULTS = "STATION_APP_HQ_TEST_FAULTS"
ENV_ADMIN_TOKEN = "STATION_APP_HQ_ADMIN_TOKEN"
ENV_MAX_IN_FLIGHT = "STATION_APP_HQ_MAX_IN_FLIGHT"
ENV_BODY_TIMEOUT = "STATION_APP_HQ_BODY_TIMEOUT"
ENV_CONTRACT = "STATION_APP_HQ_CONTRACT"


@lru_cache(maxsize=1)
def load_contract() -> dict[str, Any]:
    with open(CONTRACT_PATH, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def create_app(
    database_url: str,
    scan_dir: Path,
    *,
    test_faults: bool = False,
    admin_token: str | None = None,
    faults: list[dict[str, Any]] | None = None,
    create_tables: bool = True,
    guard: GuardSettings | None = None,
    contract: str = routes_v11.CONTRACT_VERSION,
) -> FastAPI:
    """The HQ server over ``database_url`` with scans under ``scan_dir``.

    ``test_faults`` mounts ``/_test/faults`` (guarded by ``admin_token``) and the fault
    middleware; ``faults`` are stored at start (same shape as that endpoint's items).
    ``guard`` sets load shedding, body limits and the body timeout (`sync.server.guard`).
    ``contract`` "1.0.0" serves the contract as it was before 1.1.0 (an HQ not yet upgraded,
    for the stations' tests); the contract file served is always the current one.
    """
    if contract not in routes_v11.VERSIONS:
        raise ValueError(f"unknown contract version {contract}")
    engine = make_engine(database_url)
    if create_tables:
        create_schema(engine)
    app = FastAPI(
        title="Station HQ (reference)",
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )
    app.state.hq = HQContext(engine=engine, scans=ScanStore(Path(scan_dir)), contract=contract)
    install_handlers(app)
    app.include_router(routes_station.router)
    app.include_router(routes_suggestions.router)
    app.include_router(routes_scans.router)
    if contract != routes_v11.FIRST_VERSION:
        app.include_router(routes_v11.router)

    @app.get("/openapi.json", include_in_schema=False)
    def openapi_json() -> JSONResponse:
        return JSONResponse(load_contract())

    @app.get("/openapi.yaml", include_in_schema=False)
    def openapi_yaml() -> Response:
        return Response(CONTRACT_PATH.read_bytes(), media_type="application/yaml")

    @app.get("/healthz")
    async def healthz(request: Request) -> JSONResponse:
        def ping() -> None:
            with request.app.state.hq.engine.connect() as conn:
                conn.execute(text("SELECT 1"))

        await run_in_threadpool(ping)
        return JSONResponse({"status": "ok"})

    if test_faults:
        if not admin_token:
            raise ValueError("test faults need an admin token")
        app.include_router(fault_router(admin_token))
        if faults:
            add_faults(engine, [FaultSpec.model_validate(f) for f in faults], replace=True)
        app.add_middleware(FaultMiddleware, engine=engine)
    app.add_middleware(RequestGuard, settings=guard or GuardSettings())  # outermost
    install_log_filter()
    return app


def app_from_env() -> FastAPI:
    """Factory for uvicorn workers; configuration comes from the environment."""
    return create_app(
        os.environ[ENV_DATABASE_URL],
        Path(os.environ[ENV_SCAN_DIR]),
        test_faults=os.environ.get(ENV_TEST_FAULTS) == "1",
        admin_token=os.environ.get(ENV_ADMIN_TOKEN),
        create_tables=False,
        guard=GuardSettings(
            max_in_flight=int(os.environ.get(ENV_MAX_IN_FLIGHT) or MAX_IN_FLIGHT),
            body_timeout=float(os.environ.get(ENV_BODY_TIMEOUT) or BODY_TIMEOUT),
        ),
        contract=os.environ.get(ENV_CONTRACT) or routes_v11.CONTRACT_VERSION,
    )
