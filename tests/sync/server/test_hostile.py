"""Hostile clients against the real HQ server: each case as it was tried, with HQ's answer.

Raw sockets where ``requests`` would not send what a hostile client sends (a chunked body
that never ends, a body that stops arriving).
"""

from __future__ import annotations

import hashlib
import json
import socket
import stat
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from sync.server.testing import HQServer
from sync.server.testing import sample_item as make_item
from tests.sync.server.helpers import T, assert_problem, post_batch


def raw_exchange(hq: HQServer, head: str, chunks: list[bytes], *, finish: bool = False) -> str:
    """Send ``head`` and ``chunks`` (stopping quietly if HQ closes), never the end of the body
    unless ``finish``; return HQ's answer (status line and headers)."""
    with socket.create_connection(("127.0.0.1", hq.port), timeout=15) as sock:
        sock.sendall(head.encode("latin-1"))
        try:
            for chunk in chunks:
                sock.sendall(chunk)
            if finish:
                sock.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # HQ refused and closed while we were still sending: what we want
        answer = b""
        try:
            while b"\r\n\r\n" not in answer:
                data = sock.recv(65536)
                if not data:
                    break
                answer += data
        except ConnectionResetError:
            pass
    return answer.decode("latin-1")


def chunked(data: bytes, size: int = 16384) -> list[bytes]:
    return [
        f"{len(data[i : i + size]):x}\r\n".encode() + data[i : i + size] + b"\r\n"
        for i in range(0, len(data), size)
    ]


# -- body size, enforced while reading ------------------------------------------------------


def test_chunked_enrol_body_over_the_limit_is_refused_while_it_still_arrives(
    hq: HQServer,
) -> None:
    # 1 MB chunked to /enrol (no token needed), and the body never ends: a server that buffers
    # the whole body before checking would wait here until the client gives up.
    head = (
        "POST /api/v1/enrol HTTP/1.1\r\nHost: hq\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    )
    answer = raw_exchange(hq, head, chunked(b"[" * 1_000_000))
    assert answer.startswith("HTTP/1.1 413"), answer[:200]
    assert "application/problem+json" in answer


def test_chunked_batch_body_over_32_mb_is_refused_while_it_still_arrives(
    hq: HQServer, token: str
) -> None:
    head = (
        "POST /api/v1/suggestions/batch HTTP/1.1\r\nHost: hq\r\n"
        f"Authorization: Bearer {token}\r\nIdempotency-Key: big-1\r\n"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    answer = raw_exchange(hq, head, chunked(b" " * (33 * 1024 * 1024), 1 << 20))
    assert answer.startswith("HTTP/1.1 413"), answer[:200]


def test_a_declared_length_over_the_limit_is_refused_before_reading(hq: HQServer) -> None:
    head = (
        "POST /api/v1/enrol HTTP/1.1\r\nHost: hq\r\nContent-Type: application/json\r\n"
        "Content-Length: 70000\r\n\r\n"
    )
    assert raw_exchange(hq, head, []).startswith("HTTP/1.1 413")
    digits = "9" * 5000
    head = f"POST /api/v1/enrol HTTP/1.1\r\nHost: hq\r\nContent-Length: {digits}\r\n\r\n"
    assert raw_exchange(hq, head, []).startswith("HTTP/1.1 4")


# -- values that used to be 500s -------------------------------------------------------------


def test_deeply_nested_json_is_a_400(hq: HQServer, token: str) -> None:
    nested = b"[" * 30_000 + b"]" * 30_000  # 60 KB: under /enrol's limit
    resp = requests.post(
        hq.url + "/api/v1/enrol",
        data=nested,
        headers={"Content-Type": "application/json"},
        timeout=T,
    )
    assert_problem(resp, 400)
    resp = requests.post(
        hq.url + "/api/v1/suggestions/batch",
        data=b'{"items":' + nested + b"}",
        headers={**hq.auth(token), "Idempotency-Key": "deep", "Content-Type": "application/json"},
        timeout=T,
    )
    assert_problem(resp, 400)


@pytest.mark.parametrize("cursor", ["²", "①", "٣", "1" * 19, "-1", " 1"])
def test_odd_cursors_are_a_422(hq: HQServer, token: str, cursor: str) -> None:
    resp = requests.get(
        hq.url + "/api/v1/changes", params={"cursor": cursor}, headers=hq.auth(token), timeout=T
    )
    assert assert_problem(resp, 422)["type"].endswith("bad-cursor")


def test_a_5000_digit_content_range_is_a_400(hq: HQServer, token: str) -> None:
    sha = hashlib.sha256(b"x").hexdigest()
    digits = "1" * 5000
    for value in (f"bytes 0-0/{digits}", f"bytes {digits}-{digits}/{digits}", "bytes ²-²/²"):
        resp = requests.put(
            f"{hq.url}/api/v1/scans/{sha}",
            data=b"x",
            headers={**hq.auth(token), "Content-Range": value.encode("utf-8").decode("latin-1")},
            timeout=T,
        )
        assert_problem(resp, 400)


def test_the_server_log_does_not_repeat_what_clients_sent(hq: HQServer, token: str) -> None:
    # The requests that used to end in a 500 whose traceback quoted the value. Each is
    # followed by /healthz on the same keep-alive connection: the server answers it only
    # after it has finished (and logged) the request before.
    hostile: list[dict[str, Any]] = [
        {"method": "GET", "url": hq.url + "/api/v1/changes", "params": {"cursor": "²"}},
        {"method": "GET", "url": hq.url + "/api/v1/changes", "params": {"cursor": "①"}},
        {"method": "PUT", "url": f"{hq.url}/api/v1/scans/{'a' * 64}", "data": b"x",
         "headers": {"Content-Range": "bytes 0-0/" + "7" * 5000}},
        {"method": "POST", "url": hq.url + "/api/v1/enrol",
         "data": b"[" * 30_000 + b"]" * 30_000, "headers": {"Content-Type": "application/json"}},
    ]  # fmt: skip
    for request in hostile:
        with requests.Session() as session:
            session.headers.update(hq.auth(token))
            answer = session.request(**request, timeout=T)
            assert 400 <= answer.status_code < 500
            assert "close" not in answer.headers.get("connection", "")
            assert session.get(hq.url + "/healthz", timeout=T).status_code == 200
    log = hq.log_text()
    assert "²" not in log and "①" not in log
    assert "7" * 100 not in log
    assert "Traceback" not in log


def test_value_free_tracebacks_keep_type_and_frames_only() -> None:
    import logging

    from sync.server.guard import ValueFreeTracebacks

    sent = {"name": "张三", "phone": "138" + "00000000"}  # what a client sent
    try:
        int(sent["name"] + sent["phone"])
    except ValueError:
        import sys

        record = logging.LogRecord(
            "uvicorn.error", logging.ERROR, __file__, 1, "Exception in ASGI application",
            (), sys.exc_info(),
        )  # fmt: skip
    assert ValueFreeTracebacks().filter(record)
    text = logging.Formatter().format(record)
    assert "ValueError" in text and "test_hostile.py" in text
    assert "13800000000" not in text and "张三" not in text


# -- what a batch item may carry -------------------------------------------------------------


@pytest.mark.parametrize(
    "field, value",
    [
        ("received_at", "2026-13-45T99:99:99Z"),
        ("received_at", "2025-02-29T10:00:00+08:00"),
        ("received_at", "2025-03-01T09:30:00+25:00"),
        ("campaign_answers", {f"q{i}": "是" for i in range(101)}),
        ("campaign_answers", {"q1": "长" * 2001}),
        ("campaign_answers", {"q1": {"nested": ["deep"]}}),
    ],
)
def test_item_values_that_are_not_real_are_a_422(
    hq: HQServer, token: str, field: str, value: Any
) -> None:
    item = make_item(**{field: value})
    body = assert_problem(post_batch(hq, token, [item]), 422)
    assert field in body["detail"]
    assert "长长" not in body["detail"] and "2026-13" not in body["detail"]


def test_half_a_million_campaign_answer_keys_are_refused(hq: HQServer, token: str) -> None:
    item = make_item(campaign_answers={f"k{i}": 1 for i in range(500_000)})
    assert_problem(post_batch(hq, token, [item]), 422)


def test_real_answers_and_times_still_pass(hq: HQServer, token: str) -> None:
    item = make_item(
        received_at="2024-02-29T23:59:59.123+08:00",
        campaign_answers={"q1": "是", "q2": 3, "q3": True, "q4": None, "q5": ["早", "晚"]},
    )
    assert post_batch(hq, token, [item]).json()["results"][0]["result"] == "created"


@pytest.mark.parametrize("path", ["/api/v1/suggestions/batch", "/api/v1/feedback", "/api/v1/enrol"])
def test_a_body_that_is_not_json_by_its_content_type_is_a_415(
    hq: HQServer, token: str, path: str
) -> None:
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data"):
        resp = requests.post(
            hq.url + path,
            data=json.dumps({"items": []}).encode(),
            headers={**hq.auth(token), "Idempotency-Key": "ct", "Content-Type": content_type},
            timeout=T,
        )
        assert_problem(resp, 415)


# -- a body that stops arriving --------------------------------------------------------------


@pytest.fixture
def impatient_hq(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HQServer]:
    server = HQServer(tmp_path_factory.mktemp("hq-impatient"), extra_args=["--body-timeout", "1"])
    server.start()
    yield server
    server.close()


@pytest.fixture
def narrow_hq(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HQServer]:
    """One request at a time per worker."""
    server = HQServer(tmp_path_factory.mktemp("hq-narrow"), extra_args=["--max-in-flight", "1"])
    server.start()
    yield server
    server.close()


def test_a_body_that_stops_arriving_gets_408_and_the_connection_closes(
    impatient_hq: HQServer,
) -> None:
    head = (
        "POST /api/v1/enrol HTTP/1.1\r\nHost: hq\r\nContent-Type: application/json\r\n"
        "Content-Length: 100\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", impatient_hq.port), timeout=15) as sock:
        sock.sendall(head.encode() + b'{"station_code":')  # ...and nothing more
        answer = b""
        while True:  # until HQ closes the connection (recv b"") or our 15 s run out
            data = sock.recv(65536)
            if not data:
                break
            answer += data
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert b"problem+json" in answer


def test_a_full_worker_sheds_with_503_and_retry_after(narrow_hq: HQServer) -> None:
    hq = narrow_hq
    token = hq.enrol("SHED1")
    url = hq.url + "/api/v1/categories"
    with socket.create_connection(("127.0.0.1", hq.port), timeout=15) as slow:
        # One request in flight (its body arrives slowly), the limit is one.
        slow.sendall(
            b"POST /api/v1/feedback HTTP/1.1\r\nHost: hq\r\nContent-Type: application/json\r\n"
            + f"Authorization: Bearer {token}\r\nContent-Length: 12\r\n\r\n".encode()
            + b'{"items"'
        )
        shed = None
        for _ in range(2000):  # until HQ has counted the slow request
            resp = requests.get(url, headers=hq.auth(token), timeout=T)
            if resp.status_code == 503:
                shed = resp
                break
        assert shed is not None
        assert_problem(shed, 503)
        assert 5 <= int(shed.headers["Retry-After"]) <= 30
        assert requests.get(hq.url + "/healthz", timeout=T).status_code == 200  # never shed
        slow.sendall(b":[]}")
        assert slow.recv(65536).startswith(b"HTTP/1.1 200")
    assert requests.get(url, headers=hq.auth(token), timeout=T).status_code == 200


# -- enrolment: attempts and expiry ----------------------------------------------------------


def enrol_with(hq: HQServer, station: str, code: str) -> requests.Response:
    body = {"station_code": station, "station_name": station, "enrolment_code": code}
    return requests.post(hq.url + "/api/v1/enrol", json=body, timeout=T)


def test_enrolment_codes_expire(hq: HQServer) -> None:
    code = hq.admin.issue_code("EXP01", valid_for=timedelta(seconds=-1))
    body = assert_problem(enrol_with(hq, "EXP01", code), 401)
    assert body["type"].endswith("code-expired")
    fresh = hq.admin.issue_code("EXP01")
    assert enrol_with(hq, "EXP01", fresh).status_code == 200


def test_wrong_codes_lock_enrolment_out_for_a_while(sqlite_hq: HQServer) -> None:
    hq = sqlite_hq  # its own server: the lock-out is per client address
    good = hq.admin.issue_code("LOCK1")
    for i in range(10):
        assert_problem(enrol_with(hq, "LOCK1", f"WRONG-{i:04d}"), 401)
    locked = assert_problem(enrol_with(hq, "LOCK1", good), 429)
    assert locked["type"].endswith("too-many-attempts")
    retry = int(enrol_with(hq, "LOCK1", good).headers["Retry-After"])
    assert 0 < retry <= 600
    other = hq.admin.issue_code("LOCK2")
    assert enrol_with(hq, "LOCK2", other).status_code == 429  # the same address is locked


# -- uuids, events and scans belong to the station that sent them ----------------------------


def test_another_stations_uuid_is_a_fresh_item_never_a_conflict(hq: HQServer) -> None:
    a, b = hq.enrol(f"A{uuid.uuid4().hex[:6]}"), hq.enrol(f"B{uuid.uuid4().hex[:6]}")
    real = make_item()
    first = post_batch(hq, a, [real]).json()["results"][0]
    assert first["result"] == "created"
    # B sends A's uuid with other content: B's own item; A's hq_id is not given away.
    planted = make_item(uuid=real["uuid"], content="冒用的内容")
    mine = post_batch(hq, b, [planted]).json()["results"][0]
    assert mine["result"] == "created" and mine["hq_id"] != first["hq_id"]
    again = post_batch(hq, a, [real]).json()["results"][0]
    assert again == {**first, "result": "already_had", "status": 200}
    assert hq.admin.quarantined(real["uuid"]) == []
    assert hq.admin.suggestion(first["hq_id"])["content"] == real["content"]

    # B first, then A's real item with that uuid: A's is created, not a "conflict".
    later = make_item()
    post_batch(hq, b, [make_item(uuid=later["uuid"], content="抢先")])
    assert post_batch(hq, a, [later]).json()["results"][0]["result"] == "created"


def test_events_are_scoped_by_station(hq: HQServer) -> None:
    a, b = hq.enrol(f"A{uuid.uuid4().hex[:6]}"), hq.enrol(f"B{uuid.uuid4().hex[:6]}")
    item_a, item_b = make_item(), make_item()
    post_batch(hq, a, [item_a])
    post_batch(hq, b, [item_b])
    event = str(uuid.uuid4())

    def feedback(token: str, suggestion: str, method: str = "phone") -> str:
        fb = {"event_uuid": event, "suggestion_uuid": suggestion, "method": method,
              "at": "2026-11-02T10:00:00+08:00"}  # fmt: skip
        resp = requests.post(
            hq.url + "/api/v1/feedback", json={"items": [fb]}, headers=hq.auth(token), timeout=T
        )
        return resp.json()["results"][0]["result"]

    assert feedback(a, item_a["uuid"]) == "created"
    # B uses the same event uuid for its own suggestion: B's event, not A's "conflict"
    assert feedback(b, item_b["uuid"], "visit") == "created"
    assert feedback(a, item_a["uuid"]) == "already_had"
    assert feedback(b, item_a["uuid"]) == "conflict"  # B's own event uuid, other body
    assert feedback(b, item_b["uuid"], "visit") == "already_had"


def test_scans_are_seen_linked_and_resumed_only_by_their_station(hq: HQServer) -> None:
    a, b = hq.enrol(f"A{uuid.uuid4().hex[:6]}"), hq.enrol(f"B{uuid.uuid4().hex[:6]}")
    letter = uuid.uuid4().bytes * 300
    sha = hashlib.sha256(letter).hexdigest()
    url = f"{hq.url}/api/v1/scans/{sha}"
    assert requests.put(url, data=letter, headers=hq.auth(a), timeout=T).status_code == 201
    assert requests.head(url, headers=hq.auth(a), timeout=T).status_code == 200
    assert requests.head(url, headers=hq.auth(b), timeout=T).status_code == 404
    linked = post_batch(hq, b, [make_item(scans=[sha])]).json()["results"][0]
    assert linked["detail"] == "missing_scan"
    # With the bytes, B may send it too (stored once) and then link it.
    assert requests.put(url, data=letter, headers=hq.auth(b), timeout=T).status_code == 201
    assert post_batch(hq, b, [make_item(scans=[sha])]).json()["results"][0]["result"] == ("created")

    # A's unfinished upload is A's: B's different "upload" of the same hash does not touch it.
    other = uuid.uuid4().bytes * 500
    sha2 = hashlib.sha256(other).hexdigest()
    url2 = f"{hq.url}/api/v1/scans/{sha2}"
    n = len(other)
    part = requests.put(
        url2, data=other[:4000], headers={**hq.auth(a), "Content-Range": f"bytes 0-3999/{n}"},
        timeout=T,
    )  # fmt: skip
    assert part.status_code == 202
    assert requests.head(url2, headers=hq.auth(b), timeout=T).status_code == 404
    junk = requests.put(
        url2, data=b"x" * 10, headers={**hq.auth(b), "Content-Range": "bytes 0-9/20"}, timeout=T
    )
    assert junk.status_code == 202
    head = requests.head(url2, headers=hq.auth(a), timeout=T)
    assert head.headers["Upload-Offset"] == "4000"
    rest = requests.put(
        url2, data=other[4000:],
        headers={**hq.auth(a), "Content-Range": f"bytes 4000-{n - 1}/{n}"}, timeout=T,
    )  # fmt: skip
    assert rest.status_code == 201


# -- personal data at rest -------------------------------------------------------------------


def test_hq_database_and_scans_are_owner_only(sqlite_hq: HQServer) -> None:
    hq = sqlite_hq
    token = hq.enrol("PERM1")
    letter = b"letter with a name and an address" * 50
    sha = hashlib.sha256(letter).hexdigest()
    url = f"{hq.url}/api/v1/scans/{sha}"
    n = len(letter)
    requests.put(url, data=letter[:100], headers={**hq.auth(token),
                 "Content-Range": f"bytes 0-99/{n}"}, timeout=T)  # fmt: skip
    post_batch(hq, token, [make_item()])
    db = hq.data_dir / "hq.sqlite3"
    files = [db, *db.parent.glob("hq.sqlite3-*")]
    assert len(files) >= 2  # the WAL too
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    scans = hq.data_dir / "scans"
    partials = list((scans / "partial").glob("*.part"))
    assert partials
    for path in [scans, scans / "partial"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o700, path
    for path in partials:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    requests.put(url, data=letter[100:], headers={**hq.auth(token),
                 "Content-Range": f"bytes 100-{n - 1}/{n}"}, timeout=T)  # fmt: skip
    stored = scans / sha[:2] / sha
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert stat.S_IMODE(stored.parent.stat().st_mode) == 0o700


def test_hq_data_goes_to_the_platform_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sync.server.cli import hq_data_dir

    monkeypatch.delenv("STATION_APP_HQ_DATA", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    folder = hq_data_dir(None)
    assert folder == (tmp_path / "xdg" / "station-app-hq").resolve()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert not (tmp_path / "hq-data").exists()
    monkeypatch.setenv("STATION_APP_HQ_DATA", str(tmp_path / "env"))
    assert hq_data_dir(None) == (tmp_path / "env").resolve()
    assert hq_data_dir(str(tmp_path / "flag")) == (tmp_path / "flag").resolve()


def test_a_database_of_the_older_server_is_refused_plainly(tmp_path: Path) -> None:
    import sqlite3
    import subprocess
    import sys

    from sync.server.testing import REPO_ROOT

    old = sqlite3.connect(tmp_path / "hq.sqlite3")
    old.execute("CREATE TABLE hq_enrolment_code (id INTEGER PRIMARY KEY, code_hash TEXT)")
    old.commit()
    old.close()
    done = subprocess.run(
        [sys.executable, "-m", "sync.server.cli", "hq-server", "--data-dir", str(tmp_path),
         "--port", "0"],
        capture_output=True, text=True, cwd=REPO_ROOT, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "older version" in done.stderr and "Traceback" not in done.stderr
