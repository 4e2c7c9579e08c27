"""The gates between statuses (001 §4.12, §4.15, §4.16): each refuses with its reason shown
and nothing changed, and opens once its work is done. Moving to the panel with cases still
open needs a reason, kept and audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from pinspect.scale.rating import Rating
from pinspect.web.assessments.models import SampledCase
from pinspect.web.audit.models import AuditEvent
from pinspect.web.evidence.judgements import propose
from pinspect.web.evidence.sources import judged_standards
from pinspect.web.inspections.gates import Facts, fieldwork_gate, panel_gate
from pinspect.web.inspections.models import Inspection, Membership
from pinspect.web.reports.publication import why_not_publishable

pytestmark = pytest.mark.django_db


def _move(client: Any, inspection: Any, expected: str, target: str, reason: str = "") -> Any:
    body = {"expected": expected, "target": target, "reason": reason}
    return client.post(f"/inspections/{inspection.pk}/status/", body)


def _fresh(inspection: Any) -> Any:
    return Inspection.objects.get(pk=inspection.pk)


def _propose_all(inspection: Any, user: Any) -> None:
    for standard in judged_standards(inspection.framework):
        propose(inspection, standard.id, Rating.GOOD, "Evidence supports it.", user)


class TestGateToFieldwork001Section4Point12:
    """001 §4.12: fieldwork needs a drawn sample and an inspector to assess it."""

    def test_refused_without_a_sample_or_an_inspector(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        inspection = scenario["fieldwork"]
        Inspection.objects.filter(pk=inspection.pk).update(status="set_up")
        SampledCase.objects.filter(inspection=inspection).delete()
        Membership.objects.filter(inspection=inspection, role="inspector").delete()
        client = client_for("lead")
        page = client.get(f"/inspections/{inspection.pk}/status/").content.decode()
        assert "Draw the sample first" in page  # shown before anyone tries
        response = _move(client, inspection, "set_up", "fieldwork", "We are ready")
        assert response.status_code == 400
        page = response.content.decode()
        assert "govuk-error-summary" in page
        assert "Draw the sample first: no case has been drawn yet" in page
        assert "Add at least one inspector to the team" in page
        assert "§" not in page.split("govuk-error-summary", 1)[1].split("</div>", 1)[0]
        assert _fresh(inspection).status == "set_up"
        assert not AuditEvent.objects.filter(inspection=inspection).exists()

    def test_opens_with_a_sample_and_an_inspector(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        inspection = scenario["fieldwork"]
        Inspection.objects.filter(pk=inspection.pk).update(status="set_up")
        response = _move(client_for("lead"), inspection, "set_up", "fieldwork")
        assert response.status_code == 302
        assert _fresh(inspection).status == "fieldwork"


class TestGateToThePanel001Section4Point15:
    """001 §4.15, §4.16: the panel considers the lead's proposed domain-one ratings, so each
    judged standard needs one; and every sample case is complete or withdrawn with a reason,
    unless the lead records why the panel goes ahead with cases open."""

    def test_refused_with_open_cases_and_no_proposals(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        inspection = scenario["fieldwork"]
        response = _move(client_for("lead"), inspection, "fieldwork", "panel", "Time is up")
        assert response.status_code == 400
        page = response.content.decode()
        assert "2 sample cases are not complete or withdrawn" in page
        assert "Propose a rating for every judged standard first: none yet for P1.1" in page
        fresh = _fresh(inspection)
        assert (fresh.status, fresh.open_cases, fresh.open_cases_reason) == ("fieldwork", 0, "")
        assert not AuditEvent.objects.filter(inspection=inspection).exists()

    def test_open_cases_need_a_reason_which_is_kept_and_audited(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        inspection = scenario["fieldwork"]
        _propose_all(inspection, scenario["users"]["lead"])
        before = AuditEvent.objects.filter(inspection=inspection).count()
        client = client_for("lead")
        response = _move(client, inspection, "fieldwork", "panel")
        assert response.status_code == 400
        assert "give the reason for moving to the ratings panel" in response.content.decode()
        assert _fresh(inspection).status == "fieldwork"
        assert AuditEvent.objects.filter(inspection=inspection).count() == before
        reason = "Two cases could not be read before the panel date"
        assert _move(client, inspection, "fieldwork", "panel", reason).status_code == 302
        fresh = _fresh(inspection)
        assert (fresh.status, fresh.open_cases, fresh.open_cases_reason) == ("panel", 2, reason)
        events = dict(
            AuditEvent.objects.filter(
                inspection=inspection, field__in=("open_cases", "open_cases_reason", "status")
            ).values_list("field", "new")
        )
        assert events["open_cases_reason"] == reason
        assert events["open_cases"] == "2"
        assert events["status"] == "panel"

    def test_complete_or_withdrawn_cases_open_the_gate_without_a_reason(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        inspection = scenario["fieldwork"]
        _propose_all(inspection, scenario["users"]["lead"])
        scenario["case"].status = "complete"
        scenario["case"].save()
        case2 = scenario["case2"]
        case2.withdrawn_at = timezone.now()
        case2.save()
        client = client_for("lead")
        # Withdrawn without a reason is not done.
        assert _move(client, inspection, "fieldwork", "panel").status_code == 400
        case2.withdrawn_reason = "Transferred out of the PDU"
        case2.save()
        assert _move(client, inspection, "fieldwork", "panel").status_code == 302
        fresh = _fresh(inspection)
        assert (fresh.status, fresh.open_cases, fresh.open_cases_reason) == ("panel", 0, "")


def test_publication_needs_the_panels_sign_off(scenario: dict[str, Any]) -> None:
    inspection = scenario["fieldwork"]
    Inspection.objects.filter(pk=inspection.pk).update(status="panel")
    assert why_not_publishable(_fresh(inspection)) == (
        "The ratings panel has not signed off its ratings"
    )


counts = st.integers(min_value=0, max_value=200)


@given(sample=counts, inspectors=counts, open_cases=counts, missing=st.booleans())
def test_gates_are_open_exactly_when_their_work_is_done(
    sample: int, inspectors: int, open_cases: int, missing: bool
) -> None:
    """001 §4.12, §4.15: each gate is shut by each unmet condition and only by those; a
    reason opens the panel gate only when open cases are all that is in the way."""
    facts = Facts(sample, inspectors, open_cases, ("P1.1",) if missing else ())
    to_fieldwork = fieldwork_gate(facts)
    assert (to_fieldwork is None) == (sample > 0 and inspectors > 0)
    if to_fieldwork is not None:
        assert len(to_fieldwork.reasons) == (sample == 0) + (inspectors == 0)
    to_panel = panel_gate(facts)
    assert (to_panel is None) == (open_cases == 0 and not missing)
    if to_panel is not None:
        assert to_panel.only_open_cases == (open_cases > 0 and not missing)
