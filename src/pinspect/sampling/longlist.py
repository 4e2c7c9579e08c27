"""Reading a long list (every case a sample may be drawn from) from CSV or XLSX.

Reading is the first of two stages: rows become cases with their codes normalised
(:mod:`pinspect.sampling.codes`), held column by column
(:mod:`pinspect.sampling.case_table`), and every problem found — a missing column, a date
that is not a date, an unknown code — is collected with its file, line and column and
raised as one :class:`~pinspect.problems.InputError`. Blank *values* are not problems
here: eligibility reports them (:mod:`pinspect.sampling.eligibility`). No case content is
ever logged or put in a message.

A CSV file is read by pyarrow's CSV reader (on every core), straight into columns —
dictionary-encoded for the columns with few distinct values, plain text for the others —
when each of its rows is one line (so a row's line is its position) and pyarrow reads it as
the ``csv`` module would. Anything else — a quoted value over several lines, a blank
line, a row longer or shorter than the header, a byte that is not UTF-8, a value over the
``csv`` module's field limit — is read again, row by row, by the ``csv`` module, which
gives the same cases and the same messages, just more slowly. (With blank lines kept,
pyarrow rejects a blank line as a row with too few values, so a file it reads has none;
and no value holds a line break, so no row spans lines.)
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from pinspect.frameworks.applicability import FLAG_COLUMNS, parse_flag
from pinspect.problems import InputError, Problem
from pinspect.sampling.bulk import bulk_allocation
from pinspect.sampling.case import Case
from pinspect.sampling.case_table import (
    CaseTable,
    CaseView,
    Column,
    Flags,
    Rows,
    text_bytes,
    text_offsets,
)
from pinspect.sampling.codes import (
    is_marked_sensitive,
    parse_date,
    parse_rosh,
    parse_sentence_type,
    parse_sex,
)
from pinspect.sampling.mapping import ColumnMapping
from pinspect.tabular_file import (
    FileLimits,
    cell_text,
    check_text_file,
    csv_error,
    decoded_text,
    file_type,
    table_rows,
)
from pinspect.thread_pool import started

__all__ = [
    "DEFAULT_COLUMNS",
    "REQUIRED_COLUMNS",
    "LongList",
    "long_list_from_records",
    "long_list_from_rows",
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
#: Bytes of CSV parsed at a time by each of pyarrow's threads. Each block becomes a chunk of
#: every column, and the chunks are then joined into one array a column: with blocks of
#: 4 MiB (39 a column for a 160 MB list of a million rows) joining them took 0.5 s, mostly
#: in the kernel giving memory afresh; with 16 MiB (10 a column) 0.03–0.07 s, the parse
#: itself no slower (see docs/testing.md, "Sampling a long list").
_CSV_BLOCK = 1 << 24
#: Columns encoded as they are read (:func:`_read_csv_columns`): those whose distinct values
#: every sample needs, and which have few of them. Not the CRN and PNC, nearly one value a
#: row: making one list of the distinct values of each block's codes took 0.2 s for the
#: PNCs of a million rows, longer than encoding the whole column in one of the threads.
_ENCODED_AS_READ = frozenset(
    {*DEFAULT_COLUMNS, *FLAG_COLUMNS, *_SENSITIVE_COLUMNS, "sample"} - {"crn", "pnc"}
)
_TEXT_CODES = pa.dictionary(pa.int32(), pa.string())
_MAX_PROBLEMS_PER_COLUMN = 20
_Row = TypeVar("_Row")


@dataclass(frozen=True)
class LongList:
    """The cases of one long list and its column names (after mapping)."""

    file: str
    columns: tuple[str, ...]
    cases: CaseView

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
        column = self.cases.table.values[self.columns.index("sample")]
        wanted = " ".join(name.split()).casefold()
        kept = self.cases.subset(
            column.flags(lambda value: " ".join(value.split()).casefold() == wanted)[
                self.cases.rows
            ]
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


def _flag_or_blank(value: str) -> bool | None:
    """003 Annexe A §3: ``unpaid_work_only`` and ``no_rehabilitative_requirements`` are yes or
    no (blank: not recorded)."""
    return parse_flag(value) if value.strip() else None


@dataclass(frozen=True)
class _Parsed:
    """A column of codes parsed from text (``None`` where a value is not valid), and each
    row whose value is not valid with the message for it."""

    column: Column
    invalid: list[tuple[int, str]]


def _parsed(values: Column, parse: Callable[[str], object]) -> _Parsed:
    """Each distinct value of ``values`` parsed once."""
    parsed: list[object] = []
    invalid: dict[int, str] = {}
    for code, value in enumerate(values.items):
        try:
            parsed.append(parse(value))
        except ValueError as error:
            parsed.append(None)
            invalid[code] = str(error)
    rows: list[int] = (
        np.flatnonzero(np.isin(values.codes, list(invalid))).tolist() if invalid else []
    )
    return _Parsed(
        Column.of_objects(parsed).under(values.codes),
        [(row, invalid[int(values.codes[row])]) for row in rows],
    )


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
    numbers: Sequence[int] = range(2, len(rows) + 2) if lines is None else lines
    width = len(header)
    if not all(map(any, rows)):
        kept = [(row, line) for row, line in zip(rows, numbers, strict=True) if any(row)]
        rows = [row for row, _ in kept]
        numbers = [line for _, line in kept]
    if set(map(len, rows)) - {width}:
        # A short row is padded; a long row's extra values are dropped (after a row with
        # values only there was kept as a case, above).
        rows = [(tuple(row) + ("",) * width)[:width] for row in rows]
    texts = [pa.array([row[i] for row in rows], pa.string()) for i in range(width)]
    header_line = 1 if lines is None or not lines else lines[0] - 1
    return _parse_columns(
        header,
        texts,
        np.array(numbers, np.int64),
        header_line=header_line,
        file=file,
        mapping=mapping,
        required_columns=required_columns,
        blank_rows_kept=True,
    )


def _parse_columns(
    header: Sequence[str],
    texts: Sequence[pa.Array | pa.ChunkedArray],
    lines: Rows | None,
    *,
    header_line: int = 1,
    blank_rows_kept: bool = False,
    file: str,
    mapping: ColumnMapping | None,
    required_columns: Collection[str],
) -> LongList:
    """Header and columns of text (``texts[i]`` the column under ``header[i]``) →
    :class:`LongList`. ``lines[i]`` is the line of row ``i`` (default: the header is line 1
    and each row the next line). Rows with no value at all are left out, unless
    ``blank_rows_kept`` (the caller has left out its own, judged on values beyond the
    header too)."""
    mapping = mapping or ColumnMapping()
    log = _ProblemLog(file)
    if not any(cell.strip() for cell in header):
        raise InputError.single(
            "the file is empty: a long list starts with a header row", file=file, line=1
        )
    columns = tuple(mapping.rename(cell) for cell in header)
    seen: set[str] = set()
    for column in columns:
        if column and column in seen:
            log.add(header_line, column, "this column appears more than once")
        seen.add(column)
    for column in sorted(set(required_columns) - set(columns)):
        log.add(header_line, column, "required column is missing")
    log.raise_if_any()

    raw = [Column.of_text(text) for text in texts]
    count = raw[0].length if raw else 0
    numbers = np.arange(2, count + 2, dtype=np.int64) if lines is None else lines
    blank = np.full(count, not blank_rows_kept)
    for values in raw if not blank_rows_kept else ():
        blank &= values.equal("")
        if not blank.any():
            break
    if blank.any():
        keep = np.flatnonzero(~blank)
        # Encoded over every row first, so each column's codes are numbered as they were
        # when every column was encoded as it was read.
        raw = [column.encoded().under(keep) for column in raw]
        numbers = numbers[keep]
        count = len(keep)
    if not count:
        raise InputError.single("the long list has a header but no cases", file=file, line=2)
    table = _case_table(columns, raw, numbers, log, required_columns=required_columns)
    log.raise_if_any()
    return LongList(file, columns, CaseView(table))


def _case_table(
    columns: tuple[str, ...],
    raw: Sequence[Column],
    numbers: Rows,
    log: _ProblemLog,
    *,
    required_columns: Collection[str],
) -> CaseTable:
    """The columns of text (``raw``, under ``columns``) prepared as a :class:`CaseTable`:
    stripped, encoded, parsed; every value that does not parse logged."""
    index = {column: i for i, column in enumerate(columns) if column}
    no_values = np.zeros(len(numbers), np.int64)

    def text(column: str) -> Column:
        """The column's text; a column of blanks (a new one each time, as jobs in threads
        fill in a column's distinct values as they need them) when the list has none."""
        i = index.get(column)
        return Column(no_values, items=[""]) if i is None else raw[i]

    # Each column is prepared (stripped, tested, encoded, its distinct values parsed) by one
    # job, the jobs shared between the processors' threads: pyarrow's encoding and searching
    # and numpy's sorting release the interpreter's lock. A job touches its own column only,
    # and problems are logged afterwards, here, in the order of the columns below.
    def crn_job() -> tuple[Column, Flags]:
        crn = text("crn").stripped()
        marked = crn.containing("*")  # exports redact a CRN or a name with asterisks
        crn.ranks()  # the order of CRNs, which eligibility and the draw read
        return crn, marked

    def name_job(name: str) -> Future[tuple[Column, Flags]]:
        return started(lambda: (text(name).stripped().encoded(), text(name).containing("*")))

    def prepared(name: str) -> Future[Column]:
        return started(lambda: text(name).stripped().encoded())

    def parsed(name: str, parse: Callable[[str], object]) -> Future[_Parsed]:
        return started(lambda: _parsed(text(name), parse))

    def marked(name: str) -> Future[Flags]:
        return started(lambda: text(name).flags(is_marked_sensitive))

    crn_prepared = started(crn_job)
    names = {name: name_job(name) for name in ("first_name", "family_name")}
    pnc = prepared("pnc")
    codes = {
        name: parsed(name, parse)
        for name, parse in (
            ("date_of_birth", parse_date),
            ("sex", parse_sex),
            ("sentence_type", parse_sentence_type),
            ("rosh", parse_rosh),
            ("start_date", parse_date),
            ("end_date", parse_date),
        )
    }
    places = {name: prepared(name) for name in ("area", "team", "practitioner")}
    markers = [marked(name) for name in _SENSITIVE_COLUMNS]
    flag_columns = [column for column in FLAG_COLUMNS if column in index]
    flags = {column: parsed(column, _flag_or_blank) for column in flag_columns}

    def coded(column: str, result: _Parsed, *, report: bool = True) -> Column:
        for row, message in result.invalid if report else ():
            log.add(int(numbers[row]), column, message)
        return result.column

    crn, crn_marked = crn_prepared.result()
    sensitive = crn_marked.copy()
    for name_future in names.values():
        sensitive |= name_future.result()[1]
    for marker in markers:
        sensitive |= marker.result()
    parsed_columns = {
        name: coded(
            name,
            future.result(),
            report=name not in ("sentence_type", "rosh") or name in required_columns,
        )
        for name, future in codes.items()
    }
    table = CaseTable(
        columns=columns,
        lines=numbers,
        crn=crn,
        pnc=pnc.result(),
        first_name=names["first_name"].result()[0],
        family_name=names["family_name"].result()[0],
        date_of_birth=parsed_columns["date_of_birth"],
        sex=parsed_columns["sex"],
        sentence_type=parsed_columns["sentence_type"],
        rosh=parsed_columns["rosh"],
        start_date=parsed_columns["start_date"],
        end_date=parsed_columns["end_date"],
        area=places["area"].result(),
        team=places["team"].result(),
        practitioner=places["practitioner"].result(),
        sensitive=sensitive,
        values=tuple(raw),
    )
    for column, future in flags.items():
        coded(column, future.result())
    return table


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
        raise InputError.single(
            "the file is empty: a long list starts with a header row", file=file, line=1
        )
    return _parse_table(
        text_rows[0],
        text_rows[1:],
        None,
        file=file,
        mapping=mapping,
        required_columns=required_columns,
    )


def _progress(rows: Iterable[_Row], enabled: bool, *, unit: str = " rows") -> Iterable[_Row]:
    if not enabled:
        return rows
    from tqdm import tqdm  # noqa: PLC0415  (only a progress bar needs it; slow to import)

    return tqdm(rows, desc="reading long list", unit=unit, file=sys.stderr, leave=False)


def read_long_list(
    path: Path,
    *,
    mapping: ColumnMapping | None = None,
    required_columns: Collection[str] = REQUIRED_COLUMNS,
    progress: bool = False,
    limits: FileLimits | None = None,
) -> LongList:
    """Read a ``.csv`` or ``.xlsx`` long list; see :func:`parse_long_list`.

    ``progress`` shows a progress bar on stderr (counts only, never case content). A file
    beyond ``limits`` (rows; for a workbook also cells and unpacked bytes) is refused, as is
    a CSV file that is not UTF-8 text or holds a NUL byte (see :mod:`pinspect.tabular_file`).
    """
    name = str(path)
    suffix = file_type(name, what="a long list")
    if not path.is_file():
        raise InputError.single("no such file", file=name)
    limits = limits or FileLimits()
    with bulk_allocation():
        if suffix == ".csv":
            check_text_file(path, file=name)
            return _read_csv(path, mapping, required_columns, progress, limits)
        return _read_xlsx(path, mapping, required_columns, progress, limits)


def _read_csv(
    path: Path,
    mapping: ColumnMapping | None,
    required: Collection[str],
    progress: bool,
    limits: FileLimits,
) -> LongList:
    name = str(path)
    read = _read_csv_columns(path, progress, mapping=mapping)
    if read is not None:
        if read[1]:  # each row is one line here: the row over the limit is on that line
            limits.check_rows(len(read[1][0]) + 1, file=name, line=limits.rows + 1)
        return _parse_columns(
            read[0], read[1], None, file=name, mapping=mapping, required_columns=required
        )
    reader = None
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None:
                raise InputError.single(
                    "the file is empty: a long list starts with a header row", file=name, line=1
                )
            rows: list[list[str]] = []
            lines: list[int] = []
            for row in _progress(islice(reader, limits.rows), progress):
                rows.append(row)
                lines.append(reader.line_num)
    except UnicodeDecodeError:
        # Text is decoded a buffer at a time, ahead of the rows: find the line from the bytes.
        decoded_text(path.read_bytes(), file=name)
        raise
    except csv.Error as error:
        raise csv_error(error, file=name, line=reader.line_num if reader else 1) from None
    if rows:  # at most limits.rows rows were read after the header: the last may be over
        limits.check_rows(len(rows) + 1, file=name, line=lines[-1])
    return _parse_table(header, rows, lines, file=name, mapping=mapping, required_columns=required)


def _read_csv_columns(
    path: Path, progress: bool = False, *, mapping: ColumnMapping | None = None
) -> tuple[list[str], list[pa.Array]] | None:
    """The header and the columns of a CSV file read by pyarrow, when each row is one line
    and the ``csv`` module would read the same; ``None`` otherwise (module docstring).

    The columns whose distinct values the sample always needs (:data:`_ENCODED_AS_READ`,
    named after ``mapping``) are dictionary-encoded as they are read, by pyarrow's threads,
    the distinct values numbered in the order they first appear as
    :meth:`pinspect.sampling.case_table.Column.codes` numbers them; every other column stays
    plain text, a value a row, encoded only if the sample needs it (CRNs are never hashed)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None or reader.line_num != 1:
                return None
    except (UnicodeDecodeError, csv.Error):
        return None
    names = [str(i) for i in range(len(header))]
    rename = (mapping or ColumnMapping()).rename
    types = {
        name: _TEXT_CODES if rename(cell) in _ENCODED_AS_READ else pa.string()
        for name, cell in zip(names, header, strict=True)
    }
    try:
        table = pa_csv.read_csv(
            path,
            read_options=pa_csv.ReadOptions(column_names=names, skip_rows=1, block_size=_CSV_BLOCK),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(column_types=types, strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, OSError):
        return None
    # Each column's chunks are let go as soon as it is one array, so the memory they held is
    # reused for the next column rather than the whole file being held twice. An encoded
    # column's chunks each have their own distinct values: they are made one list first.
    chunked: list[pa.ChunkedArray | None] = list(table.columns)
    del table
    columns: list[pa.Array] = []
    for i in _progress(range(len(chunked)), progress, unit=" columns"):
        column = chunked[i]
        assert column is not None
        chunked[i] = None
        if pa.types.is_dictionary(column.type):
            column = column.unify_dictionaries()
        columns.append(column.combine_chunks())
        del column
    limit = csv.field_size_limit()
    for values in columns:
        text = values.dictionary if pa.types.is_dictionary(values.type) else values
        data = text_bytes(text)
        # A value over several lines (quoted) would put the next rows' lines out of step.
        if (data == ord("\n")).any() or (data == ord("\r")).any():
            return None
        if (
            int(np.diff(text_offsets(text)).max(initial=0)) > limit
            and (pc.max(pc.utf8_length(text)).as_py() or 0) > limit
        ):
            return None
    return header, columns


def _read_xlsx(
    path: Path,
    mapping: ColumnMapping | None,
    required: Collection[str],
    progress: bool,
    limits: FileLimits,
) -> LongList:
    """The workbook through the shared reader: every row it holds, whatever its declared
    dimension; a zip bomb or a file over the caps refused."""
    name = str(path)
    numbered = table_rows(path, file=name, limits=limits)
    return _numbered_long_list(
        _progress(numbered, progress), file=name, mapping=mapping, required_columns=required
    )


def _numbered_long_list(
    numbered: Iterable[tuple[int, Sequence[str]]],
    *,
    file: str,
    mapping: ColumnMapping | None,
    required_columns: Collection[str],
) -> LongList:
    rows = list(numbered)
    if not rows:
        raise InputError.single(
            "the file is empty: a long list starts with a header row", file=file, line=1
        )
    (header_line, header), body = rows[0], rows[1:]
    lines = [line for line, _ in body] if header_line != 1 or _renumbered(body) else None
    return _parse_table(
        header,
        [values for _, values in body],
        lines,
        file=file,
        mapping=mapping,
        required_columns=required_columns,
    )


def _renumbered(body: Sequence[tuple[int, Sequence[str]]]) -> bool:
    """Whether the rows' lines differ from 2, 3, 4… (a CSV value over several lines)."""
    return any(line != index for index, (line, _) in enumerate(body, start=2))


def long_list_from_rows(
    numbered: Iterable[tuple[int, Sequence[str]]],
    *,
    file: str,
    mapping: ColumnMapping | None = None,
    required_columns: Collection[str] = REQUIRED_COLUMNS,
) -> LongList:
    """Build a :class:`LongList` from numbered rows of text, the header first, as
    :func:`pinspect.tabular_file.table_rows` gives them (e.g. from an uploaded file)."""
    return _numbered_long_list(
        numbered, file=file, mapping=mapping, required_columns=required_columns
    )


def long_list_from_records(
    records: Sequence[Mapping[str, str]],
    *,
    file: str = "<records>",
    mapping: ColumnMapping | None = None,
    required_columns: Collection[str] = REQUIRED_COLUMNS,
) -> LongList:
    """Build a long list from dictionaries (all with the same keys), e.g. synthetic data."""
    if not records:
        raise InputError.single(
            "the file is empty: a long list starts with a header row", file=file, line=1
        )
    header = list(records[0].keys())
    rows: list[Sequence[object]] = [header]
    rows.extend([record.get(column, "") for column in header] for record in records)
    return parse_long_list(rows, file=file, mapping=mapping, required_columns=required_columns)
