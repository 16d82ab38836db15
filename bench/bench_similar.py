"""Similar suggestions while typing: lookup latency on the N-row station, and typing in the real
entry form with and without the similar panel. Target (issue): under 50 ms on 100k
suggestions, and typing never blocked.

1. Lookups: 30 texts that are not in the database (20 near-duplicates of stored rows: an opener
   added, a clause dropped or a word changed, a closing added; 10 unrelated, hand-written) are
   "typed" as a volunteer with an input method does: title, then content, in commits of 1-4
   characters at 8 characters/s, with a 0.5-1.5 s pause after punctuation. The panel asks
   `services.similar.similar(limit=5)` once typing has paused `DEBOUNCE_MS` (300 ms), so each
   text is looked up at every prefix followed by such a pause, and at its end. Prefixes under
   `MIN_CHARS` informative characters are answered without the index and are left out of the
   percentiles (their count is printed). Three passes, in this order in a fresh process:
   - session: the per-process bigram count cache as it fills while the texts are typed;
   - cold: that cache emptied before every lookup (the worst case, e.g. right after start);
   - every character: a lookup at every character typed (as if there were no debounce).
   Baseline, same station, same run, per text (its final form), each warmed once:
   a plain `title LIKE '%b%' OR content LIKE '%b%'` scan for the text's first informative
   bigram b (all matching rows), and the list's FTS search `query.list_page(query=title,
   limit=5)`. Near-duplicates count as found (strict) when a top-5 hit is the source row or
   has its exact content (the generated data repeats contents; the median number of rows
   sharing a source's content is printed), or (same text) when a hit's content is the source's
   give or take a sentence or a word (90% of the shorter one's bigrams are in the other);
   misses are listed with the top hit.
2. Typing: the real `EntryForm` (offscreen Qt, zh_CN, the app's main-thread GC) on a scratch
   copy of the station; three of the texts typed character by character with real key events
   (`QTest.keyClicks` for ASCII, key press/release carrying the character for Chinese, as
   keyClicks only knows ASCII) at 8 chars/s, 0.6 s pause after punctuation, driven by timers
   in the running event loop (QTest's own delays sleep in 10 ms steps and would block the loop
   themselves). A 5 ms precise QTimer probes the loop; the longest stall is the largest gap
   minus 5 ms. Baseline: the same typing with the panel's lookups switched off. Also printed:
   lookups shown, the time from the debounce firing to the hits shown, the three longest gaps
   with what of ours ran on the UI thread during them (a key, showing hits, a new suggestion,
   gc) and the UI thread's CPU time in each, and the longest single key event / hits display /
   new suggestion on the UI thread.
Prints figures; asserts nothing.

    python -m bench.bench_similar [--rows 100000] [--ui-rounds 2] [--skip-ui]
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import re
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.gen_data import OUT, ensure_db
from station_app.services import query as list_query
from station_app.services.common import first_admin
from station_app.services.similar import (
    DF_CACHE,
    MIN_CHARS,
    SimilarHit,
    bigrams,
    informative_chars,
    similar,
)
from station_app.store import Station
from station_app.store.models import Operator

DEBOUNCE_MS = 300  # ui.widgets.similar_panel.DEBOUNCE_MS (not imported: no Qt in part 1)
CHAR_MS = 125  # 8 characters a second
TARGET_MS = 50.0
SAME_TEXT = 0.9
PUNCT = set("，。！？；：、,.!?;:")

UNRELATED: list[tuple[str, str]] = [
    (
        "关于楼下鹦鹉叫声扰民的建议",
        "邻居在阳台上养了三只鹦鹉，每天早上五点就开始叫，吵得全楼的人睡不着觉。"
        "希望居委会出面沟通一下。",
    ),
    (
        "希望图书室晚上多开一会儿",
        "街道图书室下午五点就关门了，上班的人根本来不及借书还书。能不能周二和周四开到晚上八点？",
    ),
    (
        "广场舞音响太响",
        "每天晚上七点到九点，河边空地上跳广场舞的音响开得很大，家里有考生的实在受不了，"
        "请帮忙协调音量和时间。",
    ),
    ("小区养狗不拴绳", "有的居民遛狗不拴绳，大狗在草坪上乱跑，孩子们很害怕，狗粪也没人清理。"),
    (
        "学校门口早高峰拥堵",
        "实验小学门口早上七点半前后接送车辆乱停，校门口的路堵得水泄不通，建议安排志愿者疏导。",
    ),
    (
        "老房子外墙渗水",
        "我家是九十年代的老公房，外墙开裂，一下雨卧室墙面就渗水发霉，物业说要走维修基金程序，"
        "不知道找谁。",
    ),
    (
        "冬天楼道太冷",
        "楼道窗户玻璃碎了好几块，冬天北风直往里灌，老人上下楼容易感冒，希望尽快换上玻璃。",
    ),
    (
        "篮球场地面开裂",
        "体育公园的篮球场地面开裂起皮，打球容易崴脚，年轻人都不去了，希望重新铺一下塑胶。",
    ),
    (
        "楼上装修不守时间",
        "楼上在装修，中午和晚上九点以后还在用电钻，影响休息，能否提醒装修队遵守规定时间。",
    ),
    ("夜市摊位油烟", "新开的夜市摊位每晚烧烤，油烟飘进居民家里，衣服都不能晾在外面，希望管一管。"),
]

OPENERS = ["我是附近的居民，", "想反映一个情况：", "我家就住在这边，", "麻烦反映一下，"]
CLOSINGS = ["谢谢！", "麻烦尽快处理。", "盼回复。", "请街道关心一下。"]


@dataclass
class Text:
    title: str
    content: str
    kind: str  # "near" or "unrelated"
    source_id: int | None = None
    source_content: str | None = None
    sharing: int = 0  # rows with the source's exact content


def load_avg() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


# ---- texts ------------------------------------------------------------------------------------


def near_duplicate(title: str, content: str, rng: random.Random) -> tuple[str, str]:
    """The same matter told again: a different title form and 2-3 small edits of the content."""
    core = title.removeprefix("关于").removesuffix("的建议").removesuffix("问题")
    title = rng.choice([title, f"{core}的问题", f"反映{core}", f"{core}，请尽快解决"])
    sentences = [s for s in re.split(r"(?<=[。！？])", content) if s]
    edits = rng.sample(["opener", "months", "drop", "closing", "word"], k=rng.choice([2, 3]))
    if "drop" in edits and len(sentences) > 1:
        sentences.pop(rng.randrange(1, len(sentences)))
    text = "".join(sentences)
    if "months" in edits:
        text = re.sub(r"(\d+)个月", lambda m: f"差不多{m.group(1)}个月", text)
    if "word" in edits:
        text = text.replace("建议", "希望", 1).replace("很", "非常", 1)
    if "opener" in edits:
        text = rng.choice(OPENERS) + text
    if "closing" in edits or text == content:
        text += rng.choice(CLOSINGS)
    return title, text


def make_texts(station: Station, near: int, seed: int) -> list[Text]:
    rng = random.Random(seed)
    out: list[Text] = []
    with station.db.read() as s:
        conn = s.connection().connection.dbapi_connection
        n = conn.execute("SELECT max(id) FROM suggestion").fetchone()[0]
        while len(out) < near:
            sid = rng.randint(1, n)
            row = conn.execute("SELECT title, content FROM suggestion WHERE id = ?", (sid,))
            title, content = row.fetchone()
            new_title, new_content = near_duplicate(title, content, rng)
            stored = conn.execute(
                "SELECT count(*) FROM suggestion WHERE content = ? OR (title = ? AND content = ?)",
                (new_content, new_title, new_content),
            ).fetchone()[0]
            if stored:
                continue  # the edit happens to give a stored text: not what we want
            sharing = conn.execute(
                "SELECT count(*) FROM suggestion WHERE content = ?", (content,)
            ).fetchone()[0]
            out.append(Text(new_title, new_content, "near", sid, content, sharing))
        for title, content in UNRELATED:
            stored = conn.execute(
                "SELECT count(*) FROM suggestion WHERE content = ?", (content,)
            ).fetchone()[0]
            assert stored == 0
            out.append(Text(title, content, "unrelated"))
    rng.shuffle(out)
    return out


# ---- typing model (part 1) ------------------------------------------------------------------


def commits(text: str, rng: random.Random) -> list[str]:
    """What an input method hands over: words of 1-4 characters; punctuation on its own."""
    out: list[str] = []
    i = 0
    while i < len(text):
        if text[i] in PUNCT:
            out.append(text[i])
            i += 1
            continue
        size = rng.choice([1, 2, 2, 2, 3, 4])
        chunk = text[i : i + size]
        cut = next((j for j, ch in enumerate(chunk) if ch in PUNCT), len(chunk))
        chunk = chunk[: max(cut, 1)]
        out.append(chunk)
        i += len(chunk)
    return out


def panel_queries(t: Text, rng: random.Random) -> list[tuple[str, str]]:
    """The (title, content) the panel looks up: after each pause of >= DEBOUNCE_MS, and the end."""
    events: list[tuple[float, str, str]] = []  # (time the change arrives, title, content)
    now = 0.0
    typed = ""
    for chunk in commits(t.title, rng):
        now += CHAR_MS * len(chunk)
        typed += chunk
        events.append((now, typed, ""))
    now += 1000  # Enter to the content field
    typed_c = ""
    for chunk in commits(t.content, rng):
        now += CHAR_MS * len(chunk)
        typed_c += chunk
        events.append((now, t.title, typed_c))
        if chunk in PUNCT:
            now += rng.uniform(500, 1500)
    asked = []
    for i, (at, title, content) in enumerate(events):
        gap = events[i + 1][0] - at if i + 1 < len(events) else float("inf")
        if gap >= DEBOUNCE_MS:
            asked.append((title, content))
    return asked


def every_char(t: Text) -> list[tuple[str, str]]:
    return [(t.title[:i], "") for i in range(1, len(t.title) + 1)] + [
        (t.title, t.content[:i]) for i in range(1, len(t.content) + 1)
    ]


# ---- part 1: lookups ------------------------------------------------------------------------


def looked_up(title: str, content: str) -> bool:
    """Does this prefix reach the index (enough informative characters and two bigrams)?"""
    return informative_chars(title, content) >= MIN_CHARS and len(bigrams(title, content)) >= 2


def time_lookups(
    station: Station,
    actor: Operator,
    queries: list[tuple[str, str]],
    cold: bool,
) -> tuple[list[float], int, list[list[SimilarHit]]]:
    times: list[float] = []
    short = 0
    answers: list[list[SimilarHit]] = []
    for title, content in queries:
        if cold:
            DF_CACHE.clear()
        t0 = time.perf_counter()
        hits = similar(station, actor, title, content, limit=5)
        ms = (time.perf_counter() - t0) * 1000
        answers.append(hits)
        if looked_up(title, content):
            times.append(ms)
        else:
            short += 1
    return times, short, answers


def row(label: str, times: list[float], short: int) -> str:
    under = sum(t < TARGET_MS for t in times) / len(times) if times else float("nan")
    return (
        f"{label:<34}{len(times):>6}{short:>7}{pct(times, 50):8.1f}{pct(times, 95):8.1f}"
        f"{pct(times, 99):8.1f}{max(times):8.1f}{under:>9.1%}"
    )


def baselines(station: Station, texts: list[Text]) -> tuple[list[float], list[float], list[int]]:
    like_ms: list[float] = []
    fts_ms: list[float] = []
    like_rows: list[int] = []
    sql = "SELECT id, title, content FROM suggestion WHERE title LIKE ? OR content LIKE ?"
    with station.db.read() as s:
        conn = s.connection().connection.dbapi_connection
        for t in texts:
            gram = bigrams(t.title, t.content)[0]
            pattern = f"%{gram}%"
            conn.execute(sql, (pattern, pattern)).fetchall()  # warm
            t0 = time.perf_counter()
            rows = conn.execute(sql, (pattern, pattern)).fetchall()
            like_ms.append((time.perf_counter() - t0) * 1000)
            like_rows.append(len(rows))
    for t in texts:
        list_query.list_page(station, query=t.title, limit=5)  # warm
        t0 = time.perf_counter()
        list_query.list_page(station, query=t.title, limit=5)
        fts_ms.append((time.perf_counter() - t0) * 1000)
    return like_ms, fts_ms, like_rows


def overlap(a: str, b: str) -> float:
    """Share of the shorter text's bigrams the other one has (1.0: one contains the other)."""
    x, y = set(bigrams(a)), set(bigrams(b))
    return len(x & y) / min(len(x), len(y)) if x and y else 0.0


def found(station: Station, t: Text, hits: list[SimilarHit]) -> tuple[bool, bool]:
    """(strict, same text): a top-5 hit is the source row or has its exact content; or a hit's
    content is the source's give or take a sentence (bigram overlap >= SAME_TEXT)."""
    if not hits:
        return False, False
    ids = [h.suggestion_id for h in hits]
    with station.db.read() as s:
        conn = s.connection().connection.dbapi_connection
        marks = ",".join("?" * len(ids))
        rows = conn.execute(f"SELECT id, content FROM suggestion WHERE id IN ({marks})", ids)
        contents = dict(rows.fetchall())
    source = t.source_content or ""
    strict = t.source_id in contents or source in contents.values()
    same = any(overlap(c, source) >= SAME_TEXT for c in contents.values())
    return strict, strict or same


def part_lookups(station: Station, actor: Operator, texts: list[Text], seed: int) -> None:
    rng = random.Random(seed)
    per_text = [panel_queries(t, rng) for t in texts]
    flat = [q for qs in per_text for q in qs]
    print(
        f"typing model: commits of 1-4 chars at {1000 // CHAR_MS} chars/s, 0.5-1.5 s pause after "
        f"punctuation, 1 s from title to content; the panel asks after {DEBOUNCE_MS} ms quiet"
    )
    print(
        f"{'similar(limit=5), ms':<34}{'n':>6}{'short':>7}{'p50':>8}{'p95':>8}{'p99':>8}"
        f"{'max':>8}{'<50ms':>9}"
    )
    DF_CACHE.clear()
    session, short, answers = time_lookups(station, actor, flat, cold=False)
    print(row("session (count cache fills)", session, short))
    cold, short_c, _ = time_lookups(station, actor, flat, cold=True)
    print(row("cold (count cache emptied each)", cold, short_c))
    DF_CACHE.clear()
    chars = [q for t in texts for q in every_char(t)]
    each, short_e, _ = time_lookups(station, actor, chars, cold=False)
    print(row("every character, no debounce", each, short_e))
    like_ms, fts_ms, like_rows = baselines(station, texts)
    print("\nbaseline, per text (final form), warm:")
    print(
        f"  LIKE full scan, first informative bigram: median {statistics.median(like_ms):7.1f} ms"
        f"  p95 {pct(like_ms, 95):7.1f}  max {max(like_ms):7.1f}"
        f"  (median {statistics.median(like_rows):,.0f} rows found; candidates only, no ranking)"
    )
    print(
        f"  query.list_page(query=title, limit=5):    median {statistics.median(fts_ms):7.1f} ms"
        f"  p95 {pct(fts_ms, 95):7.1f}  max {max(fts_ms):7.1f}"
    )
    p50 = statistics.median(session)
    print(
        f"  similar() session p50 / LIKE median: {p50 / statistics.median(like_ms):.2f}x;"
        f"  / list_page median: {p50 / statistics.median(fts_ms):.2f}x"
    )
    # the answer to each text's full form (the last lookup of each text)
    ends: list[list[SimilarHit]] = []
    at = 0
    for qs in per_text:
        at += len(qs)
        ends.append(answers[at - 1])
    near = [(t, h) for t, h in zip(texts, ends, strict=True) if t.kind == "near"]
    other = [(t, h) for t, h in zip(texts, ends, strict=True) if t.kind == "unrelated"]
    marks = [found(station, t, h) for t, h in near]
    strict = sum(m[0] for m in marks)
    same = sum(m[1] for m in marks)
    sharing = statistics.median(t.sharing for t, _ in near)
    print(
        f"\nnear-duplicates found in the top 5 (full text): source row or its exact content "
        f"{strict}/{len(near)} ({strict / len(near):.0%}); or a row with the source's text give or "
        f"take a sentence or a word (>= {SAME_TEXT:.0%} of the shorter one's bigrams in the "
        f"other) {same}/{len(near)} ({same / len(near):.0%})"
    )
    print(f"  (median {sharing:.0f} stored rows share a source's exact content)")
    for (t, h), (_, ok) in zip(near, marks, strict=True):
        if not ok:
            top = f"{h[0].title} ({h[0].score:.2f})" if h else "no hit"
            print(f"  missed: {t.title} | {t.content[:24]}…  top hit: {top}")
    with_hits = [h for _, h in other if h]
    best = max((h[0].score for h in with_hits), default=0.0)
    print(
        f"unrelated texts with any hit: {len(with_hits)}/{len(other)} (best score {best:.2f}; "
        f"near-duplicates' top score median "
        f"{statistics.median(h[0].score if h else 0.0 for _, h in near):.2f})"
    )
    print(
        f"lookups per text: median {statistics.median(len(q) for q in per_text):.0f} "
        f"with debounce, {statistics.median(len(every_char(t)) for t in texts):.0f} without"
    )


# ---- part 2: typing in the real entry form --------------------------------------------------


def quiet_offscreen_warnings() -> None:
    """Drop the offscreen plugin's "does not support propagateSizeHints()" lines."""
    from PySide6.QtCore import qInstallMessageHandler

    previous: list[Any] = []

    def handler(mode: Any, context: Any, message: str) -> None:
        if "propagateSizeHints" in message:
            return
        if previous and previous[0] is not None:
            previous[0](mode, context, message)
        else:
            print(message, file=sys.stderr)

    previous.append(qInstallMessageHandler(handler))


def part_typing(folder: Path, texts: list[Text], rounds: int) -> None:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from ui.app import MainThreadGC
    from ui.context import AppContext
    from ui.i18n import install_language
    from ui.screens.entry_form import EntryForm
    from ui.theme import apply_font, apply_style

    app = QApplication.instance() or QApplication(["bench"])
    quiet_offscreen_warnings()
    install_language("zh_CN")
    apply_font(app, 1.0)  # type: ignore[arg-type]
    apply_style(app)  # type: ignore[arg-type]
    gc_keeper = MainThreadGC(app)

    scratch = OUT / f"similar-scratch-{folder.name}"
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(folder, scratch)
    station = Station.open(scratch)
    no_mod = Qt.KeyboardModifier.NoModifier
    press, release = QTest.KeyAction.Press, QTest.KeyAction.Release

    def key(widget: QWidget, ch: str) -> None:
        if ch.isascii() and ch.isprintable():
            QTest.keyClicks(widget, ch)
        else:
            QTest.sendKeyEvent(press, widget, Qt.Key.Key_unknown, ch, no_mod, 0)
            QTest.sendKeyEvent(release, widget, Qt.Key.Key_unknown, ch, no_mod, 0)

    def spin_until(pred: Callable[[], bool], timeout_s: float) -> None:
        loop = QEventLoop()
        poll = QTimer(interval=20)
        poll.timeout.connect(lambda: pred() and loop.quit())
        QTimer.singleShot(int(timeout_s * 1000), loop.quit)
        poll.start()
        loop.exec()
        poll.stop()

    class Probe(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.timer = QTimer(self, interval=5)
            self.timer.setTimerType(Qt.TimerType.PreciseTimer)
            self.timer.timeout.connect(self.tick)
            self.ticks: list[float] = []
            self.cpu: list[float] = []  # the UI thread's own CPU time at each tick

        def tick(self) -> None:
            self.ticks.append(time.perf_counter())
            self.cpu.append(time.thread_time())

        def start(self) -> None:
            self.ticks = [time.perf_counter()]
            self.cpu = [time.thread_time()]
            self.timer.start()

        def gaps_ms(self) -> list[float]:
            return [(b - a) * 1000 for a, b in zip(self.ticks, self.ticks[1:], strict=False)]

    def run(with_panel: bool) -> dict[str, Any]:
        with station.db.read() as s:
            actor = first_admin(s)
        form = EntryForm(AppContext(station=station, operator=actor))
        form.show_receipt = False
        form.resize(1280, 860)
        form.show()
        spin_until(lambda: form.ready, 30)
        panel = form.similar_panel
        if not with_panel:
            panel.request = lambda *a, **k: None  # type: ignore[method-assign]
        # what ran on the UI thread when: (start, end, label), to name the longest stalls
        busy: list[tuple[float, float, str]] = []
        state: dict[str, Any] = {"fired": 0.0, "answers": [], "listen": False}

        def timed(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
            def run_it(*args: Any) -> Any:
                t0 = time.perf_counter()
                try:
                    return fn(*args)
                finally:
                    busy.append((t0, time.perf_counter(), label))

            return run_it

        def debounce_fired() -> None:
            state["fired"] = time.perf_counter()

        def shown() -> None:
            if state["listen"] and state["fired"]:
                state["answers"].append((time.perf_counter() - state["fired"]) * 1000)

        panel._timer.timeout.connect(debounce_fired)  # noqa: SLF001
        panel.show_hits = timed("showing hits", panel.show_hits)  # type: ignore[method-assign]
        panel.updated.connect(shown)
        gc_start: list[float] = []

        def gc_seen(phase: str, _info: dict[str, Any]) -> None:
            if phase == "start":
                gc_start.append(time.perf_counter())
            elif gc_start:
                busy.append((gc_start.pop(), time.perf_counter(), "gc"))

        gc.callbacks.append(gc_seen)

        def new_suggestion() -> None:
            state["listen"] = False  # clear() empties the panel: not an answer
            form.clear()
            form.title.setFocus()
            state["listen"] = True

        # the schedule: (ms after start, action)
        steps: list[tuple[float, Callable[[], None]]] = []
        at = 200.0
        chars = 0

        def typing(widget: QWidget, text: str) -> None:
            nonlocal at, chars
            for ch in text:
                at += CHAR_MS
                steps.append((at, timed("a key", lambda w=widget, c=ch: key(w, c))))
                chars += 1
                if ch in PUNCT:
                    at += 600

        for t in texts:
            steps.append((at, timed("new suggestion", new_suggestion)))
            typing(form.title, t.title)
            at += 1000
            steps.append((at, form.content.setFocus))
            typing(form.content, t.content)
            at += 2000  # the answer to the whole text, then the next suggestion
        probe = Probe()
        loop = QEventLoop()
        started = time.perf_counter()
        index = {"i": 0}
        errors: list[BaseException] = []
        step_timer = QTimer(singleShot=True)
        step_timer.setTimerType(Qt.TimerType.PreciseTimer)

        def fire() -> None:
            try:
                while index["i"] < len(steps):
                    due, action = steps[index["i"]]
                    wait = started + due / 1000 - time.perf_counter()
                    if wait > 0.001:
                        step_timer.start(int(wait * 1000))
                        return
                    index["i"] += 1
                    action()
            except BaseException as exc:  # noqa: BLE001  (re-raised below, after the loop)
                errors.append(exc)
            loop.quit()

        step_timer.timeout.connect(fire)
        state["listen"] = True
        probe.start()
        step_timer.start(0)
        loop.exec()
        if errors:
            raise errors[0]
        # the last answer and the last draft save, then a short tail
        spin_until(
            lambda: (
                not panel._running
                and not panel._timer.isActive()  # noqa: SLF001
                and not form.autosaver.pending
            ),
            10,
        )
        spin_until(lambda: False, 0.3)
        probe.timer.stop()
        gc.callbacks.remove(gc_seen)
        wall = time.perf_counter() - started
        state["listen"] = False
        form.autosaver.cancel()
        form.autosaver.wait_idle()
        form.close()
        form.deleteLater()
        spin_until(lambda: False, 0.2)
        gaps = probe.gaps_ms()
        answers = state["answers"]
        worst = sorted(range(len(gaps)), key=gaps.__getitem__, reverse=True)[:3]
        named = []
        for i in worst:
            lo, hi = probe.ticks[i], probe.ticks[i + 1]
            what = sorted({lab for s0, s1, lab in busy if s0 < hi and s1 > lo})
            cpu = (probe.cpu[i + 1] - probe.cpu[i]) * 1000
            named.append(
                f"{gaps[i] - 5:.0f} ms ({cpu:.0f} ms UI-thread CPU): {' + '.join(what) or '-'}"
            )
        longest = {
            lab: max((s1 - s0) * 1000 for s0, s1, l2 in busy if l2 == lab)
            for lab in {b[2] for b in busy}
        }
        gcs = [(s0, s1) for s0, s1, lab in busy if lab == "gc"]
        outside = [
            g
            for i, g in enumerate(gaps)
            if not any(s0 < probe.ticks[i + 1] and s1 > probe.ticks[i] for s0, s1 in gcs)
        ]
        return {
            "wall": wall,
            "chars": chars,
            "stall": max(gaps) - 5,
            "stall_no_gc": max(outside) - 5,
            "gcs": len(gcs),
            "p99": pct(gaps, 99) - 5,
            "over16": sum(g - 5 > 16 for g in gaps),
            "over50": sum(g - 5 > 50 for g in gaps),
            "shown": len(answers),
            "answer_p50": statistics.median(answers) if answers else float("nan"),
            "answer_max": max(answers) if answers else float("nan"),
            "worst": named,
            "longest": longest,
        }

    try:
        print(
            f"\ntyping into the real EntryForm, {len(texts)} texts "
            f"({sum(len(t.title) + len(t.content) for t in texts)} characters) at "
            f"{1000 // CHAR_MS} chars/s, 0.6 s after punctuation; 5 ms probe; stall = gap - 5 ms"
        )
        print(
            f"{'run':<26}{'wall s':>8}{'longest stall':>15}{'without gc':>12}{'p99':>7}{'>16ms':>7}"
            f"{'>50ms':>7}"
            f"{'lookups shown':>15}{'answer p50/max':>17}"
        )
        for r in range(rounds):
            for with_panel in (True, False):
                f = run(with_panel)
                label = f"round {r + 1}, " + ("with panel" if with_panel else "panel off (base)")
                answer = f"{f['answer_p50']:.0f} / {f['answer_max']:.0f} ms" if f["shown"] else "-"
                print(
                    f"{label:<26}{f['wall']:8.1f}{f['stall']:12.1f} ms{f['stall_no_gc']:9.1f} ms"
                    f"{f['p99']:7.1f}"
                    f"{f['over16']:7}{f['over50']:7}{f['shown']:15}{answer:>17}",
                    flush=True,
                )
                inside = ", ".join(f"{k} {v:.0f} ms" for k, v in sorted(f["longest"].items()))
                print(f"{'':<26}three longest: {'; '.join(f['worst'])}")
                print(
                    f"{'':<26}longest on the UI thread: {inside} ({f['gcs']} collections)",
                    flush=True,
                )
        print(
            f"  (answer = from the {DEBOUNCE_MS} ms debounce firing to the hits shown: lookup on "
            "the panel's worker thread plus showing them; the three longest gaps are named by what "
            "of ours ran on the UI thread during them, with the UI thread's CPU time in the gap: "
            "little CPU means it was waiting, for the GIL or for a core; 'without gc' leaves out "
            "the gaps in which the app's MainThreadGC ran gc.collect())"
        )
    finally:
        gc_keeper.timer.stop()
        station.close()
        shutil.rmtree(scratch, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.bench_similar", description=__doc__)
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--near", type=int, default=20, help="near-duplicate texts")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--ui-rounds", type=int, default=2)
    p.add_argument("--skip-ui", action="store_true")
    args = p.parse_args(argv)
    print(f"load average at start: {load_avg()} ({os.cpu_count()} cores)")
    folder = ensure_db(args.rows)
    station = Station.open(folder)
    try:
        with station.db.read() as s:
            actor = first_admin(s)
        texts = make_texts(station, args.near, args.seed)
        print(
            f"similar suggestions on {args.rows:,} suggestions: {len(texts)} texts not in the "
            f"database ({args.near} near-duplicates of stored rows, {len(UNRELATED)} unrelated)"
        )
        part_lookups(station, actor, texts, args.seed)
    finally:
        station.close()
    if not args.skip_ui:
        near = [t for t in texts if t.kind == "near"][:2]
        other = [t for t in texts if t.kind == "unrelated"][:1]
        part_typing(folder, near + other, args.ui_rounds)
    print(f"\nload average at end: {load_avg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
