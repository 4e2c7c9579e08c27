"""The array figures of many inspections equal their result objects (001 §4.8, §4.10)."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pinspect.frameworks import bundled_catalogue
from pinspect.frameworks.model import RatedBy
from pinspect.ratings.case_figures import NOT_RATED_CODE, CaseFigures, lowest_band_codes
from pinspect.ratings.inspection import rate_inspections
from pinspect.ratings.inspection_result import InspectionResult
from pinspect.ratings.serialisation import inspection_json
from pinspect.ratings.standard import StandardResult
from pinspect.settings import Settings
from pinspect.stats.interval import wilson_interval, wilson_intervals
from tests.core.ratings.scenarios import Scenario, scenarios


class TestWilsonIntervals:
    """001 §4.12: the interval at the framework's level, the same arithmetic for arrays."""

    @given(
        st.lists(st.tuples(st.integers(0, 500), st.integers(0, 500)), min_size=1, max_size=30),
        st.sampled_from([0.8, 0.9, 0.95]),
    )
    def test_equal_to_one_at_a_time(self, counts: list[tuple[int, int]], level: float) -> None:
        yes = np.asarray([c[0] for c in counts], dtype=np.int64)
        trials = yes + np.asarray([c[1] for c in counts], dtype=np.int64)
        low, high = wilson_intervals(yes, trials, level)
        for i, (y, n) in enumerate(zip(yes.tolist(), trials.tolist(), strict=True)):
            if n == 0:
                assert math.isnan(low[i])
                assert math.isnan(high[i])
            else:
                assert (low[i], high[i]) == wilson_interval(y, n, level)

    def test_impossible_counts_refused(self) -> None:
        with pytest.raises(ValueError, match="between 0 and trials"):
            wilson_intervals(np.asarray([3]), np.asarray([2]), 0.8)


class TestLowestBand:
    """001 §4.10: "the rating will be aligned to the lowest banding at the key question
    level"; a key question with no band leaves its standard not rated."""

    @given(st.lists(st.integers(-1, 3), min_size=1, max_size=12), st.data())
    def test_lowest_of_each_standard(self, bands: list[int], data: st.DataObject) -> None:
        owners = sorted(
            data.draw(st.lists(st.integers(0, 3), min_size=len(bands), max_size=len(bands)))
        )
        codes = lowest_band_codes(
            np.asarray([bands], dtype=np.int64), np.asarray(owners, dtype=np.int64), 4
        )[0]
        for standard in range(4):
            mine = [b for b, o in zip(bands, owners, strict=True) if o == standard]
            if not mine or min(mine) < 0:
                assert codes[standard] == NOT_RATED_CODE
            else:
                assert codes[standard] == min(mine)


@pytest.mark.parametrize("scenario", scenarios(), ids=lambda s: s.name)
def test_array_figures_equal_result_objects(scenario: Scenario) -> None:
    """Every inspection's case-based key questions (counts, band, interval) and standards
    (computed rating) read from the arrays equal its result objects, and the 2024 national
    inspection's case data likewise (002 decision 7)."""
    catalogue = bundled_catalogue()
    results = rate_inspections(
        scenario.framework,
        scenario.table,
        catalogue=catalogue,
        settings=Settings(simulation_draws=100),
        judged=scenario.judged,
        departures=scenario.departures,
        aggregate=scenario.aggregate,
        by=scenario.by,
    )

    def own(result: InspectionResult) -> tuple[StandardResult, ...]:
        return result.standards

    def case_data(result: InspectionResult) -> tuple[StandardResult, ...]:
        assert result.case_data is not None
        return result.case_data.standards

    sets: list[tuple[CaseFigures, Callable[[InspectionResult], tuple[StandardResult, ...]]]]
    sets = [(results.figures, own)]
    if results.case_data_figures is not None:
        sets.append((results.case_data_figures, case_data))
    for figures, standards_of in sets:
        for index, result in enumerate(results):
            standards = {s.id: s for s in standards_of(result)}
            for column, standard_id in enumerate(figures.standards):
                standard = standards[standard_id]
                assert standard.rated_by is RatedBy.CASES
                code = figures.ratings[index, column]
                expected = standard.computed_rating
                assert (None if code == NOT_RATED_CODE else code) == expected
            key_questions = {kq.id: kq for s in standards_of(result) for kq in s.key_questions}
            for column, kq_id in enumerate(figures.key_questions):
                kq = key_questions[kq_id]
                assert (figures.yes[index, column], figures.no[index, column]) == (kq.yes, kq.no)
                assert figures.not_applicable[index, column] == kq.not_applicable
                band = figures.bands[index, column]
                assert (None if band == NOT_RATED_CODE else band) == kq.band
                low, high = (
                    figures.interval_low[index, column],
                    figures.interval_high[index, column],
                )
                assert (None if math.isnan(low) else (low, high)) == kq.interval


def test_results_read_in_any_order_are_the_same() -> None:
    """Each inspection's result is built when read; reading from the end, by slice or in
    order gives the same results, as many as there are inspections."""
    scenario = scenarios()[-1]
    catalogue = bundled_catalogue()

    def rate() -> list[dict[str, object]]:
        results = rate_inspections(
            scenario.framework,
            scenario.table,
            catalogue=catalogue,
            settings=Settings(simulation_draws=100),
            judged=scenario.judged,
            aggregate=scenario.aggregate,
            by=scenario.by,
        )
        assert len(results) == len(scenario.table.inspections)
        backwards = [inspection_json(results[-i]) for i in range(1, len(results) + 1)]
        assert [inspection_json(r) for r in results[::-1]] == backwards
        return backwards[::-1]

    in_order = [
        inspection_json(r)
        for r in rate_inspections(
            scenario.framework,
            scenario.table,
            catalogue=catalogue,
            settings=Settings(simulation_draws=100),
            judged=scenario.judged,
            aggregate=scenario.aggregate,
            by=scenario.by,
        )
    ]
    assert rate() == in_order
