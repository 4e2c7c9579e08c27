"""Bad files, generated in code: what a careless exporter or a hostile user hands pinspect.

Each builder takes the good rows of an entry point (a header and a few data rows) and returns
the bytes of a file with one defect. The web suite (tests/web/test_bad_files.py) uploads them
to every page that takes a file; the core suite (tests/core/test_bad_files.py) reads them
through the one reader and the command line.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from openpyxl import Workbook

Rows = Sequence[Sequence[str]]
SHEET = "xl/worksheets/sheet1.xml"
#: Over the csv module's default field limit (131,072 characters).
OVER_FIELD_LIMIT = 140_000
#: Over the default max_cell_length (32,767 characters), under the csv module's limit.
OVER_CELL_LENGTH = 40_000
FORMULA = "=cmd|' /C calc'!A0"


@dataclass(frozen=True)
class BadFile:
    """One bad file: its name, how to build it from good rows, and what the refusal says
    (``line`` the line it names, when the defect has one)."""

    name: str
    suffix: str
    build: Callable[[Rows], bytes]
    says: str
    line: int | None = None


def csv_bytes(rows: Rows, encoding: str = "utf-8") -> bytes:
    return "".join(",".join(row) + "\r\n" for row in rows).encode(encoding)


def xlsx_bytes(rows: Rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def rewrite_part(data: bytes, part: str, edit: Callable[[bytes], bytes]) -> bytes:
    """The workbook with one of its zip parts edited (everything else copied as is)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info.filename, edit(content) if info.filename == part else content)
    return stream.getvalue()


def declared_dimension(data: bytes, ref: str) -> bytes:
    """The workbook with its first sheet's ``<dimension>`` rewritten to ``ref`` (e.g. A1:M3)."""
    return rewrite_part(
        data,
        SHEET,
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), xml),
    )


def wrong_dimension(rows: Rows) -> bytes:
    return declared_dimension(xlsx_bytes(rows), "A1:B2")


def zip_bomb(_rows: Rows, size: int = 600 * 1024 * 1024) -> bytes:
    """A zip archive (named .xlsx) whose one part inflates to ``size`` bytes of zeros,
    compressed in chunks so building it never holds the whole."""
    stream = io.BytesIO()
    with (
        zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open(SHEET, "w", force_zip64=True) as part,
    ):
        chunk = bytes(1 << 20)
        for _ in range(size >> 20):
            part.write(chunk)
    return stream.getvalue()


def lying_sizes(_rows: Rows) -> bytes:
    """A zip archive whose part declares 100 bytes but inflates to 50 MB."""
    payload = bytes(50 * 1024 * 1024)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated = compressor.compress(payload) + compressor.flush()
    name = SHEET.encode()
    crc = zlib.crc32(payload)
    local = (
        b"PK\x03\x04"
        + (20).to_bytes(2, "little")
        + (0).to_bytes(2, "little")
        + (8).to_bytes(2, "little")
        + (0).to_bytes(4, "little")
        + crc.to_bytes(4, "little")
        + len(deflated).to_bytes(4, "little")
        + (100).to_bytes(4, "little")
        + len(name).to_bytes(2, "little")
        + (0).to_bytes(2, "little")
        + name
    )
    central = (
        b"PK\x01\x02"
        + (20).to_bytes(2, "little")
        + (20).to_bytes(2, "little")
        + (0).to_bytes(2, "little")
        + (8).to_bytes(2, "little")
        + (0).to_bytes(4, "little")
        + crc.to_bytes(4, "little")
        + len(deflated).to_bytes(4, "little")
        + (100).to_bytes(4, "little")
        + len(name).to_bytes(2, "little")
        + (0).to_bytes(2, "little") * 3
        + (0).to_bytes(2, "little")
        + (0).to_bytes(4, "little")
        + (0).to_bytes(4, "little")
        + name
    )
    offset = len(local) + len(deflated)
    end = (
        b"PK\x05\x06"
        + (0).to_bytes(2, "little") * 2
        + (1).to_bytes(2, "little") * 2
        + len(central).to_bytes(4, "little")
        + offset.to_bytes(4, "little")
        + (0).to_bytes(2, "little")
    )
    return local + deflated + central + end


def encrypted_workbook(_rows: Rows) -> bytes:
    """What Excel writes for a password-protected workbook: an OLE compound file."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)


def encrypted_parts(rows: Rows) -> bytes:
    """A zip archive whose parts carry the 'encrypted' flag."""
    data = bytearray(xlsx_bytes(rows))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        for match in re.finditer(re.escape(signature), bytes(data)):
            data[match.start() + offset] |= 0x1
    return bytes(data)


def not_a_workbook(_rows: Rows) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return stream.getvalue()


def truncated_workbook(rows: Rows) -> bytes:
    data = xlsx_bytes(rows)
    return data[: len(data) // 2]


def with_sheet_text(rows: Rows, xml_text: bytes) -> bytes:
    """A workbook whose last cell holds ``xml_text`` as written in the sheet's XML (openpyxl
    would refuse or cut such text when writing it)."""
    data = xlsx_bytes(_with_last_cell(rows, "PLACEHOLDER"))
    return rewrite_part(data, SHEET, lambda xml: xml.replace(b"PLACEHOLDER", xml_text))


def surrogate_in_sheet(rows: Rows) -> bytes:
    """A lone surrogate in a sheet's string, as a careless exporter writes one."""
    return with_sheet_text(rows, b"a&#xD800;b")


def entity_expansion(rows: Rows) -> bytes:
    """A sheet declaring nested entities (a 'billion laughs')."""
    doctype = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    )
    return rewrite_part(
        xlsx_bytes(rows), SHEET, lambda xml: doctype + re.sub(rb"^<\?xml[^>]*\?>", b"", xml)
    )


def formula_without_value(rows: Rows) -> bytes:
    """The first data row's first cell a formula saved without its value: it reads as blank
    (what a spreadsheet program would show before calculating), so the row's first column is
    empty."""

    def edit(xml: bytes) -> bytes:
        return re.sub(
            rb'<c r="A2" t="inlineStr"><is><t>[^<]*</t></is></c>', b'<c r="A2"><f>1+1</f></c>', xml
        )

    return rewrite_part(xlsx_bytes(rows), SHEET, edit)


def row_far_down(rows: Rows) -> bytes:
    """A sheet with a row numbered past a spreadsheet's last (read row by row, every blank one
    counted)."""
    return rewrite_part(
        xlsx_bytes(rows),
        SHEET,
        lambda xml: xml.replace(
            b"</sheetData>",
            b'<row r="1048577"><c r="A1048577" t="n"><v>1</v></c></row></sheetData>',
        ),
    )


def wide_row(rows: Rows) -> bytes:
    """A sheet whose last row has a cell in column ZZZ (18,278 cells)."""
    return rewrite_part(
        xlsx_bytes(rows),
        SHEET,
        lambda xml: xml.replace(
            b"</row></sheetData>",
            f'<c r="ZZZ{len(rows)}" t="n"><v>1</v></c></row></sheetData>'.encode(),
        ),
    )


def _with_last_cell(rows: Rows, value: str) -> list[list[str]]:
    changed = [list(row) for row in rows]
    changed[-1][-1] = value
    return changed


def _header_changed(rows: Rows, change: Callable[[list[str]], list[str]]) -> list[list[str]]:
    return [change(list(rows[0])), *[list(row) for row in rows[1:]]]


def generic_bad_files(
    rows: Rows, *, bad_row: Sequence[str], bad_row_says: str, blank_first_says: str
) -> list[BadFile]:
    """The defects every table file can have, for an entry point whose good rows are ``rows``
    (the last data row on line ``len(rows)``). ``bad_row`` is a data row the entry point
    refuses, saying ``bad_row_says``; ``blank_first_says`` is what it says when the first
    column of line 2 is blank."""
    last = len(rows)
    with_bad_row = [*rows[:-1], bad_row]
    return [
        BadFile("empty CSV", ".csv", lambda r: b"", "the file is empty", 1),
        BadFile("empty XLSX", ".xlsx", lambda r: b"", "the file is empty", 1),
        BadFile(
            "wrong declared dimension, a bad row past it",
            ".xlsx",
            lambda r: wrong_dimension(with_bad_row),
            bad_row_says,
            last,
        ),
        BadFile("zip bomb", ".xlsx", zip_bomb, "unpacks to more than"),
        BadFile("zip part lying about its size", ".xlsx", lying_sizes, "not a readable .xlsx"),
        BadFile("CSV text named .xlsx", ".xlsx", csv_bytes, "not a readable .xlsx"),
        BadFile("password-protected workbook", ".xlsx", encrypted_workbook, "password"),
        BadFile("encrypted zip parts", ".xlsx", encrypted_parts, "encrypted"),
        BadFile("zip without a workbook", ".xlsx", not_a_workbook, "not a readable .xlsx"),
        BadFile("truncated workbook", ".xlsx", truncated_workbook, "not a readable .xlsx"),
        BadFile("lone surrogate in a sheet", ".xlsx", surrogate_in_sheet, "not a readable .xlsx"),
        BadFile("entity expansion", ".xlsx", entity_expansion, "not a readable .xlsx"),
        BadFile(
            "row past the last a spreadsheet holds",
            ".xlsx",
            row_far_down,
            "max_file_rows",
            1_048_577,
        ),
        BadFile("row of 18,278 cells", ".xlsx", wide_row, "max_file_columns", last),
        BadFile(
            "cell over max_cell_length in XLSX",
            ".xlsx",
            lambda r: with_sheet_text(r, b"x" * OVER_CELL_LENGTH),
            "40,000 characters long",
            last,
        ),
        BadFile(
            "control character in a sheet",
            ".xlsx",
            lambda r: with_sheet_text(r, b"a&#x1;b"),
            "not a readable .xlsx",
        ),
        BadFile(
            "NUL in a CSV cell",
            ".csv",
            lambda r: csv_bytes(_with_last_cell(r, "a\x00b")),
            "NUL character",
            last,
        ),
        BadFile(
            "Latin-1 CSV",
            ".csv",
            lambda r: csv_bytes(_with_last_cell(r, "Zoë"), "latin-1"),
            "not UTF-8 text",
            last,
        ),
        BadFile(
            "UTF-16 CSV",
            ".csv",
            lambda r: codecs.BOM_UTF16_LE + csv_bytes(r, "utf-16-le"),
            "UTF-16",
            1,
        ),
        BadFile(
            "UTF-16 CSV without its byte-order mark",
            ".csv",
            lambda r: csv_bytes(r, "utf-16-le"),
            "UTF-16",
            1,
        ),
        BadFile(
            "CSV field over the csv module's limit",
            ".csv",
            lambda r: csv_bytes(_with_last_cell(r, "x" * OVER_FIELD_LIMIT)),
            "longer than 131,072 characters",
            last,
        ),
        BadFile(
            "CSV quote never closed",
            ".csv",
            lambda r: csv_bytes(_with_last_cell(r, '"open')) + b"x" * OVER_FIELD_LIMIT,
            "a quote left open",
        ),
        BadFile(
            "CSV row of 1,001 cells",
            ".csv",
            lambda r: csv_bytes([*r, ["x"] * 1001]),
            "max_file_columns",
            last + 1,
        ),
        BadFile(
            "cell over max_cell_length in CSV",
            ".csv",
            lambda r: csv_bytes(_with_last_cell(r, "y" * OVER_CELL_LENGTH)),
            "40,000 characters long",
            last,
        ),
        BadFile(
            "header only",
            ".csv",
            lambda r: csv_bytes(r[:1]),
            "header but no",
        ),
        BadFile(
            "XLSX header only",
            ".xlsx",
            lambda r: xlsx_bytes(r[:1]),
            "header but no",
        ),
        BadFile(
            "unknown column",
            ".csv",
            lambda r: csv_bytes([[*r[0], "surprise"], *[[*row, "1"] for row in r[1:]]]),
            "surprise",
            1,
        ),
        BadFile(
            "duplicate column",
            ".csv",
            lambda r: csv_bytes([[*r[0], r[0][0]], *[[*row, row[0]] for row in r[1:]]]),
            rows[0][0],
            1,
        ),
        BadFile(
            "missing column",
            ".csv",
            lambda r: csv_bytes([row[1:] for row in r]),
            rows[0][0],
            1,
        ),
        BadFile(
            "formula without a saved value",
            ".xlsx",
            formula_without_value,
            blank_first_says,
            2,
        ),
    ]
