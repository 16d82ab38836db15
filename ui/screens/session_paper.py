"""The paper side of a group session (`SessionScreen.paper`): the session's receipts on one
A4 sheet (print dialog or PDF, `ui/printing/session_sheets.py`) and the signed attendee sheet
stored as a scan (`sessions.attach_sheet`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from station_app.services.sessions import (
    SessionInfo,
    attach_sheet,
    get_session,
    session_receipts,
)
from ui.context import Change
from ui.errors import show_error
from ui.ops import WriteOp

if TYPE_CHECKING:
    from ui.screens.sessions import SessionScreen


class SessionPaper(QObject):
    def __init__(self, screen: SessionScreen) -> None:
        super().__init__(screen)
        self.screen = screen
        self.ctx = screen.ctx
        self.receipts_printed: list[str] = []  # receipt numbers on the last sheet made
        self.dialog: QObject | None = None

    @property
    def session(self) -> SessionInfo | None:
        return self.screen.session

    def _receipts_doc(self):  # noqa: ANN202
        from ui.printing.session_sheets import receipts_document

        assert self.session is not None
        receipts = session_receipts(self.ctx.station, self.session.id)
        self.receipts_printed = [r.receipt_no for r in receipts]
        phone = self.screen.info.phone if self.screen.info is not None else ""
        return receipts_document(get_session(self.ctx.station, self.session.id), receipts,
                                 self.screen.info, phone)  # fmt: skip

    def print_receipts(self) -> None:
        if self.session is None:
            return
        from ui.printing.session_sheets import print_a4

        try:
            print_a4(self.screen, self._receipts_doc())
        except OSError as exc:
            show_error(self.screen, exc)

    def ask_pdf(self) -> None:
        if self.session is None:
            return
        suggested = str(Path.home() / f"{self.session.topic}.pdf")
        path, _ = QFileDialog.getSaveFileName(
            self.screen, self.tr("Receipts as PDF"), suggested, self.tr("PDF files (*.pdf)")
        )
        if path:
            self.export_pdf(Path(path))

    def export_pdf(self, path: Path) -> bool:
        from ui.printing.session_sheets import export_a4_pdf

        assert self.session is not None
        try:
            export_a4_pdf(self._receipts_doc(), self.session.topic, path)
        except OSError as exc:
            show_error(self.screen, exc)
            return False
        self.screen.status.setText(self.tr("Saved to %1").replace("%1", str(path)))
        return True

    def enter_questionnaires(self) -> None:
        """The session's campaign questionnaires, typed in as handed back at the session."""
        from station_app.services.campaigns import get_campaign
        from ui.screens.questionnaire_entry import QuestionnaireDialog

        session = self.session
        if session is None or not session.campaign_code:
            return
        campaign = get_campaign(self.ctx.station, session.campaign_code)
        if campaign is None or not campaign.questions:
            self.screen.status.setText(self.tr("The session's campaign has no questionnaire."))
            return
        self.dialog = QuestionnaireDialog(self.ctx, campaign, self.screen, session_id=session.id)
        self.dialog.open()

    def ask_sheet(self) -> None:
        if self.session is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self.screen,
            self.tr("Attach the signed sign-in sheet"),
            str(Path.home()),
            self.tr("Scans (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)"),
        )
        if path:
            self.attach(Path(path))

    def attach(self, path: Path) -> None:
        assert self.session is not None
        station, actor, sid = self.ctx.station, self.ctx.require_operator(), self.session.id

        def op() -> str:
            return attach_sheet(station, actor, sid, path.read_bytes(), path.name)

        # no open view shows the sheet: nothing to announce
        WriteOp(self.screen, op=op, success=lambda _sha: self.screen.status.setText(
            self.tr("Sign-in sheet stored: %1").replace("%1", path.name)), changes=Change.NONE)\
            .failure(lambda exc: show_error(self.screen, exc)).run_in_background()  # fmt: skip
