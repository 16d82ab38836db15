"""Which version of the HQ contract (sync/openapi.yaml) HQ speaks, and what that changes.

HQ says its version at `GET /api/v1/contract` (added in 1.1.0); an HQ that answers 404 there
speaks 1.0.0. The station keeps the last version it learnt (setting `hq.contract_version`).

1.1.0 added channel `session` with a `session` object in the suggestion body, and
questionnaire responses (`POST /api/v1/questionnaires/batch`). For a 1.0 HQ a session
speaker's suggestion goes as channel `other` and the session rides in `campaign_answers`
under keys starting with `session.` (a 1.0 HQ keeps answers as given and counts only its
campaign's question keys, so it ignores them); questionnaire responses wait until HQ speaks
1.1. The body is downgraded at send time and its `content_hash` recomputed for that body.
"""

from __future__ import annotations

import copy
from typing import Any

from station_app import hashing
from station_app.services.common import get_setting, set_setting
from station_app.store import Station

CONTRACT_VERSION = "1.1.0"  # what this station speaks (sync/openapi.yaml info.version)
FIRST_VERSION = "1.0.0"  # an HQ without GET /api/v1/contract
SESSIONS_SINCE = (1, 1)
SETTING_CONTRACT = "hq.contract_version"
SESSION_KEY_PREFIX = "session."


def parse_version(text: str | None) -> tuple[int, int, int]:
    """ "1.1.0" -> (1, 1, 0); anything unreadable is the first version."""
    try:
        parts = [int(p) for p in str(text).strip().split(".")[:3]]
    except ValueError:
        parts = [1, 0, 0]
    while len(parts) < 3:
        parts.append(0)
    return parts[0], parts[1], parts[2]


def takes_sessions(version: str | None) -> bool:
    return parse_version(version)[:2] >= SESSIONS_SINCE


takes_questionnaires = takes_sessions  # both came with 1.1


def remember_version(station: Station, version: str) -> None:
    with station.db.write() as s:
        if get_setting(s, SETTING_CONTRACT) != version:
            set_setting(s, SETTING_CONTRACT, version)


def known_version(station: Station) -> str | None:
    """The version HQ last said (None before the first sync)."""
    with station.db.read() as s:
        return get_setting(s, SETTING_CONTRACT) or None


def body_for(version: str | None, body: dict[str, Any]) -> dict[str, Any]:
    """The suggestion body as an HQ of `version` takes it (the same object when unchanged)."""
    if takes_sessions(version) or ("session" not in body and body.get("channel") != "session"):
        return body
    out = copy.deepcopy(body)
    session = out.pop("session", None) or {}
    if out.get("channel") == "session":
        out["channel"] = "other"
    if session:
        answers = dict(out.get("campaign_answers") or {})
        for key, value in session.items():
            if value is not None:
                answers[SESSION_KEY_PREFIX + key] = value
        out["campaign_answers"] = answers
    out.pop("content_hash", None)
    out["content_hash"] = hashing.content_hash(out)
    return out
