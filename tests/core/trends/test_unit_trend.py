"""A unit's inspections over time: compared directly only where the crosswalk says equal."""

from __future__ import annotations

import datetime
import json

import pytest

from pinspect.crosswalks import CrosswalkCatalogue, Relationship, bundled_crosswalks
from pinspect.frameworks import Catalogue
from pinspect.problems import InputError
from pinspect.ratings.inspection import rate_inspection
from pinspect.ratings.inspection_result import InspectionResult
from pinspect.scale.rating import Rating
from pinspect.trends import Comparison, Direction, PublishedInspection, UnitTrend, unit_trend
from tests.core.ratings.builders import table_for

GOOD, TOO_FEW, LARGE = (14, 6), (11, 9), (17, 3)  # 70%, 55%, 85% of 20 cases (001 §4.8)


@pytest.fixture(scope="module")
def crosswalks() -> CrosswalkCatalogue:
    return bundled_crosswalks()


def _rated(
    catalogue: Catalogue,
    framework_id: str,
    counts: dict[str, tuple[int, ...]],
    judged: dict[str, Rating] | None = None,
) -> InspectionResult:
    return rate_inspection(
        catalogue[framework_id], table_for(counts), catalogue=catalogue, judged=judged
    )


def _pdu_2023(catalogue: Catalogue, answers: tuple[int, int]) -> InspectionResult:
    counts = {f"P2.{s}.{k}": answers for s in (1, 2, 3, 4) for k in (1, 2, 3)}
    judged = {"P1.1": Rating.GOOD, "P1.2": Rating.GOOD, "P1.3": Rating.GOOD}
    return _rated(catalogue, "hmip-2023-pdu", counts, judged)


def _pdu_2021(catalogue: Catalogue, framework_id: str = "hmip-2021-pdu") -> InspectionResult:
    counts: dict[str, tuple[int, ...]] = {"2.1.1": GOOD}
    counts.update({f"2.{s}.{k}": GOOD for s in (2, 3, 4, 5) for k in (1, 2, 3)})
    counts["2.2.1"] = LARGE
    counts.update({f"2.7.{k}": LARGE for k in (1, 2, 3)})
    judged = dict.fromkeys(("1.1", "1.2", "1.3", "1.4"), Rating.REQUIRES_IMPROVEMENT)
    return _rated(catalogue, framework_id, counts, judged)


def _trend(
    catalogue: Catalogue,
    crosswalks: CrosswalkCatalogue,
    *results: tuple[str, InspectionResult],
    framework: str | None = None,
) -> UnitTrend:
    inspections = [
        PublishedInspection(label, datetime.date.fromisoformat(day), result)
        for day, (label, result) in zip(
            ("2021-06-01", "2023-06-01", "2025-06-01", "2027-06-01"), results, strict=False
        )
    ]
    return unit_trend(
        inspections,
        frameworks=catalogue,
        crosswalks=crosswalks,
        unit="Anytown",
        framework=framework,
    )


def test_inspections_under_one_framework_compare_directly(
    catalogue: Catalogue, crosswalks: CrosswalkCatalogue
) -> None:
    """001 §4.8, §4.9, §4.10: 55% is Too few (Requires improvement), 85% Large majority
    (Outstanding)."""
    trend = _trend(
        catalogue,
        crosswalks,
        ("A", _pdu_2023(catalogue, TOO_FEW)),
        ("B", _pdu_2023(catalogue, LARGE)),
    )
    assessment = next(s for s in trend.standards if s.id == "P2.1")
    first, second = assessment.points
    assert (first.comparison, first.rating) == (Comparison.SAME, Rating.REQUIRES_IMPROVEMENT)
    assert (second.comparison, second.rating) == (Comparison.SAME, Rating.OUTSTANDING)
    assert second.change is not None
    assert (second.change.direction, second.change.steps, second.change.approximate) == (
        Direction.UP,
        2.0,
        False,
    )
    kq = next(k for k in trend.key_questions if k.id == "P2.1.3")
    assert [p.percent for p in kq.points] == [55.0, 85.0]
    assert kq.points[1].change is not None
    assert kq.points[1].change.steps == 30.0
    assert [p.comparison for p in trend.overall] == [Comparison.SAME, Comparison.SAME]
    assert trend.retired_standards == ()
    assert trend.notes == ()


def test_across_editions_only_equal_elements_compare_directly(
    catalogue: Catalogue, crosswalks: CrosswalkCatalogue
) -> None:
    trend = _trend(
        catalogue,
        crosswalks,
        ("2021", _pdu_2021(catalogue)),
        ("2023", _pdu_2023(catalogue, LARGE)),
    )
    assert trend.framework == "hmip-2023-pdu"
    by_id = {s.id: s for s in trend.standards}
    # Assessment asks the same in both editions (seed 003 Annexe A 2.2, seed 000 P2.1).
    old, new = by_id["P2.1"].points
    assert old.comparison is Comparison.EQUAL
    assert [c.id for c in old.counterparts] == ["2.2"]
    assert old.rating is Rating.GOOD
    assert new.change is not None
    assert not new.change.approximate
    # Implementation and delivery lost its post-custody prompts: approximate.
    old, new = by_id["P2.3"].points
    assert old.comparison is Comparison.APPROXIMATE
    assert old.counterparts[0].relationship is Relationship.SUPERSET
    assert new.change is not None
    assert new.change.approximate
    # 2023 Leadership takes in 2021 Leadership and Information and facilities: two values.
    leadership = by_id["P1.1"].points[0]
    assert leadership.comparison is Comparison.APPROXIMATE
    assert [c.id for c in leadership.counterparts] == ["1.1", "1.4"]
    assert leadership.rating is None
    assert leadership.ratings == (Rating.REQUIRES_IMPROVEMENT, Rating.REQUIRES_IMPROVEMENT)
    kq = {k.id: k for k in trend.key_questions}
    assert kq["P2.1.1"].points[0].percent == 85.0
    assert kq["P2.1.1"].points[0].comparison is Comparison.EQUAL
    assert kq["P2.3.1"].points[0].comparison is Comparison.APPROXIMATE
    # Nothing a 2021 report rated disappears: victim work and court work are kept apart.
    retired = {s.id: s for s in trend.retired_standards}
    assert set(retired) == {"2.1", "2.6", "2.7"}
    assert retired["2.7"].points[0].rating is Rating.OUTSTANDING
    assert retired["2.7"].points[1].comparison is Comparison.NONE
    assert {k.id for k in trend.retired_key_questions} == {"2.1.1", "2.7.1", "2.7.2", "2.7.3"}
    # 001 §4.22: ten scored standards against seven; the overall rating is approximate.
    assert [p.comparison for p in trend.overall] == [Comparison.APPROXIMATE, Comparison.SAME]
    assert trend.overall[0].max_score == 30
    data = json.loads(json.dumps(trend.as_dict()))
    assert data["standards"][3]["points"][0]["comparison"] == "equal"
    assert data["inspections"][0]["crosswalk"] == "hmip-2021-pdu--hmip-2023-pdu"


def test_a_variant_compares_with_its_base_but_its_overall_does_not(
    catalogue: Catalogue, crosswalks: CrosswalkCatalogue
) -> None:
    """001 §4.22, §4.23: the variant scores nine standards out of 27 and its base ten out of 30,
    so the standards compare directly and the overall ratings only approximately."""
    trend = _trend(
        catalogue,
        crosswalks,
        ("published", _pdu_2021(catalogue, "hmip-2021-pdu-scored-27")),
        ("as seeded", _pdu_2021(catalogue)),
    )
    assert trend.framework == "hmip-2021-pdu"
    assert all(s.points[0].comparison is Comparison.EQUAL for s in trend.standards)
    overall = trend.overall
    assert (overall[0].score, overall[0].max_score) == (14, 27)
    assert (overall[1].score, overall[1].max_score) == (17, 30)
    assert overall[0].comparison is Comparison.APPROXIMATE
    assert overall[1].change is not None
    assert overall[1].change.approximate


def test_a_change_skips_inspections_without_a_counterpart(
    catalogue: Catalogue, crosswalks: CrosswalkCatalogue
) -> None:
    """The national framework (002 decision 7) has no crosswalk to the PDU standards."""
    national = rate_inspection(
        catalogue["hmip-2024-national"],
        table_for({"P2.1.1": GOOD}),
        catalogue=catalogue,
        judged=dict.fromkeys(("N.1", "N.2", "N.3", "N.4"), Rating.GOOD),
    )
    trend = _trend(
        catalogue,
        crosswalks,
        ("A", _pdu_2023(catalogue, GOOD)),
        ("N", national),
        ("B", _pdu_2023(catalogue, TOO_FEW)),
    )
    points = next(s for s in trend.standards if s.id == "P2.2").points
    assert [p.comparison for p in points] == [Comparison.SAME, Comparison.NONE, Comparison.SAME]
    assert points[2].change is not None
    assert points[2].change.since == "A"
    assert points[2].change.direction is Direction.DOWN
    assert any("No crosswalk joins hmip-2024-national (N)" in n for n in trend.notes)
    assert trend.inspections[1].crosswalk is None


def test_order_reading_framework_and_unit_kinds(
    catalogue: Catalogue, crosswalks: CrosswalkCatalogue
) -> None:
    nps = _rated(catalogue, "hmip-2018-nps", {"2.1.1": GOOD})
    later = PublishedInspection("2023", datetime.date(2023, 1, 1), _pdu_2023(catalogue, GOOD))
    earlier = PublishedInspection("2019", datetime.date(2019, 1, 1), nps)
    trend = unit_trend(
        [later, earlier], frameworks=catalogue, crosswalks=crosswalks, framework="hmip-2021-pdu"
    )
    assert [i.label for i in trend.inspections] == ["2019", "2023"]
    assert trend.framework == "hmip-2021-pdu"
    assessment = next(k for k in trend.key_questions if k.id == "2.2.1")
    # 2018 2.1.1 is equal to 2021 2.2.1; 2023 P2.1.1 is equal to it too.
    assert [p.comparison for p in assessment.points] == [Comparison.EQUAL, Comparison.EQUAL]
    assert any("another kind of unit (nps-division)" in n for n in trend.notes)


def test_bad_input(catalogue: Catalogue, crosswalks: CrosswalkCatalogue) -> None:
    result = _pdu_2023(catalogue, GOOD)
    twice = [PublishedInspection("A", datetime.date(2024, 1, 1), result)] * 2
    with pytest.raises(InputError, match="two inspections are labelled 'A'"):
        unit_trend(twice, frameworks=catalogue, crosswalks=crosswalks)
    with pytest.raises(ValueError, match="at least one inspection"):
        unit_trend([], frameworks=catalogue, crosswalks=crosswalks)
    with pytest.raises(InputError, match="unknown framework 'nowhere'"):
        unit_trend(twice[:1], frameworks=catalogue, crosswalks=crosswalks, framework="nowhere")
