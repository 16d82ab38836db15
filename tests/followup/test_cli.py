"""`station-app worklist` and `station-app feedback`, run in-process on a real data folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from station_app.cli import main
from station_app.cli_common import open_station
from station_app.i18n import set_language
from station_app.services.hq_updates import apply_changes
from station_app.services.outbox import pending_events

from .helpers import record


@pytest.fixture(autouse=True)
def _chinese() -> None:
    set_language("zh_CN")


def _args(data: Path) -> list[str]:
    return ["--data-dir", str(data)]


def test_worklist_and_feedback_commands(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = tmp_path / "st"
    assert main(["init", "--code", "PT-CLI01", "--name", "测试站", "--district", "普陀区",
                 "--street", "长寿路街道", "--admin", "王管理", "--admin-pin", "2468",
                 *_args(data)]) == 0  # fmt: skip
    station = open_station(type("A", (), {"data_dir": str(data)})())
    try:
        from station_app.services.common import first_admin

        with station.db.read() as s:
            admin = first_admin(s)
        rec = record(station, admin)
        event = {"event_id": "e1", "uuid": rec.uuid, "kind": "reply", "status": "replied",
                 "reply_text": "已安排维修。", "hq_id": "HQ-1"}  # fmt: skip
        apply_changes(station, [event], "c1")
    finally:
        station.close()
    capsys.readouterr()

    assert main(["worklist", "--json", *_args(data)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["counts"]["open"] == 1
    (item,) = out["items"]
    assert item["receipt_no"] == rec.receipt_no and item["reply_text"] == "已安排维修。"
    assert item["phone"] == "139****5678"  # masked even for the admin on the command line

    assert main(["feedback", rec.receipt_no, "--method", "phone", *_args(data)]) == 1
    assert "满意度" in capsys.readouterr().err  # reached by phone: satisfaction is asked for
    assert main(["feedback", rec.receipt_no, "--method", "phone", "--satisfaction",
                 "satisfied", "--comment", "谢谢", *_args(data)]) == 0  # fmt: skip
    assert rec.receipt_no in capsys.readouterr().out

    assert main(["worklist", *_args(data)]) == 0
    text = capsys.readouterr().out
    assert "待告知 0 件" in text and "按时反馈率 100%" in text
    station = open_station(type("A", (), {"data_dir": str(data)})())
    try:
        (ev,) = pending_events(station, "feedback", 10)
        assert ev.body["suggestion_uuid"] == rec.uuid and ev.body["satisfaction"] == "satisfied"
    finally:
        station.close()
