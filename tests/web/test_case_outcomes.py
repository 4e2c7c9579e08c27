"""The 2021 PDU outcomes key question in the case form (hmip-2021-pdu 2.6 Outcomes).

Seed 003 §4.2: outcomes are judged "along the lines of met/part met/not met for outcomes in
individual cases"; §4.11: met through stability. Seed 003 §3.7, §4.10: "We will not rate
outcomes for at least the first 12 months of our inspection activity. Instead we will collect
and publish baseline data". A supervision case of a 2021 PDU inspection is asked 2.6 in the
case form; its answers reach the results page as baseline counts, never a rating. The 2023
framework has no outcomes standard, so its case form has none.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from pinspect.web.assessments.models import CaseAnswer, SampledCase
from pinspect.web.assessments.questions import case_questions
from pinspect.web.assessments.saving import CaseAnswers, questions_for, save_case
from pinspect.web.consistency.models import QaCase
from pinspect.web.reports.content import report_for
from tests.web.conftest import full_answers

pytestmark = pytest.mark.django_db

OUTCOME_WORDS = ("Met", "Part met", "Not met", "Met through stability", "Not applicable")


def _case_2021(scenario: dict[str, Any]) -> Any:
    case = scenario["case"]
    inspection = case.inspection
    inspection.framework_id = "hmip-2021-pdu"
    inspection.save()
    case.attributes = {"case_type": "community"}
    case.save()
    return case


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _labels(page: str, question: str) -> list[str]:
    """The words of a question's radio options, in page order."""
    anchor = "q-" + question.replace(".", "-")
    return re.findall(
        rf'<label class="govuk-label govuk-radios__label" for="{anchor}(?:-\d+)?">'
        r"([^<]+)</label>",
        page,
    )


def test_a_2021_supervision_case_is_asked_the_outcomes_key_question(
    scenario: dict[str, Any], client_for: Any
) -> None:
    case = _case_2021(scenario)
    page = client_for("inspector").get(f"/cases/{case.pk}/").content.decode()
    assert "2.6 Outcomes" in page
    assert "2.6.1 Do early outcomes demonstrate that reasonable progress has been made" in page
    assert _labels(page, "2.6.1") == list(OUTCOME_WORDS)
    assert _labels(page, "2.6.1.a") == ["Yes", "No"]  # a prompt, answered like any prompt
    text = _text(page)
    assert "Baseline data, not rated" in text
    assert "We will not rate outcomes for at least the first 12 months" in text


def test_the_outcomes_standard_has_its_own_page(scenario: dict[str, Any], client_for: Any) -> None:
    case = _case_2021(scenario)
    page = client_for("inspector").get(f"/cases/{case.pk}/standards/2.6/").content.decode()
    assert '<h1 class="govuk-heading-l">2.6 Outcomes</h1>' in page
    assert _labels(page, "2.6.1") == list(OUTCOME_WORDS)
    assert 'name="answer:2.6.1.d"' in page
    assert 'name="answer:2.1.1"' not in page


def test_an_outcome_answer_is_saved_and_shown_again(
    scenario: dict[str, Any], client_for: Any
) -> None:
    case = _case_2021(scenario)
    client = client_for("inspector")
    body = {"answer:2.6.1": "part met", "answer:2.6.1.a": "yes", "note:2.6.1": "Some progress."}
    response = client.post(
        f"/cases/{case.pk}/standards/2.6/", {**body, "version": "1", "action": "save"}
    )
    assert response.status_code == 302
    saved = dict(CaseAnswer.objects.filter(case=case).values_list("question", "answer"))
    assert saved == {"2.6.1": "part met", "2.6.1.a": "yes"}
    page = client.get(f"/cases/{case.pk}/standards/2.6/").content.decode()
    assert 'name="answer:2.6.1" type="radio" value="part met" checked' in page


@pytest.mark.parametrize(
    "wrong",
    [
        (
            "2.6.1",
            "yes",
            "your judgement for 2.6.1 Do early outcomes demonstrate",
            "Met, Part met, Not met, Met through stability, Not applicable",
        ),
        ("2.6.1.b", "met", "2.6.1 b) Has there been a reduction in factors", "Yes, No"),
    ],
)
def test_an_answer_off_the_scale_is_a_form_error_and_nothing_is_written(
    scenario: dict[str, Any], client_for: Any, wrong: tuple[str, str, str, str]
) -> None:
    """(question, answer, the question in words, the answers it offers)."""
    question, answer, named, offered = wrong
    case = _case_2021(scenario)
    response = client_for("inspector").post(
        f"/cases/{case.pk}/",
        {
            f"answer:{question}": answer,
            "answer:2.1.1": "yes",
            "attribute:case_type": "community",
            "version": "1",
            "action": "save",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert f'href="#q-{question.replace(".", "-")}"' in page
    assert f"Select a valid choice for {named}" in _text(page)
    assert f"{answer} is not one of {offered}." in _text(page)
    case.refresh_from_db()
    assert (case.version, case.status, case.answers.count()) == (1, "not_started", 0)


def test_the_api_refuses_a_yes_to_the_outcome_judgement(
    scenario: dict[str, Any], client_for: Any
) -> None:
    case = _case_2021(scenario)
    response = client_for("inspector").put(
        f"/api/cases/{case.pk}/answers",
        json.dumps({"version": 1, "answers": {"2.6.1": "yes"}}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["2.6.1"]
    assert not CaseAnswer.objects.filter(case=case).exists()


def test_met_through_stability_needs_its_record_in_the_evidence_notes(
    scenario: dict[str, Any], client_for: Any
) -> None:
    """003 §4.8, §4.11: stability is sufficient progress only "in exceptional and defensible
    circumstances with evidence of planning towards progress"."""
    case = _case_2021(scenario)
    client = client_for("inspector")
    url = f"/cases/{case.pk}/standards/2.6/"
    body = {"answer:2.6.1": "met through stability", "version": "1", "action": "save"}
    response = client.post(url, body)
    assert response.status_code == 400
    text = _text(response.content.decode())
    assert "is met through stability: record in its evidence notes the exceptional" in text
    assert case.answers.count() == 0
    noted = client.post(url, {**body, "note:2.6.1": "Stable housing; plan for training."})
    assert noted.status_code == 302
    assert case.answers.get(question="2.6.1").answer == "met through stability"


def test_a_case_is_not_complete_without_its_outcome(
    scenario: dict[str, Any], client_for: Any
) -> None:
    case = _case_2021(scenario)
    answers = full_answers(case)
    assert answers["2.6.1"] == "met"
    del answers["2.6.1"]
    body = {f"answer:{q}": a for q, a in answers.items()}
    response = client_for("inspector").post(
        f"/cases/{case.pk}/",
        {**body, "attribute:case_type": "community", "version": "1", "action": "complete"},
    )
    assert response.status_code == 400
    assert 'href="#q-2-6-1"' in response.content.decode()
    assert "Answer your judgement for 2.6.1 Do early outcomes" in _text(response.content.decode())
    case.refresh_from_db()
    assert (case.status, case.answers.count()) == ("not_started", 0)


def _four_outcomes(scenario: dict[str, Any]) -> Any:
    """Four complete cases: met, met through stability, part met, not met (003 §4.11: met
    through stability counts as met, and apart)."""
    case = _case_2021(scenario)
    inspection = case.inspection
    inspector = scenario["users"]["inspector"]
    for number, outcome in enumerate(("met", "met through stability", "part met", "not met")):
        case = SampledCase.objects.create(
            inspection=inspection,
            reference=f"C2{number:03d}",
            stratum="all",
            assigned_to=inspector,
            attributes={"case_type": "community"},
        )
        answers = full_answers(case)
        answers["2.6.1"] = outcome
        notes = {"2.6.1": "Settled housing after a crisis; a plan for work."}
        save_case(case, case.version, CaseAnswers(answers, notes, complete=True), actor=inspector)
    return inspection


def test_the_results_page_shows_the_outcomes_as_baseline_data(
    scenario: dict[str, Any], client_for: Any
) -> None:
    inspection = _four_outcomes(scenario)
    html = client_for("qa").get(f"/inspections/{inspection.pk}/results/").content.decode()
    row = html[html.index('data-outcome="2.6.1"') :]
    row = row[: row.index("</tr>")]
    counts = dict(re.findall(r'data-count="(\w+)">(\d+)<', row))
    assert counts == {
        "met": "2",
        "met_through_stability": "1",
        "part_met": "1",
        "not_met": "1",
        "not_applicable": "0",
    }
    assert "50.0% 25.0% 25.0%" in _text(row)
    assert "Outcomes: baseline data, not rated" in _text(html)
    assert 'data-key-question="2.6.1"' not in html  # never among the rated key questions


def test_the_report_built_from_the_web_counts_the_outcomes(scenario: dict[str, Any]) -> None:
    report = report_for(_four_outcomes(scenario))
    [section] = report.outcomes
    [row] = section.rows
    assert (section.standard_id, row.id) == ("2.6", "2.6.1")
    assert (row.met, row.met_through_stability, row.part_met, row.not_met) == (2, 1, 1, 1)
    assert (row.percent_met, row.percent_part_met, row.percent_not_met) == (50.0, 25.0, 25.0)


def test_a_2023_case_has_no_outcomes(scenario: dict[str, Any], client_for: Any) -> None:
    case = scenario["case"]
    assert case.inspection.framework_id == "hmip-2023-pdu"
    page = client_for("inspector").get(f"/cases/{case.pk}/").content.decode()
    assert "Outcomes" not in _text(page)
    assert "Met through stability" not in page
    assert not any(
        "met" in questions_for(case).allowed_answers(q) for q in questions_for(case).question_ids()
    )


def test_blind_second_marking_leaves_the_outcome_out_and_its_agreement_works(
    scenario: dict[str, Any], client_for: Any
) -> None:
    """Seed 001 §4.13's agreement figures are of yes/no answers: the second marking of a 2021
    case asks its yes/no questions, not 2.6, and the agreement page counts those."""
    first = _case_2021(scenario)
    second = scenario["case2"]
    second.attributes = {"case_type": "community"}
    second.save()
    for case, who in ((first, "inspector"), (second, "inspector2")):
        answers = CaseAnswers(full_answers(case), {}, complete=True)
        save_case(case, case.version, answers, actor=scenario["users"][who])
    inspection = first.inspection.pk
    qa = client_for("qa")
    assert (
        qa.post(f"/consistency/{inspection}/draw/", {"share": "1", "seed": "7"}).status_code == 302
    )
    yes_no = case_questions(first.inspection.framework, "supervision").question_ids()
    assert "2.2.1" in yes_no
    assert not any(q.startswith("2.6") for q in yes_no)
    for qa_case in QaCase.objects.filter(case__inspection_id=inspection):
        url = f"/consistency/second-marking/{qa_case.pk}/"
        marker = client_for(qa_case.second_marker.username)  # type: ignore[union-attr]
        page = marker.get(url).content.decode()
        assert 'name="answer:2.2.1"' in page
        assert 'name="answer:2.6.1' not in page
        body = {f"answer:{q}": "yes" for q in yes_no}
        response = marker.post(url, {**body, "version": str(qa_case.version), "action": "complete"})
        assert response.status_code == 302
    page = qa.get(f"/consistency/{inspection}/agreement/").content.decode()
    assert "From the 2 cases" in page
    assert "Raw agreement" in page
    assert "2.6.1" not in page


def test_the_overview_counts_the_cases_with_an_outcome_judged(
    scenario: dict[str, Any], client_for: Any
) -> None:
    """The lead sees how far the outcome judgements have come, as for every key question,
    marked as baseline data, not rated (003 §3.7, §4.10)."""
    inspection = _four_outcomes(scenario)
    cases = SampledCase.objects.filter(
        inspection=inspection, reserve_rank__isnull=True, withdrawn_at__isnull=True
    ).count()
    html = client_for("lead").get(f"/inspections/{inspection.pk}/").content.decode()
    table = html[html.index("Progress per key question") :]
    table = _text(table[: table.index("</table>")])
    assert re.search(r"2\.6\.1 .*\(outcome: baseline data, not rated\) 4 of " + str(cases), table)
    assert table.count(f" of {cases}") > 1  # the rated key questions' rows as before
