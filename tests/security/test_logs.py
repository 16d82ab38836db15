"""Logs and crash reports carry no personal data."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from station_app.logs import crash_report, install_crash_logger, scrub, setup_logging

from .helpers import MARK_ADDRESS, MARK_NAME, MARK_PHONE


def test_scrub_masks_phones_ids_and_chinese_text() -> None:
    text = f"saving {MARK_NAME} {MARK_PHONE} {MARK_ADDRESS} 021-62345678 31010119800101123X"
    out = scrub(text)
    for secret in (MARK_NAME, MARK_PHONE, MARK_ADDRESS, "62345678", "31010119800101123X"):
        assert secret not in out


def test_crash_report_has_no_locals_and_is_scrubbed(tmp_path: Path, capsys) -> None:
    def failing(phone: str) -> None:
        secret_local = MARK_NAME  # noqa: F841  (a local that must not appear)
        raise ValueError(f"bad phone {phone} for {MARK_ADDRESS}")

    try:
        failing(MARK_PHONE)
    except ValueError:
        report = crash_report(*sys.exc_info())
    assert "failing" in report and "ValueError" in report
    for secret in (MARK_NAME, MARK_PHONE, MARK_ADDRESS):
        assert secret not in report

    setup_logging(tmp_path / "logs")
    old = sys.excepthook
    install_crash_logger()
    try:
        try:
            failing(MARK_PHONE)
        except ValueError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old
        for h in logging.getLogger().handlers:
            h.flush()
    logged = (tmp_path / "logs" / "station.log").read_text(encoding="utf-8")
    err = capsys.readouterr().err
    assert "ValueError" in logged
    for secret in (MARK_NAME, MARK_PHONE, MARK_ADDRESS):
        assert secret not in logged and secret not in err
