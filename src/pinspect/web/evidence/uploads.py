"""Upload rules for evidence documents, and where the files are kept.

The seeds say nothing about files; these choices are Django settings, read with ``getattr``
so an installation may change them (docs/evidence.md):

``PINSPECT_UPLOAD_MAX_BYTES``
    largest file accepted; default :data:`DEFAULT_MAX_BYTES` (20 MB).
``PINSPECT_UPLOAD_TYPES``
    the extensions accepted; default :data:`DEFAULT_TYPES` (PDF, DOCX, XLSX, ODT, ODS, CSV,
    TXT, PNG, JPEG). Only types this module can recognise by their bytes may be listed.
``PINSPECT_UPLOAD_DIR``
    where files are kept; default ``<data directory>/uploads``. Never under the static root
    or any URL the web server serves: files are read back only by the document view, which
    checks the user's permission.

A file is accepted when its size is within the limit, its extension is on the allow-list and
its leading bytes are those of that type (a ``.pdf`` must start ``%PDF-``; a ``.docx`` must be
a ZIP holding ``word/document.xml``; a ``.csv`` must be UTF-8 text without NUL bytes, …). The
stored file gets a random name without extension; the original name is kept in the database
for the download's ``Content-Disposition`` only. Contents are never logged.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.conf import settings

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TYPES",
    "PARTIAL_SUFFIX",
    "FileType",
    "RefusedUploadError",
    "Stored",
    "allowed_types",
    "check_upload",
    "discard",
    "max_bytes",
    "open_stored",
    "publish",
    "store",
    "stored_path",
    "upload_dir",
]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_TYPES: tuple[str, ...] = (
    "pdf",
    "docx",
    "xlsx",
    "odt",
    "ods",
    "csv",
    "txt",
    "png",
    "jpg",
    "jpeg",
)
_SNIFF_BYTES = 8192
_MAX_MIMETYPE_MEMBER = 200


@dataclass(frozen=True)
class FileType:
    extension: str
    content_type: str
    description: str


_TYPES = {
    t.extension: t
    for t in (
        FileType("pdf", "application/pdf", "PDF"),
        FileType(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Word document (DOCX)",
        ),
        FileType(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "Excel workbook (XLSX)",
        ),
        FileType("odt", "application/vnd.oasis.opendocument.text", "OpenDocument text (ODT)"),
        FileType(
            "ods",
            "application/vnd.oasis.opendocument.spreadsheet",
            "OpenDocument spreadsheet (ODS)",
        ),
        FileType("csv", "text/csv", "CSV"),
        FileType("txt", "text/plain", "plain text (TXT)"),
        FileType("png", "image/png", "PNG image"),
        FileType("jpg", "image/jpeg", "JPEG image"),
        FileType("jpeg", "image/jpeg", "JPEG image"),
    )
}


class RefusedUploadError(ValueError):
    """The upload breaks a rule; the message says which, for the form error."""


def max_bytes() -> int:
    return int(getattr(settings, "PINSPECT_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def allowed_types() -> tuple[FileType, ...]:
    listed = getattr(settings, "PINSPECT_UPLOAD_TYPES", DEFAULT_TYPES)
    unknown = [e for e in listed if e.lower() not in _TYPES]
    if unknown:
        raise ValueError(f"PINSPECT_UPLOAD_TYPES lists types that cannot be checked: {unknown}")
    return tuple(_TYPES[e.lower()] for e in listed)


def upload_dir() -> Path:
    configured = getattr(settings, "PINSPECT_UPLOAD_DIR", None)
    return Path(configured) if configured else Path(settings.DATA_DIR) / "uploads"


def _size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size} bytes"


def _zip_members(handle: IO[bytes]) -> zipfile.ZipFile | None:
    try:
        return zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _matches(extension: str, head: bytes, handle: IO[bytes]) -> bool:
    """Do the file's bytes agree with its extension?"""
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in ("jpg", "jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if extension in ("csv", "txt"):
        binary = (b"%PDF-", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"\xd0\xcf\x11\xe0")
        return not head.startswith(binary) and _is_text(head)
    if not head.startswith(b"PK\x03\x04"):
        return False
    archive = _zip_members(handle)
    if archive is None:
        return False
    with archive:
        names = set(archive.namelist())
        if extension == "docx":
            return "[Content_Types].xml" in names and "word/document.xml" in names
        if extension == "xlsx":
            return "[Content_Types].xml" in names and "xl/workbook.xml" in names
        if "mimetype" not in names:
            return False
        info = archive.getinfo("mimetype")
        if info.file_size > _MAX_MIMETYPE_MEMBER:
            return False
        mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
        return mimetype == _TYPES[extension].content_type


def check_upload(name: str, size: int, handle: IO[bytes]) -> FileType:
    """The file's type if every upload rule holds, else :class:`RefusedUploadError` saying why."""
    limit = max_bytes()
    if size > limit:
        raise RefusedUploadError(f"The file must be smaller than {_size_text(limit)}")
    if size == 0:
        raise RefusedUploadError("The file is empty")
    types = {t.extension: t for t in allowed_types()}
    extension = Path(name).suffix.lower().lstrip(".")
    if extension not in types:
        names = ", ".join(sorted({t.extension.upper() for t in types.values()}))
        raise RefusedUploadError(f"The file must be one of these types: {names}")
    handle.seek(0)
    head = handle.read(_SNIFF_BYTES)
    handle.seek(0)
    try:
        agrees = _matches(extension, head, handle)
    finally:
        handle.seek(0)
    if not agrees:
        raise RefusedUploadError(
            f"The file's contents are not those of a {types[extension].description} file "
            f"as its name ends .{extension}"
        )
    return types[extension]


#: Suffix of a file still being written, followed by the writing process's id: the file is
#: renamed into place only inside the transaction that records it, so a process killed while
#: writing leaves at most a ``.partial-<pid>`` file, which the next start-up removes
#: (:func:`pinspect.web.startup.clean_up_interrupted`).
PARTIAL_SUFFIX = ".partial-"


@dataclass(frozen=True)
class Stored:
    storage_name: str  # relative to upload_dir()
    size: int
    sha256: str
    partial_name: str  # relative to upload_dir(): where it is until published


def store(inspection_id: int, chunks: Any) -> Stored:
    """Write the file under ``<upload dir>/<inspection id>/`` (owner-only permissions) as a
    partial file, computing its size and SHA-256 as it is written; :func:`publish` gives it
    its random name (without extension) in the transaction that records it."""
    directory = upload_dir() / str(int(inspection_id))
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    name = secrets.token_hex(16)
    partial = f"{name}{PARTIAL_SUFFIX}{os.getpid()}"
    path = directory / partial
    digest = hashlib.sha256()
    size = 0
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as out:
            for chunk in chunks:
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    prefix = str(int(inspection_id))
    return Stored(
        storage_name=f"{prefix}/{name}",
        size=size,
        sha256=digest.hexdigest(),
        partial_name=f"{prefix}/{partial}",
    )


def publish(stored: Stored) -> None:
    """Give the stored file its final name (an atomic rename); call it inside the
    transaction that records the document, just before it commits."""
    os.replace(stored_path(stored.partial_name), stored_path(stored.storage_name))


def stored_path(storage_name: str) -> Path:
    """The file's path; refuses a name that would leave the upload directory."""
    root = upload_dir().resolve()
    path = (root / storage_name).resolve()
    if root not in path.parents:
        raise ValueError("stored document outside the upload directory")
    return path


def open_stored(storage_name: str) -> IO[bytes]:
    return stored_path(storage_name).open("rb")


def discard(stored: Stored) -> None:
    """Remove a file written for a save that did not commit (never a recorded document)."""
    stored_path(stored.partial_name).unlink(missing_ok=True)
    stored_path(stored.storage_name).unlink(missing_ok=True)
