"""Writing tables of cells as a ZIP of CSV files, an XLSX workbook or an ODS spreadsheet.

Every format is protected from formula injection by the one rule in :mod:`pinspect.text`
(:func:`~pinspect.text.spreadsheet_text`).
Numbers are written as numbers; XLSX and ODS text cells are also typed as text.

The XLSX workbook is streamed by XlsxWriter in constant-memory mode; openpyxl built an object
per cell (about 7 µs a cell, ten seconds for an annex of 3,000 cases).

The ODS file is written here, with the standard library: an OpenDocument spreadsheet is a ZIP
holding ``mimetype`` (first, stored uncompressed), ``META-INF/manifest.xml``, ``styles.xml``
and ``content.xml``, and the tables' ``content.xml`` is streamed into the ZIP row by row. A
library that builds an object per cell (odfpy) took seconds for an annex of a few thousand case
answers and grew faster than the annex; see docs/reports.md.
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from xml.sax.saxutils import escape, quoteattr

from pinspect.text import spreadsheet_text

__all__ = ["Cell", "Sheet", "csv_zip", "ods_bytes", "spreadsheet_text", "xlsx_bytes"]

Cell = str | int | float | None

_ZIP_TIME = (2000, 1, 1, 0, 0, 0)  # a fixed time stamp: the same report gives the same ZIP
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # XML 1.0 cannot hold these


@dataclass(frozen=True)
class Sheet:
    """One table: a sheet of a workbook, or one CSV file."""

    name: str
    file_stem: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


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
    """An XLSX workbook, one worksheet per sheet, the header row bold and frozen.

    Streamed with XlsxWriter in its constant-memory mode: each row is written to the sheet's
    XML as it comes and never held as cell objects. Every cell is written with its type
    stated — text with ``write_string`` (so nothing is ever read as a formula, a number, a
    URL or an error value such as ``#N/A``), numbers with ``write_number`` — and every text
    first goes through :func:`~pinspect.text.spreadsheet_text`. Control characters, which XML
    cannot hold, are written as U+FFFD. Non-finite numbers and booleans are written as text,
    as the ODS writer does.
    """
    import xlsxwriter  # noqa: PLC0415 - only for workbooks

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    workbook.set_properties({"created": _XLSX_CREATED})
    bold = workbook.add_format({"bold": True})
    for sheet in sheets:
        worksheet = workbook.add_worksheet(sheet.name[:31])
        worksheet.freeze_panes(1, 0)
        for column, name in enumerate(sheet.header):
            worksheet.write_string(0, column, _xml_text(spreadsheet_text(name)), bold)
        write_string, write_number = worksheet.write_string, worksheet.write_number
        for number, row in enumerate(sheet.rows, start=1):
            for column, value in enumerate(row):
                if value is None or value == "":
                    continue  # an empty cell, as openpyxl read an empty text back
                if isinstance(value, str):
                    write_string(number, column, _xml_text(spreadsheet_text(value)))
                elif isinstance(value, bool) or not math.isfinite(value):
                    write_string(number, column, str(value))
                else:
                    write_number(number, column, value)
    workbook.close()
    return buffer.getvalue()


_XLSX_CREATED = datetime(2000, 1, 1, tzinfo=UTC)  # a fixed time: the same report, the same file


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text) if _NOT_XML.search(text) else text


_ODS_MEDIA_TYPE = "application/vnd.oasis.opendocument.spreadsheet"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
_ODS_STYLES = (
    f'{_XML_DECLARATION}<office:document-styles xmlns:office="{_OFFICE}" office:version="1.2">'
    "<office:styles/></office:document-styles>"
)
_ODS_MANIFEST = (
    f'{_XML_DECLARATION}<manifest:manifest xmlns:manifest="{_MANIFEST}" manifest:version="1.2">'
    f'<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
    f'manifest:media-type="{_ODS_MEDIA_TYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
_ODS_CONTENT_START = (
    f'{_XML_DECLARATION}<office:document-content xmlns:office="{_OFFICE}" '
    f'xmlns:table="{_TABLE}" xmlns:text="{_TEXT}" office:version="1.2">'
    "<office:body><office:spreadsheet>"
)
_ODS_CONTENT_END = "</office:spreadsheet></office:body></office:document-content>"
_ODS_EMPTY_CELL = "<table:table-cell/>"
_ROWS_PER_WRITE = 500

# White space that ODF readers would collapse (ODF 1.2 §6.1.2) unless written as <text:s/>,
# <text:tab/> and <text:line-break/>.
_WHITE_SPACE = re.compile(r"\r\n|[\r\n]|\t| {2,}|^ | \Z")
_NEEDS_CARE = re.compile("[\x00-\x1f\ufffe\uffff]|  |^ | \\Z")


def _spaces(count: int) -> str:
    return "<text:s/>" if count == 1 else f'<text:s text:c="{count}"/>'


def _white_space_element(match: re.Match[str]) -> str:
    found = match.group()
    if found == "\t":
        return "<text:tab/>"
    if found[0] != " ":
        return "<text:line-break/>"
    if match.start() == 0 or len(found) == 1:  # leading spaces, or one trailing space
        return _spaces(len(found))
    return " " + _spaces(len(found) - 1)


def _ods_paragraph(text: str) -> str:
    """``text`` as the content of a <text:p>, read back exactly by spreadsheet programs.
    Characters XML cannot hold (control characters) are written as U+FFFD."""
    text = escape(text)
    if _NEEDS_CARE.search(text) is None:
        return text
    return _WHITE_SPACE.sub(_white_space_element, _NOT_XML.sub("\ufffd", text))


def _ods_text_cell(text: str) -> str:
    return (
        '<table:table-cell office:value-type="string"><text:p>'
        f"{_ods_paragraph(spreadsheet_text(text))}</text:p></table:table-cell>"
    )


def _ods_number_cell(value: int | float) -> str:
    number = repr(value)
    return (
        f'<table:table-cell office:value-type="float" office:value="{number}">'
        f"<text:p>{number}</text:p></table:table-cell>"
    )


def _ods_rows(sheet: Sheet) -> Iterable[str]:
    """The XML of each row of ``sheet``; equal texts are written once and reused."""
    text_cells: dict[str, str] = {}
    for values in (sheet.header, *sheet.rows):
        cells = []
        for value in values:
            if value is None:
                cells.append(_ODS_EMPTY_CELL)
            elif isinstance(value, str):
                cell = text_cells.get(value)
                if cell is None:
                    cell = text_cells[value] = _ods_text_cell(value)
                cells.append(cell)
            elif isinstance(value, bool) or not math.isfinite(value):
                cells.append(_ods_text_cell(str(value)))
            else:
                cells.append(_ods_number_cell(value))
        yield f"<table:table-row>{''.join(cells)}</table:table-row>"


def _ods_table(sheet: Sheet, write: Callable[[str], object]) -> None:
    columns = len(sheet.header)
    repeated = "" if columns == 1 else f' table:number-columns-repeated="{columns}"'
    write(f"<table:table table:name={quoteattr(sheet.name)}><table:table-column{repeated}/>")
    batch: list[str] = []
    for row in _ods_rows(sheet):
        batch.append(row)
        if len(batch) == _ROWS_PER_WRITE:
            write("".join(batch))
            batch.clear()
    write("".join(batch))
    write("</table:table>")


def _zip_info(name: str, compress_type: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = compress_type
    return info


def ods_bytes(sheets: Sequence[Sheet]) -> bytes:
    """An OpenDocument spreadsheet (ODF 1.2), one table per sheet; numbers typed as floats,
    text cells typed as strings (see the module docstring)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_zip_info("mimetype", zipfile.ZIP_STORED), _ODS_MEDIA_TYPE)
        content = _zip_info("content.xml", zipfile.ZIP_DEFLATED)
        with (
            archive.open(content, "w") as member,
            io.TextIOWrapper(member, encoding="utf-8") as stream,
        ):
            stream.write(_ODS_CONTENT_START)
            for sheet in sheets:
                _ods_table(sheet, stream.write)
            stream.write(_ODS_CONTENT_END)
        archive.writestr(_zip_info("styles.xml", zipfile.ZIP_DEFLATED), _ODS_STYLES)
        archive.writestr(_zip_info("META-INF/manifest.xml", zipfile.ZIP_DEFLATED), _ODS_MANIFEST)
    return buffer.getvalue()
