"""Unit summaries: a region's published PDU inspections summarised by the core, for site staff
and viewers of the unit or a unit above it; a pooled percentage is indicative, not a rating
(seed 002 decision 7)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from pinspect.scale.rating import Rating
from pinspect.web.assessments.models import SampledCase
from pinspect.web.assessments.saving import CaseAnswers, save_case
from pinspect.web.evidence.judgements import propose
from pinspect.web.organisations.models import UnitViewer
from tests.web.conftest import full_answers

pytestmark = pytest.mark.django_db

JUDGED = ("P1.1", "P1.2", "P1.3")


def _assess(inspection: Any, references: list[str], yes: bool, lead: Any) -> None:
    for reference in references:
        case = SampledCase.objects.filter(inspection=inspection, reference=reference).first()
        if case is None:
            case = SampledCase.objects.create(
                inspection=inspection, reference=reference, stratum="female"
            )
        answers = full_answers(case, yes=yes)
        save_case(case, case.version, CaseAnswers(answers, {}, complete=True), actor=lead)


@pytest.fixture
def rated(scenario: dict[str, Any], units: dict[str, Any]) -> dict[str, Any]:
    """PDU one's published inspection: 3 cases all yes (P2.x Outstanding), P1.x proposed Good
    → overall 18 of 21, Outstanding. PDU two's: 2 cases all no (P2.x Inadequate), P1.x
    Requires improvement → 3, Inadequate. PDU one's fieldwork inspection: all yes and
    Outstanding proposals, but not published."""
    lead = scenario["users"]["lead"]
    _assess(scenario["published"], ["C0001", "C0002", "C0003"], True, lead)
    _assess(scenario["other"], ["C0001", "C0002"], False, lead)
    _assess(scenario["fieldwork"], ["C0001", "C0002"], True, lead)
    for standard in JUDGED:
        propose(scenario["published"], standard, Rating.GOOD, "Evidence", lead)
        propose(scenario["other"], standard, Rating.REQUIRES_IMPROVEMENT, "Evidence", lead)
        propose(scenario["fieldwork"], standard, Rating.OUTSTANDING, "Evidence", lead)
    staff = scenario["users"]["admin"]
    staff.is_staff = True
    staff.save()
    region_viewer = get_user_model().objects.create_user("region_viewer")
    UnitViewer.objects.create(user=region_viewer, unit=units["region"])
    return {**scenario, "region_viewer": region_viewer}


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _row_counts(html: str, standard: str) -> list[int]:
    row = re.search(
        rf'<tr class="govuk-table__row" data-standard="{re.escape(standard)}">(.*?)</tr>',
        html,
        re.S,
    )
    assert row is not None, standard
    return [int(n) for n in re.findall(r'govuk-table__cell--numeric">(\d+)</td>', row.group(1))]


EXPECTED = {
    # Outstanding, Good, Requires improvement, Inadequate, Not rated
    "P1.1": [0, 1, 1, 0, 0],
    "P2.1": [1, 0, 0, 1, 0],
    "P2.4": [1, 0, 0, 1, 0],
    "Overall": [1, 0, 0, 1, 0],
}


@pytest.mark.parametrize("who", ["admin", "region_viewer"])
def test_staff_and_a_region_viewer_see_the_two_published_pdu_inspections(
    rated: dict[str, Any], units: dict[str, Any], who: str
) -> None:
    user = rated["region_viewer"] if who == "region_viewer" else rated["users"]["admin"]
    client = _client(user)
    region = units["region"].pk
    page = client.get(f"/units/{region}/summary/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "PDU one 2023" in html
    assert "PDU two 2024" in html
    assert "PDU one 2024" not in html  # in fieldwork: not published, not included
    for standard, counts in EXPECTED.items():
        assert _row_counts(html, standard) == counts, standard
    assert "indicative" in html

    data = client.get(f"/api/units/{region}/summary").json()
    assert data["unit"]["code"] == "R1"
    [framework] = data["frameworks"]
    assert framework["framework"]["id"] == "hmip-2023-pdu"
    titles = [i["title"] for i in framework["inspections"]]
    assert titles == ["PDU one 2023", "PDU two 2024"]
    summary = framework["summary"]
    assert summary["inspections"] == 2
    standards = {s["id"]: s["ratings"] for s in summary["standards"]}
    columns = ["Outstanding", "Good", "Requires improvement", "Inadequate", "Not rated"]
    for standard, counts in EXPECTED.items():
        ratings = summary["overall"] if standard == "Overall" else standards[standard]
        assert [ratings[c] for c in columns] == counts, standard
    # Pooled over 3 + 2 cases: 3 yes, 2 no — 60%, indicative, no band and no rating.
    kq = next(k for k in summary["key_questions"] if k["id"] == "P2.1.1")
    assert (kq["yes"], kq["no"], kq["percent"], kq["indicative"]) == (3, 2, 60.0, True)
    assert "rating" not in kq
    assert "band" not in kq


def test_the_nation_summary_includes_the_region_below(
    rated: dict[str, Any], units: dict[str, Any]
) -> None:
    data = _client(rated["users"]["admin"]).get(f"/api/units/{units['nation'].pk}/summary").json()
    assert [i["title"] for i in data["frameworks"][0]["inspections"]] == [
        "PDU one 2023",
        "PDU two 2024",
    ]


def test_report_links_only_for_those_who_may_read_the_report(
    rated: dict[str, Any], units: dict[str, Any]
) -> None:
    """Staff see the summary, but a report only where they may read it (the admin is a member
    of PDU one's inspections, not of PDU two's); a region viewer may read both reports."""
    url = f"/api/units/{units['region'].pk}/summary"
    links = {
        i["title"]: i["report"]
        for i in _client(rated["users"]["admin"]).get(url).json()["frameworks"][0]["inspections"]
    }
    assert links == {"PDU one 2023": f"/reports/{rated['published'].pk}/", "PDU two 2024": None}
    links = {
        i["title"]: i["report"]
        for i in _client(rated["region_viewer"]).get(url).json()["frameworks"][0]["inspections"]
    }
    assert None not in links.values()


def test_a_pdu_viewer_sees_its_own_pdu_but_one_inspection_is_not_an_aggregate(
    rated: dict[str, Any], units: dict[str, Any]
) -> None:
    client = _client(rated["users"]["viewer"])
    page = client.get(f"/units/{units['pdu'].pk}/summary/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "PDU one 2023" in html
    assert 'data-standard="P2.1"' not in html
    assert "own report" in html
    summary = client.get(f"/api/units/{units['pdu'].pk}/summary").json()["frameworks"][0]
    assert summary["summary"]["standards"] is None


def test_a_viewer_of_another_pdu_gets_404(rated: dict[str, Any], units: dict[str, Any]) -> None:
    client = _client(rated["users"]["other_viewer"])
    assert client.get(f"/units/{units['pdu'].pk}/summary/").status_code == 404
    assert client.get(f"/units/{units['region'].pk}/summary/").status_code == 404
    assert client.get(f"/api/units/{units['region'].pk}/summary").status_code == 404
    # A team member who is neither staff nor a unit viewer is told nothing either.
    member = _client(rated["users"]["lead"])
    assert member.get(f"/units/{units['pdu'].pk}/summary/").status_code == 404


def test_anonymous_users_are_sent_to_log_in(rated: dict[str, Any], units: dict[str, Any]) -> None:
    response = Client().get(f"/units/{units['region'].pk}/summary/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert Client().get(f"/api/units/{units['region'].pk}/summary").status_code == 401


def test_the_unit_list_links_to_each_summary(rated: dict[str, Any], units: dict[str, Any]) -> None:
    html = _client(rated["users"]["admin"]).get("/units/").content.decode()
    for unit in units.values():
        assert f'href="/units/{unit.pk}/summary/"' in html
