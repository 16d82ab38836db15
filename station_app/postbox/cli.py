"""`station-app import-scans` and `station-app postbox ...` (chain of custody), headless.

    station-app import-scans PATH... [--collection ID] [--engine rapidocr|tesseract] [--json]
    station-app import-scans --resume            # what an interrupted run left queued
    station-app postbox open --postbox CODE --witness NAME --letters N [--opened-at ISO]
    station-app postbox list | letters ID | not-a-letter LETTER --reason R | add-letter ID
    station-app postbox close ID

With `--json`, import-scans prints one JSON object per page on stdout (file, page, status or
error reason, engine, rotation, mean confidence, text; a file already imported gives one
object with status "duplicate") and the summary on stderr. File names that are not UTF-8
or hold control characters are printed escaped (\\xNN). Ctrl-C
stops the run cleanly: what was not read stays queued for `--resume`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from station_app.clock import CHINA_TZ
from station_app.i18n import current_language, tr
from station_app.postbox import messages as _messages  # noqa: F401  (registers messages)

if TYPE_CHECKING:
    from station_app.postbox.collections import CollectionInfo


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "import-scans", parents=[common], help="import and OCR scanned letters (postbox)"
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders")
    p.add_argument("--collection", type=int, help="postbox collection id the letters came from")
    p.add_argument("--engine", choices=["rapidocr", "tesseract"], help="OCR engine")
    p.add_argument("--resume", action="store_true", help="continue an interrupted import")
    p.add_argument("--workers", type=int, help="OCR processes (default: one per core)")
    p.add_argument("--json", action="store_true", help="one JSON object per page on stdout")
    p.add_argument("--operator", help=tr("cli.operator_hint"))
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("postbox", help="postbox collections (chain of custody)")
    psub = p.add_subparsers(dest="postbox_command", metavar="ACTION", required=True)

    q = psub.add_parser("open", parents=[common], help="record an opening of a postbox")
    q.add_argument("--postbox", required=True, help="postbox code")
    q.add_argument("--witness", required=True, help="who witnessed the opening")
    q.add_argument("--letters", type=int, required=True, help="how many letters were in it")
    q.add_argument("--opened-at", help="ISO date and time (default: now)")
    q.add_argument("--note")
    q.add_argument("--operator", help=tr("cli.operator_hint"))
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_open)

    q = psub.add_parser("list", parents=[common], help="collections, newest first")
    q.add_argument("--open", action="store_true", help="only collections not yet closed")
    q.add_argument("--operator", help=tr("cli.operator_hint"))
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_list)

    q = psub.add_parser("letters", parents=[common], help="the letters of a collection")
    q.add_argument("collection", type=int)
    q.add_argument("--operator", help=tr("cli.operator_hint"))
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_letters)

    q = psub.add_parser("not-a-letter", parents=[common], help="mark a letter as not a suggestion")
    q.add_argument("letter", type=int, help="letter id (see `postbox letters`)")
    q.add_argument(
        "--reason", required=True, choices=["blank", "duplicate", "other_channel", "other"]
    )
    q.add_argument("--note", help="required with --reason other")
    q.add_argument("--operator", help=tr("cli.operator_hint"))
    q.set_defaults(func=cmd_not_a_letter)

    q = psub.add_parser("add-letter", parents=[common], help="a letter found later")
    q.add_argument("collection", type=int)
    q.add_argument("--operator", help=tr("cli.operator_hint"))
    q.set_defaults(func=cmd_add_letter)

    q = psub.add_parser("close", parents=[common], help="close a reconciled collection")
    q.add_argument("collection", type=int)
    q.add_argument("--operator", help=tr("cli.operator_hint"))
    q.set_defaults(func=cmd_close)


def _open(args: argparse.Namespace) -> tuple[Any, Any]:
    from station_app.cli_common import acting_operator, open_station

    station = open_station(args)
    return station, acting_operator(station, args)


def cmd_import(args: argparse.Namespace) -> int:
    from station_app.errors import StationError
    from station_app.ocr.intake import display_name
    from station_app.postbox.imports import ScanImport, resume

    station, actor = _open(args)
    kwargs: dict[str, Any] = {"workers": args.workers}
    if args.engine:
        kwargs["engine"] = args.engine
    if args.json:
        kwargs["on_page"] = lambda r: _print_json(r.to_dict())
        kwargs["on_duplicate"] = lambda path, sha: _print_json(
            {"file": str(path), "page": None, "status": "duplicate", "sha256": sha}
        )
    if args.resume:
        run = resume(station, actor, **kwargs)
        if run is None and not args.paths:
            print(tr("postbox.cli.nothing_pending"))
            return 0
    else:
        run = None
    if run is None:
        if not args.paths:
            raise StationError("postbox.error.no_files")
        run = ScanImport(
            station,
            actor,
            [Path(p) for p in args.paths],
            collection_id=args.collection,
            **kwargs,
        )
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    for sig in previous:
        signal.signal(sig, lambda *_: run.cancel())
    try:
        summary = run.run()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    out = sys.stderr if args.json else sys.stdout
    if summary.files == 0:
        raise StationError("postbox.error.no_files")
    print(
        tr(
            "postbox.cli.summary",
            files=summary.files,
            ok=summary.pages_ok,
            failed=summary.pages_failed,
            duplicates=summary.duplicates,
        ),
        file=out,
    )
    if not args.json:
        for r in summary.results:
            if r.status != "ok":
                zh, _, en = (r.message or r.reason or "").partition(" / ")
                msg = en if current_language() == "en" and en else zh
                print(
                    tr(
                        "postbox.cli.failed_line",
                        file=display_name(Path(r.file).name),
                        page=r.page + 1,
                        message=msg,
                    ),
                    file=out,
                )
    if summary.cancelled:
        print(tr("postbox.cli.cancelled", count=len(summary.unfinished)), file=out)
        return 130
    return 0


def _print_json(item: dict[str, Any]) -> None:
    """One object per line; a file name that is not UTF-8 or holds control characters is
    escaped (it would abort the print, or garble the terminal)."""
    from station_app.ocr.intake import display_name

    item["file"] = display_name(item["file"])
    print(json.dumps(item, ensure_ascii=False), flush=True)


def cmd_open(args: argparse.Namespace) -> int:
    from station_app.postbox.collections import open_collection

    station, actor = _open(args)
    if args.opened_at:
        opened = dt.datetime.fromisoformat(args.opened_at)
        if opened.tzinfo is None:
            opened = opened.replace(tzinfo=CHINA_TZ)
    else:
        opened = station.clock.now()
    info = open_collection(
        station,
        actor,
        postbox_code=args.postbox,
        opened_at=opened,
        witness=args.witness,
        letter_count=args.letters,
        note=args.note,
    )
    if args.json:
        print(json.dumps(_info_dict(info), ensure_ascii=False))
    else:
        print(tr("postbox.cli.opened", id=info.id, code=info.postbox_code, count=info.letter_count))
    return 0


def _info_dict(info: Any) -> dict[str, Any]:
    from dataclasses import asdict

    return {**asdict(info), "reconciled": info.reconciled}


def _collection_line(info: CollectionInfo) -> str:
    return tr(
        "postbox.cli.collection_line",
        id=info.id,
        code=info.postbox_code,
        opened_at=info.opened_at[:16].replace("T", " "),
        opener=info.opened_by_name,
        witness=info.witness,
        count=info.letter_count,
        recorded=info.recorded,
        not_suggestion=info.not_suggestion,
        pending=info.pending,
        state=tr("postbox.cli.state_closed" if info.closed else "postbox.cli.state_open"),
    )


def cmd_list(args: argparse.Namespace) -> int:
    from station_app.postbox.collections import list_collections

    station, actor = _open(args)
    items = list_collections(station, actor, open_only=args.open)
    if args.json:
        for info in items:
            print(json.dumps(_info_dict(info), ensure_ascii=False))
        return 0
    if not items:
        print(tr("postbox.cli.none"))
    for info in items:
        print(_collection_line(info))
    return 0


def cmd_letters(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from station_app.postbox.collections import get_collection, letters

    station, actor = _open(args)
    items = letters(station, actor, args.collection)
    if args.json:
        for letter in items:
            print(json.dumps(asdict(letter), ensure_ascii=False))
        return 0
    info = get_collection(station, actor, args.collection)
    print(_collection_line(info))
    for letter in items:
        detail = ""
        if letter.receipt_no:
            detail = f" {letter.receipt_no}"
        elif letter.reason_code:
            detail = f"（{tr('postbox.reason.' + letter.reason_code)}）"
        print(
            tr(
                "postbox.cli.letter_line",
                seq=letter.seq,
                id=letter.id,
                outcome=tr(f"postbox.outcome.{letter.outcome}"),
                detail=detail,
                pages=len(letter.pages),
            )
        )
    return 0


def cmd_not_a_letter(args: argparse.Namespace) -> int:
    from station_app.postbox.collections import mark_not_suggestion

    station, actor = _open(args)
    letter = mark_not_suggestion(station, actor, args.letter, args.reason, args.note)
    print(tr("postbox.cli.marked", seq=letter.seq, reason=tr(f"postbox.reason.{args.reason}")))
    return 0


def cmd_add_letter(args: argparse.Namespace) -> int:
    from station_app.postbox.collections import add_letter

    station, actor = _open(args)
    letter = add_letter(station, actor, args.collection)
    print(tr("postbox.cli.letter_added", seq=letter.seq))
    return 0


def cmd_close(args: argparse.Namespace) -> int:
    from station_app.postbox.collections import close_collection

    station, actor = _open(args)
    info = close_collection(station, actor, args.collection)
    print(tr("postbox.cli.closed", id=info.id))
    return 0
