"""Inspection management: status moves (forward; back only with a reason; never to published
here) and the team (add, change role, remove), every change audited."""

from __future__ import annotations

from typing import Any

import pytest

from pinspect.scale.rating import Rating
from pinspect.web.assessments.models import SampledCase
from pinspect.web.audit.models import AuditEvent
from pinspect.web.evidence.judgements import propose
from pinspect.web.evidence.sources import judged_standards
from pinspect.web.inspections.lifecycle import moves_from
from pinspect.web.inspections.models import Inspection, Membership

pytestmark = pytest.mark.django_db


def _move(client: Any, inspection: Any, expected: str, target: str, reason: str = "") -> Any:
    body = {"expected": expected, "target": target, "reason": reason}
    return client.post(f"/inspections/{inspection.pk}/status/", body)


def _status(inspection: Any) -> str:
    return str(Inspection.objects.get(pk=inspection.pk).status)


def test_moves_offered() -> None:
    assert [m.target for m in moves_from("set_up")] == ["fieldwork"]
    assert [(m.target, m.backward) for m in moves_from("fieldwork")] == [
        ("panel", False),
        ("set_up", True),
    ]
    assert [m.target for m in moves_from("panel")] == ["fieldwork"]
    assert moves_from("published") == []


def test_moving_forward_is_audited(scenario: dict[str, Any], client_for: Any) -> None:
    inspection = scenario["fieldwork"]
    # The gate to the panel (tests/web/test_gates.py): cases complete, judgements proposed.
    SampledCase.objects.filter(inspection=inspection).update(status="complete")
    for standard in judged_standards(inspection.framework):
        propose(
            inspection, standard.id, Rating.GOOD, "Evidence supports it.", scenario["users"]["lead"]
        )
    response = _move(client_for("lead"), inspection, "fieldwork", "panel")
    assert response.status_code == 302
    assert _status(inspection) == "panel"
    event = AuditEvent.objects.get(inspection=inspection, field="status")
    assert (event.old, event.new, event.actor.username) == ("fieldwork", "panel", "lead")


def test_publishing_is_not_offered_here(scenario: dict[str, Any], client_for: Any) -> None:
    inspection = scenario["fieldwork"]
    inspection.status = "panel"
    inspection.save()
    response = _move(client_for("lead"), inspection, "panel", "published")
    assert response.status_code == 400
    assert _status(inspection) == "panel"
    assert not AuditEvent.objects.filter(inspection=inspection).exists()


def test_moving_back_needs_a_reason(scenario: dict[str, Any], client_for: Any) -> None:
    inspection = scenario["fieldwork"]
    response = _move(client_for("admin"), inspection, "fieldwork", "set_up")
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Enter the reason for moving the inspection back" in page
    assert _status(inspection) == "fieldwork"
    assert not AuditEvent.objects.filter(inspection=inspection).exists()
    response = _move(client_for("admin"), inspection, "fieldwork", "set_up", "sample redrawn")
    assert response.status_code == 302
    assert _status(inspection) == "set_up"
    events = {e.field: e for e in AuditEvent.objects.filter(inspection=inspection)}
    assert (events["status"].old, events["status"].new) == ("fieldwork", "set_up")
    assert events["status_reason"].new == "sample redrawn"


def test_a_move_from_a_status_no_longer_current_is_refused(
    scenario: dict[str, Any], client_for: Any
) -> None:
    inspection = scenario["fieldwork"]
    response = _move(client_for("lead"), inspection, "set_up", "fieldwork")
    assert response.status_code == 400
    assert "changed by someone else" in response.content.decode()
    assert _status(inspection) == "fieldwork"


def test_an_inspector_may_not_move_the_status(scenario: dict[str, Any], client_for: Any) -> None:
    inspection = scenario["fieldwork"]
    assert _move(client_for("inspector"), inspection, "fieldwork", "panel").status_code == 403
    assert _status(inspection) == "fieldwork"


def _team(client: Any, inspection: Any, **body: str) -> Any:
    return client.post(f"/inspections/{inspection.pk}/team/", body)


def test_adding_changing_and_removing_members_is_audited(
    scenario: dict[str, Any], client_for: Any
) -> None:
    inspection = scenario["fieldwork"]
    client = client_for("lead")
    response = _team(client, inspection, action="add", username="outsider", role="qa")
    assert response.status_code == 302
    member = Membership.objects.get(inspection=inspection, user=scenario["users"]["outsider"])
    assert member.role == "qa"
    response = _team(
        client, inspection, action="change", membership=str(member.pk), role="inspector"
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role == "inspector"
    response = _team(client, inspection, action="remove", membership=str(member.pk))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=member.pk).exists()
    events = AuditEvent.objects.filter(inspection=inspection, object_id=str(member.pk))
    assert sorted((e.field, e.old, e.new, e.actor.username) for e in events) == [
        ("role", "", "qa", "lead"),
        ("role", "inspector", "", "lead"),
        ("role", "qa", "inspector", "lead"),
    ]
    assert all(e.object_label == "team member outsider" for e in events)


def test_team_changes_that_are_refused(scenario: dict[str, Any], client_for: Any) -> None:
    inspection = scenario["fieldwork"]
    client = client_for("lead")
    response = _team(client, inspection, action="add", username="nobody", role="qa")
    assert response.status_code == 400
    assert "There is no active user with that username" in response.content.decode()
    response = _team(client, inspection, action="add", username="qa", role="qa")
    assert "already on the team" in response.content.decode()
    # The inspector has a case assigned: not removed, not made a viewer.
    inspector = Membership.objects.get(inspection=inspection, user=scenario["users"]["inspector"])
    response = _team(client, inspection, action="remove", membership=str(inspector.pk))
    assert response.status_code == 400
    assert "has cases assigned" in response.content.decode()
    response = _team(
        client, inspection, action="change", membership=str(inspector.pk), role="viewer"
    )
    assert response.status_code == 400
    # The last admin or lead inspector stays.
    admin = Membership.objects.get(inspection=inspection, user=scenario["users"]["admin"])
    assert _team(client, inspection, action="remove", membership=str(admin.pk)).status_code == 302
    lead = Membership.objects.get(inspection=inspection, user=scenario["users"]["lead"])
    response = _team(client, inspection, action="change", membership=str(lead.pk), role="qa")
    assert response.status_code == 400
    assert "must keep an admin or lead inspector" in response.content.decode()
    lead.refresh_from_db()
    assert lead.role == "lead"
    assert AuditEvent.objects.filter(inspection=inspection).count() == 1  # the admin's removal


def test_the_team_page_lists_members(scenario: dict[str, Any], client_for: Any) -> None:
    page = client_for("admin").get(f"/inspections/{scenario['fieldwork'].pk}/team/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "inspector2" in text
    assert "Add a member" in text
    assert _team(client_for("qa"), scenario["fieldwork"], action="add").status_code == 403
