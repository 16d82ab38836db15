"""OCR figures: pipeline throughput against plain pytesseract, overhead, CER, memory, stalls.

- Throughput: N rendered letter pages (two letters, small skews) through `OcrJob` with 2 and 1
  workers, against `pytesseract.image_to_string(Image.open(p), lang="chi_sim+eng")` in one
  process on the same pages in the same run. Pipeline figures include spawning the workers and
  loading the engine. Targets: 2 workers about 1.8x plain; under 10% added per page. Also
  the mean time per page inside a worker (load, prepare, read, store the prepared page),
  which leaves out the process start, against plain's mean per page.
- CER per engine with and without the preparation step on upright, turned and skewed pages
  (in-process `read_page`), against the known text. Target: under 1% upright and turned.
- tesseract's OSD orientation answer on the same letters, clean and poor, for comparison.
- Peak memory: the parent's max RSS and each worker's VmHWM (read from /proc while it runs).
- Parent stall: the longest extra delay of a 10 ms sleep loop in the main thread while a job
  runs on another thread (a stand-in for the UI event loop; target under 50 ms).
Prints tables; asserts nothing.

    python -m bench.bench_ocr [--pages 20]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import threading
import time
from pathlib import Path

from PIL import Image

from station_app.ocr.metrics import char_error_rate
from station_app.ocr.pipeline import PageResult, read_page
from station_app.ocr.pool import OcrJob
from tests.ocr import letters

LETTERS = [
    (letters.TITLE, letters.BODY, letters.LETTER_TEXT),
    (letters.SECOND_TITLE, letters.SECOND_BODY, letters.SECOND_TEXT),
]


def _vm_hwm_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def make_pages(folder: Path, count: int) -> list[Path]:
    paths = []
    for i in range(count):
        title, body, _ = LETTERS[i % 2]
        img = letters.turned(letters.render_letter(title, body), (-1.5, 0, 1, 2.5)[i % 4])
        path = folder / f"page{i:02d}.png"
        img.save(path)
        paths.append(path)
    return paths


def plain_tesseract(paths: list[Path], omp_limit: str | None) -> tuple[float, list[float]]:
    import pytesseract

    if omp_limit is None:
        os.environ.pop("OMP_THREAD_LIMIT", None)
    else:
        os.environ["OMP_THREAD_LIMIT"] = omp_limit

    per_page = []
    started = time.perf_counter()
    for path in paths:
        t0 = time.perf_counter()
        pytesseract.image_to_string(Image.open(path), lang="chi_sim+eng")
        per_page.append(time.perf_counter() - t0)
    return time.perf_counter() - started, per_page


def run_job(paths: list[Path], engine: str, workers: int) -> dict[str, float]:
    peaks: dict[int, int] = {}
    results: list[PageResult] = []

    def on_result(result: PageResult) -> None:
        results.append(result)
        for pid in job.worker_pids:
            peaks[pid] = max(peaks.get(pid, 0), _vm_hwm_kb(pid))

    job = OcrJob(paths, engine=engine, workers=workers, on_result=on_result)
    stall = {"max": 0.0}
    done = threading.Event()

    def run() -> None:
        job.run()
        done.set()

    started = time.perf_counter()
    thread = threading.Thread(target=run)
    thread.start()
    while not done.is_set():  # the "event loop": how late does a 10 ms timer fire?
        t0 = time.perf_counter()
        time.sleep(0.01)
        stall["max"] = max(stall["max"], time.perf_counter() - t0 - 0.01)
    thread.join()
    wall = time.perf_counter() - started
    ok = [r for r in results if r.status == "ok"]
    return {
        "wall": wall,
        "ok": len(ok),
        "page_mean": statistics.mean(r.seconds for r in ok) if ok else 0.0,
        "worker_peak_mb": sum(peaks.values()) / 1024,
        "worker_peak_each_mb": max(peaks.values(), default=0) / 1024,
        "stall_ms": stall["max"] * 1000,
    }


def cer_table() -> list[tuple[str, str, str, float, float, float]]:
    from station_app.ocr.engines import available_engines, get_engine

    variants = {
        "upright": 0.0,
        "turned 90": 90.0,
        "turned 180": 180.0,
        "turned 270": 270.0,
        "skewed 4": 4.0,
        "poor 92": 92.0,
        "poor 182": 182.0,
    }
    os.environ["OMP_THREAD_LIMIT"] = "1"  # as in the workers
    rows = []
    for name in available_engines():
        engine = get_engine(name)
        for variant, degrees in variants.items():
            for prepare in (True, False):
                cers, secs = [], []
                for title, body, text in LETTERS:
                    img = letters.turned(letters.render_letter(title, body), degrees)
                    if variant.startswith("poor"):
                        img = letters.degraded(img)
                    t0 = time.perf_counter()
                    _, result = read_page(engine, img, prepare=prepare)
                    secs.append(time.perf_counter() - t0)
                    cers.append(char_error_rate(result.text, text))
                rows.append(
                    (
                        name,
                        variant,
                        "prepared" if prepare else "raw",
                        statistics.mean(cers),
                        max(cers),
                        statistics.mean(secs),
                    )
                )
    return rows


def osd_check() -> tuple[int, int, int, int]:
    """tesseract's own OSD on the same letters: (right on clean, clean, right on poor, poor)."""
    import re

    import pytesseract

    right = {"clean": 0, "poor": 0}
    for title, body, _ in LETTERS:
        base = letters.render_letter(title, body)
        for degrees in (0, 90, 180, 270):
            clean = letters.turned(base, degrees)
            poor = letters.degraded(letters.turned(base, degrees + 2))
            for kind, img in (("clean", clean), ("poor", poor)):
                try:
                    osd = pytesseract.image_to_osd(img)
                except pytesseract.TesseractError:
                    continue
                found = re.search(r"Rotate: (\d+)", osd)
                right[kind] += bool(found and int(found.group(1)) == degrees)
    return right["clean"], 8, right["poor"], 8


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--skip-cer", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_pages(Path(tmp), args.pages)
        size = Image.open(paths[0]).size
        print(f"{args.pages} pages, about {size[0]}x{size[1]} px (A4 at ~120 dpi, 30 px text)")
        print()
        for omp in (None, "1"):
            plain_wall, plain_each = plain_tesseract(paths, omp)
            plain_ppm = args.pages / plain_wall * 60
            label = "OMP_THREAD_LIMIT=1" if omp else "default threads  "
            print(
                f"plain pytesseract.image_to_string, 1 process, {label}: {plain_wall:6.1f} s "
                f"{plain_ppm:6.1f} pages/min ({statistics.mean(plain_each):.2f} s/page)"
            )
        # the baseline below is the single-threaded run, as the workers run tesseract
        os.environ.pop("OMP_THREAD_LIMIT", None)
        print(
            f"\n{'pipeline':<22}{'wall s':>8}{'pages/min':>11}{'vs plain':>10}"
            f"{'s/page':>8}{'worker MB':>11}{'stall ms':>10}"
        )
        figures = {}
        for engine, workers in (("tesseract", 2), ("tesseract", 1), ("rapidocr", 2)):
            f = run_job(paths, engine, workers)
            figures[(engine, workers)] = f
            ppm = f["ok"] / f["wall"] * 60
            print(
                f"{engine + ' x' + str(workers):<22}{f['wall']:8.1f}{ppm:11.1f}"
                f"{ppm / plain_ppm:9.2f}x{f['page_mean']:8.2f}"
                f"{f['worker_peak_mb']:11.0f}{f['stall_ms']:10.1f}"
            )
        one = figures[("tesseract", 1)]
        print(
            f"\nper-page overhead, tesseract pipeline (1 worker) vs plain: "
            f"{(one['wall'] - plain_wall) / args.pages * 1000:+.0f} ms/page "
            f"({one['wall'] / plain_wall - 1:+.1%} of the engine's own time; includes "
            "worker start, image_to_data instead of image_to_string, preparation)"
        )
        plain_page = statistics.mean(plain_each)
        print(
            f"per page inside the worker (load, prepare, read; no process start): "
            f"{one['page_mean'] * 1000:.0f} ms against plain {plain_page * 1000:.0f} ms "
            f"({one['page_mean'] / plain_page - 1:+.1%})"
        )
        two = figures[("tesseract", 2)]
        print(f"2 workers vs 1 worker: {one['wall'] / two['wall']:.2f}x")
        parent_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"peak RSS: parent {parent_mb:.0f} MB (includes the in-process plain run); "
            f"rapidocr worker {figures[('rapidocr', 2)]['worker_peak_each_mb']:.0f} MB each, "
            f"tesseract worker {two['worker_peak_each_mb']:.0f} MB each "
            "(tesseract's own subprocess not counted)"
        )
    if args.skip_cer:
        return
    clean_ok, clean_n, poor_ok, poor_n = osd_check()
    print(
        f"\ntesseract OSD orientation right: {clean_ok}/{clean_n} clean pages, "
        f"{poor_ok}/{poor_n} poor scans (blur + noise, 2 degrees skew)"
    )
    print(
        f"\n{'CER engine':<12}{'variant':<12}{'step':<10}{'mean CER':>9}{'max CER':>9}{'s/page':>8}"
    )
    for name, variant, step, mean_cer, max_cer, secs in cer_table():
        print(f"{name:<12}{variant:<12}{step:<10}{mean_cer:9.2%}{max_cer:9.2%}{secs:8.2f}")


if __name__ == "__main__":
    main()
