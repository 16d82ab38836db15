"""Campaigns (主动征集): HQ's solicitation campaigns, their extra questions and the answers.

HQ defines each campaign's questions as a simple field list (`questions_json`, stored as HQ
sent it by `hq_updates.apply_list`). What this module accepts, per question:

    {"key": "q1", "label": "您常去哪个菜场？", "type": "text|choice|number|yesno",
     "required": true, "choices": ["…", "…"]}

- `key` (non-empty text, unique within the campaign) and `label` (text; the key if empty);
- `type`: one of `QUESTION_TYPES`; an unknown type (a newer HQ's "date", say) is shown and
  answered as text, and the type HQ declared is kept in `Question.declared_type`;
- `required`: only a JSON `true` (or the text "true") makes a question required;
- `choices`: a list of texts, needed by `choice` (a choice question without any is asked as text).

Whatever HQ sends never crashes the station: unreadable JSON, or a list that is not a list,
leaves the campaign without questions; a single bad question is skipped. Either way the
campaign carries a `note()` saying so, shown where the questions would be.

Answers are checked by `check_answers` (used by `forms.validate_form` on every save) and kept
as canonical JSON in `suggestion.campaign_answers`; HQ receives them in the suggestion body.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from station_app.dbapi import Connection
from station_app.i18n import add_messages, tr
from station_app.store import Station
from station_app.store.sql import raw
from station_app.validation import Problems, _has_control

QUESTION_TYPES = ("text", "choice", "number", "yesno")
MAX_QUESTIONS = 50
MAX_ANSWER_LENGTH = 2000
ANSWER_FIELD = "campaign_answers.{key}"  # the field name of an answer's problem

YES_WORDS = frozenset({"是", "有", "yes", "y", "true", "1"})
NO_WORDS = frozenset({"否", "没有", "无", "no", "n", "false", "0"})

add_messages(
    {
        "campaign.questions_unreadable": {
            "zh_CN": "总部下发的附加问题格式有误，暂时无法显示；建议可照常登记，请告知管理员。",
            "en": "HQ sent this campaign's questions in a form the station cannot read; "
            "record the suggestion as usual and tell the administrator.",
        },
        "campaign.question_skipped": {
            "zh_CN": "总部下发的第 {n} 个附加问题格式有误，已略过。",
            "en": "Question {n} from HQ is malformed and was left out.",
        },
        "campaign.answer_required": {
            "zh_CN": "请回答“{label}”",
            "en": 'Please answer "{label}"',
        },
        "campaign.answer_not_number": {
            "zh_CN": "“{label}”请填写数字",
            "en": '"{label}" must be a number',
        },
        "campaign.answer_bad_choice": {
            "zh_CN": "“{label}”请从给出的选项中选择",
            "en": 'For "{label}", choose one of the options given',
        },
        "campaign.answer_yesno": {
            "zh_CN": "“{label}”请选择“是”或“否”",
            "en": 'For "{label}", choose yes or no',
        },
        "campaign.answer_too_long": {
            "zh_CN": "“{label}”最多 {max} 个字（现在 {length} 个）",
            "en": '"{label}" may have at most {max} characters (now {length})',
        },
        "campaign.answer_control_chars": {
            "zh_CN": "“{label}”中含有无法识别的字符，请删除后重新输入",
            "en": '"{label}" contains characters that cannot be stored; retype it',
        },
        "campaign.state.active": {"zh_CN": "进行中", "en": "Active"},
        "campaign.state.upcoming": {"zh_CN": "未开始", "en": "Not started"},
        "campaign.state.ended": {"zh_CN": "已结束", "en": "Ended"},
    }
)


@dataclass(frozen=True)
class Question:
    key: str
    label: str
    type: str  # one of QUESTION_TYPES: how the station asks it
    required: bool = False
    choices: tuple[str, ...] = ()
    declared_type: str = "text"  # what HQ said (kept when the station does not know it)


@dataclass(frozen=True)
class Campaign:
    code: str
    title: str
    topic: str = ""
    starts_on: str = ""  # ISO date, empty: open
    ends_on: str = ""  # ISO date, inclusive; empty: open
    guidance: str = ""
    questions: tuple[Question, ...] = ()
    problems: tuple[tuple[str, dict[str, Any]], ...] = field(default=())

    def state(self, today: dt.date) -> str:
        """`active`, `upcoming` or `ended` on `today` (the period's days are inclusive)."""
        day = today.isoformat()
        if self.starts_on and day < self.starts_on[:10]:
            return "upcoming"
        if self.ends_on and day > self.ends_on[:10]:
            return "ended"
        return "active"

    def is_active(self, today: dt.date) -> bool:
        return self.state(today) == "active"

    def note(self, lang: str | None = None) -> str:
        """What went wrong reading HQ's questions, in plain words ("" when nothing did)."""
        return "\n".join(tr(key, lang=lang, **params) for key, params in self.problems)

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)


def _text(value: Any) -> str:
    if value is None:
        return ""
    return unicodedata.normalize("NFC", str(value)).strip()


def _is_true(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def parse_questions(
    raw: str | None,
) -> tuple[tuple[Question, ...], tuple[tuple[str, dict[str, Any]], ...]]:
    """HQ's question list -> (questions the station can ask, problems as message keys)."""
    try:
        data = json.loads(raw) if raw else []
    except (ValueError, TypeError, RecursionError):
        return (), (("campaign.questions_unreadable", {}),)
    if not isinstance(data, list):
        return (), (("campaign.questions_unreadable", {}),)
    questions: list[Question] = []
    problems: list[tuple[str, dict[str, Any]]] = []
    seen: set[str] = set()
    for n, item in enumerate(data[:MAX_QUESTIONS], start=1):
        key = _text(item.get("key")) if isinstance(item, dict) else ""
        if not key or key in seen or _has_control(key):
            problems.append(("campaign.question_skipped", {"n": n}))
            continue
        seen.add(key)
        label = _text(item.get("label"))
        if not label or _has_control(label):
            label = key
        declared = _text(item.get("type")).lower() or "text"
        kind = declared if declared in QUESTION_TYPES else "text"
        choices: tuple[str, ...] = ()
        raw_choices = item.get("choices")
        if isinstance(raw_choices, list):
            picked = (_text(c) for c in raw_choices if isinstance(c, str | int | float))
            choices = tuple(dict.fromkeys(c for c in picked if c and not _has_control(c)))
        if kind == "choice" and not choices:
            kind = "text"
        questions.append(
            Question(
                key=key,
                label=label,
                type=kind,
                required=_is_true(item.get("required")),
                choices=choices,
                declared_type=declared,
            )
        )
    return tuple(questions), tuple(problems)


def campaign_from_row(row: Any) -> Campaign:
    """A campaign from a `campaign` row: (code, title, topic, starts_on, ends_on, guidance,
    questions_json)."""
    questions, problems = parse_questions(row[6])
    return Campaign(
        code=row[0],
        title=row[1] or row[0],
        topic=row[2] or "",
        starts_on=row[3] or "",
        ends_on=row[4] or "",
        guidance=row[5] or "",
        questions=questions,
        problems=problems,
    )


_SELECT = (
    "SELECT code, title, topic, starts_on, ends_on, guidance, questions_json FROM campaign "
    "ORDER BY coalesce(ends_on, '9999') DESC, code"
)


def campaigns_in(conn: Connection) -> dict[str, Campaign]:
    """Every campaign, by code, read on the caller's DB-API connection (the save path)."""
    return {c.code: c for c in map(campaign_from_row, conn.execute(_SELECT))}


def all_campaigns(station: Station, today: dt.date | None = None) -> list[Campaign]:
    """Every campaign HQ sent: active ones first (ending soonest first), then upcoming
    (starting soonest first), then ended (most recently ended first)."""
    with station.db.read() as s:
        found = list(campaigns_in(raw(s)).values())
    day = today or station.clock.now().date()
    active = sorted((c for c in found if c.state(day) == "active"), key=lambda c: c.ends_on or "9")
    upcoming = sorted((c for c in found if c.state(day) == "upcoming"), key=lambda c: c.starts_on)
    ended = sorted((c for c in found if c.state(day) == "ended"), key=lambda c: c.ends_on)
    return active + upcoming + ended[::-1]


def active_campaigns(station: Station, today: dt.date | None = None) -> list[Campaign]:
    """Campaigns whose period includes `today` (the station's clock by default)."""
    day = today or station.clock.now().date()
    return [c for c in all_campaigns(station, day) if c.is_active(day)]


def get_campaign(station: Station, code: str) -> Campaign | None:
    with station.db.read() as s:
        row = (
            raw(s)
            .execute(
                "SELECT code, title, topic, starts_on, ends_on, guidance, questions_json "
                "FROM campaign WHERE code = ?",
                (code,),
            )
            .fetchone()
        )
    return campaign_from_row(row) if row else None


# ---- answers --------------------------------------------------------------------------------


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number(value: Any) -> int | float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number: int | float = value
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "")
        try:
            number = int(text)
        except ValueError:
            try:
                number = float(text)
            except ValueError:
                return None
    if isinstance(number, float):
        if not math.isfinite(number):
            return None
        if number.is_integer() and abs(number) < 2**53:
            number = int(number)
    return number


def _yesno(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    word = unicodedata.normalize("NFKC", str(value)).strip().casefold()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    return None


def check_answers(
    campaign: Campaign, answers: Mapping[str, Any] | None, problems: Problems
) -> dict[str, Any]:
    """The answers to store (canonical types: text, number, bool), problems added per question.

    Unanswered optional questions are left out; answers to keys the campaign does not ask
    (a draft kept from an older question list) are dropped."""
    given = dict(answers) if isinstance(answers, Mapping) else {}
    clean: dict[str, Any] = {}
    for q in campaign.questions:
        where = ANSWER_FIELD.format(key=q.key)
        value = given.get(q.key)
        if _missing(value):
            if q.required:
                problems.add(where, "campaign.answer_required", label=q.label)
            continue
        if isinstance(value, dict | list):
            problems.add(where, "campaign.answer_bad_choice", label=q.label)
            continue
        if q.type == "number":
            number = _number(value)
            if number is None:
                problems.add(where, "campaign.answer_not_number", label=q.label)
            else:
                clean[q.key] = number
        elif q.type == "yesno":
            yes = _yesno(value)
            if yes is None:
                problems.add(where, "campaign.answer_yesno", label=q.label)
            else:
                clean[q.key] = yes
        elif q.type == "choice":
            text = _text(value)
            if text not in q.choices:
                problems.add(where, "campaign.answer_bad_choice", label=q.label)
            else:
                clean[q.key] = text
        else:
            text = _text(value).replace("\r\n", "\n").replace("\r", "\n")
            if _has_control(text):
                problems.add(where, "campaign.answer_control_chars", label=q.label)
            elif len(text) > MAX_ANSWER_LENGTH:
                problems.add(
                    where,
                    "campaign.answer_too_long",
                    label=q.label,
                    max=MAX_ANSWER_LENGTH,
                    length=len(text),
                )
            else:
                clean[q.key] = text
    return clean


def validate_answers(campaign: Campaign, answers: Mapping[str, Any] | None) -> dict[str, Any]:
    """The cleaned answers, or ValidationError naming every bad answer (field
    `campaign_answers.<key>`, message in the current language)."""
    problems = Problems()
    clean = check_answers(campaign, answers, problems)
    problems.raise_if_any()
    return clean


# ---- the campaign view ------------------------------------------------------------------------


@dataclass(frozen=True)
class CampaignCount:
    campaign: Campaign
    collected: int
    by_channel: dict[str, int]


def campaign_counts(station: Station, today: dt.date | None = None) -> list[CampaignCount]:
    """Each campaign (in `all_campaigns` order) with how many suggestions this station
    recorded for it, in total and by channel."""
    campaigns = all_campaigns(station, today)
    with station.db.read() as s:
        rows = (
            raw(s)
            .execute(
                "SELECT campaign_code, channel, count(*) FROM suggestion "
                "WHERE campaign_code IS NOT NULL GROUP BY campaign_code, channel"
            )
            .fetchall()
        )
    counts: dict[str, dict[str, int]] = {}
    for code, channel, n in rows:
        counts.setdefault(code, {})[channel] = int(n)
    return [
        CampaignCount(
            campaign=c,
            collected=sum(counts.get(c.code, {}).values()),
            by_channel=dict(counts.get(c.code, {})),
        )
        for c in campaigns
    ]


def state_text(campaign: Campaign, today: dt.date, lang: str | None = None) -> str:
    return tr(f"campaign.state.{campaign.state(today)}", lang=lang)
