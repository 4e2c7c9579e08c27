"""Domain-one judgement pages and the proposal contract the ratings panel reads.

Seed 001 §4.15: "Domain One ratings will be proposed by the lead inspector in each case. It
will be a single judgement, using all the relevant sources of evidence." §4.19, §4.20, Annex G:
Outstanding and Inadequate characteristics guide the proposal.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from pinspect.scale.rating import Rating
from pinspect.web.audit.models import AuditEvent
from pinspect.web.evidence.judgements import Proposal, propose, proposed_ratings
from pinspect.web.evidence.log import add_item, set_tags
from pinspect.web.evidence.models import Judgement
from pinspect.web.inspections.models import Inspection, Membership

pytestmark = pytest.mark.django_db

STANDARD = "P1.1"


def url(inspection: Any, standard: str = STANDARD) -> str:
    return f"/evidence/{inspection.pk}/judgements/{standard}/"


def prompts_of(inspection: Any, standard: str = STANDARD) -> list[str]:
    return [
        p.id for kq in inspection.framework.standard(standard).key_questions for p in kq.prompts
    ]


def first_kq(inspection: Any) -> Any:
    return inspection.framework.standard(STANDARD).key_questions[0]


def save(client: Any, inspection: Any, version: int, **fields: str) -> Any:
    return client.post(url(inspection), {"version": str(version), **fields})


class TestJudgementPage:
    def test_shows_prompts_key_questions_and_linked_evidence(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        inspection = scenario["fieldwork"]
        lead = scenario["users"]["lead"]
        kq = first_kq(inspection)
        item = add_item(
            inspection,
            kind="meeting",
            title="Meeting with the head of PDU",
            when=None,
            notes="",
            attendees="Head of PDU",
            actor=lead,
        )
        set_tags(item, {kq.prompts[0].id: ""}, actor=lead)
        response = client_for("qa").get(url(inspection))
        assert response.status_code == 200
        page = response.content.decode()
        assert kq.text in page
        assert all(p.text in page for p in kq.prompts)
        assert "Meeting with the head of PDU" in page
        assert "You can read this judgement but not change it" in page

    def test_national_prompts_show_guidance_and_judgement_texts(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        """Seed 004: per prompt, the guidance and the positive / negative judgement."""
        national = Inspection.objects.create(
            title="National 2025",
            unit=scenario["fieldwork"].unit,
            framework_id="hmip-2024-national",
            window_start=date(2025, 1, 1),
            window_end=date(2025, 6, 30),
            status="fieldwork",
        )
        Membership.objects.create(inspection=national, user=scenario["users"]["lead"], role="lead")
        prompt = national.framework.prompt("N.1.1.a")
        assert prompt.judgement is not None
        page = client_for("lead").get(url(national, "N.1")).content.decode()
        assert "Guidance for N.1.1.a" in page  # long guidance is collapsible
        assert prompt.judgement.positive.replace("'", "&#x27;") in page
        assert prompt.judgement.negative.replace("'", "&#x27;") in page
        assert "listed sources missing" in page

    def test_annex_g_characteristics_shown_where_the_framework_has_them(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        """Seed 001 Annex G (leadership standard 1.1 of the 2018 frameworks)."""
        nps = Inspection.objects.create(
            title="NPS division 2018",
            unit=scenario["fieldwork"].unit,
            framework_id="hmip-2018-nps",
            window_start=date(2018, 1, 1),
            window_end=date(2018, 6, 30),
            status="fieldwork",
        )
        Membership.objects.create(inspection=nps, user=scenario["users"]["lead"], role="lead")
        characteristics = nps.framework.standard("1.1").characteristics
        assert characteristics is not None
        client = client_for("lead")
        page = client.get(url(nps, "1.1")).content.decode()
        assert "Rating characteristics" in page
        assert characteristics.outstanding[0][:60].replace("'", "&#x27;") in page
        assert characteristics.inadequate[-1][:60] in page
        assert "Rating characteristics" not in client.get(url(nps, "1.2")).content.decode()

    def test_a_standard_rated_from_cases_has_no_judgement_page(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        client = client_for("lead")
        assert client.get(url(scenario["fieldwork"], "P2.1")).status_code == 404
        assert client.get(url(scenario["fieldwork"], "P9.9")).status_code == 404

    def test_index_lists_judged_standards_with_their_status(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        inspection = scenario["fieldwork"]
        propose(inspection, "P1.2", Rating.GOOD, "Strong partnerships.", scenario["users"]["lead"])
        page = client_for("panel").get(f"/evidence/{inspection.pk}/judgements/").content.decode()
        assert "P1.1" in page
        assert "P1.3" in page
        assert "P2.1" not in page
        assert "Proposed: Good" in page
        assert page.count("Not proposed") == 2


class TestSaving:
    def test_saving_answers_is_audited_field_by_field(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        inspection = scenario["fieldwork"]
        kq = first_kq(inspection)
        answers = {f"answer:{p.id}": "yes" for p in kq.prompts}
        response = save(client_for("lead"), inspection, 0, **answers, **{f"answer:{kq.id}": "yes"})
        assert response.status_code == 302
        judgement = Judgement.objects.get(inspection=inspection, standard=STANDARD)
        assert judgement.version == 1
        assert judgement.answers[kq.id] == "yes"
        assert judgement.updated_by == scenario["users"]["lead"]
        events = AuditEvent.objects.filter(object_type="evidence.judgement")
        assert {e.field for e in events} == {
            f"{q} answer" for q in [*[p.id for p in kq.prompts], kq.id]
        }
        assert all(
            (e.old, e.new, e.actor) == ("", "yes", scenario["users"]["lead"]) for e in events
        )
        # changing one answer records exactly that one change
        changed = {**answers, f"answer:{kq.prompts[0].id}": "no", f"answer:{kq.id}": "yes"}
        save(client_for("lead"), inspection, 1, **changed)
        latest = AuditEvent.objects.filter(object_type="evidence.judgement").order_by("-id")[0]
        assert (latest.field, latest.old, latest.new) == (f"{kq.prompts[0].id} answer", "yes", "no")
        assert (
            AuditEvent.objects.filter(object_type="evidence.judgement").count() == len(events) + 1
        )

    def test_a_stale_save_is_refused_with_the_other_persons_values(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        """Optimistic locking: both opened version 0; the second save writes nothing."""
        inspection = scenario["fieldwork"]
        kq = first_kq(inspection)
        first = save(client_for("lead"), inspection, 0, **{f"answer:{kq.id}": "yes"})
        assert first.status_code == 302
        second = save(
            client_for("admin"), inspection, 0, **{f"answer:{kq.id}": "no"}, rationale="Mine"
        )
        assert second.status_code == 409
        page = second.content.decode()
        assert "Your changes were not saved" in page
        assert "lead saved this judgement" in page
        cells = "".join(f'<td class="govuk-table__cell">{v}</td>' for v in (kq.id, "yes", "no"))
        assert cells in page
        judgement = Judgement.objects.get(inspection=inspection, standard=STANDARD)
        assert (judgement.version, judgement.answers, judgement.rationale) == (
            1,
            {kq.id: "yes"},
            "",
        )
        assert not AuditEvent.objects.filter(actor=scenario["users"]["admin"]).exists()

    def test_a_key_question_against_every_prompt_shows_a_warning(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        inspection = scenario["fieldwork"]
        kq = first_kq(inspection)
        answers = {f"answer:{p.id}": "no" for p in kq.prompts}
        client = client_for("lead")
        assert (
            save(client, inspection, 0, **answers, **{f"answer:{kq.id}": "yes"}).status_code == 302
        )
        page = client.get(url(inspection)).content.decode()
        assert "You answered yes to the key question but no to every prompt." in page
        assert f"Check your judgement for {kq.id}" in page
        save(client, inspection, 1, **answers, **{f"answer:{kq.id}": "no"})
        assert "to every prompt" not in client.get(url(inspection)).content.decode()

    def test_a_proposal_without_rationale_is_refused(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        inspection = scenario["fieldwork"]
        response = save(client_for("lead"), inspection, 0, rating="good", rationale="  ")
        assert response.status_code == 400
        page = response.content.decode()
        assert "Give the rationale for the proposed rating" in page
        assert 'href="#f-rationale"' in page
        assert not Judgement.objects.exists()
        assert not AuditEvent.objects.exists()
        assert proposed_ratings(inspection) == {}

    def test_a_proposal_is_saved_audited_and_read_by_the_panel(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        inspection = scenario["fieldwork"]
        response = save(
            client_for("lead"),
            inspection,
            0,
            rating="requires improvement",
            rationale="Vision unclear to staff.",
        )
        assert response.status_code == 302
        assert proposed_ratings(inspection) == {
            STANDARD: Proposal(
                standard=STANDARD,
                rating=Rating.REQUIRES_IMPROVEMENT,
                rationale="Vision unclear to staff.",
                proposed_by="lead",
            )
        }
        events = {
            e.field: (e.old, e.new)
            for e in AuditEvent.objects.filter(object_type="evidence.judgement")
        }
        assert events == {
            "proposed rating": ("", "Requires improvement"),
            "rationale": ("", "Vision unclear to staff."),
        }
        page = client_for("lead").get(url(inspection)).content.decode()
        assert 'value="requires improvement" checked' in page

    def test_only_the_lead_and_admin_judge(self, scenario: dict[str, Any], client_for: Any) -> None:
        inspection = scenario["fieldwork"]
        for user in ("inspector", "qa", "panel"):
            assert save(client_for(user), inspection, 0, rationale="x").status_code == 403
        assert save(client_for("viewer"), inspection, 0, rationale="x").status_code == 404
        assert save(client_for("viewer"), scenario["published"], 0).status_code == 403
        assert not Judgement.objects.exists()


class TestProposalContract:
    """What the ratings panel calls: propose() and proposed_ratings()."""

    def test_round_trip_and_replacement(self, scenario: dict[str, Any]) -> None:
        inspection = scenario["fieldwork"]
        lead, admin = scenario["users"]["lead"], scenario["users"]["admin"]
        propose(inspection, "P1.1", Rating.OUTSTANDING, "Exceptional leadership.", lead)
        propose(inspection, "P1.3", Rating.INADEQUATE, "No services for women.", lead)
        assert proposed_ratings(inspection) == {
            "P1.1": Proposal("P1.1", Rating.OUTSTANDING, "Exceptional leadership.", "lead"),
            "P1.3": Proposal("P1.3", Rating.INADEQUATE, "No services for women.", "lead"),
        }
        propose(inspection, "P1.1", Rating.GOOD, "On reflection, good.", admin)
        assert proposed_ratings(inspection)["P1.1"] == Proposal(
            "P1.1", Rating.GOOD, "On reflection, good.", "admin"
        )
        changes = [
            (e.field, e.old, e.new, e.actor.username)
            for e in AuditEvent.objects.filter(object_type="evidence.judgement").order_by("id")
            if e.object_label == "Judgement of P1.1"
        ]
        assert changes == [
            ("rationale", "", "Exceptional leadership.", "lead"),
            ("proposed rating", "", "Outstanding", "lead"),
            ("rationale", "Exceptional leadership.", "On reflection, good.", "admin"),
            ("proposed rating", "Outstanding", "Good", "admin"),
        ]
        assert proposed_ratings(scenario["published"]) == {}

    def test_propose_moves_the_version_so_an_open_page_cannot_overwrite_it(
        self, scenario: dict[str, Any], client_for: Any
    ) -> None:
        inspection = scenario["fieldwork"]
        propose(inspection, "P1.1", Rating.GOOD, "Reasons.", scenario["users"]["admin"])
        response = save(client_for("lead"), inspection, 0, rationale="Other reasons")
        assert response.status_code == 409
        assert proposed_ratings(inspection)["P1.1"].rationale == "Reasons."

    @pytest.mark.parametrize("standard", ["P2.1", "P9.9", "N.1"])
    def test_a_standard_not_judged_in_the_framework_is_refused(
        self, scenario: dict[str, Any], standard: str
    ) -> None:
        with pytest.raises(ValueError, match="not a judged standard"):
            propose(scenario["fieldwork"], standard, Rating.GOOD, "Why", scenario["users"]["lead"])
        assert not Judgement.objects.exists()

    def test_a_blank_rationale_is_refused(self, scenario: dict[str, Any]) -> None:
        with pytest.raises(ValueError, match="rationale"):
            propose(scenario["fieldwork"], "P1.1", Rating.GOOD, " ", scenario["users"]["lead"])
        assert not Judgement.objects.exists()
