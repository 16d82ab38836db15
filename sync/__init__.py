"""Station-HQ sync: the OpenAPI contract, the reference HQ server and the station's client.

Shared by both sides: where the contract lives and how an item's ``content_hash`` is computed.
The hash is SHA-256 (lower-case hex) of the canonical JSON of the item without its
``content_hash`` key, where canonical means: keys sorted, no insignificant whitespace, UTF-8
(non-ASCII characters kept as is), and keys whose value is ``null`` left out at every depth.
"""

from __future__ import annotations

from pathlib import Path

# The hash is defined in station_app (the station makes it when saving); HQ checks it the same way.
from station_app.hashing import canonical_json, content_hash

__all__ = ["CONTRACT_PATH", "canonical_json", "content_hash"]

CONTRACT_PATH = Path(__file__).with_name("openapi.yaml")
