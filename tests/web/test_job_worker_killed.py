"""A worker killed (SIGKILL) in the middle of making the report PDF: the job shows as stopped,
nothing half-written is offered, and started again it completes with exactly one file.

The worker is django-tasks' ``db_worker``, as the serve command starts it, in a process of its
own on the test database.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from pinspect.web.jobs.models import Job, State
from tests.web.test_panel import at_panel  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db(transaction=True)

DEADLINE_SECONDS = 120


def _database_url() -> str:
    """The test database, as a URL a worker process can use."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    host = database.get("HOST") or "127.0.0.1"
    port = database.get("PORT") or 5432
    return f"postgresql://{database['USER']}{password}@{host}:{port}/{database['NAME']}"


def _worker(*extra: str) -> subprocess.Popen[bytes]:
    environ = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "pinspect.web.settings",
        # Its job directory (<data dir>/jobs) is this test's.
        "PINSPECT_DATA_DIR": str(Path(settings.PINSPECT_JOB_DIR).parent),
    }
    command = [
        sys.executable,
        "-m",
        "pinspect.web",
        "db_worker",
        "--queue-name",
        "default",
        "--interval",
        "0.05",
        "--no-reload",
        "--no-startup-delay",
        "--verbosity",
        "0",
        *extra,
    ]
    return subprocess.Popen(command, env=environ)


def _files() -> list[str]:
    return sorted(p.name for p in settings.PINSPECT_JOB_DIR.glob("*") if p.is_file())


def _wait_for(check: Any, what: str) -> None:
    deadline = time.monotonic() + DEADLINE_SECONDS
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} within {DEADLINE_SECONDS} s")
        time.sleep(0.01)


def test_a_worker_killed_mid_job_leaves_it_retryable_and_it_completes_with_one_file(
    at_panel: Any,  # noqa: F811
    client_for: Any,
) -> None:
    for path in settings.PINSPECT_JOB_DIR.glob("*"):
        path.unlink()
    lead = client_for("lead")
    url = f"/reports/{at_panel.pk}/pdf/"
    assert lead.post(url).status_code == 302
    worker = _worker()
    try:
        _wait_for(
            lambda: Job.objects.filter(state=State.RUNNING).exists(),
            "the worker did not start the job",
        )
        worker.send_signal(signal.SIGKILL)
    finally:
        worker.kill()
        worker.wait()
    job = Job.objects.get()
    assert job.state == State.RUNNING  # as the killed worker left it
    page = lead.get(url).content.decode()
    assert "Stopped before it finished" in page
    assert "Try again" in page
    assert lead.get(url + "file/").status_code == 404
    assert [name for name in _files() if not name.endswith(".partial")] == []

    assert lead.post(url).status_code == 302  # started again
    again = _worker("--batch")  # runs what is queued, then exits
    assert again.wait(timeout=DEADLINE_SECONDS) == 0
    job.refresh_from_db()
    assert (job.state, job.attempt) == (State.DONE, 2)
    assert _files() == [f"{at_panel.pk}-report_pdf-2.pdf"]
    response = lead.get(url + "file/")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
