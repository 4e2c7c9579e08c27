"""Sample size from a confidence level and margin of error.

Seed 001 §4.12: "we aim for a Domain Two case sample for each inspection that will give us
an 80% confidence level, in statistical terms."
"""

from __future__ import annotations

import pytest

from pinspect.sampling import required_sample_size, reserve_size, z_score
from pinspect.settings import Settings


def test_z_scores() -> None:
    assert z_score(0.8) == pytest.approx(1.2815516, abs=1e-6)
    assert z_score(0.95) == pytest.approx(1.959964, abs=1e-6)


def test_worked_example_from_the_docs() -> None:
    """N = 1217 at 80% and 5%: n0 = 164.24, n = ceil(144.81) = 145."""
    settings = Settings()
    assert (
        required_sample_size(
            1217,
            confidence_level=settings.confidence_level,
            margin_of_error=settings.margin_of_error,
        )
        == 145
    )


@pytest.mark.parametrize(("population", "expected"), [(1, 1), (10, 10), (100, 63), (100_000, 164)])
def test_finite_population_correction(population: int, expected: int) -> None:
    assert required_sample_size(population, confidence_level=0.8, margin_of_error=0.05) == expected


def test_larger_confidence_needs_more_cases() -> None:
    assert required_sample_size(1000, confidence_level=0.95, margin_of_error=0.05) == 278


def test_reserve_rounds_up() -> None:
    assert reserve_size(148, 20) == 30
    assert reserve_size(145, 20) == 29
    assert reserve_size(10, 0) == 0


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="population"):
        required_sample_size(0, confidence_level=0.8, margin_of_error=0.05)
    with pytest.raises(ValueError, match="confidence"):
        z_score(1.0)
