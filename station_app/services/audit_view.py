"""The audit log for admins (view, export to CSV) and audit lines the UI asks for (print).

Entries hold ids only. Looking at the log and exporting it are themselves logged.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from station_app.atomic import replacing
from station_app.errors import NotFound
from station_app.services.common import audit, require
from station_app.store import Station
from station_app.store.models import Operator, Suggestion

HEADERS = ["id", "at", "operator_id", "operator", "action", "entity", "entity_id", "detail"]


@dataclass
class AuditEntry:
    id: int
    at: str
    operator_id: int | None
    operator: str
    action: str
    entity: str
    entity_id: str | None
    detail: str | None


def _query(
    station: Station, since: str | None, until: str | None, action: str | None, limit: int | None
) -> list[AuditEntry]:
    clauses, params = [], {}
    if since:
        clauses.append("a.at >= :since")
        params["since"] = since
    if until:
        clauses.append("a.at < :until")
        params["until"] = until
    if action:
        clauses.append("a.action = :action")
        params["action"] = action
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    sql = (
        "SELECT a.id, a.at, a.operator_id, coalesce(o.name, ''), a.action, a.entity, "
        f"a.entity_id, a.detail FROM audit_log a LEFT JOIN operator o ON o.id = a.operator_id "
        f"{where} ORDER BY a.id" + (f" LIMIT {int(limit)}" if limit else "")
    )
    with station.db.read() as s:
        return [AuditEntry(*row) for row in s.execute(text(sql), params)]


def list_audit(
    station: Station,
    actor: Operator,
    *,
    since: str | None = None,
    until: str | None = None,
    action: str | None = None,
    limit: int | None = 1000,
) -> list[AuditEntry]:
    """Audit entries, oldest first (`since`/`until`: ISO dates or times). Admins only."""
    require(actor, "view_audit")
    entries = _query(station, since, until, action, limit)
    with station.db.write() as s:
        audit(s, station, actor, "view_audit", "audit_log", None, f"rows={len(entries)}")
    return entries


def export_audit(
    station: Station,
    actor: Operator,
    path: Path,
    *,
    since: str | None = None,
    until: str | None = None,
) -> int:
    """Write the audit log to CSV (atomically). Admins only; the export is logged."""
    require(actor, "view_audit")
    entries = _query(station, since, until, None, None)
    with replacing(Path(path)) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADERS)
        for e in entries:
            writer.writerow(
                [
                    e.id,
                    e.at,
                    e.operator_id or "",
                    e.operator,
                    e.action,
                    e.entity,
                    e.entity_id or "",
                    e.detail or "",
                ]
            )
    with station.db.write() as s:
        audit(s, station, actor, "export_audit", "audit_log", None, f"rows={len(entries)}")
    return len(entries)


def audit_print(
    station: Station, actor: Operator, suggestion_id: int, what: str = "receipt"
) -> None:
    """The UI calls this when it prints (or saves as PDF) a suggestion's receipt or detail."""
    require(actor, "print")
    with station.db.write() as s:
        if s.get(Suggestion, suggestion_id) is None:
            raise NotFound(what=str(suggestion_id))
        audit(s, station, actor, "print", "suggestion", suggestion_id, what)


def audit_change(
    station: Station, actor: Operator, entity: str, entity_id: str | int, what: str
) -> None:
    """For services without their own audit line: record that `entity` was changed."""
    with station.db.write() as s:
        audit(s, station, actor, "change", entity, entity_id, what)
