"""The marker test: record suggestions with unique marker names, phones and addresses, run
every feature, then search every file the app could have written (data folder with WAL/SHM,
scans, logs, backups, its temp folders and the system temp folder) for the markers in UTF-8,
UTF-16 and GBK; a postbox import killed mid-run (both engines) leaves no page image or
recognised text in the clear. Zero hits, except in the file the admin deliberately exported unmasked.

Adding a feature (sync, print to PDF): write `@step("name")` over a function taking the
`MarkerRun`; steps run in the order they are defined. Put anything the user deliberately
exports with personal data under `run.deliberate` (the only folder not searched).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from station_app.clock import FixedClock
from station_app.domain import Role
from station_app.paths import DataDir
from station_app.security import keys
from station_app.security.keystore import ConfigFileKeyring
from station_app.security.scanstore import load_scan, store_scan
from station_app.services import backups, maintenance
from station_app.services.audit_view import audit_print
from station_app.services.drafts import save_draft
from station_app.services.export import export
from station_app.services.operators import add_operator
from station_app.services.query import list_page
from station_app.services.setup import init_station
from station_app.services.suggestions import get_detail, record_suggestion
from station_app.store import Station
from station_app.store.models import Operator

from .conftest import MemoryKeyring
from .helpers import MARK_ADDRESS, MARK_NAME, MARK_PHONE, form

MARKERS = [MARK_NAME, MARK_PHONE, MARK_ADDRESS, "标记甲乙", "1390000111"]
ENCODINGS = ["utf-8", "utf-16-le", "utf-16-be", "gbk"]
REPO = Path(__file__).resolve().parents[2]


@dataclass
class MarkerRun:
    data: DataDir
    key: bytes
    station: Station
    admin: Operator
    volunteer: Operator
    work: Path  # backups, masked exports: searched
    deliberate: Path  # exports with personal data on purpose: not searched
    env: dict[str, str]
    ids: list[int] = field(default_factory=list)

    def reopen(self) -> None:
        self.station.close()
        self.station = Station.open(self.data.root, clock=self.station.clock, key=self.key)


Step = Callable[[MarkerRun], None]
STEPS: list[tuple[str, Step]] = []


def step(name: str) -> Callable[[Step], Step]:
    def add(fn: Step) -> Step:
        STEPS.append((name, fn))
        return fn

    return add


@step("record")
def _record(run: MarkerRun) -> None:
    for i in range(3):
        f = form(title=f"小区门口停车难的建议{i}")
        run.ids.append(record_suggestion(run.station, run.volunteer, f).id)
    save_draft(run.station, run.volunteer, "4f1c2e3d-aaaa-4bbb-8ccc-ddddeeeeffff", form())


@step("scan")
def _scan(run: MarkerRun) -> None:
    letter = "\n".join(MARKERS)
    for enc in ENCODINGS:
        sha = store_scan(run.data, run.key, letter.encode(enc))
        assert load_scan(run.data, run.key, sha) == letter.encode(enc)


@step("search")
def _search(run: MarkerRun) -> None:
    assert {r.id for r in list_page(run.station, None, "停车")} >= set(run.ids)
    assert list_page(run.station, None, MARK_NAME) == []  # personal data is not indexed


@step("export")
def _export(run: MarkerRun) -> None:
    export(run.station, run.admin, run.work / "masked.csv")
    export(run.station, run.admin, run.work / "masked.xlsx", "xlsx")
    export(run.station, run.admin, run.deliberate / "personal.csv", include_personal=True)


@step("print a receipt to PDF")
def _receipt_pdf(run: MarkerRun) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from station_app.services.forms import SuggestionForm
    from station_app.services.suggestions import Recorded
    from ui.printing.receipt import ReceiptData, export_pdf
    from ui.theme import UiSettings

    _app = QApplication.instance() or QApplication([])
    f: SuggestionForm = form(title="加装电梯的建议")
    rec = record_suggestion(run.station, run.volunteer, f)
    assert isinstance(rec, Recorded)
    data = ReceiptData.build(rec, f, None, run.volunteer.name, UiSettings())
    pdf = export_pdf(data, run.work / "receipt.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")


@step("sync with HQ")
def _sync(run: MarkerRun) -> None:
    from sync.client.engine import sync_now
    from sync.client.enrol import enrol
    from sync.server.testing import start_hq_server

    # HQ is another machine: its own files are not the station's (not searched)
    with start_hq_server(run.deliberate / "hq") as hq:
        enrol(run.station, hq.url, hq.admin.issue_code("PT-MARK1", "标记测试站"))
        report = sync_now(run.station)
        assert report.ok and report.sent >= 3, report
        hq.admin.reply(hq.admin.list("PT-MARK1")[0]["uuid"], "已转交相关部门办理。")
        assert sync_now(run.station).pulled == 1


@step("unmasked detail and print")
def _detail(run: MarkerRun) -> None:
    detail = get_detail(run.station, run.admin, run.ids[0], unmask_reason="回访核实")
    assert detail.person and detail.person.name == MARK_NAME
    audit_print(run.station, run.volunteer, run.ids[0])


@step("backup, restore, check")
def _backup(run: MarkerRun) -> None:
    (run.work / "backups").mkdir()
    backup = backups.backup(run.data, run.work / "backups" / "station-backup.db", run.key)
    run.station.close()
    backups.restore(run.data, backup, run.key)
    run.reopen()
    assert maintenance.check(run.data, run.key).ok


def _child(run: MarkerRun, mode: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.security.marker_child", str(run.data.root), mode],
        cwd=REPO,
        env=run.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@step("crash: SIGKILL mid-write")
def _sigkill(run: MarkerRun) -> None:
    child = _child(run, "kill")
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    time.sleep(0.2)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    run.reopen()
    assert maintenance.check(run.data, run.key).ok


@step("crash: uncaught exception")
def _uncaught(run: MarkerRun) -> None:
    child = _child(run, "raise")
    out, err = child.communicate(timeout=60)
    assert child.returncode == 1 and "RuntimeError" in err
    for marker in MARKERS:
        assert marker not in err and marker not in out


def _import_child(run: MarkerRun, engine: str, folder: Path) -> subprocess.Popen[str]:
    """`station-app import-scans --json` in its own process group (parent, OCR workers and
    tesseract die together, as with a power cut or the task manager's 'end process tree')."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "station_app",
            "--data-dir",
            str(run.data.root),
            "import-scans",
            str(folder),
            "--engine",
            engine,
            "--workers",
            "2",
            "--json",
        ],  # fmt: skip
        cwd=REPO,
        env=run.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _clear_images(roots: list[Path], since: float) -> list[Path]:
    """Page images in the clear (PNG/TIFF/JPEG signature) written since `since`."""
    heads = (b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*", b"\xff\xd8\xff")
    out = []
    for path in _files(roots, [], since):
        with contextlib.suppress(OSError), path.open("rb") as fh:
            if fh.read(8).startswith(heads):
                out.append(path)
    return out


@step("crash: SIGKILL during a postbox import, both engines")
def _killed_import(run: MarkerRun) -> None:
    from station_app.ocr.pool import MEMORY_FOLDER, SCRATCH_PREFIX
    from station_app.postbox.imports import pending_imports, sweep_leftovers
    from tests.ocr import letters

    body = [f"我叫{MARK_NAME}，电话{MARK_PHONE}，住在{MARK_ADDRESS}。", *MARKERS[3:]]
    started = time.time() - 1
    for engine in ("tesseract", "rapidocr"):
        folder = run.deliberate / engine  # the user's own scans: not the app's files
        folder.mkdir()
        for i in range(6):
            page = letters.render_letter(f"关于停车的建议{engine}{i}", body, width=900)
            page.save(folder / f"l{i}.png")
        child = _import_child(run, engine, folder)
        assert child.stdout is not None
        first = child.stdout.readline()  # a page is stored: the others are being read
        assert '"status": "ok"' in first, first + (child.stderr.read() if child.stderr else "")
        os.killpg(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        run.reopen()
        assert pending_imports(run.station)  # killed mid-run: files are still queued
        system_tmp = Path(run.env["TMPDIR"])
        assert _clear_images([run.data.root, system_tmp], started) == []
        hits = [h for p in _files([run.data.root, system_tmp], [], started) for h in _hits(p)]
        assert hits == []
        # what the killed engines had in their scratch folder (in memory, /dev/shm, where
        # the system has one) goes at the next start of an import
        sweep_leftovers(run.station)
        bases = [run.data.tmp, system_tmp, MEMORY_FOLDER]
        left = [
            p
            for base in bases
            if base.is_dir()
            for p in base.glob(f"{SCRATCH_PREFIX}*")
            if p.is_dir() and p.stat().st_mtime >= started and not _locked(p)
        ]
        assert left == []


def _locked(folder: Path) -> bool:
    """True while a live job holds the folder's lock (another test's import)."""
    from filelock import FileLock, Timeout

    lock = FileLock(f"{folder}.lock")
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return True
    lock.release()
    return False


def _files(roots: list[Path], skip: list[Path], since: float | None) -> Iterator[Path]:
    for root in roots:
        for folder, dirs, names in os.walk(root):
            here = Path(folder)
            dirs[:] = [d for d in dirs if not any((here / d) == s for s in skip)]
            for name in names:
                path = here / name
                try:
                    st = path.lstat()
                except OSError:
                    continue
                if not path.is_file() or path.is_symlink() or st.st_size > 50_000_000:
                    continue
                if since is None or st.st_mtime >= since:
                    yield path


def _hits(path: Path) -> list[str]:
    try:
        blob = path.read_bytes()
    except OSError:
        return []
    return [
        f"{path}: {m!r} in {enc}" for m in MARKERS for enc in ENCODINGS if m.encode(enc) in blob
    ]


@pytest.fixture
def marker_run(
    tmp_path: Path, clock: FixedClock, test_keyring: MemoryKeyring
) -> Iterator[MarkerRun]:
    data = DataDir(tmp_path / "data")
    key = keys.ensure_key(data)
    # child processes use the real fallback keyring file (in the user-config folder, outside
    # the data folder); copy the key there
    ConfigFileKeyring().set_password(
        "station-app",
        keys.keyring_user(data),
        test_keyring.store[("station-app", keys.keyring_user(data))],
    )
    station = Station.open(data.root, clock=clock, key=key)
    admin = init_station(
        station,
        code="PT-MARK1",
        name="标记测试站",
        district="普陀区",
        street="长寿路街道",
        admin_name="王管理",
        admin_pin="2468",
    )
    volunteer = add_operator(station, admin, "李志愿", Role.VOLUNTEER, "1357")
    work, deliberate, systemp = (tmp_path / n for n in ("work", "deliberate", "systemp"))
    for folder in (work, deliberate, systemp):
        folder.mkdir()
    env = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": "station_app.security.keystore.ConfigFileKeyring",
        "TMPDIR": str(systemp),
        "PYTHONPATH": str(REPO),
    }
    run = MarkerRun(data, key, station, admin, volunteer, work, deliberate, env)
    yield run
    run.station.close()


def test_markers_never_reach_disk_in_plaintext(marker_run: MarkerRun, tmp_path: Path) -> None:
    started = time.time() - 1
    for _name, fn in STEPS:
        fn(marker_run)
    marker_run.station.close()
    marker_run.station = Station.open(marker_run.data.root, key=marker_run.key)

    # the detector works: the deliberate export has every marker
    assert _hits(marker_run.deliberate / "personal.csv")
    searched = list(_files([tmp_path], [marker_run.deliberate], None))
    names = {p.name for p in searched}
    assert {"station.db", "station.log", "station-backup.db", "masked.csv"} <= names
    assert any(p.parent.parent == marker_run.data.scans for p in searched)
    # the system temp folder: whatever was written there during the test
    # (other pytest runs' folders are not the app's: on a shared machine another session's
    # marker test writes its own deliberate files there at the same time)
    system_tmp = Path(tempfile.gettempdir())
    others = list(system_tmp.glob("pytest-of-*"))
    searched += list(_files([system_tmp], [tmp_path, marker_run.deliberate, *others], started))
    hits = [h for p in searched for h in _hits(p)]
    assert hits == []
