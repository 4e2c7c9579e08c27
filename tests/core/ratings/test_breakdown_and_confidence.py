"""Sub-group breakdowns (003 §3.5, 001 §5.9) and the confidence figures beside each rating."""

from __future__ import annotations

from pinspect.frameworks import Catalogue
from pinspect.frameworks.model import PercentageRounding, RatedBy
from pinspect.ratings.fragility import rating_fragility
from pinspect.ratings.inspection import rate_inspection
from pinspect.ratings.key_question import rate_key_question
from pinspect.ratings.rating import Rating
from pinspect.ratings.standard import StandardResult
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
        assert result.as_dict()["breakdowns"][0]["groups"][0]["key_questions"][0]["suppressed"] in (
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
