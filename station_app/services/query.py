"""Finding suggestions: the list (newest first, filtered) and Chinese full-text search.

Paging is by keyset (`before_id`), so the list never loads a whole table: the UI asks for the
next page as the user scrolls. Search goes through the n-gram FTS index newest-first and
verifies each candidate against the real text, so hits are exact substrings.

A query that reads as a receipt number also finds that receipt (merged newest-first with the
text hits): the whole number (what the receipt's QR code holds), or its last digits as a
citizen reads them out: the sequence number ("0012", "12" is too short to mean a receipt),
or the date and sequence ("1125-0012", "202611250012"). Those are looked up as whole
receipt numbers through the unique index (this station's code, the days it has issued
receipts on), never by scanning the table.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from station_app.store import Station
from station_app.store.search_rows import session_topic
from station_app.store.sql import chunks
from station_app.textindex import index_is_exact, match_expression, matches, normalize

FTS_CHUNK = 400
RECEIPT_FULL = re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+)*-\d{8}-\d{4,}$")
RECEIPT_TAIL = re.compile(r"^\d[\d-]*$")
MIN_TAIL_DIGITS = 3  # "12" is more likely a building number than a receipt
MAX_RECEIPT_CANDIDATES = 20_000


@dataclass
class Filters:
    statuses: list[str] = field(default_factory=list)
    channel: str | None = None
    category_code: str | None = None
    campaign_code: str | None = None
    received_from: str | None = None  # ISO date, inclusive
    received_to: str | None = None  # ISO date, inclusive
    session_id: int | None = None  # the suggestions made at one group session

    def where(self) -> tuple[list[str], dict[str, Any]]:
        clauses: list[str] = []
        params: dict[str, Any] = {}
        if self.statuses:
            names = [f"st{i}" for i in range(len(self.statuses))]
            clauses.append(f"status IN ({', '.join(':' + n for n in names)})")
            params.update(dict(zip(names, self.statuses, strict=True)))
        for col in ("channel", "category_code", "campaign_code"):
            value = getattr(self, col)
            if value:
                clauses.append(f"{col} = :{col}")
                params[col] = value
        if self.session_id is not None:
            clauses.append("session_id = :session_id")
            params["session_id"] = self.session_id
        if self.received_from:
            clauses.append("received_at >= :rfrom")
            params["rfrom"] = self.received_from
        if self.received_to:
            # dates are compared as text; the day after `to` bounds the whole last day
            clauses.append("received_at < :rto")
            params["rto"] = _next_day(self.received_to)
        return clauses, params


def _next_day(day: str) -> str:
    import datetime as dt

    return (dt.date.fromisoformat(day[:10]) + dt.timedelta(days=1)).isoformat()


@dataclass
class Row:
    id: int
    receipt_no: str
    received_at: str
    channel: str
    category_code: str
    title: str
    location: str | None
    status: str
    snippet: str


COLUMNS = "id, receipt_no, received_at, channel, category_code, title, location, status, content"
# a speaker's suggestion is found by its group session's topic too (`store.search_rows`)
TOPIC = session_topic("suggestion")


def _snippet(content: str, query: str, width: int = 60) -> str:
    if query:
        pos = normalize(content).find(normalize(query).strip())
        if pos > 20:
            start = pos - 20
            return "…" + content[start : start + width].replace("\n", " ")
    return content[:width].replace("\n", " ")


def _row(r: Any, query: str) -> Row:
    return Row(
        id=r[0],
        receipt_no=r[1],
        received_at=r[2],
        channel=r[3],
        category_code=r[4],
        title=r[5],
        location=r[6],
        status=r[7],
        snippet=_snippet(r[8], query),
    )


def _plain_page(s: Session, filters: Filters, before_id: int | None, limit: int) -> list[Row]:
    clauses, params = filters.where()
    if before_id is not None:
        clauses.append("id < :before")
        params["before"] = before_id
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    params["limit"] = limit
    sql = f"SELECT {COLUMNS} FROM suggestion {where} ORDER BY id DESC LIMIT :limit"
    return [_row(r, "") for r in s.execute(text(sql), params)]


def _search_page(
    s: Session, query: str, match: str, filters: Filters, before_id: int | None, limit: int
) -> list[Row]:
    clauses, params = filters.where()
    extra = f" AND {' AND '.join(clauses)}" if clauses else ""
    exact = index_is_exact(query)
    found: list[Row] = []
    cursor = before_id
    # ask the index for a little more than a page first; widen only when hits are sparse
    chunk = min(FTS_CHUNK, limit + 10)
    while len(found) < limit:
        fts_params: dict[str, Any] = {"m": match, "n": chunk}
        bound = ""
        if cursor is not None:
            bound = " AND rowid < :before"
            fts_params["before"] = cursor
        ids = [
            r[0]
            for r in s.execute(
                text(
                    "SELECT rowid FROM suggestion_fts WHERE suggestion_fts MATCH :m"
                    f"{bound} ORDER BY rowid DESC LIMIT :n"
                ),
                fts_params,
            )
        ]
        if not ids:
            break
        cursor = ids[-1]
        id_list = ",".join(str(int(i)) for i in ids)
        rows = s.execute(
            text(
                f"SELECT {COLUMNS}, {TOPIC} FROM suggestion WHERE id IN ({id_list}){extra} "
                "ORDER BY id DESC"
            ),
            params,
        )
        for r in rows:
            if exact or matches(query, r[5], r[8], r[6], r[9]):
                found.append(_row(r, query))
                if len(found) >= limit:
                    break
        if len(ids) < chunk:
            break
        chunk = FTS_CHUNK
    return found


def _like_page(
    s: Session, query: str, filters: Filters, before_id: int | None, limit: int
) -> list[Row]:
    """For queries with no letters or digits (only punctuation): a plain scan."""
    clauses, params = filters.where()
    clauses.append(
        "(instr(title, :q) OR instr(content, :q) OR instr(coalesce(location,''), :q) "
        f"OR instr(coalesce({TOPIC},''), :q))"
    )
    params["q"] = query.strip()
    if before_id is not None:
        clauses.append("id < :before")
        params["before"] = before_id
    params["limit"] = limit
    sql = f"SELECT {COLUMNS} FROM suggestion WHERE {' AND '.join(clauses)} ORDER BY id DESC LIMIT :limit"
    return [_row(r, query) for r in s.execute(text(sql), params)]


def list_page(
    station: Station,
    filters: Filters | None = None,
    query: str = "",
    *,
    before_id: int | None = None,
    limit: int = 200,
) -> list[Row]:
    """One page of suggestions, newest first. Pass the last row's id as `before_id` for more."""
    filters = filters or Filters()
    query = query.strip()
    with station.db.read() as s:
        if not query:
            return _plain_page(s, filters, before_id, limit)
        match = match_expression(query)
        if match is None:
            found = _like_page(s, query, filters, before_id, limit)
        else:
            found = _search_page(s, query, match, filters, before_id, limit)
        receipts = _receipt_hits(s, query, filters, before_id, limit)
    if not receipts:
        return found
    # two newest-first streams, each complete below `before_id`: their merge is too
    merged = {r.id: r for r in found}
    merged.update({r.id: r for r, _ in receipts if r.id not in merged})
    return sorted(merged.values(), key=lambda r: r.id, reverse=True)[:limit]


def count(station: Station, filters: Filters | None = None, query: str = "") -> int:
    """How many suggestions match. With a query this counts index candidates that are
    verified, so it is exact but may take longer for very common single characters."""
    filters = filters or Filters()
    query = query.strip()
    clauses, params = filters.where()
    extra = 0
    if query:
        with station.db.read() as s:
            # receipt hits that the text search does not find as well
            hits = _receipt_hits(s, query, filters, None, MAX_RECEIPT_CANDIDATES)
            extra = sum(not also_text for _, also_text in hits)
    return extra + _count_text(station, filters, query, clauses, params)


def _count_text(
    station: Station, filters: Filters, query: str, clauses: list[str], params: dict[str, Any]
) -> int:
    with station.db.read() as s:
        if not query:
            where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
            return int(
                s.execute(text(f"SELECT count(*) FROM suggestion {where}"), params).scalar_one()
            )
        match = match_expression(query)
        if match is not None and index_is_exact(query):
            # an index hit is already exact: count in SQL, no rows loaded into Python
            where = f" AND {' AND '.join(clauses)}" if clauses else ""
            sql = (
                "SELECT count(*) FROM suggestion WHERE id IN (SELECT rowid FROM suggestion_fts "
                f"WHERE suggestion_fts MATCH :m){where}"
            )
            if not clauses:
                sql = "SELECT count(*) FROM suggestion_fts WHERE suggestion_fts MATCH :m"
            return int(s.execute(text(sql), {**params, "m": match}).scalar_one())
        total = 0
        before: int | None = None
        while True:
            page = (
                _search_page(s, query, match, filters, before, 2000)
                if match is not None
                else _like_page(s, query, filters, before, 2000)
            )
            total += len(page)
            if len(page) < 2000:
                return total
            before = page[-1].id


# ---- receipt numbers ----------------------------------------------------------------------


def _receipt_query(query: str) -> str | None:
    """`query` as a receipt number or its last digits (width-folded, upper case, no spaces),
    or None if it does not read as one."""
    q = "".join(unicodedata.normalize("NFKC", query).split()).upper()
    if len(q) > 64:
        return None
    if RECEIPT_FULL.match(q):
        return q
    if RECEIPT_TAIL.match(q) and len(q.replace("-", "")) >= MIN_TAIL_DIGITS:
        return q
    return None


def full_receipt(query: str) -> str | None:
    """The whole receipt number `query` is (as typed, or as a QR scanner types it), or None."""
    q = _receipt_query(query)
    return q if q is not None and RECEIPT_FULL.match(q) else None


def receipt_candidates(query: str, code: str, days: list[tuple[str, int]]) -> list[str]:
    """The receipt numbers `query` can mean, given this station's code and the days it
    issued receipts on (day, last sequence number). Empty if it does not read as one."""
    q = _receipt_query(query)
    if q is None:
        return []
    if RECEIPT_FULL.match(q):
        return [q]
    tail = q.replace("-", "")
    out: list[str] = []
    if len(tail) <= 4:  # the sequence number, or its last digits ("012" of 0012)
        step = 10 ** len(tail)
        for day, last in days:
            for seq in range(int(tail) or step, last + 1, step):
                out.append(f"{code}-{day}-{seq:04d}")
            if len(out) >= MAX_RECEIPT_CANDIDATES:
                break
        return out
    seq_text, day_tail = tail[-4:], tail[:-4]  # the date (or its end), then the 4-digit sequence
    return [
        f"{code}-{day}-{seq_text}"
        for day, last in days
        if day.endswith(day_tail) and 0 < int(seq_text) <= last
    ]


def _receipt_hits(
    s: Session, query: str, filters: Filters, before_id: int | None, limit: int
) -> list[tuple[Row, bool]]:
    """Suggestions whose receipt `query` means, newest first, each with whether the text
    search finds it too."""
    if _receipt_query(query) is None:
        return []
    from station_app.services.common import get_setting

    code = get_setting(s, "station.code") or ""
    days = [(r[0], int(r[1])) for r in s.execute(text("SELECT day, last_seq FROM receipt_counter"))]
    wanted = receipt_candidates(query, code, days)
    clauses, params = filters.where()
    if before_id is not None:
        clauses.append("id < :before")
        params["before"] = before_id
    extra = f" AND {' AND '.join(clauses)}" if clauses else ""
    hits: list[tuple[Row, bool]] = []
    for part in chunks(wanted):
        names = {f"r{i}": v for i, v in enumerate(part)}
        marks = ", ".join(":" + n for n in names)
        sql = f"SELECT {COLUMNS} FROM suggestion WHERE receipt_no IN ({marks}){extra}"
        hits += [
            (_row(r, ""), matches(query, r[5], r[8], r[6]))
            for r in s.execute(text(sql), {**params, **names})
        ]
    hits.sort(key=lambda h: h[0].id, reverse=True)
    return hits[:limit]
