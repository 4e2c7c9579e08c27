"""Writing tables of cells as a ZIP of CSV files, an XLSX workbook or an ODS spreadsheet.

Every format is protected from formula injection by the one rule in :mod:`pinspect.text`
(:func:`~pinspect.text.spreadsheet_text`).
Numbers are written as numbers; XLSX and ODS text cells are also typed as text.

The XLSX workbook is written here too, the same way: a SpreadsheetML package whose worksheets
are streamed into the ZIP row by row. openpyxl built an object per cell (about 7 µs a cell, ten
seconds for an annex of 3,000 cases) and XlsxWriter's constant-memory mode still took ten times
the ODS writer's time (a chain of checks and regular expressions per cell); see docs/reports.md.

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


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_XLSX_STANDALONE = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_XLSX_ROOT_RELS = (
    f'{_XLSX_STANDALONE}<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">'
    f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
# Two fonts (regular, bold for the header), the two fills every workbook needs, one border.
_XLSX_STYLES = (
    f'{_XLSX_STANDALONE}<styleSheet xmlns="{_MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_XLSX_SHEET_START = (
    f'{_XLSX_STANDALONE}<worksheet xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}">'
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
    'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView>'
    "</sheetViews><sheetData>"
)
_XLSX_SHEET_END = "</sheetData></worksheet>"
# ECMA-376 ST_Xstring escapes (_xHHHH_): a carriage return, which XML parsers would turn into a
# line feed, and the "_" of text that would otherwise read as such an escape.
_XLSX_ESCAPED = re.compile("_(?=x[0-9A-Fa-f]{4}_)|\r")
_XLSX_SPACE = re.compile(r"^\s|\s\Z|[\t\n]")


def _column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _xlsx_escape(match: re.Match[str]) -> str:
    return f"_x{ord(match.group()):04X}_"


def _xlsx_text(text: str, style: str) -> str:
    """An inline-string cell (without its reference): typed as text, never a formula."""
    body = escape(_XLSX_ESCAPED.sub(_xlsx_escape, _NOT_XML.sub("\ufffd", text)) if text else text)
    space = ' xml:space="preserve"' if _XLSX_SPACE.search(text) else ""
    return f'{style} t="inlineStr"><is><t{space}>{body}</t></is></c>'


def _xlsx_rows(sheet: Sheet) -> Iterable[str]:
    """The XML of each row of ``sheet``; equal texts are escaped once and reused."""
    letters = [_column_letters(i) for i in range(len(sheet.header))]
    text_cells: dict[str, str] = {}
    bold = ' s="1"'
    header = "".join(
        f'<c r="{letters[i]}1"{_xlsx_text(spreadsheet_text(name), bold)}'
        for i, name in enumerate(sheet.header)
    )
    yield f'<row r="1">{header}</row>'
    for number, values in enumerate(sheet.rows, start=2):
        cells = []
        for column, value in enumerate(values):
            if value is None or value == "":
                continue  # an empty cell, as spreadsheet programs read an empty text back
            reference = f'<c r="{letters[column]}{number}"'
            if isinstance(value, str):
                cell = text_cells.get(value)
                if cell is None:
                    cell = text_cells[value] = _xlsx_text(spreadsheet_text(value), "")
                cells.append(reference + cell)
            elif isinstance(value, bool) or not math.isfinite(value):
                cells.append(reference + _xlsx_text(str(value), ""))
            else:
                cells.append(f"{reference}><v>{value!r}</v></c>")
        yield f'<row r="{number}">{"".join(cells)}</row>'


def _xlsx_workbook(sheets: Sequence[Sheet]) -> tuple[str, str, str]:
    """workbook.xml, its relationships and [Content_Types].xml."""
    entries = "".join(
        f'<sheet name={quoteattr(sheet.name[:31])} sheetId="{i}" r:id="rId{i}"/>'
        for i, sheet in enumerate(sheets, start=1)
    )
    workbook = (
        f'{_XLSX_STANDALONE}<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}">'
        f"<sheets>{entries}</sheets></workbook>"
    )
    links = "".join(
        f'<Relationship Id="rId{i}" Type="{_RELATIONSHIPS}/worksheet" '
        f'Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    styles = len(sheets) + 1
    relationships = (
        f'{_XLSX_STANDALONE}<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">{links}'
        f'<Relationship Id="rId{styles}" Type="{_RELATIONSHIPS}/styles" Target="styles.xml"/>'
        "</Relationships>"
    )
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_SHEET_TYPE}"/>'
        for i in range(1, len(sheets) + 1)
    )
    spreadsheetml = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    content_types = (
        f"{_XLSX_STANDALONE}<Types "
        'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{spreadsheetml}.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{spreadsheetml}.styles+xml"/>'
        f"{overrides}</Types>"
    )
    return workbook, relationships, content_types


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """An XLSX workbook (ECMA-376 SpreadsheetML), one worksheet per sheet, the header row bold
    and frozen, each sheet's XML streamed into the ZIP row by row.

    Every text goes through :func:`~pinspect.text.spreadsheet_text` and is written as an
    inline string (``t="inlineStr"``), so nothing is ever read as a formula, number or error
    value; numbers are written as numbers. Characters XML cannot hold are written as U+FFFD
    (a carriage return as its ``_x000D_`` escape). Non-finite numbers and booleans are written
    as text, as the ODS writer does.
    """
    workbook, relationships, content_types = _xlsx_workbook(sheets)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        deflated = zipfile.ZIP_DEFLATED
        archive.writestr(_zip_info("[Content_Types].xml", deflated), content_types)
        archive.writestr(_zip_info("_rels/.rels", deflated), _XLSX_ROOT_RELS)
        archive.writestr(_zip_info("xl/workbook.xml", deflated), workbook)
        archive.writestr(_zip_info("xl/_rels/workbook.xml.rels", deflated), relationships)
        archive.writestr(_zip_info("xl/styles.xml", deflated), _XLSX_STYLES)
        for number, sheet in enumerate(sheets, start=1):
            member = _zip_info(f"xl/worksheets/sheet{number}.xml", deflated)
            with (
                archive.open(member, "w") as raw,
                io.TextIOWrapper(raw, encoding="utf-8") as stream,
            ):
                stream.write(_XLSX_SHEET_START)
                batch: list[str] = []
                for row in _xlsx_rows(sheet):
                    batch.append(row)
                    if len(batch) == _ROWS_PER_WRITE:
                        stream.write("".join(batch))
                        batch.clear()
                stream.write("".join(batch))
                stream.write(_XLSX_SHEET_END)
    return buffer.getvalue()


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
