"""CSV files: UTF-8 text (a byte-order mark allowed), read row by row within the caps.

Other encodings are refused with words a user can act on (save the file as "CSV UTF-8"), never
guessed: a Latin-1 or UTF-16 file read as something else would change names and codes without a
word. A NUL character is refused too (no text file holds one; a UTF-16 file without its
byte-order mark is full of them and is named as such).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path

from pinspect.problems import InputError
from pinspect.tabular_file.limits import FileLimits

__all__ = ["check_text_file", "csv_error", "csv_rows", "decoded_text", "field_limit_message"]

SAVE_AS = 'save it as "CSV UTF-8"'
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
_CHUNK = 1 << 20


def _wide_encoding(head: bytes) -> str | None:
    for bom, name in _WIDE_BOMS:
        if head.startswith(bom):
            return name
    return None


def _refuse_encoding(head: bytes, file: str) -> None:
    wide = _wide_encoding(head)
    if wide is not None:
        raise InputError.single(f"the file is {wide} text, not UTF-8: {SAVE_AS}", file=file, line=1)


def _nul_problem(line: int, file: str) -> InputError:
    return InputError.single(
        "the line holds a NUL character, which no text file does (a UTF-16 or binary file?): "
        + SAVE_AS,
        file=file,
        line=line,
    )


def decoded_text(data: bytes, *, file: str) -> str:
    """The bytes of a CSV file as text; :class:`InputError` naming the file and line when they
    are not UTF-8 text. A NUL character in a cell is left for the cell check
    (:func:`pinspect.tabular_file.table_rows`), which names its line and column."""
    _refuse_encoding(data[:4], file)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError.single(
            f"the file is not UTF-8 text (byte 0x{data[error.start]:02X} cannot be read as "
            f"UTF-8; Latin-1 or Windows-1252?): {SAVE_AS}",
            file=file,
            line=line,
        ) from None
    if text[:200].count("\x00") >= 50:
        raise InputError.single(
            f"the file looks like UTF-16 text saved without its byte-order mark: {SAVE_AS}",
            file=file,
            line=1,
        )
    return text


def check_text_file(path: Path, *, file: str) -> None:
    """Refuse a CSV file on disk that is UTF-16/32 or holds a NUL byte, reading it in chunks
    (a reader that decodes the file itself reports what is not UTF-8). Lines are counted
    only to name the one a NUL byte is on."""
    with path.open("rb") as handle:
        _refuse_encoding(handle.read(4), file)
        handle.seek(0)
        offset = 0
        while chunk := handle.read(_CHUNK):
            nul = chunk.find(b"\x00")
            if nul >= 0:
                handle.seek(0)
                before = handle.read(offset + nul)
                raise _nul_problem(before.count(b"\n") + 1, file)
            offset += len(chunk)


def field_limit_message() -> str:
    return (
        f"a cell is longer than {csv.field_size_limit():,} characters, the most a CSV cell may "
        "hold (a quote left open makes the rest of the file one cell)"
    )


def csv_error(error: csv.Error, *, file: str, line: int) -> InputError:
    """A :class:`csv.Error` as a message naming the file and line."""
    if "field larger than field limit" in str(error):
        return InputError.single(field_limit_message(), file=file, line=line)
    return InputError.single(f"not valid CSV: {error}", file=file, line=line)


def csv_rows(text: str, *, file: str, limits: FileLimits) -> Iterator[tuple[int, list[str]]]:
    """Each row of the CSV text as (the line it ends on, its cells as read)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    count = 0
    try:
        for values in reader:
            count += 1
            limits.check_rows(count, file=file, line=reader.line_num)
            if len(values) > limits.columns:
                raise InputError.single(
                    limits.too_many_cells(len(values)), file=file, line=reader.line_num
                )
            yield reader.line_num, values
    except csv.Error as error:
        raise csv_error(error, file=file, line=reader.line_num) from None
