"""Applicability in the web application (003 Annexe A §3): a prompt that does not apply to the
case is shown as "Does not apply: <reason>" and not asked; a yes or no to it is refused by the
case page and by the API (400 JSON naming the case, the prompt and why)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pinspect.web.assessments.models import CaseAnswer

pytestmark = pytest.mark.django_db


def _case_2021(scenario: dict[str, Any], case_type: str, **flags: str) -> Any:
    case = scenario["case"]
    inspection = case.inspection
    inspection.framework_id = "hmip-2021-pdu"
    inspection.save()
    case.attributes = {"case_type": case_type, **flags}
    case.save()
    return case


def test_a_post_custody_prompt_is_shown_as_not_applying_to_a_community_case(
    scenario: dict[str, Any], client_for: Any
) -> None:
    """003 Annexe A §3: 2.4.1 a) is for post-custody cases only; not asked of a community case."""
    case = _case_2021(scenario, "community")
    page = client_for("inspector").get(f"/cases/{case.pk}/").content.decode()
    assert "Does not apply: Post-custody cases only, and this is a community case" in page
    assert 'name="answer:2.4.1.a"' not in page
    assert 'name="answer:2.4.1.b"' in page


def test_a_case_that_becomes_a_community_case_loses_its_post_custody_answer(
    scenario: dict[str, Any], client_for: Any
) -> None:
    """003 Annexe A §3: once the case is recorded as a community case, 2.4.1 a) is no longer
    asked, and its answer is not kept to be counted."""
    case = _case_2021(scenario, "post_custody")
    client = client_for("inspector")
    body = {"answer:2.4.1.a": "yes", "attribute:case_type": "post_custody", "action": "save"}
    assert client.post(f"/cases/{case.pk}/", {**body, "version": "1"}).status_code == 302
    assert CaseAnswer.objects.get(case=case, question="2.4.1.a").answer == "yes"
    body["attribute:case_type"] = "community"
    assert client.post(f"/cases/{case.pk}/", {**body, "version": "2"}).status_code == 302
    assert CaseAnswer.objects.get(case=case, question="2.4.1.a").answer == ""
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Does not apply: Post-custody cases only, and this is a community case" in page


def test_the_api_refuses_a_yes_to_a_starred_prompt_in_an_unpaid_work_only_case(
    scenario: dict[str, Any], client_for: Any
) -> None:
    """003 Annexe A §3: '*' prompts are not asked in unpaid-work-only cases; the API's 4xx
    JSON names the case, the prompt and the reason."""
    case = _case_2021(scenario, "post_custody", unpaid_work_only="yes")
    response = client_for("inspector").put(
        f"/api/cases/{case.pk}/answers",
        json.dumps({"version": 1, "answers": {"2.3.2.a": "no", "2.4.1.a": "yes"}}),
        content_type="application/json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [e["field"] for e in errors] == ["2.3.2.a"]
    assert "case C0001" in errors[0]["message"]
    assert "Not asked in unpaid-work-only cases (prompts marked *)" in errors[0]["message"]
    assert not CaseAnswer.objects.filter(case=case).exists()


def test_a_case_type_that_is_not_one_is_refused(scenario: dict[str, Any], client_for: Any) -> None:
    case = _case_2021(scenario, "community")
    response = client_for("inspector").put(
        f"/api/cases/{case.pk}/answers",
        json.dumps({"version": 1, "attributes": {"case_type": "prison"}}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "case_type"


def test_the_api_lists_only_the_questions_asked(scenario: dict[str, Any], client_for: Any) -> None:
    """003 Annexe A §3: the questions the API offers are those that apply to the case."""
    case = _case_2021(scenario, "community")
    body = client_for("inspector").get(f"/api/cases/{case.pk}/answers").json()
    assert "2.4.1.a" not in body["questions"]
    assert body["questions"]["2.4.1.b"] == ["yes", "no"]
    assert body["not_asked"]["2.4.1.a"] == "Post-custody cases only, and this is a community case"
