"""End to end: an annex whose text cells are hostile spreadsheet input is written as CSV, XLSX
and ODS, and each file, read back by an independent reader, holds that text as text.

The hostile values are those OWASP lists for CSV injection (a DDE command, and text starting
with ``+``, ``-``, ``@``, a tab or a carriage return); every format goes through
:func:`pinspect.text.spreadsheet_text`, so each comes back with a leading apostrophe and is
never a formula."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from odf import teletype  # type: ignore[import-untyped]
from odf.opendocument import load  # type: ignore[import-untyped]
from odf.table import Table, TableCell, TableRow  # type: ignore[import-untyped]
from openpyxl import load_workbook
from openpyxl.utils.escape import unescape

from pinspect.frameworks import Catalogue
from pinspect.ratings.inputs import with_attributes
from pinspect.ratings.inspection import rate_inspection
from pinspect.report import ReportInputs, annex, build_report
from pinspect.report.spreadsheet import Sheet, xlsx_bytes
from pinspect.settings import Settings

HOSTILE = (
    "=cmd|' /C calc'!A0",
    "+44 20 7946 0000",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
)


@pytest.fixture(scope="module")
def written(
    example_report_inputs: ReportInputs, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """The example inspection with a case attribute ``note`` holding the hostile values (ten
    cases each, so none is suppressed as rare), its annex written in every format."""
    inputs = example_report_inputs
    table = inputs.answers
    notes = {c: HOSTILE[i % len(HOSTILE)] for i, c in enumerate(table.cases)}
    attributes = {
        a.name: {
            c: a.values[k] for c, k in zip(table.cases, a.codes.tolist(), strict=True) if k >= 0
        }
        for a in table.attributes
        if a.name != "note"
    }
    attributes["note"] = notes
    table = with_attributes(table, attributes)
    result = rate_inspection(
        inputs.framework,
        table,
        catalogue=inputs.catalogue or Catalogue([]),
        settings=Settings(simulation_draws=100),
        judged={
            s.id: s.rating
            for s in inputs.result.standards
            if s.rating is not None and s.rated_by.value == "judgement"
        },
        by=["sex"],
    )
    report = build_report(replace(inputs, answers=table, result=result), settings=Settings())
    directory = tmp_path_factory.mktemp("annex")
    paths = {}
    for fmt in ("csv", "xlsx", "ods"):
        made = annex(report, fmt)
        path = directory / made.filename
        path.write_bytes(made.content)
        paths[fmt] = path
    return paths


def _expected() -> set[str]:
    return {"'" + value for value in HOSTILE}


def test_csv_reads_back_as_text(written: dict[str, Path]) -> None:
    with zipfile.ZipFile(written["csv"]) as archive:
        fields = [
            field
            for name in archive.namelist()
            for row in csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"), newline=""))
            for field in row
        ]
    assert _expected() <= set(fields)
    assert not [f for f in fields if f.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_xlsx_reads_back_as_text(written: dict[str, Path]) -> None:
    workbook = load_workbook(written["xlsx"])
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    # A carriage return is stored as the escape _x000D_ (ECMA-376 ST_Xstring), which
    # spreadsheet programs decode; openpyxl leaves inline strings encoded.
    texts = {unescape(str(cell.value)) for cell in cells if cell.data_type == "s"}
    assert _expected() <= texts
    assert not [c for c in cells if c.data_type == "f"]
    assert not [t for t in texts if t.startswith(("=", "+", "-", "@", "\t", "\r", "_x"))]


def test_ods_reads_back_as_text(written: dict[str, Path]) -> None:
    document = load(str(written["ods"]))
    texts: set[str] = set()
    for table in document.spreadsheet.getElementsByType(Table):
        for row in table.getElementsByType(TableRow):
            for cell in row.getElementsByType(TableCell):
                assert not cell.getAttribute("formula")
                if cell.getAttribute("valuetype") == "string":
                    texts.add(teletype.extractText(cell))
    # ODF text holds a line break, not a carriage return (ODF 1.2 §6.1.5): it reads back as \n.
    assert {value.replace("\r", "\n") for value in _expected()} <= texts
    assert not [t for t in texts if t.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_xlsx_text_reads_back_exactly() -> None:
    """Text that looks like an escape, a carriage return, white space at either end, tabs and
    line feeds read back unchanged (escapes decoded as spreadsheet programs decode them);
    numbers as numbers; a control character as U+FFFD."""
    texts = ("_x0041_", "a\rb", "  lead", "trail ", "tab\there", "two\nlines", "<b>&amp;</b>")
    sheet = Sheet("notes", "notes", ("text", "number"), (*((t, 2.5) for t in texts), ("\x07", 3)))
    workbook = load_workbook(io.BytesIO(xlsx_bytes([sheet])))
    rows = [[c.value for c in row] for row in workbook.worksheets[0].iter_rows()]
    assert rows[0] == ["text", "number"]
    assert [unescape(str(r[0])) for r in rows[1:-1]] == list(texts)
    assert [r[1] for r in rows[1:]] == [2.5] * len(texts) + [3]
    assert rows[-1][0] == "\ufffd"
    assert workbook.worksheets[0].freeze_panes == "A2"
    assert workbook.worksheets[0]["A1"].font.b
