"""The questionnaire part of the campaign page (问卷征): the tally as bar charts, typing in
questionnaires, printing the paper questionnaire (print dialog or PDF, the receipts'
printing code) and the tally as XLSX (administrators; audited)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from station_app.services.campaigns import Campaign
from station_app.services.common import can
from station_app.services.questionnaires import export_tally_xlsx
from station_app.services.setup import station_info
from ui.context import AppContext, Change
from ui.errors import show_error
from ui.ops import WriteOp
from ui.widgets.tally_view import TallyView


class QuestionnaireBox(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QGroupBox | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Questionnaire tally"))
        self.ctx = ctx
        self.campaign: Campaign | None = None
        self.dialog = None
        self.tally = TallyView(ctx, self)
        self.enter_button = QPushButton(self.tr("&Type in questionnaires…"), self)
        self.enter_button.clicked.connect(self.enter)
        self.print_button = QPushButton(self.tr("&Print the questionnaire…"), self)
        self.print_button.clicked.connect(self.print_form)
        self.pdf_button = QPushButton(self.tr("Questionnaire as PDF…"), self)
        self.pdf_button.clicked.connect(self.ask_pdf)
        self.export_button = QPushButton(self.tr("E&xport the tally (XLSX)…"), self)
        self.export_button.clicked.connect(self.ask_export)
        self.export_button.setVisible(can(ctx.operator, "export"))
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setProperty("role", "hint")
        row = QHBoxLayout()
        for b in (self.enter_button, self.print_button):
            row.addWidget(b)
        row.addStretch(1)
        row2 = QHBoxLayout()
        for b in (self.pdf_button, self.export_button):
            row2.addWidget(b)
        row2.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.tally)
        lay.addLayout(row)
        lay.addLayout(row2)
        lay.addWidget(self.note)

    def show_campaign(self, campaign: Campaign | None, active: bool) -> None:
        self.campaign = campaign
        has_questions = campaign is not None and bool(campaign.questions)
        self.setVisible(has_questions)
        if not has_questions or campaign is None:
            return
        self.enter_button.setEnabled(active)
        self.tally.load(campaign.code)

    def reload(self) -> None:
        if self.campaign is not None and self.isVisible():
            self.tally.load(self.campaign.code)

    # typing in -----------------------------------------------------------------------------
    def enter(self) -> None:
        from ui.screens.questionnaire_entry import QuestionnaireDialog

        if self.campaign is None:
            return
        self.dialog = QuestionnaireDialog(self.ctx, self.campaign, self)
        self.dialog.open()

    # the paper form ------------------------------------------------------------------------
    def _document(self):  # noqa: ANN202
        from ui.printing.session_sheets import questionnaire_document

        assert self.campaign is not None
        return questionnaire_document(self.campaign, station_info(self.ctx.station))

    def print_form(self) -> None:
        from ui.printing.session_sheets import print_a4

        if self.campaign is None:
            return
        try:
            print_a4(self, self._document())
        except OSError as exc:
            show_error(self, exc)

    def ask_pdf(self) -> None:
        if self.campaign is None:
            return
        suggested = str(Path.home() / f"{self.campaign.title}.pdf")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Questionnaire as PDF"), suggested, self.tr("PDF files (*.pdf)")
        )
        if path:
            self.export_pdf(Path(path))

    def export_pdf(self, path: Path) -> bool:
        from ui.printing.session_sheets import export_a4_pdf

        assert self.campaign is not None
        try:
            export_a4_pdf(self._document(), self.campaign.title, path)
        except OSError as exc:
            show_error(self, exc)
            return False
        self.note.setText(self.tr("Saved to %1").replace("%1", str(path)))
        return True

    # the tally as XLSX -----------------------------------------------------------------------
    def ask_export(self) -> None:
        if self.campaign is None:
            return
        suggested = str(Path.home() / f"{self.campaign.title}-tally.xlsx")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the tally"), suggested, self.tr("Excel files (*.xlsx)")
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        assert self.campaign is not None
        station, actor, code = self.ctx.station, self.ctx.require_operator(), self.campaign.code
        WriteOp(  # the audit line only: no open view shows it
            self,
            changes=Change.NONE,
            op=lambda: export_tally_xlsx(station, actor, code, path),
            success=lambda n: self.note.setText(
                self.tr("%1 answer sets written to %2")
                .replace("%1", str(n))
                .replace("%2", str(path))
            ),
        ).failure(lambda exc: show_error(self, exc)).run_in_background()
