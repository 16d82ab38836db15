"""Finding suggestions: the list (newest first, filtered) and Chinese full-text search.

Paging is by keyset (`before_id`), so the list never loads a whole table: the UI asks for the
next page as the user scrolls. Search goes through the n-gram FTS index newest-first and
verifies each candidate against the real text, so hits are exact substrings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from station_app.store import Station
from station_app.textindex import index_is_exact, match_expression, matches, normalize

FTS_CHUNK = 400


@dataclass
class Filters:
    statuses: list[str] = field(default_factory=list)
    channel: str | None = None
    category_code: str | None = None
    campaign_code: str | None = None
    received_from: str | None = None  # ISO date, inclusive
    received_to: str | None = None  # ISO date, inclusive

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
                f"SELECT {COLUMNS} FROM suggestion WHERE id IN ({id_list}){extra} ORDER BY id DESC"
            ),
            params,
        )
        for r in rows:
            if exact or matches(query, r[5], r[8], r[6]):
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
    clauses.append("(instr(title, :q) OR instr(content, :q) OR instr(coalesce(location,''), :q))")
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
            return _like_page(s, query, filters, before_id, limit)
        return _search_page(s, query, match, filters, before_id, limit)


def count(station: Station, filters: Filters | None = None, query: str = "") -> int:
    """How many suggestions match. With a query this counts index candidates that are
    verified, so it is exact but may take longer for very common single characters."""
    filters = filters or Filters()
    query = query.strip()
    clauses, params = filters.where()
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
            page = list_page(station, filters, query, before_id=before, limit=2000)
            total += len(page)
            if len(page) < 2000:
                return total
            before = page[-1].id
