"""OCR figures on letters as they really arrive: CER and orientation per page kind and engine,
each preparation step against its absence, and pages a minute against the plain engine.

- Corpus (`tests/ocr/corpus.py`, `standard_corpus()`): 8 clean printed, 12 hard printed,
  8 hard handwriting-like (Kai with per-character jitter), 4 hard boxed forms; A4 and A5 at
  200-300 dpi; hard pages carry every degradation at once (lighting, vignette, folds, blur,
  noise, JPEG, skew), 12 pages are turned 90/180/270. Each engine reads every page prepared
  and raw (the engine alone on the page as it is), and each turned page's upright twin;
  printed per page and per kind: raw and prepared CER, rotation chosen against the true
  one, upright pages read no worse prepared, turned pages within one point of their twin.
- Steps: deskew and contrast each switched against the engine's default, on the hard
  upright pages (mean CER with and without).
- Lines: the same line crops of every corpus page recognised RapidOCR's way (batches of 6,
  as cut) and the pipeline's (`RapidOcrEngine.read_lines`): CPU seconds and mean CER.
- Speed: A4 pages at 300 dpi (2480 x 3508) and A5 pages, through `OcrJob` (2 workers, the
  prepared page stored as the import does) against one plain RapidOCR process
  (`RapidOCR()`, its default threads, model load included) reading the same files in the
  same run; pages a minute, the ratio, and each worker's peak memory (VmHWM).
Prints tables; asserts nothing. Engines run in spawned processes, two at a time.

    python -m bench.bench_ocr [--sections corpus,steps,lines,speed] [--speed-pages 8] [--rounds 1]
                              [--papers A4,A5] [--engines rapidocr,tesseract]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from station_app.atomic import write_bytes
from station_app.ocr.pipeline import PageResult
from station_app.ocr.pool import OcrJob
from tests.ocr import corpus

ENGINES = ("rapidocr", "tesseract")
KINDS = ("clean printed", "hard printed", "hard handwriting", "hard form")


def _pool(workers: int = 2) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))


# -- corpus -----------------------------------------------------------------------------------


def corpus_section(engines: list[str]) -> None:
    specs = corpus.standard_corpus()
    by_name = {s.name: s for s in specs}
    started = time.perf_counter()
    with _pool() as pool:
        futures = {e: pool.submit(corpus.read_pages, e, specs, "all") for e in engines}
        results = {e: f.result() for e, f in futures.items()}
    turned = sum(1 for s in specs if s.turn)
    print(
        f"corpus: {len(specs)} pages ("
        + ", ".join(f"{sum(s.kind == k for s in specs)} {k}" for k in KINDS)
        + f"), {turned} turned; read in {time.perf_counter() - started:.0f} s"
    )
    for engine in engines:
        rows = results[engine]
        print(f"\n== {engine}: per page ==")
        print(
            f"{'page':<10}{'paper':<8}{'font':<6}{'layout':<7}{'turn':>5}{'chosen':>7}"
            f"{'raw':>8}{'prepared':>9}{'twin':>8}{'s':>6}{'det':>4}{'boxes':>6}{'read':>6}"
        )
        for name, r in rows.items():
            s = by_name[name]
            twin = f"{r['twin_cer']:8.2%}" if "twin_cer" in r else f"{'':8}"
            mark = "" if r["rotation"] == s.upright_rotation else "  WRONG TURN"
            print(
                f"{name:<10}{s.paper + '/' + str(s.dpi):<8}{s.font:<6}{s.layout:<7}"
                f"{s.turn:>5}{r['rotation']:>7}{r['raw_cer']:8.2%}{r['cer']:9.2%}{twin}"
                f"{r['seconds']:6.1f}{r['detector_runs']:>4}{r['boxes_found']:>6}{r['lines_read']:>6}{mark}"
            )
        print(f"\n== {engine}: per kind (mean CER) ==")
        print(
            f"{'kind':<18}{'pages':>6}{'turned':>7}{'raw':>8}{'prepared':>9}{'max':>8}"
            f"{'orientation':>12}{'upright<=raw':>13}{'twin<=1pt':>10}"
        )
        for kind in (*KINDS, "hard (all three)", "all"):
            if kind == "all":
                names = list(rows)
            elif kind.startswith("hard ("):
                names = [n for n in rows if by_name[n].kind != "clean printed"]
            else:
                names = [n for n in rows if by_name[n].kind == kind]
            sub = [rows[n] for n in names]
            right = sum(rows[n]["rotation"] == by_name[n].upright_rotation for n in names)
            upright = [r for n, r in zip(names, sub, strict=True) if not by_name[n].turn]
            no_worse = sum(r["cer"] <= r["raw_cer"] for r in upright)
            twins = [r for r in sub if "twin_cer" in r]
            close = sum(abs(r["cer"] - r["twin_cer"]) <= 0.01 for r in twins)
            print(
                f"{kind:<18}{len(sub):>6}{len(twins):>7}"
                f"{statistics.mean(r['raw_cer'] for r in sub):8.2%}"
                f"{statistics.mean(r['cer'] for r in sub):9.2%}{max(r['cer'] for r in sub):8.2%}"
                f"{right:>7}/{len(sub):<4}{no_worse:>8}/{len(upright):<4}{close:>5}/{len(twins):<4}"
            )


# -- steps ------------------------------------------------------------------------------------


def ablate(engine_name: str, specs: list[corpus.PageSpec]) -> dict[str, list[float]]:
    """Mean CER on `specs` with the engine's default preparation and with each step flipped."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    from station_app.ocr.engines import get_engine
    from station_app.ocr.metrics import char_error_rate
    from station_app.ocr.pipeline import read_page

    engine = get_engine(engine_name, threads=1)
    variants = {
        "default": {},
        f"deskew {'off' if engine.deskews else 'on'}": {"deskew": not engine.deskews},
        f"contrast {'off' if engine.evens_contrast else 'on'}": {
            "contrast": not engine.evens_contrast
        },
    }
    out: dict[str, list[float]] = {v: [] for v in variants}
    for spec in specs:
        page = corpus.render_page(spec)
        for variant, kwargs in variants.items():
            _, result = read_page(engine, page.image, **kwargs)
            out[variant].append(char_error_rate(result.text, page.text))
    return out


def steps_section(engines: list[str]) -> None:
    specs = [s for s in corpus.standard_corpus() if s.kind != "clean printed" and not s.turn]
    with _pool() as pool:
        futures = {e: pool.submit(ablate, e, specs) for e in engines}
        results = {e: f.result() for e, f in futures.items()}
    print(f"\n== each step against its absence: {len(specs)} hard upright pages ==")
    for engine, variants in results.items():
        base = variants["default"]
        for variant, cers in variants.items():
            worse = sum(c > b for c, b in zip(cers, base, strict=True))
            better = sum(c < b for c, b in zip(cers, base, strict=True))
            print(
                f"{engine:<10}{variant:<14} mean CER {statistics.mean(cers):7.2%}  "
                f"max {max(cers):7.2%}"
                + ("" if variant == "default" else f"  (pages better {better}, worse {worse})")
            )


# -- lines ------------------------------------------------------------------------------------


def read_lines_both_ways(specs: list[corpus.PageSpec]) -> dict[str, tuple[float, float]]:
    """The same line crops of every page recognised RapidOCR's way (as cut from the full
    page, its batches of 6, its bilinear resize) and the pipeline's (`read_lines`: one line
    at a time, area-scaled to 48 px, `REC_SQUEEZE` of the width): CPU seconds and mean CER."""
    import cv2
    import numpy as np

    from station_app.ocr.engines import (
        EDGE_MARKS,
        REC_BATCH,
        OcrResult,
        _line,
        get_engine,
        merge_rows,
    )
    from station_app.ocr.layout import widen_line
    from station_app.ocr.metrics import char_error_rate
    from station_app.ocr.prepare import rotate_upright, to_gray

    engine = get_engine("rapidocr", threads=1)
    rapid = engine._ocr  # noqa: SLF001  (the plain recogniser, for the baseline)
    cpu = {"RapidOCR's way": 0.0, "pipeline": 0.0}
    cers: dict[str, list[float]] = {k: [] for k in cpu}
    for spec in specs:
        page = corpus.render_page(spec)
        gray = to_gray(page.image)
        layout = engine.layout_finder.find(np.asarray(gray))
        upright = np.asarray(rotate_upright(gray, layout.rotation))
        h, w = upright.shape
        for way in cpu:
            started = time.process_time()
            if way == "pipeline":
                text = engine.read_lines(upright, layout.boxes).text
            else:
                rapid.text_rec.rec_batch_num = 6
                boxes = [widen_line(b, w, h) for b in layout.boxes]
                crops = [
                    cv2.cvtColor(c, cv2.COLOR_GRAY2BGR)
                    for c in rapid.get_crop_img_list(upright, boxes)
                ]
                answers, _ = rapid.text_rec(crops)
                rapid.text_rec.rec_batch_num = REC_BATCH  # the engine's own again
                text = OcrResult.from_lines(
                    merge_rows(
                        [
                            _line(str(t).strip().strip(EDGE_MARKS), float(sc), b)
                            for b, (t, sc) in zip(layout.boxes, answers, strict=True)
                            if float(sc) >= rapid.text_score
                        ]
                    )
                ).text
            cpu[way] += time.process_time() - started
            cers[way].append(char_error_rate(text, page.text))
    return {way: (cpu[way], statistics.mean(cers[way])) for way in cpu}


def lines_section() -> None:
    specs = corpus.standard_corpus()
    with _pool(1) as pool:
        results = pool.submit(read_lines_both_ways, specs).result()
    print(f"\n== line recognition, the same lines of {len(specs)} corpus pages, one thread ==")
    base = results["RapidOCR's way"][0]
    for way, (cpu, cer) in results.items():
        print(f"{way:<16} CPU {cpu:6.1f} s  ({cpu / base:4.2f} of RapidOCR's)  mean CER {cer:6.2%}")


# -- speed ------------------------------------------------------------------------------------


def speed_pages(folder: Path, paper: str, count: int) -> list[Path]:
    """`corpus.speed_set()` written as files (JPEG for hard pages, PNG for clean ones)."""
    paths = []
    for spec in corpus.speed_set(paper, count):
        page = corpus.render_page(spec)
        path = folder / f"{spec.name}{page.suffix}"
        path.write_bytes(page.data)
        paths.append(path)
    return paths


def plain_engine(paths: list[Path]) -> int:
    """One plain RapidOCR process as a user would run it: default threads, model load counted
    by the caller (the time of this whole call in a fresh process)."""
    from rapidocr_onnxruntime import RapidOCR

    engine = RapidOCR()
    lines = 0
    for path in paths:
        found, _ = engine(str(path))
        lines += len(found or [])
    return lines


def _vm_hwm_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_pipeline(paths: list[Path], prepared: Path) -> tuple[float, int, list[float]]:
    peaks: dict[int, float] = {}
    results: list[PageResult] = []
    # the prepared page comes back in memory and is written, as the import stores it
    prepared.mkdir(parents=True, exist_ok=True)
    job = OcrJob(
        paths,
        engine="rapidocr",
        workers=2,
        on_image=lambda r, png: write_bytes(prepared / f"{r.sha256}-p{r.page + 1}.png", png),
    )
    done = threading.Event()

    def watch() -> None:  # VmHWM is a high-water mark: sampling catches the peak
        while not done.wait(0.2):
            for pid in list(job.worker_pids):
                peaks[pid] = max(peaks.get(pid, 0.0), _vm_hwm_mb(pid))

    watcher = threading.Thread(target=watch)
    watcher.start()
    started = time.perf_counter()
    job.on_result = results.append
    job.run()
    wall = time.perf_counter() - started
    done.set()
    watcher.join()
    ok = sum(r.status == "ok" for r in results)
    return wall, ok, sorted(peaks.values(), reverse=True)


def speed_section(count: int, rounds: int, papers: list[str]) -> None:
    print(
        "\n== speed: OcrJob, 2 workers, prepared pages stored, against one plain RapidOCR "
        "process (default threads, model load included), same files, same run =="
    )
    print(
        f"{'pages':<22}{'round':>6}{'plain s':>9}{'pipeline s':>11}{'plain/min':>10}"
        f"{'pipe/min':>9}{'ratio':>7}{'worker peak MB':>16}"
    )
    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as tmp:
        for paper in papers:
            folder = Path(tmp) / paper
            folder.mkdir()
            paths = speed_pages(folder, paper, count)
            label = f"{count} {paper} " + ("300 dpi" if paper == "A4" else "200/300 dpi")
            for r in range(rounds):
                started = time.perf_counter()
                with _pool(1) as pool:
                    pool.submit(plain_engine, paths).result()
                plain = time.perf_counter() - started
                out = Path(tmp) / f"prepared-{paper}-{r}"
                wall, ok, peaks = run_pipeline(paths, out)
                plain_ppm, pipe_ppm = count / plain * 60, ok / wall * 60
                print(
                    f"{label:<22}{r + 1:>6}{plain:9.1f}{wall:11.1f}{plain_ppm:10.1f}"
                    f"{pipe_ppm:9.1f}{pipe_ppm / plain_ppm:6.2f}x"
                    f"{' / '.join(f'{p:.0f}' for p in peaks):>16}"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sections", default="corpus,steps,lines,speed")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--speed-pages", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--papers", default="A4,A5")
    args = parser.parse_args()
    sections = args.sections.split(",")
    engines = args.engines.split(",")
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if "corpus" in sections:
        corpus_section(engines)
    if "steps" in sections:
        steps_section(engines)
    if "lines" in sections:
        lines_section()
    if "speed" in sections:
        speed_section(args.speed_pages, args.rounds, args.papers.split(","))
    print(f"\nload average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
