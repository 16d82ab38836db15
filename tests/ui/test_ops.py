"""The one runner (ui/ops.py): work off the UI thread, results, progress, partial results and
cancel back on it, errors to `failure`, and a write's changes announced once it succeeded.

Also the notices themselves: every change a view listens for is announced by some operation,
and nothing but the runner announces (tests read the source of `ui/`)."""

from __future__ import annotations

import ast
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QWidget

from ui.context import Change, Notifier
from ui.ops import BackgroundOp, Job, QueryOp, WriteOp

UI = Path(__file__).resolve().parents[2] / "ui"
WAIT = 10_000


@pytest.fixture
def parent(qtbot) -> QWidget:
    w = QWidget()
    qtbot.addWidget(w)
    return w


def test_a_read_runs_off_the_ui_thread_and_answers_on_it(qtbot, parent) -> None:
    release = threading.Event()
    ran_on: list[int] = []
    answered_on: list[int] = []
    results: list[int] = []

    def op() -> int:
        ran_on.append(threading.get_ident())
        assert release.wait(WAIT / 1000)
        return 42

    def success(value: int) -> None:
        answered_on.append(threading.get_ident())
        results.append(value)

    QueryOp(parent, op, success).run_in_background()
    # while the op waits, the UI thread goes on: a timer of the event loop fires
    ticked: list[bool] = []
    QTimer.singleShot(0, lambda: ticked.append(True))
    qtbot.waitUntil(lambda: bool(ticked) and bool(ran_on), timeout=WAIT)
    assert results == []  # the op is still blocked, the UI thread was not
    release.set()
    qtbot.waitUntil(lambda: results == [42], timeout=WAIT)
    assert ran_on[0] != threading.get_ident()
    assert answered_on == [threading.get_ident()]


def test_an_error_goes_to_failure_on_the_ui_thread(qtbot, parent) -> None:
    errors: list[BaseException] = []
    done: list[object] = []

    def op() -> None:
        raise ValueError("bad input")

    QueryOp(parent, op, done.append).failure(errors.append).run_in_background()
    qtbot.waitUntil(lambda: bool(errors), timeout=WAIT)
    assert isinstance(errors[0], ValueError) and "bad input" in str(errors[0])
    assert "ValueError" in errors[0].__traceback_text__  # type: ignore[attr-defined]
    assert done == []


def test_progress_and_items_arrive_in_order_on_the_ui_thread(qtbot, parent) -> None:
    seen: list[tuple[int, int]] = []
    items: list[object] = []
    threads: set[int] = set()
    results: list[str] = []

    def op(job: Job) -> str:
        for i in range(1, 6):
            job.item(f"page {i}")
            job.progress(i, 5)
        return "done"

    def on_progress(done: int, total: int) -> None:
        threads.add(threading.get_ident())
        seen.append((done, total))

    BackgroundOp(parent, op, results.append).on_progress(on_progress).on_item(
        items.append
    ).run_in_background()
    qtbot.waitUntil(lambda: results == ["done"], timeout=WAIT)
    assert seen == [(i, 5) for i in range(1, 6)]
    assert items == [f"page {i}" for i in range(1, 6)]
    assert threads == {threading.get_ident()}


def test_cancel_reaches_the_op_and_its_hooks(qtbot, parent) -> None:
    started = threading.Event()
    hooked = threading.Event()
    results: list[str] = []

    def op(job: Job) -> str:
        job.on_cancel(hooked.set)
        started.set()
        while not job.cancelled:
            assert hooked.wait(WAIT / 1000) or job.cancelled
        return "stopped" if hooked.is_set() else "hook missed"

    running = BackgroundOp(parent, op, results.append).run_in_background()
    assert started.wait(WAIT / 1000)
    assert running.running
    running.cancel()
    assert running.wait(WAIT)
    qtbot.waitUntil(lambda: results == ["stopped"], timeout=WAIT)
    assert not running.running
    # a hook registered after the cancel runs at once
    late: list[bool] = []
    running._job.on_cancel(lambda: late.append(True))
    assert late == [True]


def test_a_write_announces_its_changes_after_success(qtbot, parent) -> None:
    notifier = Notifier()
    order: list[str] = []
    heard: list[Change] = []
    notifier.changed.connect(heard.append)
    notifier.subscribe(parent, Change.SUGGESTIONS, lambda: order.append("refreshed"))
    notifier.subscribe(parent, Change.OPERATORS, lambda: order.append("operators"))

    WriteOp(
        parent,
        lambda: "saved",
        lambda _r: order.append("success"),
        changes=Change.SUGGESTIONS | Change.SYNC,
        notifier=notifier,
    ).run_in_background()
    qtbot.waitUntil(lambda: "refreshed" in order, timeout=WAIT)
    assert order == ["success", "refreshed"]  # OPERATORS was not among the changes
    assert heard == [Change.SUGGESTIONS | Change.SYNC]


def test_a_failed_write_and_a_read_announce_nothing(qtbot, parent) -> None:
    notifier = Notifier()
    heard: list[Change] = []
    notifier.changed.connect(heard.append)
    failed: list[BaseException] = []
    read: list[int] = []

    def boom() -> None:
        raise RuntimeError("disk full")

    WriteOp(parent, boom, changes=Change.SUGGESTIONS, notifier=notifier).failure(
        failed.append
    ).run_in_background()
    QueryOp(parent, lambda: 1, read.append).run_in_background()
    qtbot.waitUntil(lambda: bool(failed) and bool(read), timeout=WAIT)
    QThreadPool.globalInstance().waitForDone(WAIT)
    assert heard == []


def test_a_subscription_ends_with_its_receiver(qtbot) -> None:
    notifier = Notifier()
    calls: list[str] = []
    receiver = QWidget()
    notifier.subscribe(receiver, Change.SYNC, lambda: calls.append("sync"))
    notifier.announce(Change.SYNC)
    assert calls == ["sync"]
    with qtbot.waitSignal(receiver.destroyed, timeout=WAIT):
        receiver.deleteLater()
    notifier.announce(Change.SYNC)
    assert calls == ["sync"]


# -- the notices, read from the source -------------------------------------------------------


def _change_names(node: ast.AST) -> set[str]:
    return {
        n.attr
        for n in ast.walk(node)
        if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "Change"
    }


def _notices() -> tuple[dict[str, set[str]], dict[str, set[str]], list[str]]:
    """(announced by, listened for by, hand-made announcements) over every module of ui/."""
    announced: dict[str, set[str]] = {}
    listened: dict[str, set[str]] = {}
    by_hand: list[str] = []
    for path in sorted(UI.rglob("*.py")):
        where = str(path.relative_to(UI.parent))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for kw in node.keywords:  # an op declares what it changes
                    if kw.arg == "changes":
                        for name in _change_names(kw.value):
                            announced.setdefault(name, set()).add(where)
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else ""
                if name == "subscribe":
                    for change in _change_names(node.args[1]):
                        listened.setdefault(change, set()).add(where)
                if name == "connect" and "notifier.changed" in ast.unparse(func):
                    # a view listens through subscribe(), with the Change flags it shows
                    by_hand.append(f"{where}: {ast.unparse(func)}")
                if name in ("announce", "emit") and where not in ("ui/ops.py", "ui/context.py"):
                    target = ast.unparse(func)
                    if name == "announce" and "outcome.changes()" not in ast.unparse(node):
                        by_hand.append(f"{where}: {target}")
                    if "notifier" in target and name == "emit":
                        by_hand.append(f"{where}: {target}")
            if isinstance(node, ast.FunctionDef) and node.name == "changes":
                # a runner whose changes depend on the result (the sync child's outcome)
                for change in _change_names(node):
                    announced.setdefault(change, set()).add(where)
    return announced, listened, by_hand


def test_every_change_listened_for_is_announced_by_some_operation() -> None:
    announced, listened, _ = _notices()
    assert listened, "no subscriptions found: the scan is broken"
    missing = {c: sorted(w) for c, w in listened.items() if c not in announced}
    assert not missing, f"listened for, never announced: {missing}"
    assert set(announced) | set(listened) <= set(Change.__members__)


def test_every_change_is_listened_for_and_documented() -> None:
    announced, listened, _ = _notices()
    doc = (UI.parent / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for change in Change:
        if change is Change.NONE:
            continue
        assert change.name in announced, f"{change.name} is never announced"
        assert change.name in listened, f"{change.name} is announced but nobody listens"
        assert f"`{change.name}`" in doc, f"{change.name} is not in docs/ARCHITECTURE.md"


def test_only_the_runners_announce_and_views_subscribe() -> None:
    _, _, by_hand = _notices()
    assert by_hand == []
