"""Case assessment: form validation, completion, contradiction warning, optimistic locking
and the audit trail of every change."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from pinspect.web.audit.models import AuditEvent
from tests.web.conftest import full_answers

pytestmark = pytest.mark.django_db


def _post(client: Any, case: Any, data: dict[str, str], version: int, action: str = "save") -> Any:
    body = {f"answer:{q}": a for q, a in data.items()}
    return client.post(f"/cases/{case.pk}/", {**body, "version": str(version), "action": action})


def test_save_and_resume(scenario: dict[str, Any], client_for: Any) -> None:
    case = scenario["case"]
    client = client_for("inspector")
    response = _post(client, case, {"P2.1.1": "yes", "P2.1.1.a": "no"}, version=1)
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.version, case.status) == (2, "in_progress")
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'name="answer:P2.1.1" type="radio" value="yes" checked' in page
    assert 'name="version" value="2"' in page


def test_cannot_complete_with_a_required_answer_missing(
    scenario: dict[str, Any], client_for: Any
) -> None:
    case = scenario["case"]
    answers = full_answers(case)
    del answers["P2.3.2"]
    response = _post(client_for("inspector"), case, answers, version=1, action="complete")
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert 'href="#q-P2-3-2"' in page
    case.refresh_from_db()
    assert (case.version, case.status, case.answers.count()) == (1, "not_started", 0)


def test_complete_with_every_answer(scenario: dict[str, Any], client_for: Any) -> None:
    case = scenario["case"]
    response = _post(
        client_for("inspector"), case, full_answers(case), version=1, action="complete"
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "complete"


def test_not_applicable_is_refused_where_the_framework_does_not_allow_it(
    scenario: dict[str, Any], client_for: Any
) -> None:
    case = scenario["case"]
    response = _post(client_for("inspector"), case, {"P2.1.1.a": "n/a"}, version=1)
    assert response.status_code == 400
    assert 'href="#q-P2-1-1-a"' in response.content.decode()
    assert case.answers.count() == 0


def test_contradicting_judgement_is_warned(scenario: dict[str, Any], client_for: Any) -> None:
    case = scenario["case"]
    client = client_for("inspector")
    prompts = {f"P2.1.1.{letter}": "no" for letter in "abcd"}
    _post(client, case, {**prompts, "P2.1.1": "yes"}, version=1)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "You answered yes to the key question but no to every prompt." in page


def test_stale_save_is_refused_and_changes_nothing(
    scenario: dict[str, Any], client_for: Any
) -> None:
    case = scenario["case"]
    lead, inspector = client_for("lead"), client_for("inspector")
    assert _post(lead, case, {"P2.1.1": "yes"}, version=1).status_code == 302
    events = AuditEvent.objects.count()
    response = _post(inspector, case, {"P2.1.1": "no"}, version=1)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Your changes were not saved" in page
    assert "lead saved this case" in page
    assert 'name="version" value="2"' in page  # the form now holds the other person's values
    case.refresh_from_db()
    assert case.version == 2
    assert case.answers.get(question="P2.1.1").answer == "yes"
    assert AuditEvent.objects.count() == events


def test_stale_api_save_is_409_and_changes_nothing(
    scenario: dict[str, Any], client_for: Any
) -> None:
    case = scenario["case"]
    url = f"/api/cases/{case.pk}/answers"
    first = client_for("lead").put(
        url,
        json.dumps({"version": 1, "answers": {"P2.1.1": "yes"}}),
        content_type="application/json",
    )
    assert first.status_code == 200
    assert first.json()["version"] == 2
    second = client_for("inspector").put(
        url,
        json.dumps({"version": 1, "answers": {"P2.1.1": "no"}}),
        content_type="application/json",
    )
    assert second.status_code == 409
    body = second.json()
    assert body["current"]["answers"] == {"P2.1.1": "yes"}
    assert body["current"]["version"] == 2
    case.refresh_from_db()
    assert case.answers.get(question="P2.1.1").answer == "yes"


def test_api_bad_input_names_the_field(scenario: dict[str, Any], client_for: Any) -> None:
    case = scenario["case"]
    client = client_for("inspector")
    url = f"/api/cases/{case.pk}/answers"
    bad = client.put(
        url,
        json.dumps({"version": 1, "answers": {"P2.1.1": "maybe"}}),
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "P2.1.1"
    missing = client.put(url, json.dumps({"answers": {}}), content_type="application/json")
    assert missing.status_code == 422
    assert "version" in json.dumps(missing.json())
    case.refresh_from_db()
    assert case.version == 1


def test_api_put_needs_csrf_token_with_a_session(scenario: dict[str, Any]) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(scenario["users"]["inspector"])
    response = client.put(
        f"/api/cases/{scenario['case'].pk}/answers",
        json.dumps({"version": 1, "answers": {}}),
        content_type="application/json",
    )
    assert response.status_code == 403


def test_every_change_is_audited_with_who_old_and_new(
    scenario: dict[str, Any], client_for: Any
) -> None:
    case = scenario["case"]
    client = client_for("inspector")
    _post(client, case, {"P2.1.1": "yes"}, version=1)
    _post(client, case, {"P2.1.1": "no"}, version=2)
    events = AuditEvent.objects.filter(object_id=str(case.pk), field="P2.1.1 answer").order_by("id")
    assert [(e.old, e.new, e.actor.username) for e in events] == [
        ("", "yes", "inspector"),
        ("yes", "no", "inspector"),
    ]
    assert all(e.inspection_id == case.inspection_id for e in events)
    trail = client.get(f"/audit/cases/{case.pk}/").content.decode()
    assert "P2.1.1 answer" in trail


def test_audit_history_cannot_be_deleted_or_changed(
    scenario: dict[str, Any], client_for: Any
) -> None:
    _post(client_for("inspector"), scenario["case"], {"P2.1.1": "yes"}, version=1)
    event = AuditEvent.objects.first()
    assert event is not None
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(new="tampered")
    event.new = "tampered"
    with pytest.raises(PermissionError):
        event.save()
