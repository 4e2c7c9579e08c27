"""Where an upload waits while its request is read: never in the system temporary directory.

Django keeps an uploaded file of up to 2.5 MB in memory and writes a larger one to a named
file in the system temporary directory (``/tmp``), removed when the request ends normally.
A server killed during an upload leaves that file — a copy of a case document — behind.

:class:`DataDirectoryUploadHandler` (in ``FILE_UPLOAD_HANDLERS`` after Django's memory
handler) writes a larger file instead to a file **without a name** in the data directory's
``uploading/`` folder (``FILE_UPLOAD_TEMP_DIR``, owner-only): Linux's ``O_TMPFILE``, or a file
unlinked as soon as it is created where that is not supported. Only the open handle refers to
it, so the operating system frees it when the request ends, however it ends — a crash or
``SIGKILL`` included — and no other process can open it. Anything named that is ever found
there was left by an interrupted process and is removed at start-up
(:func:`pinspect.web.startup.clean_up_interrupted`).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

__all__ = ["AnonymousUploadedFile", "DataDirectoryUploadHandler", "upload_temp_dir"]


def upload_temp_dir() -> Path:
    """``FILE_UPLOAD_TEMP_DIR`` (default ``<data directory>/uploading``), created owner-only."""
    configured = getattr(settings, "FILE_UPLOAD_TEMP_DIR", None)
    path = Path(configured) if configured else Path(settings.DATA_DIR) / "uploading"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


class AnonymousUploadedFile(UploadedFile[bytes]):
    """An uploaded file held in an unnamed file in :func:`upload_temp_dir`."""

    def __init__(
        self,
        name: str,
        content_type: str,
        size: int,
        charset: str | None,
        content_type_extra: dict[str, Any] | None = None,
    ) -> None:
        handle = tempfile.TemporaryFile(dir=upload_temp_dir())  # noqa: SIM115 - closed with the upload
        super().__init__(handle, name, content_type, size, charset, content_type_extra)

    def close(self) -> None:
        if self.file is not None:
            self.file.close()


class DataDirectoryUploadHandler(FileUploadHandler):
    """Writes each uploaded file to an :class:`AnonymousUploadedFile`."""

    file: AnonymousUploadedFile

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.file = AnonymousUploadedFile(
            self.file_name or "upload",
            self.content_type or "application/octet-stream",
            0,
            self.charset,
            self.content_type_extra,
        )

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:  # noqa: ARG002
        self.file.write(raw_data)

    def file_complete(self, file_size: int) -> AnonymousUploadedFile:
        self.file.seek(0)
        self.file.size = file_size
        return self.file

    def upload_interrupted(self) -> None:
        if hasattr(self, "file"):
            self.file.close()
