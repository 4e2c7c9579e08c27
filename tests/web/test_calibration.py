"""Calibration exercises across inspections (seed 001 §4.13): QA creates and publishes a
reference case, inspectors mark it blind, each sees their own agreement, QA sees everyone's.

Seed 001 §4.13: "We conduct training and quality management exercises now, to check and if
necessary refine our inspectors' consistency of judgement".
"""

from __future__ import annotations

import html
from typing import Any

import pytest

from pinspect.web.assessments.questions import case_questions
from pinspect.web.audit.models import AuditEvent
from pinspect.web.calibration.models import Exercise, ExerciseMarking, ReferenceAnswer
from pinspect.web.frameworks import catalogue

pytestmark = pytest.mark.django_db

FRAMEWORK = "hmip-2023-pdu"
SUMMARY = "Fictional case: Mr A, 34, supervised for 12 months after a burglary."
NEW = {"title": "Exercise one", "framework": f"{FRAMEWORK}|supervision", "summary": SUMMARY}
QUESTIONS = case_questions(catalogue()[FRAMEWORK], "supervision")
# A reference answer nobody would guess from the page: every prompt no, judgements no.
REFERENCE = dict.fromkeys(QUESTIONS.question_ids(), "no")


def _body(answers: dict[str, str], **extra: str) -> dict[str, str]:
    return {**{f"answer:{q}": a for q, a in answers.items()}, **extra}


def _create(client_for: Any) -> Exercise:
    response = client_for("qa").post("/calibration/exercises/create/", NEW)
    assert response.status_code == 302, response.content[:500]
    return Exercise.objects.get(title="Exercise one")


def _published(client_for: Any) -> Exercise:
    exercise = _create(client_for)
    qa = client_for("qa")
    saved = qa.post(f"/calibration/exercises/{exercise.pk}/", _body(REFERENCE, version="1"))
    assert saved.status_code == 302, saved.content[:500]
    published = qa.post(f"/calibration/exercises/{exercise.pk}/publish/")
    assert published.status_code == 302
    exercise.refresh_from_db()
    return exercise


def _mark(client_for: Any, who: str, exercise: Exercise, changed: dict[str, str]) -> Any:
    answers = {**REFERENCE, **changed}
    return client_for(who).post(f"/calibration/mark/{exercise.pk}/", _body(answers))


def test_qa_creates_an_exercise_audited(scenario: dict[str, Any], client_for: Any) -> None:
    exercise = _create(client_for)
    assert exercise.status == "draft"
    assert exercise.created_by == scenario["users"]["qa"]
    events = set(
        AuditEvent.objects.filter(object_type="calibration.exercise").values_list(
            "actor__username", "field", "old", "new"
        )
    )
    assert ("qa", "title", "", "Exercise one") in events
    assert ("qa", "status", "", "Draft") in events
    page = client_for("qa").get(f"/calibration/exercises/{exercise.pk}/").content.decode()
    assert "no real names" in page
    assert "Publish the exercise" in page


def test_bad_exercise_form_names_the_fields_and_writes_nothing(client_for: Any) -> None:
    response = client_for("qa").post(
        "/calibration/exercises/create/", {"title": "", "framework": "nonsense", "summary": ""}
    )
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "There is a problem" in page
    assert "Select a valid choice" in page
    assert not Exercise.objects.exists()
    assert not AuditEvent.objects.filter(object_type="calibration.exercise").exists()


def test_publishing_needs_every_reference_answer(client_for: Any) -> None:
    exercise = _create(client_for)
    response = client_for("qa").post(f"/calibration/exercises/{exercise.pk}/publish/")
    assert response.status_code == 400
    assert "The reference marking is not complete" in html.unescape(response.content.decode())
    exercise.refresh_from_db()
    assert exercise.status == "draft"


def test_a_reference_answer_not_allowed_is_a_form_error(client_for: Any) -> None:
    exercise = _create(client_for)
    prompt = QUESTIONS.question_ids()[0]
    response = client_for("qa").post(
        f"/calibration/exercises/{exercise.pk}/", _body({prompt: "maybe"}, version="1")
    )
    assert response.status_code == 400
    assert not ReferenceAnswer.objects.exists()


def test_the_published_reference_cannot_change(client_for: Any) -> None:
    """The brief's choice: a change after publication is refused, not audited through."""
    exercise = _published(client_for)
    before = dict(exercise.reference.values_list("question", "answer"))
    changed = {**REFERENCE, "P2.1.1": "yes"}
    response = client_for("qa").post(
        f"/calibration/exercises/{exercise.pk}/", _body(changed, version=str(exercise.version))
    )
    assert response.status_code == 400
    assert "can no longer change" in html.unescape(response.content.decode())
    assert dict(exercise.reference.values_list("question", "answer")) == before
    assert AuditEvent.objects.filter(field="status", new="Published").exists()


def test_the_marking_page_is_blind(scenario: dict[str, Any], client_for: Any) -> None:
    """Neither the reference nor a peer's marking is on the page before submitting."""
    exercise = _published(client_for)
    assert _mark(client_for, "inspector2", exercise, {}).status_code == 302
    page = client_for("inspector").get(f"/calibration/mark/{exercise.pk}/").content.decode()
    assert SUMMARY in page
    assert " checked" not in page  # no answer pre-selected: not the reference's, not a peer's
    assert "inspector2" not in page
    assert "Judgements matching" not in page
    mine = client_for("inspector").get("/calibration/").content.decode()
    assert "Exercise one" in mine
    assert "Prompts as the reference" not in mine  # no figures before marking


def test_inspectors_mark_and_see_their_own_agreement(
    scenario: dict[str, Any], client_for: Any
) -> None:
    exercise = _published(client_for)
    first_prompt = QUESTIONS.question_ids()[0]
    assert _mark(client_for, "inspector", exercise, {first_prompt: "yes"}).status_code == 302
    assert _mark(client_for, "lead", exercise, {"P2.1.1": "yes"}).status_code == 302
    assert ExerciseMarking.objects.filter(exercise=exercise).count() == 2
    page = html.unescape(client_for("inspector").get("/calibration/").content.decode())
    prompts = len(case_questions(catalogue()[FRAMEWORK], "supervision").key_questions[0].prompts)
    assert f"{prompts - 1} of {prompts}" in page  # one prompt differed from the reference
    assert "Matched the reference (No)" in page
    assert "of peers' answers agreed with yours" in page
    assert "Your agreement over time" in page  # the chart, with its table beside it
    assert 'data-chart-pair="calibration-hmip-2023-pdu"' in page
    assert "lead" not in page.split("Your calibration</h1>", 1)[1]  # no named peer
    lead_page = html.unescape(client_for("lead").get("/calibration/").content.decode())
    assert "Differed: Yes, the reference No" in lead_page
    events = set(
        AuditEvent.objects.filter(object_type="calibration.exercisemarking").values_list(
            "actor__username", "field", "new"
        )
    )
    assert ("inspector", f"answer {first_prompt}", "yes") in events
    assert ("lead", "answer P2.1.1", "yes") in events


def test_an_incomplete_marking_is_refused_and_nothing_is_written(client_for: Any) -> None:
    exercise = _published(client_for)
    answers = dict(list(REFERENCE.items())[1:])
    response = client_for("inspector").post(f"/calibration/mark/{exercise.pk}/", _body(answers))
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not ExerciseMarking.objects.exists()


def test_an_inspector_marks_once(client_for: Any) -> None:
    exercise = _published(client_for)
    assert _mark(client_for, "inspector", exercise, {}).status_code == 302
    again = _mark(client_for, "inspector", exercise, {"P2.1.1": "yes"})
    assert again.status_code == 302  # back to their page; the first marking stands
    marking = ExerciseMarking.objects.get()
    assert marking.answers.get(question="P2.1.1").answer == "no"


def test_a_draft_cannot_be_marked(client_for: Any) -> None:
    exercise = _create(client_for)
    assert client_for("inspector").get(f"/calibration/mark/{exercise.pk}/").status_code == 404


def test_qa_page_shows_every_inspector_and_the_peer_figures(client_for: Any) -> None:
    exercise = _published(client_for)
    first_prompt = QUESTIONS.question_ids()[0]
    _mark(client_for, "inspector", exercise, {first_prompt: "yes"})
    _mark(client_for, "inspector2", exercise, {"P2.1.1": "yes"})
    _mark(client_for, "lead", exercise, {})
    listing = client_for("qa").get("/calibration/exercises/").content.decode()
    assert "Exercise one" in listing
    assert "inspectors-over-time" in listing
    for who in ("inspector", "inspector2", "lead"):
        assert f'<th scope="row" class="govuk-table__header">{who}</th>' in listing
    page = html.unescape(
        client_for("qa").get(f"/calibration/exercises/{exercise.pk}/").content.decode()
    )
    assert "Agreement: 3 inspectors" in page
    assert "2 of 3" in page  # two judgements of P2.1.1 matched the reference
    assert "Alpha" in page  # three markers: Krippendorff's alpha is given
    assert "Fixed since publication" in page
    # The agreed answers, key question by key question, closed below the results.
    assert '<details class="govuk-details" data-reference="P2.1.1">' in page
    assert page.index('id="by-inspector"') < page.index('data-reference="P2.1.1"')


def test_an_inspector_may_not_open_qa_pages(client_for: Any) -> None:
    exercise = _published(client_for)
    inspector = client_for("inspector")
    assert inspector.get("/calibration/exercises/").status_code == 403
    assert inspector.get(f"/calibration/exercises/{exercise.pk}/").status_code == 403
    assert client_for("qa").get("/calibration/").status_code == 403


def test_pages_link_to_calibration(client_for: Any) -> None:
    assert "/calibration/" in client_for("inspector").get("/cases/mine/").content.decode()
    assert "/calibration/exercises/" in client_for("qa").get("/inspections/").content.decode()
