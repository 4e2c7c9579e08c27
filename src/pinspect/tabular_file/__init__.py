"""The one reader of tabular user files (CSV and XLSX, from a path or from bytes).

Every file a user hands pinspect as a table (long lists, prepared samples, case answers, judged
ratings, case attributes, departures, national files, recommendations, units, survey questions
and responses) is read here, with one set of messages naming the file, the line and the column:

- :func:`table_rows` gives every row as text within the caps of :class:`FileLimits` (rows,
  cells per row, characters per cell, bytes a workbook unpacks to: settings with documented
  defaults), refusing NUL characters and unpaired surrogates in cells;
- :func:`read_tabular_file` adds a checked header and skips blank rows;
- :func:`cell_text` is the one rule turning a spreadsheet cell into text.

CSV is UTF-8 (a byte-order mark allowed; UTF-16, Latin-1 and NUL bytes refused, see
:mod:`~pinspect.tabular_file.delimited`); XLSX is read by its real rows, never its declared
dimension, with zip bombs refused (see :mod:`~pinspect.tabular_file.workbook`). openpyxl is
imported only when a workbook is read.
"""

from __future__ import annotations

from pinspect.tabular_file.cells import cell_text
from pinspect.tabular_file.delimited import (
    check_text_file,
    csv_error,
    decoded_text,
    field_limit_message,
)
from pinspect.tabular_file.limits import FileLimits
from pinspect.tabular_file.rows import FILE_TYPES, file_type, table_rows
from pinspect.tabular_file.table import Row, TabularFile, extra_cells, read_tabular_file

__all__ = [
    "FILE_TYPES",
    "FileLimits",
    "Row",
    "TabularFile",
    "cell_text",
    "check_text_file",
    "csv_error",
    "decoded_text",
    "extra_cells",
    "field_limit_message",
    "file_type",
    "read_tabular_file",
    "table_rows",
]
