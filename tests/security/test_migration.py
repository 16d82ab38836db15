"""An unencrypted foundation database becomes an encrypted one in place, nothing lost."""

from __future__ import annotations

import contextlib
from pathlib import Path

from station_app.clock import FixedClock
from station_app.demo import bulk_record, generate_forms
from station_app.paths import DataDir
from station_app.security import dbcrypt, keys
from station_app.security.keys import ensure_key
from station_app.services.drafts import save_draft
from station_app.services.query import list_page
from station_app.services.setup import init_station
from station_app.store import Station

from .helpers import MARK_NAME, form

TABLES = [
    "suggestion",
    "suggester",
    "status_event",
    "outbox",
    "audit_log",
    "operator",
    "draft",
    "setting",
    "category",
    "suggestion_fts_data",
]


def _foundation_db(data: DataDir, clock: FixedClock) -> dict[str, int]:
    st = Station.open(data.root, clock=clock, key=None)  # the foundation: no encryption
    admin = init_station(
        st,
        code="PT-OLD1",
        name="老站",
        district="普陀区",
        street="长寿路街道",
        admin_name="王管理",
        admin_pin="2468",
    )
    bulk_record(st, admin, generate_forms(300, seed=7))
    save_draft(st, admin, "0b8f3c2e-1111-4222-8333-444455556666", form())
    with st.db.read() as s:
        conn = s.connection().connection.dbapi_connection
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    st.close()
    assert data.database.read_bytes()[:16] == b"SQLite format 3\x00"
    return counts


def _counts(st: Station) -> dict[str, int]:
    with st.db.read() as s:
        conn = s.connection().connection.dbapi_connection
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def _no_plaintext(data: DataDir) -> None:
    for p in data.root.rglob("*"):
        if p.is_file():
            blob = p.read_bytes()
            assert MARK_NAME.encode() not in blob, p
            assert not blob.startswith(b"SQLite format 3\x00"), p


def test_unencrypted_foundation_db_is_encrypted_with_nothing_lost(
    tmp_path: Path, clock: FixedClock
) -> None:
    data = DataDir(tmp_path / "data")
    before = _foundation_db(data, clock)
    key = ensure_key(data)
    assert key is not None and keys.read_header(data) is not None
    assert dbcrypt.file_state(data.database) == "encrypted"
    assert sorted(p.name for p in data.root.iterdir() if p.name.startswith(".station")) == []
    _no_plaintext(data)
    st = Station.open(data.root, clock=clock, key=key)
    try:
        assert _counts(st) == before
        assert list_page(st, None, "停车")  # the search index came along
    finally:
        st.close()


def test_interrupted_migration_resumes(tmp_path: Path, clock: FixedClock) -> None:
    data = DataDir(tmp_path / "data")
    before = _foundation_db(data, clock)
    # crash after the header (and key) were written but before the encrypted file replaced
    # the old one: the next start finishes the job
    import station_app.security.dbcrypt as mod

    real = mod.encrypt_in_place
    mod.encrypt_in_place = lambda path, k: (_ for _ in ()).throw(KeyboardInterrupt())  # type: ignore[assignment]
    try:
        with contextlib.suppress(KeyboardInterrupt):
            ensure_key(data)
    finally:
        mod.encrypt_in_place = real  # type: ignore[assignment]
    assert keys.read_header(data) is not None
    assert dbcrypt.file_state(data.database) == "plain"
    key = ensure_key(data)
    assert key is not None and dbcrypt.file_state(data.database) == "encrypted"
    st = Station.open(data.root, clock=clock, key=key)
    try:
        assert _counts(st) == before
    finally:
        st.close()
