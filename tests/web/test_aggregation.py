"""Seed 000 R 1.2.2: "Aggregated ratings for standard P 1.2 from all of the region's PDU
inspections generate a rating for key question R 1.2.2" — the web gathers them from the
published PDU inspections below the region and the core combines them."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from pinspect.ratings.serialisation import inspection_json
from pinspect.scale.rating import Rating
from pinspect.web.evidence.judgements import propose
from pinspect.web.inspections.models import Inspection
from pinspect.web.inspections.results import aggregated_ratings, inspection_result

pytestmark = pytest.mark.django_db


def _key_question(result: dict[str, Any], standard: str, key_question: str) -> dict[str, Any]:
    for item in result["standards"]:
        if item["id"] == standard:
            for kq in item["key_questions"]:
                if kq["id"] == key_question:
                    return dict(kq)
    raise AssertionError(f"no {key_question} in {standard}")


def test_r122_aggregates_the_published_pdu_p12_ratings_below_the_region(
    scenario: dict[str, Any], units: dict[str, Any]
) -> None:
    lead = scenario["users"]["lead"]
    propose(scenario["published"], "P1.2", Rating.GOOD, "Staffing evidence", lead)
    propose(scenario["other"], "P1.2", Rating.INADEQUATE, "Staffing evidence", lead)
    # Not published: its proposal is no rating of the region's PDUs yet.
    propose(scenario["fieldwork"], "P1.2", Rating.OUTSTANDING, "Staffing evidence", lead)
    region = Inspection.objects.create(
        title="Region one 2024",
        unit=units["region"],
        framework_id="hmip-2023-region",
        window_start=date(2024, 1, 1),
        window_end=date(2024, 12, 31),
        status="fieldwork",
    )
    assert sorted(aggregated_ratings(region)) == [Rating.INADEQUATE, Rating.GOOD]
    kq = _key_question(inspection_json(inspection_result(region)), "R1.2", "R1.2.2")
    assert kq["aggregate"]["inspections"] == 2
    assert kq["aggregate"]["ratings"] == {"Inadequate": 1, "Good": 1}
    # The lower median of Inadequate and Good (the default aggregate_rule) is Inadequate.
    assert kq["rating"] == "Inadequate"


def test_a_pdu_inspection_aggregates_nothing(scenario: dict[str, Any]) -> None:
    assert aggregated_ratings(scenario["fieldwork"]) == []
