"""Start-up and idle figures: process start to a usable main window with N rows, CLI and
import times, and CPU used while the app sits idle.

- Window: a fresh `python` process runs the real GUI (`ui.app.run`, QT_QPA_PLATFORM=offscreen)
  on a copy of the N-row station (encrypted at rest with a throwaway keyring file, as a real
  station is), logs in automatically as the demo admin, switches to the suggestion list and
  reports when the list's first page has been painted. Times are from just before the process
  was launched (so the interpreter start is included). Login includes the argon2 PIN check,
  which is reported on its own. Beside each wall time, the CPU seconds the process had used by
  then (all its threads): on a machine shared with other work, wall times stretch with the
  load while CPU seconds much less, so compare those between runs taken at different times.
- CLI: `station-app --help`, `python -c "import station_app"` and `python -c pass`, each a
  fresh process (median of 5).
- Idle: CPU seconds used by the GUI process over 10 s of doing nothing after the list is shown,
  and by a plain process holding an open Station for 10 s.

    python -m bench.bench_startup --rows 100000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
ADMIN, PIN = "管理员", "1234"  # the demo station's administrator (station_app.demo)
OUT = Path(__file__).resolve().parent / "out"  # as bench.gen_data, which the child never imports
KEYS = OUT / "startup-keys" / "keys.json"


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["STATION_APP_KEY_FILE"] = str(KEYS)
    env["PYTHON_KEYRING_BACKEND"] = "station_app.security.keystore.ConfigFileKeyring"
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("STATION_APP_DATA", None)
    return env


def cpu_seconds() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


# ---- the child: the real GUI, driven ----------------------------------------------------


def child_gui(data_dir: str, t0: float, idle_s: float) -> int:
    """Run the real app, log in, show the list; print milestones as JSON on stdout."""
    marks: dict[str, float] = {"python started": time.time() - t0}
    import argparse as ap

    # the app's modules first, as `station-app gui` imports them (ui.app loads the station's
    # modules before Qt's); the same modules as before, so "ui imported" marks the same point
    from ui.app import AppController, run  # isort: skip
    from ui.screens.login import LoginScreen  # isort: skip

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    marks["ui imported"] = time.time() - t0
    cpu: dict[str, float] = {"ui imported": cpu_seconds()}
    marks["cpu"] = cpu  # type: ignore[assignment]
    state: dict[str, Any] = {"done": False}

    def mark(name: str) -> None:
        marks.setdefault(name, time.time() - t0)
        cpu.setdefault(name, cpu_seconds())

    def finish() -> None:
        if idle_s > 0:
            cpu0 = cpu_seconds()

            def idle_done() -> None:
                marks["idle cpu s"] = cpu_seconds() - cpu0
                marks["idle wall s"] = idle_s
                print(json.dumps(marks), flush=True)
                QApplication.quit()

            # let the first page's follow-up work (count, etc.) settle before idling
            QTimer.singleShot(int(idle_s * 1000), idle_done)
        else:
            print(json.dumps(marks), flush=True)
            QApplication.quit()

    class PaintWatch(QObject):
        def __init__(self, model: Any) -> None:
            super().__init__()
            self.model = model

        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:  # noqa: N802
            painted = event.type() == QEvent.Type.Paint and self.model.rowCount() > 0
            if painted and not state["done"]:
                state["done"] = True
                # runs after this paint has been handled
                QTimer.singleShot(0, lambda: (mark("list first page painted"), finish()))
            return False

    def on_ready(controller: AppController) -> None:
        mark("station open")
        original = controller._show

        def show(window: Any) -> None:
            original(window)
            if isinstance(window, LoginScreen):
                mark("login screen shown")
                window.name.setEditText(ADMIN)
                window.pin.setText(PIN)
                state["login_at"] = time.time()
                window.submit()

        def main_shown(main: Any) -> None:
            mark("main window shown")
            marks["login (argon2 etc.) s"] = time.time() - state.get("login_at", time.time())
            screen = main.list_screen
            watch = PaintWatch(screen.model)
            state["watch"] = watch
            screen.table.viewport().installEventFilter(watch)
            main.nav.setCurrentRow(main.stack.indexOf(screen))

        controller._show = show  # type: ignore[method-assign]
        controller.on_main_window = main_shown

    QTimer.singleShot(60_000, lambda: (print(json.dumps(marks)), QApplication.exit(2)))
    args = ap.Namespace(data_dir=data_dir, font_scale=None)
    return run(args, on_ready=on_ready)


def child_station_idle(data_dir: str, idle_s: float) -> int:
    from station_app.paths import DataDir
    from station_app.security.keys import ensure_key
    from station_app.services.query import list_page
    from station_app.store import Station

    station = Station.open(data_dir, key=ensure_key(DataDir(Path(data_dir))))
    list_page(station, limit=50)
    cpu0 = cpu_seconds()
    time.sleep(idle_s)
    print(json.dumps({"idle cpu s": cpu_seconds() - cpu0, "idle wall s": idle_s}))
    station.close()
    return 0


# ---- the parent -------------------------------------------------------------------------


def prepare(rows: int) -> Path:
    """A copy of the N-row station, encrypted once under the throwaway keyring (cached)."""
    from bench.gen_data import ensure_db

    src = ensure_db(rows)
    dst = OUT / f"startup-{rows}"
    ready = dst / "BENCH_READY"
    if ready.exists():
        return dst
    shutil.rmtree(dst, ignore_errors=True)
    dst.mkdir(parents=True)
    shutil.copy2(src / "station.db", dst / "station.db")
    KEYS.parent.mkdir(parents=True, exist_ok=True)
    code = (
        "from pathlib import Path; from station_app.paths import DataDir; "
        "from station_app.security.keys import ensure_key, acknowledge_recovery_key; "
        f"d = DataDir(Path({str(dst)!r})); ensure_key(d); acknowledge_recovery_key(d)"
    )
    t = time.perf_counter()
    subprocess.run([PY, "-c", code], check=True, env=child_env())
    print(f"(encrypted the {rows:,}-row copy once in {time.perf_counter() - t:.1f} s)")
    ready.write_text("ok")
    return dst


def run_child(argv: list[str], timeout: float = 90) -> dict[str, Any]:
    t0 = time.time()
    proc = subprocess.run(
        [PY, "-m", "bench.bench_startup", *argv, "--t0", repr(t0)],
        capture_output=True,
        text=True,
        env=child_env(),
        cwd=ROOT,
        timeout=timeout,
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        print(proc.stdout[-2000:], proc.stderr[-3000:], sep="\n")
        raise SystemExit(f"child failed ({proc.returncode})")
    return json.loads(lines[-1])


def wall(cmd: list[str], n: int = 5) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=child_env(), cwd=ROOT)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.bench_startup")
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--runs", type=int, default=5, help="GUI starts to time")
    p.add_argument("--idle", type=float, default=10.0, help="seconds of idle to measure")
    p.add_argument("--child", choices=["gui", "station"], help=argparse.SUPPRESS)
    p.add_argument("--data-dir", help=argparse.SUPPRESS)
    p.add_argument("--t0", type=float, help=argparse.SUPPRESS)
    p.add_argument("--idle-child", type=float, default=0.0, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child == "gui":
        return child_gui(args.data_dir, args.t0, args.idle_child)
    if args.child == "station":
        return child_station_idle(args.data_dir, args.idle_child)

    print(f"== bench_startup: {args.rows:,} rows ==")
    folder = prepare(args.rows)
    try:
        import ui.app  # noqa: F401
    except ImportError as exc:
        print(f"GUI not importable ({exc}); cannot drive the window")
        return 1
    runs = [run_child(["--child", "gui", "--data-dir", str(folder)]) for _ in range(args.runs + 1)]
    runs = runs[1:]  # the first start warms the OS file cache; the others are measured
    keys = [k for k in runs[0] if not k.startswith("idle") and k != "cpu"]
    print(f"\nProcess start -> milestones (real GUI, offscreen, encrypted), n={len(runs)}, ms")
    print(f"{'milestone':<28}{'median':>9}{'max':>9}{'cpu ms':>9}")
    for k in keys:
        vals = [r[k] * 1000 for r in runs if k in r]
        cpus = [r["cpu"][k] * 1000 for r in runs if k in r.get("cpu", {})]
        used = f"{statistics.median(cpus):9.0f}" if cpus else ""
        print(f"{k:<28}{statistics.median(vals):9.0f}{max(vals):9.0f}{used}")
    total = statistics.median(r["list first page painted"] for r in runs) * 1000
    login = statistics.median(r["login (argon2 etc.) s"] for r in runs) * 1000
    print(
        f"usable window with list: {total:.0f} ms, of which login {login:.0f} ms "
        f"(without login {total - login:.0f} ms; target < 1000)"
    )

    print("\nCommand start-up, median of 5, ms")
    entry = str(Path(PY).with_name("station-app"))
    for name, cmd in [
        ("python -c pass", [PY, "-c", "pass"]),
        ("python -c 'import station_app'", [PY, "-c", "import station_app"]),
        ("import station_app.services.query", [PY, "-c", "import station_app.services.query"]),
        ("station-app --help", [entry, "--help"]),
    ]:
        print(f"{name:<36}{wall(cmd):8.0f}")

    if args.idle > 0:
        print(f"\nIdle CPU over {args.idle:.0f} s (target ~0)")
        gui = run_child(
            ["--child", "gui", "--data-dir", str(folder), "--idle-child", str(args.idle)],
            timeout=90 + args.idle,
        )
        st = run_child(
            ["--child", "station", "--data-dir", str(folder), "--idle-child", str(args.idle)],
            timeout=90 + args.idle,
        )
        for name, r in [("GUI, list shown, idle", gui), ("Station open, idle", st)]:
            pct = r["idle cpu s"] / r["idle wall s"] * 100
            print(f"{name:<28}{r['idle cpu s']:8.3f} CPU s  ({pct:.2f}% of one core)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
