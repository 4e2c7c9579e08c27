"""001 §4.8: "Minority: <50% Too few: 50-64% Reasonable majority: 65-79% Large majority: 80%+"."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from pinspect.frameworks.model import PercentageRounding
from pinspect.ratings.band_rule import (
    band_for_counts,
    bands_for_count_arrays,
    next_band_needs,
)
from pinspect.scale.counts import display_percent
from pinspect.scale.rating import Band, Rating

EXACT = PercentageRounding.EXACT
WHOLE = PercentageRounding.WHOLE_PERCENT


class Test001Section4Point8Bands:
    """001 §4.8: "Minority: <50% Too few: 50-64% Reasonable majority: 65-79% Large majority:
    80%+" — exact boundaries belong to the higher band."""

    @pytest.mark.parametrize("rounding", [EXACT, WHOLE])
    @pytest.mark.parametrize(
        ("yes", "no", "band"),
        [
            (50, 50, Band.TOO_FEW),  # 50.0%
            (49, 51, Band.MINORITY),  # 49.0%
            (65, 35, Band.REASONABLE_MAJORITY),  # 65.0%
            (64, 36, Band.TOO_FEW),  # 64.0%
            (80, 20, Band.LARGE_MAJORITY),  # 80.0%
            (79, 21, Band.REASONABLE_MAJORITY),  # 79.0%
            (13, 7, Band.REASONABLE_MAJORITY),  # 65.0% of 20
            (4, 1, Band.LARGE_MAJORITY),  # 80.0% of 5
            (1, 1, Band.TOO_FEW),  # 50.0% of 2
            (0, 3, Band.MINORITY),
            (3, 0, Band.LARGE_MAJORITY),
        ],
    )
    def test_exact_boundaries(
        self, yes: int, no: int, band: Band, rounding: PercentageRounding
    ) -> None:
        """001 §4.8: 50.0%, 65.0% and 80.0% start their bands under either rounding."""
        assert band_for_counts(yes, no, rounding) is band

    def test_64_6_percent_is_too_few_when_exact(self) -> None:
        """001 §4.8 "Too few: 50-64%": 64.6% (84 of 130) is below 65% compared exactly."""
        assert Fraction(84, 130) * 100 == pytest.approx(64.615, abs=0.001)
        assert band_for_counts(84, 46, EXACT) is Band.TOO_FEW
        assert Band.TOO_FEW.rating is Rating.REQUIRES_IMPROVEMENT

    def test_64_6_percent_is_reasonable_majority_by_whole_percent(self) -> None:
        """001 §4.8 "Reasonable majority: 65-79%": 64.6% rounds half up to 65% first."""
        assert band_for_counts(84, 46, WHOLE) is Band.REASONABLE_MAJORITY
        assert Band.REASONABLE_MAJORITY.rating is Rating.GOOD

    def test_64_4_percent_stays_too_few_by_whole_percent(self) -> None:
        """001 §4.8: 64.4% (29 of 45) rounds to 64%, still Too few."""
        assert band_for_counts(29, 16, WHOLE) is Band.TOO_FEW

    def test_64_5_percent_rounds_half_up(self) -> None:
        """001 §4.8 with whole-percent rounding: exactly 64.5% (129 of 200) rounds up to 65%."""
        assert band_for_counts(129, 71, WHOLE) is Band.REASONABLE_MAJORITY
        assert band_for_counts(129, 71, EXACT) is Band.TOO_FEW

    def test_no_applicable_case_has_no_band(self) -> None:
        """001 §4.7: the percentage is over applicable cases; with none there is no band."""
        assert band_for_counts(0, 0, EXACT) is None

    @pytest.mark.parametrize("rounding", [EXACT, WHOLE])
    def test_matches_the_fraction_brute_force(self, rounding: PercentageRounding) -> None:
        """001 §4.8 checked against exact fractions for every count up to 120 cases."""
        for n in range(1, 121):
            for yes in range(n + 1):
                share = Fraction(100 * yes, n)
                if rounding is WHOLE:
                    share = Fraction(int(share + Fraction(1, 2)))
                expected = sum(share >= b.lower_bound for b in Band if b.lower_bound)
                assert band_for_counts(yes, n - yes, rounding) == Band(expected)

    @pytest.mark.parametrize("rounding", [EXACT, WHOLE])
    def test_vectorised_rule_agrees(self, rounding: PercentageRounding) -> None:
        """001 §4.8 over arrays gives the same bands as the scalar rule."""
        yes, n = np.meshgrid(np.arange(0, 151), np.arange(1, 151))
        mask = yes <= n
        vector = bands_for_count_arrays(yes[mask], n[mask], rounding)
        scalar = [
            band_for_counts(int(y), int(m - y), rounding)
            for y, m in zip(yes[mask], n[mask], strict=True)
        ]
        assert vector.tolist() == [int(b) for b in scalar if b is not None]


class TestNextBandNeeds:
    """The fewest "no" answers turned "yes" (sample size fixed) that lift a key question one band
    under 001 §4.8."""

    @pytest.mark.parametrize("rounding", [EXACT, WHOLE])
    def test_is_exactly_the_smallest_lift(self, rounding: PercentageRounding) -> None:
        """The returned number lifts the band (at least one) and one fewer does not (every count
        up to 80 cases)."""
        for n in range(1, 81):
            for yes in range(n + 1):
                band = band_for_counts(yes, n - yes, rounding)
                assert band is not None
                needs = next_band_needs(yes, n - yes, rounding)
                if band is Band.LARGE_MAJORITY:
                    assert needs is None
                    continue
                assert needs is not None
                assert needs >= 1
                lifted = band_for_counts(yes + needs, n - yes - needs, rounding)
                assert lifted is not None
                assert lifted > band
                assert band_for_counts(yes + needs - 1, n - yes - needs + 1, rounding) == band

    def test_worked_example(self) -> None:
        """001 §4.8: 41 of 60 (68.3%) needs 7 more yes answers for 80% (48 of 60)."""
        assert next_band_needs(41, 19, EXACT) == 7
        assert next_band_needs(84, 46, EXACT) == 1  # 85 of 130 = 65.4%
        assert next_band_needs(0, 0, EXACT) is None


def test_display_percent_rounds_half_up_to_one_place() -> None:
    """Display only: 2 of 3 → 66.7; 1 of 8 → 12.5; 1 of 16 = 6.25 → 6.3; none → None."""
    assert display_percent(2, 3) == 66.7
    assert display_percent(1, 8) == 12.5
    assert display_percent(1, 16) == 6.3
    assert display_percent(0, 0) is None
