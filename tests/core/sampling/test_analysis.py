"""The analysis of a sample: population, quota, drawn, original and achieved shares."""

from __future__ import annotations

from pinspect.sampling import analyse, assess_eligibility, breakdown, draw_sample
from pinspect.settings import Settings
from pinspect.synthetic import synthetic_long_list
from tests.core.sampling.factories import TODAY, classifier_for, long_list


def test_analysis_levels_add_up() -> None:
    ll = long_list(synthetic_long_list(2000, seed=3, today=TODAY))
    classifier = classifier_for(ll)
    eligibility = assess_eligibility(ll.cases, classifier, today=TODAY)
    sample = draw_sample(eligibility.eligible, classifier, 120, seed=9, settings=Settings())
    analysis = analyse(sample, eligibility)
    assert sum(r.drawn for r in analysis.strata) == 120
    assert round(sum(r.original_percent for r in analysis.strata)) == 100
    for stratum in analysis.strata:
        areas = [a for a in analysis.areas if a.stratum == stratum.stratum]
        assert sum(a.population for a in areas) == stratum.population
        assert sum(a.drawn for a in areas) == stratum.drawn
        assert sum(a.quota for a in areas) == stratum.quota
        for area in areas:
            assert abs(area.quota - area.exact_quota) < 1
            teams = [t for t in analysis.teams if (t.stratum, t.area) == (area.stratum, area.area)]
            assert sum(t.drawn for t in teams) == area.drawn
    assert analysis.excluded == eligibility.counts()
    rows = breakdown(ll, eligibility, sample, "ethnicity")
    assert sum(r.population for r in rows) == len(eligibility.eligible)
    assert sum(r.drawn for r in rows) == 120
