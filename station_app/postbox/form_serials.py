"""Paper forms and the database: serials printed, and pages that brought them back.

`print_forms` numbers a run of blank forms and records it (one transaction) before the
pages are drawn, so the station knows every serial that went out (a run whose PDF was never
printed leaves a gap, never a form nobody knows of). When an import stores a page read as a
form, `record_form_page` keeps its reading and marks the serial received; a serial already
received from another page is flagged as a possible duplicate, one this station never
printed as unknown. `form_of_pages` gives review the reading of a letter's form page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from station_app.clock import iso
from station_app.errors import StationError
from station_app.forms.layout import (
    LAYOUT_VERSION,
    MAX_CATEGORIES,
    OTHER,
    PAPERS,
    FormId,
    serial_text,
)
from station_app.forms.render import FormSheet
from station_app.postbox import form_messages as _messages  # noqa: F401  (registers messages)
from station_app.resources import CONSENT_VERSION, consent_text
from station_app.services.common import audit, require, station_code
from station_app.services.setup import categories, station_info
from station_app.store import Station
from station_app.store.models import Operator
from station_app.store.sql import raw

MAX_COUNT = 500


def top_categories(station: Station, limit: int = MAX_CATEGORIES) -> list[tuple[str, str]]:
    """(code, Chinese name) of the categories to print: the station's most used, then the
    top-level ones in the list's order; 其他 is always added by the layout."""
    cats = {c.code: c for c in categories(station)}
    with station.db.read() as s:
        used = raw(s).execute(
            "SELECT category_code, count(*) AS n FROM suggestion WHERE category_code IS NOT NULL "
            "GROUP BY category_code ORDER BY n DESC, category_code"
        )
        codes = [r[0] for r in used if r[0] in cats and r[0] != OTHER]
    codes += [c for c, cat in cats.items() if not cat.parent and c != OTHER and c not in codes]
    return [(c, cats[c].name_zh) for c in codes[:limit]]


def print_forms(
    station: Station, actor: Operator, paper: str = "A4", count: int = 1
) -> list[FormSheet]:
    """Number and record `count` blank forms on `paper`; the sheets to draw, in serial order."""
    require(actor, "print")
    if paper not in PAPERS:
        raise StationError("forms.error.paper", paper=paper)
    if not 1 <= count <= MAX_COUNT:
        raise StationError("forms.error.count", max=MAX_COUNT)
    info = station_info(station)
    cats = top_categories(station)
    codes = (*(c for c, _ in cats), OTHER)
    now = iso(station.clock.now())
    with station.db.write() as s:
        conn = raw(s)
        code = station_code(s)
        first = conn.execute("SELECT coalesce(max(serial), 0) + 1 FROM form_serial").fetchone()[0]
        print_id = conn.execute(
            "INSERT INTO form_print(layout_version, paper, categories, first_serial, count, "
            "printed_at, printed_by) VALUES (?,?,?,?,?,?,?)",
            (LAYOUT_VERSION, paper, ".".join(codes), first, count, now, actor.id),
        ).lastrowid
        conn.executemany(
            "INSERT INTO form_serial(serial, print_id) VALUES (?, ?)",
            [(first + k, print_id) for k in range(count)],
        )
        audit(s, station, actor, "print_forms", "form_print", print_id, f"{paper}x{count}")
    notice = consent_text("zh_CN", CONSENT_VERSION)
    names = dict(cats)
    return [
        FormSheet(
            FormId(LAYOUT_VERSION, paper, code, serial_text(first + k), codes),
            info.name if info else code,
            names,
            notice,
            CONSENT_VERSION,
        )
        for k in range(count)
    ]


def record_form_page(conn: Any, image_scan_id: int, form: dict[str, Any], now: str) -> None:
    """Keep a form page's reading on its image row and mark its serial received; `form`
    gains `duplicate` (the serial came back before, on another page: `first_received_at`)
    and `unknown_serial` (not printed by this station). Runs in the storing transaction."""
    code_row = conn.execute("SELECT value FROM setting WHERE key = 'station.code'").fetchone()
    serial = int(form.get("serial") or 0)
    row = conn.execute(
        "SELECT received_scan_id, received_at FROM form_serial WHERE serial = ?", (serial,)
    ).fetchone()
    ours = code_row is not None and form.get("station_code") == code_row[0]
    form["unknown_serial"] = row is None or not ours
    form["duplicate"] = False
    if row is not None and ours:
        if row[0] is not None and row[0] != image_scan_id:
            form["duplicate"] = True
            form["first_received_at"] = row[1]
            conn.execute(
                "UPDATE form_serial SET times_received = times_received + 1 WHERE serial = ?",
                (serial,),
            )
        elif row[0] is None:
            conn.execute(
                "UPDATE form_serial SET received_at = ?, received_scan_id = ?, "
                "times_received = 1 WHERE serial = ?",
                (now, image_scan_id, serial),
            )
    conn.execute(
        "UPDATE scan SET form_json = ? WHERE id = ?",
        (json.dumps(form, ensure_ascii=False), image_scan_id),
    )


@dataclass(frozen=True)
class FormField:
    value: str
    confidence: float
    doubtful: bool


@dataclass(frozen=True)
class FormOnLetter:
    """A letter's form page as read: fields by name (name, phone, address, category,
    feedback, feedback_method, consent, suggestion, date) and what to tell the reviewer."""

    serial: str
    version: str
    fields: dict[str, FormField]
    duplicate: bool
    unknown_serial: bool
    first_received_at: str | None = None

    @property
    def doubtful(self) -> list[str]:
        return [k for k, f in self.fields.items() if f.doubtful]


def form_of_pages(conn: Any, image_shas: list[str | None]) -> FormOnLetter | None:
    """The first form page among a letter's pages (by their image's SHA-256), or None."""
    for sha in image_shas:
        if sha is None:
            continue
        row = conn.execute("SELECT form_json FROM scan WHERE sha256 = ?", (sha,)).fetchone()
        if row and row[0]:
            data = json.loads(row[0])
            fields = {
                k: FormField(str(v["value"]), float(v["confidence"]), bool(v["doubtful"]))
                for k, v in data.get("fields", {}).items()
            }
            return FormOnLetter(
                serial=str(data.get("serial", "")),
                version=str(data.get("version", "")),
                fields=fields,
                duplicate=bool(data.get("duplicate")),
                unknown_serial=bool(data.get("unknown_serial")),
                first_received_at=data.get("first_received_at"),
            )
    return None


def printed_serials(station: Station, actor: Operator) -> list[tuple[str, str | None]]:
    """Every serial printed, with when it came back (None: still out)."""
    require(actor, "postbox")
    with station.db.read() as s:
        rows = raw(s).execute("SELECT serial, received_at FROM form_serial ORDER BY serial")
        return [(serial_text(r[0]), r[1]) for r in rows]
