"""The case by standard: one page per standard, the standards done and the progress, save on
every page, "Save and continue" to the next standard and, after the last, "Mark complete and go
to my next case"; the error summary names each missing answer in its question's words."""

from __future__ import annotations

from typing import Any

import pytest

from pinspect.web.assessments.models import CaseAnswer, SampledCase
from pinspect.web.assessments.saving import questions_for

pytestmark = pytest.mark.django_db


def _answers_for(case: Any, standard_id: str, word: str = "yes") -> dict[str, str]:
    page = questions_for(case).for_standard(standard_id)
    return {f"answer:{q}": word for q in page.question_ids()}


def _post(client: Any, case: Any, standard_id: str, body: dict[str, str], action: str) -> Any:
    case.refresh_from_db()
    return client.post(
        f"/cases/{case.pk}/standards/{standard_id}/",
        {**body, "version": str(case.version), "action": action},
    )


def test_a_standard_page_asks_only_its_standard(scenario: dict[str, Any], client_for: Any) -> None:
    case = scenario["case"]
    page = client_for("inspector").get(f"/cases/{case.pk}/standards/P2.2/").content.decode()
    assert '<h1 class="govuk-heading-l">P2.2 Planning</h1>' in page
    assert 'name="answer:P2.2.1.a"' in page
    assert 'name="answer:P2.1.1.a"' not in page
    assert "standard 2 of 4" in page
    assert "0 of 4 standards done; 0 of 63 questions answered." in page
    assert 'aria-current="page">P2.2 Planning' in page
    assert "Save and continue" in page
    assert "Mark complete and go to my next case" not in page


def test_save_and_continue_goes_to_the_next_standard_and_keeps_the_others(
    scenario: dict[str, Any], client_for: Any
) -> None:
    case = scenario["case"]
    client = client_for("inspector")
    first = _post(client, case, "P2.1", _answers_for(case, "P2.1"), "continue")
    assert first.status_code == 302
    assert first["Location"] == f"/cases/{case.pk}/standards/P2.2/"
    second = _post(client, case, "P2.2", {"answer:P2.2.1.a": "no"}, "save")
    assert second["Location"] == f"/cases/{case.pk}/standards/P2.2/"
    saved = dict(CaseAnswer.objects.filter(case=case).values_list("question", "answer"))
    assert saved["P2.1.1.a"] == "yes"  # the first page's answers are still there
    assert saved["P2.2.1.a"] == "no"
    page = client.get(f"/cases/{case.pk}/standards/P2.2/").content.decode()
    assert "1 of 4 standards done; 14 of 63 questions answered." in page
    assert 'name="answer:P2.2.1.a" type="radio" value="no" checked' in page


def test_a_standard_page_leaves_the_case_attributes_alone(
    scenario: dict[str, Any], client_for: Any
) -> None:
    case = scenario["case"]
    case.attributes = {"sex": "female"}
    case.save()
    _post(client_for("inspector"), case, "P2.1", {"answer:P2.1.1": "yes"}, "save")
    case.refresh_from_db()
    assert case.attributes == {"sex": "female"}


def test_mark_complete_goes_to_the_inspectors_next_unfinished_case(
    scenario: dict[str, Any], client_for: Any
) -> None:
    case = scenario["case"]
    following = SampledCase.objects.create(
        inspection=case.inspection,
        reference="C0003",
        stratum="female",
        assigned_to=scenario["users"]["inspector"],
    )
    client = client_for("inspector")
    for standard in ("P2.1", "P2.2", "P2.3"):
        assert (
            _post(client, case, standard, _answers_for(case, standard), "continue").status_code
            == 302
        )
    response = _post(client, case, "P2.4", _answers_for(case, "P2.4"), "complete-next")
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{following.pk}/standards/P2.1/"
    case.refresh_from_db()
    assert case.status == "complete"


def test_completing_names_each_missing_answer_in_its_words_and_links_to_it(
    scenario: dict[str, Any], client_for: Any
) -> None:
    case = scenario["case"]
    client = client_for("inspector")
    response = _post(client, case, "P2.4", _answers_for(case, "P2.4"), "complete-next")
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert f'<a href="/cases/{case.pk}/standards/P2.1/#q-P2-1-1-a">Answer P2.1.1 a) ' in page
    assert (
        f'href="/cases/{case.pk}/standards/P2.1/#q-P2-1-1">Answer your judgement for P2.1.1 '
        in page
    )
    assert "Answer P2.1.1.a before" not in page
    case.refresh_from_db()
    assert case.status == "not_started"


def test_a_stale_save_on_a_standard_page_is_refused(
    scenario: dict[str, Any], client_for: Any
) -> None:
    case = scenario["case"]
    lead, inspector = client_for("lead"), client_for("inspector")
    assert _post(lead, case, "P2.1", {"answer:P2.1.1": "yes"}, "save").status_code == 302
    response = inspector.post(
        f"/cases/{case.pk}/standards/P2.1/",
        {"answer:P2.1.1": "no", "version": "1", "action": "save"},
    )
    assert response.status_code == 409
    assert "Your changes were not saved" in response.content.decode()
    assert CaseAnswer.objects.get(case=case, question="P2.1.1").answer == "yes"


def test_start_opens_the_first_standard_not_done(scenario: dict[str, Any], client_for: Any) -> None:
    case = scenario["case"]
    client = client_for("inspector")
    _post(client, case, "P2.1", _answers_for(case, "P2.1"), "save")
    response = client.get(f"/cases/{case.pk}/start/")
    assert response["Location"] == f"/cases/{case.pk}/standards/P2.2/"


def test_the_page_documents_keyboard_answering_and_loads_its_script(
    scenario: dict[str, Any], client_for: Any
) -> None:
    page = client_for("inspector").get(f"/cases/{scenario['case'].pk}/standards/P2.1/")
    text = page.content.decode()
    assert "Answering by keyboard" in text
    assert "/static/pinspect/quick-answer.js" in text
    assert "data-quick-answer" in text


def test_my_cases_opens_each_case_where_it_was_left(
    scenario: dict[str, Any], client_for: Any
) -> None:
    """An inspector's list: one button to start or continue the next unfinished case, each
    case opening at its first standard not done, the whole case on one page beside it,
    statuses and strata in words."""
    case, published = scenario["case"], scenario["published_case"]
    client = client_for("inspector")
    SampledCase.objects.filter(pk=published.pk).update(status="complete")
    page = client.get("/cases/mine/").content.decode()
    assert "You have completed 1 of 2 cases." in page
    assert (
        f'class="govuk-button" data-module="govuk-button" href="/cases/{case.pk}/start/">'
        "Start case C0001</a>" in page
    )
    assert f'<a class="govuk-link" href="/cases/{published.pk}/start/">C0001' in page
    assert f'<a class="govuk-link" href="/cases/{case.pk}/">Whole case' in page
    assert '<strong class="govuk-tag govuk-tag--green">Complete</strong>' in page
    assert '<strong class="govuk-tag govuk-tag--grey">Not started</strong>' in page
    assert '<td class="govuk-table__cell">Female</td>' in page
    _post(client, case, "P2.1", _answers_for(case, "P2.1"), "save")
    assert client.get(f"/cases/{case.pk}/start/")["Location"].endswith("/standards/P2.2/")
    resumed = client.get("/cases/mine/").content.decode()
    assert '<strong class="govuk-tag govuk-tag--light-blue">In progress</strong>' in resumed
    assert "Continue with case C0001</a>" in resumed
    SampledCase.objects.filter(pk=case.pk).update(status="complete")
    done = client.get("/cases/mine/").content.decode()
    assert "You have completed 2 of 2 cases." in done
    assert "Continue with case" not in done
    assert "Start case" not in done
