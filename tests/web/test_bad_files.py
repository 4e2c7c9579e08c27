"""Bad files uploaded to every page that takes a table: the long list of a draw, a prepared
sample, the units file, the survey's questions and responses. Each is refused with a form
error naming the file (and its line where the defect has one), a 400, and no table gains,
loses or changes a row. The suite runs on SQLite and PostgreSQL (``make test``); with the 80
bad requests of tests/web/test_bad_requests.py it makes the bad-input suite.

The files are generated in code (tests/bad_files.py) and read by the core's one reader of
tabular files (:mod:`pinspect.tabular_file`). An XLSX whose sheet declares a smaller dimension
than it holds is read completely: a bad row past the declared size is named by its line, and
a good file is stored whole.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from pinspect.synthetic import synthetic_long_list
from pinspect.web.assessments.models import SampledCase
from pinspect.web.inspections.models import Inspection, Membership
from pinspect.web.samples.models import SampleDraw
from tests.bad_files import (
    BadFile,
    Rows,
    csv_bytes,
    declared_dimension,
    generic_bad_files,
    xlsx_bytes,
)
from tests.web.test_bad_requests import CASES as BAD_REQUESTS
from tests.web.test_bad_requests import row_counts

pytestmark = pytest.mark.django_db

TODAY = date(2024, 6, 30)


def _long_list_rows(count: int) -> list[list[str]]:
    records = synthetic_long_list(count, 9, TODAY)
    header = list(records[0])
    return [header, *[[record[column] for column in header] for record in records]]


LONG_LIST = _long_list_rows(12)
_START = LONG_LIST[0].index("start_date")
PREPARED: Rows = [
    ["reference", "stratum", "reserve_rank"],
    ["P001", "female", ""],
    ["P002", "male_community_low", ""],
    ["P003", "female", "1"],
]
UNITS: Rows = [
    ["code", "name", "level", "parent"],
    ["N9", "Nation nine", "nation", ""],
    ["R9", "Region nine", "region", "N9"],
]
QUESTIONS: Rows = [
    ["id", "text", "options", "prompts"],
    ["Q1", "Can you get to your appointments easily?", "Yes|No", "P1.3.1.a"],
    ["Q2", "Does your practitioner listen to you?", "Always|Never", "P1.2.1.a"],
]
RESPONSES: Rows = [["Q1", "Q2"], ["Yes", "Always"], ["No", "Never"]]


@dataclass(frozen=True)
class Entry:
    """A page that takes a table file: where it is, who may use it, its form, its good rows."""

    name: str
    path: str  # {setup} or {fieldwork} filled in
    user: str
    field: str
    rows: Rows
    form: Callable[[SimpleUploadedFile], dict[str, Any]]
    bad_files: list[BadFile]


def _draw_form(upload: SimpleUploadedFile) -> dict[str, Any]:
    return {
        "file": upload,
        "sample": "supervision",
        "sized_by": "confidence",
        "confidence": "80",
        "margin": "5",
        "max_per_practitioner": "6",
        "reserve_percent": "20",
        "seed": "4242",
    }


def _survey_form(field: str) -> Callable[[SimpleUploadedFile], dict[str, Any]]:
    def form(upload: SimpleUploadedFile) -> dict[str, Any]:
        good = {
            "questions": SimpleUploadedFile("questions.csv", csv_bytes(QUESTIONS)),
            "responses": SimpleUploadedFile("responses.csv", csv_bytes(RESPONSES)),
        }
        return {**good, field: upload, "title": "Survey of people on probation"}

    return form


def _without(files: list[BadFile], *names: str) -> list[BadFile]:
    return [bad for bad in files if bad.name not in names]


ENTRIES = [
    Entry(
        "long list",
        "/samples/{setup}/draw/",
        "lead",
        "file",
        LONG_LIST,
        _draw_form,
        # Unknown columns are kept as case attributes; a blank value is for eligibility to
        # report (see docs/sampling.md), so those two are not refusals of a long list.
        _without(
            generic_bad_files(
                LONG_LIST,
                bad_row=[*LONG_LIST[-1][:_START], "not a date", *LONG_LIST[-1][_START + 1 :]],
                bad_row_says="start_date",
                blank_first_says="",
            ),
            "unknown column",
            "formula without a saved value",
        ),
    ),
    Entry(
        "prepared sample",
        "/samples/{setup}/prepared/",
        "lead",
        "file",
        PREPARED,
        lambda upload: {"file": upload},
        generic_bad_files(
            PREPARED,
            bad_row=["P003", "female", "x"],
            bad_row_says="a reserve rank is a whole number",
            blank_first_says="a reference is required",
        ),
    ),
    Entry(
        "units",
        "/units/import/",
        "staff",
        "file",
        UNITS,
        lambda upload: {"file": upload},
        generic_bad_files(
            UNITS,
            bad_row=["R9", "Region nine", "county", "N9"],
            bad_row_says="'county' is not a level",
            blank_first_says="the code is empty",
        ),
    ),
    Entry(
        "survey questions",
        "/evidence/{fieldwork}/survey/import/",
        "lead",
        "questions",
        QUESTIONS,
        _survey_form("questions"),
        _without(
            generic_bad_files(
                QUESTIONS,
                bad_row=["Q 2!", "Listened to?", "Always|Never", "P1.2.1.a"],
                bad_row_says="is not a question id",
                blank_first_says="the question has no id",
            ),
            # the same checks as the questions file; a few of them for the responses below
        ),
    ),
    Entry(
        "survey responses",
        "/evidence/{fieldwork}/survey/import/",
        "lead",
        "responses",
        RESPONSES,
        _survey_form("responses"),
        [
            bad
            for bad in generic_bad_files(
                RESPONSES,
                bad_row=["Maybe", "Always"],
                bad_row_says="'Maybe' is not a response to Q1",
                blank_first_says="",
            )
            if bad.name
            in {
                "Latin-1 CSV",
                "UTF-16 CSV",
                "NUL in a CSV cell",
                "zip bomb",
                "wrong declared dimension, a bad row past it",
                "CSV field over the csv module's limit",
                "duplicate column",
                "missing column",
            }
        ],
    ),
]
BAD_FILES = [(entry, bad) for entry in ENTRIES for bad in entry.bad_files]


@pytest.fixture
def setup(scenario: dict[str, Any]) -> Any:
    """An inspection of PDU one in set-up with the scenario's team and no sample."""
    inspection = Inspection.objects.create(
        title="PDU one 2025",
        unit=scenario["fieldwork"].unit,
        framework_id="hmip-2023-pdu",
        window_start=date(2024, 1, 1),
        window_end=date(2024, 6, 30),
        status="set_up",
    )
    for role in ("admin", "lead", "inspector", "qa"):
        Membership.objects.create(inspection=inspection, user=scenario["users"][role], role=role)
    return inspection


@pytest.fixture
def post_as(
    scenario: dict[str, Any], setup: Any, make_user: Any
) -> Callable[[Entry, str, bytes], Callable[[], Any]]:
    users = {**scenario["users"], "staff": make_user("staff", is_staff=True)}
    ids = {"setup": setup.pk, "fieldwork": scenario["fieldwork"].pk}

    def prepare(entry: Entry, name: str, data: bytes) -> Callable[[], Any]:
        """Sign in first (that writes a session), then the upload itself."""
        client = Client()
        client.force_login(users[entry.user])
        body = entry.form(SimpleUploadedFile(name, data))
        return lambda: client.post(entry.path.format(**ids), body)

    return prepare


def test_there_are_at_least_forty_bad_files_and_120_bad_inputs() -> None:
    assert len(BAD_FILES) >= 40
    assert len(BAD_FILES) + len(BAD_REQUESTS) >= 120
    assert len({(entry.name, bad.name) for entry, bad in BAD_FILES}) == len(BAD_FILES)


@pytest.mark.parametrize(
    ("entry", "bad"), BAD_FILES, ids=[f"{entry.name}: {bad.name}" for entry, bad in BAD_FILES]
)
def test_a_bad_file_is_refused_by_name_and_line_and_changes_nothing(
    entry: Entry, bad: BadFile, post_as: Callable[[Entry, str, bytes], Callable[[], Any]]
) -> None:
    name = f"{entry.field}{bad.suffix}"
    upload = post_as(entry, name, bad.build(entry.rows))
    before = row_counts()
    response = upload()
    after = row_counts()

    assert response.status_code == 400, response.content[:600]
    page = html.unescape(response.content.decode("utf-8", "replace"))
    assert "govuk-error-summary" in page
    if bad.name.startswith("empty"):
        # Django's file field refuses an empty upload before the reader sees it.
        assert "The submitted file is empty" in page
    else:
        where = name if bad.line is None else f"{name}:{bad.line}"
        assert where in page, page[:3000]
        assert bad.says in page, page[:3000]
    assert "Traceback" not in page
    assert {table: count for table, count in after.items() if before[table] != count} == {}


def test_a_long_list_declaring_three_rows_is_drawn_from_all_300(
    setup: Any, post_as: Callable[[Entry, str, bytes], Callable[[], Any]]
) -> None:
    """The issue's own case: 300 people in a sheet that declares ``A1:M3``."""
    data = declared_dimension(xlsx_bytes(_long_list_rows(300)), "A1:M3")
    response = post_as(ENTRIES[0], "longlist.xlsx", data)()
    assert response.status_code == 302, response.content[:600]
    assert SampleDraw.objects.get(inspection=setup).population == 300


def test_a_prepared_sample_declaring_two_rows_is_stored_whole(
    setup: Any, post_as: Callable[[Entry, str, bytes], Callable[[], Any]]
) -> None:
    rows = [
        ["reference", "stratum"],
        *[[f"P{n:03d}", "female"] for n in range(1, 11)],
    ]
    data = declared_dimension(xlsx_bytes(rows), "A1:B2")
    response = post_as(ENTRIES[1], "prepared.xlsx", data)()
    assert response.status_code == 302, response.content[:600]
    stored = SampledCase.objects.filter(inspection=setup).values_list("reference", flat=True)
    assert sorted(stored) == [row[0] for row in rows[1:]]


def test_units_from_a_workbook_with_a_byte_order_marked_twin(
    post_as: Callable[[Entry, str, bytes], Callable[[], Any]],
) -> None:
    """The one reader takes units as CSV with a byte-order mark, or as a workbook."""
    from pinspect.web.organisations.models import Unit  # noqa: PLC0415

    bom = post_as(ENTRIES[2], "units.csv", b"\xef\xbb\xbf" + csv_bytes(UNITS))()
    assert bom.status_code == 302
    book = post_as(
        ENTRIES[2], "units.xlsx", xlsx_bytes([*UNITS, ["R8", "Region eight", "region", "N9"]])
    )()
    assert book.status_code == 302
    assert set(Unit.objects.filter(code__in=("N9", "R9", "R8")).values_list("code", flat=True)) == {
        "N9",
        "R9",
        "R8",
    }
