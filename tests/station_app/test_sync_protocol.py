"""The child-process contract between `station-app sync` and the app reading it."""

from __future__ import annotations

from station_app.sync_protocol import Progress, parse_line


def test_a_progress_line_reads_back_as_written():
    line = Progress("send", 250, 1000).to_line()
    assert parse_line(line) == Progress("send", 250, 1000)


def test_the_final_report_is_the_json_object():
    assert parse_line('{"sent": 3, "ok": true}') == {"sent": 3, "ok": True}


def test_text_and_broken_progress_are_not_taken_for_either():
    assert parse_line("HQ 无法连接，稍后重试") is None
    assert parse_line("[1, 2]") is None
    assert parse_line('{"progress": {"phase": "send", "done": "many"}}') is None
