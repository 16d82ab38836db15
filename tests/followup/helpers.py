"""Helpers for the follow-up tests: suggestions whose suggester wants a reply, HQ's feedback
events as HQ stored them."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text

from station_app.services.forms import SuggesterForm, SuggestionForm
from station_app.services.suggestions import Recorded, record_suggestion
from station_app.store import Station
from station_app.store.models import Operator
from sync.server.testing import HQServer


def wanting_reply(
    title: str = "小区停车位太少",
    *,
    name: str = "张建国",
    phone: str = "13912345678",
    wants: bool = True,
    method: str = "phone",
) -> SuggestionForm:
    return SuggestionForm(
        category_code="OTH",
        title=title,
        content=f"{title}，希望有关部门研究解决。",
        location="长寿路100弄",
        suggester=SuggesterForm(
            name=name,
            phone=phone,
            address="普陀区长寿路100弄3号",
            wants_feedback=wants,
            feedback_method=method if wants else "none",
            consent_given=True,
        ),
    )


def record(station: Station, actor: Operator, **kwargs: Any) -> Recorded:
    return record_suggestion(station, actor, wanting_reply(**kwargs))


def hq_feedback(hq: HQServer, suggestion_uuid: str) -> list[dict[str, Any]]:
    """The feedback events HQ holds for one suggestion (bodies as received)."""
    with hq.admin.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT e.body FROM hq_station_event e JOIN hq_suggestion s "
                "ON s.id = e.suggestion_id WHERE e.kind = 'feedback' AND s.uuid = :u "
                "ORDER BY e.id"
            ),
            {"u": suggestion_uuid},
        ).fetchall()
    return [json.loads(r[0]) for r in rows]
