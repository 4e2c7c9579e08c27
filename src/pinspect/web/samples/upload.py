"""Uploaded files that hold case records: kept in memory only, read without touching the disk.

A long list holds CRNs, PNCs, names and dates of birth. Django writes an upload larger than
``FILE_UPLOAD_MAX_MEMORY_SIZE`` to a temporary file; the views that take long lists use
:func:`memory_only_uploads` instead, which keeps each file in memory and skips one larger
than ``PINSPECT_LONGLIST_MAX_BYTES`` (default :data:`DEFAULT_MAX_BYTES`, 50 MB: a 250,000-row
long list is about 40 MB), so the form can say the file is too large. The bytes are read
with the core's one reader of tabular files (:func:`pinspect.tabular_file.table_rows`) and
long-list parser, and are gone when the request ends — but for a long list to draw from,
which the draw page keeps in the database beside its draw job until the sample is saved
(:mod:`pinspect.web.samples.draw_job`).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Collection
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from pinspect.problems import InputError
from pinspect.sampling import ColumnMapping, LongList, long_list_from_rows, parse_column_mapping
from pinspect.sampling.bulk import bulk_allocation
from pinspect.tabular_file import FILE_TYPES, file_type
from pinspect.tabular_file import table_rows as core_table_rows
from pinspect.web.installation import file_limits

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FILE_TYPES",
    "MemoryOnlyUploadHandler",
    "column_mapping_from_upload",
    "long_list_from_upload",
    "max_upload_bytes",
    "memory_only_uploads",
    "oversized_fields",
    "sha256",
    "table_rows",
]

#: Default of the ``PINSPECT_LONGLIST_MAX_BYTES`` setting: the largest upload accepted.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
_MAPPING_MAX_BYTES = 64 * 1024


def max_upload_bytes() -> int:
    """The largest long list (or prepared sample) accepted, in bytes."""
    return int(getattr(settings, "PINSPECT_LONGLIST_MAX_BYTES", DEFAULT_MAX_BYTES))


class MemoryOnlyUploadHandler(FileUploadHandler):
    """Keeps each uploaded file in memory, never in a temporary file; a file over ``limit``
    bytes is skipped and its field noted in :attr:`too_large`."""

    def __init__(self, request: HttpRequest | None = None, *, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.too_large: set[str] = set()
        self._buffer = io.BytesIO()

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self._buffer = io.BytesIO()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        if start + len(raw_data) > self.limit:
            self.too_large.add(self.field_name)
            self._buffer = io.BytesIO()
            raise SkipFile
        self._buffer.write(raw_data)

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self._buffer.seek(0)
        return InMemoryUploadedFile(
            file=self._buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


def memory_only_uploads(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Outermost decorator of a view that takes case records: installs
    :class:`MemoryOnlyUploadHandler` before the body is read. The CSRF middleware would read
    the body first, so the view is exempted here and must itself be wrapped in
    ``csrf_protect`` (innermost, after the permission check)."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        request.upload_handlers = [MemoryOnlyUploadHandler(request, limit=max_upload_bytes())]
        return view(request, *args, **kwargs)

    return wrapper


def oversized_fields(request: HttpRequest) -> set[str]:
    """The file fields of the request skipped for being larger than the limit."""
    for handler in request.upload_handlers:
        if isinstance(handler, MemoryOnlyUploadHandler):
            return handler.too_large
    return set()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def table_rows(data: bytes, file: str) -> list[tuple[int, list[str]]]:
    """Every row of an uploaded .csv or .xlsx file as (line, cells), read by the core's one
    reader (:func:`pinspect.tabular_file.table_rows`) within the installation's caps; a CSV
    row's line is the line it ends on (as the core readers number them)."""
    file_type(file, what="an upload")
    return core_table_rows(data, file=file, limits=file_limits())


def long_list_from_upload(
    data: bytes,
    *,
    file: str,
    mapping: ColumnMapping | None,
    required_columns: Collection[str],
) -> LongList:
    """Read an uploaded long list with the core's reader and parser; problems name the file,
    line and column."""
    with bulk_allocation():
        return long_list_from_rows(
            table_rows(data, file),
            file=file,
            mapping=mapping,
            required_columns=tuple(required_columns),
        )


def column_mapping_from_upload(data: bytes, *, file: str) -> ColumnMapping:
    """Read an uploaded column-mapping YAML file (at most 64 KB) with the core's parser;
    problems are reported under the uploaded file's name."""
    if len(data) > _MAPPING_MAX_BYTES:
        raise InputError.single("a mapping file must be smaller than 64 KB", file=file)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError.single("the mapping file is not UTF-8 text", file=file) from None
    return parse_column_mapping(text, file=file)
