"""The HQ contract over real HTTP, on SQLite and PostgreSQL (``hq`` is parametrised)."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

import requests

from sync.server.testing import HQServer
from sync.server.testing import sample_item as make_item
from tests.sync.server.helpers import T, assert_problem, post_batch


def test_enrol_code_works_once(hq: HQServer) -> None:
    code = hq.admin.issue_code("E001", "长寿路站")
    body = {"station_code": "E001", "station_name": "长寿路站", "enrolment_code": code}
    first = requests.post(hq.url + "/api/v1/enrol", json=body, timeout=T)
    assert first.status_code == 200
    assert first.json()["station_code"] == "E001"
    again = requests.post(hq.url + "/api/v1/enrol", json=body, timeout=T)
    assert_problem(again, 409)
    wrong = requests.post(
        hq.url + "/api/v1/enrol", json={**body, "enrolment_code": "NOPE-NOPE-NOPE"}, timeout=T
    )
    assert_problem(wrong, 401)
    token = first.json()["station_token"]
    ok = requests.get(hq.url + "/api/v1/changes", headers=hq.auth(token), timeout=T)
    assert ok.status_code == 200


def test_missing_or_bad_token_is_401(hq: HQServer) -> None:
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic x"}):
        resp = requests.get(hq.url + "/api/v1/changes", headers=headers, timeout=T)
        assert_problem(resp, 401)
    resp = post_batch(hq, "nope", [make_item()])
    assert_problem(resp, 401)


def test_batch_created_already_had_conflict(hq: HQServer, token: str) -> None:
    a, b = make_item(), make_item(title="电梯加装")
    resp = post_batch(hq, token, [a, b])
    assert resp.status_code == 200
    results = resp.json()["results"]
    assert [r["result"] for r in results] == ["created", "created"]
    hq_id_a = results[0]["hq_id"]

    again = post_batch(hq, token, [a]).json()["results"][0]
    assert again == {"uuid": a["uuid"], "result": "already_had", "status": 200, "hq_id": hq_id_a}

    changed = make_item(uuid=a["uuid"], content="改过的内容")
    result = post_batch(hq, token, [changed]).json()["results"][0]
    assert result["result"] == "conflict"
    assert result["hq_id"] == hq_id_a
    stored = hq.admin.suggestion(a["uuid"])
    assert stored["content"] == a["content"]  # original intact
    assert stored["content_hash"] == a["content_hash"]
    assert [q["content"] for q in hq.admin.quarantined(a["uuid"])] == ["改过的内容"]
    # The same conflicting body again is not quarantined twice.
    post_batch(hq, token, [changed])
    assert len(hq.admin.quarantined(a["uuid"])) == 1


def test_idempotency_key_replay_and_reuse(hq: HQServer, token: str) -> None:
    item = make_item()
    first = post_batch(hq, token, [item], key="key-1")
    replay = post_batch(hq, token, [item], key="key-1")
    assert replay.status_code == 200
    assert replay.json() == first.json()  # "created", not "already_had": the stored answer
    assert replay.headers.get("Idempotent-Replayed") == "true"
    reused = post_batch(hq, token, [make_item()], key="key-1")
    assert_problem(reused, 422)
    missing = requests.post(
        hq.url + "/api/v1/suggestions/batch",
        json={"items": [item]},
        headers=hq.auth(token),
        timeout=T,
    )
    assert_problem(missing, 400)


def test_hash_mismatch_and_missing_scan_are_rejected(hq: HQServer, token: str) -> None:
    bad = make_item()
    bad["title"] = "changed after hashing"
    no_scan = make_item(scans=["ab" * 32])
    good = make_item()
    results = post_batch(hq, token, [bad, no_scan, good]).json()["results"]
    assert results[0] == {
        "uuid": bad["uuid"],
        "result": "rejected",
        "status": 422,
        "detail": "hash_mismatch",
    }
    assert results[1]["result"] == "rejected"
    assert results[1]["detail"] == "missing_scan"
    assert results[2]["result"] == "created"
    assert hq.admin.list(limit=10_000)  # the good one is stored


def test_schema_violation_and_limits(hq: HQServer, token: str) -> None:
    item = make_item()
    item["channel"] = "carrier_pigeon"
    assert_problem(post_batch(hq, token, [item]), 422)
    assert_problem(post_batch(hq, token, [make_item() for _ in range(501)]), 413)
    resp = requests.post(
        hq.url + "/api/v1/suggestions/batch",
        data=b"{not json",
        headers={**hq.auth(token), "Idempotency-Key": "x", "Content-Type": "application/json"},
        timeout=T,
    )
    assert_problem(resp, 400)
    too_big = requests.put(
        hq.url + "/api/v1/scans/" + "0" * 64,
        headers={**hq.auth(token), "Content-Range": "bytes 0-9/60000000"},
        data=b"0123456789",
        timeout=T,
    )
    assert_problem(too_big, 413)


def test_resumable_scan_upload(hq: HQServer, token: str) -> None:
    data = bytes(range(256)) * 40 + uuid.uuid4().bytes
    sha = hashlib.sha256(data).hexdigest()
    url = f"{hq.url}/api/v1/scans/{sha}"
    auth = hq.auth(token)
    assert requests.head(url, headers=auth, timeout=T).status_code == 404
    n = len(data)
    part = requests.put(
        url, data=data[:4000], headers={**auth, "Content-Range": f"bytes 0-3999/{n}"}, timeout=T
    )
    assert part.status_code == 202
    assert part.headers["Upload-Offset"] == "4000"
    head = requests.head(url, headers=auth, timeout=T)
    assert head.status_code == 200
    assert head.headers["Upload-Offset"] == "4000"
    # A chunk from the wrong offset is refused with the right one.
    wrong = requests.put(
        url, data=data[:10], headers={**auth, "Content-Range": f"bytes 0-9/{n}"}, timeout=T
    )
    assert_problem(wrong, 409)
    assert wrong.headers["Upload-Offset"] == "4000"
    rest = requests.put(
        url,
        data=data[4000:],
        headers={**auth, "Content-Range": f"bytes 4000-{n - 1}/{n}"},
        timeout=T,
    )
    assert rest.status_code == 201
    assert rest.json() == {"sha256": sha, "size": n, "complete": True}
    head = requests.head(url, headers=auth, timeout=T)
    assert head.status_code == 200
    assert head.headers["Content-Length"] == str(n)
    assert "Upload-Offset" not in head.headers
    assert requests.put(url, data=data, headers=auth, timeout=T).status_code == 200
    # Now a batch may reference it.
    result = post_batch(hq, token, [make_item(scans=[sha])]).json()["results"][0]
    assert result["result"] == "created"


def test_scan_hash_mismatch_discards_partial(hq: HQServer, token: str) -> None:
    data = uuid.uuid4().bytes * 10
    sha = hashlib.sha256(b"something else" + data).hexdigest()
    url = f"{hq.url}/api/v1/scans/{sha}"
    auth = hq.auth(token)
    assert_problem(requests.put(url, data=data, headers=auth, timeout=T), 422)
    assert requests.head(url, headers=auth, timeout=T).status_code == 404


def test_change_feed_pages_after_admin_actions(hq: HQServer, token: str) -> None:
    items = [make_item() for _ in range(3)]
    post_batch(hq, token, items)
    other = hq.enrol(f"O{uuid.uuid4().hex[:6]}")
    foreign = make_item()
    post_batch(hq, other, [foreign])
    hq.admin.set_status(foreign["uuid"], "accepted")  # must not show up for `token`
    u0, u1, u2 = (i["uuid"] for i in items)
    hq.admin.set_status(u0, "accepted", note="收到")
    hq.admin.set_status(u1, "forwarded")
    hq.admin.reply(u0, "已转交区交通委。", due_date="2025-04-01")
    hq.admin.outcome(u0, "adopted")
    hq.admin.award(u0)
    hq.admin.deadline(u2, "2025-05-01")

    seen: list[dict[str, Any]] = []
    cursor = None
    for _ in range(10):
        params: dict[str, Any] = {"limit": 2}
        if cursor is not None:
            params["cursor"] = cursor
        page = requests.get(
            hq.url + "/api/v1/changes", params=params, headers=hq.auth(token), timeout=T
        ).json()
        seen += page["events"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    kinds = [(e["uuid"], e["kind"]) for e in seen]
    assert kinds == [
        (u0, "status"),
        (u1, "status"),
        (u0, "reply"),
        (u0, "outcome"),
        (u0, "award"),
        (u2, "deadline"),
    ]
    assert seen[2]["reply_text"] == "已转交区交通委。"
    assert seen[2]["due_date"] == "2025-04-01"
    assert seen[3]["outcome"] == "adopted"
    assert len({e["event_id"] for e in seen}) == 6
    # Nothing new after the last cursor.
    tail = requests.get(
        hq.url + "/api/v1/changes", params={"cursor": cursor}, headers=hq.auth(token), timeout=T
    ).json()
    assert tail == {"events": [], "next_cursor": cursor, "has_more": False}


def test_feedback_and_withdrawal_are_idempotent(hq: HQServer, token: str) -> None:
    item = make_item()
    post_batch(hq, token, [item])
    fb = {
        "event_uuid": str(uuid.uuid4()),
        "suggestion_uuid": item["uuid"],
        "method": "phone",
        "at": "2025-04-02T10:00:00+08:00",
        "satisfaction": "satisfied",
        "attempts": 1,
    }
    unknown = {**fb, "event_uuid": str(uuid.uuid4()), "suggestion_uuid": str(uuid.uuid4())}
    url = hq.url + "/api/v1/feedback"
    first = requests.post(url, json={"items": [fb, unknown]}, headers=hq.auth(token), timeout=T)
    assert [r["result"] for r in first.json()["results"]] == ["created", "rejected"]
    again = requests.post(url, json={"items": [fb]}, headers=hq.auth(token), timeout=T)
    assert again.json()["results"][0]["result"] == "already_had"
    changed = requests.post(
        url, json={"items": [{**fb, "comment": "x"}]}, headers=hq.auth(token), timeout=T
    )
    assert changed.json()["results"][0]["result"] == "conflict"

    assert hq.admin.suggestion(item["uuid"])["suggester"]["name"] == "李先生"
    wd = {"event_uuid": str(uuid.uuid4()), "suggestion_uuid": item["uuid"], "at": fb["at"]}
    url = hq.url + "/api/v1/withdrawals"
    for expected in ("created", "already_had"):
        resp = requests.post(url, json={"items": [wd]}, headers=hq.auth(token), timeout=T)
        assert resp.json()["results"][0]["result"] == expected
    assert hq.admin.suggestion(item["uuid"])["suggester"] is None
    events = requests.get(hq.url + "/api/v1/changes", headers=hq.auth(token), timeout=T).json()
    withdrawn = [e for e in events["events"] if e["status"] == "withdrawn"]
    assert len(withdrawn) == 1
    assert withdrawn[0]["uuid"] == item["uuid"]


def test_lists_by_version(hq: HQServer, token: str) -> None:
    v1 = hq.admin.load_lists(
        {
            "categories": [{"code": "traffic", "name_zh": "交通", "name_en": "Traffic"}],
            "campaigns": [
                {
                    "code": "C1",
                    "title": "一江一河",
                    "topic": "滨水空间",
                    "starts_on": "2025-01-01",
                    "ends_on": "2025-06-30",
                    "guidance": "请谈谈",
                    "questions": [
                        {"key": "q1", "label": "常去吗", "type": "choice",
                         "choices": ["是", "否"], "required": True}
                    ],
                }
            ],
        }
    )  # fmt: skip
    auth = hq.auth(token)
    cats = requests.get(hq.url + "/api/v1/categories", headers=auth, timeout=T).json()
    assert cats["version"] >= v1
    assert any(c["code"] == "traffic" and c["active"] for c in cats["items"])
    camps = requests.get(hq.url + "/api/v1/campaigns", headers=auth, timeout=T).json()
    assert camps["items"][0]["questions"][0]["choices"] == ["是", "否"]
    v2 = hq.admin.load_lists(
        {"categories": [{"code": "traffic", "name_zh": "交通", "active": False}]}
    )
    newer = requests.get(
        hq.url + "/api/v1/categories", params={"since_version": v1}, headers=auth, timeout=T
    ).json()
    assert newer["version"] == v2
    assert [(c["code"], c["active"]) for c in newer["items"]] == [("traffic", False)]
    none = requests.get(
        hq.url + "/api/v1/campaigns", params={"since_version": v2}, headers=auth, timeout=T
    ).json()
    assert none["items"] == []


def test_unknown_path_is_problem_json(hq: HQServer) -> None:
    assert_problem(requests.get(hq.url + "/api/v1/nothing", timeout=T), 404)
