"""Postbox letters: chain of custody, scan import, watched folder, review (no Qt, no HTTP).

    collections.py  open / list / letters / not-a-suggestion / add / close (chain of custody)
    imports.py      ScanImport (files -> OCR pool -> encrypted storage), resume, could-not-read
    pages.py        pages after import: grouping into letters, images and text (re-exported
                    by imports.py)
    watch.py        the watched folder a scanner saves into
    review.py       review_item and confirm_letter (a letter becomes a suggestion)
    cli.py          `station-app import-scans` and `station-app postbox ...`

Roles: scanner and admin (`PERMISSIONS["postbox"]`); a volunteer is refused in the service.

Notes on the API as agreed (nothing renamed; additions only):
- PageRef has three extra fields at the end with defaults: image_sha256, collection_id,
  error_reason. FailedFile adds source_path, page, kept ("encrypted" | "scan" | "in_place")
  and sha256; `export_failed_file` and `dismiss_failed` go with it.
- CollectionInfo adds the property `closed`; collections.get_letter(station, actor, id).
- assign_pages returns the letter's pages (list[PageRef]) after the change.
- ScanImport takes optional `workers` and `page_timeout` (tests, CLI).
- mark_not_suggestion and reopen_letter return the LetterInfo after the change.
"""
