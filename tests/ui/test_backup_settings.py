"""设置 → 自动备份: an administrator chooses the folder, backs up now, and sees the last
success; the daily maintenance makes the backups and keeps the newest N."""

from __future__ import annotations

import zipfile
from pathlib import Path

from PySide6.QtCore import Qt

from station_app.clock import FixedClock
from station_app.services.backup_schedule import PREFIX, BackupSettings, is_overdue
from station_app.services.maintenance import daily_maintenance
from station_app.store import Station
from station_app.store.damage import marker_path
from station_app.store.models import Operator
from ui.context import AppContext
from ui.screens.settings import SettingsScreen
from ui.theme import UiSettings


def test_admin_chooses_a_folder_and_backs_up_now(
    qtbot, station: Station, admin: Operator, tmp_path: Path
) -> None:
    usb = tmp_path / "U盘"
    usb.mkdir()
    screen = SettingsScreen(AppContext(station=station, operator=admin), UiSettings())
    qtbot.addWidget(screen)
    box = screen.backup_box
    assert "尚未选择文件夹" in box.status.text()
    box.folder.setText(str(usb))
    box.keep.setValue(3)
    qtbot.mouseClick(box.now_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "上次成功备份" in box.status.text(), timeout=30_000)
    [made] = list(usb.glob(f"{PREFIX}*.zip"))
    with zipfile.ZipFile(made) as zf:
        assert "station.db" in zf.namelist()
    assert BackupSettings.load(station.data).keep == 3


def test_volunteers_do_not_see_the_backup_settings(qtbot, station: Station, volunteer) -> None:
    screen = SettingsScreen(AppContext(station=station, operator=volunteer), UiSettings())
    qtbot.addWidget(screen)
    assert not hasattr(screen, "backup_box")


def test_daily_maintenance_backs_up_once_a_day_and_keeps_the_newest(
    station: Station, admin: Operator, clock: FixedClock, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    settings = BackupSettings(folder=str(usb), keep=2)
    settings.save(station.data)
    assert is_overdue(settings, clock.now())  # chosen, never made
    made = []
    for _day in range(4):
        result = daily_maintenance(station)
        assert result.backup is not None and not result.backup_overdue
        made.append(result.backup)
        assert daily_maintenance(station).backup is None  # not twice a day
        clock.advance(days=1, minutes=1)
    assert sorted(usb.iterdir()) == made[-2:]  # the newest two kept
    # the stick is pulled out: the problem is remembered and, after two days, reminded
    usb.rename(tmp_path / "elsewhere")
    clock.advance(days=2)
    result = daily_maintenance(station)
    assert result.backup is None and "找不到备份文件夹" in result.backup_error
    assert result.backup_overdue
    assert "找不到备份文件夹" in BackupSettings.load(station.data).last_error


def test_daily_maintenance_finds_a_damaged_file_and_stops_writing(
    station: Station, admin: Operator, tmp_path: Path
) -> None:
    from station_app.services import maintenance

    maintenance._last_health.clear()  # as at a fresh start
    station.db.dispose()
    db = station.data.database
    with db.open("r+b") as fh:  # a plain (test) database: damage a table's first page
        fh.seek(2 * 4096 + 8)
        fh.write(b"\xff" * 64)
    result = daily_maintenance(station)
    assert result.damaged and marker_path(db).exists()
