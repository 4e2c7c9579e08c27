"""How long an upload job's files wait to be tried again, and deleting them after that.

The files of a sample draw or survey import (a long list, a survey's answers: personal data)
wait in the database beside their job until the job's writes commit. When the job fails in a
way trying again may fix, or its worker stops, they stay so that "Try again" needs no second
upload: for ``PINSPECT_UPLOAD_KEPT_HOURS`` (default 24) after the job stopped, then they are
deleted, by :func:`delete_stale_uploads` (the ``pinspect_delete_stale_uploads`` command, which
``pinspect_serve`` runs every few minutes). A job whose files are past that time no longer
offers "Try again" even before they are deleted, and says why; the files can be uploaded
again. Nothing of the files' content is logged.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet

from pinspect.web.jobs.models import Job, JobInput, State

__all__ = [
    "delete_stale_uploads",
    "deleted_message",
    "is_stale",
    "kept_for",
    "kept_hours",
    "kept_until",
    "stale_jobs",
]

logger = logging.getLogger(__name__)

DEFAULT_KEPT_HOURS = 24.0
_DELETED = (
    "The uploaded file was not used for {hours} hours and has been deleted, as personal data "
    "is not kept longer than needed. Upload it again to try again."
)


def kept_for() -> timedelta:
    """How long the files of a failed or stopped upload job are kept (a setting)."""
    return timedelta(
        hours=float(getattr(settings, "PINSPECT_UPLOAD_KEPT_HOURS", DEFAULT_KEPT_HOURS))
    )


def kept_hours() -> str:
    """:func:`kept_for` in hours, as people read it ("24", "1.5")."""
    return f"{kept_for().total_seconds() / 3600:g}"


def deleted_message() -> str:
    """Why a job's files are gone (or about to be), in words."""
    return _DELETED.format(hours=kept_hours())


def kept_until(job: Job) -> datetime | None:
    """Until when the files of this job are kept for "Try again": for a job that failed, from
    when it did; for one still taken as running, from when its worker was last heard from (it
    may have stopped). ``None`` for a job waiting or done, whose files are not kept for a retry."""
    if job.state == State.FAILED:
        stopped = job.finished_at
    elif job.state == State.RUNNING:
        stopped = job.heartbeat_at or job.started_at
    else:
        return None
    return None if stopped is None else stopped + kept_for()


def is_stale(job: Job, now: datetime) -> bool:
    """Whether this job's files are past keeping (:func:`kept_until`)."""
    until = kept_until(job)
    return until is not None and until < now


def stale_jobs(now: datetime) -> QuerySet[Job]:
    """Upload jobs with files that may be past keeping, :func:`kept_until` as a query (each
    is checked again with :func:`is_stale` under a lock before its files are deleted)."""
    cutoff = now - kept_for()
    return Job.objects.filter(
        Q(state=State.FAILED, finished_at__lt=cutoff)
        | Q(state=State.RUNNING, heartbeat_at__lt=cutoff)
        | Q(state=State.RUNNING, heartbeat_at__isnull=True, started_at__lt=cutoff),
        inputs__isnull=False,
    ).distinct()


def delete_stale_uploads(now: datetime) -> int:
    """Delete the files of every upload job past keeping; a job that was still taken as
    running is recorded as failed, with the reason. Returns how many jobs lost their files."""
    count = 0
    for job_id in list(stale_jobs(now).values_list("pk", flat=True)):
        with transaction.atomic():
            job = Job.objects.select_for_update().filter(pk=job_id).first()
            if job is None or not is_stale(job, now):
                continue  # finished or started again meanwhile
            deleted, _ = JobInput.objects.filter(job=job).delete()
            if not deleted:
                continue
            job.state = State.FAILED
            job.error = deleted_message()
            job.finished_at = job.finished_at or now
            job.save(update_fields=["state", "error", "finished_at"])
        count += 1
        logger.info(
            "upload files deleted after keeping", extra={"job_id": job_id, "kind": job.kind}
        )
    return count
