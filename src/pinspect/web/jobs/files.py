"""Where a job's file is kept, and how it is written so that nothing is ever half there.

A file is written under a temporary name in the jobs directory (``.<name>.partial``, created
exclusively, readable by this user only), flushed to disk and renamed to its final name in one
step (``os.replace``): a worker killed while writing leaves at most a ``.partial`` file, which
the next attempt removes. Each attempt has its own final name, so a slow older attempt can
never overwrite a newer file; once an attempt is recorded as done, every other file of that
inspection and kind is removed, so one file is left.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings

__all__ = ["file_path", "job_directory", "remove_other_files", "write_atomically"]

PARTIAL = ".partial"


def job_directory() -> Path:
    directory = Path(settings.PINSPECT_JOB_DIR)
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    return directory


def _stem(inspection_id: int, kind: str) -> str:
    return f"{inspection_id}-{kind}"


def file_name(inspection_id: int, kind: str, attempt: int, extension: str) -> str:
    return f"{_stem(inspection_id, kind)}-{attempt}.{extension}"


def file_path(name: str) -> Path:
    """The stored file's path (names are made here only, never taken from a request)."""
    return job_directory() / Path(name).name


def write_atomically(name: str, content: bytes) -> Path:
    """Write ``content`` as ``name`` in the jobs directory: all of it, or nothing."""
    final = file_path(name)
    partial = final.with_name(f".{final.name}{PARTIAL}")
    partial.unlink(missing_ok=True)
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as output:
            output.write(content)
            output.flush()
            os.fsync(output.fileno())
        os.replace(partial, final)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return final


def remove_other_files(inspection_id: int, kind: str, keep: str | None) -> int:
    """Remove the files (finished or partial) of this inspection and kind but ``keep``."""
    stem = _stem(inspection_id, kind)
    removed = 0
    directory = job_directory()
    for path in [*directory.glob(f"{stem}-*"), *directory.glob(f".{stem}-*{PARTIAL}")]:
        if path.name != keep and path.is_file():
            path.unlink(missing_ok=True)
            removed += 1
    return removed
