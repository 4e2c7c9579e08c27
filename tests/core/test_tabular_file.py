"""One rule turns a spreadsheet cell into text, for every reader of user files."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

from pinspect.tabular_file import cell_text, read_tabular_file


def test_cell_text() -> None:
    assert cell_text(None) == ""
    assert cell_text(datetime(2026, 3, 1, 0, 0)) == "2026-03-01"
    assert cell_text(date(2026, 3, 1)) == "2026-03-01"
    assert cell_text(12.0) == "12"
    assert cell_text(12.5) == "12.5"
    assert cell_text("  yes ") == "yes"


def test_xlsx_date_cells_read_as_iso_dates(tmp_path: Path) -> None:
    """A case attribute typed as a date in a workbook reads as the long list reads it."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["case_id", "sentence_start"])
    sheet.append(["C1", datetime(2026, 3, 1)])
    path = tmp_path / "attributes.xlsx"
    workbook.save(path)
    data = read_tabular_file(path, required=("case_id",), extra=True)
    assert data.rows[0].get("sentence_start") == "2026-03-01"
