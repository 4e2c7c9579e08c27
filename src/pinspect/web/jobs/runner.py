"""Running a job in a worker: claim the attempt, beat while working, store the file (or save
what an upload job made, in one transaction with the end of the job), record the outcome in
words.

The worker (django-tasks' ``db_worker``, started by the serve command) calls :func:`run_job`.
While the job runs, a heartbeat thread writes the time and moves the bar on within the current
step (the core renders in one call, so progress inside a step is an estimate that never
reaches the step's end); a page that sees no heartbeat for ``PINSPECT_JOB_STALL_SECONDS`` — or a
worker on this machine that no longer runs — shows the job as stopped, to be started again.

An upload job (:mod:`pinspect.web.jobs.intake`) writes nothing until its last step: the rows,
their audit events, the deletion of its uploaded files and the job's "done" commit together.
A worker killed before that leaves the files and no row, so the job can be started again.
"""

from __future__ import annotations

import logging
import os
import socket
import threading

from django.db import DatabaseError, close_old_connections, connection, transaction
from django.utils import timezone
from django_tasks import task

from pinspect.web.inspections.results import last_change
from pinspect.web.jobs.files import file_name, remove_other_files, write_atomically
from pinspect.web.jobs.intake import Upload, UploadRefusedError
from pinspect.web.jobs.models import Job, JobInput, Kind, State
from pinspect.web.jobs.work import IMPORTERS, PRODUCERS, extension

__all__ = ["HEARTBEAT_SECONDS", "execute", "run_job", "worker_name"]

logger = logging.getLogger("pinspect.jobs")

#: How often a running job writes that it is alive, and moves its bar on.
HEARTBEAT_SECONDS = 0.5


def worker_name() -> str:
    """``host:pid`` of this process."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _log_failure(job_id: int, kind: str, attempt: int, error: BaseException) -> None:
    """A failed attempt in the log: which job, never its content (the error's type only)."""
    logger.warning(
        "job failed",
        extra={"job_id": job_id, "kind": kind, "attempt": attempt, "error": type(error).__name__},
    )


class Heartbeat:
    """Writes the heartbeat and the progress of one attempt from a thread of its own."""

    def __init__(self, job_id: int, attempt: int) -> None:
        self.job_id = job_id
        self.attempt = attempt
        self.words = "Starting"
        self.value = 1.0
        self.end = 5
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._beat, name=f"job-{job_id}-heartbeat")

    def step(self, words: str, start: int, end: int) -> None:
        with self._lock:
            # Never backwards: a step may start below where the estimate had reached.
            self.words, self.value, self.end = words, max(self.value, float(start)), end
        self._write()

    def _write(self) -> None:
        with self._lock:
            progress, words = int(self.value), self.words
        try:
            Job.objects.filter(pk=self.job_id, attempt=self.attempt, state=State.RUNNING).update(
                heartbeat_at=timezone.now(), progress=progress, step=words
            )
        except DatabaseError:
            # The database is busy (SQLite while the job's own transaction saves): the next
            # beat writes again.
            logger.info("job heartbeat not written", extra={"job_id": self.job_id})

    def _beat(self) -> None:
        try:
            while not self._stop.wait(HEARTBEAT_SECONDS):
                with self._lock:
                    # A fifth of the way to the step's end each beat: it moves, never arrives.
                    self.value += (
                        (self.end - 1 - self.value) * 0.2 if self.value < self.end - 1 else 0
                    )
                self._write()
        finally:
            connection.close()

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _claim(job_id: int, attempt: int) -> Job | None:
    with transaction.atomic():
        job = (
            # Only the job's row is locked, not the inspection it joins.
            Job.objects.select_for_update(of=("self",))
            .select_related("inspection", "inspection__unit")
            .filter(pk=job_id, attempt=attempt, state=State.QUEUED)
            .first()
        )
        if job is None:
            return None
        now = timezone.now()
        job.state, job.started_at, job.heartbeat_at = State.RUNNING, now, now
        job.worker, job.progress, job.step, job.error = worker_name(), 1, "Starting", ""
        job.save(
            update_fields=[
                "state",
                "started_at",
                "heartbeat_at",
                "worker",
                "progress",
                "step",
                "error",
            ]
        )
    return job


#: What a failed job did not do, by kind, for the reason it gives.
_NOT_DONE: dict[str, str] = {
    Kind.SAMPLE_DRAW: "The sample could not be drawn",
    Kind.SURVEY_IMPORT: "The survey could not be imported",
}


def _why(error: BaseException, kind: str) -> str:
    """The reason a job failed, in words, without the data it was working on."""
    if isinstance(error, UploadRefusedError):
        return str(error)
    if kind in _NOT_DONE:
        if isinstance(error, (KeyboardInterrupt, SystemExit)):
            return "The worker was stopped before it finished; nothing was saved. Try again."
        return (
            f"{_NOT_DONE[kind]}: an unexpected error ({type(error).__name__}); nothing was "
            "saved. Try again; if it fails again, tell the site's administrators."
        )
    if isinstance(error, (KeyboardInterrupt, SystemExit)):
        return "The worker making the file was stopped before it finished. Start it again."
    if isinstance(error, OSError):
        return (
            "The file could not be written to the data directory "
            f"({error.strerror or 'a storage error'}). Start it again; if it fails again, tell "
            "the site's administrators."
        )
    return (
        f"The file could not be made: an unexpected error ({type(error).__name__}). Start it "
        "again; if it fails again, tell the site's administrators."
    )


class _SupersededError(Exception):
    """A newer attempt took the job over while this one worked: its writes are undone."""


def _take_in(job: Job, attempt: int) -> None:
    """Run an upload job's importer, then save what it made, delete its files and record it
    done, all in one transaction."""
    job_id = job.pk
    uploads = {
        row.field: Upload(row.name, bytes(row.content), row.sha256)
        for row in JobInput.objects.filter(job_id=job_id)
    }
    with Heartbeat(job_id, attempt) as heartbeat:
        prepared = IMPORTERS[job.kind](job, uploads, heartbeat)
        heartbeat.step(prepared.saving, 90, 99)
        with transaction.atomic():
            outcome = prepared.save()
            JobInput.objects.filter(job_id=job_id).delete()
            done = Job.objects.filter(pk=job_id, attempt=attempt, state=State.RUNNING).update(
                state=State.DONE,
                progress=100,
                step="Done",
                outcome=outcome[:200],
                finished_at=timezone.now(),
            )
            if not done:
                raise _SupersededError


def _failed(job_id: int, attempt: int, kind: str, error: BaseException) -> None:
    """Record why the attempt failed, in the job and the log; a refused upload's files are
    deleted with it."""
    with transaction.atomic():
        current = Job.objects.filter(pk=job_id, attempt=attempt).update(
            state=State.FAILED, error=_why(error, kind), finished_at=timezone.now()
        )
        if current and isinstance(error, UploadRefusedError):
            JobInput.objects.filter(job_id=job_id).delete()
    _log_failure(job_id, kind, attempt, error)


def execute(job_id: int, attempt: int) -> bool:
    """Run one attempt of a job; True when this call made the file (or saved what the upload
    job made). An attempt that is no longer the job's current one, or already claimed, is left
    alone."""
    job = _claim(job_id, attempt)
    if job is None:
        return False
    kind, inspection_id = job.kind, job.inspection_id
    logger.info("job started", extra={"job_id": job_id, "kind": kind, "attempt": attempt})
    if Kind(kind).takes_upload:
        try:
            _take_in(job, attempt)
        except _SupersededError:
            return False
        except BaseException as error:
            _failed(job_id, attempt, kind, error)
            raise
        logger.info("job done", extra={"job_id": job_id, "kind": kind, "attempt": attempt})
        return True
    stored: str | None = None
    try:
        with Heartbeat(job_id, attempt) as heartbeat:
            remove_other_files(inspection_id, kind, keep=job.file_name or None)
            made_from = last_change(inspection_id)
            product = PRODUCERS[kind](job.inspection, heartbeat)
            heartbeat.step("Saving the file", 95, 99)
            stored = file_name(inspection_id, kind, attempt, extension(kind))
            write_atomically(stored, product.content)
        done = Job.objects.filter(pk=job_id, attempt=attempt, state=State.RUNNING).update(
            state=State.DONE,
            progress=100,
            step="Ready",
            finished_at=timezone.now(),
            made_from=made_from,
            file_name=stored,
            download_name=product.download_name,
            media_type=product.media_type,
        )
    except BaseException as error:
        _failed(job_id, attempt, kind, error)
        if stored is not None:
            remove_other_files(inspection_id, kind, keep=None)
        raise
    if not done:  # a newer attempt took over: this file is not the job's
        remove_other_files(inspection_id, kind, keep=None)
        return False
    remove_other_files(inspection_id, kind, keep=stored)
    logger.info("job done", extra={"job_id": job_id, "kind": kind, "attempt": attempt})
    return True


@task()
def run_job(job_id: int, attempt: int) -> None:
    """The task the workers run: one attempt of one job."""
    close_old_connections()
    execute(job_id, attempt)
