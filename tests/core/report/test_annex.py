"""The data annex in CSV (a ZIP of CSV files), XLSX and ODS: readable back, cases named by
pseudonyms only, no cell a formula."""

from __future__ import annotations

import csv
import io
import re
import time
import zipfile
from dataclasses import replace
from xml.etree import ElementTree

import pytest
from odf import teletype  # type: ignore[import-untyped]
from odf.opendocument import load  # type: ignore[import-untyped]
from odf.table import Table, TableCell, TableRow  # type: ignore[import-untyped]
from openpyxl import load_workbook

from pinspect.report import AnnexFile, Report, ReportInputs, annex, build_report, pseudonym
from pinspect.report.spreadsheet import Sheet, ods_bytes
from pinspect.settings import Settings
from tests.core.report.scenarios import SECRET

SHEETS = [
    "about",
    "ratings",
    "key questions",
    "breakdowns",
    "outcomes",
    "survey",
    "case answers",
]
CSV_FILES = [
    "about.csv",
    "ratings.csv",
    "key-questions.csv",
    "breakdowns.csv",
    "outcomes.csv",
    "survey.csv",
    "case-answers.csv",
]
ODS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
ODS_MEDIA_TYPE = "application/vnd.oasis.opendocument.spreadsheet"


@pytest.fixture(scope="module")
def files(example_report: Report) -> dict[str, AnnexFile]:
    return {fmt: annex(example_report, fmt) for fmt in ("csv", "xlsx", "ods")}  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def xlsx(files: dict[str, AnnexFile]) -> dict[str, list[list[object]]]:
    return _xlsx_sheets(files["xlsx"].content)


@pytest.fixture(scope="module")
def csv_files(files: dict[str, AnnexFile]) -> dict[str, list[list[str]]]:
    return _csv_sheets(files["csv"].content)


def _csv_sheets(content: bytes) -> dict[str, list[list[str]]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {
            name: list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
            for name in archive.namelist()
        }


def _xlsx_sheets(content: bytes) -> dict[str, list[list[object]]]:
    workbook = load_workbook(io.BytesIO(content))
    return {
        sheet.title: [[cell.value for cell in row] for row in sheet.iter_rows()]
        for sheet in workbook.worksheets
    }


def _ods_sheets(content: bytes) -> dict[str, list[list[str]]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        root = ElementTree.fromstring(archive.read("content.xml"))
    sheets: dict[str, list[list[str]]] = {}
    for table in root.iter(f"{{{ODS}}}table"):
        rows = []
        for row in table.iter(f"{{{ODS}}}table-row"):
            cells = []
            for cell in row.iter(f"{{{ODS}}}table-cell"):
                cells.append("".join(p.text or "" for p in cell.iter(f"{{{TEXT}}}p")))
            rows.append(cells)
        sheets[table.get(f"{{{ODS}}}name") or ""] = rows
    return sheets


def _all_text(file: AnnexFile) -> str:
    """Every member of the file decompressed (XLSX and ODS are ZIPs too), as text."""
    with zipfile.ZipFile(io.BytesIO(file.content)) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8", errors="replace") for name in archive.namelist()
        )


def test_names_and_media_types(files: dict[str, AnnexFile]) -> None:
    assert files["csv"].filename == "inspection-of-probation-services-example-pdu-annex.zip"
    assert files["csv"].media_type == "application/zip"
    assert files["xlsx"].filename.endswith("-annex.xlsx")
    assert files["xlsx"].media_type == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert files["ods"].media_type == "application/vnd.oasis.opendocument.spreadsheet"


def test_every_format_holds_the_same_sheets_and_rows(
    files: dict[str, AnnexFile],
    xlsx: dict[str, list[list[object]]],
    csv_files: dict[str, list[list[str]]],
    example_report: Report,
) -> None:
    csv_sheets = csv_files
    xlsx_sheets = xlsx
    ods_sheets = _ods_sheets(files["ods"].content)
    assert list(csv_sheets) == CSV_FILES
    assert list(xlsx_sheets) == SHEETS
    assert list(ods_sheets) == SHEETS
    answers = len(example_report.case_answers)
    assert answers == 3780  # 60 cases × every key question and prompt of P2.1–P2.4
    assert len(csv_sheets["case-answers.csv"]) == answers + 1
    assert len(xlsx_sheets["case answers"]) == answers + 1
    assert len(ods_sheets["case answers"]) == answers + 1
    header = ["case", "sample", "question", "answer", "sex", "ethnicity", "age_band", "note"]
    assert csv_sheets["case-answers.csv"][0] == header
    assert xlsx_sheets["case answers"][0] == header
    assert ods_sheets["case answers"][0] == header


def test_the_ratings_sheet_reads_back_with_departures_and_their_reasons(
    xlsx: dict[str, list[list[object]]],
) -> None:
    rows = xlsx["ratings"]
    header = rows[0]
    by_id = {row[1]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert by_id[None]["name"] == "Overall rating for Example PDU"
    assert by_id["P1.2"]["rating"] == "Good"
    assert by_id["P1.2"]["computed_rating"] == "Requires improvement"
    assert str(by_id["P1.2"]["departure_reason"]).startswith("Staffing recovered")
    assert by_id["P2.2"]["rating"] == "Inadequate"
    assert [row[1] for row in rows[1:]][:3] == [None, "1", "P1.1"]


def test_the_key_questions_sheet_has_numbers_as_numbers(
    xlsx: dict[str, list[list[object]]],
) -> None:
    rows = xlsx["key questions"]
    header = rows[0]
    p222 = dict(zip(header, next(r for r in rows if r[2] == "P2.2.2"), strict=True))
    assert (p222["yes"], p222["no"], p222["percent"]) == (19, 41, 31.7)
    assert p222["band"] == "Minority"
    prompts = [r for r in rows if r[1] == "prompt"]
    assert prompts


def test_suppressed_groups_are_absent_from_the_breakdowns_sheet(
    csv_files: dict[str, list[list[str]]],
) -> None:
    rows = csv_files["breakdowns.csv"]
    groups = {(row[0], row[1]) for row in rows[1:]}
    assert ("ethnicity", "White") in groups
    assert ("sex × ethnicity", "Female, White") in groups
    assert not any("Mixed" in g or "Other" in g for _, g in groups)


def test_attribute_values_of_few_cases_are_suppressed_in_the_case_answers(
    csv_files: dict[str, list[list[str]]],
) -> None:
    """The example's 3 Mixed and 2 Other cases would be identifiable by their ethnicity."""
    rows = csv_files["case-answers.csv"]
    ethnicities = {row[5] for row in rows[1:]}
    assert ethnicities == {"White", "Black", "Asian", "suppressed"}


class TestPseudonymisedCases:
    """Case references never appear in an annex: only keyed pseudonyms."""

    def test_no_case_reference_appears_in_any_format(
        self, files: dict[str, AnnexFile], example_report_inputs: ReportInputs
    ) -> None:
        references = example_report_inputs.answers.cases
        assert references[0].startswith(SECRET)
        for file in files.values():
            text = _all_text(file)
            assert SECRET not in text
            bare = sorted(reference.removeprefix(SECRET) for reference in references)
            pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, bare)) + r")\b")
            assert pattern.search(text) is None

    def test_cases_are_named_by_their_pseudonyms(
        self, csv_files: dict[str, list[list[str]]], example_report_inputs: ReportInputs
    ) -> None:
        rows = csv_files["case-answers.csv"]
        named = {row[0] for row in rows[1:]}
        key = example_report_inputs.pseudonym_key
        assert named == {pseudonym(key, c) for c in example_report_inputs.answers.cases}

    def test_another_key_gives_other_pseudonyms_and_the_same_key_the_same(
        self, example_report_inputs: ReportInputs, example_report: Report
    ) -> None:
        again = build_report(example_report_inputs, settings=Settings())
        other = build_report(
            replace(example_report_inputs, pseudonym_key=b"another key"), settings=Settings()
        )
        first = {row.case for row in example_report.case_answers}
        assert first == {row.case for row in again.case_answers}
        assert not first & {row.case for row in other.case_answers}

    def test_rows_are_ordered_by_pseudonym_not_by_reference(self, example_report: Report) -> None:
        cases = [row.case for row in example_report.case_answers]
        assert cases == sorted(cases)


class TestFormulaInjection:
    """Text starting with = + - or @ (attribute values, recommendations) is never a formula."""

    FORMULAS = ("=1+1", "+44 20", "-3", "@SUM(A1)")

    def test_xlsx_has_no_formula_cell(self, files: dict[str, AnnexFile]) -> None:
        workbook = load_workbook(io.BytesIO(files["xlsx"].content))
        seen = set()
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                    if isinstance(cell.value, str) and cell.value.startswith("'"):
                        seen.add(cell.value)
        assert {"'" + f for f in self.FORMULAS} <= seen

    def test_ods_has_no_formula_and_types_text_as_text(self, files: dict[str, AnnexFile]) -> None:
        with zipfile.ZipFile(io.BytesIO(files["ods"].content)) as archive:
            content = archive.read("content.xml").decode("utf-8")
        assert "table:formula" not in content
        sheets = _ods_sheets(files["ods"].content)
        notes = {row[7] for row in sheets["case answers"][1:]}
        assert notes == {"'" + f for f in self.FORMULAS}
        root = ElementTree.fromstring(content)
        for cell in root.iter(f"{{{ODS}}}table-cell"):
            text = "".join(p.text or "" for p in cell.iter(f"{{{TEXT}}}p"))
            if text.startswith("'"):
                assert cell.get(f"{{{OFFICE}}}value-type") == "string"

    def test_csv_has_no_field_starting_a_formula(
        self, csv_files: dict[str, list[list[str]]]
    ) -> None:
        notes = {row[7] for row in csv_files["case-answers.csv"][1:]}
        assert notes == {"'" + f for f in self.FORMULAS}
        for name, rows in csv_files.items():
            for row in rows:
                for field in row:
                    assert not field.startswith(("=", "+", "-", "@")), (name, field)


def _ods_values(content: bytes) -> dict[str, list[list[object]]]:
    """The ODS read back by odfpy: numbers as numbers, text as text (white space elements
    expanded), empty cells as None, repeated cells expanded."""
    document = load(io.BytesIO(content))
    sheets: dict[str, list[list[object]]] = {}
    for table in document.spreadsheet.getElementsByType(Table):
        rows = []
        for row in table.getElementsByType(TableRow):
            cells: list[object] = []
            for cell in row.getElementsByType(TableCell):
                kind = cell.getAttribute("valuetype")
                value: object = None
                if kind == "float":
                    value = float(cell.getAttribute("value"))
                elif kind == "string":
                    value = teletype.extractText(cell)
                else:
                    assert kind is None, kind
                cells.extend([value] * int(cell.getAttribute("numbercolumnsrepeated") or 1))
            rows.append(cells)
        sheets[table.getAttribute("name")] = rows
    return sheets


class TestOpenDocumentPackage:
    """The ODS annex is written without a per-cell object model; it must still be a valid
    OpenDocument package holding exactly what the XLSX holds."""

    def test_the_mimetype_comes_first_uncompressed_and_the_manifest_lists_the_parts(
        self, files: dict[str, AnnexFile]
    ) -> None:
        with zipfile.ZipFile(io.BytesIO(files["ods"].content)) as archive:
            first = archive.infolist()[0]
            assert first.filename == "mimetype"
            assert first.compress_type == zipfile.ZIP_STORED
            assert first.extra == b""
            assert archive.read("mimetype") == ODS_MEDIA_TYPE.encode("ascii")
            assert archive.testzip() is None
            manifest = ElementTree.fromstring(archive.read("META-INF/manifest.xml"))
            entries = {
                e.get(f"{{{MANIFEST}}}full-path"): e.get(f"{{{MANIFEST}}}media-type")
                for e in manifest.iter(f"{{{MANIFEST}}}file-entry")
            }
            assert entries == {
                "/": ODS_MEDIA_TYPE,
                "content.xml": "text/xml",
                "styles.xml": "text/xml",
            }
            for name in entries:
                if name != "/":
                    ElementTree.fromstring(archive.read(name))  # well-formed XML

    def test_the_same_report_gives_the_same_bytes(
        self, files: dict[str, AnnexFile], example_report: Report
    ) -> None:
        assert annex(example_report, "ods").content == files["ods"].content

    def test_odfpy_reads_back_the_values_and_types_of_the_xlsx(
        self, files: dict[str, AnnexFile], xlsx: dict[str, list[list[object]]]
    ) -> None:
        ods = _ods_values(files["ods"].content)
        assert list(ods) == SHEETS
        for name in SHEETS:
            assert len(ods[name]) == len(xlsx[name]), name
            for ods_row, xlsx_row in zip(ods[name], xlsx[name], strict=True):
                # an empty text reads back from XLSX as an empty cell
                assert [None if v == "" else v for v in ods_row] == xlsx_row, name
        numbers = [v for rows in ods.values() for row in rows for v in row if type(v) is float]
        assert len(numbers) > 100  # counts and percentages are numbers, not text
        header = ods["key questions"][0]
        p222_row = next(r for r in ods["key questions"] if r[2] == "P2.2.2")
        p222 = dict(zip(header, p222_row, strict=True))
        assert (p222["yes"], p222["no"], p222["percent"]) == (19, 41, 31.7)

    def test_white_space_and_markup_in_text_read_back_unchanged(self) -> None:
        texts = ("a  b", " leading", "trailing ", "two\nlines", "tab\there", "<b>&amp;</b>")
        sheet = Sheet("notes", "notes", ("text", "number"), tuple((t, 1.5) for t in texts))
        content = ods_bytes([sheet])
        rows = _ods_values(content)["notes"]
        assert rows == [["text", "number"], *([t, 1.5] for t in texts)]
        # Spreadsheet programs collapse raw white space in a paragraph (ODF 1.2 §6.1.2), so
        # it must be written as <text:s/>, <text:tab/> and <text:line-break/> elements.
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            root = ElementTree.fromstring(archive.read("content.xml"))
        for paragraph in root.iter(f"{{{TEXT}}}p"):
            raw = [paragraph.text or "", *(child.tail or "" for child in paragraph)]
            assert not any(re.search(r"[\t\n\r]| {2}", part) for part in raw), raw
            assert not raw[0].startswith(" "), raw
            assert not raw[-1].endswith(" "), raw

    def test_a_control_character_does_not_corrupt_the_file(self) -> None:
        sheet = Sheet("notes", "notes", ("text",), (("bell\x07here",), ("=1+1",)))
        rows = _ods_values(ods_bytes([sheet]))["notes"]
        assert rows == [["text"], ["bell\ufffdhere"], ["'=1+1"]]

    def test_the_example_annex_is_written_in_well_under_a_second(
        self, example_report: Report
    ) -> None:
        """Writing it with an object per cell took 1.3-3 s; streamed, about 0.015 s."""
        start = time.perf_counter()
        annex(example_report, "ods")
        assert time.perf_counter() - start < 1.0
