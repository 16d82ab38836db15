"""`station-app report --month 2026-11 -o FILE.xlsx`: the monthly report as XLSX (admin;
audit-logged). The PDF needs Qt, so it lives in the dashboard screen (Export PDF), not here.
Registered through the `station_app.commands` entry point `report`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from station_app.i18n import add_messages, tr

add_messages(
    {
        "report.cli.help": {
            "zh_CN": "导出月度统计报表（XLSX；PDF 请在程序的“统计”页面导出）",
            "en": "export the monthly report (XLSX; PDF from the app's dashboard)",
        },
        "report.cli.done": {
            "zh_CN": "已导出{month}月报（共 {total} 件建议）到 {path}",
            "en": "Exported the report for {month} ({total} suggestions) to {path}",
        },
        "report.cli.bad_month": {
            "zh_CN": "月份格式不对：{value}（应为 YYYY-MM，如 2026-11）。",
            "en": "Month not valid: {value} (use YYYY-MM, e.g. 2026-11).",
        },
        "report.cli.pdf_in_app": {
            "zh_CN": "命令行只导出 XLSX。PDF 月报请在程序的“统计”页面点“导出 PDF”。",
            "en": "The command line writes XLSX only. For the PDF report use Export PDF on "
            "the app's dashboard.",
        },
    }
)


def cmd_report(args: argparse.Namespace) -> int:
    from station_app.cli_common import acting_operator, open_station
    from station_app.followup.reports import export_month_xlsx, month_label, parse_month

    try:
        year, month = parse_month(args.month)
    except ValueError:
        print(tr("report.cli.bad_month", value=args.month), file=sys.stderr)
        return 2
    output = Path(args.output)
    if output.suffix.lower() != ".xlsx":
        print(tr("report.cli.pdf_in_app"), file=sys.stderr)
        return 2
    station = open_station(args)
    try:
        stats = export_month_xlsx(station, acting_operator(station, args), year, month, output)
    finally:
        station.close()
    print(tr("report.cli.done", month=month_label(year, month), total=stats.total, path=output))
    return 0


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser("report", parents=[common], help=tr("report.cli.help"))
    p.add_argument("--month", required=True, help="YYYY-MM, e.g. 2026-11")
    p.add_argument("-o", "--output", required=True, help="FILE.xlsx")
    p.add_argument("--operator", help=tr("cli.operator_hint"))
    p.set_defaults(func=cmd_report)
