"""Creating an inspection in the application, and the one validation every save of an
inspection passes (the admin's included): set-up to start with, a framework for the unit's
level."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from pinspect.web.audit.models import AuditEvent
from pinspect.web.inspections.models import Inspection, Membership

pytestmark = pytest.mark.django_db


def _body(scenario: dict[str, Any], **changes: str) -> dict[str, str]:
    body = {
        "title": "PDU one 2025",
        "unit": str(scenario["fieldwork"].unit.pk),
        "framework_id": "hmip-2023-pdu",
        "start_day": "3",
        "start_month": "2",
        "start_year": "2025",
        "end_day": "28",
        "end_month": "3",
        "end_year": "2025",
        "lead": str(scenario["users"]["lead"].pk),
    }
    body.update(changes)
    return body


def test_a_lead_creates_an_inspection_in_set_up_and_sees_it_at_once(
    scenario: dict[str, Any], client_for: Any
) -> None:
    client = client_for("lead")
    assert "Create an inspection" in client.get("/inspections/").content.decode()
    assert client.get("/inspections/new/").status_code == 200
    response = client.post("/inspections/new/", _body(scenario, mock="on"))
    assert response.status_code == 302
    created = Inspection.objects.get(title="PDU one 2025")
    assert response["Location"] == f"/inspections/{created.pk}/"
    assert (created.status, created.mock, created.window_end.isoformat()) == (
        "set_up",
        True,
        "2025-03-28",
    )
    assert list(Membership.objects.filter(inspection=created).values_list("role", flat=True)) == [
        "lead"
    ]
    assert "PDU one 2025" in client.get("/inspections/").content.decode()
    fields = set(AuditEvent.objects.filter(inspection=created).values_list("field", flat=True))
    assert {"title", "framework_id", "status", "role"} <= fields


def test_someone_else_as_lead_makes_the_creator_an_admin_of_it(
    scenario: dict[str, Any], make_user: Any
) -> None:
    staff = make_user("site", is_staff=True)
    client = Client()
    client.force_login(staff)
    response = client.post("/inspections/new/", _body(scenario))
    assert response.status_code == 302
    roles = dict(
        Membership.objects.filter(inspection__title="PDU one 2025").values_list(
            "user__username", "role"
        )
    )
    assert roles == {"lead": "lead", "site": "admin"}


def test_a_framework_for_another_level_of_unit_is_refused(
    scenario: dict[str, Any], client_for: Any
) -> None:
    response = client_for("lead").post(
        "/inspections/new/", _body(scenario, framework_id="hmip-2024-national")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "is for inspecting the nation, not a probation delivery unit" in page
    assert 'href="#id_framework_id"' in page
    assert not Inspection.objects.filter(title="PDU one 2025").exists()


def test_bad_dates_and_missing_fields_are_form_errors(
    scenario: dict[str, Any], client_for: Any
) -> None:
    client = client_for("lead")
    response = client.post("/inspections/new/", _body(scenario, start_month="13", title=""))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a real date the window starts" in page
    assert "Enter the inspection&#x27;s title" in page
    response = client.post("/inspections/new/", _body(scenario, end_year="2024"))
    assert response.status_code == 400
    assert "The window must end on or after its start" in response.content.decode()
    assert "§" not in response.content.decode()
    # A year of five digits: one message in words, not a second naming the box's field.
    response = client.post("/inspections/new/", _body(scenario, end_year="20255"))
    assert response.status_code == 400
    assert "Enter a real date the window ends" in response.content.decode()
    assert "characters long" not in response.content.decode()
    assert not Inspection.objects.filter(title="PDU one 2025").exists()


def test_only_units_the_user_may_lead_are_offered(
    scenario: dict[str, Any], client_for: Any
) -> None:
    other = scenario["other"].unit
    response = client_for("lead").post("/inspections/new/", _body(scenario, unit=str(other.pk)))
    assert response.status_code == 400
    assert "Choose a unit you may lead inspections of" in response.content.decode()
    assert client_for("inspector").get("/inspections/new/").status_code == 403
    assert (
        "Create an inspection" not in client_for("inspector").get("/inspections/").content.decode()
    )


def test_the_lead_chosen_must_be_allowed_to_lead_the_unit(
    scenario: dict[str, Any], client_for: Any
) -> None:
    body = _body(scenario, lead=str(scenario["users"]["inspector"].pk))
    response = client_for("lead").post("/inspections/new/", body)
    assert response.status_code == 400
    assert "may not lead inspections of PDU one" in response.content.decode()


class TestTheAdminKeepsTheSameRules:
    """The Django admin's form runs the model's ``clean``: no inspection is created in a later
    status than set-up, and no framework goes with a unit of another level."""

    def _admin(self, make_user: Any) -> Client:
        client = Client()
        client.force_login(make_user("root", is_staff=True, is_superuser=True))
        return client

    def _post(self, client: Client, scenario: dict[str, Any], **changes: str) -> Any:
        body = {
            "title": "Admin-made",
            "unit": str(scenario["fieldwork"].unit.pk),
            "framework_id": "hmip-2023-pdu",
            "window_start": "2025-01-01",
            "window_end": "2025-06-30",
            "status": "set_up",
            "members-TOTAL_FORMS": "0",
            "members-INITIAL_FORMS": "0",
            "members-MIN_NUM_FORMS": "0",
            "members-MAX_NUM_FORMS": "1000",
        }
        body.update(changes)
        return client.post("/admin/inspections/inspection/add/", body)

    def test_admin_refuses_a_mismatched_framework(
        self, scenario: dict[str, Any], make_user: Any
    ) -> None:
        response = self._post(self._admin(make_user), scenario, framework_id="hmip-2024-national")
        assert response.status_code == 200  # the form again, with its error
        assert "is for inspecting the nation" in response.content.decode()
        assert not Inspection.objects.filter(title="Admin-made").exists()

    def test_admin_refuses_a_new_inspection_past_set_up(
        self, scenario: dict[str, Any], make_user: Any
    ) -> None:
        client = self._admin(make_user)
        response = self._post(client, scenario, status="published")
        assert response.status_code == 200
        assert "A new inspection starts in set-up" in response.content.decode()
        assert not Inspection.objects.filter(title="Admin-made").exists()
        assert self._post(client, scenario).status_code == 302
        assert Inspection.objects.get(title="Admin-made").status == "set_up"

    def test_admin_cannot_move_an_existing_inspection_past_its_gates(
        self, scenario: dict[str, Any], make_user: Any
    ) -> None:
        client = self._admin(make_user)
        assert self._post(client, scenario).status_code == 302
        created = Inspection.objects.get(title="Admin-made")
        body = {
            "title": "Admin-made",
            "unit": str(created.unit_id),
            "framework_id": "hmip-2023-pdu",
            "window_start": "2025-01-01",
            "window_end": "2025-06-30",
            "status": "published",
            "members-TOTAL_FORMS": "0",
            "members-INITIAL_FORMS": "0",
            "members-MIN_NUM_FORMS": "0",
            "members-MAX_NUM_FORMS": "1000",
        }
        client.post(f"/admin/inspections/inspection/{created.pk}/change/", body)
        assert Inspection.objects.get(pk=created.pk).status == "set_up"
