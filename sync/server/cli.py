"""``station-app hq-server`` and ``station-app hq-admin``: run and administer the reference HQ.

``register(subparsers)`` is the ``station_app.commands`` entry point; each subcommand sets
``func`` (``func(args) -> int``). ``python -m sync.server.cli ...`` works without station_app.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from sync.server.limits import BODY_TIMEOUT, MAX_IN_FLIGHT

DEFAULT_PORT = 8700


ENV_HQ_DATA = "STATION_APP_HQ_DATA"


def hq_data_dir(explicit: str | None) -> Path:
    """``--data-dir``, else $STATION_APP_HQ_DATA, else the platform's user data folder
    (``~/.local/share/station-app-hq`` on Linux); created owner-only (0700)."""
    import platformdirs

    if explicit:
        path = Path(explicit)
    elif os.environ.get(ENV_HQ_DATA):
        path = Path(os.environ[ENV_HQ_DATA])
    else:
        path = Path(platformdirs.user_data_dir("station-app-hq", appauthor=False))
    path = path.expanduser().resolve()
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


def _database_url(args: argparse.Namespace) -> str:
    if args.database_url:
        return args.database_url
    return f"sqlite:///{hq_data_dir(args.data_dir) / 'hq.sqlite3'}"


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database-url",
        default=os.environ.get("STATION_APP_HQ_DATABASE_URL"),
        help="SQLAlchemy URL, e.g. postgresql+psycopg2://hq@db/hq (default: SQLite in data dir)",
    )
    parser.add_argument(
        "--data-dir",
        help="database and scans (default: $STATION_APP_HQ_DATA, else the user data folder, "
        "e.g. ~/.local/share/station-app-hq)",
    )


def register(subparsers: Any, common: Any = None) -> None:
    """Add ``hq-server`` and ``hq-admin`` to the ``station-app`` command."""
    server = subparsers.add_parser("hq-server", help="run the reference HQ server")
    _common(server)
    server.add_argument("--host", default="127.0.0.1")
    server.add_argument("--port", type=int, default=DEFAULT_PORT)
    server.add_argument("--workers", type=int, default=1)
    server.add_argument(
        "--max-in-flight",
        type=int,
        default=MAX_IN_FLIGHT,
        help="requests per worker at once; beyond that 503 with a random Retry-After",
    )
    server.add_argument(
        "--body-timeout",
        type=float,
        default=BODY_TIMEOUT,
        help="seconds a request body may pause before HQ answers 408 and closes",
    )
    server.add_argument(
        "--enable-test-faults",
        action="store_true",
        help="mount POST /_test/faults (needs --admin-token or STATION_APP_HQ_ADMIN_TOKEN)",
    )
    server.add_argument("--admin-token", default=os.environ.get("STATION_APP_HQ_ADMIN_TOKEN"))
    server.add_argument(
        "--contract",
        choices=("1.0.0", "1.1.0"),
        default="1.1.0",
        help="contract version to serve (1.0.0: as an HQ not yet upgraded, to test stations)",
    )
    server.add_argument("--log-level", default="warning")
    server.set_defaults(func=run_server)

    admin = subparsers.add_parser("hq-admin", help="HQ administrator actions")
    _common(admin)
    sub = admin.add_subparsers(dest="admin_command", required=True)
    p = sub.add_parser("issue-code", help="print a one-time enrolment code for a station")
    p.add_argument("--station", required=True)
    p.add_argument("--name")
    p.add_argument(
        "--valid-days", type=float, default=7.0, help="the code expires after (default 7 days)"
    )
    p.set_defaults(func=_admin("issue_code"))
    p = sub.add_parser("list", help="list suggestions (no personal data)")
    p.add_argument("--station")
    p.add_argument("--limit", type=int, default=100)
    p.set_defaults(func=_admin("list"))
    p = sub.add_parser("set-status", help="move a suggestion to an HQ state")
    p.add_argument("uuid")
    p.add_argument("status")
    p.add_argument("--note")
    p.set_defaults(func=_admin("set_status"))
    p = sub.add_parser("reply", help="write HQ's reply")
    p.add_argument("uuid")
    p.add_argument("text")
    p.add_argument("--due-date", help="YYYY-MM-DD by which the station gives feedback")
    p.set_defaults(func=_admin("reply"))
    p = sub.add_parser("outcome", help="record the outcome")
    p.add_argument("uuid")
    p.add_argument("outcome")
    p.add_argument("--note")
    p.set_defaults(func=_admin("outcome"))
    p = sub.add_parser("award", help="mark as an awarded suggestion")
    p.add_argument("uuid")
    p.add_argument("--note")
    p.set_defaults(func=_admin("award"))
    p = sub.add_parser("deadline", help="set a due date")
    p.add_argument("uuid")
    p.add_argument("due_date")
    p.add_argument("--note")
    p.set_defaults(func=_admin("deadline"))
    p = sub.add_parser(
        "load-lists", help='load {"categories": [...], "campaigns": [...]} from a JSON file'
    )
    p.add_argument("file", type=Path)
    p.set_defaults(func=_admin("load_lists"))
    p = sub.add_parser("add-campaign", help="add or update one campaign")
    p.add_argument("--code", required=True)
    p.add_argument("--title", required=True)
    p.add_argument("--topic", default="")
    p.add_argument("--starts-on", required=True)
    p.add_argument("--ends-on", required=True)
    p.add_argument("--guidance", default="")
    p.add_argument("--questions", default="[]", help="JSON list of questions")
    p.set_defaults(func=_admin("add_campaign"))


def run_server(args: argparse.Namespace) -> int:
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from sync.server import app as app_module
    from sync.server.db import OldSchema, create_schema, make_engine
    from sync.server.listen import listening_socket

    database_url = _database_url(args)
    scan_dir = hq_data_dir(args.data_dir) / "scans"
    engine = make_engine(database_url)
    try:
        create_schema(engine)  # once, before the workers start
    except OldSchema as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    env = {
        app_module.ENV_DATABASE_URL: database_url,
        app_module.ENV_SCAN_DIR: str(scan_dir),
        app_module.ENV_MAX_IN_FLIGHT: str(args.max_in_flight),
        app_module.ENV_BODY_TIMEOUT: str(args.body_timeout),
        app_module.ENV_CONTRACT: args.contract,
    }
    if args.enable_test_faults:
        env[app_module.ENV_TEST_FAULTS] = "1"
        env[app_module.ENV_ADMIN_TOKEN] = args.admin_token or secrets.token_urlsafe(16)
        if not args.admin_token:
            print(f"test faults admin token: {env[app_module.ENV_ADMIN_TOKEN]}", file=sys.stderr)
    os.environ.update(env)
    workers = max(1, args.workers)
    config = uvicorn.Config(
        "sync.server.app:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=workers,
        log_level=args.log_level,
        timeout_keep_alive=30,
    )
    # Our own socket (TCP_NODELAY for every worker); see sync.server.listen.
    sock = listening_socket(args.host, args.port)
    try:
        if workers > 1:
            Multiprocess(config, sockets=[sock]).run()
        else:
            uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    return 0


def _admin(action: str) -> Any:
    def run(args: argparse.Namespace) -> int:
        from sync.server.admin import AdminError, HQAdmin
        from sync.server.db import OldSchema

        try:
            admin = HQAdmin(_database_url(args))
        except OldSchema as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        try:
            return _dispatch(admin, action, args)
        except AdminError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        finally:
            admin.close()

    return run


def _dispatch(admin: Any, action: str, args: argparse.Namespace) -> int:
    if action == "issue_code":
        print(admin.issue_code(args.station, args.name, timedelta(days=args.valid_days)))
    elif action == "list":
        for row in admin.list(args.station, args.limit):
            print(
                "\t".join(str(row[k]) for k in ("hq_id", "uuid", "station", "status", "outcome"))
                + "\t"
                + row["title"]
            )
    elif action in ("set_status", "outcome"):
        value = args.status if action == "set_status" else args.outcome
        getattr(admin, action)(args.uuid, value, args.note)
    elif action == "reply":
        admin.reply(args.uuid, args.text, args.due_date)
    elif action == "award":
        admin.award(args.uuid, args.note)
    elif action == "deadline":
        admin.deadline(args.uuid, args.due_date, args.note)
    elif action == "load_lists":
        print(admin.load_lists(json.loads(args.file.read_text(encoding="utf-8"))))
    elif action == "add_campaign":
        campaign = {
            "code": args.code,
            "title": args.title,
            "topic": args.topic,
            "starts_on": args.starts_on,
            "ends_on": args.ends_on,
            "guidance": args.guidance,
            "questions": json.loads(args.questions),
        }
        print(admin.load_lists({"campaigns": [campaign]}))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="station-app")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
