"""The rating scale and the bands, and the step above each (001 §4.1, §4.8, §4.10)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from pinspect.scale import Band, Rating, YesNoCounts


def test_the_next_rating_is_one_step_up_the_four_point_scale() -> None:
    """001 §4.1: "outstanding; good; requires improvement; inadequate" — the next rating of
    each, and none above Outstanding."""
    assert [r.next for r in Rating] == [
        Rating.REQUIRES_IMPROVEMENT,
        Rating.GOOD,
        Rating.OUTSTANDING,
        None,
    ]


def test_the_next_band_is_one_step_up_and_aligned_with_the_next_rating() -> None:
    """001 §4.8 and §4.10: Minority, Too few, Reasonable majority, Large majority; the band
    above each has a higher lower bound and gives the next rating."""
    assert [b.next for b in Band] == [
        Band.TOO_FEW,
        Band.REASONABLE_MAJORITY,
        Band.LARGE_MAJORITY,
        None,
    ]
    for band in Band:
        upper = band.next
        if upper is not None:
            assert upper.lower_bound > band.lower_bound
            assert upper.rating is band.rating.next


@given(st.sampled_from(list(Rating)))
def test_next_never_skips_or_goes_down(rating: Rating) -> None:
    """001 §4.1: the scale is ordered; the next rating scores exactly one more."""
    above = rating.next
    if above is None:
        assert rating is Rating.OUTSTANDING
    else:
        assert above.score == rating.score + 1


@given(
    st.integers(min_value=0, max_value=500),
    st.integers(min_value=0, max_value=500),
    st.integers(min_value=0, max_value=50),
)
def test_yes_no_counts_take_the_percentage_over_applicable_cases(
    yes: int, no: int, not_applicable: int
) -> None:
    """001 §4.7, §4.8: the percentage is yes over yes + no; not-applicable cases count neither
    way; counts of two sets of cases add up."""
    counts = YesNoCounts(yes, no, not_applicable)
    assert counts.applicable == yes + no
    if yes + no == 0:
        assert counts.percent is None
    else:
        assert counts.percent is not None
        # Compared exactly: 59/400 is 14.75 %, shown as 14.8, and the float difference is a hair
        # over 0.05 although the rounding is right.
        shown = Fraction(str(counts.percent))
        assert abs(shown - Fraction(100 * yes, yes + no)) <= Fraction(1, 20)
    assert YesNoCounts(yes, no, not_applicable) == counts
    assert counts + YesNoCounts(1, 2, 3) == YesNoCounts(yes + 1, no + 2, not_applicable + 3)
