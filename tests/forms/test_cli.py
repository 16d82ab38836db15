"""`station-app forms print` and `import-scans --json` on a form, as a script uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from tests.forms.filled import FormSpec, render_filled
from tests.station_app.test_cli import run


@pytest.fixture
def data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    run(
        "init", "--code", "PT-CSL01", "--name", "长寿路街道人民建议征集工作站", "--district",
        "普陀区", "--street", "长寿路街道", "--admin", "王管理", "--admin-pin", "2468",
        "--data-dir", str(data),
    )  # fmt: skip
    return data


@pytest.mark.timeout(600)
def test_print_then_import_a_filled_form(data: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "forms.pdf"
    out = run("forms", "print", "-o", str(pdf), "--count", "2", "--data-dir", str(data))
    assert "00000001" in out.stdout and "00000002" in out.stdout
    doc = pdfium.PdfDocument(str(pdf))
    assert len(doc) == 2 and round(doc[0].get_width() / 72 * 25.4) == 210
    bad = run("forms", "print", "-o", str(pdf), "--count", "0", "--data-dir", str(data), ok=False)
    assert bad.returncode != 0 and "500" in bad.stderr + bad.stdout

    form = render_filled(FormSpec("cli", 2, paper="A4", dpi=200, turn=180, skew=-3.0))
    scan = tmp_path / f"form{form.suffix}"
    scan.write_bytes(form.data)
    out = run("import-scans", str(scan), "--json", "--workers", "1", "--data-dir", str(data))
    [page] = [json.loads(line) for line in out.stdout.splitlines()]
    found = page["form"]
    assert found["version"] == "F1" and found["serial"] == "00000002"
    assert found["duplicate"] is False and found["unknown_serial"] is False
    assert set(found["fields"]) == {
        "name", "phone", "address", "category", "feedback", "feedback_method", "consent",
        "suggestion", "date",
    }  # fmt: skip
    assert found["fields"]["phone"] == {
        "value": form.truth.phone,
        "confidence": found["fields"]["phone"]["confidence"],
        "doubtful": False,
    }
    assert page["text"] == found["fields"]["suggestion"]["value"]
