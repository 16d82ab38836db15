#!/usr/bin/env bash
# Refresh resources/translations/station_zh_CN.ts from the tr() strings in ui/ (existing
# translations are kept; new strings arrive as "unfinished"), then compile the .qm that the
# app loads. Translate new strings with pyside6-linguist (or by editing the .ts), run again,
# and commit both files: a fresh machine needs no Qt tool. No line locations are written, so
# two branches that add strings do not conflict over shifted line numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t sources < <(find ui -name '*.py' | sort)
.venv/bin/pyside6-lupdate -no-obsolete -locations none "${sources[@]}" -ts resources/translations/station_zh_CN.ts
.venv/bin/pyside6-lrelease resources/translations/station_zh_CN.ts -qm resources/translations/station_zh_CN.qm
