"""Files written whole or not at all (exports, reports, PDFs, scans)."""

from __future__ import annotations

from pathlib import Path

import pytest

from station_app.atomic import replacing, write_bytes


def test_a_failed_write_leaves_the_old_file_and_no_scraps(tmp_path: Path) -> None:
    target = tmp_path / "导出.csv"
    write_bytes(target, b"old")
    with pytest.raises(OSError), replacing(target) as tmp:
        tmp.write_bytes(b"half of the new")
        raise OSError(28, "No space left on device")  # the disk filled up mid-write
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["导出.csv"]


def test_a_finished_write_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    write_bytes(target, b"old")
    with replacing(target) as tmp:
        assert tmp.parent == tmp_path and tmp.name.startswith(".report.xlsx.")
        tmp.write_bytes(b"new")
        assert target.read_bytes() == b"old"  # not yet: only when the block ends
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]


def test_a_missing_folder_is_an_error_not_a_silent_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_bytes(tmp_path / "U盘" / "receipt.pdf", b"%PDF")
    assert list(tmp_path.iterdir()) == []
