"""Reading a rectangular input file (CSV or XLSX) as a header and numbered rows.

Shared by every reader of user files (case answers, judged ratings, attributes, departures,
long lists): :func:`cell_text` is the one rule for turning a spreadsheet cell into text.

CSV files are read as UTF-8 (a byte-order mark is allowed); XLSX files with openpyxl in
read-only mode, first sheet only. Header names are compared case-insensitively; every problem
with the header is reported, with the file and line.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zipfile import BadZipFile

from pinspect.problems import InputError, Problem

__all__ = ["Row", "TabularFile", "cell_text", "read_tabular_file"]


@dataclass(frozen=True)
class Row:
    """One data row: its line number in the file and its cells by (lower-case) column name."""

    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "")


@dataclass(frozen=True)
class TabularFile:
    path: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


def cell_text(value: object) -> str:
    """A spreadsheet cell as text: empty for None, dates as ISO dates, whole floats without
    their ``.0``, other values stripped."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _raw_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook  # noqa: PLC0415  (only XLSX input needs it)

        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, [cell_text(cell) for cell in cells]
        finally:
            workbook.close()
        return
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        for values in reader:
            yield reader.line_num, [v.strip() for v in values]


def read_tabular_file(
    path: str | Path,
    *,
    required: tuple[str, ...],
    optional: tuple[str, ...] = (),
    extra: bool = False,
) -> TabularFile:
    """Read ``path``; the header must name every ``required`` column, may name ``optional``
    ones and (when ``extra``) any others. Blank rows are skipped. Raises :class:`InputError`
    when the file is missing, empty, has a wrong header or no data rows."""
    file = str(path)
    source = Path(path)
    if not source.is_file():
        raise InputError.single("no such file", file=file)
    try:
        raw = iter(_raw_rows(source))
        header_line, header = next(raw, (1, []))
        header = [h.strip().lower() for h in header]
        while header and not header[-1]:
            header.pop()
        problems: list[Problem] = []
        if not header:
            raise InputError.single(
                "the file is empty; expected a header: " + ",".join(required), file=file, line=1
            )
        for column in required:
            if column not in header:
                problems.append(
                    Problem(
                        file,
                        header_line,
                        column,
                        f"the header has no {column!r} column; expected "
                        + ",".join(required + optional),
                    )
                )
        seen: set[str] = set()
        for column in header:
            if column in seen:
                problems.append(
                    Problem(file, header_line, column, f"column {column!r} appears twice")
                )
            seen.add(column)
            if not column:
                problems.append(Problem(file, header_line, None, "a header cell is empty"))
            elif not extra and column not in required and column not in optional:
                problems.append(
                    Problem(
                        file,
                        header_line,
                        column,
                        f"unexpected column {column!r}; expected " + ",".join(required + optional),
                    )
                )
        if problems:
            raise InputError(problems)
        rows = []
        for line, values in raw:
            if not any(values):
                continue
            if len(values) > len(header) and any(values[len(header) :]):
                problems.append(
                    Problem(
                        file,
                        line,
                        None,
                        f"the row has {len(values)} cells; the header has {len(header)}",
                    )
                )
                continue
            cells = {
                column: (values[i] if i < len(values) else "") for i, column in enumerate(header)
            }
            rows.append(Row(line=line, cells=cells))
        if problems:
            raise InputError(problems)
        if not rows:
            raise InputError.single(
                "the file has a header but no rows", file=file, line=header_line
            )
        return TabularFile(path=file, columns=tuple(header), rows=tuple(rows))
    except (UnicodeDecodeError, csv.Error, OSError, ValueError, KeyError, BadZipFile) as error:
        raise InputError.single(f"cannot read the file: {error}", file=file) from None
