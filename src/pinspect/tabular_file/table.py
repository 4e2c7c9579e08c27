"""A rectangular input file (CSV or XLSX) as a header and numbered rows.

Shared by the readers of case answers, judged ratings, attributes, departures, national files
and recommendations. The rows come from :func:`pinspect.tabular_file.rows.table_rows`; header
names are compared case-insensitively and every problem with the header is reported, with the
file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pinspect.problems import InputError, Problem
from pinspect.tabular_file.limits import FileLimits
from pinspect.tabular_file.rows import table_rows

__all__ = ["Row", "TabularFile", "extra_cells", "read_tabular_file"]


def extra_cells(
    file: str, line: int, values: list[str] | tuple[str, ...], header: list[str] | tuple[str, ...]
) -> Problem | None:
    """The problem of a row with filled cells beyond the header's columns (``None`` if none)."""
    if len(values) > len(header) and any(values[len(header) :]):
        return Problem(
            file, line, None, f"the row has {len(values)} cells; the header has {len(header)}"
        )
    return None


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


def read_tabular_file(
    path: str | Path | bytes,
    *,
    required: tuple[str, ...],
    optional: tuple[str, ...] = (),
    extra: bool = False,
    file: str | None = None,
    limits: FileLimits | None = None,
) -> TabularFile:
    """Read ``path`` (or the bytes of an uploaded file named ``file``); the header must name
    every ``required`` column, may name ``optional`` ones and (when ``extra``) any others.
    Blank rows are skipped. Raises :class:`InputError` when the file is missing, unreadable,
    over the ``limits``, empty, has a wrong header, a bad cell or no data rows."""
    source = path if isinstance(path, bytes) else Path(path)
    file = file or str(path)
    raw = iter(
        (line, [v.strip() for v in values])
        for line, values in table_rows(source, file=file, limits=limits)
    )
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
            problems.append(Problem(file, header_line, column, f"column {column!r} appears twice"))
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
        overflow = extra_cells(file, line, values, header)
        if overflow is not None:
            problems.append(overflow)
            continue
        cells = {column: (values[i] if i < len(values) else "") for i, column in enumerate(header)}
        rows.append(Row(line=line, cells=cells))
    if problems:
        raise InputError(problems)
    if not rows:
        raise InputError.single("the file has a header but no rows", file=file, line=header_line)
    return TabularFile(path=file, columns=tuple(header), rows=tuple(rows))
