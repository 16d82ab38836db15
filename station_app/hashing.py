"""How a suggestion's `content_hash` is computed: the one definition station and HQ share.

SHA-256 (lower-case hex) of the canonical JSON of the item without its `content_hash` key,
where canonical means: keys sorted, no insignificant whitespace, UTF-8 (non-ASCII kept as
is), and keys whose value is null left out at every depth. The `sync` package re-exports
these so the reference HQ server checks hashes exactly as the station makes them.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


def _drop_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_nulls(v) for v in value]
    return value


def canonical_json(value: Any) -> bytes:
    """Serialise `value` the one way both sides agree on (see the module docstring)."""
    return json.dumps(
        _drop_nulls(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")


def content_hash(item: dict[str, Any]) -> str:
    """SHA-256 hex of the canonical JSON of `item` without its `content_hash` key."""
    body = {k: v for k, v in item.items() if k != "content_hash"}
    return hashlib.sha256(canonical_json(body)).hexdigest()
