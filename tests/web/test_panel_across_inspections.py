"""The panel's view across inspections (001 §4.17) and the domain correlation check (001 §4.14).

Seed 001 §4.17: the panel's job is to ensure that ratings "are sufficiently consistent, across
inspections." Seed 001 §4.14: "we will always check the correlation between domains and the
need for further interrogation."
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from pinspect.scale.rating import Rating
from pinspect.web.assessments.saving import CaseAnswers, save_case
from pinspect.web.evidence.judgements import propose
from tests.web.conftest import full_answers
from tests.web.test_panel import JUDGED

pytestmark = pytest.mark.django_db


def _assess(inspection: Any, cases: list[Any], user: Any, *, yes: bool, judged: Rating) -> None:
    """Complete the cases (every answer yes, or every answer no) and propose every judged
    standard, as fieldwork would, keeping the inspection's status."""
    status = inspection.status
    inspection.status = "fieldwork"
    inspection.save()
    for case in cases:
        case.refresh_from_db()
        save_case(
            case,
            case.version,
            CaseAnswers(full_answers(case, yes=yes), {}, complete=True),
            actor=user,
        )
    for standard in JUDGED:
        propose(inspection, standard, judged, f"Evidence for {standard}", user)
    inspection.status = status
    inspection.save()


@pytest.fixture
def panel_with_others(scenario: dict[str, Any]) -> Any:
    """At the panel: every case answered no (case-based standards Inadequate) and the judged
    standards proposed Good; the other two published inspections answered yes (Outstanding)
    with judged ratings Requires improvement."""
    users = scenario["users"]
    inspection = scenario["fieldwork"]
    _assess(
        inspection,
        [scenario["case"], scenario["case2"]],
        users["lead"],
        yes=False,
        judged=Rating.GOOD,
    )
    inspection.status = "panel"
    inspection.save()
    _assess(
        scenario["published"],
        [scenario["published_case"]],
        users["lead"],
        yes=True,
        judged=Rating.REQUIRES_IMPROVEMENT,
    )
    _assess(
        scenario["other"],
        [scenario["other_case"]],
        users["lead"],
        yes=True,
        judged=Rating.REQUIRES_IMPROVEMENT,
    )
    return inspection


def _section(page: str, anchor: str) -> str:
    start = page.index(f'id="{anchor}"')
    end = page.find("<section", start + 1)
    return page[start : end if end != -1 else len(page)]


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_each_standard_shows_the_other_published_inspections_ratings_with_a_chart_and_table(
    panel_with_others: Any, client_for: Any
) -> None:
    """001 §4.17: the same standard's final ratings in other published inspections beside
    the lead's proposal, with a chart and the table of its figures."""
    page = client_for("panel").get(f"/panel/{panel_with_others.pk}/").content.decode()
    judged = _section(page, "decision-P1-1")
    assert "P1.1 in other published inspections" in judged
    assert "<svg" in judged
    assert "style=" not in judged
    text = _text(judged)
    assert "Other inspections' ratings of P1.1" in text
    assert "Requires improvement 2" in text  # both others, in the table beside the chart
    assert "Good 0 Proposed" in text  # the lead's proposal beside them
    assert "PDU one 2023" in text
    assert "PDU two 2024" in text
    case_based = _text(_section(page, "decision-P2-1"))
    assert "Outstanding 2" in case_based
    assert "Inadequate 0 Computed" in case_based
    assert "P2.1.1" in case_based
    assert "100.0%" in case_based  # the others' key-question percentages
    assert "0.0%" in case_based  # this inspection's


def test_the_chart_describes_itself_in_words(panel_with_others: Any, client_for: Any) -> None:
    page = client_for("panel").get(f"/panel/{panel_with_others.pk}/").content.decode()
    section = _section(page, "decision-P1-2")
    assert 'role="img"' in section
    assert (
        "Other inspections: Outstanding 0, Good 0, Requires improvement 2, Inadequate 0. "
        "This inspection: Good here." in section
    )


def test_the_domain_correlation_flag(panel_with_others: Any, client_for: Any) -> None:
    """001 §4.14: judged Good beside case-based Inadequate is two steps: flagged."""
    page = client_for("panel").get(f"/panel/{panel_with_others.pk}/").content.decode()
    text = _text(_section(page, "domain-correlation"))
    assert "12 pairs of ratings diverge by 2 or more steps" in text
    assert "P1.1 Good beside P2.1 Inadequate" in text
    assert text.count("2 steps Diverges") == 12


def test_no_flag_when_the_domains_agree(scenario: dict[str, Any], client_for: Any) -> None:
    inspection = scenario["fieldwork"]
    _assess(
        inspection,
        [scenario["case"], scenario["case2"]],
        scenario["users"]["lead"],
        yes=True,
        judged=Rating.GOOD,
    )
    inspection.status = "panel"
    inspection.save()
    page = client_for("panel").get(f"/panel/{inspection.pk}/").content.decode()
    text = _text(_section(page, "domain-correlation"))
    assert "No judged rating lies 2 or more steps from a case-based rating" in text
    assert "Diverges" not in text


def test_only_published_inspections_are_compared(
    panel_with_others: Any, scenario: dict[str, Any], client_for: Any
) -> None:
    scenario["other"].status = "panel"
    scenario["other"].save()
    page = client_for("panel").get(f"/panel/{panel_with_others.pk}/").content.decode()
    text = _text(_section(page, "decision-P1-1"))
    assert "PDU one 2023" in text
    assert "PDU two 2024" not in text


def test_a_report_link_only_where_the_user_may_read_the_report(
    panel_with_others: Any, scenario: dict[str, Any], client_for: Any
) -> None:
    """The panel member of PDU one's inspection is on the team of PDU one 2023 but not of
    PDU two 2024: only the first is linked."""
    page = client_for("panel").get(f"/panel/{panel_with_others.pk}/").content.decode()
    section = _section(page, "decision-P1-1")
    assert f'href="/reports/{scenario["published"].pk}/"' in section
    assert f'href="/reports/{scenario["other"].pk}/"' not in section


def test_the_panel_json_twin_carries_the_same_view(panel_with_others: Any, client_for: Any) -> None:
    """001 §4.17: the API gives what the page shows: distribution, proposal, correlation."""
    response = client_for("panel").get(f"/api/inspections/{panel_with_others.pk}/panel")
    assert response.status_code == 200
    across = response.json()["across_inspections"]
    assert [i["label"] for i in across["inspections"]] == ["PDU one 2023", "PDU two 2024"]
    p11 = next(s for s in across["standards"] if s["id"] == "P1.1")
    assert p11["under_decision"] == "Good"
    assert {c["rating"]: c["count"] for c in p11["distribution"]}["Requires improvement"] == 2
    flagged = [p for p in across["domain_correlation"]["pairs"] if p["flagged"]]
    assert len(flagged) == 12
