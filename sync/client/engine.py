"""One sync run: push scans, suggestions and events, then pull HQ's changes and lists.

`sync_now(station, progress=..., cancel=...) -> SyncReport` is the public entry for the UI
(run it off the UI thread) and for `station-app sync`. A file lock (`data/sync.lock`) keeps
two syncs of one station from running at once, across processes; the second returns at once
with `busy=True`.

Order: for each batch of waiting suggestions, the scans they name first, then the batch
(its `Idempotency-Key` is the SHA-256 of the exact body, so a resend after a lost answer is
recognised by HQ); then feedback, withdrawal and correction events; then the change feed from the stored
cursor; then the category and campaign lists by version. A crash at any point leaves the
station consistent: answers are applied in one transaction each, and anything not yet
acknowledged is simply sent again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from filelock import FileLock, Timeout

from station_app.domain import OutboxKind
from station_app.errors import HQUnavailable, StationError
from station_app.services import hq_link, hq_updates, outbox
from station_app.services.outbox import ItemResult, OutgoingSuggestion
from station_app.store import Station
from sync.client import token as tokens
from sync.client.enrol import checked_ca_file
from sync.client.http import Cancelled, HQClient, Rejected, RetryPolicy, Unauthorized
from sync.client.scans import upload_scan

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]  # (phase, done, total)
BATCH_SIZE = 250  # well under HQ's 500 items and 32 MB; ~0.4 MB of JSON for typical items
EVENT_BATCH = 200
EVENT_PATHS: dict[str, str] = {
    OutboxKind.FEEDBACK: "/api/v1/feedback",
    OutboxKind.WITHDRAWAL: "/api/v1/withdrawals",
    OutboxKind.CORRECTION: "/api/v1/corrections",
}
CHANGES_PAGE = 500
# Nothing a retry will fix: not enrolled, or the CA file configured at enrolment is gone.
NEEDS_ADMIN_KEYS = frozenset({"sync.error.not_enrolled", "sync.error.ca_missing"})


@dataclass
class SyncReport:
    """What one sync did, and the error (a message key) that stopped it, if any."""

    sent: int = 0
    already: int = 0
    conflict: int = 0
    failed: int = 0
    pulled: int = 0
    events_sent: int = 0
    scans_sent: int = 0
    lists_updated: int = 0
    busy: bool = False
    cancelled: bool = False
    needs_admin: bool = False
    error_key: str | None = None
    error_params: dict[str, Any] = field(default_factory=dict)
    waits: list[float] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error_key is None and not self.busy and not self.cancelled

    def error_text(self, lang: str | None = None) -> str | None:
        from station_app.i18n import tr

        return tr(self.error_key, lang=lang, **self.error_params) if self.error_key else None

    def summary(self, lang: str | None = None) -> str:
        from station_app.i18n import tr

        counts = {k: getattr(self, k) for k in ("sent", "already", "conflict", "failed", "pulled")}
        return tr("sync.done", lang=lang, **counts)

    def as_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if k != "waits"}
        out.update(ok=self.ok, error=self.error_text())
        return out


def idempotency_key(body: bytes) -> str:
    """Stable per batch content: the same body always gets the same key."""
    return "b1-" + hashlib.sha256(body).hexdigest()


def _dumps(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class SyncRun:
    """The steps of one sync against one client (a fresh object per sync)."""

    def __init__(
        self, station: Station, client: HQClient, progress: Progress | None, batch_size: int
    ) -> None:
        self.station = station
        self.client = client
        self.progress = progress or (lambda _phase, _done, _total: None)
        self.batch_size = batch_size
        self.report = SyncReport()
        self.uploaded: set[str] = set()

    def run(self) -> None:
        self.push_suggestions()
        for kind in (OutboxKind.FEEDBACK, OutboxKind.WITHDRAWAL, OutboxKind.CORRECTION):
            self.push_events(kind)
        self.pull_changes()
        self.pull_lists()

    # -- suggestions ------------------------------------------------------------------------

    def push_suggestions(self) -> None:
        total = outbox.sync_status(self.station).queued
        done, after = 0, 0
        while True:
            batch = outbox.pending_suggestions(self.station, self.batch_size, after)
            if not batch:
                return
            after = batch[-1].outbox_id
            self.push_scans(batch)
            self.send_batch(batch)
            done += len(batch)
            self.progress("send", done, max(total, done))

    def push_scans(self, batch: Sequence[OutgoingSuggestion]) -> None:
        for item in batch:
            for sha in item.scans:
                if sha in self.uploaded:
                    continue
                try:
                    if upload_scan(self.client, self.station, sha):
                        self.report.scans_sent += 1
                except Rejected as exc:  # HQ answers the batch item with missing_scan
                    log.warning("scan %s refused: %s", sha[:12], exc.detail)
                    continue
                self.uploaded.add(sha)

    def send_batch(self, batch: Sequence[OutgoingSuggestion]) -> None:
        body = _dumps({"items": [item.body for item in batch]})
        ids = [item.outbox_id for item in batch]
        try:
            resp = self.client.request(
                "POST",
                "/api/v1/suggestions/batch",
                ok=(200,),
                data=body,
                headers={
                    "Content-Type": "application/json",
                    "Idempotency-Key": idempotency_key(body),
                },
            )
        except Rejected as exc:
            if exc.status == 413 and len(batch) > 1:  # too big: send it in halves
                half = len(batch) // 2
                self.send_batch(batch[:half])
                self.send_batch(batch[half:])
                return
            outbox.record_attempt_failure(
                self.station, ids, f"HTTP {exc.status}: {exc.detail}", hold=True
            )
            self.report.failed += len(batch)
            self.report.error_key, self.report.error_params = exc.key, exc.params
            return
        except HQUnavailable as exc:
            outbox.record_attempt_failure(self.station, ids, str(exc.params.get("detail", "")))
            raise
        results = [
            ItemResult(r["uuid"], r["result"], r.get("hq_id"), r.get("detail"))
            for r in resp.json()["results"]
        ]
        outbox.apply_suggestion_results(self.station, results)
        for r in results:
            if r.result == "created":
                self.report.sent += 1
            elif r.result == "already_had":
                self.report.already += 1
            elif r.result == "conflict":
                self.report.conflict += 1
            else:
                self.report.failed += 1
                self.report.error_key = "sync.error.item_rejected"
                self.report.error_params = {"detail": r.detail or ""}

    # -- feedback, withdrawals and corrections ---------------------------------------------

    def push_events(self, kind: str) -> None:
        path = EVENT_PATHS[kind]
        after = 0
        while True:
            batch = outbox.pending_events(self.station, kind, EVENT_BATCH, after)
            if not batch:
                return
            after = batch[-1].outbox_id
            try:
                resp = self.client.request(
                    "POST", path, ok=(200,), json_body={"items": [e.body for e in batch]}
                )
            except Rejected as exc:
                outbox.record_attempt_failure(
                    self.station,
                    [e.outbox_id for e in batch],
                    f"HTTP {exc.status}: {exc.detail}",
                    hold=True,
                )
                self.report.failed += len(batch)
                self.report.error_key, self.report.error_params = exc.key, exc.params
                continue
            results = [
                ItemResult(r["event_uuid"], r["result"], None, r.get("detail"))
                for r in resp.json()["results"]
            ]
            outbox.apply_event_results(self.station, kind, results)
            self.report.events_sent += sum(r.result != "rejected" for r in results)

    # -- HQ's changes back ------------------------------------------------------------------

    def pull_changes(self) -> None:
        cursor = hq_link.hq_settings(self.station).cursor
        restarted = False
        while True:
            params: dict[str, Any] = {"limit": CHANGES_PAGE}
            if cursor:
                params["cursor"] = cursor
            try:
                page = self.client.request("GET", "/api/v1/changes", params=params).json()
            except Rejected as exc:
                if exc.status == 422 and cursor and not restarted:
                    # HQ does not know our cursor (its database was restored?): start over;
                    # events already applied are recognised by their ids
                    cursor, restarted = None, True
                    continue
                raise
            self.report.pulled += hq_updates.apply_changes(
                self.station, page["events"], page["next_cursor"]
            )
            cursor = page["next_cursor"]
            self.progress("receive", self.report.pulled, self.report.pulled)
            if not page.get("has_more"):
                return

    def pull_lists(self) -> None:
        for kind in ("categories", "campaigns"):
            since = hq_updates.list_version(self.station, kind)
            data = self.client.request(
                "GET", f"/api/v1/{kind}", params={"since_version": since}
            ).json()
            if data["items"] or int(data["version"]) > since:
                self.report.lists_updated += hq_updates.apply_list(
                    self.station, kind, int(data["version"]), data["items"]
                )


def make_client(
    station: Station,
    *,
    retry: RetryPolicy | None = None,
    cancel: threading.Event | None = None,
    timeout: tuple[float, float] | None = None,
) -> HQClient:
    """A client for this station's HQ (address and CA from settings, token from the keyring)."""
    settings = hq_link.hq_settings(station)
    token = tokens.get_token(station.data)
    if not settings.url or not token:
        raise StationError("sync.error.not_enrolled")
    ca_file = checked_ca_file(settings.ca_file)  # moved or deleted: an admin must act
    kwargs: dict[str, Any] = {"ca_file": ca_file, "retry": retry, "cancel": cancel}
    if timeout is not None:
        kwargs["timeout"] = timeout
    return HQClient(settings.url, token, **kwargs)


def sync_now(
    station: Station,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    *,
    retry: RetryPolicy | None = None,
    timeout: tuple[float, float] | None = None,
    batch_size: int = BATCH_SIZE,
) -> SyncReport:
    """Sync this station with HQ once. Never raises for HQ or network trouble: the report
    (and `outbox.sync_status`) carry the outcome in plain words."""
    lock = FileLock(str(station.data.sync_lock), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        return SyncReport(busy=True, error_key="sync.busy")
    try:
        return _sync_locked(station, progress, cancel, retry, timeout, batch_size)
    finally:
        lock.release()


def _sync_locked(
    station: Station,
    progress: Progress | None,
    cancel: threading.Event | None,
    retry: RetryPolicy | None,
    timeout: tuple[float, float] | None,
    batch_size: int,
) -> SyncReport:
    try:
        client = make_client(station, retry=retry, cancel=cancel, timeout=timeout)
    except StationError as exc:
        needs_admin = exc.key in NEEDS_ADMIN_KEYS
        hq_link.record_sync_error(station, exc.key, needs_admin=needs_admin, **exc.params)
        return SyncReport(error_key=exc.key, error_params=exc.params, needs_admin=needs_admin)
    run = SyncRun(station, client, progress, batch_size)
    report = run.report
    try:
        run.run()
    except Cancelled:
        report.cancelled = True
    except Unauthorized as exc:
        report.needs_admin = True
        report.error_key, report.error_params = exc.key, exc.params
        hq_link.record_sync_error(station, exc.key, needs_admin=True)
    except StationError as exc:  # HQ unreachable, TLS, a refused request: shown, retried later
        report.error_key, report.error_params = exc.key, exc.params
        hq_link.record_sync_error(station, exc.key, **exc.params)
    else:
        if report.error_key:
            hq_link.record_sync_error(station, report.error_key, **report.error_params)
        else:
            hq_link.record_sync_success(station)
    finally:
        report.waits = list(client.waits)
        client.close()
    return report
