"""Accidents at the station, as a user meets them through the command line: a database file
with 32 bytes flipped (in the middle, or in its first page), a restore, a salvage.

Every damaged file is a byte-flipped copy of a real station made by the CLI: demo
suggestions, a backup, then one more suggestion that only the damaged file holds.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from station_app.paths import DataDir
from station_app.security import keystore
from station_app.security.keys import keyring_user
from tests.station_app.test_cli import run

NEWER_TITLE = "备份之后登记的建议"


@pytest.fixture(scope="module")
def station_with_backup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """A station, its backup, and one more suggestion after the backup (its receipt)."""
    root = tmp_path_factory.mktemp("accidents")
    data = root / "base"
    run("demo", "--count", "300", "--data-dir", str(data))
    backup = root / "backup.zip"
    run("backup", "-o", str(backup), "--data-dir", str(data))
    added = run(
        "add",
        "--title",
        NEWER_TITLE,
        "--content",
        "这一条只在损坏的文件里，备份里没有。",
        "--category",
        "OTH",
        "--anonymous",
        "--data-dir",
        str(data),
    )
    receipt = added.stdout.strip().split("：")[-1]
    return data, backup, receipt


def damaged_copy(base: Path, dst: Path, where: str) -> Path:
    """A copy of the station folder (with its key) whose database has 32 bytes flipped."""
    shutil.copytree(base, dst)
    secret = keystore.get_secret(keyring_user(DataDir(base.resolve())))
    assert secret
    keystore.set_secret(keyring_user(DataDir(dst.resolve())), secret)
    db = dst / "station.db"
    if where == "none":
        return dst
    offset = db.stat().st_size // 2 if where == "middle" else 100
    with db.open("r+b") as fh:
        fh.seek(offset)
        chunk = fh.read(32)
        fh.seek(offset)
        fh.write(bytes(b ^ 0xFF for b in chunk))
    return dst


def suggestions(data: Path) -> int:
    out = run("search", "--limit", "1", "--data-dir", str(data)).stdout
    return int(out.split("共找到 ")[1].split(" ")[0])


def no_traceback(proc: object) -> None:
    text = proc.stdout + proc.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in text and "ERROR CORE" not in text, text


@pytest.mark.parametrize("where", ["middle", "first"])
def test_damage_stops_writing_and_says_what_to_do(
    station_with_backup: tuple[Path, Path, str], tmp_path: Path, where: str
) -> None:
    base, _backup, _receipt = station_with_backup
    data = damaged_copy(base, tmp_path / "data", where)
    before = (data / "station.db").read_bytes()
    add = run(
        "add", "--title", "损坏之后", "--content", "不应被保存", "--category", "OTH",
        "--anonymous", "--data-dir", str(data), ok=False,
    )  # fmt: skip
    no_traceback(add)
    assert add.returncode == 1 and "已损坏" in add.stderr and "station-app salvage" in add.stderr
    assert "密钥" not in add.stderr.split("（")[0]  # not taken for a wrong key
    assert (data / "station.db").read_bytes() == before  # nothing was written into it
    check = run("check", "--data-dir", str(data), ok=False)
    no_traceback(check)
    assert check.returncode == 1 and "station-app restore" in check.stdout
    export = run("export", "-o", str(tmp_path / "out.csv"), "--data-dir", str(data), ok=False)
    no_traceback(export)
    assert export.returncode == 1 and "已损坏" in export.stderr
    english = run("--lang", "en", "sync-status", "--data-dir", str(data), ok=False)
    no_traceback(english)
    assert "damaged" in english.stderr
    if where == "middle":  # what can be read is shown with a word that it may be incomplete,
        # or, when the page it needs is the damaged one, that this part cannot be read
        for query in ("停车", "电梯", "绿化"):
            search = run("search", query, "--data-dir", str(data), ok=False)
            no_traceback(search)
            assert "已损坏" in search.stderr
            assert search.returncode == 0 or "读不出来" in search.stderr
    else:
        assert "第一页损坏，密钥是对的" in add.stderr


@pytest.mark.parametrize("where", ["middle", "first"])
def test_restore_keeps_the_damaged_file_and_brings_back_newer_records(
    station_with_backup: tuple[Path, Path, str], tmp_path: Path, where: str
) -> None:
    base, backup, receipt = station_with_backup
    data = damaged_copy(base, tmp_path / "data", where)
    damaged = (data / "station.db").read_bytes()
    restored = run("restore", str(backup), "--data-dir", str(data))
    no_traceback(restored)
    kept = list(data.glob("station.before-restore-*.db"))
    assert len(kept) == 1 and str(kept[0]) in restored.stdout
    assert kept[0].read_bytes() == damaged  # byte for byte
    assert receipt in restored.stdout and "补回" in restored.stdout
    found = run("search", NEWER_TITLE, "--data-dir", str(data)).stdout
    assert receipt in found
    assert suggestions(data) == 301
    check = run("check", "--data-dir", str(data))
    assert "integrity_check: ok" in check.stdout and "301/301" in check.stdout
    # writing works again and the next receipt number is a new one
    added = run(
        "add", "--title", "恢复之后", "--content", "恢复后再登记一条", "--category", "OTH",
        "--anonymous", "--data-dir", str(data),
    )  # fmt: skip
    assert receipt not in added.stdout and suggestions(data) == 302


@pytest.mark.parametrize("where", ["middle", "first"])
def test_salvage_writes_a_healthy_database_from_a_damaged_one(
    station_with_backup: tuple[Path, Path, str], tmp_path: Path, where: str
) -> None:
    base, backup, receipt = station_with_backup
    data = damaged_copy(base, tmp_path / "data", where)
    damaged = (data / "station.db").read_bytes()
    out = tmp_path / "new.db"
    to_file = run("salvage", "-o", str(out), "--data-dir", str(data), ok=False)
    no_traceback(to_file)
    assert str(out) in to_file.stdout and out.exists()
    assert (data / "station.db").read_bytes() == damaged  # -o leaves the station alone
    in_place = run("salvage", "--data-dir", str(data), ok=False)
    no_traceback(in_place)
    kept = list(data.glob("station.damaged-*.db"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert str(kept[0]) in in_place.stdout
    assert receipt in run("search", NEWER_TITLE, "--data-dir", str(data)).stdout
    # a sound file; history rows of a lost suggestion stay (check counts them as orphans)
    check = run("check", "--data-dir", str(data), ok=in_place.returncode == 0)
    assert "integrity_check: ok" in check.stdout
    if in_place.returncode == 0:
        assert "没有丢失" in in_place.stdout and suggestions(data) == 301
    else:  # rows on a damaged table page cannot be read (each page has a checksum): told
        said = in_place.stdout.split("有 ")[1]
        lost = int(said.split(" 行读不出")[0])
        tables = dict(
            (name, int(n))
            for name, n in (
                part.rsplit(" ", 1) for part in said.split("（")[1].split("）")[0].split(", ")
            )
        )
        assert sum(tables.values()) == lost  # the count said is the rows of the tables named
        # a 32-byte flip costs at most the rows under one page, never most of the station
        assert 0 < lost < 150 and suggestions(data) == 301 - tables.get("建议", 0)
        assert "station-app restore" in in_place.stdout
        # as it says: the backup fills in those rows, the newer ones stay
        run("restore", str(backup), "--data-dir", str(data))
        assert suggestions(data) == 301
        assert "foreign keys: 0 problems" in run("check", "--data-dir", str(data)).stdout
        assert receipt in run("search", NEWER_TITLE, "--data-dir", str(data)).stdout


def test_recover_with_a_damaged_first_page_is_not_a_wrong_key(
    station_with_backup: tuple[Path, Path, str], tmp_path: Path
) -> None:
    """On a new PC (no key in the keyring) the recovery key opens the data; the damaged
    first page is then told as damage, and restore works."""
    base, backup, receipt = station_with_backup
    data = damaged_copy(base, tmp_path / "data", "first")
    user = keyring_user(DataDir(data.resolve()))
    recovery = keystore.get_secret(keyring_user(DataDir(base.resolve())) + ":recovery")
    assert recovery  # the demo station's recovery key, not yet acknowledged
    keystore.delete_secret(user)
    recovered = run("recover", "--recovery-key", recovery, "--data-dir", str(data), ok=False)
    no_traceback(recovered)
    assert "已用恢复密钥找回数据密钥" in recovered.stdout
    assert "第一页损坏，密钥是对的" in recovered.stderr and "不符" not in recovered.stderr
    restored = run("restore", str(backup), "--data-dir", str(data))
    assert receipt in restored.stdout


def test_restore_with_no_database_names_no_kept_file(
    station_with_backup: tuple[Path, Path, str], tmp_path: Path
) -> None:
    base, backup, _receipt = station_with_backup
    data = damaged_copy(base, tmp_path / "data", "middle")
    (data / "station.db").unlink()
    restored = run("restore", str(backup), "--data-dir", str(data))
    assert "原来没有数据文件" in restored.stdout
    assert "station.before-restore" not in restored.stdout
    assert not list(data.glob("station.before-restore-*"))
    assert suggestions(data) == 300


def test_a_backup_holds_the_scans_and_restore_puts_them_back(
    station_with_backup: tuple[Path, Path, str], tmp_path: Path
) -> None:
    import zipfile

    from station_app.security.keys import ensure_key
    from station_app.security.scanstore import load_scan, store_scan

    base, _backup, _receipt = station_with_backup
    data = damaged_copy(base, tmp_path / "data", "none")
    folder = DataDir(data.resolve())
    key = ensure_key(folder)
    assert key is not None
    sha = store_scan(folder, key, b"%PDF-1.4 a letter from the red postbox")
    out = tmp_path / "with-scans.zip"
    run("backup", "-o", str(out), "--data-dir", str(data))
    with zipfile.ZipFile(out) as zf:
        assert f"scans/{sha[:2]}/{sha}" in zf.namelist()
        stored = zf.read(f"scans/{sha[:2]}/{sha}")
    assert b"red postbox" not in stored  # as it is on disk: encrypted
    (folder.scans / sha[:2] / sha).unlink()
    restored = run("restore", str(out), "--data-dir", str(data))
    assert "1 个扫描文件" in restored.stdout
    assert load_scan(folder, key, sha) == b"%PDF-1.4 a letter from the red postbox"


def test_a_damaged_backup_is_refused_and_changes_nothing(
    station_with_backup: tuple[Path, Path, str], tmp_path: Path
) -> None:
    base, backup, _receipt = station_with_backup
    data = damaged_copy(base, tmp_path / "data", "none")
    bad = tmp_path / "bad.zip"
    raw = bytearray(backup.read_bytes())
    middle = len(raw) // 2
    raw[middle : middle + 32] = bytes(b ^ 0xFF for b in raw[middle : middle + 32])
    bad.write_bytes(bytes(raw))
    before = (data / "station.db").read_bytes()
    out = run("restore", str(bad), "--data-dir", str(data), ok=False)
    no_traceback(out)
    assert out.returncode == 1 and "备份或恢复失败" in out.stderr
    assert (data / "station.db").read_bytes() == before


def test_salvage_reads_past_a_damaged_table_page(tmp_path: Path) -> None:
    """The row reader on its own: a plain SQLite file whose table page is overwritten
    loses only the rows on that page."""
    from station_app.store.salvage import _Reader, read_table

    path = tmp_path / "plain.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    conn.executemany("INSERT INTO t VALUES (?, ?)", [(i, "x" * 200) for i in range(1, 2001)])
    conn.commit()
    conn.close()
    with path.open("r+b") as fh:  # page 50: a leaf in the middle of the table
        fh.seek(49 * 4096)
        fh.write(b"\xff" * 4096)
    got: list[int] = []
    reader = _Reader(path, None)
    lost = read_table(reader, "t", ["v"], lambda rows: got.extend(r[0] for r in rows))
    reader.close()
    missing = sorted(set(range(1, 2001)) - set(got))
    assert lost and missing == [i for a, b in lost for i in range(a, b + 1)]
    assert 0 < len(missing) < 40  # one page of rows, not the rest of the table


@pytest.fixture
def small_disk(tmp_path: Path) -> object:
    """A real 2 MB file system (tmpfs; the test machine runs as root)."""
    import subprocess

    mount = tmp_path / "usb"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], check=True)
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_export_onto_a_full_disk_says_what_happened(
    station_with_backup: tuple[Path, Path, str], tmp_path: Path, small_disk: Path
) -> None:
    base, _backup, _receipt = station_with_backup
    data = damaged_copy(base, tmp_path / "data", "none")
    filler = small_disk / "filler.bin"
    filler.write_bytes(b"\0" * (2 * 1024 * 1024 - 48 * 1024))  # 48 KB left
    target = small_disk / "名单.csv"
    out = run("export", "--include-personal", "-o", str(target), "--data-dir", str(data), ok=False)
    no_traceback(out)
    assert out.returncode == 1 and "磁盘已满，导出文件没有写成" in out.stderr
    need = float(out.stderr.split("约需 ")[1].split(" MB")[0])
    assert 0.05 < need < 2  # an honest figure: more than was free, less than the disk
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler.bin"]  # no file, no scraps
    audit = run("audit", "--data-dir", str(data)).stdout
    assert "export" in audit and "personal=yes" in audit  # written before anything left
    filler.unlink()
    done = run("export", "--include-personal", "-o", str(target), "--data-dir", str(data))
    assert "301" in done.stdout and target.stat().st_size > 48 * 1024
    assert target.stat().st_mode & 0o777 == 0o600  # it holds personal data: owner-only


def test_data_logs_exports_and_backups_are_owner_only(
    station_with_backup: tuple[Path, Path, str], tmp_path: Path
) -> None:
    base, _backup, _receipt = station_with_backup
    data = damaged_copy(base, tmp_path / "data", "none")
    for path in data.rglob("*"):  # demo, backup and add ran through the CLI
        mode = path.stat().st_mode & 0o777
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))
    assert list((data / "logs").glob("station.log*"))
    out = tmp_path / "out"
    out.mkdir(mode=0o755)
    run("export", "-o", str(out / "e.csv"), "--data-dir", str(data))
    run("backup", "-o", str(out / "b.zip"), "--data-dir", str(data))
    for name in ("e.csv", "b.zip"):
        assert (out / name).stat().st_mode & 0o777 == 0o600, name


def test_a_save_onto_a_full_disk_says_how_much_room_it_needs(
    station_with_backup: tuple[Path, Path, str], tmp_path: Path
) -> None:
    """The station's own disk fills up: the save is refused with the room the database needs
    (its WAL's write-back plus headroom), and saving works again once that much is free."""
    import subprocess

    base, _backup, _receipt = station_with_backup
    disk = tmp_path / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(disk)], check=True)
    try:
        data = damaged_copy(base, disk / "data", "none")
        filler = disk / "filler.bin"
        free = shutil.disk_usage(disk).free
        filler.write_bytes(b"\0" * (free - 32 * 1024))  # 32 KB left
        args = ("add", "--title", "满盘", "--content", "磁盘满了还想保存一条建议。" * 40,
                "--category", "OTH", "--anonymous", "--data-dir", str(data))  # fmt: skip
        out = run(*args, ok=False)
        no_traceback(out)
        assert out.returncode != 0 and "磁盘已满，本次内容未保存" in out.stderr
        assert "至少需要" in out.stderr and "MB" in out.stderr
        need = float(out.stderr.split("至少需要 ")[1].split(" MB")[0])
        assert need >= 8.0, out.stderr
        filler.unlink()  # the room it asked for
        saved = run(*args)
        assert "满盘" in run("search", "满盘", "--data-dir", str(data)).stdout
        assert saved.returncode == 0
    finally:
        subprocess.run(["umount", str(disk)], check=True)
