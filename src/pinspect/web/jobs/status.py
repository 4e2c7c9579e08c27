"""What a job looks like to the person waiting for it, and starting one.

The states a page shows: none yet, waiting, running (with progress), ready, failed (why, in
words), stopped (its worker went away: start it again) and out of date (the inspection changed
since the file was made). A file is current until the inspection changes (a newer audit event):
until then it is reused, never made again; after, it is still offered, marked out of date with
the time it was made, beside "Make it again" (during fieldwork inspectors save every minute, so
a file that vanished at the next change could hardly ever be downloaded).
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from pinspect.web.jobs.models import Job, Kind, State
from pinspect.web.jobs.runner import last_change, run_job

__all__ = ["JobStatus", "Seen", "job_status", "start_job"]


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

    @property
    def words(self) -> str:
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
    if job.state == State.DONE and job.made_from != last_change(job.inspection_id):
        return Seen.OUTDATED
    return Seen(job.state)


def job_status(inspection: Any, kind: Kind) -> JobStatus:
    job = Job.objects.filter(inspection=inspection, kind=kind).first()
    seen = _seen(job)
    if job is None:
        return JobStatus(kind, seen, 0, "", "", None)
    stopped = "The worker making the file stopped before it finished. Start it again."
    error = job.error if seen == Seen.FAILED else stopped if seen == Seen.STOPPED else ""
    progress = 100 if seen.downloadable else job.progress
    return JobStatus(kind, seen, progress, job.step, error, job)


def start_job(inspection: Any, kind: Kind, user: Any) -> JobStatus:
    """Start the job (or a new attempt of it) unless one is waiting or running; the worker
    picks it up once this transaction commits."""
    with transaction.atomic():
        job, created = Job.objects.select_for_update().get_or_create(
            inspection=inspection, kind=kind, defaults={"started_by": user}
        )
        if not created:
            if not _seen(job).may_start:
                return job_status(inspection, kind)
            job.attempt += 1
            job.state, job.progress, job.step, job.error = State.QUEUED, 0, "", ""
            job.started_by, job.queued_at = user, timezone.now()
            job.started_at = job.finished_at = job.heartbeat_at = None
            job.worker = ""
            job.save()
        run_job.enqueue(job.pk, job.attempt)
    return job_status(inspection, kind)
