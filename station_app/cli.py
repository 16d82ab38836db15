"""`station-app`: the one command. Core subcommands live here; `ui` and `sync` add theirs
through the `station_app.commands` entry-point group, so this package never imports them.

With no subcommand it starts the GUI (when the `ui` package is installed).
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import sys
from collections.abc import Callable, Sequence
from importlib.metadata import entry_points
from pathlib import Path

from station_app import __version__
from station_app.atomic import private_umask
from station_app.cli_common import acting_operator, open_station
from station_app.domain import Channel, FeedbackMethod
from station_app.errors import StationError
from station_app.i18n import set_language, tr
from station_app.logs import install_crash_logger, setup_logging
from station_app.paths import DataDir, resolve_data_dir

log = logging.getLogger(__name__)
Handler = Callable[[argparse.Namespace], int]


def cmd_init(args: argparse.Namespace) -> int:
    from station_app.services.setup import init_station

    station = open_station(args)
    pin = args.admin_pin or getpass.getpass(tr("cli.pin_prompt"))
    init_station(
        station,
        code=args.code,
        name=args.name,
        district=args.district,
        street=args.street,
        admin_name=args.admin,
        admin_pin=pin,
        phone=args.phone,
    )
    print(tr("cli.init_done", code=args.code.upper(), name=args.name, path=station.data.root))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from station_app.demo import load_demo

    station = open_station(args)
    n = load_demo(station, args.count, seed=args.seed)
    print(tr("cli.demo_done", count=n))
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from station_app.services.forms import SuggesterForm, SuggestionForm
    from station_app.services.suggestions import record_suggestion

    station = open_station(args)
    actor = acting_operator(station, args)
    has_personal = bool(args.name or args.phone or args.address)
    form = SuggestionForm(
        channel=args.channel,
        category_code=args.category,
        title=args.title,
        content=args.content,
        location=args.location or "",
        campaign_code=args.campaign or "",
        suggester=SuggesterForm(
            name=args.name or "",
            phone=args.phone or "",
            address=args.address or "",
            anonymous=args.anonymous,
            wants_feedback=args.feedback != FeedbackMethod.NONE,
            feedback_method=args.feedback,
            consent_given=has_personal and args.consent,
        ),
    )
    rec = record_suggestion(station, actor, form)
    if args.json:
        print(json.dumps({"id": rec.id, "uuid": rec.uuid, "receipt_no": rec.receipt_no}))
    else:
        print(tr("cli.saved", receipt_no=rec.receipt_no))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from station_app.services.query import Filters, count, list_page

    station = open_station(args)
    filters = Filters(
        statuses=[args.status] if args.status else [],
        channel=args.channel,
        category_code=args.category,
        campaign_code=args.campaign,
        received_from=args.date_from,
        received_to=args.date_to,
    )
    rows = list_page(station, filters, args.query, limit=args.limit)
    if args.json:
        for r in rows:
            print(json.dumps(r.__dict__, ensure_ascii=False))
        return 0
    if not rows:
        print(tr("cli.no_results"))
        return 0
    print(tr("cli.results", count=count(station, filters, args.query), shown=len(rows)))
    for r in rows:
        print(f"{r.receipt_no}  {r.received_at[:10]}  {tr('status.' + r.status)}  {r.title}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from station_app.services.export import export

    station = open_station(args)
    n = export(
        station,
        acting_operator(station, args),
        Path(args.output),
        args.format,
        include_personal=args.include_personal,
    )
    print(tr("cli.exported", count=n, path=args.output))
    return 0


def build_parser() -> argparse.ArgumentParser:
    from station_app.maintenance_cli import cmd_backup, cmd_check, cmd_restore, cmd_salvage

    parser = argparse.ArgumentParser(
        prog="station-app",
        description="人民建议征集工作站 · People's-suggestion collection station. "
        "Without a command it starts the window.",
    )
    parser.add_argument("--version", action="version", version=f"station-app {__version__}")
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="language of messages")
    parser.add_argument("--data-dir", dest="top_data_dir", help="data folder (see below)")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", help="data folder (default: $STATION_APP_DATA or the user data folder)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("init", parents=[common], help="set up this station")
    p.add_argument("--code", required=True, help="station code, e.g. PT-CSL01")
    p.add_argument("--name", required=True)
    p.add_argument("--district", required=True)
    p.add_argument("--street", required=True)
    p.add_argument("--phone", help="the station's phone, printed on receipts")
    p.add_argument("--admin", required=True, help="first administrator's name")
    p.add_argument("--admin-pin", help="PIN (asked for if omitted)")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser(
        "demo",
        parents=[common],
        help="add demo suggestions for practice (DEMO- receipt numbers, never sent to HQ; "
        "sets up a demo station if empty)",
    )
    p.add_argument("--count", type=int, default=200)
    p.add_argument("--seed", type=int, default=2026)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("add", parents=[common], help="record a suggestion (for scripts)")
    p.add_argument("--channel", default=Channel.FACE_TO_FACE, choices=[c.value for c in Channel])
    p.add_argument("--title", required=True)
    p.add_argument("--content", required=True)
    p.add_argument("--location")
    p.add_argument("--category", required=True, help="category code, e.g. PRK")
    p.add_argument("--campaign")
    p.add_argument("--name")
    p.add_argument("--phone")
    p.add_argument("--address")
    p.add_argument("--anonymous", action="store_true")
    p.add_argument(
        "--feedback", default=FeedbackMethod.NONE, choices=[m.value for m in FeedbackMethod]
    )
    p.add_argument("--consent", action="store_true", help="the suggester accepted the notice")
    p.add_argument("--operator", help=tr("cli.operator_hint"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_add)

    p = sub.add_parser(
        "search",
        parents=[common],
        help="find suggestions (Chinese text or receipt number, filters)",
    )
    p.add_argument("query", nargs="?", default="")
    p.add_argument("--status")
    p.add_argument("--channel")
    p.add_argument("--category")
    p.add_argument("--campaign")
    p.add_argument("--from", dest="date_from", help="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", help="YYYY-MM-DD")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("export", parents=[common], help="export suggestions to CSV or XLSX")
    p.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--include-personal", action="store_true", help="unmasked (admin; logged)")
    p.add_argument("--operator", help=tr("cli.operator_hint"))
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "backup",
        parents=[common],
        help="write a verified backup (database and every scan); choose the daily backup folder",
    )
    p.add_argument("-o", "--output", help="backup file to write (a .zip)")
    p.add_argument(
        "--auto-folder", help="folder for the daily automatic backups ('' turns them off)"
    )
    p.add_argument("--keep", type=int, default=14, help="automatic backups to keep (14)")
    p.add_argument("--now", action="store_true", help="make an automatic backup now")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser(
        "restore",
        parents=[common],
        help="restore a backup; the current file is kept and its newer records brought back",
    )
    p.add_argument("file")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser(
        "salvage",
        parents=[common],
        help="rescue every readable record of a damaged database into a new one",
    )
    p.add_argument(
        "-o", "--output", help="write the new database here (default: replace, keeping the old)"
    )
    p.set_defaults(func=cmd_salvage)

    p = sub.add_parser("check", parents=[common], help="check the database and stored files")
    p.set_defaults(func=cmd_check)

    for ep in entry_points(group="station_app.commands"):
        try:
            register = ep.load()
        except ImportError as exc:  # a station without the GUI (or sync) installed
            log.info("command group %s unavailable: %s", ep.name, exc)
            continue
        register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    private_umask()  # data, exports, backups and logs: owner-only (POSIX)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        set_language(args.lang)
    if getattr(args, "data_dir", None) is None:
        args.data_dir = args.top_data_dir
    data_root = resolve_data_dir(getattr(args, "data_dir", None))
    setup_logging(data_root / "logs")
    install_crash_logger()
    func: Handler | None = getattr(args, "func", None)
    if func is None:
        gui = [a for a in sub_actions(parser) if a == "gui"]
        if not gui:
            print(tr("cli.unknown_command", name="gui", hint="pip install station-app[gui]"))
            return 2
        args = parser.parse_args([*(sys.argv[1:] if argv is None else argv), "gui"])
        args.data_dir = args.data_dir or args.top_data_dir
        func = args.func
    try:
        code = func(args)
    except StationError as exc:
        print(exc.message(), file=sys.stderr)
        return 1
    if args.command not in ("check", "salvage", "restore", None):
        _warn_if_damaged(data_root)
    return code


def _warn_if_damaged(data_root: Path) -> None:
    """A command that could read says so when the file is known to be damaged."""
    from station_app.store.damage import damage_note, where_text

    note = damage_note(DataDir(data_root).database)
    if note is not None:
        print(tr("warn.db_damaged", where=where_text(note)), file=sys.stderr)


def sub_actions(parser: argparse.ArgumentParser) -> list[str]:
    for action in parser._subparsers._actions if parser._subparsers else []:  # noqa: SLF001
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return list(action.choices)
    return []


if __name__ == "__main__":
    sys.exit(main())
