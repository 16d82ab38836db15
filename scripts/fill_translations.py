"""Fill unfinished entries of the zh_CN .ts file from resources/translations/pending/*.json.

Each JSON file maps English source text to its Chinese translation. Run
scripts/update_translations.sh first (it adds new strings as unfinished), then this, then
the update script again to compile the .qm.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "station_zh_CN.ts"
PENDING = ROOT / "resources" / "translations" / "pending"


def main() -> int:
    table: dict[str, str] = {}
    for f in sorted(PENDING.glob("*.json")):
        table.update(json.loads(f.read_text(encoding="utf-8")))
    tree = ET.parse(TS)
    filled = missing = 0
    for msg in tree.iter("message"):
        source = msg.findtext("source") or ""
        tr = msg.find("translation")
        if tr is None or tr.get("type") != "unfinished":
            continue
        if source in table:
            tr.text = table[source]
            del tr.attrib["type"]
            filled += 1
        else:
            missing += 1
            print(f"no translation: {source!r}", file=sys.stderr)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    print(f"filled {filled}, still unfinished {missing}")
    return 0 if missing == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
