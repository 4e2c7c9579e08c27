"""Sub-group breakdowns (003 §3.5, 001 §5.9) and the confidence figures beside each rating."""

from __future__ import annotations

import numpy as np

from pinspect.frameworks import Catalogue
from pinspect.frameworks.model import PercentageRounding, RatedBy
from pinspect.ratings.band_rule import bands_for_count_arrays
from pinspect.ratings.breakdown import Breakdown, breakdown_counts
from pinspect.ratings.fragility import band_distribution, rating_fragility
from pinspect.ratings.inspection import rate_inspection
from pinspect.ratings.key_question import rate_key_question
from pinspect.ratings.serialisation import breakdown_json, inspection_json
from pinspect.ratings.standard import StandardResult
from pinspect.ratings.view import answer_view
from pinspect.scale.rating import Rating
from pinspect.settings import Settings
from pinspect.stats.interval import wilson_interval, z_for_confidence
from tests.core.ratings.builders import table_for


class TestBreakdowns:
    """003 §3.5: results by sub-group (for example women) and intersections; small groups
    suppressed below the suppress_below setting."""

    def test_split_pairs_and_suppression(self, catalogue: Catalogue) -> None:
        """Each attribute and each pair; a group with fewer applicable cases is suppressed."""
        framework = catalogue.get_framework("hmip-2023-pdu")
        sex = {f"C{i:04d}": ("Female" if i < 3 else "Male") for i in range(20)}
        age = {f"C{i:04d}": ("18-24" if i % 2 else "25+") for i in range(19)}  # one missing
        table = table_for({"P2.1.1": (15, 5)}, attributes={"sex": sex, "age": age})
        result = rate_inspection(
            framework,
            table,
            catalogue=catalogue,
            settings=Settings(simulation_draws=200, suppress_below=5),
            by=["sex", "age"],
        )
        by = {b.by: b for b in result.breakdowns}
        assert set(by) == {("sex",), ("age",), ("sex", "age")}
        groups = {g.values: g for g in by[("sex",)].groups}
        female = groups[(("sex", "Female"),)]
        assert female.key_questions[0].suppressed
        assert female.key_questions[0].yes is None
        assert female.cases is None
        male = groups[(("sex", "Male"),)].key_questions[0]
        assert (male.yes, male.no, male.suppressed) == (12, 5, False)
        age_groups = {g.values: g for g in by[("age",)].groups}
        assert (("age", None),) in age_groups  # not recorded
        assert inspection_json(result)["breakdowns"][0]["groups"][0]["key_questions"][0][
            "suppressed"
        ] in (
            True,
            False,
        )


class TestWilsonInterval:
    """Wilson score interval at the framework's confidence level (001 §4.12: 80%)."""

    def test_z_and_bounds(self) -> None:
        """z for 80% is 1.2816; bounds stay within 0–100 and contain the estimate."""
        assert abs(z_for_confidence(0.8) - 1.2816) < 1e-4
        lo, hi = wilson_interval(8, 10, 0.8)
        assert 0 <= lo < 80 < hi <= 100
        assert wilson_interval(0, 5, 0.8)[0] == 0.0
        assert wilson_interval(5, 5, 0.8)[1] == 100.0

    def test_wider_for_fewer_cases(self) -> None:
        """The same percentage is less certain from fewer cases."""
        small = wilson_interval(7, 10, 0.8)
        large = wilson_interval(70, 100, 0.8)
        assert small[1] - small[0] > large[1] - large[0]


def _case_standard(yes: int, no: int) -> StandardResult:
    kq = rate_key_question(
        "K1", yes, no, 0, rounding=PercentageRounding.EXACT, confidence_level=0.8
    )
    return StandardResult("S", "S", RatedBy.CASES, True, kq.rating, None, (kq,))


class TestFragility:
    """The probability that a fresh sample of the same size would rate differently."""

    def test_30_cases_at_66_percent_is_fragile(self) -> None:
        """20 of 30 (66.7%) sits just above 65%: likely to differ, fragile at 0.2."""
        standard = _case_standard(20, 10)
        assert standard.computed_rating is Rating.GOOD
        p = rating_fragility(
            [standard],
            [],
            rounding=PercentageRounding.EXACT,
            banding=None,
            computed_overall=None,
            draws=4000,
            seed=1,
        ).standards["S"]
        assert p > 0.2
        assert standard.with_fragility(p, 0.2).fragile is True

    def test_100_cases_at_95_percent_is_not_fragile(self) -> None:
        """95 of 100 is far above 80%: the rating hardly ever differs."""
        standard = _case_standard(95, 5)
        p = rating_fragility(
            [standard],
            [],
            rounding=PercentageRounding.EXACT,
            banding=None,
            computed_overall=None,
            draws=4000,
            seed=1,
        ).standards["S"]
        assert p < 0.05
        assert standard.with_fragility(p, 0.2).fragile is False

    def test_deterministic_for_a_seed(self, catalogue: Catalogue) -> None:
        """The same answers and seed give the same figures."""
        framework = catalogue.get_framework("hmip-2023-pdu")
        table = table_for({f"P2.1.{k}": (20, 10) for k in range(1, 4)})
        a = rate_inspection(framework, table, catalogue=catalogue).standard("P2.1")
        b = rate_inspection(framework, table, catalogue=catalogue).standard("P2.1")
        assert a.p_rating_differs == b.p_rating_differs is not None


def _exact_p_differs(standard: StandardResult) -> float:
    """1 − P(the lowest of the independently drawn key-question bands is the computed one)."""
    yes = np.asarray([kq.yes for kq in standard.key_questions])
    no = np.asarray([kq.no for kq in standard.key_questions])
    at_most = band_distribution(yes, no, PercentageRounding.EXACT)
    at_least = np.ones((len(yes), 5))
    at_least[:, 1:4] = 1 - at_most
    at_least[:, 4] = 0
    lowest_at_least = at_least.prod(axis=0)
    computed = int(standard.computed_rating)  # type: ignore[arg-type]
    return float(1 - (lowest_at_least[computed] - lowest_at_least[computed + 1]))


class TestFragilityEstimate:
    """The probability that a fresh sample rates differently is estimated without bias: the
    Monte Carlo figure lies within its sampling error of the exact probability, and drawing
    each band from the beta-binomial is drawing p and then the count."""

    def test_within_sampling_error_of_the_exact_probability(self) -> None:
        """001 §4.10 (lowest key question) over three key questions near band boundaries."""
        kqs = tuple(
            rate_key_question(
                f"K{i}", yes, no, 0, rounding=PercentageRounding.EXACT, confidence_level=0.8
            )
            for i, (yes, no) in enumerate([(33, 17), (52, 13), (41, 9)])
        )
        standard = StandardResult(
            "S", "S", RatedBy.CASES, True, min(kq.rating for kq in kqs if kq.rating), None, kqs
        )
        draws = 20000
        p = rating_fragility(
            [standard],
            [],
            rounding=PercentageRounding.EXACT,
            banding=None,
            computed_overall=None,
            draws=draws,
            seed=7,
        ).standards["S"]
        exact = _exact_p_differs(standard)
        assert 0.2 < exact < 0.9
        assert abs(p - exact) < 4 * (exact * (1 - exact) / draws) ** 0.5

    def test_bands_drawn_as_p_then_the_count(self) -> None:
        """The band probabilities equal the shares of bands when p ~ Beta(yes + ½, no + ½) and
        the count ~ Binomial(n, p) are drawn, as the method describes."""
        generator = np.random.Generator(np.random.PCG64(11))
        draws = 200_000
        for yes, no in [(20, 10), (13, 7), (95, 5), (2, 1), (48, 52)]:
            shares = generator.beta(yes + 0.5, no + 0.5, size=draws)
            fresh = generator.binomial(yes + no, shares)
            bands = bands_for_count_arrays(
                fresh, np.full(draws, yes + no), PercentageRounding.EXACT
            )
            drawn = [float(np.mean(bands <= b)) for b in range(3)]
            computed = band_distribution(
                np.asarray([yes]), np.asarray([no]), PercentageRounding.EXACT
            )
            assert np.allclose(computed[0], drawn, atol=0.005)

    def test_overall_within_sampling_error(self, catalogue: Catalogue) -> None:
        """001 §4.22, §4.23: the overall rating's figure is the share of draws whose banded
        score differs, judged standards held; checked against the exact convolution."""
        framework = catalogue.get_framework("hmip-2023-pdu")
        counts = {f"P2.{s}.{k}": (30 + 2 * s + k, 14) for s in range(1, 5) for k in range(1, 4)}
        judged = {"P1.1": Rating.GOOD, "P1.2": Rating.GOOD, "P1.3": Rating.REQUIRES_IMPROVEMENT}
        result = rate_inspection(
            framework,
            table_for(counts),
            catalogue=catalogue,
            settings=Settings(simulation_draws=20000),
            judged=judged,
        )
        assert result.overall is not None
        distribution = np.zeros(framework.banding.max_score + 1)
        distribution[sum(r.score for r in judged.values())] = 1.0
        for standard in result.standards:
            if standard.rated_by is not RatedBy.CASES:
                continue
            yes = np.asarray([kq.yes for kq in standard.key_questions])
            no = np.asarray([kq.no for kq in standard.key_questions])
            at_most = band_distribution(yes, no, framework.percentage_rounding)
            at_least = np.hstack([np.ones((len(yes), 1)), 1 - at_most, np.zeros((len(yes), 1))])
            lowest = at_least.prod(axis=0)
            rating = lowest[:4] - lowest[1:]
            distribution = np.convolve(distribution, rating)[: len(distribution)]
        same = sum(
            distribution[score]
            for score in range(len(distribution))
            if framework.banding.rating_for(score) is result.overall.computed_rating
        )
        exact = 1 - same
        assert 0.2 < exact < 0.5
        assert result.overall.p_rating_differs is not None
        assert (
            abs(result.overall.p_rating_differs - exact) < 4 * (exact * (1 - exact) / 20000) ** 0.5
        )


class TestBreakdownBuiltOnFirstRead:
    """003 §3.5: results by sub-group (for example women). The groups of a breakdown made from
    arrays for every inspection at once are those of the one inspection made on its own, and
    hold the counts of the group's cases."""

    def test_all_inspections_equal_one(self, catalogue: Catalogue) -> None:
        """Counts per group, a small group suppressed (suppress_below 5)."""
        framework = catalogue.get_framework("hmip-2023-pdu")
        sex = {f"C{i:04d}": ("Female" if i % 3 else "Male") for i in range(40)}
        sex["C0039"] = "Other"
        table = table_for({"P2.1.1": (25, 10, 5), "P2.2.1": (4, 30)}, attributes={"sex": sex})
        view = answer_view(framework, catalogue)
        counts = breakdown_counts(view, table, ("sex",))
        kqs = [(view.target_index(framework.id, k), k) for k in ("P2.1.1", "P2.2.1")]
        (all_at_once,) = counts.breakdowns(kqs, 5)
        one = counts.breakdown(0, kqs, 5)
        assert all_at_once == one
        assert all_at_once == Breakdown(("sex",), one.groups)
        assert breakdown_json(all_at_once) == breakdown_json(one)
        groups = {g.values: g for g in all_at_once.groups}
        female = groups[(("sex", "Female"),)]
        female_ids = {i for i in range(40) if sex[f"C{i:04d}"] == "Female"}
        p221 = female.key_questions[1]
        assert (p221.id, p221.yes, p221.no, p221.suppressed) == (
            "P2.2.1",
            len(female_ids & set(range(4))),
            len(female_ids & set(range(4, 34))),
            False,
        )
        other = groups[(("sex", "Other"),)]
        assert other.cases is None
        assert [kq.suppressed for kq in other.key_questions] == [True, True]
