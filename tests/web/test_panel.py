"""The ratings panel (seed 001 §4.16, §4.17, §4.24): every standard verified or departed from
with a reason, sign-off only when all are decided, locked until reopened with a reason, and
every change audited."""

from __future__ import annotations

from typing import Any

import pytest

from pinspect.scale.rating import Rating
from pinspect.web.assessments.saving import CaseAnswers, save_case
from pinspect.web.audit.models import AuditEvent
from pinspect.web.evidence.judgements import propose
from pinspect.web.panel.models import PanelDecision, PanelSignOff
from tests.web.conftest import full_answers

pytestmark = pytest.mark.django_db

JUDGED = ("P1.1", "P1.2", "P1.3")
CASE_BASED = ("P2.1", "P2.2", "P2.3", "P2.4")


@pytest.fixture
def at_panel(scenario: dict[str, Any]) -> Any:
    """The scenario's fieldwork inspection with both its cases complete (every answer yes),
    the three judged standards proposed Good by the lead, moved to the ratings panel."""
    inspection = scenario["fieldwork"]
    inspector, lead = scenario["users"]["inspector"], scenario["users"]["lead"]
    for case in (scenario["case"], scenario["case2"]):
        save_case(
            case, case.version, CaseAnswers(full_answers(case), {}, complete=True), actor=inspector
        )
    for standard in JUDGED:
        propose(inspection, standard, Rating.GOOD, f"Evidence for {standard}", lead)
    inspection.status = "panel"
    inspection.save()
    return inspection


def decide(client: Any, inspection: Any, target: str, **fields: str) -> Any:
    body = {"target": target, "decision": "verified", "final": "", "reason": "", **fields}
    return client.post(f"/panel/{inspection.pk}/decisions/", body)


def decide_all(client: Any, inspection: Any) -> None:
    """Verify every standard, then the overall rating."""
    for target in (*JUDGED, *CASE_BASED, "overall"):
        response = decide(client, inspection, target)
        assert response.status_code == 302, response.content.decode()[:2000]


def panel_json(client: Any, inspection: Any) -> dict[str, Any]:
    response = client.get(f"/api/inspections/{inspection.pk}/panel")
    assert response.status_code == 200
    data: dict[str, Any] = response.json()
    return data


def test_panel_page_shows_every_standard_its_evidence_and_the_overall_score(
    at_panel: Any, client_for: Any
) -> None:
    """001 §4.16, §4.17: the proposals and computed ratings put to the panel, with the case
    evidence (percentages, intervals, probability the rating differs) and the overall score."""
    page = client_for("panel").get(f"/panel/{at_panel.pk}/").content.decode()
    for standard in (*JUDGED, *CASE_BASED):
        assert f'id="decision-{standard.replace(".", "-")}"' in page
    assert "Evidence for P1.1" in page  # the lead's rationale
    assert "100.0%" in page  # every key question answered yes in both cases
    assert "Probability the rating differs" in page
    # 3 judged Good (6) + 4 case-based Outstanding (12) = 18 of 21: Outstanding (derived).
    assert "Overall score 18 of 21" in page
    data = panel_json(client_for("panel"), at_panel)
    assert [t["target"] for t in data["targets"]] == [*JUDGED, *CASE_BASED, "overall"]
    assert data["targets"][0]["computed_rating"] == "Good"
    assert data["targets"][0]["proposed_by"] == "lead"
    assert data["targets"][-1]["computed_rating"] == "Outstanding"


def test_sign_off_is_refused_while_a_standard_is_undecided(at_panel: Any, client_for: Any) -> None:
    client = client_for("panel")
    for target in ("P1.1", "P1.2", "P2.1", "P2.2", "P2.3"):
        assert decide(client, at_panel, target).status_code == 302
    response = client.post(f"/panel/{at_panel.pk}/sign-off/")
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "not decided: P1.3, P2.4, overall" in page
    assert not PanelSignOff.objects.exists()


def test_a_departure_without_a_reason_is_refused(at_panel: Any, client_for: Any) -> None:
    """001 §4.24: departures "with the reasons being clearly set out"."""
    client = client_for("panel")
    for reason in ("", "   "):
        response = decide(client, at_panel, "P2.1", decision="departed", final="2", reason=reason)
        assert response.status_code == 400
        page = response.content.decode()
        assert "has no reason" in page
        assert 'href="#decision-P2-1-reason"' in page
    response = decide(client, at_panel, "P2.1", decision="departed", reason="No final rating")
    assert response.status_code == 400
    assert "Choose the final rating for P2.1" in response.content.decode()
    assert not PanelDecision.objects.exists()


def test_a_departure_with_reasons_is_recorded_and_changes_the_final_rating(
    at_panel: Any, client_for: Any, scenario: dict[str, Any], make_user: Any
) -> None:
    """001 §4.24: the computed rating is kept beside the final one, the overall score uses the
    final rating, and the record keeps who decided, when and why."""
    from pinspect.web.inspections.models import Membership  # noqa: PLC0415

    second = make_user("panel2")
    Membership.objects.create(inspection=at_panel, user=second, role="panel")
    client = client_for("panel")
    response = decide(
        client,
        at_panel,
        "P2.1",
        decision="departed",
        final="2",
        reason="Two cases only: too few to call it outstanding",
        present=str(second.pk),
    )
    assert response.status_code == 302
    results = client.get(f"/api/inspections/{at_panel.pk}/results").json()
    p21 = next(s for s in results["standards"] if s["id"] == "P2.1")
    assert (p21["computed_rating"], p21["rating"]) == ("Outstanding", "Good")
    assert results["departures"][0]["reason"] == "Two cases only: too few to call it outstanding"
    assert results["overall"]["score"] == 17
    decision = panel_json(client, at_panel)["targets"][3]["decision"]
    assert decision["decision"] == "departed"
    assert decision["decided_by"] == ["panel", "panel2"]
    assert decision["final_rating"] == "Good"
    assert decision["decided_at"]
    audited = AuditEvent.objects.filter(object_type="panel.paneldecision", field="reason")
    assert audited.get().new == "Two cases only: too few to call it outstanding"


def test_a_departure_to_the_computed_rating_is_refused(at_panel: Any, client_for: Any) -> None:
    response = decide(
        client_for("panel"), at_panel, "P2.1", decision="departed", final="3", reason="Same"
    )
    assert response.status_code == 400
    assert "verify it instead" in response.content.decode()


def test_a_judged_standard_without_a_proposal_cannot_be_verified(
    scenario: dict[str, Any], client_for: Any
) -> None:
    inspection = scenario["fieldwork"]
    inspection.status = "panel"
    inspection.save()
    client = client_for("panel")
    response = decide(client, inspection, "P1.1")
    assert response.status_code == 400
    assert "P1.1 has no proposed rating" in response.content.decode()
    assert "P1.1 has no proposed rating" in client.get(f"/panel/{inspection.pk}/").content.decode()
    assert not PanelDecision.objects.exists()


def test_a_locked_decision_cannot_change_until_reopened_with_a_reason(
    at_panel: Any, client_for: Any
) -> None:
    client = client_for("panel")
    decide_all(client, at_panel)
    assert client.post(f"/panel/{at_panel.pk}/sign-off/").status_code == 302
    assert panel_json(client, at_panel)["signed_off"] is True

    response = decide(client, at_panel, "P2.1", decision="departed", final="2", reason="Later")
    assert response.status_code == 400
    assert "reopen the sign-off" in response.content.decode()
    assert PanelDecision.objects.filter(target="P2.1").count() == 1

    response = client.post(f"/panel/{at_panel.pk}/reopen/", {"reason": "  "})
    assert response.status_code == 400
    assert "Give the reason for reopening" in response.content.decode()
    assert panel_json(client, at_panel)["signed_off"] is True

    reason = "New evidence on P2.1 from the provider's factual accuracy check"
    assert client.post(f"/panel/{at_panel.pk}/reopen/", {"reason": reason}).status_code == 302
    signed = PanelSignOff.objects.get()
    assert (signed.reopen_reason, signed.reopened_by.username) == (reason, "panel")
    event = AuditEvent.objects.get(object_type="panel.panelsignoff", field="reopen_reason")
    assert (event.new, event.actor.username) == (reason, "panel")

    response = decide(client, at_panel, "P2.1", decision="departed", final="2", reason="Later")
    assert response.status_code == 302
    # History is kept: the first decision is superseded, not deleted.
    history = list(
        PanelDecision.objects.filter(target="P2.1")
        .order_by("id")
        .values_list("decision", "superseded_at")
    )
    assert [h[0] for h in history] == ["verified", "departed"]
    assert history[0][1] is not None
    assert history[1][1] is None
    # The overall rating was verified at 18 and is now 17: out of date until decided again.
    data = panel_json(client, at_panel)
    assert data["undecided"] == ["overall"]
    assert data["sign_offs"][0]["reopen_reason"] == reason


def test_a_changed_proposal_puts_the_decision_out_of_date(
    at_panel: Any, client_for: Any, scenario: dict[str, Any]
) -> None:
    """The panel verifies the rating it saw; when the lead changes the proposal afterwards, the
    decision no longer counts and sign-off names it."""
    client = client_for("panel")
    decide_all(client, at_panel)
    propose(at_panel, "P1.2", Rating.INADEQUATE, "Further evidence", scenario["users"]["lead"])
    data = panel_json(client, at_panel)
    assert data["targets"][1]["out_of_date"] is True
    # 18 → 16 of 21: the overall rating the panel verified (Outstanding) is now Good.
    assert data["targets"][-1]["computed_rating"] == "Good"
    assert data["undecided"] == ["P1.2", "overall"]
    response = client.post(f"/panel/{at_panel.pk}/sign-off/")
    assert response.status_code == 400
    assert "not decided: P1.2, overall" in response.content.decode()


def test_only_panel_members_decide_and_only_at_the_panel(
    at_panel: Any, client_for: Any, scenario: dict[str, Any]
) -> None:
    for role in ("lead", "admin", "qa", "inspector"):
        assert decide(client_for(role), at_panel, "P2.1").status_code == 403
    assert decide(client_for("viewer"), at_panel, "P2.1").status_code == 404
    assert client_for("lead").get(f"/panel/{at_panel.pk}/").status_code == 200
    assert (
        "Record the decision"
        not in client_for("lead").get(f"/panel/{at_panel.pk}/").content.decode()
    )
    at_panel.status = "fieldwork"
    at_panel.save()
    assert decide(client_for("panel"), at_panel, "P2.1").status_code == 403
    assert not PanelDecision.objects.exists()


def test_only_the_inspections_panel_members_can_be_recorded_present(
    at_panel: Any, client_for: Any, scenario: dict[str, Any]
) -> None:
    response = decide(
        client_for("panel"), at_panel, "P2.1", present=str(scenario["users"]["qa"].pk)
    )
    assert response.status_code == 400
    assert not PanelDecision.objects.exists()


def test_every_decision_and_sign_off_is_audited(at_panel: Any, client_for: Any) -> None:
    client = client_for("panel")
    decide_all(client, at_panel)
    client.post(f"/panel/{at_panel.pk}/sign-off/")
    decisions = AuditEvent.objects.filter(object_type="panel.paneldecision", field="decision")
    assert decisions.count() == 8
    assert {e.actor.username for e in decisions} == {"panel"}
    signed = AuditEvent.objects.get(object_type="panel.panelsignoff", field="ratings")
    assert "P1.1: Good" in signed.new
    assert "overall: Outstanding" in signed.new


def test_overview_links_to_the_panel_only_for_those_who_may_see_it(
    at_panel: Any, client_for: Any
) -> None:
    link = f'href="/panel/{at_panel.pk}/"'
    assert link in client_for("qa").get(f"/inspections/{at_panel.pk}/").content.decode()
    at_panel.status = "published"
    at_panel.save()
    # A viewer never sees the overview; the published report is theirs, the panel is not.
    assert client_for("viewer").get(f"/panel/{at_panel.pk}/").status_code == 403


def test_sign_off_locks_the_leads_proposals_until_reopened(
    at_panel: Any, client_for: Any, scenario: dict[str, Any]
) -> None:
    """001 §4.16, §4.17: sign-off locks the ratings, the judged standards' proposals included;
    the judgement page and ``propose`` both refuse a change until the panel reopens."""
    client = client_for("panel")
    decide_all(client, at_panel)
    assert client.post(f"/panel/{at_panel.pk}/sign-off/").status_code == 302
    lead = scenario["users"]["lead"]
    with pytest.raises(ValueError, match="signed off"):
        propose(at_panel, "P1.2", Rating.INADEQUATE, "Further evidence", lead)
    page = client_for("lead").post(
        f"/evidence/{at_panel.pk}/judgements/P1.2/",
        {"version": "2", "rating": "inadequate", "rationale": "Further evidence"},
    )
    assert page.status_code == 400
    assert "must reopen before a judgement changes" in page.content.decode()
    assert panel_json(client, at_panel)["undecided"] == []

    reason = "The provider sent new evidence on P1.2"
    assert client.post(f"/panel/{at_panel.pk}/reopen/", {"reason": reason}).status_code == 302
    propose(at_panel, "P1.2", Rating.INADEQUATE, "Further evidence", lead)
    assert panel_json(client, at_panel)["undecided"] == ["P1.2", "overall"]
