"""Every row of a user's CSV or XLSX file as text, from a path or from bytes, checked cell by
cell: the one place user files are read (long lists, prepared samples, case answers, judged
ratings, attributes, departures, national files, recommendations, units, surveys)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path, PurePath

from pinspect.problems import InputError, Problem
from pinspect.tabular_file.cells import cell_problem, cell_text, column_label
from pinspect.tabular_file.delimited import csv_rows, decoded_text
from pinspect.tabular_file.limits import FileLimits
from pinspect.tabular_file.workbook import workbook_rows

__all__ = ["FILE_TYPES", "file_type", "table_rows"]

FILE_TYPES = (".csv", ".xlsx")
_MAX_CELL_PROBLEMS = 20
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def file_type(file: str, *, what: str = "a file") -> str:
    """The file's type from its name (``.csv`` or ``.xlsx``); anything else is refused."""
    suffix = PurePath(file).suffix.lower()
    if suffix not in FILE_TYPES:
        raise InputError.single(
            f"unknown file type '{suffix or '(none)'}': {what} is .csv or .xlsx", file=file
        )
    return suffix


def _text_rows(
    source: Path | bytes, *, file: str, limits: FileLimits
) -> Iterable[tuple[int, list[str]]]:
    if PurePath(file).suffix.lower() == ".xlsx":
        return (
            (line, [cell_text(cell) for cell in cells])
            for line, cells in workbook_rows(source, file=file, limits=limits)
        )
    data = source if isinstance(source, bytes) else source.read_bytes()
    return csv_rows(decoded_text(data, file=file), file=file, limits=limits)


def table_rows(
    source: Path | bytes, *, file: str, limits: FileLimits | None = None
) -> list[tuple[int, list[str]]]:
    """Every row of the file, blank ones included, as (line, cells as text). A CSV row's line
    is the line it ends on; an XLSX row's its row number.

    Raises :class:`InputError` naming the file (and line and column where known) for a file
    that is not UTF-8 CSV or a readable workbook, a file over the caps (``limits``), and for
    every cell holding a NUL character, an unpaired surrogate or more than
    ``limits.cell_length`` characters.
    """
    limits = limits or FileLimits()
    if isinstance(source, Path) and not source.is_file():
        raise InputError.single("no such file", file=file)
    try:
        rows = list(_text_rows(source, file=file, limits=limits))
    except OSError as error:
        raise InputError.single(f"cannot read the file: {error.strerror}", file=file) from None
    problems: list[Problem] = []
    more = 0
    header: list[str] = []
    for line, cells in rows:
        if not header and any(cells):
            header = cells
        if not (
            _UNSTORABLE.search("".join(cells))
            or max(map(len, cells), default=0) > limits.cell_length
        ):
            continue
        for index, value in enumerate(cells):
            column = column_label(header, index)
            problem = cell_problem(value, limits.cell_length, column)
            if problem is None:
                continue
            if len(problems) < _MAX_CELL_PROBLEMS:
                problems.append(Problem(file, line, column, problem))
            else:
                more += 1
    if more:
        problems.append(Problem(file, None, None, f"… and {more} more cells like these"))
    if problems:
        raise InputError(problems)
    return rows
