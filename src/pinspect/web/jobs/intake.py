"""Jobs that take an upload in: what they read, and what they hand back to be saved.

The page that takes the upload reads it at once, so every problem of the file is a form error
there; it then starts the job with the files (:class:`~pinspect.web.jobs.models.JobInput`).
The worker gives the job's importer the files as :class:`Upload`; the importer reads them
again and does the slow part (eligibility, the draw, the analysis…), reporting its steps, and
returns :class:`Prepared`. The runner then calls :attr:`Prepared.save` inside one transaction
that also deletes the job's files and records it done: the rows, their audit events and the
end of the job commit together, or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from pinspect.problems import InputError

__all__ = ["Importer", "Prepared", "Progress", "Upload", "UploadRefusedError", "upload"]


class Progress(Protocol):
    def step(self, words: str, start: int, end: int) -> None:
        """A new step, from ``start`` to ``end`` per cent."""


@dataclass(frozen=True)
class Upload:
    """One uploaded file of a job: its name as uploaded, its bytes and their SHA-256."""

    name: str
    content: bytes
    sha256: str


@dataclass(frozen=True)
class Prepared:
    """What an importer made of its files, ready to save.

    ``save`` writes the rows and their audit events (inside the runner's transaction) and
    says what was done, in words; ``saving`` is the step's words while it runs.
    """

    saving: str
    save: Callable[[], str]


class UploadRefusedError(Exception):
    """The job cannot do what was asked with these files (a sample size that does not fit the
    eligible cases, an inspection that has a sample by now…): the message says why, in words
    without case content. Starting the job again would not help, so its files are deleted."""

    @classmethod
    def of(cls, error: InputError, *, what: str, then: str) -> UploadRefusedError:
        """The core's problems with the files as a refusal: ``what`` was not done, every
        problem (file, line, field, never case content), then what to do."""
        problems = "; ".join(str(problem) for problem in error.problems)
        return cls(f"{what}: {problems}. {then}")


#: An importer: the job (its inspection, parameters and who started it), its files by form
#: field, and where to report progress.
Importer = Callable[[Any, Mapping[str, Upload], Progress], Prepared]


def upload(uploads: Mapping[str, Upload], field: str) -> Upload:
    """The job's file of ``field``; refused when it is no longer kept."""
    try:
        return uploads[field]
    except KeyError:
        raise UploadRefusedError("The uploaded file is no longer kept: upload it again.") from None
