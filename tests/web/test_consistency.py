"""Double-marking in an inspection: the QA sub-sample, blind second marking, agreement and
moderation (seed 001 §4.12, §4.13)."""

from __future__ import annotations

import html
from typing import Any

import pytest

from pinspect.web.assessments.models import CaseAnswer
from pinspect.web.assessments.questions import question_words
from pinspect.web.assessments.saving import CaseAnswers, save_case
from pinspect.web.audit.models import AuditEvent
from pinspect.web.consistency.models import Moderation, QaCase, QaSample
from tests.web.conftest import full_answers

pytestmark = pytest.mark.django_db

FIRST_NOTE = "Plan reviewed with the first marker in mind"
SECOND_NOTE = "Plan never reviewed said the second marker"


def _assess(scenario: dict[str, Any]) -> None:
    """Both fieldwork cases complete: every answer yes, a note on P2.1.1."""
    for key, who in (("case", "inspector"), ("case2", "inspector2")):
        case = scenario[key]
        answers = full_answers(case, yes=True)
        save_case(
            case,
            case.version,
            CaseAnswers(answers, {"P2.1.1": f"{FIRST_NOTE} of {case.reference}"}, complete=True),
            actor=scenario["users"][who],
        )


def _draw(scenario: dict[str, Any], client_for: Any, user: str = "qa") -> Any:
    inspection = scenario["fieldwork"].pk
    return client_for(user).post(f"/consistency/{inspection}/draw/", {"share": "1", "seed": "7"})


def _second_mark(
    scenario: dict[str, Any], client_for: Any, key: str, *, changed: dict[str, str], done: bool
) -> Any:
    """The second marker of ``scenario[key]`` marks it: yes everywhere but ``changed``."""
    qa_case = QaCase.objects.get(case=scenario[key])
    assert qa_case.second_marker is not None
    body = {f"answer:{q}": a for q, a in full_answers(scenario[key], yes=True).items()}
    body.update({f"answer:{q}": a for q, a in changed.items()})
    body.update(
        {
            "version": str(qa_case.version),
            "note:P2.1.1": SECOND_NOTE,
            "action": "complete" if done else "save",
        }
    )
    return client_for(qa_case.second_marker.username).post(
        f"/consistency/second-marking/{qa_case.pk}/", body
    )


def test_qa_draws_the_sub_sample_with_a_second_marker_for_each_case_audited(
    scenario: dict[str, Any], client_for: Any
) -> None:
    """001 §4.13: the drawn cases each get a second marker other than their first."""
    _assess(scenario)
    response = _draw(scenario, client_for)
    assert response.status_code == 302
    sample = QaSample.objects.get(inspection=scenario["fieldwork"])
    pairs = {
        (q.case.reference, q.first_marker.username, q.second_marker.username)
        for q in sample.cases.all()
    }  # type: ignore[union-attr]
    assert pairs == {("C0001", "inspector", "inspector2"), ("C0002", "inspector2", "inspector")}
    fields = set(
        AuditEvent.objects.filter(object_type="consistency.qasample").values_list("field", "new")
    )
    assert {("share", "1.0"), ("seed", "7"), ("cases", "2")} <= fields
    page = client_for("qa").get(f"/consistency/{scenario['fieldwork'].pk}/")
    assert "2 cases drawn" in page.content.decode()


def test_drawing_is_refused_in_words_twice_without_cases_or_with_a_bad_share(
    scenario: dict[str, Any], client_for: Any
) -> None:
    nothing = _draw(scenario, client_for)
    assert nothing.status_code == 400
    assert "No case is complete yet" in nothing.content.decode()
    _assess(scenario)
    inspection = scenario["fieldwork"].pk
    bad = client_for("lead").post(f"/consistency/{inspection}/draw/", {"share": "2", "seed": "x"})
    assert bad.status_code == 400
    assert "Enter a whole number" in bad.content.decode()
    assert _draw(scenario, client_for, "inspector").status_code == 403
    assert _draw(scenario, client_for).status_code == 302
    again = _draw(scenario, client_for, "lead")
    assert again.status_code == 400
    assert "drawn already" in again.content.decode()
    assert QaCase.objects.count() == 2


def test_second_marking_is_blind_both_ways_until_both_are_complete(
    scenario: dict[str, Any], client_for: Any
) -> None:
    """The second marker sees neither the first's answers nor notes (page, API, audit trail);
    the first marker cannot open the second marking."""
    _assess(scenario)
    _draw(scenario, client_for)
    case = scenario["case"]  # first marker: inspector; second: inspector2
    qa_case = QaCase.objects.get(case=case)
    second = client_for("inspector2")
    page = second.get(f"/consistency/second-marking/{qa_case.pk}/")
    assert page.status_code == 200
    assert FIRST_NOTE not in page.content.decode()
    assert " checked" not in page.content.decode()
    assert second.get(f"/cases/{case.pk}/").status_code == 403
    api = second.get(f"/api/cases/{case.pk}/answers")
    assert api.status_code == 403
    assert FIRST_NOTE not in api.content.decode()
    assert second.get(f"/audit/cases/{case.pk}/").status_code == 403
    trail = second.get(f"/audit/inspections/{scenario['fieldwork'].pk}/").content.decode()
    assert f"{FIRST_NOTE} of C0002" in trail  # its own case
    assert f"{FIRST_NOTE} of C0001" not in trail
    assert f"/cases/{case.pk}/" not in trail
    # The first marker cannot open the second marking, nor read it in the trail.
    first = client_for("inspector")
    assert first.get(f"/consistency/second-marking/{qa_case.pk}/").status_code == 403
    _second_mark(scenario, client_for, "case", changed={"P2.1.1": "no"}, done=False)
    trail = first.get(f"/audit/inspections/{scenario['fieldwork'].pk}/").content.decode()
    assert SECOND_NOTE not in trail
    # The second marking's saved answers are on its page, the first's still are not.
    page = second.get(f"/consistency/second-marking/{qa_case.pk}/").content.decode()
    assert SECOND_NOTE in page
    assert FIRST_NOTE not in page
    # Both complete: the case opens to the second marker.
    assert (
        _second_mark(scenario, client_for, "case", changed={"P2.1.1": "no"}, done=True).status_code
        == 302
    )
    opened = second.get(f"/api/cases/{case.pk}/answers")
    assert opened.status_code == 200
    assert opened.json()["notes"]["P2.1.1"] == f"{FIRST_NOTE} of C0001"


def test_a_second_marking_is_complete_only_with_every_answer(
    scenario: dict[str, Any], client_for: Any
) -> None:
    _assess(scenario)
    _draw(scenario, client_for)
    qa_case = QaCase.objects.get(case=scenario["case"])
    response = client_for("inspector2").post(
        f"/consistency/second-marking/{qa_case.pk}/",
        {"version": "1", "answer:P2.1.1": "yes", "action": "complete"},
    )
    assert response.status_code == 400
    # The error summary names each question still to answer in its own words.
    missing = question_words(scenario["fieldwork"].framework, "P2.1.2")
    assert f"Answer {missing}" in html.unescape(response.content.decode())
    qa_case.refresh_from_db()
    assert (qa_case.status, qa_case.answers.count()) == ("not_started", 0)


def _p211_yes(client: Any, inspection: int) -> int:
    data = client.get(f"/api/inspections/{inspection}/results").json()
    for standard in data["standards"]:
        for kq in standard["key_questions"]:
            if kq["id"] == "P2.1.1":
                return int(kq["yes"])
    raise AssertionError("P2.1.1 not in the results")


def test_agreement_page_and_moderation_change_the_counting_answer_and_results(
    scenario: dict[str, Any], client_for: Any
) -> None:
    """The agreement page gives each figure and the disagreement; QA keeps the second
    marking with a reason, the case's answer and the results change at once, audited; the
    agreement figures still compare the markings as made."""
    _assess(scenario)
    _draw(scenario, client_for)
    _second_mark(scenario, client_for, "case", changed={"P2.1.1": "no"}, done=True)
    _second_mark(scenario, client_for, "case2", changed={}, done=True)
    inspection = scenario["fieldwork"].pk
    qa = client_for("qa")
    page = qa.get(f"/consistency/{inspection}/agreement/").content.decode()
    assert "From the 2 cases" in page
    for words in (
        "Raw agreement",
        "Kappa",
        "AC1",
        "inspector and inspector2",
        "Case C0001, P2.1.1",
    ):
        assert words in page
    assert "Would a disagreement change the band?" in page
    assert _p211_yes(qa, inspection) == 2
    qa_case = QaCase.objects.get(case=scenario["case"])
    missing = qa.post(
        f"/consistency/{inspection}/moderate/",
        {"qa_case": qa_case.pk, "question": "P2.1.1", "decision": "second", "reason": ""},
    )
    assert missing.status_code == 400
    assert not Moderation.objects.exists()
    body = {
        "qa_case": qa_case.pk,
        "question": "P2.1.1",
        "decision": "second",
        "reason": "The plan was not reviewed",
    }
    assert (
        client_for("inspector").post(f"/consistency/{inspection}/moderate/", body).status_code
        == 403
    )
    done = qa.post(f"/consistency/{inspection}/moderate/", body)
    assert done.status_code == 302
    answer = CaseAnswer.objects.get(case=scenario["case"], question="P2.1.1")
    assert answer.answer == "no"
    assert _p211_yes(qa, inspection) == 1
    events = set(AuditEvent.objects.values_list("object_type", "field", "old", "new"))
    assert ("consistency.moderation", "answer", "yes", "no") in events
    assert ("consistency.moderation", "reason", "", "The plan was not reviewed") in events
    assert ("assessments.sampledcase", "P2.1.1 answer", "yes", "no") in events
    page = qa.get(f"/consistency/{inspection}/agreement/").content.decode()
    assert "Keep the second marking: No counts. The plan was not reviewed" in page
    assert "Case C0001, P2.1.1" in page  # still a disagreement between the markings made
    again = qa.post(f"/consistency/{inspection}/moderate/", body)
    assert again.status_code == 400
    assert "moderated already" in again.content.decode()


def test_a_third_answer_needs_an_answer(scenario: dict[str, Any], client_for: Any) -> None:
    _assess(scenario)
    _draw(scenario, client_for)
    _second_mark(scenario, client_for, "case", changed={"P2.1.1": "no"}, done=True)
    qa_case = QaCase.objects.get(case=scenario["case"])
    url = f"/consistency/{scenario['fieldwork'].pk}/moderate/"
    body = {"qa_case": qa_case.pk, "question": "P2.1.1", "decision": "third", "reason": "Both"}
    refused = client_for("lead").post(url, body)
    assert refused.status_code == 400
    assert "Choose the third answer" in refused.content.decode()
    assert client_for("lead").post(url, {**body, "third": "no"}).status_code == 302
    assert Moderation.objects.get().answer == "no"
