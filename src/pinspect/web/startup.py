"""At start-up, remove what interrupted requests left behind (the WSGI entry and the demo call
:func:`clean_up_interrupted` before serving).

A request can be cut off anywhere — the server killed, the machine stopped. The upload path is
built so that this leaves as little as possible, and what it can leave is found here:

- **while the upload is read**: nothing; the file has no name
  (:mod:`pinspect.web.upload_files`). Only a file named in ``FILE_UPLOAD_TEMP_DIR`` could be
  left — by the fallback for file systems without ``O_TMPFILE`` if killed between creating and
  unlinking it — and every file there is removed;
- **while the document is written to the upload directory**: a ``.partial-<pid>`` file
  (:data:`pinspect.web.evidence.uploads.PARTIAL_SUFFIX`), removed when that process no longer
  runs;
- **between naming the file and committing its record**: a stored file no document refers
  to, removed once it is older than :data:`ORPHAN_AGE_SECONDS` (so a file another running
  process is about to commit is never touched).

Nothing in the database is half-written: each change commits in one transaction or not at
all. The log says how many files were removed, never their content.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import DatabaseError

from pinspect.web.evidence.uploads import PARTIAL_SUFFIX, upload_dir
from pinspect.web.upload_files import upload_temp_dir

__all__ = ["ORPHAN_AGE_SECONDS", "CleanUp", "clean_up_interrupted"]

#: A stored file that no document refers to is removed once it is this old (seconds): far
#: longer than the moment between naming a file and committing its record.
ORPHAN_AGE_SECONDS = 60 * 60

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CleanUp:
    temporary: int
    partial: int
    orphaned: int

    @property
    def total(self) -> int:
        return self.temporary + self.partial + self.orphaned


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _partial_pid(path: Path) -> int | None:
    _, marker, pid = path.name.rpartition(PARTIAL_SUFFIX)
    return int(pid) if marker and pid.isdigit() else None


def _remove(path: Path) -> int:
    try:
        path.unlink()
    except FileNotFoundError:
        return 0
    return 1


def _orphans(root: Path, now: float) -> int:
    from pinspect.web.evidence.models import StoredDocument  # noqa: PLC0415 - needs the app registry

    candidates: dict[str, Path] = {}
    for path in root.glob("*/*"):
        old = path.is_file() and now - path.stat().st_mtime >= ORPHAN_AGE_SECONDS
        if old and _partial_pid(path) is None:
            candidates[f"{path.parent.name}/{path.name}"] = path
    if not candidates:
        return 0
    names = list(candidates)
    known: set[str] = set()
    for start in range(0, len(names), 500):
        chunk = names[start : start + 500]
        known.update(
            StoredDocument.objects.filter(storage_name__in=chunk).values_list(
                "storage_name", flat=True
            )
        )
    return sum(_remove(path) for name, path in candidates.items() if name not in known)


def clean_up_interrupted(*, now: float | None = None) -> CleanUp:
    """Remove the files interrupted requests left (see the module docstring)."""
    moment = time.time() if now is None else now
    temporary = sum(_remove(p) for p in upload_temp_dir().iterdir() if p.is_file())
    partial = orphaned = 0
    root = upload_dir()
    if root.is_dir():
        for path in root.glob("*/*"):
            pid = _partial_pid(path)
            if pid is not None and not _running(pid):
                partial += _remove(path)
        try:
            orphaned = _orphans(root, moment)
        except DatabaseError:
            # A database not yet migrated has no documents table; nothing can be orphaned.
            logger.warning("start-up clean-up: the documents table could not be read")
    result = CleanUp(temporary, partial, orphaned)
    if result.total:
        logger.warning(
            "start-up clean-up: removed %d temporary, %d partial and %d orphaned upload files",
            result.temporary,
            result.partial,
            result.orphaned,
        )
    return result
