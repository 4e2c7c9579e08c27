"""A worker killed (SIGKILL) in the middle of a sample draw or a survey import: the job shows
as stopped and offers "Try again", nothing is half-written (no case, draw record, survey row
or audit event), the uploaded files are still kept, and started again the job completes with
exactly one sample (one survey).

The worker is django-tasks' ``db_worker``, as the serve command starts it, in a process of its
own on the test database (as in tests/web/test_job_worker_killed.py).
"""

from __future__ import annotations

import signal
from typing import Any

import pytest

from pinspect.web.assessments.models import SampledCase
from pinspect.web.audit.models import AuditEvent
from pinspect.web.evidence.models import EvidenceItem, SurveyQuestion, SurveyResponse
from pinspect.web.jobs.models import Job, JobInput, State
from pinspect.web.samples.models import SampleDraw
from tests.web.test_draw_interrupted import _long_list
from tests.web.test_evidence import QUESTIONS, import_survey
from tests.web.test_job_worker_killed import DEADLINE_SECONDS, _wait_for, _worker
from tests.web.test_samples import _draw, setup  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db(transaction=True)

#: Respondents in the survey: enough that reading it takes the worker a while.
RESPONDENTS = 200_000


def _written() -> tuple[int, ...]:
    return (
        SampledCase.objects.count(),
        SampleDraw.objects.count(),
        EvidenceItem.objects.count(),
        SurveyQuestion.objects.count(),
        SurveyResponse.objects.count(),
        AuditEvent.objects.count(),
    )


def _kill_a_worker_mid_job() -> None:
    """Start a worker, and SIGKILL it once it is running the job."""
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


def _stopped_and_nothing_written(client: Any, url: str, before: tuple[int, ...]) -> Job:
    job = Job.objects.get()
    assert job.state == State.RUNNING  # as the killed worker left it
    page = client.get(url).content.decode()
    assert "Stopped before it finished" in page
    assert "nothing was saved" in page
    assert "Try again" in page
    assert _written() == before  # nothing half-written
    assert JobInput.objects.filter(job=job).exists()  # kept, to try again
    return job


def _run_again(client: Any, url: str, job: Job) -> None:
    assert client.post(url).status_code == 302  # started again
    again = _worker("--batch")  # runs what is queued, then exits
    assert again.wait(timeout=DEADLINE_SECONDS) == 0
    job.refresh_from_db()
    assert (job.state, job.attempt) == (State.DONE, 2), job.error
    assert not JobInput.objects.exists()


def test_a_worker_killed_mid_draw_leaves_it_retryable_and_nothing_written(
    setup: Any,  # noqa: F811
    client_for: Any,
) -> None:
    lead = client_for("lead")
    url = f"/samples/{setup.pk}/draw/job/"
    before = _written()
    assert _draw(lead, setup, _long_list()).status_code == 302
    _kill_a_worker_mid_job()
    job = _stopped_and_nothing_written(lead, url, before)

    _run_again(lead, url, job)
    record = SampleDraw.objects.get()
    assert record.population == 100_000
    drawn = SampledCase.objects.filter(inspection=setup).count()
    assert drawn == record.sample_cases + record.reserve_cases
    assert AuditEvent.objects.filter(inspection=setup, field="sample").count() == 1
    assert "Sample drawn:" in lead.get(url).content.decode()


def test_a_worker_killed_mid_survey_import_leaves_it_retryable_and_nothing_written(
    scenario: dict[str, Any], client_for: Any
) -> None:
    inspection = scenario["fieldwork"]
    lead = client_for("lead")
    url = f"/evidence/{inspection.pk}/survey/import/job/"
    responses = "respondent,Q1,Q2\n" + "".join(
        f"r{n},{'Yes' if n % 3 else 'No'},Always\n" for n in range(RESPONDENTS)
    )
    before = _written()
    assert import_survey(lead, inspection, QUESTIONS, responses).status_code == 302
    _kill_a_worker_mid_job()
    job = _stopped_and_nothing_written(lead, url, before)

    _run_again(lead, url, job)
    item = EvidenceItem.objects.get(kind="survey")
    assert item.survey_questions.count() == 2
    counts = dict(
        item.survey_questions.get(question_id="Q1").responses.values_list("option", "count")
    )
    assert counts == {
        "Yes": RESPONDENTS - len(range(0, RESPONDENTS, 3)),
        "No": len(range(0, RESPONDENTS, 3)),
    }
    assert AuditEvent.objects.filter(object_id=str(item.pk), field="survey questions").count() == 1
