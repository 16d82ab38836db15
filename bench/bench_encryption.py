"""Encryption cost: save p95 and search p95 (1-, 2-, 4-character queries) with SQLCipher on
against off, on the same generated data, in the same run. Target: under 15% slower.

Data: `bench.gen_data.ensure_db(rows)` and `ensure_db(rows, encrypted_key=KEY)` build the same
suggestions (same generator, same seed) into a plain and an encrypted station.
Saves go through `record_suggestion` (fsync included) on a scratch copy of each database;
searches are `query.list_page(query=q, limit=50)`, the list's first page. The two modes are
measured alternately, query by query, so drift on the machine hits both alike.

    python -m bench.bench_encryption --rows 100000
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

from bench.bench_storage import PAGE, QUERIES, pct, timed
from bench.gen_data import OUT, ensure_db
from station_app.demo import generate_forms
from station_app.services import query
from station_app.services.common import first_admin
from station_app.services.suggestions import record_suggestion
from station_app.store import Station

KEY = bytes(range(32))  # a fixed benchmark key; real stations use the keyring's random key


def scratch(src: Path, name: str) -> Path:
    dst = OUT / name
    shutil.rmtree(dst, ignore_errors=True)
    dst.mkdir(parents=True)
    for f in src.iterdir():
        if f.is_file() and f.name.startswith("station.db"):
            shutil.copy2(f, dst / f.name)
    return dst


def saves(folder: Path, key: bytes | None, n: int, seed: int) -> list[float]:
    station = Station.open(folder, key=key)
    try:
        with station.db.read() as s:
            admin = first_admin(s)
        forms = list(generate_forms(n + 20, seed=seed))
        for form in forms[:20]:
            record_suggestion(station, admin, form)
        samples = []
        for form in forms[20:]:
            t = time.perf_counter()
            record_suggestion(station, admin, form)
            samples.append(time.perf_counter() - t)
        return samples
    finally:
        station.close()


def run(rows: int, n_saves: int, reps: int) -> dict[str, float]:
    print(f"== bench_encryption: {rows:,} rows, SQLCipher on vs off ==")
    folders = {"off": ensure_db(rows), "on": ensure_db(rows, encrypted_key=KEY)}
    keys = {"off": None, "on": KEY}
    ratios: dict[str, float] = {}

    save_p95 = {}
    for mode in ("off", "on"):
        copy = scratch(folders[mode], f"scratch-enc-{mode}")
        samples = saves(copy, keys[mode], n_saves, seed=31)
        save_p95[mode] = pct(samples, 95)
        print(f"save {mode:>3}: p50 {pct(samples, 50):6.2f}  p95 {save_p95[mode]:6.2f} ms")
        shutil.rmtree(copy, ignore_errors=True)
    ratios["save p95"] = save_p95["on"] / save_p95["off"]

    stations = {m: Station.open(folders[m], key=keys[m]) for m in ("off", "on")}
    try:
        print(f"\nsearch, first page of {PAGE}, p95 ms (reps={reps})")
        print(f"{'query':<10}{'what':<22}{'off':>8}{'on':>8}{'ratio':>8}")
        by_len: dict[int, list[float]] = {}
        for q, what in QUERIES:
            p95 = {}
            for mode in ("off", "on"):
                samples, _ = timed(
                    lambda st=stations[mode], q=q: query.list_page(st, query=q, limit=PAGE),
                    reps,
                    5,
                )
                p95[mode] = pct(samples, 95)
            ratio = p95["on"] / p95["off"] if p95["off"] else 1.0
            by_len.setdefault(len(q), []).append(ratio)
            print(f"{q:<10}{what:<22}{p95['off']:8.2f}{p95['on']:8.2f}{ratio:8.2f}")
        for length, rs in sorted(by_len.items()):
            ratios[f"search {length}-char (mean ratio)"] = sum(rs) / len(rs)
    finally:
        for st in stations.values():
            st.close()

    print("\nencrypted / plain (target < 1.15):")
    for name, r in ratios.items():
        print(f"  {name:<28}{r:6.2f}  {'OK' if r < 1.15 else 'OVER'}")
    return ratios


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--saves", type=int, default=300)
    p.add_argument("--reps", type=int, default=60)
    args = p.parse_args(argv)
    run(args.rows, args.saves, args.reps)
    return 0


if __name__ == "__main__":
    sys.exit(main())
