"""The unit trend page (issue 17): a unit's published inspections across framework editions,
read through the crosswalk, with charts and tables; its JSON twin says the same."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from pinspect.scale.rating import Rating
from pinspect.web.inspections.models import Inspection
from pinspect.web.organisations.models import UnitViewer
from pinspect.web.published_history import PastInspection, published_inspection

PAST = (
    PastInspection(
        "P1",
        "PDU one 2021",
        "hmip-2021-pdu-scored-27",
        date(2021, 1, 1),
        date(2021, 6, 30),
        0.55,
        Rating.REQUIRES_IMPROVEMENT,
    ),
    PastInspection(
        "P1",
        "PDU one 2022",
        "hmip-2021-pdu-scored-27",
        date(2022, 1, 1),
        date(2022, 6, 30),
        0.7,
        Rating.REQUIRES_IMPROVEMENT,
    ),
    PastInspection(
        "P1",
        "PDU one 2023",
        "hmip-2023-pdu",
        date(2023, 1, 1),
        date(2023, 6, 30),
        0.8,
        Rating.GOOD,
    ),
)


@pytest.fixture
def three_inspections(units: dict[str, Any], make_user: Any) -> list[Inspection]:
    """Three published inspections of PDU one under two framework editions."""
    publisher = make_user("publisher")
    return [
        published_inspection(past, unit=units["pdu"], publisher=publisher, seed=n)
        for n, past in enumerate(PAST)
    ]


@pytest.fixture
def staff(make_user: Any) -> Client:
    client = Client()
    client.force_login(make_user("staff", is_staff=True))
    return client


def test_the_page_reads_every_inspection_in_the_latest_framework(
    three_inspections: list[Inspection], units: dict[str, Any], staff: Client
) -> None:
    response = staff.get(f"/units/{units['pdu'].pk}/trend/")
    assert response.status_code == 200
    html = response.content.decode()
    for past in PAST:
        assert past.title in html
    assert "read in Probation inspection standards – PDU standards (2023)" in html
    # One ratings chart and one chart per case-based standard of 2023 (P2.1–P2.4), each with
    # its table.
    assert html.count('role="img"') == 5
    assert html.count("data-chart-table=") == 5
    assert "Through the crosswalk" in html
    assert "Same framework" in html


def test_a_comparison_is_shown_only_where_the_crosswalk_says_equal_or_marked_approximate(
    three_inspections: list[Inspection], units: dict[str, Any], staff: Client
) -> None:
    """docs/frameworks-over-time.md: values through an `equal` pair are shown as they are,
    others are marked ≈, and an element with no counterpart is "Not comparable"."""
    data = staff.get(f"/units/{units['pdu'].pk}/trend/?format=json").json()["trend"]
    html = staff.get(f"/units/{units['pdu'].pk}/trend/").content.decode()
    for series in data["key_questions"]:
        for point in series["points"]:
            if point["comparison"] == "approximate":
                assert point["percent"] is None or f"≈ {point['percent']:.1f}%" in html
            elif point["comparison"] in ("same", "equal") and point["percent"] is not None:
                assert f"{point['percent']:.1f}%" in html
    comparisons = {p["comparison"] for s in data["key_questions"] for p in s["points"]}
    assert "approximate" in comparisons
    assert "same" in comparisons
    assert [i["label"] for i in data["inspections"]] == [p.title for p in PAST]


def test_the_json_twin_matches_the_latest_inspections_figures(
    three_inspections: list[Inspection], units: dict[str, Any], staff: Client
) -> None:
    data = staff.get(f"/units/{units['pdu'].pk}/trend/?format=json").json()
    assert data["unit"]["code"] == "P1"
    latest = data["trend"]["key_questions"][0]["points"][-1]
    assert latest["comparison"] == "same"
    html = staff.get(f"/units/{units['pdu'].pk}/trend/").content.decode()
    assert f"{latest['percent']:.1f}%" in html


def test_mock_inspections_are_left_out(
    three_inspections: list[Inspection], units: dict[str, Any], staff: Client
) -> None:
    Inspection.objects.filter(pk=three_inspections[1].pk).update(mock=True)
    data = staff.get(f"/units/{units['pdu'].pk}/trend/?format=json").json()["trend"]
    assert [i["label"] for i in data["inspections"]] == ["PDU one 2021", "PDU one 2023"]


def test_a_unit_without_published_inspections_says_so(units: dict[str, Any], staff: Client) -> None:
    response = staff.get(f"/units/{units['other'].pk}/trend/")
    assert "has no published inspection yet" in response.content.decode()
    assert staff.get(f"/units/{units['other'].pk}/trend/?format=json").json()["trend"] is None


def test_a_viewer_reaches_the_trend_from_a_published_inspections_results(
    three_inspections: list[Inspection], units: dict[str, Any], make_user: Any
) -> None:
    viewer = make_user("pdu_viewer")
    UnitViewer.objects.create(user=viewer, unit=units["pdu"])
    client = Client()
    client.force_login(viewer)
    html = client.get(f"/inspections/{three_inspections[-1].pk}/results/").content.decode()
    assert f'href="/units/{units["pdu"].pk}/trend/"' in html
    assert client.get(f"/units/{units['pdu'].pk}/trend/").status_code == 200
