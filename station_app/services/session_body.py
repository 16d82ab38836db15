"""A group session as HQ receives it inside each of its speakers' suggestions.

Kept apart from `sessions.py` (which records sessions through `suggestions.py`) so that
`hq_body.read_bodies` (the one maker of a suggestion's HQ body) can read a speaker's session
without an import cycle. The body's keys are the contract's `Session` schema (sync/openapi.yaml 1.1).
"""

from __future__ import annotations

from typing import Any

_SELECT = (
    "SELECT g.uuid, g.topic, g.held_at, g.place, g.host, g.officials, g.attendees, "
    "g.campaign_code FROM group_session g WHERE g.id = ?"
)
_KEYS = ("uuid", "topic", "held_at", "place", "host", "officials", "attendees", "campaign_code")


def session_body(conn: Any, session_id: int) -> dict[str, Any] | None:
    """The session's HQ body (None if there is no such session)."""
    row = conn.execute(_SELECT, (session_id,)).fetchone()
    return None if row is None else _body(row)


def _body(row: Any) -> dict[str, Any]:
    return {k: v for k, v in zip(_KEYS, row, strict=True) if v not in (None, "")}


def session_bodies(conn: Any, uuids: list[str]) -> dict[str, dict[str, Any]]:
    """The session body of each of these suggestions that was made at a session."""
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(uuids), 500):
        part = uuids[start : start + 500]
        marks = ",".join("?" * len(part))
        rows = conn.execute(
            "SELECT s.uuid, g.uuid, g.topic, g.held_at, g.place, g.host, g.officials, "
            "g.attendees, g.campaign_code FROM suggestion s "
            f"JOIN group_session g ON g.id = s.session_id WHERE s.uuid IN ({marks})",
            part,
        )
        for row in rows:
            out[row[0]] = _body(row[1:])
    return out
