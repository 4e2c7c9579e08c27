"""``pinspect sample --out`` writes the drawn cases (a prepared sample for the web application)
with every value a spreadsheet program would take for a formula written as text.

The long list's CRNs are DDE commands (``=cmd|' /C calc'!A0``) and its teams start with ``+``,
``-``, ``@``, a tab or a carriage return; the CSV and XLSX files are read back with the csv
module and openpyxl: no cell is a formula or starts one, and each hostile value is there with a
leading apostrophe (:func:`pinspect.text.spreadsheet_text`).
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils.escape import unescape

from pinspect.cli import main
from pinspect.synthetic import synthetic_long_list, write_long_list_csv
from pinspect.text import FORMULA_STARTS

DDE = "=cmd|' /C calc'!A0"
STARTS = ("+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def hostile_long_list(tmp_path_factory: pytest.TempPathFactory) -> Path:
    records = synthetic_long_list(400, 31, date(2024, 6, 30))
    for number, record in enumerate(records):
        record["crn"] = f"{DDE}{number}"
        record["team"] = STARTS[number % len(STARTS)] + record["team"]
    path = tmp_path_factory.mktemp("hostile") / "longlist.csv"
    write_long_list_csv(records, path)
    return path


def _draw(long_list: Path, out: Path) -> None:
    argv = ["sample", str(long_list), "--seed", "8", "--today", "2024-06-30", "--out", str(out)]
    assert main(argv) == 0


def test_the_sample_csv_holds_formulas_as_text(
    hostile_long_list: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sample.csv"
    _draw(hostile_long_list, out)
    capsys.readouterr()
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    assert body
    assert not [field for row in body for field in row if field.startswith(FORMULA_STARTS)]
    assert all(row[header.index("crn")].startswith("'" + DDE) for row in body)
    assert all(row[header.index("team")].startswith("'") for row in body)


def test_the_sample_xlsx_holds_formulas_as_text(
    hostile_long_list: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sample.xlsx"
    _draw(hostile_long_list, out)
    capsys.readouterr()
    sheet = load_workbook(out).worksheets[0]
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert cells
    assert not [cell for cell in cells if cell.data_type == "f"]
    texts = [unescape(str(cell.value)) for cell in cells if cell.data_type == "s"]
    assert not [text for text in texts if text.startswith((*FORMULA_STARTS, "_x"))]
    crn = [cell.value for cell in sheet[1]].index("crn")
    assert all(str(row[crn].value).startswith("'" + DDE) for row in sheet.iter_rows(min_row=2))
