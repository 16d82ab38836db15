"""The receipt after saving: dialog contents, PDF export (text extractable, Chinese), QR."""

from __future__ import annotations

import unicodedata

import pypdfium2 as pdfium
from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import type_text


def test_save_shows_receipt_and_exports_pdf(qtbot, entry_form, tmp_path, monkeypatch):
    f = entry_form
    f.show_receipt = True
    f.category.setCurrentIndex(1)
    f.title.setFocus()
    type_text(qtbot, f.title, "加装电梯")
    f.content.setPlainText("我们楼里老人多，上下楼很不方便，希望加快加装电梯的审批。" * 3)
    with qtbot.waitSignal(f.saved, timeout=5000) as saved:
        f.save()
    rec = saved.args[0]
    dialog = f.last_receipt
    assert dialog is not None and dialog.isVisible()
    shown = dialog.view.toPlainText()
    assert rec.receipt_no in shown
    assert "李志愿" in shown and "长寿路街道人民建议征集工作站" in shown
    assert "021-62761234" in shown and "回执编号" in shown  # the station's phone, as set up
    assert "…" in shown  # the summary is cut at about 80 characters

    pdf = tmp_path / "receipt.pdf"
    assert dialog.export_to(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    doc = pdfium.PdfDocument(str(pdf))
    assert len(doc) == 1  # one A5 sheet (148 × 210 mm), to hand over the counter
    width, height = doc[0].get_size()
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (148, 210)
    text = "".join(page.get_textpage().get_text_range() for page in doc)
    doc.close()
    text = unicodedata.normalize("NFKC", text)
    assert rec.receipt_no in text
    assert "李志愿" in text and "建议" in text

    # a folder that is not there: said in plain words, nothing written, not "saved"
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    note = dialog.note.text()
    assert not dialog.export_to(tmp_path / "U盘" / "receipt.pdf")
    assert said == [
        f"没有保存：文件夹 {tmp_path / 'U盘'} 不存在或不能写入。请换一个文件夹（例如“文档”）再试一次。"
    ]
    assert dialog.note.text() == note
    assert not (tmp_path / "U盘").exists()

    with qtbot.waitSignal(dialog.finished):
        dialog.new_button.click()
    assert f.title.text() == ""


def test_qr_code_decodes_to_size():
    from ui.printing.receipt import qr_image

    image = qr_image("PT-CSL01-20261125-0001")
    assert not image.isNull() and image.width() == image.height() >= 100
