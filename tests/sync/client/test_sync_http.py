"""The sync client against the real reference HQ over loopback HTTP, with HQ's test faults."""

from __future__ import annotations

import threading
import time

import pytest
from filelock import FileLock
from sqlalchemy import text

from station_app.services import outbox
from station_app.services.outbox import sync_status
from sync.client import sync_now
from sync.client.token import get_token
from sync.server.testing import HQServer, start_hq_server

from .conftest import Recorder, StationUnderTest, check_invariant, fast_retry, hq_rows

BATCH = "/api/v1/suggestions/batch"


def test_happy_path(hq: HQServer, sut: StationUnderTest) -> None:
    sut.enrol(hq)
    assert get_token(sut.station.data)  # in the keyring
    with sut.station.db.read() as s:
        values = " ".join(r[0] for r in s.connection().execute(text("SELECT value FROM setting")))
    assert get_token(sut.station.data) not in values  # never in the database
    uuids = sut.record(40)
    phases: list[tuple[str, int, int]] = []
    report = sync_now(sut.station, progress=lambda *a: phases.append(a), batch_size=15)
    assert report.ok, report.error_text()
    assert (report.sent, report.already, report.conflict, report.failed) == (40, 0, 0, 0)
    assert phases[-1][0] == "send" or ("send", 40, 40) in phases
    check_invariant(sut, hq)
    assert {r["uuid"] for r in hq_rows(hq, sut.code)} == set(uuids)
    st = sync_status(sut.station)
    assert (st.queued, st.sent, st.failed) == (0, 40, 0)
    assert st.last_success_at and st.last_error_key is None
    # nothing more to do: a second sync sends nothing
    again = sync_now(sut.station)
    assert again.ok and again.sent == 0 and again.already == 0


def test_demo_data_never_reaches_hq(hq: HQServer, sut: StationUnderTest) -> None:
    """Demo suggestions loaded into a real station (the setup wizard's practice data) stay on
    the station: HQ gets only the real ones, and nothing is left waiting."""
    from station_app.demo import load_demo

    sut.enrol(hq)
    real = sut.record(3)
    assert load_demo(sut.station, 20) == 20
    report = sync_now(sut.station)
    assert report.ok, report.error_text()
    assert report.sent == 3
    assert {r["uuid"] for r in hq_rows(hq, sut.code)} == set(real)
    assert sync_status(sut.station).queued == 0


def test_response_lost_after_commit_is_replayed(hq: HQServer, sut: StationUnderTest) -> None:
    sut.enrol(hq)
    sut.record(10)
    hq.faults({"kind": "drop_after_commit", "path": BATCH, "count": 1})
    sleep = Recorder()
    report = sync_now(sut.station, retry=fast_retry(sleep=sleep))
    assert report.ok, report.error_text()
    assert len(sleep.waits) == 1  # one resend, same body and Idempotency-Key: HQ replayed
    assert report.sent == 10
    check_invariant(sut, hq)


def test_response_lost_then_next_sync_gets_already_had(hq: HQServer, sut: StationUnderTest) -> None:
    sut.enrol(hq)
    sut.record(8)
    hq.faults({"kind": "drop_after_commit", "path": BATCH, "count": 1})
    first = sync_now(sut.station, retry=fast_retry(attempts=1))
    assert not first.ok and first.error_key == "error.hq_unavailable"
    assert len(hq_rows(hq, sut.code)) == 8  # HQ committed, the station never heard
    sut.record(2)  # the next batch differs, so it has another key: HQ answers per item
    report = sync_now(sut.station, retry=fast_retry())
    assert (report.sent, report.already) == (2, 8)
    check_invariant(sut, hq)


def test_same_uuid_changed_body_is_a_conflict_on_both_sides(
    hq: HQServer, sut: StationUnderTest
) -> None:
    sut.enrol(hq)
    [uuid, other] = sut.record(2)
    assert sync_now(sut.station).sent == 2
    original = hq.admin.suggestion(uuid)
    # the same uuid comes up again with another body (e.g. a restored backup edited offline)
    with sut.station.db.write() as s:
        conn = s.connection()
        conn.execute(
            text(
                "UPDATE suggestion SET content = content || '（补充）', status = 'recorded' WHERE uuid = :u"
            ),
            {"u": uuid},
        )
        from station_app.services.hq_body import stamp_content_hash
        from station_app.store.sql import raw

        stamp_content_hash(raw(s), uuid)
        conn.execute(
            text("INSERT INTO outbox(kind, ref, created_at) VALUES ('suggestion', :u, 'now')"),
            {"u": uuid},
        )
    report = sync_now(sut.station)
    assert report.conflict == 1 and report.ok
    assert hq.admin.suggestion(uuid)["content"] == original["content"]  # never overwritten
    assert len(hq.admin.quarantined(uuid)) == 1
    local = {r[0]: r[1] for r in _statuses(sut)}
    assert local[uuid] == "conflict" and local[other] == "sent"
    assert sync_status(sut.station).conflicts == 1
    assert sync_now(sut.station).conflict == 0  # quarantined: never resent
    check_invariant(sut, hq, all_sent=False)


def _statuses(sut: StationUnderTest) -> list[tuple[str, str]]:
    with sut.station.db.read() as s:
        return list(s.connection().execute(text("SELECT uuid, status FROM suggestion")))


def test_429_retry_after_is_honoured(hq: HQServer, sut: StationUnderTest) -> None:
    sut.enrol(hq)
    sut.record(5)
    hq.faults({"kind": "status", "status": 429, "retry_after": 7, "path": BATCH, "count": 1})
    sleep = Recorder()
    report = sync_now(sut.station, retry=fast_retry(sleep=sleep))
    assert report.ok and report.sent == 5
    assert sleep.waits == [7.0]
    check_invariant(sut, hq)


def test_503_for_a_while_then_recovery(hq: HQServer, sut: StationUnderTest) -> None:
    sut.enrol(hq)
    sut.record(5)
    hq.faults({"kind": "status", "status": 503, "path": BATCH, "count": 4})
    sleep = Recorder()
    policy = fast_retry(sleep=sleep)
    report = sync_now(sut.station, retry=policy)
    assert report.ok and report.sent == 5
    assert len(sleep.waits) == 4
    # full jitter under a capped exponential: each wait in [0, min(cap, base * 2**n)]
    for n, wait in enumerate(sleep.waits):
        assert 0 <= wait <= min(policy.cap, policy.base * 2**n)
    check_invariant(sut, hq)


def test_503_too_long_stops_and_keeps_everything(hq: HQServer, sut: StationUnderTest) -> None:
    sut.enrol(hq)
    sut.record(3)
    hq.faults({"kind": "status", "status": 503, "path": BATCH, "count": 3})
    report = sync_now(sut.station, retry=fast_retry(attempts=3))
    assert report.error_key == "error.hq_unavailable"
    assert "总部" in (report.error_text("zh_CN") or "")
    st = sync_status(sut.station)
    assert st.queued == 3 and st.last_error_key == "error.hq_unavailable"
    assert sync_now(sut.station, retry=fast_retry()).sent == 3  # next run: no hold-back
    check_invariant(sut, hq)


@pytest.mark.parametrize("status", [400, 413, 422])
def test_client_errors_are_not_retried_and_are_shown(
    hq: HQServer, sut: StationUnderTest, status: int
) -> None:
    sut.enrol(hq)
    sut.record(1)
    hq.faults({"kind": "status", "status": status, "path": BATCH, "count": 2})
    sleep = Recorder()
    report = sync_now(sut.station, retry=fast_retry(sleep=sleep))
    assert sleep.waits == []  # not retried
    assert len(hq.pending_faults()) == 1 and hq.pending_faults()[0]["remaining"] == 1
    assert report.failed == 1 and report.error_key == "sync.error.rejected"
    assert str(status) in (report.error_text("en") or "")
    st = sync_status(sut.station)
    assert st.failed == 1 and st.last_error_key == "sync.error.rejected"
    # held: the next scheduled sync does not send it again ...
    hq.faults()
    assert sync_now(sut.station).sent == 0
    # ... until an admin says "send again"
    outbox.retry_failed(sut.station)
    assert sync_now(sut.station).sent == 1
    check_invariant(sut, hq)


def test_413_on_a_big_batch_sends_it_in_halves(hq: HQServer, sut: StationUnderTest) -> None:
    sut.enrol(hq)
    sut.record(6)
    hq.faults({"kind": "status", "status": 413, "path": BATCH, "count": 1})
    report = sync_now(sut.station, retry=fast_retry())
    assert report.ok and report.sent == 6
    check_invariant(sut, hq)


def test_slow_server_hits_the_client_timeout(hq: HQServer, sut: StationUnderTest) -> None:
    sut.enrol(hq)
    sut.record(5)
    hq.faults({"kind": "delay", "seconds": 2.5, "path": BATCH, "count": 1})
    sleep = Recorder()
    started = time.monotonic()
    report = sync_now(sut.station, retry=fast_retry(sleep=sleep), timeout=(2.0, 0.8))
    assert time.monotonic() - started < 2.4  # did not wait for the slow answer
    assert report.ok and len(sleep.waits) == 1
    time.sleep(2.0)  # the slow request lands at HQ late: still no duplicate
    check_invariant(sut, hq)


def test_unauthorized_stops_and_asks_an_admin(hq: HQServer, sut: StationUnderTest) -> None:
    sut.enrol(hq)
    sut.record(2)
    hq.enrol(sut.code)  # enrolled again elsewhere: our token is revoked
    sleep = Recorder()
    report = sync_now(sut.station, retry=fast_retry(sleep=sleep))
    assert report.needs_admin and not report.ok and sleep.waits == []
    assert "管理员" in (report.error_text("zh_CN") or "")
    st = sync_status(sut.station)
    assert st.needs_admin and st.queued == 2
    sut.enrol(hq)
    assert not sync_status(sut.station).needs_admin
    assert sync_now(sut.station).sent == 2
    check_invariant(sut, hq)


def test_not_enrolled_says_so(sut: StationUnderTest) -> None:
    report = sync_now(sut.station)
    assert report.error_key == "sync.error.not_enrolled"


def test_a_second_sync_at_once_is_refused(hq: HQServer, sut: StationUnderTest) -> None:
    sut.enrol(hq)
    with FileLock(str(sut.station.data.sync_lock), timeout=0):
        report = sync_now(sut.station)
    assert report.busy and not report.ok


def test_cancel_stops_between_requests(hq: HQServer, sut: StationUnderTest) -> None:
    sut.enrol(hq)
    sut.record(30)
    cancel = threading.Event()

    def progress(_phase: str, done: int, _total: int) -> None:
        if done >= 10:
            cancel.set()

    report = sync_now(sut.station, progress=progress, cancel=cancel, batch_size=10)
    assert report.cancelled and report.sent == 10
    assert sync_status(sut.station).queued == 20
    assert sync_now(sut.station).sent == 20
    check_invariant(sut, hq)


def test_server_killed_mid_batch(tmp_path, sut: StationUnderTest) -> None:
    with start_hq_server(tmp_path / "hq-kill") as hq:
        sut.enrol(hq)
        sut.record(400)
        # each batch is slowed a little so that the kill lands while batches are in flight
        hq.faults({"kind": "delay", "seconds": 0.15, "path": BATCH, "count": 1000})
        box: dict[str, object] = {}
        worker = threading.Thread(
            target=lambda: box.update(r=sync_now(sut.station, retry=fast_retry(3), batch_size=40))
        )
        worker.start()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and len(hq_rows(hq, sut.code)) < 80:
            time.sleep(0.02)
        hq.kill()
        worker.join(30)
        first = box["r"]
        assert first.error_key == "error.hq_unavailable"  # type: ignore[attr-defined]
        check_invariant(sut, hq, all_sent=False)
        hq.start()
        report = sync_now(sut.station, retry=fast_retry())
        assert report.ok, report.error_text()
        check_invariant(sut, hq)
        assert len(hq_rows(hq, sut.code)) == 400
