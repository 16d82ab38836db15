"""The body HQ receives for a suggestion, and its content hash: made here and nowhere else.

HQ checks each item's `content_hash` against the body it came with and quarantines a
suggestion whose body changed under the same uuid, so the body hashed at save time must be
the body sent, byte for byte, however long it waited. Every way to a body goes through
`read_bodies`, which reads the stored rows by column name: the save (`record_suggestion`, after
its rows are written, in the same transaction, then `stamp_content_hash`), a correction, and
the outbox sending a batch.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypedDict, cast

from station_app import hashing
from station_app.dbapi import Connection
from station_app.store.sql import select_in, select_in_named

# One row per suggestion: what the body needs, by name. A suggester whose personal data was
# purged (retention, withdrawal) is sent as none.
_BODY_SQL = """
SELECT s.uuid, s.receipt_no, s.channel, s.received_at, op.name AS recorded_by,
       s.campaign_code, s.campaign_answers, s.category_code, s.title, s.content, s.location,
       s.letter_id, p.id AS person_id, p.purged_at AS person_purged_at,
       p.name AS person_name, p.phone AS person_phone, p.address AS person_address,
       p.anonymous AS person_anonymous, p.wants_feedback AS person_wants_feedback,
       p.feedback_method AS person_feedback_method,
       p.consent_version AS person_consent_version
FROM suggestion s
LEFT JOIN operator op ON op.id = s.recorded_by
LEFT JOIN suggester p ON p.id = s.suggester_id
WHERE s.uuid IN ({marks})
"""

_SCANS_SQL = (
    "SELECT letter_id, sha256 FROM scan WHERE letter_id IN ({marks}) "
    "ORDER BY letter_id, page_order, id"
)

_LINKS_SQL = (
    "SELECT from_uuid, to_uuid FROM suggestion_link WHERE in_payload AND from_uuid IN ({marks})"
)


class BodyRow(TypedDict):
    """A suggestion's stored fields that make its body, by the column names of `_BODY_SQL`."""

    uuid: str
    receipt_no: str
    channel: str
    received_at: str
    recorded_by: str | None
    campaign_code: str | None
    campaign_answers: str | None  # canonical JSON, as stored
    category_code: str
    title: str
    content: str
    location: str | None
    letter_id: int | None
    person_id: int | None
    person_purged_at: str | None
    person_name: str | None
    person_phone: str | None
    person_address: str | None
    person_anonymous: bool | int | None
    person_wants_feedback: bool | int | None
    person_feedback_method: str | None
    person_consent_version: str | None


@dataclass(frozen=True)
class HQBody:
    """One suggestion's body for HQ (`body`, with its `content_hash`) and the scans it needs."""

    uuid: str
    body: dict[str, Any]
    scans: list[str]

    @property
    def content_hash(self) -> str:
        return str(self.body["content_hash"])


def _suggester(row: BodyRow) -> dict[str, Any] | None:
    if row["person_id"] is None or row["person_purged_at"] is not None:
        return None
    return {
        "name": row["person_name"],
        "phone": row["person_phone"],
        "address": row["person_address"],
        "anonymous": bool(row["person_anonymous"]),
        "wants_feedback": bool(row["person_wants_feedback"]),
        "feedback_method": row["person_feedback_method"],
        "consent_version": row["person_consent_version"],
    }


def body_of(row: BodyRow, links: list[str], scans: list[str]) -> dict[str, Any]:
    """The body (with its `content_hash`) of one suggestion's stored fields, links and scans."""
    answers = row["campaign_answers"]
    body: dict[str, Any] = {
        "uuid": row["uuid"],
        "receipt_no": row["receipt_no"],
        "channel": row["channel"],
        "received_at": row["received_at"],
        "recorded_by": row["recorded_by"] or "",
        "campaign_code": row["campaign_code"],
        "campaign_answers": json.loads(answers) if answers else None,
        "category_code": row["category_code"],
        "title": row["title"],
        "content": row["content"],
        "location": row["location"],
        "suggester": _suggester(row),
        "scans": scans,
        "links": sorted(links),
    }
    body["content_hash"] = hashing.content_hash(body)
    return body


def read_bodies(conn: Connection, uuids: Sequence[str]) -> dict[str, HQBody]:
    """The HQ bodies of the stored suggestions `uuids` (those that exist), by uuid."""
    rows = cast(list[BodyRow], select_in_named(conn, _BODY_SQL, uuids))
    letters = sorted({r["letter_id"] for r in rows if r["letter_id"]})
    scans: dict[int, list[str]] = {}
    for letter_id, sha in select_in(conn, _SCANS_SQL, letters):
        scans.setdefault(letter_id, []).append(sha)
    links: dict[str, list[str]] = {}
    for from_uuid, to_uuid in select_in(conn, _LINKS_SQL, [r["uuid"] for r in rows]):
        links.setdefault(from_uuid, []).append(to_uuid)
    out: dict[str, HQBody] = {}
    for r in rows:
        shas = scans.get(r["letter_id"], []) if r["letter_id"] else []
        out[r["uuid"]] = HQBody(r["uuid"], body_of(r, links.get(r["uuid"], []), shas), shas)
    return out


def read_body(conn: Connection, uuid: str) -> HQBody:
    """The HQ body of one stored suggestion (KeyError if there is none)."""
    return read_bodies(conn, [uuid])[uuid]


def stamp_content_hash(conn: Connection, uuid: str) -> str:
    """Store the content hash of the suggestion's body as it now stands; returns it."""
    digest = read_body(conn, uuid).content_hash
    conn.execute("UPDATE suggestion SET content_hash = ? WHERE uuid = ?", (digest, uuid))
    return digest
