"""Ordered schema migrations, tracked by `PRAGMA user_version`.

Each migration is a list of SQL statements applied in one transaction. Never edit a
released migration: add the next one. Tests build a database at every earlier version,
fill it, and migrate it to the latest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from station_app.dbapi import Connection

Step = Sequence[str] | Callable[[Any], None]

V1_INITIAL: list[str] = [
    """CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE operator (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('volunteer','scanner','admin')),
        pin_hash TEXT NOT NULL,
        active BOOLEAN NOT NULL DEFAULT 1,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        created_at TEXT NOT NULL,
        created_by INTEGER REFERENCES operator(id)
    )""",
    """CREATE TABLE suggester (
        id INTEGER PRIMARY KEY,
        name TEXT, phone TEXT, address TEXT,
        anonymous BOOLEAN NOT NULL DEFAULT 0,
        wants_feedback BOOLEAN NOT NULL DEFAULT 0,
        feedback_method TEXT,
        consent_version TEXT, consent_at TEXT,
        purged_at TEXT
    )""",
    """CREATE TABLE postbox_collection (
        id INTEGER PRIMARY KEY,
        postbox_code TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        opened_by INTEGER NOT NULL REFERENCES operator(id),
        witness TEXT NOT NULL,
        letter_count INTEGER NOT NULL CHECK (letter_count >= 0),
        note TEXT,
        closed_at TEXT
    )""",
    """CREATE TABLE letter (
        id INTEGER PRIMARY KEY,
        collection_id INTEGER NOT NULL REFERENCES postbox_collection(id),
        seq INTEGER NOT NULL,
        outcome TEXT NOT NULL DEFAULT 'pending',
        reason TEXT,
        decided_by INTEGER REFERENCES operator(id),
        decided_at TEXT,
        UNIQUE (collection_id, seq)
    )""",
    """CREATE TABLE suggestion (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        receipt_no TEXT NOT NULL UNIQUE,
        channel TEXT NOT NULL CHECK (channel IN ('face_to_face','phone','postbox','other')),
        received_at TEXT NOT NULL,
        recorded_by INTEGER NOT NULL REFERENCES operator(id),
        campaign_code TEXT,
        campaign_answers TEXT,
        category_code TEXT NOT NULL,
        title TEXT NOT NULL,
        content TEXT NOT NULL,
        location TEXT,
        status TEXT NOT NULL,
        hq_id TEXT,
        content_hash TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        suggester_id INTEGER REFERENCES suggester(id),
        letter_id INTEGER REFERENCES letter(id),
        due_date TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX ix_suggestion_status ON suggestion(status, id)",
    "CREATE INDEX ix_suggestion_channel ON suggestion(channel, id)",
    "CREATE INDEX ix_suggestion_category ON suggestion(category_code, id)",
    "CREATE INDEX ix_suggestion_campaign ON suggestion(campaign_code, id)",
    "CREATE INDEX ix_suggestion_received ON suggestion(received_at)",
    "CREATE INDEX ix_suggestion_suggester ON suggestion(suggester_id)",
    """CREATE VIRTUAL TABLE suggestion_fts USING fts5(
        t, content='', contentless_delete=1, tokenize='ascii', detail=none
    )""",
    """CREATE TABLE draft (
        uuid TEXT PRIMARY KEY,
        operator_id INTEGER NOT NULL REFERENCES operator(id),
        form_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE status_event (
        id INTEGER PRIMARY KEY,
        suggestion_id INTEGER NOT NULL REFERENCES suggestion(id),
        status TEXT NOT NULL,
        at TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('station','hq')),
        operator_id INTEGER REFERENCES operator(id),
        note TEXT,
        hq_event_id TEXT UNIQUE
    )""",
    "CREATE INDEX ix_status_event_suggestion ON status_event(suggestion_id, id)",
    """CREATE TABLE scan (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        mime TEXT NOT NULL,
        original_name TEXT NOT NULL,
        size INTEGER NOT NULL,
        pages INTEGER NOT NULL DEFAULT 1,
        letter_id INTEGER REFERENCES letter(id),
        page_order INTEGER NOT NULL DEFAULT 0,
        prepared_sha256 TEXT,
        ocr_text TEXT,
        ocr_confidence REAL,
        ocr_lines_json TEXT,
        ocr_engine TEXT,
        ocr_engine_version TEXT,
        rotation INTEGER,
        status TEXT NOT NULL DEFAULT 'pending',
        error_reason TEXT,
        verified_by INTEGER REFERENCES operator(id),
        imported_at TEXT NOT NULL,
        purged_at TEXT
    )""",
    "CREATE INDEX ix_scan_letter ON scan(letter_id, page_order)",
    """CREATE TABLE category (
        code TEXT PRIMARY KEY, name_zh TEXT NOT NULL, name_en TEXT NOT NULL,
        parent TEXT, active BOOLEAN NOT NULL DEFAULT 1, version INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE campaign (
        code TEXT PRIMARY KEY, title TEXT NOT NULL, topic TEXT, starts_on TEXT, ends_on TEXT,
        guidance TEXT, questions_json TEXT NOT NULL DEFAULT '[]',
        version INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        ref TEXT NOT NULL,
        payload_json TEXT,
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        next_attempt_at TEXT,
        sent_at TEXT,
        result TEXT
    )""",
    "CREATE INDEX ix_outbox_pending ON outbox(sent_at, kind, id)",
    "CREATE INDEX ix_outbox_ref ON outbox(ref)",
    """CREATE TABLE feedback (
        id INTEGER PRIMARY KEY,
        event_uuid TEXT NOT NULL UNIQUE,
        suggestion_id INTEGER NOT NULL REFERENCES suggestion(id),
        method TEXT NOT NULL,
        at TEXT NOT NULL,
        satisfaction TEXT,
        comment TEXT,
        attempts INTEGER NOT NULL DEFAULT 1,
        operator_id INTEGER NOT NULL REFERENCES operator(id)
    )""",
    """CREATE TABLE suggestion_link (
        id INTEGER PRIMARY KEY,
        from_uuid TEXT NOT NULL, to_uuid TEXT NOT NULL,
        operator_id INTEGER NOT NULL, at TEXT NOT NULL,
        UNIQUE (from_uuid, to_uuid)
    )""",
    """CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        operator_id INTEGER,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT,
        detail TEXT
    )""",
    """CREATE TABLE receipt_counter (day TEXT PRIMARY KEY, last_seq INTEGER NOT NULL)""",
]

# Slots for the features being built in parallel; each is filled by its feature and a slot
# left empty is dropped before release.
V2_POSTBOX: list[str] = [
    # postbox collections, scan import queue, watched folder (station_app/postbox/)
    # a letter that is not a suggestion: blank | duplicate | other_channel | other; the
    # v1 `reason` column keeps the free-text note
    "ALTER TABLE letter ADD COLUMN reason_code TEXT",
    "ALTER TABLE scan ADD COLUMN verified_at TEXT",
    # one row per page of an imported file: `scan_id` is the original file, `image_scan_id`
    # the prepared page image (itself a `scan` row, which carries the OCR text, the letter
    # and the page order, so HQ, retention and withdrawal see it like any scan)
    """CREATE TABLE scan_page (
        id INTEGER PRIMARY KEY,
        scan_id INTEGER NOT NULL REFERENCES scan(id),
        page_index INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('ok','error')),
        error_reason TEXT,
        image_scan_id INTEGER REFERENCES scan(id),
        deskew_angle REAL,
        collection_id INTEGER REFERENCES postbox_collection(id),
        imported_by INTEGER REFERENCES operator(id),
        imported_at TEXT NOT NULL,
        UNIQUE (scan_id, page_index)
    )""",
    "CREATE INDEX ix_scan_page_image ON scan_page(image_scan_id)",
    "CREATE INDEX ix_scan_page_collection ON scan_page(collection_id, id)",
    # files queued by an import run; a row goes when its file is finished (resume reads it)
    """CREATE TABLE import_queue (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        collection_id INTEGER REFERENCES postbox_collection(id),
        engine TEXT,
        operator_id INTEGER REFERENCES operator(id),
        queued_at TEXT NOT NULL
    )""",
    # the "could not read" list: the file is kept encrypted (could-not-read/<sha>), as a
    # stored scan, or referenced in place when it is too big or unreadable to copy
    """CREATE TABLE import_failure (
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        source_path TEXT NOT NULL,
        sha256 TEXT,
        page INTEGER NOT NULL DEFAULT 0,
        scope TEXT NOT NULL CHECK (scope IN ('file','page')),
        kept TEXT NOT NULL CHECK (kept IN ('encrypted','scan','in_place')),
        reason TEXT NOT NULL,
        message TEXT NOT NULL,
        at TEXT NOT NULL,
        operator_id INTEGER REFERENCES operator(id),
        dismissed_at TEXT,
        UNIQUE (sha256, page)
    )""",
    # files seen in the watched folder (path + size + mtime; sha256 once imported)
    """CREATE TABLE watch_seen (
        path TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        sha256 TEXT,
        seen_at TEXT NOT NULL
    )""",
]
V3_FOLLOWUP: list[str] = [
    # worklist, deadlines, awards, reports (station_app/followup/)
    # what each HQ event was, kept apart from the history line: the kind (status, reply,
    # outcome, award, deadline), the reply text alone, and when it reached the station (the
    # station's policy due date counts from then)
    """CREATE TABLE hq_event (
        status_event_id INTEGER PRIMARY KEY REFERENCES status_event(id),
        suggestion_id INTEGER NOT NULL REFERENCES suggestion(id),
        kind TEXT NOT NULL,
        reply_text TEXT,
        note TEXT,
        due_date TEXT,
        arrived_at TEXT NOT NULL
    )""",
    "CREATE INDEX ix_hq_event_kind ON hq_event(kind, suggestion_id)",
    "CREATE INDEX ix_hq_event_suggestion ON hq_event(suggestion_id, kind)",
    # every try to reach a suggester; the last one of a finished loop points at its feedback
    """CREATE TABLE contact_attempt (
        id INTEGER PRIMARY KEY,
        suggestion_id INTEGER NOT NULL REFERENCES suggestion(id),
        method TEXT NOT NULL,
        at TEXT NOT NULL,
        reached BOOLEAN NOT NULL,
        satisfaction TEXT,
        comment TEXT,
        operator_id INTEGER NOT NULL REFERENCES operator(id),
        recorded_at TEXT NOT NULL,
        feedback_id INTEGER REFERENCES feedback(id)
    )""",
    "CREATE INDEX ix_contact_attempt_suggestion ON contact_attempt(suggestion_id, id)",
    "CREATE INDEX ix_feedback_suggestion ON feedback(suggestion_id)",
]
V4_CAMPAIGNS_SIMILAR: list[str] = [
    # campaigns and similar suggestions (station_app/services/campaigns.py, similar.py)
    # 1 when the link was chosen before saving and so is part of the suggestion's HQ body
    # (`links`, covered by content_hash); links added later stay local: the contract has no
    # way to send them
    "ALTER TABLE suggestion_link ADD COLUMN in_payload BOOLEAN NOT NULL DEFAULT 0",
    "CREATE INDEX ix_suggestion_link_to ON suggestion_link(to_uuid)",
    # document frequency of every index token (read-only view of suggestion_fts), so the
    # similar-suggestion lookup can weigh bigrams by how rare they are
    "CREATE VIRTUAL TABLE suggestion_fts_vocab USING fts5vocab(suggestion_fts, 'row')",
]

V5_SESSIONS_TABLES: list[str] = [
    # group sessions (座谈会, 议事会, 面对面) and questionnaire responses (问卷征):
    # station_app/services/sessions.py and questionnaires.py
    """CREATE TABLE group_session (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        topic TEXT NOT NULL,
        held_at TEXT NOT NULL,
        place TEXT NOT NULL,
        host TEXT NOT NULL,
        officials TEXT,
        attendees INTEGER NOT NULL CHECK (attendees >= 0),
        campaign_code TEXT,
        sheet_scan_id INTEGER REFERENCES scan(id),
        recorded_by INTEGER NOT NULL REFERENCES operator(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX ix_group_session_held ON group_session(held_at)",
    # the session a speaker's suggestion was made at (channel 'session')
    "ALTER TABLE suggestion ADD COLUMN session_id INTEGER REFERENCES group_session(id)",
    "CREATE INDEX ix_suggestion_session ON suggestion(session_id)",
    # one filled-in questionnaire: answers only, no free-text suggestion
    """CREATE TABLE questionnaire_response (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        campaign_code TEXT NOT NULL,
        answers_json TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('paper','station')),
        received_at TEXT NOT NULL,
        session_id INTEGER REFERENCES group_session(id),
        recorded_by INTEGER NOT NULL REFERENCES operator(id),
        hq_id TEXT,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX ix_questionnaire_campaign ON questionnaire_response(campaign_code, id)",
    "CREATE INDEX ix_questionnaire_received ON questionnaire_response(received_at)",
]
_OLD_CHANNELS = "CHECK (channel IN ('face_to_face','phone','postbox','other'))"
_NEW_CHANNELS = "CHECK (channel IN ('face_to_face','phone','postbox','other','session'))"


def rewrite_table_sql(conn: Any, table: str, sql: str) -> None:
    """Put `sql` in place of `table`'s CREATE statement, for a change that touches no stored
    row (a CHECK, a REFERENCES clause): SQLite's documented way (ALTER TABLE, "Making Other
    Kinds Of Table Schema Changes"); run it inside the caller's transaction."""
    schema_version = int(conn.execute("PRAGMA schema_version").fetchone()[0])
    conn.execute("PRAGMA writable_schema = ON")
    try:
        conn.execute(
            "UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?", (sql, table)
        )
        conn.execute(f"PRAGMA schema_version = {schema_version + 1}")
    finally:
        conn.execute("PRAGMA writable_schema = OFF")


def _v5_sessions(conn: Any) -> None:
    """The tables, then 'session' joins the suggestion table's channel CHECK.

    A CHECK constraint cannot be altered, and rebuilding `suggestion` would mean dropping a
    table that five others reference. Widening a CHECK changes nothing on disk, so it is done
    the way SQLite's documentation gives for such changes (ALTER TABLE, section "Making Other
    Kinds Of Table Schema Changes"): rewrite the table's SQL in sqlite_schema, bump
    schema_version, check integrity, all inside this migration's transaction."""
    for statement in V5_SESSIONS_TABLES:
        conn.execute(statement)
    sql = conn.execute(
        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'suggestion'"
    ).fetchone()[0]
    if _NEW_CHANNELS in sql:
        return
    if _OLD_CHANNELS not in sql:
        raise RuntimeError("suggestion table has an unexpected channel CHECK")
    rewrite_table_sql(conn, "suggestion", sql.replace(_OLD_CHANNELS, _NEW_CHANNELS))
    problem = conn.execute("PRAGMA integrity_check").fetchone()[0]
    if problem != "ok":
        raise RuntimeError(f"integrity check after widening the channel CHECK: {problem}")


V6_FORMS: list[str] = [
    # paper suggestion forms (station_app/forms/, postbox/form_serials.py): every run of
    # blank forms printed, each serial it carried, and the first page that brought it back
    """CREATE TABLE form_print (
        id INTEGER PRIMARY KEY,
        layout_version TEXT NOT NULL,
        paper TEXT NOT NULL,
        categories TEXT NOT NULL,
        first_serial INTEGER NOT NULL,
        count INTEGER NOT NULL,
        printed_at TEXT NOT NULL,
        printed_by INTEGER REFERENCES operator(id)
    )""",
    """CREATE TABLE form_serial (
        serial INTEGER PRIMARY KEY,
        print_id INTEGER NOT NULL REFERENCES form_print(id),
        received_at TEXT,
        received_scan_id INTEGER REFERENCES scan(id),
        times_received INTEGER NOT NULL DEFAULT 0
    )""",
    # what a form page said, field by field, with confidence (JSON; on the page image's row)
    "ALTER TABLE scan ADD COLUMN form_json TEXT",
]


def _v7_session_topics(conn: Connection) -> None:
    """Speakers' suggestions are found by their session's topic too: their search rows are
    written again (no table changes)."""
    from station_app.store.search_rows import reindex

    reindex(conn, [r[0] for r in conn.execute("SELECT id FROM suggestion WHERE session_id > 0")])


MIGRATIONS: list[Step] = [
    V1_INITIAL,
    V2_POSTBOX,
    V3_FOLLOWUP,
    V4_CAMPAIGNS_SIMILAR,
    _v5_sessions,
    V6_FORMS,
    _v7_session_topics,
]
LATEST = len(MIGRATIONS)


def current_version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Connection, target: int = LATEST) -> int:
    """Bring the schema up to `target`, one migration per transaction. Returns the version."""
    version = current_version(conn)
    if version > LATEST:
        raise RuntimeError(
            f"database schema v{version} is newer than this app (v{LATEST}); update the app"
        )
    for number in range(version + 1, target + 1):
        step = MIGRATIONS[number - 1]
        conn.execute("BEGIN IMMEDIATE")
        try:
            if callable(step):
                step(conn)
            else:
                for statement in step:
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return current_version(conn)
