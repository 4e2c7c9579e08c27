"""Writing tables of cells as a ZIP of CSV files, an XLSX workbook or an ODS spreadsheet.

One rule protects every format from formula injection: a text cell starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return is written with a leading apostrophe, so no
spreadsheet program evaluates it (OWASP's advice for CSV, applied to all three formats).
Numbers are written as numbers; XLSX and ODS text cells are also typed as text.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Cell", "Sheet", "csv_zip", "ods_bytes", "spreadsheet_text", "xlsx_bytes"]

Cell = str | int | float | None

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)  # a fixed time stamp: the same report gives the same ZIP


@dataclass(frozen=True)
class Sheet:
    """One table: a sheet of a workbook, or one CSV file."""

    name: str
    file_stem: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def spreadsheet_text(text: str) -> str:
    """``text`` made safe from formula injection (see the module docstring)."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _safe(cell: Cell) -> Cell:
    return spreadsheet_text(cell) if isinstance(cell, str) else cell


def _csv_text(sheet: Sheet) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([spreadsheet_text(h) for h in sheet.header])
    for row in sheet.rows:
        writer.writerow(["" if c is None else _safe(c) for c in row])
    return buffer.getvalue()


def csv_zip(sheets: Sequence[Sheet]) -> bytes:
    """A ZIP holding one CSV file per sheet (UTF-8 with a byte-order mark, so spreadsheet
    programs read accented letters and dashes correctly)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for sheet in sheets:
            info = zipfile.ZipInfo(f"{sheet.file_stem}.csv", date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, _csv_text(sheet).encode("utf-8-sig"))
    return buffer.getvalue()


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """An XLSX workbook, one worksheet per sheet, the header row frozen."""
    from openpyxl import Workbook  # noqa: PLC0415 - slow to import, only for workbooks
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in sheets:
        worksheet = workbook.create_sheet(title=sheet.name[:31])
        worksheet.freeze_panes = "A2"
        header = []
        for name in sheet.header:
            cell = WriteOnlyCell(worksheet, value=spreadsheet_text(name))
            cell.font = bold
            header.append(cell)
        worksheet.append(header)
        for row in sheet.rows:
            cells = []
            for value in row:
                cell = WriteOnlyCell(worksheet, value=_safe(value))
                if isinstance(value, str):
                    cell.data_type = "s"
                cells.append(cell)
            worksheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ods_bytes(sheets: Sequence[Sheet]) -> bytes:
    """An OpenDocument spreadsheet, one table per sheet; text cells typed as strings."""
    from odf.opendocument import OpenDocumentSpreadsheet  # type: ignore[import-untyped]  # noqa: PLC0415
    from odf.table import Table, TableCell, TableRow  # type: ignore[import-untyped]  # noqa: PLC0415
    from odf.text import P  # type: ignore[import-untyped]  # noqa: PLC0415

    document = OpenDocumentSpreadsheet()
    for sheet in sheets:
        table = Table(name=sheet.name)
        for values in (sheet.header, *sheet.rows):
            row = TableRow()
            for value in values:
                if value is None:
                    cell = TableCell()
                elif isinstance(value, bool) or not isinstance(value, int | float):
                    text = spreadsheet_text(str(value))
                    cell = TableCell(valuetype="string")
                    cell.addElement(P(text=text))
                else:
                    cell = TableCell(valuetype="float", value=value)
                    cell.addElement(P(text=str(value)))
                row.addElement(cell)
            table.addElement(row)
        document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()
