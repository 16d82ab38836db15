"""HQ under a whole city's load: N enrolled stations push a batch each and poll, at once.

    .venv/bin/python bench/bench_hq_load.py [--stations 1000] [--per-station 50]
        [--backends postgresql,sqlite] [--workers 1,4] [--in-flight 200,50]
        [--pg-fsync] [--server-root PATH] [--replays]

For every backend x workers x in-flight: a fresh database (PostgreSQL: a throwaway cluster
started as the tests start theirs, one database per run; SQLite: a file in a temp folder), a
fresh reference HQ server (``station-app hq-server --workers W``), N stations enrolled over
HTTP, then the measured phase: every station sends one batch of ``--per-station`` realistic
suggestions (100-300 Chinese characters, a suggester, about 60 KB a batch of 50) and polls
``GET /changes``, with at most ``--in-flight`` requests open at once. A 429/503 answer is
honoured as a station does (wait Retry-After, send again) and counted. Afterwards every batch
is sent again with its Idempotency-Key (the replay phase), and SQL checks that each suggestion
is stored exactly once. Printed per run: suggestions/s, batch latency p50/p95/p99/max,
answers by status, CPU seconds and peak memory (PSS) of the HQ server (all its processes) and of
PostgreSQL, and the same run's single-station figure (one station, one connection, batches of
250 in a row). ``--server-root`` runs another checkout's server (for before/after figures).

The load generator is one asyncio process speaking HTTP/1.1 over keep-alive connections, with
every body built before the clock starts, so it takes little of the two cores from the server.
Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text

from sync import content_hash
from sync.server.testing import HQServer, throwaway_postgres

PHRASES = [
    "小区门口早晚高峰停车难，车辆占用人行道，老人和孩子出行很不安全",
    "建议在菜场旁边增设非机动车停放点，并安排志愿者引导有序停放",
    "老旧小区加装电梯的意见征询进度缓慢，希望街道牵头协调低层住户",
    "垃圾分类投放点夜间照明不足，居民晚上投放时看不清分类标识",
    "社区食堂价格实惠但菜品单一，建议增加适合老年人的软烂菜式",
    "公交站台没有遮雨棚，雨天候车的居民只能站在雨里等车",
    "河道沿岸步道部分路段破损，晚上散步容易绊倒，建议尽快修缮",
    "希望在社区活动中心开设智能手机使用课程，帮助老年人学会线上挂号",
    "学校周边上下学时段交通拥堵，建议错峰放学并增加交通协管员",
    "楼道内堆放杂物严重，存在消防隐患，建议物业定期清理并加强宣传",
    "绿化带内蚊虫较多，希望夏季增加消杀频次并及时清理积水",
    "共享单车乱停乱放堵塞盲道，建议划定停放区域并加强巡查",
]
STREETS = ["长寿路", "曹杨路", "真如镇", "石泉路", "宜川路", "甘泉路", "长风新村"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def realistic_text(rng: random.Random, low: int = 100, high: int = 300) -> str:
    target = rng.randint(low, high)
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < target:
        parts.append(rng.choice(PHRASES))
    return "。".join(parts)[:target] + "。"


def make_item(rng: random.Random, station_code: str, n: int) -> dict:
    item = {
        "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "receipt_no": f"{station_code}-20261201-{n:04d}",
        "channel": rng.choice(["face_to_face", "phone", "postbox"]),
        "received_at": f"2026-12-01T{8 + n % 10:02d}:{n % 60:02d}:00+08:00",
        "recorded_by": rng.choice(SURNAMES) + "阿姨",
        "category_code": rng.choice(["traffic", "housing", "environment", "elderly"]),
        "title": realistic_text(rng, 8, 20),
        "content": realistic_text(rng),
        "location": f"{rng.choice(STREETS)} {rng.randint(1, 999)} 号",
        "suggester": {
            "name": rng.choice(SURNAMES) + "先生",
            "phone": f"139{rng.randint(0, 99_999_999):08d}",
            "address": f"{rng.choice(STREETS)} {rng.randint(1, 999)} 弄 {rng.randint(1, 40)} 号",
            "anonymous": False,
            "wants_feedback": True,
            "feedback_method": "phone",
            "consent_version": "v1",
        },
        "scans": [],
        "links": [],
    }
    item["content_hash"] = content_hash(item)
    return item


def dumps(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# -- a small HTTP/1.1 keep-alive client (the generator must stay cheap) ----------------------


class Conn:
    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(
        self, method: str, path: str, headers: dict[str, str], body: bytes = b""
    ) -> tuple[int, dict[str, str], bytes]:
        for attempt in range(2):
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
            head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            head += "".join(f"{k}: {v}\r\n" for k, v in headers.items())
            head += f"Content-Length: {len(body)}\r\n\r\n"
            try:
                self.writer.write(head.encode("latin-1") + body)
                return await self._read()
            except (ConnectionError, asyncio.IncompleteReadError):
                self.close()
                if attempt:
                    raise
        raise AssertionError("unreachable")

    async def _read(self) -> tuple[int, dict[str, str], bytes]:
        assert self.reader is not None
        raw = await self.reader.readuntil(b"\r\n\r\n")
        lines = raw.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            if line:
                k, _, v = line.partition(":")
                headers[k.strip().lower()] = v.strip()
        body = await self.reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


# -- CPU and memory of a process tree, from /proc ---------------------------------------------

TICK = os.sysconf("SC_CLK_TCK")


def tree(root: int) -> list[int]:
    """``root`` and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def cpu_and_rss(pids: list[int]) -> tuple[float, int]:
    cpu, rss = 0.0, 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            # with the reaped children's times: PostgreSQL backends come and go with the pool
            cpu += sum(int(f) for f in fields[11:15]) / TICK
            # PSS: PostgreSQL's shared buffers are counted once, not once per backend
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        rss += int(line.split()[1]) * 1024
                        break
        except (OSError, ValueError, IndexError):
            continue
    return cpu, rss


@dataclass
class Usage:
    """CPU seconds used and peak resident memory of process trees while the load runs."""

    roots: dict[str, int]
    start_cpu: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)
    peak: dict[str, int] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)

    def sample(self) -> dict[str, float]:
        now = {}
        for name, root in self.roots.items():
            cpu, rss = cpu_and_rss(tree(root))
            now[name] = cpu
            self.peak[name] = max(self.peak.get(name, 0), rss)
        return now

    def __enter__(self) -> Usage:
        self.start_cpu = self.sample()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()
        return self

    def _loop(self) -> None:
        while not self._stop.wait(0.5):
            self.sample()

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        end = self.sample()
        self.cpu = {k: end[k] - self.start_cpu[k] for k in end}


# -- one run ----------------------------------------------------------------------------------


@dataclass
class Station:
    code: str
    token: str
    body: bytes
    key: str
    uuids: list[str]


@dataclass
class Result:
    label: str
    seconds: float
    latencies: list[float]
    statuses: Counter
    usage: Usage
    replay_seconds: float | None
    single_rate: float
    stored_ok: str

    def rate(self, n: int) -> float:
        return n / self.seconds


async def enrol_all(hq: HQServer, codes: list[str], in_flight: int) -> list[str]:
    issued = [hq.admin.issue_code(c, c) for c in codes]
    tokens: list[str] = [""] * len(codes)
    queue = list(range(len(codes)))

    async def worker() -> None:
        conn = Conn(hq.port)
        while queue:
            i = queue.pop()
            body = dumps(
                {"station_code": codes[i], "station_name": codes[i], "enrolment_code": issued[i]}
            )
            status, _h, resp = await conn.request(
                "POST", "/api/v1/enrol", {"Content-Type": "application/json"}, body
            )
            assert status == 200, resp
            tokens[i] = json.loads(resp)["station_token"]
        conn.close()

    await asyncio.gather(*(worker() for _ in range(min(in_flight, 20))))
    return tokens


async def push_all(
    port: int, stations: list[Station], in_flight: int, statuses: Counter
) -> list[float]:
    """Each station: POST its batch (honouring 429/503 Retry-After), then GET /changes."""
    latencies: list[float] = []
    queue = list(reversed(stations))

    async def worker() -> None:
        conn = Conn(port)
        while queue:
            st = queue.pop()
            auth = {"Authorization": f"Bearer {st.token}"}
            while True:
                t0 = time.perf_counter()
                status, headers, _ = await conn.request(
                    "POST",
                    "/api/v1/suggestions/batch",
                    {**auth, "Content-Type": "application/json", "Idempotency-Key": st.key},
                    st.body,
                )
                statuses[f"batch {status}"] += 1
                if status in (429, 503) or status >= 500:
                    await asyncio.sleep(float(headers.get("retry-after", "1")))
                    continue
                latencies.append(time.perf_counter() - t0)
                break
            status, _h, _b = await conn.request("GET", "/api/v1/changes", auth)
            statuses[f"changes {status}"] += 1
        conn.close()

    await asyncio.gather(*(worker() for _ in range(in_flight)))
    return latencies


async def single_station(port: int, token: str, bodies: list[tuple[bytes, str]]) -> float:
    conn = Conn(port)
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    n = 0
    t0 = time.perf_counter()
    for body, key in bodies:
        status, _h, resp = await conn.request(
            "POST", "/api/v1/suggestions/batch", {**auth, "Idempotency-Key": key}, body
        )
        assert status == 200, resp[:300]
        n += len(json.loads(resp)["results"])
    elapsed = time.perf_counter() - t0
    conn.close()
    return n / elapsed


def verify(database_url: str, stations: list[Station], single_uuids: list[str]) -> str:
    """SQL: every suggestion stored exactly once, none missing, none extra."""
    engine = create_engine(database_url)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT st.code, s.uuid FROM hq_suggestion s JOIN hq_station st "
                "ON st.id = s.station_id"
            )
        ).all()
    engine.dispose()
    expected = Counter((st.code, u) for st in stations for u in st.uuids)
    expected.update(("SINGLE", u) for u in single_uuids)
    stored = Counter((code, u) for code, u in rows)
    twice = sum(1 for v in stored.values() if v > 1)
    missing = len(expected - stored)
    extra = len(stored - expected)
    ok = twice == 0 and missing == 0 and extra == 0
    return f"{'OK' if ok else 'WRONG'} ({len(rows)} rows; twice {twice}, missing {missing}, extra {extra})"


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def run_one(
    label: str,
    database_url: str | None,
    data_dir: Path,
    workers: int,
    in_flight: int,
    args: argparse.Namespace,
    pg_pid: int | None,
) -> Result:
    rng = random.Random(f"{label}")
    server = HQServer(
        data_dir,
        database_url,
        workers=workers,
        test_faults=False,
        repo_root=Path(args.server_root) if args.server_root else Path(__file__).parents[1],
    )
    server.start(timeout=60)
    try:
        codes = [f"L{i:05d}" for i in range(args.stations)]
        tokens = asyncio.run(enrol_all(server, codes + ["SINGLE"], in_flight))
        stations = []
        for i, code in enumerate(codes):
            items = [make_item(rng, code, n) for n in range(args.per_station)]
            body = dumps({"items": items})
            stations.append(
                Station(code, tokens[i], body, f"load-{uuid.uuid4()}", [it["uuid"] for it in items])
            )
        single_items = [make_item(rng, "SINGLE", n) for n in range(args.single_items)]
        single_bodies = [
            (dumps({"items": single_items[i : i + 250]}), f"single-{i}")
            for i in range(0, len(single_items), 250)
        ]
        statuses: Counter = Counter()
        roots = {"server": server.process.pid}  # type: ignore[union-attr]
        if pg_pid:
            roots["postgres"] = pg_pid
        with Usage(roots) as usage:
            t0 = time.perf_counter()
            latencies = asyncio.run(push_all(server.port, stations, in_flight, statuses))
            seconds = time.perf_counter() - t0
        replay_seconds = None
        if args.replays:
            replay_status: Counter = Counter()
            t0 = time.perf_counter()
            asyncio.run(push_all(server.port, stations, in_flight, replay_status))
            replay_seconds = time.perf_counter() - t0
            statuses.update({f"replay {k}": v for k, v in replay_status.items()})
        single = asyncio.run(single_station(server.port, tokens[-1], single_bodies))
        stored = verify(server.database_url, stations, [it["uuid"] for it in single_items])
    finally:
        server.close()
    return Result(label, seconds, latencies, statuses, usage, replay_seconds, single, stored)


def report(r: Result, n: int) -> None:
    lat = r.latencies
    mb = 1024 * 1024
    usage = ", ".join(
        f"{k} {r.usage.cpu.get(k, 0):.1f} CPU s / peak {r.usage.peak.get(k, 0) / mb:,.0f} MB"
        for k in r.usage.roots
    )
    replay = (
        f"; replay of all batches {r.replay_seconds:.1f} s "
        f"({r.replay_seconds / r.seconds:.0%} of the push)"
        if r.replay_seconds is not None
        else ""
    )
    print(
        f"| {r.label} | {r.rate(n):,.0f} | {pct(lat, 50):.2f} / {pct(lat, 95):.2f} / "
        f"{pct(lat, 99):.2f} / {max(lat):.2f} s | {r.single_rate:,.0f} | "
        f"{dict(sorted(r.statuses.items()))} | {usage}{replay} | {r.stored_ok} |",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stations", type=int, default=1000)
    parser.add_argument("--per-station", type=int, default=50)
    parser.add_argument("--backends", default="postgresql,sqlite")
    parser.add_argument("--workers", default="1,4", help="comma list, e.g. 1,2,4")
    parser.add_argument("--in-flight", default="200,50", help="comma list of concurrency")
    parser.add_argument("--single-items", type=int, default=10_000)
    parser.add_argument("--pg-fsync", action="store_true", help="PostgreSQL with fsync=on")
    parser.add_argument("--replays", action="store_true", help="also resend every batch")
    parser.add_argument("--server-root", help="run the HQ server from this checkout")
    args = parser.parse_args()
    n = args.stations * args.per_station
    workers = [int(w) for w in args.workers.split(",")]
    in_flight = [int(c) for c in args.in_flight.split(",")]
    load = os.getloadavg()
    print(
        f"{args.stations} stations x {args.per_station} suggestions = {n:,}; "
        f"{os.cpu_count()} CPUs, load average {load[0]:.1f} at start; "
        f"server from {args.server_root or 'this checkout'}; Python {sys.version.split()[0]}"
    )
    print(
        "| setup | suggestions/s | batch p50 / p95 / p99 / max | single station /s | "
        "answers | CPU and memory | stored exactly once |"
    )
    print("|---|---|---|---|---|---|---|")
    for backend in args.backends.split(","):
        for w in workers:
            for c in in_flight:
                label = f"{backend}, {w} worker{'s' if w > 1 else ''}, {c} in flight"
                with tempfile.TemporaryDirectory(prefix="hq-load-") as tmp:
                    if backend == "postgresql":
                        with throwaway_postgres(fsync=args.pg_fsync) as cluster:
                            url = cluster.create_database("hq")
                            r = run_one(label, url, Path(tmp), w, c, args, cluster.postmaster_pid())
                    else:
                        r = run_one(label, None, Path(tmp), w, c, args, None)
                report(r, n)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
