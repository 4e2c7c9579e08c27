"""Every file the web application writes for a spreadsheet program holds hostile text as text.

A CRN, team or case attribute that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return would run as a formula (or a DDE command: ``=cmd|' /C calc'!A0``) when the download is
opened. Each export goes through :func:`pinspect.text.spreadsheet_text`; these tests download
the sample key (CSV) and the data annex (a ZIP of CSV files, XLSX, ODS) and read each file
back with an independent reader: no cell starts a formula, and the hostile text is there with
its leading apostrophe. The core's own exports (``pinspect sample --out``, the annex built by
``pinspect report``) are read back in tests/core/test_exports_neutralised.py and
tests/core/report/test_annex_hostile_cells.py.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from odf import teletype  # type: ignore[import-untyped]
from odf.opendocument import load  # type: ignore[import-untyped]
from odf.table import Table, TableCell, TableRow  # type: ignore[import-untyped]
from openpyxl import load_workbook
from openpyxl.utils.escape import unescape

from pinspect.synthetic import synthetic_long_list
from pinspect.text import FORMULA_STARTS
from pinspect.web.inspections.models import Inspection, Membership
from tests.web.jobs import made_in_background
from tests.web.test_panel import at_panel  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

DDE = "=cmd|' /C calc'!A0"
HOSTILE = (DDE, "+44 20 7946 0000", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)", "\t=1+1", "\r=1+1")


def _long_list_with_hostile_values() -> bytes:
    """A long list in which every CRN is a DDE command and every team starts a formula."""
    records = synthetic_long_list(400, 23, date(2024, 6, 30))
    for number, record in enumerate(records):
        record["crn"] = f"{DDE}{number}"
        record["team"] = HOSTILE[1 + number % (len(HOSTILE) - 1)] + record["team"]
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=list(records[0]))
    writer.writeheader()
    writer.writerows(records)
    return stream.getvalue().encode()


def test_the_sample_key_writes_a_formula_crn_as_text(
    scenario: dict[str, Any], client_for: Any
) -> None:
    inspection = Inspection.objects.create(
        title="PDU one 2025",
        unit=scenario["fieldwork"].unit,
        framework_id="hmip-2023-pdu",
        window_start=date(2024, 1, 1),
        window_end=date(2024, 6, 30),
        status="set_up",
    )
    Membership.objects.create(inspection=inspection, user=scenario["users"]["lead"], role="lead")
    client = client_for("lead")
    data = _long_list_with_hostile_values()
    drawn = client.post(
        f"/samples/{inspection.pk}/draw/",
        {
            "file": SimpleUploadedFile("longlist.csv", data),
            "sample": "supervision",
            "sized_by": "given",
            "size": "20",
            "max_per_practitioner": "6",
            "reserve_percent": "20",
            "seed": "5",
        },
    )
    assert drawn.status_code == 302, drawn.content[:2000]
    key = client.post(
        f"/samples/{inspection.pk}/key/", {"file": SimpleUploadedFile("longlist.csv", data)}
    )
    assert key.status_code == 200
    rows = list(csv.reader(io.StringIO(key.content.decode("utf-8"), newline="")))
    fields = [field for row in rows[1:] for field in row]
    assert not [field for field in fields if field.startswith(FORMULA_STARTS)]
    crns = [row[rows[0].index("crn")] for row in rows[1:]]
    assert len(crns) >= 20
    assert all(crn.startswith("'" + DDE) for crn in crns)
    teams = {row[rows[0].index("team")][:2] for row in rows[1:]}
    assert all(team.startswith("'") for team in teams)


ANNEXED = (DDE, "@SUM(1+1)")


def _hostile_cases(inspection: Any) -> None:
    """The inspection's title and its unit's name, both typed by people, start formulas. (Case
    attributes reach the annex too, but the two cases here are under the small-number
    threshold and are written as 'suppressed'; the core test writes them.)"""
    inspection.title = ANNEXED[0]
    inspection.save()
    unit = inspection.unit
    unit.name = ANNEXED[1]
    unit.save()


def _expected() -> set[str]:
    return {"'" + value for value in ANNEXED}


# The job writes its heartbeat from a thread of its own: committed rows for every connection.
@pytest.mark.django_db(transaction=True)
def test_the_annex_csv_reads_back_as_text(at_panel: Any, client_for: Any) -> None:  # noqa: F811
    _hostile_cases(at_panel)
    response, content = made_in_background(client_for("qa"), f"/reports/{at_panel.pk}/annex/csv/")
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        fields = [
            field
            for name in archive.namelist()
            for row in csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"), newline=""))
            for field in row
        ]
    assert _expected() <= set(fields)
    assert not [field for field in fields if field.startswith(FORMULA_STARTS)]


# The job writes its heartbeat from a thread of its own: committed rows for every connection.
@pytest.mark.django_db(transaction=True)
def test_the_annex_xlsx_reads_back_as_text(at_panel: Any, client_for: Any) -> None:  # noqa: F811
    _hostile_cases(at_panel)
    response, content = made_in_background(client_for("qa"), f"/reports/{at_panel.pk}/annex/xlsx/")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(content))
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell for cell in cells if cell.data_type == "f"]
    texts = {unescape(str(cell.value)) for cell in cells if cell.data_type == "s"}
    assert _expected() <= texts
    assert not [text for text in texts if text.startswith((*FORMULA_STARTS, "_x"))]


# The job writes its heartbeat from a thread of its own: committed rows for every connection.
@pytest.mark.django_db(transaction=True)
def test_the_annex_ods_reads_back_as_text(at_panel: Any, client_for: Any) -> None:  # noqa: F811
    _hostile_cases(at_panel)
    response, content = made_in_background(client_for("qa"), f"/reports/{at_panel.pk}/annex/ods/")
    assert response.status_code == 200
    document = load(io.BytesIO(content))
    texts: set[str] = set()
    for table in document.spreadsheet.getElementsByType(Table):
        for row in table.getElementsByType(TableRow):
            for cell in row.getElementsByType(TableCell):
                assert not cell.getAttribute("formula")
                if cell.getAttribute("valuetype") == "string":
                    texts.add(teletype.extractText(cell))
    assert _expected() <= texts
    assert not [text for text in texts if text.startswith(FORMULA_STARTS)]
