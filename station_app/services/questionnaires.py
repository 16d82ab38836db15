"""Questionnaire campaigns (问卷征): responses without a free-text suggestion, and tallies.

A campaign's questions (`campaigns.Question`: single choice, multiple choice, scale, short
text; also number and yes/no) are answered on paper (typed in later) or at the station.
`record_response()` saves one filled-in questionnaire in one transaction with its outbox row
(HQ gets responses in batches like suggestions, contract 1.1) and an audit line.
`tally()` counts every answer to each question, from questionnaire responses and from the
answers suggestions carry for the same campaign; `export_tally_xlsx()` writes it out.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from station_app.atomic import replacing
from station_app.clock import iso
from station_app.dbapi import new_id
from station_app.domain import OutboxKind, Role
from station_app.errors import StationError
from station_app.i18n import add_messages, tr
from station_app.services.campaigns import Campaign, Question, check_answers, get_campaign
from station_app.services.common import audit, canonical_json, new_uuid, require_role
from station_app.services.suggestions import known_codes
from station_app.store import Station
from station_app.store.models import Operator
from station_app.store.sql import raw
from station_app.validation import Problems

SOURCES = ("paper", "station")
TEXT_SHOWN = 20  # short-text answers listed per question (newest first); all go in the XLSX

add_messages(
    {
        "questionnaire.no_campaign": {
            "zh_CN": "请选择问卷所属的征集活动",
            "en": "Choose the campaign this questionnaire belongs to",
        },
        "questionnaire.no_questions": {
            "zh_CN": "该征集活动没有问卷题目",
            "en": "This campaign has no questionnaire questions",
        },
        "questionnaire.empty": {
            "zh_CN": "问卷一题都没有作答，未保存",
            "en": "No question is answered; nothing was saved",
        },
        "questionnaire.bad_source": {
            "zh_CN": "问卷来源只能是纸质或现场",
            "en": "A questionnaire comes on paper or at the station",
        },
        "questionnaire.sheet": {"zh_CN": "问卷统计", "en": "Tally"},
        "questionnaire.sheet_answers": {"zh_CN": "答卷明细", "en": "Answers"},
        "questionnaire.col_question": {"zh_CN": "题目", "en": "Question"},
        "questionnaire.col_option": {"zh_CN": "选项", "en": "Option"},
        "questionnaire.col_count": {"zh_CN": "人数", "en": "Count"},
        "questionnaire.col_share": {"zh_CN": "占作答比例", "en": "Share of answers"},
        "questionnaire.col_answered": {"zh_CN": "作答人数", "en": "Answered"},
        "questionnaire.col_source": {"zh_CN": "来源", "en": "Source"},
        "questionnaire.col_received": {"zh_CN": "收到时间", "en": "Received"},
        "questionnaire.source.paper": {"zh_CN": "纸质问卷", "en": "Paper"},
        "questionnaire.source.station": {"zh_CN": "现场填写", "en": "At the station"},
        "questionnaire.source.suggestion": {"zh_CN": "建议附带", "en": "With a suggestion"},
        "questionnaire.mean": {"zh_CN": "平均分", "en": "Mean"},
        "questionnaire.yes": {"zh_CN": "是", "en": "Yes"},
        "questionnaire.no": {"zh_CN": "否", "en": "No"},
        "questionnaire.disk_full": {
            "zh_CN": "磁盘已满，文件 {path} 未写入。请清理空间或换一个位置。",
            "en": "The disk is full; {path} was not written. Free some space or choose "
            "another place.",
        },
    }
)


@dataclass
class QuestionnaireForm:
    campaign_code: str = ""
    answers: dict[str, Any] = field(default_factory=dict)
    source: str = "paper"
    received_at: str = ""  # ISO; empty: now (a paper form typed in later: the day it came)
    session_id: int | None = None  # handed out at a group session


@dataclass(frozen=True)
class ResponseRecorded:
    id: int
    uuid: str


def record_response(station: Station, actor: Operator, form: QuestionnaireForm) -> ResponseRecorded:
    """Validate against the campaign's questions and save; durable when it returns."""
    require_role(actor, Role.VOLUNTEER, Role.SCANNER)
    with station.db.write() as s:
        conn = raw(s)
        _cats, campaigns = known_codes(s)
        p = Problems()
        campaign = campaigns.get((form.campaign_code or "").strip())
        if campaign is None:
            p.add("campaign_code", "questionnaire.no_campaign")
            p.raise_if_any()
        assert campaign is not None
        if not campaign.questions:
            p.add("campaign_code", "questionnaire.no_questions")
        if form.source not in SOURCES:
            p.add("source", "questionnaire.bad_source")
        answers = check_answers(campaign, form.answers, p)
        if not answers and not p.items:
            p.add("answers", "questionnaire.empty")
        received = iso(station.clock.now())
        if form.received_at:
            try:
                when = dt.datetime.fromisoformat(form.received_at)
                tz = station.clock.now().tzinfo
                received = iso(when if when.tzinfo else when.replace(tzinfo=tz))
            except ValueError:
                p.add("received_at", "field.bad_choice", label="received_at", value="")
        p.raise_if_any()
        now = iso(station.clock.now())
        uuid = new_uuid()
        rid = new_id(
            conn.execute(
                "INSERT INTO questionnaire_response(uuid, campaign_code, answers_json, source, "
                "received_at, session_id, recorded_by, created_at) VALUES (?,?,?,?,?,?,?,?)",
                (
                    uuid,
                    campaign.code,
                    canonical_json(answers),
                    form.source,
                    received,
                    form.session_id,
                    actor.id,
                    now,
                ),
            )
        )
        conn.execute(
            "INSERT INTO outbox(kind, ref, created_at) VALUES (?,?,?)",
            (OutboxKind.QUESTIONNAIRE, uuid, now),
        )
        audit(s, station, actor, "record", "questionnaire_response", rid)
    return ResponseRecorded(id=rid, uuid=uuid)


# ---- tallies ------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionTally:
    question: Question
    answered: int  # people who answered it
    counts: tuple[tuple[str, int], ...]  # option -> people (choice, multi, scale, yes/no)
    mean: float | None = None  # scale and number questions
    texts: tuple[str, ...] = ()  # short-text answers, newest first (at most TEXT_SHOWN)


@dataclass(frozen=True)
class CampaignTally:
    campaign: Campaign
    responses: int  # questionnaires
    with_suggestions: int  # suggestions that answered at least one question
    questions: tuple[QuestionTally, ...]

    @property
    def total(self) -> int:
        return self.responses + self.with_suggestions


def _answer_sets(conn: Any, code: str) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(source, received_at, uuid, answers) of every questionnaire and tagged suggestion."""
    out: list[tuple[str, str, str, dict[str, Any]]] = []
    rows = conn.execute(
        "SELECT source, received_at, uuid, answers_json FROM questionnaire_response "
        "WHERE campaign_code = ? "
        "UNION ALL SELECT 'suggestion', received_at, uuid, campaign_answers FROM suggestion "
        "WHERE campaign_code = ? AND campaign_answers IS NOT NULL "
        "ORDER BY 2 DESC",
        (code, code),
    )
    for source, received, uuid, text in rows:
        try:
            answers = json.loads(text) if text else {}
        except ValueError:
            continue
        if isinstance(answers, dict) and answers:
            out.append((source, received, uuid, answers))
    return out


def _yesno_label(value: bool) -> str:
    return tr("questionnaire.yes") if value else tr("questionnaire.no")


def _tally_question(q: Question, values: list[Any]) -> QuestionTally:
    counts: dict[str, int] = {}
    if q.type in ("choice", "multi", "scale"):
        counts = {opt: 0 for opt in q.options()}
    elif q.type == "yesno":
        counts = {_yesno_label(True): 0, _yesno_label(False): 0}
    numbers: list[float] = []
    texts: list[str] = []
    answered = 0
    for value in values:
        if value is None or value == "" or value == []:
            continue
        answered += 1
        if q.type == "multi":
            for v in value if isinstance(value, list) else [value]:
                counts[str(v)] = counts.get(str(v), 0) + 1
        elif q.type == "yesno" and isinstance(value, bool):
            counts[_yesno_label(value)] += 1
        elif q.type in ("choice", "scale"):
            counts[str(value)] = counts.get(str(value), 0) + 1
        if q.type in ("scale", "number") and isinstance(value, int | float):
            numbers.append(float(value))
        if q.type == "text":
            texts.append(str(value))
    mean = round(sum(numbers) / len(numbers), 2) if numbers else None
    return QuestionTally(
        question=q,
        answered=answered,
        counts=tuple(counts.items()),
        mean=mean,
        texts=tuple(texts[:TEXT_SHOWN]),
    )


def tally(station: Station, code: str) -> CampaignTally | None:
    """Answers to each of the campaign's questions, counted (None: no such campaign).

    A multiple-choice question counts each option ticked, so its options add up to more than
    the people who answered it; `answered` is the people."""
    campaign = get_campaign(station, code)
    if campaign is None:
        return None
    with station.db.read() as s:
        sets = _answer_sets(raw(s), code)
    questions = tuple(
        _tally_question(q, [answers.get(q.key) for _src, _at, _u, answers in sets])
        for q in campaign.questions
    )
    return CampaignTally(
        campaign=campaign,
        responses=sum(src != "suggestion" for src, *_ in sets),
        with_suggestions=sum(src == "suggestion" for src, *_ in sets),
        questions=questions,
    )


def responses_between(station: Station, since: str, until: str) -> int:
    """Questionnaire responses received from `since` to `until` (ISO dates, inclusive)."""
    with station.db.read() as s:
        return int(
            raw(s)
            .execute(
                "SELECT count(*) FROM questionnaire_response "
                "WHERE substr(received_at, 1, 10) BETWEEN ? AND ?",
                (since, until),
            )
            .fetchone()[0]
        )


def _safe(value: Any) -> Any:
    """A cell a spreadsheet will not run as a formula (answers are typed by the public)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_tally_xlsx(station: Station, actor: Operator, code: str, path: Path) -> int:
    """The tally (one row per option) and every answer set (no personal data: questionnaires
    carry none) as XLSX, written atomically; admin, audited. Returns the answer sets written."""
    require_role(actor, Role.ADMIN)
    result = tally(station, code)
    if result is None:
        raise StationError("questionnaire.no_campaign")
    with station.db.read() as s:
        sets = _answer_sets(raw(s), code)
    with station.db.write() as s:
        audit(s, station, actor, "export", "questionnaire_tally", code, f"rows={len(sets)}")
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    sheet = wb.create_sheet(tr("questionnaire.sheet"))
    sheet.append([_safe(result.campaign.title)])
    sheet.append(
        [
            tr("questionnaire.col_question"),
            tr("questionnaire.col_option"),
            tr("questionnaire.col_count"),
            tr("questionnaire.col_share"),
            tr("questionnaire.col_answered"),
        ]
    )
    for qt in result.questions:
        label = _safe(qt.question.label)
        for option, n in qt.counts:
            share = round(n / qt.answered, 4) if qt.answered else 0
            sheet.append([label, _safe(option), n, share, qt.answered])
        if qt.mean is not None:
            sheet.append([label, tr("questionnaire.mean"), qt.mean, None, qt.answered])
        if qt.question.type == "text":
            sheet.append([label, None, None, None, qt.answered])
    answers = wb.create_sheet(tr("questionnaire.sheet_answers"))
    keys = [q.key for q in result.campaign.questions]
    answers.append(
        [tr("questionnaire.col_source"), tr("questionnaire.col_received"), "uuid"]
        + [_safe(q.label) for q in result.campaign.questions]
    )
    for source, received, uuid, given in sets:
        row: list[Any] = [tr(f"questionnaire.source.{source}"), received, uuid]
        for key in keys:
            value = given.get(key)
            if isinstance(value, list):
                value = "、".join(map(str, value))
            elif isinstance(value, bool):
                value = _yesno_label(value)
            row.append(_safe(value))
        answers.append(row)
    try:
        with replacing(Path(path)) as tmp:
            wb.save(tmp)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise StationError("questionnaire.disk_full", path=path) from exc
        raise StationError(
            "error.export_folder", folder=Path(path).parent, reason=exc.strerror or "?"
        ) from exc
    return len(sets)


# ---- to HQ ----------------------------------------------------------------------------------


def pending_response_bodies(
    station: Station, limit: int, after_id: int = 0
) -> list[tuple[int, dict[str, Any]]]:
    """(outbox id, contract `QuestionnaireItem`) of responses waiting for HQ."""
    with station.db.read() as s:
        rows = (
            raw(s)
            .execute(
                "SELECT o.id, q.uuid, q.campaign_code, q.answers_json, q.source, q.received_at, "
                "g.uuid FROM outbox o JOIN questionnaire_response q ON q.uuid = o.ref "
                "LEFT JOIN group_session g ON g.id = q.session_id "
                "WHERE o.kind = ? AND o.sent_at IS NULL AND o.id > ? "
                "AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?) ORDER BY o.id LIMIT ?",
                (OutboxKind.QUESTIONNAIRE, after_id, iso(station.clock.now()), limit),
            )
            .fetchall()
        )
    out: list[tuple[int, dict[str, Any]]] = []
    for oid, uuid, code, answers, source, received, session_uuid in rows:
        body: dict[str, Any] = {
            "uuid": uuid,
            "campaign_code": code,
            "answers": json.loads(answers),
            "source": source,
            "received_at": received,
        }
        if session_uuid:
            body["session_uuid"] = session_uuid
        out.append((oid, body))
    return out
