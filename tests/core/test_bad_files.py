"""Bad files on the command line: every one refused with exit status 2, a message naming the file
(and its line where the defect has one), nothing on stdout; and the reader's own guarantees:
an XLSX read by its real rows whatever its declared dimension, a zip bomb refused in bounded
memory, caps from the settings, a byte-order mark read past, openpyxl imported only for XLSX.

The files are generated in code (tests/bad_files.py). ``pinspect sample`` reads long lists,
``pinspect rate`` case answers and ``pinspect national`` national files, each through the one
reader of tabular files (:mod:`pinspect.tabular_file`).
"""

from __future__ import annotations

import subprocess
import sys
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from pinspect.cli import main
from pinspect.problems import InputError
from pinspect.sampling import read_long_list
from pinspect.settings import Settings
from pinspect.synthetic import synthetic_long_list
from pinspect.tabular_file import FileLimits, read_tabular_file, table_rows
from tests.bad_files import (
    BadFile,
    Rows,
    csv_bytes,
    declared_dimension,
    generic_bad_files,
    xlsx_bytes,
    zip_bomb,
)

TODAY = date(2024, 6, 30)
EXAMPLES = Path(__file__).parents[2] / "src" / "pinspect" / "examples"


def _long_list_rows(count: int = 12) -> list[list[str]]:
    records = synthetic_long_list(count, 5, TODAY)
    header = list(records[0])
    return [header, *[[record[column] for column in header] for record in records]]


LONG_LIST = _long_list_rows()
_START = LONG_LIST[0].index("start_date")
LONG_LIST_BAD_ROW = [
    *LONG_LIST[-1][:_START],
    "not a date",
    *LONG_LIST[-1][_START + 1 :],
]
CASES: Rows = [
    ["case_id", "question", "answer"],
    ["C001", "P2.1.1", "yes"],
    ["C001", "P2.1.2", "no"],
    ["C002", "P2.1.1", "yes"],
]
NATIONAL_INSPECTIONS: Rows = [
    ["inspection", "framework", "region"],
    ["A", "hmip-2023-pdu", "North"],
    ["B", "hmip-2023-pdu", "South"],
]

# The long list keeps columns it does not know as case attributes, and a blank value is for
# eligibility to report, not the reader: those two defects are not refusals there. Its CSV
# path is the fast one (sampling/longlist.py): encoding, byte-order mark, NUL bytes, the csv
# module's field limit and the row cap are checked there, cells per row and characters per
# cell only in a workbook.
NOT_REFUSED_IN_A_LONG_LIST = {
    "unknown column",
    "formula without a saved value",
    "CSV row of 1,001 cells",
    "cell over max_cell_length in CSV",
}
SAMPLE_FILES = [
    bad
    for bad in generic_bad_files(
        LONG_LIST, bad_row=LONG_LIST_BAD_ROW, bad_row_says="start_date", blank_first_says=""
    )
    if bad.name not in NOT_REFUSED_IN_A_LONG_LIST
]
RATE_FILES = generic_bad_files(
    CASES,
    bad_row=["C002", "P2.1.2", "perhaps"],
    bad_row_says="'perhaps' is not an answer",
    blank_first_says="the case id is empty",
)
# The national inspections file: a few of the classes, through a third command.
NATIONAL_NAMES = {
    "Latin-1 CSV",
    "UTF-16 CSV",
    "zip bomb",
    "wrong declared dimension, a bad row past it",
    "NUL in a CSV cell",
    "cell over max_cell_length in XLSX",
}
NATIONAL_FILES = [
    bad
    for bad in generic_bad_files(
        NATIONAL_INSPECTIONS,
        bad_row=["B", "hmip-1999-pdu", "South"],
        bad_row_says="hmip-1999-pdu",
        blank_first_says="",
    )
    if bad.name in NATIONAL_NAMES
]


def _refused(capsys: pytest.CaptureFixture[str], bad: BadFile, name: str, argv: list[str]) -> str:
    status = main(argv)
    captured = capsys.readouterr()
    assert status == 2, captured.err
    assert captured.out == ""
    where = name if bad.line is None else f"{name}:{bad.line}"
    assert where in captured.err
    assert bad.says in captured.err
    assert "Traceback" not in captured.err
    return captured.err


@pytest.mark.parametrize("bad", SAMPLE_FILES, ids=lambda bad: bad.name)
def test_pinspect_sample_refuses_a_bad_long_list(
    bad: BadFile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"longlist{bad.suffix}"
    path.write_bytes(bad.build(LONG_LIST))
    _refused(capsys, bad, str(path), ["sample", str(path), "--seed", "1", "--today", "2024-06-30"])


@pytest.mark.parametrize("bad", RATE_FILES, ids=lambda bad: bad.name)
def test_pinspect_rate_refuses_a_bad_case_answers_file(
    bad: BadFile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"cases{bad.suffix}"
    path.write_bytes(bad.build(CASES))
    _refused(capsys, bad, str(path), ["rate", "--framework", "hmip-2023-pdu", "--cases", str(path)])


@pytest.mark.parametrize("bad", NATIONAL_FILES, ids=lambda bad: bad.name)
def test_pinspect_national_refuses_a_bad_inspections_file(
    bad: BadFile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.csv"
    answers.write_bytes(
        csv_bytes(
            [
                ["inspection", "case_id", "question", "answer"],
                ["A", "C1", "P2.1.1", "yes"],
                ["B", "C1", "P2.1.1", "no"],
            ]
        )
    )
    path = tmp_path / f"inspections{bad.suffix}"
    path.write_bytes(bad.build(NATIONAL_INSPECTIONS))
    _refused(capsys, bad, str(path), ["national", str(answers), "--inspections", str(path)])


def test_there_are_at_least_forty_bad_files_on_the_command_line() -> None:
    assert len(SAMPLE_FILES) + len(RATE_FILES) + len(NATIONAL_FILES) >= 40


def test_a_long_list_whose_sheet_declares_three_rows_is_read_to_its_300th(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The live defect: openpyxl's read-only mode trusted ``<dimension ref="A1:M3">`` and read
    two people of 300."""
    rows = _long_list_rows(300)
    path = tmp_path / "longlist.xlsx"
    path.write_bytes(declared_dimension(xlsx_bytes(rows), "A1:M3"))
    long_list = read_long_list(path)
    assert len(long_list.cases) == 300
    assert long_list.cases[-1].crn == rows[-1][0]
    status = main(["sample", str(path), "--seed", "3", "--today", "2024-06-30", "--format", "json"])
    assert status == 0
    assert '"population": 300' in capsys.readouterr().out


def test_every_row_of_a_file_declaring_a_smaller_dimension_is_read() -> None:
    rows = [["standard", "rating"], *[[f"P1.{n}", "Good"] for n in range(1, 11)]]
    data = read_tabular_file(
        declared_dimension(xlsx_bytes(rows), "A1:B2"),
        required=("standard", "rating"),
        file="judged.xlsx",
    )
    assert [row.get("standard") for row in data.rows] == [row[0] for row in rows[1:]]
    assert data.rows[-1].line == 11


def test_a_zip_bomb_is_refused_before_it_fills_memory() -> None:
    """600 MB of zeros in a 0.6 MB archive: refused, and reading it never holds more than a
    few megabytes (the 2026 probe saw the server grow by 456 MB)."""
    bomb = zip_bomb([])
    assert len(bomb) < 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="unpacks to more than 536,870,912 bytes"):
            table_rows(bomb, file="bomb.xlsx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024


def test_the_unpacked_size_is_counted_while_inflating_too() -> None:
    """Declared sizes under the cap, content over it: the count stops the read."""
    bomb = zip_bomb([], size=8 * 1024 * 1024)
    limits = FileLimits(unpacked_bytes=4 * 1024 * 1024)
    with pytest.raises(InputError, match="unpacks to more than 4,194,304 bytes"):
        table_rows(bomb, file="bomb.xlsx", limits=limits)


def test_the_row_cap_is_a_setting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _long_list_rows(60)
    limits = FileLimits.from_settings(Settings(max_file_rows=50))
    for name, data in (("a.csv", csv_bytes(rows)), ("a.xlsx", xlsx_bytes(rows))):
        with pytest.raises(InputError, match="more than 50 rows") as refused:
            table_rows(data, file=name, limits=limits)
        assert refused.value.problems[0].line == 51
    path = tmp_path / "longlist.csv"
    path.write_bytes(csv_bytes(rows))
    settings = tmp_path / "settings.toml"
    settings.write_text("max_file_rows = 50\n")
    argv = ["--settings", str(settings), "sample", str(path), "--today", "2024-06-30"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"{path}:51: the file has more than 50 rows" in err
    assert "max_file_rows" in err


@pytest.mark.parametrize("one_line_rows", [True, False], ids=["columnar read", "row by row"])
def test_a_long_list_may_hold_exactly_the_row_cap(tmp_path: Path, one_line_rows: bool) -> None:
    """50 rows (the header and 49 cases) are read under a cap of 50; a 51st is refused on its
    line, whether the file is read by columns or (a quoted value over two lines) row by row."""
    limits = FileLimits.from_settings(Settings(max_file_rows=50))
    for count, refused in ((49, False), (50, True)):
        rows = _long_list_rows(count)
        if not one_line_rows:
            team = rows[0].index("team")
            rows[1][team] = f'"{rows[1][team]}\nNorth"'
        path = tmp_path / "longlist.csv"
        path.write_bytes(csv_bytes(rows))
        if not refused:
            assert len(read_long_list(path, limits=limits).cases) == 49
            continue
        with pytest.raises(InputError, match="more than 50 rows") as error:
            read_long_list(path, limits=limits)
        line = 51 if one_line_rows else 52  # the quoted value takes two lines
        assert error.value.problems[0].line == line


def test_the_caps_refuse_nonsense_values() -> None:
    with pytest.raises(ValueError, match="max_file_rows must be at least 1"):
        Settings(max_file_rows=0)
    with pytest.raises(ValueError, match="max_unpacked_bytes must be at least"):
        Settings(max_unpacked_bytes=1000)


def test_a_byte_order_mark_is_read_past(tmp_path: Path) -> None:
    rows = _long_list_rows(5)
    path = tmp_path / "longlist.csv"
    path.write_bytes(b"\xef\xbb\xbf" + csv_bytes(rows))
    assert len(read_long_list(path).cases) == 5
    data = read_tabular_file(
        b"\xef\xbb\xbf" + csv_bytes(CASES), required=("case_id",), extra=True, file="c.csv"
    )
    assert data.columns[0] == "case_id"


def test_a_cell_check_names_the_column_by_its_header() -> None:
    with pytest.raises(InputError) as refused:
        table_rows(csv_bytes([["case_id", "note"], ["C1", "a\x00b"]]), file="c.csv")
    problem = refused.value.problems[0]
    assert (problem.file, problem.line, problem.field) == ("c.csv", 2, "note")
    assert "NUL character (at position 2)" in problem.message
    assert "a\x00b" not in problem.message


def test_reading_a_csv_file_does_not_import_openpyxl(tmp_path: Path) -> None:
    """The reader stays light: openpyxl is imported only when a workbook is read."""
    path = tmp_path / "cases.csv"
    path.write_bytes(csv_bytes(CASES))
    code = (
        "import sys\n"
        "from pinspect.tabular_file import read_tabular_file\n"
        f"read_tabular_file({str(path)!r}, required=('case_id',), extra=True)\n"
        "assert 'openpyxl' not in sys.modules, 'openpyxl imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_bundled_examples_still_read() -> None:
    data = read_tabular_file(
        EXAMPLES / "hmip-2023-pdu-cases.csv", required=("case_id",), extra=True
    )
    assert len(data.rows) > 100
