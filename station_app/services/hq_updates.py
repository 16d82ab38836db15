"""What HQ did with our suggestions, applied to the station's history (no HTTP here).

`apply_changes()` takes one page of HQ's change feed and, in one transaction, appends each
event to `status_event` once (by its `hq_event_id`, which is UNIQUE), moves the suggestion's
status and due date, and stores the feed's new cursor: a crash leaves either all of the page
applied with its cursor or none of it, and a re-pull applies nothing twice.
`apply_list()` does the same for the category and campaign lists and their versions.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from station_app.clock import iso
from station_app.dbapi import new_id
from station_app.domain import Status
from station_app.services import hq_followup as followup_feed
from station_app.services.common import get_setting, set_setting
from station_app.services.hq_link import SETTING_CURSOR
from station_app.store import Station
from station_app.store.sql import raw, select_in

SETTING_LIST_VERSION = "sync.{kind}_version"  # kind: categories | campaigns
# A suggestion in one of these states keeps it whatever HQ says (the event is still recorded).
_TERMINAL = frozenset({Status.WITHDRAWN})
_KNOWN_STATUSES = frozenset(s.value for s in Status)


def _event_status(ev: dict[str, Any], current: str) -> str:
    """The status an HQ event leaves the suggestion in (award/deadline keep the current one)."""
    kind = ev.get("kind")
    if kind in ("status", "reply") and ev.get("status") in _KNOWN_STATUSES:
        return str(ev["status"])
    if kind == "reply":
        return Status.REPLIED
    if kind == "outcome" and ev.get("outcome") in _KNOWN_STATUSES:
        return str(ev["outcome"])
    return current


def _event_note(ev: dict[str, Any]) -> str | None:
    """The history note: a reply's text, else HQ's note; awards and deadlines say what they are."""
    kind = ev.get("kind")
    parts: list[str] = []
    if kind == "reply" and ev.get("reply_text"):
        parts.append(str(ev["reply_text"]))
    if kind == "award":
        parts.append("award")
    if kind == "deadline" and ev.get("due_date"):
        parts.append(f"due {ev['due_date']}")
    if ev.get("note"):
        parts.append(str(ev["note"]))
    return "\n".join(parts) or None


def apply_changes(station: Station, events: Sequence[dict[str, Any]], next_cursor: str) -> int:
    """Apply one page of the change feed and store `next_cursor`; returns events newly applied.

    Events for a suggestion this station does not have are skipped (and counted as applied
    nothing); the cursor still moves past them.
    """
    now = iso(station.clock.now())
    applied = 0
    with station.db.write() as s:
        conn = raw(s)
        ids = [str(ev["event_id"]) for ev in events]
        known = {
            r[0]
            for r in select_in(
                conn, "SELECT hq_event_id FROM status_event WHERE hq_event_id IN ({marks})", ids
            )
        }
        for ev in events:
            event_id = str(ev["event_id"])
            if event_id in known:
                continue
            row = conn.execute(
                "SELECT id, status FROM suggestion WHERE uuid = ?", (str(ev["uuid"]).lower(),)
            ).fetchone()
            if row is None:
                continue
            sug_id, current = row
            new_status = current if current in _TERMINAL else _event_status(ev, current)
            cur = conn.execute(
                "INSERT INTO status_event(suggestion_id, status, at, source, note, hq_event_id) "
                "VALUES (?, ?, ?, 'hq', ?, ?)",
                (
                    sug_id,
                    _event_status(ev, current),
                    ev.get("at") or now,
                    _event_note(ev),
                    event_id,
                ),
            )
            # the follow-up worklist's part: reply text, arrival time, feedback_due
            new_status = followup_feed.after_hq_event(
                conn, new_id(cur), sug_id, ev, current, new_status, now
            )
            sets, params = ["status = ?", "updated_at = ?"], [new_status, now]
            if ev.get("hq_id"):
                sets.append("hq_id = coalesce(hq_id, ?)")
                params.append(str(ev["hq_id"]))
            if ev.get("due_date"):
                sets.append("due_date = ?")
                params.append(str(ev["due_date"]))
            conn.execute(f"UPDATE suggestion SET {', '.join(sets)} WHERE id = ?", (*params, sug_id))
            known.add(event_id)
            applied += 1
        followup_feed.close_acknowledged(conn, now)
        set_setting(s, SETTING_CURSOR, next_cursor)
    return applied


def list_version(station: Station, kind: str) -> int:
    with station.db.read() as s:
        value = get_setting(s, SETTING_LIST_VERSION.format(kind=kind))
    return int(value) if value and value.isdigit() else 0


def apply_list(station: Station, kind: str, version: int, items: Sequence[dict[str, Any]]) -> int:
    """Upsert HQ's categories or campaigns changed since our version; store the new version."""
    with station.db.write() as s:
        conn = raw(s)
        for it in items:
            if kind == "categories":
                conn.execute(
                    "INSERT INTO category(code, name_zh, name_en, parent, active, version) "
                    "VALUES (?,?,?,?,?,?) ON CONFLICT(code) DO UPDATE SET name_zh = excluded.name_zh, "
                    "name_en = excluded.name_en, parent = excluded.parent, "
                    "active = excluded.active, version = excluded.version",
                    (it["code"], it["name_zh"], it["name_en"], it.get("parent"),
                     bool(it.get("active", True)), version),
                )  # fmt: skip
            else:
                conn.execute(
                    "INSERT INTO campaign(code, title, topic, starts_on, ends_on, guidance, "
                    "questions_json, version) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(code) DO UPDATE "
                    "SET title = excluded.title, topic = excluded.topic, "
                    "starts_on = excluded.starts_on, ends_on = excluded.ends_on, "
                    "guidance = excluded.guidance, questions_json = excluded.questions_json, "
                    "version = excluded.version",
                    (it["code"], it["title"], it.get("topic"), it.get("starts_on"),
                     it.get("ends_on"), it.get("guidance"),
                     json.dumps(it.get("questions", []), ensure_ascii=False), version),
                )  # fmt: skip
        set_setting(s, SETTING_LIST_VERSION.format(kind=kind), str(version))
    return len(items)
