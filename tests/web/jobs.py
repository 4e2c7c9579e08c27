"""Running the background jobs in a test: a django-tasks database worker, in this process.

:func:`run_queued_jobs` runs every job queued so far to its end (the worker's batch mode);
:func:`made_in_background` starts a report file's job from its page, runs it and downloads the
file, as a person would. Jobs write their heartbeat from a thread of their own, so the tests
that run them use transactional database access (every connection sees committed rows).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from threading import Thread
from typing import Any

from django.db import connection
from django_tasks_db.management.commands.db_worker import Worker

__all__ = ["job_worker_thread", "made_in_background", "run_queued_jobs"]


def _worker(*, batch: bool, worker_id: str) -> Worker:
    return Worker(
        queue_names=["default"],
        interval=0.1,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )


def run_queued_jobs() -> None:
    _worker(batch=True, worker_id="tests-batch").run()


@contextmanager
def job_worker_thread() -> Iterator[Worker]:
    """A worker polling for jobs in a thread for as long as the block runs."""
    worker = _worker(batch=False, worker_id="tests-thread")

    def run() -> None:
        try:
            worker.run()
        finally:
            connection.close()

    thread = Thread(target=run, name="job-worker")
    thread.start()
    try:
        yield worker
    finally:
        worker.running = False
        thread.join(timeout=60)


def made_in_background(client: Any, page_url: str) -> tuple[Any, bytes]:
    """Start the job on ``page_url``, run it, and download the file: (response, content)."""
    started = client.post(page_url)
    assert started.status_code == 302, started.status_code
    run_queued_jobs()
    response = client.get(page_url + "file/")
    content = b"".join(response.streaming_content) if response.status_code == 200 else b""
    return response, content
