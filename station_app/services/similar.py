"""Similar suggestions while typing, and "same matter" (同一事项) links between suggestions.

`similar()` finds earlier suggestions that look like the one being typed, so a volunteer can
link it to them instead of creating a silent duplicate. Chinese has no spaces, so texts are
compared as sets of character bigrams (the same runs as the search index, `textindex`), leaving
out bigrams with a stop character (的, 了, 是 …) and weighing each by how rare it is (an idf from
the search index's document counts, cached per process: 窨井 counts, 建议 hardly does).

1. Candidates: the typed text's rarest bigrams are looked up in the FTS index (each one's
   newest `PER_TERM` rows, within a total budget so a common text stays cheap); rows are
   ranked in SQL by the summed weight of the bigrams they hold.
2. Scoring: the best `CANDIDATES` are read and scored from their own text:
   coverage of the typed text (weighted share of its bigrams the earlier one has) and,
   with half that weight, the reverse (so a one-line title does not equal a long letter).
   Hits under `MIN_SCORE` are dropped. Input with fewer than `MIN_CHARS` informative
   characters gives nothing.

Links chosen before saving go into the new suggestion's HQ body (`links`, see
`suggestions.insert_suggestion_in`). HQ's contract (sync/openapi.yaml) takes links only inside
a new suggestion's body: there is no endpoint for a link made later. `link()` therefore
records such a link here only and says so (`LinkResult.reaches_hq` is False); nothing is queued.
"""

from __future__ import annotations

import math
import threading
import uuid as uuidlib
from dataclasses import dataclass
from typing import Any

from station_app.clock import iso
from station_app.dbapi import Connection
from station_app.errors import NotFound, ValidationError
from station_app.i18n import add_messages
from station_app.services.common import audit, require
from station_app.store import Station
from station_app.store.models import Operator
from station_app.store.sql import raw
from station_app.textindex import _runs, normalize

STOP_CHARS = frozenset("的了是在和也就都而及与着吧啊呢吗嘛个这那我你他她它们之把被很还又地得")
MIN_CHARS = 4  # informative characters typed before anything is proposed
MAX_QUERY_BIGRAMS = 160  # a long letter is compared by its first this many distinct bigrams
PER_TERM = 4000  # newest rows taken per bigram when finding candidates
BUDGET = 12_000  # rows read from the index per lookup, at most (about)
MAX_TERMS = 16
CANDIDATES = 40
MIN_SCORE = 0.3
IDF_CAP = math.log(1000)  # rarer than one row in a thousand counts as "rare", no more
COMMON_SHARE = 0.3  # a bigram in more than this share of rows does not find candidates

add_messages(
    {
        "similar.link_self": {
            "zh_CN": "不能把一条建议关联到它自己",
            "en": "A suggestion cannot be linked to itself",
        },
    }
)


@dataclass(frozen=True)
class SimilarHit:
    suggestion_id: int
    uuid: str
    receipt_no: str
    title: str
    snippet: str
    score: float  # 0..1
    received_at: str
    status: str


@dataclass(frozen=True)
class LinkResult:
    created: bool  # False: the link was there already
    reaches_hq: bool  # True only for links that were part of the suggestion's body


# ---- text -------------------------------------------------------------------------------------


def bigrams(*texts: str | None, cap: int = MAX_QUERY_BIGRAMS) -> list[str]:
    """Distinct informative bigrams of `texts` in order of first appearance, at most `cap`."""
    seen: dict[str, None] = {}
    for text in texts:
        if not text:
            continue
        for run in _runs(text):
            for i in range(len(run) - 1):
                gram = run[i : i + 2]
                if gram[0] in STOP_CHARS or gram[1] in STOP_CHARS:
                    continue
                seen[gram] = None
                if len(seen) >= cap:
                    return list(seen)
    return list(seen)


def informative_chars(*texts: str | None) -> int:
    return sum(1 for t in texts if t for run in _runs(t) for ch in run if ch not in STOP_CHARS)


# ---- document frequencies ---------------------------------------------------------------------


class _DfCache:
    """Bigram -> number of suggestions holding it, per database file, for this process.

    Counting a bigram in the index costs time in proportion to how common it is; while a
    volunteer types, the same bigrams are asked again and again. A count may lag a little
    behind new saves, which only nudges a weight."""

    LIMIT = 200_000

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_db: dict[str, dict[str, int]] = {}

    def get(self, conn: Connection, db_key: str, terms: list[str]) -> dict[str, int]:
        with self._lock:
            known = self._by_db.setdefault(db_key, {})
            out = {t: known[t] for t in terms if t in known}
        missing = [t for t in terms if t not in out]
        for term in missing:
            row = conn.execute(
                "SELECT count(*) FROM suggestion_fts WHERE suggestion_fts MATCH ?", (f'"{term}"',)
            ).fetchone()
            out[term] = int(row[0])
        if missing:
            with self._lock:
                known = self._by_db.setdefault(db_key, {})
                if len(known) + len(missing) > self.LIMIT:
                    known.clear()
                known.update((t, out[t]) for t in missing)
        return out

    def clear(self) -> None:
        with self._lock:
            self._by_db.clear()


DF_CACHE = _DfCache()


def _weights(df: dict[str, int], n: int) -> dict[str, float]:
    """idf of each bigram, capped so that one rare bigram cannot outweigh the text; a bigram
    no suggestion has (often one that spans two words, 区停 in 小区停车) weighs as much as a
    typical one of the text rather than as the rarest."""
    known = {g: min(math.log((n + 1) / (d + 0.5)), IDF_CAP) for g, d in df.items() if d > 0}
    typical = sum(known.values()) / len(known) if known else 1.0
    return {g: known.get(g, typical) for g in df}


# ---- the lookup -------------------------------------------------------------------------------


def similar(
    station: Station,
    actor: Operator,
    title: str,
    content: str,
    *,
    limit: int = 5,
    exclude_uuid: str | None = None,
) -> list[SimilarHit]:
    """Earlier suggestions that look like `title` + `content`, best first (see the module
    docstring). Never raises on odd text; very short text gives an empty list."""
    require(actor, "view_masked")
    title, content = title or "", content or ""
    if limit <= 0 or informative_chars(title, content) < MIN_CHARS:
        return []
    query = bigrams(title, content)
    if len(query) < 2:
        return []
    with station.db.read() as s:
        conn = raw(s)
        n = int(conn.execute("SELECT coalesce(max(id), 0) FROM suggestion").fetchone()[0])
        if n == 0:
            return []
        df = DF_CACHE.get(conn, str(station.data.database), query)
        weight = _weights(df, n)
        ranked = _candidates(conn, query, df, weight, n)
        if not ranked:
            return []
        rows = _rows(conn, ranked, exclude_uuid)
    total = sum(weight.values())
    typical = total / len(query)
    hits: list[SimilarHit] = []
    for r in rows:
        doc = set(bigrams(r[5], r[6]))
        shared = [g for g in query if g in doc]
        if not shared:
            continue
        common = sum(weight[g] for g in shared)
        coverage = common / total
        reverse = common / (common + typical * (len(doc) - len(shared)))
        score = (2 * coverage + reverse) / 3
        if score < MIN_SCORE:
            continue
        rarest = max(shared, key=lambda g: weight[g])
        hits.append(
            SimilarHit(
                suggestion_id=r[0],
                uuid=r[1],
                receipt_no=r[2],
                title=r[5],
                snippet=_snippet(r[6], rarest),
                score=round(score, 4),
                received_at=r[3],
                status=r[4],
            )
        )
    hits.sort(key=lambda h: (-h.score, -h.suggestion_id))
    return hits[:limit]


def _candidates(
    conn: Connection, query: list[str], df: dict[str, int], weight: dict[str, float], n: int
) -> list[int]:
    """Row ids holding the most weight of the typed text's rarer bigrams (a short list)."""
    usable = sorted(
        (g for g in query if 0 < df[g] <= max(n * COMMON_SHARE, 1)), key=lambda g: df[g]
    )
    if not usable:
        usable = sorted((g for g in query if df[g] > 0), key=lambda g: df[g])[:1]
    picked: list[str] = []
    spent = 0
    for g in usable:
        cost = min(df[g], PER_TERM)
        if picked and (spent + cost > BUDGET or len(picked) >= MAX_TERMS):
            break
        picked.append(g)
        spent += cost
    if not picked:
        return []
    parts = " UNION ALL ".join(
        "SELECT * FROM (SELECT rowid AS id, ? AS w FROM suggestion_fts "
        "WHERE suggestion_fts MATCH ? ORDER BY rowid DESC LIMIT ?)"
        for _ in picked
    )
    params: list[Any] = []
    for g in picked:
        params += [weight[g], f'"{g}"', PER_TERM]
    sql = f"SELECT id FROM ({parts}) GROUP BY id ORDER BY sum(w) DESC, id DESC LIMIT {CANDIDATES}"
    return [int(r[0]) for r in conn.execute(sql, params)]


def _rows(conn: Connection, ids: list[int], exclude_uuid: str | None) -> list[Any]:
    marks = ",".join("?" * len(ids))
    sql = (
        "SELECT id, uuid, receipt_no, received_at, status, title, content FROM suggestion "
        f"WHERE id IN ({marks}) AND status != 'withdrawn'"
    )
    params: list[Any] = list(ids)
    if exclude_uuid:
        sql += " AND uuid != ?"
        params.append(exclude_uuid)
    return conn.execute(sql, params).fetchall()


def _snippet(content: str, gram: str, width: int = 50) -> str:
    flat = " ".join((content or "").split())
    pos = normalize(flat).find(gram)
    start = max(0, pos - 12) if pos > 12 else 0
    text = flat[start : start + width]
    return ("…" if start else "") + text + ("…" if start + width < len(flat) else "")


# ---- links ------------------------------------------------------------------------------------


def _uuid(value: str) -> str:
    try:
        return str(uuidlib.UUID(str(value)))
    except ValueError as exc:
        raise NotFound(what=str(value)[:40]) from exc


def link(station: Station, actor: Operator, from_uuid: str, to_uuid: str) -> LinkResult:
    """Record that `from_uuid` is the same matter as the earlier `to_uuid` (both saved).

    Only links chosen before a suggestion is saved reach HQ (inside its body); a link made
    afterwards is kept here (shown, exported) and the result says it did not reach HQ."""
    require(actor, "record")
    a, b = _uuid(from_uuid), _uuid(to_uuid)
    if a == b:
        raise ValidationError({"links": ("similar.link_self", {})})
    with station.db.write() as s:
        conn = raw(s)
        found = dict(
            conn.execute("SELECT uuid, id FROM suggestion WHERE uuid IN (?, ?)", (a, b)).fetchall()
        )
        for u in (a, b):
            if u not in found:
                raise NotFound(what=u)
        row = conn.execute(
            "SELECT in_payload FROM suggestion_link WHERE from_uuid = ? AND to_uuid = ?", (a, b)
        ).fetchone()
        if row is not None:
            return LinkResult(created=False, reaches_hq=bool(row[0]))
        conn.execute(
            "INSERT INTO suggestion_link(from_uuid, to_uuid, operator_id, at, in_payload) "
            "VALUES (?,?,?,?,0)",
            (a, b, actor.id, iso(station.clock.now())),
        )
        audit(s, station, actor, "link", "suggestion", found[a], f"same matter as {found[b]}")
    return LinkResult(created=True, reaches_hq=False)


def unlink(station: Station, actor: Operator, from_uuid: str, to_uuid: str) -> bool:
    """Undo a link made after saving (one inside a suggestion's HQ body stays). True if gone."""
    require(actor, "record")
    a, b = _uuid(from_uuid), _uuid(to_uuid)
    with station.db.write() as s:
        cur = raw(s).execute(
            "DELETE FROM suggestion_link WHERE from_uuid = ? AND to_uuid = ? AND NOT in_payload",
            (a, b),
        )
        return cur.rowcount > 0


@dataclass(frozen=True)
class LinkedSuggestion:
    uuid: str
    receipt_no: str
    title: str
    direction: str  # "to": this one points at it; "from": it points at this one
    reaches_hq: bool


def linked(station: Station, uuid: str) -> list[LinkedSuggestion]:
    """The suggestions linked with `uuid` as the same matter, both ways."""
    with station.db.read() as s:
        rows = (
            raw(s)
            .execute(
                "SELECT s.uuid, s.receipt_no, s.title, 'to', l.in_payload FROM suggestion_link l "
                "JOIN suggestion s ON s.uuid = l.to_uuid WHERE l.from_uuid = ? "
                "UNION ALL "
                "SELECT s.uuid, s.receipt_no, s.title, 'from', l.in_payload FROM suggestion_link l "
                "JOIN suggestion s ON s.uuid = l.from_uuid WHERE l.to_uuid = ? ",
                (uuid, uuid),
            )
            .fetchall()
        )
    return [LinkedSuggestion(r[0], r[1], r[2], r[3], bool(r[4])) for r in rows]


def hits_for(station: Station, actor: Operator, uuids: list[str]) -> list[SimilarHit]:
    """The suggestions `uuids` as hits (a restored draft's chosen links), in that order."""
    require(actor, "view_masked")
    if not uuids:
        return []
    marks = ",".join("?" * len(uuids))
    with station.db.read() as s:
        rows = (
            raw(s)
            .execute(
                "SELECT id, uuid, receipt_no, received_at, status, title, content "
                f"FROM suggestion WHERE uuid IN ({marks})",
                list(uuids),
            )
            .fetchall()
        )
    by_uuid = {
        r[1]: SimilarHit(r[0], r[1], r[2], r[5], _snippet(r[6], ""), 0.0, r[3], r[4]) for r in rows
    }
    return [by_uuid[u] for u in uuids if u in by_uuid]
