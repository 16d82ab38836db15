"""Restore and in-place salvage replace the database file: with the app open on the same data
folder it would go on writing to the replaced file and lose what it saved afterwards. Both
are refused, with a message, while the app holds its lock (`paths.take_app_lock`, as the real window takes it)."""

from __future__ import annotations

from pathlib import Path

from station_app.paths import DataDir, take_app_lock
from tests.station_app.test_cli import run


def test_restore_and_salvage_wait_for_the_app_to_close(tmp_path: Path) -> None:
    data = tmp_path / "data"
    run("demo", "--count", "5", "--data-dir", str(data))
    backup = tmp_path / "b.db"
    run("backup", "-o", str(backup), "--data-dir", str(data))
    before = (data / "station.db").read_bytes()

    window = take_app_lock(DataDir(data))  # the app's window is open on the folder
    assert window is not None
    try:
        for command in (("restore", str(backup)), ("salvage",)):
            out = run(*command, "--data-dir", str(data), ok=False)
            assert out.returncode == 1, out.stdout
            assert "请先关闭程序窗口" in out.stderr, out.stderr
        assert (data / "station.db").read_bytes() == before  # nothing replaced or kept aside
        assert not list(data.glob("station.before-restore-*.db"))
        assert not list(data.glob("station.damaged-*.db"))
        assert take_app_lock(DataDir(data)) is None  # a second window is refused too
    finally:
        window.release()

    assert "已从备份恢复" in run("restore", str(backup), "--data-dir", str(data)).stdout
    reopened = take_app_lock(DataDir(data))  # restore let go of the lock
    assert reopened is not None
    reopened.release()
