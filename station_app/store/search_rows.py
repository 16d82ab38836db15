"""The search index rows of suggestions (`suggestion_fts`): what a suggestion is found by.

Its title, content and location, and for a speaker at a group session the session's topic
(a search for "加装电梯议事会" finds what was said there). `write_row` indexes one
suggestion from its texts (the save); `reindex` rebuilds rows from the stored records (a
correction, a session's topic corrected, a salvaged or merged database, migration v7), in
the caller's transaction.
"""

from __future__ import annotations

from station_app.dbapi import Connection
from station_app.textindex import index_columns


def session_topic(table: str) -> str:
    """SQL for the topic of the group session a row of `table` (a name or alias of
    `suggestion`) was made at, NULL for any other: indexed here, checked by the search."""
    return f"(SELECT g.topic FROM group_session g WHERE g.id = {table}.session_id)"


def write_row(conn: Connection, suggestion_id: int, *texts: str | None, replace: bool) -> None:
    """Index one suggestion; `replace` when it was indexed before (a new row needs no delete
    first: on a contentless_delete index that only adds work)."""
    uni, bi = index_columns(*texts)
    if replace:
        conn.execute("DELETE FROM suggestion_fts WHERE rowid = ?", (suggestion_id,))
    conn.execute(
        "INSERT INTO suggestion_fts(rowid, t) VALUES (?, ?)", (suggestion_id, f"{uni} {bi}".strip())
    )


def reindex(conn: Connection, ids: list[int] | None = None) -> int:
    """Rebuild the rows of these suggestions (all when None) from the stored records; a
    database from before group sessions (no `session_id`) is indexed without topics."""
    if ids is not None and not ids:
        return 0
    columns = {r[1] for r in conn.execute("PRAGMA table_info(suggestion)")}
    topic = session_topic("s") if "session_id" in columns else "NULL"
    where = "" if ids is None else f" WHERE s.id IN ({','.join(str(int(i)) for i in ids)})"
    rows = conn.execute(
        f"SELECT s.id, s.title, s.content, s.location, {topic} FROM suggestion s{where}"
    ).fetchall()
    for sid, *texts in rows:
        write_row(conn, sid, *texts, replace=True)
    return len(rows)
