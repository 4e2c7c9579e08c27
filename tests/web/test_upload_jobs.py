"""The sample draw and the survey import made by a worker, not by the request: the upload page
reads the file and starts the job; the job's page shows its progress (refreshing without
JavaScript) and, once the worker has saved everything in one transaction, what was saved with
a link to it. The uploaded files are kept only until then. A draw that cannot be done says why
in words; one that failed unexpectedly has saved nothing and can be tried again. One draw (and
one import) runs per inspection at a time.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from pinspect.web.assessments.models import SampledCase
from pinspect.web.audit.models import AuditEvent
from pinspect.web.evidence.models import EvidenceItem, SurveyQuestion
from pinspect.web.evidence.survey import survey_questions
from pinspect.web.jobs.models import Job, JobInput, State
from pinspect.web.samples import draw_job
from pinspect.web.samples.models import SampleDraw
from tests.web.jobs import run_queued_jobs
from tests.web.test_evidence import QUESTIONS, RESPONSES, import_survey
from tests.web.test_samples import SEED, _csv, _draw, rows, setup  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db(transaction=True)


def _counts(inspection: Any) -> tuple[int, int, int]:
    return (
        SampledCase.objects.filter(inspection=inspection).count(),
        SampleDraw.objects.filter(inspection=inspection).count(),
        AuditEvent.objects.filter(inspection=inspection).count(),
    )


def _page(client: Any, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_draw_is_made_by_a_worker_not_by_the_request(
    setup: Any,  # noqa: F811
    client_for: Any,
    rows: list[dict[str, str]],  # noqa: F811
) -> None:
    lead = client_for("lead")
    url = f"/samples/{setup.pk}/draw/job/"
    before = _counts(setup)
    response = _draw(lead, setup, _csv(rows))
    assert (response.status_code, response["Location"]) == (302, url)
    # The request only read the long list and queued the draw: nothing is saved yet.
    waiting = _page(lead, url)
    assert "Drawing the sample" in waiting
    assert "Waiting for a worker" in waiting
    assert '<progress class="app-progress"' in waiting
    assert '<meta http-equiv="refresh"' in waiting  # without JavaScript, the page refreshes
    progress = json.loads(lead.get(url + "progress/").content)
    assert (progress["state"], progress["finished"], progress["result"]) == ("queued", False, None)
    assert _counts(setup) == before
    assert JobInput.objects.filter(job__inspection=setup).count() == 1
    # One draw at a time: the draw page says one is under way, and a second is refused.
    assert "A sample is being drawn for this inspection" in _page(
        lead, f"/samples/{setup.pk}/draw/"
    )
    second = _draw(lead, setup, _csv(rows), seed="1")
    assert second.status_code == 409
    assert "being drawn for this inspection already" in second.content.decode()
    assert Job.objects.get().attempt == 1

    run_queued_jobs()
    done = _page(lead, url)
    record = SampleDraw.objects.get(inspection=setup)
    assert (
        f"Sample drawn: {record.sample_cases} cases and {record.reserve_cases} in reserve "
        f"(seed {SEED})"
    ) in done
    assert f'href="/samples/{setup.pk}/">See the sample' in done
    assert '<meta http-equiv="refresh"' not in done
    assert "Try again" not in done
    progress = json.loads(lead.get(url + "progress/").content)
    assert (progress["state"], progress["progress"], progress["result"]) == (
        "done",
        100,
        f"/samples/{setup.pk}/",
    )
    assert SampledCase.objects.filter(inspection=setup).count() == (
        record.sample_cases + record.reserve_cases
    )
    event = AuditEvent.objects.get(inspection=setup, field="sample")
    assert (event.actor.username, f"seed {SEED}" in event.new) == ("lead", True)
    assert record.drawn_by.username == "lead"
    # The long list (names, CRNs) is not kept once the sample is saved.
    assert not JobInput.objects.exists()
    # With a sample, drawing again is refused as before.
    assert _draw(lead, setup, _csv(rows), seed="1").status_code == 409


def test_a_size_the_eligible_cases_cannot_fill_fails_in_words_and_keeps_nothing(
    setup: Any,  # noqa: F811
    client_for: Any,
    rows: list[dict[str, str]],  # noqa: F811
) -> None:
    """Every case is in the sample, so the page cannot refuse 600 at once; some are not
    eligible, which only the job finds out."""
    lead = client_for("lead")
    url = f"/samples/{setup.pk}/draw/job/"
    before = _counts(setup)
    assert _draw(lead, setup, _csv(rows), sized_by="given", size="600").status_code == 302
    run_queued_jobs()
    page = _page(lead, url)
    assert "The sample was not drawn" in page
    assert "longlist.csv: size: the sample size 600 must lie between 1 and the eligible" in page
    assert "Change the settings and draw again" in page
    assert "Try again" not in page  # the same settings would fail again
    assert f'href="/samples/{setup.pk}/draw/">Back to drawing the sample' in page
    assert lead.post(url).status_code == 409
    assert _counts(setup) == before
    assert not JobInput.objects.exists()
    for row in rows:  # the reason never holds case content
        assert row["crn"] not in page

    assert _draw(lead, setup, _csv(rows), sized_by="given", size="20").status_code == 302
    run_queued_jobs()
    assert SampleDraw.objects.get(inspection=setup).sample_cases == 20
    assert Job.objects.get().attempt == 2


def test_a_draw_that_failed_while_saving_saved_nothing_and_can_be_tried_again(
    setup: Any,  # noqa: F811
    client_for: Any,
    rows: list[dict[str, str]],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    saving = draw_job.record_drawn_sample

    def broken(*args: Any, **kwargs: Any) -> Any:
        saving(*args, **kwargs)  # every row and the audit event written…
        raise RuntimeError("disk full")  # …and then the save fails

    monkeypatch.setattr(draw_job, "record_drawn_sample", broken)
    lead = client_for("lead")
    url = f"/samples/{setup.pk}/draw/job/"
    before = _counts(setup)
    _draw(lead, setup, _csv(rows))
    run_queued_jobs()
    page = _page(lead, url)
    assert "The sample was not drawn" in page
    assert "an unexpected error (RuntimeError); nothing was saved" in page
    assert "disk full" not in page
    assert "Try again" in page
    assert _counts(setup) == before  # nothing half-written
    assert JobInput.objects.count() == 1  # kept, to try again

    monkeypatch.setattr(draw_job, "record_drawn_sample", saving)
    assert client_for("admin").post(url).status_code == 302
    run_queued_jobs()
    job = Job.objects.get()
    assert (job.state, job.attempt) == (State.DONE, 2)
    record = SampleDraw.objects.get(inspection=setup)
    assert record.seed == SEED
    assert record.drawn_by.username == "admin"  # who started the attempt that saved it
    assert AuditEvent.objects.filter(inspection=setup, field="sample").count() == 1
    assert not JobInput.objects.exists()


def test_the_survey_is_imported_by_a_worker_not_by_the_request(
    scenario: dict[str, Any], client_for: Any
) -> None:
    inspection = scenario["fieldwork"]
    lead = client_for("lead")
    url = f"/evidence/{inspection.pk}/survey/import/job/"
    response = import_survey(lead, inspection, QUESTIONS, RESPONSES)
    assert (response.status_code, response["Location"]) == (302, url)
    waiting = _page(lead, url)
    assert "Importing the survey" in waiting
    assert "Waiting for a worker" in waiting
    assert not EvidenceItem.objects.filter(kind="survey").exists()
    assert JobInput.objects.count() == 2
    busy = import_survey(client_for("inspector"), inspection, QUESTIONS, RESPONSES)
    assert busy.status_code == 409
    assert "A survey is being imported for this inspection already" in busy.content.decode()

    run_queued_jobs()
    done = _page(lead, url)
    assert "Imported 2 survey questions" in done
    assert f'href="/evidence/{inspection.pk}/survey/">See the survey results' in done
    assert [q.id for q in survey_questions(inspection)] == ["Q1", "Q2"]
    assert list(survey_questions(inspection)[0].responses.items()) == [("Yes", 7), ("No", 2)]
    item = EvidenceItem.objects.get(kind="survey")
    assert item.added_by.username == "lead"
    assert AuditEvent.objects.filter(object_id=str(item.pk), field="survey questions").exists()
    assert not JobInput.objects.exists()
    assert SurveyQuestion.objects.count() == 2
