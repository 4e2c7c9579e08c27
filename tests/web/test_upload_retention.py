"""An uploaded long list (personal data) kept for "Try again" after a draw failed is kept for
``PINSPECT_UPLOAD_KEPT_HOURS`` only: the page says until when; past that it no longer offers
"Try again" and says why, and ``pinspect_delete_stale_uploads`` (which ``pinspect_serve`` runs
every few minutes) deletes it. A file still within its time, or a job still being worked on, is
left alone."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from pinspect.web import serving
from pinspect.web.jobs.models import Job, JobInput, State
from pinspect.web.samples import draw_job
from tests.web.jobs import run_queued_jobs
from tests.web.test_samples import _csv, _draw, rows, setup  # noqa: F401  (fixtures)
from tests.web.test_upload_jobs import _page

pytestmark = pytest.mark.django_db(transaction=True)

DELETED = "has been deleted, as personal data is not kept longer than needed"


@pytest.fixture
def failed_draw(
    setup: Any,  # noqa: F811
    client_for: Any,
    rows: list[dict[str, str]],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> Job:
    """A draw that failed while saving: its long list kept, to try again."""

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("disk full")

    monkeypatch.setattr(draw_job, "record_drawn_sample", broken)
    _draw(client_for("lead"), setup, _csv(rows))
    run_queued_jobs()
    job = Job.objects.get()
    assert job.state == State.FAILED
    assert JobInput.objects.filter(job=job).count() == 1
    return job


def _url(job: Job) -> str:
    return f"/samples/{job.inspection_id}/draw/job/"


def _age(job: Job, hours: float) -> None:
    Job.objects.filter(pk=job.pk).update(finished_at=timezone.now() - timedelta(hours=hours))


def test_the_page_says_how_long_the_file_is_kept(failed_draw: Job, client_for: Any) -> None:
    page = _page(client_for("lead"), _url(failed_draw))
    assert "Try again" in page
    until = timezone.localtime(failed_draw.finished_at + timedelta(hours=24))
    assert f"The uploaded file is kept until {until:%-d %B %Y %H:%M}" in page


def test_a_file_past_its_time_is_not_offered_again_and_is_deleted(
    failed_draw: Job, client_for: Any
) -> None:
    _age(failed_draw, 25)
    page = _page(client_for("lead"), _url(failed_draw))
    assert "Try again" not in page
    assert DELETED in page
    assert client_for("lead").post(_url(failed_draw)).status_code == 409  # refused
    assert Job.objects.get().attempt == 1  # not started again

    call_command("pinspect_delete_stale_uploads", verbosity=0)
    assert not JobInput.objects.exists()
    job = Job.objects.get()
    assert job.state == State.FAILED
    assert DELETED in job.error
    assert DELETED in _page(client_for("lead"), _url(failed_draw))


def test_a_file_within_its_time_is_kept(failed_draw: Job, client_for: Any) -> None:
    _age(failed_draw, 23)
    call_command("pinspect_delete_stale_uploads", verbosity=0)
    assert JobInput.objects.filter(job=failed_draw).count() == 1
    assert "Try again" in _page(client_for("lead"), _url(failed_draw))


def test_the_time_is_a_setting(failed_draw: Job, settings: Any) -> None:
    settings.PINSPECT_UPLOAD_KEPT_HOURS = 1
    _age(failed_draw, 2)
    call_command("pinspect_delete_stale_uploads", verbosity=0)
    assert not JobInput.objects.exists()


def test_the_file_of_a_job_whose_worker_stopped_long_ago_is_deleted(failed_draw: Job) -> None:
    long_ago = timezone.now() - timedelta(hours=30)
    Job.objects.filter(pk=failed_draw.pk).update(
        state=State.RUNNING, finished_at=None, started_at=long_ago, heartbeat_at=long_ago
    )
    call_command("pinspect_delete_stale_uploads", verbosity=0)
    assert not JobInput.objects.exists()
    job = Job.objects.get()
    assert (job.state, DELETED in job.error) == (State.FAILED, True)


def test_a_job_still_heard_from_keeps_its_file(failed_draw: Job) -> None:
    now = timezone.now()
    Job.objects.filter(pk=failed_draw.pk).update(
        state=State.RUNNING,
        finished_at=None,
        started_at=now - timedelta(hours=30),
        heartbeat_at=now,
    )
    call_command("pinspect_delete_stale_uploads", verbosity=0)
    assert JobInput.objects.count() == 1


def test_the_server_runs_the_deletion_every_few_minutes(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[list[str]] = []

    class Finished:
        def __init__(self, command: list[str], **_: Any) -> None:
            started.append(command)

        def poll(self) -> int:
            return 0

    clock = [1000.0]
    monkeypatch.setattr(serving.subprocess, "Popen", Finished)
    monkeypatch.setattr(serving.time, "monotonic", lambda: clock[0])
    supervisor = serving.Supervisor(serving.options_from({}))
    supervisor._clean_up_when_due()
    clock[0] += serving.CLEANUP_SECONDS - 1
    supervisor._clean_up_when_due()
    assert len(started) == 1
    clock[0] += 1
    supervisor._clean_up_when_due()
    assert len(started) == 2
    assert "pinspect_delete_stale_uploads" in started[0]


def test_the_draw_page_says_how_long_a_long_list_may_be_kept(
    setup: Any,  # noqa: F811
    client_for: Any,
    settings: Any,
) -> None:
    settings.PINSPECT_UPLOAD_KEPT_HOURS = 6
    page = _page(client_for("lead"), f"/samples/{setup.pk}/draw/")
    assert "or for at most 6 hours after a draw that failed, so that it can be tried again" in page
