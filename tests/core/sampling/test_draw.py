"""Drawing the sample and its reserve: stratification, the practitioner cap, reproducibility.

Seed 001 §4.12: "we aim for a Domain Two case sample for each inspection that will give us
an 80% confidence level, in statistical terms."
"""

from __future__ import annotations

import random
from collections import Counter

import pytest

from pinspect.problems import InputError
from pinspect.sampling import (
    DEFAULT_STRATA,
    Sample,
    Stratification,
    assess_eligibility,
    draw_sample,
    long_list_from_records,
    required_sample_size,
)
from pinspect.settings import Settings
from pinspect.synthetic import synthetic_long_list
from tests.core.sampling.factories import TODAY, classifier_for, long_list, row

SETTINGS = Settings()


def draw(
    rows: list[dict[str, str]],
    size: int,
    *,
    seed: int = 1,
    settings: Settings = SETTINGS,
    strata: Stratification | None = None,
) -> Sample:
    ll = long_list(rows, strata)
    classifier = classifier_for(ll, strata)
    eligible = assess_eligibility(ll.cases, classifier, today=TODAY).eligible
    return draw_sample(eligible, classifier, size, seed=seed, settings=settings)


@pytest.fixture(scope="module")
def synthetic() -> list[dict[str, str]]:
    return synthetic_long_list(3000, seed=11, today=TODAY)


def test_default_strata_and_sizes(synthetic: list[dict[str, str]]) -> None:
    ll = long_list(synthetic)
    classifier = classifier_for(ll)
    eligibility = assess_eligibility(ll.cases, classifier, today=TODAY)
    size = required_sample_size(
        len(eligibility.eligible),
        confidence_level=SETTINGS.confidence_level,
        margin_of_error=SETTINGS.margin_of_error,
    )
    sample = draw_sample(eligibility.eligible, classifier, size, seed=5, settings=SETTINGS)
    assert [s.name for s in sample.strata] == list(DEFAULT_STRATA)
    assert len(sample.sample_cases) == size == sum(s.quota for s in sample.strata)
    assert sample.shortfall == 0
    assert len(sample.reserve_cases) == -(-size * 20 // 100)
    by_stratum = Counter(c.stratum for c in sample.sample_cases)
    for stratum in sample.strata:
        exact = size * stratum.population / sample.population
        assert abs(stratum.quota - exact) < 1
        assert by_stratum[stratum.name] == stratum.drawn


def test_other_or_not_recorded_sex_is_its_own_stratum() -> None:
    rows = [row(f"M{i}", practitioner=f"P{i}") for i in range(90)]
    rows += [row(f"O{i}", sex="Other" if i % 2 else "", practitioner=f"Q{i}") for i in range(10)]
    sample = draw(rows, 20)
    strata = {s.name: s for s in sample.strata}
    assert strata["other_or_not_recorded"].population == 10
    assert strata["other_or_not_recorded"].quota == 2


def test_practitioner_cap_reallocates_within_team() -> None:
    rows = [row(f"A{i}", practitioner="Busy") for i in range(40)]
    rows += [row(f"B{i}", practitioner=f"P{i % 4}") for i in range(8)]
    sample = draw(rows, 10)
    counts = Counter(c.case.practitioner for c in sample.cases)
    assert counts["Busy"] == 6  # sample and reserve together
    assert len(sample.sample_cases) == 10
    assert sample.shortfall == 0


def test_shortfall_reported_when_cap_leaves_too_few() -> None:
    rows = [row(f"A{i}", practitioner=f"P{i % 2}") for i in range(40)]
    sample = draw(rows, 15, settings=Settings(max_per_practitioner=6))
    assert len(sample.sample_cases) == 12
    assert sample.shortfall == 3
    assert sample.strata[0].shortfall == 3
    assert sample.reserve_shortfall == 3  # the reserve of 3 found no practitioner under the cap


def test_reserve_ranked_and_tagged() -> None:
    rows = [row(f"A{i:03d}", practitioner=f"P{i % 30}", sex="MF"[i % 2]) for i in range(300)]
    sample = draw(rows, 50)
    reserve = sample.reserve_cases
    assert [c.reserve_rank for c in reserve] == list(range(1, 11))
    assert all(c.stratum for c in reserve)
    assert not {c.case.crn for c in reserve} & {c.case.crn for c in sample.sample_cases}
    assert sample.cases[: len(sample.sample_cases)] == sample.sample_cases


def test_same_seed_same_sample_different_seed_differs(synthetic: list[dict[str, str]]) -> None:
    first = draw(synthetic, 150, seed=42)
    again = draw(synthetic, 150, seed=42)
    other = draw(synthetic, 150, seed=43)
    assert [c.case.crn for c in first.cases] == [c.case.crn for c in again.cases]
    assert {c.case.crn for c in first.cases} != {c.case.crn for c in other.cases}


def test_row_order_does_not_matter(synthetic: list[dict[str, str]]) -> None:
    shuffled = list(synthetic)
    random.Random(0).shuffle(shuffled)
    first = draw(synthetic, 150, seed=7)
    second = draw(shuffled, 150, seed=7)
    assert [c.case.crn for c in first.cases] == [c.case.crn for c in second.cases]


def test_column_strata() -> None:
    rows = [row(f"A{i}", practitioner=f"P{i}", ethnicity=["X", "Y", ""][i % 3]) for i in range(30)]
    strata = Stratification.parse("Ethnicity")
    sample = draw(rows, 9, strata=strata)
    assert {s.name: s.quota for s in sample.strata} == {
        "ethnicity=X": 3,
        "ethnicity=Y": 3,
        "ethnicity=not recorded": 3,
    }


def test_size_must_fit_population() -> None:
    with pytest.raises(InputError, match="between 1 and"):
        draw([row("A1"), row("A2")], 3)


def test_reserve_never_exceeds_population() -> None:
    sample = draw([row(f"A{i}", practitioner=f"P{i}") for i in range(10)], 9)
    assert len(sample.reserve_cases) == 1


def test_named_sample() -> None:
    ll = long_list_from_records([row("A1")])
    classifier = classifier_for(ll)
    sample = draw_sample(ll.cases, classifier, 1, seed=1, settings=SETTINGS, name="unpaid work")
    assert sample.name == "unpaid work"
