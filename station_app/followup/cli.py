"""`station-app worklist` and `station-app feedback`: the "to inform" list and recording a
contact from the command line. Registered through the `station_app.commands` entry point
`followup`; the operator is taken like the other commands (`--operator NAME`, default the
first administrator)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from dataclasses import asdict

from station_app.i18n import tr


def _rate_text(rate: float | None) -> str:
    return f"{rate:.0%}" if rate is not None else tr("cli.rate_none")


def cmd_worklist(args: argparse.Namespace) -> int:
    from station_app.cli_common import acting_operator, open_station
    from station_app.followup.worklist import on_time_rate, worklist, worklist_counts

    station = open_station(args)
    items = worklist(station, acting_operator(station, args), include_done=args.all)
    counts = worklist_counts(station)
    rate = on_time_rate(station)
    if args.json:
        out = {
            "counts": asdict(counts),
            "on_time": asdict(rate),
            "items": [
                {
                    **{k: v for k, v in asdict(i).items() if k not in ("due", "feedback")},
                    "due": i.due.isoformat(),
                    "feedback": asdict(i.feedback) if i.feedback else None,
                }
                for i in items
            ],
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print(tr("cli.worklist_header", open=counts.open, overdue=counts.overdue,
             due_soon=counts.due_soon, rate=_rate_text(rate.rate)))  # fmt: skip
    if not items:
        print(tr("cli.worklist_empty"))
    for i in items:
        state = tr("followup.state.done" if i.done else f"followup.state.{i.due_state}")
        due = i.due.isoformat() + ("≈" if i.due_estimated else "")
        how = tr(f"feedback.{i.feedback_method or 'none'}")
        print(f"{i.receipt_no}\t{due}\t{state}\t{how}\t{i.phone or '-'}\t{i.attempts}\t{i.title}")
    return 0


def cmd_feedback(args: argparse.Namespace) -> int:
    from station_app.cli_common import acting_operator, open_station
    from station_app.errors import NotFound, ValidationError
    from station_app.followup import messages as _messages  # noqa: F401
    from station_app.followup.worklist import record_contact
    from station_app.services.suggestions import find_by_receipt

    station = open_station(args)
    sid = find_by_receipt(station, args.receipt_no)
    if sid is None:
        raise NotFound(what=args.receipt_no)
    try:
        day = dt.date.fromisoformat(args.date) if args.date else station.clock.now().date()
    except ValueError:
        raise ValidationError({"at": ("followup.bad_date", {"value": args.date})}) from None
    result = record_contact(
        station, acting_operator(station, args), sid, method=args.method, at=day,
        satisfaction=args.satisfaction, comment=args.comment, reached=not args.not_reached,
    )  # fmt: skip
    if result.outcome == "feedback_given":
        print(tr("cli.feedback_recorded", receipt_no=args.receipt_no))
    elif result.outcome == "unreachable":
        print(tr("cli.feedback_unreachable", tries=result.tries))
    else:
        print(tr("cli.feedback_unreached", tries=result.tries, limit=result.limit))
    return 0


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    from station_app.domain import Satisfaction
    from station_app.followup.worklist import CONTACT_METHODS

    p = sub.add_parser(
        "worklist", parents=[common], help="suggesters to tell HQ's reply (due dates, overdue)"
    )
    p.add_argument("--all", action="store_true", help="include the ones already done")
    p.add_argument("--json", action="store_true")
    p.add_argument("--operator", help=tr("cli.operator_hint"))
    p.set_defaults(func=cmd_worklist)

    p = sub.add_parser(
        "feedback", parents=[common], help="record telling a suggester HQ's reply (or a try)"
    )
    p.add_argument("receipt_no")
    p.add_argument("--method", required=True, choices=CONTACT_METHODS)
    p.add_argument("--satisfaction", choices=[s.value for s in Satisfaction])
    p.add_argument("--comment")
    p.add_argument("--date", help="YYYY-MM-DD (default: today)")
    p.add_argument("--not-reached", action="store_true", help="a try that did not reach the person")
    p.add_argument("--operator", help=tr("cli.operator_hint"))
    p.set_defaults(func=cmd_feedback)
