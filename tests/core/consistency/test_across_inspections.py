"""The panel's view across inspections (001 §4.17) and the domain correlation check (001 §4.14)."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pinspect.consistency.across_inspections import across_inspections, comparable_frameworks
from pinspect.consistency.domain_correlation import domain_correlation
from pinspect.crosswalks import CrosswalkCatalogue, bundled_crosswalks
from pinspect.frameworks import Catalogue
from pinspect.ratings.inspection import rate_inspection
from pinspect.ratings.inspection_result import InspectionResult
from pinspect.scale.rating import Rating
from pinspect.trends import Comparison, PublishedInspection
from tests.core.ratings.builders import table_for

GOOD, TOO_FEW, LARGE, MINORITY = (14, 6), (11, 9), (17, 3), (5, 15)  # 70, 55, 85, 25 % (001 §4.8)


@pytest.fixture(scope="module")
def crosswalks() -> CrosswalkCatalogue:
    return bundled_crosswalks()


def _pdu_2023(
    catalogue: Catalogue, answers: tuple[int, int], judged: Rating = Rating.GOOD
) -> InspectionResult:
    counts = {f"P2.{s}.{k}": answers for s in (1, 2, 3, 4) for k in (1, 2, 3)}
    return rate_inspection(
        catalogue["hmip-2023-pdu"],
        table_for(counts),
        catalogue=catalogue,
        judged={"P1.1": judged, "P1.2": judged, "P1.3": judged},
    )


def _pdu_2021(catalogue: Catalogue) -> InspectionResult:
    counts: dict[str, tuple[int, ...]] = {"2.1.1": GOOD}
    counts.update({f"2.{s}.{k}": GOOD for s in (2, 3, 4, 5) for k in (1, 2, 3)})
    counts.update({f"2.7.{k}": LARGE for k in (1, 2, 3)})
    judged = dict.fromkeys(("1.1", "1.2", "1.3", "1.4"), Rating.REQUIRES_IMPROVEMENT)
    return rate_inspection(
        catalogue["hmip-2021-pdu"], table_for(counts), catalogue=catalogue, judged=judged
    )


def _published(label: str, year: int, result: InspectionResult) -> PublishedInspection:
    return PublishedInspection(label, datetime.date(year, 1, 1), result)


class TestTheSameStandardInOtherInspections:
    """001 §4.17: each standard under decision beside the same standard's final ratings and
    key-question percentages in other published inspections, predecessors read through the
    crosswalk."""

    def test_ratings_and_percentages_of_the_same_framework(
        self, catalogue: Catalogue, crosswalks: CrosswalkCatalogue
    ) -> None:
        current = _pdu_2023(catalogue, GOOD)
        others = [
            _published("Northtown", 2025, _pdu_2023(catalogue, LARGE, Rating.OUTSTANDING)),
            _published("Southtown", 2025, _pdu_2023(catalogue, TOO_FEW, Rating.GOOD)),
            _published("Easttown", 2024, _pdu_2023(catalogue, TOO_FEW)),
        ]
        view = across_inspections(
            current, others, frameworks=catalogue, crosswalks=crosswalks, divergence_steps=2
        )
        p21 = next(s for s in view.standards if s.id == "P2.1")
        assert p21.under_decision is Rating.GOOD
        assert [(p.inspection, p.rating) for p in p21.others] == [
            ("Easttown", Rating.REQUIRES_IMPROVEMENT),
            ("Northtown", Rating.OUTSTANDING),
            ("Southtown", Rating.REQUIRES_IMPROVEMENT),
        ]
        assert [(c.rating, c.count, c.under_decision) for c in p21.distribution] == [
            (Rating.OUTSTANDING, 1, False),
            (Rating.GOOD, 0, True),
            (Rating.REQUIRES_IMPROVEMENT, 2, False),
            (Rating.INADEQUATE, 0, False),
        ]
        (kq,) = [k for k in p21.other_key_questions if k.id == "P2.1.1"]
        assert [p.percent for p in kq.points] == [55.0, 85.0, 55.0]
        judged = next(s for s in view.standards if s.id == "P1.1")
        assert judged.under_decision is Rating.GOOD
        assert judged.other_key_questions == ()
        assert [p.rating for p in judged.compared] == [Rating.GOOD, Rating.OUTSTANDING, Rating.GOOD]

    def test_a_predecessor_is_read_through_the_crosswalk(
        self, catalogue: Catalogue, crosswalks: CrosswalkCatalogue
    ) -> None:
        current = _pdu_2023(catalogue, GOOD)
        others = [_published("Westtown 2021", 2022, _pdu_2021(catalogue))]
        view = across_inspections(
            current, others, frameworks=catalogue, crosswalks=crosswalks, divergence_steps=2
        )
        assert view.inspections[0].framework == "hmip-2021-pdu"
        assert view.inspections[0].crosswalk is not None
        comparisons = {s.id: s.others[0].comparison for s in view.standards}
        assert comparisons["P2.1"] in (Comparison.EQUAL, Comparison.APPROXIMATE)
        approximate = [
            s for s in view.standards if s.others[0].comparison is Comparison.APPROXIMATE
        ]
        for standard in approximate:
            assert standard.others[0] not in standard.compared

    def test_no_other_inspection(
        self, catalogue: Catalogue, crosswalks: CrosswalkCatalogue
    ) -> None:
        view = across_inspections(
            _pdu_2023(catalogue, GOOD),
            [],
            frameworks=catalogue,
            crosswalks=crosswalks,
            divergence_steps=2,
        )
        assert view.inspections == ()
        assert all(s.others == () for s in view.standards)
        assert all(c.count == 0 for s in view.standards for c in s.distribution)

    def test_predecessors_are_frameworks_of_the_same_unit_joined_by_a_crosswalk(
        self, catalogue: Catalogue, crosswalks: CrosswalkCatalogue
    ) -> None:
        found = comparable_frameworks("hmip-2023-pdu", catalogue, crosswalks)
        assert found[0] == "hmip-2023-pdu"
        assert "hmip-2021-pdu" in found
        assert "hmip-2023-region" not in found


class TestDomainCorrelation:
    """001 §4.14: judged ratings beside case-based ratings, flagged two or more steps apart."""

    def test_good_judged_beside_inadequate_cases_is_flagged(self, catalogue: Catalogue) -> None:
        result = _pdu_2023(catalogue, MINORITY, Rating.GOOD)
        correlation = domain_correlation(result, 2)
        pair = correlation.pair("P1.1", "P2.1")
        assert (pair.judged.rating, pair.case_based.rating) == (Rating.GOOD, Rating.INADEQUATE)
        assert pair.steps == 2
        assert pair.flagged
        assert len(correlation.flagged) == 3 * 4

    def test_one_step_apart_is_not_flagged(self, catalogue: Catalogue) -> None:
        correlation = domain_correlation(_pdu_2023(catalogue, TOO_FEW, Rating.GOOD), 2)
        assert correlation.pair("P1.2", "P2.3").steps == 1
        assert correlation.flagged == ()

    def test_the_setting_decides_how_far_is_too_far(self, catalogue: Catalogue) -> None:
        correlation = domain_correlation(_pdu_2023(catalogue, TOO_FEW, Rating.GOOD), 1)
        assert len(correlation.flagged) == 12

    @given(st.sampled_from(list(Rating)), st.sampled_from([GOOD, TOO_FEW, LARGE, MINORITY]))
    def test_flagged_exactly_when_two_or_more_steps_apart(
        self, judged: Rating, answers: tuple[int, int]
    ) -> None:
        from pinspect.frameworks import bundled_catalogue  # noqa: PLC0415  (cached; hypothesis)

        result = _pdu_2023(bundled_catalogue(), answers, judged)
        for pair in domain_correlation(result, 2).pairs:
            assert pair.judged.rating is not None
            assert pair.case_based.rating is not None
            assert pair.flagged == (
                abs(pair.judged.rating.score - pair.case_based.rating.score) >= 2
            )
