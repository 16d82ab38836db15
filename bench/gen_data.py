"""Benchmark data: a station folder holding N realistic Chinese suggestions, built once.

`ensure_db(rows)` returns `bench/out/db-<rows>/` (`db-<rows>-enc/` with a key). It is
re-used when its marker file (written last) says it is complete.

How it is built, fast but with the shape the app itself writes:
1. A seed station (`bench/out/seed-20000/`, also cached) is filled through the real service
   path (`demo.bulk_record` -> `insert_suggestion_in`) from `demo.generate_forms`.
2. The target station is set up with the real `init_station`, then every suggestion is written
   with plain SQL in large transactions, mirroring `insert_suggestion_in` column by column:
   suggester row, suggestion (fresh uuid, receipt number, content hash computed with the app's
   `hq_body.body_of`), FTS row from `textindex.index_columns`, first status event,
   outbox row, audit line, receipt counter. Titles, contents and locations are drawn from the
   seed's pools independently (contents within their category), and some contents get one of
   the extra detail sentences below, drawn with skewed weights, so the index holds common and
   rare terms (窨井 and 共享单车 are rare on purpose; 鹦鹉 never occurs).
Rows are dated 1000 a day, ending yesterday, so that a save made today gets a fresh receipt.
`synchronous=OFF` and a large cache are used only on the generator's own connection.

CLI: `python -m bench.gen_data --rows 1000000`
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sys
import time
import uuid as uuidlib
from pathlib import Path
from typing import Any

from station_app.clock import CHINA_TZ, iso
from station_app.demo import ensure_demo_station, generate_forms
from station_app.services.common import first_admin, station_code
from station_app.services.hq_body import BodyRow, body_of
from station_app.store import Station
from station_app.store.engine import connect_raw
from station_app.textindex import index_columns

OUT = Path(__file__).resolve().parent / "out"
SEED_ROWS = 20_000
PER_DAY = 1000
CHUNK = 50_000
MARKER = "COMPLETE.json"
FORMAT = 1  # bump when the generated shape changes, so cached folders are rebuilt
DETAIL_SHARE = 0.4

# (sentence, weight): appended to some contents so that the index is not only templates
DETAILS: list[tuple[str, int]] = [
    ("楼道里堆放的杂物很多，也请一并清理。", 300),
    ("周边居民都很关心这件事。", 300),
    ("之前向居委会反映过，但一直没有解决。", 250),
    ("希望能在年底前给个答复。", 200),
    ("很多老人和孩子每天都要经过这里。", 200),
    ("建议先做一次居民问卷调查。", 150),
    ("物业说这不归他们管。", 120),
    ("晚上九点以后情况更严重。", 100),
    ("雨季的时候积水特别多。", 80),
    ("附近新开了两家餐馆，油烟也比较大。", 60),
    ("希望街道能组织一次现场协调会。", 50),
    ("外卖电瓶车经常逆行，很危险。", 40),
    ("可以参考隔壁小区的好做法。", 30),
    ("流浪猫越来越多，有的居民在楼下投喂。", 20),
    ("快递柜太少，包裹经常堆在门卫室。", 15),
    ("绿化带里的树枝已经挡住了二楼的窗户。", 10),
    ("共享单车乱停放在盲道上，视障居民出行困难。", 3),
    ("附近的窨井盖松动，夜里车辆压过去声音很响。", 2),
]


def folder_for(rows: int, encrypted: bool = False) -> Path:
    return OUT / (f"db-{rows}" + ("-enc" if encrypted else ""))


def _marker_ok(folder: Path, rows: int, encrypted: bool) -> bool:
    try:
        meta = json.loads((folder / MARKER).read_text())
    except (OSError, ValueError):
        return False
    return (
        meta.get("rows") == rows
        and meta.get("format") == FORMAT
        and meta.get("encrypted") == encrypted
        and (folder / "station.db").exists()
    )


def _tune(conn: Any) -> None:
    """Fast, non-durable settings for the generator's connection only (not persistent)."""
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-1000000")


def ensure_seed(log: Any = print) -> Path:
    """A station filled through the real save path; its rows are the templates."""
    folder = OUT / f"seed-{SEED_ROWS}"
    if _marker_ok(folder, SEED_ROWS, False):
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    t0 = time.perf_counter()
    station = Station.open(folder)
    try:
        from sqlalchemy import event

        from station_app.demo import bulk_record

        event.listen(station.db.engine, "connect", lambda c, _r: _tune(c))
        station.db.engine.dispose()  # new connections get the listener
        ensure_demo_station(station)
        with station.db.read() as s:
            admin = first_admin(s)
        bulk_record(station, admin, generate_forms(SEED_ROWS, seed=2026), chunk=2000)
    finally:
        station.close()
    _write_marker(folder, SEED_ROWS, False, time.perf_counter() - t0)
    log(f"seed: {SEED_ROWS} rows through the service path in {time.perf_counter() - t0:.1f} s")
    return folder


def _write_marker(folder: Path, rows: int, encrypted: bool, seconds: float) -> None:
    meta = {"rows": rows, "format": FORMAT, "encrypted": encrypted, "build_s": round(seconds, 1)}
    tmp = folder / (MARKER + ".tmp")
    tmp.write_text(json.dumps(meta))
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, folder / MARKER)


def _load_seed(seed: Path) -> list[dict[str, Any]]:
    conn = connect_raw(seed / "station.db")
    try:
        cur = conn.execute(
            "SELECT s.channel, s.category_code, s.title, s.content, s.location, "
            "p.id IS NOT NULL, p.name, p.phone, p.address, p.anonymous, p.wants_feedback, "
            "p.feedback_method, p.consent_version, p.consent_at IS NOT NULL "
            "FROM suggestion s LEFT JOIN suggester p ON p.id = s.suggester_id ORDER BY s.id"
        )
        keys = [
            "channel",
            "category_code",
            "title",
            "content",
            "location",
            "has_person",
            "name",
            "phone",
            "address",
            "anonymous",
            "wants_feedback",
            "feedback_method",
            "consent_version",
            "consented",
        ]
        return [dict(zip(keys, r, strict=True)) for r in cur]
    finally:
        conn.close()


def _check_seed_shape(seed_rows: list[dict[str, Any]], seed: Path, admin_name: str) -> None:
    """Our row builder must reproduce the hash the service stored for the same data."""
    conn = connect_raw(seed / "station.db")
    try:
        for i, r in enumerate(
            conn.execute(
                "SELECT uuid, receipt_no, received_at, content_hash FROM suggestion "
                "ORDER BY id LIMIT 50"
            )
        ):
            sug = {**seed_rows[i], "uuid": r[0], "receipt_no": r[1], "received_at": r[2]}
            person = _person(seed_rows[i], "x") if seed_rows[i]["has_person"] else None
            got = _content_hash(sug, admin_name, person)
            if got != r[3]:
                raise SystemExit(f"generator out of step with the save path (row {i + 1})")
    finally:
        conn.close()


def _content_hash(sug: dict[str, Any], admin_name: str, person: dict[str, Any] | None) -> str:
    """The hash the app stamps for these stored fields (no scans, no links)."""
    p = person or {}
    row = BodyRow(
        uuid=sug["uuid"],
        receipt_no=sug["receipt_no"],
        channel=sug["channel"],
        received_at=sug["received_at"],
        recorded_by=admin_name,
        campaign_code=sug.get("campaign_code"),
        campaign_answers=sug.get("campaign_answers"),
        category_code=sug["category_code"],
        title=sug["title"],
        content=sug["content"],
        location=sug["location"],
        letter_id=None,
        person_id=1 if person is not None else None,
        person_purged_at=None,
        person_name=p.get("name"),
        person_phone=p.get("phone"),
        person_address=p.get("address"),
        person_anonymous=p.get("anonymous"),
        person_wants_feedback=p.get("wants_feedback"),
        person_feedback_method=p.get("feedback_method"),
        person_consent_version=p.get("consent_version"),
    )
    return str(body_of(row, [], [])["content_hash"])


def _person(b: dict[str, Any], now: str) -> dict[str, Any]:
    # same keys and order as insert_suggestion_in's `person`
    return {
        "name": b["name"],
        "phone": b["phone"],
        "address": b["address"],
        "anonymous": bool(b["anonymous"]),
        "wants_feedback": bool(b["wants_feedback"]),
        "feedback_method": b["feedback_method"],
        "consent_version": b["consent_version"],
        "consent_at": now if b["consented"] else None,
    }


def build(folder: Path, rows: int, key: bytes | None, seed: Path, log: Any = print) -> float:
    """Write `rows` suggestions into a new station at `folder`; returns seconds taken."""
    t0 = time.perf_counter()
    station = Station.open(folder, key=key)
    try:
        ensure_demo_station(station)
        with station.db.read() as s:
            admin = first_admin(s)
            code = station_code(s)
    finally:
        station.close()
    assert admin.id is not None
    seed_rows = _load_seed(seed)
    # the seed's admin has the same name (both are demo stations)
    _check_seed_shape(seed_rows, seed, admin.name)
    rng = random.Random(rows)
    by_cat: dict[str, list[str]] = {}
    titles_by_cat: dict[str, list[str]] = {}
    for r in seed_rows:
        by_cat.setdefault(r["category_code"], []).append(r["content"])
        titles_by_cat.setdefault(r["category_code"], []).append(r["title"])
    locations = [r["location"] for r in seed_rows]
    detail_texts = [d for d, _ in DETAILS]
    detail_weights = [w for _, w in DETAILS]
    days = (rows + PER_DAY - 1) // PER_DAY
    start = dt.datetime.now(CHINA_TZ).replace(hour=8, minute=0, second=0, microsecond=0)
    start -= dt.timedelta(days=days)

    conn = connect_raw(folder / "station.db", key)
    _tune(conn)
    try:
        next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM suggestion").fetchone()[0]
        assert next_id == 1, "target station must be empty"
        person_id = conn.execute("SELECT coalesce(max(id), 0) FROM suggester").fetchone()[0]
        done = 0
        while done < rows:
            n = min(CHUNK, rows - done)
            people: list[tuple[Any, ...]] = []
            sugs: list[tuple[Any, ...]] = []
            fts: list[tuple[int, str]] = []
            events: list[tuple[Any, ...]] = []
            outbox: list[tuple[Any, ...]] = []
            audits: list[tuple[Any, ...]] = []
            counters: dict[str, int] = {}
            for i in range(done, done + n):
                b = seed_rows[rng.randrange(len(seed_rows))]
                cat = b["category_code"]
                title = rng.choice(titles_by_cat[cat])
                content = rng.choice(by_cat[cat])
                if rng.random() < DETAIL_SHARE:
                    content += rng.choices(detail_texts, detail_weights)[0]
                location = rng.choice(locations)
                day_no, seq = divmod(i, PER_DAY)
                at = start + dt.timedelta(days=day_no, seconds=30 * seq)
                now = iso(at)
                day = at.strftime("%Y%m%d")
                counters[day] = seq + 1
                sug_id = i + 1
                person = None
                pid = None
                if b["has_person"]:
                    person = _person(b, now)
                    person_id += 1
                    pid = person_id
                    people.append((pid, *person.values()))
                sug = {
                    "uuid": str(uuidlib.uuid4()),
                    "receipt_no": f"{code}-{day}-{seq + 1:04d}",
                    "channel": b["channel"],
                    "received_at": now,
                    "campaign_code": None,
                    "campaign_answers": None,
                    "category_code": cat,
                    "title": title,
                    "content": content,
                    "location": location,
                }
                sugs.append(
                    (
                        sug_id,
                        sug["uuid"],
                        sug["receipt_no"],
                        sug["channel"],
                        now,
                        admin.id,
                        cat,
                        title,
                        content,
                        location,
                        "recorded",
                        _content_hash(sug, admin.name, person),
                        pid,
                        now,
                        now,
                    )
                )
                uni, bi = index_columns(title, content, location)
                fts.append((sug_id, f"{uni} {bi}".strip()))
                events.append((sug_id, "recorded", now, admin.id))
                outbox.append(("suggestion", sug["uuid"], now))
                audits.append((now, admin.id, str(sug_id)))
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(
                "INSERT INTO suggester(id, name, phone, address, anonymous, wants_feedback, "
                "feedback_method, consent_version, consent_at) VALUES (?,?,?,?,?,?,?,?,?)",
                people,
            )
            conn.executemany(
                "INSERT INTO suggestion(id, uuid, receipt_no, channel, received_at, recorded_by, "
                "campaign_code, campaign_answers, category_code, title, content, location, status, "
                "content_hash, version, suggester_id, letter_id, created_at, updated_at) "
                "VALUES (?,?,?,?,?,?,NULL,NULL,?,?,?,?,?,?,1,?,NULL,?,?)",
                sugs,
            )
            conn.executemany("INSERT INTO suggestion_fts(rowid, t) VALUES (?, ?)", fts)
            conn.executemany(
                "INSERT INTO status_event(suggestion_id, status, at, source, operator_id) "
                "VALUES (?,?,?,'station',?)",
                events,
            )
            conn.executemany("INSERT INTO outbox(kind, ref, created_at) VALUES (?,?,?)", outbox)
            conn.executemany(
                "INSERT INTO audit_log(at, operator_id, action, entity, entity_id) "
                "VALUES (?,?,'record','suggestion',?)",
                audits,
            )
            conn.executemany(
                "INSERT INTO receipt_counter(day, last_seq) VALUES (?, ?) "
                "ON CONFLICT(day) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)",
                list(counters.items()),
            )
            conn.execute("COMMIT")
            done += n
            rate = done / (time.perf_counter() - t0)
            log(f"  {done:>9,} rows  ({rate:,.0f} rows/s)")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        _verify(conn, rows)
    finally:
        conn.close()
    return time.perf_counter() - t0


def _verify(conn: Any, rows: int) -> None:
    counts = {
        t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("suggestion", "suggestion_fts", "status_event", "outbox")
    }
    if any(c != rows for c in counts.values()):
        raise SystemExit(f"row counts wrong: {counts}")
    check = conn.execute("PRAGMA quick_check").fetchone()[0]
    if check != "ok":
        raise SystemExit(f"quick_check: {check}")
    # the index answers for a row's own words (a spot check of index content)
    rid, title = conn.execute("SELECT id, title FROM suggestion WHERE id = ?", (rows,)).fetchone()
    from station_app.textindex import match_expression

    hit = conn.execute(
        "SELECT count(*) FROM suggestion_fts WHERE suggestion_fts MATCH ? AND rowid = ?",
        (match_expression(title), rid),
    ).fetchone()[0]
    if hit != 1:
        raise SystemExit("FTS spot check failed")


def ensure_db(rows: int, *, encrypted_key: bytes | None = None, log: Any = print) -> Path:
    """The data folder of a station with `rows` suggestions (built on first use)."""
    encrypted = encrypted_key is not None
    folder = folder_for(rows, encrypted)
    if _marker_ok(folder, rows, encrypted):
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    seed = ensure_seed(log)
    log(f"building {folder} ({rows:,} rows{', encrypted' if encrypted else ''}) ...")
    seconds = build(folder, rows, encrypted_key, seed, log)
    _write_marker(folder, rows, encrypted, seconds)
    log(f"built {rows:,} rows in {seconds:.1f} s")
    return folder


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.gen_data", description=__doc__.split("\n")[0])
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--key-hex", default=None, help="build an encrypted copy with this raw key")
    p.add_argument("--force", action="store_true", help="rebuild even if cached")
    args = p.parse_args(argv)
    key = bytes.fromhex(args.key_hex) if args.key_hex else None
    if args.force:
        shutil.rmtree(folder_for(args.rows, key is not None), ignore_errors=True)
    t = time.perf_counter()
    folder = ensure_db(args.rows, encrypted_key=key)
    size = sum(f.stat().st_size for f in folder.iterdir() if f.is_file())
    print(f"{folder}  {size / 1e6:,.0f} MB  ({time.perf_counter() - t:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
