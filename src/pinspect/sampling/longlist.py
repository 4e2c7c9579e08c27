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
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import repeat, tee
from operator import call, itemgetter, or_
from pathlib import Path
from typing import Any, TypeVar

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
_MANY_VALUED = frozenset({"crn", "pnc"})  # nearly every row its own value
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
    """The long list's rows, column by column.

    A column is read straight from the rows when it is needed, never copied into a list
    of its own, and each value is worked on (parsed, stripped) once per distinct value: a
    dictionary of the results is filled as the values are met, the rest is a lookup in C.
    """

    def __init__(
        self, columns: Sequence[str], rows: Sequence[tuple[str, ...]], lines: Sequence[int]
    ) -> None:
        self.index = {column: i for i, column in enumerate(columns) if column}
        self.lines = lines
        self.rows = rows

    def raw(self, column: str) -> Iterable[str]:
        i = self.index.get(column)
        return repeat("", len(self.rows)) if i is None else map(itemgetter(i), self.rows)

    def text(self, column: str) -> list[str]:
        """The column's values without surrounding spaces (a column of many values)."""
        return list(map(str.strip, self.raw(column)))

    def shared_text(self, column: str) -> list[str]:
        """As :meth:`text` for a column of few distinct values (names, areas, teams,
        practitioners), each of them one string object: grouping by them later hashes
        each once and compares them by identity."""
        return list(map(_Stripped().__getitem__, self.raw(column)))

    def coded(
        self, column: str, parse: Callable[[str], _Code], log: _ProblemLog, *, report: bool = True
    ) -> list[_Code | None]:
        """The column's values parsed; values that do not parse are logged and become None."""
        parsed = _Parsed(parse)
        values = list(map(parsed.__getitem__, self.raw(column)))
        if parsed.invalid and report:
            for line, value in zip(self.lines, self.raw(column), strict=True):
                if value in parsed.invalid:
                    log.add(line, column, parsed.invalid[value])
        return values

    def marked(self, column: str, is_marked: Callable[[str], bool]) -> list[bool] | None:
        """Whether each value is marked; ``None`` when no value is."""
        flags = list(map(_Parsed(is_marked).__getitem__, self.raw(column)))
        return flags if any(flags) else None


class _Stripped(dict[str, str]):
    """Each value stripped of surrounding spaces, equal results one string object."""

    def __init__(self) -> None:
        super().__init__()
        self.shared: dict[str, str] = {}

    def __missing__(self, value: str) -> str:
        text = value.strip()
        text = self[value] = self.shared.setdefault(text, text)
        return text


class _Parsed(dict[str, Any]):
    """Each value parsed once; a value that does not parse is None, its message kept."""

    def __init__(self, parse: Callable[[str], object]) -> None:
        super().__init__()
        self.parse = parse
        self.invalid: dict[str, str] = {}

    def __missing__(self, value: str) -> object:
        result: object
        try:
            result = self.parse(value)
        except ValueError as error:
            result = None
            self.invalid[value] = str(error)
        self[value] = result
        return result


def _has_asterisk(value: str) -> bool:
    """Exports redact a CRN or a name with asterisks."""
    return "*" in value


def _redacted(values: Sequence[str]) -> list[bool] | None:
    """Whether each value (of a column of many values) holds an asterisk; ``None`` when
    none does."""
    if "*" not in "".join(values):
        return None
    return list(map(str.__contains__, values, repeat("*")))


def _parse_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
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
    if set(map(len, rows)) - {width}:
        rows = [(tuple(row) + ("",) * width)[:width] for row in rows]
    if not rows:
        raise InputError.single("the long list has a header but no cases", file=file, line=2)
    values: list[tuple[str, ...]] = list(map(tuple, rows))
    table = _Columns(columns, values, numbers)

    crn = table.text("crn")
    sensitive: list[bool] | None = None
    marks = [_redacted(crn)]
    marks += [table.marked(name, _has_asterisk) for name in ("first_name", "family_name")]
    marks += [table.marked(name, is_marked_sensitive) for name in _SENSITIVE_COLUMNS]
    for flags in marks:
        if flags is not None:
            sensitive = flags if sensitive is None else list(map(or_, sensitive, flags))
    fields = zip(
        numbers,
        crn,
        table.text("pnc"),
        table.shared_text("first_name"),
        table.shared_text("family_name"),
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
        table.shared_text("area"),
        table.shared_text("team"),
        table.shared_text("practitioner"),
        [False] * len(values) if sensitive is None else sensitive,
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
            columns = [(mapping or ColumnMapping()).rename(cell) for cell in header]
            shared = _shared_rows(_progress(reader, progress), columns)
            lines: list[int] | None = None
            if shared is not None and reader.line_num == len(shared) + 1:
                rows = shared
            else:
                # A quoted value spans lines, or a row is longer than the header: read
                # again, as it is, noting where each row ends.
                del shared
                handle.seek(0)
                reader = csv.reader(handle)
                next(reader)
                rows, lines = [], []
                for row in reader:
                    rows.append(tuple(row))
                    lines.append(reader.line_num)
    except UnicodeDecodeError:
        line = reader.line_num + 1 if reader is not None else 1
        raise InputError.single("the file is not UTF-8 text", file=name, line=line) from None
    except csv.Error as error:
        line = reader.line_num if reader is not None else 1
        raise InputError.single(f"not valid CSV: {error}", file=name, line=line) from None
    return _parse_table(header, rows, lines, file=name, mapping=mapping, required_columns=required)


def _shared_rows(rows: Iterable[list[str]], columns: Sequence[str]) -> list[tuple[str, ...]] | None:
    """The rows as tuples in which the equal values of a column are one string object.

    Most columns of a long list hold few distinct values (codes, dates, names, areas,
    teams, practitioners), each repeated thousands of times. Sharing them as the rows are
    read, while each new value is still in the processor's cache, keeps the list several
    times smaller, and every later pass over a column finds few strings, already hashed
    and compared by identity. CRNs and PNCs, nearly all distinct, are kept as read. A row
    longer than the header gives ``None``: the file is then read again as it is (a row's
    extra values are dropped later, after a row with values only there is kept as a case).
    """
    unshared: dict[str, str] = {}
    keep = [unshared.get if column in _MANY_VALUED else {}.setdefault for column in columns]
    keep.append(unshared.get)  # one more: a longer row shows as one value longer
    first, second = tee(rows)
    share: Callable[[list[str], list[str]], Iterator[str]] = partial(map, call, keep)
    shared = list(map(tuple, map(share, first, second)))
    if set(map(len, shared)) - set(range(len(columns) + 1)):
        return None
    return shared


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
