"""The long list's CSV file read by pyarrow gives what the ``csv`` module gives.

docs/sampling.md, *Reading a large long list*: a file is read by pyarrow's CSV reader only
when each row is one line and pyarrow reads it as the ``csv`` module would; anything else
goes to the ``csv`` module. Whatever the file, the cases (every field, every line number)
and the problems reported must be the same either way.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pinspect.problems import InputError
from pinspect.sampling import REQUIRED_COLUMNS, LongList, Stratification, read_long_list
from pinspect.sampling import longlist as longlist_module

REQUIRED = (*REQUIRED_COLUMNS, *Stratification().required_columns)
HEADER = [
    *("crn", "pnc", "first_name", "family_name", "date_of_birth", "sex", "sentence_type"),
    *("rosh", "start_date", "end_date", "area", "team", "practitioner", "ethnicity"),
]

# Values that are valid, blank, padded, quoted, redacted, odd in case or in Unicode.
CELLS = st.sampled_from(
    [
        "",
        " ",
        "A1",
        "a1",
        " A1 ",
        "Z123456",
        "*****",
        "x,y",
        'say "hi"',
        "é",
        "\xa0B\xa0",
        "\u2028C",
        "\x1fD",
        "M",
        "f",
        "Other",
        "CO",
        "lic",
        "RLRH",
        "rmrh",
        "2024-01-31",
        "31/01/2024",
        "5 Mar 2024",
        "Area A",
        "Team 1",
        "P1",
        "Y",
    ]
)
ODD_LINES = st.sampled_from(["", ",,", "A9", '"open', '"two\nlines",x', "\r"])


def as_read(long_list: LongList) -> tuple[object, ...]:
    return (long_list.columns, [tuple(case) for case in long_list.cases])


def read_both(path: Path) -> tuple[object, object]:
    """The file read as it is (pyarrow when it can), and read by the ``csv`` module only."""

    def read() -> object:
        try:
            return as_read(read_long_list(path, required_columns=REQUIRED))
        except InputError as error:
            return error.problems

    fast = read()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(longlist_module, "_read_csv_columns", lambda *_args, **_options: None)
        slow = read()
    return fast, slow


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.lists(CELLS, min_size=len(HEADER), max_size=len(HEADER)), max_size=8),
    odd=st.lists(st.tuples(st.integers(0, 8), ODD_LINES), max_size=2),
    ending=st.sampled_from(["\n", "\r\n"]),
)
def test_pyarrow_and_the_csv_module_read_the_same(
    tmp_path: Path, rows: list[list[str]], odd: list[tuple[int, str]], ending: str
) -> None:
    """Written by the ``csv`` module (quoting what needs it), with now and then a blank,
    short, unterminated or multi-line row: the same cases, lines and problems."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=ending).writerows([HEADER, *rows])
    lines = buffer.getvalue().split(ending)
    for position, line in odd:
        lines.insert(min(position + 1, len(lines)), line)
    path = tmp_path / "ll.csv"
    path.write_bytes(ending.join(lines).encode("utf-8"))
    fast, slow = read_both(path)
    assert fast == slow


def test_a_plain_file_is_read_by_pyarrow(tmp_path: Path) -> None:
    """The quick path is the one taken for an ordinary export (else the speed is lost)."""
    path = tmp_path / "ll.csv"
    path.write_text(
        ",".join(HEADER) + "\nA1,,F,G,1990-01-01,M,CO,RLRH,2024-01-01,,Area A,Team 1,P1,x\n",
        encoding="utf-8",
    )
    assert longlist_module._read_csv_columns(path) is not None


@pytest.mark.parametrize(
    "body",
    ['A1,"two\nlines"', "A1\n\nA2", "A1,x,y\nA2", "\ufffeA1"],
    ids=["value over two lines", "blank line", "ragged rows", "not UTF-8"],
)
def test_anything_else_goes_to_the_csv_module(tmp_path: Path, body: str) -> None:
    path = tmp_path / "ll.csv"
    data = ("crn,pnc\n" + body + "\n").encode("utf-8")
    path.write_bytes(data.replace("\ufffe".encode(), b"\xff"))
    assert longlist_module._read_csv_columns(path) is None
