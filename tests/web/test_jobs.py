"""Report files made in the background: the page shows the job, the worker makes the file once,
the file is kept until the inspection changes, a failure says why and can be retried."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings

from pinspect.web.jobs import work
from pinspect.web.jobs.models import Job, State
from tests.web.jobs import made_in_background, run_queued_jobs
from tests.web.test_panel import at_panel  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _empty_job_directory() -> None:
    """Files that other tests' jobs left (their database rows are gone)."""
    for path in settings.PINSPECT_JOB_DIR.glob("*"):
        path.unlink()


def _files() -> list[str]:
    return sorted(p.name for p in settings.PINSPECT_JOB_DIR.glob("*") if p.is_file())


def _page(client: Any, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_pdf_is_made_by_a_worker_not_by_the_request(
    at_panel: Any,  # noqa: F811
    client_for: Any,
) -> None:
    lead = client_for("lead")
    url = f"/reports/{at_panel.pk}/pdf/"
    assert "Make the file" in _page(lead, url)
    assert lead.post(url).status_code == 302
    # The request only queued the job: nothing is made until a worker runs it.
    waiting = _page(lead, url)
    assert "Waiting for a worker" in waiting
    assert '<progress class="app-progress"' in waiting
    assert '<meta http-equiv="refresh"' in waiting  # without JavaScript, the page refreshes
    assert lead.get(url + "file/").status_code == 404
    progress = json.loads(lead.get(url + "progress/").content)
    assert (progress["state"], progress["finished"], progress["file"]) == ("queued", False, None)
    run_queued_jobs()
    ready = _page(lead, url)
    assert "Ready to download" in ready
    assert '<meta http-equiv="refresh"' not in ready
    progress = json.loads(lead.get(url + "progress/").content)
    assert (progress["state"], progress["progress"], progress["file"]) == (
        "done",
        100,
        url + "file/",
    )
    response = lead.get(url + "file/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith('-report-draft.pdf"')
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert len(_files()) == 1


def test_a_second_start_while_waiting_queues_nothing_more(
    at_panel: Any,  # noqa: F811
    client_for: Any,
) -> None:
    url = f"/reports/{at_panel.pk}/annex/csv/"
    client_for("lead").post(url)
    client_for("qa").post(url)
    job = Job.objects.get()
    assert (job.attempt, job.state, job.started_by.username) == (1, State.QUEUED, "lead")


def test_the_file_is_kept_until_the_inspection_changes(
    at_panel: Any,  # noqa: F811
    client_for: Any,
) -> None:
    lead = client_for("lead")
    url = f"/reports/{at_panel.pk}/annex/xlsx/"
    response, first = made_in_background(lead, url)
    assert response.status_code == 200
    again = lead.get(url + "file/")
    assert b"".join(again.streaming_content) == first  # kept: not made again
    # A recommendation is a change to the inspection (an audit event): the file is out of date.
    added = lead.post(
        f"/reports/{at_panel.pk}/recommendations/",
        {"addressed_to": "The PDU head", "text": "Review every case plan within a month."},
    )
    assert added.status_code == 302
    page = _page(lead, url)
    assert "out of date: the inspection has changed since it was made" in page
    assert "Make it again" in page
    # Still offered, marked out of date, until a new one is made.
    assert b"".join(lead.get(url + "file/").streaming_content) == first
    response, second = made_in_background(lead, url)
    assert response.status_code == 200
    assert second.startswith(b"PK")
    assert Job.objects.get().attempt == 2
    assert _files() == [f"{at_panel.pk}-annex_xlsx-2.xlsx"]


def test_a_failed_job_says_why_and_can_be_retried(
    at_panel: Any,  # noqa: F811
    client_for: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lead = client_for("lead")
    url = f"/reports/{at_panel.pk}/annex/ods/"
    making = work.PRODUCERS["annex_ods"]

    def full_disk(inspection: Any, progress: Any) -> Any:
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(work.PRODUCERS, "annex_ods", full_disk)
    lead.post(url)
    run_queued_jobs()  # the worker records the failure (and the task's traceback) and goes on
    page = _page(lead, url)
    assert "The file was not made" in page
    assert "could not be written to the data directory (No space left on device)" in page
    assert "Try again" in page
    assert _files() == []
    monkeypatch.setitem(work.PRODUCERS, "annex_ods", making)
    response, content = made_in_background(lead, url)
    assert response.status_code == 200
    assert content.startswith(b"PK")
    assert Job.objects.get().attempt == 2


def test_a_job_whose_worker_went_away_shows_as_stopped_and_starts_again(
    at_panel: Any,  # noqa: F811
    client_for: Any,
) -> None:
    lead = client_for("lead")
    url = f"/reports/{at_panel.pk}/annex/csv/"
    lead.post(url)
    # What a worker killed mid-job leaves: the job running, its process gone.
    Job.objects.update(state=State.RUNNING, worker="nowhere:1", heartbeat_at=None, progress=40)
    page = _page(lead, url)
    assert "Stopped before it finished" in page
    assert "The worker making the file stopped before it finished" in page
    response, _ = made_in_background(lead, url)
    assert response.status_code == 200
