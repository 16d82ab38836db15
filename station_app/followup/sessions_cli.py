"""`station-app sessions` (group sessions held, with speakers and questionnaires) and
`station-app tally CAMPAIGN` (a questionnaire campaign's answers counted; `-o FILE.xlsx`
exports it, admin, audited). Registered through the `station_app.commands` entry point
`sessions`."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from station_app.i18n import add_messages, tr

add_messages(
    {
        "sessions.cli.help": {
            "zh_CN": "列出座谈会（时间、主题、地点、参加人数、发言建议、问卷）",
            "en": "list group sessions (time, topic, place, attendees, speakers, questionnaires)",
        },
        "sessions.cli.none": {"zh_CN": "没有座谈会记录。", "en": "No group sessions."},
        "sessions.cli.line": {
            "zh_CN": "{held_at}  {topic}（{place}）  居民 {attendees} 人  建议 {speakers} 条  "
            "问卷 {questionnaires} 份{sheet}",
            "en": "{held_at}  {topic} ({place})  {attendees} residents  {speakers} "
            "suggestions  {questionnaires} questionnaires{sheet}",
        },
        "sessions.cli.sheet": {"zh_CN": "  已存签到表", "en": "  sign-in sheet stored"},
        "tally.cli.help": {
            "zh_CN": "问卷统计：每题各选项人数（-o 导出 XLSX，需管理员）",
            "en": "a questionnaire campaign's tally per question (-o exports XLSX, admin)",
        },
        "tally.cli.unknown": {
            "zh_CN": "没有这个征集活动：{code}",
            "en": "No such campaign: {code}",
        },
        "tally.cli.head": {
            "zh_CN": "{title}：共 {total} 份作答（问卷 {responses} 份，随建议 {suggestions} 份）",
            "en": "{title}: {total} answered ({responses} questionnaires, {suggestions} with "
            "a suggestion)",
        },
        "tally.cli.done": {
            "zh_CN": "已导出 {n} 份答卷到 {path}",
            "en": "Exported {n} answer sets to {path}",
        },
    }
)


def cmd_sessions(args: argparse.Namespace) -> int:
    from station_app.cli_common import open_station
    from station_app.services.sessions import list_sessions

    station = open_station(args)
    try:
        found = list_sessions(station, since=args.since, until=args.until, limit=args.limit)
    finally:
        station.close()
    if args.json:
        print(json.dumps([dataclasses.asdict(s) for s in found], ensure_ascii=False, indent=1))
        return 0
    if not found:
        print(tr("sessions.cli.none"))
    for s in found:
        print(
            tr(
                "sessions.cli.line",
                held_at=s.held_at[:16].replace("T", " "),
                topic=s.topic,
                place=s.place,
                attendees=s.attendees,
                speakers=s.speakers,
                questionnaires=s.questionnaires,
                sheet=tr("sessions.cli.sheet") if s.sheet_sha256 else "",
            )
        )
    return 0


def cmd_tally(args: argparse.Namespace) -> int:
    from station_app.cli_common import acting_operator, open_station
    from station_app.services.questionnaires import export_tally_xlsx, tally

    station = open_station(args)
    try:
        result = tally(station, args.campaign)
        if result is None:
            print(tr("tally.cli.unknown", code=args.campaign), file=sys.stderr)
            return 2
        if args.output:
            actor = acting_operator(station, args)
            n = export_tally_xlsx(station, actor, args.campaign, Path(args.output))
            print(tr("tally.cli.done", n=n, path=args.output))
            return 0
    finally:
        station.close()
    if args.json:
        out = {
            "campaign": result.campaign.code,
            "responses": result.responses,
            "with_suggestions": result.with_suggestions,
            "questions": [
                {
                    "key": q.question.key,
                    "label": q.question.label,
                    "answered": q.answered,
                    "counts": dict(q.counts),
                    "mean": q.mean,
                }
                for q in result.questions
            ],
        }
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    print(
        tr(
            "tally.cli.head",
            title=result.campaign.title,
            total=result.total,
            responses=result.responses,
            suggestions=result.with_suggestions,
        )
    )
    for n, q in enumerate(result.questions, start=1):
        print(f"{n}. {q.question.label} ({q.answered})")
        for option, count in q.counts:
            print(f"   {option}: {count}")
        if q.mean is not None:
            print(f"   {tr('questionnaire.mean')}: {q.mean:g}")
    return 0


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser("sessions", parents=[common], help=tr("sessions.cli.help"))
    p.add_argument("--from", dest="since", help="YYYY-MM-DD")
    p.add_argument("--to", dest="until", help="YYYY-MM-DD (inclusive)")
    p.add_argument("--limit", type=int, default=200)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sessions)
    t = sub.add_parser("tally", parents=[common], help=tr("tally.cli.help"))
    t.add_argument("campaign", help="campaign code")
    t.add_argument("--json", action="store_true")
    t.add_argument("-o", "--output", help="FILE.xlsx")
    t.add_argument("--operator", help=tr("cli.operator_hint"))
    t.set_defaults(func=cmd_tally)
