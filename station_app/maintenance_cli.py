"""`station-app` commands that look after the data file: backup, restore, salvage, check.
Registered by `station_app.cli.build_parser` with the other core commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from station_app.i18n import tr
from station_app.paths import DataDir, resolve_data_dir


def cmd_backup(args: argparse.Namespace) -> int:
    from station_app.security.keys import ensure_key
    from station_app.services.backup_schedule import backup_now, choose_folder
    from station_app.services.backups import backup

    data = DataDir(resolve_data_dir(args.data_dir))
    if args.auto_folder is not None:
        chosen = choose_folder(data, args.auto_folder, args.keep)
        print(tr("cli.backup_auto_set", folder=chosen.folder or "-", keep=chosen.keep))
        if not args.output and not args.now:
            return 0
    key = ensure_key(data)
    if args.now:
        from station_app.clock import SystemClock

        out = backup_now(data, key, SystemClock().now())
    elif args.output:
        out = backup(data, Path(args.output), key)
    else:
        print(tr("cli.backup_what"), file=sys.stderr)
        return 2
    print(tr("cli.backup_done", path=out))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from station_app.security.keys import ensure_key
    from station_app.services.backup_messages import table_counts
    from station_app.services.backups import restore

    data = DataDir(resolve_data_dir(args.data_dir))
    report = restore(data, Path(args.file), ensure_key(data))
    if report.kept is None:
        print(tr("cli.restore_none_kept"))
    else:
        print(tr("cli.restore_kept", old=report.kept))
    if report.salvage_error:
        print(tr("cli.restore_unreadable", detail=report.salvage_error))
    elif report.salvage is not None:
        if report.salvage.first_page_rebuilt:
            print(tr("cli.salvage_first_page"))
        newer = report.brought_back
        counts = {t: len(ids) for t, ids in newer.rows.items()}
        if newer.total:
            print(tr("cli.restore_newer", total=newer.total, tables=table_counts(counts)))
            if newer.receipts:
                print(tr("cli.restore_receipts", receipts=", ".join(newer.receipts)))
        else:
            print(tr("cli.restore_newer_none"))
        if report.salvage.lost_rows:
            lost = {t: sum(b - a + 1 for a, b in r) for t, r in report.salvage.lost.items()}
            print(tr("cli.restore_lost", count=report.salvage.lost_rows, tables=table_counts(lost)))
    if report.scans_restored:
        print(tr("cli.restore_scans", count=report.scans_restored))
    return 0


def cmd_salvage(args: argparse.Namespace) -> int:
    from station_app.security.keys import ensure_key
    from station_app.services.backup_messages import table_counts
    from station_app.services.maintenance import salvage_station

    data = DataDir(resolve_data_dir(args.data_dir))
    outcome = salvage_station(data, ensure_key(data), Path(args.output) if args.output else None)
    report = outcome.report
    if not report.schema_readable:
        print(tr("cli.salvage_no_schema"))
    elif report.first_page_rebuilt:
        print(tr("cli.salvage_first_page"))
    print(tr("cli.salvage_written", rows=sum(report.rows.values()), path=report.out))
    if outcome.kept is not None:
        print(tr("cli.salvage_replaced", kept=outcome.kept))
    if report.lost:
        lost = {t: sum(b - a + 1 for a, b in r) for t, r in report.lost.items()}
        print(tr("cli.salvage_lost", count=report.lost_rows, tables=table_counts(lost)))
        return 1
    print(tr("cli.salvage_complete"))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from station_app.security.keys import ensure_key
    from station_app.services.maintenance import check

    data = DataDir(resolve_data_dir(args.data_dir))
    report = check(data, ensure_key(data))
    for line in report.lines:
        print(line)
    if report.damaged:
        print(tr("cli.check_damaged"))
    return 0 if report.ok else 1
