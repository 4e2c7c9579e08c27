"""Reading a long list (every case a sample may be drawn from) from CSV or XLSX.

Reading is the first of two stages: rows become :class:`~pinspect.sampling.case.Case`
values with their codes normalised (:mod:`pinspect.sampling.codes`), and every problem
found — a missing column, a date that is not a date, an unknown code — is collected with
its file, line and column and raised as one :class:`~pinspect.problems.InputError`.
Blank *values* are not problems here: eligibility reports them
(:mod:`pinspect.sampling.eligibility`). No case content is ever logged or put in a message.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar

from tqdm import tqdm

from pinspect.problems import InputError, Problem
from pinspect.sampling.bulk import bulk_allocation
from pinspect.sampling.case import Case
from pinspect.sampling.codes import (
    is_marked_sensitive,
    parse_date,
    parse_rosh,
    parse_sentence_type,
    parse_sex,
)
from pinspect.sampling.mapping import ColumnMapping
from pinspect.tabular_file import cell_text

__all__ = [
    "DEFAULT_COLUMNS",
    "REQUIRED_COLUMNS",
    "LongList",
    "long_list_from_records",
    "parse_long_list",
    "read_long_list",
]

#: The columns pinspect understands; any other column is kept as an attribute.
DEFAULT_COLUMNS: tuple[str, ...] = (
    "crn",
    "pnc",
    "first_name",
    "family_name",
    "date_of_birth",
    "sex",
    "sentence_type",
    "rosh",
    "start_date",
    "end_date",
    "area",
    "team",
    "practitioner",
)

#: Columns every long list must have, whatever the stratification.
REQUIRED_COLUMNS: tuple[str, ...] = ("crn", "start_date", "area", "team", "practitioner")

_SENSITIVE_COLUMNS = ("redacted", "sensitive")
_DATE_COLUMNS = ("date_of_birth", "start_date", "end_date")
_MAX_PROBLEMS_PER_COLUMN = 20
_Row = TypeVar("_Row")
_Code = TypeVar("_Code")


@dataclass(frozen=True)
class LongList:
    """The cases of one long list and its column names (after mapping)."""

    file: str
    columns: tuple[str, ...]
    cases: tuple[Case, ...]

    def has_column(self, column: str) -> bool:
        return column in self.columns

    def column_index(self, column: str) -> int:
        return self.columns.index(column)

    def for_sample(self, name: str) -> tuple[LongList, int]:
        """The cases of one named sample, and how many rows belong to other samples.

        A long list may hold several samples' cases (supervision, court reports, unpaid
        work, resettlement, victims…) told apart by a ``sample`` column; without that
        column every case belongs to the sample being drawn.
        """
        if "sample" not in self.columns:
            return self, 0
        index = self.columns.index("sample")
        wanted = " ".join(name.split()).casefold()
        kept = tuple(
            c for c in self.cases if " ".join(c.values[index].split()).casefold() == wanted
        )
        return LongList(self.file, self.columns, kept), len(self.cases) - len(kept)

    def value(self, case: Case, column: str) -> str:
        """The value of any column of a case, '' if the list has no such column."""
        if column not in self.columns:
            return ""
        return case.values[self.columns.index(column)]


class _ProblemLog:
    """Collects problems, keeping at most a few per column so a wrong format stays readable."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self._per_column: dict[str, int] = {}

    def add(self, line: int | None, column: str | None, message: str) -> None:
        count = self._per_column.get(column or "", 0) + 1
        self._per_column[column or ""] = count
        if count <= _MAX_PROBLEMS_PER_COLUMN:
            self.problems.append(Problem(self.file, line, column, message))

    def raise_if_any(self) -> None:
        if not self.problems:
            return
        problems = list(self.problems)
        for column, count in sorted(self._per_column.items()):
            if count > _MAX_PROBLEMS_PER_COLUMN:
                more = count - _MAX_PROBLEMS_PER_COLUMN
                problems.append(
                    Problem(self.file, None, column or None, f"… and {more} more like these")
                )
        raise InputError(problems)


class _Columns:
    """The long list's rows, column by column (each distinct code is parsed once)."""

    def __init__(
        self, columns: Sequence[str], values: list[tuple[str, ...]], lines: Sequence[int]
    ) -> None:
        self.index = {column: i for i, column in enumerate(columns) if column}
        self.lines = lines
        self.by_column: list[tuple[str, ...]] = list(zip(*values, strict=True))
        self.blank = ("",) * len(values)

    def raw(self, column: str) -> Sequence[str]:
        i = self.index.get(column)
        return self.blank if i is None else self.by_column[i]

    def text(self, column: str) -> list[str]:
        return list(map(str.strip, self.raw(column)))

    def coded(
        self, column: str, parse: Callable[[str], _Code], log: _ProblemLog, *, report: bool = True
    ) -> list[_Code | None]:
        """The column's values parsed; values that do not parse are logged and become None."""
        raw = self.raw(column)
        known: dict[str, _Code | None] = {}
        invalid: dict[str, str] = {}
        for value in set(raw):
            try:
                known[value] = parse(value)
            except ValueError as error:
                known[value] = None
                invalid[value] = str(error)
        if invalid and report:
            for line, value in zip(self.lines, raw, strict=True):
                if value in invalid:
                    log.add(line, column, invalid[value])
        return list(map(known.__getitem__, raw))


def _parse_table(
    header: Sequence[str],
    rows: list[list[str]],
    lines: Sequence[int] | None,
    *,
    file: str,
    mapping: ColumnMapping | None,
    required_columns: Collection[str],
) -> LongList:
    """Header and rows of text → :class:`LongList`. ``lines[i]`` is the line of ``rows[i]``
    (default: the header is line 1 and each row the next line)."""
    mapping = mapping or ColumnMapping()
    log = _ProblemLog(file)
    if not any(cell.strip() for cell in header):
        raise InputError.single("the long list is empty (no header row)", file=file, line=1)
    columns = tuple(mapping.rename(cell) for cell in header)
    header_line = 1 if lines is None or not lines else lines[0] - 1
    seen: set[str] = set()
    for column in columns:
        if column and column in seen:
            log.add(header_line, column, "this column appears more than once")
        seen.add(column)
    for column in sorted(set(required_columns) - set(columns)):
        log.add(header_line, column, "required column is missing")
    log.raise_if_any()

    numbers: Sequence[int] = range(2, len(rows) + 2) if lines is None else lines
    width = len(columns)
    if not all(map(any, rows)):
        kept = [(row, line) for row, line in zip(rows, numbers, strict=True) if any(row)]
        rows = [row for row, _ in kept]
        numbers = [line for _, line in kept]
    if any(len(row) != width for row in rows):
        rows = [(row + [""] * width)[:width] for row in rows]
    if not rows:
        raise InputError.single("the long list has a header but no cases", file=file, line=2)
    values = list(map(tuple, rows))
    table = _Columns(columns, values, numbers)

    crn, first, family = table.text("crn"), table.text("first_name"), table.text("family_name")
    sensitive = [
        "*" in a or "*" in b or "*" in c for a, b, c in zip(crn, first, family, strict=True)
    ]
    for marker in _SENSITIVE_COLUMNS:
        if marker in table.index:
            flags = map(is_marked_sensitive, table.raw(marker))
            sensitive = [a or b for a, b in zip(sensitive, flags, strict=True)]
    fields = zip(
        numbers,
        crn,
        table.text("pnc"),
        first,
        family,
        table.coded("date_of_birth", parse_date, log),
        table.coded("sex", parse_sex, log),
        table.coded(
            "sentence_type",
            parse_sentence_type,
            log,
            report="sentence_type" in required_columns,
        ),
        table.coded("rosh", parse_rosh, log, report="rosh" in required_columns),
        table.coded("start_date", parse_date, log),
        table.coded("end_date", parse_date, log),
        table.text("area"),
        table.text("team"),
        table.text("practitioner"),
        sensitive,
        values,
        strict=True,
    )
    log.raise_if_any()
    # tuple.__new__ builds each Case straight from the zipped fields (no Python call per row).
    cases: tuple[Case, ...] = tuple(map(partial(tuple.__new__, Case), fields))
    return LongList(file, columns, cases)


def parse_long_list(
    rows: Iterable[Sequence[object]],
    *,
    file: str,
    mapping: ColumnMapping | None = None,
    required_columns: Collection[str] = REQUIRED_COLUMNS,
) -> LongList:
    """Build a :class:`LongList` from a header row followed by data rows (header = line 1).

    Cells may be of any type (spreadsheet cells are numbers and dates); they are turned to
    text. ``required_columns`` are the columns that must be present (the stratification
    adds its own); codes in the ``sentence_type`` and ``rosh`` columns are checked only when
    those columns are required. Every problem is collected and raised as one
    :class:`~pinspect.problems.InputError`.
    """
    text_rows = [[cell_text(cell) for cell in row] for row in rows]
    if not text_rows:
        raise InputError.single("the long list is empty (no header row)", file=file, line=1)
    return _parse_table(
        text_rows[0],
        text_rows[1:],
        None,
        file=file,
        mapping=mapping,
        required_columns=required_columns,
    )


def _progress(rows: Iterable[_Row], enabled: bool) -> Iterable[_Row]:
    if not enabled:
        return rows
    return tqdm(rows, desc="reading long list", unit=" rows", file=sys.stderr, leave=False)


def read_long_list(
    path: Path,
    *,
    mapping: ColumnMapping | None = None,
    required_columns: Collection[str] = REQUIRED_COLUMNS,
    progress: bool = False,
) -> LongList:
    """Read a ``.csv`` or ``.xlsx`` long list; see :func:`parse_long_list`.

    ``progress`` shows a progress bar on stderr (counts only, never case content).
    """
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InputError.single(
            f"unknown file type '{path.suffix or '(none)'}': a long list is .csv or .xlsx",
            file=name,
        )
    if not path.is_file():
        raise InputError.single("no such file", file=name)
    with bulk_allocation():
        if suffix == ".csv":
            return _read_csv(path, mapping, required_columns, progress)
        return _read_xlsx(path, mapping, required_columns, progress)


def _read_csv(
    path: Path, mapping: ColumnMapping | None, required: Collection[str], progress: bool
) -> LongList:
    name = str(path)
    reader = None
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None:
                raise InputError.single("the long list is empty (no header row)", file=name, line=1)
            rows = list(_progress(reader, progress))
            lines: list[int] | None = None
            if reader.line_num != len(rows) + 1:
                # A quoted value spans lines: read again, noting where each row ends.
                handle.seek(0)
                reader = csv.reader(handle)
                next(reader)
                rows, lines = [], []
                for row in reader:
                    rows.append(row)
                    lines.append(reader.line_num)
    except UnicodeDecodeError:
        line = reader.line_num + 1 if reader is not None else 1
        raise InputError.single("the file is not UTF-8 text", file=name, line=line) from None
    except csv.Error as error:
        line = reader.line_num if reader is not None else 1
        raise InputError.single(f"not valid CSV: {error}", file=name, line=line) from None
    return _parse_table(header, rows, lines, file=name, mapping=mapping, required_columns=required)


def _read_xlsx(
    path: Path, mapping: ColumnMapping | None, required: Collection[str], progress: bool
) -> LongList:
    import zipfile  # noqa: PLC0415 - only spreadsheets need it

    from openpyxl import load_workbook  # noqa: PLC0415 - slow to import, only for spreadsheets

    name = str(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        raise InputError.single("not a readable .xlsx workbook", file=name) from None
    try:
        sheet = workbook.worksheets[0]
        rows: Iterable[Sequence[object]] = sheet.iter_rows(values_only=True)
        return parse_long_list(
            _progress(rows, progress), file=name, mapping=mapping, required_columns=required
        )
    finally:
        workbook.close()


def long_list_from_records(
    records: Sequence[Mapping[str, str]],
    *,
    file: str = "<records>",
    mapping: ColumnMapping | None = None,
    required_columns: Collection[str] = REQUIRED_COLUMNS,
) -> LongList:
    """Build a long list from dictionaries (all with the same keys), e.g. synthetic data."""
    if not records:
        raise InputError.single("the long list is empty (no header row)", file=file, line=1)
    header = list(records[0].keys())
    rows: list[Sequence[object]] = [header]
    rows.extend([record.get(column, "") for column in header] for record in records)
    return parse_long_list(rows, file=file, mapping=mapping, required_columns=required_columns)
