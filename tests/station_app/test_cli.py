"""The CLI as a script would use it: a real process, a real data folder."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


def run(
    *args: str, env: dict[str, str] | None = None, ok: bool = True
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "STATION_APP_LANG": "zh_CN", **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "station_app", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=ROOT,
        timeout=120,
    )
    if ok:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("cli") / "data"
    out = run("demo", "--count", "300", "--data-dir", str(data))
    assert "300" in out.stdout
    return data


def test_demo_sets_up_a_station_on_an_empty_folder(demo_dir: Path) -> None:
    out = run("search", "电梯", "--json", "--limit", "5", "--data-dir", str(demo_dir))
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(rows) == 5
    assert all(r["receipt_no"].startswith("DEMO-DEMO01-") for r in rows)  # marked as demo
    assert all("电梯" in r["title"] + r["snippet"] for r in rows)


def test_init_add_search_via_env_data_dir(tmp_path: Path) -> None:
    env = {"STATION_APP_DATA": str(tmp_path / "envdata")}
    run(
        "init",
        "--code",
        "pt-csl01",
        "--name",
        "长寿路工作站",
        "--district",
        "普陀区",
        "--street",
        "长寿路街道",
        "--admin",
        "王芳",
        "--admin-pin",
        "2468",
        env=env,
    )
    out = run(
        "add",
        "--title",
        "垃圾分类",
        "--content",
        "投放时间太短，上班族赶不上",
        "--category",
        "WST",
        "--name",
        "赵六",
        "--phone",
        "13900001111",
        "--consent",
        "--feedback",
        "phone",
        "--json",
        env=env,
    )
    rec = json.loads(out.stdout)
    assert rec["receipt_no"].startswith("PT-CSL01-")
    found = run("search", "分类", env=env)
    assert rec["receipt_no"] in found.stdout and "共找到 1 条" in found.stdout
    bad = run(
        "add",
        "--title",
        "x",
        "--content",
        "内容",
        "--category",
        "WST",
        "--phone",
        "123",
        "--name",
        "某人",
        env=env,
        ok=False,
    )
    assert bad.returncode == 1
    assert "电话号码格式不对" in bad.stderr and "需要建议人同意" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_export_csv_and_xlsx_mask_personal_data(demo_dir: Path, tmp_path: Path) -> None:
    out_csv = tmp_path / "out.csv"
    run("export", "--format", "csv", "-o", str(out_csv), "--data-dir", str(demo_dir))
    with out_csv.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 300
    phones = [r["suggester_phone"] for r in rows if r["suggester_phone"]]
    assert phones and all("****" in p for p in phones)
    out_xlsx = tmp_path / "out.xlsx"
    run("export", "--format", "xlsx", "-o", str(out_xlsx), "--data-dir", str(demo_dir))
    from openpyxl import load_workbook

    ws = load_workbook(out_xlsx, read_only=True).active
    assert sum(1 for _ in ws.iter_rows()) == 301


def test_backup_restore_and_check(demo_dir: Path, tmp_path: Path) -> None:
    data = tmp_path / "copy"
    run("demo", "--count", "20", "--data-dir", str(data))
    backup = tmp_path / "b.db"
    assert "已校验" in run("backup", "-o", str(backup), "--data-dir", str(data)).stdout
    run(
        "add",
        "--title",
        "备份后新增",
        "--content",
        "这一条在备份之后",
        "--category",
        "OTH",
        "--anonymous",
        "--data-dir",
        str(data),
    )
    assert "备份后新增" in run("search", "备份", "--data-dir", str(data)).stdout
    restored = run("restore", str(backup), "--data-dir", str(data))
    assert "已从备份恢复" in restored.stdout
    # the suggestion added after the backup is not lost: it is brought back and named
    assert "DEMO01-" in restored.stdout and "补回" in restored.stdout
    assert "备份后新增" in run("search", "备份后", "--data-dir", str(data)).stdout
    kept = list(data.glob("station.before-restore-*.db"))
    assert len(kept) == 1  # the data before the restore is kept aside, not lost
    assert str(kept[0]) in restored.stdout
    check = run("check", "--data-dir", str(data))
    assert "integrity_check: ok" in check.stdout and "21/21" in check.stdout


def test_restore_refuses_a_file_that_is_not_a_backup(demo_dir: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    before = (demo_dir / "station.db").read_bytes()
    out = run("restore", str(junk), "--data-dir", str(demo_dir), ok=False)
    assert out.returncode == 1 and "备份或恢复失败" in out.stderr
    assert (demo_dir / "station.db").read_bytes() == before


def test_help_lists_commands_in_both_languages(tmp_path: Path) -> None:
    out = run("--help")
    for cmd in ("init", "demo", "add", "search", "export", "backup", "restore", "check", "gui"):
        assert cmd in out.stdout
    en = run("--lang", "en", "search", "无此内容", "--data-dir", str(tmp_path / "empty"), ok=False)
    assert "not set up" in en.stderr or "No matching" in en.stdout


def test_version_is_pyprojects_version() -> None:
    """`--version` (what IT checks after an upgrade) says the version pyproject.toml gives,
    the one place it is written, and so the .deb's version."""
    import tomllib

    expected = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    out = run("--version")
    assert out.stdout.strip() == f"station-app {expected['version']}"
