"""Seed 000 R 1.2.2: "Aggregated ratings for standard P 1.2 from all of the region's PDU
inspections generate a rating for key question R 1.2.2" — the web gathers them from the
published PDU inspections below the region and the core combines them."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from pinspect.ratings.serialisation import inspection_json
from pinspect.scale.rating import Rating
from pinspect.web.audit.record import record_field
from pinspect.web.evidence.judgements import propose
from pinspect.web.inspections import results
from pinspect.web.inspections.models import Inspection
from pinspect.web.inspections.results import aggregated_ratings, inspection_result, last_change
from pinspect.web.reports.models import PublishedRating

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


def test_r122_reads_the_ratings_kept_at_publication_and_rates_nothing_again(
    scenario: dict[str, Any], units: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """000 R 1.2.2: each published PDU inspection is rated once, the first time its ratings
    are needed (or when it is published), and read from what was kept after that: the
    region's results page no longer rates every PDU inspection below it on each request."""
    lead = scenario["users"]["lead"]
    propose(scenario["published"], "P1.2", Rating.GOOD, "Staffing evidence", lead)
    propose(scenario["other"], "P1.2", Rating.REQUIRES_IMPROVEMENT, "Staffing evidence", lead)
    region = Inspection.objects.create(
        title="Region one 2024",
        unit=units["region"],
        framework_id="hmip-2023-region",
        window_start=date(2024, 1, 1),
        window_end=date(2024, 12, 31),
        status="fieldwork",
    )
    first = aggregated_ratings(region)
    kept = PublishedRating.objects.filter(inspection=scenario["published"], standard_id="P1.2")
    assert [r.rating for r in kept] == [int(Rating.GOOD)]

    def no_rating(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a published inspection was rated again")

    monkeypatch.setattr(results, "inspection_result", no_rating)
    assert aggregated_ratings(region) == first
    assert sorted(first) == [Rating.REQUIRES_IMPROVEMENT, Rating.GOOD]


def test_a_pdu_inspection_published_later_makes_the_region_report_file_out_of_date(
    scenario: dict[str, Any], units: dict[str, Any]
) -> None:
    """000 R 1.2.2 reads the region's published PDU inspections: a report file of the region
    made before another of them was published no longer holds the region's ratings."""
    region = Inspection.objects.create(
        title="Region one 2024",
        unit=units["region"],
        framework_id="hmip-2023-region",
        window_start=date(2024, 1, 1),
        window_end=date(2024, 12, 31),
        status="fieldwork",
    )
    made_from = last_change(region.pk)
    # A change in a PDU inspection still in fieldwork changes nothing the region reads.
    pdu = scenario["fieldwork"]
    lead = scenario["users"]["lead"]
    record_field(actor=lead, inspection=pdu, obj=pdu, field="title", old=pdu.title, new="New")
    assert last_change(region.pk) == made_from
    record_field(
        actor=lead, inspection=pdu, obj=pdu, field="status", old=pdu.status, new="published"
    )
    pdu.status = "published"
    pdu.save(update_fields=["status"])
    assert last_change(region.pk) > made_from
    # A PDU inspection's own files still follow its own events alone.
    assert last_change(scenario["other"].pk) < last_change(region.pk)
