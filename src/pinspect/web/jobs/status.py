"""What a job looks like to the person waiting for it, and starting one.

The states a page shows: none yet, waiting, running (with progress), ready, failed (why, in
words), stopped (its worker went away: start it again) and out of date (the inspection changed
since the file was made). A file is current until the inspection changes (a newer audit event):
until then it is reused, never made again; after, it is still offered, marked out of date with
the time it was made, beside "Make it again" (during fieldwork inspectors save every minute, so
a file that vanished at the next change could hardly ever be downloaded).

An upload job (the sample draw, the survey import) is started by its upload page with the
files (:func:`start_upload_job`); it is never out of date, and may be tried again after a
failure only while its files are kept.
"""

from __future__ import annotations

import hashlib
import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from pinspect.web.inspections.results import last_change
from pinspect.web.jobs.models import Job, JobInput, Kind, State
from pinspect.web.jobs.retention import deleted_message, kept_until
from pinspect.web.jobs.runner import run_job

__all__ = ["JobBusyError", "JobStatus", "Seen", "job_status", "start_job", "start_upload_job"]


class JobBusyError(Exception):
    """A job of this kind is waiting or running for the inspection already."""


class Seen(StrEnum):
    NONE = "none"
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    STOPPED = "stopped"
    OUTDATED = "outdated"

    @property
    def finished(self) -> bool:
        return self not in (Seen.QUEUED, Seen.RUNNING)

    @property
    def downloadable(self) -> bool:
        """A finished file is there: current, or made before the inspection's latest change."""
        return self in (Seen.DONE, Seen.OUTDATED)

    @property
    def may_start(self) -> bool:
        """A job in this state may be started (again) by a person who may see it."""
        return self in (Seen.NONE, Seen.FAILED, Seen.STOPPED, Seen.OUTDATED)


@dataclass(frozen=True)
class JobStatus:
    kind: Kind
    seen: Seen
    progress: int
    step: str
    error: str
    job: Job | None
    # An upload job's files are still kept (so it can be tried again), and until when.
    kept: bool = False
    kept_until: datetime | None = None

    @property
    def may_start(self) -> bool:
        """The person watching may start the job (again) from its page."""
        if not self.kind.takes_upload:
            return self.seen.may_start
        return self.seen in (Seen.FAILED, Seen.STOPPED) and self.kept

    @property
    def words(self) -> str:
        if self.kind.takes_upload:
            return {
                Seen.NONE: "Not started",
                Seen.QUEUED: "Waiting for a worker",
                Seen.RUNNING: "In progress",
                Seen.DONE: "Done",
                Seen.FAILED: "Failed",
                Seen.STOPPED: "Stopped before it finished",
                Seen.OUTDATED: "Done",
            }[self.seen]
        return {
            Seen.NONE: "Not made yet",
            Seen.QUEUED: "Waiting for a worker",
            Seen.RUNNING: "Being made",
            Seen.DONE: "Ready to download",
            Seen.FAILED: "Failed",
            Seen.STOPPED: "Stopped before it finished",
            Seen.OUTDATED: "Ready, but out of date: the inspection has changed since it was made",
        }[self.seen]

    def as_json(self) -> dict[str, Any]:
        return {
            "state": self.seen.value,
            "words": self.words,
            "progress": self.progress,
            "step": self.step,
            "error": self.error,
            "finished": self.seen.finished,
        }


def _worker_gone(job: Job) -> bool:
    """The running job's worker is known to be gone: not heard from for the stall time, or a
    process on this machine that no longer runs."""
    stall = timedelta(seconds=settings.PINSPECT_JOB_STALL_SECONDS)
    if job.heartbeat_at is None or timezone.now() - job.heartbeat_at > stall:
        return True
    host, _, pid = job.worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _seen(job: Job | None) -> Seen:
    if job is None:
        return Seen.NONE
    if job.state == State.RUNNING and _worker_gone(job):
        return Seen.STOPPED
    if (
        job.state == State.DONE
        and not Kind(job.kind).takes_upload
        and job.made_from != last_change(job.inspection_id)
    ):
        return Seen.OUTDATED
    return Seen(job.state)


def job_status(inspection: Any, kind: Kind) -> JobStatus:
    job = Job.objects.filter(inspection=inspection, kind=kind).first()
    seen = _seen(job)
    if job is None:
        return JobStatus(kind, seen, 0, "", "", None)
    stopped = "The worker making the file stopped before it finished. Start it again."
    if kind.takes_upload:
        stopped = "The worker stopped before it finished; nothing was saved. Try again."
    error = job.error if seen == Seen.FAILED else stopped if seen == Seen.STOPPED else ""
    progress = 100 if seen.downloadable else job.progress
    kept = kind.takes_upload and JobInput.objects.filter(job=job).exists()
    until = kept_until(job) if kept else None
    if until is not None and until < timezone.now():  # to be deleted: no longer offered
        kept, until, error = False, None, deleted_message()
    return JobStatus(kind, seen, progress, job.step, error, job, kept, until)


def _new_attempt(job: Job, user: Any) -> None:
    job.attempt += 1
    job.state, job.progress, job.step, job.error, job.outcome = State.QUEUED, 0, "", "", ""
    job.started_by, job.queued_at = user, timezone.now()
    job.started_at = job.finished_at = job.heartbeat_at = None
    job.worker = ""
    job.save()


def start_job(inspection: Any, kind: Kind, user: Any) -> JobStatus:
    """Start the job (or a new attempt of it) unless one is waiting or running; the worker
    picks it up once this transaction commits."""
    with transaction.atomic():
        if kind.takes_upload:  # started with its files (start_upload_job); here only again
            found = Job.objects.select_for_update().filter(inspection=inspection, kind=kind)
            job, created = found.first(), False
            if job is None:
                return job_status(inspection, kind)
        else:
            job, created = Job.objects.select_for_update().get_or_create(
                inspection=inspection, kind=kind, defaults={"started_by": user}
            )
        if not created:
            if not job_status(inspection, kind).may_start:
                return job_status(inspection, kind)
            _new_attempt(job, user)
        enqueue(job)
    return job_status(inspection, kind)


def enqueue(job: Job) -> None:
    """Hand the job's current attempt to the workers (once the transaction commits)."""
    run_job.enqueue(job.pk, job.attempt)


def start_upload_job(
    inspection: Any,
    kind: Kind,
    user: Any,
    *,
    parameters: dict[str, Any],
    files: Mapping[str, tuple[str, bytes]],
) -> Job:
    """Start an upload job with its files (form field → (name, bytes)) and the form's other
    fields; :class:`JobBusyError` while one of this kind is waiting or running for the
    inspection. The files of a previous attempt are replaced."""
    with transaction.atomic():
        job, created = Job.objects.select_for_update().get_or_create(
            inspection=inspection, kind=kind, defaults={"started_by": user}
        )
        if not created:
            if not _seen(job).finished:
                raise JobBusyError(kind)
            _new_attempt(job, user)
        job.parameters = parameters
        job.save(update_fields=["parameters"])
        JobInput.objects.filter(job=job).delete()
        JobInput.objects.bulk_create(
            JobInput(
                job=job,
                field=field,
                name=name[:200],
                content=data,
                sha256=hashlib.sha256(data).hexdigest(),
            )
            for field, (name, data) in files.items()
        )
        enqueue(job)
    return job
