"""`station-app forms print -o FILE.pdf [--paper A4|A5] [--count N]`: blank paper forms.

Each form gets the next serial (recorded, so the station knows which forms went out), the
station's name and top categories, and a QR code that the postbox import reads back.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from station_app.i18n import tr
from station_app.postbox import form_messages as _messages  # noqa: F401  (registers messages)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("forms", help="paper suggestion forms (人民建议征集表)")
    fsub = p.add_subparsers(dest="forms_command", metavar="ACTION", required=True)
    q = fsub.add_parser("print", parents=[common], help="blank forms as a PDF to print")
    q.add_argument("-o", "--output", required=True, help="FILE.pdf")
    q.add_argument("--paper", choices=["A4", "A5"], default="A4")
    q.add_argument("--count", type=int, default=1, help="how many forms (one page each)")
    q.add_argument("--operator", help=tr("cli.operator_hint"))
    q.set_defaults(func=cmd_print)


def cmd_print(args: argparse.Namespace) -> int:
    from station_app.cli_common import acting_operator, open_station
    from station_app.postbox.form_printing import write_forms_pdf

    station = open_station(args)
    actor = acting_operator(station, args)
    sheets = write_forms_pdf(station, actor, Path(args.output), args.paper, args.count)
    print(
        tr(
            "forms.cli.printed",
            count=len(sheets),
            paper=args.paper,
            first=sheets[0].form_id.serial,
            last=sheets[-1].form_id.serial,
            path=args.output,
        )
    )
    return 0
