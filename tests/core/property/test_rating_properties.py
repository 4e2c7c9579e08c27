"""Property tests of the rating rules (001 §4.8, §4.10, §4.22–4.23)."""

from __future__ import annotations

from itertools import product

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from pinspect.frameworks import bundled_catalogue
from pinspect.frameworks.model import PercentageRounding, RatedBy
from pinspect.ratings.answer import Answer
from pinspect.ratings.answer_table import AnswerTable
from pinspect.ratings.band_rule import band_for_counts
from pinspect.ratings.banding import BandingKind, majority_rule_banding
from pinspect.ratings.breakdown import breakdown_counts, breakdown_counts_for
from pinspect.ratings.key_question import rate_key_question
from pinspect.ratings.overall import rate_overall
from pinspect.ratings.rating import Band, Rating
from pinspect.ratings.standard import StandardResult, rate_case_standard
from pinspect.ratings.view import answer_view

ROUNDINGS = st.sampled_from(list(PercentageRounding))
COUNTS = st.tuples(st.integers(0, 200), st.integers(0, 200)).filter(lambda c: c[0] + c[1] > 0)


def _standard(counts: list[tuple[int, int]], rounding: PercentageRounding) -> StandardResult:
    framework = bundled_catalogue().get_framework("hmip-2023-pdu")
    standard = framework.standard("P2.1")
    kqs = tuple(
        rate_key_question(kq.id, yes, no, 0, rounding=rounding, confidence_level=0.8)
        for kq, (yes, no) in zip(standard.key_questions, counts, strict=False)
    )
    return rate_case_standard(standard, kqs)


class TestOneMoreYesNeverLowers:
    """001 §4.8 and §4.10: a higher share of yes answers can only keep or raise a banding, the
    standard's rating and the overall rating."""

    @given(COUNTS, ROUNDINGS)
    def test_key_question(self, counts: tuple[int, int], rounding: PercentageRounding) -> None:
        """001 §4.8: turning one "no" into "yes" never lowers the band."""
        yes, no = counts
        if no == 0:
            return
        before = band_for_counts(yes, no, rounding)
        after = band_for_counts(yes + 1, no - 1, rounding)
        assert before is not None
        assert after is not None
        assert after >= before

    @given(
        st.lists(COUNTS, min_size=3, max_size=3),
        st.integers(0, 2),
        ROUNDINGS,
        st.lists(st.sampled_from(list(Rating)), min_size=4, max_size=4),
    )
    @settings(max_examples=200)
    def test_standard_and_overall(
        self,
        counts: list[tuple[int, int]],
        which: int,
        rounding: PercentageRounding,
        others: list[Rating],
    ) -> None:
        """001 §4.10, §4.22: one more yes in one key question never lowers the standard or the
        overall rating (the other scored standards held fixed)."""
        yes, no = counts[which]
        if no == 0:
            return
        lifted = list(counts)
        lifted[which] = (yes + 1, no - 1)
        before, after = _standard(counts, rounding), _standard(lifted, rounding)
        assert before.rating is not None
        assert after.rating is not None
        assert after.rating >= before.rating
        held = [
            StandardResult(f"J{i}", "", RatedBy.JUDGEMENT, True, r, None, ())
            for i, r in enumerate(others)
        ]
        banding = majority_rule_banding(5)
        overall_before, _ = rate_overall(banding, [before, *held])
        overall_after, _ = rate_overall(banding, [after, *held])
        assert overall_before is not None
        assert overall_after is not None
        assert overall_after.rating >= overall_before.rating


class Test001Section4Point10Minimum:
    """001 §4.10: "the rating will be aligned to the lowest banding at the key question
    level"."""

    @given(st.lists(COUNTS, min_size=3, max_size=3), ROUNDINGS)
    def test_standard_is_minimum_of_key_questions(
        self, counts: list[tuple[int, int]], rounding: PercentageRounding
    ) -> None:
        """001 §4.10: the standard's rating is the minimum of its key questions' ratings."""
        standard = _standard(counts, rounding)
        ratings = [kq.rating for kq in standard.key_questions]
        assert all(r is not None for r in ratings)
        assert standard.rating == min(r for r in ratings if r is not None)


def _brute_force_threshold(n: int, rating: Rating) -> int:
    """The minimum total over all assignments where a bare majority have ``rating`` and the rest
    one rating below (001 §4.23)."""
    majority = n // 2 + 1
    best = None
    for assignment in product((rating.score, rating.score - 1), repeat=n):
        if sum(1 for s in assignment if s == rating.score) >= majority:
            total = sum(assignment)
            best = total if best is None else min(best, total)
    assert best is not None
    return best


class Test001Section4Point23DerivedBandings:
    """001 §4.23: "These bandings are aligned to the tipping points between the ratings at the
    standard level, e.g. an overall rating of 'good' is produced through six standard ratings of
    'good' and four standard ratings of 'requires improvement'"."""

    @given(st.integers(1, 12))
    def test_majority_rule_equals_brute_force(self, n: int) -> None:
        """001 §4.23: each threshold is the least total of a bare majority at the rating and the
        rest one below."""
        banding = majority_rule_banding(n)
        for rating in (Rating.REQUIRES_IMPROVEMENT, Rating.GOOD, Rating.OUTSTANDING):
            band = next(b for b in banding.bands if b.rating is rating)
            assert band.min_score == _brute_force_threshold(n, rating)

    def test_every_bundled_framework(self) -> None:
        """001 §4.23 for each bundled framework: derived (and published) bandings equal the
        majority rule for its number of scored standards."""
        for framework in bundled_catalogue().values():
            if framework.banding.kind is BandingKind.NONE:
                continue
            n = len(framework.scored_standards)
            for band in framework.banding.bands:
                if band.rating is not Rating.INADEQUATE:
                    assert band.min_score == _brute_force_threshold(n, band.rating)


class TestExactBoundaries:
    """001 §4.8: "Too few: 50-64% Reasonable majority: 65-79% Large majority: 80%+" — a share
    exactly at a boundary is in the higher band; one case fewer is not."""

    @given(st.integers(1, 60), st.sampled_from([50, 65, 80]), ROUNDINGS)
    def test_boundary(self, k: int, bound: int, rounding: PercentageRounding) -> None:
        """001 §4.8 at 20k cases, where the boundary is a whole number of cases."""
        n = 20 * k
        yes = bound * n // 100
        band = band_for_counts(yes, n - yes, rounding)
        assert band is not None
        assert band.lower_bound == bound
        if rounding is PercentageRounding.EXACT:
            below = band_for_counts(yes - 1, n - yes + 1, rounding)
            assert below is not None
            assert below == Band(band - 1)


class TestBreakdownMarginals:
    """003 §3.3 (intersectionality): a single attribute's breakdown, taken from the count of an
    attribute pair, equals counting that attribute on its own."""

    @given(
        answers=st.lists(
            st.tuples(
                st.integers(0, 11),
                st.sampled_from(["P2.1.1", "P2.1.2", "P2.2.1", "P2.1.1.a"]),
                st.sampled_from([Answer.YES, Answer.NO, Answer.NOT_APPLICABLE]),
            ),
            min_size=1,
            max_size=60,
            unique_by=lambda row: (row[0], row[1]),
        ),
        sexes=st.lists(st.sampled_from(["male", "female", "other", ""]), min_size=12, max_size=12),
        ages=st.lists(st.sampled_from(["18-25", "26-49", "50+", ""]), min_size=12, max_size=12),
    )
    @settings(max_examples=60, deadline=None)
    def test_single_attribute_from_pair_equals_direct_count(
        self,
        answers: list[tuple[int, str, Answer]],
        sexes: list[str],
        ages: list[str],
    ) -> None:
        framework = bundled_catalogue().get_framework("hmip-2023-pdu")
        rows = [(f"C{case:02d}", question, answer) for case, question, answer in answers]
        attributes = {
            "sex": {f"C{i:02d}": value for i, value in enumerate(sexes)},
            "age": {f"C{i:02d}": value for i, value in enumerate(ages)},
        }
        table = AnswerTable.from_answers(rows, attributes=attributes)
        view = answer_view(framework, bundled_catalogue())
        derived = breakdown_counts_for(view, table, ("sex", "age"))
        for counts in derived[:2]:
            direct = breakdown_counts(view, table, counts.by)
            assert counts.labels == direct.labels
            assert np.array_equal(counts.counts, direct.counts)
            assert np.array_equal(counts.cases, direct.cases)
