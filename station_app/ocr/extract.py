"""Propose structured fields (phone, landline, name, address, date, title) from a letter's text.

These are suggestions for the reviewer, never saved without confirmation: each candidate
carries its span in the text (for highlighting), a normalised value and a score (0..1) that
is higher when a label such as 电话 or 地址 stands right before it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

FieldName = Literal["phone", "landline", "name", "address", "date", "title"]


@dataclass(frozen=True)
class FieldCandidate:
    """One proposed value: `text[start:end] == raw`; `value` is normalised."""

    field: FieldName
    value: str
    raw: str
    start: int
    end: int
    score: float


_HAN = r"\u4e00-\u9fff"
_SEP = r"[\s\-]?"
_MOBILE = re.compile(rf"(?<![\d])(?:\+?86{_SEP})?(1[3-9]\d(?:{_SEP}\d){{8}})(?!\d)")
_LANDLINE = re.compile(
    rf"(?<![\d])(?:[(（]?(0\d{{2,3}})[)）]?{_SEP})?([2-9]\d{{3}}{_SEP}\d{{4}})(?:转(\d{{1,5}}))?(?!\d)"
)
_PHONE_LABEL = re.compile(r"(电话|手机|座机|固话|联系方式|Tel|TEL|tel)[\s:：]*$")
_NAME = re.compile(
    rf"(姓名|联系人|署名|落款|我是|我叫|本人)[\s:：]*([{_HAN}][{_HAN}·]{{1,3}}?)"
    rf"(?=[\s,，。;；:：、)）(（]|电话|手机|联系|地址|先生|女士|$)",
    re.MULTILINE,
)
_ADDRESS = re.compile(
    rf"(?:(?:上海市?|[{_HAN}]{{2,3}}[省市])?[{_HAN}]{{1,4}}?[区县])?"
    rf"[{_HAN}\d]{{1,12}}?(?:路|街|大道|公路|巷|镇)\s*\d+\s*(?:弄\s*\d+\s*号|号)"
    rf"(?:\s*[{_HAN}\d]{{0,3}}?(?:楼|幢|栋|座)?\s*\d+\s*室)?"
)
_ADDRESS_LABEL = re.compile(r"(地址|住址|家住|住在)[\s:：]*$")
_DATE_CN = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_DATE_NUM = re.compile(r"(?<!\d)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)")
_NAME_SCORES = {"姓名": 0.95, "联系人": 0.95, "署名": 0.9, "落款": 0.85, "我叫": 0.8}


def _label_before(text: str, start: int, label: re.Pattern[str]) -> bool:
    return bool(label.search(text[max(0, start - 8) : start]))


def find_phones(text: str) -> list[FieldCandidate]:
    """Mainland mobile numbers (1[3-9] + 9 digits), spaces or dashes allowed between digits."""
    out = []
    for m in _MOBILE.finditer(text):
        digits = re.sub(r"\D", "", m.group(1))
        score = 0.98 if _label_before(text, m.start(), _PHONE_LABEL) else 0.85
        out.append(FieldCandidate("phone", digits, m.group(0), m.start(), m.end(), score))
    return out


def find_landlines(text: str) -> list[FieldCandidate]:
    """Landlines: area code + 7/8 digits, or 8 digits right after a phone label."""
    mobiles = [(c.start, c.end) for c in find_phones(text)]
    out = []
    for m in _LANDLINE.finditer(text):
        if any(s <= m.start() < e for s, e in mobiles):
            continue
        area, local, ext = m.group(1), re.sub(r"\D", "", m.group(2)), m.group(3)
        labelled = _label_before(text, m.start(), _PHONE_LABEL)
        if not area and not labelled:
            continue  # a bare 8-digit number is as likely a date or a count
        value = f"{area}-{local}" if area else local
        if ext:
            value += f"-{ext}"
        score = 0.9 if labelled else 0.75
        out.append(FieldCandidate("landline", value, m.group(0), m.start(), m.end(), score))
    return out


def find_names(text: str) -> list[FieldCandidate]:
    """A 2-4 character name after 姓名 / 联系人 / 署名 / 落款 / 我是 / 我叫 / 本人."""
    out = []
    for m in _NAME.finditer(text):
        score = _NAME_SCORES.get(m.group(1), 0.6)
        out.append(FieldCandidate("name", m.group(2), m.group(2), m.start(2), m.end(2), score))
    return out


def find_addresses(text: str) -> list[FieldCandidate]:
    """Shanghai-style addresses: [上海市][…区]…路 N 号 / N 弄 N 号 [N 室]."""
    out = []
    for m in _ADDRESS.finditer(text):
        start = m.start()
        city = m.group(0).find("上海")
        if city > 0:  # the lazy prefix may have swallowed words before the city name
            start += city
        raw = text[start : m.end()]
        value = re.sub(r"\s+", "", raw)
        score = 0.95 if _label_before(text, start, _ADDRESS_LABEL) else 0.7
        out.append(FieldCandidate("address", value, raw, start, m.end(), score))
    return out


def find_dates(text: str) -> list[FieldCandidate]:
    """Dates as 2026年11月3日, 2026-11-03, 2026/11/3 or 2026.11.3; value is ISO 8601."""
    out = []
    found = [(m, m.group(1), m.group(2), m.group(3), 0.9) for m in _DATE_CN.finditer(text)]
    found += [(m, m.group(1), m.group(3), m.group(4), 0.8) for m in _DATE_NUM.finditer(text)]
    for m, year, month, day, score in found:
        try:
            value = dt.date(int(year), int(month), int(day)).isoformat()
        except ValueError:
            continue
        out.append(FieldCandidate("date", value, m.group(0), m.start(), m.end(), score))
    return out


_HEADING_WORDS = re.compile(
    r"^(关于|建议|呼吁|请求|恳请|反映)|(建议|意见|倡议|的信|的请求|的呼吁|问题)$"
)
_NOT_HEADING = re.compile(
    r"[:：]$|^(尊敬的|敬爱的|亲爱的|您好|你好)|电话|手机|地址|联系人|姓名|\d{4}\s*[年.\-/]"
)
_MAX_TITLE = 40
_HEADING_LINES = 4  # a heading is among the first few lines read


def find_title(text: str) -> FieldCandidate | None:
    """The letter's heading as a proposed title: one of the first lines, short, not a
    salutation ("尊敬的…："), a date or a contact line. A line that reads like a heading
    (关于…的建议, …的意见) scores higher than a short first line."""
    offset = 0
    seen = 0
    for line in text.split("\n"):
        start = offset + len(line) - len(line.lstrip())
        offset += len(line) + 1
        stripped = line.strip(" \t　。")
        if not stripped:
            continue
        seen += 1
        if seen > _HEADING_LINES:
            break
        if len(stripped) > _MAX_TITLE or _NOT_HEADING.search(stripped):
            continue
        if sum(1 for ch in stripped if "\u4e00" <= ch <= "\u9fff") < 4:
            continue
        score = 0.9 if _HEADING_WORDS.search(stripped) else 0.5
        if score < 0.9 and (seen > 1 or len(stripped) > 20):
            continue  # a first short line may be a heading; a later plain line is body text
        return FieldCandidate("title", stripped, stripped, start, start + len(stripped), score)
    return None


def propose_fields(text: str) -> list[FieldCandidate]:
    """Every candidate found, in text order."""
    found = (
        find_phones(text)
        + find_landlines(text)
        + find_names(text)
        + find_addresses(text)
        + find_dates(text)
    )
    return sorted(found, key=lambda c: (c.start, c.field))


def best_fields(text: str) -> dict[str, FieldCandidate]:
    """The highest-scoring candidate per field (the last in the text wins a tie for dates,
    since a letter's date usually sits under the signature; the first wins otherwise)."""
    best: dict[str, FieldCandidate] = {}
    title = find_title(text)
    if title is not None:
        best["title"] = title
    for cand in propose_fields(text):
        old = best.get(cand.field)
        later_date_wins = cand.field == "date" and old is not None and cand.score >= old.score
        if old is None or cand.score > old.score or later_date_wins:
            best[cand.field] = cand
    return best
