"""Writing the drawn cases (sample, then reserve in rank order) to CSV or XLSX.

Every column of the long list is written (after column mapping), followed by ``sample``
(the sample's name), ``stratum`` and ``reserve_rank`` (blank for the sample, 1, 2, … for the
reserve). The file is written next to its destination and moved into place only when
complete, so a failure never leaves a partial sample file behind. A value a spreadsheet program
would take for a formula (a leading ``=``, ``+``, ``-``, ``@``, tab or carriage return: a CRN
of ``=cmd|' /C calc'!A0``) is written as text, with a leading apostrophe
(:func:`pinspect.text.spreadsheet_text`).
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from pinspect.problems import InputError
from pinspect.sampling.draw import Sample
from pinspect.sampling.longlist import LongList
from pinspect.text import spreadsheet_text

__all__ = ["SAMPLE_FILE_TYPES", "check_sample_path", "sample_rows", "write_sample"]

SAMPLE_FILE_TYPES = (".csv", ".xlsx")


def check_sample_path(path: Path) -> None:
    """``InputError`` unless ``path`` is a .csv or .xlsx file in an existing directory."""
    if path.suffix.lower() not in SAMPLE_FILE_TYPES:
        raise InputError.single(
            f"unknown file type '{path.suffix or '(none)'}': write the sample to .csv or .xlsx",
            file=str(path),
            field="--out",
        )
    if not path.parent.is_dir():
        raise InputError.single("no such directory", file=str(path), field="--out")


def sample_rows(long_list: LongList, sample: Sample) -> Iterator[list[str]]:
    """The header, then one row per drawn case."""
    yield [*long_list.columns, "sample", "stratum", "reserve_rank"]
    for drawn in sample.cases:
        rank = "" if drawn.reserve_rank is None else str(drawn.reserve_rank)
        yield [*drawn.case.values, sample.name, drawn.stratum, rank]


def write_sample(path: Path, long_list: LongList, sample: Sample) -> None:
    """Write the drawn cases to ``path`` (.csv or .xlsx), atomically."""
    check_sample_path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".pinspect-", suffix=path.suffix)
    os.close(handle)
    rows = ([spreadsheet_text(cell) for cell in row] for row in sample_rows(long_list, sample))
    try:
        if path.suffix.lower() == ".csv":
            with open(temporary, "w", encoding="utf-8", newline="") as stream:
                csv.writer(stream).writerows(rows)
        else:
            from openpyxl import Workbook  # noqa: PLC0415 - slow to import, only for spreadsheets

            workbook = Workbook(write_only=True)
            sheet = workbook.create_sheet(title=sample.name[:31] or "sample")
            for row in rows:
                sheet.append(row)
            workbook.save(temporary)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
