"""Reading long lists: columns, mapping, codes, and every problem reported together."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from pinspect.problems import InputError
from pinspect.sampling import (
    REQUIRED_COLUMNS,
    Rosh,
    SentenceType,
    Sex,
    Stratification,
    load_column_mapping,
    read_long_list,
)
from pinspect.sampling.codes import parse_date, parse_rosh, parse_sentence_type, parse_sex
from tests.core.sampling.factories import row

DEFAULT_REQUIRED = (*REQUIRED_COLUMNS, *Stratification().required_columns)


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as stream:
        fields = list(dict.fromkeys(key for r in rows for key in r))
        writer = csv.DictWriter(stream, fieldnames=fields, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.mark.parametrize(
    ("code", "expected"),
    [("RLRH", Rosh.LOW), ("rmrh", Rosh.MEDIUM), ("RHRH", Rosh.HIGH), ("RVRH", Rosh.VERY_HIGH),
     ("Very High", Rosh.VERY_HIGH), ("", None)],
)  # fmt: skip
def test_rosh_codes(code: str, expected: Rosh | None) -> None:
    assert parse_rosh(code) is expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [("CO", SentenceType.COMMUNITY_ORDER), ("SSO", SentenceType.SUSPENDED_SENTENCE_ORDER),
     ("LIC", SentenceType.LICENCE), ("PSS", SentenceType.POST_SENTENCE_SUPERVISION),
     ("Community Order", SentenceType.COMMUNITY_ORDER),
     ("post sentence supervision", SentenceType.POST_SENTENCE_SUPERVISION)],
)  # fmt: skip
def test_sentence_type_codes(code: str, expected: SentenceType) -> None:
    assert parse_sentence_type(code) is expected


def test_post_custody_is_licence_and_pss() -> None:
    assert {t for t in SentenceType if t.is_post_custody} == {
        SentenceType.LICENCE,
        SentenceType.POST_SENTENCE_SUPERVISION,
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [("M", Sex.MALE), ("female", Sex.FEMALE), ("", Sex.NOT_RECORDED),
     ("Not known", Sex.NOT_RECORDED), ("Other", Sex.OTHER), ("X", Sex.OTHER)],
)  # fmt: skip
def test_sex_is_never_a_problem(value: str, expected: Sex) -> None:
    assert parse_sex(value) is expected


def test_unknown_codes_raise() -> None:
    with pytest.raises(ValueError, match="RoSH"):
        parse_rosh("RXRH")
    with pytest.raises(ValueError, match="sentence type"):
        parse_sentence_type("XYZ")


@pytest.mark.parametrize("text", ["2024-03-05", "05/03/2024", "05-03-2024", "5 Mar 2024",
                                  "2024-03-05 00:00:00"])  # fmt: skip
def test_date_formats(text: str) -> None:
    assert parse_date(text) == date(2024, 3, 5)


def test_reads_csv_with_attributes(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ll.csv", [row("A1", ethnicity="White"), row("A2")])
    ll = read_long_list(path, required_columns=DEFAULT_REQUIRED)
    assert [c.crn for c in ll.cases] == ["A1", "A2"]
    assert [c.line for c in ll.cases] == [2, 3]
    assert ll.value(ll.cases[0], "ethnicity") == "White"
    assert ll.cases[0].rosh is Rosh.LOW
    assert ll.cases[0].start_date == date(2024, 1, 1)


def test_reads_xlsx(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    rows = [row("A1"), row("A2", start_date="2024-02-01")]
    sheet.append(list(rows[0]))
    for r in rows:
        values: list[object] = list(r.values())
        values[8] = date.fromisoformat(r["start_date"])  # a real spreadsheet date
        sheet.append(values)
    path = tmp_path / "ll.xlsx"
    workbook.save(path)
    ll = read_long_list(path, required_columns=DEFAULT_REQUIRED)
    assert [c.start_date for c in ll.cases] == [date(2024, 1, 1), date(2024, 2, 1)]


def test_mapping_file_renames_columns(tmp_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text("Case Reference Number: crn\nOffender Manager: practitioner\n")
    source = {"Case Reference Number" if k == "crn" else k: v for k, v in row("A1").items()}
    source = {"Offender Manager" if k == "practitioner" else k: v for k, v in source.items()}
    path = write_csv(tmp_path / "ll.csv", [source])
    ll = read_long_list(
        path, mapping=load_column_mapping(mapping), required_columns=DEFAULT_REQUIRED
    )
    assert ll.cases[0].crn == "A1"
    assert ll.cases[0].practitioner == "P1"


def test_bad_mapping_file(tmp_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text("- just\n- a list\n")
    with pytest.raises(InputError) as caught:
        load_column_mapping(mapping)
    assert caught.value.problems[0].file == str(mapping)


def test_all_problems_reported_together(tmp_path: Path) -> None:
    rows = [row("A1", start_date="yesterday"), row("A2"), row("A3", rosh="RXRH")]
    path = write_csv(tmp_path / "ll.csv", rows)
    with pytest.raises(InputError) as caught:
        read_long_list(path, required_columns=DEFAULT_REQUIRED)
    found = {(p.line, p.field) for p in caught.value.problems}
    assert found == {(2, "start_date"), (4, "rosh")}


def test_missing_required_column(tmp_path: Path) -> None:
    rows = [{k: v for k, v in row("A1").items() if k != "team"}]
    path = write_csv(tmp_path / "ll.csv", rows)
    with pytest.raises(InputError) as caught:
        read_long_list(path, required_columns=DEFAULT_REQUIRED)
    problem = caught.value.problems[0]
    assert (problem.line, problem.field) == (1, "team")
    assert "missing" in problem.message


def test_sensitive_records_marked(tmp_path: Path) -> None:
    rows = [row("A1", first_name="****"), row("A2", sensitive="Y"), row("A3", sensitive="")]
    ll = read_long_list(write_csv(tmp_path / "ll.csv", rows), required_columns=DEFAULT_REQUIRED)
    assert [c.sensitive for c in ll.cases] == [True, True, False]


def test_unknown_codes_ignored_when_not_needed(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ll.csv", [row("A1", rosh="??")])
    ll = read_long_list(path, required_columns=REQUIRED_COLUMNS)
    assert ll.cases[0].rosh is None


def test_blank_rows_skipped_and_lines_kept(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ll.csv", [row("A1"), dict.fromkeys(row("x"), ""), row("A3")])
    ll = read_long_list(path, required_columns=DEFAULT_REQUIRED)
    assert [(c.crn, c.line) for c in ll.cases] == [("A1", 2), ("A3", 4)]


def test_multiline_value_lines(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ll.csv", [row("A1", note="two\nlines"), row("A2")])
    ll = read_long_list(path, required_columns=DEFAULT_REQUIRED)
    assert [c.line for c in ll.cases] == [3, 4]


def test_for_sample_filters_by_sample_column(tmp_path: Path) -> None:
    rows = [row("A1", sample="supervision"), row("A2", sample="Unpaid work")]
    ll = read_long_list(write_csv(tmp_path / "ll.csv", rows), required_columns=DEFAULT_REQUIRED)
    kept, others = ll.for_sample("unpaid  work")
    assert [c.crn for c in kept.cases] == ["A2"]
    assert others == 1


def test_short_long_and_blank_rows_as_the_csv_module_reads_them(tmp_path: Path) -> None:
    """A short row is padded, a long row's extra values dropped; a row with values only
    beyond the header is still a case (to be reported, not silently dropped); a blank
    line is skipped with its number."""
    header = ",".join(row("x"))
    full = ",".join(row("A4").values())
    path = tmp_path / "ll.csv"
    path.write_text(f"{header}\nA2,,F\n\n{',' * 13}x\n{full},extra\n", encoding="utf-8")
    ll = read_long_list(path, required_columns=DEFAULT_REQUIRED)
    assert [(c.line, c.crn) for c in ll.cases] == [(2, "A2"), (4, ""), (5, "A4")]
    assert ll.cases[0].values == ("A2", "", "F", *[""] * 10)
    assert ll.cases[2].values == tuple(row("A4").values())


def test_equal_values_share_one_string(tmp_path: Path) -> None:
    """Equal values of a column of few values are one object (the read stays small); the
    values themselves are exactly as written, spaces included."""
    rows = [row(f"A{i}", team=" Team 1 ") for i in range(3)]
    ll = read_long_list(write_csv(tmp_path / "ll.csv", rows), required_columns=DEFAULT_REQUIRED)
    teams = [c.team for c in ll.cases]
    assert teams == ["Team 1"] * 3
    assert teams[0] is teams[1] is teams[2]
    assert [c.values[11] for c in ll.cases] == [" Team 1 "] * 3
    assert ll.cases[0].crn is not ll.cases[1].crn


def test_a_case_kind_flag_that_is_not_yes_or_no_is_named_by_line(tmp_path: Path) -> None:
    """003 Annexe A §3: ``unpaid_work_only`` and ``no_rehabilitative_requirements`` are yes or
    no, or blank (not recorded); anything else is refused on its line, on the columnar path."""
    rows = [
        row("A1", unpaid_work_only="yes", no_rehabilitative_requirements=""),
        row("A2", unpaid_work_only="perhaps", no_rehabilitative_requirements="no"),
        row("A3", unpaid_work_only="", no_rehabilitative_requirements="sometimes"),
    ]
    path = write_csv(tmp_path / "ll.csv", rows)
    with pytest.raises(InputError) as caught:
        read_long_list(path, required_columns=DEFAULT_REQUIRED)
    found = {(p.line, p.field) for p in caught.value.problems}
    assert found == {(3, "unpaid_work_only"), (4, "no_rehabilitative_requirements")}
