"""XLSX workbooks: the first sheet read by its real rows, within the caps, zip bombs refused.

A workbook is a zip archive of XML parts. Before openpyxl opens it, :func:`check_archive`
refuses an archive whose parts declare more than ``max_unpacked_bytes`` unpacked, then inflates
every part in chunks, counting the bytes, and refuses as soon as the count passes the cap, so
an archive that lies about its sizes is stopped too, with memory bounded by one chunk. An
encrypted workbook (an OLE container, not a zip) and an old ``.xls`` file are refused by name.

openpyxl's read-only mode trusts the ``<dimension>`` element a sheet declares; some exporters
write it wrong, and a sheet declaring ``A1:M3`` that holds 300 rows would read as two. The sheet
is read with its dimensions reset, so every row it holds is read. Formula cells read as the
value the spreadsheet program saved with them (a formula never saved with a value reads as
blank); the XML is parsed with defusedxml when installed (openpyxl's choice) and expat's own
protection against entity expansion otherwise.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import ParseError

from pinspect.problems import InputError
from pinspect.tabular_file.limits import FileLimits

__all__ = ["check_archive", "workbook_rows"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CHUNK = 1 << 20
_ENCRYPTED_FLAG = 0x1
# What openpyxl and zipfile raise on a damaged or hostile workbook; each becomes one message.
_UNREADABLE: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    AttributeError,
    ParseError,
    SyntaxError,
    NotImplementedError,
    RuntimeError,
)
_REFUSED = "not a readable .xlsx workbook"


def _too_large(limits: FileLimits) -> str:
    return (
        f"the workbook unpacks to more than {limits.unpacked_bytes:,} bytes, the most a "
        "workbook may (the max_unpacked_bytes setting)"
    )


def _open(source: Path | bytes) -> IO[bytes]:
    return io.BytesIO(source) if isinstance(source, bytes) else source.open("rb")


def check_archive(handle: IO[bytes], *, file: str, limits: FileLimits) -> None:
    """Refuse what is not a plain zip archive within ``limits.unpacked_bytes``."""
    head = handle.read(len(_OLE_MAGIC))
    handle.seek(0)
    if head == _OLE_MAGIC:
        raise InputError.single(
            f"{_REFUSED}: it is a password-protected workbook or an old .xls file; save it "
            "as an .xlsx workbook without a password",
            file=file,
        )
    if not head:
        raise InputError.single("the file is empty", file=file, line=1)
    try:
        with zipfile.ZipFile(handle) as archive:
            members = archive.infolist()
            if any(member.flag_bits & _ENCRYPTED_FLAG for member in members):
                raise InputError.single(
                    f"{_REFUSED}: its parts are encrypted; save it without a password",
                    file=file,
                )
            if sum(member.file_size for member in members) > limits.unpacked_bytes:
                raise InputError.single(_too_large(limits), file=file)
            counted = 0
            for member in members:
                with archive.open(member) as part:
                    while chunk := part.read(_CHUNK):
                        counted += len(chunk)
                        if counted > limits.unpacked_bytes:
                            raise InputError.single(_too_large(limits), file=file)
    except _UNREADABLE:
        raise InputError.single(
            f"{_REFUSED} (an .xlsx file is a zip archive; this one cannot be opened)", file=file
        ) from None
    finally:
        handle.seek(0)


def workbook_rows(
    source: Path | bytes, *, file: str, limits: FileLimits
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """Each row of the workbook's first sheet as (row number, cell values), blank rows
    included, every row the sheet holds whatever its declared dimension."""
    with _open(source) as handle:
        check_archive(handle, file=file, limits=limits)
        from openpyxl import load_workbook  # noqa: PLC0415 - slow to import, only for workbooks

        try:
            workbook = load_workbook(handle, read_only=True, data_only=True)
        except _UNREADABLE:
            raise InputError.single(_REFUSED, file=file) from None
        number = 0
        try:
            if not workbook.worksheets:
                raise InputError.single(f"{_REFUSED}: it has no sheet", file=file)
            sheet = workbook.worksheets[0]
            reset = getattr(sheet, "reset_dimensions", None)
            if reset is not None:  # a chart sheet has no rows and no dimensions
                reset()
            for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                limits.check_rows(number, file=file, line=number)
                if len(cells) > limits.columns:
                    raise InputError.single(
                        limits.too_many_cells(len(cells)), file=file, line=number
                    )
                yield number, cells
        except _UNREADABLE:
            raise InputError.single(
                f"{_REFUSED}: the sheet cannot be read from row {number + 1} on (a character "
                "no sheet may hold, or a damaged file)",
                file=file,
                line=number + 1,
            ) from None
        finally:
            workbook.close()
