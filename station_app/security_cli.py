"""`station-app` subcommands for data protection: recover, recovery-key, purge, audit,
withdraw. Registered through the `station_app.commands` entry point `security`."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from station_app.i18n import tr
from station_app.paths import DataDir, resolve_data_dir


def _data(args: argparse.Namespace) -> DataDir:
    return DataDir(resolve_data_dir(getattr(args, "data_dir", None)))


def cmd_recover(args: argparse.Namespace) -> int:
    from station_app.security.keys import recover
    from station_app.store.damage import DatabaseDamaged
    from station_app.store.engine import connect_raw

    text = args.recovery_key or getpass.getpass("Recovery key / 恢复密钥: ")
    data = _data(args)
    key = recover(data, text)
    print(tr("cli.recovered"))
    if data.database.exists():
        try:
            connect_raw(data.database, key).close()
        except DatabaseDamaged as exc:  # the key is right; the file needs salvage or restore
            print(exc.message(), file=sys.stderr)
            return 1
    return 0


def cmd_recovery_key(args: argparse.Namespace) -> int:
    from station_app.security.keys import (
        acknowledge_recovery_key,
        ensure_key,
        new_recovery_key,
        pending_recovery_key,
    )

    data = _data(args)
    key = ensure_key(data)
    if args.new:
        assert key is not None
        print(tr("cli.recovery_key_show", code=new_recovery_key(data, key)))
        return 0
    pending = pending_recovery_key(data)
    if pending is None:
        print(tr("cli.recovery_key_none"))
        return 0
    print(tr("cli.recovery_key_show", code=pending))
    acknowledge_recovery_key(data)
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    from station_app.cli_common import acting_operator, open_station
    from station_app.services.retention import purge

    station = open_station(args)
    report = purge(station, acting_operator(station, args), dry_run=args.dry_run)
    ids = ", ".join(str(i) for i in report.suggestion_ids) or "-"
    key = "cli.purge_dry_run" if args.dry_run else "cli.purge_done"
    print(tr(key, count=len(report.suggestion_ids), scans=len(report.scan_hashes), ids=ids))
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from station_app.cli_common import acting_operator, open_station
    from station_app.services.audit_view import export_audit, list_audit

    station = open_station(args)
    actor = acting_operator(station, args)
    if args.output:
        n = export_audit(station, actor, Path(args.output), since=args.since, until=args.until)
        print(tr("cli.audit_exported", count=n, path=args.output))
        return 0
    for e in list_audit(station, actor, since=args.since, until=args.until, limit=args.limit):
        print(
            f"{e.id}\t{e.at}\t{e.operator or '-'}\t{e.action}\t{e.entity}\t"
            f"{e.entity_id or ''}\t{e.detail or ''}"
        )
    return 0


def cmd_withdraw(args: argparse.Namespace) -> int:
    from station_app.cli_common import acting_operator, open_station
    from station_app.errors import NotFound
    from station_app.services.suggestions import find_by_receipt
    from station_app.services.withdrawal import withdraw_suggestion

    station = open_station(args)
    sid = find_by_receipt(station, args.receipt_no)
    if sid is None:
        raise NotFound(what=args.receipt_no)
    withdraw_suggestion(station, acting_operator(station, args), sid, args.reason)
    print(tr("cli.withdrawn", receipt_no=args.receipt_no))
    return 0


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser(
        "recover", parents=[common], help="open encrypted data on a new PC with the recovery key"
    )
    p.add_argument("--recovery-key", help="asked for if omitted")
    p.set_defaults(func=cmd_recover)

    p = sub.add_parser(
        "recovery-key", parents=[common], help="show the recovery key once after setup"
    )
    p.add_argument("--new", action="store_true", help="make a new one (the old one stops working)")
    p.set_defaults(func=cmd_recovery_key)

    p = sub.add_parser("purge", parents=[common], help="purge personal data that is due (admin)")
    p.add_argument("--dry-run", action="store_true", help="only list what would be purged")
    p.add_argument("--operator", help=tr("cli.operator_hint"))
    p.set_defaults(func=cmd_purge)

    p = sub.add_parser("audit", parents=[common], help="view or export the audit log (admin)")
    p.add_argument("--since", help="YYYY-MM-DD or ISO time")
    p.add_argument("--until", help="YYYY-MM-DD or ISO time (exclusive)")
    p.add_argument("--limit", type=int, default=1000)
    p.add_argument("-o", "--output", help="write CSV to this file")
    p.add_argument("--operator", help=tr("cli.operator_hint"))
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("withdraw", parents=[common], help="a suggester withdraws a suggestion")
    p.add_argument("receipt_no")
    p.add_argument("--reason", required=True)
    p.add_argument("--operator", help=tr("cli.operator_hint"))
    p.set_defaults(func=cmd_withdraw)
