"""One command serves the application: the production web server (gunicorn, several worker
processes) and the background-job workers (django-tasks' ``db_worker``), supervised together.

``python -m pinspect.web pinspect_serve`` (``make serve``, the container's entry command, and
``make demo`` after it has built the demo) migrates the database, collects the static files,
then starts gunicorn and the job workers as child processes, and every few minutes the command
that deletes uploaded files kept past their time (``pinspect_delete_stale_uploads``). A job
worker that exits is started again (the job it was running shows as stopped, to be started
again by a person); gunicorn exiting, or SIGTERM / SIGINT to this process, stops everything,
giving running requests and jobs ``GRACE_SECONDS`` to finish. The job workers run at a lower
CPU priority (``nice``) than the web server, so a report being made never slows an
inspector's save. Why gunicorn: ADR 6.
"""

from __future__ import annotations

import logging
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import FrameType

__all__ = [
    "ServeOptions",
    "cleanup_command",
    "job_worker_command",
    "options_from",
    "serve",
    "web_command",
]

logger = logging.getLogger("pinspect.serve")

#: Seconds the children have to finish what they are doing when asked to stop.
GRACE_SECONDS = 30
#: Seconds between two runs of ``pinspect_delete_stale_uploads`` (the first at start), which
#: deletes uploaded files kept past ``PINSPECT_UPLOAD_KEPT_HOURS``.
CLEANUP_SECONDS = 300


@dataclass(frozen=True)
class ServeOptions:
    bind: str
    web_workers: int
    web_threads: int
    job_workers: int
    job_nice: int


def options_from(environ: Mapping[str, str], *, bind: str | None = None) -> ServeOptions:
    """The serve options from ``PINSPECT_*`` variables (docs/settings.md)."""
    cores = os.cpu_count() or 1
    return ServeOptions(
        bind=bind or environ.get("PINSPECT_BIND", "127.0.0.1:8000"),
        web_workers=int(environ.get("PINSPECT_WEB_WORKERS", "0")) or 2 * cores + 1,
        web_threads=int(environ.get("PINSPECT_WEB_THREADS", "1")),
        job_workers=int(environ.get("PINSPECT_JOB_WORKERS", "1")),
        job_nice=int(environ.get("PINSPECT_JOB_NICE", "10")),
    )


def web_command(options: ServeOptions) -> list[str]:
    """gunicorn serving :mod:`pinspect.web.wsgi`, set up by :mod:`pinspect.web.gunicorn_conf`."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "--config",
        "python:pinspect.web.gunicorn_conf",
        "--bind",
        options.bind,
        "--workers",
        str(options.web_workers),
        "--threads",
        str(options.web_threads),
        "pinspect.web.wsgi:application",
    ]


def job_worker_command(worker_id: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pinspect.web",
        "db_worker",
        "--queue-name",
        "default",
        "--interval",
        "0.5",
        "--no-reload",
        "--worker-id",
        worker_id,
        "--verbosity",
        "0",
    ]


def cleanup_command() -> list[str]:
    return [
        sys.executable,
        "-m",
        "pinspect.web",
        "pinspect_delete_stale_uploads",
        "--verbosity",
        "0",
    ]


def _niced(increment: int) -> Callable[[], None]:
    def lower_priority() -> None:
        os.nice(increment)

    return lower_priority


class Supervisor:
    """The web server and the job workers as child processes of this one."""

    def __init__(self, options: ServeOptions) -> None:
        self.options = options
        self.stopping = False
        self.web: subprocess.Popen[bytes] | None = None
        self.jobs: dict[int, subprocess.Popen[bytes]] = {}
        self.cleanup: subprocess.Popen[bytes] | None = None
        self.cleaned_at: float | None = None

    def _start_job_worker(self, number: int) -> None:
        worker_id = f"worker-{number}-{secrets.token_hex(4)}"
        self.jobs[number] = subprocess.Popen(
            job_worker_command(worker_id),
            preexec_fn=_niced(self.options.job_nice),  # noqa: PLW1509
        )

    def _stop(self, signum: int, frame: FrameType | None) -> None:  # noqa: ARG002
        self.stopping = True

    def _children(self) -> list[subprocess.Popen[bytes]]:
        cleanup = [self.cleanup] if self.cleanup else []
        return [*([self.web] if self.web else []), *self.jobs.values(), *cleanup]

    def _clean_up_when_due(self) -> None:
        """Start ``pinspect_delete_stale_uploads`` every :data:`CLEANUP_SECONDS`, unless the
        last one still runs."""
        now = time.monotonic()
        if self.cleanup is not None and self.cleanup.poll() is None:
            return
        if self.cleaned_at is not None and now - self.cleaned_at < CLEANUP_SECONDS:
            return
        self.cleaned_at = now
        self.cleanup = subprocess.Popen(
            cleanup_command(),
            preexec_fn=_niced(self.options.job_nice),  # noqa: PLW1509
        )

    def run(self) -> int:
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        self.web = subprocess.Popen(web_command(self.options))
        for number in range(1, self.options.job_workers + 1):
            self._start_job_worker(number)
        status = 0
        try:
            while not self.stopping:
                self._clean_up_when_due()
                time.sleep(0.5)
                if self.web.poll() is not None:
                    logger.error("the web server exited", extra={"status": self.web.returncode})
                    status = self.web.returncode or 1
                    break
                for number, worker in list(self.jobs.items()):
                    if worker.poll() is not None and not self.stopping:
                        logger.warning(
                            "a job worker exited; starting another",
                            extra={"status": worker.returncode},
                        )
                        self._start_job_worker(number)
        finally:
            self.shutdown()
        return status

    def shutdown(self) -> None:
        for child in self._children():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + GRACE_SECONDS
        for child in self._children():
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


def serve(options: ServeOptions) -> int:
    """Serve until stopped; the exit status (0 when stopped by a signal)."""
    return Supervisor(options).run()
